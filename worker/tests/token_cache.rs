//! Token timing: the Dwolla 60 s margin, Finicity's 90 minutes, and the Finicity
//! authentication hold-off that keeps the partner account from being locked.

use consent_exchange_worker::token_cache::*;

#[test]
fn dwolla_tokens_are_used_until_60_seconds_before_expiry() {
    let t0 = 1_000_000;
    let until = dwolla_use_until(t0, 3600);
    assert_eq!(until, t0 + 3_540_000);
    let token = CachedToken {
        value: "abc".into(),
        use_until_ms: until,
    };
    assert!(token.is_usable(t0));
    assert!(token.is_usable(until - 1));
    assert!(!token.is_usable(until));
    // A token that lives a minute or less is never reused.
    assert_eq!(dwolla_use_until(t0, 60), t0);
    assert_eq!(dwolla_use_until(t0, 0), t0);
    assert!(!CachedToken {
        value: "x".into(),
        use_until_ms: dwolla_use_until(t0, 30)
    }
    .is_usable(t0));
    // No overflow on absurd answers; a token that cannot be told apart from expired is
    // used once and not kept.
    assert_eq!(dwolla_use_until(u64::MAX - 5, u64::MAX), u64::MAX - 5);
}

#[test]
fn finicity_tokens_are_renewed_after_90_minutes() {
    assert_eq!(finicity_use_until(0), 5_400_000);
}

#[test]
fn cached_token_debug_is_redacted() {
    let t = CachedToken {
        value: "very-secret-token".into(),
        use_until_ms: 1,
    };
    assert!(!format!("{t:?}").contains("very-secret-token"));
}

#[test]
fn finicity_rejections_hold_off_further_attempts() {
    let fp = credentials_fingerprint("2445580000001", "secret", "app-key");
    let hold_ms = 900_000;
    assert_eq!(finicity_auth_allowed(None, &fp, 0), Ok(()));

    let first = after_rejection(None, &fp, 1_000, hold_ms);
    assert_eq!(first.rejections, 1);
    assert_eq!(first.until_ms, Some(1_000 + hold_ms));
    assert_eq!(
        finicity_auth_allowed(Some(&first), &fp, 1_001),
        Err(Some(1_000 + hold_ms))
    );
    assert_eq!(
        finicity_auth_allowed(Some(&first), &fp, 1_000 + hold_ms),
        Ok(())
    );

    let second = after_rejection(Some(&first), &fp, 2_000_000, hold_ms);
    assert_eq!(second.rejections, 2);
    assert_eq!(second.until_ms, Some(2_000_000 + 2 * hold_ms));

    // The third rejection stops all attempts until the credentials change, well before
    // Finicity's lockout at five.
    let third = after_rejection(Some(&second), &fp, 9_000_000, hold_ms);
    assert_eq!(third.rejections, FINICITY_MAX_REJECTIONS);
    const { assert!(FINICITY_MAX_REJECTIONS < 5) };
    assert_eq!(third.until_ms, None);
    assert_eq!(
        finicity_auth_allowed(Some(&third), &fp, u64::MAX),
        Err(None)
    );

    // New credentials start afresh.
    let new_fp = credentials_fingerprint("2445580000001", "new-secret", "app-key");
    assert_ne!(fp, new_fp);
    assert_eq!(finicity_auth_allowed(Some(&third), &new_fp, 0), Ok(()));
    assert_eq!(
        after_rejection(Some(&third), &new_fp, 0, hold_ms).rejections,
        1
    );
}

#[test]
fn fingerprints_do_not_contain_the_secret() {
    let fp = credentials_fingerprint("1", "super-secret-value", "k");
    assert_eq!(fp.len(), 16);
    assert!(!fp.contains("super"));
    assert_ne!(
        credentials_fingerprint("1", "ab", "c"),
        credentials_fingerprint("1a", "b", "c")
    );
}
