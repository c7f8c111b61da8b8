/* tslint:disable */
/* eslint-disable */

/**
 * A 2xx answer.
 */
export interface ResponseSuccess {
    /**
     * Always `true`.
     */
    ok: true;
    /**
     * The HTTP status (201 for a create, 200 for a read).
     */
    status: number;
    /**
     * The `Location` header of a 201: the created resource's href; else `null`.
     */
    location: string | null;
    /**
     * The last path segment of `location`: the created resource's id; else `null`.
     */
    id: string | null;
    /**
     * The parsed body of a 2xx with a JSON body, else `null`.
     */
    resource: unknown;
}



/**
 * A receipt with at least one error.
 */
export interface ReceiptRejected {
    /**
     * `false`: at least one issue is an error.
     */
    ok: false;
    /**
     * Always `null`.
     */
    receipt: null;
    /**
     * Every problem found, errors and warnings, in input order.
     */
    issues: Issue[];
}



/**
 * A receipt without errors (warnings may remain in `issues`).
 */
export interface ReceiptAccepted {
    /**
     * `true`: no issue is an error.
     */
    ok: true;
    /**
     * The normalized receipt, ready for `finicityExchange` or Dwolla's `finicity`.
     */
    receipt: FinicityReceipt;
    /**
     * Warnings, in input order.
     */
    issues: Issue[];
}



/**
 * A request to send to Dwolla, as plain data: `fetch(req.url, { method: req.method,
 * headers: { ...req.headers, Authorization: `Bearer ${token}` }, body: req.body })`.
 *
 * `headers` always holds `Accept: application/vnd.dwolla.v1.hal+json`; a `POST` also
 * holds `Content-Type` and `Idempotency-Key`.
 */
export interface DwollaRequest {
    /**
     * The HTTP method.
     */
    method: Method;
    /**
     * The absolute URL.
     */
    url: string;
    /**
     * Header names and values (a plain object); never `Authorization`.
     */
    headers: Record<string, string>;
    /**
     * The exact JSON text of the body, or `null` for requests without one.
     */
    body: string | null;
    /**
     * The `Idempotency-Key` header's value for a `POST`, else `null`.
     */
    idempotencyKey: string | null;
}



/**
 * Anything but a usable 2xx answer.
 */
export interface ResponseFailure {
    /**
     * Always `false`.
     */
    ok: false;
    /**
     * The HTTP status; 0 when no answer arrived.
     */
    status: number;
    /**
     * Dwolla's top-level code (`ValidationError`, `NotFound`, `UpdateCredentials`...),
     * or one derived from the status when the body has none.
     */
    code: string;
    /**
     * Dwolla's message, or a description of what arrived instead.
     */
    message: string;
    /**
     * Field-level errors, from either error shape.
     */
    errors: FieldError[];
    /**
     * Whether sending the same request again (with the same idempotency key) may
     * succeed: 5xx, 408, 429, no answer at all, or an unreadable 2xx.
     */
    retryable: boolean;
    /**
     * `Retry-After` in seconds when Dwolla sent it as a number, else `null`.
     */
    retryAfter: number | null;
    /**
     * `_links.about.href` (e.g. where to create a re-authentication session after
     * `UpdateCredentials`), else `null`.
     */
    about: string | null;
}



/**
 * HTTP method of a built request.
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE";



/**
 * How bad an `Issue` is: errors make the input unusable, warnings do not.
 */
export type Severity = "error" | "warning";



/**
 * Input of `accountFundingSourceFromExchange`: the account's own bank, verified
 * through an exchange created with `POST /exchanges`.
 */
export interface AccountFundingSourceInput {
    /**
     * The account exchange's href (the `Location` of `POST /exchanges`).
     */
    exchangeHref: string;
    /**
     * A nickname for the account, 1 to 50 characters.
     */
    name: string;
    /**
     * `checking` or `savings`.
     */
    bankAccountType: BankAccountType;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent.
     */
    idempotencyKey?: string;
}



/**
 * Input of `cardFundingSource`.
 */
export interface CardFundingSourceInput {
    /**
     * The Dwolla customer (a UUID).
     */
    customerId: string;
    /**
     * The card token from Checkout.com's tokenization (`src_...`).
     */
    cardToken: string;
    /**
     * A nickname for the card, 1 to 50 characters.
     */
    name: string;
    /**
     * The card's billing address.
     */
    billingAddress: BillingAddress;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent.
     */
    idempotencyKey?: string;
}



/**
 * Input of `exchangeSession`.
 */
export interface ExchangeSessionInput {
    /**
     * The Dwolla customer (a UUID).
     */
    customerId: string;
    /**
     * The partner's name as Dwolla lists it (`Visa`, `Plaid`, `MX`, `Checkout.com`);
     * case-insensitive. Decides which redirect-URL rules apply.
     */
    partnerName: string;
    /**
     * The partner's `_links.self.href` from `GET /exchange-partners`.
     */
    partnerHref: string;
    /**
     * `web` (default), `android` or `ios`.
     */
    platform?: Platform;
    /**
     * Where the partner sends the customer back (Visa; Plaid on mobile).
     */
    redirectUrl?: string;
    /**
     * The redirect URLs configured for the Dwolla account; when given, an http(s)
     * redirect URL must equal one of them exactly, as Dwolla requires.
     */
    allowedRedirectUrls?: string[];
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent.
     */
    idempotencyKey?: string;
}



/**
 * Input of `finicityExchange`.
 */
export interface FinicityExchangeInput {
    /**
     * The consent receipt, in any form `checkConsentReceipt` takes.
     */
    receipt: ReceiptInput;
    /**
     * The Finicity exchange partner's href.
     */
    partnerHref: string;
    /**
     * A customer (UUID) for `POST /customers/{id}/exchanges`; `POST /exchanges` (the
     * account's own exchange) when absent.
     */
    customerId?: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent, so a retry of the
     * same exchange carries the same key.
     */
    idempotencyKey?: string;
    /**
     * RFC 3339 instant to check the receipt against; the current time by default.
     */
    now?: string;
    /**
     * Accept epoch numbers in the receipt's time fields.
     */
    allowEpochTimes?: boolean;
    /**
     * The partner id (digits) the receipt must be issued to: Dwolla's Mastercard
     * partner id `2445583946651` by default; `""` skips the check.
     */
    dwollaPartnerId?: string;
}



/**
 * Input of `fundingSourceFromExchange`.
 */
export interface ExchangeFundingSourceInput {
    /**
     * The Dwolla customer (a UUID).
     */
    customerId: string;
    /**
     * The exchange's href (the `Location` of `POST .../exchanges`).
     */
    exchangeHref: string;
    /**
     * A nickname for the account, 1 to 50 characters.
     */
    name: string;
    /**
     * `checking` or `savings`.
     */
    bankAccountType: BankAccountType;
    /**
     * An on-demand authorization's href, for accounts that will be debited later.
     */
    onDemandAuthorizationHref?: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent.
     */
    idempotencyKey?: string;
}



/**
 * Input of `mxExchange`.
 */
export interface MxExchangeInput {
    /**
     * The MX exchange partner's href.
     */
    partnerHref: string;
    /**
     * MX's `availableConnectionToken`.
     */
    availableConnectionToken: string;
    /**
     * The customer (UUID).
     */
    customerId: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent, so a retry of the
     * same exchange carries the same key.
     */
    idempotencyKey?: string;
}



/**
 * Input of `plaidExchange`.
 */
export interface PlaidExchangeInput {
    /**
     * The Plaid exchange partner's href.
     */
    partnerHref: string;
    /**
     * Plaid Link's `public_token`.
     */
    publicToken: string;
    /**
     * The customer (UUID).
     */
    customerId: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent, so a retry of the
     * same exchange carries the same key.
     */
    idempotencyKey?: string;
}



/**
 * Input of `reauthExchangeSession`.
 */
export interface ReauthExchangeSessionInput {
    /**
     * The exchange whose connection needs refreshing (a UUID).
     */
    exchangeId: string;
    /**
     * The exchange's partner, when known: its rules then apply as for a new session.
     */
    partnerName?: string;
    /**
     * `web` (default), `android` or `ios`.
     */
    platform?: Platform;
    /**
     * Where the partner sends the customer back.
     */
    redirectUrl?: string;
    /**
     * As in `ExchangeSessionInput.allowedRedirectUrls`.
     */
    allowedRedirectUrls?: string[];
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent.
     */
    idempotencyKey?: string;
}



/**
 * Input of `tokenExchange` (Plaid/MX processor tokens, Flinks, Checkout.com `pay_…`);
 * its members other than `token` are those of every exchange.
 */
export interface TokenExchangeInput {
    /**
     * The exchange partner's href, from `GET /exchange-partners`.
     */
    partnerHref: string;
    /**
     * The partner's token.
     */
    token: string;
    /**
     * A customer (UUID) for `POST /customers/{id}/exchanges`; `POST /exchanges` (the
     * account's own exchange) when absent.
     */
    customerId?: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
    /**
     * The `Idempotency-Key`; derived from the request when absent, so a retry of the
     * same exchange carries the same key.
     */
    idempotencyKey?: string;
}



/**
 * One field-level problem Dwolla reported (`_embedded.errors[]`).
 */
export interface FieldError {
    /**
     * Dwolla's code, e.g. `Required`, `Invalid`, `InvalidFormat`.
     */
    code: string;
    /**
     * Dwolla's message.
     */
    message: string;
    /**
     * JSON pointer into the request body (`/firstName`); empty when Dwolla gave none.
     */
    path: string;
}



/**
 * One granted product of a `FinicityReceipt`.
 */
export interface ReceiptProduct {
    /**
     * The product, e.g. `moneyTransferDetails`.
     */
    product: string;
    /**
     * Finicity's account id: digits, byte-for-byte as received.
     */
    accountId: string;
    /**
     * When access is granted.
     */
    accessPeriod: AccessPeriod;
}



/**
 * One problem found in an input, located by a JSON pointer into the input as given.
 */
export interface Issue {
    /**
     * JSON pointer (RFC 6901) into the input, e.g. `/products/0/accessPeriod/endTime`.
     */
    path: string;
    /**
     * Stable machine code, e.g. `required`, `type`, `expired`.
     */
    code: string;
    /**
     * Human-readable explanation.
     */
    message: string;
    /**
     * Whether the issue makes the input unusable.
     */
    severity: Severity;
}



/**
 * Options of `checkConsentReceipt`; every member is optional.
 */
export interface CheckOptions {
    /**
     * RFC 3339 instant to check against; the current time by default.
     */
    now?: string;
    /**
     * Accept epoch numbers in time fields (converted to RFC 3339 UTC); false by default.
     */
    allowEpochTimes?: boolean;
    /**
     * Products the receipt must grant; `["moneyTransferDetails"]` by default.
     */
    requiredProducts?: string[];
    /**
     * Tolerance for clocks running ahead, in seconds; 300 by default.
     */
    clockSkewSeconds?: number;
    /**
     * The partner id (digits) the receipt must be issued to: Dwolla's Mastercard
     * partner id `2445583946651` by default; `""` skips the check.
     */
    dwollaPartnerId?: string;
}



/**
 * The `finicity` object of Dwolla's `CreateFinicitySecureExchange`, exactly its fields.
 */
export interface FinicityReceipt {
    /**
     * The receipt profile (3 for third-party access).
     */
    profile: number;
    /**
     * The receipt schema version, as a string.
     */
    version: string;
    /**
     * The consent receipt id, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`.
     */
    receiptId: string;
    /**
     * The receipt version, as a string; absent (as Dwolla wants it) when the receipt
     * has none.
     */
    receiptVersion?: string;
    /**
     * Finicity's customer id: digits, byte-for-byte as received.
     */
    customerId: string;
    /**
     * The recipient's Finicity partner id (a JSON integer, at most 2^53 - 1).
     */
    partnerId: number;
    /**
     * The granted products.
     */
    products: ReceiptProduct[];
    /**
     * When the receipt was issued, as received (or normalized from an epoch).
     */
    timestamp: string;
}



/**
 * The billing address of a debit card, as Dwolla's `cardDetails.billingAddress`.
 */
export interface BillingAddress {
    /**
     * Street address, 1 to 50 characters.
     */
    address1: string;
    /**
     * Second line, up to 100 characters.
     */
    address2?: string;
    /**
     * Third line, up to 100 characters.
     */
    address3?: string;
    /**
     * City, 1 to 50 characters.
     */
    city: string;
    /**
     * Two-letter state, province or region code (`TX`).
     */
    stateProvinceRegion: string;
    /**
     * Two-letter ISO 3166-1 country code (`US`).
     */
    country: string;
    /**
     * Postal or ZIP code.
     */
    postalCode: string;
}



/**
 * The kind of bank account behind an exchange.
 */
export type BankAccountType = "checking" | "savings";



/**
 * The validity window of a `ReceiptProduct`.
 */
export interface AccessPeriod {
    /**
     * The period type, `timeframe` in every receipt seen so far.
     */
    type: string;
    /**
     * RFC 3339 date or date-time, as received (or normalized from an epoch).
     */
    startTime: string;
    /**
     * RFC 3339 date or date-time, as received (or normalized from an epoch).
     */
    endTime: string;
}



/**
 * What `readDwollaResponse` takes: a `fetch` response's parts.
 */
export interface ResponseInput {
    /**
     * The HTTP status; 0 when the request got no answer.
     */
    status: number;
    /**
     * `Object.fromEntries(response.headers)` or `[...response.headers]`.
     */
    headers?: Record<string, string> | [string, string][];
    /**
     * The body as text (`await response.text()`), or already parsed.
     */
    body?: string | object | null;
}



/**
 * Where the customer runs the flow; only Plaid's rules depend on it.
 */
export type Platform = "web" | "android" | "ios";



/**
 * Which Dwolla environment a request targets; `sandbox` when absent.
 */
export type Environment = "sandbox" | "production";



/** A consent receipt as JSON text, a receipt object (a `FinicityReceipt` too), `{receipt,
 * proof}`, or the whole `accessKey` response `{data: [{receipt, proof}]}`. */
export type ReceiptInput = string | object;



/** The outcome of `checkConsentReceipt`: narrow on `ok` to get the receipt. */
export type ReceiptCheck = ReceiptAccepted | ReceiptRejected;



/** What a Dwolla response means: narrow on `ok`. */
export type DwollaResponse = ResponseSuccess | ResponseFailure;



/** What the browser opens for a retrieved exchange session. */
export type SessionLaunch =
| { kind: "redirect"; url: string }
| { kind: "plaidLink"; linkToken: string }
| { kind: "checkout"; session: unknown };

/** Where Visa's flow ended, from the redirect back to the application. */
export type VisaRedirect = { exchangeId: string } | { error: string };



/**
 * The account-level `POST /funding-sources` from an exchange, as a `DwollaRequest`.
 */
export function accountFundingSourceFromExchange(input: AccountFundingSourceInput): DwollaRequest;

/**
 * `POST /customers/{id}/funding-sources` for a Checkout.com-tokenized debit card.
 */
export function cardFundingSource(input: CardFundingSourceInput): DwollaRequest;

/**
 * Checks a Finicity consent receipt and normalizes it into Dwolla's `finicity` object.
 * Never throws: every problem is in `issues`, each with a JSON pointer into `input`.
 */
export function checkConsentReceipt(input: ReceiptInput, options?: CheckOptions): ReceiptCheck;

/**
 * `POST /customers/{id}/exchange-sessions` as a `DwollaRequest`, with the partner's
 * redirect-URL rules enforced. Throws an `Error` with `code` on bad input.
 */
export function exchangeSession(input: ExchangeSessionInput): DwollaRequest;

/**
 * `POST /exchanges` (or `/customers/{id}/exchanges`) for a Finicity consent receipt,
 * checked first. Throws `InvalidReceipt` (with `issues`), `InvalidPartnerHref`,
 * `EnvironmentMismatch`, `InvalidCustomerId`, `InvalidBaseUrl`.
 */
export function finicityExchange(input: FinicityExchangeInput): DwollaRequest;

/**
 * The Flinks token Dwolla wants: base64 of `authSecret:accessToken`.
 */
export function flinksToken(authSecret: string, accessToken: string): string;

/**
 * `POST /customers/{id}/funding-sources` from an exchange, as a `DwollaRequest`.
 */
export function fundingSourceFromExchange(input: ExchangeFundingSourceInput): DwollaRequest;

/**
 * An MX open-banking exchange for a customer.
 */
export function mxExchange(input: MxExchangeInput): DwollaRequest;

/**
 * A Plaid open-banking exchange for a customer.
 */
export function plaidExchange(input: PlaidExchangeInput): DwollaRequest;

/**
 * `{ ok: true, status, location, id, resource }` for a 2xx, else `{ ok: false, status,
 * code, message, errors, retryable, retryAfter, about }`. Copes with HTML, empty and
 * truncated bodies; throws only when the argument itself has the wrong shape.
 */
export function readDwollaResponse(input: ResponseInput): DwollaResponse;

/**
 * What to open for a retrieved exchange session (`GET /exchange-sessions/{id}`), given
 * its body as JSON text or as an object.
 */
export function readExchangeSession(body: string | object): SessionLaunch;

/**
 * Reads Visa's redirect back to the application: `{ exchangeId }` or `{ error }`.
 */
export function readVisaRedirect(url: string): VisaRedirect;

/**
 * `POST /exchanges/{id}/exchange-sessions` (re-authentication) as a `DwollaRequest`.
 */
export function reauthExchangeSession(input: ReauthExchangeSessionInput): DwollaRequest;

/**
 * A token-based exchange (`{"_links":…,"token":"…"}`).
 */
export function tokenExchange(input: TokenExchangeInput): DwollaRequest;
