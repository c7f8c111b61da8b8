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
