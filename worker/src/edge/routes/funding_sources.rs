//! `POST /api/customers/{customerId}/funding-sources`: a funding source from one of the
//! session customer's exchanges.

use consent_exchange_api::reply::{ApiResource, CreatedFundingSource};

use crate::api_error::parse_body;
use crate::api_types::FundingSourceRequest;
use crate::idempotency::client_key;
use crate::ownership;

use super::super::auth::Ctx;
use super::super::calls::dwolla::{bank_account_type, create_funding_source, FundingSourceAsk};
use super::super::respond::Reply;
use super::exchanges::owned_exchange;
use super::{upstream_key, Outcome};

/// `POST /api/customers/{customerId}/funding-sources`
pub async fn create(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    ctx.session_for(customer_id)?;
    let input: FundingSourceRequest = parse_body(body)?;
    let caller_key = client_key(input.idempotency_key.as_deref())?;
    let account_type = bank_account_type(&input.bank_account_type, "/bankAccountType")?;
    // The exchange must be on the configured Dwolla base and the session customer's:
    // the request is then built from its id, never from the caller's text.
    let exchange_id = ownership::exchange_id_from_ref(
        ctx.calls.base(),
        input.exchange_id.as_deref(),
        input.exchange_href.as_deref(),
    )?;
    let exchange = owned_exchange(ctx, &exchange_id).await?;
    let fs = create_funding_source(
        ctx.calls,
        FundingSourceAsk {
            customer_id,
            exchange_href: exchange.href,
            name: &input.name,
            account_type,
            key: upstream_key(customer_id, &caller_key),
        },
    )
    .await?;
    Ok(Reply::created(&CreatedFundingSource {
        funding_source: ApiResource {
            id: fs.id,
            href: fs.href,
        },
    }))
}
