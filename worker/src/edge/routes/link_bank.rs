//! `POST /api/link-bank`: a Finicity account of the session's customer becomes a Dwolla
//! funding source in one call. The steps run in [`super::super::flows::link_bank`].

use crate::api_error::parse_body;
use crate::api_types::LinkBankRequest;
use crate::ownership;

use super::super::auth::Ctx;
use super::super::flows::link_bank;
use super::super::records;
use super::Outcome;

/// `POST /api/link-bank`
pub async fn link_bank(ctx: &Ctx<'_>, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: LinkBankRequest = parse_body(body)?;
    link_bank::check(&input)?;
    // The Finicity customer must be the session customer's; the account is checked
    // against its account list before any receipt is asked for.
    let owner = records::finicity_owner(ctx.calls.env(), &input.finicity_customer_id, None).await?;
    ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    link_bank::start(ctx.calls.env(), &claims.sub, input).await
}
