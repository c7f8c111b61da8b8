#!/usr/bin/env bash
# Lane: schemathesis (PyPI, from .tools/venv) against the worker's own /openapi.json,
# with the local stack (sandbox + worker) started by scripts/stack.sh on 127.0.0.1.
# Fails on any 5xx (not_a_server_error) and on any answer that breaks the document
# (status codes, content types, response schemas). Requests carry a demo session token
# and the customer id it is bound to, so generated input reaches past authentication.
# Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation (25 by default).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

SANDBOX_PORT=38780
WORKER_PORT=38781
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
ST="$ROOT/.tools/venv/bin/schemathesis"
[ -x "$ST" ] || { echo "schemathesis is missing: run scripts/setup.sh"; exit 1; }

RUN="$TOOLS_TMP/schemathesis"
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
WORKER_URL=$(awk -F= '$1=="WORKER_URL"{print $2}' "$RUN/stack.env")
echo "stack ready at $WORKER_URL"

# A demo customer and a session bound to it.
demo=$(curl -sf -X POST "$WORKER_URL/api/demo/customers" -H 'Content-Type: application/json' \
  -d '{"firstName":"Schema","lastName":"Thesis","email":"schemathesis@example.com"}')
export ST_SESSION_TOKEN=$(node -e 'console.log(JSON.parse(process.argv[1]).sessionToken)' "$demo")
export ST_CUSTOMER_ID=$(node -e 'console.log(JSON.parse(process.argv[1]).customer.id)' "$demo")
[ -n "$ST_SESSION_TOKEN" ] && [ -n "$ST_CUSTOMER_ID" ] || { echo "no demo session: $demo"; exit 1; }

cat >"$RUN/schemathesis.toml" <<'TOML'
headers = { Authorization = "Bearer ${ST_SESSION_TOKEN}" }

[parameters]
"path.customerId" = "${ST_CUSTOMER_ID}"
TOML

echo "schemathesis $("$ST" --version | awk '{print $NF}'): $MAX_EXAMPLES examples per operation"
set +e
(cd "$RUN" && timeout 1200 "$ST" --config-file "$RUN/schemathesis.toml" run "$WORKER_URL/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$MAX_EXAMPLES" \
  --seed 20261121 \
  --workers 2 \
  --request-timeout 30 \
  --report junit,ndjson --report-dir "$RUN/report" \
  --no-color)
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "schemathesis: failures above (reports in $RUN/report, stack logs via $RUN/stack.env STACK_DIR)"
  exit 1
fi
echo "schemathesis: no 5xx and no schema violation"
