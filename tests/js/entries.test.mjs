// The npm package's entries (npm/entries.json): each exports exactly the functions
// declared for it, from every target, and `exports` resolves each subpath to its own
// module as a user's import would. An entry that leaked a function (or lost one) when
// its Cargo features changed fails here.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { folderOf } from "../../scripts/pkg-manifest.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const { entries } = JSON.parse(readFileSync(path.join(root, "npm/entries.json"), "utf8"));
const at = (entry, target, file) => path.join(pkgDir, folderOf(entry, target), file);
const sorted = (names) => [...names].sort();
/** The names a .d.ts exports (functions and classes), without wasm-bindgen's loaders. */
const declared = (file) =>
  sorted(
    [...readFileSync(file, "utf8").matchAll(/^export (?:function|class) (\w+)/gm)]
      .map((m) => m[1])
      .filter((n) => n !== "initSync"),
  );
const runtime = (mod) => sorted(Object.keys(mod).filter((n) => !n.startsWith("__") && n !== "default"));
const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
const all = entries.find((e) => e.name === "all");
const allNames = runtime(createRequire(import.meta.url)(at(all, "node", "consent_exchange.js")));

for (const entry of entries) {
  test(`entry ${entry.subpath} (${entry.name}) exports what npm/entries.json declares`, async () => {
    const want =
      entry.functions === "*" ? (entry.name === "client" ? sorted([...allNames, "WorkerClient"]) : allNames) : sorted(entry.functions);
    if (entry.targets.includes("nodejs")) {
      const cjs = createRequire(import.meta.url)(at(entry, "node", "consent_exchange.js"));
      assert.deepEqual(runtime(cjs), want, "CommonJS exports");
      const esm = await import(pathToFileURL(at(entry, "node", "index.mjs")).href);
      assert.deepEqual(runtime(esm), want, "ESM exports");
      assert.deepEqual(declared(at(entry, "node", "consent_exchange.d.ts")), want, "node .d.ts");
      assert.deepEqual(declared(at(entry, "bundler", "consent_exchange.d.ts")), want, "bundler .d.ts");
    }
    assert.deepEqual(declared(at(entry, "web", "consent_exchange.d.ts")), want, "web .d.ts");
    // A user's import resolves to this entry's own module, under each condition.
    const resolve = createRequire(path.join(pkgDir, "package.json")).resolve;
    const specifier = entry.subpath === "." ? "consent-exchange" : `consent-exchange/${entry.subpath.slice(2)}`;
    const expected = entry.targets.includes("nodejs") ? at(entry, "node", "consent_exchange.js") : at(entry, "web", "consent_exchange.js");
    assert.equal(resolve(specifier), expected);
  });
}

test("npm/README.md's entries table is the one npm/entries.json makes", async () => {
  const { readmeWithTable } = await import(pathToFileURL(path.join(root, "scripts/pkg-manifest.mjs")).href);
  const readme = readFileSync(path.join(root, "npm/README.md"), "utf8");
  assert.equal(readme, readmeWithTable(readme), "refresh with: node scripts/pkg-manifest.mjs --readme");
});

test("the everything entry holds every other entry's functions", () => {
  for (const entry of entries) {
    if (Array.isArray(entry.functions)) {
      for (const name of entry.functions) assert.ok(allNames.includes(name), `all exports ${entry.name}'s ${name}`);
    }
  }
  // The main entry is the one a page or a server linking accounts needs: nothing of the
  // Finicity API, the webhook check or the reads.
  for (const name of ["finicityAccessKeyRequest", "verifyWebhookSignature", "getExchange", "ExchangePartners"]) {
    assert.ok(!byName.core.functions.includes(name), `core leaves ${name} out`);
  }
});

test("one entry serves each job: an entry's functions work without another module", async () => {
  // The webhook entry checks a signature alone; the Finicity entry builds the access-key
  // request and the exchange from its answer in the same module.
  const { createHmac } = await import("node:crypto");
  const webhooks = createRequire(import.meta.url)(at(byName.webhooks, "node", "consent_exchange.js"));
  const body = '{"id":"e1","topic":"customer_created"}';
  const signature = createHmac("sha256", "s3cret").update(body).digest("hex");
  assert.equal(webhooks.verifyWebhookSignature(body, signature, "s3cret"), true);
  assert.equal(webhooks.verifyWebhookSignature(body, signature, "other"), false);
  const finicity = createRequire(import.meta.url)(at(byName.finicity, "node", "consent_exchange.js"));
  const request = finicity.finicityAccessKeyRequest({
    customerId: "5454874858510164117",
    partnerId: "2445583946651",
    accountIds: ["5048844089"],
    now: "2026-01-01T00:00:00Z",
  });
  assert.equal(request.method, "POST");
  assert.match(request.url, /\/aggregation\/v1\/partners\/accessKey$/);
  assert.equal(typeof finicity.finicityExchange, "function");
});
