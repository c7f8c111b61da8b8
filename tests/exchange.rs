//! Exchange builders: URLs, headers, exact bodies, idempotency keys and every error code.
#![cfg(not(target_arch = "wasm32"))]

use consent_exchange::exchange::finicity_exchange_checked;
use consent_exchange::receipt::{check_consent_receipt_from_js_json, CheckOptions};
use consent_exchange::{
    check_consent_receipt, finicity_exchange, finicity_exchange_from_json, flinks_token,
    mx_exchange, plaid_exchange, token_exchange, CodedError, Environment, EnvironmentMismatch,
    ExchangeError, ExchangeTarget, Method, Timestamp, ValidReceipt,
};
use serde_json::{json, Value};

const PARTNER: &str = "292317ec-e252-47d8-93c3-2d128e037aa4";
const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const HAL: &str = "application/vnd.dwolla.v1.hal+json";

fn receipt_text() -> String {
    let path = format!(
        "{}/tests/fixtures/dwolla-example-finicity.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn options() -> CheckOptions {
    CheckOptions::new(Timestamp::parse("2022-07-11T06:10:00Z").unwrap())
}

fn receipt() -> ValidReceipt {
    check_consent_receipt(&receipt_text(), &options())
        .into_valid()
        .unwrap()
}

fn sandbox_partner() -> String {
    format!("https://api-sandbox.dwolla.com/exchange-partners/{PARTNER}")
}

fn production_partner() -> String {
    format!("https://api.dwolla.com/exchange-partners/{PARTNER}")
}

fn body(request: &consent_exchange::DwollaRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

#[test]
fn finicity_exchange_reproduces_dwollas_example_request() {
    let target = ExchangeTarget::new(production_partner()).in_environment(Environment::Production);
    let request = finicity_exchange(&receipt(), &target).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api.dwolla.com/exchanges");
    assert_eq!(request.headers.get("Accept").unwrap(), HAL);
    assert_eq!(request.headers.get("Content-Type").unwrap(), HAL);
    assert_eq!(
        request.headers.get("Idempotency-Key"),
        request.idempotency_key.as_ref()
    );
    assert!(!request
        .headers
        .keys()
        .any(|k| k.eq_ignore_ascii_case("authorization")));
    let finicity: Value = serde_json::from_str(&receipt_text()).unwrap();
    assert_eq!(
        body(&request),
        json!({ "_links": { "exchange-partner": { "href": production_partner() } }, "finicity": finicity })
    );
    // The body text is compact and in the schema's field order.
    assert!(request.body.as_deref().unwrap().starts_with(
        r#"{"_links":{"exchange-partner":{"href":"https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}},"finicity":{"profile":3,"version":"1","receiptId":"#
    ));
    insta::assert_json_snapshot!("finicity_production_account", request);
}

#[test]
fn customer_exchanges_go_to_the_customer() {
    let target = ExchangeTarget::new(sandbox_partner()).for_customer(CUSTOMER);
    let request = finicity_exchange(&receipt(), &target).unwrap();
    assert_eq!(
        request.url,
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/exchanges")
    );
    insta::assert_json_snapshot!("finicity_sandbox_customer", request);
}

#[test]
fn base_url_points_at_a_local_sandbox() {
    let target = ExchangeTarget::new(sandbox_partner()).with_base_url("http://127.0.0.1:8790/");
    let request = finicity_exchange(&receipt(), &target).unwrap();
    assert_eq!(request.url, "http://127.0.0.1:8790/exchanges");
    let local = ExchangeTarget::new(format!("http://127.0.0.1:8790/exchange-partners/{PARTNER}"))
        .with_base_url("http://127.0.0.1:8790");
    assert!(finicity_exchange(&receipt(), &local).is_ok());
    let bad = ExchangeTarget::new(sandbox_partner()).with_base_url("ftp://127.0.0.1");
    assert_eq!(
        finicity_exchange(&receipt(), &bad).unwrap_err().code(),
        "InvalidBaseUrl"
    );
}

#[test]
fn environment_mismatch_both_ways() {
    let err =
        finicity_exchange(&receipt(), &ExchangeTarget::new(production_partner())).unwrap_err();
    assert_eq!(
        err,
        ExchangeError::EnvironmentMismatch(EnvironmentMismatch {
            href: Environment::Production,
            target: Environment::Sandbox
        })
    );
    assert_eq!(err.code(), "EnvironmentMismatch");
    // One message for the rule, whichever builder reports it.
    assert_eq!(
        err.to_string(),
        "the href belongs to production but the request targets sandbox; ids differ between environments"
    );
    let target = ExchangeTarget::new(sandbox_partner()).in_environment(Environment::Production);
    assert_eq!(
        finicity_exchange(&receipt(), &target).unwrap_err().code(),
        "EnvironmentMismatch"
    );
    let target = ExchangeTarget::new(sandbox_partner()).with_base_url("HTTPS://api.dwolla.com/");
    assert_eq!(
        finicity_exchange(&receipt(), &target).unwrap_err().code(),
        "EnvironmentMismatch"
    );
}

#[test]
fn bad_partner_hrefs_and_customer_ids() {
    for href in [
        String::new(),
        PARTNER.to_owned(),
        format!("https://api.dwolla.com/exchanges/{PARTNER}"),
        "https://api.dwolla.com/exchange-partners/not-a-uuid".to_owned(),
    ] {
        let err = token_exchange("t", &ExchangeTarget::new(href.clone())).unwrap_err();
        assert_eq!(err.code(), "InvalidPartnerHref", "{href}");
    }
    for id in [
        "",
        "123",
        "74a207b2b7b74efa8bf8582148e7b980",
        "../74a207b2-b7b7-4efa-8bf8-582148e7b98",
    ] {
        let target = ExchangeTarget::new(sandbox_partner()).for_customer(id);
        let err = finicity_exchange(&receipt(), &target).unwrap_err();
        assert_eq!(err, ExchangeError::InvalidCustomerId(id.to_owned()));
        assert_eq!(err.code(), "InvalidCustomerId");
    }
}

#[test]
fn invalid_receipts_carry_every_issue() {
    let text = receipt_text()
        .replace("\"1\"", "\"\"")
        .replace("2022-08-16T06:06:20Z", "2022-07-01T00:00:00Z");
    let err =
        finicity_exchange_from_json(&text, &options(), &ExchangeTarget::new(sandbox_partner()))
            .unwrap_err();
    assert_eq!(err.code(), "InvalidReceipt");
    let codes: Vec<&str> = err.issues().iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["empty", "empty", "periodOrder", "expired"]);
    insta::assert_snapshot!("invalid_receipt_message", err.to_string());
    let js = receipt_text().replace("\"5454874858510164117\"", "5454874858510164000");
    let check = check_consent_receipt_from_js_json(&js, &options());
    let err =
        finicity_exchange_checked(check, &ExchangeTarget::new(sandbox_partner())).unwrap_err();
    assert_eq!(err.issues()[0].code, "precisionLoss");
}

#[test]
fn idempotency_keys_are_stable_and_distinct() {
    let target = ExchangeTarget::new(sandbox_partner());
    let a = finicity_exchange(&receipt(), &target).unwrap();
    let b = finicity_exchange_from_json(&receipt_text(), &options(), &target).unwrap();
    assert_eq!(
        a.idempotency_key, b.idempotency_key,
        "same receipt and target, same key"
    );
    let other_customer =
        finicity_exchange(&receipt(), &target.clone().for_customer(CUSTOMER)).unwrap();
    assert_ne!(a.idempotency_key, other_customer.idempotency_key);
    let other_receipt = receipt_text().replace("cr_4N47ou7SlppuIxq0ZUtACh10vYcloY", "cr_other");
    let c = finicity_exchange_from_json(&other_receipt, &options(), &target).unwrap();
    assert_ne!(a.idempotency_key, c.idempotency_key);
    let mut given = target.clone();
    given.idempotency_key = Some("19051a62-3403-11e6-ac61-9e71128cae77".into());
    let d = finicity_exchange(&receipt(), &given).unwrap();
    assert_eq!(
        d.headers.get("Idempotency-Key").unwrap(),
        "19051a62-3403-11e6-ac61-9e71128cae77"
    );
    for bad in [
        String::new(),
        "a b".to_owned(),
        "k".repeat(256),
        "clé".to_owned(),
    ] {
        given.idempotency_key = Some(bad);
        assert_eq!(
            finicity_exchange(&receipt(), &given).unwrap_err().code(),
            "InvalidIdempotencyKey"
        );
    }
}

#[test]
fn token_exchanges_match_the_docs() {
    let target = ExchangeTarget::new(production_partner()).in_environment(Environment::Production);
    let request = token_exchange("someMXProcessorToken", &target).unwrap();
    assert_eq!(request.url, "https://api.dwolla.com/exchanges");
    assert_eq!(
        body(&request),
        json!({ "_links": { "exchange-partner": { "href": production_partner() } }, "token": "someMXProcessorToken" })
    );
    let checkout = token_exchange("pay_abc123", &target.clone().for_customer(CUSTOMER)).unwrap();
    assert_eq!(
        checkout.url,
        format!("https://api.dwolla.com/customers/{CUSTOMER}/exchanges")
    );
    assert_eq!(
        token_exchange("  ", &target).unwrap_err().code(),
        "InvalidToken"
    );
}

#[test]
fn mx_and_plaid_open_banking_exchanges() {
    let target = ExchangeTarget::new(sandbox_partner());
    let mx = mx_exchange("eyJhY2NvdW50SWQiOi", CUSTOMER, &target).unwrap();
    assert_eq!(
        mx.url,
        format!("https://api-sandbox.dwolla.com/customers/{CUSTOMER}/exchanges")
    );
    assert_eq!(
        body(&mx)["mx"],
        json!({ "availableConnectionToken": "eyJhY2NvdW50SWQiOi" })
    );
    let plaid = plaid_exchange("public-sandbox-d5456acb", CUSTOMER, &target).unwrap();
    assert_eq!(
        body(&plaid)["plaid"],
        json!({ "publicToken": "public-sandbox-d5456acb" })
    );
    insta::assert_json_snapshot!("plaid_exchange", plaid);
    assert_eq!(
        mx_exchange("x", "nope", &target).unwrap_err().code(),
        "InvalidCustomerId"
    );
    assert_eq!(
        plaid_exchange("", CUSTOMER, &target).unwrap_err().code(),
        "InvalidToken"
    );
}

#[test]
fn flinks_token_is_the_documented_base64() {
    let token = flinks_token(
        "111a1a1a-1111-1aa1-1111-11a111a1111a",
        "222b2b1b-2222-2bb2-2222-22b222b2222b",
    )
    .unwrap();
    assert_eq!(
        token,
        "MTExYTFhMWEtMTExMS0xYWExLTExMTEtMTFhMTExYTExMTFhOjIyMmIyYjFiLTIyMjItMmJiMi0yMjIyLTIyYjIyMmIyMjIyYg=="
    );
    assert_eq!(flinks_token("", "x").unwrap_err().code(), "InvalidToken");
    assert!(flinks_token("secret", "")
        .unwrap_err()
        .to_string()
        .contains("accessToken"));
}
