// Node, ES modules: named imports and the default export.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import cx, { checkConsentReceipt, finicityExchange } from "consent-exchange";
import { receipt } from "./fixture.mjs";

// The node build hashes a derived idempotency key with Node's own SHA-256, looked up at
// the first hash: counted here, and compared below with the web build's key (wasm).
let nodeHashes = 0;
const getBuiltinModule = process.getBuiltinModule;
process.getBuiltinModule = (name) => {
  const mod = getBuiltinModule.call(process, name);
  if (name !== "node:crypto") return mod;
  return { ...mod, hash: (...args) => (nodeHashes++, mod.hash(...args)) };
};

const now = "2022-07-11T06:10:00Z";
const check = checkConsentReceipt(receipt, { now });
assert.equal(check.ok, true);
assert.equal(cx.checkConsentReceipt, checkConsentReceipt);
const request = finicityExchange({
  receipt, now, partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
});
assert.equal(request.headers["Content-Type"], "application/vnd.dwolla.v1.hal+json");
assert.equal(nodeHashes, 1, "the node build hashed the key with node:crypto");
const web = await import("consent-exchange/web");
const webDir = dirname(fileURLToPath(import.meta.resolve("consent-exchange/web")));
web.initSync({ module: readFileSync(join(webDir, "consent_exchange_bg.wasm")) });
const webRequest = web.finicityExchange({
  receipt, now, partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
});
assert.deepEqual(webRequest, request, "the web build (SHA-256 in wasm) builds the same request, key and all");
assert.equal(nodeHashes, 1);
assert.throws(() => finicityExchange({ receipt, now, partnerHref: "nope" }), { code: "InvalidPartnerHref" });
// The job-sized entries resolve to modules of their own.
const { finicityAuthenticationRequest } = await import("consent-exchange/finicity");
const { verifyWebhookSignature } = await import("consent-exchange/webhooks");
const all = await import("consent-exchange/all");
assert.equal(finicityAuthenticationRequest({ partnerId: "1", partnerSecret: "s" }).method, "POST");
assert.equal(verifyWebhookSignature("{}", "00".repeat(32), "secret"), false);
assert.equal(all.getExchange({ exchangeId: "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a" }).method, "GET");
assert.equal(cx.getExchange, undefined, "the main entry leaves the reads to consent-exchange/all");
console.log("node esm: ok");
