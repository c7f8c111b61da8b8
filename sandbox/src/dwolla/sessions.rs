//! Exchange sessions: `POST /customers/{id}/exchange-sessions`,
//! `POST /exchanges/{id}/exchange-sessions` (re-authentication) and
//! `GET /exchange-sessions/{id}`, answering what each partner really returns.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::check::{parse_json, Checker};
use crate::dwolla::exchanges::partner_from_body;
use crate::dwolla::partners::{self, Partner};
use crate::hal::{created, hal, link, DwollaError, DwollaResult, HAL};
use crate::state::{dwolla_time, random_token, uuid, AppState, ExchangeSession};

const REDIRECT: &str = "/_links/redirect-url/href";

fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.contains(char::is_whitespace)
    })
}

/// An Android application id such as `com.example.app123`, which the docs require as
/// Plaid's redirect on Android (Dwolla's spec says `format: uri`, which rejects it).
pub fn is_android_package(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Reads and checks the optional redirect URL for a partner.
fn redirect_for(
    state: &AppState,
    body: &Value,
    partner: &Partner,
    ck: &mut Checker,
) -> Option<String> {
    if body.pointer("/_links/redirect-url").is_none() {
        if partner.redirect_required {
            ck.push(
                "Required",
                REDIRECT,
                format!(
                    "A redirect URL is required for {} exchange sessions.",
                    partner.name
                ),
            );
        }
        return None;
    }
    let href = ck.string(body, REDIRECT)?;
    let shape_ok = is_web_url(&href) || (partner.name == "Plaid" && is_android_package(&href));
    if !shape_ok {
        ck.push("Invalid", REDIRECT, "/_links/redirect-url/href is invalid.");
        return None;
    }
    if !state
        .config
        .allowed_redirect_urls
        .iter()
        .any(|u| u.trim() == href)
    {
        ck.push(
            "Invalid",
            REDIRECT,
            "The provided redirect URL must exactly match one of the configured URLs for the account.",
        );
        return None;
    }
    Some(href)
}

fn new_session(
    state: &AppState,
    customer_id: String,
    partner: Partner,
    redirect_url: Option<String>,
    reauth: Option<String>,
) -> axum::response::Response {
    let id = uuid();
    let provider_token = match partner.name {
        "Plaid" => format!("link-sandbox-{}", uuid()),
        _ => random_token(32),
    };
    let location = state.url(&format!("/exchange-sessions/{id}"));
    state.store().sessions.push(ExchangeSession {
        id,
        customer_id,
        partner_id: partner.id.into(),
        partner_name: partner.name.into(),
        redirect_url,
        reauth_exchange_id: reauth,
        provider_token,
        completed: None,
        created: chrono::Utc::now(),
    });
    created(&location)
}

fn parse_body(raw: &[u8]) -> Result<Value, DwollaError> {
    let body = parse_json(raw).ok_or_else(|| {
        DwollaError::bad_request("The request body contains bad syntax or is incomplete.")
    })?;
    if body.is_object() {
        Ok(body)
    } else {
        Err(DwollaError::bad_request(
            "The request body must be a JSON object.",
        ))
    }
}

/// `POST /customers/{id}/exchange-sessions`.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> DwollaResult {
    if state.store().customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    let body = parse_body(&raw)?;
    let mut ck = Checker::default();
    let Some(partner) = partner_from_body(&body, &mut ck) else {
        return Err(DwollaError::validation(ck.errors));
    };
    if !partner.sessions {
        return Err(DwollaError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The exchange partner specified does not support this product.",
        ));
    }
    let redirect = redirect_for(&state, &body, &partner, &mut ck);
    if !ck.ok() {
        return Err(DwollaError::validation(ck.errors));
    }
    Ok(new_session(&state, id, partner, redirect, None))
}

/// `POST /exchanges/{id}/exchange-sessions` (re-authentication).
pub async fn create_reauth(
    State(state): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> DwollaResult {
    let exchange = state
        .store()
        .exchange(&id)
        .cloned()
        .ok_or_else(|| DwollaError::not_found("Exchange"))?;
    let partner = partners::by_id(&exchange.partner_id).filter(|p| p.sessions);
    let (Some(partner), Some(customer)) = (partner, exchange.customer_id.clone()) else {
        return Err(DwollaError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Not authorized to create re-authentication exchange session.",
        ));
    };
    let body = parse_body(&raw)?;
    let mut ck = Checker::default();
    let redirect = redirect_for(&state, &body, &partner, &mut ck);
    if !ck.ok() {
        return Err(DwollaError::validation(ck.errors));
    }
    Ok(new_session(
        &state,
        customer,
        partner,
        redirect,
        Some(exchange.id),
    ))
}

/// The provider page URL for a session.
pub fn provider_page(state: &AppState, s: &ExchangeSession) -> String {
    state.url(&format!("/_sandbox/providers/{}", s.id))
}

/// What Checkout.com's payment session looks like, derived from the session's token.
pub fn checkout_session_data(s: &ExchangeSession) -> Value {
    json!({
        "id": format!("ps_{}", s.provider_token),
        "payment_session_secret": format!("pss_{}", s.provider_token),
        "payment_session_token": s.provider_token,
    })
}

/// `GET /exchange-sessions/{id}`.
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> DwollaResult {
    let store = state.store();
    let s = store
        .session(&id)
        .ok_or_else(|| DwollaError::not_found("Exchange Session"))?;
    let mut body = json!({
        "created": dwolla_time(&s.created),
        "_links": {
            "self": link(&state.url(&format!("/exchange-sessions/{}", s.id)), "exchange-sessions"),
            "exchange-partner": link(&state.url(&format!("/exchange-partners/{}", s.partner_id)), "exchange-partner"),
        },
    });
    match s.partner_name.as_str() {
        "Plaid" => body["externalProviderSessionToken"] = json!(s.provider_token),
        "Checkout.com" => body["externalProviderSessionData"] = checkout_session_data(s),
        _ => {
            body["_links"]["external-provider-session"] = json!({ "href": provider_page(&state, s), "type": HAL, "resource-type": "text/html" });
        }
    }
    Ok(hal(StatusCode::OK, body))
}

#[cfg(test)]
mod tests {
    use super::{is_android_package, is_web_url};

    #[test]
    fn redirect_shapes() {
        assert!(is_android_package("com.example.app123"));
        assert!(!is_android_package("example"));
        assert!(!is_android_package("com..x"));
        assert!(is_web_url("https://example.com/app123"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://example.com"));
    }
}
