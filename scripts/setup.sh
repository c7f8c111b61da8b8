#!/usr/bin/env bash
# Installs whatever this machine is missing, idempotently: every step checks first, so
# a second run takes seconds. Only the package registries are used.
#
#   scripts/setup.sh --dev   what the demo page needs (scripts/dev.sh): the wasm32 target,
#                            wasm-bindgen-cli, worker-build, npm ci (wasm-pack is not
#                            needed: scripts/build-pkg.sh runs cargo and wasm-bindgen
#                            itself, the wasm lane runs wasm-bindgen-test-runner)
#   scripts/setup.sh         all of that plus the test tools (scripts/test.sh): Chromium
#                            and chromedriver, wrk, schemathesis, nightly, cargo-fuzz
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

MODE=all
case "${1:-}" in
  --dev) MODE=dev ;;
  ""|--all) ;;
  *) echo "setup.sh: unknown argument $1 (expected --dev or nothing)" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly (its
# generated glue and the crate's runtime are one protocol).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
WORKER_BUILD_VERSION=0.8.7

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $NF}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # Not --locked: one of its locked dependencies is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if [ "$(worker-build --version 2>/dev/null | awk '{print $NF}')" != "$WORKER_BUILD_VERSION" ]; then
  step "cargo install worker-build $WORKER_BUILD_VERSION (about 3 minutes, once)"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$MODE" = dev ]; then
  echo "setup: everything the demo needs is installed (the test tools come with scripts/setup.sh)"
  exit 0
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
have wrk || need_apt+=(wrk)
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

if [ ! -x .tools/venv/bin/schemathesis ]; then
  step "pip install schemathesis (into .tools/venv)"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install -q schemathesis
fi

if ! rustup toolchain list | grep -q '^nightly'; then
  step "rustup toolchain install nightly (for cargo fuzz and the package's release build)"
  rustup toolchain install nightly --profile minimal
fi
# The standard library's source, which scripts/build-pkg.sh rebuilds with the package
# (-Zbuild-std) for its release builds.
if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
  step "rustup component add rust-src --toolchain nightly (seconds)"
  rustup component add rust-src --toolchain nightly
fi
if ! have cargo-fuzz; then
  step "cargo install cargo-fuzz (once)"
  cargo install cargo-fuzz --locked
fi
echo "setup: everything is installed"
