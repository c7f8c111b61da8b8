//! The service itself: `GET /healthz`, `GET /openapi.json` and the exchange partners
//! the API can create exchanges with.

use serde_json::{json, Value};

use crate::health::credentials_verdict;

use super::super::auth::Ctx;
use super::super::records;
use super::super::respond::Reply;
use super::Outcome;

/// `GET /healthz` with a valid configuration: refused upstream credentials (from the
/// last token attempt, kept by the shared state) make it a 503; no upstream is called.
pub async fn health(ctx: &Ctx<'_>) -> Outcome {
    let status = records::credential_status(ctx.calls.env()).await?;
    match credentials_verdict(&status) {
        Some(e) => Err(e),
        None => Ok(Reply::ok(json!({"ok": true, "version": crate::VERSION}))),
    }
}

/// `GET /openapi.json`: needs no configuration.
pub fn openapi() -> Outcome {
    Ok(Reply::ok(crate::openapi::document()))
}

/// `GET /api/exchange-partners`
pub async fn exchange_partners(ctx: &Ctx<'_>) -> Outcome {
    let partners = ctx.calls.partners().await?;
    let list: Vec<Value> = partners
        .list()
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name, "href": p.href, "status": p.status}))
        .collect();
    Ok(Reply::ok(json!({"partners": list})))
}
