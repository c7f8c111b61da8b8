//! JS boundary of `crate::receipt`: `checkConsentReceipt`.
//!
//! A receipt object is turned into JSON text with `JSON.stringify`, so both input forms
//! take the same path through the core; the core is told the text came from JavaScript,
//! where every number already went through an f64.

use wasm_bindgen::prelude::*;

use super::decl::{
    js_input, js_interface_text, js_output, to_json, False, Null, Out, ReadObject, Skip, True,
};
use super::json::{output, Args};
use super::json_text;
use crate::issue::Issue;
use crate::json::ObjectWriter;
use crate::message::message;
use crate::receipt::{
    check_consent_receipt, check_consent_receipt_from_js_json, CheckOptions as CoreOptions,
    FinicityReceipt, ReceiptCheck, Timestamp, ValidReceipt,
};

#[wasm_bindgen(typescript_custom_section)]
const RECEIPT_INPUT: &str = r#"
/** A consent receipt as JSON text, a receipt object (a `FinicityReceipt` too), `{receipt,
 * proof}`, or the whole `accessKey` response `{data: [{receipt, proof}]}`. */
export type ReceiptInput = string | object;
"#;

/// Options of `checkConsentReceipt`.
#[derive(Default)]
pub(crate) struct CheckOptions {
    now: Option<String>,
    allow_epoch_times: Option<bool>,
    required_products: Option<Vec<String>>,
    clock_skew_seconds: Option<u32>,
    dwolla_partner_id: Option<String>,
}

js_input! {
    /// Options of `checkConsentReceipt`; every member is optional.
    CheckOptions = CheckOptions {
        /// RFC 3339 instant to check against; the current time by default.
        now: now: Option<String>,
        /// Accept epoch numbers in time fields (converted to RFC 3339 UTC); false by default.
        allowEpochTimes: allow_epoch_times: Option<bool>,
        /// Products the receipt must grant; `["moneyTransferDetails"]` by default.
        requiredProducts: required_products: Option<Vec<String>>,
        /// Tolerance for clocks running ahead, in seconds; 300 by default.
        clockSkewSeconds: clock_skew_seconds: Option<u32>,
        /// The partner id (digits) the receipt must be issued to: Dwolla's Mastercard
        /// partner id `2445583946651` by default; `""` skips the check.
        dwollaPartnerId: dwolla_partner_id: Option<String>,
    }
}

js_output! {
    /// The validity window of a `ReceiptProduct`.
    AccessPeriod = crate::receipt::AccessPeriod {
        /// The period type, `timeframe` in every receipt seen so far.
        type: kind: String,
        /// RFC 3339 date or date-time, as received (or normalized from an epoch).
        startTime: start_time: String,
        /// RFC 3339 date or date-time, as received (or normalized from an epoch).
        endTime: end_time: String,
    }
}

js_output! {
    /// One granted product of a `FinicityReceipt`.
    ReceiptProduct = crate::receipt::ReceiptProduct {
        /// The product, e.g. `moneyTransferDetails`.
        product: product: String,
        /// Finicity's account id: digits, byte-for-byte as received.
        accountId: account_id: String,
        /// When access is granted.
        accessPeriod: access_period: crate::receipt::AccessPeriod,
    }
}

js_output! {
    /// The `finicity` object of Dwolla's `CreateFinicitySecureExchange`, exactly its fields.
    FinicityReceipt = crate::receipt::FinicityReceipt {
        /// The receipt profile (3 for third-party access).
        profile: profile: i32,
        /// The receipt schema version, as a string.
        version: version: String,
        /// The consent receipt id, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`.
        receiptId: receipt_id: String,
        /// The receipt version, as a string; absent (as Dwolla wants it) when the receipt
        /// has none.
        receiptVersion: receipt_version: Skip<String>,
        /// Finicity's customer id: digits, byte-for-byte as received.
        customerId: customer_id: String,
        /// The recipient's Finicity partner id (a JSON integer, at most 2^53 - 1).
        partnerId: partner_id: u64,
        /// The granted products.
        products: products: Vec<crate::receipt::ReceiptProduct>,
        /// When the receipt was issued, as received (or normalized from an epoch).
        timestamp: timestamp: String,
    }
}

/// A receipt that passed the check: written as the `FinicityReceipt` it holds.
impl Out for ValidReceipt {
    type Value = ValidReceipt;
    const TS: &'static str = "FinicityReceipt";
    fn write(value: &ValidReceipt, out: &mut String) {
        <FinicityReceipt as Out>::write(value.receipt(), out);
    }
}

// `ReceiptCheck` is a union on `ok`: its two sides are declared as interfaces and its
// writer (below) derives `ok` from whether there is a receipt, so the discriminant and
// the receipt cannot disagree.
js_interface_text! {
    /// A receipt without errors (warnings may remain in `issues`).
    ReceiptAccepted {
        /// `true`: no issue is an error.
        ok: True,
        /// The normalized receipt, ready for `finicityExchange` or Dwolla's `finicity`.
        receipt: ValidReceipt,
        /// Warnings, in input order.
        issues: Vec<crate::issue::Issue>,
    }
}

js_interface_text! {
    /// A receipt with at least one error.
    ReceiptRejected {
        /// `false`: at least one issue is an error.
        ok: False,
        /// Always `null`.
        receipt: Null,
        /// Every problem found, errors and warnings, in input order.
        issues: Vec<crate::issue::Issue>,
    }
}

#[wasm_bindgen(typescript_custom_section)]
const RECEIPT_CHECK: &str = r#"
/** The outcome of `checkConsentReceipt`: narrow on `ok` to get the receipt. */
export type ReceiptCheck = ReceiptAccepted | ReceiptRejected;
"#;

impl Out for ReceiptCheck {
    type Value = ReceiptCheck;
    const TS: &'static str = "ReceiptCheck";
    fn write(value: &ReceiptCheck, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        match &value.receipt {
            Some(receipt) => {
                True::member(&true, &mut object, "ok");
                ValidReceipt::member(receipt, &mut object, "receipt");
            }
            None => {
                False::member(&false, &mut object, "ok");
                Null::member(&(), &mut object, "receipt");
            }
        }
        <Vec<crate::issue::Issue>>::member(&value.issues, &mut object, "issues");
        object.end();
    }
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
                message!("now {}, found {}", e, crate::json::Quoted(text)),
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
        js = CheckOptions::read_members(&mut args);
        // Options are not part of the receipt, so their issues point at its root.
        if let Some(first) = args.into_issues().into_iter().next() {
            return Err(Issue::error(
                "",
                &first.code,
                message!("options{}: {}", first.path, first.message),
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
        core.expected_partner_id = expected_partner_id(&id, "")?;
    }
    Ok(core)
}

/// The issue of a receipt that is neither JSON text nor an object.
pub(crate) fn not_a_receipt() -> Issue {
    Issue::error("", "type", "expected the receipt as JSON text or an object")
}

/// Runs the core check on a JS receipt input (JSON text or an object).
fn check_js_input(input: &JsValue, options: &CoreOptions) -> ReceiptCheck {
    if let Some(text) = super::text::string_of(input) {
        return check_consent_receipt(&text, options);
    }
    if !input.is_object() {
        return ReceiptCheck::rejected(not_a_receipt());
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
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let check = match read_options(options) {
        Ok(options) => check_js_input(&input, &options),
        Err(issue) => ReceiptCheck::rejected(issue),
    };
    output(&to_json::<ReceiptCheck>(&check))
}

/// The `partnerId` option of the receipt check: digits, or `""` to skip the check.
pub(crate) fn expected_partner_id(text: &str, path: &str) -> Result<Option<u64>, Issue> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u64>() {
        Ok(id) if text.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(id)),
        _ => Err(Issue::error(
            path,
            "format",
            message!(
                "dwollaPartnerId must be a string of digits (or \"\" to skip the check), found {}",
                crate::json::Quoted(text)
            ),
        )),
    }
}
