//! Exchanges: creating one (`POST /api/customers/{id}/exchanges`), the exchange
//! sessions that lead to one (`POST /api/customers/{id}/exchange-sessions`) or renew
//! its consent (`POST /api/exchanges/{id}/exchange-sessions`), and reading one
//! (`GET /api/exchanges/{id}`).

use serde_json::Value;

use consent_exchange::ids::{is_uuid, parse_href};
use consent_exchange::reads::{get_exchange, get_exchange_session, list_customer_exchanges};
use consent_exchange::session::{
    exchange_session, read_exchange_session, reauth_exchange_session, ExchangeSessionInput,
    Platform, ReauthExchangeSessionInput,
};
use consent_exchange::Issue;

use crate::api_error::{parse_body, ApiError};
use crate::api_types::{
    session_open, CreateExchangeRequest, ExchangeSessionRequest, ReauthRequest,
};
use crate::idempotency::{client_key, namespaced};
use crate::link_bank::Resource;
use crate::ownership;
use crate::webhook::reauth_required;
use consent_exchange_api::reply::{
    ApiResource, CreatedExchange, ExchangeDetail, ExchangeDetails, ExchangeSessionResult,
};

use super::super::auth::Ctx;
use super::super::calls::dwolla::{create_exchange, Consent};
use super::super::calls::{created, fresh_key, library};
use super::super::records;
use super::super::respond::Reply;
use super::{upstream_key, Outcome};

/// `POST /api/customers/{customerId}/exchanges`
pub async fn create(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    let claims = ctx.session_for(customer_id)?;
    let input: CreateExchangeRequest = parse_body(body)?;
    let caller_key = client_key(input.idempotency_key.as_deref())?;
    let consent = Consent::checked(ctx.calls, input.kind()?)?;
    if let Consent::Finicity(valid) = &consent {
        // The receipt's Finicity customer must be the session customer's.
        let finicity_id = &valid.receipt().customer_id;
        let owner = records::finicity_owner(ctx.calls.env(), finicity_id, None).await?;
        ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
    }
    let key = upstream_key(customer_id, &caller_key);
    let (exchange, sent_key) = create_exchange(ctx.calls, customer_id, consent, &key).await?;
    Ok(Reply::created(&CreatedExchange {
        exchange: ApiResource {
            id: exchange.id,
            href: exchange.href,
        },
        // The caller's own key when it gave one; else the key derived for the request.
        idempotency_key: caller_key.unwrap_or(sent_key),
    }))
}

/// `POST /api/customers/{customerId}/exchange-sessions`
pub async fn create_session(ctx: &Ctx<'_>, customer_id: &str, body: &[u8]) -> Outcome {
    ctx.session_for(customer_id)?;
    let input: ExchangeSessionRequest = parse_body(body)?;
    let key = session_key(customer_id, input.idempotency_key.as_deref())?;
    let platform = platform(input.platform.as_deref())?;
    if let Some(url) = &input.redirect_url {
        crate::redirect::require_allowed("/redirectUrl", url, &ctx.cfg().allowed_redirect_urls)?;
    }
    let href = ctx.calls.partner_href(&input.partner_name).await?;
    let req = exchange_session(&ExchangeSessionInput {
        customer_id: customer_id.to_owned(),
        partner_name: input.partner_name.clone(),
        partner_href: href,
        platform,
        redirect_url: input.redirect_url.clone(),
        allowed_redirect_urls: Some(ctx.cfg().allowed_redirect_urls.clone()),
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: Some(key),
    })
    .map_err(library)?;
    let success = ctx.calls.dwolla(&req).await?;
    let session = created(&success, "exchange session")?;
    open_session(ctx, &session).await
}

/// `POST /api/exchanges/{exchangeId}/exchange-sessions`
pub async fn reauth_session(ctx: &Ctx<'_>, exchange_id: &str, body: &[u8]) -> Outcome {
    let claims = ctx.session()?;
    let input: ReauthRequest = parse_body(body)?;
    let key = session_key(&claims.sub, input.idempotency_key.as_deref())?;
    let platform = platform(input.platform.as_deref())?;
    if let Some(url) = &input.redirect_url {
        crate::redirect::require_allowed("/redirectUrl", url, &ctx.cfg().allowed_redirect_urls)?;
    }
    let exchange = owned_exchange(ctx, exchange_id).await?;
    let partner_name = partner_name_of(ctx, &exchange.body).await;
    let req = reauth_exchange_session(&ReauthExchangeSessionInput {
        exchange_id: exchange_id.to_owned(),
        partner_name,
        platform,
        redirect_url: input.redirect_url,
        allowed_redirect_urls: Some(ctx.cfg().allowed_redirect_urls.clone()),
        environment: Some(ctx.cfg().dwolla_target.environment),
        base_url: ctx.cfg().dwolla_target.base_url.clone(),
        idempotency_key: Some(key),
    })
    .map_err(library)?;
    let success = ctx.calls.dwolla(&req).await?;
    let session = created(&success, "exchange session")?;
    open_session(ctx, &session).await
}

/// `GET /api/exchanges/{exchangeId}`
pub async fn get(ctx: &Ctx<'_>, exchange_id: &str) -> Outcome {
    let exchange = owned_exchange(ctx, exchange_id).await?;
    let partner_name = partner_name_of(ctx, &exchange.body).await;
    let body = &exchange.body;
    let text = |key: &str, default: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_owned()
    };
    // What the webhooks said about it (owned_exchange checked it is the session's
    // customer's exchange).
    let claims = ctx.session()?;
    let events = records::events_of(ctx.calls.env(), &claims.sub, None).await?;
    Ok(Reply::ok(&ExchangeDetails {
        exchange: ExchangeDetail {
            id: text("id", exchange_id),
            href: exchange.href,
            status: text("status", "unknown"),
            partner_name,
            re_authentication_required: reauth_required(&events, exchange_id),
        },
    }))
}

/// An exchange of the session's customer, as Dwolla describes it.
pub struct OwnedExchange {
    /// Its href on the configured base.
    pub href: String,
    /// Dwolla's exchange resource.
    pub body: Value,
}

/// The exchange, after checking that it belongs to the session's customer (Dwolla's
/// exchange resource names no customer, so the customer's exchange list decides).
pub async fn owned_exchange(ctx: &Ctx<'_>, exchange_id: &str) -> Result<OwnedExchange, ApiError> {
    let claims = ctx.session()?;
    if !is_uuid(exchange_id) {
        return Err(ApiError::bad_request(
            "InvalidExchangeId",
            format!("exchangeId {exchange_id:?} is not a UUID"),
        ));
    }
    let list_req = list_customer_exchanges(&ctx.calls.read(&claims.sub)).map_err(library)?;
    let list = ctx.calls.dwolla(&list_req).await?;
    let owned = list
        .resource
        .as_ref()
        .is_some_and(|v| ownership::exchange_listed(v, exchange_id));
    if !owned {
        return Err(ownership::forbidden("exchange"));
    }
    let req = get_exchange(&ctx.calls.read(exchange_id)).map_err(library)?;
    let success = ctx.calls.dwolla(&req).await?;
    Ok(OwnedExchange {
        href: req.url,
        body: success.resource.unwrap_or_default(),
    })
}

/// Retrieves a just-created exchange session (from our own base URL, so the token
/// never goes to a host named in a response) and says what the browser opens.
async fn open_session(ctx: &Ctx<'_>, session: &Resource) -> Outcome {
    // An id that is not a UUID is Dwolla's mistake, not the caller's.
    let req = get_exchange_session(&ctx.calls.read(&session.id))
        .map_err(|e| ApiError::from_library(&e, 502))?;
    let success = ctx.calls.dwolla(&req).await?;
    let body = success.resource.unwrap_or_default();
    let open = read_exchange_session(&body).map_err(|e| {
        let mut err = ApiError::from_library(&e, 502);
        err.retryable = false;
        err
    })?;
    Ok(Reply::created(&ExchangeSessionResult {
        exchange_session: ApiResource {
            id: session.id.clone(),
            href: session.href.clone(),
        },
        open: session_open(open),
    }))
}

/// The partner name of an exchange, from its `exchange-partner` link.
async fn partner_name_of(ctx: &Ctx<'_>, exchange: &Value) -> Option<String> {
    let href = exchange
        .pointer("/_links/exchange-partner/href")
        .and_then(Value::as_str)?;
    let id = parse_href(href, "exchange-partners").ok()?.id;
    let partners = ctx.calls.partners().await.ok()?;
    partners
        .list()
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(&id))
        .map(|p| p.name.clone())
}

/// The key an exchange session is created with: the caller's (namespaced by the
/// session's customer), else a fresh random one, because sessions are single use and a
/// derived key would replay a used session.
fn session_key(customer_id: &str, value: Option<&str>) -> Result<String, ApiError> {
    if let Some(key) = client_key(value)? {
        return Ok(namespaced(customer_id, &key));
    }
    fresh_key()
}

fn platform(value: Option<&str>) -> Result<Option<Platform>, ApiError> {
    match value {
        None => Ok(None),
        Some(p) => serde_json::from_value(Value::String(p.to_owned()))
            .map(Some)
            .map_err(|_| {
                ApiError::invalid_request(vec![Issue::error(
                    "/platform",
                    "enum",
                    "platform must be `web`, `ios` or `android`",
                )])
            }),
    }
}
