#!/usr/bin/env bash
# Lane "consumers": the npm package as users install it. `npm pack` of pkg/ is
# installed into fresh projects under a temp dir (tests/consumers/*, nothing imported
# from inside the repository), which then run:
#   types   strict tsc (TypeScript 5.9, skipLibCheck false, lib ES2022) over README-style
#           code for every entry, with bundler, node16 and workerd resolution, including
#           lines that must not compile (@ts-expect-error); then a runtime file, compiled
#           and run, proving each declared type matches the values
#   node    Node ESM (named and default imports) and CommonJS; the node build's derived
#           key hashed by node:crypto, the same request as the web build's in wasm
#   worker  a plain-JS Worker importing "consent-exchange" (receipt → exchange) and
#           "consent-exchange/webhooks" (a signed and a forged body) under `wrangler dev`
#   web     one page importing the main and the webhooks entries, built by `vite build`,
#           served by `vite` (dev), bundled by webpack 5
#           and by esbuild (web entry + --loader:.wasm=file), each loaded in Chromium
# The tools (tsc, vite, webpack, esbuild, wrangler, playwright-core) are the root
# devDependencies; the projects install only the tarball. Builds pkg/ if it is missing.
# Ports: 38795 (wrangler dev), 38796 (its inspector), 38797 (vite dev), + CX_PORT_OFFSET.
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

[ -f pkg/package.json ] || ./scripts/build-pkg.sh
BIN="$ROOT/node_modules/.bin"
SRC="$ROOT/tests/consumers"
WRANGLER_PORT=$((38795 + ${CX_PORT_OFFSET:-0}))
INSPECTOR_PORT=$((38796 + ${CX_PORT_OFFSET:-0}))
VITE_PORT=$((38797 + ${CX_PORT_OFFSET:-0}))

work=$(mktemp -d "${TMPDIR:-/tmp}/cx-consumers.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n--- %s\n' "$*"; }

step "npm pack pkg/"
tarball="$work/$(cd "$work" && npm pack "$ROOT/pkg" --silent)"
ls -l "$tarball"

# new_project NAME: a fresh project with the tarball installed, as a user would.
new_project() {
  local dir="$work/$1"
  cp -r "$SRC/$1" "$dir"
  printf '{ "name": "consumer-%s", "private": true, "type": "module" }\n' "$1" >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --prefer-offline --silent "$tarball" >&2)
  echo "$dir"
}
# The shared receipt fixture, as each project's own module.
fixture() {
  local json; json=$(cat "$ROOT/tests/fixtures/dwolla-example-finicity.json")
  printf 'export const receipt = %s;\n' "$json" >"$1.$2"
}

step "types: tsc $("$BIN/tsc" --version)"
dir=$(new_project types)
fixture "$dir/src/fixture" ts
for config in bundler node16 worker; do
  echo "tsc -p tsconfig.$config.json"
  (cd "$dir" && "$BIN/tsc" -p "tsconfig.$config.json")
done
# The @ts-expect-error lines must each be an error: without the directives the files
# fail with exactly as many errors as there are directives.
for file in reject client; do
  want=$(grep -c '// @ts-expect-error' "$dir/src/$file.ts")
  sed 's|// @ts-expect-error.*||' "$dir/src/$file.ts" >"$dir/src/$file.unchecked.ts"
  got=$(cd "$dir" && "$BIN/tsc" -p tsconfig.bundler.json 2>&1 | grep -c "src/$file.unchecked.ts(" || true)
  rm "$dir/src/$file.unchecked.ts"
  echo "$file.ts: $got errors without its $want @ts-expect-error directives"
  [ "$got" -eq "$want" ]
done
(cd "$dir" && "$BIN/tsc" -p tsconfig.runtime.json && node out/runtime.js)

step "node: ESM and CommonJS"
dir=$(new_project node)
fixture "$dir/fixture" mjs
printf 'module.exports = { receipt: %s };\n' "$(cat "$ROOT/tests/fixtures/dwolla-example-finicity.json")" >"$dir/fixture.cjs"
(cd "$dir" && node esm.mjs && node cjs.cjs)

step "worker: plain-JS Worker under wrangler dev"
dir=$(new_project worker)
(cd "$dir" && exec setsid "$BIN/wrangler" dev --ip 127.0.0.1 --port "$WRANGLER_PORT" \
  --inspector-port "$INSPECTOR_PORT" --log-level warn >"$work/wrangler.log" 2>&1) &
pids+=($!)
body=$(printf '{"now":"2022-07-11T06:10:00Z","receipt":%s}' "$(cat "$ROOT/tests/fixtures/dwolla-example-finicity.json")")
answer=""
for _ in $(seq 1 120); do
  answer=$(curl -sf -X POST --data "$body" "http://127.0.0.1:$WRANGLER_PORT/" 2>/dev/null) && break
  sleep 0.5
done
[ -n "$answer" ] || { cat "$work/wrangler.log"; echo "wrangler dev never answered"; exit 1; }
echo "$answer" | node -e '
  const a = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const assert = require("assert/strict");
  assert.equal(a.ok, true);
  assert.equal(a.customerId, "5454874858510164117");
  assert.equal(a.request.url, "https://api-sandbox.dwolla.com/exchanges");
  assert.equal(typeof a.request.headers["Idempotency-Key"], "string");
  console.log("worker: ok", a.request.method, a.request.url);'
# The webhooks entry in the same Worker: a signed body passes, a forged one does not.
hook='{"id":"e1","topic":"customer_created"}'
sig=$(node -e 'process.stdout.write(require("crypto").createHmac("sha256", "webhook secret").update(process.argv[1]).digest("hex"))' "$hook")
signed=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Request-Signature-SHA-256: $sig" --data "$hook" "http://127.0.0.1:$WRANGLER_PORT/webhook")
forged=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Request-Signature-SHA-256: $sig" --data "$hook " "http://127.0.0.1:$WRANGLER_PORT/webhook")
echo "worker webhook: signed $signed, forged $forged"
[ "$signed" = 200 ] && [ "$forged" = 401 ]
kill -- "-${pids[-1]}" 2>/dev/null || true

step "web: vite build, vite dev, webpack 5, esbuild"
dir=$(new_project web)
fixture "$dir/fixture" js
(cd "$dir" && "$BIN/vite" build --config vite.config.mjs --outDir dist-vite --emptyOutDir)
(cd "$dir" && NODE_PATH="$ROOT/node_modules" node webpack-build.cjs)
cp "$dir/index.html" "$dir/dist-webpack/index.html"
(cd "$dir" && "$BIN/esbuild" app-web.js --bundle --format=esm --loader:.wasm=file \
  --outdir=dist-esbuild --log-level=warning)
sed 's|./app.js|./app-web.js|' "$dir/index.html" >"$dir/dist-esbuild/index.html"
(cd "$dir" && exec setsid "$BIN/vite" --config vite.config.mjs --host 127.0.0.1 --port "$VITE_PORT" \
  --strictPort >"$work/vite.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$VITE_PORT/" >/dev/null 2>&1 && break; sleep 0.5; done
node "$SRC/browser.mjs" \
  "vite build=$dir/dist-vite" \
  "vite dev=http://127.0.0.1:$VITE_PORT/" \
  "webpack=$dir/dist-webpack" \
  "esbuild=$dir/dist-esbuild" || { cat "$work/vite.log"; exit 1; }
echo "consumers: all passed"
