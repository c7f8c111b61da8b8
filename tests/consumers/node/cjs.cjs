// Node, CommonJS.
const assert = require("node:assert/strict");
const { checkConsentReceipt, finicityExchange } = require("consent-exchange");
const { receipt } = require("./fixture.cjs");

const now = "2022-07-11T06:10:00Z";
assert.equal(checkConsentReceipt(JSON.stringify(receipt), { now }).ok, true);
const request = finicityExchange({
  receipt, now, partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
});
assert.equal(request.method, "POST");
assert.equal(request.body.includes('"finicity"'), true);
// The job-sized entries through require(), each its own module.
const finicity = require("consent-exchange/finicity");
const { verifyWebhookSignature } = require("consent-exchange/webhooks");
const all = require("consent-exchange/all");
assert.equal(finicity.finicityAuthenticationRequest({ partnerId: "1", partnerSecret: "s" }).method, "POST");
assert.equal(verifyWebhookSignature("{}", "00".repeat(32), "secret"), false);
assert.equal(typeof all.exchangePartners, "function");
assert.notEqual(finicity.checkConsentReceipt, checkConsentReceipt);
console.log("node cjs: ok");
