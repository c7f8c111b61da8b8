//! Dwolla webhook signatures: `X-Request-Signature-SHA-256` is the hex HMAC-SHA256 of
//! the raw request body, keyed with the webhook subscription's secret.
//!
//! Verify the bytes exactly as received, before any JSON parsing: re-serialized JSON
//! differs in whitespace and key order, and its MAC would not match.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Whether `signature_hex` is the HMAC-SHA256 of `raw_body` under `secret`.
///
/// The comparison runs in constant time (`hmac`'s `verify_slice`), so response timing
/// does not reveal how much of a forged signature was right. Surrounding ASCII whitespace
/// and upper-case hex are accepted; anything that is not 64 hex digits is `false`.
pub fn verify_webhook_signature(raw_body: &[u8], signature_hex: &str, secret: &[u8]) -> bool {
    // Into a fixed buffer: `hex::decode` collects into a `Vec` through iterator
    // adapters whose code the webhooks entry would carry. Any length but 64 digits fails
    // here, as it would fail the comparison.
    let mut expected = [0u8; 32];
    if hex::decode_to_slice(signature_hex.trim_ascii(), &mut expected).is_err() {
        return false;
    }
    // HMAC accepts keys of any length, so this never fails; an error still means "no".
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(raw_body);
    mac.verify_slice(&expected).is_ok()
}

/// The signature Dwolla would send for `raw_body` under `secret` (lower-case hex).
/// For tests and for the local sandbox's webhooks; production code only verifies.
pub fn sign_webhook(raw_body: &[u8], secret: &[u8]) -> String {
    match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mut mac) => {
            mac.update(raw_body);
            hex::encode(mac.finalize().into_bytes().as_slice())
        }
        Err(_) => String::new(),
    }
}
