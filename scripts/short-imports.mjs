#!/usr/bin/env node
// Gives the functions a wasm-bindgen build imports from its JS glue short names, in the
// .wasm and in the glue alike: `__wbg_get_2080c49015e35254` becomes `__3`.
//
//   node scripts/short-imports.mjs DIR
//
// DIR holds one target's build (consent_exchange_bg.wasm and its .js files), before the
// glue is minified (scripts/build-pkg.sh runs this after wasm-opt, release builds only).
// wasm-bindgen names each import after its JS function plus a 16-hex-digit hash, and the
// name is written twice, in the wasm's import section and in the glue's import object
// (or, for the bundler target, as an export of consent_exchange_bg.js): hashes are what
// gzip cannot compress, about 1 KB gzip of the main entry's 45.6 KB.
// Written by hand: wasm-bindgen has no option for it, and binaryen's
// `--minify-imports` renames only imports from the module "env" (its
// `-and-modules` variant renames the module too, which a bundler resolves as a path).
// The wasm is rewritten section by section, only the import section's function names
// changing; an import kind or encoding it does not know stops the build.
// New names start with "__", which the node entry's re-exports leave out, like the old.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportNames, imports, sections, toLeb } from "./lib/wasm.mjs";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/short-imports.mjs DIR");
  process.exit(2);
}
const wasmPath = join(dir, "consent_exchange_bg.wasm");
const bytes = readFileSync(wasmPath);

/** `read()`, its error naming the file. */
function inFile(read) {
  try {
    return read();
  } catch (e) {
    throw new Error(`${wasmPath}: ${e.message}`);
  }
}
const all = inFile(() => sections(bytes));
const importSection = all.find((s) => s.id === 2);
if (!importSection) throw new Error(`${wasmPath}: no import section`);
// An import is renamed only if the glue does not use its name as an export too.
const exported = new Set(all.filter((s) => s.id === 7).flatMap((s) => inFile(() => exportNames(bytes, s))));

// The import section again, function names replaced.
const renames = new Map();
const entries = inFile(() => imports(bytes, importSection));
const content = [toLeb(entries.length)];
for (const { module, name, kind, desc } of entries) {
  let newName = name;
  if (kind === 0x00 && !exported.has(name)) {
    newName = renames.get(name) ?? `__${renames.size.toString(36)}`;
    renames.set(name, newName);
  }
  const nameBytes = Buffer.from(newName, "utf8");
  content.push(module, toLeb(nameBytes.length), nameBytes, desc);
}
const body = Buffer.concat(content);
writeFileSync(
  wasmPath,
  Buffer.concat([
    bytes.subarray(0, importSection.start),
    Buffer.from([2]),
    toLeb(body.length),
    body,
    bytes.subarray(importSection.end),
  ]),
);

// The glue: every JS file of the target, each old name replaced as a whole word. (The
// glue may also define functions the optimised wasm no longer imports; they keep their
// names, unused.)
if (renames.size === 0) throw new Error(`${wasmPath}: no function imports to rename`);
const pattern = new RegExp(`\\b(${[...renames.keys()].join("|")})\\b`, "g");
const found = new Set();
for (const file of readdirSync(dir).filter((f) => f.endsWith(".js"))) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const out = text.replace(pattern, (old) => {
    found.add(old);
    return renames.get(old);
  });
  if (out !== text) writeFileSync(path, out);
}
// Each import is named in the glue; one that is not would fail at instantiation.
const missing = [...renames.keys()].filter((name) => !found.has(name));
if (missing.length) throw new Error(`${dir}: imports the glue does not name: ${missing.join(", ")}`);
console.log(`short-imports: ${renames.size} imports renamed in ${dir}`);
