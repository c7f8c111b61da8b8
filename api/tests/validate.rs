//! The validator enforces what each schema publishes: one table of bodies per rule,
//! and each published pattern agrees with the function that enforces it.

use consent_exchange_api::charset::{self, CHARSETS};
use consent_exchange_api::request::*;
use consent_exchange_api::validate::{parse, schema_of, unsupported_keywords};
use proptest::prelude::*;

fn refused<T>(body: &str) -> Vec<(String, String)>
where
    T: serde::de::DeserializeOwned + schemars::JsonSchema + 'static,
{
    match parse::<T>(body.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(issues) => issues.into_iter().map(|i| (i.path, i.code)).collect(),
    }
}

fn at(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
        .collect()
}

#[test]
fn every_schema_uses_only_enforced_keywords() {
    let schemas = [
        schema_of::<DemoCustomerRequest>(),
        schema_of::<SessionRequest>(),
        schema_of::<FinicityCustomerRequest>(),
        schema_of::<ConnectUrlRequest>(),
        schema_of::<ConsentReceiptRequest>(),
        schema_of::<CreateExchangeRequest>(),
        schema_of::<ExchangeSessionRequest>(),
        schema_of::<ReauthRequest>(),
        schema_of::<FundingSourceRequest>(),
        schema_of::<LinkBankRequest>(),
    ];
    for s in schemas {
        assert_eq!(unsupported_keywords(&s), Vec::<String>::new(), "{s}");
    }
}

#[test]
fn consent_receipt_lists_are_bounded_unique_and_digits() {
    let ok = r#"{"customerId":"1","accountIds":["1","2"],"products":["moneyTransferDetails"],"durationDays":365}"#;
    assert_eq!(refused::<ConsentReceiptRequest>(ok), at(&[]));
    let many: Vec<String> = (0..7000).map(|i| format!("\"{i}\"")).collect();
    let big = format!(r#"{{"customerId":"1","accountIds":[{}]}}"#, many.join(","));
    assert_eq!(
        refused::<ConsentReceiptRequest>(&big),
        at(&[("/accountIds", "maxItems")])
    );
    assert_eq!(
        refused::<ConsentReceiptRequest>(r#"{"customerId":"1","accountIds":[]}"#),
        at(&[("/accountIds", "minItems")])
    );
    assert_eq!(
        refused::<ConsentReceiptRequest>(
            r#"{"customerId":"x1","accountIds":["1","1","2a"],"products":["nope"],"durationDays":0}"#
        ),
        at(&[
            ("/accountIds/1", "uniqueItems"),
            ("/accountIds/2", "pattern"),
            ("/customerId", "pattern"),
            ("/durationDays", "minimum"),
            ("/products/0", "enum"),
        ])
    );
}

#[test]
fn integers_are_integers_in_either_spelling() {
    let whole = r#"{"customerId":"1","accountIds":["1"],"durationDays":30.0}"#;
    let body: ConsentReceiptRequest = parse(whole.as_bytes()).unwrap();
    assert_eq!(body.duration_days, Some(30));
    for bad in ["30.5", "\"30\"", "-1", "366", "true"] {
        let text = format!(r#"{{"customerId":"1","accountIds":["1"],"durationDays":{bad}}}"#);
        let issues = refused::<ConsentReceiptRequest>(&text);
        assert_eq!(issues.len(), 1, "{bad}: {issues:?}");
        assert_eq!(issues[0].0, "/durationDays", "{bad}");
    }
    let session: SessionRequest =
        parse(br#"{"customerId":"3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b","ttlSeconds":6e1}"#)
            .unwrap();
    assert_eq!(session.ttl_seconds, Some(60));
}

#[test]
fn exchanges_take_exactly_one_kind_and_a_partner_with_a_token() {
    let r = refused::<CreateExchangeRequest>;
    assert_eq!(r(r#"{"partnerName":"Flinks","token":"t"}"#), at(&[]));
    assert_eq!(r(r#"{"publicToken":"p"}"#), at(&[]));
    assert_eq!(r(r#"{"receipt":"{}"}"#), at(&[]));
    assert_eq!(r(r#"{"token":"t"}"#), at(&[("/partnerName", "required")]));
    assert_eq!(r("{}"), at(&[("", "oneOf")]));
    assert_eq!(
        r(r#"{"token":"t","publicToken":"p","partnerName":"Plaid"}"#),
        at(&[("", "oneOf")])
    );
    // Present means given: a null is not a token, and still counts as one given.
    assert_eq!(
        r(r#"{"token":null,"publicToken":"p"}"#),
        at(&[
            ("/token", "type"),
            ("", "oneOf"),
            ("/partnerName", "required")
        ])
    );
    assert_eq!(
        r(r#"{"partnerName":"mx","token":"t","receipt":null}"#),
        at(&[
            ("/partnerName", "enum"),
            ("/receipt", "type"),
            ("", "oneOf")
        ])
    );
    let big = r#"{"receipt":{"customerId":12345678901234567890123}}"#;
    let body: CreateExchangeRequest = parse(big.as_bytes()).unwrap();
    assert!(body
        .receipt
        .unwrap()
        .get()
        .contains("12345678901234567890123"));
}

#[test]
fn text_fields_hold_their_lengths_charsets_and_lists() {
    let long = "x".repeat(51);
    assert_eq!(
        refused::<DemoCustomerRequest>(&format!(
            r#"{{"firstName":"{}","lastName":"{long}","email":"nobody"}}"#,
            "é".repeat(50)
        )),
        at(&[("/email", "pattern"), ("/lastName", "maxLength")])
    );
    assert_eq!(
        refused::<DemoCustomerRequest>(r#"{"firstName":" ","lastName":"","email":"a@b"}"#),
        at(&[
            ("/firstName", "pattern"),
            ("/lastName", "minLength"),
            ("/lastName", "pattern")
        ])
    );
    assert_eq!(
        refused::<FinicityCustomerRequest>(r#"{"username":"short"}"#),
        at(&[("/username", "minLength")])
    );
    assert_eq!(
        refused::<FinicityCustomerRequest>(r#"{"username":"with space"}"#),
        at(&[("/username", "pattern")])
    );
    assert_eq!(refused::<FinicityCustomerRequest>(""), at(&[]));
    assert_eq!(
        refused::<ExchangeSessionRequest>(
            r#"{"partnerName":"Finicity","platform":"windows","idempotencyKey":"a b"}"#
        ),
        at(&[
            ("/idempotencyKey", "pattern"),
            ("/partnerName", "enum"),
            ("/platform", "enum")
        ])
    );
    assert_eq!(refused::<ReauthRequest>("{}"), at(&[]));
    assert_eq!(
        refused::<FundingSourceRequest>(r#"{"name":"n","bankAccountType":"checking"}"#),
        at(&[("", "oneOf")])
    );
    assert_eq!(
        refused::<LinkBankRequest>(
            r#"{"finicityCustomerId":"1","accountId":"2","name":"  ","bankAccountType":"loan"}"#
        ),
        at(&[("/bankAccountType", "enum"), ("/name", "pattern")])
    );
    assert_eq!(refused::<LinkBankRequest>("[1]"), at(&[("", "type")]));
    assert_eq!(refused::<LinkBankRequest>("{"), at(&[("", "syntax")]));
}

/// A regex engine's reading of a published pattern (JSON Schema patterns are not
/// anchored unless they say so).
fn regex_for(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).unwrap()
}

#[test]
fn each_pattern_agrees_with_its_function_on_edge_cases() {
    let samples = [
        "",
        " ",
        "\u{a0}",
        "\u{2003}x",
        "\t\n",
        "0",
        "0123456789",
        "١٢٣",
        "12a",
        "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "3B1E6F1A-2C4D-4E5F-8A9B-0C1D2E3F4A5B",
        "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5",
        "3b1e6f1a_2c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b\n",
        "key-1_~!",
        "key 1",
        "ключ",
        "user.name+tag@x",
        "user/name",
        "a@b",
        "@",
        "no-at",
        "\u{7f}",
        "~",
    ];
    for c in CHARSETS {
        let re = regex_for(c.pattern);
        for s in samples {
            assert_eq!(re.is_match(s), (c.matches)(s), "{} on {s:?}", c.pattern);
        }
    }
    assert_eq!(charset::check("^nope$", "x"), None);
}

proptest! {
    #[test]
    fn each_pattern_agrees_with_its_function(s in "[ -~\\t\\n\u{a0}\u{2003}é٣ -]{0,40}") {
        for c in CHARSETS {
            prop_assert_eq!(regex_for(c.pattern).is_match(&s), (c.matches)(&s), "{} on {:?}", c.pattern, s);
        }
    }

    #[test]
    fn uuids_agree(s in "[0-9a-fA-F-]{34,38}") {
        let re = regex_for(charset::UUID);
        prop_assert_eq!(re.is_match(&s), charset::is_uuid(&s));
    }
}
