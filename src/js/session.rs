//! JS boundary of `crate::session`: exchange sessions, re-auth sessions, and reading a
//! retrieved session or Visa's redirect.

use wasm_bindgen::prelude::*;

use super::json::{from_js_json, to_js_json};
use super::{coded_error, js_error};
use crate::session::{self, ExchangeSessionInput, ReauthExchangeSessionInput, SessionError};

/// `POST /customers/{id}/exchange-sessions` as a `DwollaRequest`, with the partner's
/// redirect-URL rules enforced. Throws an `Error` with `code` on bad input.
#[wasm_bindgen(js_name = exchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: ExchangeSessionInput = from_js_json(&input, "exchangeSession")?;
    let request = session::exchange_session(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// `POST /exchanges/{id}/exchange-sessions` (re-authentication) as a `DwollaRequest`.
#[wasm_bindgen(js_name = reauthExchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn reauth_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "ReauthExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: ReauthExchangeSessionInput = from_js_json(&input, "reauthExchangeSession")?;
    let request = session::reauth_exchange_session(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// What to open for a retrieved exchange session (`GET /exchange-sessions/{id}`), given
/// its body as JSON text or as an object.
#[wasm_bindgen(js_name = readExchangeSession, unchecked_return_type = "SessionLaunch")]
pub fn read_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let value: serde_json::Value = match body.as_string() {
        Some(text) => {
            serde_json::from_str(&text).map_err(|_| js_error(&SessionError::InvalidSessionBody))?
        }
        None => from_js_json(&body, "readExchangeSession")?,
    };
    let launch = session::read_exchange_session(&value).map_err(|e| js_error(&e))?;
    to_js_json(&launch)
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
    to_js_json(&redirect)
}
