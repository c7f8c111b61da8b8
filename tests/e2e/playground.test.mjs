// The playground and the session builder in Chromium, against the built package only
// (www/ and pkg/ on a static server, no worker).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { PKG_ENTRY, assertClean, expectProblems, launchBrowser, newPage, openDemo, screenshot, serveStatic } from './helpers.mjs';

const skip = existsSync(PKG_ENTRY) ? false : 'pkg/client is not built (scripts/build-pkg.sh)';

const VALID_HREF = 'https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4';

function loadSample(page, label) {
  return afterCheck(page, () => page.getByRole('button', { name: label, exact: true }).click());
}

/** Runs `action` and waits until the playground has checked the input again. */
async function afterCheck(page, action) {
  const before = Number(await page.getAttribute('#check-summary', 'data-checks'));
  await action();
  await page.waitForFunction((b) => Number(document.querySelector('#check-summary').dataset.checks) > b, before);
}

/** Replaces the receipt text as a user would and waits for the new check. */
function setReceipt(page, text) {
  return afterCheck(page, () => page.fill('#receipt-input', text));
}

async function issues(page) {
  return page.$$eval('#issue-list li', (items) => items.map((li) => ({
    code: li.dataset.code, path: li.dataset.path, severity: li.className,
  })));
}

async function marks(page) {
  return page.$$eval('#receipt-backdrop mark', (ms) => ms.map((m) => ({ text: m.textContent, severity: m.className.split(' ')[0] })));
}

/** The body exactly as the package built it (the "exact bytes" view). */
async function exactBody(page) {
  if (!(await page.isChecked('#body-exact'))) await page.check('#body-exact');
  return page.textContent('[data-testid="request-body"]');
}

/**
 * Waits until the input checks have settled: the page debounces input by 80 ms, so a
 * counter that holds still for 150 ms means nothing is pending.
 */
async function waitSettled(page, selector = '#check-summary', attribute = 'data-checks') {
  for (;;) {
    const seen = await page.getAttribute(selector, attribute);
    await page.waitForTimeout(150);
    if ((await page.getAttribute(selector, attribute)) === seen) return;
  }
}

describe('playground', { skip }, () => {
  let browser;
  let server;
  let page;

  before(async () => {
    server = await serveStatic();
    browser = await launchBrowser();
    page = await newPage(browser.context);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await openDemo(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a valid receipt yields the exact Dwolla request', async () => {
    await loadSample(page, 'Valid receipt');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    assert.deepEqual((await issues(page)).filter((i) => i.severity === 'error'), []);
    assert.equal(await page.textContent('[data-testid="request-line"]'), 'POST https://api-sandbox.dwolla.com/exchanges');

    const headers = await page.$$eval('#request-view tr', (rows) => rows.map((r) => r.textContent));
    assert.ok(headers.includes('Accept:application/vnd.dwolla.v1.hal+json'), headers.join('\n'));
    assert.ok(headers.includes('Content-Type:application/vnd.dwolla.v1.hal+json'), headers.join('\n'));
    assert.ok(headers.some((h) => h.startsWith('Idempotency-Key:')), headers.join('\n'));
    assert.ok(headers.some((h) => h === 'Authorization:Bearer <token held by your server> (added by your server)'));

    const body = await exactBody(page);
    // Ids stay strings with every digit; partnerId becomes Dwolla's integer.
    assert.match(body, /"customerId":"5454874858510164117"/);
    assert.match(body, /"accountId":"1015199035827334916"/);
    assert.match(body, /"partnerId":2445583946651[,}]/);
    assert.match(body, /"receiptVersion":"1"/);
    assert.doesNotMatch(body, /provenance/);
    const parsed = JSON.parse(body);
    assert.equal(parsed._links['exchange-partner'].href, VALID_HREF);
    assert.equal(parsed.finicity.products[0].accessPeriod.endTime, '2036-01-15T06:06:20Z');
    assert.equal(parsed.finicity.products[0].product, 'moneyTransferDetails');

    const key = await page.textContent('[data-testid="idempotency-key"]');
    assert.ok(key.length > 8, key);
    const headerKey = headers.find((h) => h.startsWith('Idempotency-Key:')).slice('Idempotency-Key:'.length);
    assert.equal(headerKey, key);

    // Copy as curl: the exact body, the token from the shell, never a real one.
    await page.click('#copy-curl');
    await page.waitForFunction(() => document.querySelector('#copy-status').textContent.startsWith('Copied'));
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(curl, /^curl -X POST 'https:\/\/api-sandbox\.dwolla\.com\/exchanges'/);
    assert.ok(curl.includes(`--data-raw '${body}'`), curl);
    assert.ok(curl.includes('-H "Authorization: Bearer $DWOLLA_ACCESS_TOKEN"'));
    assert.ok(curl.includes(`-H 'Idempotency-Key: ${key}'`));
    await page.uncheck('#body-exact');
    await screenshot(page, '01-playground-valid');
    assertClean(page);
  });

  test('the same receipt keeps its idempotency key; a different one changes it', async () => {
    await loadSample(page, 'Valid receipt');
    await waitSettled(page);
    const first = await page.textContent('[data-testid="idempotency-key"]');
    await loadSample(page, 'Numeric ids');
    await loadSample(page, 'Valid receipt');
    await waitSettled(page);
    assert.equal(await page.textContent('[data-testid="idempotency-key"]'), first);
    const text = await page.inputValue('#receipt-input');
    await setReceipt(page, text.replace('cr_4N47ou7SlppuIxq0ZUtACh10vYcloY', 'cr_4N47ou7SlppuIxq0ZUtACh10vYcloZ'));
    assert.notEqual(await page.textContent('[data-testid="idempotency-key"]'), first);
    assertClean(page);
  });

  test('options: customer id, base URL and environment', async () => {
    await loadSample(page, 'Valid receipt');
    await page.fill('#opt-customer-id', 'd795f696-2cac-4662-8f16-95f1db9bddd8');
    await waitSettled(page);
    assert.equal(await page.textContent('[data-testid="request-line"]'),
      'POST https://api-sandbox.dwolla.com/customers/d795f696-2cac-4662-8f16-95f1db9bddd8/exchanges');

    await page.fill('#opt-customer-id', 'not-a-uuid');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#request-view [data-error-code]', 'data-error-code'), 'InvalidCustomerId');
    await page.fill('#opt-customer-id', '');

    await page.fill('#opt-base-url', 'http://127.0.0.1:8790');
    await page.fill('#opt-partner-href', 'http://127.0.0.1:8790/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4');
    await waitSettled(page);
    assert.equal(await page.textContent('[data-testid="request-line"]'), 'POST http://127.0.0.1:8790/exchanges');
    await page.fill('#opt-base-url', '');
    await page.fill('#opt-partner-href', VALID_HREF);

    // A sandbox partner href sent to production is refused before anything is sent.
    await page.selectOption('#opt-environment', 'production');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#request-view [data-error-code]', 'data-error-code'), 'EnvironmentMismatch');
    // The receipt is fine, but nothing can be sent: the summary must not say "ready".
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'request-error');
    assert.doesNotMatch(await page.textContent('#check-summary'), /ready to exchange/);
    assert.match(await page.textContent('#check-summary'), /EnvironmentMismatch/);
    await screenshot(page, '02-playground-environment-mismatch', { at: '#check-summary' });
    await page.selectOption('#opt-environment', 'sandbox');
    await page.fill('#opt-partner-href', 'https://example.com/not-a-partner');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#request-view [data-error-code]', 'data-error-code'), 'InvalidPartnerHref');
    await page.fill('#opt-partner-href', VALID_HREF);
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    assertClean(page);
  });

  test('an expired receipt: the issue, its path, its place in the input', async () => {
    await loadSample(page, 'Expired');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'invalid');
    const found = await issues(page);
    const expired = found.find((i) => i.code === 'expired');
    assert.ok(expired, JSON.stringify(found));
    assert.equal(expired.path, '/products/0/accessPeriod/endTime');
    assert.equal(expired.severity, 'error');
    // The offending value is highlighted in the input, and its line flagged in the gutter.
    assert.ok((await marks(page)).some((m) => m.text === '"2022-08-16T06:06:20Z"' && m.severity === 'error'), JSON.stringify(await marks(page)));
    const text = await page.inputValue('#receipt-input');
    const line = text.slice(0, text.indexOf('"2022-08-16T06:06:20Z"')).split('\n').length;
    assert.equal(await page.getAttribute(`#receipt-gutter div:nth-child(${line})`, 'class'), 'has-error');
    // Activating the issue selects the value in the textarea.
    await page.click('#issue-list li[data-code="expired"] button');
    const selected = await page.evaluate(() => {
      const t = document.querySelector('#receipt-input');
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected, '"2022-08-16T06:06:20Z"');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'receipt-input');
    // No request is built from an invalid receipt; the code says why, and each issue is
    // printed once (in the list), not again under the request.
    assert.equal(await page.getAttribute('#request-view [data-error-code]', 'data-error-code'), 'InvalidReceipt');
    const expiredMessage = await page.$eval('#issue-list li[data-code="expired"] button', (b) => b.lastChild.textContent.trim());
    assert.ok(expiredMessage.length > 10, expiredMessage);
    assert.ok(!(await page.textContent('#request-view')).includes(expiredMessage), 'the issue is not repeated');
    assert.equal(await page.isDisabled('#copy-curl'), true);
    await screenshot(page, '03-playground-expired');
    assertClean(page);
  });

  test('numeric ids keep every digit, with a warning', async () => {
    await loadSample(page, 'Numeric ids');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    const found = await issues(page);
    const paths = found.filter((i) => i.code === 'numericId').map((i) => i.path).sort();
    assert.deepEqual(paths, ['/customerId', '/products/0/accountId']);
    assert.ok(found.every((i) => i.severity === 'warning'), JSON.stringify(found));
    assert.ok((await marks(page)).some((m) => m.text === '5454514002955629343' && m.severity === 'warning'));
    const body = await exactBody(page);
    assert.match(body, /"customerId":"5454514002955629343"/);
    assert.match(body, /"accountId":"4633415743960374024"/);
    await page.uncheck('#body-exact');
    await screenshot(page, '04-playground-numeric-ids');
    assertClean(page);
  });

  test('epoch times are refused unless allowed, then normalized', async () => {
    await loadSample(page, 'Epoch times');
    await waitSettled(page);
    const found = await issues(page);
    const epochPaths = found.filter((i) => i.code === 'epochTime').map((i) => i.path);
    assert.ok(epochPaths.includes('/products/0/accessPeriod/startTime'), JSON.stringify(found));
    assert.ok(epochPaths.includes('/products/0/accessPeriod/endTime'), JSON.stringify(found));
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'invalid');
    await screenshot(page, '05-playground-epoch-refused');

    await page.check('#opt-epoch');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    const parsed = JSON.parse(await exactBody(page));
    assert.equal(parsed.finicity.products[0].accessPeriod.startTime, '2026-01-15T06:06:20Z');
    assert.equal(parsed.finicity.products[0].accessPeriod.endTime, '2036-01-15T06:06:20Z');
    await page.uncheck('#opt-epoch');
    await page.uncheck('#body-exact');
    assertClean(page);
  });

  test('a receipt without moneyTransferDetails', async () => {
    await loadSample(page, 'Missing product');
    await waitSettled(page);
    const found = await issues(page);
    assert.ok(found.some((i) => i.code === 'missingProduct' && i.severity === 'error'), JSON.stringify(found));
    assert.equal(await page.getAttribute('#request-view [data-error-code]', 'data-error-code'), 'InvalidReceipt');
    await screenshot(page, '06-playground-missing-product');
    assertClean(page);
  });

  test('the accessKey response: paths point into the wrapper as given', async () => {
    await loadSample(page, 'accessKey response');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    const body = JSON.parse(await exactBody(page));
    assert.equal(body.finicity.customerId, '5454514002955629343');
    assert.equal(body.finicity.partnerId, 2445583946651);
    assert.equal(body.finicity.products.length, 2);
    assert.ok(!('proof' in body.finicity) && !('payorId' in body.finicity.products[1]) && !('maxCalls' in body.finicity.products[1]));

    // Typing an expired end time into the second product: the path names it inside data[0].
    const text = await page.inputValue('#receipt-input');
    const at = text.lastIndexOf('2036-04-29T06:06:20Z');
    await setReceipt(page, `${text.slice(0, at)}2021-04-29T06:06:20Z${text.slice(at + 20)}`);
    const found = await issues(page);
    assert.ok(found.some((i) => i.code === 'expired' && i.path === '/data/0/receipt/products/1/accessPeriod/endTime'), JSON.stringify(found));
    assert.ok((await marks(page)).some((m) => m.text === '"2021-04-29T06:06:20Z"'));
    await page.uncheck('#body-exact');
    await screenshot(page, '07-playground-access-key-edited');
    assertClean(page);
  });

  test('typing: a missing field and broken JSON are shown as you type', async () => {
    await loadSample(page, 'Valid receipt');
    const text = await page.inputValue('#receipt-input');
    await setReceipt(page, text.replace('"receiptId": "cr_4N47ou7SlppuIxq0ZUtACh10vYcloY",\n', ''));
    let found = await issues(page);
    assert.ok(found.some((i) => i.code === 'required' && i.path === '/receiptId'), JSON.stringify(found));

    // Type character by character at the end: broken JSON mid-way, then valid again.
    await setReceipt(page, text);
    await page.focus('#receipt-input');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(',');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'invalid');
    found = await issues(page);
    assert.ok(found.length > 0);
    assert.ok((await marks(page)).length > 0, 'the syntax error is highlighted');
    await screenshot(page, '08-playground-syntax-error');
    await page.keyboard.press('Backspace');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    assertClean(page);
  });

  test('"Check as of": empty or now is the current time; anything else is checked on the option', async () => {
    await loadSample(page, 'Valid receipt');
    for (const value of ['now', 'NOW', ' now ', '']) {
      await page.fill('#opt-now', value);
      await waitSettled(page);
      assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok', `"${value}"`);
      assert.ok(await page.isHidden('#opt-now-problem').catch(() => true));
    }
    await page.fill('#opt-now', 'yesterday');
    await waitSettled(page);
    // The problem is on the option, once; the receipt gets no invented issue at 1:1.
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'option-error');
    assert.ok(await page.isVisible('#opt-now-problem'));
    assert.match(await page.textContent('#opt-now-problem'), /yesterday.*RFC 3339/);
    assert.equal(await page.getAttribute('#opt-now', 'aria-invalid'), 'true');
    assert.deepEqual(await issues(page), []);
    assert.equal(await page.$('#request-view [data-error-code]'), null);
    assert.equal(await page.isDisabled('#copy-curl'), true);
    await screenshot(page, '07-playground-option-error', { at: '#opt-now' });
    // A date-time after the receipt's end: checked as of then, so it has expired.
    await page.fill('#opt-now', '2040-01-01T00:00:00Z');
    await waitSettled(page);
    assert.ok(await page.isHidden('#opt-now-problem'));
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'invalid');
    assert.ok((await issues(page)).some((i) => i.code === 'expired'));
    await page.fill('#opt-now', '');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'ok');
    assertClean(page);
  });

  test('no worker at the address given: the page says the local stack is not running', async () => {
    const other = await newPage(browser.context);
    try {
      // Port 9 (discard) is closed on the test machine: nothing answers there.
      await openDemo(other, `${server.url}?worker=${encodeURIComponent('http://127.0.0.1:9')}`);
      assert.equal(await other.getAttribute('#worker-status', 'data-problem'), 'unreachable');
      assert.match(await other.textContent('#worker-status'), /does not answer: the local stack is not running.*\.\/scripts\/dev\.sh/);
      await screenshot(other, '08-worker-unreachable', { at: '#live' });
      assert.ok(expectProblems(other, /ERR_CONNECTION_REFUSED|Failed to fetch|healthz/).length > 0);
      assertClean(other);
    } finally {
      await other.close();
    }
  });

  test('keyboard and labels: every control is labelled and reachable', async () => {
    const unlabelled = await page.$$eval('input, select, textarea, button', (els) => els
      .filter((el) => el.offsetParent !== null || el.closest('details'))
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim())))
      .map((el) => el.outerHTML.slice(0, 120)));
    assert.deepEqual(unlabelled, []);
    // From the first sample button, the keyboard alone loads a sample.
    await page.focus('#sample-buttons button');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#sample-buttons [aria-pressed="true"]')?.textContent === 'Expired');
    await waitSettled(page);
    assert.equal(await page.getAttribute('#check-summary', 'data-state'), 'invalid');
    assertClean(page);
  });

  test('phone-sized viewport: nothing overflows sideways', async () => {
    const phone = await newPage(browser.context, { width: 375, height: 812 });
    await openDemo(phone, server.url);
    const widths = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, JSON.stringify(widths));
    await screenshot(phone, '09-playground-phone');
    await phone.locator('#sessions').scrollIntoViewIfNeeded();
    await screenshot(phone, '10-sessions-phone', { fullPage: false });
    assertClean(phone);
    await phone.close();
  });
});

describe('exchange-session builder', { skip }, () => {
  let browser;
  let server;
  let page;

  before(async () => {
    server = await serveStatic();
    browser = await launchBrowser();
    page = await newPage(browser.context);
    await openDemo(page, server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const set = async ({ partner, platform = '', redirect = '', allowed = '', customer = 'd795f696-2cac-4662-8f16-95f1db9bddd8' }) => {
    await page.selectOption('#ses-partner', partner);
    await page.selectOption('#ses-platform', platform);
    await page.fill('#ses-redirect', redirect);
    await page.fill('#ses-allowed', allowed);
    await page.fill('#ses-customer', customer);
    await waitSettled(page, '#ses-result', 'data-updates');
  };
  // Queried at once: a built request has no error element to wait for.
  const errorCode = () => page.evaluate(() => document.querySelector('#ses-result [data-error-code]')?.dataset.errorCode ?? null);
  const violated = () => page.$$eval('#ses-rules li[data-status="violated"]', (lis) => lis.map((li) => li.textContent));

  test('opens on a request that builds, not on a broken rule', async () => {
    const fresh = await newPage(browser.context);
    await openDemo(fresh, server.url);
    assert.equal(await fresh.$$eval('#ses-rules li[data-status="violated"]', (lis) => lis.length), 0);
    assert.ok(await fresh.isVisible('#ses-result [data-testid="session-ok"]'));
    await fresh.locator('#sessions').scrollIntoViewIfNeeded();
    await screenshot(fresh, '15-sessions-start', { fullPage: false, at: '#sessions' });
    assertClean(fresh);
    await fresh.close();
  });

  test('the partner href follows the picker, and every session gets a fresh key', async () => {
    const built = async () => {
      const body = JSON.parse(await page.textContent('#ses-result [data-testid="request-body"]'));
      const rows = await page.$$eval('#ses-result tr', (trs) => trs.map((tr) => tr.textContent));
      const key = rows.find((r) => r.startsWith('Idempotency-Key:'))?.slice('Idempotency-Key:'.length);
      return { href: body._links['exchange-partner'].href, key };
    };
    const seen = {};
    for (const partner of ['MX', 'Plaid', 'Checkout.com']) {
      await set({ partner });
      assert.equal(await errorCode(), null, partner);
      seen[partner] = await built();
      assert.equal(await page.inputValue('#ses-partner-href'), seen[partner].href);
      assert.ok(seen[partner].key, `${partner} has an Idempotency-Key`);
    }
    assert.equal(new Set(Object.values(seen).map((s) => s.href)).size, 3, JSON.stringify(seen));
    assert.equal(new Set(Object.values(seen).map((s) => s.key)).size, 3, JSON.stringify(seen));
    // The same partner again is another single-use session: another key.
    await set({ partner: 'MX', customer: 'f0d4a1de-8d0c-4f6b-9d3c-1e2f3a4b5c6d' });
    await set({ partner: 'MX' });
    assert.notEqual((await built()).key, seen.MX.key);
    // The href follows the Dwolla environment too.
    await page.selectOption('#opt-environment', 'production');
    await waitSettled(page, '#ses-result', 'data-updates');
    assert.match(await page.inputValue('#ses-partner-href'), /^https:\/\/api\.dwolla\.com\/exchange-partners\//);
    assert.equal(await errorCode(), null);
    await page.selectOption('#opt-environment', 'sandbox');
    await waitSettled(page, '#ses-result', 'data-updates');
    assertClean(page);
  });

  test('Visa needs a redirect URL, an http(s) one, one of those configured', async () => {
    await set({ partner: 'Visa' });
    assert.equal(await errorCode(), 'RedirectUrlRequired');
    const broken = await violated();
    assert.equal(broken.length, 1);
    assert.match(broken[0], /redirect URL is required/);
    await screenshot(page, '11-sessions-visa-required');

    await set({ partner: 'Visa', redirect: 'ftp://example.com/back' });
    assert.equal(await errorCode(), 'RedirectUrlInvalid');

    await set({ partner: 'Visa', redirect: 'https://example.com/back', allowed: 'https://example.com/back/\nhttps://example.com/other' });
    assert.equal(await errorCode(), 'RedirectUrlNotAllowed');
    assert.match((await violated())[0], /exactly/);

    await set({ partner: 'Visa', redirect: 'https://example.com/back', allowed: 'https://example.com/other\nhttps://example.com/back' });
    assert.equal(await errorCode(), null);
    assert.equal(await page.textContent('#ses-result [data-testid="request-line"]'),
      'POST https://api-sandbox.dwolla.com/customers/d795f696-2cac-4662-8f16-95f1db9bddd8/exchange-sessions');
    const body = JSON.parse(await page.textContent('#ses-result [data-testid="request-body"]'));
    assert.equal(body._links['redirect-url'].href, 'https://example.com/back');
    assert.match(body._links['exchange-partner'].href, /\/exchange-partners\//);
    assert.deepEqual(await violated(), []);
    await screenshot(page, '12-sessions-visa-ok');
    assertClean(page);
  });

  test('Plaid: none on the web, a package name on Android, a URL on iOS', async () => {
    await set({ partner: 'Plaid' });
    assert.equal(await errorCode(), null);
    const body = JSON.parse(await page.textContent('#ses-result [data-testid="request-body"]'));
    assert.equal(body._links['redirect-url'], undefined);

    await set({ partner: 'Plaid', redirect: 'https://example.com/back' });
    assert.equal(await errorCode(), 'RedirectUrlNotAllowed');
    assert.match((await violated())[0], /On the web/);
    await screenshot(page, '13-sessions-plaid-web-redirect');

    await set({ partner: 'Plaid', platform: 'android', redirect: 'com.example.app123' });
    assert.equal(await errorCode(), null);
    const android = JSON.parse(await page.textContent('#ses-result [data-testid="request-body"]'));
    assert.equal(android._links['redirect-url'].href, 'com.example.app123');

    await set({ partner: 'Plaid', platform: 'android', redirect: 'https://example.com/back' });
    assert.equal(await errorCode(), 'RedirectUrlInvalid');
    await set({ partner: 'Plaid', platform: 'ios' });
    assert.equal(await errorCode(), 'RedirectUrlRequired');
    await set({ partner: 'Plaid', platform: 'ios', redirect: 'https://example.com/plaid' });
    assert.equal(await errorCode(), null);
    assertClean(page);
  });

  test('MX: redirect URL optional, checked when given; Finicity has no sessions; the customer id is a UUID', async () => {
    await set({ partner: 'MX' });
    assert.equal(await errorCode(), null);
    await set({ partner: 'MX', redirect: 'https://example.com/back' });
    assert.equal(await errorCode(), null);
    await set({ partner: 'MX', redirect: 'https://example.com/back', allowed: 'https://example.com/other' });
    assert.equal(await errorCode(), 'RedirectUrlNotAllowed');
    await set({ partner: 'Finicity' });
    assert.equal(await errorCode(), 'SessionsNotSupported');
    assert.match((await violated())[0], /consent receipt/);
    await screenshot(page, '14-sessions-finicity');
    await set({ partner: 'MX', customer: '12345' });
    assert.equal(await errorCode(), 'InvalidCustomerId');
    assert.match((await violated())[0], /UUID/);
    assertClean(page);
  });
});
