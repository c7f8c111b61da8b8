#!/usr/bin/env bash
# Builds the worker for workerd: the wasm module and JS shim (worker-build, offline
# thanks to scripts/env.sh), then build/public, the static assets the worker serves:
# www/ at `/` and the web build of the npm package (pkg/web/) at `/pkg/`.
# Skips the wasm build when nothing it depends on changed since the last one.
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/env.sh

stamp=build/.built
if [ "${FORCE_BUILD:-0}" = 1 ] || [ ! -f build/index.js ] || [ ! -f "$stamp" ] \
  || [ -n "$(find src ../src Cargo.toml ../Cargo.toml ../Cargo.lock -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  worker-build --release
  touch "$stamp"
fi

rm -rf build/public.tmp
mkdir -p build/public.tmp
if [ -d ../www ]; then cp -R ../www/. build/public.tmp/; fi
if [ -d ../pkg/web ]; then
  mkdir -p build/public.tmp/pkg
  cp -R ../pkg/web/. build/public.tmp/pkg/
  rm -f build/public.tmp/pkg/.gitignore
fi
rm -rf build/public
mv build/public.tmp build/public
