#!/usr/bin/env bash
# Lane "sandbox": the Dwolla + Finicity sandbox. Lints, builds, runs its Rust tests
# (every route, rule and fault, answers validated against ../shared/specs), then the
# Prism proxy test (Dwolla's spec checked by Stoplight Prism between client and binary).
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

test -f ../shared/specs/dwolla/openapi.yml || { echo "missing ../shared/specs (clone shared/ beside the repo)"; exit 1; }

cargo fmt -p consent-exchange-sandbox -- --check
cargo clippy -p consent-exchange-sandbox --all-targets -- -D warnings
cargo build -p consent-exchange-sandbox
cargo test -p consent-exchange-sandbox
node --test sandbox/tests/prism.test.mjs
