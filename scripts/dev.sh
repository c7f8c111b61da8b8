#!/usr/bin/env bash
# Command 1: installs what is missing, builds the npm package, the sandbox and the
# worker, then runs the sandbox (:8790) and the worker with the demo page (:8787) on
# 127.0.0.1 until Ctrl-C, which stops everything.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

./scripts/setup.sh
if [ -x scripts/build-pkg.sh ] || [ -f scripts/build-pkg.sh ]; then
  bash scripts/build-pkg.sh
fi
cargo build -p consent-exchange-sandbox
bash worker/build.sh

./scripts/stack.sh --sandbox-port 8790 --worker-port 8787 --no-build "$@" |
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ "$line" == "stack ready: "* ]]; then
      printf '\nOpen http://127.0.0.1:8787/\n(Ctrl-C stops the sandbox and the worker)\n'
    fi
  done
