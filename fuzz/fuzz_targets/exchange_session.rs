//! Retrieved exchange sessions from arbitrary bytes: reading never panics, and a URL
//! it hands to a browser is always http(s).
#![no_main]

use consent_exchange::session::{read_exchange_session, SessionLaunch};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    if let Ok(SessionLaunch::Redirect { url }) = read_exchange_session(&body) {
        let lower = url.to_ascii_lowercase();
        assert!(
            lower.starts_with("https://") || lower.starts_with("http://"),
            "a redirect to {url:?} would let a page navigate anywhere"
        );
    }
});
