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
 * A request to Finicity, as plain data (a `POST`, or the `PUT` of a receipt
 * update, with a JSON body). Add `Finicity-App-Key` (and, after authentication,
 * `Finicity-App-Token`) to `headers` server-side.
 */
export interface FinicityRequest {
    /**
     * The HTTP method.
     */
    method: Method;
    /**
     * The absolute URL.
     */
    url: string;
    /**
     * `Accept` and `Content-Type`; never `Finicity-App-Key` or `Finicity-App-Token`.
     */
    headers: Record<string, string>;
    /**
     * The exact JSON text of the body.
     */
    body: string;
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
 * An exchange as Dwolla describes it.
 */
export interface ExchangeInfo {
    /**
     * The exchange id.
     */
    id: string;
    /**
     * `_links.self.href`.
     */
    href: string | null;
    /**
     * `active`, `deactivated` or `removed` (Dwolla's enum; anything else is kept as
     * sent).
     */
    status: string;
    /**
     * Whether funding sources can be created from it (`status` is `active`).
     */
    active: boolean;
    /**
     * When it was created (RFC 3339, as sent).
     */
    created: string | null;
    /**
     * `_links.exchange-partner.href`.
     */
    partnerHref: string | null;
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
 * Input of `customerExchanges` and `availableExchangeConnections`: a customer id or href.
 */
export interface CustomerReadInput {
    /**
     * The customer's id (a UUID) or its href.
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
 * Input of `finicityAccessKeyRequest`.
 */
export interface AccessKeyInput {
    /**
     * The Finicity customer whose accounts are shared (digits).
     */
    customerId: string;
    /**
     * Your Finicity partner id (digits).
     */
    partnerId: string;
    /**
     * Who receives access (digits); Dwolla's `2445583946651` when absent.
     */
    thirdPartyPartnerId?: string;
    /**
     * The accounts to share (digits each); one product entry per account and product.
     */
    accountIds: string[];
    /**
     * The products to grant; `["moneyTransferDetails"]` when absent.
     */
    products?: string[];
    /**
     * When access starts (RFC 3339 date-time); `now` when absent.
     */
    startTime?: string;
    /**
     * When access ends (RFC 3339 date-time). Give this or `durationDays`, not both.
     */
    endTime?: string;
    /**
     * Days of access from `startTime`; 365 when neither this nor `endTime` is given.
     */
    durationDays?: number;
    /**
     * The partner billed for the third party's calls (digits).
     */
    payorId?: string;
    /**
     * The most calls the third party may make per product.
     */
    maxCalls?: number;
    /**
     * The current instant (RFC 3339); the current time when absent.
     */
    now?: string;
    /**
     * Overrides `https://api.finicity.com` (e.g. a local sandbox).
     */
    baseUrl?: string;
}



/**
 * Input of `finicityAuthenticationRequest`.
 */
export interface AuthenticationInput {
    /**
     * Your Finicity partner id (digits).
     */
    partnerId: string;
    /**
     * Your partner secret. Keep it server-side.
     */
    partnerSecret: string;
    /**
     * Overrides `https://api.finicity.com`.
     */
    baseUrl?: string;
}



/**
 * Input of `finicityConnectUrlRequest`: the commonly used part of Finicity's
 * `ConnectParameters`.
 */
export interface ConnectUrlInput {
    /**
     * Your Finicity partner id (digits).
     */
    partnerId: string;
    /**
     * The Finicity customer (digits).
     */
    customerId: string;
    /**
     * Where Data Connect sends the customer when done (http(s)).
     */
    redirectUri?: string;
    /**
     * Where Finicity posts Connect events (http(s)).
     */
    webhook?: string;
    /**
     * `application/json` (Finicity's default) or `application/xml`.
     */
    webhookContentType?: string;
    /**
     * An experience id, or `default`.
     */
    experience?: string;
    /**
     * `es` or `fr`; English when absent.
     */
    language?: string;
    /**
     * Whether the link expires after one completed session.
     */
    singleUseUrl?: boolean;
    /**
     * Whether Data Connect runs in a WebView (then `redirectUri` is required).
     */
    isWebView?: boolean;
    /**
     * Overrides `https://api.finicity.com`.
     */
    baseUrl?: string;
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
 * Input of `finicityRevokeAccessKeyRequest`.
 */
export interface RevokeAccessKeyInput {
    /**
     * The consent receipt to revoke (`receiptId`, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`).
     */
    receiptId: string;
    /**
     * Overrides `https://api.finicity.com` (e.g. a local sandbox).
     */
    baseUrl?: string;
}



/**
 * Input of `finicityTestingCustomerRequest`: Finicity's `NewCustomer`.
 */
export interface TestingCustomerInput {
    /**
     * Unique username: 6 to 255 of letters, digits and `! @ . # $ % & * _ - +`.
     */
    username: string;
    /**
     * First name.
     */
    firstName?: string;
    /**
     * Last name.
     */
    lastName?: string;
    /**
     * The registered application the customer belongs to.
     */
    applicationId?: string;
    /**
     * Phone number (at most 15 characters).
     */
    phone?: string;
    /**
     * Email address.
     */
    email?: string;
    /**
     * Overrides `https://api.finicity.com`.
     */
    baseUrl?: string;
}



/**
 * Input of `finicityUpdateAccessKeyRequest`: the receipt to update and the new
 * access, as `finicityAccessKeyRequest` takes it.
 */
export interface UpdateAccessKeyInput {
    /**
     * The consent receipt to renew (`receiptId`).
     */
    receiptId: string;
    /**
     * The Finicity customer whose accounts are shared (digits).
     */
    customerId: string;
    /**
     * Your Finicity partner id (digits).
     */
    partnerId: string;
    /**
     * Who receives access (digits); Dwolla's `2445583946651` when absent.
     */
    thirdPartyPartnerId?: string;
    /**
     * The accounts to share (digits each); one product entry per account and product.
     */
    accountIds: string[];
    /**
     * The products to grant; `["moneyTransferDetails"]` when absent.
     */
    products?: string[];
    /**
     * When access starts (RFC 3339 date-time); `now` when absent.
     */
    startTime?: string;
    /**
     * When access ends (RFC 3339 date-time). Give this or `durationDays`, not both.
     */
    endTime?: string;
    /**
     * Days of access from `startTime`; 365 when neither this nor `endTime` is given.
     */
    durationDays?: number;
    /**
     * The partner billed for the third party's calls (digits).
     */
    payorId?: string;
    /**
     * The most calls the third party may make per product.
     */
    maxCalls?: number;
    /**
     * The current instant (RFC 3339); the current time when absent.
     */
    now?: string;
    /**
     * Overrides `https://api.finicity.com` (e.g. a local sandbox).
     */
    baseUrl?: string;
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
 * Input of `getExchangeSession`: the session's id (a UUID) or its href (a `Location`).
 */
export interface GetExchangeSessionInput {
    /**
     * The exchange session's id (a UUID) or its href.
     */
    exchangeSessionId: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
}



/**
 * Input of `getExchange`: the exchange's id (a UUID) or its href.
 */
export interface GetExchangeInput {
    /**
     * The exchange's id (a UUID) or its href (a `Location`, a `_links.*.href`).
     */
    exchangeId: string;
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
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
 * One entry of `GET /exchange-partners`.
 */
export interface ExchangePartner {
    /**
     * The partner's id in this environment (a UUID).
     */
    id: string;
    /**
     * The name as Dwolla lists it, e.g. `Plaid`.
     */
    name: string;
    /**
     * `active` for every partner the spec knows of; kept as given.
     */
    status: string;
    /**
     * `_links.self.href`: what `exchange-partner` links in requests point to.
     */
    href: string;
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
 * One finished MX connection.
 */
export interface AvailableConnection {
    /**
     * The institution's name as MX shows it.
     */
    name: string;
    /**
     * The token for `mxExchange`.
     */
    availableConnectionToken: string;
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
 * The `DELETE` of `finicityRevokeAccessKeyRequest`: a `FinicityRequest` without a
 * body. Add `Finicity-App-Key` and `Finicity-App-Token` to `headers` server-side.
 */
export interface FinicityRevokeRequest {
    /**
     * `DELETE`.
     */
    method: Method;
    /**
     * The absolute URL.
     */
    url: string;
    /**
     * `Accept`; never `Finicity-App-Key` or `Finicity-App-Token`.
     */
    headers: Record<string, string>;
    /**
     * Always `null`.
     */
    body: null;
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
 * Where a read goes: `sandbox` (default) or `production`, or an explicit host.
 */
export interface ReadTarget {
    /**
     * `sandbox` (default) or `production`.
     */
    environment?: Environment;
    /**
     * Overrides the environment's host (e.g. a local sandbox).
     */
    baseUrl?: string;
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



/** An exchange partner's name as Dwolla lists it (the worker compares it case-insensitively). */
export type PartnerName = "Finicity" | "Flinks" | "MX" | "Plaid" | "Visa" | "Checkout.com";



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
 * A Dwolla `ValidationError` detail passed through by the worker.
 */
export interface ClientErrorDetail {
    /**
     * Dwolla's code.
     */
    code: string;
    /**
     * Dwolla's message.
     */
    message: string;
    /**
     * JSON pointer into the request Dwolla received.
     */
    path?: string;
}

/**
 * A created or named resource: `{id, href}`.
 */
export interface ApiResource {
    /**
     * Its id.
     */
    id: string;
    /**
     * Its href.
     */
    href: string;
}

/**
 * An exchange of the session's customer.
 */
export interface ExchangeDetail {
    /**
     * Its id.
     */
    id: string;
    /**
     * Its href on the worker's Dwolla base.
     */
    href: string;
    /**
     * `active`, `deactivated` or `removed` as Dwolla says (`unknown` when it says
     * nothing).
     */
    status: string;
    /**
     * The partner's name, when Dwolla's partner list names it.
     */
    partnerName?: string;
    /**
     * The last webhook about this exchange was `customer_exchange_reauth_required`.
     */
    reAuthenticationRequired: boolean;
}

/**
 * One Finicity account; its number leaves the worker masked.
 */
export interface FinicityAccount {
    /**
     * The account id (digits).
     */
    id: string;
    /**
     * Its name.
     */
    name: string;
    /**
     * Its type as Finicity names it (`checking`, `savings`, ...).
     */
    type: string;
    /**
     * The account number, masked: `****` and the last four characters.
     */
    number?: string;
    /**
     * The institution's id (digits).
     */
    institutionId?: string;
}

/**
 * One exchange partner as Dwolla lists it.
 */
export interface ExchangePartnerSummary {
    /**
     * Its id.
     */
    id: string;
    /**
     * Its name (`Finicity`, `MX`, `Plaid`, ...).
     */
    name: string;
    /**
     * Its href.
     */
    href: string;
    /**
     * Its status (`active`, ...).
     */
    status: string;
}

/**
 * The exchange-session routes (new and re-authentication).
 */
export interface ExchangeSessionResult {
    /**
     * The exchange session.
     */
    exchangeSession: ApiResource;
    /**
     * What the browser opens.
     */
    open: SessionOpen;
}

/**
 * What the browser opens for an exchange session.
 */
export type SessionOpen = { kind: "redirect"; url: string } | { kind: "plaidLink"; linkToken: string } | { kind: "checkout"; session: unknown };

/**
 * What the worker keeps of one webhook event: enough for the page to act on it, and
 * never the raw body (it names the account and carries upstream hrefs).
 */
export interface CustomerEvent {
    /**
     * The event id.
     */
    id: string;
    /**
     * The topic, e.g. `customer_exchange_reauth_required`.
     */
    topic: string;
    /**
     * When Dwolla created the event (as sent).
     */
    created?: string;
    /**
     * The id of the resource the event is about (an exchange, a funding source...).
     */
    resourceId?: string;
    /**
     * The kind of resource: the path segment before its id (`exchanges`,
     * `funding-sources`, `customers`...), when the resource link has one.
     */
    resourceType?: string;
    /**
     * The Dwolla customer the event concerns (lower-case UUID).
     */
    customerId: string;
}

/**
 * `GET /api/customers/{customerId}/events`
 */
export interface CustomerEvents {
    /**
     * The last webhook events about the customer, newest first.
     */
    events: CustomerEvent[];
    /**
     * Ids of the customer's exchanges whose last webhook asked for
     * re-authentication.
     */
    reAuthenticationRequired: string[];
}

/**
 * `GET /api/exchange-partners`
 */
export interface ExchangePartnerList {
    /**
     * Every partner Dwolla lists.
     */
    partners: ExchangePartnerSummary[];
}

/**
 * `GET /api/exchanges/{exchangeId}`
 */
export interface ExchangeDetails {
    /**
     * The exchange.
     */
    exchange: ExchangeDetail;
}

/**
 * `GET /api/finicity/customers/{customerId}/accounts`
 */
export interface FinicityAccounts {
    /**
     * The customer's accounts.
     */
    accounts: FinicityAccount[];
}

/**
 * `GET /healthz`
 */
export interface Health {
    /**
     * Always `true`: a worker that is not configured answers 503.
     */
    ok: boolean;
    /**
     * The worker's version.
     */
    version: string;
}

/**
 * `POST /api/customers/{customerId}/exchange-sessions`
 */
export interface ExchangeSessionRequest {
    /**
     * The partner whose hosted flow to open (Finicity and Flinks have none).
     */
    partnerName: PartnerName;
    /**
     * `web` (default), `ios` or `android`.
     */
    platform?: Platform;
    /**
     * Where the provider returns to (Visa; Plaid on mobile): one of the worker's
     * `ALLOWED_REDIRECT_URLS`, exactly.
     */
    redirectUrl?: string;
    /**
     * Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
     * given; without it every call gets a fresh random key, because exchange
     * sessions are single use: give one to retry a call safely.
     */
    idempotencyKey?: string;
}

/**
 * `POST /api/customers/{customerId}/exchanges`
 */
export interface CreatedExchange {
    /**
     * The exchange.
     */
    exchange: ApiResource;
    /**
     * The `Idempotency-Key` it was created with: yours when you gave one, else the
     * one derived from the request.
     */
    idempotencyKey: string;
}

/**
 * `POST /api/customers/{customerId}/exchanges`: exactly one of `receipt`, `token`,
 * `availableConnectionToken` or `publicToken`; `partnerName` with `token`.
 */
export interface CreateExchangeRequest {
    /**
     * A Finicity consent receipt, or the whole `accessKey` answer, as an object or as
     * its JSON text. Kept as raw JSON text so that long numeric ids keep every digit;
     * the library checks it (`InvalidReceipt` with the issues).
     */
    receipt?: Record<string, unknown> | string;
    /**
     * The partner's name, required with `token` (ignored for MX's and Plaid's own
     * tokens).
     */
    partnerName?: PartnerName;
    /**
     * A processor or partner token (Plaid/MX processor token, Flinks, Checkout.com).
     */
    token?: string;
    /**
     * MX's available connection token.
     */
    availableConnectionToken?: string;
    /**
     * Plaid's public token.
     */
    publicToken?: string;
    /**
     * Your own `Idempotency-Key`: send the same key again to repeat the call safely.
     * Namespaced by the session's customer before it is sent to Dwolla and echoed as
     * given; without it the key is derived from the request, so a repeat never
     * creates twice.
     */
    idempotencyKey?: string;
}

/**
 * `POST /api/customers/{customerId}/funding-sources`
 */
export interface CreatedFundingSource {
    /**
     * The funding source.
     */
    fundingSource: ApiResource;
}

/**
 * `POST /api/customers/{customerId}/funding-sources`: the exchange by `exchangeId` or
 * by `exchangeHref`, one of them.
 */
export interface FundingSourceRequest {
    /**
     * The exchange's id, an exchange of the session's customer.
     */
    exchangeId?: string;
    /**
     * The exchange's href: `<the worker's Dwolla base>/exchanges/<id>`, exactly
     * (`InvalidExchangeHref` otherwise).
     */
    exchangeHref?: string;
    /**
     * The funding source's nickname.
     */
    name: string;
    /**
     * `checking` or `savings`.
     */
    bankAccountType: BankAccountType;
    /**
     * Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
     * given; without it the key is derived from the request, so a repeat never
     * creates twice.
     */
    idempotencyKey?: string;
}

/**
 * `POST /api/demo/customers`
 */
export interface DemoCustomer {
    /**
     * The new Dwolla customer.
     */
    customer: ApiResource;
    /**
     * A session token bound to it.
     */
    sessionToken: string;
    /**
     * When the token expires (RFC 3339).
     */
    expiresAt: string;
}

/**
 * `POST /api/demo/customers`
 */
export interface DemoCustomerRequest {
    /**
     * Given name.
     */
    firstName: string;
    /**
     * Family name.
     */
    lastName: string;
    /**
     * E-mail address (Dwolla checks it further and refuses one already in use).
     */
    email: string;
}

/**
 * `POST /api/exchanges/{exchangeId}/exchange-sessions` (re-authentication; the
 * partner is the exchange's).
 */
export interface ReauthRequest {
    /**
     * `web` (default), `ios` or `android`.
     */
    platform?: Platform;
    /**
     * Where the provider returns to: one of the worker's `ALLOWED_REDIRECT_URLS`.
     */
    redirectUrl?: string;
    /**
     * Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
     * given; without it every call gets a fresh random key, because exchange
     * sessions are single use: give one to retry a call safely.
     */
    idempotencyKey?: string;
}

/**
 * `POST /api/finicity/connect-url`
 */
export interface ConnectUrl {
    /**
     * The Finicity Connect link to open.
     */
    link: string;
}

/**
 * `POST /api/finicity/connect-url`
 */
export interface ConnectUrlRequest {
    /**
     * Finicity customer id (digits), created through this worker by the session's
     * customer.
     */
    customerId: string;
    /**
     * Where Connect returns to: one of the worker's `ALLOWED_REDIRECT_URLS`, exactly.
     */
    redirectUri?: string;
}

/**
 * `POST /api/finicity/consent-receipts`
 */
export interface ConsentReceiptRequest {
    /**
     * Finicity customer id (digits).
     */
    customerId: string;
    /**
     * Finicity account ids (digits), each an account of that customer.
     */
    accountIds: string[];
    /**
     * Products to consent to (default `moneyTransferDetails`).
     */
    products?: string[];
    /**
     * How long the consent lasts, in days.
     */
    durationDays?: number;
}

/**
 * `POST /api/finicity/consent-receipts`: the receipt as Finicity issued it.
 */
export interface ConsentReceipt {
    /**
     * The consent receipt.
     */
    receipt: Record<string, unknown>;
    /**
     * Finicity's proof of the receipt, when it sent one.
     */
    proof: Record<string, unknown> | null;
}

/**
 * `POST /api/finicity/customers`
 */
export interface FinicityCustomer {
    /**
     * The new Finicity customer's id (digits).
     */
    customerId: string;
}

/**
 * `POST /api/finicity/customers`; every member is optional.
 */
export interface FinicityCustomerRequest {
    /**
     * Unique Finicity user name: letters, digits and `! @ . # $ % & * _ - +`;
     * generated when absent.
     */
    username?: string;
    /**
     * Given name.
     */
    firstName?: string;
    /**
     * Family name.
     */
    lastName?: string;
}

/**
 * `POST /api/link-bank`
 */
export interface LinkBankRequest {
    /**
     * Finicity customer id (digits), created through this worker by the session's
     * customer.
     */
    finicityCustomerId: string;
    /**
     * Finicity account id (digits), an account of that customer.
     */
    accountId: string;
    /**
     * The funding source's nickname.
     */
    name: string;
    /**
     * `checking` or `savings`.
     */
    bankAccountType: BankAccountType;
    /**
     * How long the consent lasts, in days.
     */
    durationDays?: number;
}

/**
 * `POST /api/link-bank`
 */
export interface LinkBankResult {
    /**
     * The consent receipt as Finicity issued it.
     */
    receipt: Record<string, unknown>;
    /**
     * The exchange.
     */
    exchange: ApiResource;
    /**
     * The funding source.
     */
    fundingSource: ApiResource;
}

/**
 * `POST /api/sessions`
 */
export interface IssuedSession {
    /**
     * A session token bound to the customer.
     */
    sessionToken: string;
    /**
     * When the token expires (RFC 3339).
     */
    expiresAt: string;
}

/**
 * `POST /api/sessions`
 */
export interface SessionRequest {
    /**
     * The Dwolla customer id (UUID) the session is bound to.
     */
    customerId: string;
    /**
     * Lifetime in seconds (default one hour, at most one day).
     */
    ttlSeconds?: number;
}

/**
 * `POST /webhooks/dwolla`
 */
export interface WebhookReceived {
    /**
     * Always `true`.
     */
    received: boolean;
    /**
     * The event id was seen before; nothing was kept again.
     */
    duplicate: boolean;
}


/**
 * The exchange partners of one environment, from `GET /exchange-partners`.
 */
export class ExchangePartners {
    private constructor();
    free(): void;
    /**
     * The active partner called `name` (case-insensitive; `Mastercard` finds
     * `Finicity`). Throws `PartnerNotFound` naming the partners that exist.
     */
    find(name: string): ExchangePartner;
    /**
     * Every partner, in the order the API listed them.
     */
    list(): ExchangePartner[];
}

/**
 * A client of the consent-exchange worker's API.
 */
export class WorkerClient {
    free(): void;
    /**
     * `POST /api/finicity/consent-receipts`.
     */
    createConsentReceipt(customer_id: string, account_ids: string[]): Promise<ConsentReceipt>;
    /**
     * `POST /api/demo/customers`; keeps the returned session token for later calls.
     */
    createDemoCustomer(input: DemoCustomerRequest): Promise<DemoCustomer>;
    /**
     * `POST /api/customers/{id}/exchange-sessions`.
     */
    createExchangeSession(customer_id: string, input: ExchangeSessionRequest): Promise<ExchangeSessionResult>;
    /**
     * `POST /api/customers/{id}/exchanges`.
     */
    createExchange(customer_id: string, input: CreateExchangeRequest): Promise<CreatedExchange>;
    /**
     * `POST /api/finicity/customers`.
     */
    createFinicityCustomer(input?: FinicityCustomerRequest): Promise<FinicityCustomer>;
    /**
     * `POST /api/customers/{id}/funding-sources`.
     */
    createFundingSource(customer_id: string, input: FundingSourceRequest): Promise<CreatedFundingSource>;
    /**
     * `GET /api/customers/{id}/events`: the webhook events the worker kept about the
     * customer, and which of its exchanges need re-authentication.
     */
    customerEvents(customer_id: string): Promise<CustomerEvents>;
    /**
     * `GET /api/exchange-partners`.
     */
    exchangePartners(): Promise<ExchangePartnerList>;
    /**
     * `GET /api/finicity/customers/{id}/accounts`.
     */
    finicityAccounts(customer_id: string): Promise<FinicityAccounts>;
    /**
     * `POST /api/finicity/connect-url`.
     */
    finicityConnectUrl(customer_id: string, redirect_uri?: string | null): Promise<ConnectUrl>;
    /**
     * `GET /api/exchanges/{id}`.
     */
    getExchange(exchange_id: string): Promise<ExchangeDetails>;
    /**
     * `GET /healthz`.
     */
    health(): Promise<Health>;
    /**
     * `POST /api/link-bank`: receipt → exchange → funding source in one idempotent call.
     */
    linkBank(input: LinkBankRequest): Promise<LinkBankResult>;
    /**
     * A client for the worker at `baseUrl` (e.g. `location.origin`), optionally with a
     * session token for customer-scoped calls.
     */
    constructor(base_url: string, session_token?: string | null);
    /**
     * `POST /api/exchanges/{id}/exchange-sessions` (re-authentication).
     */
    reauthExchangeSession(exchange_id: string, input?: ReauthRequest): Promise<ExchangeSessionResult>;
    /**
     * The session token sent with customer-scoped calls.
     */
    get sessionToken(): string | undefined;
    /**
     * Replaces (or clears) the session token.
     */
    set sessionToken(value: string | null | undefined);
}

/**
 * `GET /exchanges` (the account's own exchanges) as a `DwollaRequest`.
 */
export function accountExchanges(input?: ReadTarget): DwollaRequest;

/**
 * The account-level `POST /funding-sources` from an exchange, as a `DwollaRequest`.
 */
export function accountFundingSourceFromExchange(input: AccountFundingSourceInput): DwollaRequest;

/**
 * `GET /customers/{id}/available-exchange-connections` as a `DwollaRequest`.
 */
export function availableExchangeConnections(input: CustomerReadInput): DwollaRequest;

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
 * `GET /customers/{id}/exchanges` as a `DwollaRequest`.
 */
export function customerExchanges(input: CustomerReadInput): DwollaRequest;

/**
 * Reads a `GET /exchange-partners` body (JSON text or object) into a directory.
 */
export function exchangePartners(response: string | object): ExchangePartners;

/**
 * `POST /customers/{id}/exchange-sessions` as a `DwollaRequest`, with the partner's
 * redirect-URL rules enforced. Throws an `Error` with `code` on bad input.
 */
export function exchangeSession(input: ExchangeSessionInput): DwollaRequest;

/**
 * `POST /aggregation/v1/partners/accessKey` as a `FinicityRequest`; `now` defaults to
 * the current time.
 */
export function finicityAccessKeyRequest(input: AccessKeyInput): FinicityRequest;

/**
 * `POST /aggregation/v2/partners/authentication` as a `FinicityRequest`. Its body
 * holds the partner secret: build and send it server-side only, and never retry a
 * rejected authentication (five failures lock the account).
 */
export function finicityAuthenticationRequest(input: AuthenticationInput): FinicityRequest;

/**
 * `POST /connect/v2/generate` as a `FinicityRequest`.
 */
export function finicityConnectUrlRequest(input: ConnectUrlInput): FinicityRequest;

/**
 * `POST /exchanges` (or `/customers/{id}/exchanges`) for a Finicity consent receipt,
 * checked first. Throws `InvalidReceipt` (with `issues`), `InvalidPartnerHref`,
 * `EnvironmentMismatch`, `InvalidCustomerId`, `InvalidBaseUrl`.
 */
export function finicityExchange(input: FinicityExchangeInput): DwollaRequest;

/**
 * `DELETE /aggregation/v1/partners/accessKey/{receiptId}` as a `FinicityRevokeRequest`
 * (a `FinicityRequest` whose `body` is `null`).
 */
export function finicityRevokeAccessKeyRequest(input: RevokeAccessKeyInput): FinicityRevokeRequest;

/**
 * `POST /aggregation/v2/customers/testing` as a `FinicityRequest`.
 */
export function finicityTestingCustomerRequest(input: TestingCustomerInput): FinicityRequest;

/**
 * `PUT /aggregation/v1/partners/accessKey/{receiptId}` as a `FinicityRequest`, with the
 * body of `finicityAccessKeyRequest`; `now` defaults to the current time.
 */
export function finicityUpdateAccessKeyRequest(input: UpdateAccessKeyInput): FinicityRequest;

/**
 * The Flinks token Dwolla wants: base64 of `authSecret:accessToken`.
 */
export function flinksToken(authSecret: string, accessToken: string): string;

/**
 * `POST /customers/{id}/funding-sources` from an exchange, as a `DwollaRequest`.
 */
export function fundingSourceFromExchange(input: ExchangeFundingSourceInput): DwollaRequest;

/**
 * `GET /exchanges/{id}` as a `DwollaRequest`. Throws `InvalidExchangeId`,
 * `EnvironmentMismatch`, `InvalidBaseUrl`.
 */
export function getExchange(input: GetExchangeInput): DwollaRequest;

/**
 * `GET /exchange-sessions/{id}` as a `DwollaRequest`; read the answer with
 * `readExchangeSession`.
 */
export function getExchangeSession(input: GetExchangeSessionInput): DwollaRequest;

/**
 * An MX open-banking exchange for a customer.
 */
export function mxExchange(input: MxExchangeInput): DwollaRequest;

/**
 * A Plaid open-banking exchange for a customer.
 */
export function plaidExchange(input: PlaidExchangeInput): DwollaRequest;

/**
 * Reads `GET /customers/{id}/available-exchange-connections`.
 */
export function readAvailableConnections(body: string | object): AvailableConnection[];

/**
 * `{ ok: true, status, location, id, resource }` for a 2xx, else `{ ok: false, status,
 * code, message, errors, retryable, retryAfter, about }`. Copes with HTML, empty and
 * truncated bodies; throws only when the argument itself has the wrong shape.
 */
export function readDwollaResponse(input: ResponseInput): DwollaResponse;

/**
 * Reads `GET /exchanges/{id}`: `{id, href, status, active, created, partnerHref}`.
 * Throws `InvalidResourceBody`.
 */
export function readExchange(body: string | object): ExchangeInfo;

/**
 * What to open for a retrieved exchange session (`GET /exchange-sessions/{id}`), given
 * its body as JSON text or as an object.
 */
export function readExchangeSession(body: string | object): SessionLaunch;

/**
 * Reads an exchange list (`GET /customers/{id}/exchanges`, `GET /exchanges`).
 */
export function readExchanges(body: string | object): ExchangeInfo[];

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

/**
 * Whether `signatureHex` (the `X-Request-Signature-SHA-256` header) is the HMAC-SHA256
 * of the raw body under the webhook secret, compared in constant time. A missing or
 * malformed signature is `false`.
 */
export function verifyWebhookSignature(body: string | Uint8Array | ArrayBuffer, signature: string | null | undefined, secret: string | Uint8Array): boolean;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_exchangepartners_free: (a: number, b: number) => void;
    readonly __wbg_workerclient_free: (a: number, b: number) => void;
    readonly accountExchanges: (a: number) => [number, number, number];
    readonly accountFundingSourceFromExchange: (a: any) => [number, number, number];
    readonly availableExchangeConnections: (a: any) => [number, number, number];
    readonly cardFundingSource: (a: any) => [number, number, number];
    readonly checkConsentReceipt: (a: any, b: number) => [number, number, number];
    readonly customerExchanges: (a: any) => [number, number, number];
    readonly exchangePartners: (a: any) => [number, number, number];
    readonly exchangeSession: (a: any) => [number, number, number];
    readonly exchangepartners_find: (a: number, b: any) => [number, number, number];
    readonly exchangepartners_list: (a: number) => [number, number, number];
    readonly finicityAccessKeyRequest: (a: any) => [number, number, number];
    readonly finicityAuthenticationRequest: (a: any) => [number, number, number];
    readonly finicityConnectUrlRequest: (a: any) => [number, number, number];
    readonly finicityExchange: (a: any) => [number, number, number];
    readonly finicityRevokeAccessKeyRequest: (a: any) => [number, number, number];
    readonly finicityTestingCustomerRequest: (a: any) => [number, number, number];
    readonly finicityUpdateAccessKeyRequest: (a: any) => [number, number, number];
    readonly flinksToken: (a: any, b: any) => [number, number, number, number];
    readonly fundingSourceFromExchange: (a: any) => [number, number, number];
    readonly getExchange: (a: any) => [number, number, number];
    readonly getExchangeSession: (a: any) => [number, number, number];
    readonly mxExchange: (a: any) => [number, number, number];
    readonly plaidExchange: (a: any) => [number, number, number];
    readonly readAvailableConnections: (a: any) => [number, number, number];
    readonly readDwollaResponse: (a: any) => [number, number, number];
    readonly readExchange: (a: any) => [number, number, number];
    readonly readExchangeSession: (a: any) => [number, number, number];
    readonly readExchanges: (a: any) => [number, number, number];
    readonly readVisaRedirect: (a: any) => [number, number, number];
    readonly reauthExchangeSession: (a: any) => [number, number, number];
    readonly tokenExchange: (a: any) => [number, number, number];
    readonly verifyWebhookSignature: (a: any, b: any, c: any) => [number, number, number];
    readonly workerclient_createConsentReceipt: (a: number, b: number, c: number, d: number, e: number) => any;
    readonly workerclient_createDemoCustomer: (a: number, b: any) => any;
    readonly workerclient_createExchange: (a: number, b: number, c: number, d: any) => any;
    readonly workerclient_createExchangeSession: (a: number, b: number, c: number, d: any) => any;
    readonly workerclient_createFinicityCustomer: (a: number, b: number) => any;
    readonly workerclient_createFundingSource: (a: number, b: number, c: number, d: any) => any;
    readonly workerclient_customerEvents: (a: number, b: number, c: number) => any;
    readonly workerclient_exchangePartners: (a: number) => any;
    readonly workerclient_finicityAccounts: (a: number, b: number, c: number) => any;
    readonly workerclient_finicityConnectUrl: (a: number, b: number, c: number, d: number, e: number) => any;
    readonly workerclient_getExchange: (a: number, b: number, c: number) => any;
    readonly workerclient_health: (a: number) => any;
    readonly workerclient_linkBank: (a: number, b: any) => any;
    readonly workerclient_new: (a: number, b: number, c: number, d: number) => number;
    readonly workerclient_reauthExchangeSession: (a: number, b: number, c: number, d: number) => any;
    readonly workerclient_sessionToken: (a: number) => [number, number];
    readonly workerclient_set_sessionToken: (a: number, b: number, c: number) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
