//! Turning results into responses: JSON with security headers, CORS for allowed
//! origins, `no-store`. Bodies are serialized as built: secrets never reach a reply
//! because no reply is built from a value that holds one (see [`crate::redact`]).

use serde::Serialize;
use worker::{Headers, Response};

use crate::api_error::ApiError;
use crate::http_policy::{cors_headers, API_CSP, PAGE_CSP, SECURITY_HEADERS};

/// What a handler produced: a status and its JSON body, serialized from a wire type
/// of `consent-exchange-api` (the reply types `/openapi.json` documents).
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// The JSON text of the body.
    pub body: String,
}

impl Reply {
    /// 200 with `body`.
    pub fn ok<T: Serialize>(body: &T) -> Self {
        Self::with(200, body)
    }

    /// 201 with `body`.
    pub fn created<T: Serialize>(body: &T) -> Self {
        Self::with(201, body)
    }

    /// `status` with `body`.
    pub fn with<T: Serialize>(status: u16, body: &T) -> Self {
        match serde_json::to_string(body) {
            Ok(body) => Self { status, body },
            // Only a map with keys that are not strings fails, and no reply holds one.
            Err(_) => Self {
                status: 500,
                body: ApiError::new(500, "InternalError", "the reply could not be written", true)
                    .to_json(),
            },
        }
    }
}

/// Per-request context for headers.
pub struct Framing<'a> {
    /// The request's `Origin`.
    pub origin: Option<String>,
    /// Configured origins (empty when the configuration is missing).
    pub allowed_origins: &'a [String],
}

fn base_headers(framing: &Framing<'_>, csp: &str) -> Headers {
    let headers = Headers::new();
    for (k, v) in SECURITY_HEADERS {
        let _ = headers.set(k, v);
    }
    let _ = headers.set("Content-Security-Policy", csp);
    for (k, v) in cors_headers(framing.origin.as_deref(), framing.allowed_origins, false) {
        let _ = headers.set(k, &v);
    }
    headers
}

thread_local! {
    // The fixed headers of every JSON answer, built once per isolate: copying them in
    // one call costs far less than setting each across the wasm boundary per response.
    static JSON_HEADERS: Option<web_sys::Headers> = json_headers_template();
}

fn json_headers_template() -> Option<web_sys::Headers> {
    let headers = web_sys::Headers::new().ok()?;
    for (k, v) in SECURITY_HEADERS {
        headers.set(k, v).ok()?;
    }
    headers.set("Content-Security-Policy", API_CSP).ok()?;
    headers
        .set("Content-Type", "application/json; charset=utf-8")
        .ok()?;
    headers.set("Cache-Control", "no-store").ok()?;
    Some(headers)
}

/// The headers of a JSON answer: the fixed ones, then CORS for this request's origin.
fn json_headers(framing: &Framing<'_>) -> Headers {
    let copied = JSON_HEADERS.with(|t| {
        t.as_ref()
            .and_then(|t| web_sys::Headers::new_with_headers(t).ok())
    });
    let Some(copied) = copied else {
        let headers = base_headers(framing, API_CSP);
        let _ = headers.set("Content-Type", "application/json; charset=utf-8");
        let _ = headers.set("Cache-Control", "no-store");
        return headers;
    };
    let headers = Headers(copied);
    for (k, v) in cors_headers(framing.origin.as_deref(), framing.allowed_origins, false) {
        let _ = headers.set(k, &v);
    }
    headers
}

/// A JSON response.
pub fn json(framing: &Framing<'_>, status: u16, text: &str) -> Response {
    let headers = json_headers(framing);
    Response::from_bytes(text.as_bytes().to_vec())
        .unwrap_or_else(|_| Response::empty().unwrap_or_else(|_| fallback()))
        .with_status(status)
        .with_headers(headers)
}

/// A successful reply.
pub fn reply(framing: &Framing<'_>, reply: &Reply) -> Response {
    json(framing, reply.status, &reply.body)
}

/// An error reply, with `Retry-After` when the error carries one.
pub fn error(framing: &Framing<'_>, err: &ApiError) -> Response {
    let mut response = json(framing, err.status, &err.to_json());
    if let Some(seconds) = err.retry_after_seconds {
        let _ = response
            .headers_mut()
            .set("Retry-After", &seconds.to_string());
    }
    response
}

/// A CORS preflight answer: 204, with the CORS headers only for allowed origins.
pub fn preflight(framing: &Framing<'_>) -> Response {
    let headers = base_headers(framing, API_CSP);
    for (k, v) in cors_headers(framing.origin.as_deref(), framing.allowed_origins, true) {
        let _ = headers.set(k, &v);
    }
    Response::empty()
        .unwrap_or_else(|_| fallback())
        .with_status(204)
        .with_headers(headers)
}

/// A static asset with the page's security headers added.
pub fn asset(framing: &Framing<'_>, response: Response) -> Response {
    let status = response.status_code();
    let upstream = response.headers().clone();
    let headers = base_headers(framing, PAGE_CSP);
    for (k, v) in upstream.entries() {
        let lower = k.to_ascii_lowercase();
        if lower != "content-security-policy" && !headers.has(&k).unwrap_or(false) {
            let _ = headers.set(&k, &v);
        }
    }
    let (_, body) = response.into_parts();
    Response::from_body(body)
        .unwrap_or_else(|_| fallback())
        .with_status(status)
        .with_headers(headers)
}

fn fallback() -> Response {
    // Response::empty only fails if the runtime cannot allocate a Response object.
    Response::error("", 500).unwrap_or_else(|_| Response::builder().empty())
}
