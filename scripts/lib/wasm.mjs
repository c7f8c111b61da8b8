// Reading a wasm module's binary format, section by section: what
// scripts/short-imports.mjs rewrites and bench/lib/wasm-names.mjs reads. Written by hand:
// `WebAssembly.Module.imports` gives the import names but not where they are in the bytes,
// which a rewrite needs, and the code section's function sizes are in no JS API.

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
export function leb(buf, at) {
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
export function toLeb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
}

/**
 * The module's sections in order: `id`, `start` (its id byte), `body` (after its size)
 * and `end`; `name` for a custom section (id 0).
 */
export function sections(bytes) {
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    const section = { id, start: at, body, end: body + size };
    if (id === 0) {
      const [len, s] = leb(bytes, body);
      section.name = bytes.toString("utf8", s, s + len);
    }
    out.push(section);
    at = section.end;
  }
  return out;
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

/**
 * The entries of an import section: `module` (its bytes, length included), `name`,
 * `kind` (0 function, 1 table, 2 memory, 3 global, 4 tag), and `desc`, the bytes from
 * the kind to the entry's end. An import kind or encoding it does not know throws.
 */
export function imports(bytes, section) {
  let [count, at] = leb(bytes, section.body);
  const out = [];
  for (; count > 0; count--) {
    const [mlen, ms] = leb(bytes, at);
    const module = bytes.subarray(at, ms + mlen);
    const [nlen, ns] = leb(bytes, ms + mlen);
    const name = bytes.toString("utf8", ns, ns + nlen);
    const kind = bytes[ns + nlen];
    let end = ns + nlen + 1;
    if (kind === 0x00) [, end] = leb(bytes, end);
    else if (kind === 0x01) end = skipLimits(bytes, skipValType(bytes, end));
    else if (kind === 0x02) end = skipLimits(bytes, end);
    else if (kind === 0x03) end = skipValType(bytes, end) + 1;
    else if (kind === 0x04) [, end] = leb(bytes, end + 1);
    else throw new Error(`unknown import kind ${kind}`);
    out.push({ module, name, kind, desc: bytes.subarray(ns + nlen, end) });
    at = end;
  }
  return out;
}

/** The names of an export section's entries. */
export function exportNames(bytes, section) {
  let [count, at] = leb(bytes, section.body);
  const out = [];
  for (; count > 0; count--) {
    const [len, s] = leb(bytes, at);
    out.push(bytes.toString("utf8", s, s + len));
    [, at] = leb(bytes, s + len + 1);
  }
  return out;
}
