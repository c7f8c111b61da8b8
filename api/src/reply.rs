//! The JSON bodies the worker answers with (2xx), camelCase on the wire.

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg(feature = "schema")]
use crate::charset as cs;
#[cfg(feature = "schema")]
use crate::limits as l;

/// A created or named resource: `{id, href}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ApiResource {
    /// Its id.
    pub id: String,
    /// Its href.
    #[cfg_attr(feature = "schema", schemars(url))]
    pub href: String,
}

/// `GET /healthz`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct Health {
    /// Always `true`: a worker that is not configured answers 503.
    pub ok: bool,
    /// The worker's version.
    pub version: String,
}

/// `POST /api/demo/customers`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DemoCustomer {
    /// The new Dwolla customer.
    pub customer: ApiResource,
    /// A session token bound to it.
    pub session_token: String,
    /// When the token expires (RFC 3339).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
}

/// `POST /api/sessions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IssuedSession {
    /// A session token bound to the customer.
    pub session_token: String,
    /// When the token expires (RFC 3339).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub expires_at: String,
}

/// `POST /api/finicity/customers`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FinicityCustomer {
    /// The new Finicity customer's id (digits).
    #[cfg_attr(feature = "schema", schemars(pattern(cs::DIGITS)))]
    pub customer_id: String,
}

/// `POST /api/finicity/connect-url`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ConnectUrl {
    /// The Finicity Connect link to open.
    #[cfg_attr(feature = "schema", schemars(url))]
    pub link: String,
}

/// `GET /api/finicity/customers/{customerId}/accounts`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct FinicityAccounts {
    /// The customer's accounts.
    pub accounts: Vec<FinicityAccount>,
}

/// One Finicity account; its number leaves the worker masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FinicityAccount {
    /// The account id (digits).
    #[cfg_attr(feature = "schema", schemars(pattern(cs::DIGITS)))]
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its type as Finicity names it (`checking`, `savings`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// The account number, masked: `****` and the last four characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub number: Option<String>,
    /// The institution's id (digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", pattern(cs::DIGITS)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub institution_id: Option<String>,
}

/// `POST /api/finicity/consent-receipts`: the receipt as Finicity issued it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ConsentReceipt {
    /// The consent receipt.
    #[cfg_attr(feature = "schema", schemars(schema_with = "object"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>"))]
    pub receipt: Value,
    /// Finicity's proof of the receipt, when it sent one.
    #[cfg_attr(feature = "schema", schemars(schema_with = "object_or_null"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown> | null"))]
    pub proof: Value,
}

#[cfg(feature = "schema")]
fn object(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "object"})
}

#[cfg(feature = "schema")]
fn object_or_null(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["object", "null"]})
}

/// `GET /api/exchange-partners`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ExchangePartnerList {
    /// Every partner Dwolla lists.
    pub partners: Vec<ExchangePartnerSummary>,
}

/// One exchange partner as Dwolla lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ExchangePartnerSummary {
    /// Its id.
    pub id: String,
    /// Its name (`Finicity`, `MX`, `Plaid`, ...).
    pub name: String,
    /// Its href.
    pub href: String,
    /// Its status (`active`, ...).
    pub status: String,
}

/// `POST /api/customers/{customerId}/exchanges`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CreatedExchange {
    /// The exchange.
    pub exchange: ApiResource,
    /// The `Idempotency-Key` it was created with: yours when you gave one, else the
    /// one derived from the request.
    pub idempotency_key: String,
}

/// What the browser opens for an exchange session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SessionOpen {
    /// Send the customer to `url` (MX Connect, Visa).
    Redirect {
        /// The provider's page.
        #[cfg_attr(feature = "schema", schemars(url))]
        url: String,
    },
    /// Open Plaid Link with this token.
    PlaidLink {
        /// Plaid's link token.
        #[serde(rename = "linkToken")]
        link_token: String,
    },
    /// Start Checkout.com Flow with this payment session.
    Checkout {
        /// Checkout.com's session data, as Dwolla gave it.
        #[cfg_attr(feature = "tsify", tsify(type = "unknown"))]
        session: Value,
    },
}

/// The exchange-session routes (new and re-authentication).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionResult {
    /// The exchange session.
    pub exchange_session: ApiResource,
    /// What the browser opens.
    pub open: SessionOpen,
}

/// `GET /api/exchanges/{exchangeId}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct ExchangeDetails {
    /// The exchange.
    pub exchange: ExchangeDetail,
}

/// An exchange of the session's customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExchangeDetail {
    /// Its id.
    pub id: String,
    /// Its href on the worker's Dwolla base.
    pub href: String,
    /// `active`, `deactivated` or `removed` as Dwolla says (`unknown` when it says
    /// nothing).
    pub status: String,
    /// The partner's name, when Dwolla's partner list names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub partner_name: Option<String>,
    /// The last webhook about this exchange was `customer_exchange_reauth_required`.
    pub re_authentication_required: bool,
}

/// `POST /api/customers/{customerId}/funding-sources`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CreatedFundingSource {
    /// The funding source.
    pub funding_source: ApiResource,
}

/// `POST /api/link-bank`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LinkBankResult {
    /// The consent receipt as Finicity issued it.
    #[cfg_attr(feature = "schema", schemars(schema_with = "object"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>"))]
    pub receipt: Value,
    /// The exchange.
    pub exchange: ApiResource,
    /// The funding source.
    pub funding_source: ApiResource,
}

/// `GET /api/customers/{customerId}/events`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CustomerEvents {
    /// The last webhook events about the customer, newest first.
    #[cfg_attr(feature = "schema", schemars(length(max = l::EVENTS_PER_CUSTOMER)))]
    pub events: Vec<CustomerEvent>,
    /// Ids of the customer's exchanges whose last webhook asked for
    /// re-authentication.
    pub re_authentication_required: Vec<String>,
}

/// What the worker keeps of one webhook event: enough for the page to act on it, and
/// never the raw body (it names the account and carries upstream hrefs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CustomerEvent {
    /// The event id.
    pub id: String,
    /// The topic, e.g. `customer_exchange_reauth_required`.
    pub topic: String,
    /// When Dwolla created the event (as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub created: Option<String>,
    /// The id of the resource the event is about (an exchange, a funding source...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_id: Option<String>,
    /// The kind of resource: the path segment before its id (`exchanges`,
    /// `funding-sources`, `customers`...), when the resource link has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub resource_type: Option<String>,
    /// The Dwolla customer the event concerns (lower-case UUID).
    #[cfg_attr(feature = "schema", schemars(pattern(cs::UUID)))]
    pub customer_id: String,
}

/// `POST /webhooks/dwolla`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
pub struct WebhookReceived {
    /// Always `true`.
    pub received: bool,
    /// The event id was seen before; nothing was kept again.
    pub duplicate: bool,
}
