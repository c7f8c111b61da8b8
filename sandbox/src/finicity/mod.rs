//! The Finicity (Mastercard Open Finance US) side: partner authentication with the real
//! lockout, testing customers, Connect links, accounts, and consent receipts.

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::faults::ForceTokenExpiry;
use crate::state::{
    expires_in, long_digit_id, random_token, uuid, AppState, ConnectLink, FinicityCustomer,
    Receipt, Store, Token,
};

/// Failed authentications after which the partner is locked until reset.
pub const LOCKOUT_AFTER: u32 = 5;

/// A Finicity error `{code, message}` (codes are strings, as in Mastercard's examples).
pub fn fin_error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "code": code, "message": message }))).into_response()
}

fn missing(field: &str) -> Response {
    fin_error(
        StatusCode::BAD_REQUEST,
        "10005",
        &format!("Missing parameter ({field})"),
    )
}

fn invalid(message: &str) -> Response {
    fin_error(StatusCode::BAD_REQUEST, "10010", message)
}

/// Every Finicity route.
pub fn router(state: AppState) -> Router<AppState> {
    let with_token = Router::new()
        .route(
            "/aggregation/v2/customers/testing",
            post(add_testing_customer),
        )
        .route("/connect/v2/generate", post(generate_connect))
        .route(
            "/aggregation/v1/customers/{customer_id}/accounts",
            get(accounts),
        )
        .route("/aggregation/v1/partners/accessKey", post(access_key))
        .route(
            "/aggregation/v1/partners/accessKey/{receipt_id}",
            delete(revoke).put(update_access_key),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), token_guard));
    Router::new()
        .route(
            "/aggregation/v2/partners/authentication",
            post(authenticate),
        )
        .merge(with_token)
        .route_layer(middleware::from_fn_with_state(state, app_key_guard))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn app_key_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match header(req.headers(), "finicity-app-key") {
        None => fin_error(
            StatusCode::UNAUTHORIZED,
            "10026",
            "Missing parameter (Finicity-App-Key)",
        ),
        Some(k) if !state.config.finicity_app_key.matches(k) => fin_error(
            StatusCode::UNAUTHORIZED,
            "10001",
            "Invalid (Finicity-App-Key)",
        ),
        Some(_) => next.run(req).await,
    }
}

async fn token_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(token) = header(req.headers(), "finicity-app-token").map(str::to_owned) else {
        return fin_error(
            StatusCode::UNAUTHORIZED,
            "10024",
            "Missing parameter (Finicity-App-Token)",
        );
    };
    let forced = req.extensions().get::<ForceTokenExpiry>().is_some();
    let expiry = state
        .store()
        .finicity_tokens
        .get(&token)
        .map(|t| t.expires_at);
    match expiry {
        None => fin_error(
            StatusCode::UNAUTHORIZED,
            "10022",
            "Invalid (Finicity-App-Token)",
        ),
        Some(at) if forced || at <= std::time::Instant::now() => fin_error(
            StatusCode::UNAUTHORIZED,
            "10023",
            "Expired (Finicity-App-Token)",
        ),
        Some(_) => next.run(req).await,
    }
}

/// Errors are boxed: a `Response` is large and these are the rare path.
fn json_object(raw: &[u8]) -> Result<Value, Box<Response>> {
    match serde_json::from_slice::<Value>(raw) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(Box::new(fin_error(
            StatusCode::BAD_REQUEST,
            "10000",
            "Bad request: body must be a JSON object",
        ))),
    }
}

/// A required string field; numbers are rejected so long ids never pass through floats.
fn string_field(body: &Value, field: &str) -> Result<String, Box<Response>> {
    match body.get(field) {
        None | Some(Value::Null) => Err(Box::new(missing(field))),
        Some(Value::String(s)) if s.is_empty() => Err(Box::new(missing(field))),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(Box::new(invalid(&format!(
            "Invalid parameter ({field}): must be a string"
        )))),
    }
}

/// `POST /aggregation/v2/partners/authentication`.
async fn authenticate(State(state): State<AppState>, raw: Bytes) -> Response {
    if state.store().finicity_failed_auths >= LOCKOUT_AFTER {
        return fin_error(
            StatusCode::UNAUTHORIZED,
            "10001",
            "Partner account locked after too many failed authentication attempts",
        );
    }
    let body = match json_object(&raw) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    let (partner_id, secret) = match (
        string_field(&body, "partnerId"),
        string_field(&body, "partnerSecret"),
    ) {
        (Ok(p), Ok(s)) => (p, s),
        (Err(r), _) | (_, Err(r)) => return *r,
    };
    let mut store = state.store();
    if partner_id != state.config.finicity_partner_id {
        // Mastercard's spec: an unknown partner is 404 PartnerNotFound (code 12401),
        // and there is no partner account whose failures could be counted.
        return fin_error(StatusCode::NOT_FOUND, "12401", "partner not found");
    }
    if !state.config.finicity_partner_secret.matches(&secret) {
        store.finicity_failed_auths += 1;
        return fin_error(StatusCode::UNAUTHORIZED, "10001", "Invalid credentials");
    }
    store.finicity_failed_auths = 0;
    let token = random_token(20);
    store.finicity_tokens.insert(
        token.clone(),
        Token {
            expires_at: expires_in(state.config.finicity_token_lifetime),
        },
    );
    Json(json!({ "token": token })).into_response()
}

/// `POST /aggregation/v2/customers/testing`.
async fn add_testing_customer(State(state): State<AppState>, raw: Bytes) -> Response {
    let body = match json_object(&raw) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    let username = match string_field(&body, "username") {
        Ok(u) => u,
        Err(r) => return *r,
    };
    let opt = |f: &str| body.get(f).and_then(Value::as_str).map(str::to_owned);
    let mut store = state.store();
    if store
        .finicity_customers
        .iter()
        .any(|c| c.username == username)
    {
        return fin_error(StatusCode::CONFLICT, "11009", "Username already taken");
    }
    let customer = FinicityCustomer {
        id: long_digit_id(),
        username: username.clone(),
        first_name: opt("firstName"),
        last_name: opt("lastName"),
        created_date: Utc::now().timestamp(),
        accounts: Vec::new(),
    };
    let answer =
        json!({ "id": customer.id, "username": username, "createdDate": customer.created_date });
    store.finicity_customers.push(customer);
    (StatusCode::CREATED, Json(answer)).into_response()
}

/// Connect links stay valid this long, like Finicity's.
const CONNECT_TTL_SECS: i64 = 2 * 60 * 60;

/// `POST /connect/v2/generate`.
async fn generate_connect(State(state): State<AppState>, raw: Bytes) -> Response {
    let body = match json_object(&raw) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    let (partner_id, customer_id) = match (
        string_field(&body, "partnerId"),
        string_field(&body, "customerId"),
    ) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(r), _) | (_, Err(r)) => return *r,
    };
    if partner_id != state.config.finicity_partner_id {
        return invalid("Partner ID does not match the authenticated partner");
    }
    let redirect_uri = match body.get("redirectUri") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.starts_with("https://") || s.starts_with("http://") => {
            Some(s.clone())
        }
        Some(_) => return invalid("Invalid parameter (redirectUri): must be an http(s) URL"),
    };
    let mut store = state.store();
    if store.finicity_customer(&customer_id).is_none() {
        return invalid("Customer ID does not exist or does not belong to this partner");
    }
    let now = Utc::now();
    let link = ConnectLink {
        id: uuid(),
        customer_id: customer_id.clone(),
        redirect_uri,
        expires_at: now + chrono::Duration::seconds(CONNECT_TTL_SECS),
        completed: false,
    };
    let url = format!(
        "{}?customerId={}&partnerId={}&origin=url&timestamp={}&ttl={}",
        state.url(&format!("/_sandbox/connect/{}", link.id)),
        customer_id,
        partner_id,
        now.timestamp_millis(),
        link.expires_at.timestamp_millis(),
    );
    store.connect_links.push(link);
    Json(json!({ "link": url })).into_response()
}

/// `GET /aggregation/v1/customers/{customerId}/accounts`.
async fn accounts(State(state): State<AppState>, Path(customer_id): Path<String>) -> Response {
    let store = state.store();
    let Some(c) = store.finicity_customer(&customer_id) else {
        return fin_error(StatusCode::NOT_FOUND, "14001", "Customer not found");
    };
    let list: Vec<Value> = c
        .accounts
        .iter()
        .map(|a| {
            let last4: String = a
                .number
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            json!({
                "id": a.id,
                "number": a.number,
                "accountNumberDisplay": last4,
                "realAccountNumberLast4": last4,
                "name": a.name,
                "accountNickname": a.name,
                "balance": 1234.56,
                "type": a.kind,
                "status": "active",
                "customerId": c.id,
                "institutionId": a.institution_id,
                "institutionLoginId": a.institution_login_id,
                "createdDate": a.created_date,
                "currency": "USD",
            })
        })
        .collect();
    Json(json!({ "accounts": list })).into_response()
}

fn iso(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn sign(receipt: &Value) -> String {
    // A per-process key: receipts are only meaningful to this running sandbox.
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| random_token(32));
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(receipt.to_string().as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn invalid_box(message: &str) -> Box<Response> {
    Box::new(invalid(message))
}

fn missing_box(field: &str) -> Box<Response> {
    Box::new(missing(field))
}

/// What an access-key request grants, checked.
struct Grant {
    customer_id: String,
    third_party: String,
    products: Vec<Value>,
    latest_end: DateTime<Utc>,
}

/// Checks a `ThirdPartyAccessKeyData` body (the `POST` and `PUT` of an access key).
fn read_grant(state: &AppState, store: &Store, raw: &[u8]) -> Result<Grant, Box<Response>> {
    let body = json_object(raw)?;
    let fields = (
        string_field(&body, "customerId"),
        string_field(&body, "partnerId"),
        string_field(&body, "thirdPartyPartnerId"),
    );
    let (customer_id, partner_id, third_party) = match fields {
        (Ok(c), Ok(p), Ok(t)) => (c, p, t),
        (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return Err(r),
    };
    if partner_id != state.config.finicity_partner_id {
        return Err(invalid_box(
            "Partner ID does not match the authenticated partner",
        ));
    }
    if third_party.is_empty() || !third_party.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid_box(
            "Invalid parameter (thirdPartyPartnerId): must be a string of digits",
        ));
    }
    let Some(products) = body
        .get("products")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
    else {
        return Err(missing_box("products"));
    };
    let Some(customer) = store.finicity_customer(&customer_id).cloned() else {
        return Err(invalid_box(
            "Customer ID does not exist or does not belong to this partner",
        ));
    };
    let now = Utc::now();
    let mut issued_products = Vec::new();
    let mut latest_end = now;
    for (i, p) in products.iter().enumerate() {
        let product = match string_field(p, "product") {
            Ok(v) => v,
            Err(_) => return Err(missing_box(&format!("products[{i}].product"))),
        };
        let account_id = match string_field(p, "accountId") {
            Ok(v) => v,
            Err(_) => {
                return Err(invalid_box(&format!(
                    "Invalid parameter (products[{i}].accountId): must be a string"
                )))
            }
        };
        if !customer.accounts.iter().any(|a| a.id == account_id) {
            return Err(invalid_box(&format!(
                "Account {account_id} does not belong to this customer"
            )));
        }
        let period = p.get("accessPeriod");
        let time = |f: &str| {
            period
                .and_then(|v| v.get(f))
                .and_then(Value::as_str)
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|d| d.with_timezone(&Utc))
        };
        let kind = period
            .and_then(|v| v.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let (Some(start), Some(end)) = (time("startTime"), time("endTime")) else {
            return Err(invalid_box(&format!(
                "Invalid parameter (products[{i}].accessPeriod): startTime and endTime must be ISO-8601 date-times"
            )));
        };
        if kind != "timeframe" {
            return Err(invalid_box(&format!(
                "Invalid parameter (products[{i}].accessPeriod.type): must be timeframe"
            )));
        }
        if end <= start || end <= now {
            return Err(invalid_box(&format!("Invalid parameter (products[{i}].accessPeriod): endTime must be after startTime and in the future")));
        }
        latest_end = latest_end.max(end);
        issued_products.push(json!({
            "product": product,
            "accountId": account_id,
            "accessPeriod": { "type": "timeframe", "startTime": iso(&start), "endTime": iso(&end) },
        }));
    }
    Ok(Grant {
        customer_id,
        third_party,
        products: issued_products,
        latest_end,
    })
}

/// A signed receipt for `grant`, as Mastercard's accessKey response carries it.
fn signed(receipt_id: &str, version: u64, grant: &Grant) -> (Value, Value) {
    let now = Utc::now();
    let receipt = json!({
        "profile": 3,
        "version": "1",
        "receiptId": receipt_id,
        "receiptVersion": version,
        "customerId": grant.customer_id,
        "partnerId": grant.third_party,
        "products": grant.products,
        "timestamp": iso(&now),
    });
    let proof =
        json!({ "signature": sign(&receipt), "keyId": "sandbox-key-1", "timestamp": iso(&now) });
    (receipt, proof)
}

/// `POST /aggregation/v1/partners/accessKey`.
async fn access_key(State(state): State<AppState>, raw: Bytes) -> Response {
    let mut store = state.store();
    let grant = match read_grant(&state, &store, &raw) {
        Ok(g) => g,
        Err(r) => return *r,
    };
    let receipt_id = format!("cr_{}", random_token(30));
    let (receipt, proof) = signed(&receipt_id, 1, &grant);
    store.receipts.push(Receipt {
        receipt_id,
        receipt: receipt.clone(),
        proof: proof.clone(),
        revoked: false,
        expires_at: grant.latest_end,
        used_by_customer: None,
    });
    Json(json!({ "data": [{ "receipt": receipt, "proof": proof }] })).into_response()
}

/// `PUT /aggregation/v1/partners/accessKey/{consentReceiptId}` (Mastercard's
/// `UpdateThirdPartyAccessKey`): renews the access of an existing receipt, revoked or
/// not, for the same customer and third party. The receipt keeps its id, its
/// `receiptVersion` goes up, and an exchange made from it can be used again.
async fn update_access_key(
    State(state): State<AppState>,
    Path(receipt_id): Path<String>,
    raw: Bytes,
) -> Response {
    let mut store = state.store();
    let grant = match read_grant(&state, &store, &raw) {
        Ok(g) => g,
        Err(r) => return *r,
    };
    let Some(r) = store
        .receipts
        .iter_mut()
        .find(|r| r.receipt_id == receipt_id)
    else {
        return fin_error(StatusCode::NOT_FOUND, "38002", "Consent receipt not found");
    };
    let same =
        |field: &str, value: &str| r.receipt.get(field).and_then(Value::as_str) == Some(value);
    if !same("customerId", &grant.customer_id) || !same("partnerId", &grant.third_party) {
        return invalid("The receipt belongs to another customer or third party");
    }
    let version = r
        .receipt
        .get("receiptVersion")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        + 1;
    let (receipt, proof) = signed(&receipt_id, version, &grant);
    r.receipt = receipt.clone();
    r.proof = proof.clone();
    r.revoked = false;
    r.expires_at = grant.latest_end;
    for e in store.exchanges.iter_mut() {
        if e.source == format!("finicity receipt {receipt_id}") {
            e.reauth_notified = false;
        }
    }
    Json(json!({ "data": [{ "receipt": receipt, "proof": proof }] })).into_response()
}

/// `DELETE /aggregation/v1/partners/accessKey/{consentReceiptId}`.
async fn revoke(State(state): State<AppState>, Path(receipt_id): Path<String>) -> Response {
    let mut store = state.store();
    match store
        .receipts
        .iter_mut()
        .find(|r| r.receipt_id == receipt_id)
    {
        Some(r) => {
            r.revoked = true;
            // Dwolla learns of it: every exchange made from this receipt needs
            // re-authentication now.
            let source = format!("finicity receipt {receipt_id}");
            for e in store.exchanges.iter_mut().filter(|e| e.source == source) {
                if !e.reauth_notified {
                    e.reauth_notified = true;
                    crate::dwolla::exchanges::exchange_event(
                        &state,
                        "reauth_required",
                        &format!("/exchanges/{}", e.id),
                        e.customer_id.as_deref(),
                    );
                }
            }
            StatusCode::NO_CONTENT.into_response()
        }
        None => fin_error(StatusCode::NOT_FOUND, "38002", "Consent receipt not found"),
    }
}
