//! The one error shape of the worker's API:
//! `{"error": {code, message, status, retryable, issues?, errors?, step?}}`.
//! Client mistakes are 4xx with the library's codes and JSON-pointer paths, upstream
//! failures 502/503/504 with `retryable`; nothing an upstream says reaches the caller
//! unfiltered.

use consent_exchange::{CodedError, Issue, Severity};
use consent_exchange_api::{ErrorBody, ErrorDetail, LinkBankStep};

use crate::redact::truncate;

pub use consent_exchange_api::UpstreamDetail;

/// An API error; its body is the wire type [`consent_exchange_api::ErrorBody`].
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// Stable machine code, e.g. `InvalidReceipt`, `Unauthenticated`, `UpstreamTimeout`.
    pub code: String,
    /// Human-readable explanation, never containing a secret.
    pub message: String,
    /// The HTTP status of the response.
    pub status: u16,
    /// Whether repeating the same call may succeed.
    pub retryable: bool,
    /// Validation issues from the library or from request parsing.
    pub issues: Vec<Issue>,
    /// Dwolla `ValidationError` details, passed through.
    pub errors: Vec<UpstreamDetail>,
    /// For `link-bank`: the step that failed.
    pub step: Option<LinkBankStep>,
    /// Seconds for a `Retry-After` response header.
    pub retry_after_seconds: Option<u64>,
}

impl ApiError {
    /// An error with no issues, details or step.
    pub fn new(status: u16, code: &str, message: impl Into<String>, retryable: bool) -> Self {
        Self {
            code: code.to_owned(),
            message: truncate(&message.into(), 500),
            status,
            retryable,
            issues: Vec::new(),
            errors: Vec::new(),
            step: None,
            retry_after_seconds: None,
        }
    }

    /// A 400 with a code of the caller's choosing.
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        Self::new(400, code, message, false)
    }

    /// A 400 `InvalidRequest` listing every problem in the request body.
    pub fn invalid_request(issues: Vec<Issue>) -> Self {
        let message = match issues.first() {
            Some(first) if issues.len() == 1 => {
                format!(
                    "invalid request body at {:?}: {}",
                    first.path, first.message
                )
            }
            _ => format!("invalid request body: {} problems", issues.len()),
        };
        Self {
            issues,
            ..Self::bad_request("InvalidRequest", message)
        }
    }

    /// A library error, with its code and issues, as a 4xx (400 unless told).
    pub fn from_library<E: CodedError + ?Sized>(err: &E, status: u16) -> Self {
        Self {
            issues: err.issues().to_vec(),
            ..Self::new(status, err.code(), err.to_string(), false)
        }
    }

    /// 401 `Unauthenticated`.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(401, "Unauthenticated", message, false)
    }

    /// 403 `Forbidden`.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "Forbidden", message, false)
    }

    /// 404 `NotFound`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "NotFound", message, false)
    }

    /// 405 `MethodNotAllowed`.
    pub fn method_not_allowed(allowed: &[&str]) -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            format!("this route accepts {}", allowed.join(", ")),
            false,
        )
    }

    /// 413 `PayloadTooLarge`.
    pub fn payload_too_large() -> Self {
        Self::new(
            413,
            "PayloadTooLarge",
            format!(
                "request bodies are limited to {} bytes",
                crate::http_policy::MAX_BODY_BYTES
            ),
            false,
        )
    }

    /// 415 `UnsupportedMediaType`.
    pub fn unsupported_media_type() -> Self {
        Self::new(
            415,
            "UnsupportedMediaType",
            "request bodies must be JSON (Content-Type: application/json)",
            false,
        )
    }

    /// 503 `ConfigurationError`: the worker is not configured; names the variables.
    pub fn configuration(err: &crate::config::ConfigError) -> Self {
        Self::new(503, "ConfigurationError", err.to_string(), false)
    }

    /// Marks the link-bank step that failed (by its wire name).
    pub fn at_step(mut self, step: &str) -> Self {
        self.step = LinkBankStep::from_name(step);
        self
    }

    /// The wire body `{"error": {...}}`.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.clone(),
                message: self.message.clone(),
                status: self.status,
                retryable: self.retryable,
                issues: self.issues.iter().map(wire_issue).collect(),
                errors: self.errors.clone(),
                step: self.step,
            },
        }
    }

    /// The JSON body `{"error": {...}}`.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and booleans always serializes.
        serde_json::to_string(&self.body()).unwrap_or_else(|_| {
            r#"{"error":{"code":"InternalError","message":"error","status":500,"retryable":true}}"#
                .to_owned()
        })
    }
}

fn wire_issue(i: &Issue) -> consent_exchange_api::Issue {
    consent_exchange_api::Issue {
        path: i.path.clone(),
        code: i.code.clone(),
        message: i.message.clone(),
        severity: match i.severity {
            Severity::Error => consent_exchange_api::Severity::Error,
            Severity::Warning => consent_exchange_api::Severity::Warning,
        },
    }
}

/// Schema violations of a request body: a 400 `InvalidRequest` with every issue.
impl From<Vec<consent_exchange_api::Issue>> for ApiError {
    fn from(issues: Vec<consent_exchange_api::Issue>) -> Self {
        ApiError::invalid_request(
            issues
                .into_iter()
                .map(|i| Issue::error(i.path, &i.code, i.message))
                .collect(),
        )
    }
}

/// Turns `serde_path_to_error`'s path (`a.b[0]`) into a JSON pointer (`/a/b/0`).
pub use consent_exchange_api::validate::json_pointer;
use consent_exchange_api::validate::{parse_in, schema_name};

/// Parses a JSON request body into `T` after checking it against `T`'s published
/// schema: a syntax error or every schema violation is a 400 `InvalidRequest` whose
/// issues carry JSON pointers. An empty body reads as `{}`.
///
/// The schema is `T`'s component in the embedded `openapi.json` (see
/// [`crate::openapi`]).
pub fn parse_body<T>(body: &[u8]) -> Result<T, ApiError>
where
    T: serde::de::DeserializeOwned,
{
    let name = schema_name::<T>();
    let schema = crate::openapi::request_schema(name);
    parse_in(crate::openapi::schemas_for(name), &schema, body).map_err(ApiError::from)
}
