// A wasm module's sections, function bodies and names (its name section, Rust's legacy
// mangling demangled): what bench/wasm-functions.mjs prints and bench/profile-worker.mjs
// names compiled functions with.

/** Sections as [id or custom name, size]; bodies as { idx, size }; names by index. */
export function readModule(buf) {
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
  return { imports, bodies, names, sections };
}

/** A legacy-mangled Rust symbol, readable (other names as they are). */
export function demangle(s) {
  if (!s.startsWith("_ZN")) return s;
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== "E") { let n = 0; while (/\d/.test(s[i])) n = n * 10 + Number(s[i++]); parts.push(s.slice(i, i + n)); i += n; }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\$BP\$/g, "*").replace(/\$u27\$/g, "'").replace(/\$u5b\$/g, "[").replace(/\$u5d\$/g, "]").replace(/\.\./g, "::").replace(/^_</, "<");
}
