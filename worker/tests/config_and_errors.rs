//! Configuration errors name their variables; upstream errors are filtered.

use std::collections::HashMap;

use consent_exchange::response::read_dwolla_response;
use consent_exchange::response::DwollaResponse;
use consent_exchange_worker::config::Config;
use consent_exchange_worker::redact::without_secrets;
use consent_exchange_worker::upstream_error::{from_dwolla, from_finicity};

const SESSION_SECRET: &str = "9f2c71e0b4d86a35c0e1f7a29b4d6e83";
const ISSUER_KEY: &str = "b1e6f0c93a7d2584e6c1a0f9d3b7e452";

fn full() -> HashMap<&'static str, String> {
    HashMap::from([
        ("DWOLLA_CLIENT_ID", "client-id-123".to_owned()),
        ("DWOLLA_CLIENT_SECRET", "client-secret-456789".to_owned()),
        ("FINICITY_APP_KEY", "app-key-abcdefgh".to_owned()),
        ("FINICITY_PARTNER_ID", "2445580000001".to_owned()),
        ("FINICITY_PARTNER_SECRET", "partner-secret-xyz".to_owned()),
        ("DWOLLA_WEBHOOK_SECRET", "webhook-secret-000".to_owned()),
        ("SESSION_SECRET", SESSION_SECRET.to_owned()),
        ("DWOLLA_ENVIRONMENT", "sandbox".to_owned()),
    ])
}

fn load(
    vars: &HashMap<&'static str, String>,
) -> Result<Config, consent_exchange_worker::config::ConfigError> {
    Config::from_lookup(&|name: &str| vars.get(name).cloned())
}

#[test]
fn a_complete_configuration_loads_with_defaults() {
    let cfg = load(&full()).unwrap();
    assert_eq!(cfg.dwolla_base_url, "https://api-sandbox.dwolla.com");
    assert_eq!(cfg.finicity_base_url, "https://api.finicity.com");
    assert!(!cfg.demo_mode);
    assert!(cfg.allowed_origins.is_empty());
    assert!(cfg.session_issuer_key.is_none());
    let shown = format!("{cfg:?}");
    for secret in [
        "client-secret-456789",
        "app-key-abcdefgh",
        "partner-secret-xyz",
        "webhook-secret-000",
        SESSION_SECRET,
    ] {
        assert!(!shown.contains(secret), "Debug shows {secret}");
    }
}

#[test]
fn every_missing_variable_is_named() {
    let cfg = load(&HashMap::new()).unwrap_err();
    let names = cfg.variables();
    for want in [
        "DWOLLA_CLIENT_ID",
        "DWOLLA_CLIENT_SECRET",
        "DWOLLA_ENVIRONMENT",
        "FINICITY_APP_KEY",
        "FINICITY_PARTNER_ID",
        "FINICITY_PARTNER_SECRET",
        "DWOLLA_WEBHOOK_SECRET",
        "SESSION_SECRET",
    ] {
        assert!(names.contains(&want), "{want} not named in {names:?}");
        assert!(cfg.to_string().contains(want));
    }
}

#[test]
fn malformed_values_are_named_without_their_value() {
    let mut vars = full();
    vars.insert("DWOLLA_ENVIRONMENT", "staging".into());
    vars.insert("SESSION_SECRET", "short-secret-value".into());
    vars.insert(
        "ALLOWED_ORIGINS",
        "https://ok.example.com, https://bad.example.com/path".into(),
    );
    vars.insert("DEMO_MODE", "yes".into());
    vars.insert("ALLOWED_REDIRECT_URLS", "javascript:alert(1)".into());
    vars.insert("UPSTREAM_MAX_ATTEMPTS", "0".into());
    vars.insert("FINICITY_PARTNER_ID", "abc".into());
    let err = load(&vars).unwrap_err();
    let names = err.variables();
    for want in [
        "DWOLLA_ENVIRONMENT",
        "SESSION_SECRET",
        "ALLOWED_ORIGINS",
        "ALLOWED_REDIRECT_URLS",
        "DEMO_MODE",
        "UPSTREAM_MAX_ATTEMPTS",
        "FINICITY_PARTNER_ID",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert!(!err.to_string().contains("short-secret-value"));
}

#[test]
fn published_placeholders_are_refused_by_name_without_their_value() {
    // The values of `.dev.vars.example` before it followed the sandbox's defaults.
    for (name, value) in [
        (
            "SESSION_SECRET",
            "replace-me-with-at-least-32-random-characters",
        ),
        ("SESSION_ISSUER_KEY", "replace-me"),
        ("DWOLLA_CLIENT_SECRET", "replace-me"),
        ("FINICITY_PARTNER_SECRET", "REPLACE-ME"),
        ("DWOLLA_WEBHOOK_SECRET", "changeme-webhook-secret"),
        ("SESSION_SECRET", "an-example-session-secret-of-40-chars!!"),
    ] {
        let mut vars = full();
        vars.insert(name, value.to_owned());
        let err = load(&vars).unwrap_err();
        assert_eq!(err.variables(), vec![name], "{value}");
        assert!(err.to_string().contains("placeholder"), "{err}");
        assert!(!err.to_string().contains(value), "{err}");
    }
}

#[test]
fn session_keys_need_length_and_variety() {
    for (name, value) in [
        ("SESSION_SECRET", "s".repeat(64)),
        ("SESSION_SECRET", "0123456".repeat(6)),
        ("SESSION_ISSUER_KEY", "short-key".to_owned()),
        ("SESSION_ISSUER_KEY", "ab".repeat(20)),
    ] {
        let mut vars = full();
        vars.insert(name, value.clone());
        let err = load(&vars).unwrap_err();
        assert_eq!(err.variables(), vec![name], "{value}");
        assert!(!err.to_string().contains(&value));
    }
    let mut vars = full();
    vars.insert("SESSION_ISSUER_KEY", ISSUER_KEY.to_owned());
    assert!(load(&vars).unwrap().session_issuer_key.is_some());
    // The sandbox's own defaults stay usable for the upstream credentials.
    vars.insert("DWOLLA_CLIENT_SECRET", "sandbox-client-secret".to_owned());
    vars.insert("FINICITY_APP_KEY", "sandbox-app-key".to_owned());
    vars.insert(
        "FINICITY_PARTNER_SECRET",
        "sandbox-partner-secret".to_owned(),
    );
    assert!(load(&vars).is_ok());
}

#[test]
fn demo_mode_is_refused_against_production() {
    let mut vars = full();
    vars.insert("DEMO_MODE", "true".into());
    vars.insert("DWOLLA_ENVIRONMENT", "production".into());
    let err = load(&vars).unwrap_err();
    assert_eq!(err.variables(), vec!["DEMO_MODE"]);
    assert!(err.to_string().contains("production"));
    vars.insert("DEMO_MODE", "false".into());
    assert!(load(&vars).is_ok());
    vars.insert("DEMO_MODE", "true".into());
    vars.insert("DWOLLA_ENVIRONMENT", "sandbox".into());
    assert!(load(&vars).is_ok());
}

#[test]
fn base_url_overrides_and_lists() {
    let mut vars = full();
    vars.remove("DWOLLA_ENVIRONMENT");
    vars.insert("DWOLLA_BASE_URL", "http://127.0.0.1:8790/".into());
    vars.insert("FINICITY_BASE_URL", "http://127.0.0.1:8790".into());
    vars.insert(
        "ALLOWED_ORIGINS",
        "http://127.0.0.1:8787, http://localhost:8787/".into(),
    );
    vars.insert(
        "ALLOWED_REDIRECT_URLS",
        "http://127.0.0.1:8787/callback, com.example.app123".into(),
    );
    vars.insert("DEMO_MODE", "true".into());
    let cfg = load(&vars).unwrap();
    assert_eq!(cfg.dwolla_base_url, "http://127.0.0.1:8790");
    assert_eq!(
        cfg.allowed_origins,
        vec!["http://127.0.0.1:8787", "http://localhost:8787"]
    );
    assert_eq!(
        cfg.allowed_redirect_urls,
        vec!["http://127.0.0.1:8787/callback", "com.example.app123"]
    );
    assert!(cfg.demo_mode);
    vars.insert("DWOLLA_BASE_URL", "ftp://nope".into());
    assert_eq!(
        load(&vars).unwrap_err().variables(),
        vec!["DWOLLA_BASE_URL"]
    );
}

fn failure(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> consent_exchange::response::ResponseFailure {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    match read_dwolla_response(status, &headers, body.as_bytes()) {
        DwollaResponse::Failure(f) => f,
        DwollaResponse::Success(s) => panic!("expected a failure, got {s:?}"),
    }
}

#[test]
fn validation_errors_pass_through_with_paths() {
    let body = r#"{"code":"ValidationError","message":"Validation error(s) present.","_embedded":{"errors":[{"code":"Invalid","message":"Invalid parameter.","path":"/finicity/accountId","_links":{}}]}}"#;
    let e = from_dwolla(&failure(400, &[], body), &[]);
    assert_eq!(
        (e.status, e.code.as_str(), e.retryable),
        (400, "ValidationError", false)
    );
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].path.as_deref(), Some("/finicity/accountId"));
}

#[test]
fn outages_and_html_are_retryable_5xx() {
    let html = "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>";
    for (status, want_status, want_code) in [
        (502, 502, "UpstreamInvalidResponse"),
        (500, 502, "UpstreamInvalidResponse"),
        (503, 503, "UpstreamUnavailable"),
        (504, 504, "UpstreamTimeout"),
    ] {
        let e = from_dwolla(&failure(status, &[], html), &[]);
        assert_eq!(
            (e.status, e.code.as_str(), e.retryable),
            (want_status, want_code, true),
            "{status}"
        );
        assert!(!e.message.contains("<html"), "HTML leaked into the message");
    }
    let e = from_dwolla(
        &failure(500, &[], r#"{"code":"ServerError","message":"boom"}"#),
        &[],
    );
    assert_eq!((e.status, e.code.as_str()), (502, "UpstreamError"));
    let e = from_dwolla(
        &failure(
            429,
            &[("Retry-After", "7")],
            r#"{"code":"TooManyRequests","message":"slow down"}"#,
        ),
        &[],
    );
    assert_eq!(
        (e.status, e.retryable, e.retry_after_seconds),
        (503, true, Some(7))
    );
}

#[test]
fn credential_failures_are_the_operators_problem() {
    let e = from_dwolla(
        &failure(
            401,
            &[],
            r#"{"error":"invalid_client","message":"Invalid client credentials."}"#,
        ),
        &[],
    );
    assert_eq!(
        (e.status, e.code.as_str(), e.retryable),
        (502, "UpstreamAuthenticationFailed", false)
    );
    let e = from_finicity(403, r#"{"code":10022,"message":"Forbidden"}"#, &[]);
    assert_eq!(
        (e.status, e.code.as_str(), e.retryable),
        (502, "FinicityAuthenticationFailed", false)
    );
    let e = from_finicity(400, r#"{"code":"14020","message":"bad customer"}"#, &[]);
    assert_eq!((e.status, e.code.as_str()), (400, "FinicityError"));
    assert!(e.message.contains("14020"));
    let e = from_finicity(502, "<html>oops</html>", &[]);
    assert_eq!(
        (e.status, e.code.as_str(), e.retryable),
        (502, "UpstreamInvalidResponse", true)
    );
}

#[test]
fn a_token_rejected_after_the_refresh_is_retryable() {
    for code in ["InvalidAccessToken", "ExpiredAccessToken"] {
        let body = format!(r#"{{"code":"{code}","message":"Expired access token."}}"#);
        let e = from_dwolla(&failure(401, &[], &body), &[]);
        assert_eq!(
            (e.status, e.code.as_str(), e.retryable),
            (503, "UpstreamTokenRejected", true),
            "{code}"
        );
    }
    let e = from_finicity(401, r#"{"code":10023,"message":"Token expired"}"#, &[]);
    assert_eq!(
        (e.status, e.code.as_str(), e.retryable),
        (503, "UpstreamTokenRejected", true)
    );
}

#[test]
fn upstream_text_loses_configured_secrets_and_keeps_everything_else() {
    let secret = "client-secret-456789";
    let body = format!(
        r#"{{"code":"ValidationError","message":"echo {secret} for Basic Checking","_embedded":{{"errors":[{{"code":"Invalid","message":"{secret}","path":"/x"}}]}}}}"#
    );
    let e = from_dwolla(&failure(400, &[], &body), &[secret]);
    let json = e.to_json();
    assert!(!json.contains(secret), "{json}");
    assert!(json.contains("[redacted]"));
    assert!(json.contains("for Basic Checking"), "{json}");
}

#[test]
fn words_like_basic_and_bearer_survive_a_round_trip() {
    // Text quoting user input, with quotes and backslashes: serialized as is, it must
    // parse back to the same text.
    let text = r#"no partner "Basic Checking \ bearer x" here"#;
    let e = from_dwolla(
        &failure(
            400,
            &[],
            &serde_json::json!({"code": "ValidationError", "message": text}).to_string(),
        ),
        &["client-secret-456789"],
    );
    let back: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
    assert_eq!(back["error"]["message"], text);
    assert_eq!(without_secrets(text, &["ab"]), text);
}
