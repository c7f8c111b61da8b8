#!/usr/bin/env bash
# Command 1: installs what the demo needs (scripts/setup.sh --dev; the test tools come
# with scripts/test.sh), builds what changed, then runs the sandbox (:8790) and the
# worker with the demo page (:8787) on 127.0.0.1 until Ctrl-C, which stops everything.
#
#   scripts/dev.sh [--worker-port Q] [--sandbox-port P] [stack.sh options...]
#
# Development builds: the worker in the `dev` profile (no LTO, incremental) and the
# page's package entry (pkg/client) as a debug build, so a fresh clone is up in minutes
# and a restart with nothing changed in seconds. Builds whose sources did not change are
# skipped (scripts/fresh.sh); a change to one Rust file rebuilds only what compiles it.
# Benchmarks and deploys use the optimised builds (scripts/build-pkg.sh, worker/build.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$SECONDS

WORKER_PORT=8787
SANDBOX_PORT=8790
rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --worker-port) WORKER_PORT="$2"; shift 2 ;;
    --sandbox-port) SANDBOX_PORT="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) rest+=("$1"); shift ;;
  esac
done

./scripts/setup.sh --dev
cargo build -q -p consent-exchange-sandbox
# The worker's build also builds (or finds fresh) the page's pkg/client in debug.
CX_WORKER_PROFILE=dev bash worker/build.sh

./scripts/stack.sh --sandbox-port "$SANDBOX_PORT" --worker-port "$WORKER_PORT" --no-build \
  ${rest[@]+"${rest[@]}"} |
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ "$line" == "stack ready: "* ]]; then
      printf '\nOpen http://127.0.0.1:%s/  (up in %ss)\n(Ctrl-C stops the sandbox and the worker)\n' \
        "$WORKER_PORT" "$((SECONDS - started))"
    fi
  done
