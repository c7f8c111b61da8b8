//! The Workers-runtime edge: the fetch handler, upstream calls, and the Durable Object
//! that holds state shared by every isolate. Compiled for `wasm32` only; everything it
//! decides is delegated to the pure modules of this crate.

mod client;
mod handlers;
mod respond;
mod state;
mod upstream;

use std::cell::RefCell;
use std::rc::Rc;

use worker::{event, Context, Env, Request, Response};

use crate::config::{Config, ConfigError};

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
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    Ok(handlers::handle(req, env).await)
}
