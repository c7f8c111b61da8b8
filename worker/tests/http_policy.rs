//! CORS decisions, body limits, content types and the error envelope.

use consent_exchange_worker::api_error::{parse_body, ApiError};
use consent_exchange_worker::http_policy::*;
use serde::Deserialize;

fn allowed() -> Vec<String> {
    vec![
        "http://127.0.0.1:8787".into(),
        "https://app.example.com".into(),
    ]
}

fn get<'a>(h: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
}

#[test]
fn cors_only_for_allowed_origins() {
    let h = cors_headers(Some("https://app.example.com"), &allowed(), false);
    assert_eq!(
        get(&h, "Access-Control-Allow-Origin"),
        Some("https://app.example.com")
    );
    assert_eq!(get(&h, "Vary"), Some("Origin"));
    assert_eq!(get(&h, "Access-Control-Allow-Methods"), None);

    let pre = cors_headers(Some("http://127.0.0.1:8787"), &allowed(), true);
    assert_eq!(
        get(&pre, "Access-Control-Allow-Origin"),
        Some("http://127.0.0.1:8787")
    );
    assert!(get(&pre, "Access-Control-Allow-Headers")
        .unwrap()
        .contains("Authorization"));

    for other in [
        "https://evil.example.com",
        "http://app.example.com",
        "https://app.example.com:8443",
        "http://127.0.0.1:8788",
        "null",
        "*",
    ] {
        let h = cors_headers(Some(other), &allowed(), true);
        assert_eq!(get(&h, "Access-Control-Allow-Origin"), None, "{other}");
        assert_eq!(get(&h, "Vary"), Some("Origin"));
    }
    assert_eq!(
        get(
            &cors_headers(None, &allowed(), true),
            "Access-Control-Allow-Origin"
        ),
        None
    );
    assert_eq!(
        get(
            &cors_headers(Some("https://app.example.com"), &[], true),
            "Access-Control-Allow-Origin"
        ),
        None
    );
}

#[test]
fn body_limits_and_media_types() {
    assert!(check_declared_length(Some("65536")).is_ok());
    assert_eq!(
        check_declared_length(Some("65537")).unwrap_err().status,
        413
    );
    assert!(check_declared_length(Some("garbage")).is_ok());
    assert!(check_declared_length(None).is_ok());

    let big = vec![b' '; MAX_BODY_BYTES + 1];
    assert_eq!(
        check_json_body(Some("application/json"), &big)
            .unwrap_err()
            .code,
        "PayloadTooLarge"
    );
    let at_limit = vec![b' '; MAX_BODY_BYTES];
    assert!(check_json_body(None, &at_limit).is_ok());

    assert!(check_json_body(Some("application/json"), b"{}").is_ok());
    assert!(check_json_body(Some("Application/JSON; charset=utf-8"), b"{}").is_ok());
    assert!(check_json_body(Some("application/vnd.dwolla.v1.hal+json"), b"{}").is_ok());
    assert!(check_json_body(None, b"").is_ok());
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        let e = check_json_body(ct, b"{}").unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str()),
            (415, "UnsupportedMediaType"),
            "{ct:?}"
        );
    }
}

#[test]
fn security_headers_are_complete() {
    let names: Vec<&str> = SECURITY_HEADERS.iter().map(|(k, _)| *k).collect();
    for want in [
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Strict-Transport-Security",
    ] {
        assert!(names.contains(&want), "{want}");
    }
    assert!(API_CSP.contains("default-src 'none'"));
    assert!(PAGE_CSP.contains("'wasm-unsafe-eval'"));
}

/// A type that no route takes, and so has no schema in the document.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Undocumented {
    customer_id: String,
}

#[test]
fn a_body_type_without_a_published_schema_fails_closed() {
    let e = parse_body::<Undocumented>(br#"{"customerId": "1"}"#).unwrap_err();
    assert_eq!((e.status, e.code.as_str()), (400, "InvalidRequest"));
    assert_eq!(
        (e.issues[0].path.as_str(), e.issues[0].code.as_str()),
        ("", "$ref")
    );
}

/// A body the document publishes: checked against its component there.
type Sample = consent_exchange_api::request::ConsentReceiptRequest;

#[test]
fn body_errors_carry_json_pointers() {
    let e = parse_body::<Sample>(br#"{"customerId": "1", "accountIds": ["1", 2]}"#).unwrap_err();
    assert_eq!((e.status, e.code.as_str()), (400, "InvalidRequest"));
    assert_eq!(e.issues[0].path, "/accountIds/1");
    assert_eq!(e.issues[0].code, "type");

    let e = parse_body::<Sample>(br#"{"accountIds": []}"#).unwrap_err();
    assert_eq!(e.issues[0].code, "required");

    let e = parse_body::<Sample>(br#"{"customerId": 12345678901234567890, "accountIds": ["2"]}"#)
        .unwrap_err();
    assert_eq!(e.issues[0].path, "/customerId");

    let e = parse_body::<Sample>(b"{not json").unwrap_err();
    assert_eq!(e.issues[0].code, "syntax");
    let e = parse_body::<Sample>(br#"{"customerId":"1","accountIds":[]} trailing"#).unwrap_err();
    assert_eq!(e.issues[0].code, "syntax");
    assert!(parse_body::<Sample>(br#"{"customerId":"1","accountIds":["2"]}"#).is_ok());
}

#[test]
fn error_envelope_shape() {
    let e = ApiError::new(503, "UpstreamUnavailable", "Dwolla is unavailable", true);
    let v: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"error": {"code": "UpstreamUnavailable", "message": "Dwolla is unavailable", "status": 503, "retryable": true}})
    );
    let long = ApiError::bad_request("X", "y".repeat(5_000));
    assert!(long.message.chars().count() <= 501);
}
