//! Funding sources: the spec's "via Exchange" and debit-card examples reproduced, the
//! bodies checked against the spec's own schemas, and every error code.

mod docs_examples;

use consent_exchange::funding_source::{
    card_funding_source, funding_source_from_exchange, BankAccountType, BillingAddress,
    CardFundingSourceInput, ExchangeFundingSourceInput,
};
use consent_exchange::{CodedError, DwollaRequest, Environment};
use docs_examples::{openapi, schema, validator};
use serde_json::{json, Value};

const CUSTOMER: &str = "AB443D36-3757-44C1-A1B4-29727FB3111C";
const EXCHANGE: &str =
    "https://api-sandbox.dwolla.com/exchanges/6bc9109a-04fd-49b6-ace6-ca06fd282d65";

/// The bash code sample of `POST /customers/{id}/funding-sources` labelled `label`.
fn spec_sample(label: &str) -> (String, Value) {
    let samples = openapi()
        .pointer("/paths/~1customers~1{id}~1funding-sources/post/x-codeSamples")
        .unwrap()
        .clone();
    let source = samples
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["lang"] == "bash" && s["label"] == label)
        .unwrap_or_else(|| panic!("no sample {label}"))["source"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = source
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("POST ")
        .trim()
        .to_owned();
    let json_start = source.find("\n{").unwrap() + 1;
    (
        url,
        serde_json::from_str(source[json_start..].trim()).unwrap(),
    )
}

fn exchange_input() -> ExchangeFundingSourceInput {
    ExchangeFundingSourceInput {
        customer_id: CUSTOMER.into(),
        exchange_href: EXCHANGE.into(),
        name: "My Bank Account".into(),
        bank_account_type: BankAccountType::Checking,
        on_demand_authorization_href: None,
        environment: None,
        base_url: None,
        idempotency_key: None,
    }
}

fn body(request: &DwollaRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

#[test]
fn reproduces_the_specs_exchange_example() {
    let (url, expected) = spec_sample("Create Funding Source via Exchange");
    let request = funding_source_from_exchange(&exchange_input()).unwrap();
    assert_eq!(request.url, url);
    assert_eq!(body(&request), expected);
    assert_eq!(
        request.headers.get("Idempotency-Key"),
        request.idempotency_key.as_ref()
    );
    assert!(
        validator(&schema("CreateCustomerExchangeFundingSource"), true).is_valid(&body(&request))
    );
    insta::assert_json_snapshot!("exchange_funding_source", request);
}

#[test]
fn optional_fields_and_their_rules() {
    let mut i = exchange_input();
    i.bank_account_type = BankAccountType::Savings;
    i.on_demand_authorization_href =
        Some("https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388".into());
    let request = funding_source_from_exchange(&i).unwrap();
    let b = body(&request);
    assert_eq!(b["bankAccountType"], "savings");
    assert!(b.get("correlationId").is_none());
    assert_eq!(
        b["_links"]["on-demand-authorization"]["href"],
        "https://api-sandbox.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388"
    );
    assert!(validator(&schema("CreateCustomerExchangeFundingSource"), true).is_valid(&b));
    // Anything that changes the body changes the key.
    assert_ne!(
        request.idempotency_key,
        funding_source_from_exchange(&exchange_input())
            .unwrap()
            .idempotency_key
    );
    assert_eq!(
        funding_source_from_exchange(&exchange_input())
            .unwrap()
            .idempotency_key,
        funding_source_from_exchange(&exchange_input())
            .unwrap()
            .idempotency_key
    );

    let code = |f: &dyn Fn(&mut ExchangeFundingSourceInput)| {
        let mut i = exchange_input();
        f(&mut i);
        funding_source_from_exchange(&i)
            .map(|_| ())
            .map_err(|e| e.code())
    };
    assert_eq!(code(&|i| i.name = "x".repeat(50)), Ok(()));
    assert_eq!(code(&|i| i.name = "x".repeat(51)), Err("InvalidName"));
    assert_eq!(code(&|i| i.name = "  ".into()), Err("InvalidName"));
    assert_eq!(
        code(&|i| i.customer_id = "123".into()),
        Err("InvalidCustomerId")
    );
    assert_eq!(
        code(&|i| i.exchange_href = "https://api-sandbox.dwolla.com/exchange/x".into()),
        Err("InvalidExchangeHref")
    );
    assert_eq!(
        code(&|i| i.on_demand_authorization_href = Some(EXCHANGE.into())),
        Err("InvalidOnDemandAuthorizationHref")
    );
    assert_eq!(
        code(&|i| i.environment = Some(Environment::Production)),
        Err("EnvironmentMismatch")
    );
    assert_eq!(
        code(&|i| i.on_demand_authorization_href = Some(
            "https://api.dwolla.com/on-demand-authorizations/30e7c028-0bdf-e511-80de-0aa34a9b2388"
                .into()
        )),
        Err("EnvironmentMismatch")
    );
    assert_eq!(
        code(&|i| i.base_url = Some("ftp://x".into())),
        Err("InvalidBaseUrl")
    );
    assert_eq!(
        code(&|i| i.idempotency_key = Some("has space".into())),
        Err("InvalidIdempotencyKey")
    );
}

fn card_input() -> CardFundingSourceInput {
    CardFundingSourceInput {
        customer_id: CUSTOMER.into(),
        card_token: "src_abc123_test_token_xyz789".into(),
        name: "My Visa Debit Card".into(),
        billing_address: BillingAddress {
            address1: "123 Main St".into(),
            address2: Some("Apt 4B".into()),
            address3: None,
            city: "Dallas".into(),
            state_province_region: "TX".into(),
            country: "US".into(),
            postal_code: "76034".into(),
        },
        environment: None,
        base_url: None,
        idempotency_key: None,
    }
}

#[test]
fn reproduces_the_specs_debit_card_example() {
    let (url, expected) = spec_sample("Create Debit Card Funding Source");
    let request = card_funding_source(&card_input()).unwrap();
    assert_eq!(request.url.to_lowercase(), url.to_lowercase());
    assert_eq!(body(&request), expected);
    assert!(validator(&schema("CreateCustomerCardFundingSource"), true).is_valid(&body(&request)));
    insta::assert_json_snapshot!("card_funding_source", request);
}

#[test]
fn card_errors_list_every_address_problem() {
    let mut i = card_input();
    i.card_token = "src bad".into();
    assert_eq!(
        card_funding_source(&i).unwrap_err().code(),
        "InvalidCardToken"
    );
    let mut i = card_input();
    i.billing_address = BillingAddress {
        address1: "x".repeat(51),
        address2: Some("y".repeat(101)),
        city: " ".into(),
        state_province_region: "Texas".into(),
        country: "us".into(),
        ..Default::default()
    };
    let err = card_funding_source(&i).unwrap_err();
    assert_eq!(err.code(), "InvalidBillingAddress");
    let paths: Vec<&str> = err.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/billingAddress/address1",
            "/billingAddress/address2",
            "/billingAddress/city",
            "/billingAddress/postalCode",
            "/billingAddress/stateProvinceRegion",
            "/billingAddress/country"
        ]
    );
    insta::assert_json_snapshot!(
        "card_address_issues",
        json!({ "message": err.to_string(), "issues": err.issues() })
    );
}
