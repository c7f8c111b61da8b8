// One frontend, built by each bundler: it imports the package by name (the default
// entry) and leaves its result on `window.result` for the browser check.
import { checkConsentReceipt, finicityExchange } from "consent-exchange";
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
window.result = { ok: check.ok, customerId: check.receipt?.customerId, url: request.url, code };
document.body.dataset.done = "1";
