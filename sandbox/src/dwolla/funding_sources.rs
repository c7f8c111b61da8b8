//! Funding sources made from an exchange: `POST /customers/{id}/funding-sources`,
//! `GET /customers/{id}/funding-sources`, `GET /funding-sources/{id}`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::check::{id_from_href, parse_json, Checker};
use crate::hal::{created, hal, link, DwollaError, DwollaResult};
use crate::state::{dwolla_time, uuid, AppState, FundingSource};

fn funding_source_json(state: &AppState, f: &FundingSource) -> Value {
    json!({
        "_links": {
            "self": link(&state.url(&format!("/funding-sources/{}", f.id)), "funding-source"),
            "customer": link(&state.url(&format!("/customers/{}", f.customer_id)), "customer"),
            "exchange": link(&state.url(&format!("/exchanges/{}", f.exchange_id)), "exchange"),
        },
        "id": f.id,
        "status": "verified",
        "type": "bank",
        "bankAccountType": f.bank_account_type,
        "name": f.name,
        "created": dwolla_time(&f.created),
        "removed": false,
        "channels": ["ach"],
        "bankName": "SANDBOX TEST BANK",
        "fingerprint": format!("{:x}", sha2::Sha256::digest(f.exchange_id.as_bytes())),
    })
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
    let body = parse_json(&raw).ok_or_else(|| {
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
    let account_type = ck.string(&body, "/bankAccountType");
    if let Some(t) = &account_type {
        if t != "checking" && t != "savings" {
            ck.push(
                "Invalid",
                "/bankAccountType",
                "bankAccountType must be checking or savings.",
            );
        }
    }
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
    if exchange_id.is_some()
        && exchange.as_ref().and_then(|e| e.customer_id.as_deref()) != Some(id.as_str())
    {
        ck.push(
            "Invalid",
            "/_links/exchange/href",
            "Exchange not found for this customer.",
        );
    }
    let (Some(name), Some(account_type), Some(exchange), true) =
        (name, account_type, exchange, ck.ok())
    else {
        return Err(DwollaError::validation(ck.errors));
    };
    if exchange.status != "active" {
        return Err(DwollaError::new(
            StatusCode::BAD_REQUEST,
            "InactiveExchange",
            "The exchange is not active.",
        ));
    }
    if let Some(existing) = store
        .funding_sources
        .iter()
        .find(|f| f.exchange_id == exchange.id && f.customer_id == id)
    {
        let about = state.url(&format!("/funding-sources/{}", existing.id));
        return Err(DwollaError::new(
            StatusCode::BAD_REQUEST,
            "DuplicateResource",
            format!("Bank already exists: id={}", existing.id),
        )
        .with_links(json!({ "about": link(&about, "funding-source") })));
    }
    let fs = FundingSource {
        id: uuid(),
        customer_id: id,
        exchange_id: exchange.id,
        name,
        bank_account_type: account_type,
        created: chrono::Utc::now(),
    };
    let location = state.url(&format!("/funding-sources/{}", fs.id));
    store.funding_sources.push(fs);
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
        .filter(|f| f.customer_id == id)
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
