#!/usr/bin/env bash
# Lane: load with faults. Starts the local stack (scripts/stack.sh, loopback only), then
# bench/load-faults.mjs sends many concurrent link-bank and exchange calls while the
# sandbox injects 5xx, 429, HTML errors, dropped connections and token expiry, and
# checks that every call succeeded exactly once or gave up with a clear retryable
# error, and that the sandbox holds no duplicate exchange or funding source.
# Bounded: LOAD_DURATION_S (60 s by default) of faults, a fixed number of calls.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

SANDBOX_PORT=$((38785 + ${CX_PORT_OFFSET:-0}))
WORKER_PORT=$((38786 + ${CX_PORT_OFFSET:-0}))
RUN="$TOOLS_TMP/load"
rm -rf "$RUN"
mkdir -p "$RUN"
STACK_PID=""
cleanup() {
  if [ -n "$STACK_PID" ]; then
    kill -TERM -- "-$STACK_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 -- "-$STACK_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$STACK_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "starting the stack (sandbox :$SANDBOX_PORT, worker :$WORKER_PORT)"
setsid bash scripts/stack.sh --sandbox-port "$SANDBOX_PORT" --worker-port "$WORKER_PORT" \
  --env-file "$RUN/stack.env" >"$RUN/stack.log" 2>&1 &
STACK_PID=$!
deadline=$((SECONDS + 900))
until grep -q '^stack ready:' "$RUN/stack.log" 2>/dev/null; do
  if ! kill -0 "$STACK_PID" 2>/dev/null; then
    echo "the stack exited before it was ready:"; tail -n 40 "$RUN/stack.log"; exit 1
  fi
  [ $SECONDS -lt $deadline ] || { echo "the stack was not ready in time:"; tail -n 40 "$RUN/stack.log"; exit 1; }
  sleep 0.5
done
echo "stack ready"

timeout 300 node bench/load-faults.mjs --env-file "$RUN/stack.env" \
  --customers "${LOAD_CUSTOMERS:-32}" --receipts "${LOAD_RECEIPTS:-5}" \
  --concurrency "${LOAD_CONCURRENCY:-32}" --duration-s "${LOAD_DURATION_S:-60}"
