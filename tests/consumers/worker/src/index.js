import { checkConsentReceipt, finicityExchange } from "consent-exchange";

export default {
  async fetch(request) {
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
