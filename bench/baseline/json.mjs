// JSON text → JS values, keeping the exact text of every number.
//
// `JSON.parse` turns 5454874858510164117 into 5454874858510164000: a Finicity id that
// arrives as a JSON number would lose its last digits. Node 20's V8 has no
// `JSON.parse` source access, so the careful way in plain JS is a parser that keeps
// number lexemes. It is only used when the fast `JSON.parse` pass finds a number
// where an id belongs (see receipt.mjs), which real receipts almost never have.

/** A JSON number as written in the text. */
export class RawNumber {
  constructor(raw) {
    this.raw = raw;
  }
  get value() {
    return Number(this.raw);
  }
}

/** Thrown for text that is not JSON; `offset` is where parsing stopped. */
export class JsonSyntaxError extends SyntaxError {
  constructor(message, offset) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string without escapes or control characters: the common case, sliced directly.
const PLAIN_STRING = /"([^"\\\u0000-\u001f]*)"/y;
const MAX_DEPTH = 128;

/** Parses JSON text; numbers become `RawNumber`. Throws `JsonSyntaxError`. */
export function parseWithRawNumbers(text) {
  let i = 0;
  const n = text.length;

  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const fail = (msg) => {
    throw new JsonSyntaxError(msg, i);
  };

  function string() {
    PLAIN_STRING.lastIndex = i;
    const m = PLAIN_STRING.exec(text);
    if (m) {
      i = PLAIN_STRING.lastIndex;
      return m[1];
    }
    // Escapes present: the slice from the opening quote to the closing one is itself a
    // JSON string, which JSON.parse decodes exactly (surrogates included).
    let j = i + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) break;
      if (c < 0x20) {
        i = j;
        fail("control character in string");
      }
      j += c === 0x5c ? 2 : 1;
    }
    if (j >= n) fail("unterminated string");
    const lexeme = text.slice(i, j + 1);
    i = j + 1;
    try {
      return JSON.parse(lexeme);
    } catch {
      fail("invalid escape in string");
    }
  }

  function value(depth) {
    if (depth > MAX_DEPTH) fail("nesting too deep");
    skip();
    const c = text.charCodeAt(i);
    if (c === 0x22) return string();
    if (c === 0x7b) {
      i++;
      const obj = {};
      skip();
      if (text.charCodeAt(i) === 0x7d) {
        i++;
        return obj;
      }
      for (;;) {
        skip();
        if (text.charCodeAt(i) !== 0x22) fail("expected a key");
        const key = string();
        skip();
        if (text.charCodeAt(i) !== 0x3a) fail("expected ':'");
        i++;
        const v = value(depth + 1);
        // defineProperty, not assignment: a "__proto__" key must stay a plain key.
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        skip();
        const d = text.charCodeAt(i++);
        if (d === 0x7d) return obj;
        if (d !== 0x2c) {
          i--;
          fail("expected ',' or '}'");
        }
      }
    }
    if (c === 0x5b) {
      i++;
      const arr = [];
      skip();
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        skip();
        const d = text.charCodeAt(i++);
        if (d === 0x5d) return arr;
        if (d !== 0x2c) {
          i--;
          fail("expected ',' or ']'");
        }
      }
    }
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i = NUMBER.lastIndex;
      return new RawNumber(m[0]);
    }
    fail(i >= n ? "unexpected end of input" : "unexpected character");
  }

  const v = value(0);
  skip();
  if (i < n) fail("trailing characters");
  return v;
}
