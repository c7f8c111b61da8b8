// Proves the declared types match the values: every result is checked, member by
// member, by a guard whose type must match the package's declaration (see guards.ts).
// Compiled with tsc (node16) and run with Node against the installed package.
import {
  checkConsentReceipt,
  accountExchanges,
  exchangePartners,
  finicityAuthenticationRequest,
  finicityExchange,
  finicityRevokeAccessKeyRequest,
  finicityUpdateAccessKeyRequest,
  getExchange,
  readAvailableConnections,
  readDwollaResponse,
  readExchange,
  readExchanges,
  readExchangeSession,
  readVisaRedirect,
  tokenExchange,
  type AccessPeriod,
  type AvailableConnection,
  type DwollaRequest,
  type DwollaResponse,
  type ExchangeInfo,
  type ExchangePartner,
  type FieldError,
  type FinicityReceipt,
  type FinicityRequest,
  type FinicityRevokeRequest,
  type Issue,
  type ReceiptCheck,
  type ReceiptProduct,
  type ResponseFailure,
  type ResponseSuccess,
  type SessionLaunch,
  type VisaRedirect,
} from "consent-exchange/all";
import cx from "consent-exchange/all";
// The job-sized entries: the main one, the Finicity server's, the webhook endpoint's.
import * as main from "consent-exchange";
import { checkConsentReceipt as finicityCheck, finicityAuthenticationRequest as finicityAuth } from "consent-exchange/finicity";
import { verifyWebhookSignature } from "consent-exchange/webhooks";
import {
  absentOr, array, bool, either, lit, nul, nullable, num, oneOf, record, shape, str, unknownValue,
  type Guard,
} from "./guards.js";
import { receipt } from "./fixture.js";

const method = oneOf("GET", "POST", "PUT", "DELETE");
const dwollaRequest: Guard<DwollaRequest> = shape<DwollaRequest>({
  method,
  url: str,
  headers: record(str),
  body: nullable(str),
  idempotencyKey: nullable(str),
});
const finicityRequest: Guard<FinicityRequest> = shape<FinicityRequest>({
  method,
  url: str,
  headers: record(str),
  body: str,
});
const finicityRevokeRequest: Guard<FinicityRevokeRequest> = shape<FinicityRevokeRequest>({
  method,
  url: str,
  headers: record(str),
  body: nul,
});
const exchangeInfo: Guard<ExchangeInfo> = shape<ExchangeInfo>({
  id: str,
  href: nullable(str),
  status: str,
  active: bool,
  created: nullable(str),
  partnerHref: nullable(str),
});
const availableConnection = shape<AvailableConnection>({ name: str, availableConnectionToken: str });
const issue: Guard<Issue> = shape<Issue>({
  path: str,
  code: str,
  message: str,
  severity: oneOf("error", "warning"),
});
const accessPeriod = shape<AccessPeriod>({ type: str, startTime: str, endTime: str });
const product = shape<ReceiptProduct>({ product: str, accountId: str, accessPeriod });
const finicityReceipt: Guard<FinicityReceipt> = shape<FinicityReceipt>({
  profile: num,
  version: str,
  receiptId: str,
  receiptVersion: absentOr(str),
  customerId: str,
  partnerId: num,
  products: array(product),
  timestamp: str,
});
type Accepted = Extract<ReceiptCheck, { ok: true }>;
type Rejected = Extract<ReceiptCheck, { ok: false }>;
const receiptCheck: Guard<ReceiptCheck> = either(
  shape<Accepted>({ ok: lit(true), receipt: finicityReceipt, issues: array(issue) }),
  shape<Rejected>({ ok: lit(false), receipt: nul, issues: array(issue) }),
);
const fieldError = shape<FieldError>({ code: str, message: str, path: str });
const dwollaResponse: Guard<DwollaResponse> = either(
  shape<ResponseSuccess>({
    ok: lit(true),
    status: num,
    location: nullable(str),
    id: nullable(str),
    resource: unknownValue,
  }),
  shape<ResponseFailure>({
    ok: lit(false),
    status: num,
    code: str,
    message: str,
    errors: array(fieldError),
    retryable: bool,
    retryAfter: nullable(num),
    about: nullable(str),
  }),
);
const sessionLaunch: Guard<SessionLaunch> = either(
  either(
    shape<Extract<SessionLaunch, { kind: "redirect" }>>({ kind: lit("redirect"), url: str }),
    shape<Extract<SessionLaunch, { kind: "plaidLink" }>>({ kind: lit("plaidLink"), linkToken: str }),
  ),
  shape<Extract<SessionLaunch, { kind: "checkout" }>>({ kind: lit("checkout"), session: unknownValue }),
);
const visaRedirect: Guard<VisaRedirect> = either(
  shape<{ exchangeId: string }>({ exchangeId: str }),
  shape<{ error: string }>({ error: str }),
);
const partner: Guard<ExchangePartner> = shape<ExchangePartner>({ id: str, name: str, status: str, href: str });

let checked = 0;
function expect<T>(guard: Guard<T>, value: unknown, what: string): asserts value is T {
  guard(value, what);
  checked += 1;
}
function throws(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof Error) || (e as Error & { code?: string }).code !== code) {
      throw new Error(`expected an Error with code ${code}, got ${String(e)}`);
    }
    checked += 1;
    return;
  }
  throw new Error(`expected ${code} to be thrown`);
}

const now = "2022-07-11T06:10:00Z";
const partnerHref = "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";

// Both sides of each union, every nullable member both null and not.
const good = checkConsentReceipt(receipt, { now });
expect(receiptCheck, good, "checkConsentReceipt(valid)");
if (!good.ok) throw new Error("the fixture receipt should pass");
const withoutVersion = { ...receipt } as Record<string, unknown>;
delete withoutVersion.receiptVersion;
const noVersion = checkConsentReceipt(withoutVersion, { now });
expect(receiptCheck, noVersion, "checkConsentReceipt(no receiptVersion)");
if (noVersion.ok && "receiptVersion" in noVersion.receipt) throw new Error("receiptVersion should be absent");
// The package's own FinicityReceipt is a valid input.
expect(receiptCheck, checkConsentReceipt(good.receipt, { now }), "checkConsentReceipt(FinicityReceipt)");
const bad = checkConsentReceipt("{}");
expect(receiptCheck, bad, "checkConsentReceipt(invalid)");
if (bad.ok) throw new Error("{} should not pass");

const post = finicityExchange({ receipt, partnerHref, now, idempotencyKey: "order-1234" });
expect(dwollaRequest, post, "finicityExchange");
if (post.headers["Idempotency-Key"] !== "order-1234" || post.idempotencyKey !== "order-1234") {
  throw new Error("the caller's idempotency key is sent");
}
expect(dwollaRequest, tokenExchange({ partnerHref, token: "processor-sandbox-1" }), "tokenExchange");
expect(finicityRequest, finicityAuthenticationRequest({ partnerId: "1", partnerSecret: "s" }), "finicityAuthenticationRequest");
throws(() => finicityExchange({ receipt: "{}", partnerHref, now }), "InvalidReceipt");
throws(() => finicityExchange(null as never), "InvalidArgument");

expect(dwollaResponse, readDwollaResponse({ status: 201, headers: { Location: "https://x/exchanges/9" } }), "201");
expect(dwollaResponse, readDwollaResponse({ status: 200, body: '{"a":1}' }), "200");
expect(dwollaResponse, readDwollaResponse({ status: 503, headers: { "Retry-After": "3" }, body: "" }), "503");
expect(
  dwollaResponse,
  readDwollaResponse({
    status: 400,
    body: { code: "ValidationError", message: "m", _embedded: { errors: [{ code: "Invalid", message: "x", path: "/a" }] },
      _links: { about: { href: "https://x/about" } } },
  }),
  "400",
);
expect(sessionLaunch, readExchangeSession({ externalProviderSessionToken: "link-sandbox-1" }), "plaidLink");
expect(sessionLaunch, readExchangeSession({ _links: { "external-provider-session": { href: "https://x/y" } } }), "redirect");
expect(visaRedirect, readVisaRedirect("https://app.example/back?error=USER_CANCELLED"), "visa error");
const list = exchangePartners({
  _embedded: { "exchange-partners": [{ id: "292317ec-e252-47d8-93c3-2d128e037aa4", name: "Finicity", status: "active",
    _links: { self: { href: partnerHref } } }] },
});
expect(array(partner), list.list(), "ExchangePartners.list");
expect(partner, list.find("finicity"), "ExchangePartners.find");

const exchangeId = "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a";
expect(dwollaRequest, getExchange({ exchangeId }), "getExchange");
expect(dwollaRequest, accountExchanges(undefined), "accountExchanges");
const exchangeBody = { id: exchangeId, status: "active", _links: { self: { href: `https://x/exchanges/${exchangeId}` } } };
expect(exchangeInfo, readExchange(exchangeBody), "readExchange");
expect(array(exchangeInfo), readExchanges({ _embedded: { exchanges: [exchangeBody] } }), "readExchanges");
expect(
  array(availableConnection),
  readAvailableConnections({ _embedded: { "available-exchange-connections": [{ name: "Checking", availableConnectionToken: "t" }] } }),
  "readAvailableConnections",
);
expect(finicityRevokeRequest, finicityRevokeAccessKeyRequest({ receiptId: "cr_1" }), "finicityRevokeAccessKeyRequest");
expect(
  finicityRequest,
  finicityUpdateAccessKeyRequest({ receiptId: "cr_1", customerId: "1", partnerId: "2", accountIds: ["3"] }),
  "finicityUpdateAccessKeyRequest",
);
if (cx.checkConsentReceipt !== checkConsentReceipt) throw new Error("the default export is the module");

// Each entry is a module of its own, with the same declared values.
if (main.checkConsentReceipt === checkConsentReceipt) throw new Error("consent-exchange and /all are one module");
expect(dwollaRequest, main.finicityExchange({ receipt, partnerHref, now: "2022-07-11T06:10:00Z" }), "main finicityExchange");
expect(
  dwollaRequest,
  main.fundingSourceFromExchange({ customerId: "74a207b2-b7b7-4efa-8bf8-582148e7b980", exchangeHref: `https://x/exchanges/${exchangeId}`, name: "Checking", bankAccountType: "checking" }),
  "main fundingSourceFromExchange",
);
expect(finicityRequest, finicityAuth({ partnerId: "1", partnerSecret: "s" }), "finicity finicityAuthenticationRequest");
if (finicityCheck(receipt, { now: "2022-07-11T06:10:00Z" }).ok !== true) throw new Error("finicity checkConsentReceipt");
const signed: boolean = verifyWebhookSignature("{}", "00".repeat(32), "secret");
if (signed !== false) throw new Error("webhooks verifyWebhookSignature");

console.log(`runtime types: ${checked} values match their declarations`);
