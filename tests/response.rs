//! Reading Dwolla responses: created, fetched, both error shapes, HTML, empty and
//! truncated bodies, retry hints; and never a panic, whatever arrives.

mod docs_examples;

use consent_exchange::response::{read_dwolla_response, DwollaResponse, FieldError};
use docs_examples::{location_example, response_example};
use proptest::prelude::*;
use serde_json::{json, Value};

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn read(status: u16, pairs: &[(&str, &str)], body: &str) -> Value {
    serde_json::to_value(read_dwolla_response(
        status,
        &headers(pairs),
        body.as_bytes(),
    ))
    .unwrap()
}

#[test]
fn created_yields_location_and_id() {
    let location = location_example(
        "create-exchange-session-for-a-customer.mdx",
        "### Request and Response (Visa)",
    );
    let out = read(201, &[("location", &location)], "");
    assert_eq!(
        out,
        json!({ "ok": true, "status": 201, "location": location,
                "id": "fcd15e5f-8d13-4570-a9b7-7fb49e55941d", "resource": null })
    );
}

#[test]
fn ok_yields_the_resource() {
    let session = response_example(
        "retrieve-an-exchange-session.mdx",
        "### Request and response (Plaid)",
    );
    let out = read(
        200,
        &[("Content-Type", "application/vnd.dwolla.v1.hal+json")],
        &session.to_string(),
    );
    assert_eq!(out["ok"], true);
    assert_eq!(out["resource"], session);
    assert_eq!(out["location"], Value::Null);
}

#[test]
fn reads_the_docs_validation_error_shape() {
    let body = r#"{
        "code": "ValidationError",
        "message": "Validation error(s) present. See embedded errors list for more details.",
        "_embedded": { "errors": [
            { "code": "Required", "message": "FirstName required.", "path": "/firstName", "_links": {} }
        ] }
    }"#;
    let out = read_dwolla_response(400, &[], body.as_bytes());
    let DwollaResponse::Failure(f) = &out else {
        panic!("{out:?}")
    };
    assert_eq!(f.code, "ValidationError");
    assert_eq!(
        f.errors,
        [FieldError {
            code: "Required".into(),
            message: "FirstName required.".into(),
            path: "/firstName".into()
        }]
    );
    assert!(!f.retryable);
    insta::assert_json_snapshot!("validation_error", out);
}

#[test]
fn reads_the_specs_single_embedded_error_shape() {
    // BadRequestSchema / ValidationErrorSchema in openapi.yml.
    let body = json!({
        "code": "ValidationError",
        "message": "Validation error(s) present. See embedded errors list for more details.",
        "_embedded": { "code": "ValidationError", "message": "Validation error(s) present. See embedded errors list for more details." }
    });
    let out = read(400, &[], &body.to_string());
    assert_eq!(
        out["errors"],
        json!([{ "code": "ValidationError", "message": body["message"], "path": "" }])
    );
}

#[test]
fn top_level_errors_update_credentials_and_oauth_errors() {
    let out = read(
        401,
        &[],
        r#"{"code":"InvalidAccessToken","message":"Invalid access token."}"#,
    );
    assert_eq!(
        (out["code"].as_str(), out["errors"].clone()),
        (Some("InvalidAccessToken"), json!([]))
    );
    let update = json!({
        "code": "UpdateCredentials",
        "message": "Re-authentication is required in order to access account data. Please initiate the exchange session flow to regain access.",
        "_links": { "about": { "href": "https://api.dwolla.com/exchanges/036c8a60-fa45-45d4-8f5d-181d348c6ec8/exchange-sessions" } }
    });
    let out = read(400, &[], &update.to_string());
    assert_eq!(out["code"], "UpdateCredentials");
    assert_eq!(out["about"], update["_links"]["about"]["href"]);
    let out = read(401, &[], r#"{"error":"invalid_client"}"#);
    assert_eq!(out["code"], "invalid_client");
}

#[test]
fn html_empty_and_truncated_bodies() {
    let cases = [
        (
            502,
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
        ),
        (503, "<html>down</html>"),
        (404, ""),
        (500, r#"{"code":"ServerError","mess"#),
        (200, r#"{"_links":{"self""#),
        (200, "<html>captive portal</html>"),
        (0, ""),
        (302, ""),
        (418, "I'm a teapot"),
    ];
    let out: Vec<Value> = cases.iter().map(|(s, b)| read(*s, &[], b)).collect();
    for o in &out {
        assert_eq!(o["ok"], false);
        assert!(
            !o["message"].as_str().unwrap().contains("<html"),
            "no body echoed: {o}"
        );
    }
    insta::assert_json_snapshot!("unreadable_bodies", out);
}

#[test]
fn retry_hints() {
    assert_eq!(read(429, &[("Retry-After", "30")], "")["retryAfter"], 30);
    assert_eq!(
        read(429, &[("retry-after", " 7 ")], "{}")["retryable"],
        true
    );
    assert_eq!(
        read(503, &[("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")], "")["retryAfter"],
        Value::Null
    );
    for (status, retryable) in [
        (0, true),
        (400, false),
        (401, false),
        (404, false),
        (408, true),
        // Dwolla's idempotency doc: the first request with this key is still being
        // processed; the same key returns the original 201 once it is done.
        (409, true),
        (425, true),
        (429, true),
        (500, true),
        (501, false),
        (504, true),
        (505, false),
    ] {
        assert_eq!(
            read(status, &[], r#"{"code":"X","message":"y"}"#)["retryable"],
            retryable,
            "{status}"
        );
    }
}

#[test]
fn created_without_location_is_reported() {
    let out = read(201, &[], "");
    assert_eq!(out["ok"], false);
    assert_eq!(out["code"], "MissingLocation");
    assert_eq!(out["status"], 201);
    assert_eq!(out["retryable"], false);
    let empty = read(201, &[("Location", "  ")], "");
    assert_eq!(empty["code"], "MissingLocation");
    let with = read(
        201,
        &[(
            "location",
            "https://api.dwolla.com/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d",
        )],
        "",
    );
    assert_eq!(with["ok"], true);
    assert_eq!(with["id"], "fcd15e5f-8d13-4570-a9b7-7fb49e55941d");
    // A 200 (a read, or POST /token) has no Location and needs none.
    assert_eq!(read(200, &[], "{}")["ok"], true);
}

proptest! {
    #[test]
    fn never_panics_and_always_answers(status in any::<u16>(), body in proptest::collection::vec(any::<u8>(), 0..300),
                                      location in ".{0,40}", retry in ".{0,12}") {
        let h = headers(&[("Location", &location), ("Retry-After", &retry)]);
        let out = read_dwolla_response(status, &h, &body);
        let ok = (200..=299).contains(&status);
        if let DwollaResponse::Failure(f) = &out {
            prop_assert_eq!(f.status, status);
            prop_assert!(!f.code.is_empty());
        } else {
            prop_assert!(ok);
        }
    }

    #[test]
    fn truncating_an_error_body_keeps_it_an_error(cut in 0usize..200) {
        let body = r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Required","message":"FirstName required.","path":"/firstName"}]}}"#;
        let cut = cut.min(body.len());
        let out = read_dwolla_response(400, &[], &body.as_bytes()[..cut]);
        prop_assert!(!out.is_ok());
    }
}
