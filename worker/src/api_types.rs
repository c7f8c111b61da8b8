//! The JSON bodies the API accepts, camelCase on the wire. Ids of Finicity resources
//! are digit strings (they exceed 2^53, so a JSON number would already have lost
//! digits in the browser); a number is refused with a type error and its path.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use consent_exchange::Issue;

use crate::api_error::ApiError;

/// `POST /api/demo/customers`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoCustomerBody {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail address.
    pub email: String,
}

/// `POST /api/sessions`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueSessionBody {
    /// The Dwolla customer id (UUID) the session is bound to.
    pub customer_id: String,
    /// Lifetime in seconds (default one hour, at most one day).
    #[serde(default)]
    pub ttl_seconds: Option<u64>,
}

/// `POST /api/finicity/customers`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityCustomerBody {
    /// Unique user name; generated when absent.
    #[serde(default)]
    pub username: Option<String>,
    /// Given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub last_name: Option<String>,
}

/// `POST /api/finicity/connect-url`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectUrlBody {
    /// Finicity customer id (digits).
    pub customer_id: String,
    /// Where Connect returns to.
    #[serde(default)]
    pub redirect_uri: Option<String>,
}

/// `POST /api/finicity/consent-receipts`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentReceiptBody {
    /// Finicity customer id (digits).
    pub customer_id: String,
    /// Finicity account ids (digits).
    pub account_ids: Vec<String>,
    /// Products to consent to (default `moneyTransferDetails`).
    #[serde(default)]
    pub products: Option<Vec<String>>,
    /// How long the consent lasts, in days.
    #[serde(default)]
    pub duration_days: Option<u32>,
}

/// `POST /api/customers/{customerId}/exchanges`: one of four shapes, told apart by
/// which fields are present.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateExchangeBody {
    /// A Finicity receipt, or the whole `accessKey` response, kept as raw JSON text so
    /// that long numeric ids keep their exact digits.
    #[serde(default)]
    pub receipt: Option<Box<RawValue>>,
    /// The partner's name for the token-based kinds.
    #[serde(default)]
    pub partner_name: Option<String>,
    /// A processor or partner token (Plaid/MX processor token, Flinks, Checkout.com).
    #[serde(default)]
    pub token: Option<String>,
    /// MX's available connection token.
    #[serde(default)]
    pub available_connection_token: Option<String>,
    /// Plaid's public token.
    #[serde(default)]
    pub public_token: Option<String>,
    /// The caller's `Idempotency-Key` (1 to 255 printable ASCII characters); without one the key is derived from the request, so a repeat never creates twice.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// The kind of exchange a [`CreateExchangeBody`] asks for.
#[derive(Debug, Clone, PartialEq)]
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

impl CreateExchangeBody {
    /// Decides which kind of exchange the body describes; exactly one must fit.
    pub fn kind(self) -> Result<ExchangeKind, ApiError> {
        let partner = |what: &str| {
            self.partner_name.clone().ok_or_else(|| {
                ApiError::invalid_request(vec![Issue::error(
                    "/partnerName",
                    "required",
                    format!("`partnerName` is required with `{what}`"),
                )])
            })
        };
        match (
            &self.receipt,
            &self.token,
            &self.available_connection_token,
            &self.public_token,
        ) {
            (Some(receipt), None, None, None) => Ok(ExchangeKind::Finicity(receipt_text(receipt))),
            (None, Some(token), None, None) => Ok(ExchangeKind::Token {
                partner_name: partner("token")?,
                token: token.clone(),
            }),
            (None, None, Some(t), None) => Ok(ExchangeKind::Mx(t.clone())),
            (None, None, None, Some(t)) => Ok(ExchangeKind::Plaid(t.clone())),
            _ => Err(ApiError::invalid_request(vec![Issue::error(
                "",
                "oneOf",
                "give exactly one of `receipt`, `token`, `availableConnectionToken` or `publicToken`",
            )])),
        }
    }
}

/// `POST /api/customers/{customerId}/exchange-sessions`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionBody {
    /// `MX`, `Plaid`, `Visa` or `Checkout.com`.
    pub partner_name: String,
    /// `web` (default), `ios` or `android`.
    #[serde(default)]
    pub platform: Option<String>,
    /// Where the provider returns to (Visa; Plaid on mobile).
    #[serde(default)]
    pub redirect_url: Option<String>,
    /// The caller's `Idempotency-Key` (1 to 255 printable ASCII characters); without one every call gets a fresh random key (sessions are single use).
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// `POST /api/exchanges/{exchangeId}/exchange-sessions`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReauthBody {
    /// `web` (default), `ios` or `android`.
    #[serde(default)]
    pub platform: Option<String>,
    /// Where the provider returns to.
    #[serde(default)]
    pub redirect_url: Option<String>,
    /// The caller's `Idempotency-Key` (1 to 255 printable ASCII characters); without one every call gets a fresh random key (sessions are single use).
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// `POST /api/customers/{customerId}/funding-sources`
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingSourceBody {
    /// The exchange's id; or give `exchangeHref`.
    #[serde(default)]
    pub exchange_id: Option<String>,
    /// The exchange's href.
    #[serde(default)]
    pub exchange_href: Option<String>,
    /// The funding source's nickname (at most 50 characters).
    pub name: String,
    /// `checking` or `savings`.
    pub bank_account_type: String,
    /// The caller's `Idempotency-Key` (1 to 255 printable ASCII characters); without one the key is derived from the request, so a repeat never creates twice.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// `POST /api/link-bank`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkBankBody {
    /// Finicity customer id (digits).
    pub finicity_customer_id: String,
    /// Finicity account id (digits).
    pub account_id: String,
    /// The funding source's nickname.
    pub name: String,
    /// `checking` or `savings`.
    pub bank_account_type: String,
    /// How long the consent lasts, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<u32>,
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

/// Whether `s` is a non-empty string of ASCII digits (a Finicity id).
pub fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A 400 `InvalidRequest` unless `value` (at `path`) is a Finicity id.
pub fn require_digits(path: &str, value: &str) -> Result<(), ApiError> {
    if is_digits(value) {
        Ok(())
    } else {
        Err(ApiError::invalid_request(vec![Issue::error(
            path,
            "format",
            "must be a string of digits (a Finicity id)",
        )]))
    }
}
