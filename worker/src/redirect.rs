//! Every redirect target a caller names (Finicity Connect's `redirectUri`, an exchange
//! session's `redirectUrl`, Plaid's Android package name) must be one of
//! `ALLOWED_REDIRECT_URLS`, compared exactly (a trailing `/` aside, as the
//! configuration is read). Checked before any upstream request, whatever the partner
//! or platform, so that no provider can be told to send a customer, or a token, to a
//! place the operator did not register.

use consent_exchange::Issue;

use crate::api_error::ApiError;

/// Longest redirect target accepted, in characters.
pub const MAX_REDIRECT_LEN: usize = consent_exchange_api::limits::MAX_REDIRECT_LEN;

/// `Ok` when `value` (at `path` in the request body) is an allowed redirect target.
pub fn require_allowed(path: &str, value: &str, allowed: &[String]) -> Result<(), ApiError> {
    // Characters, as the schema's `maxLength` counts them.
    if value.is_empty() || value.chars().count() > MAX_REDIRECT_LEN {
        return Err(ApiError::invalid_request(vec![Issue::error(
            path,
            "maxLength",
            format!("must be 1 to {MAX_REDIRECT_LEN} characters"),
        )]));
    }
    if allowed.is_empty() {
        let mut e = ApiError::bad_request(
            "RedirectUrlNotConfigured",
            "no redirect target is allowed: ALLOWED_REDIRECT_URLS is empty",
        );
        e.issues = vec![Issue::error(
            path,
            "RedirectUrlNotConfigured",
            "not allowed",
        )];
        return Err(e);
    }
    let normalized = value.trim_end_matches('/');
    if allowed.iter().any(|a| a == normalized) {
        return Ok(());
    }
    let mut e = ApiError::bad_request(
        "RedirectUrlNotAllowed",
        "the redirect target is not one of ALLOWED_REDIRECT_URLS",
    );
    e.issues = vec![Issue::error(
        path,
        "RedirectUrlNotAllowed",
        "not one of the configured redirect targets",
    )];
    Err(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed() -> Vec<String> {
        vec![
            "https://app.example.com/callback".into(),
            "com.example.app123".into(),
        ]
    }

    #[test]
    fn exact_targets_pass() {
        assert!(require_allowed("/r", "https://app.example.com/callback", &allowed()).is_ok());
        assert!(require_allowed("/r", "https://app.example.com/callback/", &allowed()).is_ok());
        assert!(require_allowed("/r", "com.example.app123", &allowed()).is_ok());
    }

    #[test]
    fn anything_else_is_refused_at_its_path() {
        for bad in [
            "https://evil.example/callback",
            "https://app.example.com/callback/../evil",
            "https://app.example.com/callback?next=https://evil.example",
            "https://app.example.com.evil.example/callback",
            "com.evil.stealer",
            "com.example.app1234",
        ] {
            let e = require_allowed("/redirectUrl", bad, &allowed()).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (400, "RedirectUrlNotAllowed"),
                "{bad}"
            );
            assert_eq!(e.issues[0].path, "/redirectUrl");
        }
        let e = require_allowed("/r", "https://app.example.com/callback", &[]).unwrap_err();
        assert_eq!(e.code, "RedirectUrlNotConfigured");
        let long = format!("https://a/{}", "x".repeat(MAX_REDIRECT_LEN));
        assert_eq!(
            require_allowed("/r", &long, &allowed()).unwrap_err().code,
            "InvalidRequest"
        );
    }
}
