// Sessions, funding sources, partners, responses, webhooks and Finicity requests through
// the built package, imported both as ESM and as CommonJS.
// Run: node --test tests/js/ (after scripts/build-pkg.sh; PKG_DIR overrides pkg/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.PKG_DIR ?? path.join(root, "pkg");
const esm = await import(pathToFileURL(path.join(pkgDir, "all/node/index.mjs")).href);
const cjs = createRequire(import.meta.url)(path.join(pkgDir, "all/node/consent_exchange.js"));

const CUSTOMER = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const VISA = "https://api.dwolla.com/exchange-partners/2d36c06f-e283-49d8-829f-d4941a73fd6a";
const HAL = "application/vnd.dwolla.v1.hal+json";

function throwsCode(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.equal(e.code, code, e.message);
    return true;
  });
}

for (const [flavour, lib] of [["esm", esm], ["cjs", cjs]]) {
  test(`${flavour}: exchangeSession builds Dwolla's documented Visa request`, () => {
    const req = lib.exchangeSession({
      customerId: CUSTOMER,
      partnerName: "visa",
      partnerHref: VISA,
      redirectUrl: "https://www.yourdomain.com/iav-callback",
      allowedRedirectUrls: ["https://www.yourdomain.com/iav-callback"],
      environment: "production",
    });
    assert.equal(req.method, "POST");
    assert.equal(req.url, `https://api.dwolla.com/customers/${CUSTOMER}/exchange-sessions`);
    assert.equal(req.headers.Accept, HAL);
    assert.equal(req.headers["Content-Type"], HAL);
    assert.equal(req.headers["Idempotency-Key"], req.idempotencyKey);
    assert.equal(req.headers.Authorization, undefined);
    assert.deepEqual(JSON.parse(req.body), {
      _links: {
        "exchange-partner": { href: VISA },
        "redirect-url": { href: "https://www.yourdomain.com/iav-callback" },
      },
    });
  });
}

test("exchangeSession enforces each partner's rules with stable codes", () => {
  const base = { customerId: CUSTOMER, partnerHref: VISA, environment: "production" };
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Visa" }), "RedirectUrlRequired");
  throwsCode(
    () => esm.exchangeSession({ ...base, partnerName: "Visa", redirectUrl: "https://a.example/cb", allowedRedirectUrls: ["https://b.example/cb"] }),
    "RedirectUrlNotAllowed",
  );
  throwsCode(
    () => esm.exchangeSession({ ...base, partnerName: "Visa", redirectUrl: "https://a.example/cb", allowedRedirectUrls: [] }),
    "RedirectUrlNotConfigured",
  );
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Plaid", platform: "android", redirectUrl: "https://x.example" }), "RedirectUrlInvalid");
  assert.ok(esm.exchangeSession({ ...base, partnerName: "Plaid", platform: "android", redirectUrl: "com.example.app123" }));
  // Seed 003: for MX the redirect URL "is not required": optional, checked when given.
  assert.ok(esm.exchangeSession({ ...base, partnerName: "MX", redirectUrl: "https://x.example" }));
  throwsCode(
    () => esm.exchangeSession({ ...base, partnerName: "MX", redirectUrl: "https://x.example", allowedRedirectUrls: ["https://y.example"] }),
    "RedirectUrlNotAllowed",
  );
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Checkout.com", redirectUrl: "https://x.example" }), "RedirectUrlNotAllowed");
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Mastercard" }), "SessionsNotSupported");
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Plaid", customerId: "42" }), "InvalidCustomerId");
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Plaid", partnerHref: "https://x/y" }), "InvalidPartnerHref");
  throwsCode(() => esm.exchangeSession({ ...base, partnerName: "Plaid", platform: "desktop" }), "InvalidArgument");
  // A wrong type points at the field.
  assert.throws(
    () => esm.exchangeSession({ ...base, partnerName: "Plaid", redirectUrl: 5 }),
    (e) => e.code === "InvalidArgument" && e.issues[0].path === "/redirectUrl",
  );
});

test("reauthExchangeSession and readExchangeSession", () => {
  const req = esm.reauthExchangeSession({ exchangeId: CUSTOMER, environment: "production" });
  assert.equal(req.url, `https://api.dwolla.com/exchanges/${CUSTOMER}/exchange-sessions`);
  assert.equal(req.body, "{}");
  assert.deepEqual(esm.readExchangeSession({ externalProviderSessionToken: "link-production-b41e8ed3" }), {
    kind: "plaidLink",
    linkToken: "link-production-b41e8ed3",
  });
  const mx = JSON.stringify({ _links: { "external-provider-session": { href: "https://int-widgets.moneydesktop.com/md/connect/x" } } });
  assert.deepEqual(esm.readExchangeSession(mx), { kind: "redirect", url: "https://int-widgets.moneydesktop.com/md/connect/x" });
  assert.deepEqual(esm.readExchangeSession({ externalProviderSessionData: { id: "ps_1" } }), { kind: "checkout", session: { id: "ps_1" } });
  throwsCode(() => esm.readExchangeSession({ _links: { "external-provider-session": { href: "javascript:alert(1)" } } }), "InvalidProviderUrl");
  throwsCode(() => esm.readExchangeSession("{truncated"), "InvalidSessionBody");
});

test("readVisaRedirect", () => {
  assert.deepEqual(esm.readVisaRedirect("https://www.myapp.com/iav-redirect?exchange=10cde28b-6a39-4ed1-bce9-aa611a360720"), {
    exchangeId: "10cde28b-6a39-4ed1-bce9-aa611a360720",
  });
  assert.deepEqual(esm.readVisaRedirect("?error=USER_CANCELLED"), { error: "USER_CANCELLED" });
  throwsCode(() => esm.readVisaRedirect("https://www.myapp.com/iav-redirect"), "InvalidVisaRedirect");
});

test("fundingSourceFromExchange and cardFundingSource", () => {
  const req = esm.fundingSourceFromExchange({
    customerId: CUSTOMER,
    exchangeHref: "https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65",
    name: "My Bank Account",
    bankAccountType: "checking",
  });
  assert.equal(req.url, `https://api-sandbox.dwolla.com/customers/${CUSTOMER}/funding-sources`);
  assert.equal(
    req.body,
    '{"_links":{"exchange":{"href":"https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65"}},"bankAccountType":"checking","name":"My Bank Account"}',
  );
  throwsCode(() => esm.fundingSourceFromExchange({ ...JSON.parse("{}"), customerId: CUSTOMER, exchangeHref: "x", name: "n", bankAccountType: "checking" }), "InvalidExchangeHref");
  assert.throws(
    () => esm.fundingSourceFromExchange({ customerId: CUSTOMER, exchangeHref: "x", name: "n", bankAccountType: "brokerage" }),
    (e) => e.code === "InvalidArgument" && e.issues[0].path === "/bankAccountType",
  );
  const card = esm.cardFundingSource({
    customerId: CUSTOMER,
    cardToken: "src_abc123_test_token_xyz789",
    name: "My Visa Debit Card",
    billingAddress: { address1: "123 Main St", city: "Dallas", stateProvinceRegion: "TX", country: "US", postalCode: "76034" },
  });
  assert.deepEqual(JSON.parse(card.body).cardDetails.billingAddress.city, "Dallas");
  assert.throws(
    () => esm.cardFundingSource({ customerId: CUSTOMER, cardToken: "src_x", name: "n", billingAddress: { address1: "", city: "", stateProvinceRegion: "T", country: "US", postalCode: "1" } }),
    (e) => e.code === "InvalidBillingAddress" && e.issues.length === 3,
  );
});

test("exchangePartners is a directory class", () => {
  const list = {
    _embedded: {
      "exchange-partners": ["Finicity", "Plaid"].map((name, i) => ({
        id: `a12a48fe-65b6-4b09-9419-715ce39ca40${i}`,
        name,
        status: "active",
        _links: { self: { href: `https://api-sandbox.dwolla.com/exchange-partners/a12a48fe-65b6-4b09-9419-715ce39ca40${i}` } },
      })),
    },
  };
  const partners = esm.exchangePartners(list);
  assert.ok(partners instanceof esm.ExchangePartners);
  assert.equal(partners.find("mastercard").name, "Finicity");
  assert.equal(partners.find("PLAID").href, "https://api-sandbox.dwolla.com/exchange-partners/a12a48fe-65b6-4b09-9419-715ce39ca401");
  assert.deepEqual(partners.list().map((p) => p.name), ["Finicity", "Plaid"]);
  assert.throws(() => partners.find("Visa"), (e) => e.code === "PartnerNotFound" && /Finicity, Plaid/.test(e.message));
  throwsCode(() => esm.exchangePartners("<html>"), "InvalidPartnerList");
  partners.free();
});

test("readDwollaResponse never throws on what Dwolla sends", () => {
  assert.deepEqual(
    esm.readDwollaResponse({ status: 201, headers: { Location: "https://api.dwolla.com/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d" }, body: "" }),
    { ok: true, status: 201, location: "https://api.dwolla.com/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d", id: "fcd15e5f-8d13-4570-a9b7-7fb49e55941d", resource: null },
  );
  const headers = new Headers({ "location": "https://x/funding-sources/1", "retry-after": "3" });
  assert.equal(esm.readDwollaResponse({ status: 201, headers: [...headers] }).id, "1");
  const v = esm.readDwollaResponse({
    status: 400,
    body: { code: "ValidationError", message: "Validation error(s) present.", _embedded: { errors: [{ code: "Required", message: "FirstName required.", path: "/firstName" }] } },
  });
  assert.equal(v.ok, false);
  assert.deepEqual(v.errors, [{ code: "Required", message: "FirstName required.", path: "/firstName" }]);
  for (const [status, body] of [[502, "<html>bad gateway</html>"], [500, '{"code":"Serv'], [503, ""], [0, null]]) {
    const r = esm.readDwollaResponse({ status, headers: { "Retry-After": "5" }, body });
    assert.equal(r.ok, false);
    assert.equal(r.retryable, true, `${status}`);
    assert.equal(r.retryAfter, 5);
  }
  // 409: Dwolla is still processing the first request with this key; retrying with
  // the same key returns the original 201 (the worker retries it too).
  assert.equal(esm.readDwollaResponse({ status: 409, body: { code: "Conflict", message: "in progress" } }).retryable, true);
  const noLocation = esm.readDwollaResponse({ status: 201, body: "" });
  assert.equal(noLocation.ok, false);
  assert.equal(noLocation.code, "MissingLocation");
  assert.equal(noLocation.retryable, false);
  throwsCode(() => esm.readDwollaResponse({ status: "two hundred" }), "InvalidArgument");
});

test("verifyWebhookSignature checks the raw bytes in any form", () => {
  const body = '{"id":"80d8ba9b","topic":"customer_funding_source_added"}';
  const secret = "webhook secret";
  const sig = createHmac("sha256", secret).update(body).digest("hex");
  assert.equal(esm.verifyWebhookSignature(body, sig, secret), true);
  assert.equal(esm.verifyWebhookSignature(new TextEncoder().encode(body), sig, secret), true);
  assert.equal(esm.verifyWebhookSignature(new TextEncoder().encode(body).buffer, sig.toUpperCase(), secret), true);
  assert.equal(esm.verifyWebhookSignature(body + " ", sig, secret), false);
  assert.equal(esm.verifyWebhookSignature(body, sig, "other"), false);
  assert.equal(esm.verifyWebhookSignature(body, "not hex", secret), false);
  assert.equal(esm.verifyWebhookSignature(body, null, secret), false);
  throwsCode(() => esm.verifyWebhookSignature(42, sig, secret), "InvalidArgument");
});

test("Finicity builders return plain data without secret headers", () => {
  const req = esm.finicityAccessKeyRequest({ customerId: "7001234567890123457", partnerId: "1234583871234", accountIds: ["9007199254740993"] });
  assert.equal(req.url, "https://api.finicity.com/aggregation/v1/partners/accessKey");
  assert.equal(Object.keys(req.headers).some((h) => /^finicity-app/i.test(h)), false);
  assert.ok(req.body.includes('"customerId":"7001234567890123457"'));
  assert.ok(req.body.includes('"accountId":"9007199254740993"'));
  const body = JSON.parse(req.body);
  assert.equal(body.thirdPartyPartnerId, "2445583946651");
  const { startTime, endTime } = body.products[0].accessPeriod;
  assert.ok(Math.abs(Date.parse(startTime) - Date.now()) < 60_000, "starts now");
  assert.equal(Date.parse(endTime) - Date.parse(startTime), 365 * 86_400_000);
  assert.throws(
    () => esm.finicityAccessKeyRequest({ customerId: 7001234567890123000, partnerId: "1", accountIds: ["1"] }),
    (e) => e.code === "InvalidArgument" && e.issues[0].path === "/customerId",
  );
  assert.throws(
    () => esm.finicityAccessKeyRequest({ customerId: "1", partnerId: "x", accountIds: [] }),
    (e) => e.code === "InvalidFinicityRequest" && e.issues.map((i) => i.path).join() === "/partnerId,/accountIds",
  );
  const auth = esm.finicityAuthenticationRequest({ partnerId: "1234583871234", partnerSecret: "s3cret" });
  assert.equal(auth.url, "https://api.finicity.com/aggregation/v2/partners/authentication");
  assert.ok(esm.finicityTestingCustomerRequest({ username: "customerusername1", baseUrl: "http://127.0.0.1:8791" }).url.startsWith("http://127.0.0.1:8791/"));
  assert.equal(esm.finicityConnectUrlRequest({ partnerId: "1", customerId: "2" }).url, "https://api.finicity.com/connect/v2/generate");
});
