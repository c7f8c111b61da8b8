//! The typed client of the edge worker's JSON API, pure part: the request and answer
//! types (the worker's own wire types from `consent-exchange-api`, whose TypeScript
//! tsify writes from the same serde attributes the worker reads), and reading an
//! answer into a value or a [`ClientError`]. Sending is done by the JS boundary
//! (`src/js/client.rs`, gloo-net); everything here is testable natively.

use std::fmt;

use consent_exchange_api::{ErrorBody, Severity};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::CodedError;
use crate::issue::Issue;

pub use consent_exchange_api::reply::{
    ApiResource, ConnectUrl, ConsentReceipt, CreatedExchange, CreatedFundingSource, CustomerEvent,
    CustomerEvents, DemoCustomer, ExchangeDetails, ExchangePartnerList, ExchangeSessionResult,
    FinicityAccounts, FinicityCustomer, Health, LinkBankResult,
};
pub use consent_exchange_api::request::{
    ConnectUrlRequest, ConsentReceiptRequest, CreateExchangeRequest, DemoCustomerRequest,
    ExchangeSessionRequest, FinicityCustomerRequest, FundingSourceRequest, LinkBankRequest,
    ReauthRequest,
};

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
    let error = match serde_json::from_str::<ErrorBody>(body) {
        Ok(ErrorBody { error }) => ClientError {
            code: error.code,
            message: error.message,
            status,
            retryable: error.retryable,
            issues: error
                .issues
                .into_iter()
                .map(|i| match i.severity {
                    Severity::Warning => Issue::warning(i.path, &i.code, i.message),
                    Severity::Error => Issue::error(i.path, &i.code, i.message),
                })
                .collect(),
            errors: error
                .errors
                .into_iter()
                .map(|d| ClientErrorDetail {
                    code: d.code,
                    message: d.message,
                    path: d.path,
                })
                .collect(),
            step: error.step.map(|s| s.name().to_owned()),
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
