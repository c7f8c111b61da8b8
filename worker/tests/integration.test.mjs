// The worker under workerd (wrangler dev) against the sandbox, with Prism in proxy mode
// checking every Dwolla request against Dwolla's OpenAPI document. Ports 18780-18782.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startStack } from './support/stack.mjs';

// CX_PORT_OFFSET shifts every port, so two checkouts can run their lanes at once.
const PORT_OFFSET = Number(process.env.CX_PORT_OFFSET ?? 0);

let stack;
let W; // worker URL
let S; // sandbox URL
const seen = []; // every worker response: checked for secrets at the end

before(async () => {
  stack = await startStack({ sandboxPort: 18780 + PORT_OFFSET, workerPort: 18781 + PORT_OFFSET, prismPort: 18782 + PORT_OFFSET });
  W = stack.env.WORKER_URL;
  S = stack.env.SANDBOX_URL;
});

after(async () => {
  if (stack) await stack.stop();
});

async function api(method, path, { body, token, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] ??= 'application/json'; }
  const res = await fetch(W + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  const entry = { method, path, status: res.status, headers: Object.fromEntries(res.headers), text, json };
  seen.push(entry);
  return entry;
}

async function admin(path, method = 'GET', body) {
  const res = await fetch(S + '/_admin' + path, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return text ? JSON.parse(text) : {};
}

const counts = async () => (await admin('/state')).counts;
const fault = (spec) => admin('/faults', 'POST', spec);
const clearFaults = () => fetch(S + '/_admin/faults', { method: 'DELETE' });

async function demoCustomer(name = 'Ada') {
  const r = await api('POST', '/api/demo/customers', {
    body: { firstName: name, lastName: 'Lovelace', email: `${name.toLowerCase()}-${randomUUID()}@example.com` },
  });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.customer.id, token: r.json.sessionToken };
}

/**
 * Creates a Finicity testing customer owned by the session's customer and connects one
 * account through the sandbox's Connect page.
 */
async function finicityAccount(token) {
  const c = await api('POST', '/api/finicity/customers', { body: { firstName: 'Fin', lastName: 'Test' }, token });
  assert.equal(c.status, 201, c.text);
  assert.match(c.json.customerId, /^\d+$/);
  const link = await api('POST', '/api/finicity/connect-url', { body: { customerId: c.json.customerId }, token });
  assert.equal(link.status, 200, link.text);
  const page = await fetch(link.json.link);
  assert.equal(page.status, 200);
  const action = (await page.text()).match(/action="([^"]+)"/)[1];
  const submit = await fetch(new URL(action, link.json.link), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'account=0%3A0&consent=yes&action=connect', redirect: 'manual',
  });
  assert.equal(submit.status, 200, await submit.text());
  const accounts = await api('GET', `/api/finicity/customers/${c.json.customerId}/accounts`, { token });
  assert.equal(accounts.status, 200, accounts.text);
  assert.ok(accounts.json.accounts.length >= 1);
  const account = accounts.json.accounts[0];
  assert.match(account.id, /^\d+$/);
  assert.match(account.number, /^\*{4}\w{4}$/, 'account numbers leave the worker masked');
  return { finicityCustomerId: c.json.customerId, accountId: account.id };
}

/** Completes a simulated provider page; returns the redirect Location or the result JSON. */
async function approveProvider(pageUrl, extra = '') {
  const page = await fetch(pageUrl);
  assert.equal(page.status, 200, `provider page ${pageUrl}`);
  const action = (await page.text()).match(/action="([^"]+)"/)[1];
  const res = await fetch(new URL(action, pageUrl), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `action=approve${extra}`, redirect: 'manual',
  });
  if (res.status === 303 || res.status === 302) return { location: res.headers.get('location') };
  const html = await res.text();
  const m = html.match(/<pre id="result">([^<]*)<\/pre>/);
  return { result: JSON.parse(m[1].replaceAll('&quot;', '"').replaceAll('&amp;', '&')) };
}

describe('edges of the API', () => {
  test('health, OpenAPI document and security headers', async () => {
    const h = await api('GET', '/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.json.ok, true);
    for (const name of ['x-content-type-options', 'x-frame-options', 'referrer-policy', 'content-security-policy', 'strict-transport-security']) {
      assert.ok(h.headers[name], `missing ${name}`);
    }
    const doc = await api('GET', '/openapi.json');
    assert.equal(doc.json.openapi, '3.1.0');
    assert.ok(doc.json.paths['/api/link-bank'].post);
    const page = await fetch(W + '/');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
  });

  test('CORS only for configured origins', async () => {
    const ok = await api('OPTIONS', '/api/link-bank', { headers: { Origin: W, 'Access-Control-Request-Method': 'POST' } });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers['access-control-allow-origin'], W);
    assert.match(ok.headers['access-control-allow-headers'], /Authorization/);
    const bad = await api('OPTIONS', '/api/link-bank', { headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(bad.headers['access-control-allow-origin'], undefined);
    const get = await api('GET', '/api/exchange-partners', { headers: { Origin: 'https://evil.example.com' } });
    assert.equal(get.headers['access-control-allow-origin'], undefined);
    // A JSON answer carries CORS for its own request only: the next answer, to a request
    // without an Origin, has none (the fixed headers every answer starts from are shared).
    const mine = await api('GET', '/healthz', { headers: { Origin: W } });
    assert.equal(mine.headers['access-control-allow-origin'], W);
    assert.equal(mine.headers.vary, 'Origin');
    const next = await api('GET', '/healthz');
    assert.equal(next.headers['access-control-allow-origin'], undefined);
    assert.equal(next.headers.vary, 'Origin');
    assert.equal(next.headers['cache-control'], 'no-store');
  });

  test('client mistakes are 4xx with codes, never 500', async () => {
    assert.equal((await api('GET', '/api/nope')).json.error.code, 'NotFound');
    const m = await api('GET', '/api/link-bank');
    assert.equal(m.status, 405);
    assert.equal(m.headers.allow, 'POST');
    assert.equal((await api('GET', '/healthz')).headers.allow, undefined);
    const big = await api('POST', '/api/finicity/customers', { raw: JSON.stringify({ username: 'x'.repeat(70_000) }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'PayloadTooLarge');
    const form = await api('POST', '/api/finicity/customers', { raw: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const { token } = await demoCustomer('Mis');
    const syntax = await api('POST', '/api/finicity/consent-receipts', { raw: '{"customerId": ', headers: { 'Content-Type': 'application/json' }, token });
    assert.equal(syntax.status, 400);
    assert.equal(syntax.json.error.code, 'InvalidRequest');
    const typed = await api('POST', '/api/finicity/consent-receipts', { body: { customerId: '1', accountIds: ['1', 2] }, token });
    assert.equal(typed.status, 400);
    assert.equal(typed.json.error.issues[0].path, '/accountIds/1');
  });
});

describe('sessions bind callers to one customer', () => {
  test('401 without, 403 for another customer, issuer key for backends', async () => {
    const a = await demoCustomer('Ann');
    const b = await demoCustomer('Bob');
    const body = { partnerName: 'Flinks', token: `flinks-${randomUUID()}` };
    const none = await api('POST', `/api/customers/${a.id}/exchanges`, { body });
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'Unauthenticated');
    const forged = await api('POST', `/api/customers/${a.id}/exchanges`, { body, token: a.token.slice(0, -2) + 'xx' });
    assert.equal(forged.status, 401);
    const other = await api('POST', `/api/customers/${a.id}/exchanges`, { body, token: b.token });
    assert.equal(other.status, 403);
    assert.equal(other.json.error.code, 'Forbidden');
    const fs = await api('POST', `/api/customers/${a.id}/funding-sources`, { body: { exchangeId: randomUUID(), name: 'x', bankAccountType: 'checking' }, token: b.token });
    assert.equal(fs.status, 403);
    const before = await counts();
    assert.equal(before.exchanges, (await counts()).exchanges);

    const wrongKey = await api('POST', '/api/sessions', { body: { customerId: a.id }, token: 'not-the-key' });
    assert.equal(wrongKey.status, 401);
    const issued = await api('POST', '/api/sessions', { body: { customerId: a.id, ttlSeconds: 1 }, token: stack.env.SESSION_ISSUER_KEY });
    assert.equal(issued.status, 201, issued.text);
    const ok = await api('POST', `/api/customers/${a.id}/exchanges`, { body, token: issued.json.sessionToken });
    assert.equal(ok.status, 201, ok.text);
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await api('POST', `/api/customers/${a.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: issued.json.sessionToken });
    assert.equal(expired.status, 401);
    assert.match(expired.json.error.message, /expired/);
  });
});

describe('the Finicity flow', () => {
  test('customer → Connect → accounts → receipt → exchange → funding source', async () => {
    const customer = await demoCustomer('Fay');
    const { finicityCustomerId, accountId } = await finicityAccount(customer.token);
    const receipt = await api('POST', '/api/finicity/consent-receipts', { body: { customerId: finicityCustomerId, accountIds: [accountId] }, token: customer.token });
    assert.equal(receipt.status, 201, receipt.text);
    assert.equal(receipt.json.receipt.customerId ?? receipt.json.receipt.customerId, receipt.json.receipt.customerId);
    assert.ok(receipt.json.proof);
    const ex = await api('POST', `/api/customers/${customer.id}/exchanges`, { body: { receipt: receipt.json.receipt }, token: customer.token });
    assert.equal(ex.status, 201, ex.text);
    assert.match(ex.json.idempotencyKey, /^[0-9a-f-]{36}$/);
    const got = await api('GET', `/api/exchanges/${ex.json.exchange.id}`, { token: customer.token });
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.exchange.partnerName, 'Finicity');
    const fs = await api('POST', `/api/customers/${customer.id}/funding-sources`, { body: { exchangeId: ex.json.exchange.id, name: 'Fay checking', bankAccountType: 'checking' }, token: customer.token });
    assert.equal(fs.status, 201, fs.text);
    assert.ok(fs.json.fundingSource.id);
  });

  test('a bad receipt returns every issue', async () => {
    const customer = await demoCustomer('Bea');
    const r = await api('POST', `/api/customers/${customer.id}/exchanges`, {
      body: { receipt: { receiptId: '', customerId: 12, products: [{ product: 'x', accessPeriod: { startTime: 1, endTime: 'no' } }] } },
      token: customer.token,
    });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.code, 'InvalidReceipt');
    assert.ok(r.json.error.issues.length >= 3, r.text);
    assert.ok(r.json.error.issues.every((i) => i.path.startsWith('/')));
  });

  test('link-bank is one idempotent call', async () => {
    const customer = await demoCustomer('Lin');
    const { finicityCustomerId, accountId } = await finicityAccount(customer.token);
    const body = { finicityCustomerId, accountId, name: 'Lin checking', bankAccountType: 'checking' };
    const before = await counts();
    const first = await api('POST', '/api/link-bank', { body, token: customer.token });
    assert.equal(first.status, 201, first.text);
    const again = await api('POST', '/api/link-bank', { body, token: customer.token });
    assert.ok([200, 201].includes(again.status), again.text);
    assert.deepEqual(again.json.exchange, first.json.exchange);
    assert.deepEqual(again.json.fundingSource, first.json.fundingSource);
    const after = await counts();
    assert.equal(after.exchanges - before.exchanges, 1);
    assert.equal(after.fundingSources - before.fundingSources, 1);
    assert.equal(after.receipts - before.receipts, 1);
    const noSession = await api('POST', '/api/link-bank', { body });
    assert.equal(noSession.status, 401);
  });
});

describe('exchange kinds and sessions through the simulated provider pages', () => {
  test('token exchange (Flinks)', async () => {
    const c = await demoCustomer('Tok');
    const r = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: c.token });
    assert.equal(r.status, 201, r.text);
  });

  test('MX: session → provider page → availableConnectionToken → exchange → funding source', async () => {
    const c = await demoCustomer('Max');
    const s = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'MX' }, token: c.token });
    assert.equal(s.status, 201, s.text);
    assert.equal(s.json.open.kind, 'redirect');
    const { result } = await approveProvider(s.json.open.url);
    const ex = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'MX', availableConnectionToken: result.availableConnectionToken }, token: c.token });
    assert.equal(ex.status, 201, ex.text);
    const fs = await api('POST', `/api/customers/${c.id}/funding-sources`, { body: { exchangeHref: ex.json.exchange.href, name: 'MX checking', bankAccountType: 'checking' }, token: c.token });
    assert.equal(fs.status, 201, fs.text);
  });

  test('exchange sessions are single use: a fresh key per call, a caller\'s key replays', async () => {
    const c = await demoCustomer('Ses');
    const before = (await counts()).exchangeSessions;
    const session = (body) => api('POST', `/api/customers/${c.id}/exchange-sessions`, { body, token: c.token });
    // Two sessions in a row for the same customer and partner: two sessions, both open.
    const a = await session({ partnerName: 'MX' });
    const b = await session({ partnerName: 'MX' });
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    assert.notEqual(a.json.exchangeSession.id, b.json.exchangeSession.id);
    const results = [];
    for (const s of [a, b]) {
      const { result } = await approveProvider(s.json.open.url);
      assert.ok(result.availableConnectionToken, JSON.stringify(result));
      results.push(result);
    }
    // The caller's key makes a retry safe: the same key answers the same session.
    const key = `session-${randomUUID()}`;
    const k1 = await session({ partnerName: 'MX', idempotencyKey: key });
    const k2 = await session({ partnerName: 'MX', idempotencyKey: key });
    assert.equal(k1.status, 201, k1.text);
    assert.equal(k2.json.exchangeSession.id, k1.json.exchangeSession.id);
    assert.equal((await counts()).exchangeSessions - before, 3);
    for (const bad of ['', 'has space', 'x'.repeat(256), 'caf\u00e9']) {
      const r = await session({ partnerName: 'MX', idempotencyKey: bad });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.issues[0].path, '/idempotencyKey');
    }
    assert.equal((await counts()).exchangeSessions - before, 3);
    // Exchanges and funding sources take a caller's key too, and echo or honour it.
    const exKey = `exchange-${randomUUID()}`;
    const exBody = { partnerName: 'MX', availableConnectionToken: results[0].availableConnectionToken, idempotencyKey: exKey };
    const ex = await api('POST', `/api/customers/${c.id}/exchanges`, { body: exBody, token: c.token });
    assert.equal(ex.status, 201, ex.text);
    assert.equal(ex.json.idempotencyKey, exKey);
    const ex2 = await api('POST', `/api/customers/${c.id}/exchanges`, { body: exBody, token: c.token });
    assert.equal(ex2.json.exchange.id, ex.json.exchange.id);
    const badEx = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { ...exBody, idempotencyKey: 'a b' }, token: c.token });
    assert.equal(badEx.status, 400, badEx.text);
    assert.equal(badEx.json.error.issues[0].path, '/idempotencyKey');
    const fsBody = { exchangeId: ex.json.exchange.id, name: 'MX keyed', bankAccountType: 'checking', idempotencyKey: `fs-${randomUUID()}` };
    const fs1 = await api('POST', `/api/customers/${c.id}/funding-sources`, { body: fsBody, token: c.token });
    assert.equal(fs1.status, 201, fs1.text);
    const fs2 = await api('POST', `/api/customers/${c.id}/funding-sources`, { body: fsBody, token: c.token });
    assert.equal(fs2.json.fundingSource.id, fs1.json.fundingSource.id);
  });

  for (const [platform, redirectUrl] of [['web', undefined], ['android', 'com.example.app123']]) {
    test(`Plaid ${platform}: link token → Link page → public token → exchange`, async () => {
      const c = await demoCustomer('Pla');
      const s = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Plaid', platform, redirectUrl }, token: c.token });
      assert.equal(s.status, 201, s.text);
      assert.equal(s.json.open.kind, 'plaidLink');
      const { result } = await approveProvider(`${S}/_sandbox/plaid-link?token=${encodeURIComponent(s.json.open.linkToken)}`);
      const ex = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'Plaid', publicToken: result.publicToken }, token: c.token });
      assert.equal(ex.status, 201, ex.text);
    });
  }

  test('Plaid web refuses a redirect URL before anything is sent', async () => {
    const c = await demoCustomer('Pwr');
    const s = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Plaid', redirectUrl: `${W}/callback` }, token: c.token });
    assert.equal(s.status, 400);
    assert.equal(s.json.error.code, 'RedirectUrlNotAllowed');
  });

  test('Visa: redirect → ?exchange= → funding source; re-auth session; rules', async () => {
    const c = await demoCustomer('Vic');
    const missing = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Visa' }, token: c.token });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.code, 'RedirectUrlRequired');
    const notAllowed = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Visa', redirectUrl: 'https://evil.example.com/cb' }, token: c.token });
    assert.equal(notAllowed.json.error.code, 'RedirectUrlNotAllowed');
    const fin = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Finicity' }, token: c.token });
    // Finicity has no sessions: not a partner the session schema lists.
    assert.equal(fin.json.error.code, 'InvalidRequest');
    assert.deepEqual(fin.json.error.issues.map((i) => [i.path, i.code]), [['/partnerName', 'enum']]);

    const s = await api('POST', `/api/customers/${c.id}/exchange-sessions`, { body: { partnerName: 'Visa', redirectUrl: `${W}/callback` }, token: c.token });
    assert.equal(s.status, 201, s.text);
    assert.equal(s.json.open.kind, 'redirect');
    const { location } = await approveProvider(s.json.open.url);
    const exchangeId = new URL(location).searchParams.get('exchange');
    assert.ok(exchangeId, location);
    const fs = await api('POST', `/api/customers/${c.id}/funding-sources`, { body: { exchangeId, name: 'Visa debit', bankAccountType: 'checking' }, token: c.token });
    assert.equal(fs.status, 201, fs.text);
    const reauth = await api('POST', `/api/exchanges/${exchangeId}/exchange-sessions`, { body: { redirectUrl: `${W}/callback` }, token: c.token });
    assert.equal(reauth.status, 201, reauth.text);
    assert.equal(reauth.json.open.kind, 'redirect');
    // Re-authentication sessions are single use too: a second one is a new session.
    const reauth2 = await api('POST', `/api/exchanges/${exchangeId}/exchange-sessions`, { body: { redirectUrl: `${W}/callback` }, token: c.token });
    assert.equal(reauth2.status, 201, reauth2.text);
    assert.notEqual(reauth2.json.exchangeSession.id, reauth.json.exchangeSession.id);
    const stranger = await demoCustomer('Str');
    const denied = await api('POST', `/api/exchanges/${exchangeId}/exchange-sessions`, { body: { redirectUrl: `${W}/callback` }, token: stranger.token });
    assert.equal(denied.status, 403);
    assert.equal((await api('GET', `/api/exchanges/${exchangeId}`, { token: stranger.token })).status, 403);
  });
});

describe('resilience: faults injected by the sandbox, nothing created twice', () => {
  test('token expiry mid-flow is refreshed once', async () => {
    const c = await demoCustomer('Exp');
    await admin('/tokens/expire', 'POST');
    const r = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: c.token });
    assert.equal(r.status, 201, r.text);
    await fault({ method: 'POST', path: '/customers/*/exchanges', kind: 'expireToken', count: 1 });
    const r2 = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: c.token });
    assert.equal(r2.status, 201, r2.text);
    await clearFaults();
  });

  const kinds = [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 503 },
    { kind: 'rateLimit', retryAfter: 1 },
    { kind: 'html', status: 503 },
    { kind: 'drop' },
    { kind: 'dropAfter' },
  ];
  for (const f of kinds) {
    test(`exchange survives one ${f.kind}${f.status ? ' ' + f.status : ''} with exactly one exchange created`, async () => {
      const c = await demoCustomer('Flt');
      const before = await counts();
      await fault({ method: 'POST', path: '/customers/*/exchanges', count: 1, ...f });
      const r = await api('POST', `/api/customers/${c.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: c.token });
      await clearFaults();
      assert.equal(r.status, 201, r.text);
      const after = await counts();
      assert.equal(after.exchanges - before.exchanges, 1);
    });
  }

  test('link-bank with a fault at every step: retried or resumed, never duplicated', async () => {
    const c = await demoCustomer('Res');
    const { finicityCustomerId, accountId } = await finicityAccount(c.token);
    const body = { finicityCustomerId, accountId, name: 'Res checking', bankAccountType: 'savings' };
    const before = await counts();
    await fault({ method: 'POST', path: '/aggregation/v1/partners/accessKey', kind: 'rateLimit', retryAfter: 1, count: 1 });
    await fault({ method: 'POST', path: '/customers/*/exchanges', kind: 'dropAfter', count: 1 });
    await fault({ method: 'POST', path: '/customers/*/funding-sources', kind: 'status', status: 503 });
    const failed = await api('POST', '/api/link-bank', { body, token: c.token });
    assert.ok([502, 503, 504].includes(failed.status), failed.text);
    assert.equal(failed.json.error.retryable, true);
    assert.equal(failed.json.error.step, 'fundingSource');
    await clearFaults();
    const ok = await api('POST', '/api/link-bank', { body, token: c.token });
    assert.equal(ok.status, 201, ok.text);
    const after = await counts();
    assert.equal(after.receipts - before.receipts, 1);
    assert.equal(after.exchanges - before.exchanges, 1);
    assert.equal(after.fundingSources - before.fundingSources, 1);
  });

  test('a persistent outage is a retryable 5xx, never a 500 with upstream details', async () => {
    await fault({ path: '/exchange-partners', kind: 'html', status: 502 });
    await fault({ method: 'POST', path: '/customers', kind: 'html', status: 502 });
    const r = await api('POST', '/api/demo/customers', { body: { firstName: 'Out', lastName: 'Age', email: `out-${randomUUID()}@example.com` } });
    await clearFaults();
    assert.ok([502, 503].includes(r.status), r.text);
    assert.equal(r.json.error.retryable, true);
    assert.doesNotMatch(r.text, /<html/i);
  });

  test('concurrent identical link-bank calls create one of each', async () => {
    const c = await demoCustomer('Con');
    const { finicityCustomerId, accountId } = await finicityAccount(c.token);
    const body = { finicityCustomerId, accountId, name: 'Con checking', bankAccountType: 'checking' };
    const before = await counts();
    const results = await Promise.all([1, 2, 3, 4].map(() => api('POST', '/api/link-bank', { body, token: c.token })));
    for (const r of results) assert.ok([200, 201].includes(r.status), r.text);
    const ids = new Set(results.map((r) => r.json.fundingSource.id));
    assert.equal(ids.size, 1);
    const after = await counts();
    assert.equal(after.receipts - before.receipts, 1);
    assert.equal(after.exchanges - before.exchanges, 1);
    assert.equal(after.fundingSources - before.fundingSources, 1);
  });
});

describe('webhooks', () => {
  const sign = (body) => createHmac('sha256', stack.env.DWOLLA_WEBHOOK_SECRET).update(body).digest('hex');
  test('valid, replayed, invalid and missing signatures', async () => {
    const body = JSON.stringify({ id: randomUUID(), topic: 'customer_created', _links: {} });
    const h = (sig) => ({ 'Content-Type': 'application/json', ...(sig ? { 'X-Request-Signature-SHA-256': sig } : {}) });
    const ok = await api('POST', '/webhooks/dwolla', { raw: body, headers: h(sign(body)) });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.json, { received: true, duplicate: false });
    const replay = await api('POST', '/webhooks/dwolla', { raw: body, headers: h(sign(body)) });
    assert.deepEqual(replay.json, { received: true, duplicate: true });
    const tampered = await api('POST', '/webhooks/dwolla', { raw: body.replace('customer_created', 'customer_deactivated'), headers: h(sign(body)) });
    assert.equal(tampered.status, 401);
    assert.equal(tampered.json.error.code, 'InvalidSignature');
    assert.equal((await api('POST', '/webhooks/dwolla', { raw: body, headers: h() })).status, 401);
    assert.equal((await api('POST', '/webhooks/dwolla', { raw: body, headers: h('zz') })).status, 401);
  });
});

describe('webhooks from the sandbox', () => {
  /** Polls the customer's events until `pred` holds for one of them (bounded). */
  async function waitForEvent(c, pred, what, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await api('GET', `/api/customers/${c.id}/events`, { token: c.token });
      assert.equal(last.status, 200, last.text);
      const hit = last.json.events.find(pred);
      if (hit) return { hit, answer: last };
      await new Promise((r) => setTimeout(r, 250));
    }
    const sent = await admin('/webhooks');
    assert.fail(`no ${what} within ${timeoutMs} ms; the worker kept ${last?.text}; the sandbox sent ${JSON.stringify(sent).slice(0, 2000)}`);
  }

  test('an exchange flagged for re-authentication reaches its customer only', async () => {
    const a = await demoCustomer('Hedy');
    const b = await demoCustomer('Grace');
    const ex = await api('POST', `/api/customers/${a.id}/exchanges`, { body: { partnerName: 'Flinks', token: `flinks-${randomUUID()}` }, token: a.token });
    assert.equal(ex.status, 201, ex.text);
    const exchangeId = ex.json.exchange.id;
    const created = await waitForEvent(a, (e) => e.topic === 'customer_exchange_created' && e.resourceId === exchangeId, 'customer_exchange_created');
    assert.equal(created.hit.customerId, a.id.toLowerCase());
    assert.equal(created.hit.resourceType, 'exchanges');
    assert.ok(!created.answer.json.reAuthenticationRequired.includes(exchangeId));
    const before = await api('GET', `/api/exchanges/${exchangeId}`, { token: a.token });
    assert.equal(before.status, 200, before.text);
    assert.equal(before.json.exchange.reAuthenticationRequired, false);

    // What the bank does outside the API: the consent must be renewed.
    const flagged = await admin(`/exchanges/${exchangeId}`, 'POST', { reauthRequired: true });
    assert.equal(flagged.exchange?.id, exchangeId, JSON.stringify(flagged));
    const { hit, answer } = await waitForEvent(a, (e) => e.topic === 'customer_exchange_reauth_required' && e.resourceId === exchangeId, 'customer_exchange_reauth_required');
    assert.match(hit.id, /^[0-9a-f-]{36}$/);
    assert.ok(hit.created);
    assert.deepEqual(answer.json.reAuthenticationRequired, [exchangeId]);
    // Newest first.
    assert.equal(answer.json.events[0].id, hit.id);
    const after = await api('GET', `/api/exchanges/${exchangeId}`, { token: a.token });
    assert.equal(after.status, 200, after.text);
    assert.equal(after.json.exchange.reAuthenticationRequired, true);

    // Another customer's session, or none, sees nothing of it.
    const other = await api('GET', `/api/customers/${a.id}/events`, { token: b.token });
    assert.equal(other.status, 403, other.text);
    assert.equal(other.json.error.code, 'Forbidden');
    assert.equal((await api('GET', `/api/customers/${a.id}/events`)).status, 401);
    const own = await api('GET', `/api/customers/${b.id}/events`, { token: b.token });
    assert.equal(own.status, 200, own.text);
    assert.ok(!own.json.events.some((e) => e.resourceId === exchangeId), own.text);
    assert.deepEqual(own.json.reAuthenticationRequired, []);
    assert.equal((await api('GET', `/api/customers/not-a-uuid/events`, { token: b.token })).status, 400);

    // A forged webhook (wrong secret, or none) is refused and changes nothing.
    const forged = JSON.stringify({
      id: randomUUID(), topic: 'customer_exchange_created', resourceId: exchangeId, created: new Date().toISOString(),
      _links: { resource: { href: `${S}/exchanges/${exchangeId}` }, customer: { href: `${S}/customers/${a.id}` } },
    });
    const badSig = createHmac('sha256', 'not-the-secret').update(forged).digest('hex');
    const h = (sig) => ({ 'Content-Type': 'application/json', ...(sig ? { 'X-Request-Signature-SHA-256': sig } : {}) });
    assert.equal((await api('POST', '/webhooks/dwolla', { raw: forged, headers: h(badSig) })).status, 401);
    assert.equal((await api('POST', '/webhooks/dwolla', { raw: forged, headers: h() })).status, 401);
    const still = await api('GET', `/api/exchanges/${exchangeId}`, { token: a.token });
    assert.equal(still.json.exchange.reAuthenticationRequired, true);

    // Removed by the bank: the last word about the exchange, so no re-auth is pending.
    await admin(`/exchanges/${exchangeId}`, 'POST', { status: 'removed' });
    const removed = await waitForEvent(a, (e) => e.topic === 'customer_exchange_removed' && e.resourceId === exchangeId, 'customer_exchange_removed');
    assert.deepEqual(removed.answer.json.reAuthenticationRequired, []);
  });
});

describe('secrets', () => {
  test('no secret, token or Authorization value in any response body or header', async () => {
    const names = ['DWOLLA_CLIENT_SECRET', 'FINICITY_APP_KEY', 'FINICITY_PARTNER_SECRET', 'DWOLLA_WEBHOOK_SECRET', 'SESSION_SECRET', 'SESSION_ISSUER_KEY', 'DWOLLA_CLIENT_ID'];
    const secrets = names.map((n) => stack.env[n]).filter(Boolean);
    assert.equal(secrets.length, names.length);
    const requests = await admin('/requests');
    const tokens = new Set();
    for (const r of requests.requests ?? []) {
      for (const v of Object.values(r.headers ?? {})) {
        const m = /^Bearer (.+)$/i.exec(String(v));
        if (m) tokens.add(m[1]);
      }
    }
    assert.ok(seen.length > 50, `only ${seen.length} responses seen`);
    for (const r of seen) {
      const all = r.text + '\n' + JSON.stringify(r.headers);
      for (const s of [...secrets, ...tokens]) {
        assert.ok(!all.includes(s), `${r.method} ${r.path} leaks a secret`);
      }
      assert.doesNotMatch(all, /access_token|Finicity-App-Token|Basic [A-Za-z0-9+/=]{8,}/);
    }
  });

  test('Prism saw no request that violates Dwolla\'s spec', () => {
    const log = stack.env.PRISM_LOG ? readFileSync(stack.env.PRISM_LOG, 'utf8') : '';
    const lines = log.split('\n');
    assert.ok(lines.filter((l) => /Request received/.test(l)).length > 50, 'Prism saw too few requests');
    // Known bug of the spec itself: `POST /token` declares `security: basicAuth`, a
    // scheme missing from components.securitySchemes, so Prism flags every token
    // request, even a correct `Authorization: Basic` one. Everything else must pass.
    let current = '';
    const violations = [];
    for (const line of lines) {
      const req = /\[HTTP SERVER\] (\w+) (\S+)/.exec(line);
      if (req) current = `${req[1].toUpperCase()} ${req[2]}`;
      if (!/Violation: request/.test(line)) continue;
      if (current === 'POST /token' && /Invalid security scheme used/.test(line)) continue;
      violations.push(`${current}: ${line}`);
    }
    assert.deepEqual(violations, []);
  });
});
