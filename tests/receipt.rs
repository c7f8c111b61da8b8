//! Every receipt rule and every contradiction between Dwolla's and Mastercard's specs,
//! on fixtures built from the seed and spec examples.
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
fn numeric_ids_from_json_text_keep_every_digit() {
    // Contradiction 4: 19 digits are above 2^53; so is a 25-digit id.
    let text = fixture("dwolla-example-finicity.json")
        .replace("\"5454874858510164117\"", "5454874858510164117")
        .replace("\"1015199035827334916\"", "1015199035827334916123456");
    let check = check_consent_receipt(&text, &dwolla_options());
    assert!(check.ok, "{:#?}", check.issues);
    assert_eq!(
        codes(&check),
        [
            ("/customerId".into(), "numericId".into(), Severity::Warning),
            (
                "/products/0/accountId".into(),
                "numericId".into(),
                Severity::Warning
            ),
        ]
    );
    let receipt = check.receipt.unwrap();
    assert_eq!(receipt.customer_id, "5454874858510164117");
    assert_eq!(receipt.products[0].account_id, "1015199035827334916123456");
}

#[test]
fn numeric_ids_must_be_integers() {
    for bad in ["1.5", "-12", "1e20"] {
        let text = fixture("dwolla-example-finicity.json").replace("\"5454874858510164117\"", bad);
        let issue = only_issue(&check_consent_receipt(&text, &dwolla_options())).clone();
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str()),
            ("/customerId", "format"),
            "{bad}"
        );
    }
    let bad = with(dwolla_example(), "/customerId", json!("54548-74858"));
    assert_eq!(
        only_issue(&check_value(&bad, &dwolla_options())).code,
        "format"
    );
}

#[test]
fn numbers_from_javascript_above_2_53_are_precision_loss() {
    // What JSON.stringify prints for the number 5454874858510164117 in JavaScript.
    let text = fixture("dwolla-example-finicity.json")
        .replace("\"5454874858510164117\"", "5454874858510164000")
        .replace("\"1015199035827334916\"", "4294967296");
    let check = check_consent_receipt_from_js_json(&text, &dwolla_options());
    assert_eq!(
        codes(&check),
        [
            (
                "/customerId".into(),
                "precisionLoss".into(),
                Severity::Error
            ),
            (
                "/products/0/accountId".into(),
                "numericId".into(),
                Severity::Warning
            ),
        ]
    );
    assert!(check.receipt.is_none());
    // The same text as JSON received from elsewhere keeps its digits.
    assert!(check_consent_receipt(&text, &dwolla_options()).ok);
    // 1e21 is how JavaScript prints large numbers.
    let text = fixture("dwolla-example-finicity.json").replace("\"5454874858510164117\"", "1e+21");
    let issue = only_issue(&check_consent_receipt_from_js_json(
        &text,
        &dwolla_options(),
    ))
    .clone();
    assert_eq!(issue.code, "precisionLoss");
}

#[test]
fn partner_id_strings_and_numbers_become_integers() {
    let any_partner = CheckOptions {
        expected_partner_id: None,
        ..dwolla_options()
    };
    for partner in [
        json!("2445583946651"),
        json!(2_445_583_946_651u64),
        json!("9007199254740991"),
    ] {
        let value = with(dwolla_example(), "/partnerId", partner.clone());
        let check = check_value(&value, &any_partner);
        assert!(check.ok, "{partner}: {:#?}", check.issues);
        let out = serde_json::to_value(check.receipt.unwrap()).unwrap();
        assert!(out["partnerId"].is_u64(), "{partner}");
    }
    // Above 2^53 - 1 a partner id cannot be exact in the JavaScript receipt object.
    for partner in [
        json!("9007199254740992"),
        json!("12x"),
        json!(-1),
        json!(1.5),
        json!("99999999999999999999999"),
    ] {
        let value = with(dwolla_example(), "/partnerId", partner.clone());
        let issue = only_issue(&check_value(&value, &dwolla_options())).clone();
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str()),
            ("/partnerId", "format"),
            "{partner}"
        );
    }
    let text = fixture("dwolla-example-finicity.json").replace("2445583946651", "9007199254740993");
    let issue = only_issue(&check_consent_receipt_from_js_json(
        &text,
        &dwolla_options(),
    ))
    .clone();
    assert_eq!(issue.code, "precisionLoss");
}

/// A receipt issued to another `thirdPartyPartnerId` passes Mastercard's checks but
/// Dwolla refuses it (`InvalidExchangeToken`): the check refuses it first.
#[test]
fn receipts_must_be_issued_to_dwollas_mastercard_partner_id() {
    assert_eq!(
        CheckOptions::new(Timestamp::from_unix_seconds(0)).expected_partner_id,
        Some(2_445_583_946_651)
    );
    for other in [json!("9999999999999"), json!(9_999_999_999_999u64)] {
        let value = with(dwolla_example(), "/partnerId", other.clone());
        let check = check_value(&value, &dwolla_options());
        assert!(!check.ok && check.receipt.is_none(), "{other}");
        let issue = only_issue(&check);
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str(), issue.severity),
            ("/partnerId", "partnerMismatch", Severity::Error)
        );
        assert!(issue.message.contains("9999999999999") && issue.message.contains("2445583946651"));
    }
    // Overridable: a platform with its own Mastercard partner id for Dwolla.
    let value = with(dwolla_example(), "/partnerId", json!("9999999999999"));
    let mut options = dwolla_options();
    options.expected_partner_id = Some(9_999_999_999_999);
    assert!(check_value(&value, &options).ok);
    assert_eq!(
        only_issue(&check_value(&dwolla_example(), &options)).code,
        "partnerMismatch"
    );
    options.expected_partner_id = None;
    assert!(check_value(&value, &options).ok);
    // In the accessKey response, the path points into it.
    let check = check_consent_receipt(
        &fixture("mastercard-access-key-response.json"),
        &at("2022-03-11T00:00:00Z"),
    );
    assert_eq!(
        codes(&check),
        [(
            "/data/0/receipt/partnerId".into(),
            "partnerMismatch".into(),
            Severity::Error
        )]
    );
}

/// Dwolla's schema decides, per field, whether a bare date is allowed: `startTime` is
/// `format: date`, `endTime` and `timestamp` are `format: date-time` (the sandbox and
/// Dwolla answer `InvalidFormat` to a date there).
#[test]
fn bare_dates_only_where_dwollas_schema_says_date() {
    let spec: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(format!(
            "{}/../shared/specs/dwolla/openapi.yml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let finicity = &spec["components"]["schemas"]["CreateFinicitySecureExchange"]["properties"]
        ["finicity"]["properties"];
    let format_of = |field: &str| -> String {
        let schema = match field {
            "timestamp" => &finicity["timestamp"],
            _ => &finicity["products"]["items"]["properties"]["accessPeriod"]["properties"][field],
        };
        schema["format"].as_str().unwrap().to_owned()
    };
    let pointer = |field: &str| match field {
        "timestamp" => "/timestamp".to_owned(),
        _ => format!("/products/0/accessPeriod/{field}"),
    };
    let mut seen = Vec::new();
    for (field, date_allowed) in consent_exchange::receipt::TIME_FIELDS {
        let format = format_of(field);
        assert_eq!(
            date_allowed,
            format == "date",
            "{field}: the schema says {format}"
        );
        seen.push((field, format.clone()));
        let value = with(dwolla_example(), &pointer(field), json!("2022-08-16"));
        let check = check_value(&value, &dwolla_options());
        if format == "date" {
            assert!(check.ok, "{field}: {:#?}", check.issues);
        } else {
            let issue = only_issue(&check);
            assert_eq!(
                (issue.path.as_str(), issue.code.as_str()),
                (pointer(field).as_str(), "dateTimeRequired"),
                "{field}"
            );
        }
        // A date-time is fine everywhere.
        let date_time = if field == "endTime" {
            "2022-08-16T06:06:20+00:00"
        } else {
            "2022-07-10T06:06:20Z"
        };
        let value = with(dwolla_example(), &pointer(field), json!(date_time));
        assert!(check_value(&value, &dwolla_options()).ok, "{field}");
    }
    assert_eq!(
        seen,
        [
            ("startTime", "date".to_owned()),
            ("endTime", "date-time".to_owned()),
            ("timestamp", "date-time".to_owned())
        ]
    );
}

#[test]
fn profile_is_a_32_bit_integer() {
    let value = with(dwolla_example(), "/profile", json!(4_294_967_296u64));
    assert_eq!(
        only_issue(&check_value(&value, &dwolla_options())).code,
        "format"
    );
}

#[test]
fn times_are_rfc_3339_dates_or_date_times_forwarded_unchanged() {
    // Contradiction 1: Dwolla's docs say integer, its schema date / date-time,
    // Mastercard date-time. An RFC 3339 date-time (or a date where the schema allows
    // one) passes unchanged.
    let value = with(
        with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!("2022-07-06T08:00:00+02:00"),
        ),
        "/products/0/accessPeriod/endTime",
        json!("2022-08-16T00:00:00-05:00"),
    );
    let receipt = check_value(&value, &dwolla_options()).into_valid().unwrap();
    assert_eq!(
        receipt.products[0].access_period.start_time,
        "2022-07-06T08:00:00+02:00"
    );
    assert_eq!(
        receipt.products[0].access_period.end_time,
        "2022-08-16T00:00:00-05:00"
    );
    for bad in [
        "2022-02-30",
        "2022-07-06T06:06:20",
        "07/06/2022",
        "2022-07-06 06:06:20Z",
        "",
    ] {
        let value = with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!(bad),
        );
        let issue = only_issue(&check_value(&value, &dwolla_options())).clone();
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str()),
            ("/products/0/accessPeriod/startTime", "format"),
            "{bad}"
        );
    }
}

#[test]
fn epoch_times_are_errors_unless_allowed() {
    let value = with(
        with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!(1_657_065_600),
        ),
        "/timestamp",
        json!(1_657_519_583_000u64),
    );
    let check = check_value(&value, &dwolla_options());
    assert_eq!(
        codes(&check),
        [
            (
                "/products/0/accessPeriod/startTime".into(),
                "epochTime".into(),
                Severity::Error
            ),
            ("/timestamp".into(), "epochTime".into(), Severity::Error),
        ]
    );
    let mut options = dwolla_options();
    options.allow_epoch_times = true;
    let receipt = check_value(&value, &options).into_valid().unwrap();
    // Seconds below 10^11, milliseconds from 10^11 on; both become RFC 3339 UTC.
    assert_eq!(
        receipt.products[0].access_period.start_time,
        "2022-07-06T00:00:00Z"
    );
    assert_eq!(receipt.timestamp, "2022-07-11T06:06:23Z");
    for bad in [json!(-5), json!(1.5), json!(1e300)] {
        let value = with(dwolla_example(), "/timestamp", bad.clone());
        assert_eq!(
            only_issue(&check_value(&value, &options)).code,
            "format",
            "{bad}"
        );
    }
}

#[test]
fn start_after_end_is_period_order() {
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-09-01"),
    );
    let check = check_value(&value, &dwolla_options());
    // A start after the end is also either in the future or after an expired end.
    assert_eq!(
        codes(&check),
        [
            (
                "/products/0/accessPeriod/endTime".into(),
                "periodOrder".into(),
                Severity::Error
            ),
            (
                "/products/0/accessPeriod/startTime".into(),
                "notYetActive".into(),
                Severity::Warning
            ),
        ]
    );
}

#[test]
fn end_not_after_now_is_expired() {
    let check = check_consent_receipt(
        &fixture("dwolla-example-finicity.json"),
        &at("2022-08-16T06:06:20Z"),
    );
    assert_eq!(only_issue(&check).code, "expired");
    let check = check_consent_receipt(
        &fixture("dwolla-example-finicity.json"),
        &at("2022-08-16T06:06:19.999Z"),
    );
    assert!(check.ok);
}

#[test]
fn start_in_the_future_is_a_warning_beyond_the_skew() {
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-07-11T06:14:59Z"),
    );
    assert!(
        check_value(&value, &dwolla_options()).issues.is_empty(),
        "within 300 s of skew"
    );
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-07-12"),
    );
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [(
            "/products/0/accessPeriod/startTime".into(),
            "notYetActive".into(),
            Severity::Warning
        )]
    );
    let mut options = dwolla_options();
    options.clock_skew_seconds = 86_400;
    assert!(check_value(&value, &options).issues.is_empty());
}

#[test]
fn timestamp_in_the_future_is_a_warning() {
    let value = with(
        dwolla_example(),
        "/timestamp",
        json!("2022-07-11T07:00:00Z"),
    );
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [(
            "/timestamp".into(),
            "futureTimestamp".into(),
            Severity::Warning
        )]
    );
}

#[test]
fn required_products_must_be_granted() {
    let value = with(
        dwolla_example(),
        "/products/0/product",
        json!("availableBalance"),
    );
    let check = check_value(&value, &dwolla_options());
    assert_eq!(
        codes(&check),
        [("/products".into(), "missingProduct".into(), Severity::Error)]
    );
    let mut options = dwolla_options();
    options.required_products = vec!["availableBalance".into()];
    assert!(check_value(&value, &options).ok);
    options.required_products.clear();
    assert!(check_value(&dwolla_example(), &options).ok);
}

#[test]
fn unknown_products_and_access_types_are_warnings() {
    let mut value = dwolla_example();
    let extra = json!({
        "product": "transactions",
        "accountId": "1",
        "accessPeriod": { "type": "recurring", "startTime": "2022-07-06", "endTime": "2022-08-16T00:00:00Z" }
    });
    value["products"].as_array_mut().unwrap().push(extra);
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [
            (
                "/products/1/product".into(),
                "unknownProduct".into(),
                Severity::Warning
            ),
            (
                "/products/1/accessPeriod/type".into(),
                "unknownAccessType".into(),
                Severity::Warning
            ),
        ]
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
