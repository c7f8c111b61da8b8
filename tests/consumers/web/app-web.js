// The same frontend for esbuild, through the `web` entry: esbuild copies the .wasm
// (`--loader:.wasm=file`) and the import gives its URL.
import init, { checkConsentReceipt, finicityExchange } from "consent-exchange/web";
import wasmUrl from "consent-exchange/web/consent_exchange_bg.wasm";
import initWebhooks, { verifyWebhookSignature } from "consent-exchange/webhooks/web";
import webhooksUrl from "consent-exchange/webhooks/web/consent_exchange_bg.wasm";
import { receipt } from "./fixture.js";

await init({ module_or_path: wasmUrl });
await initWebhooks({ module_or_path: webhooksUrl });
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
const signature = "2ac4d6f10fddb4a248e285ee68caf8029290bc092ecbb3f176456e6ee4f982cf";
const webhook = [
  verifyWebhookSignature('{"id":"e1"}', signature, "webhook secret"),
  verifyWebhookSignature('{"id":"e2"}', signature, "webhook secret"),
];
window.result = { ok: check.ok, customerId: check.receipt?.customerId, url: request.url, code, webhook };
document.body.dataset.done = "1";
