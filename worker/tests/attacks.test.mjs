// The worker as an attacker sees it: two Dwolla customers (a victim and an attacker),
// each with a session issued by a backend (SESSION_ISSUER_KEY), and an anonymous
// caller, against the worker with DEMO_MODE=false; then a demo-mode stack, where demo
// mode must change only how a session is obtained. Every refusal is asserted by exact
// status and error code, and the sandbox's /_admin/state must show nothing created.
// Ports 18783-18784 (DEMO_MODE=false) and 18785-18786 (demo mode), shifted by
// CX_PORT_OFFSET.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { startStack } from './support/stack.mjs';

const PORT_OFFSET = Number(process.env.CX_PORT_OFFSET ?? 0);

/** A client of one stack: the worker, the sandbox's admin API and its Dwolla side. */
function client(env) {
  const W = env.WORKER_URL;
  const S = env.SANDBOX_URL;
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
    return { status: res.status, headers: Object.fromEntries(res.headers), text, json };
  }
  const state = async () => (await fetch(`${S}/_admin/state`)).json();
  const fault = (spec) => fetch(`${S}/_admin/faults`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec),
  });
  const clearFaults = () => fetch(`${S}/_admin/faults`, { method: 'DELETE' });
  return { W, S, api, state, fault, clearFaults };
}

/** The counts of everything an attack could create. */
const CREATED = ['customers', 'exchanges', 'fundingSources', 'exchangeSessions', 'receipts',
  'finicityCustomers', 'connectLinks', 'providerTokens'];
async function snapshot(c) {
  const s = await c.state();
  return Object.fromEntries(CREATED.map((k) => [k, s.counts[k]]));
}
async function assertNothingCreated(c, before, what) {
  assert.deepEqual(await snapshot(c), before, `${what}: the sandbox must show nothing created`);
}

/** Asserts an error answer: exact status and code. */
function refused(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.ok(r.json, `not JSON: ${r.text}`);
  assert.equal(r.json.error.code, code, r.text);
  assert.equal(r.json.error.status, status);
}

/** Connects accounts of a Finicity customer through the sandbox's Connect page. */
async function connect(c, token, finicityCustomerId, accounts = 'account=0%3A0') {
  const link = await c.api('POST', '/api/finicity/connect-url', { token, body: { customerId: finicityCustomerId } });
  assert.equal(link.status, 200, link.text);
  const page = await fetch(link.json.link);
  assert.equal(page.status, 200);
  const action = (await page.text()).match(/action="([^"]+)"/)[1];
  const submit = await fetch(new URL(action, link.json.link), {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `${accounts}&consent=yes&action=connect`, redirect: 'manual',
  });
  assert.ok(submit.status < 400, `Connect page answered ${submit.status}`);
}

/** A Finicity customer of the session's customer, with connected accounts. */
async function finicityCustomer(c, token, accounts) {
  const r = await c.api('POST', '/api/finicity/customers', { token, body: { firstName: 'Fin', lastName: 'Owner' } });
  assert.equal(r.status, 201, r.text);
  await connect(c, token, r.json.customerId, accounts);
  const list = await c.api('GET', `/api/finicity/customers/${r.json.customerId}/accounts`, { token });
  assert.equal(list.status, 200, list.text);
  return { id: r.json.customerId, accounts: list.json.accounts };
}

/** A session token signed with `secret`, for tokens the worker never issued. */
function signToken(secret, claims) {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const mac = createHmac('sha256', secret).update(`cxs1.${payload}`).digest('base64url');
  return `cxs1.${payload}.${mac}`;
}

describe('DEMO_MODE=false: two customers and an anonymous caller', () => {
  let stack;
  let c;
  let victim; // { id, token, fin: {id, accounts}, receipt, exchange }
  let attacker;

  /** A Dwolla customer created as an integrator's backend would, and a session for it. */
  async function customer(name) {
    const basic = Buffer.from(`${stack.env.DWOLLA_CLIENT_ID}:${stack.env.DWOLLA_CLIENT_SECRET}`).toString('base64');
    const tok = await fetch(`${c.S}/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json());
    const created = await fetch(`${c.S}/customers`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/vnd.dwolla.v1.hal+json',
        Accept: 'application/vnd.dwolla.v1.hal+json', 'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify({ firstName: name, lastName: 'Test', email: `${name.toLowerCase()}-${randomUUID()}@example.com` }),
    });
    assert.equal(created.status, 201, await created.text());
    const id = created.headers.get('location').split('/').pop();
    const session = await c.api('POST', '/api/sessions', {
      token: stack.env.SESSION_ISSUER_KEY, body: { customerId: id },
    });
    assert.equal(session.status, 201, session.text);
    return { id, token: session.json.sessionToken };
  }

  before(async () => {
    stack = await startStack({ sandboxPort: 18783 + PORT_OFFSET, workerPort: 18784 + PORT_OFFSET, demoMode: false });
    c = client(stack.env);
    victim = await customer('Victim');
    attacker = await customer('Mallory');
    victim.fin = await finicityCustomer(c, victim.token, 'account=0%3A0&account=0%3A1&account=1%3A0');
    attacker.fin = await finicityCustomer(c, attacker.token);
    for (const who of [victim, attacker]) {
      const receipt = await c.api('POST', '/api/finicity/consent-receipts', {
        token: who.token, body: { customerId: who.fin.id, accountIds: [who.fin.accounts[0].id] },
      });
      assert.equal(receipt.status, 201, receipt.text);
      who.receipt = receipt.json;
    }
    for (const who of [victim, attacker]) {
      const ex = await c.api('POST', `/api/customers/${who.id}/exchanges`, {
        token: who.token, body: { receipt: who.receipt },
      });
      assert.equal(ex.status, 201, ex.text);
      who.exchange = ex.json.exchange;
    }
  });

  after(async () => {
    if (stack) await stack.stop();
  });

  test('demo routes are closed and the stack is healthy', async () => {
    const h = await c.api('GET', '/healthz');
    assert.equal(h.status, 200, h.text);
    const before = await snapshot(c);
    refused(await c.api('POST', '/api/demo/customers', { body: { firstName: 'A', lastName: 'B', email: 'a@example.com' } }), 404, 'NotFound');
    await assertNothingCreated(c, before, 'demo sign-up with demo mode off');
  });

  test('1. another customer\'s Finicity data: no read, no receipt, no link', async () => {
    const before = await snapshot(c);
    const fin = victim.fin.id;
    const account = victim.fin.accounts[0].id;
    refused(await c.api('GET', `/api/finicity/customers/${fin}/accounts`, { token: attacker.token }), 403, 'Forbidden');
    refused(await c.api('POST', '/api/finicity/consent-receipts', {
      token: attacker.token, body: { customerId: fin, accountIds: [account], durationDays: 30 },
    }), 403, 'Forbidden');
    refused(await c.api('POST', '/api/finicity/connect-url', { token: attacker.token, body: { customerId: fin } }), 403, 'Forbidden');
    refused(await c.api('POST', '/api/link-bank', {
      token: attacker.token, body: { finicityCustomerId: fin, accountId: account, name: 'Stolen', bankAccountType: 'checking' },
    }), 403, 'Forbidden');
    // The victim's receipt, exchanged for the attacker's Dwolla customer.
    refused(await c.api('POST', `/api/customers/${attacker.id}/exchanges`, {
      token: attacker.token, body: { receipt: victim.receipt },
    }), 403, 'Forbidden');
    // An account of another Finicity customer, under the attacker's own one.
    refused(await c.api('POST', '/api/finicity/consent-receipts', {
      token: attacker.token, body: { customerId: attacker.fin.id, accountIds: [account] },
    }), 403, 'Forbidden');
    // A Finicity customer nobody created through the worker answers the same.
    refused(await c.api('GET', '/api/finicity/customers/1234567890123/accounts', { token: attacker.token }), 403, 'Forbidden');
    // Anonymous callers get 401 everywhere.
    refused(await c.api('GET', `/api/finicity/customers/${fin}/accounts`), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/finicity/customers', { body: {} }), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/finicity/consent-receipts', { body: { customerId: fin, accountIds: [account] } }), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/link-bank', {
      body: { finicityCustomerId: fin, accountId: account, name: 'Stolen', bankAccountType: 'checking' },
    }), 401, 'Unauthenticated');
    await assertNothingCreated(c, before, 'cross-customer Finicity use');
    const s = await c.state();
    assert.equal(s.fundingSources.filter((f) => f.customerId === attacker.id).length, 0);
  });

  test('1. account numbers leave the worker masked, and consent is bounded', async () => {
    const own = await c.api('GET', `/api/finicity/customers/${victim.fin.id}/accounts`, { token: victim.token });
    assert.equal(own.status, 200, own.text);
    assert.ok(own.json.accounts.length >= 3);
    for (const a of own.json.accounts) assert.match(a.number, /^\*{4}[0-9A-Za-z]{4}$/, JSON.stringify(a));
    const before = await snapshot(c);
    const long = await c.api('POST', '/api/finicity/consent-receipts', {
      token: victim.token, body: { customerId: victim.fin.id, accountIds: [victim.fin.accounts[0].id], durationDays: 36500 },
    });
    refused(long, 400, 'InvalidRequest');
    assert.deepEqual(long.json.error.issues.map((i) => [i.path, i.code]), [['/durationDays', 'maximum']]);
    await assertNothingCreated(c, before, 'a century of consent');
  });

  test('2. Connect redirects only to configured URLs', async () => {
    const before = await snapshot(c);
    const r = await c.api('POST', '/api/finicity/connect-url', {
      token: victim.token, body: { customerId: victim.fin.id, redirectUri: 'https://evil.example/steal' },
    });
    refused(r, 400, 'RedirectUrlNotAllowed');
    assert.equal(r.json.error.issues[0].path, '/redirectUri');
    await assertNothingCreated(c, before, 'Connect with a foreign redirect');
    const ok = await c.api('POST', '/api/finicity/connect-url', {
      token: victim.token, body: { customerId: victim.fin.id, redirectUri: `${c.W}/?connect=done` },
    });
    assert.equal(ok.status, 200, ok.text);
  });

  test('4. idempotency keys are per customer, and echoed as given', async () => {
    const key = `shared-${randomUUID()}`;
    const own = await c.api('POST', '/api/finicity/consent-receipts', {
      token: attacker.token, body: { customerId: attacker.fin.id, accountIds: [attacker.fin.accounts[0].id] },
    });
    assert.equal(own.status, 201, own.text);
    const mine = await c.api('POST', `/api/customers/${attacker.id}/exchanges`, {
      token: attacker.token, body: { receipt: own.json, idempotencyKey: key },
    });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.json.idempotencyKey, key);
    // The victim's own create with the same key is not blocked by the attacker's.
    const receipt = await c.api('POST', '/api/finicity/consent-receipts', {
      token: victim.token, body: { customerId: victim.fin.id, accountIds: [victim.fin.accounts[2].id] },
    });
    assert.equal(receipt.status, 201, receipt.text);
    const theirs = await c.api('POST', `/api/customers/${victim.id}/exchanges`, {
      token: victim.token, body: { receipt: receipt.json, idempotencyKey: key },
    });
    assert.equal(theirs.status, 201, theirs.text);
    assert.equal(theirs.json.idempotencyKey, key);
    assert.notEqual(theirs.json.exchange.id, mine.json.exchange.id);
    // The key reached Dwolla namespaced, never as given.
    const s = await c.state();
    assert.ok(!JSON.stringify(s).includes(key));
  });

  test('5. an exchange given by href must be on the configured base and the customer\'s', async () => {
    const before = await snapshot(c);
    const evil = await c.api('POST', `/api/customers/${attacker.id}/funding-sources`, {
      token: attacker.token,
      body: { exchangeHref: `https://evil.example/exchanges/${attacker.exchange.id}`, name: 'Evil', bankAccountType: 'checking' },
    });
    refused(evil, 400, 'InvalidExchangeHref');
    // The victim's exchange, by id and by a correct href.
    refused(await c.api('POST', `/api/customers/${attacker.id}/funding-sources`, {
      token: attacker.token, body: { exchangeId: victim.exchange.id, name: 'Stolen', bankAccountType: 'checking' },
    }), 403, 'Forbidden');
    refused(await c.api('POST', `/api/customers/${attacker.id}/funding-sources`, {
      token: attacker.token, body: { exchangeHref: victim.exchange.href, name: 'Stolen', bankAccountType: 'checking' },
    }), 403, 'Forbidden');
    refused(await c.api('GET', `/api/exchanges/${victim.exchange.id}`, { token: attacker.token }), 403, 'Forbidden');
    refused(await c.api('POST', `/api/exchanges/${victim.exchange.id}/exchange-sessions`, { token: attacker.token, body: {} }), 403, 'Forbidden');
    await assertNothingCreated(c, before, 'foreign exchanges');
  });

  test('6. replies are serialized as built: "Basic ..." and backslashes survive', async () => {
    const name = 'Basic Checking \\ "bearer x"';
    const r = await c.api('POST', `/api/customers/${victim.id}/exchange-sessions`, {
      token: victim.token, body: { partnerName: name },
    });
    // Not a partner name the document lists: refused before any upstream call.
    refused(r, 400, 'InvalidRequest');
    assert.deepEqual(r.json.error.issues.map((i) => [i.path, i.code]), [['/partnerName', 'enum']]);
    assert.ok(r.json.error.message.includes(JSON.stringify(name).slice(1, -1)) || r.json.error.message.includes(name), r.text);
    assert.ok(!r.text.includes('[redacted]'), r.text);
  });

  test('7. link-bank is keyed on the account and revokes the receipts it abandons', async () => {
    const account = victim.fin.accounts[1].id;
    const body = { finicityCustomerId: victim.fin.id, accountId: account, name: 'First name', bankAccountType: 'checking' };
    const receiptsOf = async () => (await c.state()).receipts.filter((r) => r.customerId === victim.fin.id);
    const known = new Set((await receiptsOf()).map((r) => r.receiptId));
    // Dwolla refuses the exchange for good once: the receipt is abandoned.
    await c.fault({ method: 'POST', path: '/customers/*/exchanges', kind: 'html', status: 400, count: 1 });
    const failed = await c.api('POST', '/api/link-bank', { token: victim.token, body });
    await c.clearFaults();
    refused(failed, 400, 'BadRequest');
    assert.equal(failed.json.error.step, 'exchange');
    const first = await c.api('POST', '/api/link-bank', { token: victim.token, body });
    assert.equal(first.status, 201, first.text);
    const fresh = (await receiptsOf()).filter((r) => !known.has(r.receiptId));
    assert.equal(fresh.length, 2, JSON.stringify(fresh));
    const abandoned = fresh.find((r) => r.receiptId !== first.json.receipt.receiptId);
    assert.equal(abandoned.revoked, true, 'the abandoned receipt is revoked');
    assert.equal(fresh.find((r) => r.receiptId === first.json.receipt.receiptId).revoked, false);
    // The same account under another nickname is the same link.
    const before = await snapshot(c);
    const again = await c.api('POST', '/api/link-bank', {
      token: victim.token, body: { ...body, name: 'Second name', bankAccountType: 'savings' },
    });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.exchange.id, first.json.exchange.id);
    assert.equal(again.json.fundingSource.id, first.json.fundingSource.id);
    await assertNothingCreated(c, before, 'the same account under another nickname');
  });

  test('8. Android package names are checked against the allow-list', async () => {
    const before = await snapshot(c);
    const r = await c.api('POST', `/api/customers/${victim.id}/exchange-sessions`, {
      token: victim.token, body: { partnerName: 'Plaid', platform: 'android', redirectUrl: 'com.evil.stealer' },
    });
    refused(r, 400, 'RedirectUrlNotAllowed');
    refused(await c.api('POST', `/api/customers/${victim.id}/exchange-sessions`, {
      token: victim.token, body: { partnerName: 'Visa', redirectUrl: 'https://evil.example/callback' },
    }), 400, 'RedirectUrlNotAllowed');
    await assertNothingCreated(c, before, 'foreign redirect targets');
    const ok = await c.api('POST', `/api/customers/${victim.id}/exchange-sessions`, {
      token: victim.token, body: { partnerName: 'Plaid', platform: 'android', redirectUrl: 'com.example.app123' },
    });
    assert.equal(ok.status, 201, ok.text);
  });

  test('9. list sizes are capped before anything is sent', async () => {
    const before = await snapshot(c);
    const accountIds = Array.from({ length: 5000 }, (_, i) => String(1_000_000 + i));
    const products = ['moneyTransferDetails', 'availableBalance', 'availableBalanceLive', 'accountOwner', 'paymentIndicator'];
    const started = Date.now();
    const r = await c.api('POST', '/api/finicity/consent-receipts', {
      token: victim.token, body: { customerId: victim.fin.id, accountIds, products },
    });
    refused(r, 400, 'InvalidRequest');
    assert.deepEqual(r.json.error.issues.map((i) => [i.path, i.code]), [['/accountIds', 'maxItems']]);
    assert.ok(Date.now() - started < 5_000);
    await assertNothingCreated(c, before, 'an amplified consent request');
  });

  test('what holds: forged, expired and foreign tokens; cross-customer paths', async () => {
    const before = await snapshot(c);
    const now = Math.floor(Date.now() / 1000);
    const forged = signToken('not-the-secret-'.repeat(3), { sub: victim.id, iat: now, exp: now + 600 });
    const expired = signToken(stack.env.SESSION_SECRET, { sub: victim.id, iat: now - 7200, exp: now - 3600 });
    const path = `/api/customers/${victim.id}/exchanges`;
    refused(await c.api('POST', path, { token: forged, body: { receipt: victim.receipt } }), 401, 'Unauthenticated');
    refused(await c.api('POST', path, { token: expired, body: { receipt: victim.receipt } }), 401, 'Unauthenticated');
    refused(await c.api('POST', path, { token: 'cxs1.e30.AAAA', body: { receipt: victim.receipt } }), 401, 'Unauthenticated');
    refused(await c.api('POST', path, { body: { receipt: victim.receipt } }), 401, 'Unauthenticated');
    refused(await c.api('POST', path, { token: attacker.token, body: { receipt: victim.receipt } }), 403, 'Forbidden');
    refused(await c.api('POST', `/api/customers/${victim.id}/funding-sources`, {
      token: attacker.token, body: { exchangeId: victim.exchange.id, name: 'x', bankAccountType: 'checking' },
    }), 403, 'Forbidden');
    refused(await c.api('POST', `/api/customers/${victim.id}/exchange-sessions`, {
      token: attacker.token, body: { partnerName: 'MX' },
    }), 403, 'Forbidden');
    // Sessions for any customer need the issuer key.
    refused(await c.api('POST', '/api/sessions', { token: attacker.token, body: { customerId: victim.id } }), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/sessions', { body: { customerId: victim.id } }), 401, 'Unauthenticated');
    await assertNothingCreated(c, before, 'bad tokens');
  });

  test('every id in every path and body: another customer\'s session gets 403, no session 401, nothing created', async () => {
    // One row per place a caller can name something that is not theirs: the victim's
    // Dwolla customer, exchange (by id and by href), Finicity customer and account, in
    // the path and in the body. Ownership is checked before anything goes upstream, so
    // the sandbox must show nothing created after all of them.
    const before = await snapshot(c);
    const fin = victim.fin.id;
    const account = victim.fin.accounts[0].id;
    const fundingBody = (ex) => ({ ...ex, name: 'Stolen', bankAccountType: 'checking' });
    const cases = [
      ['GET', `/api/finicity/customers/${fin}/accounts`, undefined],
      ['POST', '/api/finicity/connect-url', { customerId: fin }],
      ['POST', '/api/finicity/consent-receipts', { customerId: fin, accountIds: [account] }],
      ['POST', '/api/finicity/consent-receipts', { customerId: attacker.fin.id, accountIds: [account] }],
      ['POST', '/api/link-bank', { finicityCustomerId: fin, accountId: account, name: 'Stolen', bankAccountType: 'checking' }],
      ['POST', `/api/customers/${victim.id}/exchanges`, { receipt: victim.receipt }],
      ['POST', `/api/customers/${attacker.id}/exchanges`, { receipt: victim.receipt }],
      ['POST', `/api/customers/${victim.id}/exchange-sessions`, { partnerName: 'MX' }],
      ['POST', `/api/exchanges/${victim.exchange.id}/exchange-sessions`, {}],
      ['GET', `/api/exchanges/${victim.exchange.id}`, undefined],
      ['GET', `/api/customers/${victim.id}/events`, undefined],
      ['POST', `/api/customers/${victim.id}/funding-sources`, fundingBody({ exchangeId: victim.exchange.id })],
      ['POST', `/api/customers/${attacker.id}/funding-sources`, fundingBody({ exchangeId: victim.exchange.id })],
      ['POST', `/api/customers/${attacker.id}/funding-sources`, fundingBody({ exchangeHref: victim.exchange.href })],
    ];
    for (const [method, path, body] of cases) {
      const what = `${method} ${path} ${JSON.stringify(body ?? {})}`;
      const other = await c.api(method, path, { token: attacker.token, body });
      assert.equal(other.status, 403, `${what} with another customer's session: ${other.text}`);
      assert.equal(other.json?.error?.code, 'Forbidden', what);
      const anonymous = await c.api(method, path, { body });
      assert.equal(anonymous.status, 401, `${what} without a session: ${anonymous.text}`);
      assert.equal(anonymous.json?.error?.code, 'Unauthenticated', what);
    }
    await assertNothingCreated(c, before, 'every id of another customer');
    const s = await c.state();
    assert.equal(s.fundingSources.filter((f) => f.customerId === attacker.id).length, 0);
  });

  test('what holds: CORS, webhook signatures, 413 and 415', async () => {
    const evil = await c.api('OPTIONS', '/api/link-bank', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(evil.status, 204);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    const read = await c.api('GET', `/api/finicity/customers/${victim.fin.id}/accounts`, {
      token: victim.token, headers: { Origin: 'https://evil.example' },
    });
    assert.equal(read.headers['access-control-allow-origin'], undefined);
    const event = JSON.stringify({ id: randomUUID(), topic: 'customer_created' });
    const wrong = createHmac('sha256', 'not-the-secret').update(event).digest('hex');
    refused(await c.api('POST', '/webhooks/dwolla', {
      raw: event, headers: { 'Content-Type': 'application/json', 'X-Request-Signature-SHA-256': wrong },
    }), 401, 'InvalidSignature');
    refused(await c.api('POST', '/webhooks/dwolla', { raw: event, headers: { 'Content-Type': 'application/json' } }), 401, 'InvalidSignature');
    refused(await c.api('POST', '/api/link-bank', {
      token: victim.token, raw: JSON.stringify({ name: 'x'.repeat(70_000) }), headers: { 'Content-Type': 'application/json' },
    }), 413, 'PayloadTooLarge');
    refused(await c.api('POST', '/api/link-bank', {
      token: victim.token, raw: 'finicityCustomerId=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }), 415, 'UnsupportedMediaType');
  });
});

describe('DEMO_MODE=true: demo mode changes how a session is obtained, not what it may do', () => {
  let stack;
  let c;

  before(async () => {
    stack = await startStack({ sandboxPort: 18785 + PORT_OFFSET, workerPort: 18786 + PORT_OFFSET, demoMode: true });
    c = client(stack.env);
  });

  after(async () => {
    if (stack) await stack.stop();
  });

  test('3. a second sign-up with the same name and e-mail gets nothing', async () => {
    const person = { firstName: 'Ada', lastName: 'Lovelace', email: `ada-${randomUUID()}@example.com` };
    const first = await c.api('POST', '/api/demo/customers', { body: person });
    assert.equal(first.status, 201, first.text);
    const before = await snapshot(c);
    const second = await c.api('POST', '/api/demo/customers', { body: person });
    refused(second, 400, 'ValidationError');
    assert.equal(second.json.sessionToken, undefined);
    assert.ok(!second.text.includes(first.json.customer.id), second.text);
    await assertNothingCreated(c, before, 'a repeated sign-up');
  });

  test('1. Finicity routes need a session and ownership in demo mode too', async () => {
    const owner = await c.api('POST', '/api/demo/customers', {
      body: { firstName: 'Own', lastName: 'Er', email: `own-${randomUUID()}@example.com` },
    });
    const other = await c.api('POST', '/api/demo/customers', {
      body: { firstName: 'Oth', lastName: 'Er', email: `oth-${randomUUID()}@example.com` },
    });
    const fin = await finicityCustomer(c, owner.json.sessionToken);
    const before = await snapshot(c);
    refused(await c.api('GET', `/api/finicity/customers/${fin.id}/accounts`), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/finicity/customers', { body: {} }), 401, 'Unauthenticated');
    refused(await c.api('POST', '/api/finicity/connect-url', { body: { customerId: fin.id } }), 401, 'Unauthenticated');
    refused(await c.api('GET', `/api/finicity/customers/${fin.id}/accounts`, { token: other.json.sessionToken }), 403, 'Forbidden');
    refused(await c.api('POST', '/api/link-bank', {
      token: other.json.sessionToken,
      body: { finicityCustomerId: fin.id, accountId: fin.accounts[0].id, name: 'Stolen', bankAccountType: 'checking' },
    }), 403, 'Forbidden');
    await assertNothingCreated(c, before, 'demo-mode Finicity access');
  });

  // Last in this stack: it locks the sandbox's Finicity partner for good.
  test('/healthz reports refused upstream credentials from the last token attempt', async () => {
    const person = () => ({ body: { firstName: 'Hea', lastName: 'Lth', email: `health-${randomUUID()}@example.com` } });
    assert.equal((await c.api('GET', '/healthz')).status, 200);
    const requests = async () => (await c.state()).counts.requests;
    // Probes never call an upstream.
    const quiet = await requests();
    for (let i = 0; i < 3; i++) await c.api('GET', '/healthz');
    assert.equal(await requests(), quiet);

    // Dwolla refuses the client credentials.
    await c.fault({ method: 'POST', path: '/token', kind: 'html', status: 401, count: 20 });
    await fetch(`${c.S}/_admin/tokens/expire`, { method: 'POST' });
    refused(await c.api('POST', '/api/demo/customers', person()), 502, 'UpstreamAuthenticationFailed');
    const dwolla = await c.api('GET', '/healthz');
    refused(dwolla, 503, 'UpstreamAuthenticationFailed');
    assert.match(dwolla.json.error.message, /Dwolla/);
    assert.ok(!dwolla.text.includes(stack.env.DWOLLA_CLIENT_SECRET));
    // Working again after a successful token attempt.
    await c.clearFaults();
    const back = await c.api('POST', '/api/demo/customers', person());
    assert.equal(back.status, 201, back.text);
    assert.equal((await c.api('GET', '/healthz')).status, 200);

    // Finicity locks the partner (five refused authentications elsewhere).
    for (let i = 0; i < 5; i++) {
      await fetch(`${c.S}/aggregation/v2/partners/authentication`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Finicity-App-Key': stack.env.FINICITY_APP_KEY },
        body: JSON.stringify({ partnerId: stack.env.FINICITY_PARTNER_ID, partnerSecret: 'wrong-secret' }),
      });
    }
    await fetch(`${c.S}/_admin/tokens/expire`, { method: 'POST' });
    refused(await c.api('POST', '/api/finicity/customers', { token: back.json.sessionToken, body: {} }), 502, 'FinicityAuthenticationFailed');
    const finicity = await c.api('GET', '/healthz');
    refused(finicity, 503, 'FinicityAuthenticationFailed');
    assert.match(finicity.json.error.message, /Finicity/);
    assert.doesNotMatch(finicity.json.error.message, /Dwolla/);
  });
});
