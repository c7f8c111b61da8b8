//! Finicity request builders: bodies checked against Mastercard's own schemas in
//! `../shared/specs/mastercard/openbanking-us.yaml`, ids kept as digit strings, every
//! problem reported with its path, and no secret header or secret in `Debug`.

use std::sync::OnceLock;

use consent_exchange::finicity::{
    access_key_request, authentication_request, connect_url_request, testing_customer_request,
    AccessKeyInput, AuthenticationInput, ConnectUrlInput, FinicityRequest, PartnerSecret,
    TestingCustomerInput,
};
use consent_exchange::{CodedError, Method};
use serde_json::{json, Value};

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/specs/mastercard/openbanking-us.yaml"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_yaml::from_str(&text).unwrap()
    })
}

/// Validates `body` against the request-body schema of `POST path`, with the spec's
/// components beside it so `$ref`s resolve, `format`s checked.
fn assert_matches_spec(path: &str, body: &Value) {
    let pointer = format!(
        "/paths/{}/post/requestBody/$ref",
        path.replace('~', "~0").replace('/', "~1")
    );
    let body_ref = spec().pointer(&pointer).and_then(Value::as_str).unwrap();
    let name = body_ref.rsplit('/').next().unwrap();
    let schema_ref = &spec()["components"]["requestBodies"][name]["content"]["application/json"]
        ["schema"]["$ref"];
    let schema = json!({ "components": spec()["components"], "$ref": schema_ref });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{path}: {errors:?}");
}

fn body(request: &FinicityRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

fn access_input() -> AccessKeyInput {
    AccessKeyInput {
        customer_id: "1005061234".into(),
        partner_id: "1234583871234".into(),
        account_ids: vec!["5011648377".into()],
        now: Some("2022-03-10T06:06:20Z".into()),
        ..Default::default()
    }
}

fn assert_no_secret_headers(request: &FinicityRequest) {
    assert!(!request
        .headers
        .keys()
        .any(|k| k.to_ascii_lowercase().starts_with("finicity-app")));
    assert_eq!(request.headers["Accept"], "application/json");
    assert_eq!(request.headers["Content-Type"], "application/json");
}

#[test]
fn access_key_defaults_to_dwolla_and_money_transfer_details() {
    let request = access_key_request(&access_input()).unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(
        request.url,
        "https://api.finicity.com/aggregation/v1/partners/accessKey"
    );
    assert_no_secret_headers(&request);
    assert_eq!(
        body(&request),
        json!({
            "customerId": "1005061234",
            "partnerId": "1234583871234",
            "thirdPartyPartnerId": "2445583946651",
            "products": [{
                "product": "moneyTransferDetails",
                "accountId": "5011648377",
                "accessPeriod": { "type": "timeframe", "startTime": "2022-03-10T06:06:20Z", "endTime": "2023-03-10T06:06:20Z" }
            }]
        })
    );
    assert_matches_spec("/aggregation/v1/partners/accessKey", &body(&request));
    insta::assert_json_snapshot!("access_key_default", request);
}

#[test]
fn access_key_covers_every_account_and_product_and_keeps_ids_exact() {
    let mut i = access_input();
    // 19 digits: above 2^53, would change in an f64.
    i.customer_id = "7001234567890123457".into();
    i.account_ids = vec!["9007199254740993".into(), "5011648378".into()];
    i.products = Some(vec![
        "moneyTransferDetails".into(),
        "availableBalanceLive".into(),
    ]);
    i.start_time = Some("2022-03-10T06:06:20.042584549Z".into());
    i.end_time = Some("2022-04-10T00:00:00-05:00".into());
    i.payor_id = Some("2445581559892".into());
    i.max_calls = Some(200);
    i.third_party_partner_id = Some("1111111111111".into());
    i.base_url = Some("http://127.0.0.1:8791/".into());
    let request = access_key_request(&i).unwrap();
    assert_eq!(
        request.url,
        "http://127.0.0.1:8791/aggregation/v1/partners/accessKey"
    );
    let b = body(&request);
    assert_matches_spec("/aggregation/v1/partners/accessKey", &b);
    let text = request.body.as_deref().unwrap();
    assert!(text.contains(r#""customerId":"7001234567890123457""#));
    assert!(text.contains(r#""accountId":"9007199254740993""#));
    let pairs: Vec<(&str, &str)> = b["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["accountId"].as_str().unwrap(),
                p["product"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("9007199254740993", "moneyTransferDetails"),
            ("9007199254740993", "availableBalanceLive"),
            ("5011648378", "moneyTransferDetails"),
            ("5011648378", "availableBalanceLive"),
        ]
    );
    assert_eq!(b["products"][0]["payorId"], "2445581559892");
    assert_eq!(b["products"][0]["maxCalls"], 200);
    // Times given are forwarded unchanged.
    assert_eq!(
        b["products"][0]["accessPeriod"]["startTime"],
        "2022-03-10T06:06:20.042584549Z"
    );
    assert_eq!(
        b["products"][0]["accessPeriod"]["endTime"],
        "2022-04-10T00:00:00-05:00"
    );
}

#[test]
fn duration_days_count_from_start_time() {
    let mut i = access_input();
    i.start_time = Some("2024-02-28T12:00:00+02:00".into());
    i.duration_days = Some(2);
    let b = body(&access_key_request(&i).unwrap());
    assert_eq!(
        b["products"][0]["accessPeriod"]["startTime"],
        "2024-02-28T12:00:00+02:00"
    );
    assert_eq!(
        b["products"][0]["accessPeriod"]["endTime"],
        "2024-03-01T10:00:00Z"
    );
}

#[test]
fn access_key_reports_every_problem_with_its_path() {
    let i = AccessKeyInput {
        customer_id: "10050-61234".into(),
        partner_id: String::new(),
        third_party_partner_id: Some("abc".into()),
        account_ids: vec!["1".into(), "x1".into(), "1".into()],
        products: Some(vec![
            "moneyTransferDetails".into(),
            "transactions".into(),
            "moneyTransferDetails".into(),
        ]),
        start_time: Some("2022-03-10".into()),
        end_time: Some("2022-03-01T00:00:00Z".into()),
        duration_days: Some(3),
        payor_id: Some("-1".into()),
        max_calls: Some(0),
        now: None,
        base_url: None,
    };
    let err = access_key_request(&i).unwrap_err();
    assert_eq!(err.code(), "InvalidFinicityRequest");
    insta::assert_json_snapshot!("access_key_issues", err.issues());

    let mut i = access_input();
    i.now = None;
    let err = access_key_request(&i).unwrap_err();
    assert_eq!(err.issues()[0].path, "/startTime");
    let mut i = access_input();
    i.start_time = Some("2022-03-10T06:06:20Z".into());
    i.end_time = Some("2022-03-10T06:06:20+00:00".into());
    assert_eq!(
        access_key_request(&i).unwrap_err().issues()[0].code,
        "periodOrder"
    );
    let mut i = access_input();
    i.account_ids.clear();
    assert_eq!(
        access_key_request(&i).unwrap_err().issues()[0].path,
        "/accountIds"
    );
    let mut i = access_input();
    i.base_url = Some("api.finicity.com".into());
    assert_eq!(access_key_request(&i).unwrap_err().code(), "InvalidBaseUrl");
}

#[test]
fn authentication_keeps_the_secret_out_of_debug_and_errors() {
    let secret = "aqJ5Ic4SEVx2IgDQ6oR4";
    let input = AuthenticationInput {
        partner_id: "1234583871234".into(),
        partner_secret: PartnerSecret::new(secret),
        base_url: None,
    };
    let request = authentication_request(&input).unwrap();
    assert_eq!(
        request.url,
        "https://api.finicity.com/aggregation/v2/partners/authentication"
    );
    assert_no_secret_headers(&request);
    assert_eq!(
        body(&request),
        json!({ "partnerId": "1234583871234", "partnerSecret": secret })
    );
    assert_matches_spec("/aggregation/v2/partners/authentication", &body(&request));
    assert!(!format!("{request:?}").contains(secret));
    assert!(!format!("{input:?}").contains(secret));
    let bad = AuthenticationInput {
        partner_id: "x".into(),
        partner_secret: PartnerSecret::new(""),
        base_url: None,
    };
    let err = authentication_request(&bad).unwrap_err();
    let paths: Vec<&str> = err.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["/partnerId", "/partnerSecret"]);
    let wrong = AuthenticationInput {
        partner_id: "x".into(),
        partner_secret: PartnerSecret::new(secret),
        base_url: None,
    };
    let err = authentication_request(&wrong).unwrap_err();
    assert!(!err.to_string().contains(secret) && !format!("{err:?}").contains(secret));
}

#[test]
fn testing_customer() {
    let input = TestingCustomerInput {
        username: "customerusername1".into(),
        first_name: Some("John".into()),
        last_name: Some("Smith".into()),
        phone: Some("1-801-984-4200".into()),
        email: Some("myname@mycompany.com".into()),
        base_url: Some("http://127.0.0.1:8791".into()),
        ..Default::default()
    };
    let request = testing_customer_request(&input).unwrap();
    assert_eq!(
        request.url,
        "http://127.0.0.1:8791/aggregation/v2/customers/testing"
    );
    assert_eq!(
        body(&request),
        json!({ "username": "customerusername1", "firstName": "John", "lastName": "Smith",
                "phone": "1-801-984-4200", "email": "myname@mycompany.com" })
    );
    assert_matches_spec("/aggregation/v2/customers/testing", &body(&request));
    for bad in ["short", "has space1", &"x".repeat(256), "ümlaut123"] {
        let i = TestingCustomerInput {
            username: bad.into(),
            ..Default::default()
        };
        assert_eq!(
            testing_customer_request(&i).unwrap_err().issues()[0].path,
            "/username",
            "{bad}"
        );
    }
    let i = TestingCustomerInput {
        username: "valid.user_1".into(),
        phone: Some("1".repeat(16)),
        ..Default::default()
    };
    assert_eq!(
        testing_customer_request(&i).unwrap_err().issues()[0].path,
        "/phone"
    );
}

#[test]
fn connect_url() {
    let input = ConnectUrlInput {
        partner_id: "1234583871234".into(),
        customer_id: "1005061234".into(),
        redirect_uri: Some("https://www.finicity.com/connect/".into()),
        webhook: Some("https://webhook.site/8d4421a7-d1d1-4f01-bb08-5370aff0321b".into()),
        experience: Some("default".into()),
        single_use_url: Some(true),
        ..Default::default()
    };
    let request = connect_url_request(&input).unwrap();
    assert_eq!(request.url, "https://api.finicity.com/connect/v2/generate");
    assert_matches_spec("/connect/v2/generate", &body(&request));
    insta::assert_json_snapshot!("connect_url", body(&request));
    let bad = ConnectUrlInput {
        partner_id: "p".into(),
        customer_id: "1005061234".into(),
        webhook: Some("javascript:alert(1)".into()),
        webhook_content_type: Some("text/plain".into()),
        is_web_view: Some(true),
        ..Default::default()
    };
    let err = connect_url_request(&bad).unwrap_err();
    let paths: Vec<&str> = err.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/partnerId",
            "/webhook",
            "/webhookContentType",
            "/redirectUri"
        ]
    );
}
