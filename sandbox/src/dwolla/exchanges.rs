//! Exchanges: `POST /exchanges`, `POST /customers/{id}/exchanges` (every body variant),
//! `GET /exchanges/{id}`, `GET /customers/{id}/exchanges`.
//!
//! Bodies are checked against Dwolla's schemas and docs independently of any client
//! library. A Finicity receipt is accepted only when this sandbox's Finicity side issued
//! it, with the same content, unexpired, unrevoked, issued to Dwolla's partner id,
//! granting `moneyTransferDetails`, and not already exchanged.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::check::{id_from_href, parse_json, Checker};
use crate::dwolla::partners::{self, Partner};
use crate::hal::{created, hal, link, DwollaError, DwollaResult};
use crate::state::{dwolla_time, uuid, AppState, Exchange, ProviderToken, Store};

/// Exchange JSON as Dwolla returns it.
pub fn exchange_json(state: &AppState, e: &Exchange) -> Value {
    let mut links = json!({
        "self": link(&state.url(&format!("/exchanges/{}", e.id)), "exchange"),
        "exchange-partner": link(&state.url(&format!("/exchange-partners/{}", e.partner_id)), "exchange-partner"),
    });
    if let Some(c) = &e.customer_id {
        links["customer"] = link(&state.url(&format!("/customers/{c}")), "customer");
    }
    json!({ "_links": links, "id": e.id, "status": e.status, "created": dwolla_time(&e.created) })
}

fn invalid_token(message: &str) -> DwollaError {
    DwollaError::new(StatusCode::BAD_REQUEST, "InvalidExchangeToken", message)
}

/// Reads and checks `_links.exchange-partner.href`, shared with exchange sessions.
pub fn partner_from_body(body: &Value, ck: &mut Checker) -> Option<Partner> {
    let href = ck.string(body, "/_links/exchange-partner/href")?;
    let partner = id_from_href(&href, "exchange-partners").and_then(partners::by_id);
    if partner.is_none() {
        ck.push(
            "Invalid",
            "/_links/exchange-partner/href",
            "/_links/exchange-partner/href is invalid.",
        );
    }
    partner
}

/// `POST /customers/{id}/exchanges`.
pub async fn create_for_customer(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> DwollaResult {
    if state.store().customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    create(&state, Some(id), &body)
}

/// `POST /exchanges` (account-level).
pub async fn create_for_account(State(state): State<AppState>, body: Bytes) -> DwollaResult {
    create(&state, None, &body)
}

const VARIANTS: [&str; 4] = ["finicity", "token", "mx", "plaid"];

fn create(state: &AppState, customer: Option<String>, raw: &[u8]) -> DwollaResult {
    let body = parse_json(raw).ok_or_else(|| {
        DwollaError::bad_request("The request body contains bad syntax or is incomplete.")
    })?;
    if !body.is_object() {
        return Err(DwollaError::bad_request(
            "The request body must be a JSON object.",
        ));
    }
    let mut ck = Checker::default();
    let partner = partner_from_body(&body, &mut ck);
    let Some(partner) = partner else {
        return Err(DwollaError::validation(ck.errors));
    };
    let allowed: &[&str] = match partner.name {
        "Finicity" => &["finicity"],
        "MX" => &["token", "mx"],
        "Plaid" => &["token", "plaid"],
        "Flinks" | "Checkout.com" => &["token"],
        _ => &[],
    };
    if allowed.is_empty() {
        ck.push(
            "Invalid",
            "/_links/exchange-partner/href",
            format!(
                "Exchanges with {} are created by completing an exchange session.",
                partner.name
            ),
        );
        return Err(DwollaError::validation(ck.errors));
    }
    let present: Vec<&str> = VARIANTS
        .iter()
        .copied()
        .filter(|k| body.get(*k).is_some())
        .collect();
    for p in &present {
        if !allowed.contains(p) {
            ck.push(
                "NotAllowed",
                &format!("/{p}"),
                format!("{p} is not allowed for {}.", partner.name),
            );
        }
    }
    let chosen: Vec<&str> = present
        .iter()
        .copied()
        .filter(|p| allowed.contains(p))
        .collect();
    match chosen.as_slice() {
        [] => {
            let first = allowed.first().copied().unwrap_or("token");
            ck.push(
                "Required",
                &format!("/{first}"),
                format!("{first} is required."),
            );
            return Err(DwollaError::validation(ck.errors));
        }
        [_, second, ..] => {
            ck.push(
                "NotAllowed",
                &format!("/{second}"),
                "Only one of token, mx, plaid or finicity may be given.",
            );
            return Err(DwollaError::validation(ck.errors));
        }
        [_] => {}
    }
    let variant = chosen.first().copied().unwrap_or("token");
    let source = match variant {
        "finicity" => {
            let given = check_finicity(&body, &mut ck);
            if !ck.ok() {
                return Err(DwollaError::validation(ck.errors));
            }
            let given = given.ok_or_else(|| DwollaError::validation(ck.errors.clone()))?;
            let mut store = state.store();
            let receipt_id = accept_receipt(state, &mut store, &given, customer.as_deref())?;
            return Ok(insert(state, &mut store, partner, customer, receipt_id));
        }
        "mx" => ck
            .string(&body, "/mx/availableConnectionToken")
            .map(|t| ("mx", t)),
        "plaid" => ck.string(&body, "/plaid/publicToken").map(|t| ("plaid", t)),
        _ => ck.string(&body, "/token").map(|t| ("token", t)),
    };
    let Some((kind, token)) = source else {
        return Err(DwollaError::validation(ck.errors));
    };
    if !ck.ok() {
        return Err(DwollaError::validation(ck.errors));
    }
    let mut store = state.store();
    let exchange_id = uuid();
    consume_token(
        &mut store,
        partner,
        customer.as_deref(),
        kind,
        &token,
        &exchange_id,
    )?;
    Ok(insert_with_id(
        state,
        &mut store,
        partner,
        customer,
        format!("{kind} token"),
        exchange_id,
    ))
}

fn insert(
    state: &AppState,
    store: &mut Store,
    partner: Partner,
    customer: Option<String>,
    source: String,
) -> axum::response::Response {
    insert_with_id(state, store, partner, customer, source, uuid())
}

fn insert_with_id(
    state: &AppState,
    store: &mut Store,
    partner: Partner,
    customer: Option<String>,
    source: String,
    id: String,
) -> axum::response::Response {
    let location = state.url(&format!("/exchanges/{id}"));
    let path = format!("/exchanges/{id}");
    store.exchanges.push(Exchange {
        id,
        partner_id: partner.id.into(),
        partner_name: partner.name.into(),
        customer_id: customer.clone(),
        status: "active".into(),
        source,
        reauth_required: false,
        reauth_notified: false,
        created: Utc::now(),
    });
    exchange_event(state, "created", &path, customer.as_deref());
    created(&location)
}

/// Sends `customer_exchange_{what}` (or `exchange_{what}` for the account's own).
pub fn exchange_event(state: &AppState, what: &str, path: &str, customer: Option<&str>) {
    let topic = match customer {
        Some(_) => format!("customer_exchange_{what}"),
        None => format!("exchange_{what}"),
    };
    crate::webhooks::emit(state, &topic, path, customer);
}

/// Checks a token against those the simulated provider pages issued. A `token` that no
/// page issued is taken as an outside processor token: accepted once unless it starts
/// with `invalid`.
fn consume_token(
    store: &mut Store,
    partner: Partner,
    customer: Option<&str>,
    kind: &str,
    token: &str,
    exchange_id: &str,
) -> Result<(), DwollaError> {
    if let Some(issued) = store.provider_tokens.iter_mut().find(|t| t.token == token) {
        if issued.kind != kind || issued.partner_name != partner.name {
            return Err(invalid_token(
                "Token was not issued for this exchange partner.",
            ));
        }
        if customer != Some(issued.customer_id.as_str()) {
            return Err(invalid_token("Token was issued for another customer."));
        }
        if issued.used_by.is_some() {
            return Err(invalid_token("Token has already been exchanged."));
        }
        issued.used_by = Some(exchange_id.into());
        return Ok(());
    }
    if kind != "token" {
        return Err(invalid_token("Token is invalid or expired."));
    }
    if token.to_ascii_lowercase().starts_with("invalid") {
        return Err(invalid_token("Token is invalid or expired."));
    }
    store.provider_tokens.push(ProviderToken {
        token: token.into(),
        kind: "processor".into(),
        partner_name: partner.name.into(),
        customer_id: customer.unwrap_or_default().into(),
        session_id: String::new(),
        account_name: String::new(),
        used_by: Some(exchange_id.into()),
    });
    Ok(())
}

/// The Finicity object of a request, checked for shape.
#[derive(Debug)]
pub struct GivenReceipt {
    receipt_id: String,
    customer_id: String,
    partner_id: i64,
    profile: Option<i64>,
    version: Option<String>,
    receipt_version: Option<String>,
    timestamp: Option<DateTime<Utc>>,
    products: Vec<(String, String, String, TimeValue, DateTime<Utc>)>,
}

/// `startTime` may be a date (Dwolla's schema) or a date-time (Mastercard's receipts).
#[derive(Debug, Clone, Copy)]
enum TimeValue {
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
}

fn parse_date_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

fn time_at(ck: &mut Checker, body: &Value, ptr: &str, date_allowed: bool) -> Option<TimeValue> {
    let s = ck.string(body, ptr)?;
    if let Some(dt) = parse_date_time(&s) {
        return Some(TimeValue::DateTime(dt));
    }
    if date_allowed {
        if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            return Some(TimeValue::Date(d));
        }
    }
    let what = if date_allowed {
        "an ISO-8601 date or date-time"
    } else {
        "an ISO-8601 date-time"
    };
    ck.push(
        "InvalidFormat",
        ptr,
        format!("{} must be {what}.", ptr.rsplit('/').next().unwrap_or(ptr)),
    );
    None
}

fn check_finicity(body: &Value, ck: &mut Checker) -> Option<GivenReceipt> {
    ck.object(body, "/finicity")?;
    let receipt_id = ck.string(body, "/finicity/receiptId");
    let customer_id = ck.string(body, "/finicity/customerId");
    if let Some(c) = &customer_id {
        if !c.bytes().all(|b| b.is_ascii_digit()) {
            ck.push(
                "InvalidFormat",
                "/finicity/customerId",
                "customerId must be a string of digits.",
            );
        }
    }
    let partner_id = ck.integer(body, "/finicity/partnerId");
    let profile = body
        .pointer("/finicity/profile")
        .is_some()
        .then(|| ck.integer(body, "/finicity/profile"))
        .flatten();
    let version = ck.optional_string(body, "/finicity/version");
    let receipt_version = ck.optional_string(body, "/finicity/receiptVersion");
    let timestamp = match body.pointer("/finicity/timestamp") {
        Some(_) => match time_at(ck, body, "/finicity/timestamp", false) {
            Some(TimeValue::DateTime(t)) => Some(t),
            _ => None,
        },
        None => None,
    };
    let mut products = Vec::new();
    if let Some(items) = ck.array(body, "/finicity/products") {
        for i in 0..items.len() {
            let base = format!("/finicity/products/{i}");
            if ck.object(body, &base).is_none() {
                continue;
            }
            let product = ck.string(body, &format!("{base}/product"));
            let account = ck.string(body, &format!("{base}/accountId"));
            if let Some(a) = &account {
                if !a.bytes().all(|b| b.is_ascii_digit()) {
                    ck.push(
                        "InvalidFormat",
                        &format!("{base}/accountId"),
                        "accountId must be a string of digits.",
                    );
                }
            }
            let period = format!("{base}/accessPeriod");
            if ck.object(body, &period).is_none() {
                continue;
            }
            let kind = ck.string(body, &format!("{period}/type"));
            let start = time_at(ck, body, &format!("{period}/startTime"), true);
            let end = match time_at(ck, body, &format!("{period}/endTime"), false) {
                Some(TimeValue::DateTime(t)) => Some(t),
                _ => None,
            };
            if let (Some(p), Some(a), Some(k), Some(s), Some(e)) =
                (product, account, kind, start, end)
            {
                products.push((p, a, k, s, e));
            }
        }
    }
    Some(GivenReceipt {
        receipt_id: receipt_id?,
        customer_id: customer_id?,
        partner_id: partner_id?,
        profile,
        version,
        receipt_version,
        timestamp,
        products,
    })
}

fn same_start(given: TimeValue, issued: Option<&str>) -> bool {
    let Some(issued) = issued.and_then(parse_date_time) else {
        return false;
    };
    match given {
        TimeValue::DateTime(t) => t == issued,
        TimeValue::Date(d) => d == issued.date_naive(),
    }
}

fn accept_receipt(
    state: &AppState,
    store: &mut Store,
    given: &GivenReceipt,
    customer: Option<&str>,
) -> Result<String, DwollaError> {
    let dwolla_partner = state.config.dwolla_mastercard_partner_id.clone();
    let binding = customer.unwrap_or("account").to_owned();
    let Some(r) = store
        .receipts
        .iter_mut()
        .find(|r| r.receipt_id == given.receipt_id)
    else {
        return Err(invalid_token("Receipt was not issued by Finicity."));
    };
    let issued = &r.receipt;
    let s = |ptr: &str| {
        issued
            .pointer(ptr)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let mut matches = s("/customerId").as_deref() == Some(given.customer_id.as_str())
        && s("/partnerId") == Some(given.partner_id.to_string());
    if let Some(p) = given.profile {
        matches &= issued.pointer("/profile").and_then(Value::as_i64) == Some(p);
    }
    if let Some(v) = &given.version {
        matches &= s("/version").as_deref() == Some(v.as_str());
    }
    if let Some(v) = &given.receipt_version {
        matches &= issued
            .pointer("/receiptVersion")
            .map(|x| x.to_string().trim_matches('"').to_owned())
            == Some(v.clone());
    }
    if let Some(t) = given.timestamp {
        matches &= s("/timestamp").as_deref().and_then(parse_date_time) == Some(t);
    }
    let issued_products = issued
        .pointer("/products")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    matches &= issued_products.len() == given.products.len();
    for (p, a, k, start, end) in &given.products {
        matches &= issued_products.iter().any(|ip| {
            let g = |ptr: &str| ip.pointer(ptr).and_then(Value::as_str);
            g("/product") == Some(p.as_str())
                && g("/accountId") == Some(a.as_str())
                && g("/accessPeriod/type") == Some(k.as_str())
                && same_start(*start, g("/accessPeriod/startTime"))
                && g("/accessPeriod/endTime").and_then(parse_date_time) == Some(*end)
        });
    }
    if !matches {
        return Err(invalid_token(
            "Receipt content does not match the receipt Finicity issued.",
        ));
    }
    if r.revoked {
        return Err(invalid_token("Receipt has been revoked."));
    }
    if r.expires_at <= Utc::now() {
        return Err(invalid_token("Receipt has expired."));
    }
    if s("/partnerId").as_deref() != Some(dwolla_partner.as_str()) {
        return Err(invalid_token(
            "Receipt was not issued to Dwolla's partner id.",
        ));
    }
    if !given
        .products
        .iter()
        .any(|(p, ..)| p == "moneyTransferDetails")
    {
        return Err(invalid_token(
            "Receipt does not grant moneyTransferDetails.",
        ));
    }
    if r.used_by_customer.is_some() {
        return Err(invalid_token("Receipt has already been exchanged."));
    }
    r.used_by_customer = Some(binding);
    Ok(format!("finicity receipt {}", r.receipt_id))
}

/// `GET /exchanges/{id}`.
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> DwollaResult {
    let store = state.store();
    let e = store
        .exchange(&id)
        .ok_or_else(|| DwollaError::not_found("Exchange"))?;
    Ok(hal(StatusCode::OK, exchange_json(&state, e)))
}

/// `GET /exchanges`: the account's own exchanges.
pub async fn list_for_account(State(state): State<AppState>) -> DwollaResult {
    let store = state.store();
    let items: Vec<Value> = store
        .exchanges
        .iter()
        .filter(|e| e.customer_id.is_none())
        .map(|e| exchange_json(&state, e))
        .collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": { "self": link(&state.url("/exchanges"), "exchange") },
            "_embedded": { "exchanges": items },
            "total": items.len(),
        }),
    ))
}

/// `GET /customers/{id}/exchanges`.
pub async fn list_for_customer(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> DwollaResult {
    let store = state.store();
    if store.customer(&id).is_none() {
        return Err(DwollaError::not_found("Customer"));
    }
    let items: Vec<Value> = store
        .exchanges
        .iter()
        .filter(|e| e.customer_id.as_deref() == Some(id.as_str()))
        .map(|e| exchange_json(&state, e))
        .collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": { "self": link(&state.url(&format!("/customers/{id}/exchanges")), "exchange") },
            "_embedded": { "exchanges": items },
            "total": items.len(),
        }),
    ))
}
