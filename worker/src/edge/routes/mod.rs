//! The API's route handlers, one module per route family. A handler checks the caller
//! ([`super::auth::Ctx`]), parses and bounds its body, checks that every id it names
//! belongs to the session's customer (see [`crate::ownership`]), then calls upstream
//! ([`super::calls`]) or runs a flow ([`super::flows`]) and shapes the reply.
//!
//! A new route: its path in [`crate::routes`], its handler in the family's module here
//! (a new family gets a new module), its arm in [`super::router`].

pub mod exchanges;
pub mod finicity;
pub mod funding_sources;
pub mod link_bank;
pub mod service;
pub mod sessions;
pub mod webhooks;

use crate::api_error::ApiError;
use crate::idempotency::namespaced;

use super::respond::Reply;

/// What a handler answers.
pub type Outcome = Result<Reply, ApiError>;

/// The key sent to Dwolla for the caller's `idempotencyKey`: namespaced by the
/// session's customer (see [`crate::idempotency::namespaced`]).
fn upstream_key(customer_id: &str, key: &Option<String>) -> Option<String> {
    key.as_deref().map(|k| namespaced(customer_id, k))
}
