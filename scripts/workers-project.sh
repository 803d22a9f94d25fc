#!/usr/bin/env bash
# Sets up the scratch Cloudflare Worker project of test/workers in the folder given (which
# must exist), as a Workers team's CI would have it: packs @cutx/db and installs the tarball
# into <folder>/worker with wrangler, the Workers vitest plugin, postgres.js and pg. wrangler
# needs Node 22.12 or newer: an older Node gets one from npm, and the folder of its `node` is
# written to <folder>/node-bin (put it first on PATH to run the project); with a recent
# enough Node that file is left empty. As root, adds the user postgres, which the postgres
# engine runs as. Used by scripts/workers-test.sh and by `npm run bench`.
# Usage: scripts/workers-project.sh <folder>
set -euo pipefail
work=$(cd "$1" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)

tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }
version_in_repo() { node -p "require('$repo/node_modules/$1/package.json').version"; }

: >"$work/node-bin"
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'; then
  echo "== Node $(node --version) is older than wrangler needs: Node 22 from npm"
  npm_install --prefix "$work/node22" "node-linux-$(node -p process.arch)@22"
  echo "$work/node22/node_modules/node-linux-$(node -p process.arch)/bin" >"$work/node-bin"
  export PATH="$(cat "$work/node-bin"):$PATH"
fi
echo "node $(node --version)"

mkdir "$work/worker"
cp -r "$repo/test/workers/." "$work/worker/"
cd "$work/worker"
echo "== install the tarball, wrangler, the Workers vitest plugin, postgres.js and pg"
npm_install "$tarball" @cloudflare/vitest-plugin@1.5.1 wrangler@4.168.0 "vitest@$(version_in_repo vitest)" \
  postgres@3.4.9 "pg@$(version_in_repo pg)"

# PostgreSQL refuses to run as root; as root, the postgres engine runs it as user postgres.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --user-group postgres; fi
