//! Dwolla's webhooks (`POST /webhooks/dwolla`) and what they said about a customer
//! (`GET /api/customers/{customerId}/events`).

use std::cell::RefCell;

use consent_exchange::Issue;
use consent_exchange_api::reply::{CustomerEvents, WebhookReceived};

use crate::api_error::ApiError;
use crate::webhook::{
    event_id, exchanges_needing_reauth, summarize, EventSummary, RecentIds, SIGNATURE_HEADER,
};

use super::super::auth::Ctx;
use super::super::records;
use super::super::respond::Reply;
use super::Outcome;

thread_local! {
    static RECENT_WEBHOOKS: RefCell<RecentIds> = RefCell::new(RecentIds::with_capacity(1024));
}

/// `POST /webhooks/dwolla`, signed with the webhook secret.
pub async fn dwolla(ctx: &Ctx<'_>, body: &[u8], signature: Option<&str>) -> Outcome {
    let secret = ctx.cfg().dwolla_webhook_secret.expose().as_bytes();
    let valid = signature
        .is_some_and(|sig| consent_exchange::webhook::verify_webhook_signature(body, sig, secret));
    if !valid {
        return Err(ApiError::new(
            401,
            "InvalidSignature",
            format!("{SIGNATURE_HEADER} is missing or does not match the body"),
            false,
        ));
    }
    let id = event_id(body).ok_or_else(|| {
        ApiError::invalid_request(vec![Issue::error("/id", "required", "the event has no id")])
    })?;
    if RECENT_WEBHOOKS.with(|r| r.borrow().contains(&id)) {
        return Ok(Reply::ok(&WebhookReceived {
            received: true,
            duplicate: true,
        }));
    }
    // Kept for the customer it concerns before the id is marked as seen, so a failure
    // here makes Dwolla retry rather than lose the event (keeping is idempotent).
    if let Some(event) = summarize(body) {
        let customer = event.customer_id.clone();
        records::events_of(ctx.calls.env(), &customer, Some(event)).await?;
    }
    let duplicate = records::webhook_seen(ctx.calls.env(), &id).await?;
    RECENT_WEBHOOKS.with(|r| r.borrow_mut().insert(&id));
    Ok(Reply::ok(&WebhookReceived {
        received: true,
        duplicate,
    }))
}

/// `GET /api/customers/{customerId}/events`: what Dwolla's webhooks said about the
/// session's customer, newest first.
pub async fn customer_events(ctx: &Ctx<'_>, customer_id: &str) -> Outcome {
    let claims = ctx.session_for(customer_id)?;
    let events = records::events_of(ctx.calls.env(), &claims.sub, None).await?;
    let re_authentication_required = exchanges_needing_reauth(&events);
    let newest_first: Vec<EventSummary> = events.into_iter().rev().collect();
    Ok(Reply::ok(&CustomerEvents {
        events: newest_first,
        re_authentication_required,
    }))
}
