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

/// `POST /token`: client credentials in HTTP Basic or, as Dwolla's client-credentials
/// doc lists them (and the `dwolla-v2` client sends them), `client_id` and
/// `client_secret` in the form body; `grant_type=client_credentials` in the form.
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let in_form = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let credentials =
        basic_credentials(&headers).or_else(|| in_form("client_id").zip(in_form("client_secret")));
    let Some((id, secret)) = credentials else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    if id != state.config.dwolla_client_id || !state.config.dwolla_client_secret.matches(&secret) {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    }
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
    let forced = req.extensions().get::<ForceTokenExpiry>().is_some();
    match check(&state, req.headers(), forced) {
        Ok(()) => next.run(req).await,
        Err(refused) => *refused,
    }
}

/// Whether `path` is a Dwolla route behind [`guard`].
pub fn is_guarded(path: &str) -> bool {
    !(path == "/token"
        || path.starts_with("/aggregation/")
        || path.starts_with("/connect/")
        || path.starts_with("/_sandbox/")
        || path.starts_with("/_admin/"))
}

/// The `Accept` and bearer checks of [`guard`], also run before an idempotent replay so
/// that a replay never answers a request Dwolla would refuse.
pub fn check(state: &AppState, headers: &HeaderMap, forced: bool) -> Result<(), Box<Response>> {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    if !accepts_hal(accept) {
        return Err(Box::new(
            DwollaError::new(
                StatusCode::NOT_ACCEPTABLE,
                "InvalidVersion",
                "Missing or invalid API version.",
            )
            .into_response(),
        ));
    }
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_owned());
    let Some(bearer) = bearer else {
        return Err(Box::new(
            DwollaError::new(
                StatusCode::UNAUTHORIZED,
                "InvalidCredentials",
                "Missing or invalid Authorization header.",
            )
            .into_response(),
        ));
    };
    let expiry = state
        .store()
        .dwolla_tokens
        .get(&bearer)
        .map(|t| t.expires_at);
    match expiry {
        None => Err(Box::new(
            DwollaError::new(
                StatusCode::UNAUTHORIZED,
                "InvalidAccessToken",
                "Invalid access token.",
            )
            .into_response(),
        )),
        Some(at) if forced || at <= std::time::Instant::now() => Err(Box::new(
            DwollaError::new(
                StatusCode::UNAUTHORIZED,
                "ExpiredAccessToken",
                "Generate a new access token using your client credentials.",
            )
            .into_response(),
        )),
        Some(_) => Ok(()),
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
