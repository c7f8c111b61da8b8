//! The consent-exchange edge worker: a Cloudflare Worker that holds the Dwolla and
//! Finicity secrets, obtains and caches their tokens, and exposes a small JSON API to
//! browsers (see `docs/worker-api.md` and `GET /openapi.json`).
//!
//! Everything that is not I/O lives in plain modules tested natively with
//! `cargo test -p consent-exchange-worker`: configuration, session tokens, the retry
//! policy, token timing, CORS and body limits, errors, routing and the link-bank
//! record, ownership, input bounds and redirect targets. The `edge` module, compiled for `wasm32` only, binds them to the Workers
//! runtime (fetch handler, upstream calls, the shared-state Durable Object).
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]
// `ApiError` carries the issue list and Dwolla's details by value; it is built once per
// failed request, so its size on the error path does not matter.
#![allow(clippy::result_large_err)]

pub mod api_error;
pub mod api_types;
pub mod config;
pub mod health;
pub mod http_policy;
pub mod idempotency;
pub mod limits;
pub mod link_bank;
pub mod openapi;
pub mod ownership;
pub mod redact;
pub mod redirect;
pub mod retry;
pub mod routes;
pub mod secret;
pub mod session_token;
pub mod token_cache;
pub mod upstream_error;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
mod edge;

/// The worker's version, reported by `GET /healthz`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
