//! What the caller sees when an upstream refuses or fails: Dwolla's validation errors
//! pass through with their paths, credentials problems become 502s (they are the
//! operator's to fix, not the caller's), outages 502/503/504 with `retryable`. Only
//! known fields are kept (code, message, paths), each cut to a sane length, and an
//! upstream message loses any exact configured secret it might quote.

use consent_exchange::response::ResponseFailure as Failure;

use crate::api_error::{ApiError, UpstreamDetail};
use crate::redact::{truncate, without_secrets};

fn clean(text: &str, secrets: &[&str]) -> String {
    truncate(&without_secrets(text, secrets), 300)
}

/// Whether a Dwolla error code says the access token, not the client, is the problem.
fn is_token_code(code: &str) -> bool {
    matches!(code, "InvalidAccessToken" | "ExpiredAccessToken")
}

/// Maps a Dwolla failure (from `read_dwolla_response`) to the worker's error.
pub fn from_dwolla(f: &Failure, secrets: &[&str]) -> ApiError {
    let retry_after_seconds = f.retry_after;
    let mut err = match f.status {
        // The request never got an answer or an unreadable 2xx: a transport problem.
        0 | 200..=299 => ApiError::new(
            502,
            "UpstreamInvalidResponse",
            format!("Dwolla: {}", clean(&f.message, secrets)),
            true,
        ),
        // The token was issued moments ago and the one refresh was already spent:
        // authentication works, the token just expired again, so a retry will succeed.
        401 if is_token_code(&f.code) => ApiError::new(
            503,
            "UpstreamTokenRejected",
            "Dwolla rejected a freshly issued access token; retry",
            true,
        ),
        401 => ApiError::new(
            502,
            "UpstreamAuthenticationFailed",
            "Dwolla refused the worker's credentials",
            false,
        ),
        406 | 415 => ApiError::new(
            502,
            "UpstreamRejected",
            format!("Dwolla refused the request format ({})", f.code),
            false,
        ),
        429 => ApiError::new(
            503,
            "UpstreamRateLimited",
            "Dwolla is rate-limiting requests; retry later",
            true,
        ),
        400..=499 => {
            let mut e = ApiError::new(
                f.status,
                &f.code,
                clean(&f.message, secrets),
                f.status == 409,
            );
            e.errors = f
                .errors
                .iter()
                .take(50)
                .map(|d| UpstreamDetail {
                    code: truncate(&d.code, 64),
                    message: clean(&d.message, secrets),
                    path: (!d.path.is_empty()).then(|| truncate(&d.path, 200)),
                })
                .collect();
            e
        }
        503 => ApiError::new(503, "UpstreamUnavailable", "Dwolla is unavailable", true),
        504 => ApiError::new(504, "UpstreamTimeout", "Dwolla timed out", true),
        _ => {
            let html = f.message.contains("HTML");
            ApiError::new(
                502,
                if html {
                    "UpstreamInvalidResponse"
                } else {
                    "UpstreamError"
                },
                format!("Dwolla failed with status {}", f.status),
                true,
            )
        }
    };
    if err.retryable {
        err.retry_after_seconds = retry_after_seconds;
    }
    err
}

/// Maps a Finicity error answer (`status`, raw body) to the worker's error. Finicity's
/// bodies are `{code, message}`; only those two fields are kept.
pub fn from_finicity(status: u16, body: &str, secrets: &[&str]) -> ApiError {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let code = parsed
        .as_ref()
        .and_then(|v| v.get("code"))
        .map(|c| match c {
            serde_json::Value::String(s) => truncate(s, 64),
            other => truncate(&other.to_string(), 64),
        });
    let message = parsed
        .as_ref()
        .and_then(|v| v.get("message"))
        .and_then(|m| m.as_str())
        .map(|m| clean(m, secrets));
    match status {
        // Partner authentication failures never get here (they are held off where the
        // token is fetched): a 401 on a data call is a token that expired again after
        // the one refresh, which a retry fixes.
        401 => ApiError::new(
            503,
            "UpstreamTokenRejected",
            "Finicity rejected a freshly issued token; retry",
            true,
        ),
        403 => ApiError::new(
            502,
            "FinicityAuthenticationFailed",
            "Finicity refused the worker's credentials",
            false,
        ),
        429 => ApiError::new(
            503,
            "UpstreamRateLimited",
            "Finicity is rate-limiting requests; retry later",
            true,
        ),
        400..=499 => ApiError::new(
            if status == 404 { 404 } else { 400 },
            "FinicityError",
            format!(
                "Finicity refused the request{}{}",
                code.map(|c| format!(" (code {c})")).unwrap_or_default(),
                message.map(|m| format!(": {m}")).unwrap_or_default()
            ),
            false,
        ),
        503 => ApiError::new(503, "UpstreamUnavailable", "Finicity is unavailable", true),
        504 => ApiError::new(504, "UpstreamTimeout", "Finicity timed out", true),
        _ => ApiError::new(
            502,
            if parsed.is_none() {
                "UpstreamInvalidResponse"
            } else {
                "UpstreamError"
            },
            format!("Finicity failed with status {status}"),
            true,
        ),
    }
}
