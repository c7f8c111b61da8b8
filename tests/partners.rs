//! The exchange-partner directory, read from Dwolla's documented list response.

mod docs_examples;

use consent_exchange::partners::{ExchangePartners, Partner};
use consent_exchange::CodedError;
use docs_examples::response_example;
use serde_json::json;

fn documented() -> ExchangePartners {
    let body = response_example("list-exchange-partners.mdx", "### Request and response");
    ExchangePartners::from_response(&body).unwrap()
}

#[test]
fn lists_the_documented_partners() {
    let partners = documented();
    let names: Vec<&str> = partners.list().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Finicity", "MX", "Flinks", "Plaid", "Visa"]);
    insta::assert_json_snapshot!("documented_partners", partners.list());
}

#[test]
fn finds_by_name_case_insensitively_with_mastercard_as_finicity() {
    let partners = documented();
    assert_eq!(
        partners.find("plaid").unwrap().href,
        "https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef"
    );
    assert_eq!(
        partners.find("VISA").unwrap().id,
        "2d36c06f-e283-49d8-829f-d4941a73fd6a"
    );
    assert_eq!(partners.find("Mastercard").unwrap().name, "Finicity");
    assert_eq!(partners.find(" mx ").unwrap().name, "MX");
    for p in partners.list() {
        assert!(
            Partner::from_name(&p.name).is_some(),
            "{} is a known partner",
            p.name
        );
    }
}

#[test]
fn not_found_names_the_partners_that_exist() {
    let err = documented().find("Checkout.com").unwrap_err();
    assert_eq!(err.code(), "PartnerNotFound");
    assert_eq!(
        err.to_string(),
        "no exchange partner named \"Checkout.com\"; available: Finicity, MX, Flinks, Plaid, Visa"
    );
    let empty =
        ExchangePartners::from_response(&json!({ "_embedded": { "exchange-partners": [] } }))
            .unwrap();
    assert_eq!(
        empty.find("Plaid").unwrap_err().to_string(),
        "no exchange partner named \"Plaid\"; available: none"
    );
}

#[test]
fn prefers_active_partners_and_reports_inactive_ones() {
    let entry = |id: &str, status: &str| {
        json!({ "id": id, "name": "Plaid", "status": status,
                "_links": { "self": { "href": format!("https://api-sandbox.dwolla.com/exchange-partners/{id}") } } })
    };
    let a = "f53ffb32-c84f-496a-9d9d-acd100d396ef";
    let b = "2d36c06f-e283-49d8-829f-d4941a73fd6a";
    let both = ExchangePartners::from_response(
        &json!({ "_embedded": { "exchange-partners": [entry(a, "removed"), entry(b, "active")] } }),
    )
    .unwrap();
    assert_eq!(both.find("plaid").unwrap().id, b);
    let gone = ExchangePartners::from_response(
        &json!({ "_embedded": { "exchange-partners": [entry(a, "removed")] } }),
    )
    .unwrap();
    assert_eq!(gone.find("plaid").unwrap_err().code(), "PartnerInactive");
}

#[test]
fn refuses_bodies_that_are_not_partner_lists() {
    for (body, path) in [
        (
            json!({ "code": "NotFound" }),
            "/_embedded/exchange-partners",
        ),
        (
            json!({ "_embedded": { "exchange-partners": {} } }),
            "/_embedded/exchange-partners",
        ),
        (
            json!({ "_embedded": { "exchange-partners": [{ "name": "MX" }] } }),
            "/_embedded/exchange-partners/0/_links/self/href",
        ),
        (
            json!({ "_embedded": { "exchange-partners": [{ "name": 3 }] } }),
            "/_embedded/exchange-partners/0/name",
        ),
        (
            json!({ "_embedded": { "exchange-partners": [{ "name": "MX", "_links": { "self": { "href": "https://api.dwolla.com/customers/2d36c06f-e283-49d8-829f-d4941a73fd6a" } } }] } }),
            "/_embedded/exchange-partners/0/_links/self/href",
        ),
    ] {
        let err = ExchangePartners::from_response(&body).unwrap_err();
        assert_eq!(err.code(), "InvalidPartnerList");
        assert!(err.to_string().contains(path), "{err}");
    }
}
