//! Dwolla's wire conventions: the HAL media type, links, `Location` on creates, and the
//! error bodies documented in `errors.mdx` (including `_embedded.errors[]`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{json, Value};

/// Dwolla's media type, required in `Accept` and used for every JSON answer.
pub const HAL: &str = "application/vnd.dwolla.v1.hal+json";

/// A HAL link object as Dwolla writes them.
pub fn link(href: &str, resource_type: &str) -> Value {
    json!({ "href": href, "type": HAL, "resource-type": resource_type })
}

/// A JSON body with Dwolla's content type.
pub fn hal(status: StatusCode, body: Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HAL));
    res
}

/// `201 Created` with a `Location` header and an empty body, as Dwolla answers creates.
pub fn created(location: &str) -> Response {
    let mut res = StatusCode::CREATED.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// One entry of `_embedded.errors[]`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FieldError {
    /// `Required`, `Invalid`, `InvalidFormat`, `NotAllowed`, `Duplicate`, ...
    pub code: &'static str,
    /// Human-readable explanation.
    pub message: String,
    /// JSON pointer into the request body.
    pub path: String,
}

impl FieldError {
    /// Builds one field error.
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            path: path.into(),
        }
    }
}

/// A Dwolla error response.
#[derive(Debug)]
pub struct DwollaError {
    /// HTTP status.
    pub status: StatusCode,
    /// Top-level code.
    pub code: &'static str,
    /// Top-level message.
    pub message: String,
    /// Field errors, for `ValidationError`.
    pub errors: Vec<FieldError>,
    /// Extra `_links` (e.g. `about` on `DuplicateResource`).
    pub links: Option<Value>,
}

impl DwollaError {
    /// A plain `{code, message}` error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            errors: Vec::new(),
            links: None,
        }
    }

    /// `400 ValidationError` carrying every field problem found.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "ValidationError",
            message: "Validation error(s) present. See embedded errors list for more details."
                .into(),
            errors,
            links: None,
        }
    }

    /// `404 NotFound`.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NotFound",
            format!("The requested resource was not found. Check {what} ID."),
        )
    }

    /// `400 BadRequest` for a body that is not JSON.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// Attaches `_links`.
    pub fn with_links(mut self, links: Value) -> Self {
        self.links = Some(links);
        self
    }
}

impl IntoResponse for DwollaError {
    fn into_response(self) -> Response {
        let mut body = json!({ "code": self.code, "message": self.message });
        if !self.errors.is_empty() {
            let errors: Vec<Value> = self
                .errors
                .iter()
                .map(|e| json!({ "code": e.code, "message": e.message, "path": e.path, "_links": {} }))
                .collect();
            body["_embedded"] = json!({ "errors": errors });
        }
        if let Some(links) = self.links {
            body["_links"] = links;
        }
        hal(self.status, body)
    }
}

/// Result type of Dwolla handlers.
pub type DwollaResult = Result<Response, DwollaError>;
