// The hand-written plain-JS baseline: the same job as consent-exchange's
// `checkConsentReceipt` + `finicityExchange` (receipt JSON text → every check → the
// exact Dwolla request), written the way a careful JS developer would, with no
// library. It is the floor the wasm package is measured against, so it does all the
// same work: every issue reported (not the first), ids never through an f64, dates
// checked for real calendar values, the body written byte-exact, the idempotency key
// derived from a SHA-256 of the request.
import { createHash } from "node:crypto";
import { parseWithRawNumbers, RawNumber } from "./json.mjs";

const HAL = "application/vnd.dwolla.v1.hal+json";
const BASES = { sandbox: "https://api-sandbox.dwolla.com", production: "https://api.dwolla.com" };
const KNOWN_PRODUCTS = new Set([
  "moneyTransferDetails",
  "availableBalance",
  "availableBalanceLive",
  "accountOwner",
  "paymentIndicator",
]);
// 2^53 - 1 as text: partner ids are compared as digit strings of equal length.
const MAX_SAFE = "9007199254740991";
const DIGITS = /^[0-9]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2})))?$/;
const MILLIS_FROM = 100_000_000_000;
const LAST_SECOND = 253_402_300_799; // 9999-12-31T23:59:59Z

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof RawNumber);
const isNumber = (v) => typeof v === "number" || v instanceof RawNumber;
const typeName = (v) =>
  v === null ? "null" : Array.isArray(v) ? "array" : v instanceof RawNumber ? "number" : typeof v;
const escapeToken = (t) => String(t).replaceAll("~", "~0").replaceAll("/", "~1");
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isDigits = (s) => DIGITS.test(s);

function daysInMonth(y, m) {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
// Date.UTC is not used: it maps years 0-99 to 1900-1999.
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * An RFC 3339 date (`2022-07-06`, its midnight UTC) or date-time with an offset
 * (`2022-08-16T06:06:20Z`) → `{ s, n }` (epoch seconds and nanoseconds, so that
 * sub-millisecond digits still compare), or null when it is not one.
 */
export function parseTime(text) {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const days = daysFromCivil(y, mo, d);
  if (m[4] === undefined) return { s: days * 86_400, n: 0 };
  const h = +m[4];
  const mi = +m[5];
  const sec = +m[6];
  if (h > 23 || mi > 59 || sec > 59) return null;
  let offset = 0;
  if (m[8] === undefined) {
    const oh = +m[10];
    const om = +m[11];
    if (oh > 23 || om > 59) return null;
    offset = (oh * 3600 + om * 60) * (m[9] === "-" ? -1 : 1);
  }
  const n = m[7] === undefined ? 0 : Number(m[7].slice(0, 9).padEnd(9, "0"));
  return { s: days * 86_400 + h * 3600 + mi * 60 + sec - offset, n };
}

const cmp = (a, b) => a.s - b.s || a.n - b.n;

/** `{ s, n }` → RFC 3339 UTC, with milliseconds or nanoseconds only when present. */
function formatTime({ s, n }) {
  const iso = new Date(s * 1000).toISOString().slice(0, 19);
  if (n === 0) return `${iso}Z`;
  return n % 1_000_000 === 0 ? `${iso}.${String(n / 1_000_000).padStart(3, "0")}Z` : `${iso}.${String(n).padStart(9, "0")}Z`;
}

class Checker {
  constructor(options) {
    this.issues = [];
    this.allowEpochTimes = options.allowEpochTimes === true;
    this.required = options.requiredProducts ?? ["moneyTransferDetails"];
    const now = options.now == null ? { s: Math.floor(Date.now() / 1000), n: (Date.now() % 1000) * 1e6 } : parseTime(options.now);
    if (now == null) throw codedError("InvalidArgument", `now ${JSON.stringify(options.now)} is not RFC 3339`);
    this.now = now;
    this.horizon = { s: now.s + (options.clockSkewSeconds ?? 300), n: now.n };
  }

  error(path, code, message) {
    this.issues.push({ path, code, message, severity: "error" });
  }

  warning(path, code, message) {
    this.issues.push({ path, code, message, severity: "warning" });
  }

  /** The member, or undefined after recording `required` when it is absent or null. */
  member(obj, key, path) {
    const v = has(obj, key) ? obj[key] : null;
    if (v === null) {
      this.error(path, "required", `${key} is required`);
      return undefined;
    }
    return v;
  }

  string(obj, key, base) {
    const path = `${base}/${escapeToken(key)}`;
    const v = this.member(obj, key, path);
    if (v === undefined) return undefined;
    if (typeof v !== "string") {
      this.error(path, "type", `${key} must be a string, found ${typeName(v)}`);
      return undefined;
    }
    if (v === "") {
      this.error(path, "empty", `${key} must not be empty`);
      return undefined;
    }
    return v;
  }

  profile(obj, base) {
    const path = `${base}/profile`;
    const v = this.member(obj, "profile", path);
    if (v === undefined) return undefined;
    if (!isNumber(v)) {
      this.error(path, "type", `profile must be an integer, found ${typeName(v)}`);
      return undefined;
    }
    const raw = v instanceof RawNumber ? v.raw : String(v);
    // The same range and shape as a Rust i32 parse: optional minus, digits only.
    if (!/^-?\d+$/.test(raw) || Number(raw) < -2147483648 || Number(raw) > 2147483647) {
      this.error(path, "format", `profile must be a 32-bit integer, found ${raw}`);
      return undefined;
    }
    return String(Number(raw));
  }

  /** version/receiptVersion: a string, or an integer turned into its digits. */
  version(obj, key, base, required) {
    const path = `${base}/${key}`;
    if (!required && (!has(obj, key) || obj[key] === null)) return { value: undefined };
    const v = this.member(obj, key, path);
    if (v === undefined) return undefined;
    if (typeof v === "string") {
      if (v === "") {
        this.error(path, "empty", `${key} must not be empty`);
        return undefined;
      }
      return { value: v };
    }
    if (isNumber(v)) {
      const raw = v instanceof RawNumber ? v.raw : String(v);
      if (isDigits(raw)) return { value: raw };
      this.error(path, "format", `${key} must be a string or an integer, found ${raw}`);
      return undefined;
    }
    this.error(path, "type", `${key} must be a string or an integer, found ${typeName(v)}`);
    return undefined;
  }

  /**
   * The digits of an id written as a JSON number. From text the lexeme is exact; a
   * plain JS number (the fast path never yields one at an id) must be a safe integer.
   */
  numberDigits(v, key, path) {
    if (typeof v === "number" && !Number.isSafeInteger(v)) {
      this.error(path, "precisionLoss", `${key} is a JavaScript number above 2^53 - 1; its exact digits are already lost`);
      return undefined;
    }
    const raw = v instanceof RawNumber ? v.raw : String(v);
    if (!isDigits(raw)) {
      this.error(path, "format", `${key} must be a string of digits, found the number ${raw}`);
      return undefined;
    }
    return raw;
  }

  /** customerId/accountId: a string of digits, kept byte-for-byte. */
  digitId(obj, key, base) {
    const path = `${base}/${escapeToken(key)}`;
    const v = this.member(obj, key, path);
    if (v === undefined) return undefined;
    if (typeof v === "string") {
      if (v === "") {
        this.error(path, "empty", `${key} must not be empty`);
        return undefined;
      }
      if (!isDigits(v)) {
        this.error(path, "format", `${key} must be a string of digits, found ${JSON.stringify(v)}`);
        return undefined;
      }
      return v;
    }
    if (isNumber(v)) {
      const digits = this.numberDigits(v, key, path);
      if (digits !== undefined) {
        this.warning(path, "numericId", `${key} arrived as a number; it is forwarded as the string "${digits}"`);
      }
      return digits;
    }
    this.error(path, "type", `${key} must be a string of digits, found ${typeName(v)}`);
    return undefined;
  }

  /** partnerId: digits in a string or an integer, 0 to 2^53 - 1; returned as digits. */
  partnerId(obj, base) {
    const path = `${base}/partnerId`;
    const v = this.member(obj, "partnerId", path);
    if (v === undefined) return undefined;
    let digits;
    if (typeof v === "string") {
      if (v === "") {
        this.error(path, "empty", "partnerId must not be empty");
        return undefined;
      }
      digits = v;
    } else if (isNumber(v)) {
      digits = this.numberDigits(v, "partnerId", path);
      if (digits === undefined) return undefined;
    } else {
      this.error(path, "type", `partnerId must be a string of digits or an integer, found ${typeName(v)}`);
      return undefined;
    }
    // Compared as a string of significant digits, never as a float.
    const significant = isDigits(digits) ? digits.replace(/^0+(?=\d)/, "") : null;
    if (significant === null || (significant.length >= 16 && (significant.length > 16 || significant > MAX_SAFE))) {
      this.error(path, "format", `partnerId must be an integer from 0 to 2^53 - 1, found ${JSON.stringify(digits)}`);
      return undefined;
    }
    return significant;
  }

  /** An RFC 3339 time, or (with allowEpochTimes) epoch seconds/ms normalized to one. */
  time(obj, key, base) {
    const path = `${base}/${key}`;
    const v = this.member(obj, key, path);
    if (v === undefined) return undefined;
    if (typeof v === "string") {
      const at = parseTime(v);
      if (at === null) {
        this.error(path, "format", `${key} must be an RFC 3339 date or date-time, found ${JSON.stringify(v)}`);
        return undefined;
      }
      return { text: v, at };
    }
    if (isNumber(v)) {
      const raw = v instanceof RawNumber ? v.raw : String(v);
      if (!this.allowEpochTimes) {
        this.error(path, "epochTime", `${key} is an epoch number (${raw}); Dwolla expects RFC 3339 text`);
        return undefined;
      }
      const n = isDigits(raw) && raw.length <= 16 ? Number(raw) : NaN;
      const at = n < MILLIS_FROM ? { s: n, n: 0 } : { s: Math.floor(n / 1000), n: (n % 1000) * 1_000_000 };
      if (!Number.isSafeInteger(n) || at.s > LAST_SECOND) {
        this.error(path, "format", `${key} must be a non-negative whole epoch in seconds or milliseconds, found ${raw}`);
        return undefined;
      }
      return { text: formatTime(at), at };
    }
    this.error(path, "type", `${key} must be an RFC 3339 string, found ${typeName(v)}`);
    return undefined;
  }

  accessPeriod(item, base) {
    const path = `${base}/accessPeriod`;
    const a = this.member(item, "accessPeriod", path);
    if (a === undefined) return undefined;
    if (!isObject(a)) {
      this.error(path, "type", `accessPeriod must be an object, found ${typeName(a)}`);
      return undefined;
    }
    const type = this.string(a, "type", path);
    if (type !== undefined && type !== "timeframe") {
      this.warning(`${path}/type`, "unknownAccessType", `access period type ${JSON.stringify(type)} is not "timeframe"`);
    }
    const start = this.time(a, "startTime", path);
    const end = this.time(a, "endTime", path);
    let usable = true;
    if (start && end && cmp(start.at, end.at) > 0) {
      this.error(`${path}/endTime`, "periodOrder", "endTime is before startTime");
      usable = false;
    }
    if (end && cmp(end.at, this.now) <= 0) {
      this.error(`${path}/endTime`, "expired", "the access period has ended");
      usable = false;
    }
    if (start && cmp(start.at, this.horizon) > 0) {
      this.warning(`${path}/startTime`, "notYetActive", "the access period has not started yet");
    }
    if (!usable || type === undefined || !start || !end) return undefined;
    return { type, startTime: start.text, endTime: end.text };
  }

  product(item, path) {
    if (!isObject(item)) {
      this.error(path, "type", `a product must be an object, found ${typeName(item)}`);
      return undefined;
    }
    const product = this.string(item, "product", path);
    if (product !== undefined && !KNOWN_PRODUCTS.has(product)) {
      this.warning(`${path}/product`, "unknownProduct", `${JSON.stringify(product)} is not a product Mastercard documents`);
    }
    const accountId = this.digitId(item, "accountId", path);
    const accessPeriod = this.accessPeriod(item, path);
    if (product === undefined || accountId === undefined || accessPeriod === undefined) return undefined;
    return { product, accountId, accessPeriod };
  }

  products(r, base) {
    const path = `${base}/products`;
    const list = this.member(r, "products", path);
    if (list === undefined) return undefined;
    if (!Array.isArray(list)) {
      this.error(path, "type", `products must be an array, found ${typeName(list)}`);
      return undefined;
    }
    if (list.length === 0) {
      this.error(path, "empty", "products must not be empty");
      return undefined;
    }
    let out = [];
    for (let i = 0; i < list.length; i++) {
      const p = this.product(list[i], `${path}/${i}`);
      if (p === undefined) out = undefined;
      else if (out) out.push(p);
    }
    for (const want of this.required) {
      if (!list.some((p) => isObject(p) && p.product === want)) {
        this.error(path, "missingProduct", `the receipt does not grant the product ${JSON.stringify(want)}`);
        out = undefined;
      }
    }
    return out;
  }

  receipt(r, base) {
    const profile = this.profile(r, base);
    const version = this.version(r, "version", base, true);
    const receiptId = this.string(r, "receiptId", base);
    const receiptVersion = this.version(r, "receiptVersion", base, false);
    const customerId = this.digitId(r, "customerId", base);
    const partnerId = this.partnerId(r, base);
    const products = this.products(r, base);
    const ts = this.time(r, "timestamp", base);
    if (ts && cmp(ts.at, this.horizon) > 0) {
      this.warning(`${base}/timestamp`, "futureTimestamp", "the receipt's timestamp is in the future");
    }
    const parts = [profile, version, receiptId, receiptVersion, customerId, partnerId, products, ts];
    if (parts.includes(undefined)) return null;
    return {
      profile,
      version: version.value,
      receiptId,
      receiptVersion: receiptVersion.value,
      customerId,
      partnerId,
      products,
      timestamp: ts.text,
    };
  }

  /** The receipt itself, `{receipt, proof}`, or `{data: [{receipt, proof}]}`. */
  locate(root) {
    if (!isObject(root)) {
      this.error("", "type", `expected a consent receipt object or an accessKey response, found ${typeName(root)}`);
      return null;
    }
    if (has(root, "data")) {
      const data = root.data;
      if (!Array.isArray(data)) {
        this.error("/data", "type", `expected an array of {receipt, proof}, found ${typeName(data)}`);
        return null;
      }
      if (data.length !== 1) {
        this.error("/data", "ambiguousReceipt", `the accessKey response holds ${data.length} receipts; exactly one is needed`);
        return null;
      }
      return this.unwrap(data[0], "/data/0");
    }
    if (has(root, "receipt") && !has(root, "receiptId")) return this.unwrap(root, "");
    return [root, ""];
  }

  unwrap(item, base) {
    const path = `${base}/receipt`;
    const r = isObject(item) && has(item, "receipt") ? item.receipt : null;
    if (r === null) {
      this.error(path, "required", "the receipt is missing");
      return null;
    }
    if (!isObject(r)) {
      this.error(path, "type", `expected the receipt object, found ${typeName(r)}`);
      return null;
    }
    return [r, path];
  }
}

// Where ids and versions sit; a JSON number at any of them sends the text through the
// raw-number parser so that its exact digits survive.
export function needsRawNumbers(v) {
  if (!isObject(v)) return false;
  let receipts = [v];
  if (Array.isArray(v.data)) receipts = v.data.map((d) => (isObject(d) ? d.receipt : undefined));
  else if (isObject(v.receipt)) receipts = [v.receipt, v];
  for (const r of receipts) {
    if (!isObject(r)) continue;
    for (const k of ["customerId", "partnerId", "version", "receiptVersion", "profile"]) {
      if (typeof r[k] === "number") return true;
    }
    if (Array.isArray(r.products)) {
      for (const p of r.products) if (isObject(p) && typeof p.accountId === "number") return true;
    }
  }
  return false;
}

/**
 * JSON text → value. `JSON.parse` first (fast, native); when a number sits where an id
 * or a version belongs, the text is parsed again keeping number lexemes, so the digits
 * survive. Throws SyntaxError for text that is not JSON.
 */
export function parseReceiptText(text) {
  const root = JSON.parse(text);
  return needsRawNumbers(root) ? parseWithRawNumbers(text) : root;
}

/** checkConsentReceipt for an already parsed value (numbers as from parseReceiptText). */
export function checkConsentReceiptValue(root, options = {}) {
  const c = new Checker(options);
  const found = c.locate(root);
  const receipt = found ? c.receipt(found[0], found[1]) : null;
  const ok = receipt !== null && !c.issues.some((i) => i.severity === "error");
  return { ok, receipt: ok ? receipt : null, issues: c.issues };
}

/**
 * checkConsentReceipt for JSON text: `{ ok, receipt, issues }`, never throws on bad
 * input. `receipt.partnerId` holds digits, written as a JSON integer in the body.
 */
export function checkConsentReceiptText(text, options = {}) {
  let root;
  try {
    root = parseReceiptText(text);
  } catch (e) {
    const issue = { path: "", code: "format", message: `the input is not valid JSON: ${e.message}`, severity: "error" };
    return { ok: false, receipt: null, issues: [issue] };
  }
  return checkConsentReceiptValue(root, options);
}

const q = JSON.stringify;

/** The `finicity` object as exact JSON text, fields in Dwolla's schema order. */
function finicityJson(r) {
  const parts = [];
  if (r.profile !== undefined) parts.push(`"profile":${r.profile}`);
  if (r.version !== undefined) parts.push(`"version":${q(r.version)}`);
  parts.push(`"receiptId":${q(r.receiptId)}`);
  if (r.receiptVersion !== undefined) parts.push(`"receiptVersion":${q(r.receiptVersion)}`);
  parts.push(`"customerId":${q(r.customerId)}`);
  parts.push(`"partnerId":${r.partnerId}`);
  const products = r.products.map(
    (p) =>
      `{"product":${q(p.product)},"accountId":${q(p.accountId)},"accessPeriod":{"type":${q(p.accessPeriod.type)},"startTime":${q(p.accessPeriod.startTime)},"endTime":${q(p.accessPeriod.endTime)}}}`,
  );
  parts.push(`"products":[${products.join(",")}]`);
  parts.push(`"timestamp":${q(r.timestamp)}`);
  return `{${parts.join(",")}}`;
}

/** UUID-shaped key from SHA-256 over the length-prefixed method, URL and body. */
export function deriveIdempotencyKey(method, url, body) {
  const h = createHash("sha256");
  for (const part of [Buffer.from(method), Buffer.from(url), Buffer.from(body)]) {
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(part.length));
    h.update(len);
    h.update(part);
  }
  const hex = h.digest("hex").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function codedError(code, message, issues) {
  const e = new Error(message);
  e.code = code;
  if (issues) e.issues = issues;
  return e;
}

/** The base URL requests go to: the environment's host, or a checked override. */
function baseOf(baseUrl, environment) {
  if (baseUrl == null) {
    const b = BASES[environment ?? "sandbox"];
    if (!b) throw codedError("InvalidArgument", 'environment must be "sandbox" or "production"');
    return b;
  }
  const trimmed = baseUrl.replace(/\/+$/, "");
  const rest = trimmed.startsWith("https://") ? trimmed.slice(8) : trimmed.startsWith("http://") ? trimmed.slice(7) : null;
  if (rest === null || rest === "" || /[?# ]/.test(rest) || rest.startsWith("/")) {
    throw codedError("InvalidBaseUrl", `baseUrl ${q(baseUrl)} must be an absolute http(s) URL without query or fragment`);
  }
  return trimmed;
}

const environmentOf = (base) => {
  const lower = base.replace(/\/+$/, "").toLowerCase();
  return lower === BASES.sandbox ? "sandbox" : lower === BASES.production ? "production" : null;
};

/** `<http(s) base>/exchange-partners/<uuid>` → `{ base, href }` in canonical form, or null. */
function parsePartnerHref(href) {
  const trimmed = href.replace(/\/+$/, "");
  const scheme = trimmed.startsWith("https://") ? 8 : trimmed.startsWith("http://") ? 7 : 0;
  if (scheme === 0 || /[?# ]/.test(trimmed.slice(scheme))) return null;
  const slash = trimmed.lastIndexOf("/");
  const id = trimmed.slice(slash + 1);
  const rest = trimmed.slice(0, slash);
  if (!rest.endsWith("/exchange-partners")) return null;
  const base = rest.slice(0, -"/exchange-partners".length);
  if (base.length <= scheme || !UUID.test(id)) return null;
  return { base, href: `${base}/exchange-partners/${id}` };
}

/**
 * finicityExchange for JSON text: the `POST /exchanges` (or
 * `/customers/{id}/exchanges`) request as plain data. Throws an Error with `code`.
 */
export function finicityExchangeFromText(text, opts) {
  return finicityExchangeFrom(checkConsentReceiptText(text, opts), opts);
}

/** finicityExchange for a value from parseReceiptText (e.g. a member of a request body). */
export function finicityExchangeFromValue(root, opts) {
  return finicityExchangeFrom(checkConsentReceiptValue(root, opts), opts);
}

/** finicityExchange for a receipt checkConsentReceiptValue already checked. */
export function finicityExchangeFrom(checked, opts) {
  const { partnerHref, customerId, environment, baseUrl, idempotencyKey } = opts;
  if (!checked.ok) {
    throw codedError("InvalidReceipt", "the consent receipt is not valid", checked.issues);
  }
  const partner = typeof partnerHref === "string" ? parsePartnerHref(partnerHref) : null;
  if (partner === null) {
    throw codedError("InvalidPartnerHref", `partnerHref: ${q(partnerHref)} is not an http(s) URL of the form <base>/exchange-partners/<uuid>`);
  }
  const base = baseOf(baseUrl, environment);
  const targetEnv = baseUrl == null ? environment ?? "sandbox" : environmentOf(base);
  const partnerEnv = environmentOf(partner.base);
  if (partnerEnv !== null && targetEnv !== null && partnerEnv !== targetEnv) {
    throw codedError("EnvironmentMismatch", `the exchange partner belongs to ${partnerEnv} but the request targets ${targetEnv}`);
  }
  let url;
  if (customerId == null) url = `${base}/exchanges`;
  else if (typeof customerId === "string" && UUID.test(customerId)) url = `${base}/customers/${customerId}/exchanges`;
  else throw codedError("InvalidCustomerId", `customerId ${q(customerId)} is not a UUID`);
  if (idempotencyKey != null && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw codedError("InvalidIdempotencyKey", "idempotencyKey must be 1 to 255 printable ASCII characters");
  }
  const body = `{"_links":{"exchange-partner":{"href":${q(partner.href)}}},"finicity":${finicityJson(checked.receipt)}}`;
  const key = idempotencyKey ?? deriveIdempotencyKey("POST", url, body);
  return {
    method: "POST",
    url,
    headers: { Accept: HAL, "Content-Type": HAL, "Idempotency-Key": key },
    body,
    idempotencyKey: key,
  };
}
