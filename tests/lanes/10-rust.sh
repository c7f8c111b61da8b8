#!/usr/bin/env bash
# Lane "rust": formatting, lints and native tests of the whole workspace (the library's
# unit, fixture, snapshot and property tests; the sandbox's; the worker's pure parts),
# and of the library with every feature.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"
# Snapshots are compared, never written, in this lane.
export INSTA_UPDATE=no CI="${CI:-true}"

cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
# The library's optional `client` feature (the worker client of consent-exchange/client)
# is off by default: lint and test the library with it too.
cargo clippy -p consent-exchange --all-features --all-targets -- -D warnings
cargo test --workspace
cargo test -p consent-exchange --all-features --lib
