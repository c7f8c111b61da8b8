// README-style use of the core entry (`consent-exchange`), type-checked under strict
// settings with bundler and node16 resolution. Only compiled, never run.
import {
  checkConsentReceipt,
  exchangeSession,
  finicityExchange,
  fundingSourceFromExchange,
  readDwollaResponse,
  readExchangeSession,
  tokenExchange,
  type DwollaRequest,
  type FinicityReceipt,
  type Issue,
  type ReceiptCheck,
} from "consent-exchange";
import { receipt } from "./fixture.js";

declare const accessKeyResponse: unknown;
declare const partnerHref: string;
declare const token: string;

// The README's first example: options are optional.
const check = checkConsentReceipt(JSON.stringify(accessKeyResponse));
if (!check.ok) {
  for (const { path, code, message } of check.issues) console.error(path, code, message);
} else {
  // Narrowed by `ok`: the receipt is there.
  const customerId: string = check.receipt.customerId;
  console.log(customerId);
}
const rejected: ReceiptCheck = checkConsentReceipt(receipt, { now: "2022-07-11T06:10:00Z" });
if (rejected.ok === false) {
  const nothing: null = rejected.receipt;
  console.log(nothing);
}

// An interface-typed receipt (the package's own) is a valid input.
declare const normalized: FinicityReceipt;
checkConsentReceipt(normalized);
const version: string | undefined = normalized.receiptVersion;
console.log(version);

export async function send(): Promise<Response> {
  const request: DwollaRequest = finicityExchange({
    receipt,
    partnerHref,
    customerId: "74a207b2-b7b7-4efa-8bf8-582148e7b980",
    idempotencyKey: "order-1234",
  });
  // headers is a plain record: index it, spread it, pass it to fetch.
  const key: string | undefined = request.headers["Idempotency-Key"];
  console.log(key, request.idempotencyKey?.length);
  const body: string | null = request.body;
  return fetch(request.url, {
    method: request.method,
    headers: { ...request.headers, Authorization: `Bearer ${token}` },
    body,
  });
}

export function more(): void {
  const t = tokenExchange({ partnerHref, token: "processor-sandbox-123" });
  const f = fundingSourceFromExchange({
    customerId: "74a207b2-b7b7-4efa-8bf8-582148e7b980",
    exchangeHref: "https://api-sandbox.dwolla.com/exchanges/1",
    name: "Checking",
    bankAccountType: "checking",
  });
  const s = exchangeSession({
    customerId: "74a207b2-b7b7-4efa-8bf8-582148e7b980",
    partnerName: "Plaid",
    partnerHref,
    platform: "ios",
    redirectUrl: "https://example.com/back",
  });
  console.log(t.url, f.headers, s.body);

  const response = readDwollaResponse({ status: 201, headers: { Location: "https://x/1" } });
  if (response.ok) {
    const id: string | null = response.id;
    console.log(id, response.resource);
  } else {
    const retryAfter: number | null = response.retryAfter;
    const issues: string[] = response.errors.map((e) => e.path);
    console.log(retryAfter, issues, response.code);
  }
  const launch = readExchangeSession("{}");
  if (launch.kind === "plaidLink") console.log(launch.linkToken);
  const issue: Issue | undefined = check.issues[0];
  console.log(issue?.severity === "warning");
}
