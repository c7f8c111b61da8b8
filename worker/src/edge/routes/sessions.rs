//! Where sessions come from: `POST /api/sessions` (a backend holding the issuer key
//! issues one for its customer) and, in demo mode, `POST /api/demo/customers` (a new
//! Dwolla customer with a session for it).

use consent_exchange::customer;
use consent_exchange_api::reply::{ApiResource, DemoCustomer};

use crate::api_error::parse_body;
use crate::api_types::{DemoCustomerRequest, SessionRequest};
use crate::session_token;

use super::super::auth::{self, Ctx};
use super::super::calls::{created, fresh_key, library};
use super::super::respond::Reply;
use super::Outcome;

/// `POST /api/demo/customers`
pub async fn demo_customer(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.require_demo_mode()?;
    // Names not blank, an e-mail with an `@`, lengths: the schema's checks.
    let input: DemoCustomerRequest = parse_body(body)?;
    // A fresh key per sign-up: a key derived from the body would hand the customer of
    // an earlier sign-up (and a session for it) to anyone repeating its name and
    // e-mail. A repeated e-mail is refused by Dwolla instead.
    let req = customer::create_customer(&customer::CustomerInput {
        first_name: input.first_name,
        last_name: input.last_name,
        email: input.email,
        customer_type: None,
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: Some(fresh_key()?),
    })
    .map_err(library)?;
    let success = ctx.calls.dwolla(&req).await?;
    let customer = created(&success, "customer")?;
    let session = auth::issue(ctx.cfg(), &customer.id, session_token::DEFAULT_TTL_SECONDS);
    Ok(Reply::created(&DemoCustomer {
        customer: ApiResource {
            id: customer.id,
            href: customer.href,
        },
        session_token: session.session_token,
        expires_at: session.expires_at,
    }))
}

/// `POST /api/sessions`
pub fn issue_session(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.require_issuer()?;
    // A UUID and a lifetime from 1 s to a day: the schema's checks.
    let input: SessionRequest = parse_body(body)?;
    let ttl = input
        .ttl_seconds
        .unwrap_or(session_token::DEFAULT_TTL_SECONDS);
    Ok(Reply::created(&auth::issue(
        ctx.cfg(),
        &input.customer_id,
        ttl,
    )))
}
