//! A local, stateful Dwolla + Finicity sandbox on one port.
//!
//! It serves Dwolla's exchange, exchange-session, customer and funding-source routes and
//! Finicity's authentication, testing-customer, Connect, accounts and consent-receipt
//! routes with the same paths, headers, status codes and bodies as the real APIs, plus
//! simulated Connect and provider pages and an admin API (`/_admin/`) for resets,
//! inspection and fault injection. It validates what it receives from the published
//! specs on its own, so it catches a client library's mistakes instead of sharing them.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let sandbox = consent_exchange_sandbox::start(consent_exchange_sandbox::Config::for_tests()).await?;
//! println!("sandbox at {}", sandbox.url);
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod admin;
mod check;
pub mod config;
mod dwolla;
mod faults;
mod finicity;
mod hal;
mod idempotency;
mod pages;
mod server;
mod state;
mod webhooks;

pub use config::{Config, Secret};
pub use idempotency::MAX_BODY;
pub use server::{start, Sandbox};

/// Binds, prints the ready line on stdout, and serves until the process ends.
pub async fn run(config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    let public = config.public_url.clone().unwrap_or_else(|| url.clone());
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "consent-exchange-sandbox listening on {url}")?;
        out.flush()?;
    }
    if public != url {
        eprintln!("public URL: {public}");
    }
    let state = state::AppState::new(config, public);
    server::serve(listener, server::app(state)).await;
    Ok(())
}
