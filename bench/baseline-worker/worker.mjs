// The plain-JS baseline for the worker benchmark: the smallest Worker that does what
// the consent-exchange worker does for `POST /api/customers/{id}/exchanges` with a
// Finicity receipt, with no wasm:
//   session token check (HMAC-SHA256, `cxs1.<payload>.<mac>`, bound to the customer)
//   → body limits and JSON → the careful receipt checks of bench/baseline/receipt.mjs
//   → the receipt's Finicity customer belongs to the session's Dwolla customer: the first
//     to link it owns it, recorded in a Durable Object named after it and remembered
//     per isolate, as the Rust worker records it (without this check any signed-in user
//     could link anyone's receipt)
//   → Finicity's partner href from a cached `GET /exchange-partners`
//   → a cached Dwolla client-credentials token (renewed once on 401)
//   → `POST /customers/{id}/exchanges` with the idempotency key → 201 with the Location.
// It is a benchmark baseline, not a product: other routes answer 404.
import { checkConsentReceiptValue, finicityExchangeFrom, needsRawNumbers } from "../baseline/receipt.mjs";
import { parseWithRawNumbers } from "../baseline/json.mjs";

const HAL = "application/vnd.dwolla.v1.hal+json";
const MAX_BODY = 64 * 1024;
const ROUTE = /^\/api\/customers\/([^/]+)\/exchanges$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PARTNERS_TTL_MS = 5 * 60 * 1000;

// Per-isolate caches, like the Rust worker's.
let sessionKey = null;
let token = null;
let partners = null;
// Recorded owners of Finicity customers seen by this isolate (an owner never changes).
const owners = new Map();

/** The Durable Object holding one Finicity customer's owner: the first claim wins. */
export class Owners {
  constructor(state) {
    this.storage = state.storage;
  }
  async fetch(req) {
    const { claim } = await req.json();
    let owner = (await this.storage.get("owner")) ?? null;
    if (owner === null && typeof claim === "string") {
      await this.storage.put("owner", claim);
      owner = claim;
    }
    return Response.json({ owner });
  }
}

/** The owner of Finicity customer `finicityId`, claimed for `claim` when it has none. */
async function finicityOwner(env, finicityId, claim) {
  const known = owners.get(finicityId);
  if (known) return known;
  const stub = env.OWNERS.get(env.OWNERS.idFromName(`finicity-customer:${finicityId}`));
  const res = await stub.fetch("https://owners/owner", { method: "POST", body: JSON.stringify({ claim }) });
  if (res.status !== 200) throw Object.assign(new Error("the owner record is unavailable"), { status: 503 });
  const { owner } = await res.json();
  if (owner) owners.set(finicityId, owner);
  return owner;
}

function error(status, code, message, extra = {}) {
  const retryable = status >= 500 || status === 429;
  return Response.json({ error: { code, message, status, retryable, ...extra } }, { status });
}

function base64urlDecode(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The verified claims of `Authorization: Bearer cxs1.<payload>.<mac>`, or null. */
async function session(req, env) {
  const auth = req.headers.get("Authorization") ?? "";
  const m = /^bearer\s+(\S+)\s*$/i.exec(auth.trim());
  if (!m) return null;
  const parts = m[1].split(".");
  if (parts.length !== 3 || parts[0] !== "cxs1" || parts[1] === "") return null;
  sessionKey ??= await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(env.SESSION_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  let tag;
  try {
    tag = base64urlDecode(parts[2]);
  } catch {
    return null;
  }
  // subtle.verify compares in constant time.
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  if (!(await crypto.subtle.verify("HMAC", sessionKey, tag, signed))) return null;
  let claims;
  try {
    claims = JSON.parse(new TextDecoder().decode(base64urlDecode(parts[1])));
  } catch {
    return null;
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims?.sub !== "string" || !(claims.exp > now) || claims.iat > now + 60) return null;
  return claims;
}

async function dwollaToken(env, renew = false) {
  if (!renew && token && token.expiresAt > Date.now() + 60_000) return token.value;
  const res = await fetch(`${env.DWOLLA_BASE_URL}/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${btoa(`${env.DWOLLA_CLIENT_ID}:${env.DWOLLA_CLIENT_SECRET}`)}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  if (res.status !== 200) throw Object.assign(new Error(`Dwolla /token answered ${res.status}`), { status: 502 });
  const body = await res.json();
  token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 };
  return token.value;
}

/** A Dwolla call with the cached token, renewing it once when Dwolla says it expired. */
async function dwolla(env, url, init = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: HAL, ...init.headers, Authorization: `Bearer ${await dwollaToken(env, attempt > 0)}` };
    const res = await fetch(url, { ...init, headers });
    if (res.status !== 401 || attempt > 0) return res;
  }
}

async function finicityPartnerHref(env) {
  if (!partners || Date.now() - partners.at > PARTNERS_TTL_MS) {
    const res = await dwolla(env, `${env.DWOLLA_BASE_URL}/exchange-partners`);
    if (res.status !== 200) throw Object.assign(new Error(`exchange-partners answered ${res.status}`), { status: 502 });
    const list = (await res.json())?._embedded?.["exchange-partners"] ?? [];
    partners = { at: Date.now(), list };
  }
  const p = partners.list.find((x) => /^(finicity|mastercard)$/i.test(x?.name ?? ""));
  const href = p?._links?.self?.href;
  if (typeof href !== "string") throw Object.assign(new Error("no Finicity exchange partner"), { status: 502 });
  return href;
}

async function createExchange(req, env, customerId) {
  const claims = await session(req, env);
  if (!claims) return error(401, "Unauthenticated", "this route needs a valid session token");
  if (!UUID.test(customerId)) return error(400, "InvalidCustomerId", "customerId is not a UUID");
  if (claims.sub.toLowerCase() !== customerId.toLowerCase()) {
    return error(403, "Forbidden", "the session is bound to another Dwolla customer");
  }
  if (!/^application\/json\b/i.test(req.headers.get("Content-Type") ?? "")) {
    return error(415, "UnsupportedMediaType", "send application/json");
  }
  if (Number(req.headers.get("Content-Length") ?? 0) > MAX_BODY) return error(413, "PayloadTooLarge", "over 64 KB");
  const text = await req.text();
  if (text.length > MAX_BODY) return error(413, "PayloadTooLarge", "over 64 KB");
  let body;
  try {
    body = JSON.parse(text);
    if (needsRawNumbers(body?.receipt)) body = parseWithRawNumbers(text);
  } catch {
    return error(400, "InvalidJson", "the body is not JSON");
  }
  if (body === null || typeof body !== "object" || body.receipt == null) {
    return error(400, "InvalidRequest", "expected {receipt}");
  }
  let request;
  try {
    const checked = checkConsentReceiptValue(body.receipt, { customerId, baseUrl: env.DWOLLA_BASE_URL });
    if (checked.ok) {
      // Ownership before anything goes upstream.
      const claim = claims.sub.toLowerCase();
      if ((await finicityOwner(env, checked.receipt.customerId, claim)) !== claim) {
        return error(403, "Forbidden", "the receipt's Finicity customer belongs to another Dwolla customer");
      }
    }
    request = finicityExchangeFrom(checked, {
      partnerHref: await finicityPartnerHref(env),
      customerId,
      baseUrl: env.DWOLLA_BASE_URL,
    });
  } catch (e) {
    if (e.status) return error(e.status, "UpstreamUnavailable", e.message);
    return error(400, e.code ?? "InvalidRequest", e.message, e.issues ? { issues: e.issues } : {});
  }
  const res = await dwolla(env, request.url, { method: request.method, headers: request.headers, body: request.body });
  if (res.status === 201) {
    const href = res.headers.get("Location");
    if (!href) return error(502, "UpstreamInvalidResponse", "Dwolla sent no Location");
    return Response.json(
      { exchange: { id: href.slice(href.lastIndexOf("/") + 1), href }, idempotencyKey: request.idempotencyKey },
      { status: 201 },
    );
  }
  const detail = await res.text();
  let parsed = null;
  try {
    parsed = JSON.parse(detail);
  } catch {
    // HTML during outages: reported without echoing it.
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 429 && parsed) {
    return error(400, parsed.code ?? "DwollaError", parsed.message ?? "Dwolla refused the request", {
      errors: parsed._embedded?.errors ?? [],
    });
  }
  return error(res.status === 429 ? 503 : 502, "UpstreamUnavailable", `Dwolla answered ${res.status}`);
}

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === "/healthz") return Response.json({ ok: true });
    const m = ROUTE.exec(url.pathname);
    if (!m) return error(404, "NotFound", `no route ${url.pathname}`);
    if (req.method !== "POST") return error(405, "MethodNotAllowed", "use POST");
    try {
      return await createExchange(req, env, m[1]);
    } catch (e) {
      return error(502, "UpstreamUnavailable", e.message ?? "upstream failure");
    }
  },
};
