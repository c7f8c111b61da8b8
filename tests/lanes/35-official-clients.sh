#!/usr/bin/env bash
# Lane "official-clients": Dwolla's own clients, dwolla-v2 (3.4.2) and the dwolla
# TypeScript SDK (1.1.1), installed from the registry by `npm ci`, run the seed flows
# against the sandbox binary with nothing changed but the URL they talk to. Starts only
# the sandbox (on a free port); builds pkg/ first when it is missing.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

test -d node_modules/dwolla-v2 && test -d node_modules/dwolla || {
  echo "Dwolla's clients are missing: run npm ci"; exit 1;
}
cargo build -q -p consent-exchange-sandbox
test -f pkg/all/node/consent_exchange.js || ./scripts/build-pkg.sh
node --test --test-concurrency=1 tests/official-clients/
