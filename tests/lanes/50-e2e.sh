#!/usr/bin/env bash
# Lane "e2e": the demo page in Debian's Chromium (playwright-core, node --test).
# tests/e2e/playground.test.mjs serves www/ and the web build of the package from a
# static server on 127.0.0.1 (no worker); tests/e2e/live.test.mjs starts the sandbox and
# the worker with scripts/stack.sh on ports 28780-28781 and runs the live flows.
# Screenshots of every major state land in test-artifacts/e2e/ (gitignored).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

# Build once here so the stack starts quickly inside the test. The worker's build also
# builds the page's package entry, pkg/client (release), unless it is up to date.
cargo build -q -p consent-exchange-sandbox
bash worker/build.sh

rm -rf test-artifacts/e2e
STACK_NO_BUILD=1 node --test --test-concurrency=1 tests/e2e/*.test.mjs
echo "screenshots: $(ls test-artifacts/e2e | wc -l) in test-artifacts/e2e/"
