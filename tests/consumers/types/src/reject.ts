// Lines that must NOT compile: wrong argument shapes and misuse of results. Each
// `@ts-expect-error` fails the build if the line below it compiles.
import {
  checkConsentReceipt,
  exchangeSession,
  finicityExchange,
  fundingSourceFromExchange,
  readDwollaResponse,
} from "consent-exchange";
// The main entry leaves the Finicity API requests and the reads to their own entries.
// @ts-expect-error: consent-exchange/finicity has it
import { finicityAccessKeyRequest } from "consent-exchange";
// @ts-expect-error: consent-exchange/all has it
import { getExchange } from "consent-exchange";
import { receipt } from "./fixture.js";

declare const partnerHref: string;

// @ts-expect-error partnerHref is required
finicityExchange({ receipt });
// @ts-expect-error receipt is required
finicityExchange({ partnerHref });
// @ts-expect-error environment is a closed set
finicityExchange({ receipt, partnerHref, environment: "staging" });
// @ts-expect-error idempotencyKey is a string
finicityExchange({ receipt, partnerHref, idempotencyKey: 42 });
// @ts-expect-error a receipt is a string or an object, not a number
checkConsentReceipt(42);
// @ts-expect-error options are an object of known members
checkConsentReceipt(receipt, { now: 1 });
fundingSourceFromExchange({
  customerId: "c",
  exchangeHref: "h",
  name: "n",
  // @ts-expect-error bankAccountType is checking or savings
  bankAccountType: "brokerage",
});
// @ts-expect-error platform is web, android or ios
exchangeSession({ customerId: "c", partnerName: "Plaid", partnerHref, platform: "windows" });

const request = finicityExchange({ receipt, partnerHref });
// @ts-expect-error headers is a plain object, not a Map
request.headers.get("Accept");
// @ts-expect-error body may be null
const body: string = request.body;
console.log(body);

const check = checkConsentReceipt(receipt);
// @ts-expect-error the receipt may be null until `ok` is checked
console.log(check.receipt.customerId);

const response = readDwollaResponse({ status: 500 });
// @ts-expect-error `code` exists only on the failure side
console.log(response.code);
// @ts-expect-error status is a number
readDwollaResponse({ status: "200" });
console.log(finicityAccessKeyRequest, getExchange);
