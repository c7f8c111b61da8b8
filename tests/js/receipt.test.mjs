// checkConsentReceipt and the exchange builders through the built package, imported
// both as ESM and as CommonJS. Run: node --test tests/js/ (after scripts/build-pkg.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const esm = await import(pathToFileURL(path.join(pkgDir, "node/index.mjs")).href);
const cjs = createRequire(import.meta.url)(path.join(pkgDir, "node/consent_exchange.js"));
const fixture = (name) => readFileSync(path.join(root, "tests/fixtures", name), "utf8");

const DWOLLA = fixture("dwolla-example-finicity.json");
const ACCESS_KEY = fixture("mastercard-access-key-response.json");
const PARTNER = "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";
const CUSTOMER = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const NOW = "2022-07-11T06:10:00Z";

function throwsCode(fn, code) {
  let caught;
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.code, code, e.message);
    caught = e;
    return true;
  });
  return caught;
}

for (const [flavour, lib] of [["esm", esm], ["cjs", cjs]]) {
  test(`${flavour}: a receipt as text or object normalizes to Dwolla's example`, () => {
    for (const input of [DWOLLA, JSON.parse(DWOLLA)]) {
      const check = lib.checkConsentReceipt(input, { now: NOW });
      assert.equal(check.ok, true);
      assert.deepEqual(check.issues, []);
      assert.deepEqual(check.receipt, JSON.parse(DWOLLA));
    }
  });

  test(`${flavour}: every issue with a JSON pointer into the input, never a throw`, () => {
    // Mastercard's example was issued to partner 1234583871234, not to Dwolla.
    const check = lib.checkConsentReceipt(ACCESS_KEY, { now: "2022-12-01T00:00:00Z" });
    assert.equal(check.ok, false);
    assert.equal(check.receipt, null);
    assert.deepEqual(check.issues.map((i) => [i.path, i.code, i.severity]), [
      ["/data/0/receipt/partnerId", "partnerMismatch", "error"],
      ["/data/0/receipt/products/1/accessPeriod/endTime", "expired", "error"],
    ]);
    const skipped = lib.checkConsentReceipt(ACCESS_KEY, { now: "2022-12-01T00:00:00Z", dwollaPartnerId: "" });
    assert.deepEqual(skipped.issues.map((i) => i.code), ["expired"]);
    const theirs = lib.checkConsentReceipt(ACCESS_KEY, { now: "2022-03-11T00:00:00Z", dwollaPartnerId: "1234583871234" });
    assert.equal(theirs.ok, true);
    const bad = lib.checkConsentReceipt(ACCESS_KEY, { dwollaPartnerId: "12x" });
    assert.equal(bad.ok, false);
    assert.equal(bad.issues[0].code, "format");
    for (const bad of [undefined, null, 42, "{", [], { data: [] }]) {
      const result = lib.checkConsentReceipt(bad);
      assert.equal(result.ok, false);
      assert.ok(result.issues.length > 0);
    }
  });

  test(`${flavour}: a JS number id above 2^53 is precisionLoss; a string keeps its digits`, () => {
    const receipt = JSON.parse(DWOLLA);
    receipt.customerId = 5454874858510164117; // eslint-disable-line no-loss-of-precision
    const check = lib.checkConsentReceipt(receipt, { now: NOW });
    assert.equal(check.issues[0].code, "precisionLoss");
    assert.equal(check.issues[0].path, "/customerId");
    const text = DWOLLA.replace('"5454874858510164117"', "5454874858510164117");
    const kept = lib.checkConsentReceipt(text, { now: NOW });
    assert.equal(kept.receipt.customerId, "5454874858510164117");
    assert.equal(kept.issues[0].code, "numericId");
  });

  test(`${flavour}: options change the rules`, () => {
    const receipt = JSON.parse(DWOLLA);
    receipt.products[0].accessPeriod.startTime = 1657065600;
    assert.equal(lib.checkConsentReceipt(receipt, { now: NOW }).issues[0].code, "epochTime");
    const allowed = lib.checkConsentReceipt(receipt, { now: NOW, allowEpochTimes: true });
    assert.equal(allowed.receipt.products[0].accessPeriod.startTime, "2022-07-06T00:00:00Z");
    const other = lib.checkConsentReceipt(DWOLLA, { now: NOW, requiredProducts: ["accountOwner"] });
    assert.equal(other.issues[0].code, "missingProduct");
    // The default `now` is the current time: the example expired in 2022.
    assert.equal(lib.checkConsentReceipt(DWOLLA).issues[0].code, "expired");
  });

  test(`${flavour}: finicityExchange builds the request with a stable idempotency key`, () => {
    const input = { receipt: DWOLLA, partnerHref: PARTNER, customerId: CUSTOMER, now: NOW };
    const req = lib.finicityExchange(input);
    assert.equal(req.method, "POST");
    assert.equal(req.url, `https://api-sandbox.dwolla.com/customers/${CUSTOMER}/exchanges`);
    assert.equal(req.headers.Accept, "application/vnd.dwolla.v1.hal+json");
    assert.equal(req.headers["Content-Type"], "application/vnd.dwolla.v1.hal+json");
    assert.equal(req.headers["Idempotency-Key"], req.idempotencyKey);
    assert.equal(req.headers.Authorization, undefined);
    assert.deepEqual(JSON.parse(req.body), {
      _links: { "exchange-partner": { href: PARTNER } },
      finicity: JSON.parse(DWOLLA),
    });
    assert.equal(lib.finicityExchange({ ...input, receipt: JSON.parse(DWOLLA) }).idempotencyKey, req.idempotencyKey);
    assert.notEqual(lib.finicityExchange({ ...input, customerId: undefined }).idempotencyKey, req.idempotencyKey);
    const local = lib.finicityExchange({ ...input, baseUrl: "http://127.0.0.1:8790" });
    assert.equal(local.url, `http://127.0.0.1:8790/customers/${CUSTOMER}/exchanges`);
  });

  test(`${flavour}: exchange errors carry stable codes`, () => {
    const base = { receipt: DWOLLA, partnerHref: PARTNER, now: NOW };
    const e = throwsCode(() => lib.finicityExchange({ ...base, now: "2023-01-01T00:00:00Z" }), "InvalidReceipt");
    assert.equal(e.issues[0].code, "expired");
    throwsCode(() => lib.finicityExchange({ ...base, partnerHref: "nope" }), "InvalidPartnerHref");
    throwsCode(() => lib.finicityExchange({ ...base, environment: "production" }), "EnvironmentMismatch");
    throwsCode(() => lib.finicityExchange({ ...base, customerId: "123" }), "InvalidCustomerId");
    throwsCode(() => lib.finicityExchange({ ...base, baseUrl: "localhost:1" }), "InvalidBaseUrl");
    const arg = throwsCode(() => lib.finicityExchange({ receipt: DWOLLA }), "InvalidArgument");
    assert.match(arg.message, /partnerHref/);
  });

  test(`${flavour}: token, MX, Plaid and Flinks exchanges`, () => {
    const token = lib.tokenExchange({ partnerHref: PARTNER, token: "pay_123", customerId: CUSTOMER });
    assert.deepEqual(JSON.parse(token.body), { _links: { "exchange-partner": { href: PARTNER } }, token: "pay_123" });
    const mx = lib.mxExchange({ partnerHref: PARTNER, availableConnectionToken: "eyJ", customerId: CUSTOMER });
    assert.deepEqual(JSON.parse(mx.body).mx, { availableConnectionToken: "eyJ" });
    const plaid = lib.plaidExchange({ partnerHref: PARTNER, publicToken: "public-sandbox-1", customerId: CUSTOMER });
    assert.deepEqual(JSON.parse(plaid.body).plaid, { publicToken: "public-sandbox-1" });
    throwsCode(() => lib.tokenExchange({ partnerHref: PARTNER, token: "" }), "InvalidToken");
    assert.equal(
      lib.flinksToken("111a1a1a-1111-1aa1-1111-11a111a1111a", "222b2b1b-2222-2bb2-2222-22b222b2222b"),
      "MTExYTFhMWEtMTExMS0xYWExLTExMTEtMTFhMTExYTExMTFhOjIyMmIyYjFiLTIyMjItMmJiMi0yMjIyLTIyYjIyMmIyMjIyYg==",
    );
  });
}

test("package.json routes every condition and carries what npm users expect", () => {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.name, "consent-exchange");
  for (const key of ["version", "license", "repository", "homepage", "bugs", "types", "exports", "files", "sideEffects"]) {
    assert.ok(pkg[key], `package.json has ${key}`);
  }
  const require = createRequire(path.join(pkgDir, "package.json"));
  // Self-reference through `exports`: require() and import() both resolve.
  assert.equal(typeof require(pkgDir).checkConsentReceipt, "function");
  assert.equal(esm.checkConsentReceipt, cjs.checkConsentReceipt);
  // The core entries leave the worker client out; `consent-exchange/client` ships it.
  assert.equal(cjs.WorkerClient, undefined);
  assert.deepEqual(pkg.exports["./client"], {
    types: "./client/consent_exchange.d.ts",
    default: "./client/consent_exchange.js",
  });
  assert.equal(pkg.exports["./client/consent_exchange_bg.wasm"], "./client/consent_exchange_bg.wasm");
  assert.ok(pkg.files.includes("client/"));
  assert.ok(pkg.sideEffects.includes("./client/consent_exchange.js"));
  // Workers runtimes get the entry that instantiates the wasm itself.
  for (const condition of ["workerd", "worker"]) {
    assert.deepEqual(pkg.exports["."][condition], { types: "./worker/index.d.ts", default: "./worker/index.js" });
  }
  assert.ok(Object.keys(pkg.exports["."]).indexOf("workerd") < Object.keys(pkg.exports["."]).indexOf("node"));
  // The licence texts `license` names, and a README written for the registry.
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE", "README.md"]) {
    assert.ok(pkg.files.includes(file), `files lists ${file}`);
    assert.ok(existsSync(path.join(pkgDir, file)), `${file} is in the package`);
  }
  const readme = readFileSync(path.join(pkgDir, "README.md"), "utf8");
  assert.match(readme, /consent-exchange\/client/);
  assert.doesNotMatch(readme, /\]\((?!https?:|#)[^)]+\)/, "no relative links (they break on the registry)");
  for (const entry of Object.values(pkg.exports).flatMap(function leaves(v) {
    return typeof v === "string" ? [v] : Object.values(v).flatMap(leaves);
  })) {
    assert.ok(existsSync(path.join(pkgDir, entry)), `${entry} exists`);
  }
});
