//! The worker's side of the records kept in the shared-state Durable Object (see
//! [`super::state`]): who owns each Finicity customer, which webhook events arrived
//! about each Dwolla customer, which webhook ids were seen, and the last token outcome.

use std::cell::RefCell;
use std::collections::HashMap;

use serde_json::{json, Value};
use worker::Env;

use crate::api_error::ApiError;
use crate::health::CredentialStatus;
use crate::ownership;
use crate::webhook::EventSummary;

use super::client::{call_object, TOKENS_INSTANCE};

/// Most entries in the in-isolate owner memory before it starts over.
const OWNER_MEMORY: usize = 10_000;

thread_local! {
    // Recorded owners of Finicity customers seen by this isolate. An owner never
    // changes once recorded, so a hit is always current.
    static FINICITY_OWNERS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

fn unavailable(message: &str) -> ApiError {
    ApiError::new(503, "StateUnavailable", message, true)
}

/// The recorded owner (a Dwolla customer id, lower case) of the Finicity customer
/// `finicity_id`, from the Durable Object named after it. With `claim`, records that
/// owner first unless one is recorded already; the owner returned is then the one
/// that holds (the first claim wins, and is never replaced).
pub async fn finicity_owner(
    env: &Env,
    finicity_id: &str,
    claim: Option<&str>,
) -> Result<Option<String>, ApiError> {
    if let Some(owner) = FINICITY_OWNERS.with(|m| m.borrow().get(finicity_id).cloned()) {
        return Ok(Some(owner));
    }
    let ask = json!({"claim": claim.map(ownership::owner_key)});
    let instance = format!("finicity-customer:{finicity_id}");
    let (status, answer): (u16, Value) = call_object(env, &instance, "/owner", &ask).await?;
    if status != 200 {
        return Err(unavailable("the owner record is unavailable"));
    }
    let owner = answer
        .get("owner")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(o) = &owner {
        FINICITY_OWNERS.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= OWNER_MEMORY {
                m.clear();
            }
            m.insert(finicity_id.to_owned(), o.clone());
        });
    }
    Ok(owner)
}

/// The webhook events kept about Dwolla customer `customer_id` (oldest first), after
/// adding `add` when given.
pub async fn events_of(
    env: &Env,
    customer_id: &str,
    add: Option<EventSummary>,
) -> Result<Vec<EventSummary>, ApiError> {
    let instance = format!(
        "dwolla-customer-events:{}",
        ownership::owner_key(customer_id)
    );
    let (status, answer): (u16, Value) =
        call_object(env, &instance, "/events", &json!({"add": add})).await?;
    let events = answer
        .get("events")
        .cloned()
        .and_then(|v| serde_json::from_value::<Vec<EventSummary>>(v).ok());
    match events {
        Some(events) if status == 200 => Ok(events),
        _ => Err(unavailable("shared state is unavailable")),
    }
}

/// Marks webhook event `id` as seen by every isolate; whether it had been seen before.
pub async fn webhook_seen(env: &Env, id: &str) -> Result<bool, ApiError> {
    let (_, seen): (u16, Value) =
        call_object(env, "webhooks", "/webhook", &json!({"id": id})).await?;
    Ok(seen
        .get("duplicate")
        .and_then(Value::as_bool)
        .unwrap_or(false))
}

/// The code of each upstream's last failed token attempt (and Finicity's hold-off).
pub async fn credential_status(env: &Env) -> Result<CredentialStatus, ApiError> {
    let (_, status): (u16, CredentialStatus) =
        call_object(env, TOKENS_INSTANCE, "/status", &json!({})).await?;
    Ok(status)
}
