//! JS boundary of `crate::session`: exchange sessions, re-auth sessions, and reading a
//! retrieved session or Visa's redirect.

use wasm_bindgen::prelude::*;

use super::decl::{js_enum, js_input, ReadObject};
use super::json::{node, output, Args};
use super::types::{dwolla_post, dwolla_request};
use super::{coded_error, js_error};
use crate::json;
use crate::session::{self, ExchangeSessionInput, ReauthExchangeSessionInput, SessionError};

js_enum! {
    /// Where the customer runs the flow; only Plaid's rules depend on it.
    Platform = crate::session::Platform { Web = "web", Android = "android", Ios = "ios" }
}

js_input! {
    /// Input of `exchangeSession`.
    ExchangeSessionInput = ExchangeSessionInput {
        /// The Dwolla customer (a UUID).
        customerId: customer_id: String,
        /// The partner's name as Dwolla lists it (`Visa`, `Plaid`, `MX`, `Checkout.com`);
        /// case-insensitive. Decides which redirect-URL rules apply.
        partnerName: partner_name: String,
        /// The partner's `_links.self.href` from `GET /exchange-partners`.
        partnerHref: partner_href: String,
        /// `web` (default), `android` or `ios`.
        platform: platform: Option<crate::session::Platform>,
        /// Where the partner sends the customer back (Visa; Plaid on mobile).
        redirectUrl: redirect_url: Option<String>,
        /// The redirect URLs configured for the Dwolla account; when given, an http(s)
        /// redirect URL must equal one of them exactly, as Dwolla requires.
        allowedRedirectUrls: allowed_redirect_urls: Option<Vec<String>>,
        ..dwolla_post,
    }
}

js_input! {
    /// Input of `reauthExchangeSession`.
    ReauthExchangeSessionInput = ReauthExchangeSessionInput {
        /// The exchange whose connection needs refreshing (a UUID).
        exchangeId: exchange_id: String,
        /// The exchange's partner, when known: its rules then apply as for a new session.
        partnerName: partner_name: Option<String>,
        /// `web` (default), `android` or `ios`.
        platform: platform: Option<crate::session::Platform>,
        /// Where the partner sends the customer back.
        redirectUrl: redirect_url: Option<String>,
        /// As in `ExchangeSessionInput.allowedRedirectUrls`.
        allowedRedirectUrls: allowed_redirect_urls: Option<Vec<String>>,
        ..dwolla_post,
    }
}

// The two results below are written by the core (`session.rs`); their TypeScript is
// declared here, beside the functions that return them.
#[wasm_bindgen(typescript_custom_section)]
const SESSION_TYPES: &str = r#"
/** What the browser opens for a retrieved exchange session. */
export type SessionLaunch =
    | { kind: "redirect"; url: string }
    | { kind: "plaidLink"; linkToken: string }
    | { kind: "checkout"; session: unknown };

/** Where Visa's flow ended, from the redirect back to the application. */
export type VisaRedirect = { exchangeId: string } | { error: string };
"#;

/// `POST /customers/{id}/exchange-sessions` as a `DwollaRequest`, with the partner's
/// redirect-URL rules enforced. Throws an `Error` with `code` on bad input.
#[wasm_bindgen(js_name = exchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "exchangeSession")?;
    let input = ExchangeSessionInput::read_members(&mut args);
    args.finish()?;
    let request = session::exchange_session(&input).map_err(|e| js_error(&e))?;
    dwolla_request(request)
}

/// `POST /exchanges/{id}/exchange-sessions` (re-authentication) as a `DwollaRequest`.
#[wasm_bindgen(js_name = reauthExchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn reauth_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ReauthExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "reauthExchangeSession")?;
    let input = ReauthExchangeSessionInput::read_members(&mut args);
    args.finish()?;
    let request = session::reauth_exchange_session(&input).map_err(|e| js_error(&e))?;
    dwolla_request(request)
}

/// What to open for a retrieved exchange session (`GET /exchange-sessions/{id}`), given
/// its body as JSON text or as an object.
#[wasm_bindgen(js_name = readExchangeSession, unchecked_return_type = "SessionLaunch")]
pub fn read_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let text = super::text::string_of(&body);
    let value = match &text {
        Some(text) => json::parse(text).ok(),
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
