#!/usr/bin/env bash
# Packs @cutx/db and installs the tarball into a scratch Cloudflare Worker project (test/workers:
# postgres.js over a Hyperdrive binding) in a mode-0700 temporary folder, as a Workers team's
# CI would have it; runs that project's own @cloudflare/vitest-plugin suite inside workerd on
# both engines (a second, warm run of each with --warm), and once more with no database for the per-test cost; then
# serves a seeded database with `cutx-db serve` and makes one request per route through
# `wrangler dev`. wrangler needs Node 22.12 or newer: an older Node gets one from npm.
# Usage: scripts/workers-test.sh [--warm]   (--warm runs each engine's suite a second time, to time it)
set -euo pipefail
warm=${1:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
# Left at mode 0700: as root, the postgres engine must cope with a folder user postgres cannot enter.
work=$(mktemp -d)
pids=()
cleanup() {
  # Each background command leads a process group of its own (setsid): npx, wrangler and
  # workerd below it go too, instead of outliving the script.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }
version_in_repo() { node -p "require('$repo/node_modules/$1/package.json').version"; }

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'; then
  echo "== Node $(node --version) is older than wrangler needs: Node 22 from npm"
  npm_install --prefix "$work/node22" "node-linux-$(node -p process.arch)@22"
  export PATH="$work/node22/node_modules/node-linux-$(node -p process.arch)/bin:$PATH"
fi
echo "node $(node --version)"

mkdir "$work/worker"
cp -r "$repo/test/workers/." "$work/worker/"
cd "$work/worker"
echo "== install the tarball, wrangler, the Workers vitest plugin, postgres.js and pg"
npm_install "$tarball" @cloudflare/vitest-plugin@1.5.1 wrangler@4.168.0 "vitest@$(version_in_repo vitest)" \
  postgres@3.4.9 "pg@$(version_in_repo pg)"

export CUTX_DB_CACHE_DIR="$work/template-cache"
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --user-group postgres; fi
run_suite() {
  local name=$1
  shift
  local started=$(date +%s%N)
  npx vitest run --reporter=default --reporter=json --outputFile="$work/$name.json" "$@"
  echo "$name: $(( ($(date +%s%N) - started) / 1000000 )) ms wall"
}
for engine in pglite postgres; do
  echo "== the Worker's suite in workerd on $engine"
  CUTX_TEST_ENGINE=$engine run_suite "$engine-cold"
  if [ "$warm" = --warm ]; then CUTX_TEST_ENGINE=$engine run_suite "$engine-warm"; fi
  node "$repo/scripts/test-durations.mjs" "$work/$engine-cold.json" 'per-test-cost'
done
echo "== the same empty tests with no database: the baseline of the per-test cost"
run_suite nodb --config vitest.nodb.config.ts
node "$repo/scripts/test-durations.mjs" "$work/nodb.json" 'per-test-cost'

echo "== wrangler dev against cutx-db serve, seeded"
setsid npx cutx-db serve --port 0 --seed-if-empty --data-dir "$work/dev-db" >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
for _ in $(seq 1 240); do grep -q '^CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE=' "$work/serve.out" && break; sleep 0.5; done
cat "$work/serve.out"
line=$(grep '^CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE=' "$work/serve.out") || { cat "$work/serve.err" >&2; exit 1; }
export "${line?}"
export DATABASE_URL=$CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
setsid npx wrangler dev --ip 127.0.0.1 --port "$port" >"$work/wrangler.log" 2>&1 &
pids+=($!)
node "$repo/scripts/workers-routes.mjs" "http://127.0.0.1:$port" || { tail -n 40 "$work/wrangler.log" >&2; exit 1; }
