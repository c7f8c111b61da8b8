//! Dwolla webhooks: the event id used for de-duplication, and a small in-isolate memory
//! of recent ids in front of the shared (Durable Object) record.

use std::collections::VecDeque;

use serde::Deserialize;

/// The header carrying the hex HMAC-SHA256 of the raw body.
pub const SIGNATURE_HEADER: &str = "X-Request-Signature-SHA-256";

#[derive(Deserialize)]
struct EventEnvelope {
    id: Option<serde_json::Value>,
}

/// The event id of a (verified) webhook body: its top-level `id`, as a string.
pub fn event_id(body: &[u8]) -> Option<String> {
    let env: EventEnvelope = serde_json::from_slice(body).ok()?;
    match env.id? {
        serde_json::Value::String(s) if !s.is_empty() && s.len() <= 200 => Some(s),
        _ => None,
    }
}

/// A bounded set of recently seen ids, oldest evicted first.
#[derive(Debug, Default)]
pub struct RecentIds {
    order: VecDeque<String>,
    capacity: usize,
}

impl RecentIds {
    /// A set remembering up to `capacity` ids.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            order: VecDeque::new(),
            capacity,
        }
    }

    /// Whether `id` was seen.
    pub fn contains(&self, id: &str) -> bool {
        self.order.iter().any(|s| s == id)
    }

    /// Records `id`; returns `false` when it was already there.
    pub fn insert(&mut self, id: &str) -> bool {
        if self.contains(id) {
            return false;
        }
        if self.order.len() >= self.capacity.max(1) {
            self.order.pop_front();
        }
        self.order.push_back(id.to_owned());
        true
    }
}

/// Most events kept per Dwolla customer; older ones are dropped first.
pub const EVENTS_PER_CUSTOMER: usize = consent_exchange_api::limits::EVENTS_PER_CUSTOMER;

/// The topic Dwolla sends when an exchange's consent must be renewed by the customer.
pub const REAUTH_REQUIRED_TOPIC: &str = "customer_exchange_reauth_required";

/// What the worker keeps of one webhook event (the wire type of
/// `GET /api/customers/{customerId}/events`).
pub use consent_exchange_api::reply::CustomerEvent as EventSummary;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FullEvent {
    id: Option<serde_json::Value>,
    topic: Option<String>,
    created: Option<String>,
    resource_id: Option<String>,
    #[serde(rename = "_links", default)]
    links: std::collections::HashMap<String, serde_json::Value>,
}

/// The last two path segments of a link's `href` (`…/customers/<id>` gives
/// `("customers", "<id>")`).
fn link_tail(
    links: &std::collections::HashMap<String, serde_json::Value>,
    rel: &str,
) -> Option<(String, String)> {
    let href = links.get(rel)?.get("href")?.as_str()?;
    let path = href.split(['?', '#']).next()?.trim_end_matches('/');
    let mut segments = path.rsplit('/');
    let id = segments.next()?;
    let kind = segments.next()?;
    (!id.is_empty() && !kind.is_empty()).then(|| (kind.to_owned(), id.to_owned()))
}

/// Reads a (verified) webhook body into what is kept of it. `None` when the body has
/// no id or topic, or names no Dwolla customer: the `customer` link, or the resource
/// itself when it is a customer (`customer_created`). Account-level events (an
/// account's own funding sources) concern no customer and are not kept.
pub fn summarize(body: &[u8]) -> Option<EventSummary> {
    let event: FullEvent = serde_json::from_slice(body).ok()?;
    let id = match event.id? {
        serde_json::Value::String(s) if !s.is_empty() && s.len() <= 200 => s,
        _ => return None,
    };
    let topic = event.topic.filter(|t| {
        !t.is_empty() && t.len() <= 100 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })?;
    let resource = link_tail(&event.links, "resource");
    let customer = link_tail(&event.links, "customer")
        .filter(|(kind, _)| kind == "customers")
        .or_else(|| resource.clone().filter(|(kind, _)| kind == "customers"))
        .map(|(_, id)| id)
        .filter(|id| consent_exchange::ids::is_uuid(id))?;
    let bounded = |s: String| (s.len() <= 200).then_some(s);
    Some(EventSummary {
        id,
        topic,
        created: event.created.and_then(bounded),
        resource_id: event
            .resource_id
            .or_else(|| resource.as_ref().map(|(_, id)| id.clone()))
            .and_then(bounded),
        resource_type: resource.map(|(kind, _)| kind).and_then(bounded),
        customer_id: customer.to_ascii_lowercase(),
    })
}

/// Adds `event` to a customer's kept events (oldest first): a repeat of an id is
/// ignored, and only the last [`EVENTS_PER_CUSTOMER`] are kept.
pub fn remember(events: &mut Vec<EventSummary>, event: EventSummary) {
    if events.iter().any(|e| e.id == event.id) {
        return;
    }
    events.push(event);
    if events.len() > EVENTS_PER_CUSTOMER {
        let extra = events.len() - EVENTS_PER_CUSTOMER;
        events.drain(..extra);
    }
}

/// Whether the last event about exchange `exchange_id` among `events` says it needs
/// re-authentication (a later `customer_exchange_created`, `…_reauth_completed` or
/// `…_removed` about it clears it; Dwolla re-uses the exchange id after re-auth).
pub fn reauth_required(events: &[EventSummary], exchange_id: &str) -> bool {
    events
        .iter()
        .rev()
        .find(|e| {
            e.resource_type.as_deref() == Some("exchanges")
                && e.resource_id
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(exchange_id))
                && e.topic.starts_with("customer_exchange_")
        })
        .is_some_and(|e| e.topic == REAUTH_REQUIRED_TOPIC)
}

/// The exchanges that `events` (oldest first) leave needing re-authentication, in the
/// order they were first named.
pub fn exchanges_needing_reauth(events: &[EventSummary]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for e in events {
        if e.resource_type.as_deref() != Some("exchanges") {
            continue;
        }
        if let Some(id) = e.resource_id.as_deref() {
            if !ids.iter().any(|s| s.eq_ignore_ascii_case(id)) && reauth_required(events, id) {
                ids.push(id.to_owned());
            }
        }
    }
    ids
}
