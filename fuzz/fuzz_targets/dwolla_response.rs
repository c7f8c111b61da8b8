//! Dwolla answers from arbitrary bytes (status, a `Location` and a `Retry-After`, the
//! body): reading never panics, only a 2xx is a success, and every failure carries a
//! code and the retry verdict the status calls for.
#![no_main]

use consent_exchange::response::{read_dwolla_response, DwollaResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // [status hi, status lo, location length, location..., retry-after length, retry-after..., body...]
    let Some((head, rest)) = data.split_first_chunk::<3>() else {
        return;
    };
    let status = u16::from_be_bytes([head[0], head[1]]) % 700;
    let (location, rest) = rest.split_at(usize::from(head[2]).min(rest.len()));
    let Some((&retry_len, rest)) = rest.split_first() else {
        return;
    };
    let (retry_after, body) = rest.split_at(usize::from(retry_len % 16).min(rest.len()));
    let headers = vec![
        ("LOCATION".to_owned(), String::from_utf8_lossy(location).into_owned()),
        ("retry-after".to_owned(), String::from_utf8_lossy(retry_after).into_owned()),
        ("Content-Type".to_owned(), "application/vnd.dwolla.v1.hal+json".to_owned()),
    ];

    match read_dwolla_response(status, &headers, body) {
        DwollaResponse::Success(s) => {
            assert!((200..=299).contains(&status), "status {status} read as a success");
            assert!(s.ok);
            assert_eq!(s.status, status);
            if let Some(id) = &s.id {
                assert!(!id.is_empty() && !id.contains('/'), "id {id:?} is not one path segment");
                let location = s.location.as_deref().unwrap_or_default();
                assert!(location.contains(id.as_str()), "id {id:?} is not from {location:?}");
            }
        }
        DwollaResponse::Failure(f) => {
            assert!(!f.ok);
            assert_eq!(f.status, status);
            assert!(!f.code.is_empty(), "a failure without a code");
            // The worker's retry list (no answer, 408, 409, 425, 429, 500, 502, 503, 504),
            // written out here rather than calling the library's own predicate. A 2xx
            // failure is a cut-off body (retryable), except a 201 without `Location`,
            // which a replay would answer the same way.
            let transient = matches!(status, 0 | 408 | 409 | 425 | 429 | 500 | 502 | 503 | 504);
            // Any other status keeps the code of Dwolla's own body, which may be any word
            // (even "MissingLocation"): there the status alone decides.
            if status == 201 && f.code == "MissingLocation" {
                assert!(!f.retryable, "a 201 without Location must not be retryable");
            } else if transient || (200..=299).contains(&status) {
                assert!(f.retryable, "status {status} must be retryable");
            } else {
                assert!(!f.retryable, "status {status} must not be retryable");
            }
        }
    }
});
