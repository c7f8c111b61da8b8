// Shared setup for the end-to-end tests: Debian's Chromium through playwright-core, a
// page that records every console error and page error, screenshots, and the servers
// the tests need (a static server for the playground, scripts/stack.sh for the live flow).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** The package build served at /pkg/ (CX_PKG_DIR tests another build of it). */
const PKG_DIR = process.env.CX_PKG_DIR ?? path.join(ROOT, 'pkg');
/** The browser package the page imports; the playground tests need it built. */
export const PKG_ENTRY = path.join(PKG_DIR, 'client', 'consent_exchange.js');

/** Launches Chromium with a throwaway profile; returns {context, close}. */
export async function launchBrowser() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-e2e-'));
  process.env.XDG_CONFIG_HOME ??= path.join(dir, 'xdg-config');
  process.env.XDG_CACHE_HOME ??= path.join(dir, 'xdg-cache');
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page that records console errors, page errors and failed requests in
 * `page.problems`; `assertClean(page)` fails the test on any of them. Only what happens
 * while the tab shows the demo counts: the sandbox's stand-in pages for Connect and the
 * providers, visited on the way, are not the demo.
 */
export async function newPage(context, { width = 1280, height = 900 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  page.problems = [];
  const onDemo = () => !page.demoOrigin || page.url().startsWith(`${page.demoOrigin}/`);
  page.on('console', (message) => {
    if (message.type() === 'error' && onDemo()) {
      page.problems.push(`console error: ${message.text()} (${message.location().url || page.url()})`);
    }
  });
  page.on('pageerror', (error) => {
    if (onDemo()) page.problems.push(`page error: ${error.message}`);
  });
  page.on('requestfailed', (request) => {
    if (!onDemo()) return;
    // Navigations away from the page abort its pending requests; that is no failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      page.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  return page;
}

export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
}

/** Loads the page and waits until the package and every panel have started. */
export async function openDemo(page, url) {
  page.demoOrigin = new URL(url).origin;
  await page.goto(url);
  try {
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
  } catch (error) {
    throw new Error(`the page did not start: ${error.message}\n${page.problems.join('\n')}`);
  }
  const ready = await page.getAttribute('body', 'data-ready');
  assert.equal(ready, 'true', await page.textContent('#package-status'));
}

/**
 * Saves `name.png` as the page is, and `name-390x844.png` on a 390x844 phone screen,
 * scrolled to `at` (a selector; by default the focused element), then restores the size.
 */
export async function screenshot(page, name, { fullPage = true, at = null, phone = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  const size = page.viewportSize();
  if (!phone || !size || size.width <= 420) return;
  await page.setViewportSize({ width: 390, height: 844 });
  if (at) {
    await page.locator(at).first().scrollIntoViewIfNeeded().catch(() => {});
  } else {
    await page.evaluate(() => {
      const el = document.activeElement;
      if (el && el !== document.body) el.scrollIntoView({ block: 'center' });
    });
  }
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-390x844.png`) });
  await page.setViewportSize(size);
}

/** Drops the problems a test caused on purpose (matched by `pattern`) from `page.problems`. */
export function expectProblems(page, pattern) {
  const expected = page.problems.filter((p) => pattern.test(p));
  page.problems = page.problems.filter((p) => !pattern.test(p));
  return expected;
}

/** Serves www/ and pkg/ for the playground tests. */
export function serveStatic() {
  return startStaticServer({ www: path.join(ROOT, 'www'), pkg: path.join(PKG_DIR, 'client') });
}

/** Why a live test cannot run here, or null when it can. */
export function stackMissing() {
  if (!existsSync(path.join(ROOT, 'scripts', 'stack.sh'))) return 'scripts/stack.sh does not exist yet';
  return null;
}

/**
 * Starts sandbox + worker with scripts/stack.sh in its own process group and waits for
 * its `stack ready: URL` line. `stop()` kills the whole group.
 */
export async function startStack({ workerPort = 28780, sandboxPort = 28781, timeoutMs = 600_000 } = {}) {
  const args = ['--worker-port', String(workerPort), '--sandbox-port', String(sandboxPort)];
  // The lane builds the sandbox and the worker once before the tests.
  if (process.env.STACK_NO_BUILD === '1') args.push('--no-build');
  const child = spawn('bash', [path.join(ROOT, 'scripts', 'stack.sh'), ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stop);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stack not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /stack ready: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`scripts/stack.sh exited with ${code} before it was ready:\n${output.slice(-4000)}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      stop();
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', resolve);
      });
    },
  };
}
