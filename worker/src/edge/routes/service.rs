//! The service itself: `GET /healthz`, `GET /openapi.json` and the exchange partners
//! the API can create exchanges with.

use consent_exchange_api::reply::{ExchangePartnerList, ExchangePartnerSummary, Health};

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
        None => Ok(Reply::ok(&Health {
            ok: true,
            version: crate::VERSION.to_owned(),
        })),
    }
}

/// `GET /openapi.json`: needs no configuration.
pub fn openapi() -> Outcome {
    Ok(Reply {
        status: 200,
        body: crate::openapi::TEXT.to_owned(),
    })
}

/// `GET /api/exchange-partners`
pub async fn exchange_partners(ctx: &Ctx<'_>) -> Outcome {
    let partners = ctx.calls.partners().await?;
    let partners = partners
        .list()
        .iter()
        .map(|p| ExchangePartnerSummary {
            id: p.id.clone(),
            name: p.name.clone(),
            href: p.href.clone(),
            status: p.status.clone(),
        })
        .collect();
    Ok(Reply::ok(&ExchangePartnerList { partners }))
}
