//! Idempotency keys: which explicit keys are usable ([`is_valid_key`], the rule the
//! worker applies to its callers' keys too), and deterministic derived keys: the same
//! request (method, URL, body) always gets the same key, anything different gets a
//! different one, so a retried create can never produce a second resource.

use sha2::{Digest, Sha256};

use super::Method;
use crate::json::push_hex;

/// Longest `Idempotency-Key` Dwolla accepts.
pub const MAX_KEY_LEN: usize = 255;

/// What [`is_valid_key`] requires, as every builder's error message says it.
pub const INVALID_KEY_MESSAGE: &str = "idempotencyKey must be 1 to 255 printable ASCII characters";

/// Whether an explicit `Idempotency-Key` is usable: 1 to 255 printable ASCII
/// characters (no spaces: it travels as a header value).
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= MAX_KEY_LEN && key.bytes().all(|b| b.is_ascii_graphic())
}

/// [`is_valid_key`] for an optional key: an absent key is fine (one is derived).
pub(crate) fn valid_optional_key(key: Option<&str>) -> bool {
    key.is_none_or(is_valid_key)
}

/// Derives a UUID-shaped key from the SHA-256 of the method, URL and body.
///
/// The fields are length-prefixed before hashing so that no two different requests
/// can produce the same hash input.
pub fn derive_key(method: Method, url: &str, body: &[u8]) -> String {
    let digest = sha256([method.as_str().as_bytes(), url.as_bytes(), body]);
    // 8-4-4-4-12, the shape Dwolla's own examples use for keys.
    let mut key = String::with_capacity(36);
    for (i, byte) in digest.iter().take(16).enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            key.push('-');
        }
        push_hex(&mut key, *byte);
    }
    key
}

/// SHA-256 of the parts, each after its length as 8 big-endian bytes: Node.js's in the
/// package's node build where the process has a synchronous hash (`src/js/host.rs`),
/// else `sha2`'s. The same digest either way.
fn sha256(parts: [&[u8]; 3]) -> [u8; 32] {
    #[cfg(all(feature = "js-node", target_arch = "wasm32"))]
    {
        // One buffer, hashed in one call.
        let mut input = vec![0; 3 * 8 + parts[0].len() + parts[1].len() + parts[2].len()];
        let mut at = 0;
        for part in parts {
            let (prefix, text) = input[at..].split_at_mut(8);
            prefix.copy_from_slice(&(part.len() as u64).to_be_bytes());
            text[..part.len()].copy_from_slice(part);
            at += 8 + part.len();
        }
        if let Some(digest) = crate::js::host::sha256(&input) {
            return digest;
        }
    }
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_input_same_key_and_shape() {
        let a = derive_key(Method::Post, "https://x/exchanges", b"{}");
        assert_eq!(a, derive_key(Method::Post, "https://x/exchanges", b"{}"));
        assert_eq!(a.len(), 36);
        assert_eq!(a.matches('-').count(), 4);
    }

    #[test]
    fn derived_keys_are_lower_case_uuid_shaped() {
        let key = derive_key(Method::Post, "https://x/exchanges", b"{}");
        let groups: Vec<usize> = key.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(key
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || b.is_ascii_lowercase()));
        assert!(crate::ids::is_uuid(&key));
    }

    #[test]
    fn explicit_keys_are_printable_ascii_up_to_255() {
        assert!(is_valid_key("k"));
        assert!(is_valid_key(&"k".repeat(MAX_KEY_LEN)));
        for bad in [
            "",
            "a b",
            "caf\u{e9}",
            "tab\t",
            &"k".repeat(MAX_KEY_LEN + 1),
        ] {
            assert!(!is_valid_key(bad), "{bad:?}");
        }
        assert!(valid_optional_key(None));
        assert!(!valid_optional_key(Some("")));
    }

    #[test]
    fn fields_do_not_run_into_each_other() {
        assert_ne!(
            derive_key(Method::Post, "https://x/a", b"b"),
            derive_key(Method::Post, "https://x/ab", b"")
        );
    }
}
