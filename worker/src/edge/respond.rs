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
    // The fixed headers of every JSON answer, built once per isolate. The runtime copies
    // a response's init headers into the response, so an answer that adds nothing to
    // them passes this very object; one that adds headers copies it in one call first.
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
    // `cors_headers` names it on every answer, whatever the origin.
    headers.set("Vary", "Origin").ok()?;
    Some(headers)
}

/// The headers of a JSON answer: the fixed ones, CORS for this request's origin, then
/// `extra`.
fn json_headers(framing: &Framing<'_>, extra: &[(&str, &str)]) -> Option<web_sys::Headers> {
    let cors: Vec<(&str, String)> =
        cors_headers(framing.origin.as_deref(), framing.allowed_origins, false)
            .into_iter()
            .filter(|(k, _)| *k != "Vary")
            .collect();
    let template = JSON_HEADERS.with(Clone::clone)?;
    if cors.is_empty() && extra.is_empty() {
        return Some(template);
    }
    let headers = web_sys::Headers::new_with_headers(&template).ok()?;
    for (k, v) in &cors {
        headers.set(k, v).ok()?;
    }
    for (k, v) in extra {
        headers.set(k, v).ok()?;
    }
    Some(headers)
}

/// A JSON response with `extra` headers, made as the runtime's own `Response`: the body
/// is copied once, from wasm memory into the response, and the headers once, by the
/// constructor.
pub fn json(
    framing: &Framing<'_>,
    status: u16,
    text: String,
    extra: &[(&str, &str)],
) -> web_sys::Response {
    let made = json_headers(framing, extra).and_then(|headers| {
        let init = web_sys::ResponseInit::new();
        init.set_status(status);
        init.set_headers_headers(&headers);
        let mut body = text.into_bytes();
        web_sys::Response::new_with_opt_u8_array_and_init(Some(&mut body), &init).ok()
    });
    // Only when the runtime cannot make a Headers or Response object at all.
    made.unwrap_or_else(|| fallback().into())
}

/// A successful reply.
pub fn reply(framing: &Framing<'_>, reply: Reply) -> web_sys::Response {
    json(framing, reply.status, reply.body, &[])
}

/// An error reply, with `Retry-After` when the error carries one.
pub fn error(framing: &Framing<'_>, err: &ApiError) -> web_sys::Response {
    error_with(framing, err, &[])
}

/// An error reply with `extra` headers (and `Retry-After` when the error carries one).
pub fn error_with(
    framing: &Framing<'_>,
    err: &ApiError,
    extra: &[(&str, &str)],
) -> web_sys::Response {
    let retry_after = err.retry_after_seconds.map(|s| s.to_string());
    let mut headers: Vec<(&str, &str)> = extra.to_vec();
    if let Some(seconds) = &retry_after {
        headers.push(("Retry-After", seconds));
    }
    json(framing, err.status, err.to_json(), &headers)
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
