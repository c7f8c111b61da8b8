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

/// The argument reader takes members one by one; what it reports must be what reading
/// `JSON.stringify` of the whole argument reported.
#[wasm_bindgen_test]
fn arguments_read_member_by_member_keep_every_issue_and_path() {
    let set = |object: &JsValue, key: &str, value: &JsValue| {
        js_sys::Reflect::set(object, &key.into(), value).unwrap();
    };
    // `undefined` and function members are left out, as `JSON.stringify` leaves them.
    let input = js(&json!({ "token": "tok", "partnerHref": PARTNER }));
    set(&input, "customerId", &JsValue::UNDEFINED);
    set(
        &input,
        "baseUrl",
        &js_sys::Function::new_no_args("return 1").into(),
    );
    let request = rust(&token_exchange(input).unwrap());
    assert_eq!(request["url"], "https://api-sandbox.dwolla.com/exchanges");

    // Every wrong member at once, each at its path, in member order.
    let input = js(&json!({
        "token": 7, "partnerHref": PARTNER, "environment": "staging",
        "idempotencyKey": { "nested": true }
    }));
    let error = token_exchange(input).unwrap_err();
    assert_eq!(get(&error, "code").as_string().unwrap(), "InvalidArgument");
    let issues = rust(&get(&error, "issues"));
    let at: Vec<_> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}@{}",
                i["code"].as_str().unwrap(),
                i["path"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        at,
        ["type@/token", "format@/environment", "type@/idempotencyKey"]
    );

    // Not an object: an array, a string, a value with toJSON (a Date), a BigInt member.
    for input in [
        js(&json!(["token"])),
        JsValue::from_str("tok"),
        js_sys::Date::new_0().into(),
    ] {
        let error = token_exchange(input).unwrap_err();
        let message = js_sys::Error::from(error).message().as_string().unwrap();
        assert!(message.contains("expected an object"), "{message}");
    }
    let input = js(&json!({ "token": "tok", "partnerHref": PARTNER }));
    set(&input, "customerId", &js_sys::BigInt::from(1u32).into());
    let error = token_exchange(input).unwrap_err();
    let message = js_sys::Error::from(error).message().as_string().unwrap();
    assert!(
        message.contains("expected an object, found null"),
        "{message}"
    );
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

mod reads {
    use super::{get, js, rust};
    use consent_exchange::js::finicity::{
        finicity_revoke_access_key_request, finicity_update_access_key_request,
    };
    use consent_exchange::js::funding_source::account_funding_source_from_exchange;
    use consent_exchange::js::reads::{
        account_exchanges, available_exchange_connections, customer_exchanges, get_exchange,
        get_exchange_session, read_available_connections, read_exchange, read_exchanges,
    };
    use serde_json::json;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::wasm_bindgen_test;

    const EXCHANGE: &str = "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a";
    const CUSTOMER: &str = "1b54c81a-261f-4779-bb57-9405e6e00694";

    fn code(error: JsValue) -> String {
        assert!(error.is_instance_of::<js_sys::Error>());
        get(&error, "code").as_string().unwrap()
    }

    #[wasm_bindgen_test]
    fn read_builders_cross_the_boundary() {
        let local = "http://127.0.0.1:41300";
        let request =
            rust(&get_exchange(js(&json!({ "exchangeId": EXCHANGE, "baseUrl": local }))).unwrap());
        assert_eq!(request["method"], "GET");
        assert_eq!(request["url"], format!("{local}/exchanges/{EXCHANGE}"));
        assert_eq!(request["body"], serde_json::Value::Null);
        let list = rust(&customer_exchanges(js(&json!({ "customerId": CUSTOMER }))).unwrap());
        assert_eq!(
            list["url"],
            format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/exchanges")
        );
        let account = rust(&account_exchanges(None).unwrap());
        assert_eq!(account["url"], "https://api-sandbox.dwolla.com/exchanges");
        let account =
            rust(&account_exchanges(Some(js(&json!({ "environment": "production" })))).unwrap());
        assert_eq!(account["url"], "https://api.dwolla.com/exchanges");
        let session = rust(
            &get_exchange_session(js(&json!({
                "exchangeSessionId": format!("https://api-sandbox.dwolla.com/exchange-sessions/{EXCHANGE}")
            })))
            .unwrap(),
        );
        assert_eq!(
            session["url"],
            format!("https://api-sandbox.dwolla.com/exchange-sessions/{EXCHANGE}")
        );
        let connections =
            rust(&available_exchange_connections(js(&json!({ "customerId": CUSTOMER }))).unwrap());
        assert!(connections["url"]
            .as_str()
            .unwrap()
            .ends_with("/available-exchange-connections"));
        assert_eq!(
            code(get_exchange(js(&json!({ "exchangeId": "nope" }))).unwrap_err()),
            "InvalidExchangeId"
        );
        assert_eq!(
            code(get_exchange(js(&json!({}))).unwrap_err()),
            "InvalidArgument"
        );
    }

    #[wasm_bindgen_test]
    fn readers_take_text_or_objects() {
        let body = json!({ "id": EXCHANGE, "status": "deactivated", "created": "2022-10-21T21:41:03.283Z",
            "_links": { "exchange-partner": { "href": "https://x/exchange-partners/1" } } });
        let from_text = rust(&read_exchange(body.to_string().into()).unwrap());
        let from_object = rust(&read_exchange(js(&body)).unwrap());
        assert_eq!(from_text, from_object);
        assert_eq!(from_text["active"], false);
        assert_eq!(from_text["partnerHref"], "https://x/exchange-partners/1");
        let list =
            rust(&read_exchanges(js(&json!({ "_embedded": { "exchanges": [body] } }))).unwrap());
        assert_eq!(list[0]["status"], "deactivated");
        let connections = rust(
            &read_available_connections(js(
                &json!({ "_embedded": { "available-exchange-connections": [
                { "name": "Checking", "availableConnectionToken": "eyJ" }
            ] } }),
            ))
            .unwrap(),
        );
        assert_eq!(connections[0]["availableConnectionToken"], "eyJ");
        assert_eq!(
            code(read_exchange("{".into()).unwrap_err()),
            "InvalidResourceBody"
        );
        assert_eq!(
            code(read_exchanges(js(&json!({}))).unwrap_err()),
            "InvalidResourceBody"
        );
    }

    #[wasm_bindgen_test]
    fn account_funding_source_and_finicity_revoke_and_update() {
        let request = rust(
            &account_funding_source_from_exchange(js(&json!({
                "exchangeHref": format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}"),
                "name": "Operating", "bankAccountType": "savings"
            })))
            .unwrap(),
        );
        assert_eq!(
            request["url"],
            "https://api-sandbox.dwolla.com/funding-sources"
        );
        assert!(request["body"].as_str().unwrap().contains("\"savings\""));
        let revoke =
            rust(&finicity_revoke_access_key_request(js(&json!({ "receiptId": "cr_1" }))).unwrap());
        assert_eq!(revoke["method"], "DELETE");
        assert!(revoke["url"].as_str().unwrap().ends_with("/accessKey/cr_1"));
        let update = rust(
            &finicity_update_access_key_request(js(&json!({
                "receiptId": "cr_1", "customerId": "1", "partnerId": "2", "accountIds": ["3"]
            })))
            .unwrap(),
        );
        assert_eq!(update["method"], "PUT");
        assert!(update["body"]
            .as_str()
            .unwrap()
            .contains("\"thirdPartyPartnerId\":\"2445583946651\""));
        assert_eq!(
            code(
                finicity_revoke_access_key_request(js(&json!({ "receiptId": "../x" })))
                    .unwrap_err()
            ),
            "InvalidFinicityRequest"
        );
    }
}

/// Long strings (a receipt as text, or as a member of the argument) are copied in by
/// `TextEncoder.encodeInto` when they are ASCII and by the glue otherwise: both must
/// give the text exactly, escapes, non-ASCII letters and lone surrogates included.
#[wasm_bindgen_test]
fn long_strings_cross_exactly_whatever_their_characters() {
    let receipt: Value = serde_json::from_str(RECEIPT).unwrap();
    let id_of = |receipt_id: &str| {
        let mut r = receipt.clone();
        r["receiptId"] = json!(receipt_id);
        // As JSON text (a JS string of its own) and as the member of an object.
        let text: JsValue = serde_json::to_string(&r).unwrap().into();
        let as_text = rust(&check_consent_receipt_js(text.clone(), Some(at_issue_time())).unwrap());
        let wrapped = js_sys::Object::new();
        js_sys::Reflect::set(&wrapped, &"receipt".into(), &text).unwrap();
        js_sys::Reflect::set(&wrapped, &"partnerHref".into(), &PARTNER.into()).unwrap();
        js_sys::Reflect::set(&wrapped, &"now".into(), &"2022-07-11T06:10:00Z".into()).unwrap();
        let request = rust(&finicity_exchange(wrapped.into()).unwrap());
        let body: Value = serde_json::from_str(request["body"].as_str().unwrap()).unwrap();
        assert_eq!(
            as_text["receipt"]["receiptId"],
            body["finicity"]["receiptId"]
        );
        as_text["receipt"]["receiptId"].as_str().unwrap().to_owned()
    };
    for id in [
        "cr_ascii \"quoted\" \\ / end",
        "cr_é😀\u{2028}",
        "cr_\u{0}\u{1f}",
    ] {
        assert_eq!(id_of(id), id);
    }
    // A lone surrogate cannot be UTF-8: it arrives as U+FFFD, as wasm-bindgen copies it.
    let mut r = receipt.clone();
    r["receiptId"] = json!("cr_@x");
    let text = serde_json::to_string(&r).unwrap();
    let (before, after) = text.split_once('@').unwrap();
    let with_lone = js_sys::JsString::from(before)
        .concat(&js_sys::JsString::from_char_code1(0xD800))
        .concat(&after.into());
    let checked = rust(&check_consent_receipt_js(with_lone.into(), Some(at_issue_time())).unwrap());
    assert_eq!(checked["receipt"]["receiptId"], "cr_\u{fffd}x");
}
