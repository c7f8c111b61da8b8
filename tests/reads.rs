//! The reads of a flow (exchanges, sessions, available connections), the account-level
//! funding source and Finicity's revoke and update: requests checked against the spec's
//! paths and schemas, snapshots of each, every error code, and the readers on the
//! spec's own response examples.
#![cfg(not(target_arch = "wasm32"))]

mod docs_examples;

use consent_exchange::finicity::{
    customer_accounts_request, revoke_access_key_request, update_access_key_request,
    AccessKeyInput, CustomerAccountsInput, RevokeAccessKeyInput,
};
use consent_exchange::funding_source::{
    account_funding_source_from_exchange, AccountFundingSourceInput, BankAccountType,
};
use consent_exchange::reads::{
    available_exchange_connections, get_exchange, get_exchange_session, list_account_exchanges,
    list_customer_exchanges, list_exchange_partners, read_available_connections, read_exchange,
    read_exchanges, ReadInput,
};
use consent_exchange::{CodedError, Environment, Method};
use docs_examples::{openapi, schema, validator};

/// A validator of a component schema whose `$ref`s resolve inside the spec.
fn component_validator(name: &str) -> jsonschema::Validator {
    let root = json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": openapi()["components"].clone(),
    });
    validator(&root, false)
}
use serde_json::{json, Value};

const EXCHANGE: &str = "e5e9f2d3-a96c-4abd-a097-8ec7ae28aa8a";
const CUSTOMER: &str = "1b54c81a-261f-4779-bb57-9405e6e00694";
const SESSION: &str = "fcd15e5f-8d13-4570-a9b7-7fb49e55941d";
const HAL: &str = "application/vnd.dwolla.v1.hal+json";

fn production(id: &str) -> ReadInput {
    ReadInput {
        environment: Some(Environment::Production),
        ..ReadInput::new(id)
    }
}

/// Whether the spec declares `GET` on this path template.
fn spec_has_get(template: &str) -> bool {
    let pointer = format!("/paths/{}/get", template.replace('/', "~1"));
    openapi().pointer(&pointer).is_some()
}

#[test]
fn read_requests_follow_the_spec_paths() {
    let cases = [
        (
            get_exchange(&production(EXCHANGE)).unwrap(),
            "/exchanges/{id}",
            format!("https://api.dwolla.com/exchanges/{EXCHANGE}"),
        ),
        (
            list_customer_exchanges(&production(CUSTOMER)).unwrap(),
            "/customers/{id}/exchanges",
            format!("https://api.dwolla.com/customers/{CUSTOMER}/exchanges"),
        ),
        (
            list_account_exchanges(Some(Environment::Production), None).unwrap(),
            "/exchanges",
            "https://api.dwolla.com/exchanges".to_owned(),
        ),
        (
            list_exchange_partners(Some(Environment::Production), None).unwrap(),
            "/exchange-partners",
            "https://api.dwolla.com/exchange-partners".to_owned(),
        ),
        (
            get_exchange_session(&production(SESSION)).unwrap(),
            "/exchange-sessions/{id}",
            format!("https://api.dwolla.com/exchange-sessions/{SESSION}"),
        ),
        (
            available_exchange_connections(&production(CUSTOMER)).unwrap(),
            "/customers/{id}/available-exchange-connections",
            format!("https://api.dwolla.com/customers/{CUSTOMER}/available-exchange-connections"),
        ),
    ];
    for (request, template, url) in &cases {
        assert!(spec_has_get(template), "{template}");
        assert_eq!(request.method, Method::Get);
        assert_eq!(&request.url, url);
        assert_eq!(request.headers.get("Accept").unwrap(), HAL);
        assert_eq!(request.headers.len(), 1, "no Content-Type, no key on a GET");
        assert_eq!(request.body, None);
        assert_eq!(request.idempotency_key, None);
    }
    let requests: Vec<_> = cases.iter().map(|(r, _, _)| r).collect();
    insta::assert_json_snapshot!("read_requests", requests);
}

#[test]
fn reads_take_ids_or_hrefs_and_check_them() {
    // The href Dwolla gave (a Location) names the same resource.
    let href = format!("https://api-sandbox.dwolla.com/exchange-sessions/{SESSION}");
    assert_eq!(
        get_exchange_session(&ReadInput::new(&href)).unwrap().url,
        href
    );
    // A local sandbox: the href's host is not one of Dwolla's, the base URL decides.
    let local = ReadInput {
        base_url: Some("http://127.0.0.1:41300/".into()),
        ..ReadInput::new(format!("http://127.0.0.1:41300/exchanges/{EXCHANGE}"))
    };
    assert_eq!(
        get_exchange(&local).unwrap().url,
        format!("http://127.0.0.1:41300/exchanges/{EXCHANGE}")
    );
    let code = |result: Result<
        consent_exchange::DwollaRequest,
        consent_exchange::reads::ReadError,
    >| { result.map(|_| ()).map_err(|e| e.code()) };
    assert_eq!(
        code(get_exchange(&ReadInput::new("nope"))),
        Err("InvalidExchangeId")
    );
    assert_eq!(
        code(get_exchange(&ReadInput::new(format!(
            "https://api.dwolla.com/customers/{CUSTOMER}"
        )))),
        Err("InvalidExchangeId"),
        "an href into another collection"
    );
    assert_eq!(
        code(get_exchange(&ReadInput::new(format!("../{EXCHANGE}")))),
        Err("InvalidExchangeId")
    );
    assert_eq!(
        code(list_customer_exchanges(&ReadInput::new("123"))),
        Err("InvalidCustomerId")
    );
    assert_eq!(
        code(available_exchange_connections(&ReadInput::new(""))),
        Err("InvalidCustomerId")
    );
    assert_eq!(
        code(get_exchange_session(&ReadInput::new("x"))),
        Err("InvalidExchangeSessionId")
    );
    assert_eq!(
        code(get_exchange(&ReadInput::new(format!(
            "https://api.dwolla.com/exchanges/{EXCHANGE}"
        )))),
        Err("EnvironmentMismatch"),
        "a production href, the sandbox by default"
    );
    assert_eq!(
        code(get_exchange(&ReadInput {
            base_url: Some("ftp://x".into()),
            ..ReadInput::new(EXCHANGE)
        })),
        Err("InvalidBaseUrl")
    );
    assert_eq!(
        list_exchange_partners(None, Some("nope"))
            .unwrap_err()
            .code(),
        "InvalidBaseUrl"
    );
    assert_eq!(
        list_account_exchanges(None, Some("nope"))
            .unwrap_err()
            .code(),
        "InvalidBaseUrl"
    );
}

/// The answer shown in the bash code sample of `GET {template}` (after the request).
fn response_example(template: &str) -> Value {
    let pointer = format!("/paths/{}/get/x-codeSamples", template.replace('/', "~1"));
    let samples = openapi().pointer(&pointer).cloned().unwrap();
    let source = samples
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["lang"] == "bash")
        .and_then(|s| s["source"].as_str())
        .unwrap()
        .to_owned();
    let start = source
        .find("\n{")
        .unwrap_or_else(|| panic!("no answer in {template}"));
    serde_json::from_str(source[start..].trim()).unwrap()
}

#[test]
fn readers_read_the_specs_examples() {
    let one = response_example("/exchanges/{id}");
    assert!(component_validator("Exchange").is_valid(&one));
    let exchange = read_exchange(&one).unwrap();
    assert_eq!(exchange.id, one["id"].as_str().unwrap());
    assert_eq!(exchange.status, "active");
    assert!(exchange.active);
    assert_eq!(
        exchange.partner_href.as_deref(),
        one.pointer("/_links/exchange-partner/href")
            .and_then(Value::as_str)
    );
    insta::assert_json_snapshot!("read_exchange", exchange);

    let list = response_example("/customers/{id}/exchanges");
    let exchanges = read_exchanges(&list).unwrap();
    assert_eq!(
        exchanges.len(),
        list["_embedded"]["exchanges"].as_array().unwrap().len()
    );
    assert!(!exchanges.is_empty());

    // The spec shows no body for this one, only the token its clients read at
    // `_embedded["available-exchange-connections"][0].availableConnectionToken`; the
    // body built around that token must pass the spec's schema.
    let token = "eyJhY2NvdW50SWQiOiJBQ1QtMjAxY2FkM2MtYzc2Yi00N2M1LWI3Y2QtMTkxY2FhNzdlZWM5IiwibWVtYmVySWQiOiJNQlItZGNjZWY0ZWMtOGM4MC00NTlmLTlhMGItMTc1ZTA0OTJmZWIzIn0=";
    let customer = format!("https://api.dwolla.com/customers/{CUSTOMER}");
    let connections = json!({
        "_links": {
            "self": {"href": format!("{customer}/available-exchange-connections"), "type": HAL, "resource-type": "available-exchange-connections"},
            "customers": {"href": customer, "type": HAL, "resource-type": "customer"}
        },
        "_embedded": {"available-exchange-connections": [
            {"_links": {}, "name": "Account checking 1234", "availableConnectionToken": token}
        ]}
    });
    let errors: Vec<String> = component_validator("AvailableExchangeConnections")
        .iter_errors(&connections)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(openapi()
        .pointer("/paths/~1customers~1{id}~1available-exchange-connections/get/x-codeSamples")
        .unwrap()
        .to_string()
        .contains(token));
    let read = read_available_connections(&connections).unwrap();
    assert!(!read.is_empty());
    assert!(read
        .iter()
        .all(|c| !c.available_connection_token.is_empty()));
    insta::assert_json_snapshot!("read_available_connections", read);
}

#[test]
fn readers_refuse_what_is_not_the_resource() {
    for bad in [
        json!(null),
        json!([]),
        json!({"id": 1, "status": "active"}),
        json!({"id": "x"}),
    ] {
        assert_eq!(
            read_exchange(&bad).unwrap_err().code(),
            "InvalidResourceBody",
            "{bad}"
        );
    }
    let removed = read_exchange(&json!({"id": "x", "status": "removed"})).unwrap();
    assert!(!removed.active);
    assert_eq!(
        read_exchanges(&json!({"_embedded": {}}))
            .unwrap_err()
            .code(),
        "InvalidResourceBody"
    );
    assert_eq!(
        read_available_connections(
            &json!({"_embedded": {"available-exchange-connections": [{"name": "x"}]}})
        )
        .unwrap_err()
        .code(),
        "InvalidResourceBody"
    );
}

fn account_input() -> AccountFundingSourceInput {
    AccountFundingSourceInput {
        exchange_href: format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}"),
        name: "Operating account".into(),
        bank_account_type: BankAccountType::Checking,
        environment: None,
        base_url: None,
        idempotency_key: None,
    }
}

#[test]
fn account_funding_source_from_an_exchange() {
    let request = account_funding_source_from_exchange(&account_input()).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://api-sandbox.dwolla.com/funding-sources"
    );
    assert!(openapi().pointer("/paths/~1funding-sources/post").is_some());
    let body: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"_links": {"exchange": {"href": format!("https://api-sandbox.dwolla.com/exchanges/{EXCHANGE}")}},
               "bankAccountType": "checking", "name": "Operating account"})
    );
    // The exchange form of a funding source; the account schema's `required` lists
    // routing and account numbers only (see docs/dwolla-differences.md).
    assert!(validator(&schema("CreateCustomerExchangeFundingSource"), true).is_valid(&body));
    assert!(!validator(&schema("CreateAccountFundingSource"), true).is_valid(&body));
    assert!(request.idempotency_key.is_some());
    insta::assert_json_snapshot!("account_funding_source", request);

    let code = |f: &dyn Fn(&mut AccountFundingSourceInput)| {
        let mut i = account_input();
        f(&mut i);
        account_funding_source_from_exchange(&i)
            .map(|_| ())
            .map_err(|e| e.code())
    };
    assert_eq!(code(&|i| i.name = " ".into()), Err("InvalidName"));
    assert_eq!(
        code(&|i| i.exchange_href = EXCHANGE.into()),
        Err("InvalidExchangeHref")
    );
    assert_eq!(
        code(&|i| i.environment = Some(Environment::Production)),
        Err("EnvironmentMismatch")
    );
    assert_eq!(
        code(&|i| i.idempotency_key = Some(String::new())),
        Err("InvalidIdempotencyKey")
    );
    assert_eq!(
        code(&|i| i.base_url = Some("x".into())),
        Err("InvalidBaseUrl")
    );
}

fn mastercard_spec() -> serde_yaml::Value {
    serde_yaml::from_str(
        &std::fs::read_to_string(format!(
            "{}/../shared/specs/mastercard/openbanking-us.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap()
}

#[test]
fn finicity_revoke_and_update() {
    let spec = mastercard_spec();
    let path = &spec["paths"]["/aggregation/v1/partners/accessKey/{consentReceiptId}"];
    assert_eq!(
        path["delete"]["operationId"].as_str(),
        Some("RevokeThirdPartyAccessKey")
    );
    assert_eq!(
        path["put"]["operationId"].as_str(),
        Some("UpdateThirdPartyAccessKey")
    );

    let revoke = revoke_access_key_request(&RevokeAccessKeyInput {
        receipt_id: "cr_4N47ou7SlppuIxq0ZUtACh10vYcloY".into(),
        base_url: None,
    })
    .unwrap();
    assert_eq!(revoke.method, Method::Delete);
    assert_eq!(
        revoke.url,
        "https://api.finicity.com/aggregation/v1/partners/accessKey/cr_4N47ou7SlppuIxq0ZUtACh10vYcloY"
    );
    assert_eq!(revoke.body, None);
    assert!(!revoke.headers.contains_key("Finicity-App-Key"));
    insta::assert_json_snapshot!("finicity_revoke", revoke);
    let longest = "c".repeat(128);
    assert!(revoke_access_key_request(&RevokeAccessKeyInput {
        receipt_id: longest.clone(),
        base_url: None,
    })
    .unwrap()
    .url
    .ends_with(&longest));
    for bad in [
        "",
        "../customers",
        "cr_1/x",
        "cr 1",
        "cr_1?x",
        "cr_1%2F",
        &"c".repeat(129),
    ] {
        let err = revoke_access_key_request(&RevokeAccessKeyInput {
            receipt_id: bad.into(),
            base_url: None,
        })
        .unwrap_err();
        assert_eq!(err.code(), "InvalidFinicityRequest", "{bad}");
        assert_eq!(err.issues()[0].path, "/receiptId");
    }

    let access = AccessKeyInput {
        customer_id: "5454874858510164117".into(),
        partner_id: "2445580000001".into(),
        account_ids: vec!["1015199035827334916".into()],
        now: Some("2026-12-02T00:00:00Z".into()),
        base_url: Some("http://127.0.0.1:41300".into()),
        ..AccessKeyInput::default()
    };
    let update = update_access_key_request("cr_4N47ou7SlppuIxq0ZUtACh10vYcloY", &access).unwrap();
    assert_eq!(update.method, Method::Put);
    assert_eq!(
        update.url,
        "http://127.0.0.1:41300/aggregation/v1/partners/accessKey/cr_4N47ou7SlppuIxq0ZUtACh10vYcloY"
    );
    let body: Value = serde_json::from_str(update.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["thirdPartyPartnerId"], "2445583946651");
    assert_eq!(
        body["products"][0]["accessPeriod"]["endTime"],
        "2027-12-02T00:00:00Z"
    );
    insta::assert_json_snapshot!("finicity_update", update);
    // Every problem at once: the receipt id and the body's.
    let err = update_access_key_request(
        "",
        &AccessKeyInput {
            account_ids: vec![],
            ..access
        },
    )
    .unwrap_err();
    let paths: Vec<&str> = err.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["/receiptId", "/accountIds"]);
}

#[test]
fn finicity_customer_accounts() {
    let spec = mastercard_spec();
    let path = &spec["paths"]["/aggregation/v1/customers/{customerId}/accounts"];
    assert_eq!(
        path["get"]["operationId"].as_str(),
        Some("GetCustomerAccounts")
    );
    let request = customer_accounts_request(&CustomerAccountsInput {
        customer_id: "5454874858510164117".into(),
        base_url: Some("HTTP://127.0.0.1:41300/".into()),
    })
    .unwrap();
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url, "HTTP://127.0.0.1:41300/aggregation/v1/customers/5454874858510164117/accounts",
        "the base URL is kept as given"
    );
    assert_eq!(request.body, None);
    assert_eq!(
        request.headers.get("Accept").map(String::as_str),
        Some("application/json")
    );
    assert_eq!(request.headers.len(), 1, "no credentials, no Content-Type");
    for bad in ["", "12a", "1/2", "-1", " 1"] {
        let err = customer_accounts_request(&CustomerAccountsInput {
            customer_id: bad.into(),
            base_url: None,
        })
        .unwrap_err();
        assert_eq!(err.code(), "InvalidFinicityRequest", "{bad}");
        assert_eq!(err.issues()[0].path, "/customerId");
        assert_eq!(err.issues()[0].code, "format");
    }
    let err = customer_accounts_request(&CustomerAccountsInput {
        customer_id: "1".into(),
        base_url: Some("ftp://x".into()),
    })
    .unwrap_err();
    assert_eq!(err.code(), "InvalidBaseUrl");
}
