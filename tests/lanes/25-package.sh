#!/usr/bin/env bash
# Lane "package": builds the npm package into pkg/ (every entry of npm/entries.json, one
# wasm module each, for its web, node and bundler targets; the client entry), runs the
# JS tests against it (CommonJS and ESM imports; each entry exports exactly its declared
# functions; the worker client against a local fake worker), checks each entry's .d.ts
# against tests/reference/, bundles the bundler target with esbuild and runs it in
# Chromium, and prints the gzip size of each build.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

./scripts/build-pkg.sh
# The e2e/ page tests have their own lane; everything directly under tests/js/ runs here.
node --test --test-concurrency=1 tests/js/
if [ -f bench/size.mjs ]; then node bench/size.mjs; fi
