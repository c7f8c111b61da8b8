//! The typed client of the edge worker's JSON API, pure part: the request and answer
//! types (serde structs; tsify writes their TypeScript from the same serde attributes), the routes, and reading an
//! answer into a value or a [`ClientError`]. Sending is done by the JS boundary
//! (`src/js/client.rs`, gloo-net); everything here is testable natively.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::CodedError;
use crate::issue::Issue;

/// A created resource: `{id, href}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ApiResource {
    /// Its id.
    pub id: String,
    /// Its href.
    pub href: String,
}

/// Body of `POST /api/link-bank`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LinkBankRequest {
    /// Finicity customer id (digits, as a string).
    pub finicity_customer_id: String,
    /// Finicity account id (digits, as a string).
    pub account_id: String,
    /// Funding source nickname (1 to 50 characters).
    pub name: String,
    /// `checking` or `savings` (the worker checks it).
    #[cfg_attr(feature = "js", tsify(type = "BankAccountType"))]
    pub bank_account_type: String,
    /// Days of consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub duration_days: Option<u32>,
}

/// Answer of `POST /api/link-bank`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LinkBankResult {
    /// The consent receipt as Finicity issued it.
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub receipt: Value,
    /// The exchange.
    pub exchange: ApiResource,
    /// The funding source.
    pub funding_source: ApiResource,
}

/// Body of `POST /api/customers/{id}/exchanges`: exactly one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CreateExchangeRequest {
    /// A Finicity receipt (or the whole accessKey answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "unknown"))]
    pub receipt: Option<Value>,
    /// The partner's name, for tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "PartnerName"))]
    pub partner_name: Option<String>,
    /// A partner or processor token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub token: Option<String>,
    /// MX's available connection token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub available_connection_token: Option<String>,
    /// Plaid's public token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub public_token: Option<String>,
    /// Your own `Idempotency-Key` (1 to 255 printable ASCII characters): send the same
    /// key again to repeat the call safely; the worker chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// Answer of `POST /api/customers/{id}/exchanges`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CreatedExchange {
    /// The exchange.
    pub exchange: ApiResource,
    /// The `Idempotency-Key` it was created with.
    pub idempotency_key: String,
}

/// Body of the exchange-session routes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionRequest {
    /// `MX`, `Plaid`, `Visa` or `Checkout.com`; required for a new session, ignored for
    /// re-authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "PartnerName"))]
    pub partner_name: Option<String>,
    /// `web` (default), `ios` or `android`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "Platform"))]
    pub platform: Option<String>,
    /// Where the provider returns to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub redirect_url: Option<String>,
    /// Your own `Idempotency-Key` (1 to 255 printable ASCII characters): send the same
    /// key again to repeat the call safely; the worker chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// Answer of the exchange-session routes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionResult {
    /// The exchange session.
    pub exchange_session: ApiResource,
    /// What the browser opens.
    #[cfg_attr(
        feature = "js",
        tsify(
            type = "{ kind: \"redirect\"; url: string } | { kind: \"plaidLink\"; linkToken: string } | { kind: \"checkout\"; session: unknown }"
        )
    )]
    pub open: Value,
}

/// Body of `POST /api/customers/{id}/funding-sources`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FundingSourceRequest {
    /// The exchange's id, or give `exchangeHref`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub exchange_id: Option<String>,
    /// The exchange's href.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub exchange_href: Option<String>,
    /// Nickname.
    pub name: String,
    /// `checking` or `savings` (the worker checks it).
    #[cfg_attr(feature = "js", tsify(type = "BankAccountType"))]
    pub bank_account_type: String,
    /// Your own `Idempotency-Key` (1 to 255 printable ASCII characters): send the same
    /// key again to repeat the call safely; the worker chooses one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub idempotency_key: Option<String>,
}

/// Body of `POST /api/finicity/customers`; every member is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FinicityCustomerRequest {
    /// Finicity username (6 to 255 characters); generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub username: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub last_name: Option<String>,
}

/// Body of `POST /api/demo/customers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DemoCustomerRequest {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
}

/// Answer of `POST /api/demo/customers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DemoCustomer {
    /// The Dwolla customer.
    pub customer: ApiResource,
    /// A session token bound to it.
    pub session_token: String,
    /// When the token expires (RFC 3339).
    pub expires_at: String,
}

/// A Dwolla `ValidationError` detail passed through by the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ClientErrorDetail {
    /// Dwolla's code.
    pub code: String,
    /// Dwolla's message.
    pub message: String,
    /// JSON pointer into the request Dwolla received.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub path: Option<String>,
}

/// An error answer of the worker, or a failure to reach it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientError {
    /// The worker's code (`Unauthenticated`, `InvalidReceipt`, ...), or `NetworkError` /
    /// `InvalidResponse` when no usable answer arrived.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// HTTP status; 0 when no answer arrived.
    pub status: u16,
    /// Whether repeating the call may succeed.
    pub retryable: bool,
    /// Validation issues.
    pub issues: Vec<Issue>,
    /// Dwolla's details.
    pub errors: Vec<ClientErrorDetail>,
    /// For link-bank, the failed step.
    pub step: Option<String>,
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClientError {}

impl CodedError for ClientError {
    fn code(&self) -> &'static str {
        // Codes come from the worker at run time; the JS boundary uses `self.code`.
        "WorkerError"
    }

    fn issues(&self) -> &[Issue] {
        &self.issues
    }
}

#[derive(Deserialize)]
struct Envelope {
    error: WireError,
}

#[derive(Deserialize)]
struct WireIssue {
    path: String,
    code: String,
    message: String,
    #[serde(default)]
    severity: Option<String>,
}

#[derive(Deserialize)]
struct WireError {
    code: String,
    message: String,
    #[serde(default)]
    retryable: bool,
    #[serde(default)]
    issues: Vec<WireIssue>,
    #[serde(default)]
    errors: Vec<ClientErrorDetail>,
    #[serde(default)]
    step: Option<String>,
}

impl ClientError {
    /// No answer arrived (network failure, CORS refusal).
    pub fn network(message: impl Into<String>) -> Self {
        Self {
            code: "NetworkError".into(),
            message: message.into(),
            retryable: true,
            ..Self::default()
        }
    }
}

/// Joins the worker's base URL and an API path.
pub fn endpoint(base_url: &str, path: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), path)
}

/// Percent-encodes one path segment (ids are UUIDs or digits; anything else is escaped
/// so it cannot change the route). `None` for an empty, `.` or `..` segment: URL parsers
/// resolve those even when percent-encoded (`%2E%2E`), so no encoding keeps them in place.
pub fn segment(s: &str) -> Option<String> {
    if s.is_empty() || s == "." || s == ".." {
        return None;
    }
    Some(
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2D", "-"),
    )
}

/// Reads an answer: the parsed body of a 2xx, else the worker's error.
pub fn read_answer(status: u16, body: &str) -> Result<Value, Box<ClientError>> {
    if (200..=299).contains(&status) {
        return serde_json::from_str(body).map_err(|_| {
            Box::new(ClientError {
                code: "InvalidResponse".into(),
                message: format!("the worker answered {status} with a body that is not JSON"),
                status,
                retryable: true,
                ..ClientError::default()
            })
        });
    }
    let error = match serde_json::from_str::<Envelope>(body) {
        Ok(Envelope { error }) => ClientError {
            code: error.code,
            message: error.message,
            status,
            retryable: error.retryable,
            issues: error
                .issues
                .into_iter()
                .map(|i| {
                    if i.severity.as_deref() == Some("warning") {
                        Issue::warning(i.path, &i.code, i.message)
                    } else {
                        Issue::error(i.path, &i.code, i.message)
                    }
                })
                .collect(),
            errors: error.errors,
            step: error.step,
        },
        Err(_) => ClientError {
            code: "InvalidResponse".into(),
            message: format!("the worker answered {status} without an error body"),
            status,
            retryable: status >= 500,
            ..ClientError::default()
        },
    };
    Err(Box::new(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_read_with_their_details() {
        let body = r#"{"error":{"code":"InvalidReceipt","message":"bad","status":400,"retryable":false,
            "issues":[{"path":"/customerId","code":"required","message":"missing","severity":"error"}],
            "errors":[{"code":"Invalid","message":"x","path":"/a"}],"step":"exchange"}}"#;
        let e = read_answer(400, body).unwrap_err();
        assert_eq!(e.code, "InvalidReceipt");
        assert_eq!(e.issues[0].path, "/customerId");
        assert_eq!(e.errors[0].path.as_deref(), Some("/a"));
        assert_eq!(e.step.as_deref(), Some("exchange"));
        assert!(!e.retryable);
        let html = read_answer(502, "<html>").unwrap_err();
        assert_eq!(
            (html.code.as_str(), html.retryable),
            ("InvalidResponse", true)
        );
        assert_eq!(read_answer(200, r#"{"ok":true}"#).unwrap()["ok"], true);
        assert_eq!(
            read_answer(200, "nope").unwrap_err().code,
            "InvalidResponse"
        );
    }

    #[test]
    fn urls() {
        assert_eq!(endpoint("http://x:1/", "/api/a"), "http://x:1/api/a");
        assert_eq!(segment("3b1e6f1a-2c4d").as_deref(), Some("3b1e6f1a-2c4d"));
        assert_eq!(segment("../x").as_deref(), Some("%2E%2E%2Fx"));
        assert_eq!(segment("a?b#c").as_deref(), Some("a%3Fb%23c"));
        for dots in ["", ".", ".."] {
            assert_eq!(segment(dots), None, "{dots:?}");
        }
    }
}
