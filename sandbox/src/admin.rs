//! The admin API under `/_admin/` (not a Dwolla or Finicity path): reset, inspect what
//! exists, read the request log, inject faults, expire tokens.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::faults::FaultSpec;
use crate::state::{AppState, REQUEST_LOG_LIMIT};

fn admin_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "error": { "code": "InvalidFault", "message": message } })),
    )
        .into_response()
}

/// Every admin route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/_admin/reset", post(reset))
        .route("/_admin/state", get(state_dump))
        .route("/_admin/requests", get(requests).delete(clear_requests))
        .route(
            "/_admin/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_admin/faults/{id}", delete(remove_fault))
        .route("/_admin/tokens/expire", post(expire_tokens))
        .route("/_admin/exchanges/{id}", post(change_exchange))
        .route("/_admin/webhooks", get(webhooks))
}

/// `POST /_admin/exchanges/{id}` `{reauthRequired?: true, status?: "active" |
/// "deactivated" | "removed"}`: what the bank or Dwolla does to an exchange outside the
/// API (a password change at the bank, a disabled or removed connection).
async fn change_exchange(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Ok(change) = serde_json::from_slice::<Value>(&body) else {
        return admin_error(StatusCode::BAD_REQUEST, "body must be JSON");
    };
    let status = change.get("status").and_then(Value::as_str);
    if status.is_some_and(|s| !matches!(s, "active" | "deactivated" | "removed")) {
        return admin_error(
            StatusCode::BAD_REQUEST,
            "status must be active, deactivated or removed",
        );
    }
    let reauth = change.get("reauthRequired").and_then(Value::as_bool);
    let mut store = state.store();
    let Some(e) = store.exchanges.iter_mut().find(|e| e.id == id) else {
        return admin_error(StatusCode::NOT_FOUND, "no such exchange");
    };
    let path = format!("/exchanges/{id}");
    if let Some(required) = reauth {
        e.reauth_required = required;
        if required && !e.reauth_notified {
            e.reauth_notified = true;
            crate::dwolla::exchanges::exchange_event(
                &state,
                "reauth_required",
                &path,
                e.customer_id.as_deref(),
            );
        }
    }
    if let Some(s) = status {
        if s == "removed" && e.status != "removed" {
            crate::dwolla::exchanges::exchange_event(
                &state,
                "removed",
                &path,
                e.customer_id.as_deref(),
            );
        }
        e.status = s.to_owned();
    }
    Json(json!({ "exchange": e.clone() })).into_response()
}

/// `GET /_admin/webhooks`: every event and its deliveries.
async fn webhooks(State(state): State<AppState>) -> Json<Value> {
    let store = state.store();
    Json(json!({ "webhooks": store.webhooks }))
}

async fn reset(State(state): State<AppState>) -> Json<Value> {
    state.reset();
    Json(json!({ "reset": true }))
}

async fn state_dump(State(state): State<AppState>) -> Json<Value> {
    let faults = state.faults.list();
    let idempotency_keys = state.idempotency.len();
    let s = state.store();
    let now = std::time::Instant::now();
    let receipts: Vec<Value> = s
        .receipts
        .iter()
        .map(|r| {
            json!({
                "receiptId": r.receipt_id,
                "customerId": r.receipt.get("customerId"),
                "revoked": r.revoked,
                "expiresAt": r.expires_at.to_rfc3339(),
                "usedByCustomer": r.used_by_customer,
            })
        })
        .collect();
    let sessions: Vec<Value> = s
        .sessions
        .iter()
        .map(|x| {
            json!({
                "id": x.id,
                "customerId": x.customer_id,
                "partnerName": x.partner_name,
                "redirectUrl": x.redirect_url,
                "reauthExchangeId": x.reauth_exchange_id,
                "completed": x.completed,
                "providerPage": crate::dwolla::sessions::provider_page(&state, x),
            })
        })
        .collect();
    let provider_tokens: Vec<Value> = s
        .provider_tokens
        .iter()
        .map(|t| json!({ "kind": t.kind, "partnerName": t.partner_name, "customerId": t.customer_id, "sessionId": t.session_id, "usedBy": t.used_by }))
        .collect();
    Json(json!({
        "counts": {
            "customers": s.customers.len(),
            "exchanges": s.exchanges.len(),
            "fundingSources": s.funding_sources.len(),
            "exchangeSessions": s.sessions.len(),
            "receipts": s.receipts.len(),
            "finicityCustomers": s.finicity_customers.len(),
            "connectLinks": s.connect_links.len(),
            "providerTokens": s.provider_tokens.len(),
            "dwollaTokens": s.dwolla_tokens.values().filter(|t| t.expires_at > now).count(),
            "finicityTokens": s.finicity_tokens.values().filter(|t| t.expires_at > now).count(),
            "idempotencyKeys": idempotency_keys,
            "requests": s.requests.len(),
        },
        "customers": s.customers,
        "exchanges": s.exchanges,
        "fundingSources": s.funding_sources,
        "exchangeSessions": sessions,
        "receipts": receipts,
        "finicityCustomers": s.finicity_customers,
        "providerTokens": provider_tokens,
        "finicity": {
            "failedAuthentications": s.finicity_failed_auths,
            "lockedOut": s.finicity_failed_auths >= crate::finicity::LOCKOUT_AFTER,
        },
        "faults": faults,
    }))
}

async fn requests(State(state): State<AppState>) -> Json<Value> {
    let s = state.store();
    Json(json!({ "limit": REQUEST_LOG_LIMIT, "requests": s.requests }))
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.store().requests.clear();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "faults": state.faults.list() }))
}

async fn add_fault(State(state): State<AppState>, raw: Bytes) -> Response {
    let spec: FaultSpec = match serde_json::from_slice(&raw) {
        Ok(s) => s,
        Err(e) => return admin_error(StatusCode::BAD_REQUEST, &format!("invalid fault: {e}")),
    };
    if let Err(m) = spec.validate() {
        return admin_error(StatusCode::BAD_REQUEST, &m);
    }
    (StatusCode::CREATED, Json(json!(state.faults.add(spec)))).into_response()
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

async fn remove_fault(State(state): State<AppState>, Path(id): Path<u64>) -> Response {
    if state.faults.remove(id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        admin_error(StatusCode::NOT_FOUND, "no such fault")
    }
}

/// Makes every token issued so far (Dwolla and Finicity) expired, as if time had passed.
async fn expire_tokens(State(state): State<AppState>) -> Json<Value> {
    let mut guard = state.store();
    let s = &mut *guard;
    let past = std::time::Instant::now();
    let mut n = 0;
    for t in s
        .dwolla_tokens
        .values_mut()
        .chain(s.finicity_tokens.values_mut())
    {
        t.expires_at = past;
        n += 1;
    }
    Json(json!({ "expired": n }))
}
