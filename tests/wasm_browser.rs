//! The JS boundary in a browser (`wasm-pack test --headless --chrome`): the default
//! `now` comes from the page's clock and errors are the page's own `Error`s.
#![cfg(target_arch = "wasm32")]

use consent_exchange::js::exchange::{finicity_exchange, mx_exchange};
use consent_exchange::js::receipt::check_consent_receipt_js;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const RECEIPT: &str = include_str!("fixtures/mastercard-access-key-response.json");
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";
const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";

fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn rust(value: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(value).unwrap().as_string().unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn access_key_response_in_the_browser() {
    let object = js_sys::JSON::parse(RECEIPT).unwrap();
    // Mastercard's example receipt was issued to partner 1234583871234, not to Dwolla.
    let options = js(&json!({ "now": "2022-03-11T00:00:00Z" }));
    let check = rust(&check_consent_receipt_js(object.clone(), Some(options)).unwrap());
    assert_eq!(check["issues"][0]["code"], "partnerMismatch", "{check:#}");
    let options = js(&json!({ "now": "2022-03-11T00:00:00Z", "dwollaPartnerId": "1234583871234" }));
    let check = rust(&check_consent_receipt_js(object, Some(options)).unwrap());
    assert_eq!(check["ok"], true, "{check:#}");
    assert_eq!(check["receipt"]["partnerId"], 1_234_583_871_234u64);
    assert!(check["receipt"].get("provenance").is_none());
}

#[wasm_bindgen_test]
fn page_clock_is_the_default_now() {
    let check = rust(&check_consent_receipt_js(RECEIPT.into(), None).unwrap());
    assert_eq!(check["ok"], false);
    let paths: Vec<&str> = check["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"/data/0/receipt/products/1/accessPeriod/endTime"),
        "{paths:?}"
    );
}

#[wasm_bindgen_test]
fn exchanges_and_errors_in_the_browser() {
    let input = js(
        &json!({ "receipt": RECEIPT, "partnerHref": PARTNER, "customerId": "nope", "now": "2022-03-11T00:00:00Z", "dwollaPartnerId": "1234583871234" }),
    );
    let error = finicity_exchange(input).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    let code = js_sys::Reflect::get(&error, &"code".into()).unwrap();
    assert_eq!(code.as_string().unwrap(), "InvalidCustomerId");
    let input = js(
        &json!({ "partnerHref": PARTNER, "availableConnectionToken": "eyJ", "customerId": CUSTOMER }),
    );
    let request = rust(&mx_exchange(input).unwrap());
    assert_eq!(
        request["url"],
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/exchanges")
    );
}
