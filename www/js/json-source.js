// Maps JSON pointers back to character ranges in the text the user typed, so an issue
// reported at `/products/0/accessPeriod/endTime` can be highlighted where it is. The
// browser's JSON.parse gives values, not positions, and rounds 19-digit ids, so this
// small scanner keeps every value as a range of the original text instead.

/** @typedef {{kind: 'object'|'array'|'string'|'number'|'literal', start: number, end: number,
 *   keyStart?: number, keyEnd?: number, members?: Map<string, Node>, items?: Node[]}} Node */

/**
 * Parses `text` into a tree of source ranges.
 * @returns {{ok: true, root: Node} | {ok: false, error: {offset: number, message: string}}}
 */
export function parseWithPositions(text) {
  let i = 0;
  const fail = (message) => {
    throw Object.assign(new Error(message), { offset: Math.min(i, text.length) });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    const start = i;
    i++; // opening quote
    let value = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const esc = text[i + 1];
        if (esc === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const map = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (!(esc in map)) fail('bad escape');
          value += map[esc];
          i += 2;
        }
      } else {
        if (text.charCodeAt(i) < 0x20) fail('control character in string');
        value += text[i++];
      }
    }
    if (i >= text.length) fail('unterminated string');
    i++; // closing quote
    return { kind: 'string', start, end: i, value };
  };
  const value = () => {
    ws();
    const c = text[i];
    const start = i;
    if (c === '{') {
      i++;
      const members = new Map();
      ws();
      if (text[i] === '}') return { kind: 'object', start, end: ++i, members };
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const key = string();
        ws();
        if (text[i] !== ':') fail("expected ':' after property name");
        i++;
        const node = value();
        node.keyStart = key.start;
        node.keyEnd = key.end;
        members.set(key.value, node);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return { kind: 'object', start, end: ++i, members };
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items = [];
      ws();
      if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num) {
      i += num[0].length;
      return { kind: 'number', start, end: i };
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { kind: 'literal', start, end: i };
      }
    }
    return fail(i >= text.length ? 'unexpected end of input' : `unexpected character '${c}'`);
  };
  try {
    const root = value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { ok: true, root };
  } catch (e) {
    return { ok: false, error: { offset: e.offset ?? 0, message: e.message } };
  }
}

/** Splits a JSON pointer (RFC 6901) into its unescaped segments. */
export function pointerSegments(pointer) {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Finds the text range a pointer designates. A pointer to a member that does not exist
 * (a `required` issue) resolves to the closest existing parent, marked `missing`.
 * @returns {{start: number, end: number, missing: boolean} | null}
 */
export function locate(root, pointer) {
  let node = root;
  let missing = false;
  for (const segment of pointerSegments(pointer)) {
    let next;
    if (node.kind === 'object') next = node.members.get(segment);
    else if (node.kind === 'array' && /^\d+$/.test(segment)) next = node.items[Number(segment)];
    if (!next) {
      missing = true;
      break;
    }
    node = next;
  }
  if (missing || node === root) {
    // Highlight the opening of the container (and its key) rather than its whole body.
    const start = node.keyStart ?? node.start;
    const end = node.kind === 'object' || node.kind === 'array' ? node.start + 1 : node.end;
    return { start, end, missing };
  }
  if (node.kind === 'object' || node.kind === 'array') {
    return { start: node.keyStart ?? node.start, end: node.keyEnd ?? node.start + 1, missing };
  }
  return { start: node.start, end: node.end, missing };
}

/** 1-based line and column of an offset. */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Re-indents JSON text for reading without parsing it into JS values, so long integers
 * keep every digit. Returns the text unchanged when it is not valid JSON.
 */
export function indentJson(text, unit = '  ') {
  const parsed = parseWithPositions(text);
  if (!parsed.ok) return text;
  const out = (node, depth) => {
    const pad = unit.repeat(depth + 1);
    const close = unit.repeat(depth);
    if (node.kind === 'object') {
      if (node.members.size === 0) return '{}';
      const parts = [...node.members.values()].map(
        (child) => `${pad}${text.slice(child.keyStart, child.keyEnd)}: ${out(child, depth + 1)}`,
      );
      return `{\n${parts.join(',\n')}\n${close}}`;
    }
    if (node.kind === 'array') {
      if (node.items.length === 0) return '[]';
      return `[\n${node.items.map((child) => pad + out(child, depth + 1)).join(',\n')}\n${close}]`;
    }
    return text.slice(node.start, node.end);
  };
  return out(parsed.root, 0);
}
