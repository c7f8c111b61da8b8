//! JS boundary of `crate::session`: exchange sessions, re-auth sessions, and reading a
//! retrieved session or Visa's redirect.

use wasm_bindgen::prelude::*;

use super::json::{node, output, Args};
use super::{coded_error, js_error};
use crate::json;
use crate::session::{
    self, ExchangeSessionInput, Platform, ReauthExchangeSessionInput, SessionError,
};

/// `platform`: `web`, `android` or `ios`; `None` when absent.
fn platform(args: &mut Args) -> Option<Platform> {
    args.opt_choice("/platform", &["web", "android", "ios"])
        .map(|i| match i {
            0 => Platform::Web,
            1 => Platform::Android,
            _ => Platform::Ios,
        })
}

/// `POST /customers/{id}/exchange-sessions` as a `DwollaRequest`, with the partner's
/// redirect-URL rules enforced. Throws an `Error` with `code` on bad input.
#[wasm_bindgen(js_name = exchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "exchangeSession")?;
    let input = ExchangeSessionInput {
        customer_id: args.str("/customerId"),
        partner_name: args.str("/partnerName"),
        partner_href: args.str("/partnerHref"),
        platform: platform(&mut args),
        redirect_url: args.opt_str("/redirectUrl"),
        allowed_redirect_urls: args.opt_strings("/allowedRedirectUrls"),
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    };
    args.finish()?;
    let request = session::exchange_session(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `POST /exchanges/{id}/exchange-sessions` (re-authentication) as a `DwollaRequest`.
#[wasm_bindgen(js_name = reauthExchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn reauth_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ReauthExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "reauthExchangeSession")?;
    let input = ReauthExchangeSessionInput {
        exchange_id: args.str("/exchangeId"),
        partner_name: args.opt_str("/partnerName"),
        platform: platform(&mut args),
        redirect_url: args.opt_str("/redirectUrl"),
        allowed_redirect_urls: args.opt_strings("/allowedRedirectUrls"),
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    };
    args.finish()?;
    let request = session::reauth_exchange_session(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// What to open for a retrieved exchange session (`GET /exchange-sessions/{id}`), given
/// its body as JSON text or as an object.
#[wasm_bindgen(js_name = readExchangeSession, unchecked_return_type = "SessionLaunch")]
pub fn read_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let value = match body.as_string() {
        Some(text) => json::parse(&text).ok(),
        None => node(&body),
    }
    .ok_or_else(|| js_error(&SessionError::InvalidSessionBody))?;
    let launch = session::read_session(&value).map_err(|e| js_error(&e))?;
    output(&launch.to_json())
}

/// Reads Visa's redirect back to the application: `{ exchangeId }` or `{ error }`.
#[wasm_bindgen(js_name = readVisaRedirect, unchecked_return_type = "VisaRedirect")]
pub fn read_visa_redirect(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
) -> Result<JsValue, JsValue> {
    let url = url.as_string().ok_or_else(|| {
        coded_error(
            "InvalidArgument",
            "readVisaRedirect: url must be a string",
            &[],
        )
    })?;
    let redirect = session::read_visa_redirect(&url).map_err(|e| js_error(&e))?;
    output(&redirect.to_json())
}
