#!/usr/bin/env bash
# Sets up the scratch Cloudflare Worker project (test/workers: postgres.js over a Hyperdrive
# binding, @cutx/db from the packed tarball; scripts/workers-project.sh) in a mode-0700
# temporary folder; runs that project's own @cloudflare/vitest-plugin suite inside workerd on
# both engines (a second, warm run of each with --warm), and once more with no database for the per-test cost; then
# serves a seeded database with `cutx-db serve` and makes one request per route through
# `wrangler dev`.
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

bash "$repo/scripts/workers-project.sh" "$work"
if [ -s "$work/node-bin" ]; then export PATH="$(cat "$work/node-bin"):$PATH"; fi
cd "$work/worker"

export CUTX_DB_CACHE_DIR="$work/template-cache"
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
