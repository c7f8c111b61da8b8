// The official `dwolla` SDK doing the benchmark's job: receipt JSON text → the
// create-exchange request. Its HTTP client captures the Request instead of sending
// it and answers 201 with a Location, the way Dwolla does, so the SDK runs its whole
// path (input schema, body encoding, Request construction, response matching) and
// nothing leaves the process.
import { DwollaCore } from "dwolla/core.js";
import { customersExchangesCreate } from "dwolla/funcs/customersExchangesCreate.js";
import { HTTPClient } from "dwolla/lib/http.js";
import { RFCDate } from "dwolla/types/rfcdate.js";

/**
 * The SDK models `startTime` as a calendar date (RFCDate), `endTime` and `timestamp`
 * as `Date`, and `partnerId` as a JS number, so the receipt must be mapped into those
 * types first: that mapping is part of using the SDK.
 */
function toSdkFinicity(r) {
  const start = r.products?.map((p) => p.accessPeriod?.startTime);
  return {
    profile: r.profile,
    version: r.version == null ? undefined : String(r.version),
    receiptId: r.receiptId,
    receiptVersion: r.receiptVersion == null ? undefined : String(r.receiptVersion),
    customerId: r.customerId,
    partnerId: Number(r.partnerId),
    products: r.products?.map((p, i) => ({
      product: p.product,
      accountId: p.accountId,
      accessPeriod: p.accessPeriod && {
        type: p.accessPeriod.type,
        // RFCDate takes only YYYY-MM-DD; a date-time must go through Date first.
        startTime: /^\d{4}-\d{2}-\d{2}$/.test(start[i]) ? new RFCDate(start[i]) : new RFCDate(new Date(start[i])),
        endTime: new Date(p.accessPeriod.endTime),
      },
    })),
    timestamp: r.timestamp == null ? undefined : new Date(r.timestamp),
  };
}

/** A builder bound to one SDK client whose fetcher records the last Request. */
export function sdkExchangeBuilder({ serverURL }) {
  let captured = null;
  const httpClient = new HTTPClient({
    fetcher: async (req) => {
      captured = req;
      return new Response(null, {
        status: 201,
        headers: { Location: `${serverURL}/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d` },
      });
    },
  });
  const core = new DwollaCore({ httpClient, serverURL });
  return async function build(text, { customerId, partnerHref }) {
    const parsed = JSON.parse(text);
    const receipt = Array.isArray(parsed?.data) ? parsed.data[0]?.receipt : parsed;
    const res = await customersExchangesCreate(core, {
      id: customerId,
      requestBody: { links: { exchangePartner: { href: partnerHref } }, finicity: toSdkFinicity(receipt) },
    });
    if (!res.ok) throw res.error;
    const req = captured;
    captured = null;
    return req;
  };
}
