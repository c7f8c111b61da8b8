// One frontend, built by each bundler: it imports the package by name (the default
// entry, and the webhooks entry: a second module of its own, resolved and loaded by the
// bundler) and leaves its result on `window.result` for the browser check.
import { checkConsentReceipt, finicityExchange } from "consent-exchange";
import { verifyWebhookSignature } from "consent-exchange/webhooks";
import { receipt } from "./fixture.js";

const now = "2022-07-11T06:10:00Z";
const check = checkConsentReceipt(receipt, { now });
let code;
try {
  finicityExchange({ receipt, now, partnerHref: "nope" });
} catch (e) {
  code = e.code;
}
const request = finicityExchange({
  receipt,
  now,
  partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
});
// HMAC-SHA256 of the body under "webhook secret", computed once with Node's crypto.
const signature = "2ac4d6f10fddb4a248e285ee68caf8029290bc092ecbb3f176456e6ee4f982cf";
const webhook = [
  verifyWebhookSignature('{"id":"e1"}', signature, "webhook secret"),
  verifyWebhookSignature('{"id":"e2"}', signature, "webhook secret"),
];
window.result = { ok: check.ok, customerId: check.receipt?.customerId, url: request.url, code, webhook };
document.body.dataset.done = "1";
