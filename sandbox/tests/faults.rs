//! Fault injection through `/_admin/faults`.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn status_rate_limit_html_and_counts() {
    let t = sandbox().await;
    t.fault(json!({"method": "GET", "path": "/exchange-partners", "kind": "status", "status": 503, "count": 1})).await;
    let a = t.get("/exchange-partners").await;
    assert_eq!(a.status, 503);
    assert_eq!(a.body["code"], "ServerError");
    assert_eq!(
        t.get("/exchange-partners").await.status,
        200,
        "count 1 fires once"
    );

    t.fault(
        json!({"path": "/exchange-partners", "kind": "rateLimit", "retryAfter": 7, "count": 2}),
    )
    .await;
    for _ in 0..2 {
        let a = t.get("/exchange-partners").await;
        assert_eq!(a.status, 429);
        assert_eq!(a.headers["retry-after"], "7");
    }
    assert_eq!(t.get("/exchange-partners").await.status, 200);

    t.fault(json!({"path": "/customers/*", "kind": "html", "status": 502}))
        .await;
    let html = t
        .get("/customers/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(html.status, 502);
    assert!(html.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(html.text.contains("<html>"));
    assert_eq!(
        t.get("/exchange-partners").await.status,
        200,
        "other paths unaffected"
    );
    let listed = t.admin(Method::GET, "/_admin/faults", None).await;
    assert_eq!(listed.body["faults"].as_array().unwrap().len(), 1);
    let id = listed.body["faults"][0]["id"].as_u64().unwrap();
    assert_eq!(
        t.admin(Method::DELETE, &format!("/_admin/faults/{id}"), None)
            .await
            .status,
        204
    );
    assert_eq!(
        t.get("/customers/00000000-0000-4000-8000-000000000000")
            .await
            .status,
        404
    );

    t.fault(json!({"path": "/exchange-partners", "kind": "status", "probability": 0.0}))
        .await;
    assert_eq!(
        t.get("/exchange-partners").await.status,
        200,
        "probability 0 never fires"
    );
    let bad = t
        .admin(
            Method::POST,
            "/_admin/faults",
            Some(json!({"path": "/x", "kind": "status", "status": 418})),
        )
        .await;
    assert_eq!(bad.status, 400);
    let unknown = t
        .admin(
            Method::POST,
            "/_admin/faults",
            Some(json!({"path": "/x", "kind": "explode"})),
        )
        .await;
    assert_eq!(unknown.status, 400);
}

#[tokio::test]
async fn latency_delays() {
    let t = sandbox().await;
    t.fault(json!({"path": "/exchange-partners", "kind": "latency", "latencyMs": 300, "count": 1}))
        .await;
    let started = std::time::Instant::now();
    assert_eq!(t.get("/exchange-partners").await.status, 200);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
}

#[tokio::test]
async fn dropped_connections_lose_the_answer_but_keep_or_skip_the_effect() {
    let t = sandbox().await;
    t.fault(json!({"method": "POST", "path": "/customers", "kind": "drop", "count": 1}))
        .await;
    let body = json!({"firstName": "A", "lastName": "B", "email": "drop@example.com"});
    let err = t
        .dwolla(Method::POST, "/customers")
        .header("idempotency-key", "d-1")
        .body(body.to_string())
        .send()
        .await;
    assert!(err.is_err(), "connection closed without a response");
    assert_eq!(
        t.counts().await["customers"],
        0,
        "drop happens before processing"
    );

    t.fault(json!({"method": "POST", "path": "/customers", "kind": "dropAfter", "count": 1}))
        .await;
    let err = t
        .dwolla(Method::POST, "/customers")
        .header("idempotency-key", "d-1")
        .body(body.to_string())
        .send()
        .await;
    assert!(err.is_err());
    assert_eq!(
        t.counts().await["customers"],
        1,
        "dropAfter processes the request"
    );
    let retry = t.post_key("/customers", "d-1", body).await;
    assert_eq!(retry.status, 201, "the retry replays the original 201");
    assert_eq!(t.counts().await["customers"], 1, "nothing duplicated");
    let log = t.admin(Method::GET, "/_admin/requests", None).await;
    let statuses: Vec<u64> = log.body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"] == "/customers")
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [0, 0, 201]);
}

#[tokio::test]
async fn tokens_can_expire_early() {
    let t = sandbox().await;
    t.fault(json!({"path": "/exchange-partners", "kind": "expireToken", "count": 1}))
        .await;
    assert_eq!(
        t.get("/exchange-partners").await.body["code"],
        "ExpiredAccessToken"
    );
    assert_eq!(t.get("/exchange-partners").await.status, 200);
    let ft = t.fin_token().await;
    t.fault(json!({"path": "/aggregation/**", "kind": "expireToken", "count": 1}))
        .await;
    let a = read(
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
    assert_eq!(a.body["code"], "10023");
}

#[tokio::test]
async fn reset_clears_state_and_faults() {
    let t = sandbox().await;
    t.customer().await;
    t.fault(json!({"path": "/**", "kind": "status"})).await;
    assert_eq!(
        t.admin(Method::POST, "/_admin/reset", None).await.body["reset"],
        true
    );
    let c = t.counts().await;
    assert_eq!(c["customers"], 0);
    assert_eq!(
        t.admin(Method::GET, "/_admin/faults", None).await.body["faults"],
        json!([])
    );
}
