# Sourced by the other scripts: puts the project's local tools first on PATH and keeps
# every tool offline and quiet. Safe to source more than once.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export ROOT
export PATH="$ROOT/node_modules/.bin:$ROOT/node_modules/binaryen/bin:$HOME/.cargo/bin:$PATH"
export WASM_OPT_BIN="$ROOT/node_modules/binaryen/bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/@esbuild/linux-x64/bin/esbuild"
export WASM_BINDGEN_BIN="${WASM_BINDGEN_BIN:-$HOME/.cargo/bin/wasm-bindgen}"
export WRANGLER_SEND_METRICS=false
export CLOUDFLARE_CF_FETCH_ENABLED=false
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
# Tools write their caches and logs under one ignored folder, never in $HOME.
export TOOLS_TMP="$ROOT/.tools/tmp"
mkdir -p "$TOOLS_TMP"
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME:-$TOOLS_TMP/xdg-config}"
export XDG_CACHE_HOME="${XDG_CACHE_HOME:-$TOOLS_TMP/xdg-cache}"
export WRANGLER_LOG_PATH="$TOOLS_TMP/wrangler-logs"
unset CLOUDFLARE_API_TOKEN CLOUDFLARE_ACCOUNT_ID
