// README-style use of the job-sized entries, type-checked like core.ts: a server
// between Finicity and Dwolla, a webhook endpoint, and the everything entry. Each job
// imports one module. Only compiled, never run.
import {
  checkConsentReceipt,
  finicityAccessKeyRequest,
  finicityAuthenticationRequest,
  finicityExchange,
  type DwollaRequest,
  type FinicityRequest,
} from "consent-exchange/finicity";
import { verifyWebhookSignature } from "consent-exchange/webhooks";
import { exchangePartners, getExchange, type ExchangeInfo, readExchange } from "consent-exchange/all";

declare const partnerHref: string;
declare const accessKeyResponse: string;

export function finicityServer(): [FinicityRequest, FinicityRequest, DwollaRequest | null] {
  const auth = finicityAuthenticationRequest({ partnerId: "1", partnerSecret: "s" });
  const accessKey = finicityAccessKeyRequest({ customerId: "1", partnerId: "2", accountIds: ["3"] });
  const check = checkConsentReceipt(accessKeyResponse);
  const exchange = check.ok ? finicityExchange({ receipt: accessKeyResponse, partnerHref }) : null;
  return [auth, accessKey, exchange];
}

export async function webhook(request: Request, secret: string): Promise<Response> {
  const body = new Uint8Array(await request.arrayBuffer());
  const signature = request.headers.get("X-Request-Signature-SHA-256") ?? "";
  const ok: boolean = verifyWebhookSignature(body, signature, secret);
  return new Response(null, { status: ok ? 200 : 401 });
}

export function everything(body: string): ExchangeInfo {
  const partner = exchangePartners("{}").find("Plaid");
  console.log(partner.href, getExchange({ exchangeId: "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a" }).url);
  return readExchange(body);
}
