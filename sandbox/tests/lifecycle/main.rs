//! What a real integration lives through after the first exchange, and what Dwolla's
//! own clients send: token credentials in the form body, replays only after
//! authentication, revoked consent → `UpdateCredentials` → re-authentication → usable
//! again, inactive exchanges, the account's exchanges and funding sources, card funding
//! sources, documented faults, partner links, Finicity's unknown partner, and signed
//! webhooks with retries.
//!
//! `main.rs`: credentials and replays; `reauth.rs`: revoked consent, re-authentication
//! and inactive exchanges; `resources.rs`: the account's own resources, cards, faults
//! and partners; `webhooks.rs`: signed deliveries and retries.

#[path = "../common/mod.rs"]
mod common;
mod reauth;
mod resources;
mod webhooks;

use std::sync::{Arc, Mutex};

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// A Finicity exchange for a new customer: (customer id, exchange id, receipt id, fin token).
async fn finicity_exchange(t: &T) -> (String, String, String, String) {
    let ft = t.fin_token().await;
    let (fcid, accounts) = t.fin_customer_with_accounts(&ft).await;
    let r = t.receipt(&ft, &fcid, &accounts[0], 86_400).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let receipt = r.body["data"][0]["receipt"].clone();
    let receipt_id = receipt["receiptId"].as_str().unwrap().to_owned();
    let c = t.customer().await;
    let href = t.partner_href("Finicity").await;
    let ex = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": href}}, "finicity": dwolla_finicity(&receipt)}),
        )
        .await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    (c, ex.id(), receipt_id, ft)
}

async fn funding_source(t: &T, customer: &str, exchange: &str, name: &str) -> Answer {
    t.post(
        &format!("/customers/{customer}/funding-sources"),
        json!({"_links": {"exchange": {"href": t.url(&format!("/exchanges/{exchange}"))}},
               "bankAccountType": "checking", "name": name}),
    )
    .await
}

#[tokio::test]
async fn token_accepts_client_credentials_in_the_form_body() {
    let t = sandbox().await;
    let form = |body: &'static str| {
        t.http
            .post(t.url("/token"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let ok = read(
        form("client_id=sandbox-client-id&client_secret=sandbox-client-secret&grant_type=client_credentials")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["token_type"], "Bearer");
    let token = ok.body["access_token"].as_str().unwrap();
    let partners = read(
        t.http
            .get(t.url("/exchange-partners"))
            .header("accept", HAL)
            .bearer_auth(token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(partners.status, 200);
    let bad = read(
        form("client_id=sandbox-client-id&client_secret=wrong&grant_type=client_credentials")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (bad.status.as_u16(), &bad.body),
        (401, &json!({"error": "invalid_client"}))
    );
    let missing = read(
        form("client_id=sandbox-client-id&grant_type=client_credentials")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(missing.status, 401);
}

#[tokio::test]
async fn a_replay_answers_only_an_authenticated_request_with_the_hal_accept() {
    let t = sandbox().await;
    let body = json!({"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"});
    let first = t.post_key("/customers", "replay-key-1", body.clone()).await;
    assert_eq!(first.status, 201);
    let send = |token: Option<&'static str>, accept: Option<&'static str>| {
        let mut rb = t
            .http
            .post(t.url("/customers"))
            .header("content-type", HAL)
            .header("idempotency-key", "replay-key-1")
            .body(body.to_string());
        if let Some(a) = accept {
            rb = rb.header("accept", a);
        }
        if let Some(tk) = token {
            rb = rb.bearer_auth(tk);
        }
        rb.send()
    };
    let bogus = read(send(Some("bogus"), Some(HAL)).await.unwrap()).await;
    assert_eq!(
        (bogus.status.as_u16(), bogus.body["code"].as_str()),
        (401, Some("InvalidAccessToken"))
    );
    assert!(bogus.location().is_empty());
    let no_accept = read(send(Some("bogus"), None).await.unwrap()).await;
    assert_eq!(no_accept.status, 406);
    let anonymous = read(send(None, Some(HAL)).await.unwrap()).await;
    assert_eq!(anonymous.body["code"], "InvalidCredentials");
    // The real client with the same key still gets the original 201.
    let again = t.post_key("/customers", "replay-key-1", body).await;
    assert_eq!(
        (again.status.as_u16(), again.location()),
        (201, first.location())
    );
}
