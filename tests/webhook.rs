//! Webhook signatures: known HMAC-SHA256 vectors, tampering, malformed signatures, and
//! a property test that verification is true exactly for the right MAC.

use consent_exchange::webhook::{sign_webhook, verify_webhook_signature};
use proptest::prelude::*;

#[test]
fn rfc_4231_test_case_2() {
    // HMAC-SHA256("Jefe", "what do ya want for nothing?").
    let mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    assert_eq!(sign_webhook(b"what do ya want for nothing?", b"Jefe"), mac);
    assert!(verify_webhook_signature(
        b"what do ya want for nothing?",
        mac,
        b"Jefe"
    ));
    assert!(verify_webhook_signature(
        b"what do ya want for nothing?",
        &mac.to_uppercase(),
        b"Jefe"
    ));
    assert!(verify_webhook_signature(
        b"what do ya want for nothing?",
        &format!(" {mac}\n"),
        b"Jefe"
    ));
}

#[test]
fn a_dwolla_event_body() {
    let body = br#"{"id":"80d8ba9b-8a6c-4a2b-9b4a-7e6ce6d5b7c1","resourceId":"fcd15e5f-8d13-4570-a9b7-7fb49e55941d","topic":"customer_funding_source_added","timestamp":"2024-03-25T17:13:38.430Z"}"#;
    let secret = b"webhook subscription secret";
    let signature = sign_webhook(body, secret);
    assert!(verify_webhook_signature(body, &signature, secret));
    // Re-serialized JSON (a space added) is not the raw body.
    let mut spaced = body.to_vec();
    spaced.insert(1, b' ');
    assert!(!verify_webhook_signature(&spaced, &signature, secret));
    assert!(!verify_webhook_signature(
        body,
        &signature,
        b"another secret"
    ));
}

#[test]
fn malformed_signatures_are_false() {
    let good = sign_webhook(b"x", b"k");
    for bad in [
        "",
        "zz",
        &good[..62],
        &format!("{good}00"),
        &good.replace(|c: char| c.is_ascii_digit(), "g"),
        "sha256=00",
    ] {
        assert!(!verify_webhook_signature(b"x", bad, b"k"), "{bad:?}");
    }
}

proptest! {
    #[test]
    fn true_exactly_for_the_right_mac(body in proptest::collection::vec(any::<u8>(), 0..256),
                                      secret in proptest::collection::vec(any::<u8>(), 0..80),
                                      flip in any::<prop::sample::Index>(), bit in 0u8..8) {
        let signature = sign_webhook(&body, &secret);
        prop_assert!(verify_webhook_signature(&body, &signature, &secret));
        let mut mac = hex::decode(&signature).unwrap();
        let i = flip.index(mac.len());
        mac[i] ^= 1 << bit;
        prop_assert!(!verify_webhook_signature(&body, &hex::encode(&mac), &secret));
    }

    #[test]
    fn arbitrary_signatures_never_panic(body in proptest::collection::vec(any::<u8>(), 0..64), sig in ".{0,80}") {
        let expected = sign_webhook(&body, b"k");
        prop_assert_eq!(verify_webhook_signature(&body, &sig, b"k"), sig.trim().eq_ignore_ascii_case(&expected));
    }
}
