// Runs Stoplight Prism (proxy mode, Dwolla's own OpenAPI document) between a client and
// the sandbox binary, so every request and response is checked by a validator that was
// not written here. Needs `cargo build -p consent-exchange-sandbox` first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const spec = path.resolve(root, '../shared/specs/dwolla/openapi.yml');
const HAL = 'application/vnd.dwolla.v1.hal+json';
const children = [];
let base; // Prism's URL
let direct; // the sandbox's own URL

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function start(cmd, args) {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

async function waitFor(fn, what, ms = 60000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try { if (await fn()) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  const sandbox = start(path.join(root, 'target/debug/consent-exchange-sandbox'), ['--port', '0', '--quiet']);
  const sandboxUrl = await new Promise((resolve, reject) => {
    let out = '';
    sandbox.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/consent-exchange-sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    sandbox.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  direct = sandboxUrl;
  const port = await freePort();
  const prismBin = path.join(root, 'node_modules/.bin/prism');
  const prism = start(prismBin, ['proxy', '--errors', spec, sandboxUrl, '-p', String(port), '-h', '127.0.0.1']);
  prism.stderr.on('data', () => {});
  prism.stdout.on('data', () => {});
  base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/exchange-partners`, { headers: { accept: HAL } })).status > 0, 'prism', 120000);
});

after(() => {
  for (const c of children) {
    try { process.kill(-c.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
});

let token;
async function call(method, p, body, extra = {}) {
  const headers = { accept: HAL, authorization: `Bearer ${token}`, ...extra };
  if (body !== undefined) headers['content-type'] = headers['content-type'] ?? HAL;
  const res = await fetch(`${base}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

function noViolations(r, what) {
  const v = r.headers.get('sl-violations');
  assert.equal(v, null, `${what}: Prism reported ${v}`);
}

test('a representative flow passes through Prism without violations', async () => {
  // POST /token goes to the sandbox directly: the spec's /token operation requires a
  // security scheme `basicAuth` that components.securitySchemes never defines, so Prism
  // answers 401 "Invalid security scheme used" to every correct token request.
  const basic = Buffer.from('sandbox-client-id:sandbox-client-secret').toString('base64');
  const tokenRequest = {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  };
  const t = await fetch(`${direct}/token`, tokenRequest);
  assert.equal(t.status, 200);
  token = (await t.json()).access_token;
  const viaPrism = await fetch(`${base}/token`, tokenRequest);
  assert.equal(viaPrism.status, 401, 'documented spec defect: undefined basicAuth scheme');

  const partners = await call('GET', '/exchange-partners');
  assert.equal(partners.status, 200, partners.text);
  noViolations(partners, 'GET /exchange-partners');
  const href = (name) => partners.json._embedded['exchange-partners'].find((p) => p.name === name)._links.self.href;
  const one = await call('GET', new URL(href('Plaid')).pathname);
  noViolations(one, 'GET /exchange-partners/{id}');

  const c = await call('POST', '/customers', { firstName: 'Jane', lastName: 'Doe', email: `jane${Date.now()}@example.com`, type: 'unverified' });
  assert.equal(c.status, 201, c.text);
  noViolations(c, 'POST /customers');
  const customer = new URL(c.headers.get('location')).pathname;
  noViolations(await call('GET', customer), 'GET /customers/{id}');

  const ex = await call('POST', `${customer}/exchanges`, { _links: { 'exchange-partner': { href: href('Plaid') } }, token: 'processor-sandbox-prism' });
  assert.equal(ex.status, 201, ex.text);
  noViolations(ex, 'POST /customers/{id}/exchanges');
  const exchange = new URL(ex.headers.get('location')).pathname;
  noViolations(await call('GET', exchange), 'GET /exchanges/{id}');
  noViolations(await call('GET', `${customer}/exchanges`), 'GET /customers/{id}/exchanges');

  const s = await call('POST', `${customer}/exchange-sessions`, { _links: { 'exchange-partner': { href: href('MX') } } });
  assert.equal(s.status, 201, s.text);
  noViolations(s, 'POST /customers/{id}/exchange-sessions');
  const sg = await call('GET', new URL(s.headers.get('location')).pathname);
  assert.equal(sg.status, 200);
  noViolations(sg, 'GET /exchange-sessions/{id}');

  const fs = await call('POST', `${customer}/funding-sources`, { _links: { exchange: { href: ex.headers.get('location') } }, bankAccountType: 'checking', name: 'Checking' });
  assert.equal(fs.status, 201, fs.text);
  noViolations(fs, 'POST /customers/{id}/funding-sources');
  noViolations(await call('GET', new URL(fs.headers.get('location')).pathname), 'GET /funding-sources/{id}');
});

test('Prism flags invalid requests', async () => {
  // Missing Accept: Prism itself answers 422 naming the header.
  const noAccept = await fetch(`${base}/exchange-partners`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(noAccept.status, 422);
  assert.match(await noAccept.text(), /accept/);
  const jsonAccept = await fetch(`${base}/exchange-partners`, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  assert.equal(jsonAccept.status, 422);
});
