//! Webhook signatures: the library's verification agrees with an independent
//! HMAC-SHA256 (RFC 2104 written out over `sha2`) on every body, secret and candidate
//! signature, and never panics.
#![no_main]

use consent_exchange::webhook::{sign_webhook, verify_webhook_signature};
use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};

/// HMAC-SHA256 from its definition, independent of the `hmac` crate the library uses.
fn reference_hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(block.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|data: &[u8]| {
    // [secret length, secret..., candidate length, candidate..., body...]
    let Some((&secret_len, rest)) = data.split_first() else {
        return;
    };
    let (secret, rest) = rest.split_at(usize::from(secret_len).min(rest.len()));
    let Some((&candidate_len, rest)) = rest.split_first() else {
        return;
    };
    let (candidate, body) = rest.split_at(usize::from(candidate_len).min(rest.len()));

    let expected = reference_hmac(secret, body);
    let good = hex(&expected);
    assert_eq!(sign_webhook(body, secret), good, "sign_webhook disagrees with HMAC-SHA256");
    assert!(verify_webhook_signature(body, &good, secret), "the right signature was refused");
    assert!(verify_webhook_signature(body, &good.to_uppercase(), secret));
    assert!(verify_webhook_signature(body, &format!(" {good}\n"), secret));
    assert!(!verify_webhook_signature(body, &good[..63], secret), "a truncated signature passed");
    let mut flipped = good.clone().into_bytes();
    let i = usize::from(candidate_len) % 64;
    flipped[i] = if flipped[i] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8_lossy(&flipped).into_owned();
    assert!(!verify_webhook_signature(body, &flipped, secret), "a wrong signature passed");

    // Any candidate passes exactly when it is the right MAC as 64 hex digits.
    let candidate = String::from_utf8_lossy(candidate);
    let trimmed = candidate.trim();
    let matches = trimmed.len() == 64
        && trimmed.bytes().all(|b| b.is_ascii_hexdigit())
        && trimmed.eq_ignore_ascii_case(&good);
    assert_eq!(verify_webhook_signature(body, &candidate, secret), matches, "candidate {candidate:?}");
});
