#!/usr/bin/env bash
# Builds the worker for workerd: the wasm module and JS shim (worker-build, offline
# thanks to scripts/env.sh), then build/public, the static assets the worker serves:
# www/ at `/` and the client build of the npm package (pkg/client/: the core plus
# `WorkerClient`, one module) at `/pkg/`.
# Skips the wasm build when nothing it depends on changed since the last one.
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/env.sh
# scripts/stack.sh builds before it starts wrangler and sets this, so that a stack never
# rebuilds behind the caller's back (wrangler runs the build command on every start).
if [ "${CX_WORKER_PREBUILT:-0}" = 1 ] && [ -f build/index.js ]; then exit 0; fi
mkdir -p build
# Several stacks (dev, tests, benchmarks) may start at once, and wrangler runs this
# script on every start: one build at a time, the others then find it fresh.
exec 9>build/.lock
flock 9

stamp=build/.built
if [ "${FORCE_BUILD:-0}" = 1 ] || [ ! -f build/index.js ] || [ ! -f "$stamp" ] \
  || [ -n "$(find src ../src Cargo.toml ../Cargo.toml ../Cargo.lock -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  # worker-build 0.8.7 reads a package.json left in build/ by its previous run as a
  # dependency map and fails on it; it writes a fresh one anyway.
  rm -f build/package.json
  # Stamped with the start time, so sources edited during the build count as newer.
  touch build/.started
  # `worker` (root Cargo.toml): release tuned for speed, as a server answers per request
  # and its module size matters far less than the npm package's.
  worker-build --profile worker
  mv build/.started "$stamp"
fi

rm -rf build/public.tmp
mkdir -p build/public.tmp
if [ -d ../www ]; then cp -R ../www/. build/public.tmp/; fi
if [ -d ../pkg/client ]; then
  mkdir -p build/public.tmp/pkg
  cp -R ../pkg/client/. build/public.tmp/pkg/
  rm -f build/public.tmp/pkg/.gitignore
fi
rm -rf build/public
mv build/public.tmp build/public
