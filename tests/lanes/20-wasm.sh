#!/usr/bin/env bash
# Lane "wasm": the JS boundary compiled to wasm32 and run by wasm-bindgen-test-runner,
# under Node (tests/wasm_node*.rs) and in headless Chromium via chromedriver
# (tests/wasm_browser*.rs, `run_in_browser`).
#
# This is what `wasm-pack test --node` / `--headless --chrome` run, minus wasm-pack's
# `cargo build --tests` of every test target: the native-only tests (proptest, insta,
# jsonschema) do not build for wasm32, so each wasm test target is named explicitly.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT=120
# The runner ends chromedriver and Chromium without letting them clean up: their profile
# and socket directories (~16 MB a run) go to a TMPDIR of the lane's own, removed with it.
lane_tmp=$(mktemp -d)
trap 'rm -rf "$lane_tmp"' EXIT
export TMPDIR=$lane_tmp

targets=()
for f in tests/wasm_*.rs; do targets+=(--test "$(basename "$f" .rs)"); done
cargo test -p consent-exchange --target wasm32-unknown-unknown "${targets[@]}"
