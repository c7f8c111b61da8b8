// worker/.dev.vars.example works as it is against a sandbox started with its defaults:
// scripts/stack.sh --vars-from gives the worker the example's credentials and keys and
// leaves the sandbox on its documented defaults. Then the stack is told one of its
// processes died, and must say which.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(ROOT, 'worker', '.dev.vars.example');
// CX_PORT_OFFSET shifts every port, so two checkouts can run their lanes at once.
const OFFSET = Number(process.env.CX_PORT_OFFSET ?? 0);
const SANDBOX_PORT = 18785 + OFFSET;
const WORKER_PORT = 18786 + OFFSET;
const WORKER = `http://127.0.0.1:${WORKER_PORT}`;

/** KEY=value lines of a .dev.vars file. */
function readVars(file) {
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

async function call(method, route, body, token) {
  const response = await fetch(`${WORKER}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? JSON.parse(text) : null };
}

describe('worker/.dev.vars.example against the sandbox defaults', () => {
  let child;
  let output = '';
  let exited;

  before(async () => {
    const args = ['--sandbox-port', String(SANDBOX_PORT), '--worker-port', String(WORKER_PORT), '--vars-from', EXAMPLE];
    if (process.env.STACK_NO_BUILD === '1') args.push('--no-build');
    child = spawn(path.join(ROOT, 'scripts', 'stack.sh'), args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stack not ready:\n${output}`)), 600_000);
      const onData = (chunk) => {
        output += chunk;
        if (output.includes('stack ready: ')) { clearTimeout(timer); resolve(); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      exited.then((code) => { clearTimeout(timer); reject(new Error(`stack.sh exited ${code}:\n${output}`)); });
    });
  });
  after(async () => {
    if (child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
  });

  test('the example holds the sandbox defaults and strong, non-placeholder keys', () => {
    const vars = readVars(EXAMPLE);
    // The sandbox's documented defaults (sandbox/src/config.rs, docs/sandbox.md).
    assert.equal(vars.DWOLLA_CLIENT_ID, 'sandbox-client-id');
    assert.equal(vars.DWOLLA_CLIENT_SECRET, 'sandbox-client-secret');
    assert.equal(vars.FINICITY_APP_KEY, 'sandbox-app-key');
    assert.equal(vars.FINICITY_PARTNER_SECRET, 'sandbox-partner-secret');
    for (const name of ['SESSION_SECRET', 'SESSION_ISSUER_KEY', 'DWOLLA_WEBHOOK_SECRET']) {
      assert.match(vars[name], /^[0-9a-f]{64}$/, `${name} is 32 random bytes in hex`);
    }
    assert.equal(new Set([vars.SESSION_SECRET, vars.SESSION_ISSUER_KEY, vars.DWOLLA_WEBHOOK_SECRET]).size, 3);
    assert.doesNotMatch(readFileSync(EXAMPLE, 'utf8'), /replace-me/);
  });

  test('Dwolla and Finicity accept the example credentials through the worker', async () => {
    const health = await call('GET', '/healthz');
    assert.equal(health.status, 200, health.text);

    const customer = await call('POST', '/api/demo/customers', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.example@example.com' });
    assert.equal(customer.status, 201, customer.text);
    const token = customer.json.sessionToken;
    assert.ok(token);

    const finicity = await call('POST', '/api/finicity/customers', {}, token);
    assert.equal(finicity.status, 201, finicity.text);
    assert.match(String(finicity.json.customerId), /^\d+$/);

    // The backend bearer key of the example issues sessions.
    const vars = readVars(EXAMPLE);
    const issued = await call('POST', '/api/sessions', { customerId: customer.json.customer.id }, vars.SESSION_ISSUER_KEY);
    assert.equal(issued.status, 201, issued.text);
    const refused = await call('POST', '/api/sessions', { customerId: customer.json.customer.id }, 'f'.repeat(64));
    assert.equal(refused.status, 401, refused.text);
  });

  test('when a process of the stack dies, the stack says which one and stops', async () => {
    // The sandbox is the process listening on its port (started by this test's stack).
    const listing = execFileSync('ss', ['-Hltnp', `sport = :${SANDBOX_PORT}`], { encoding: 'utf8' });
    const pid = Number(/pid=(\d+)/.exec(listing)?.[1]);
    assert.ok(pid > 0, listing);
    process.kill(pid, 'SIGKILL');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    assert.notEqual(code, 'timeout', output);
    assert.notEqual(code, 0);
    assert.match(output, /stack\.sh: the sandbox \(http:\/\/127\.0\.0\.1:\d+, log [^)]+\) exited; stopping the rest/);
  });
});
