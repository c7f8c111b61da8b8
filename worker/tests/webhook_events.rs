//! Reading Dwolla webhook bodies into the events kept per customer.

use consent_exchange_worker::webhook::{
    exchanges_needing_reauth, reauth_required, remember, summarize, EventSummary,
    EVENTS_PER_CUSTOMER, REAUTH_REQUIRED_TOPIC,
};
use serde_json::json;

const C: &str = "3B1E6F1A-2C4D-4E5F-8A9B-0C1D2E3F4A5B";
const X: &str = "7d1c7a1e-1111-4e5f-8a9b-0c1d2e3f4a5b";
const BASE: &str = "https://api-sandbox.dwolla.com";

fn body(id: &str, topic: &str, resource: &str, customer: Option<&str>) -> Vec<u8> {
    let mut links = json!({
        "self": {"href": format!("{BASE}/events/{id}")},
        "account": {"href": format!("{BASE}/accounts/00000000-0000-4000-8000-000000000001")},
        "resource": {"href": format!("{BASE}{resource}")},
    });
    if let Some(c) = customer {
        links["customer"] = json!({"href": format!("{BASE}/customers/{c}")});
    }
    json!({
        "_links": links,
        "id": id,
        "resourceId": resource.rsplit('/').next().unwrap(),
        "topic": topic,
        "timestamp": "2026-12-02T07:00:00.000Z",
        "created": "2026-12-02T07:00:00.000Z",
    })
    .to_string()
    .into_bytes()
}

fn event(id: &str, topic: &str, exchange: &str) -> EventSummary {
    summarize(&body(id, topic, &format!("/exchanges/{exchange}"), Some(C))).unwrap()
}

#[test]
fn an_exchange_event_names_its_customer_and_resource() {
    let e = summarize(&body(
        "e1",
        REAUTH_REQUIRED_TOPIC,
        &format!("/exchanges/{X}"),
        Some(C),
    ))
    .unwrap();
    assert_eq!(e.id, "e1");
    assert_eq!(e.topic, "customer_exchange_reauth_required");
    assert_eq!(e.customer_id, C.to_ascii_lowercase());
    assert_eq!(e.resource_id.as_deref(), Some(X));
    assert_eq!(e.resource_type.as_deref(), Some("exchanges"));
    assert_eq!(e.created.as_deref(), Some("2026-12-02T07:00:00.000Z"));
    let wire = serde_json::to_value(&e).unwrap();
    assert_eq!(wire["resourceId"], X);
    assert_eq!(wire["customerId"], C.to_ascii_lowercase());
    assert!(wire.get("_links").is_none(), "the raw links are not kept");
}

#[test]
fn customer_created_is_about_the_resource_customer() {
    let e = summarize(&body(
        "e2",
        "customer_created",
        &format!("/customers/{C}"),
        None,
    ))
    .unwrap();
    assert_eq!(e.customer_id, C.to_ascii_lowercase());
    assert_eq!(e.resource_type.as_deref(), Some("customers"));
}

#[test]
fn events_without_a_customer_or_malformed_are_not_kept() {
    // The account's own funding source: no customer.
    assert!(summarize(&body(
        "e3",
        "funding_source_added",
        "/funding-sources/abc",
        None
    ))
    .is_none());
    // A customer link that is not a customer UUID.
    assert!(summarize(&body(
        "e4",
        "customer_created",
        "/customers/not-a-uuid",
        None
    ))
    .is_none());
    for bad in [
        &b"not json"[..],
        br#"{"topic": "customer_created"}"#,
        br#"{"id": 7, "topic": "customer_created"}"#,
        br#"{"id": "x", "topic": "has spaces", "_links": {}}"#,
        br#"{"id": "x", "topic": "customer_created", "_links": {"customer": {"href": 5}}}"#,
        br#"[]"#,
    ] {
        assert!(summarize(bad).is_none(), "{}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn kept_events_are_bounded_and_unique() {
    let mut kept = Vec::new();
    for i in 0..(EVENTS_PER_CUSTOMER + 7) {
        remember(
            &mut kept,
            event(&format!("e{i}"), "customer_exchange_created", X),
        );
    }
    remember(&mut kept, event("e56", "customer_exchange_created", X));
    assert_eq!(kept.len(), EVENTS_PER_CUSTOMER);
    assert_eq!(kept[0].id, "e7", "the oldest are dropped first");
    assert_eq!(kept.last().unwrap().id, "e56");
}

#[test]
fn reauth_follows_the_last_event_about_the_exchange() {
    let other = "0d1c7a1e-2222-4e5f-8a9b-0c1d2e3f4a5b";
    let mut kept = vec![event("a", "customer_exchange_created", X)];
    assert!(!reauth_required(&kept, X));
    kept.push(event("b", REAUTH_REQUIRED_TOPIC, X));
    kept.push(event("c", "customer_exchange_created", other));
    assert!(reauth_required(&kept, X));
    assert!(reauth_required(&kept, &X.to_ascii_uppercase()));
    assert!(!reauth_required(&kept, other));
    assert_eq!(exchanges_needing_reauth(&kept), vec![X.to_owned()]);
    kept.push(event("d", "customer_exchange_reauth_completed", X));
    assert!(!reauth_required(&kept, X));
    assert!(exchanges_needing_reauth(&kept).is_empty());
    // A funding-source event does not clear it.
    kept.push(event("e", REAUTH_REQUIRED_TOPIC, X));
    kept.push(
        summarize(&body(
            "f",
            "customer_funding_source_added",
            "/funding-sources/fs1",
            Some(C),
        ))
        .unwrap(),
    );
    assert!(reauth_required(&kept, X));
}
