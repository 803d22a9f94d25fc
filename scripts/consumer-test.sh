#!/usr/bin/env bash
# Packs @cutx/db, installs the tarball into a scratch service project outside the repository
# (no template cache), and runs that project's tests there with vitest's defaults plus the
# documented setup, importing only through the package name, as a CutX service would. The
# project (its tests, config and package.json with its `overrides`) lives in test/consumer/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
# As root, the postgres engine runs PostgreSQL as user postgres, which must reach the binaries.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files, $(du -h "$tarball" | cut -f1)"
if tar -tzf "$tarball" | grep -E '^package/(test|bench|scripts|node_modules|\.cutx)/|\.cache/'; then
  echo "the tarball holds files a consumer does not need (listed above)" >&2
  exit 1
fi

version_in_repo() { node -p "require('$repo/node_modules/$1/package.json').version"; }
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }

mkdir "$work/service"
cp -r "$repo/test/consumer/." "$work/service/"
cd "$work/service"

echo "== the package alone: pg is an optional peer"
npm_install "$tarball"
npx cutx-db --help >/dev/null && echo "cutx-db runs from the installed package"
if npx cutx-db seed --database-url postgresql://127.0.0.1:9/none 2>"$work/seed.err"; then
  echo "seed --database-url without pg installed should have failed" >&2
  exit 1
fi
if ! grep -q "npm install --save-dev pg" "$work/seed.err"; then
  echo "seed --database-url without pg should name the package to install; it said:" >&2
  cat "$work/seed.err" >&2
  exit 1
fi
echo "without pg, seed --database-url says: $(cat "$work/seed.err")"

echo "== a service's tools and drivers beside it"
# @electric-sql/pglite at the version @cutx/db pins, so that package.json's `overrides`
# keeps kysely-pglite-dialect (which asks for pglite 0.4) on the same single copy.
pglite_version=$(tar -xOzf "$tarball" package/package.json | node -p "JSON.parse(require('fs').readFileSync(0)).dependencies['@electric-sql/pglite']")
npm_install "vitest@$(version_in_repo vitest)" "typescript@$(version_in_repo typescript)" "@types/node@$(version_in_repo @types/node)" \
  "pg@$(version_in_repo pg)" postgres@3.4.9 drizzle-orm@0.45.4 kysely@0.28.19 kysely-pglite-dialect@1.3.1 \
  "@electric-sql/pglite@$pglite_version"
copies=$(find node_modules -path '*/@electric-sql/pglite/package.json' | wc -l)
if [ "$copies" -ne 1 ]; then
  echo "expected one copy of @electric-sql/pglite in the service's tree, found $copies:" >&2
  find node_modules -path '*/@electric-sql/pglite/package.json' >&2
  exit 1
fi
echo "one copy of @electric-sql/pglite ($pglite_version) in the tree"

echo "== tsc --noEmit"
npx tsc --noEmit

echo "== vitest run: a fresh install, no template cache"
# The template cache is per user (~/.cache/cutx-db): a folder of its own keeps this run cold.
export CUTX_DB_CACHE_DIR="$work/template-cache"
test ! -e "$CUTX_DB_CACHE_DIR"
run_suite() {
  local started=$(date +%s%N)
  npx vitest run --reporter=default --reporter=json --outputFile="$work/$1.json"
  echo "$1 run: $(( ($(date +%s%N) - started) / 1000000 )) ms wall"
}
run_suite cold
echo "== vitest run again: the template cached"
run_suite warm
node "$repo/scripts/test-durations.mjs" "$work/warm.json" 'suite-'

echo "== vitest run on the postgres engine: PostgreSQL 15 from npm, a database per worker"
npx vitest run --config vitest.postgres.config.ts
