//! The library's `retryable` (what `readDwollaResponse` tells a caller) and the worker's
//! retry policy (what the worker does with a Dwolla answer) say the same for every
//! status: a caller never retries what the worker gives up on, or the reverse.

use consent_exchange::response::{is_retryable_status as library_retryable, read_dwolla_response};
use consent_exchange_worker::retry::{is_retryable_status, Idempotence};

#[test]
fn every_status_is_retryable_in_both_or_in_neither() {
    for status in 100..=599u16 {
        if (200..=299).contains(&status) {
            continue; // Successes are not retried by either.
        }
        assert_eq!(
            library_retryable(status),
            is_retryable_status(status, Idempotence::Safe),
            "status {status}"
        );
        let body = br#"{"code":"X","message":"y"}"#;
        let read = serde_json::to_value(read_dwolla_response(status, &[], body)).unwrap();
        assert_eq!(
            read["retryable"],
            library_retryable(status),
            "status {status}"
        );
    }
    // The case Dwolla's idempotency doc describes: a repeat while the first request
    // with the key is processing gets 409, and the same key later returns the 201.
    assert!(library_retryable(409) && is_retryable_status(409, Idempotence::Safe));
}
