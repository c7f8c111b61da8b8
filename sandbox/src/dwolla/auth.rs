//! `POST /token` (client credentials) and the checks every other Dwolla route makes:
//! the versioned `Accept` header, then a live bearer token.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::json;

use crate::faults::ForceTokenExpiry;
use crate::hal::{DwollaError, HAL};
use crate::state::{expires_in, random_token, AppState, Token};

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (status, axum::Json(json!({ "error": error }))).into_response()
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

/// `POST /token`: HTTP Basic client credentials, form body `grant_type=client_credentials`.
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some((id, secret)) = basic_credentials(&headers) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    if id != state.config.dwolla_client_id || !state.config.dwolla_client_secret.matches(&secret) {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    match form
        .iter()
        .find(|(k, _)| k == "grant_type")
        .map(|(_, v)| v.as_str())
    {
        Some("client_credentials") => {}
        Some(_) => return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type"),
        None => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request"),
    }
    let access_token = random_token(50);
    let lifetime = state.config.dwolla_token_lifetime;
    state.store().dwolla_tokens.insert(
        access_token.clone(),
        Token {
            expires_at: expires_in(lifetime),
        },
    );
    axum::Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": lifetime,
    }))
    .into_response()
}

/// True when an `Accept` header value allows Dwolla's versioned media type. A list is
/// accepted when one of its entries is exactly the HAL type (parameters ignored).
pub fn accepts_hal(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        v.split(',').any(|part| {
            part.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(HAL))
        })
    })
}

/// Middleware on every Dwolla route except `/token`: 406 `InvalidVersion` without the
/// HAL `Accept`, 401 without a live bearer token.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    if !accepts_hal(accept) {
        return DwollaError::new(
            StatusCode::NOT_ACCEPTABLE,
            "InvalidVersion",
            "Missing or invalid API version.",
        )
        .into_response();
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_owned());
    let Some(bearer) = bearer else {
        return DwollaError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidCredentials",
            "Missing or invalid Authorization header.",
        )
        .into_response();
    };
    let forced = req.extensions().get::<ForceTokenExpiry>().is_some();
    let expiry = state
        .store()
        .dwolla_tokens
        .get(&bearer)
        .map(|t| t.expires_at);
    match expiry {
        None => DwollaError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAccessToken",
            "Invalid access token.",
        )
        .into_response(),
        Some(at) if forced || at <= std::time::Instant::now() => DwollaError::new(
            StatusCode::UNAUTHORIZED,
            "ExpiredAccessToken",
            "Generate a new access token using your client credentials.",
        )
        .into_response(),
        Some(_) => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::accepts_hal;

    #[test]
    fn accept_header_must_name_the_versioned_type() {
        assert!(accepts_hal(Some("application/vnd.dwolla.v1.hal+json")));
        assert!(accepts_hal(Some(
            "application/json, application/vnd.dwolla.v1.hal+json;q=0.9"
        )));
        assert!(!accepts_hal(Some("application/json")));
        assert!(!accepts_hal(Some("*/*")));
        assert!(!accepts_hal(None));
    }
}
