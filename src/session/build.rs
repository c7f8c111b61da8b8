//! `POST /customers/{id}/exchange-sessions` and `POST /exchanges/{id}/exchange-sessions`.

use super::redirect::check_redirect;
use super::{ExchangeSessionInput, ReauthExchangeSessionInput, SessionError};
use crate::ids::{is_uuid, parse_href};
use crate::json::ObjectWriter;
use crate::message::message;
use crate::partners::Partner;
use crate::request::{idempotency::valid_optional_key, resolve_base, DwollaRequest};

/// `{"_links":{"exchange-partner":{"href":…},"redirect-url":{"href":…}}}`, each link
/// only when present.
fn session_body(partner_href: Option<&str>, redirect_url: Option<&str>) -> String {
    let mut out = String::new();
    let mut object = ObjectWriter::new(&mut out);
    let mut links = ObjectWriter::new(object.key("_links"));
    if let Some(href) = partner_href {
        links.link("exchange-partner", href);
    }
    if let Some(href) = redirect_url {
        links.link("redirect-url", href);
    }
    links.end();
    object.end();
    out
}

/// Builds `POST /customers/{id}/exchange-sessions`, enforcing the partner's rules:
/// Visa needs an http(s) redirect URL (one of `allowed_redirect_urls` when given);
/// Plaid none on the web, a package name on Android, an http(s) URL on iOS; MX an
/// optional http(s) URL (one of `allowed_redirect_urls` when given); Checkout.com none;
/// Finicity and Flinks have no sessions.
pub fn exchange_session(input: &ExchangeSessionInput) -> Result<DwollaRequest, SessionError> {
    if !is_uuid(&input.customer_id) {
        return Err(SessionError::InvalidCustomerId);
    }
    let partner = Partner::from_name(&input.partner_name)
        .ok_or_else(|| SessionError::UnknownPartner(input.partner_name.clone()))?;
    let href = parse_href(&input.partner_href, "exchange-partners")
        .map_err(SessionError::InvalidPartnerHref)?;
    let redirect = check_redirect(
        Some(partner),
        input.platform.unwrap_or_default(),
        input.redirect_url.as_deref(),
        input.allowed_redirect_urls.as_deref(),
    )?;
    let base = resolve_base(
        input.environment,
        input.base_url.as_deref(),
        href.environment(),
    )?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(SessionError::InvalidIdempotencyKey);
    }
    let body = session_body(Some(&href.href()), redirect);
    let url = message!("{}/customers/{}/exchange-sessions", base, input.customer_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}

/// Builds `POST /exchanges/{id}/exchange-sessions`, the re-authentication session
/// Dwolla asks for with an `UpdateCredentials` error. Without a redirect URL the body
/// is `{}`. With `partner_name` the partner's rules apply as in [`exchange_session`].
pub fn reauth_exchange_session(
    input: &ReauthExchangeSessionInput,
) -> Result<DwollaRequest, SessionError> {
    if !is_uuid(&input.exchange_id) {
        return Err(SessionError::InvalidExchangeId);
    }
    let partner = match &input.partner_name {
        None => None,
        Some(name) => Some(
            Partner::from_name(name).ok_or_else(|| SessionError::UnknownPartner(name.clone()))?,
        ),
    };
    let redirect = check_redirect(
        partner,
        input.platform.unwrap_or_default(),
        input.redirect_url.as_deref(),
        input.allowed_redirect_urls.as_deref(),
    )?;
    let base = resolve_base(input.environment, input.base_url.as_deref(), None)?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(SessionError::InvalidIdempotencyKey);
    }
    let body = match redirect {
        None => "{}".to_owned(),
        Some(href) => session_body(None, Some(href)),
    };
    let url = message!("{}/exchanges/{}/exchange-sessions", base, input.exchange_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}
