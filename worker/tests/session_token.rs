//! Session tokens: issue, verify, expiry, tampering, wrong keys, header parsing.

use consent_exchange_worker::secret::Secret;
use consent_exchange_worker::session_token::{
    bearer, issue, verify, SessionError, MAX_TTL_SECONDS,
};

const CUSTOMER: &str = "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
const NOW: u64 = 1_780_000_000;

fn key() -> Secret {
    Secret::new("k".repeat(40))
}

#[test]
fn a_fresh_token_verifies_and_names_its_customer() {
    let (token, exp) = issue(&key(), CUSTOMER, NOW, 600);
    assert_eq!(exp, NOW + 600);
    let claims = verify(&key(), &token, NOW + 1).unwrap();
    assert_eq!(claims.sub, CUSTOMER);
    assert_eq!(claims.iat, NOW);
    assert_eq!(claims.exp, NOW + 600);
}

#[test]
fn expiry_is_exclusive_and_ttl_is_capped() {
    let (token, exp) = issue(&key(), CUSTOMER, NOW, 600);
    assert!(verify(&key(), &token, exp - 1).is_ok());
    assert_eq!(verify(&key(), &token, exp), Err(SessionError::Expired));
    let (_, long_exp) = issue(&key(), CUSTOMER, NOW, u64::MAX);
    assert_eq!(long_exp, NOW + MAX_TTL_SECONDS);
}

#[test]
fn tokens_from_the_future_are_refused_beyond_the_skew() {
    let (token, _) = issue(&key(), CUSTOMER, NOW + 3600, 600);
    assert_eq!(verify(&key(), &token, NOW), Err(SessionError::NotYetValid));
    let (slightly, _) = issue(&key(), CUSTOMER, NOW + 30, 600);
    assert!(verify(&key(), &slightly, NOW).is_ok());
}

#[test]
fn another_secret_or_any_changed_byte_fails() {
    let (token, _) = issue(&key(), CUSTOMER, NOW, 600);
    let other = Secret::new("x".repeat(40));
    assert_eq!(verify(&other, &token, NOW), Err(SessionError::BadSignature));
    // Swapping the customer in the payload must not survive the MAC.
    let (other_customer, _) = issue(&other, "00000000-0000-0000-0000-000000000000", NOW, 600);
    let mut parts: Vec<&str> = token.split('.').collect();
    let forged_payload = other_customer.split('.').nth(1).unwrap();
    parts[1] = forged_payload;
    assert_eq!(
        verify(&key(), &parts.join("."), NOW),
        Err(SessionError::BadSignature)
    );
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        let Ok(changed) = String::from_utf8(bytes) else {
            continue;
        };
        if changed == token {
            continue;
        }
        assert!(
            verify(&key(), &changed, NOW).is_err(),
            "byte {i} changed and still valid"
        );
    }
}

#[test]
fn malformed_tokens_never_panic() {
    for bad in [
        "",
        ".",
        "..",
        "cxs1",
        "cxs1..",
        "cxs1.e30.",
        "cxs2.e30.AAAA",
        "a.b.c.d",
        "cxs1.!!!.AAAA",
        "ö.ü.ä",
    ] {
        assert!(verify(&key(), bad, NOW).is_err(), "{bad:?}");
    }
}

#[test]
fn bearer_header_parsing() {
    assert_eq!(bearer(Some("Bearer abc")), Some("abc"));
    assert_eq!(bearer(Some("bearer   abc  ")), Some("abc"));
    assert_eq!(bearer(Some("Basic abc")), None);
    assert_eq!(bearer(Some("Bearer ")), None);
    assert_eq!(bearer(Some("Bearer")), None);
    assert_eq!(bearer(None), None);
}
