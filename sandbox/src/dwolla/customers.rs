//! `POST /customers`, `GET /customers`, `GET /customers/{id}`: enough of Dwolla's
//! customer resource to create the unverified and receive-only customers the flow needs.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::check::{parse_json, Checker};
use crate::hal::{created, hal, link, DwollaError, DwollaResult, FieldError};
use crate::state::{dwolla_time, uuid, AppState, Customer};

/// Customer JSON as Dwolla returns it.
pub fn customer_json(state: &AppState, c: &Customer) -> Value {
    let base = state.url(&format!("/customers/{}", c.id));
    let mut v = json!({
        "_links": {
            "self": link(&base, "customer"),
            "funding-sources": link(&format!("{base}/funding-sources"), "funding-source"),
            "exchanges": link(&format!("{base}/exchanges"), "exchange"),
        },
        "id": c.id,
        "firstName": c.first_name,
        "lastName": c.last_name,
        "email": c.email,
        "type": c.kind,
        "status": c.status,
        "created": dwolla_time(&c.created),
    });
    if let Some(b) = &c.business_name {
        v["businessName"] = json!(b);
    }
    if let Some(cid) = &c.correlation_id {
        v["correlationId"] = json!(cid);
    }
    v
}

fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// `POST /customers`.
pub async fn create(State(state): State<AppState>, body: Bytes) -> DwollaResult {
    let body = parse_json(&body).ok_or_else(|| {
        DwollaError::bad_request("The request body contains bad syntax or is incomplete.")
    })?;
    if !body.is_object() {
        return Err(DwollaError::bad_request(
            "The request body must be a JSON object.",
        ));
    }
    let mut ck = Checker::default();
    let first = ck.string(&body, "/firstName");
    let last = ck.string(&body, "/lastName");
    let email = ck.string(&body, "/email");
    let kind = ck
        .optional_string(&body, "/type")
        .unwrap_or_else(|| "unverified".into());
    let business_name = ck.optional_string(&body, "/businessName");
    let correlation_id = ck.optional_string(&body, "/correlationId");
    if let Some(e) = &email {
        if !plausible_email(e) {
            ck.push("InvalidFormat", "/email", "Email is not in a valid format.");
        }
    }
    if !matches!(kind.as_str(), "unverified" | "receive-only") {
        ck.push(
            "Invalid",
            "/type",
            "Type invalid. This sandbox creates unverified and receive-only customers.",
        );
    }
    let (Some(first), Some(last), Some(email)) = (first, last, email) else {
        return Err(DwollaError::validation(ck.errors));
    };
    if !ck.ok() {
        return Err(DwollaError::validation(ck.errors));
    }
    let mut store = state.store();
    if let Some(existing) = store
        .customers
        .iter()
        .find(|c| c.email.eq_ignore_ascii_case(&email))
    {
        let about = state.url(&format!("/customers/{}", existing.id));
        return Err(DwollaError::validation(vec![FieldError::new(
            "Duplicate",
            "/email",
            "Email already associated with a customer.",
        )])
        .with_links(json!({ "about": link(&about, "customer") })));
    }
    let customer = Customer {
        id: uuid(),
        first_name: first,
        last_name: last,
        email,
        kind,
        status: "unverified".into(),
        business_name,
        correlation_id,
        created: chrono::Utc::now(),
    };
    let path = format!("/customers/{}", customer.id);
    let id = customer.id.clone();
    store.customers.push(customer);
    crate::webhooks::emit(&state, "customer_created", &path, Some(&id));
    Ok(created(&state.url(&path)))
}

/// `GET /customers/{id}`.
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> DwollaResult {
    let store = state.store();
    let c = store
        .customer(&id)
        .ok_or_else(|| DwollaError::not_found("Customer"))?;
    Ok(hal(StatusCode::OK, customer_json(&state, c)))
}

/// `GET /customers`.
pub async fn list(State(state): State<AppState>) -> DwollaResult {
    let store = state.store();
    let items: Vec<Value> = store
        .customers
        .iter()
        .map(|c| customer_json(&state, c))
        .collect();
    Ok(hal(
        StatusCode::OK,
        json!({
            "_links": { "self": link(&state.url("/customers"), "customer") },
            "_embedded": { "customers": items },
            "total": items.len(),
        }),
    ))
}
