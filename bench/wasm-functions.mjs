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
import { demangle, readModule } from "./lib/wasm-names.mjs";
const buf = readFileSync(process.argv[2]);
const top = Number(process.argv[3] ?? 40);
const { imports, bodies, names, sections } = readModule(buf);
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
