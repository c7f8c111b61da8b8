//! Ids: exact digits whatever their JSON type, integers only, and the partner who may
//! receive the receipt.

use super::*;

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
