// The reads of a flow, the account funding source and Finicity's revoke and update
// through the built package, imported both as ESM and as CommonJS.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const esm = await import(pathToFileURL(path.join(pkgDir, "all/node/index.mjs")).href);
const cjs = createRequire(import.meta.url)(path.join(pkgDir, "all/node/consent_exchange.js"));

const EXCHANGE = "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a";
const CUSTOMER = "1b54c81a-261f-4779-bb57-9405e6e00694";
const HAL = "application/vnd.dwolla.v1.hal+json";

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.code, code, e.message);
    return true;
  });
}

for (const [flavour, lib] of [["esm", esm], ["cjs", cjs]]) {
  test(`${flavour}: read builders are GETs with the HAL Accept and nothing else`, () => {
    const cases = [
      [lib.getExchange({ exchangeId: EXCHANGE, environment: "production" }), `https://api.dwolla.com/exchanges/${EXCHANGE}`],
      [lib.customerExchanges({ customerId: CUSTOMER }), `https://api-sandbox.dwolla.com/customers/${CUSTOMER}/exchanges`],
      [lib.accountExchanges(), "https://api-sandbox.dwolla.com/exchanges"],
      [lib.accountExchanges({ baseUrl: "http://127.0.0.1:41300" }), "http://127.0.0.1:41300/exchanges"],
      [lib.getExchangeSession({ exchangeSessionId: `https://api-sandbox.dwolla.com/exchange-sessions/${EXCHANGE}` }), `https://api-sandbox.dwolla.com/exchange-sessions/${EXCHANGE}`],
      [lib.availableExchangeConnections({ customerId: CUSTOMER }), `https://api-sandbox.dwolla.com/customers/${CUSTOMER}/available-exchange-connections`],
    ];
    for (const [req, url] of cases) {
      assert.equal(req.method, "GET");
      assert.equal(req.url, url);
      assert.deepEqual(req.headers, { Accept: HAL });
      assert.equal(req.body, null);
      assert.equal(req.idempotencyKey, null);
    }
    throwsCode(() => lib.getExchange({ exchangeId: "../customers" }), "InvalidExchangeId");
    throwsCode(() => lib.customerExchanges({ customerId: "42" }), "InvalidCustomerId");
    throwsCode(() => lib.getExchangeSession({ exchangeSessionId: "x" }), "InvalidExchangeSessionId");
    throwsCode(() => lib.getExchange({ exchangeId: `https://api.dwolla.com/exchanges/${EXCHANGE}` }), "EnvironmentMismatch");
    throwsCode(() => lib.getExchange({}), "InvalidArgument");
  });

  test(`${flavour}: readers of exchanges and available connections`, () => {
    const exchange = {
      _links: {
        self: { href: `https://api-sandbox.dwolla.com/exchanges/${EXCHANGE}` },
        "exchange-partner": { href: "https://api-sandbox.dwolla.com/exchange-partners/9b55a4b3-34ae-4607-b2d1-622f1eed77f9" },
      },
      id: EXCHANGE, status: "active", created: "2022-10-21T21:41:03.283Z",
    };
    const read = lib.readExchange(JSON.stringify(exchange));
    assert.deepEqual(read, {
      id: EXCHANGE, href: exchange._links.self.href, status: "active", active: true,
      created: "2022-10-21T21:41:03.283Z", partnerHref: exchange._links["exchange-partner"].href,
    });
    assert.deepEqual(lib.readExchanges({ _embedded: { exchanges: [exchange, { ...exchange, status: "removed" }] } }).map((e) => e.active), [true, false]);
    assert.deepEqual(
      lib.readAvailableConnections({ _embedded: { "available-exchange-connections": [{ name: "Checking", availableConnectionToken: "eyJ" }] } }),
      [{ name: "Checking", availableConnectionToken: "eyJ" }],
    );
    throwsCode(() => lib.readExchange("<html>"), "InvalidResourceBody");
    throwsCode(() => lib.readExchange({ id: EXCHANGE }), "InvalidResourceBody");
  });

  test(`${flavour}: account funding source, Finicity revoke and update`, () => {
    const fs = lib.accountFundingSourceFromExchange({
      exchangeHref: `https://api-sandbox.dwolla.com/exchanges/${EXCHANGE}`, name: "Operating", bankAccountType: "checking",
    });
    assert.equal(fs.method, "POST");
    assert.equal(fs.url, "https://api-sandbox.dwolla.com/funding-sources");
    assert.equal(fs.headers["Idempotency-Key"], fs.idempotencyKey);
    assert.deepEqual(JSON.parse(fs.body), {
      _links: { exchange: { href: `https://api-sandbox.dwolla.com/exchanges/${EXCHANGE}` } }, bankAccountType: "checking", name: "Operating",
    });
    throwsCode(() => lib.accountFundingSourceFromExchange({ exchangeHref: EXCHANGE, name: "x", bankAccountType: "checking" }), "InvalidExchangeHref");
    // No correlationId on funding sources: Dwolla's schemas have none.
    const customer = lib.fundingSourceFromExchange({
      customerId: CUSTOMER, exchangeHref: `https://api-sandbox.dwolla.com/exchanges/${EXCHANGE}`, name: "x", bankAccountType: "checking",
    });
    assert.ok(!customer.body.includes("correlationId"));

    const revoke = lib.finicityRevokeAccessKeyRequest({ receiptId: "cr_4N47ou7SlppuIxq0ZUtACh10vYcloY", baseUrl: "http://127.0.0.1:41300" });
    assert.deepEqual(revoke, {
      method: "DELETE",
      url: "http://127.0.0.1:41300/aggregation/v1/partners/accessKey/cr_4N47ou7SlppuIxq0ZUtACh10vYcloY",
      headers: { Accept: "application/json" },
      body: null,
    });
    throwsCode(() => lib.finicityRevokeAccessKeyRequest({ receiptId: "cr/../x" }), "InvalidFinicityRequest");
    const update = lib.finicityUpdateAccessKeyRequest({
      receiptId: "cr_1", customerId: "5454874858510164117", partnerId: "2445580000001", accountIds: ["1015199035827334916"], durationDays: 30,
    });
    assert.equal(update.method, "PUT");
    assert.ok(update.url.endsWith("/aggregation/v1/partners/accessKey/cr_1"));
    assert.equal(JSON.parse(update.body).products[0].accountId, "1015199035827334916");
  });
}
