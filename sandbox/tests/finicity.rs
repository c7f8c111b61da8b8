//! Finicity side, validated against Mastercard's OpenAPI document.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn flow_answers_match_mastercards_spec() {
    let t = sandbox().await;
    let auth = t
        .fin_post(
            "/aggregation/v2/partners/authentication",
            None,
            json!({"partnerId": "2445580000001", "partnerSecret": "sandbox-partner-secret"}),
        )
        .await;
    assert_mastercard_response(
        "/aggregation/v2/partners/authentication",
        "post",
        200,
        &auth.body,
    );
    let ft = auth.body["token"].as_str().unwrap().to_owned();
    let cust = t
        .fin_post(
            "/aggregation/v2/customers/testing",
            Some(&ft),
            json!({"username": "alice", "firstName": "Alice"}),
        )
        .await;
    assert_eq!(cust.status, 201);
    assert_mastercard_response("/aggregation/v2/customers/testing", "post", 201, &cust.body);
    let id = cust.body["id"].as_str().unwrap();
    assert!(
        id.len() == 19 && id.parse::<u64>().unwrap() > (1u64 << 53),
        "ids are long digit strings"
    );
    let dup = t
        .fin_post(
            "/aggregation/v2/customers/testing",
            Some(&ft),
            json!({"username": "alice"}),
        )
        .await;
    assert_eq!(dup.status, 409);
    let link = t.fin_post("/connect/v2/generate", Some(&ft), json!({"partnerId": "2445580000001", "customerId": id, "redirectUri": "http://127.0.0.1:8787/callback"})).await;
    assert_mastercard_response("/connect/v2/generate", "post", 200, &link.body);
    let url = link.body["link"].as_str().unwrap();
    let path = url
        .trim_start_matches(&t.sb.url)
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let no_consent = read(
        t.http
            .post(t.url(&path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("account=0%3A0&action=connect")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(no_consent.status, 400);
    let done = read(
        t.http
            .post(t.url(&path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("account=0%3A0&account=2%3A0&consent=yes&action=connect")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), "http://127.0.0.1:8787/callback");
    assert_eq!(
        read(t.http.get(t.url(&path)).send().await.unwrap())
            .await
            .status,
        410
    );
    let accounts = read(
        t.fin(
            Method::GET,
            &format!("/aggregation/v1/customers/{id}/accounts"),
            Some(&ft),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_mastercard_response(
        "/aggregation/v1/customers/{customerId}/accounts",
        "get",
        200,
        &accounts.body,
    );
    assert_eq!(accounts.body["accounts"].as_array().unwrap().len(), 2);
    let acct = accounts.body["accounts"][0]["id"].as_str().unwrap();
    let r = t.receipt(&ft, id, acct, 3600).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_mastercard_response("/aggregation/v1/partners/accessKey", "post", 200, &r.body);
    let receipt = &r.body["data"][0]["receipt"];
    assert!(receipt["receiptId"].as_str().unwrap().starts_with("cr_"));
    assert_eq!(receipt["customerId"], id);
    assert_eq!(receipt["partnerId"], "2445583946651");
    assert!(
        r.body["data"][0]["proof"]["signature"]
            .as_str()
            .unwrap()
            .len()
            > 20
    );
    let foreign = t.receipt(&ft, id, "1234567890123456789", 3600).await;
    assert_eq!(foreign.status, 400);
    assert_mastercard_response(
        "/aggregation/v1/partners/accessKey",
        "post",
        400,
        &foreign.body,
    );
    let gone = read(
        t.fin(
            Method::DELETE,
            "/aggregation/v1/partners/accessKey/cr_nope",
            Some(&ft),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn credentials_tokens_and_lockout() {
    let t = sandbox_with(|c| c.finicity_token_lifetime = 1).await;
    let no_key = read(
        t.http
            .post(t.url("/aggregation/v2/partners/authentication"))
            .body("{}")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (no_key.status.as_u16(), no_key.body["code"].as_str()),
        (401, Some("10026"))
    );
    let missing = t
        .fin_post(
            "/aggregation/v2/partners/authentication",
            None,
            json!({"partnerId": "2445580000001"}),
        )
        .await;
    assert_eq!(missing.status, 400);
    let numeric = t
        .fin_post(
            "/aggregation/v2/partners/authentication",
            None,
            json!({"partnerId": 2445580000001u64, "partnerSecret": "x"}),
        )
        .await;
    assert_eq!(
        numeric.status, 400,
        "partnerId must be a string per Mastercard's spec"
    );
    let ft = t.fin_token().await;
    let no_token = read(
        t.fin(Method::GET, "/aggregation/v1/customers/1/accounts", None)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(no_token.body["code"], "10024");
    let bad_token = read(
        t.fin(
            Method::GET,
            "/aggregation/v1/customers/1/accounts",
            Some("bogus"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(bad_token.body["code"], "10022");
    assert_eq!(
        read(
            t.fin(
                Method::GET,
                "/aggregation/v1/customers/1/accounts",
                Some(&ft)
            )
            .send()
            .await
            .unwrap()
        )
        .await
        .status,
        404
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = read(
        t.fin(
            Method::GET,
            "/aggregation/v1/customers/1/accounts",
            Some(&ft),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        (expired.status.as_u16(), expired.body["code"].as_str()),
        (401, Some("10023"))
    );

    for _ in 0..5 {
        let a = t
            .fin_post(
                "/aggregation/v2/partners/authentication",
                None,
                json!({"partnerId": "2445580000001", "partnerSecret": "wrong"}),
            )
            .await;
        assert_eq!(a.status, 401);
    }
    let locked = t
        .fin_post(
            "/aggregation/v2/partners/authentication",
            None,
            json!({"partnerId": "2445580000001", "partnerSecret": "sandbox-partner-secret"}),
        )
        .await;
    assert_eq!(locked.status, 401);
    assert!(locked.text.contains("locked"));
    let state = t.admin(Method::GET, "/_admin/state", None).await;
    assert_eq!(state.body["finicity"]["lockedOut"], true);
    t.admin(Method::POST, "/_admin/reset", None).await;
    assert!(!t.fin_token().await.is_empty());
}
