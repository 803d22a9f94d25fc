#!/usr/bin/env bash
# Packs @cutx/db, installs the tarball into a scratch project outside the repository, and
# runs a small vitest suite there that imports only through the package name, as a CutX
# service would. The suite and its config live in test/consumer/.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tarball="$work/$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files, $(du -h "$tarball" | cut -f1)"
if tar -tzf "$tarball" | grep -E '^package/(test|bench|scripts|node_modules|\.cutx)/|\.cache/'; then
  echo "the tarball holds files a consumer does not need (listed above)" >&2
  exit 1
fi

mkdir "$work/service"
cp -r "$repo/test/consumer/." "$work/service/"
cd "$work/service"
vitest_version=$(node -p "require('$repo/node_modules/vitest/package.json').version")
typescript_version=$(node -p "require('$repo/node_modules/typescript/package.json').version")
npm install --no-audit --no-fund --loglevel=error "$tarball" "vitest@$vitest_version" "typescript@$typescript_version"
npx tsc --noEmit
npx vitest run
npx cutx-db --help >/dev/null && echo "cutx-db runs from the installed package"
