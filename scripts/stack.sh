#!/usr/bin/env bash
# Starts the local stack on 127.0.0.1 and keeps it in the foreground until Ctrl-C (or
# SIGTERM): the sandbox (Dwolla + Finicity), optionally Stoplight Prism in proxy mode
# in front of the sandbox's Dwolla side (every Dwolla request the worker sends is then
# checked against Dwolla's OpenAPI document), and the worker on workerd (wrangler dev),
# configured against each other with development secrets generated for this run.
#
#   scripts/stack.sh [--sandbox-port P] [--worker-port Q] [--prism-port R]
#                    [--env-file FILE] [--vars-from FILE] [--release] [--no-build]
#
# --vars-from FILE runs the sandbox with its default credentials and gives the worker the
# credentials and keys in FILE (e.g. worker/.dev.vars.example) instead of random ones;
# URLs and origins still follow this run's ports.
#
# Prints `stack ready: http://127.0.0.1:Q` once every part answers. The worker runs in
# demo mode unless STACK_DEMO_MODE=false. --env-file writes
# the URLs and this run's secrets (KEY=value lines) for tests. Everything runs in its
# own process group and is stopped on exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

SANDBOX_PORT=8790
WORKER_PORT=8787
PRISM_PORT=""
ENV_OUT=""
VARS_FROM=""
PROFILE=debug
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sandbox-port) SANDBOX_PORT="$2"; shift 2 ;;
    --worker-port) WORKER_PORT="$2"; shift 2 ;;
    --prism-port) PRISM_PORT="$2"; shift 2 ;;
    --env-file) ENV_OUT="$2"; shift 2 ;;
    --vars-from) VARS_FROM="$2"; shift 2 ;;
    --release) PROFILE=release; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "stack.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

RUN_DIR="$TOOLS_TMP/stack-$WORKER_PORT"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
PIDS=()
NAMES=()

stop() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until URL answers over HTTP (any status, or exactly WANT when given).
wait_http() {
  local url="$1" what="$2" pid="$3" want="${4:-}" deadline=$((SECONDS + ${5:-180}))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null || grep -q "Running custom build" "$RUN_DIR/$what.log" 2>/dev/null; then
      echo "stack.sh: $what failed; its log:" >&2
      tail -n 40 "$RUN_DIR/$what.log" >&2 || true
      exit 1
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [ -n "$code" ] && [ "$code" != 000 ] && { [ -z "$want" ] || [ "$code" = "$want" ]; }; then
      return 0
    fi
    sleep 0.2
  done
  echo "stack.sh: $what did not become ready at $url; its log:" >&2
  tail -n 40 "$RUN_DIR/$what.log" >&2 || true
  exit 1
}

secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# var NAME FILE: the value of NAME=... in a .dev.vars-style FILE.
var() { sed -n "s/^$1=//p" "$2" | tail -n 1; }

# Development secrets, fresh for every run; shared by the sandbox and the worker.
DWOLLA_CLIENT_ID="dev-$(secret | head -c 16)"
DWOLLA_CLIENT_SECRET="$(secret)"
FINICITY_APP_KEY="$(secret)"
FINICITY_PARTNER_ID="2445580000001"
FINICITY_PARTNER_SECRET="$(secret)"
DWOLLA_WEBHOOK_SECRET="$(secret)"
SESSION_SECRET="$(secret)"
SESSION_ISSUER_KEY="$(secret)"
WORKER_URL="http://127.0.0.1:$WORKER_PORT"
SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
if [ -n "$VARS_FROM" ]; then
  [ -f "$VARS_FROM" ] || { echo "stack.sh: $VARS_FROM not found" >&2; exit 2; }
  for name in DWOLLA_CLIENT_ID DWOLLA_CLIENT_SECRET FINICITY_APP_KEY FINICITY_PARTNER_ID \
    FINICITY_PARTNER_SECRET DWOLLA_WEBHOOK_SECRET SESSION_SECRET SESSION_ISSUER_KEY; do
    printf -v "$name" '%s' "$(var "$name" "$VARS_FROM")"
  done
fi
CALLBACKS="$WORKER_URL/callback,http://localhost:$WORKER_PORT/callback,com.example.app123,https://example.com/app123"
# Where Finicity Connect returns to: the demo page, flagged (the worker only).
CONNECT_RETURNS="$WORKER_URL/?connect=done,http://localhost:$WORKER_PORT/?connect=done"

if [ "$BUILD" = 1 ]; then
  flag=""; [ "$PROFILE" = release ] && flag="--release"
  cargo build -q -p consent-exchange-sandbox $flag
  bash worker/build.sh
fi
SANDBOX_BIN="$ROOT/target/$PROFILE/consent-exchange-sandbox"
[ -x "$SANDBOX_BIN" ] || { echo "stack.sh: $SANDBOX_BIN is missing (run without --no-build)" >&2; exit 1; }

# The sandbox sends its signed webhooks to the worker, with the worker's subscription
# secret; retry delays are scaled down (STACK_WEBHOOK_TIME_SCALE, 1 = Dwolla's 72-hour
# schedule) so that a webhook sent before the worker answers arrives within seconds.
SANDBOX_ENV=(SANDBOX_PORT="$SANDBOX_PORT" SANDBOX_ALLOWED_REDIRECT_URLS="$CALLBACKS"
  SANDBOX_WEBHOOK_URL="$WORKER_URL/webhooks/dwolla"
  SANDBOX_WEBHOOK_SECRET="$DWOLLA_WEBHOOK_SECRET"
  SANDBOX_WEBHOOK_TIME_SCALE="${STACK_WEBHOOK_TIME_SCALE:-0.0001}")
# With --vars-from the sandbox keeps its documented default credentials.
[ -n "$VARS_FROM" ] || SANDBOX_ENV+=(
  SANDBOX_DWOLLA_CLIENT_ID="$DWOLLA_CLIENT_ID"
  SANDBOX_DWOLLA_CLIENT_SECRET="$DWOLLA_CLIENT_SECRET"
  SANDBOX_FINICITY_APP_KEY="$FINICITY_APP_KEY"
  SANDBOX_FINICITY_PARTNER_ID="$FINICITY_PARTNER_ID"
  SANDBOX_FINICITY_PARTNER_SECRET="$FINICITY_PARTNER_SECRET")
env "${SANDBOX_ENV[@]}" setsid "$SANDBOX_BIN" --host 127.0.0.1 >"$RUN_DIR/sandbox.log" 2>&1 &
PIDS+=($!)
NAMES+=("sandbox ($SANDBOX_URL, log $RUN_DIR/sandbox.log)")
wait_http "$SANDBOX_URL/_admin/state" sandbox "${PIDS[-1]}" 200 60

DWOLLA_URL="$SANDBOX_URL"
if [ -n "$PRISM_PORT" ]; then
  SPEC="$ROOT/../shared/specs/dwolla/openapi.yml"
  [ -f "$SPEC" ] || { echo "stack.sh: $SPEC not found" >&2; exit 1; }
  setsid prism proxy "$SPEC" "$SANDBOX_URL" --host 127.0.0.1 --port "$PRISM_PORT" \
    >"$RUN_DIR/prism.log" 2>&1 &
  PIDS+=($!)
  NAMES+=("prism (http://127.0.0.1:$PRISM_PORT, log $RUN_DIR/prism.log)")
  # Probed over TCP, not HTTP: every HTTP request would show up in Prism's log.
  deadline=$((SECONDS + 120))
  until (exec 3<>"/dev/tcp/127.0.0.1/$PRISM_PORT") 2>/dev/null; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -n 40 "$RUN_DIR/prism.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "stack.sh: prism did not start" >&2; exit 1; }
    sleep 0.2
  done
  DWOLLA_URL="http://127.0.0.1:$PRISM_PORT"
fi

# The worker's configuration for this run; passed with --env-file so that concurrent
# stacks never share a .dev.vars.
VARS="$RUN_DIR/dev.vars"
umask 077
cat >"$VARS" <<VARS
DWOLLA_CLIENT_ID=$DWOLLA_CLIENT_ID
DWOLLA_CLIENT_SECRET=$DWOLLA_CLIENT_SECRET
FINICITY_APP_KEY=$FINICITY_APP_KEY
FINICITY_PARTNER_ID=$FINICITY_PARTNER_ID
FINICITY_PARTNER_SECRET=$FINICITY_PARTNER_SECRET
DWOLLA_WEBHOOK_SECRET=$DWOLLA_WEBHOOK_SECRET
SESSION_SECRET=$SESSION_SECRET
SESSION_ISSUER_KEY=$SESSION_ISSUER_KEY
DWOLLA_BASE_URL=$DWOLLA_URL
FINICITY_BASE_URL=$SANDBOX_URL
ALLOWED_ORIGINS=$WORKER_URL,http://localhost:$WORKER_PORT
ALLOWED_REDIRECT_URLS=$CALLBACKS,$CONNECT_RETURNS
DEMO_MODE=${STACK_DEMO_MODE:-true}
UPSTREAM_DEADLINE_MS=${UPSTREAM_DEADLINE_MS:-8000}
VARS
umask 022

# The devtools inspector port follows the worker port: wrangler's fixed default (9229)
# makes a second stack on the machine fail with "Address already in use".
(cd worker && CX_WORKER_PREBUILT=1 exec setsid wrangler dev --ip 127.0.0.1 --port "$WORKER_PORT" --local \
  --inspector-port "${STACK_INSPECTOR_PORT:-$((WORKER_PORT + 1000))}" \
  --env-file "$VARS" --persist-to "$RUN_DIR/state" --show-interactive-dev-session=false \
  --log-level "${WRANGLER_LOG_LEVEL:-warn}" >"$RUN_DIR/worker.log" 2>&1) &
PIDS+=($!)
NAMES+=("worker (wrangler dev, $WORKER_URL, log $RUN_DIR/worker.log)")
wait_http "$WORKER_URL/healthz" worker "${PIDS[-1]}" 200 600

if [ -n "$ENV_OUT" ]; then
  {
    echo "WORKER_URL=$WORKER_URL"
    echo "SANDBOX_URL=$SANDBOX_URL"
    echo "DWOLLA_URL=$DWOLLA_URL"
    [ -n "$PRISM_PORT" ] && echo "PRISM_URL=http://127.0.0.1:$PRISM_PORT" && echo "PRISM_LOG=$RUN_DIR/prism.log"
    echo "STACK_DIR=$RUN_DIR"
    grep -v -e '^DWOLLA_BASE_URL=' -e '^FINICITY_BASE_URL=' "$VARS"
  } >"$ENV_OUT.tmp"
  mv "$ENV_OUT.tmp" "$ENV_OUT"
fi

echo "sandbox: $SANDBOX_URL (admin API under /_admin/)"
[ -n "$PRISM_PORT" ] && echo "prism:   http://127.0.0.1:$PRISM_PORT -> $SANDBOX_URL (log: $RUN_DIR/prism.log)"
echo "logs:    $RUN_DIR"
echo "stack ready: $WORKER_URL"

# Stay in the foreground; stop everything when any part dies.
while :; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "stack.sh: the ${NAMES[$i]} exited; stopping the rest. Its last lines:" >&2
      log=$(sed -n 's/.*, log \(.*\))$/\1/p' <<<"${NAMES[$i]}")
      tail -n 20 "$log" >&2 2>/dev/null || true
      exit 1
    fi
  done
  sleep 1
done
