// The live flows in Chromium against the real worker and sandbox (scripts/stack.sh on
// 127.0.0.1:28780, sandbox on 28781): Finicity bank linking from a new customer to a
// funding source (with a lost answer on the exchange step, retried without a second
// exchange), then Visa and Plaid exchange sessions to funding sources, and a cancelled
// MX session.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertClean, expectProblems, launchBrowser, newPage, openDemo, screenshot, serveStatic, stackMissing, startStack } from './helpers.mjs';

// CX_PORT_OFFSET shifts every port, so two checkouts can run their lanes at once.
const WORKER_PORT = 28780 + Number(process.env.CX_PORT_OFFSET ?? 0);
const SANDBOX_PORT = 28781 + Number(process.env.CX_PORT_OFFSET ?? 0);
// E2E_STACK_URL / E2E_SANDBOX_URL point the tests at a stack that is already running
// (e.g. ./scripts/dev.sh: http://127.0.0.1:8787 and http://127.0.0.1:8790).
const SANDBOX = process.env.E2E_SANDBOX_URL ?? `http://127.0.0.1:${SANDBOX_PORT}`;

const skip = process.env.E2E_STACK_URL ? false : stackMissing() ?? false;

/** Clicks a step's action and waits until the step is done or failed. */
async function runStep(page, buttonId, stepId) {
  await page.click(`#${buttonId}`);
  await page.waitForSelector(`#step-${stepId}[data-status="done"], #step-${stepId}[data-status="failed"]`, { timeout: 30_000 });
  const status = await page.getAttribute(`#step-${stepId}`, 'data-status');
  if (status !== 'done') {
    const error = await page.textContent(`#step-${stepId} .error-box`).catch(() => '(no error box)');
    assert.fail(`step ${stepId} failed: ${error}`);
  }
}

/** Whether the element is on screen and has keyboard focus. */
async function focusedInView(page, selector) {
  return page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return document.activeElement === el && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** The request and answer a step shows. */
async function stepLog(page, stepId) {
  return {
    request: await page.textContent(`#step-${stepId} [data-testid="log-request"]`),
    answer: await page.textContent(`#step-${stepId} [data-testid="log-answer"]`),
    summary: await page.$$eval(`#step-${stepId} .exchange-log summary`, (s) => s.map((x) => x.textContent)),
  };
}

/** Adds a sandbox fault rule; returns its id. */
async function addFault(rule) {
  const response = await fetch(`${SANDBOX}/_admin/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule),
  });
  const text = await response.text();
  assert.ok(response.ok, `fault not added: ${response.status} ${text}`);
  return JSON.parse(text).id;
}

async function removeFault(id) {
  const response = await fetch(`${SANDBOX}/_admin/faults/${id}`, { method: 'DELETE' });
  assert.ok(response.ok, `fault not removed: ${response.status}`);
}

async function sandboxState() {
  const response = await fetch(`${SANDBOX}/_admin/state`);
  assert.equal(response.status, 200);
  return response.json();
}

describe('live flow through the worker and the sandbox', { skip }, () => {
  let stack;
  let browser;
  let page;

  before(async () => {
    stack = process.env.E2E_STACK_URL
      ? { url: process.env.E2E_STACK_URL.replace(/\/$/, ''), stop: async () => {} }
      : await startStack({ workerPort: WORKER_PORT, sandboxPort: SANDBOX_PORT });
    browser = await launchBrowser();
    page = await newPage(browser.context);
    await openDemo(page, `${stack.url}/`);
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('Finicity: customer, Connect, account, receipt, exchange, funding source', async () => {
    assert.match(await page.textContent('#worker-status'), /Connected to the worker/);
    assert.equal(await page.getAttribute('#step-customer', 'data-status'), 'current');
    assert.equal(await page.$eval('#live-progress', (p) => p.value), 0);
    await screenshot(page, '20-live-start');

    await runStep(page, 'run-customer', 'customer');
    const customerId = await page.textContent('[data-testid="customer-id"]');
    assert.match(customerId, /^[0-9a-f-]{36}$/);
    let log = await stepLog(page, 'customer');
    assert.match(log.request, /^POST \/api\/demo\/customers/);
    assert.match(log.summary[1], /HTTP 201/);
    assert.ok(log.answer.includes(customerId));
    // The session token is this tab's credential: used, never displayed.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('consent-exchange-demo')).sessionToken);
    assert.ok(token && token.length > 20);
    assert.ok(!(await page.textContent('main')).includes(token));
    assert.match(log.answer, /"sessionToken": "<kept by this tab, not shown>"/);

    await runStep(page, 'run-finicity', 'finicity');
    const finicityId = await page.textContent('[data-testid="finicity-customer-id"]');
    assert.match(finicityId, /^\d+$/);
    log = await stepLog(page, 'finicity');
    assert.match(log.request, /Authorization: Bearer <session token from step 1>/);

    await page.click('#run-connect');
    await page.waitForSelector('#open-connect');
    let connectHref = await page.getAttribute('#open-connect', 'href');
    assert.ok(connectHref.startsWith(SANDBOX), connectHref);
    // The real integration sits next to the stand-in, with this link filled in.
    const finicityCode = await page.textContent('[data-testid="integration-finicity"]');
    assert.match(finicityCode, /FinicityConnect\.launch\(/);
    assert.ok(finicityCode.includes(connectHref));
    await screenshot(page, '21-live-connect-link');

    // Leaving Connect with Exit shares nothing: shown as cancelled, with a new try.
    await page.click('#open-connect');
    await page.waitForURL(/_sandbox\/connect\//);
    await page.click('button[value="cancel"]');
    await page.waitForURL(new RegExp(`^${stack.url}/`));
    await page.waitForSelector('#step-connect[data-status="failed"]');
    assert.equal(await page.getAttribute('#step-connect [data-error-class]', 'data-error-class'), 'cancelled');
    assert.match(await page.textContent('#step-connect .error-box'), /no accounts were shared/);
    assert.equal(new URL(page.url()).search, '', 'the query is consumed');
    // Back on the page, the browser is at the step to act on, not at the top.
    await page.waitForFunction(() => document.activeElement?.id === 'retry-connect');
    assert.ok(await focusedInView(page, '#retry-connect'), 'the retry is focused and on screen');
    await screenshot(page, '21b-live-connect-cancelled', { at: '#step-connect' });
    await page.click('#retry-connect');
    await page.click('#run-connect');
    await page.waitForSelector('#open-connect');
    assert.notEqual(await page.getAttribute('#open-connect', 'href'), connectHref, 'a fresh Connect link');
    connectHref = await page.getAttribute('#open-connect', 'href');

    // Connect: the sandbox's page, in this tab; it returns to the demo.
    await page.click('#open-connect');
    await page.waitForURL(/_sandbox\/connect\//);
    await page.check('#a0-0');
    await page.check('#consent');
    await screenshot(page, '22-live-connect-page');
    await page.click('button[value="connect"]');
    await page.waitForURL(new RegExp(`^${stack.url}/`));
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getAttribute('#step-connect', 'data-status'), 'done');
    assert.equal(await page.getAttribute('#step-customer', 'data-status'), 'done', 'progress survives the round trip');
    await page.waitForFunction(() => document.activeElement?.id === 'run-accounts');
    assert.ok(await focusedInView(page, '#run-accounts'), 'the next step is focused and on screen');
    await screenshot(page, '22b-live-back-from-connect', { fullPage: false });

    await page.click('#run-accounts');
    await page.waitForSelector('#choose-account');
    const accountIds = await page.$$eval('input[name="live-account"]', (inputs) => inputs.map((i) => i.value));
    assert.equal(accountIds.length, 1);
    assert.match(accountIds[0], /^\d{10,}$/);
    await screenshot(page, '23-live-accounts');
    await page.click('#choose-account');
    await page.waitForSelector('#step-accounts[data-status="done"]');
    assert.equal(await page.textContent('[data-testid="account-id"]'), accountIds[0]);

    await runStep(page, 'run-receipt', 'receipt');
    assert.match(await page.textContent('[data-testid="receipt-check"]'), /valid/);
    log = await stepLog(page, 'receipt');
    assert.ok(log.answer.includes(accountIds[0]), 'the receipt names the chosen account with all its digits');

    // Dwolla is down for every attempt the worker makes: the step fails with a code;
    // once Dwolla is back, the retry creates exactly one exchange.
    const before = (await sandboxState()).exchanges.length;
    // Each attempt waits 1.5 s before its 503, so the step visibly runs for a while.
    const fault = await addFault({ method: 'POST', path: '/customers/*/exchanges', kind: 'status', status: 503, latencyMs: 1500, count: 50 });
    await page.click('#run-exchange');
    // While the worker retries, the step stays on screen: its (disabled) button, a
    // spinner, the time so far and the retry budget.
    await page.waitForSelector('#step-exchange[data-status="running"]');
    assert.ok(await page.isVisible('#step-exchange .explain'));
    assert.ok(await page.isDisabled('#run-exchange'), 'the button stays, disabled');
    assert.ok(await page.isVisible('#step-exchange .spinner'));
    assert.match(await page.textContent('#step-exchange [data-testid="retry-note"]'), /up to \d+ attempts, giving up by \d/);
    // The elapsed time counts up while the worker retries.
    await page.waitForFunction(() => parseFloat(document.querySelector('#step-exchange [data-testid="elapsed"]')?.textContent) >= 1);
    assert.equal(await page.getAttribute('#step-exchange', 'data-status'), 'running');
    await screenshot(page, '24a-live-exchange-running', { at: '#step-exchange' });
    await page.waitForSelector('#step-exchange[data-status="failed"]', { timeout: 60_000 });
    const code = await page.getAttribute('#step-exchange [data-error-code]', 'data-error-code');
    assert.ok(code && code !== 'UnexpectedError', code);
    assert.match(await page.textContent('#step-exchange .error-box'), /HTTP 5\d\d/);
    assert.equal(await page.getAttribute('#step-exchange [data-error-class]', 'data-error-class'), 'temporary');
    assert.match(await page.textContent('#step-exchange [data-testid="error-hint"]'), /retrying is safe/);
    await screenshot(page, '24-live-exchange-failed', { at: '#step-exchange .error-box' });
    await removeFault(fault);
    // The failure's own console entry is expected; anything else is not.
    page.problems = page.problems.filter((p) => !/status of 50[234]/.test(p));
    await runStep(page, 'run-exchange', 'exchange');
    assert.equal((await sandboxState()).exchanges.length, before + 1, 'the retry created no second exchange');
    const exchangeId = await page.textContent('[data-testid="exchange-id"]');
    assert.match(exchangeId, /^[0-9a-f-]{36}$/);
    log = await stepLog(page, 'exchange');
    assert.match(log.request, new RegExp(`^POST /api/customers/${customerId}/exchanges`));
    assert.ok(log.request.includes(accountIds[0]), 'the receipt is forwarded with its ids intact');
    assert.match(log.answer, /"idempotencyKey"/);

    // The name is checked in the page first; what was typed stays, with the problem
    // under the field, and nothing is sent.
    const sentBefore = (await sandboxState()).fundingSources?.length;
    await page.fill('#live-fs-name', '   ');
    await page.click('#run-funding');
    assert.ok(await page.isVisible('#live-fs-name-problem'));
    assert.match(await page.textContent('#live-fs-name-problem'), /Enter a name/);
    assert.equal(await page.inputValue('#live-fs-name'), '   ', 'the input keeps what was typed');
    assert.equal(await page.getAttribute('#live-fs-name', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#step-funding', 'data-status'), 'current');
    assert.equal(await page.$('#step-funding [data-testid="log-request"]'), null, 'nothing was sent');
    assert.equal((await sandboxState()).fundingSources?.length, sentBefore);
    await screenshot(page, '25a-live-funding-name-invalid', { at: '#step-funding' });
    await page.fill('#live-fs-name', 'Demo checking');
    assert.ok(await page.isHidden('#live-fs-name-problem'));
    await runStep(page, 'run-funding', 'funding');
    const fundingId = await page.textContent('[data-testid="funding-source-id"]');
    assert.match(fundingId, /^[0-9a-f-]{36}$/);
    assert.equal(await page.$eval('#live-progress', (p) => p.value), 7);
    await screenshot(page, '25-live-funding-source');

    // The sandbox holds exactly one exchange and one funding source for this customer.
    const state = await sandboxState();
    const json = JSON.stringify(state);
    assert.ok(json.includes(exchangeId) && json.includes(fundingId));

    // Reloading shows the finished flow; nothing is sent again.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.textContent('[data-testid="funding-source-id"]'), fundingId);
    assertClean(page);
  });

  test('Visa: the session, Visa\u2019s page, back with ?exchange=, a funding source', async () => {
    await page.locator('#providers').scrollIntoViewIfNeeded();
    await page.waitForSelector('#run-session');
    await page.selectOption('#prov-partner', 'Visa');
    await runStep(page, 'run-session', 'provider-session');
    const log = await stepLog(page, 'provider-session');
    assert.ok(log.request.includes(`"redirectUrl": "${stack.url}/callback"`), log.request);
    const visaCode = await page.textContent('[data-testid="integration-Visa"]');
    assert.match(visaCode, /location\.assign\(/);
    assert.match(visaCode, /readVisaRedirect/);
    await page.click('#open-provider');
    await page.waitForURL(/_sandbox\/providers\//);
    await screenshot(page, '26-visa-provider-page');
    await page.click('button[value="approve"]');
    await page.waitForURL(new RegExp(`^${stack.url}/`));
    await page.waitForSelector('#step-provider-open[data-status="done"]');
    assert.equal(new URL(page.url()).search, '', 'the query is consumed');
    await page.waitForFunction(() => document.activeElement?.id === 'run-prov-exchange');
    assert.ok(await focusedInView(page, '#run-prov-exchange'), 'the next step is focused and on screen');
    await screenshot(page, '26b-visa-back', { fullPage: false });
    const exchangeId = await page.textContent('[data-testid="provider-exchange-id"]');
    assert.match(exchangeId, /^[0-9a-f-]{36}$/);

    await runStep(page, 'run-prov-exchange', 'provider-exchange');
    assert.equal(await page.textContent('[data-testid="provider-exchange"]'), exchangeId);
    await runStep(page, 'run-prov-funding', 'provider-funding');
    assert.match(await page.textContent('[data-testid="provider-funding-source-id"]'), /^[0-9a-f-]{36}$/);
    await screenshot(page, '27-visa-funding-source');
    assert.equal(await page.locator('[data-testid="reauth-notice"]').count(), 0);

    // The bank asks for re-authentication: the sandbox's webhook reaches the worker, and
    // reading the exchange again shows the notice with the re-authentication action.
    const flagged = await fetch(`${SANDBOX}/_admin/exchanges/${exchangeId}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ reauthRequired: true }),
    });
    assert.equal(flagged.status, 200, await flagged.text());
    const deadline = Date.now() + 30_000;
    while (await page.locator('[data-testid="reauth-notice"]').count() === 0) {
      assert.ok(Date.now() < deadline, 'no re-authentication notice within 30 s');
      await page.click('#run-prov-recheck');
      await page.waitForSelector('#step-provider-exchange[data-status="done"]');
      await new Promise((r) => setTimeout(r, 300));
    }
    await screenshot(page, '27b-visa-reauth-notice');
    await page.click('#run-prov-reauth');
    await page.waitForSelector('#open-provider');
    assert.match(await page.getAttribute('#open-provider', 'href'), /_sandbox\/providers\//);
    assertClean(page);
  });

  test('Plaid: the Link stand-in returns a public token the worker exchanges', async () => {
    await page.click('#provider-reset');
    await page.waitForSelector('#run-session');
    await page.selectOption('#prov-partner', 'Plaid');
    await runStep(page, 'run-session', 'provider-session');
    const plaidCode = await page.textContent('[data-testid="integration-plaidLink"]');
    assert.match(plaidCode, /Plaid\.create\(\{/);
    assert.match(plaidCode, /token: "link-sandbox-|token: "[^"<]+"/);
    assert.match(plaidCode, /onSuccess/);
    await screenshot(page, '28a-plaid-open', { at: '#step-provider-open' });
    await page.fill('#prov-plaid-url', `${SANDBOX}/_sandbox/plaid-link`);
    await page.click('#open-provider');
    await page.waitForURL(/_sandbox\/plaid-link/);
    await page.click('button[value="approve"]');
    await page.waitForURL(new RegExp(`^${stack.url}/`));
    await page.waitForSelector('#step-provider-open[data-status="done"]');
    await runStep(page, 'run-prov-exchange', 'provider-exchange');
    const log = await stepLog(page, 'provider-exchange');
    assert.match(log.request, /"partnerName": "Plaid"/);
    assert.match(log.request, /"publicToken": "public-sandbox-/);
    await runStep(page, 'run-prov-funding', 'provider-funding');
    await screenshot(page, '28-plaid-funding-source');
    assertClean(page);
  });

  test('MX: cancelling in the widget shows the code and offers a new session', async () => {
    await page.click('#provider-reset');
    await page.waitForSelector('#run-session');
    await page.selectOption('#prov-partner', 'MX');
    await runStep(page, 'run-session', 'provider-session');
    const mxCode = await page.textContent('[data-testid="integration-MX"]');
    assert.match(mxCode, /new widgetSdk\.ConnectWidget\(\{/);
    assert.ok(mxCode.includes(await page.getAttribute('#open-provider', 'href').then((h) => h.split('?')[0])));
    await page.click('#open-provider');
    await page.waitForURL(/_sandbox\/providers\//);
    await page.click('button[value="cancel"]');
    await page.waitForURL(new RegExp(`^${stack.url}/`));
    await page.waitForSelector('#step-provider-open[data-status="failed"]');
    assert.equal(await page.getAttribute('#step-provider-open [data-error-code]', 'data-error-code'), 'USER_CANCELLED');
    assert.ok(await page.isVisible('#prov-new-session'));
    await screenshot(page, '29-mx-cancelled', { at: '#step-provider-open' });
    assertClean(page);
  });

  test('keyboard only: each step hands focus to the next', async () => {
    const kb = await newPage(browser.context);
    await openDemo(kb, `${stack.url}/`);
    const active = () => kb.evaluate(() => document.activeElement?.id);
    await kb.focus('#live-email');
    await kb.keyboard.press('Tab');
    assert.equal(await active(), 'run-customer');
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#step-customer[data-status="done"]');
    await kb.waitForFunction(() => document.activeElement?.id === 'run-finicity');
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#step-finicity[data-status="done"]');
    await kb.waitForFunction(() => document.activeElement?.id === 'run-connect');
    assert.match(await kb.textContent('#live-progress-text'), /Step 3 of 7: Open Finicity Connect/);
    assertClean(kb);
    await kb.close();
  });

  test('a page on another origin: the worker refuses it, and the page says CORS / ALLOWED_ORIGINS', async () => {
    const server = await serveStatic();
    const other = await newPage(browser.context);
    try {
      await openDemo(other, `${server.url}?worker=${encodeURIComponent(stack.url)}`);
      assert.equal(await other.getAttribute('#worker-status', 'data-problem'), 'cors');
      const text = await other.textContent('#worker-status');
      assert.match(text, /ALLOWED_ORIGINS/);
      assert.ok(text.includes(new URL(server.url).origin), text);
      await screenshot(other, '31-worker-cors', { at: '#live' });
      // The browser's own report of the refused answer is expected; nothing else.
      assert.ok(expectProblems(other, /CORS|Failed to fetch|ERR_FAILED|healthz/).length > 0);
      assertClean(other);
    } finally {
      await other.close();
      await server.close();
    }
  });

  test('phone-sized viewport: the live flow fits', async () => {
    const phone = await newPage(browser.context, { width: 375, height: 812 });
    await openDemo(phone, `${stack.url}/`);
    const widths = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, JSON.stringify(widths));
    await phone.locator('#live').scrollIntoViewIfNeeded();
    await screenshot(phone, '30-live-phone', { fullPage: false });
    assertClean(phone);
    await phone.close();
  });
});
