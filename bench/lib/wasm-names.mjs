// A wasm module's sections, function bodies and names (its name section, Rust's legacy
// mangling demangled): what bench/wasm-functions.mjs prints and bench/profile-worker.mjs
// names compiled functions with.
import { imports as importEntries, leb, sections } from "../../scripts/lib/wasm.mjs";

/** Sections as [id or custom name, size]; bodies as { idx, size }; names by index. */
export function readModule(buf) {
  const all = sections(buf);
  const imports = all
    .filter((s) => s.id === 2)
    .flatMap((s) => importEntries(buf, s))
    .filter((i) => i.kind === 0).length;
  const bodies = [];
  const names = new Map();
  for (const s of all) {
    if (s.id === 10) {
      let [count, p] = leb(buf, s.body);
      for (let i = 0; i < count; i++) {
        const [size, at] = leb(buf, p);
        bodies.push({ idx: imports + i, size });
        p = at + size;
      }
    } else if (s.name === "name") {
      // Subsections after the section's name; subsection 1 holds the function names.
      const [nameLength, nameAt] = leb(buf, s.body);
      let p = nameAt + nameLength;
      while (p < s.end) {
        const sub = buf[p];
        const [size, at] = leb(buf, p + 1);
        if (sub === 1) {
          let [count, q] = leb(buf, at);
          for (; count > 0; count--) {
            const [idx, l] = leb(buf, q);
            const [len, t] = leb(buf, l);
            names.set(idx, buf.toString("utf8", t, t + len));
            q = t + len;
          }
        }
        p = at + size;
      }
    }
  }
  return { imports, bodies, names, sections: all.map((s) => [s.id === 0 ? s.name : s.id, s.end - s.body]) };
}

/** A legacy-mangled Rust symbol, readable (other names as they are). */
export function demangle(s) {
  if (!s.startsWith("_ZN")) return s;
  let i = 3; const parts = [];
  while (i < s.length && s[i] !== "E") { let n = 0; while (/\d/.test(s[i])) n = n * 10 + Number(s[i++]); parts.push(s.slice(i, i + n)); i += n; }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\$BP\$/g, "*").replace(/\$u27\$/g, "'").replace(/\$u5b\$/g, "[").replace(/\$u5d\$/g, "]").replace(/\.\./g, "::").replace(/^_</, "<");
}
