//! The JSON bodies the worker accepts, camelCase on the wire. Each constraint is a
//! `schemars` attribute on its field: it is published in `/openapi.json` and enforced by
//! [`crate::validate`], which checks a body against that same schema. Ids of Finicity
//! resources are digit strings (they exceed 2^53, so a JSON number would already have
//! lost digits in the browser).

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

#[cfg(feature = "schema")]
use crate::charset as cs;
use crate::error::Issue;
#[cfg(feature = "schema")]
use crate::limits as l;
use crate::whole;

/// `POST /api/demo/customers`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DemoCustomerRequest {
    /// Given name.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_PERSON_NAME_LEN), pattern(cs::NOT_BLANK)))]
    pub first_name: String,
    /// Family name.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_PERSON_NAME_LEN), pattern(cs::NOT_BLANK)))]
    pub last_name: String,
    /// E-mail address (Dwolla checks it further and refuses one already in use).
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_EMAIL_LEN), pattern(cs::EMAIL)))]
    pub email: String,
}

/// `POST /api/sessions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SessionRequest {
    /// The Dwolla customer id (UUID) the session is bound to.
    #[cfg_attr(feature = "schema", schemars(length(min = l::UUID_LEN, max = l::UUID_LEN), pattern(cs::UUID)))]
    pub customer_id: String,
    /// Lifetime in seconds (default one hour, at most one day).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole::option"
    )]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = l::MAX_SESSION_TTL_SECONDS)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub ttl_seconds: Option<u64>,
}

/// `POST /api/finicity/customers`; every member is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FinicityCustomerRequest {
    /// Unique Finicity user name: letters, digits and `! @ . # $ % & * _ - +`;
    /// generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(
        length(min = l::MIN_USERNAME_LEN, max = l::MAX_USERNAME_LEN),
        pattern(cs::USERNAME)
    ))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub username: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = l::MAX_PERSON_NAME_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = l::MAX_PERSON_NAME_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub last_name: Option<String>,
}

/// `POST /api/finicity/connect-url`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ConnectUrlRequest {
    /// Finicity customer id (digits), created through this worker by the session's
    /// customer.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_FINICITY_ID_LEN), pattern(cs::DIGITS)))]
    pub customer_id: String,
    /// Where Connect returns to: one of the worker's `ALLOWED_REDIRECT_URLS`, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_REDIRECT_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub redirect_uri: Option<String>,
}

/// `POST /api/finicity/consent-receipts`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ConsentReceiptRequest {
    /// Finicity customer id (digits).
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_FINICITY_ID_LEN), pattern(cs::DIGITS)))]
    pub customer_id: String,
    /// Finicity account ids (digits), each an account of that customer.
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_ACCOUNT_IDS),
        extend("uniqueItems" = true),
        inner(length(min = 1, max = l::MAX_FINICITY_ID_LEN), pattern(cs::DIGITS))
    ))]
    pub account_ids: Vec<String>,
    /// Products to consent to (default `moneyTransferDetails`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "product_list"))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub products: Option<Vec<String>>,
    /// How long the consent lasts, in days.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole::option"
    )]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = l::MAX_DURATION_DAYS)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub duration_days: Option<u32>,
}

#[cfg(feature = "schema")]
fn product_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["array", "null"],
        "minItems": 1,
        "maxItems": l::MAX_PRODUCTS,
        "uniqueItems": true,
        "items": {"type": "string", "enum": l::PRODUCTS},
    })
}

/// `POST /api/customers/{customerId}/exchanges`: exactly one of `receipt`, `token`,
/// `availableConnectionToken` or `publicToken`; `partnerName` with `token`.
// The members the `oneOf` counts are never null in the schema (`with = "String"`): a
// member that is present is one given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", schemars(extend(
    "oneOf" = [
        {"required": ["receipt"]},
        {"required": ["token"]},
        {"required": ["availableConnectionToken"]},
        {"required": ["publicToken"]}
    ],
    "if" = {"required": ["token"]},
    "then" = {"required": ["partnerName"]}
)))]
pub struct CreateExchangeRequest {
    /// A Finicity consent receipt, or the whole `accessKey` answer, as an object or as
    /// its JSON text. Kept as raw JSON text so that long numeric ids keep every digit;
    /// the library checks it (`InvalidReceipt` with the issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "receipt_schema"))]
    #[cfg_attr(
        feature = "tsify",
        tsify(optional, type = "Record<string, unknown> | string")
    )]
    pub receipt: Option<Box<RawValue>>,
    /// The partner's name, required with `token` (ignored for MX's and Plaid's own
    /// tokens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::PARTNER_NAMES)))]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "PartnerName"))]
    pub partner_name: Option<String>,
    /// A processor or partner token (Plaid/MX processor token, Flinks, Checkout.com).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = 1, max = l::MAX_TOKEN_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub token: Option<String>,
    /// MX's available connection token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = 1, max = l::MAX_TOKEN_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub available_connection_token: Option<String>,
    /// Plaid's public token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = 1, max = l::MAX_TOKEN_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub public_token: Option<String>,
    /// Your own `Idempotency-Key`: send the same key again to repeat the call safely.
    /// Namespaced by the session's customer before it is sent to Dwolla and echoed as
    /// given; without it the key is derived from the request, so a repeat never
    /// creates twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_IDEMPOTENCY_KEY_LEN),
        pattern(cs::PRINTABLE_ASCII)
    ))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub idempotency_key: Option<String>,
}

// `RawValue` compares by text, which is what a request body is.
impl PartialEq for CreateExchangeRequest {
    fn eq(&self, other: &Self) -> bool {
        self.receipt.as_ref().map(|r| r.get()) == other.receipt.as_ref().map(|r| r.get())
            && self.partner_name == other.partner_name
            && self.token == other.token
            && self.available_connection_token == other.available_connection_token
            && self.public_token == other.public_token
            && self.idempotency_key == other.idempotency_key
    }
}

#[cfg(feature = "schema")]
fn receipt_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["object", "string"]})
}

/// `POST /api/customers/{customerId}/exchange-sessions`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionRequest {
    /// The partner whose hosted flow to open (Finicity and Flinks have none).
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::SESSION_PARTNER_NAMES)))]
    #[cfg_attr(feature = "tsify", tsify(type = "PartnerName"))]
    pub partner_name: String,
    /// `web` (default), `ios` or `android`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::PLATFORMS)))]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Platform"))]
    pub platform: Option<String>,
    /// Where the provider returns to (Visa; Plaid on mobile): one of the worker's
    /// `ALLOWED_REDIRECT_URLS`, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_REDIRECT_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub redirect_url: Option<String>,
    /// Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
    /// given; without it every call gets a fresh random key, because exchange
    /// sessions are single use: give one to retry a call safely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_IDEMPOTENCY_KEY_LEN),
        pattern(cs::PRINTABLE_ASCII)
    ))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// `POST /api/exchanges/{exchangeId}/exchange-sessions` (re-authentication; the
/// partner is the exchange's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ReauthRequest {
    /// `web` (default), `ios` or `android`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::PLATFORMS)))]
    #[cfg_attr(feature = "tsify", tsify(optional, type = "Platform"))]
    pub platform: Option<String>,
    /// Where the provider returns to: one of the worker's `ALLOWED_REDIRECT_URLS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_REDIRECT_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub redirect_url: Option<String>,
    /// Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
    /// given; without it every call gets a fresh random key, because exchange
    /// sessions are single use: give one to retry a call safely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_IDEMPOTENCY_KEY_LEN),
        pattern(cs::PRINTABLE_ASCII)
    ))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// `POST /api/customers/{customerId}/funding-sources`: the exchange by `exchangeId` or
/// by `exchangeHref`, one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
// As for exchanges, the two members of the `oneOf` are never null in the schema.
#[cfg_attr(feature = "schema", schemars(extend("oneOf" = [{"required": ["exchangeId"]}, {"required": ["exchangeHref"]}])))]
pub struct FundingSourceRequest {
    /// The exchange's id, an exchange of the session's customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = l::UUID_LEN, max = l::UUID_LEN), pattern(cs::UUID)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub exchange_id: Option<String>,
    /// The exchange's href: `<the worker's Dwolla base>/exchanges/<id>`, exactly
    /// (`InvalidExchangeHref` otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "String", length(min = 1, max = l::MAX_REDIRECT_LEN)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub exchange_href: Option<String>,
    /// The funding source's nickname.
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_FUNDING_SOURCE_NAME_LEN),
        pattern(cs::NOT_BLANK)
    ))]
    pub name: String,
    /// `checking` or `savings`.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::BANK_ACCOUNT_TYPES)))]
    #[cfg_attr(feature = "tsify", tsify(type = "BankAccountType"))]
    pub bank_account_type: String,
    /// Your own `Idempotency-Key`, namespaced by the session's customer and echoed as
    /// given; without it the key is derived from the request, so a repeat never
    /// creates twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_IDEMPOTENCY_KEY_LEN),
        pattern(cs::PRINTABLE_ASCII)
    ))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// `POST /api/link-bank`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LinkBankRequest {
    /// Finicity customer id (digits), created through this worker by the session's
    /// customer.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_FINICITY_ID_LEN), pattern(cs::DIGITS)))]
    pub finicity_customer_id: String,
    /// Finicity account id (digits), an account of that customer.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = l::MAX_FINICITY_ID_LEN), pattern(cs::DIGITS)))]
    pub account_id: String,
    /// The funding source's nickname.
    #[cfg_attr(feature = "schema", schemars(
        length(min = 1, max = l::MAX_FUNDING_SOURCE_NAME_LEN),
        pattern(cs::NOT_BLANK)
    ))]
    pub name: String,
    /// `checking` or `savings`.
    #[cfg_attr(feature = "schema", schemars(extend("enum" = l::BANK_ACCOUNT_TYPES)))]
    #[cfg_attr(feature = "tsify", tsify(type = "BankAccountType"))]
    pub bank_account_type: String,
    /// How long the consent lasts, in days.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole::option"
    )]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = l::MAX_DURATION_DAYS)))]
    #[cfg_attr(feature = "tsify", tsify(optional))]
    pub duration_days: Option<u32>,
}

/// The kind of exchange a [`CreateExchangeRequest`] asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeKind {
    /// From a Finicity consent receipt, as JSON text.
    Finicity(String),
    /// From a partner token.
    Token {
        /// The partner's name.
        partner_name: String,
        /// The token.
        token: String,
    },
    /// From MX's available connection token.
    Mx(String),
    /// From Plaid's public token.
    Plaid(String),
}

impl CreateExchangeRequest {
    /// Which kind of exchange the body describes. A body that passed its schema always
    /// has one; this repeats the schema's `oneOf` and `if`/`then` for a value built in
    /// code, with the same codes and paths.
    pub fn kind(self) -> Result<ExchangeKind, Vec<Issue>> {
        match (
            self.receipt,
            self.token,
            self.available_connection_token,
            self.public_token,
        ) {
            (Some(receipt), None, None, None) => Ok(ExchangeKind::Finicity(receipt_text(&receipt))),
            (None, Some(token), None, None) => match self.partner_name {
                Some(partner_name) => Ok(ExchangeKind::Token {
                    partner_name,
                    token,
                }),
                None => Err(vec![Issue::error(
                    "/partnerName",
                    "required",
                    "`partnerName` is required",
                )]),
            },
            (None, None, Some(t), None) => Ok(ExchangeKind::Mx(t)),
            (None, None, None, Some(t)) => Ok(ExchangeKind::Plaid(t)),
            _ => Err(vec![Issue::error(
                "",
                "oneOf",
                "give exactly one of `receipt`, `token`, `availableConnectionToken`, `publicToken`",
            )]),
        }
    }
}

/// The receipt's JSON text. A receipt sent as a JSON string (text copied from
/// Finicity's answer) is unwrapped once.
pub fn receipt_text(raw: &RawValue) -> String {
    let text = raw.get();
    if text.trim_start().starts_with('"') {
        if let Ok(inner) = serde_json::from_str::<String>(text) {
            return inner;
        }
    }
    text.to_owned()
}

/// `POST /webhooks/dwolla`: a Dwolla event, of which the worker needs the id (and keeps
/// a summary of the rest); the signature covers the exact bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct DwollaWebhookEvent {
    /// The event id.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub id: String,
}
