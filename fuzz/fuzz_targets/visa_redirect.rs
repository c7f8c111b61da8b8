//! Visa's redirect back to the application, from arbitrary text: reading never
//! panics, an exchange id it returns is a UUID, and an error it returns is code-shaped
//! (so a crafted link cannot put arbitrary text in a page).
#![no_main]

use consent_exchange::ids::is_uuid;
use consent_exchange::session::{read_visa_redirect, VisaRedirect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(url) = std::str::from_utf8(data) else {
        return;
    };
    match read_visa_redirect(url) {
        Ok(VisaRedirect::Exchange { exchange_id }) => {
            assert!(is_uuid(&exchange_id), "exchange id {exchange_id:?} is not a UUID");
        }
        Ok(VisaRedirect::Error { error }) => {
            assert!(
                !error.is_empty()
                    && error.len() <= 64
                    && error.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
                "error {error:?} is not code-shaped"
            );
        }
        Err(_) => {}
    }
});
