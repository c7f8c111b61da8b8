// Loads each built frontend in headless Chromium and checks what the page computed.
// Usage: node tests/consumers/browser.mjs NAME=DIR|URL ...   (a DIR is served on 127.0.0.1)
import assert from "node:assert/strict";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.resolve(dir, rel);
    if (!file.startsWith(path.resolve(dir) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const expected = {
  ok: true,
  customerId: "5454874858510164117",
  url: "https://api-sandbox.dwolla.com/exchanges",
  code: "InvalidPartnerHref",
  webhook: [true, false],
};

const profile = mkdtempSync(path.join(os.tmpdir(), "cx-consumers-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_BIN ?? "/usr/bin/chromium",
  headless: true,
  env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = 0;
try {
  for (const arg of process.argv.slice(2)) {
    const [name, target] = arg.split(/=(.*)/s);
    const server = target.startsWith("http") ? null : await serve(target);
    const url = server ? `http://127.0.0.1:${server.address().port}/` : target;
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
      assert.deepEqual(await page.evaluate(() => window.result), expected);
      assert.deepEqual(problems, []);
      console.log(`ok: ${name} (${url})`);
    } catch (e) {
      failed += 1;
      console.error(`FAIL: ${name} (${url}): ${e.message}\n  ${problems.join("\n  ")}`);
    } finally {
      await page.close();
      server?.close();
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
