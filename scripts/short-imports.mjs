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

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/short-imports.mjs DIR");
  process.exit(2);
}
const wasmPath = join(dir, "consent_exchange_bg.wasm");
const bytes = readFileSync(wasmPath);

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(buf, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    if (b === undefined) throw new Error("truncated LEB128");
    value += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [value, at];
    shift += 7;
  }
}

/** The unsigned LEB128 bytes of `n`. */
function toLeb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

/** Skips a table's or memory's limits at `at`. */
function skipLimits(buf, at) {
  const flags = buf[at++];
  if (flags > 0x07) throw new Error(`unknown limits flags ${flags}`);
  [, at] = leb(buf, at);
  if (flags & 1) [, at] = leb(buf, at);
  return at;
}

/** Skips a value type (one byte, or a reference type with a heap type). */
function skipValType(buf, at) {
  const t = buf[at++];
  if (t === 0x63 || t === 0x64) [, at] = leb(buf, at);
  return at;
}

if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a wasm module`);
const parts = [bytes.subarray(0, 8)];
const renames = new Map();
const exportNames = new Set();
let at = 8;
let importSection = null;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, body] = leb(bytes, at + 1);
  const end = body + size;
  if (id === 2) importSection = parts.length;
  if (id === 7) {
    // Export names: an import is renamed only if the glue does not use its name as an
    // export too.
    let [count, p] = leb(bytes, body);
    for (; count > 0; count--) {
      const [len, s] = leb(bytes, p);
      exportNames.add(bytes.toString("utf8", s, s + len));
      [, p] = leb(bytes, s + len + 1);
    }
  }
  parts.push(bytes.subarray(at, end));
  at = end;
}
if (importSection === null) throw new Error(`${wasmPath}: no import section`);

// The import section again, function names replaced.
const section = parts[importSection];
let [, p] = leb(section, 1);
let [count, q] = leb(section, p);
const entries = [toLeb(count)];
let next = 0;
for (; count > 0; count--) {
  const [mlen, ms] = leb(section, q);
  const module = section.subarray(q, ms + mlen);
  const [nlen, ns] = leb(section, ms + mlen);
  const name = section.toString("utf8", ns, ns + nlen);
  const kind = section[ns + nlen];
  let d = ns + nlen + 1;
  if (kind === 0x00) [, d] = leb(section, d);
  else if (kind === 0x01) d = skipLimits(section, skipValType(section, d));
  else if (kind === 0x02) d = skipLimits(section, d);
  else if (kind === 0x03) d = skipValType(section, d) + 1;
  else if (kind === 0x04) [, d] = leb(section, d + 1);
  else throw new Error(`${wasmPath}: unknown import kind ${kind}`);
  let newName = name;
  if (kind === 0x00 && !exportNames.has(name)) {
    newName = renames.get(name) ?? `__${(next++).toString(36)}`;
    renames.set(name, newName);
  }
  const nameBytes = Buffer.from(newName, "utf8");
  entries.push(module, toLeb(nameBytes.length), nameBytes, section.subarray(ns + nlen, d));
  q = d;
}
const content = Buffer.concat(entries);
parts[importSection] = Buffer.concat([Buffer.from([2]), toLeb(content.length), content]);
writeFileSync(wasmPath, Buffer.concat(parts));

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
