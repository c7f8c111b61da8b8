//! JS boundary of `crate::exchange`: `finicityExchange`, `tokenExchange`, `mxExchange`,
//! `plaidExchange` and `flinksToken`.

use serde::de::IgnoredAny;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::json::{output, Args};
use super::receipt::{check_js_input, check_options};
use super::{coded_error, js_error};
use crate::exchange::{self, ExchangeError, ExchangeTarget};
use crate::request::Environment;

/// Input of `finicityExchange`.
#[derive(Debug, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FinicityExchangeInput {
    /// The consent receipt, in any form `checkConsentReceipt` takes; read separately.
    #[tsify(type = "ReceiptInput")]
    #[allow(dead_code)] // Read with `Reflect::get`; declared so it is typed and required.
    pub receipt: IgnoredAny,
    /// The Finicity exchange partner's href.
    pub partner_href: String,
    /// A customer (UUID) for `POST /customers/{id}/exchanges`.
    #[serde(default)]
    #[tsify(optional)]
    pub customer_id: Option<String>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    #[tsify(optional)]
    pub environment: Environment,
    /// Overrides the environment's host.
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// RFC 3339 instant to check the receipt against; the current time by default.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
    /// Accept epoch numbers in the receipt's time fields.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_epoch_times: Option<bool>,
    /// The partner id (digits) the receipt must be issued to; Dwolla's Mastercard
    /// partner id `2445583946651` by default.
    #[serde(default)]
    #[tsify(optional)]
    pub dwolla_partner_id: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// Input of `tokenExchange`: Plaid/MX processor tokens, Flinks, Checkout.com `pay_…`.
#[derive(Debug, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TokenExchangeInput {
    /// The exchange partner's href.
    pub partner_href: String,
    /// The partner's token.
    pub token: String,
    /// A customer (UUID) for `POST /customers/{id}/exchanges`.
    #[serde(default)]
    #[tsify(optional)]
    pub customer_id: Option<String>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    #[tsify(optional)]
    pub environment: Environment,
    /// Overrides the environment's host.
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// Input of `mxExchange`.
#[derive(Debug, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MxExchangeInput {
    /// The MX exchange partner's href.
    pub partner_href: String,
    /// MX's `availableConnectionToken`.
    pub available_connection_token: String,
    /// The customer (UUID).
    pub customer_id: String,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    #[tsify(optional)]
    pub environment: Environment,
    /// Overrides the environment's host.
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// Input of `plaidExchange`.
#[derive(Debug, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlaidExchangeInput {
    /// The Plaid exchange partner's href.
    pub partner_href: String,
    /// Plaid Link's `public_token`.
    pub public_token: String,
    /// The customer (UUID).
    pub customer_id: String,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    #[tsify(optional)]
    pub environment: Environment,
    /// Overrides the environment's host.
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
}

/// The members every exchange input shares; `customerId` only where it is optional.
fn target(args: &mut Args, with_customer: bool) -> ExchangeTarget {
    ExchangeTarget {
        partner_href: args.str("/partnerHref"),
        customer_id: if with_customer {
            args.opt_str("/customerId")
        } else {
            None
        },
        environment: args.environment().unwrap_or_default(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    }
}

fn request(result: Result<crate::DwollaRequest, ExchangeError>) -> Result<JsValue, JsValue> {
    output(&result.map_err(|e| js_error(&e))?.to_json())
}

/// `POST /exchanges` (or `/customers/{id}/exchanges`) for a Finicity consent receipt,
/// checked first. Throws `InvalidReceipt` (with `issues`), `InvalidPartnerHref`,
/// `EnvironmentMismatch`, `InvalidCustomerId`, `InvalidBaseUrl`.
#[wasm_bindgen(js_name = finicityExchange, unchecked_return_type = "DwollaRequest")]
pub fn finicity_exchange(
    #[wasm_bindgen(unchecked_param_type = "FinicityExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let receipt = js_sys::Reflect::get(&input, &"receipt".into()).unwrap_or(JsValue::UNDEFINED);
    let mut args = Args::new(&input, "finicityExchange")?;
    args.require("/receipt");
    let to = target(&mut args, true);
    let now = args.opt_str("/now");
    let allow_epoch_times = args.opt_bool("/allowEpochTimes");
    let partner_id = args.opt_str("/dwollaPartnerId");
    args.finish()?;
    let invalid = |issue: crate::issue::Issue| {
        coded_error(
            "InvalidArgument",
            &issue.message,
            std::slice::from_ref(&issue),
        )
    };
    let mut options = check_options(now.as_deref(), allow_epoch_times, "/now").map_err(invalid)?;
    if let Some(id) = partner_id {
        options.expected_partner_id =
            super::reads::expected_partner_id(&id, "/dwollaPartnerId").map_err(invalid)?;
    }
    let check = check_js_input(&receipt, &options);
    request(exchange::finicity_exchange_checked(check, &to))
}

/// A token-based exchange (`{"_links":…,"token":"…"}`).
#[wasm_bindgen(js_name = tokenExchange, unchecked_return_type = "DwollaRequest")]
pub fn token_exchange(
    #[wasm_bindgen(unchecked_param_type = "TokenExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "tokenExchange")?;
    let to = target(&mut args, true);
    let token = args.str("/token");
    args.finish()?;
    request(exchange::token_exchange(&token, &to))
}

/// An MX open-banking exchange for a customer.
#[wasm_bindgen(js_name = mxExchange, unchecked_return_type = "DwollaRequest")]
pub fn mx_exchange(
    #[wasm_bindgen(unchecked_param_type = "MxExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "mxExchange")?;
    let to = target(&mut args, false);
    let token = args.str("/availableConnectionToken");
    let customer_id = args.str("/customerId");
    args.finish()?;
    request(exchange::mx_exchange(&token, &customer_id, &to))
}

/// A Plaid open-banking exchange for a customer.
#[wasm_bindgen(js_name = plaidExchange, unchecked_return_type = "DwollaRequest")]
pub fn plaid_exchange(
    #[wasm_bindgen(unchecked_param_type = "PlaidExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "plaidExchange")?;
    let to = target(&mut args, false);
    let token = args.str("/publicToken");
    let customer_id = args.str("/customerId");
    args.finish()?;
    request(exchange::plaid_exchange(&token, &customer_id, &to))
}

/// The Flinks token Dwolla wants: base64 of `authSecret:accessToken`.
#[wasm_bindgen(js_name = flinksToken)]
pub fn flinks_token(
    #[wasm_bindgen(js_name = authSecret, unchecked_param_type = "string")] auth_secret: JsValue,
    #[wasm_bindgen(js_name = accessToken, unchecked_param_type = "string")] access_token: JsValue,
) -> Result<String, JsValue> {
    let (Some(secret), Some(token)) = (auth_secret.as_string(), access_token.as_string()) else {
        return Err(coded_error(
            "InvalidArgument",
            "flinksToken: authSecret and accessToken must be strings",
            &[],
        ));
    };
    exchange::flinks_token(&secret, &token).map_err(|e| js_error(&e))
}
