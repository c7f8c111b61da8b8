// The `bundler` target as a frontend uses it: esbuild bundles an app that imports
// "consent-exchange" (resolved through package.json `exports` with browser
// conditions), and the page runs in headless Chromium (playwright-core).
//
// esbuild has no built-in WebAssembly ESM integration, so the app's build uses the
// usual small plugin: the `.wasm` import becomes a module that instantiates the bytes
// with the glue module as its imports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";

const wasmEsm = {
  name: "wasm-esm",
  setup(build) {
    build.onResolve({ filter: /\.wasm$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path),
      namespace: args.namespace === "wasm-esm" ? "file" : "wasm-esm",
    }));
    build.onLoad({ filter: /.*/, namespace: "wasm-esm" }, (args) => {
      const module = new WebAssembly.Module(readFileSync(args.path));
      const importers = [...new Set(WebAssembly.Module.imports(module).map((i) => i.module))];
      const names = WebAssembly.Module.exports(module).map((e) => e.name);
      const lines = [
        ...importers.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`),
        `import bytes from ${JSON.stringify(args.path)};`,
        `const { instance } = await WebAssembly.instantiate(bytes, {${importers.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(", ")}});`,
        ...names.map((n) => `export const ${n} = instance.exports.${n};`),
      ];
      return { contents: lines.join("\n"), resolveDir: path.dirname(args.path), loader: "js" };
    });
    build.onLoad({ filter: /\.wasm$/, namespace: "file" }, (args) => ({
      contents: readFileSync(args.path),
      loader: "binary",
    }));
  },
};

const APP = `
import { checkConsentReceipt, finicityExchange } from "consent-exchange";
const receipt = ${readFileSync(path.join(root, "tests/fixtures/dwolla-example-finicity.json"), "utf8")};
const check = checkConsentReceipt(receipt, { now: "2022-07-11T06:10:00Z" });
let error;
try { finicityExchange({ receipt, now: "2022-07-11T06:10:00Z", partnerHref: "nope" }); } catch (e) { error = { isError: e instanceof Error, code: e.code }; }
const request = finicityExchange({
  receipt, now: "2022-07-11T06:10:00Z",
  partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
});
window.result = { ok: check.ok, customerId: check.receipt.customerId, url: request.url, error };
`;

test("the bundler target bundled by esbuild runs in Chromium", async () => {
  const bundle = await esbuild.build({
    stdin: { contents: APP, resolveDir: root, loader: "js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    alias: { "consent-exchange": pkgDir },
    plugins: [wasmEsm],
    logLevel: "silent",
  });
  const js = bundle.outputFiles[0].text;
  assert.ok(!js.includes("require("), "no CommonJS in the browser bundle");

  const profile = mkdtempSync(path.join(tmpdir(), "ce-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("http://app.test/**", (route) => {
      const isApp = route.request().url().endsWith("/app.js");
      route.fulfill(isApp
        ? { contentType: "text/javascript", body: js }
        : { contentType: "text/html", body: '<!doctype html><script type="module" src="/app.js"></script>' });
    });
    await page.goto("http://app.test/");
    await page.waitForFunction(() => window.result || false, null, { timeout: 20000 }).catch(() => {});
    assert.deepEqual(errors, []);
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(result, {
      ok: true,
      customerId: "5454874858510164117",
      url: "https://api-sandbox.dwolla.com/exchanges",
      error: { isError: true, code: "InvalidPartnerHref" },
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
