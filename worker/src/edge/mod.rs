//! The Workers-runtime edge, compiled for `wasm32` only; everything it decides is
//! delegated to the pure modules of this crate.
//!
//! - [`router`]: the fetch handler; maps each [`crate::routes::Route`] to its handler.
//! - [`routes`]: the handlers, one module per route family; [`auth`]: the caller's
//!   session; [`respond`]: replies and their headers.
//! - [`calls`]: authenticated Dwolla and Finicity calls and the operations routes and
//!   flows share, over [`client`] (tokens) and [`upstream`] (sending, retries).
//! - [`flows`]: multi-step workflows run inside the Durable Object ([`state`]), whose
//!   records the worker reads through [`records`].

mod auth;
mod calls;
mod client;
mod flows;
mod records;
mod respond;
mod router;
mod routes;
mod state;
mod upstream;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Once;

use worker::{event, Context, Env, Request};

use crate::config::{Config, ConfigError};

/// The strings every request hands to the runtime that never change: header names, the
/// fixed header values, methods. Interned once per isolate, each then crosses as a cached
/// JS string (a hash lookup) instead of being decoded from UTF-8 on every call: about
/// fifteen such crossings per exchange, where the glue's `TextDecoder` calls were ~2.5%
/// of the isolate's time under load (bench/profile-worker.mjs).
const INTERNED: &[&str] = &[
    "Accept",
    "Authorization",
    "Content-Length",
    "Content-Type",
    "Finicity-App-Key",
    "Finicity-App-Token",
    "Idempotency-Key",
    "Location",
    "Origin",
    "Retry-After",
    crate::webhook::SIGNATURE_HEADER,
    consent_exchange::request::HAL_JSON,
    "application/json",
    "GET",
    "POST",
    "PUT",
    "DELETE",
];

static INTERN: Once = Once::new();

thread_local! {
    // Configuration is read once per isolate: vars and secrets cannot change without
    // a new deployment, which starts new isolates.
    static CONFIG: RefCell<Option<Rc<Config>>> = const { RefCell::new(None) };
}

/// The validated configuration of this isolate, read from `env` on first use.
pub(crate) fn config(env: &Env) -> Result<Rc<Config>, ConfigError> {
    if let Some(cfg) = CONFIG.with(|c| c.borrow().clone()) {
        return Ok(cfg);
    }
    let lookup = |name: &str| -> Option<String> {
        env.secret(name)
            .map(|s| s.to_string())
            .or_else(|_| env.var(name).map(|v| v.to_string()))
            .ok()
    };
    let cfg = Rc::new(Config::from_lookup(&lookup)?);
    CONFIG.with(|c| *c.borrow_mut() = Some(cfg.clone()));
    Ok(cfg)
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<web_sys::Response> {
    INTERN.call_once(|| {
        for s in INTERNED {
            wasm_bindgen::intern(s);
        }
    });
    Ok(router::handle(req, env).await)
}
