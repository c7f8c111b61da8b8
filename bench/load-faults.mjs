#!/usr/bin/env node
// Load with faults, against a running stack (scripts/stack.sh --env-file FILE):
// many concurrent `POST /api/link-bank` and `POST /api/customers/{id}/exchanges` calls,
// each sent twice at once (a double click, a second tab),
// while the sandbox answers Dwolla and Finicity calls with 5xx, 429, HTML pages,
// dropped connections (before and after doing the work) and expired tokens.
//
// Each logical call is retried by this client, with the same body, while the worker
// says `retryable: true` (as a browser would), up to ATTEMPTS times. Afterwards:
//   - every call either succeeded, or its last answer was a clear retryable error
//     (JSON, a code, a message, retryable: true, 502/503/504 or 409/429) — never a 500, never a
//     non-retryable error, never a non-JSON answer;
//   - the sandbox holds exactly one exchange per consent receipt and one funding
//     source per exchange, and every id the worker returned exists there;
//   - with the faults removed, retrying each call that gave up succeeds and returns the
//     same resources as any earlier success (still no duplicates).
// Prints the counts; exits 1 on any violation.
//
//   node bench/load-faults.mjs --env-file FILE [--customers N] [--concurrency C]
//                              [--duration-s S] [--attempts A] [--strict]
import { readFileSync } from "node:fs";
import { num, table } from "./lib/table.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const envFile = opt("env-file");
if (!envFile) {
  console.error("usage: node bench/load-faults.mjs --env-file FILE (written by scripts/stack.sh --env-file)");
  process.exit(2);
}
const env = Object.fromEntries(
  readFileSync(envFile, "utf8")
    .split("\n")
    .filter((l) => l.includes("="))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
const WORKER = env.WORKER_URL;
const SANDBOX = env.SANDBOX_URL;
for (const u of [WORKER, SANDBOX]) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(u ?? "")) {
    console.error(`refusing a non-loopback URL: ${u}`);
    process.exit(2);
  }
}
const CUSTOMERS = Number(opt("customers", 8));
const RECEIPTS_PER_CUSTOMER = Number(opt("receipts", 3));
const CONCURRENCY = Number(opt("concurrency", 16));
const DURATION_S = Number(opt("duration-s", 60));
const ATTEMPTS = Number(opt("attempts", 6));
const REQUEST_TIMEOUT_MS = 30_000;

const violations = [];
const violation = (msg) => {
  violations.push(msg);
  console.error(`VIOLATION: ${msg}`);
};

async function call(method, url, { body, token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Judged by the caller: the worker must always answer JSON.
    }
    return { status: res.status, json, text };
  } catch (e) {
    return { status: 0, json: null, text: String(e?.cause?.code ?? e?.name ?? e) };
  }
}

async function must(method, path, opts) {
  const r = await call(method, `${WORKER}${path}`, opts);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path} → ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

const admin = (method, path, body) =>
  fetch(`${SANDBOX}/_admin${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (r) => {
    if (!r.ok) throw new Error(`admin ${method} ${path} → ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  });

/** Shares two accounts through the sandbox's Connect page, with consent. */
async function connectAccounts(finicityCustomerId, token) {
  const { link } = await must("POST", "/api/finicity/connect-url", { body: { customerId: finicityCustomerId }, token });
  if (!link.startsWith(`${SANDBOX}/`)) throw new Error(`unexpected Connect link ${link}`);
  const res = await fetch(link, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "account=0%3A0&account=0%3A1&consent=yes&action=connect",
    redirect: "manual",
  });
  if (res.status >= 400) throw new Error(`Connect page answered ${res.status}`);
}

// ---- setup, without faults ------------------------------------------------------
const setupStart = Date.now();
console.log(`setup: ${CUSTOMERS} customers, ${RECEIPTS_PER_CUSTOMER} receipts each, via ${WORKER}`);
await admin("DELETE", "/faults");
// Customers are set up a few at a time: the setup is not what is measured.
async function setupCustomer(i) {
  const demo = await must("POST", "/api/demo/customers", {
    body: { firstName: "Load", lastName: `Test${i}`, email: `load${i}-${Date.now()}@example.com` },
  });
  // Finicity customers belong to the session's customer: every Finicity call carries it.
  const token = demo.sessionToken;
  const fin = await must("POST", "/api/finicity/customers", { body: { username: `load_${i}_${Date.now()}` }, token });
  await connectAccounts(fin.customerId, token);
  const accounts = (await must("GET", `/api/finicity/customers/${fin.customerId}/accounts`, { token })).accounts;
  if (!accounts?.length) throw new Error(`Finicity customer ${fin.customerId} has no accounts`);
  const receipts = [];
  for (let j = 0; j < RECEIPTS_PER_CUSTOMER; j++) {
    const account = accounts[j % accounts.length];
    receipts.push(await must("POST", "/api/finicity/consent-receipts", { body: { customerId: fin.customerId, accountIds: [account.id] }, token }));
  }
  return { id: demo.customer.id, token: demo.sessionToken, finicityCustomerId: fin.customerId, accounts, receipts };
}
const customers = new Array(CUSTOMERS);
let nextCustomer = 0;
await Promise.all(
  Array.from({ length: Math.min(4, CUSTOMERS) }, async () => {
    while (nextCustomer < CUSTOMERS) {
      const i = nextCustomer++;
      customers[i] = await setupCustomer(i);
    }
  }),
);

console.log(`setup done in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

// The logical calls: one link-bank per customer and one exchange per consent receipt,
// each sent twice (twins, as a double click or a second tab would).
const ops = [];
for (const c of customers) {
  const lb = {
    kind: "link-bank",
    customer: c,
    path: "/api/link-bank",
    body: { finicityCustomerId: c.finicityCustomerId, accountId: c.accounts[0].id, name: "Load test checking", bankAccountType: "checking" },
  };
  ops.push(lb, { ...lb, twin: true });
  for (const r of c.receipts) {
    const ex = { kind: "exchange", customer: c, path: `/api/customers/${c.id}/exchanges`, body: { receipt: r.receipt }, receiptId: r.receipt.receiptId };
    ops.push(ex, { ...ex, twin: true });
  }
}
for (const op of ops) Object.assign(op, { attempts: [], outcome: null });

// ---- faults ---------------------------------------------------------------------
const FAULTS = [
  { method: "POST", path: "/customers/*/exchanges", kind: "status", status: 503, probability: 0.12 },
  { method: "POST", path: "/customers/*/exchanges", kind: "html", status: 502, probability: 0.08 },
  { method: "POST", path: "/customers/*/exchanges", kind: "rateLimit", retryAfter: 1, probability: 0.08 },
  { method: "POST", path: "/customers/*/exchanges", kind: "drop", probability: 0.05 },
  { method: "POST", path: "/customers/*/exchanges", kind: "dropAfter", probability: 0.1 },
  { method: "POST", path: "/customers/*/exchanges", kind: "expireToken", probability: 0.05 },
  { method: "POST", path: "/customers/*/funding-sources", kind: "status", status: 500, probability: 0.1 },
  { method: "POST", path: "/customers/*/funding-sources", kind: "dropAfter", probability: 0.1 },
  { method: "POST", path: "/customers/*/funding-sources", kind: "html", status: 503, probability: 0.05 },
  { method: "POST", path: "/token", kind: "status", status: 503, probability: 0.1 },
  { method: "POST", path: "/token", kind: "rateLimit", retryAfter: 1, probability: 0.05 },
  { method: "GET", path: "/exchange-partners", kind: "html", status: 503, probability: 0.1 },
  { method: "POST", path: "/aggregation/v1/partners/accessKey", kind: "status", status: 503, probability: 0.1 },
  { method: "POST", path: "/aggregation/v1/partners/accessKey", kind: "drop", probability: 0.05 },
  { method: "*", path: "/aggregation/**", kind: "expireToken", probability: 0.05 },
  { method: "*", path: "/**", kind: "latency", latencyMs: 30, probability: 0.2 },
];
for (const f of FAULTS) await admin("POST", "/faults", f);
// Token expiry "as if time passed", every 2 s, on top of the per-request rule.
let expiring = true;
const expirer = (async () => {
  let n = 0;
  while (expiring) {
    await new Promise((r) => setTimeout(r, 2000));
    if (expiring) await admin("POST", "/tokens/expire").then(() => n++, () => {});
  }
  return n;
})();

// ---- load -----------------------------------------------------------------------
const t0 = Date.now();
const deadline = t0 + DURATION_S * 1000;
const firstStatus = new Map();
const count = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * A clear retryable error: JSON `{error:{code,message,status,retryable:true}}` with a
 * gateway status, or 409/429 (Dwolla still processing the same key; rate limited).
 */
const clearRetryable = (r) =>
  [409, 429, 502, 503, 504].includes(r.status) &&
  r.json?.error?.retryable === true &&
  typeof r.json.error.code === "string" &&
  typeof r.json.error.message === "string" &&
  r.json.error.status === r.status;

async function runOp(op) {
  // The deadline only cuts retries short: every call is sent at least once.
  for (let attempt = 0; attempt < ATTEMPTS && (attempt === 0 || Date.now() < deadline); attempt++) {
    const r = await call("POST", `${WORKER}${op.path}`, { body: op.body, token: op.customer.token });
    op.attempts.push(r.status);
    if (attempt === 0) count(firstStatus, r.status);
    if (r.status === 200 || r.status === 201) {
      op.outcome = { ok: true, json: r.json };
      return;
    }
    op.last = r;
    if (r.status === 500 || r.status === 0 || r.json === null || !clearRetryable(r)) {
      op.outcome = { ok: false, clear: false, r };
      return;
    }
    const retryAfter = Number(r.json?.error?.retryAfter ?? 0);
    await new Promise((res) => setTimeout(res, Math.min(2000, Math.max(retryAfter * 1000, 100 * 2 ** attempt)) * (0.5 + Math.random())));
  }
  op.outcome = op.last ? { ok: false, clear: clearRetryable(op.last), r: op.last } : { ok: false, clear: false, r: { status: "not run" } };
}

// Twins stay next to each other in the queue, so they start together; the pairs are
// shuffled (Fisher-Yates) so link-bank and exchanges overlap.
const pairs = [];
for (let i = 0; i < ops.length; i += 2) pairs.push([ops[i], ops[i + 1]]);
for (let i = pairs.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
}
const queue = pairs.flat();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < queue.length) await runOp(queue[next++]);
  }),
);
const elapsed = (Date.now() - t0) / 1000;
expiring = false;
const expiredRounds = await expirer;
const faultStats = (await admin("GET", "/faults")).faults;
await admin("DELETE", "/faults");

// ---- judge ----------------------------------------------------------------------
for (const op of ops) {
  if (op.outcome?.ok) continue;
  const r = op.outcome?.r ?? {};
  if (!op.outcome?.clear) {
    violation(`${op.kind} for ${op.customer.id}: ended with an unclear error: ${r.status} ${String(r.text ?? "").slice(0, 200)}`);
  }
}

// Recovery: with the faults gone, every call that gave up must now succeed.
const gaveUp = ops.filter((op) => !op.outcome?.ok);
for (const op of gaveUp) {
  const r = await call("POST", `${WORKER}${op.path}`, { body: op.body, token: op.customer.token });
  if (r.status === 200 || r.status === 201) op.recovered = r.json;
  else violation(`${op.kind} for ${op.customer.id}: still failing without faults: ${r.status} ${r.text.slice(0, 200)}`);
}

const state = await admin("GET", "/state");
const ourCustomers = new Set(customers.map((c) => c.id));
const exchanges = state.exchanges.filter((e) => ourCustomers.has(e.customerId));
const fundingSources = state.fundingSources.filter((f) => ourCustomers.has(f.customerId));

const bySource = new Map();
for (const e of exchanges) count(bySource, `${e.customerId} ${e.source}`);
const duplicateExchanges = [...bySource].filter(([, n]) => n > 1);
for (const [k, n] of duplicateExchanges) violation(`${n} exchanges for one receipt (${k})`);
const byExchange = new Map();
for (const f of fundingSources) count(byExchange, f.exchangeId);
const duplicateFunding = [...byExchange].filter(([, n]) => n > 1);
for (const [k, n] of duplicateFunding) violation(`${n} funding sources for exchange ${k}`);

const exchangeIds = new Set(exchanges.map((e) => e.id));
const fundingIds = new Set(fundingSources.map((f) => f.id));
const linkResults = new Map();
const exchangeResults = new Map();
for (const op of ops) {
  const json = op.outcome?.ok ? op.outcome.json : op.recovered;
  if (!json) continue;
  const exId = json.exchange?.id;
  if (!exchangeIds.has(exId)) violation(`${op.kind} returned exchange ${exId}, which the sandbox does not hold`);
  if (op.kind === "link-bank") {
    if (!fundingIds.has(json.fundingSource?.id)) violation(`link-bank returned funding source ${json.fundingSource?.id}, unknown to the sandbox`);
    const key = op.customer.id;
    const seen = linkResults.get(key);
    const mine = `${exId} ${json.fundingSource?.id}`;
    if (seen && seen !== mine) violation(`link-bank twins for ${key} returned different resources: ${seen} vs ${mine}`);
    linkResults.set(key, mine);
  } else {
    const key = `${op.customer.id} ${op.receiptId}`;
    const seen = exchangeResults.get(key);
    if (seen && seen !== exId) violation(`exchange twins for receipt ${op.receiptId} returned different exchanges: ${seen} vs ${exId}`);
    exchangeResults.set(key, exId);
  }
}
// Exactly one exchange per receipt used: the link-bank receipts come from the worker,
// so count per customer: one per exchange op plus one for its link-bank call.
for (const c of customers) {
  const mine = exchanges.filter((e) => e.customerId === c.id).length;
  const expected = c.receipts.length + 1;
  if (mine !== expected) violation(`customer ${c.id} has ${mine} exchanges, expected ${expected}`);
  const fs = fundingSources.filter((f) => f.customerId === c.id).length;
  if (fs !== 1) violation(`customer ${c.id} has ${fs} funding sources, expected 1`);
}

// ---- report ---------------------------------------------------------------------
const attempts = ops.reduce((s, op) => s + op.attempts.length, 0);
const succeededFirst = ops.filter((op) => op.outcome?.ok && op.attempts.length === 1).length;
const succeededRetry = ops.filter((op) => op.outcome?.ok && op.attempts.length > 1).length;
const gaveUpClear = ops.filter((op) => !op.outcome?.ok && op.outcome?.clear).length;
const unclear = ops.filter((op) => !op.outcome?.ok && !op.outcome?.clear).length;
const byKind = (k) => ops.filter((op) => op.kind === k);
console.log(`\nload: ${ops.length} logical calls (${byKind("link-bank").length} link-bank, ${byKind("exchange").length} exchanges, twins included), ${attempts} HTTP requests, concurrency ${CONCURRENCY}, ${elapsed.toFixed(1)} s`);
console.log(
  table(
    ["outcome", "calls"],
    [
      ["succeeded on the first request", num(succeededFirst)],
      ["succeeded after retries (same body)", num(succeededRetry)],
      ["gave up with a clear retryable error", num(gaveUpClear)],
      ["ended with an unclear error (violation)", num(unclear)],
      ["not succeeded under faults, then succeeded without", `${num(gaveUp.filter((op) => op.recovered).length)} of ${num(gaveUp.length)}`],
    ],
  ),
);
console.log(`\nfirst-request statuses: ${[...firstStatus].sort().map(([s, n]) => `${s}×${n}`).join(", ")}`);
console.log(
  `faults fired in the sandbox: ${faultStats
    .filter((f) => f.fired > 0)
    .map((f) => `${f.kind}${f.status ? ` ${f.status}` : ""} ${f.method} ${f.path}×${f.fired}`)
    .join("; ")}; token-expiry rounds: ${expiredRounds}`,
);
console.log(
  `sandbox: ${exchanges.length} exchanges for ${bySource.size} receipts (duplicates: ${duplicateExchanges.length}), ` +
    `${fundingSources.length} funding sources for ${byExchange.size} exchanges (duplicates: ${duplicateFunding.length})`,
);
if (violations.length) {
  console.log(`\nload: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log("\nload: every call succeeded exactly once or gave up with a clear retryable error; no duplicates");
