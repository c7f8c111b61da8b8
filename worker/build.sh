#!/usr/bin/env bash
# Builds the worker for workerd: the wasm module and JS shim (worker-build, offline
# thanks to scripts/env.sh), then build/public, the static assets the worker serves:
# www/ at `/` (the demo page) and the client build of the npm package (pkg/client/: the
# core plus `WorkerClient`, one module) at `/pkg/`, which the demo page loads.
#
#   CX_WORKER_PROFILE=worker  (default) the `worker` cargo profile: release tuned for
#                             speed, what `wrangler deploy` ships; pkg/client in release
#   CX_WORKER_PROFILE=dev     a debug build (no LTO, incremental) and a debug pkg/client:
#                             what scripts/dev.sh runs, minutes faster on a fresh machine
#   CX_DEMO_PAGE=0            ship no demo page: build/public gets /pkg/ only (docs/deploy.md)
#
# Skips the wasm build when no source file it was compiled from changed since the last
# one with the same profile (scripts/fresh.sh); FORCE_BUILD=1 rebuilds anyway. pkg/client
# is built (or found fresh) by scripts/build-pkg.sh: a failed build stops here, so the
# worker never ships without the /pkg/ its page needs.
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/env.sh
source ../scripts/fresh.sh
# scripts/stack.sh builds before it starts wrangler and sets this, so that a stack never
# rebuilds behind the caller's back (wrangler runs the build command on every start).
if [ "${CX_WORKER_PREBUILT:-0}" = 1 ] && [ -f build/index.js ] && [ -d build/public ]; then exit 0; fi

case "${CX_WORKER_PROFILE:-worker}" in
  worker) flags=(--profile worker); profile_dir=worker; pkg_flags=() ;;
  dev) flags=(--dev); profile_dir=debug; pkg_flags=(--dev) ;;
  *) echo "worker/build.sh: CX_WORKER_PROFILE must be worker or dev, not ${CX_WORKER_PROFILE}" >&2; exit 2 ;;
esac

mkdir -p build
# Several stacks (dev, tests, benchmarks) may start at once, and wrangler runs this
# script on every start: one build at a time, the others then find it fresh.
exec 9>build/.lock
flock 9

stamp=build/.built
key="worker-build ${flags[*]}"
if [ ! -f build/index.js ] || ! stamp_fresh "$stamp" "$key"; then
  echo "==> worker-build ${flags[*]}"
  # worker-build 0.8.7 reads a package.json left in build/ by its previous run as a
  # dependency map and fails on it; it writes a fresh one anyway.
  rm -f build/package.json
  stamp_start "$stamp"
  worker-build "${flags[@]}"
  stamp_write "$stamp" "$key" "${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/$profile_dir/consent_exchange_worker.d" \
    "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$PWD/Cargo.toml" "$PWD/build.rs" "$PWD/openapi.json"
else
  echo "==> worker build is up to date ($key)"
fi

bash ../scripts/build-pkg.sh ${pkg_flags[@]+"${pkg_flags[@]}"} client
[ -f ../pkg/client/consent_exchange_bg.wasm ] || {
  echo "worker/build.sh: pkg/client was not built; the worker would serve no /pkg/" >&2
  exit 1
}

rm -rf build/public.tmp
mkdir -p build/public.tmp/pkg
if [ "${CX_DEMO_PAGE:-1}" != 0 ]; then cp -R ../www/. build/public.tmp/; fi
cp -R ../pkg/client/. build/public.tmp/pkg/
rm -f build/public.tmp/pkg/.gitignore
rm -rf build/public
mv build/public.tmp build/public
