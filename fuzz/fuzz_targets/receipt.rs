//! Consent receipts from arbitrary bytes: the check never panics, reports what it
//! promises, and whatever it accepts builds an exchange request and survives a second
//! check unchanged.
#![no_main]

use consent_exchange::exchange::{finicity_exchange, ExchangeTarget};
use consent_exchange::receipt::{
    check_consent_receipt, check_consent_receipt_from_js_json, CheckOptions, Timestamp,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const PARTNER: &str =
    "https://api-sandbox.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4";
const CUSTOMER: &str = "e3c9b3f8-2f5a-4b2a-9d4e-0c8d9a1b2c3d";

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, the rest is the receipt text.
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(now) = Timestamp::parse("2026-11-21T00:00:00Z") else {
        return;
    };
    let mut options = CheckOptions::new(now);
    options.allow_epoch_times = flags & 1 == 1;
    let check = if flags & 2 == 2 {
        check_consent_receipt_from_js_json(text, &options)
    } else {
        check_consent_receipt(text, &options)
    };

    let has_error = check.issues.iter().any(|i| i.is_error());
    assert_eq!(check.ok, !has_error, "ok must mean no error issue");
    assert_eq!(check.ok, check.receipt.is_some(), "a receipt exactly when ok");

    let parsed: Option<Value> = serde_json::from_str(text).ok();
    for issue in &check.issues {
        assert!(
            issue.path.is_empty() || issue.path.starts_with('/'),
            "issue path {:?} is not a JSON pointer",
            issue.path
        );
        // The member an issue names may be missing, but its parent is in the input.
        if let Some(root) = &parsed {
            let parent = issue.path.rsplit_once('/').map_or("", |(p, _)| p);
            assert!(
                root.pointer(parent).is_some(),
                "issue {} at {:?}: parent {:?} is not in the input",
                issue.code,
                issue.path,
                parent
            );
        }
    }

    let Some(valid) = check.receipt else {
        return;
    };
    let target = ExchangeTarget::new(PARTNER).for_customer(CUSTOMER);
    let request = match finicity_exchange(&valid, &target) {
        Ok(request) => request,
        Err(e) => panic!("a valid receipt must build an exchange: {e}"),
    };
    let body: Value = match request.body.as_deref().map(serde_json::from_str) {
        Some(Ok(body)) => body,
        other => panic!("the exchange body is not JSON: {other:?}"),
    };
    assert_eq!(
        body.pointer("/finicity/customerId").and_then(Value::as_str),
        Some(valid.customer_id.as_str()),
        "customerId must be forwarded byte-for-byte"
    );

    // The normalized receipt is itself a receipt that checks clean to the same value.
    let again_text = match serde_json::to_string(valid.receipt()) {
        Ok(text) => text,
        Err(e) => panic!("the normalized receipt does not serialize: {e}"),
    };
    let again = check_consent_receipt(&again_text, &options);
    assert!(again.ok, "normalized receipt fails its own check: {:?}", again.issues);
    assert_eq!(
        again.receipt.as_ref().map(|r| r.receipt()),
        Some(valid.receipt()),
        "normalizing twice changed the receipt"
    );
});
