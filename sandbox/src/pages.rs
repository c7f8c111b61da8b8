//! Simulated browser pages: Finicity Connect (pick a test bank profile and accounts,
//! consent) and one provider page per exchange session (MX, Plaid, Visa, Checkout.com).
//! Each page is small self-contained HTML: no external assets, usable by keyboard.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::hal::{hal, link, DwollaError, DwollaResult};
use crate::state::{
    long_digit_id, random_token, uuid, AppState, Exchange, FinicityAccount, ProviderToken,
};

/// Test bank profiles offered by the Connect page: (profile, [(account name, type)]).
pub const PROFILES: [(&str, &[(&str, &str)]); 3] = [
    (
        "FinBank Profiles - A",
        &[("Checking", "checking"), ("Savings", "savings")],
    ),
    (
        "FinBank Profiles - B",
        &[
            ("Joint Checking", "checking"),
            ("Money Market", "moneyMarket"),
        ],
    ),
    ("FinBank Billable", &[("Business Checking", "checking")]),
];
const FINBANK_INSTITUTION_ID: &str = "102105";

/// Escapes text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title>\
<link rel=\"icon\" href=\"data:,\">\
<style>body{{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}\
fieldset{{margin:1rem 0}}button{{margin-right:.5rem;padding:.4rem 1rem}}:focus{{outline:3px solid #1a5fb4}}\
.note{{color:#555;font-size:.9rem}}</style></head><body><main><h1>{t}</h1>{body}\
<p class=\"note\">Simulated by consent-exchange-sandbox.</p></main></body></html>",
        t = esc(title)
    );
    (status, Html(html)).into_response()
}

fn see_other(location: &str) -> Response {
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{query}")
}

fn form(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw).into_owned().collect()
}

fn field<'a>(f: &'a [(String, String)], name: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

// ---------------------------------------------------------------- Finicity Connect

/// `GET /_sandbox/connect/{linkId}`.
pub async fn connect_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let store = state.store();
    let Some(link) = store.connect_links.iter().find(|l| l.id == id) else {
        return page(
            StatusCode::NOT_FOUND,
            "Connect link not found",
            "<p>This Connect link does not exist.</p>",
        );
    };
    if link.completed || link.expires_at <= chrono::Utc::now() {
        return page(
            StatusCode::GONE,
            "Connect link expired",
            "<p>This Connect link was already used or has expired.</p>",
        );
    }
    connect_form(&id, None)
}

fn connect_form(id: &str, error: Option<&str>) -> Response {
    let mut body = String::new();
    if let Some(e) = error {
        body.push_str(&format!(
            "<p role=\"alert\"><strong>{}</strong></p>",
            esc(e)
        ));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"/_sandbox/connect/{}\">",
        esc(id)
    ));
    body.push_str("<p>Pick a test bank profile's accounts to share.</p>");
    for (pi, (profile, accounts)) in PROFILES.iter().enumerate() {
        body.push_str(&format!("<fieldset><legend>{}</legend>", esc(profile)));
        for (ai, (name, kind)) in accounts.iter().enumerate() {
            body.push_str(&format!(
                "<div><input type=\"checkbox\" name=\"account\" id=\"a{pi}-{ai}\" value=\"{pi}:{ai}\">\
<label for=\"a{pi}-{ai}\">{} ({})</label></div>",
                esc(name),
                esc(kind)
            ));
        }
        body.push_str("</fieldset>");
    }
    body.push_str(
        "<div><input type=\"checkbox\" name=\"consent\" id=\"consent\" value=\"yes\">\
<label for=\"consent\">I allow sharing these accounts' details</label></div>\
<p><button type=\"submit\" name=\"action\" value=\"connect\">Connect accounts</button>\
<button type=\"submit\" name=\"action\" value=\"cancel\">Exit</button></p></form>",
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    page(status, "FinBank (Finicity Connect)", &body)
}

/// `POST /_sandbox/connect/{linkId}`: form `account=P:A` (repeated), `consent=yes`,
/// `action=connect|cancel`.
pub async fn connect_submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> Response {
    let f = form(&raw);
    let mut store = state.store();
    let Some(link) = store.connect_links.iter().find(|l| l.id == id).cloned() else {
        return page(
            StatusCode::NOT_FOUND,
            "Connect link not found",
            "<p>This Connect link does not exist.</p>",
        );
    };
    if link.completed || link.expires_at <= chrono::Utc::now() {
        return page(
            StatusCode::GONE,
            "Connect link expired",
            "<p>This Connect link was already used or has expired.</p>",
        );
    }
    if field(&f, "action") == Some("cancel") {
        if let Some(l) = store.connect_links.iter_mut().find(|l| l.id == id) {
            l.completed = true;
        }
        return match link.redirect_uri {
            Some(uri) => see_other(&with_query(&uri, &[("reason", "exit")])),
            None => page(
                StatusCode::OK,
                "Connect closed",
                "<p>You left Connect. No accounts were shared.</p>",
            ),
        };
    }
    let picked: Vec<(&str, &str)> = f
        .iter()
        .filter(|(k, _)| k == "account")
        .filter_map(|(_, v)| v.split_once(':'))
        .filter_map(|(p, a)| {
            let (_, accounts) = PROFILES.get(p.parse::<usize>().ok()?)?;
            accounts.get(a.parse::<usize>().ok()?).copied()
        })
        .collect();
    if picked.is_empty() {
        drop(store);
        return connect_form(&id, Some("Select at least one account."));
    }
    if field(&f, "consent") != Some("yes") {
        drop(store);
        return connect_form(&id, Some("Consent is required to share accounts."));
    }
    let now = chrono::Utc::now().timestamp();
    let login_id: i64 = rand::random::<u32>().into();
    let new_accounts: Vec<FinicityAccount> = picked
        .iter()
        .map(|(name, kind)| FinicityAccount {
            id: long_digit_id(),
            name: (*name).into(),
            kind: (*kind).into(),
            number: format!("{:010}", rand::random::<u32>()),
            institution_id: FINBANK_INSTITUTION_ID.into(),
            institution_login_id: login_id,
            created_date: now,
        })
        .collect();
    let ids: Vec<String> = new_accounts.iter().map(|a| a.id.clone()).collect();
    if let Some(c) = store
        .finicity_customers
        .iter_mut()
        .find(|c| c.id == link.customer_id)
    {
        c.accounts.extend(new_accounts);
    }
    if let Some(l) = store.connect_links.iter_mut().find(|l| l.id == id) {
        l.completed = true;
    }
    match link.redirect_uri {
        Some(uri) => see_other(&uri),
        None => {
            let items: String = ids
                .iter()
                .map(|i| format!("<li><code>{}</code></li>", esc(i)))
                .collect();
            page(
                StatusCode::OK,
                "Accounts connected",
                &format!("<p>Connected accounts:</p><ul id=\"accounts\">{items}</ul>"),
            )
        }
    }
}

// ---------------------------------------------------------------- provider pages

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    redirect: Option<String>,
    token: Option<String>,
    session: Option<String>,
}

fn provider_form(
    state: &AppState,
    session_id: &str,
    partner: &str,
    redirect: Option<&str>,
) -> Response {
    let mut body = format!(
        "<form method=\"post\" action=\"/_sandbox/providers/{}\"><p>Share a bank account with this application through {}.</p>\
<fieldset><legend>Account</legend>\
<div><input type=\"radio\" name=\"account\" id=\"acc1\" value=\"Sandbox Checking\" checked><label for=\"acc1\">Sandbox Checking ••1111</label></div>\
<div><input type=\"radio\" name=\"account\" id=\"acc2\" value=\"Sandbox Savings\"><label for=\"acc2\">Sandbox Savings ••2222</label></div></fieldset>",
        esc(session_id),
        esc(partner)
    );
    if partner == "Visa" {
        body.push_str(
            "<div><label for=\"error\">Simulate an outcome</label> <select name=\"error\" id=\"error\">\
<option value=\"\">Success</option><option>AUTHENTICATION_ERROR</option><option>TEMPORARY_ERROR</option></select></div>",
        );
    }
    if let Some(r) = redirect {
        body.push_str(&format!(
            "<input type=\"hidden\" name=\"redirect\" value=\"{}\">",
            esc(r)
        ));
    }
    body.push_str(
        "<p><button type=\"submit\" name=\"action\" value=\"approve\">Approve</button>\
<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></p></form>",
    );
    let _ = state;
    page(StatusCode::OK, &format!("{partner} (sandbox)"), &body)
}

fn render_session(
    state: &AppState,
    session_id: Option<String>,
    redirect: Option<&str>,
) -> Response {
    let store = state.store();
    let Some(s) = session_id.as_deref().and_then(|id| store.session(id)) else {
        return page(
            StatusCode::NOT_FOUND,
            "Session not found",
            "<p>This exchange session does not exist.</p>",
        );
    };
    if s.completed.is_some() {
        return page(
            StatusCode::GONE,
            "Session already used",
            "<p>Exchange sessions are single use. Create a new one.</p>",
        );
    }
    provider_form(state, &s.id, &s.partner_name, redirect)
}

/// `GET /_sandbox/providers/{sessionId}` (`?redirect=` optional, see the README).
pub async fn provider_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    render_session(&state, Some(id), q.redirect.as_deref())
}

/// `GET /_sandbox/plaid-link?token={externalProviderSessionToken}`: stands in for Plaid Link.
pub async fn plaid_link(State(state): State<AppState>, Query(q): Query<PageQuery>) -> Response {
    let id = {
        let store = state.store();
        store
            .sessions
            .iter()
            .find(|s| s.partner_name == "Plaid" && Some(&s.provider_token) == q.token.as_ref())
            .map(|s| s.id.clone())
    };
    render_session(&state, id, q.redirect.as_deref())
}

/// `GET /_sandbox/checkout?session={externalProviderSessionData.id}`: stands in for
/// Checkout.com's Flow component.
pub async fn checkout(State(state): State<AppState>, Query(q): Query<PageQuery>) -> Response {
    let id = {
        let store = state.store();
        let wanted = q.session.as_deref().and_then(|s| s.strip_prefix("ps_"));
        store
            .sessions
            .iter()
            .find(|s| s.partner_name == "Checkout.com" && Some(s.provider_token.as_str()) == wanted)
            .map(|s| s.id.clone())
    };
    render_session(&state, id, q.redirect.as_deref())
}

fn is_allowed_web_redirect(state: &AppState, url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && state
            .config
            .allowed_redirect_urls
            .iter()
            .any(|u| u.trim() == url)
}

/// A completed re-authentication session: the exchange can be used again.
fn reauthenticated(store: &mut crate::state::Store, exchange_id: &str) {
    if let Some(e) = store.exchanges.iter_mut().find(|e| e.id == exchange_id) {
        e.status = "active".into();
        e.reauth_required = false;
        e.reauth_notified = false;
    }
}

/// `POST /_sandbox/providers/{sessionId}`: form `action=approve|cancel`, `account`,
/// `error` (Visa), `redirect`.
pub async fn provider_submit(
    State(state): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> Response {
    let f = form(&raw);
    let mut store = state.store();
    let Some(session) = store.session(&id).cloned() else {
        return page(
            StatusCode::NOT_FOUND,
            "Session not found",
            "<p>This exchange session does not exist.</p>",
        );
    };
    if session.completed.is_some() {
        return page(
            StatusCode::GONE,
            "Session already used",
            "<p>Exchange sessions are single use. Create a new one.</p>",
        );
    }
    let approved = field(&f, "action") == Some("approve");
    let visa_error =
        field(&f, "error").filter(|e| matches!(*e, "AUTHENTICATION_ERROR" | "TEMPORARY_ERROR"));
    let outcome = if !approved {
        "cancelled"
    } else if visa_error.is_some() {
        "failed"
    } else {
        "approved"
    };
    if let Some(s) = store.sessions.iter_mut().find(|s| s.id == id) {
        s.completed = Some(outcome.into());
    }
    let account = field(&f, "account")
        .unwrap_or("Sandbox Checking")
        .to_owned();

    if session.partner_name == "Visa" {
        let Some(redirect) = session.redirect_url.clone() else {
            return page(
                StatusCode::BAD_REQUEST,
                "No redirect URL",
                "<p>Visa sessions need a redirect URL.</p>",
            );
        };
        if !approved {
            return see_other(&with_query(&redirect, &[("error", "USER_CANCELLED")]));
        }
        if let Some(e) = visa_error {
            return see_other(&with_query(&redirect, &[("error", e)]));
        }
        let exchange_id = match &session.reauth_exchange_id {
            Some(eid) => {
                reauthenticated(&mut store, eid);
                eid.clone()
            }
            None => {
                let eid = uuid();
                store.exchanges.push(Exchange {
                    id: eid.clone(),
                    partner_id: session.partner_id.clone(),
                    partner_name: session.partner_name.clone(),
                    customer_id: Some(session.customer_id.clone()),
                    status: "active".into(),
                    source: format!("visa session {}", session.id),
                    reauth_required: false,
                    reauth_notified: false,
                    created: chrono::Utc::now(),
                });
                crate::dwolla::exchanges::exchange_event(
                    &state,
                    "created",
                    &format!("/exchanges/{eid}"),
                    Some(&session.customer_id),
                );
                eid
            }
        };
        return see_other(&with_query(&redirect, &[("exchange", &exchange_id)]));
    }

    let mut result = json!({
        "source": "consent-exchange-sandbox",
        "partner": session.partner_name,
        "exchangeSessionId": session.id,
        "status": if approved { "success" } else { "cancelled" },
    });
    let mut pairs: Vec<(String, String)> = vec![
        ("exchangeSession".into(), session.id.clone()),
        (
            "status".into(),
            if approved {
                "success".into()
            } else {
                "cancelled".into()
            },
        ),
    ];
    if approved {
        if let Some(eid) = &session.reauth_exchange_id {
            result["status"] = json!("reauthenticated");
            result["exchangeId"] = json!(eid);
            pairs[1].1 = "reauthenticated".into();
            pairs.push(("exchange".into(), eid.clone()));
            reauthenticated(&mut store, eid);
        } else {
            let (kind, field_name, token) = match session.partner_name.as_str() {
                "Plaid" => ("plaid", "publicToken", format!("public-sandbox-{}", uuid())),
                "MX" => {
                    let raw = json!({ "accountId": format!("ACT-{}", uuid()), "memberId": format!("MBR-{}", uuid()) });
                    (
                        "mx",
                        "availableConnectionToken",
                        base64::engine::general_purpose::STANDARD.encode(raw.to_string()),
                    )
                }
                _ => (
                    "token",
                    "token",
                    format!("tok_sandbox_{}", random_token(26)),
                ),
            };
            result[field_name] = json!(token);
            pairs.push((field_name.into(), token.clone()));
            store.provider_tokens.push(ProviderToken {
                token,
                kind: kind.into(),
                partner_name: session.partner_name.clone(),
                customer_id: session.customer_id.clone(),
                session_id: session.id.clone(),
                account_name: account,
                used_by: None,
            });
        }
    }
    drop(store);
    let redirect = session
        .redirect_url
        .clone()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .or_else(|| {
            field(&f, "redirect")
                .filter(|u| is_allowed_web_redirect(&state, u))
                .map(str::to_owned)
        });
    if let Some(url) = redirect {
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        return see_other(&with_query(&url, &refs));
    }
    let json_text = result.to_string();
    // `</` cannot appear in serialized JSON values we produce, but escape it anyway so the
    // script block can never be closed early.
    let script_json = json_text.replace("</", "<\\/");
    let body = format!(
        "<p id=\"status\">{}</p><pre id=\"result\">{}</pre>\
<script>if (window.opener) {{ window.opener.postMessage({script_json}, \"*\"); }}</script>\
<p>You can close this window.</p>",
        if approved {
            "Done: the account was shared."
        } else {
            "Cancelled."
        },
        esc(&json_text)
    );
    page(
        StatusCode::OK,
        &format!("{} (sandbox)", session.partner_name),
        &body,
    )
}

/// `GET /customers/{id}/available-exchange-connections` (Dwolla, MX): unused MX
/// connections completed on the MX provider page.
pub async fn available_connections(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> DwollaResult {
    let store = state.store();
    if store.customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    let items: Vec<Value> = store
        .provider_tokens
        .iter()
        .filter(|t| t.kind == "mx" && t.customer_id == id && t.used_by.is_none())
        .map(|t| json!({ "name": t.account_name, "availableConnectionToken": t.token }))
        .collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": {
                "self": link(&state.url(&format!("/customers/{id}/available-exchange-connections")), "available-exchange-connections"),
                "customers": link(&state.url(&format!("/customers/{id}")), "customer"),
            },
            "_embedded": { "available-exchange-connections": items },
        }),
    ))
}
