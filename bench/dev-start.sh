#!/usr/bin/env bash
# How long `./scripts/dev.sh` takes until the page is up (its `stack ready:` line):
#   1. on a fresh clone, with the toolchains installed (rustup targets,
#      wasm-bindgen, worker-build in ~/.cargo; the cargo registry cache is kept, target/
#      and node_modules/ start empty)
#   2. a restart with nothing changed
#   3. after a change to one Rust file of each part (sandbox, worker, package), with
#      what was rebuilt
#
#   bench/dev-start.sh [--worker-port Q] [--sandbox-port P] [--keep] [--skip-fresh DIR]
#
# Clones the committed HEAD into a temporary directory (removed afterwards unless
# --keep); --skip-fresh DIR reuses such a clone for steps 2 and 3. Prints one line per
# figure: wall-clock seconds, CPU seconds of the builds (which a shared machine does
# not distort), the load average when the page came up, and what was rebuilt. BENCHMARKS.md
# records them. Ports default to 41410/41411, the inspector 41412.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORKER_PORT=41410
SANDBOX_PORT=41411
KEEP=0
CLONE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --worker-port) WORKER_PORT="$2"; shift 2 ;;
    --sandbox-port) SANDBOX_PORT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --skip-fresh) CLONE="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "dev-start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export STACK_INSPECTOR_PORT="${STACK_INSPECTOR_PORT:-$((SANDBOX_PORT + 1))}"

fresh=1
if [ -n "$CLONE" ]; then
  fresh=0
else
  CLONE="$(mktemp -d "${TMPDIR:-/tmp}/cx-dev-start.XXXXXX")/consent-exchange"
  git clone -q --branch "$(git -C "$HERE" rev-parse --abbrev-ref HEAD)" "$HERE" "$CLONE"
fi
LOG="$(mktemp "${TMPDIR:-/tmp}/cx-dev-start-log.XXXXXX")"
DEV_PID=""
cleanup() {
  [ -n "$DEV_PID" ] && kill -TERM -- "-$DEV_PID" 2>/dev/null || true
  rm -f "$LOG"
  if [ "$KEEP" = 0 ] && [ "$fresh" = 1 ]; then rm -rf "$(dirname "$CLONE")"; fi
}
trap cleanup EXIT

# The outputs of the three builds dev.sh runs, to tell which were rebuilt.
OUTPUTS=(target/debug/consent-exchange-sandbox worker/build/index.js pkg/client/consent_exchange_bg.wasm)
NAMES=(sandbox worker pkg/client)
stamps() { for f in "${OUTPUTS[@]}"; do stat -c %.9Y "$CLONE/$f" 2>/dev/null || echo none; done; }

# run LABEL: starts dev.sh in the clone, waits for `stack ready:`, prints the seconds and
# which outputs changed, stops it.
run() {
  local label=$1 start end before after i built=""
  mapfile -t before < <(stamps)
  # A fresh log: the previous run's `stack ready:` line must not count for this one.
  rm -f "$LOG"
  start=$(date +%s%3N)
  (cd "$CLONE" && exec setsid ./scripts/dev.sh --worker-port "$WORKER_PORT" --sandbox-port "$SANDBOX_PORT" >"$LOG" 2>&1) &
  DEV_PID=$!
  until grep -q '^stack ready: ' "$LOG" 2>/dev/null; do
    if ! kill -0 "$DEV_PID" 2>/dev/null; then
      echo "dev.sh stopped before the page was up; its output:" >&2
      tail -n 40 "$LOG" >&2
      exit 1
    fi
    sleep 0.1
  done
  end=$(date +%s%3N)
  # CPU time of dev.sh and every finished child (setup, cargo, wasm-bindgen, worker-build):
  # on a shared machine the wall clock mostly measures the other load, this does not.
  local ticks cpu
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$DEV_PID/stat" 2>/dev/null || echo 0)
  cpu=$((ticks / $(getconf CLK_TCK)))
  kill -TERM -- "-$DEV_PID" 2>/dev/null || true
  wait "$DEV_PID" 2>/dev/null || true
  DEV_PID=""
  mapfile -t after < <(stamps)
  for i in "${!OUTPUTS[@]}"; do
    [ "${before[$i]}" = "${after[$i]}" ] || built="$built ${NAMES[$i]}"
  done
  printf '%-44s %6d.%01d s wall %5d s CPU (load %s)   rebuilt:%s\n' "$label" $(((end - start) / 1000)) \
    $(((end - start) % 1000 / 100)) "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" "${built:- nothing}"
}

# One comment line appended to FILE: a real edit that changes no behaviour.
edit() { printf '\n// dev-start benchmark edit\n' >>"$CLONE/$1"; }

cd "$CLONE"
echo "dev.sh on $(nproc) cores, $(git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
if [ "$fresh" = 1 ]; then run "fresh clone (toolchains installed)"; fi
run "restart, nothing changed"
edit sandbox/src/pages.rs && run "one sandbox file changed"
edit worker/src/routes.rs && run "one worker file changed"
edit src/client.rs && run "one package file (client) changed"
edit src/ids.rs && run "one core file changed (worker + package)"
git -C "$CLONE" checkout -q -- .
