//! `/api/finicity/*`: a Finicity customer for the session's customer, its Connect link,
//! its accounts (masked) and consent receipts for them.

use consent_exchange_api::reply::{
    ConnectUrl, FinicityAccount, FinicityAccounts, FinicityCustomer,
};
use serde_json::Value;

use crate::api_error::parse_body;
use crate::api_types::{ConnectUrlRequest, ConsentReceiptRequest, FinicityCustomerRequest};
use crate::ownership;
use crate::redact::mask_account_number;

use super::super::auth::Ctx;
use super::super::calls::finicity::{self as fin, ReceiptAsk};
use super::super::calls::upstream_invalid;
use super::super::records;
use super::super::respond::Reply;
use super::Outcome;

/// `POST /api/finicity/customers`
pub async fn customer(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: FinicityCustomerRequest = parse_body(body)?;
    let req = fin::testing_customer(ctx.cfg(), &input)?;
    let answer = ctx.calls.finicity(&req).await?;
    let id = digits_of(answer.get("id"))
        .ok_or_else(|| upstream_invalid("Finicity's answer has no customer id"))?;
    // The new Finicity customer belongs to the session's customer from now on. A new id
    // already claimed by someone else would be Finicity reusing ids: refused.
    let owner = records::finicity_owner(ctx.calls.env(), &id, Some(&claims.sub)).await?;
    ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    Ok(Reply::created(&FinicityCustomer { customer_id: id }))
}

/// `POST /api/finicity/connect-url`
pub async fn connect_url(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.session()?;
    let input: ConnectUrlRequest = parse_body(body)?;
    ctx.session_owning("/customerId", &input.customer_id)
        .await?;
    if let Some(uri) = &input.redirect_uri {
        crate::redirect::require_allowed("/redirectUri", uri, &ctx.cfg().allowed_redirect_urls)?;
    }
    let req = fin::connect(ctx.cfg(), &input)?;
    let answer = ctx.calls.finicity(&req).await?;
    let link = answer
        .get("link")
        .and_then(Value::as_str)
        .filter(|l| consent_exchange::url::is_http_url(l))
        .ok_or_else(|| upstream_invalid("Finicity's answer has no Connect link"))?;
    Ok(Reply::ok(&ConnectUrl {
        link: link.to_owned(),
    }))
}

/// `GET /api/finicity/customers/{customerId}/accounts`
pub async fn accounts(ctx: &Ctx<'_>, customer_id: &str) -> Outcome {
    ctx.session_owning("/customerId", customer_id).await?;
    let req = fin::accounts_request(ctx.cfg(), customer_id)?;
    let answer = ctx.calls.finicity(&req).await?;
    let text = |a: &Value, key: &str| {
        a.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let accounts = answer
        .get("accounts")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| {
                    Some(FinicityAccount {
                        id: digits_of(a.get("id"))?,
                        name: text(a, "name"),
                        kind: text(a, "type"),
                        // Only the last four characters ever leave the worker.
                        number: a
                            .get("number")
                            .and_then(Value::as_str)
                            .map(mask_account_number),
                        institution_id: digits_of(a.get("institutionId")),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Reply::ok(&FinicityAccounts { accounts }))
}

/// A Finicity id as a digit string, whether Finicity sent a string or a number (a
/// `serde_json` integer keeps every digit; it never went through an f64 here).
fn digits_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if crate::api_types::is_digits(s) => Some(s.clone()),
        Value::Number(n) if n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// `POST /api/finicity/consent-receipts`
pub async fn consent_receipt(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    ctx.session()?;
    let input: ConsentReceiptRequest = parse_body(body)?;
    ctx.session_owning("/customerId", &input.customer_id)
        .await?;
    let entry = fin::consent_receipt(
        ctx.calls,
        ReceiptAsk {
            customer_id: input.customer_id,
            account_ids: input.account_ids,
            products: input.products,
            duration_days: input.duration_days,
        },
    )
    .await?;
    Ok(Reply::created(&entry))
}
