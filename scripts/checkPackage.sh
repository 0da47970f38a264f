#!/usr/bin/env bash
# The package as published, checked by publint (package.json fields against the files) and
# are-the-types-wrong (types resolve for ESM and CJS consumers under node10, node16 and bundler
# resolution: its strict profile; node10, TypeScript 5's default for "module": "commonjs", finds the
# subpaths through package.json typesVersions).
# Run after `npm run build`; packs without running prepack, so nothing is built twice.
set -euo pipefail
cd "$(dirname "$0")/.."
test -f dist/index.js || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }
npx publint --strict
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
tarball="$(npm pack --ignore-scripts --silent --pack-destination "$out" | tail -n 1)"
# cli: a bin-only entry (no types by design); the rest must resolve for every consumer.
npx attw "$out/$tarball" --profile strict --exclude-entrypoints cli
