#!/usr/bin/env bash
# Builds the npm package `consent-exchange` into pkg/: one wasm module per entry of
# npm/entries.json, each compiled with that entry's Cargo features (a wasm module cannot
# be tree-shaken, so an entry carries exactly its own functions), then bound by
# wasm-bindgen for each of its targets (the nodejs target from a build of its own that
# adds the entry's `nodeFeatures`, `js-node`: Node's SHA-256 for derived idempotency
# keys):
#   pkg/<dir>/web/      --target web      ES module + async init (pages, esbuild)
#   pkg/<dir>/node/     --target nodejs   CommonJS; node/index.mjs re-exports it for ESM
#   pkg/<dir>/bundler/  --target bundler  ES module importing the .wasm (Vite, webpack)
#   pkg/<dir>/worker/   an entry over web/ that initialises the wasm itself, for workerd
# where <dir> is "" for the main entry (pkg/web/, pkg/node/, ...) and the entry's name
# for the others (pkg/finicity/web/, ...). An entry with one target has it directly in
# pkg/<dir>/ (the client entry: pkg/client/, web only).
# pkg/package.json (scripts/pkg-manifest.mjs) routes each `exports` subpath and
# condition to its build. The generated JS glue is minified with esbuild (the .d.ts
# files keep the docs); wasm-opt runs with the flags of Cargo.toml's
# [package.metadata.wasm-pack.profile.release] (what `wasm-pack build` would use), from
# node_modules/binaryen (Debian's is broken for current rustc).
# Usage: scripts/build-pkg.sh [--dev] [ENTRY...]
#   --dev     debug build, no wasm-opt, no minifying (what scripts/dev.sh serves)
#   ENTRY     any of the entries' names (core finicity webhooks all client; default: all
#             of them); web, node and bundler are read as core
# An entry whose output is newer than every source file it was compiled from (and was
# built with the same settings) is not built again: see scripts/fresh.sh. FORCE_BUILD=1
# rebuilds anyway.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$(dirname "$0")/fresh.sh"
cd "$ROOT"

profile=--release
profile_dir=release
# name, features, dir, targets and node features of every entry: one line each,
# separated by "|".
entries=$(node -e '
  for (const e of require("./npm/entries.json").entries)
    console.log([e.name, e.features.join(","), e.dir, e.targets.join(" "), (e.nodeFeatures ?? []).join(",")].join("|"));')
names=" $(cut -d'|' -f1 <<<"$entries" | tr '\n' ' ')"
wanted=()
for arg in "$@"; do
  case "$arg" in
    --dev) profile=--dev; profile_dir=debug ;;
    --release) profile=--release; profile_dir=release ;;
    web|node|bundler) wanted+=(core) ;;
    *)
      [[ "$names" == *" $arg "* ]] || { echo "build-pkg.sh: unknown argument $arg (expected --dev or one of:$names)" >&2; exit 2; }
      wanted+=("$arg") ;;
  esac
done
[ ${#wanted[@]} -gt 0 ] || read -ra wanted <<<"$names"
built=()

out="$ROOT/pkg"
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$out" "$target_dir/stamps"
# Builds may start at once (scripts/dev.sh, a lane, worker/build.sh): one at a time, the
# later ones then find their targets fresh.
exec 8>"$target_dir/stamps/pkg.lock"
flock 8

# Release builds compile the standard library with the package (nightly's -Zbuild-std)
# so that a panic aborts at once: no panic messages, locations or formatting kept for
# them (the package never panics by design: clippy denies unwrap, expect and panic).
# Symbols keep stable's legacy mangling (the names of wasm-bindgen's closure exports).
# Measured on the main entry: 2.7 KB gzip less, no slower per call. std itself stays at
# opt-level 3, as the prebuilt one is (at the profile's "z" calls were 5-10% slower).
# It needs the nightly toolchain with rust-src (scripts/setup.sh installs both); without
# them, or with CX_BUILD_STD=0, the stable toolchain and its prebuilt std build it.
build_std=0
if [ "$profile" = --release ] && [ "${CX_BUILD_STD:-1}" != 0 ]; then
  if rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
    build_std=1
  else
    echo "build-pkg.sh: no nightly toolchain with rust-src: building with stable's std (2-3 KB larger; scripts/setup.sh installs them)" >&2
  fi
fi
# `-Zlocation-detail=none`: the few panic locations the optimiser keeps (file names of
# crates in the cargo registry) are dropped from the data section; an immediate abort
# prints nothing anyway. 0.16 KB gzip on the main entry.
build_std_rustflags="-Zunstable-options -Cpanic=immediate-abort -Csymbol-mangling-version=legacy -Zlocation-detail=none"
toolchain_key=stable
[ "$build_std" = 1 ] && toolchain_key="build-std $(rustc +nightly --version) $build_std_rustflags"

# wasm-opt's flags, declared once in Cargo.toml for wasm-pack and read from there.
mapfile -t wasm_opt_flags < <(cargo metadata --format-version 1 --no-deps --offline 2>/dev/null |
  node -e '
    const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const pkg = meta.packages.find((p) => p.name === "consent-exchange");
    for (const flag of pkg.metadata["wasm-pack"].profile.release["wasm-opt"]) console.log(flag);')
[ ${#wasm_opt_flags[@]} -gt 0 ] || { echo "build-pkg.sh: no wasm-opt flags in Cargo.toml" >&2; exit 1; }

# folder_of DIR TARGETS TARGET: the folder under pkg/ of one target's build. A target's
# folder is named after it (nodejs: node), inside the entry's DIR; an entry with one
# target (the client) keeps its build directly in pkg/DIR/. (scripts/pkg-manifest.mjs's
# folderOf says the same for the manifest and the tests.)
folder_of() {
  local dir=$1 targets=$2 t=$3
  if [ "$targets" = "$t" ] && [ -n "$dir" ]; then echo "$dir"; return; fi
  [ "$t" = nodejs ] && t=node
  echo "${dir:+$dir/}$t"
}

# build_targets FEATURES TARGETS: one cargo build of the entry being built (entry's
# locals name, dir, targets, base, build_dir) with FEATURES, bound for each of TARGETS.
build_targets() {
  local features=$1 wanted_targets=$2 t sub wasm
  echo "==> $name: cargo build $profile --features $features -> pkg/$base{${wanted_targets// /,}}"
  local cargo_profile=(--release)
  [ "$profile" = --dev ] && cargo_profile=()
  if [ "$build_std" = 1 ]; then
    CARGO_TARGET_DIR=$build_dir RUSTFLAGS="$build_std_rustflags" \
      cargo +nightly build --quiet "${cargo_profile[@]}" --lib --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort --config profile.release.package.core.opt-level=3 \
      --config profile.release.package.alloc.opt-level=3 --config profile.release.package.std.opt-level=3 \
      --no-default-features --features "$features"
  else
    cargo build --quiet "${cargo_profile[@]}" --lib --target wasm32-unknown-unknown \
      --no-default-features --features "$features"
  fi
  wasm="$build_dir/wasm32-unknown-unknown/$profile_dir/consent_exchange.wasm"
  for t in $wanted_targets; do
    sub=$(folder_of "$dir" "$targets" "$t")
    rm -rf "${out:?}/$sub"
    local bindgen=(--target "$t" --out-dir "$out/$sub" --out-name consent_exchange)
    # As wasm-pack's dev profile: glue with debug assertions, no DWARF kept.
    [ "$profile" = --dev ] && bindgen+=(--debug)
    wasm-bindgen "${bindgen[@]}" "$wasm"
    if [ "$profile" = --release ]; then
      wasm-opt "${wasm_opt_flags[@]}" "$out/$sub/consent_exchange_bg.wasm" -o "$out/$sub/consent_exchange_bg.wasm"
      # Short import names in the wasm and its glue, before the glue is minified (~0.9 KB
      # gzip of the main entry: wasm-bindgen's names carry a hash each).
      node "$ROOT/scripts/short-imports.mjs" "$out/$sub"
    fi
    finish "$sub"
    if [ "$sub" = "${base}web" ]; then worker_entry "$base"; fi
  done
}

# entry NAME FEATURES DIR TARGETS NODE_FEATURES: builds the entry unless it is fresh or
# not asked for.
entry() {
  local name=$1 features=$2 dir=$3 targets=$4 node_features=$5 t sub
  [[ " ${wanted[*]} " == *" $name "* ]] || return 0
  local base=${dir:+$dir/}
  # Kept outside pkg/ so they are never published; gone with target/, like the build.
  local stamp="$target_dir/stamps/pkg-$name" key="$profile features=$features targets=$targets nodejs+$node_features $toolchain_key short-imports"
  local complete=1
  for t in $targets; do
    sub=$(folder_of "$dir" "$targets" "$t")
    [ -f "$out/$sub/consent_exchange_bg.wasm" ] || complete=0
  done
  if [ "$complete" = 1 ] && stamp_fresh "$stamp" "$key"; then
    echo "==> pkg/$base is up to date ($name)"
    return 0
  fi
  stamp_start "$stamp"
  local build_dir=$target_dir
  # A target directory of its own: other flags and another compiler than every other
  # build of the workspace.
  [ "$build_std" = 1 ] && build_dir=$target_dir/build-std
  # With `nodeFeatures` (npm/entries.json: `js-node`, Node's SHA-256 for derived
  # idempotency keys), the nodejs target's module is a build of its own, built last so
  # that its dep-info, which names every source file of the other build too, is the one
  # the stamp reads.
  local others=() node=()
  for t in $targets; do
    if [ "$t" = nodejs ] && [ -n "$node_features" ]; then node+=("$t"); else others+=("$t"); fi
  done
  [ ${#others[@]} -eq 0 ] || build_targets "$features" "${others[*]}"
  [ ${#node[@]} -eq 0 ] || build_targets "$features,$node_features" nodejs
  built+=("$name")
  stamp_write "$stamp" "$key" "$build_dir/wasm32-unknown-unknown/$profile_dir/consent_exchange.d" \
    "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$ROOT/npm/entries.json" "$ROOT/scripts/short-imports.mjs" \
    "$ROOT/scripts/lib/wasm.mjs"
}

# finish SUB: what every fresh build of pkg/SUB gets after wasm-bindgen.
finish() {
  local sub=$1 f
  local node=0
  [ "$(basename "$sub")" = node ] && node=1
  # Per-folder module type: node/ is CommonJS, the others are ES modules.
  if [ "$node" = 1 ]; then
    echo '{ "type": "commonjs" }' >"$out/$sub/package.json"
  else
    echo '{ "type": "module" }' >"$out/$sub/package.json"
  fi
  # Minified glue: about 2 KB gzip less per target. Names stay (wasm-bindgen's imports are
  # looked up by name in the glue object, and the node entry below reads the exports).
  if [ "$profile" = --release ]; then
    if [ "$node" = 1 ]; then
      f="$out/$sub/consent_exchange.js"
      esbuild --minify --format=cjs --platform=node --log-level=warning "$f" --outfile="$f.min" && mv "$f.min" "$f"
    else
      for f in "$out/$sub"/consent_exchange.js "$out/$sub"/consent_exchange_bg.js; do
        [ -f "$f" ] || continue
        esbuild --minify --format=esm --log-level=warning "$f" --outfile="$f.min" && mv "$f.min" "$f"
      done
    fi
  fi
  # wasm-bindgen declares `[Symbol.dispose]()` on classes; `Symbol.dispose` exists only in
  # TypeScript's `esnext.disposable` lib, so under `lib: ES2022` with `skipLibCheck: false`
  # the line is an error. `free()` stays declared (the runtime has both).
  sed -i '/^ *\[Symbol\.dispose\](): void;$/d' "$out/$sub/consent_exchange.d.ts"
  if [ "$node" = 1 ]; then node_entry "$out/$sub"; fi
}

# node_entry DIR: an ESM entry for Node, named re-exports of the CommonJS build.
node_entry() {
  node -e '
    const mod = require(process.argv[1]);
    const names = Object.keys(mod).filter((n) => !n.startsWith("__"));
    const lines = ["// Generated by scripts/build-pkg.sh: ES module entry over the CommonJS build.",
      "import cjs from \"./consent_exchange.js\";",
      ...names.map((n) => `export const ${n} = cjs.${n};`),
      "export default cjs;", ""];
    require("fs").writeFileSync(process.argv[2], lines.join("\n"));
  ' "$1/consent_exchange.js" "$1/index.mjs"
  # Types of the ESM entry: the named exports, and the default export index.mjs has.
  cat >"$1/index.d.mts" <<'TS'
export * from "./consent_exchange.js";
import * as cx from "./consent_exchange.js";
export default cx;
TS
}

# worker_entry BASE: pkg/BASE/worker/, the entry for Workers runtimes. workerd imports a
# `.wasm` as a compiled module (its default export), so the web build is instantiated
# with `initSync` before anything is exported.
worker_entry() {
  mkdir -p "$out/${1}worker"
  cat >"$out/${1}worker/index.js" <<'JS'
// Entry for Cloudflare Workers / workerd (package.json `exports` conditions `workerd`
// and `worker`): the runtime imports the .wasm as a compiled WebAssembly.Module.
import wasm from "../web/consent_exchange_bg.wasm";
import { initSync } from "../web/consent_exchange.js";

initSync({ module: wasm });

export * from "../web/consent_exchange.js";
JS
  cat >"$out/${1}worker/index.d.ts" <<'TS'
// The web build, already initialised: call the functions directly.
export * from "../web/consent_exchange.js";
TS
  echo '{ "type": "module" }' >"$out/${1}worker/package.json"
}

while IFS="|" read -r name features dir targets node_features; do
  entry "$name" "$features" "$dir" "$targets" "$node_features"
done <<<"$entries"

node scripts/pkg-manifest.mjs "$out/package.json"
cp npm/README.md "$out/README.md"
cp LICENSE-MIT LICENSE-APACHE "$out/"

# Sizes of what this run built (a fresh entry was measured when it was built).
while IFS="|" read -r name features dir targets _; do
  [[ " ${built[*]-} " == *" $name "* ]] || continue
  web="$out/$(folder_of "$dir" "$targets" web)"
  for f in "$web"/consent_exchange{_bg.wasm,.js}; do
    [ -f "$f" ] || continue
    printf '%-40s %8d bytes, gzip -9 %7d\n' "${f#"$ROOT"/}" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
  done
done <<<"$entries"
