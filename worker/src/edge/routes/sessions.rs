//! Where sessions come from: `POST /api/sessions` (a backend holding the issuer key
//! issues one for its customer) and, in demo mode, `POST /api/demo/customers` (a new
//! Dwolla customer with a session for it).

use serde_json::json;

use consent_exchange::ids::is_uuid;
use consent_exchange::{DwollaRequest, Issue};

use crate::api_error::{parse_body, ApiError};
use crate::api_types::{DemoCustomerBody, IssueSessionBody};
use crate::limits::Bounded;
use crate::session_token;

use super::super::auth::{self, Ctx};
use super::super::calls::{created, fresh_key};
use super::super::respond::Reply;
use super::Outcome;

/// `POST /api/demo/customers`
pub async fn demo_customer(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.require_demo_mode()?;
    let input: DemoCustomerBody = parse_body(body)?;
    let mut issues = Vec::new();
    for (path, value) in [
        ("/firstName", &input.first_name),
        ("/lastName", &input.last_name),
        ("/email", &input.email),
    ] {
        if value.trim().is_empty() {
            issues.push(Issue::error(path, "empty", "must not be empty"));
        }
    }
    if !input.email.contains('@') {
        issues.push(Issue::error(
            "/email",
            "format",
            "must be an e-mail address",
        ));
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid_request(issues));
    }
    input.check_bounds()?;
    let payload = json!({
        "firstName": input.first_name,
        "lastName": input.last_name,
        "email": input.email,
    });
    // A fresh key per sign-up: a key derived from the body would hand the customer of
    // an earlier sign-up (and a session for it) to anyone repeating its name and
    // e-mail. A repeated e-mail is refused by Dwolla instead. The library has no
    // create-customer builder yet.
    let req = DwollaRequest::post(
        format!("{}/customers", ctx.calls.base()),
        payload.to_string(),
        Some(fresh_key()?),
    );
    let success = ctx.calls.dwolla(&req).await?;
    let customer = created(&success, "customer")?;
    let mut out = auth::issue(ctx.cfg(), &customer.id, session_token::DEFAULT_TTL_SECONDS);
    out["customer"] = json!({"id": customer.id, "href": customer.href});
    Ok(Reply::created(out))
}

/// `POST /api/sessions`
pub fn issue_session(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.require_issuer()?;
    let input: IssueSessionBody = parse_body(body)?;
    if !is_uuid(&input.customer_id) {
        return Err(ApiError::invalid_request(vec![Issue::error(
            "/customerId",
            "format",
            "must be a Dwolla customer id (UUID)",
        )]));
    }
    let ttl = input
        .ttl_seconds
        .unwrap_or(session_token::DEFAULT_TTL_SECONDS);
    if ttl == 0 || ttl > session_token::MAX_TTL_SECONDS {
        return Err(ApiError::invalid_request(vec![Issue::error(
            "/ttlSeconds",
            "range",
            format!("must be from 1 to {}", session_token::MAX_TTL_SECONDS),
        )]));
    }
    Ok(Reply::created(auth::issue(
        ctx.cfg(),
        &input.customer_id,
        ttl,
    )))
}
