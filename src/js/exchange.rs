//! JS boundary of `crate::exchange`: `finicityExchange`, `tokenExchange`, `mxExchange`,
//! `plaidExchange` and `flinksToken`.

use wasm_bindgen::prelude::*;

use super::decl::{js_input, In, ReadObject};
use super::json::Args;
use super::receipt::{check_options, not_a_receipt};
use super::types::{dwolla_request, exchange_post, exchange_target};
use super::{coded_error, js_error};
use crate::exchange::{self, ExchangeError, ExchangeTarget};
use crate::json::Node;
use crate::receipt::{check_consent_receipt, check_consent_receipt_from_js_json, ReceiptCheck};
use crate::request::Environment;

/// The receipt member: checked by `checkConsentReceipt`'s reader, not here.
pub(crate) struct ReceiptMember;

impl In for ReceiptMember {
    type Value = ();
    const TS: &'static str = "ReceiptInput";
    fn read(args: &mut Args, path: &str) {
        args.require(path);
    }
}

js_input! {
    /// Input of `tokenExchange` (Plaid/MX processor tokens, Flinks, Checkout.com `pay_…`);
    /// its members other than `token` are those of every exchange.
    TokenExchangeInput = TokenInput {
        /// The exchange partner's href, from `GET /exchange-partners`.
        partnerHref: partner_href: String,
        /// The partner's token.
        token: token: String,
        ..exchange_target,
    }
}

/// Input of `tokenExchange`.
pub(crate) struct TokenInput {
    partner_href: String,
    token: String,
    customer_id: Option<String>,
    environment: Option<Environment>,
    base_url: Option<String>,
    idempotency_key: Option<String>,
}

js_input! {
    /// Input of `finicityExchange`.
    FinicityExchangeInput = FinicityInput {
        /// The consent receipt, in any form `checkConsentReceipt` takes.
        receipt: receipt: ReceiptMember,
        /// The Finicity exchange partner's href.
        partnerHref: partner_href: String,
        ..exchange_target,
        /// RFC 3339 instant to check the receipt against; the current time by default.
        now: now: Option<String>,
        /// Accept epoch numbers in the receipt's time fields.
        allowEpochTimes: allow_epoch_times: Option<bool>,
        /// The partner id (digits) the receipt must be issued to: Dwolla's Mastercard
        /// partner id `2445583946651` by default; `""` skips the check.
        dwollaPartnerId: dwolla_partner_id: Option<String>,
    }
}

/// Input of `finicityExchange`.
pub(crate) struct FinicityInput {
    receipt: (),
    partner_href: String,
    customer_id: Option<String>,
    environment: Option<Environment>,
    base_url: Option<String>,
    idempotency_key: Option<String>,
    now: Option<String>,
    allow_epoch_times: Option<bool>,
    dwolla_partner_id: Option<String>,
}

js_input! {
    /// Input of `mxExchange`.
    MxExchangeInput = MxInput {
        /// The MX exchange partner's href.
        partnerHref: partner_href: String,
        /// MX's `availableConnectionToken`.
        availableConnectionToken: token: String,
        /// The customer (UUID).
        customerId: customer_id: String,
        ..exchange_post,
    }
}

/// Input of `mxExchange` and `plaidExchange`: a token for a customer.
pub(crate) struct MxInput {
    partner_href: String,
    token: String,
    customer_id: String,
    environment: Option<Environment>,
    base_url: Option<String>,
    idempotency_key: Option<String>,
}

js_input! {
    /// Input of `plaidExchange`.
    PlaidExchangeInput = PlaidInput {
        /// The Plaid exchange partner's href.
        partnerHref: partner_href: String,
        /// Plaid Link's `public_token`.
        publicToken: token: String,
        /// The customer (UUID).
        customerId: customer_id: String,
        ..exchange_post,
    }
}

/// Input of `plaidExchange`: the members of [`MxInput`] with Plaid's token name.
pub(crate) struct PlaidInput {
    partner_href: String,
    token: String,
    customer_id: String,
    environment: Option<Environment>,
    base_url: Option<String>,
    idempotency_key: Option<String>,
}

/// The members every exchange input shares, as the core's target.
fn target(
    partner_href: String,
    customer_id: Option<String>,
    environment: Option<Environment>,
    base_url: Option<String>,
    idempotency_key: Option<String>,
) -> ExchangeTarget {
    ExchangeTarget {
        partner_href,
        customer_id,
        environment: environment.unwrap_or_default(),
        base_url,
        idempotency_key,
    }
}

fn request(result: Result<crate::DwollaRequest, ExchangeError>) -> Result<JsValue, JsValue> {
    dwolla_request(result.map_err(|e| js_error(&e))?)
}

/// `POST /exchanges` (or `/customers/{id}/exchanges`) for a Finicity consent receipt,
/// checked first. Throws `InvalidReceipt` (with `issues`), `InvalidPartnerHref`,
/// `EnvironmentMismatch`, `InvalidCustomerId`, `InvalidBaseUrl`.
#[wasm_bindgen(js_name = finicityExchange, unchecked_return_type = "DwollaRequest")]
pub fn finicity_exchange(
    #[wasm_bindgen(unchecked_param_type = "FinicityExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityExchange")?;
    let FinicityInput {
        receipt: (),
        partner_href,
        customer_id,
        environment,
        base_url,
        idempotency_key,
        now,
        allow_epoch_times,
        dwolla_partner_id,
    } = FinicityInput::read_members(&mut args);
    args.finish()?;
    let to = target(
        partner_href,
        customer_id,
        environment,
        base_url,
        idempotency_key,
    );
    let invalid = |issue: crate::issue::Issue| {
        coded_error(
            "InvalidArgument",
            &issue.message,
            std::slice::from_ref(&issue),
        )
    };
    let mut options = check_options(now.as_deref(), allow_epoch_times, "/now").map_err(invalid)?;
    if let Some(id) = dwolla_partner_id {
        options.expected_partner_id =
            super::receipt::expected_partner_id(&id, "/dwollaPartnerId").map_err(invalid)?;
    }
    // The receipt as read with the rest of the argument (`JSON.stringify` of it, like
    // `checkConsentReceipt` reads an object).
    let check = match args.get("/receipt") {
        Some(Node::String(text)) => check_consent_receipt(text, &options),
        Some(value @ (Node::Object(_) | Node::Array(_))) => {
            check_consent_receipt_from_js_json(&value.to_json(), &options)
        }
        _ => ReceiptCheck::rejected(not_a_receipt()),
    };
    request(exchange::finicity_exchange_checked(check, &to))
}

/// A token-based exchange (`{"_links":…,"token":"…"}`).
#[wasm_bindgen(js_name = tokenExchange, unchecked_return_type = "DwollaRequest")]
pub fn token_exchange(
    #[wasm_bindgen(unchecked_param_type = "TokenExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "tokenExchange")?;
    let i = TokenInput::read_members(&mut args);
    args.finish()?;
    let to = target(
        i.partner_href,
        i.customer_id,
        i.environment,
        i.base_url,
        i.idempotency_key,
    );
    request(exchange::token_exchange(&i.token, &to))
}

/// An MX open-banking exchange for a customer.
#[wasm_bindgen(js_name = mxExchange, unchecked_return_type = "DwollaRequest")]
pub fn mx_exchange(
    #[wasm_bindgen(unchecked_param_type = "MxExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "mxExchange")?;
    let i = MxInput::read_members(&mut args);
    args.finish()?;
    let to = target(
        i.partner_href,
        None,
        i.environment,
        i.base_url,
        i.idempotency_key,
    );
    request(exchange::mx_exchange(&i.token, &i.customer_id, &to))
}

/// A Plaid open-banking exchange for a customer.
#[wasm_bindgen(js_name = plaidExchange, unchecked_return_type = "DwollaRequest")]
pub fn plaid_exchange(
    #[wasm_bindgen(unchecked_param_type = "PlaidExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "plaidExchange")?;
    let i = PlaidInput::read_members(&mut args);
    args.finish()?;
    let to = target(
        i.partner_href,
        None,
        i.environment,
        i.base_url,
        i.idempotency_key,
    );
    request(exchange::plaid_exchange(&i.token, &i.customer_id, &to))
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
