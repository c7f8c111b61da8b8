//! The one error shape of the worker's API:
//! `{"error": {code, message, status, retryable, issues?, errors?, step?}}`.
//! Client mistakes are 4xx with the library's codes and JSON-pointer paths, upstream
//! failures 502/503/504 with `retryable`; nothing an upstream says reaches the caller
//! unfiltered.

use consent_exchange::{CodedError, Issue};
use serde::Serialize;

use crate::redact::truncate;

/// One detail of a Dwolla `ValidationError`, passed through: `{code, message, path}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpstreamDetail {
    /// Dwolla's code, e.g. `Invalid` or `Required`.
    pub code: String,
    /// Dwolla's message, filtered.
    pub message: String,
    /// JSON pointer into the request body Dwolla received, e.g. `/finicity/accountId`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// An API error, ready to be serialized.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    /// Dwolla `ValidationError` details, passed through.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<UpstreamDetail>,
    /// For `link-bank`: the step that failed (`receipt`, `exchange`, `fundingSource`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Seconds for a `Retry-After` response header.
    #[serde(skip)]
    pub retry_after_seconds: Option<u64>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: &'a ApiError,
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

    /// Marks the link-bank step that failed.
    pub fn at_step(mut self, step: &str) -> Self {
        self.step = Some(step.to_owned());
        self
    }

    /// The JSON body `{"error": {...}}`.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and library issues always serializes.
        serde_json::to_string(&Envelope { error: self }).unwrap_or_else(|_| {
            r#"{"error":{"code":"InternalError","message":"error","status":500,"retryable":true}}"#
                .to_owned()
        })
    }
}

/// Parses a JSON request body into `T`, reporting a syntax or type error as an issue
/// with a JSON pointer. An empty body reads as `{}`.
pub fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = consent_exchange::issue::pointer_from_dotted(&e.path().to_string());
        let inner = e.into_inner();
        let code = if inner.is_syntax() || inner.is_eof() {
            "syntax"
        } else if inner.to_string().starts_with("missing field") {
            "required"
        } else {
            "type"
        };
        ApiError::invalid_request(vec![Issue::error(path, code, inner.to_string())])
    })?;
    de.end()
        .map_err(|e| ApiError::invalid_request(vec![Issue::error("", "syntax", e.to_string())]))?;
    Ok(value)
}
