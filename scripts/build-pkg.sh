#!/usr/bin/env bash
# Builds the npm package `consent-exchange` into pkg/:
#   pkg/web/      --target web      core (ES module + async init)
#   pkg/node/     --target nodejs   core (CommonJS; pkg/node/index.mjs re-exports it for ESM)
#   pkg/bundler/  --target bundler  core (ES module importing the .wasm; for bundlers)
#   pkg/client/   --target web --features client: the core plus `WorkerClient`, the typed
#                 client of the edge worker's API, in one module (the demo page loads it)
#   pkg/frontend/, pkg/webhooks/, pkg/finicity/   --target web, the functions of one
#                 job each (below)
#   pkg/worker/   the entry of Workers runtimes (`workerd`/`worker` conditions): the web
#                 build, instantiated synchronously from the `.wasm` they import as a
#                 compiled `WebAssembly.Module`
#   pkg/package.json  one manifest whose `exports` routes each condition to its target
# The client doubles the wasm, so it is an entry of its own (`consent-exchange/client`)
# rather than part of the core entries. The generated JS glue is minified with esbuild
# (the .d.ts files keep the docs).
# wasm-opt comes from node_modules/binaryen (Debian's is broken for current rustc).
# Usage: scripts/build-pkg.sh [--dev]   (--dev: debug build, no wasm-opt, no minifying)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev

out="$ROOT/pkg"
rm -rf "$out"
mkdir -p "$out"
# Release builds recompile the standard library for size with nightly build-std, with
# panics that abort at once (no panic formatting in the module): about 3 KB gzip less.
# It needs nightly's rust-src (scripts/setup.sh installs it); without it the stable
# build is made, bigger, with a warning. Its artifacts live in their own target folder
# so that they and the stable builds (tests, the worker) do not evict each other.
std_args=()
if [ "$profile" = --release ] && [ "${CX_STABLE_STD:-}" != 1 ]; then
  if rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
    export RUSTUP_TOOLCHAIN=nightly
    export RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
    export CARGO_TARGET_DIR="$ROOT/target/pkg-build-std"
    std_args=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
  else
    echo "warning: nightly rust-src is missing (run scripts/setup.sh); building with the stable std, ~3 KB gzip bigger" >&2
  fi
fi
# build TARGET DIR [CARGO ARGS...]
build() {
  local target=$1 dir=$2
  shift 2
  echo "==> wasm-pack build --target $target $* -> pkg/$dir"
  # wasm-pack runs wasm-opt -Oz itself (see [package.metadata.wasm-pack] in Cargo.toml).
  wasm-pack --quiet build "$profile" --target "$target" --out-dir "$out/$dir" --no-pack . "$@" "${std_args[@]}" >/dev/null
  rm -f "$out/$dir/.gitignore" "$out/$dir/package.json" "$out/$dir/README.md"
}
build web web
build nodejs node
build bundler bundler
build web client --features client
# Entries for one job each (the entry features of Cargo.toml), web target: a module
# cannot be tree-shaken, so a user who needs one job loads only its functions.
#   frontend  receipt check, every exchange, exchange sessions, response reader
#   webhooks  verifyWebhookSignature (server-side HMAC)
#   finicity  Finicity's request builders (token, testing customer, Connect URL, access key)
entries=(frontend webhooks finicity)
for entry in "${entries[@]}"; do
  build web "$entry" --no-default-features --features "$entry"
done

# Per-folder module type: node/ is CommonJS, the others are ES modules.
echo '{ "type": "commonjs" }' >"$out/node/package.json"
for dir in web bundler client "${entries[@]}"; do echo '{ "type": "module" }' >"$out/$dir/package.json"; done

# Minified glue: about 2 KB gzip less per target. Names stay (wasm-bindgen's imports are
# looked up by name in the glue object, and the node entry below reads the exports).
if [ "$profile" = --release ]; then
  for f in "$out"/{web,bundler,client,frontend,webhooks,finicity}/consent_exchange.js "$out"/bundler/consent_exchange_bg.js; do
    esbuild --minify --format=esm --log-level=warning "$f" --outfile="$f.min" && mv "$f.min" "$f"
  done
  f="$out/node/consent_exchange.js"
  esbuild --minify --format=cjs --platform=node --log-level=warning "$f" --outfile="$f.min" && mv "$f.min" "$f"
fi

# wasm-bindgen declares `[Symbol.dispose]()` on classes; `Symbol.dispose` exists only in
# TypeScript's `esnext.disposable` lib, so under `lib: ES2022` with `skipLibCheck: false`
# the line is an error. `free()` stays declared (the runtime has both).
for f in "$out"/*/consent_exchange.d.ts; do
  sed -i '/^ *\[Symbol\.dispose\](): void;$/d' "$f"
done

# Entry for Workers runtimes: workerd imports a `.wasm` as a compiled module (its default
# export), so the web build is instantiated with `initSync` before anything is exported.
mkdir -p "$out/worker"
cat >"$out/worker/index.js" <<'JS'
// Entry for Cloudflare Workers / workerd (package.json `exports` conditions `workerd`
// and `worker`): the runtime imports the .wasm as a compiled WebAssembly.Module.
import wasm from "../web/consent_exchange_bg.wasm";
import { initSync } from "../web/consent_exchange.js";

initSync({ module: wasm });

export * from "../web/consent_exchange.js";
JS
cat >"$out/worker/index.d.ts" <<'TS'
// The web build, already initialised: call the functions directly.
export * from "../web/consent_exchange.js";
TS
echo '{ "type": "module" }' >"$out/worker/package.json"

# ESM entry for Node: named re-exports of the CommonJS build, one per exported name.
node -e '
  const mod = require(process.argv[1]);
  const names = Object.keys(mod).filter((n) => !n.startsWith("__"));
  const lines = ["// Generated by scripts/build-pkg.sh: ES module entry over the CommonJS build.",
    "import cjs from \"./consent_exchange.js\";",
    ...names.map((n) => `export const ${n} = cjs.${n};`),
    "export default cjs;", ""];
  require("fs").writeFileSync(process.argv[2], lines.join("\n"));
' "$out/node/consent_exchange.js" "$out/node/index.mjs"
# Types of the ESM entry: the named exports, and the default export index.mjs has.
cat >"$out/node/index.d.mts" <<'TS'
export * from "./consent_exchange.js";
import * as cx from "./consent_exchange.js";
export default cx;
TS

version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
cat >"$out/package.json" <<EOF
{
  "name": "consent-exchange",
  "version": "$version",
  "description": "Validate Finicity consent receipts and build every Dwolla exchange request, as typed WebAssembly.",
  "license": "MIT OR Apache-2.0",
  "repository": { "type": "git", "url": "git+https://github.com/consent-exchange/consent-exchange.git" },
  "homepage": "https://github.com/consent-exchange/consent-exchange#readme",
  "bugs": { "url": "https://github.com/consent-exchange/consent-exchange/issues" },
  "keywords": ["dwolla", "finicity", "open-banking", "wasm"],
  "types": "./node/consent_exchange.d.ts",
  "main": "./node/consent_exchange.js",
  "module": "./bundler/consent_exchange.js",
  "browser": "./bundler/consent_exchange.js",
  "exports": {
    ".": {
      "workerd": { "types": "./worker/index.d.ts", "default": "./worker/index.js" },
      "worker": { "types": "./worker/index.d.ts", "default": "./worker/index.js" },
      "node": {
        "import": { "types": "./node/index.d.mts", "default": "./node/index.mjs" },
        "require": { "types": "./node/consent_exchange.d.ts", "default": "./node/consent_exchange.js" }
      },
      "types": "./bundler/consent_exchange.d.ts",
      "default": "./bundler/consent_exchange.js"
    },
    "./web": {
      "types": "./web/consent_exchange.d.ts",
      "default": "./web/consent_exchange.js"
    },
    "./web/consent_exchange_bg.wasm": "./web/consent_exchange_bg.wasm",
    "./bundler": {
      "types": "./bundler/consent_exchange.d.ts",
      "default": "./bundler/consent_exchange.js"
    },
    "./client": {
      "types": "./client/consent_exchange.d.ts",
      "default": "./client/consent_exchange.js"
    },
    "./client/consent_exchange_bg.wasm": "./client/consent_exchange_bg.wasm",
    "./frontend": {
      "types": "./frontend/consent_exchange.d.ts",
      "default": "./frontend/consent_exchange.js"
    },
    "./frontend/consent_exchange_bg.wasm": "./frontend/consent_exchange_bg.wasm",
    "./webhooks": {
      "types": "./webhooks/consent_exchange.d.ts",
      "default": "./webhooks/consent_exchange.js"
    },
    "./webhooks/consent_exchange_bg.wasm": "./webhooks/consent_exchange_bg.wasm",
    "./finicity": {
      "types": "./finicity/consent_exchange.d.ts",
      "default": "./finicity/consent_exchange.js"
    },
    "./finicity/consent_exchange_bg.wasm": "./finicity/consent_exchange_bg.wasm",
    "./worker": { "types": "./worker/index.d.ts", "default": "./worker/index.js" },
    "./package.json": "./package.json"
  },
  "files": ["web/", "node/", "bundler/", "client/", "frontend/", "webhooks/", "finicity/", "worker/", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./bundler/consent_exchange.js", "./web/consent_exchange.js", "./client/consent_exchange.js", "./frontend/consent_exchange.js", "./webhooks/consent_exchange.js", "./finicity/consent_exchange.js", "./worker/index.js"],
  "engines": { "node": ">=20" }
}
EOF
cp npm/README.md "$out/README.md"
cp LICENSE-MIT LICENSE-APACHE "$out/"

for f in "$out"/{web,client,frontend,webhooks,finicity}/*.wasm "$out"/{web,client,frontend,webhooks,finicity}/consent_exchange.js; do
  printf '%-40s %8d bytes, gzip -9 %7d\n' "${f#"$ROOT"/}" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
