//! `POST /customers`: bodies checked against Dwolla's own schemas, every problem reported
//! with its pointer, and the target and key rules every builder shares.
#![cfg(not(target_arch = "wasm32"))]

mod docs_examples;

use consent_exchange::customer::{create_customer, CustomerInput, CustomerType};
use consent_exchange::{CodedError, Environment, Method};
use docs_examples::{schema, validator};
use serde_json::Value;

fn input() -> CustomerInput {
    CustomerInput {
        first_name: "Jane".into(),
        last_name: "Doe".into(),
        email: "jane@example.com".into(),
        ..CustomerInput::default()
    }
}

fn body(input: &CustomerInput) -> Value {
    let request = create_customer(input).unwrap();
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

#[test]
fn unverified_and_receive_only_bodies_match_dwollas_schemas() {
    let request = create_customer(&input()).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api-sandbox.dwolla.com/customers");
    assert_eq!(
        request.body.as_deref(),
        Some(
            r#"{"firstName":"Jane","lastName":"Doe","email":"jane@example.com","type":"unverified"}"#
        )
    );
    assert_eq!(
        request.headers.get("Idempotency-Key"),
        request.idempotency_key.as_ref()
    );
    assert!(validator(&schema("CreateUnverifiedCustomer"), false).is_valid(&body(&input())));

    let receive_only = CustomerInput {
        customer_type: Some(CustomerType::ReceiveOnly),
        environment: Some(Environment::Production),
        ..input()
    };
    let request = create_customer(&receive_only).unwrap();
    assert_eq!(request.url, "https://api.dwolla.com/customers");
    let sent = body(&receive_only);
    assert_eq!(sent["type"], "receive-only");
    assert!(validator(&schema("CreateReceiveOnlyUser"), false).is_valid(&sent));
    assert!(!validator(&schema("CreateUnverifiedCustomer"), false).is_valid(&sent));
}

#[test]
fn the_type_reads_as_dwolla_spells_it() {
    let parsed: CustomerInput = serde_json::from_str(
        r#"{"firstName":"a","lastName":"b","email":"a@b.co","type":"receive-only","baseUrl":"http://127.0.0.1:39090"}"#,
    )
    .unwrap();
    assert_eq!(parsed.customer_type, Some(CustomerType::ReceiveOnly));
    assert_eq!(
        create_customer(&parsed).unwrap().url,
        "http://127.0.0.1:39090/customers"
    );
    assert!(serde_json::from_str::<CustomerInput>(
        r#"{"firstName":"a","lastName":"b","email":"a@b.co","type":"personal"}"#
    )
    .is_err());
}

#[test]
fn every_problem_is_reported_with_its_pointer() {
    let err = create_customer(&CustomerInput {
        first_name: " ".into(),
        last_name: String::new(),
        email: "not-an-address".into(),
        ..CustomerInput::default()
    })
    .unwrap_err();
    assert_eq!(err.code(), "InvalidCustomer");
    let found: Vec<(&str, &str)> = err
        .issues()
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/firstName", "empty"),
            ("/lastName", "empty"),
            ("/email", "format")
        ]
    );
    assert!(err.to_string().starts_with("the customer has 3 problem(s)"));
    let empty_email = create_customer(&CustomerInput {
        email: String::new(),
        ..input()
    })
    .unwrap_err();
    let found: Vec<(&str, &str)> = empty_email
        .issues()
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(found, [("/email", "empty")], "one problem, not two");
}

#[test]
fn keys_and_base_urls_follow_the_shared_rules() {
    let a = create_customer(&input()).unwrap();
    let b = create_customer(&input()).unwrap();
    assert_eq!(
        a.idempotency_key, b.idempotency_key,
        "derived from the request"
    );
    let fresh = create_customer(&CustomerInput {
        idempotency_key: Some("sign-up-1".into()),
        ..input()
    })
    .unwrap();
    assert_eq!(fresh.idempotency_key.as_deref(), Some("sign-up-1"));
    for key in ["", "has space", "é"] {
        let err = create_customer(&CustomerInput {
            idempotency_key: Some(key.into()),
            ..input()
        })
        .unwrap_err();
        assert_eq!(err.code(), "InvalidIdempotencyKey", "{key:?}");
    }
    for base in ["ftp://x", "https://x?y", "https://user@x"] {
        let err = create_customer(&CustomerInput {
            base_url: Some(base.into()),
            ..input()
        })
        .unwrap_err();
        assert_eq!(err.code(), "InvalidBaseUrl", "{base}");
    }
}
