import { checkConsentReceipt, finicityExchange } from "consent-exchange";
import { verifyWebhookSignature } from "consent-exchange/webhooks";

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/webhook") {
      const body = new Uint8Array(await request.arrayBuffer());
      const signature = request.headers.get("X-Request-Signature-SHA-256") ?? "";
      const ok = verifyWebhookSignature(body, signature, env.WEBHOOK_SECRET ?? "webhook secret");
      return new Response(ok ? "signed" : "forged", { status: ok ? 200 : 401 });
    }
    const { receipt, now } = await request.json();
    const check = checkConsentReceipt(receipt, { now });
    if (!check.ok) return Response.json({ ok: false, issues: check.issues }, { status: 422 });
    const built = finicityExchange({
      receipt,
      now,
      partnerHref: "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4",
    });
    return Response.json({ ok: true, customerId: check.receipt.customerId, request: built });
  },
};
