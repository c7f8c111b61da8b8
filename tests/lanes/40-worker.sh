#!/usr/bin/env bash
# Lane "worker": the worker's pure logic natively, clippy on host and wasm32, the wasm
# build, then the worker under workerd against the sandbox (with Prism proxying the
# Dwolla side) driven by node --test (ports 18780-18782), worker/.dev.vars.example against
# the sandbox defaults (18785-18786) and `wrangler deploy --dry-run` (docs/deploy.md).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

cargo test -p consent-exchange-worker
cargo clippy -p consent-exchange-worker --all-targets -- -D warnings
cargo clippy -p consent-exchange-worker --target wasm32-unknown-unknown -- -D warnings
cargo build -q -p consent-exchange-sandbox
bash worker/build.sh
STACK_NO_BUILD=1 node --test --test-concurrency=1 worker/tests/*.test.mjs
