#!/usr/bin/env bash
# Lane: schemathesis (PyPI, from .tools/venv) against the worker's own /openapi.json,
# with the local stack (sandbox + worker) started by scripts/stack.sh on 127.0.0.1.
# Fails on any 5xx (not_a_server_error) and on any answer that breaks the document
# (status codes, content types, response schemas). Requests carry a demo session token
# and the customer id it is bound to, so generated input reaches past authentication.
# Data generated to fit the document must be accepted (positive_data_acceptance: a 400
# may still come from a rule the schema cannot express, such as a receipt's content or
# a redirect target outside ALLOWED_REDIRECT_URLS), and is never refused as
# `InvalidRequest` beyond the rules between members the document lists
# (`x-cross-field-rules`; the check is in tests/lanes/schemathesis_hooks.py).
# Bounded: SCHEMATHESIS_MAX_EXAMPLES per operation (100 by default).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

SANDBOX_PORT=$((38780 + ${CX_PORT_OFFSET:-0}))
WORKER_PORT=$((38781 + ${CX_PORT_OFFSET:-0}))
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-100}"
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

# A demo customer and a session bound to it, a Finicity customer it owns with shared
# accounts, and a bank linked for it (so an exchange of the session's customer exists): generated
# input for the routes that take these ids then reaches past the 401/403/404 checks.
node --input-type=module - "$WORKER_URL" >"$RUN/ids.env" <<'JS'
const worker = process.argv[2];
const post = async (path, body, token) => {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(worker + path, { method: "POST", headers, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`POST ${path} -> ${r.status} ${await r.text()}`);
  return r.json();
};
const demo = await post("/api/demo/customers", { firstName: "Schema", lastName: "Thesis", email: "schemathesis@example.com" });
// Finicity customers belong to the session's customer that created them.
const fin = await post("/api/finicity/customers", { username: `schemathesis_${Date.now()}` }, demo.sessionToken);
const { link } = await post("/api/finicity/connect-url", { customerId: fin.customerId }, demo.sessionToken);
const page = await fetch(link, {
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: "account=0%3A0&consent=yes&action=connect",
  redirect: "manual",
});
if (page.status >= 400) throw new Error(`Connect page -> ${page.status}`);
const accounts = (await (await fetch(`${worker}/api/finicity/customers/${fin.customerId}/accounts`, {
  headers: { Authorization: `Bearer ${demo.sessionToken}` },
})).json()).accounts;
const linked = await post(
  "/api/link-bank",
  { finicityCustomerId: fin.customerId, accountId: accounts[0].id, name: "Schemathesis checking", bankAccountType: "checking" },
  demo.sessionToken,
);
console.log(`ST_SESSION_TOKEN=${demo.sessionToken}`);
console.log(`ST_CUSTOMER_ID=${demo.customer.id}`);
console.log(`ST_FINICITY_CUSTOMER_ID=${fin.customerId}`);
console.log(`ST_EXCHANGE_ID=${linked.exchange.id}`);
JS
set -a
source "$RUN/ids.env"
ST_ISSUER_KEY=$(awk -F= '$1=="SESSION_ISSUER_KEY"{print $2}' "$RUN/stack.env")
set +a
[ -n "${ST_SESSION_TOKEN:-}" ] && [ -n "${ST_EXCHANGE_ID:-}" ] || { echo "no demo session or exchange"; exit 1; }

# `customerId` names a Dwolla customer (UUID) under /api/customers/ and a Finicity
# customer (digits) under /api/finicity/: each gets its own. /api/sessions takes this
# run's issuer key instead of a session. /webhooks/dwolla stays at 401: its signature is
# an HMAC of the exact body, which generated input cannot carry.
cat >"$RUN/schemathesis.toml" <<'TOML'
headers = { Authorization = "Bearer ${ST_SESSION_TOKEN}" }

[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]

[[operations]]
include-path = "/api/sessions"
headers = { Authorization = "Bearer ${ST_ISSUER_KEY}" }

[[operations]]
include-path-regex = "^/api/customers/"
parameters = { "path.customerId" = "${ST_CUSTOMER_ID}" }

[[operations]]
include-path-regex = "^/api/finicity/customers/"
parameters = { "path.customerId" = "${ST_FINICITY_CUSTOMER_ID}" }

[[operations]]
include-path-regex = "^/api/exchanges/"
parameters = { "path.exchangeId" = "${ST_EXCHANGE_ID}" }
TOML

echo "schemathesis $("$ST" --version | awk '{print $NF}'): $MAX_EXAMPLES examples per operation"
# One worker: with several, hypothesis parses lambda sources with `ast` from threads at
# once, and CPython 3.11 before 3.11.8 then fails with "AST constructor recursion depth
# mismatch" (python/cpython#106905), a runtime error in the tool, not in the worker.
set +e
(cd "$RUN" && SCHEMATHESIS_HOOKS="$ROOT/tests/lanes/schemathesis_hooks.py" timeout 1200 "$ST" --config-file "$RUN/schemathesis.toml" run "$WORKER_URL/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,positive_data_acceptance,invalid_request_only_for_cross_field_rules \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "$MAX_EXAMPLES" \
  --seed 20261121 \
  --workers 1 \
  --request-timeout 30 \
  --report junit,ndjson --report-dir "$RUN/report" \
  --no-color)
status=$?
set -e
if [ $status -ne 0 ]; then
  echo "schemathesis: failures above (reports in $RUN/report, stack logs via $RUN/stack.env STACK_DIR)"
  exit 1
fi
echo "schemathesis: no 5xx, no schema violation, and nothing the document allows refused as InvalidRequest"
