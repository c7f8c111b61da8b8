//! Signed webhooks for a whole flow, and retries that stop.

use super::*;

/// A webhook listener that answers 500 to the first `failures` deliveries.
async fn listener(failures: usize) -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    use axum::routing::post;
    let seen: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let count = Arc::new(Mutex::new(0usize));
    let record = seen.clone();
    let app = axum::Router::new().route(
        "/hook",
        post(move |headers: axum::http::HeaderMap, body: String| {
            let record = record.clone();
            let count = count.clone();
            async move {
                let signature = headers
                    .get("x-request-signature-sha-256")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                record.lock().unwrap().push((signature, body));
                let mut n = count.lock().unwrap();
                *n += 1;
                if *n <= failures {
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    axum::http::StatusCode::OK
                }
            }
        }),
    );
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", socket.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(socket, app).await });
    (url, seen)
}

fn hmac_hex(secret: &str, body: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

async fn webhooks_until(t: &T, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    for _ in 0..200 {
        let list = t.admin(Method::GET, "/_admin/webhooks", None).await.body["webhooks"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if done(&list) {
            return list;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("webhooks did not settle");
}

#[tokio::test]
async fn signed_webhooks_for_the_flow_with_retries() {
    let (url, seen) = listener(2).await;
    let t = sandbox_with(|c| {
        c.webhook_url = Some(url);
        c.webhook_secret = consent_exchange_sandbox::Secret::new("whsec-test");
        c.webhook_time_scale = 0.0001;
    })
    .await;
    let (c, exchange, receipt_id, ft) = finicity_exchange(&t).await;
    assert_eq!(
        funding_source(&t, &c, &exchange, "Checking").await.status,
        201
    );
    read(
        t.fin(
            Method::DELETE,
            &format!("/aggregation/v1/partners/accessKey/{receipt_id}"),
            Some(&ft),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    let topics = [
        "customer_created",
        "customer_exchange_created",
        "customer_funding_source_added",
        "customer_funding_source_verified",
        "customer_exchange_reauth_required",
    ];
    let list = webhooks_until(&t, |l| {
        l.len() == topics.len() && l.iter().all(|d| d["state"] == "delivered")
    })
    .await;
    let mut got: Vec<&str> = list.iter().map(|d| d["topic"].as_str().unwrap()).collect();
    got.sort();
    let mut want = topics.to_vec();
    want.sort();
    assert_eq!(got, want);
    // The first event failed twice (500) and was retried with the same body.
    let attempts: Vec<usize> = list
        .iter()
        .map(|d| d["attempts"].as_array().unwrap().len())
        .collect();
    assert_eq!(
        attempts.iter().sum::<usize>(),
        topics.len() + 2,
        "{list:#?}"
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), topics.len() + 2);
    for (signature, body) in &seen {
        assert_eq!(
            signature,
            &hmac_hex("whsec-test", body),
            "signed over the raw body"
        );
        let event: Value = serde_json::from_str(body).unwrap();
        for field in ["id", "resourceId", "topic", "timestamp", "created"] {
            assert!(event[field].is_string(), "{field} in {event}");
        }
        assert!(event["_links"]["resource"]["href"]
            .as_str()
            .unwrap()
            .starts_with(&t.url("/")));
    }
    let reauth = list
        .iter()
        .find(|d| d["topic"] == "customer_exchange_reauth_required")
        .unwrap();
    assert_eq!(reauth["resourceId"], exchange);
}

#[tokio::test]
async fn a_webhook_that_never_succeeds_stops_after_eight_retries() {
    let (url, seen) = listener(usize::MAX).await;
    let t = sandbox_with(|c| {
        c.webhook_url = Some(url);
        c.webhook_time_scale = 0.00001;
    })
    .await;
    t.customer().await;
    let list = webhooks_until(&t, |l| l.len() == 1 && l[0]["state"] == "failed").await;
    assert_eq!(
        list[0]["attempts"].as_array().unwrap().len(),
        9,
        "one attempt and 8 retries"
    );
    assert_eq!(seen.lock().unwrap().len(), 9);
}
