// Node, ES modules: the one-job entries (`consent-exchange/frontend`, `/webhooks`,
// `/finicity`). They are web builds: on a server, initialise them synchronously from
// the .wasm bytes. Each entry holds its job's functions and none of the others.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { receipt } from "./fixture.mjs";

const require = createRequire(import.meta.url);
const wasmOf = (entry) => readFileSync(require.resolve(`consent-exchange/${entry}/consent_exchange_bg.wasm`));
const exported = (mod) => Object.keys(mod).filter((n) => !["default", "initSync"].includes(n)).sort();

const frontend = await import("consent-exchange/frontend");
frontend.initSync({ module: wasmOf("frontend") });
const now = "2022-07-11T06:10:00Z";
const partnerHref = "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";
assert.equal(frontend.checkConsentReceipt(receipt, { now }).ok, true);
const exchange = frontend.finicityExchange({ receipt, now, partnerHref });
assert.equal(exchange.url, "https://api-sandbox.dwolla.com/exchanges");
assert.throws(() => frontend.finicityExchange({ receipt, now, partnerHref: "nope" }), { code: "InvalidPartnerHref" });
assert.equal(frontend.tokenExchange({ partnerHref, token: "pay_123" }).method, "POST");
assert.equal(typeof frontend.exchangeSession, "function");
assert.equal(typeof frontend.readDwollaResponse, "function");
for (const other of ["verifyWebhookSignature", "finicityAccessKeyRequest", "cardFundingSource", "exchangePartners"]) {
  assert.equal(frontend[other], undefined, `frontend must not export ${other}`);
}

const webhooks = await import("consent-exchange/webhooks");
webhooks.initSync({ module: wasmOf("webhooks") });
assert.deepEqual(exported(webhooks), ["verifyWebhookSignature"]);
const body = '{"topic":"customer_created"}';
const signature = createHmac("sha256", "webhook-secret").update(body).digest("hex");
assert.equal(webhooks.verifyWebhookSignature(body, signature, "webhook-secret"), true);
assert.equal(webhooks.verifyWebhookSignature(body, signature, "another-secret"), false);

const finicity = await import("consent-exchange/finicity");
finicity.initSync({ module: wasmOf("finicity") });
const auth = finicity.finicityAuthenticationRequest({ partnerId: "2445582695152", partnerSecret: "not-a-real-secret" });
assert.equal(auth.method, "POST");
assert.match(auth.url, /\/aggregation\/v2\/partners\/authentication$/);
assert.equal(finicity.checkConsentReceipt, undefined);
assert.equal(finicity.verifyWebhookSignature, undefined);
console.log("node entries: ok", exported(frontend).length, "frontend functions");
