//! Funding sources made from an exchange: `POST /customers/{id}/funding-sources`,
//! `POST /funding-sources` (the account's own), `GET /customers/{id}/funding-sources`,
//! `GET /funding-sources/{id}`. A bank exchange gives a bank funding source
//! (`bankAccountType` required), a Checkout.com exchange a debit card (`type: card`,
//! `bankAccountType` refused). An exchange whose consent was revoked or expired, or
//! whose bank connection needs re-authentication, answers `UpdateCredentials`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::check::{id_from_href, parse_json, Checker};
use crate::dwolla::{exchanges, partners};
use crate::hal::{created, hal, link, DwollaError, DwollaResult};
use crate::state::{dwolla_time, uuid, AppState, Exchange, FundingSource};
use crate::webhooks;

fn funding_source_json(state: &AppState, f: &FundingSource) -> Value {
    let mut links = json!({
        "self": link(&state.url(&format!("/funding-sources/{}", f.id)), "funding-source"),
        "exchange": link(&state.url(&format!("/exchanges/{}", f.exchange_id)), "exchange"),
    });
    if let Some(c) = &f.customer_id {
        links["customer"] = link(&state.url(&format!("/customers/{c}")), "customer");
    }
    let fingerprint = format!("{:x}", sha2::Sha256::digest(f.exchange_id.as_bytes()));
    match &f.bank_account_type {
        Some(kind) => json!({
            "_links": links,
            "id": f.id,
            "status": "verified",
            "type": "bank",
            "bankAccountType": kind,
            "name": f.name,
            "created": dwolla_time(&f.created),
            "removed": false,
            "channels": ["ach"],
            "bankName": "SANDBOX TEST BANK",
            "fingerprint": fingerprint,
        }),
        // The spec's debit-card funding source (Checkout.com): `type: card`, no bank
        // fields, `cardDetails`, no ACH channel.
        None => json!({
            "_links": links,
            "id": f.id,
            "status": "verified",
            "type": "card",
            "name": f.name,
            "created": dwolla_time(&f.created),
            "removed": false,
            "channels": [],
            "fingerprint": fingerprint,
            "cardDetails": {
                "brand": "VISA",
                "lastFour": "4242",
                "expirationMonth": 12,
                "expirationYear": 2030,
                "nameOnCard": "Sandbox Cardholder",
                "bin": "42424242",
            },
        }),
    }
}

use sha2::Digest;

/// `POST /customers/{id}/funding-sources` from `_links.exchange`.
pub async fn create(
    State(state): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> DwollaResult {
    if state.store().customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    create_from_exchange(&state, Some(id), &raw)
}

/// `POST /funding-sources`: the account's own bank, from an exchange made with
/// `POST /exchanges` (Dwolla's `CreateAccountFundingSource`, exchange form).
pub async fn create_for_account(State(state): State<AppState>, raw: Bytes) -> DwollaResult {
    create_from_exchange(&state, None, &raw)
}

/// The `UpdateCredentials` answer Dwolla documents for an exchange whose bank
/// connection must be re-authenticated; `about` is where to create the re-auth session
/// (for partners with sessions).
fn update_credentials(state: &AppState, exchange: &Exchange, why: &str) -> DwollaError {
    let error = DwollaError::new(
        StatusCode::BAD_REQUEST,
        "UpdateCredentials",
        format!(
            "Re-authentication is required in order to access account data ({why}). Please initiate the exchange session flow to regain access."
        ),
    );
    match partners::by_id(&exchange.partner_id).filter(|p| p.sessions) {
        Some(_) => error.with_links(json!({
            "about": link(
                &state.url(&format!("/exchanges/{}/exchange-sessions", exchange.id)),
                "exchange-session",
            )
        })),
        None => error,
    }
}

fn create_from_exchange(state: &AppState, customer: Option<String>, raw: &[u8]) -> DwollaResult {
    let body = parse_json(raw).ok_or_else(|| {
        DwollaError::bad_request("The request body contains bad syntax or is incomplete.")
    })?;
    if !body.is_object() {
        return Err(DwollaError::bad_request(
            "The request body must be a JSON object.",
        ));
    }
    let mut ck = Checker::default();
    let href = ck.string(&body, "/_links/exchange/href");
    let name = ck.string(&body, "/name");
    if let Some(n) = &name {
        if n.chars().count() > 50 {
            ck.push("Invalid", "/name", "name must be at most 50 characters.");
        }
    }
    let exchange_id = href
        .as_deref()
        .and_then(|h| id_from_href(h, "exchanges"))
        .map(str::to_owned);
    if href.is_some() && exchange_id.is_none() {
        ck.push(
            "Invalid",
            "/_links/exchange/href",
            "/_links/exchange/href is invalid.",
        );
    }
    let mut store = state.store();
    let exchange = exchange_id
        .as_deref()
        .and_then(|e| store.exchange(e))
        .cloned();
    if exchange_id.is_some() && exchange.as_ref().map(|e| &e.customer_id) != Some(&customer) {
        let whose = if customer.is_some() {
            "this customer"
        } else {
            "this account"
        };
        ck.push(
            "Invalid",
            "/_links/exchange/href",
            format!("Exchange not found for {whose}."),
        );
    }
    // A Checkout.com exchange is a debit card: the card shape, never a bank account.
    let card = exchange
        .as_ref()
        .is_some_and(|e| e.partner_name == "Checkout.com");
    let account_type = if card {
        if body.get("bankAccountType").is_some() {
            ck.push(
                "NotAllowed",
                "/bankAccountType",
                "bankAccountType is not allowed for a debit card exchange.",
            );
        }
        None
    } else {
        let t = ck.string(&body, "/bankAccountType");
        if let Some(t) = &t {
            if t != "checking" && t != "savings" {
                ck.push(
                    "Invalid",
                    "/bankAccountType",
                    "bankAccountType must be checking or savings.",
                );
            }
        }
        t
    };
    let (Some(name), Some(exchange), true) = (name, exchange, ck.ok()) else {
        return Err(DwollaError::validation(ck.errors));
    };
    if !card && account_type.is_none() {
        return Err(DwollaError::validation(ck.errors));
    }
    if exchange.status != "active" {
        return Err(DwollaError::new(
            StatusCode::BAD_REQUEST,
            "InactiveExchange",
            "The Exchange was removed or disabled.",
        ));
    }
    if let Some(why) = store.reauth_reason(&exchange) {
        let error = update_credentials(state, &exchange, why);
        if let Some(e) = store.exchanges.iter_mut().find(|e| e.id == exchange.id) {
            if !e.reauth_notified {
                e.reauth_notified = true;
                let path = format!("/exchanges/{}", e.id);
                exchanges::exchange_event(
                    state,
                    "reauth_required",
                    &path,
                    e.customer_id.as_deref(),
                );
            }
        }
        return Err(error);
    }
    if let Some(existing) = store
        .funding_sources
        .iter()
        .find(|f| f.exchange_id == exchange.id && f.customer_id == customer)
    {
        let about = state.url(&format!("/funding-sources/{}", existing.id));
        let what = if card { "Card" } else { "Bank" };
        return Err(DwollaError::new(
            StatusCode::BAD_REQUEST,
            "DuplicateResource",
            format!("{what} already exists: id={}", existing.id),
        )
        .with_links(json!({ "about": link(&about, "funding-source") })));
    }
    let fs = FundingSource {
        id: uuid(),
        customer_id: customer.clone(),
        exchange_id: exchange.id,
        name,
        bank_account_type: account_type,
        created: chrono::Utc::now(),
    };
    let path = format!("/funding-sources/{}", fs.id);
    let location = state.url(&path);
    store.funding_sources.push(fs);
    drop(store);
    match customer.as_deref() {
        Some(c) => {
            webhooks::emit(state, "customer_funding_source_added", &path, Some(c));
            webhooks::emit(state, "customer_funding_source_verified", &path, Some(c));
        }
        None => {
            webhooks::emit(state, "funding_source_added", &path, None);
            webhooks::emit(state, "funding_source_verified", &path, None);
        }
    }
    Ok(created(&location))
}

/// `GET /funding-sources/{id}`.
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> DwollaResult {
    let store = state.store();
    let f = store
        .funding_sources
        .iter()
        .find(|f| f.id == id)
        .ok_or_else(|| DwollaError::not_found("Funding Source"))?;
    Ok(hal(StatusCode::OK, funding_source_json(&state, f)))
}

/// `GET /customers/{id}/funding-sources`.
pub async fn list_for_customer(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> DwollaResult {
    let store = state.store();
    if store.customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    let items: Vec<Value> = store
        .funding_sources
        .iter()
        .filter(|f| f.customer_id.as_deref() == Some(id.as_str()))
        .map(|f| funding_source_json(&state, f))
        .collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": { "self": link(&state.url(&format!("/customers/{id}/funding-sources")), "funding-source") },
            "_embedded": { "funding-sources": items },
        }),
    ))
}
