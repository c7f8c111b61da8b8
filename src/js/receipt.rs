//! JS boundary of `crate::receipt`: `checkConsentReceipt`.
//!
//! A receipt object is turned into JSON text with `JSON.stringify`, so both input forms
//! take the same path through the core; the core is told the text came from JavaScript,
//! where every number already went through an f64.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::json::{output, Args};
use super::json_text;
use crate::issue::Issue;
use crate::receipt::{
    check_consent_receipt, check_consent_receipt_from_js_json, CheckOptions as CoreOptions,
    ReceiptCheck, Timestamp,
};

#[wasm_bindgen(typescript_custom_section)]
const RECEIPT_INPUT: &str = r#"
/** A consent receipt as JSON text, a receipt object, `{receipt, proof}`, or the whole
 * `accessKey` response `{data: [{receipt, proof}]}`. */
export type ReceiptInput = string | Record<string, unknown>;
"#;

/// Options of `checkConsentReceipt`; every field is optional.
#[derive(Debug, Default, Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CheckOptions {
    /// RFC 3339 instant to check against; the current time by default.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
    /// Accept epoch numbers in time fields (converted to RFC 3339 UTC); false by default.
    #[serde(default)]
    #[tsify(optional)]
    pub allow_epoch_times: Option<bool>,
    /// Products the receipt must grant; `["moneyTransferDetails"]` by default.
    #[serde(default)]
    #[tsify(optional)]
    pub required_products: Option<Vec<String>>,
    /// Tolerance for clocks running ahead, in seconds; 300 by default.
    #[serde(default)]
    #[tsify(optional)]
    pub clock_skew_seconds: Option<u32>,
    /// The partner id (digits) the receipt must be issued to: Dwolla's Mastercard
    /// partner id `2445583946651` by default; `""` skips the check.
    #[serde(default)]
    #[tsify(optional)]
    pub dwolla_partner_id: Option<String>,
}

/// Turns the JS options into core options; `now` defaults to the JS clock.
pub(crate) fn check_options(
    now: Option<&str>,
    allow_epoch_times: Option<bool>,
    path: &str,
) -> Result<CoreOptions, Issue> {
    let now = match now {
        Some(text) => Timestamp::parse(text).map_err(|e| {
            Issue::error(
                path,
                "format",
                format!("now {e}, found {}", crate::json::Quoted(text)),
            )
        })?,
        // Date.now() is a whole number of milliseconds well inside i64.
        None => Timestamp::from_unix_millis(js_sys::Date::now() as i64),
    };
    let mut options = CoreOptions::new(now);
    options.allow_epoch_times = allow_epoch_times.unwrap_or(false);
    Ok(options)
}

fn read_options(options: Option<JsValue>) -> Result<CoreOptions, Issue> {
    let options = options.filter(|o| !o.is_undefined() && !o.is_null());
    let mut js = CheckOptions::default();
    if let Some(options) = options {
        let mut args = Args::new(&options, "options")
            .map_err(|_| Issue::error("", "type", "options must be an object".to_owned()))?;
        js.now = args.opt_str("/now");
        js.allow_epoch_times = args.opt_bool("/allowEpochTimes");
        js.required_products = args.opt_strings("/requiredProducts");
        js.clock_skew_seconds = args.opt_uint("/clockSkewSeconds", u32::MAX);
        js.dwolla_partner_id = args.opt_str("/dwollaPartnerId");
        // Options are not part of the receipt, so their issues point at its root.
        if let Some(first) = args.into_issues().into_iter().next() {
            return Err(Issue::error(
                "",
                &first.code,
                format!("options{}: {}", first.path, first.message),
            ));
        }
    }
    let mut core = check_options(js.now.as_deref(), js.allow_epoch_times, "")?;
    if let Some(products) = js.required_products {
        core.required_products = products;
    }
    if let Some(skew) = js.clock_skew_seconds {
        core.clock_skew_seconds = skew;
    }
    if let Some(id) = js.dwolla_partner_id {
        core.expected_partner_id = super::reads::expected_partner_id(&id, "")?;
    }
    Ok(core)
}

/// Runs the core check on a JS receipt input (JSON text or an object).
pub(crate) fn check_js_input(input: &JsValue, options: &CoreOptions) -> ReceiptCheck {
    if let Some(text) = input.as_string() {
        return check_consent_receipt(&text, options);
    }
    if !input.is_object() {
        return ReceiptCheck::rejected(Issue::error(
            "",
            "type",
            "expected the receipt as JSON text or an object",
        ));
    }
    match json_text(input) {
        Some(text) => check_consent_receipt_from_js_json(&text, options),
        None => ReceiptCheck::rejected(Issue::error(
            "",
            "type",
            "the receipt object cannot be turned into JSON (a BigInt or a cycle?); pass ids as strings",
        )),
    }
}

/// Checks a Finicity consent receipt and normalizes it into Dwolla's `finicity` object.
/// Never throws: every problem is in `issues`, each with a JSON pointer into `input`.
#[wasm_bindgen(js_name = checkConsentReceipt, unchecked_return_type = "ReceiptCheck")]
pub fn check_consent_receipt_js(
    #[wasm_bindgen(unchecked_param_type = "ReceiptInput")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let check = match read_options(options) {
        Ok(options) => check_js_input(&input, &options),
        Err(issue) => ReceiptCheck::rejected(issue),
    };
    output(&check.to_json())
}
