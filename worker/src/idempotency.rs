//! Which `Idempotency-Key` a create is sent with.
//!
//! Exchanges and funding sources keep the library's derived key (same customer, partner
//! and input → same key), so a repeat can never create twice. Exchange sessions are
//! single use: a derived key would make a second session for the same customer and
//! partner within Dwolla's 24-hour window replay the first, already used one. Sessions
//! therefore get a fresh random key per call unless the caller gives one, which is how
//! a caller retries one session safely.
//!
//! One Dwolla application serves every customer of a deployment, so Dwolla's key space
//! is shared: a caller's key is never sent as is. It is namespaced by the session's
//! customer ([`namespaced`]), so two customers choosing the same key never meet (one
//! could otherwise block or replay the other's create); the answer still echoes the
//! caller's own key.

use consent_exchange::idempotency::{is_valid_key, INVALID_KEY_MESSAGE};
use consent_exchange::Issue;
use sha2::{Digest, Sha256};

use crate::api_error::ApiError;

pub use consent_exchange::idempotency::MAX_KEY_LEN;

/// The caller's `idempotencyKey`, if any, after checking it with the library's rule
/// (1 to 255 printable ASCII characters: it travels as a header value).
pub fn client_key(value: Option<&str>) -> Result<Option<String>, ApiError> {
    match value {
        None => Ok(None),
        Some(k) if is_valid_key(k) => Ok(Some(k.to_owned())),
        Some(_) => Err(ApiError::invalid_request(vec![Issue::error(
            "/idempotencyKey",
            "format",
            INVALID_KEY_MESSAGE,
        )])),
    }
}

/// The `Idempotency-Key` sent to Dwolla for a caller's `key` on behalf of the Dwolla
/// customer `customer_id`: `cx1-` and the hex SHA-256 of both (length-prefixed, the
/// customer id in lower case), 68 printable characters. The same customer and key
/// always give the same value, so the caller's retries keep their meaning.
pub fn namespaced(customer_id: &str, key: &str) -> String {
    let mut h = Sha256::new();
    for part in [customer_id.to_ascii_lowercase().as_str(), key] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    format!("cx1-{}", hex::encode(h.finalize()))
}

/// A fresh key from 16 random bytes, spelled as a version-4 UUID.
pub fn random_key(bytes: [u8; 16]) -> String {
    let mut b = bytes;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_key_is_none() {
        assert_eq!(client_key(None).unwrap(), None);
    }

    #[test]
    fn valid_keys_pass_through() {
        assert_eq!(
            client_key(Some("retry-1")).unwrap().as_deref(),
            Some("retry-1")
        );
        let longest = "k".repeat(MAX_KEY_LEN);
        assert_eq!(client_key(Some(&longest)).unwrap(), Some(longest));
    }

    #[test]
    fn bad_keys_are_invalid_request_at_the_field() {
        for bad in ["", "has space", "tab\t", "é", &"k".repeat(MAX_KEY_LEN + 1)] {
            let e = client_key(Some(bad)).unwrap_err();
            assert_eq!(e.status, 400, "{bad:?}");
            assert_eq!(e.code, "InvalidRequest");
            assert_eq!(e.issues[0].path, "/idempotencyKey");
        }
    }

    #[test]
    fn keys_are_namespaced_per_customer() {
        let a = "0b6c2f0e-8c8a-4b7e-9f43-6f1d2f0f7a11";
        let b = "9d5e3a1c-1111-4a2b-8c3d-222222222222";
        let ka = namespaced(a, "order-1");
        assert_eq!(ka, namespaced(&a.to_uppercase(), "order-1"));
        assert_ne!(ka, namespaced(b, "order-1"));
        assert_ne!(ka, namespaced(a, "order-2"));
        assert_ne!(ka, "order-1");
        // No ambiguity from where one part ends.
        assert_ne!(namespaced("ab", "c"), namespaced("a", "bc"));
        assert_eq!(ka.len(), 68);
        assert!(client_key(Some(&ka)).is_ok());
    }

    #[test]
    fn random_key_is_a_v4_uuid_and_depends_on_the_bytes() {
        let a = random_key([0xff; 16]);
        assert_eq!(a, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(consent_exchange::ids::is_uuid(&a));
        assert_eq!(random_key([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert!(client_key(Some(&a)).is_ok());
    }
}
