// The deploy checklist (docs/deploy.md) as far as it goes without a Cloudflare account:
// `wrangler deploy --dry-run` runs worker/build.sh, bundles the worker and lists its
// bindings and assets, with the demo page and without it (CX_DEMO_PAGE=0).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER = path.join(ROOT, 'worker');
const PUBLIC = path.join(WORKER, 'build', 'public');
const WRANGLER = path.join(ROOT, 'node_modules', '.bin', 'wrangler');

/** Every file under `dir`, relative to it. */
function files(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** Runs the dry run; returns its output and the bundle directory. */
function dryRun(extraEnv = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cx-deploy-'));
  const env = { ...process.env, ...extraEnv };
  // What a deploy from a fresh shell has: no prebuilt shortcut, no account.
  delete env.CX_WORKER_PREBUILT;
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  const output = execFileSync(WRANGLER, ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: WORKER, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000,
  });
  return { output, outdir };
}

describe('wrangler deploy --dry-run', () => {
  const dirs = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    // Leave build/public as the other tests expect it: with the demo page.
    execFileSync('bash', [path.join(WORKER, 'build.sh')], { cwd: WORKER, stdio: 'ignore', env: { ...process.env, CX_WORKER_PREBUILT: '0' } });
  });

  test('builds the worker and lists its bindings and assets, demo page included', () => {
    const { output, outdir } = dryRun();
    dirs.push(outdir);
    assert.match(output, /--dry-run: exiting now/, output);
    // The bindings of wrangler.toml: the Durable Object, the assets, the [vars].
    assert.match(output, /env\.STATE \(SharedState\)/, output);
    assert.match(output, /env\.ASSETS/, output);
    for (const name of ['DWOLLA_ENVIRONMENT', 'DEMO_MODE', 'ALLOWED_ORIGINS', 'ALLOWED_REDIRECT_URLS']) {
      assert.ok(output.includes(`env.${name}`), `${name} is listed:\n${output}`);
    }
    assert.match(output, /Total Upload: [\d.]+ KiB/, output);
    // The bundle, and the assets: the page and the package it loads from /pkg/.
    assert.ok(readdirSync(outdir).some((f) => f.endsWith('.js')), readdirSync(outdir).join(', '));
    const assets = files(PUBLIC);
    assert.ok(assets.includes('index.html'), assets.join(', '));
    assert.ok(assets.includes('pkg/consent_exchange_bg.wasm'), assets.join(', '));
    assert.ok(assets.includes('pkg/consent_exchange.js'), assets.join(', '));
  });

  test('CX_DEMO_PAGE=0 ships /pkg/ and no demo page', () => {
    const { output, outdir } = dryRun({ CX_DEMO_PAGE: '0' });
    dirs.push(outdir);
    assert.match(output, /--dry-run: exiting now/, output);
    const assets = files(PUBLIC);
    assert.ok(!assets.includes('index.html'), assets.join(', '));
    assert.ok(!assets.some((f) => f.startsWith('js/')), assets.join(', '));
    assert.ok(assets.includes('pkg/consent_exchange_bg.wasm'), assets.join(', '));
    assert.ok(existsSync(path.join(WORKER, 'build', 'index.js')));
  });
});
