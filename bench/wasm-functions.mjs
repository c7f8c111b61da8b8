#!/usr/bin/env node
// The functions of a wasm module by body size, named from its name section (Rust's
// legacy mangling demangled), and the code summed by crate (the first path segment of
// each symbol: generic code counts where it was instantiated, and a function counts
// whole where others were inlined into it). Sections and their sizes first.
//
//   node bench/wasm-functions.mjs worker/build/index_bg.wasm [TOP]
//
// V8 compiles a worker's wasm lazily, one whole function at a time, on its first call:
// the largest functions on a request's path are what a cold start compiles.
import { readFileSync } from "node:fs";
const buf = readFileSync(process.argv[2]);
const top = Number(process.argv[3] ?? 40);
let p = 8;
function leb() { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; }
let imports = 0; const bodies = []; const names = new Map(); const sections = [];
while (p < buf.length) {
  const id = buf[p++]; const size = leb(); const start = p; const end = p + size;
  let label = id;
  if (id === 0) { const n = leb(); label = buf.slice(p, p + n).toString(); p += n;
    if (label === "name") { while (p < end) { const sub = buf[p++]; const sz = leb(); const se = p + sz;
      if (sub === 1) { const cnt = leb(); for (let i = 0; i < cnt; i++) { const idx = leb(); const l = leb(); names.set(idx, buf.slice(p, p + l).toString()); p += l; } }
      p = se; } } }
  else if (id === 2) { const cnt = leb(); for (let i = 0; i < cnt; i++) { let l = leb(); p += l; l = leb(); p += l; const kind = buf[p++];
      if (kind === 0) { leb(); imports++; } else if (kind === 1) { p++; const f = buf[p++]; leb(); if (f & 1) leb(); } else if (kind === 2) { const f = buf[p++]; leb(); if (f & 1) leb(); } else if (kind === 3) { p += 2; } else if (kind === 4) { p++; leb(); } } }
  else if (id === 10) { const cnt = leb(); for (let i = 0; i < cnt; i++) { const sz = leb(); bodies.push({ idx: imports + i, size: sz }); p += sz; } }
  sections.push([label, size]);
  p = end;
}
function demangle(s) {
  if (!s.startsWith("_ZN")) return s;
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== "E") { let n = 0; while (/\d/.test(s[i])) n = n * 10 + Number(s[i++]); parts.push(s.slice(i, i + n)); i += n; }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\$BP\$/g, "*").replace(/\$u27\$/g, "'").replace(/\$u5b\$/g, "[").replace(/\$u5d\$/g, "]").replace(/\.\./g, "::").replace(/^_</, "<");
}
function crateOf(d) { const m = /^<?(?:&(?:mut )?)?([a-z_][a-z0-9_]*)/.exec(d); return m ? m[1] : "?"; }
const total = bodies.reduce((a, b) => a + b.size, 0);
console.log("sections:", sections.map(([l, s]) => `${l}:${s}`).join(" "));
console.log(`functions: ${bodies.length} (+${imports} imported), code bytes ${total}`);
const rows = bodies.map((b) => ({ ...b, name: demangle(names.get(b.idx) ?? `f${b.idx}`) })).sort((a, b) => b.size - a.size);
for (const r of rows.slice(0, top)) console.log(String(r.size).padStart(8), r.name.slice(0, 160));
const byCrate = new Map();
for (const r of rows) { const c = crateOf(r.name); byCrate.set(c, (byCrate.get(c) ?? 0) + r.size); }
console.log("\nby crate (first path segment of the symbol; generic code counts where it was named):");
for (const [c, s] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(s).padStart(8), `${(100 * s / total).toFixed(1)}%`.padStart(6), c);
