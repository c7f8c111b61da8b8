//! What a real integration lives through after the first exchange, and what Dwolla's
//! own clients send: token credentials in the form body, replays only after
//! authentication, revoked consent → `UpdateCredentials` → re-authentication → usable
//! again, inactive exchanges, the account's exchanges and funding sources, card funding
//! sources, documented faults, partner links, Finicity's unknown partner, and signed
//! webhooks with retries.

mod common;

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

#[tokio::test]
async fn revoked_consent_needs_re_authentication_until_the_receipt_is_renewed() {
    let t = sandbox().await;
    let (c, exchange, receipt_id, ft) = finicity_exchange(&t).await;
    let revoke = read(
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
    assert_eq!(revoke.status, 204);
    // The exchange still reads as active (Dwolla's status enum has no re-auth state)...
    let got = t.get(&format!("/exchanges/{exchange}")).await;
    assert_eq!(got.body["status"], "active");
    // ...but the calls that read the bank answer UpdateCredentials.
    let fs = funding_source(&t, &c, &exchange, "Checking").await;
    assert_eq!(fs.status, 400, "{}", fs.text);
    assert_eq!(fs.body["code"], "UpdateCredentials");
    assert!(fs.body["message"].as_str().unwrap().contains("revoked"));
    // Finicity has no exchange sessions, so no re-auth session link.
    assert!(fs.body.pointer("/_links/about").is_none(), "{}", fs.text);
    // Mastercard's UpdateThirdPartyAccessKey renews the consent: usable again.
    let now = chrono::Utc::now();
    let fcid = t.admin(Method::GET, "/_admin/state", None).await.body["receipts"][0]["customerId"]
        .as_str()
        .unwrap()
        .to_owned();
    let accounts = t
        .fin(
            Method::GET,
            &format!("/aggregation/v1/customers/{fcid}/accounts"),
            Some(&ft),
        )
        .send()
        .await
        .unwrap();
    let accounts = read(accounts).await;
    let account = accounts.body["accounts"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let renew = |third_party: &'static str| {
        let body = json!({
            "customerId": fcid, "partnerId": "2445580000001", "thirdPartyPartnerId": third_party,
            "products": [{"product": "moneyTransferDetails", "accountId": account, "accessPeriod": {"type": "timeframe",
                "startTime": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "endTime": (now + chrono::Duration::days(30)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)}}]
        });
        t.fin(
            Method::PUT,
            &format!("/aggregation/v1/partners/accessKey/{receipt_id}"),
            Some(&ft),
        )
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
    };
    let wrong = read(renew("9999999999999").await.unwrap()).await;
    assert_eq!(wrong.status, 400, "{}", wrong.text);
    let renewed = read(renew("2445583946651").await.unwrap()).await;
    assert_eq!(renewed.status, 200, "{}", renewed.text);
    assert_mastercard_response(
        "/aggregation/v1/partners/accessKey/{consentReceiptId}",
        "put",
        200,
        &renewed.body,
    );
    assert_eq!(renewed.body["data"][0]["receipt"]["receiptId"], receipt_id);
    assert_eq!(renewed.body["data"][0]["receipt"]["receiptVersion"], 2);
    let fs = funding_source(&t, &c, &exchange, "Checking").await;
    assert_eq!(fs.status, 201, "{}", fs.text);
}

#[tokio::test]
async fn a_bank_connection_needing_re_authentication_is_fixed_by_a_re_auth_session() {
    let t = sandbox().await;
    let c = t.customer().await;
    let plaid = t.partner_href("Plaid").await;
    let ex = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "processor-sandbox-0f1e2d"}),
        )
        .await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    let exchange = ex.id();
    let marked = t
        .admin(
            Method::POST,
            &format!("/_admin/exchanges/{exchange}"),
            Some(json!({"reauthRequired": true})),
        )
        .await;
    assert_eq!(marked.status, 200, "{}", marked.text);
    let fs = funding_source(&t, &c, &exchange, "Checking").await;
    assert_eq!(fs.body["code"], "UpdateCredentials", "{}", fs.text);
    let about = fs.body["_links"]["about"]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        about,
        t.url(&format!("/exchanges/{exchange}/exchange-sessions"))
    );
    assert_eq!(
        fs.body["_links"]["about"]["resource-type"],
        "exchange-session"
    );
    // The about link is where the re-auth session is created, body optional.
    let path = about.trim_start_matches(&t.url(""));
    let session = t.post(path, json!({})).await;
    assert_eq!(session.status, 201, "{}", session.text);
    let page = read(
        t.http
            .post(t.url(&format!("/_sandbox/providers/{}", session.id())))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("action=approve")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.text.contains("reauthenticated"), "{}", page.text);
    let fs = funding_source(&t, &c, &exchange, "Checking").await;
    assert_eq!(fs.status, 201, "{}", fs.text);
}

#[tokio::test]
async fn deactivated_and_removed_exchanges_are_refused() {
    let t = sandbox().await;
    let c = t.customer().await;
    let mx = t.partner_href("MX").await;
    for status in ["deactivated", "removed"] {
        let ex = t
            .post(
                &format!("/customers/{c}/exchanges"),
                json!({"_links": {"exchange-partner": {"href": mx}}, "token": format!("processor-{status}")}),
            )
            .await;
        let id = ex.id();
        t.admin(
            Method::POST,
            &format!("/_admin/exchanges/{id}"),
            Some(json!({"status": status})),
        )
        .await;
        let got = t.get(&format!("/exchanges/{id}")).await;
        assert_eq!(got.body["status"], status);
        assert_dwolla_schema("Exchange", &got.body);
        let fs = funding_source(&t, &c, &id, "Checking").await;
        assert_eq!(
            (fs.status.as_u16(), fs.body["code"].as_str()),
            (400, Some("InactiveExchange")),
            "{}",
            fs.text
        );
    }
    let bad = t
        .admin(
            Method::POST,
            "/_admin/exchanges/x",
            Some(json!({"status": "paused"})),
        )
        .await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn the_accounts_own_exchanges_and_funding_sources() {
    let t = sandbox().await;
    let flinks = t.partner_href("Flinks").await;
    let ex = t
        .post("/exchanges", json!({"_links": {"exchange-partner": {"href": flinks}}, "token": "flinks-account-token"}))
        .await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    let list = t.get("/exchanges").await;
    assert_eq!(list.status, 200);
    assert_dwolla_response("/exchanges", "get", 200, HAL, &list.body);
    let ids: Vec<&str> = list.body["_embedded"]["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [ex.id().as_str()]);
    // A customer's exchange is not the account's.
    let c = t.customer().await;
    let customer_ex = t
        .post(&format!("/customers/{c}/exchanges"), json!({"_links": {"exchange-partner": {"href": flinks}}, "token": "flinks-customer-token"}))
        .await;
    assert_eq!(t.get("/exchanges").await.body["total"], 1);
    let body = |exchange: &str| json!({"_links": {"exchange": {"href": t.url(&format!("/exchanges/{exchange}"))}}, "bankAccountType": "savings", "name": "Operating"});
    let fs = t.post("/funding-sources", body(&ex.id())).await;
    assert_eq!(fs.status, 201, "{}", fs.text);
    let got = t.get(&format!("/funding-sources/{}", fs.id())).await;
    assert_eq!(got.body["bankAccountType"], "savings");
    assert!(got.body["_links"].get("customer").is_none());
    let wrong = t.post("/funding-sources", body(&customer_ex.id())).await;
    assert_validation_error(&wrong.body, &[("Invalid", "/_links/exchange/href")]);
}

#[tokio::test]
async fn a_card_exchange_makes_a_card_funding_source_never_a_bank() {
    let t = sandbox().await;
    let c = t.customer().await;
    let checkout = t.partner_href("Checkout.com").await;
    let ex = t
        .post(&format!("/customers/{c}/exchanges"), json!({"_links": {"exchange-partner": {"href": checkout}}, "token": "pay_sandbox_4242"}))
        .await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    let bank = funding_source(&t, &c, &ex.id(), "Debit").await;
    assert_validation_error(&bank.body, &[("NotAllowed", "/bankAccountType")]);
    let card = t
        .post(
            &format!("/customers/{c}/funding-sources"),
            json!({"_links": {"exchange": {"href": t.url(&format!("/exchanges/{}", ex.id()))}}, "name": "Debit"}),
        )
        .await;
    assert_eq!(card.status, 201, "{}", card.text);
    let got = t.get(&format!("/funding-sources/{}", card.id())).await;
    assert_eq!(got.body["type"], "card");
    assert!(got.body.get("bankAccountType").is_none());
    assert_eq!(
        got.body["cardDetails"]["lastFour"].as_str().map(str::len),
        Some(4)
    );
    assert_dwolla_schema("FundingSource", &got.body);
    // A bank exchange still needs its account type.
    let mx = t.partner_href("MX").await;
    let bank_ex = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": mx}}, "token": "processor-bank"}),
        )
        .await;
    let no_type = t
        .post(
            &format!("/customers/{c}/funding-sources"),
            json!({"_links": {"exchange": {"href": t.url(&format!("/exchanges/{}", bank_ex.id()))}}, "name": "Checking"}),
        )
        .await;
    assert_validation_error(&no_type.body, &[("Required", "/bankAccountType")]);
}

#[tokio::test]
async fn documented_faults_invalid_scope_and_sessions_not_enabled() {
    let t = sandbox().await;
    let c = t.customer().await;
    t.fault(json!({"method": "POST", "path": "/customers/*/exchanges", "kind": "invalidScope", "count": 1}))
        .await;
    let mx = t.partner_href("MX").await;
    let scoped = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": mx}}, "token": "processor-x"}),
        )
        .await;
    assert_eq!(
        (scoped.status.as_u16(), scoped.body["code"].as_str()),
        (401, Some("InvalidScope"))
    );
    t.fault(json!({"method": "POST", "path": "/customers/*/exchange-sessions", "kind": "sessionsNotEnabled", "count": 1}))
        .await;
    let session = t
        .post(
            &format!("/customers/{c}/exchange-sessions"),
            json!({"_links": {"exchange-partner": {"href": mx}}}),
        )
        .await;
    assert_eq!(session.status, 403);
    assert_eq!(
        session.body,
        json!({"code": "forbidden", "message": "Exchange sessions with this exchange partner are not enabled for your account"})
    );
    // The spec's 403 is a `oneOf` of two identical shapes (so every body matches both
    // and a validator refuses all); compare with its documented message instead.
    let documented = dwolla_spec()
        .pointer("/paths/~1customers~1{id}~1exchange-sessions/post/responses/403/content/application~1vnd.dwolla.v1.hal+json/schema/oneOf/1/properties/message/example")
        .cloned();
    assert_eq!(documented.as_ref(), Some(&session.body["message"]));
}

#[tokio::test]
async fn partners_carry_the_links_of_dwollas_example() {
    let t = sandbox().await;
    let list = t.get("/exchange-partners").await;
    for p in list.body["_embedded"]["exchange-partners"]
        .as_array()
        .unwrap()
    {
        assert_eq!(
            p["_links"]["funding-source"]["href"],
            t.url("/funding-sources")
        );
        assert_eq!(
            p["_links"]["funding-source"]["resource-type"],
            "funding-source"
        );
    }
}

#[tokio::test]
async fn an_unknown_finicity_partner_is_404_partner_not_found() {
    let t = sandbox().await;
    let auth = |partner: &'static str, secret: &'static str| {
        t.fin(
            Method::POST,
            "/aggregation/v2/partners/authentication",
            None,
        )
        .header("content-type", "application/json")
        .body(json!({"partnerId": partner, "partnerSecret": secret}).to_string())
        .send()
    };
    for _ in 0..6 {
        let a = read(
            auth("1234567890123", "sandbox-partner-secret")
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(a.status, 404, "{}", a.text);
        assert_eq!(
            a.body,
            json!({"code": "12401", "message": "partner not found"})
        );
    }
    // Unknown partners count toward no lockout.
    let ok = read(
        auth("2445580000001", "sandbox-partner-secret")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
}

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
