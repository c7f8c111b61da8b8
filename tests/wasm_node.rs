//! The JS boundary under Node (`wasm-pack test --node`): real JS values in, real JS
//! values and `Error`s out.
#![cfg(target_arch = "wasm32")]

use consent_exchange::js::exchange::{finicity_exchange, flinks_token, token_exchange};
use consent_exchange::js::receipt::check_consent_receipt_js;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const RECEIPT: &str = include_str!("fixtures/dwolla-example-finicity.json");
const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";

fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap()
}

fn rust(value: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(value).unwrap().as_string().unwrap()).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

fn at_issue_time() -> JsValue {
    js(&json!({ "now": "2022-07-11T06:10:00Z" }))
}

#[wasm_bindgen_test]
fn json_text_and_objects_check_the_same() {
    let from_text = rust(&check_consent_receipt_js(RECEIPT.into(), Some(at_issue_time())).unwrap());
    let object = js_sys::JSON::parse(RECEIPT).unwrap();
    let from_object = rust(&check_consent_receipt_js(object, Some(at_issue_time())).unwrap());
    assert_eq!(from_text, from_object);
    assert_eq!(from_text["ok"], true);
    let expected: Value = serde_json::from_str(RECEIPT).unwrap();
    assert_eq!(from_text["receipt"], expected);
    assert_eq!(from_text["issues"], json!([]));
}

#[wasm_bindgen_test]
fn a_javascript_number_above_2_53_is_precision_loss() {
    // JSON.parse turns the 19-digit id into an f64, as any JS code would.
    let object =
        js_sys::JSON::parse(&RECEIPT.replace("\"5454874858510164117\"", "5454874858510164117"))
            .unwrap();
    let check = rust(&check_consent_receipt_js(object, Some(at_issue_time())).unwrap());
    assert_eq!(check["ok"], false);
    assert_eq!(check["receipt"], Value::Null);
    assert_eq!(check["issues"][0]["code"], "precisionLoss");
    assert_eq!(check["issues"][0]["path"], "/customerId");
    // The same digits in JSON text are kept exactly, with a warning.
    let text = RECEIPT.replace("\"5454874858510164117\"", "5454874858510164117");
    let check = rust(&check_consent_receipt_js(text.into(), Some(at_issue_time())).unwrap());
    assert_eq!(check["receipt"]["customerId"], "5454874858510164117");
    assert_eq!(check["issues"][0]["code"], "numericId");
}

#[wasm_bindgen_test]
fn now_defaults_to_the_current_time() {
    // The Dwolla example's access ended in 2022.
    let check = rust(&check_consent_receipt_js(RECEIPT.into(), None).unwrap());
    assert_eq!(check["ok"], false);
    assert_eq!(check["issues"][0]["code"], "expired");
}

#[wasm_bindgen_test]
fn never_throws_even_on_bad_input_or_options() {
    for input in [JsValue::UNDEFINED, JsValue::from(5), JsValue::from_str("{")] {
        let check = rust(&check_consent_receipt_js(input, None).unwrap());
        assert_eq!(check["ok"], false);
        assert_eq!(check["issues"][0]["path"], "");
    }
    let bigint = js_sys::eval("({ customerId: 1n })").unwrap();
    let check = rust(&check_consent_receipt_js(bigint, None).unwrap());
    assert_eq!(check["issues"][0]["code"], "type");
    let bad_options = js(&json!({ "now": "yesterday" }));
    let check = rust(&check_consent_receipt_js(RECEIPT.into(), Some(bad_options)).unwrap());
    assert_eq!(check["issues"][0]["code"], "format");
    let bad_options = js(&json!({ "clockSkewSeconds": "5" }));
    let check = rust(&check_consent_receipt_js(RECEIPT.into(), Some(bad_options)).unwrap());
    assert_eq!(check["issues"][0]["code"], "type");
}

#[wasm_bindgen_test]
fn finicity_exchange_builds_the_request() {
    let input = js(&json!({
        "receipt": serde_json::from_str::<Value>(RECEIPT).unwrap(),
        "partnerHref": PARTNER,
        "now": "2022-07-11T06:10:00Z",
    }));
    let request = rust(&finicity_exchange(input).unwrap());
    assert_eq!(request["method"], "POST");
    assert_eq!(request["url"], "https://api-sandbox.dwolla.com/exchanges");
    assert_eq!(
        request["headers"]["Accept"],
        "application/vnd.dwolla.v1.hal+json"
    );
    assert_eq!(
        request["headers"]["Idempotency-Key"],
        request["idempotencyKey"]
    );
    let body: Value = serde_json::from_str(request["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["_links"]["exchange-partner"]["href"], PARTNER);
    assert_eq!(body["finicity"]["partnerId"], 2_445_583_946_651u64);
}

#[wasm_bindgen_test]
fn errors_are_real_errors_with_codes_and_issues() {
    let input = js(&json!({ "receipt": RECEIPT, "partnerHref": PARTNER }));
    let error = finicity_exchange(input).unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&error, "code").as_string().unwrap(), "InvalidReceipt");
    let issues = rust(&get(&error, "issues"));
    assert_eq!(issues[0]["code"], "expired");

    let input = js(
        &json!({ "receipt": RECEIPT, "partnerHref": PARTNER, "environment": "production", "now": "2022-07-11T06:10:00Z" }),
    );
    let error = finicity_exchange(input).unwrap_err();
    assert_eq!(
        get(&error, "code").as_string().unwrap(),
        "EnvironmentMismatch"
    );

    let input = js(&json!({ "partnerHref": PARTNER }));
    let error = token_exchange(input).unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "InvalidArgument");
    let message = js_sys::Error::from(error).message().as_string().unwrap();
    assert!(message.contains("token"), "{message}");
}

#[wasm_bindgen_test]
fn flinks_token_matches_the_docs() {
    let token = flinks_token(
        "111a1a1a-1111-1aa1-1111-11a111a1111a".into(),
        "222b2b1b-2222-2bb2-2222-22b222b2222b".into(),
    )
    .unwrap();
    assert!(token.starts_with("MTExYTFhMWEt"));
    let error = flinks_token(JsValue::from(1), JsValue::NULL).unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "InvalidArgument");
}
