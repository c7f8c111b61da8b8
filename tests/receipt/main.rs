//! Every receipt rule and every contradiction between Dwolla's and Mastercard's specs,
//! on fixtures built from the seed and spec examples.
//!
//! `main.rs` holds the helpers and the shape of a checked receipt (snapshots), `ids.rs`
//! the id and partner rules, `times.rs` the date and time rules, `products.rs` the
//! product rules.
#![cfg(not(target_arch = "wasm32"))]

use consent_exchange::receipt::{check_consent_receipt_from_js_json, CheckOptions};
use consent_exchange::{check_consent_receipt, Issue, ReceiptCheck, Severity, Timestamp};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn at(now: &str) -> CheckOptions {
    CheckOptions::new(Timestamp::parse(now).unwrap())
}

/// Options for Mastercard's own examples: they were issued to other partners
/// (2445583922536, 1234583871234), so the recipient check is turned off for them.
fn mastercard_at(now: &str) -> CheckOptions {
    CheckOptions {
        expected_partner_id: None,
        ..at(now)
    }
}

/// The Dwolla example receipt, checked just after it was issued.
fn dwolla_options() -> CheckOptions {
    at("2022-07-11T06:10:00Z")
}

fn dwolla_example() -> Value {
    serde_json::from_str(&fixture("dwolla-example-finicity.json")).unwrap()
}

fn check_value(value: &Value, options: &CheckOptions) -> ReceiptCheck {
    check_consent_receipt(&value.to_string(), options)
}

fn codes(check: &ReceiptCheck) -> Vec<(String, String, Severity)> {
    check
        .issues
        .iter()
        .map(|i| (i.path.clone(), i.code.clone(), i.severity))
        .collect()
}

fn only_issue(check: &ReceiptCheck) -> &Issue {
    assert_eq!(check.issues.len(), 1, "{:#?}", check.issues);
    &check.issues[0]
}

fn with(mut value: Value, pointer: &str, new: Value) -> Value {
    *value.pointer_mut(pointer).unwrap() = new;
    value
}

fn without(mut value: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    value
        .pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key);
    value
}
mod ids;
mod products;
mod times;

#[test]
fn dwolla_example_passes_through_unchanged() {
    let check = check_consent_receipt(&fixture("dwolla-example-finicity.json"), &dwolla_options());
    assert!(check.ok, "{:#?}", check.issues);
    assert!(check.issues.is_empty());
    let out = serde_json::to_value(check.receipt.as_ref().unwrap()).unwrap();
    assert_eq!(out, dwolla_example());
    insta::assert_json_snapshot!("dwolla_example", check);
}

#[test]
fn mastercard_signed_receipt_is_normalized_for_dwolla() {
    let check = check_consent_receipt(
        &fixture("mastercard-signed-receipt.json"),
        &mastercard_at("2022-12-01T00:00:00Z"),
    );
    assert!(check.ok, "{:#?}", check.issues);
    let receipt = check.receipt.as_ref().unwrap();
    // Contradiction 2: partnerId digits in a string → a JSON integer.
    assert_eq!(receipt.partner_id, 2_445_583_922_536);
    // Contradiction 3: receiptVersion an integer → a string.
    assert_eq!(receipt.receipt_version.as_deref(), Some("1"));
    let out = serde_json::to_value(receipt).unwrap();
    assert_eq!(out["partnerId"], json!(2_445_583_922_536u64));
    assert_eq!(out["receiptVersion"], json!("1"));
    assert!(out.get("provenance").is_none());
    insta::assert_json_snapshot!("mastercard_signed_receipt", check);
}

#[test]
fn access_key_response_is_unwrapped_and_extra_fields_dropped() {
    let check = check_consent_receipt(
        &fixture("mastercard-access-key-response.json"),
        &mastercard_at("2022-03-11T00:00:00Z"),
    );
    assert!(check.ok, "{:#?}", check.issues);
    let out = serde_json::to_value(check.receipt.as_ref().unwrap()).unwrap();
    let keys: Vec<&str> = out
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "customerId",
            "partnerId",
            "products",
            "profile",
            "receiptId",
            "timestamp",
            "version"
        ]
    );
    let product = out["products"][0].as_object().unwrap();
    assert!(!product.contains_key("payorId") && !product.contains_key("maxCalls"));
    // Nanosecond fractions are forwarded unchanged.
    assert_eq!(out["timestamp"], "2022-03-10T06:06:20.042584549Z");
    insta::assert_json_snapshot!("access_key_response", check);
}

#[test]
fn issue_paths_point_into_the_input_as_given() {
    let check = check_consent_receipt(
        &fixture("mastercard-access-key-response.json"),
        &mastercard_at("2022-12-01T00:00:00Z"),
    );
    assert!(!check.ok);
    assert!(check.receipt.is_none());
    assert_eq!(
        codes(&check),
        [(
            "/data/0/receipt/products/1/accessPeriod/endTime".into(),
            "expired".into(),
            Severity::Error
        )]
    );
}

#[test]
fn receipt_and_proof_wrapper_is_unwrapped() {
    let wrapped = json!({ "receipt": dwolla_example(), "proof": { "keyId": "867-530-900" } });
    let check = check_value(&wrapped, &dwolla_options());
    assert!(check.ok, "{:#?}", check.issues);
    let bad = with(wrapped, "/receipt/profile", json!("3"));
    assert_eq!(
        only_issue(&check_value(&bad, &dwolla_options())).path,
        "/receipt/profile"
    );
}

#[test]
fn access_key_response_needs_exactly_one_receipt() {
    let one = json!({ "receipt": dwolla_example() });
    for data in [json!([]), json!([one.clone(), one.clone()])] {
        let check = check_value(&json!({ "data": data }), &dwolla_options());
        let issue = only_issue(&check);
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str()),
            ("/data", "ambiguousReceipt")
        );
    }
    let check = check_value(&json!({ "data": [{ "proof": {} }] }), &dwolla_options());
    assert_eq!(
        codes(&check),
        [("/data/0/receipt".into(), "required".into(), Severity::Error)]
    );
    let check = check_value(&json!({ "data": {} }), &dwolla_options());
    assert_eq!(
        codes(&check),
        [("/data".into(), "type".into(), Severity::Error)]
    );
}

#[test]
fn not_json_or_not_an_object_is_reported_at_the_root() {
    for (input, code) in [
        ("{", "format"),
        ("", "format"),
        ("[]", "type"),
        ("\"x\"", "type"),
        ("null", "type"),
    ] {
        let check = check_consent_receipt(input, &dwolla_options());
        assert_eq!(
            codes(&check),
            [(String::new(), code.into(), Severity::Error)],
            "{input}"
        );
    }
}

#[test]
fn every_missing_field_is_reported_at_once() {
    let check = check_value(&json!({ "products": [{}] }), &dwolla_options());
    assert!(!check.ok);
    insta::assert_json_snapshot!("all_missing", check.issues);
    let paths: Vec<&str> = check.issues.iter().map(|i| i.path.as_str()).collect();
    for expected in [
        "/profile",
        "/version",
        "/receiptId",
        "/customerId",
        "/partnerId",
        "/timestamp",
        "/products/0/product",
        "/products/0/accountId",
        "/products/0/accessPeriod",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    // receiptVersion is absent from Mastercard's schema, so it is optional.
    assert!(!paths.contains(&"/receiptVersion"));
}

#[test]
fn null_counts_as_missing() {
    let value = with(dwolla_example(), "/receiptId", Value::Null);
    let issue = only_issue(&check_value(&value, &dwolla_options())).clone();
    assert_eq!(
        (issue.path.as_str(), issue.code.as_str()),
        ("/receiptId", "required")
    );
}

#[test]
fn wrong_types_are_type_errors_with_paths() {
    let value = json!({
        "profile": "3",
        "version": true,
        "receiptId": 7,
        "customerId": ["1"],
        "partnerId": {},
        "products": { "product": "moneyTransferDetails" },
        "timestamp": false
    });
    let check = check_value(&value, &dwolla_options());
    assert!(
        check.issues.iter().all(|i| i.code == "type"),
        "{:#?}",
        check.issues
    );
    insta::assert_json_snapshot!("wrong_types", check.issues);
}

#[test]
fn empty_strings_and_empty_products() {
    let value = with(
        with(dwolla_example(), "/receiptId", json!("")),
        "/products",
        json!([]),
    );
    let check = check_value(&value, &dwolla_options());
    assert_eq!(
        codes(&check),
        [
            ("/receiptId".into(), "empty".into(), Severity::Error),
            ("/products".into(), "empty".into(), Severity::Error),
        ]
    );
}

#[test]
fn receipt_version_is_optional_and_dropped_when_absent() {
    let value = without(dwolla_example(), "/receiptVersion");
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    let out = serde_json::to_value(check.receipt.unwrap()).unwrap();
    assert!(out.get("receiptVersion").is_none());
}

#[test]
fn versions_become_strings() {
    let value = with(
        with(dwolla_example(), "/version", json!(2)),
        "/receiptVersion",
        json!(1),
    );
    let receipt = check_value(&value, &dwolla_options()).into_valid().unwrap();
    assert_eq!(
        (receipt.version.as_str(), receipt.receipt_version.as_deref()),
        ("2", Some("1"))
    );
    let bad = with(dwolla_example(), "/receiptVersion", json!(1.5));
    let issue = only_issue(&check_value(&bad, &dwolla_options())).clone();
    assert_eq!(
        (issue.path.as_str(), issue.code.as_str()),
        ("/receiptVersion", "format")
    );
}

#[test]
fn a_bad_receipt_reports_everything_it_finds() {
    let value = json!({
        "data": [{
            "receipt": {
                "profile": 3,
                "version": "1",
                "receiptId": "",
                "customerId": 5454874858510164117u64,
                "partnerId": "24455839466510000000",
                "products": [
                    { "product": "accountOwner", "accountId": "x1", "accessPeriod": { "type": "timeframe", "startTime": 1657065600, "endTime": "2022-07-01" } },
                    "moneyTransferDetails"
                ],
                "timestamp": "2022-07-11T06:06:23"
            },
            "proof": {}
        }]
    });
    let check = check_value(&value, &dwolla_options());
    assert!(!check.ok && check.receipt.is_none());
    insta::assert_json_snapshot!("everything_wrong", check);
}
