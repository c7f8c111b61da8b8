//! The HTTP rules every response and request goes through: CORS only for configured
//! origins, security headers on every response, a 64 KB body limit and JSON-only
//! bodies. Pure decisions over header values; the edge module applies them.

use crate::api_error::ApiError;

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Headers set on every response, assets included.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Strict-Transport-Security",
        "max-age=63072000; includeSubDomains",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    ),
];

/// The Content-Security-Policy of API (JSON) responses: nothing may load from them.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The Content-Security-Policy of the demo page: its own origin only, plus wasm
/// compilation. Provider pages of the local sandbox are opened by navigation, which
/// this does not restrict.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Methods the API answers to from browsers.
pub const CORS_METHODS: &str = "GET, POST, OPTIONS";
/// Request headers browsers may send cross-origin.
pub const CORS_HEADERS: &str = "Authorization, Content-Type, Idempotency-Key";
/// How long a browser may cache a preflight answer.
pub const CORS_MAX_AGE: &str = "600";

/// The CORS headers for a request from `origin`: none unless the origin is allowed
/// exactly (scheme, host and port). `preflight` adds the method and header lists.
pub fn cors_headers(
    origin: Option<&str>,
    allowed: &[String],
    preflight: bool,
) -> Vec<(&'static str, String)> {
    let mut out = vec![("Vary", "Origin".to_owned())];
    let Some(origin) = origin else {
        return out;
    };
    let origin = origin.trim();
    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
        return out;
    }
    out.push(("Access-Control-Allow-Origin", origin.to_owned()));
    if preflight {
        out.push(("Access-Control-Allow-Methods", CORS_METHODS.to_owned()));
        out.push(("Access-Control-Allow-Headers", CORS_HEADERS.to_owned()));
        out.push(("Access-Control-Max-Age", CORS_MAX_AGE.to_owned()));
    }
    out
}

/// Whether a `Content-Type` value is JSON (`application/json` or `application/*+json`,
/// any parameters).
pub fn is_json_content_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Checks a declared `Content-Length` before the body is read, so an oversized body is
/// refused without buffering it.
pub fn check_declared_length(content_length: Option<&str>) -> Result<(), ApiError> {
    match content_length.map(|v| v.trim().parse::<u64>()) {
        Some(Ok(n)) if n > MAX_BODY_BYTES as u64 => Err(ApiError::payload_too_large()),
        _ => Ok(()),
    }
}

/// Checks a JSON request body: its size, and its `Content-Type` when it is not empty.
/// An empty body needs no content type (it reads as `{}`).
pub fn check_json_body(content_type: Option<&str>, body: &[u8]) -> Result<(), ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::payload_too_large());
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match content_type {
        Some(ct) if is_json_content_type(ct) => Ok(()),
        _ => Err(ApiError::unsupported_media_type()),
    }
}
