//! Dwolla side: auth, partners, customers, exchanges, sessions, funding sources,
//! idempotency. Every success body is validated against Dwolla's OpenAPI document.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn token_requires_basic_client_credentials() {
    let t = sandbox().await;
    assert_eq!(t.token.len(), 50);
    let ok = read(
        t.http
            .post(t.url("/token"))
            .basic_auth("sandbox-client-id", Some("sandbox-client-secret"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ok.status, 200);
    assert_dwolla_response("/token", "post", 200, "application/json", &ok.body);
    assert_eq!(ok.body["token_type"], "Bearer");
    assert_eq!(ok.body["expires_in"], 3600);

    let bad = read(
        t.http
            .post(t.url("/token"))
            .basic_auth("sandbox-client-id", Some("wrong"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(bad.status, 401);
    assert_eq!(bad.body, json!({"error": "invalid_client"}));
    assert!(!bad.text.contains("wrong"));
    let none = read(
        t.http
            .post(t.url("/token"))
            .body("grant_type=client_credentials")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(none.status, 401);
    let grant = read(
        t.http
            .post(t.url("/token"))
            .basic_auth("sandbox-client-id", Some("sandbox-client-secret"))
            .body("grant_type=password")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(grant.status, 400);
    assert_eq!(grant.body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn every_route_needs_hal_accept_then_a_live_token() {
    let t = sandbox_with(|c| c.dwolla_token_lifetime = 1).await;
    let no_accept = read(
        t.http
            .get(t.url("/exchange-partners"))
            .bearer_auth(&t.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(no_accept.status, 406);
    assert_eq!(no_accept.body["code"], "InvalidVersion");
    let json_accept = read(
        t.http
            .get(t.url("/exchange-partners"))
            .header("accept", "application/json")
            .bearer_auth(&t.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(json_accept.status, 406);
    let no_auth = read(
        t.http
            .get(t.url("/exchange-partners"))
            .header("accept", HAL)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(no_auth.status, 401);
    assert_eq!(no_auth.body["code"], "InvalidCredentials");
    let unknown = read(
        t.http
            .get(t.url("/exchange-partners"))
            .header("accept", HAL)
            .bearer_auth("nope")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(unknown.body["code"], "InvalidAccessToken");
    assert_eq!(t.get("/exchange-partners").await.status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let expired = t.get("/exchange-partners").await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.body["code"], "ExpiredAccessToken");
}

#[tokio::test]
async fn admin_can_expire_every_token() {
    let mut t = sandbox().await;
    let a = t.admin(Method::POST, "/_admin/tokens/expire", None).await;
    assert_eq!(a.body["expired"], 1);
    assert_eq!(
        t.get("/exchange-partners").await.body["code"],
        "ExpiredAccessToken"
    );
    t.token = t.dwolla_token().await;
    assert_eq!(t.get("/exchange-partners").await.status, 200);
}

#[tokio::test]
async fn exchange_partners_match_the_spec_and_have_distinct_non_example_ids() {
    let t = sandbox().await;
    let a = t.get("/exchange-partners").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.headers["content-type"], HAL);
    assert_dwolla_response("/exchange-partners", "get", 200, HAL, &a.body);
    let list = a.body["_embedded"]["exchange-partners"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<&str> = list.iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(
        names,
        ["Finicity", "MX", "Plaid", "Flinks", "Visa", "Checkout.com"]
    );
    let mut ids: Vec<&str> = list.iter().filter_map(|p| p["id"].as_str()).collect();
    let examples = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/specs/dwolla/openapi.yml"
    ))
    .unwrap();
    for id in &ids {
        assert!(!examples.contains(id), "{id} appears in the spec examples");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6);
    let one = t
        .get(&format!(
            "/exchange-partners/{}",
            list[1]["id"].as_str().unwrap()
        ))
        .await;
    assert_dwolla_response("/exchange-partners/{id}", "get", 200, HAL, &one.body);
    assert_eq!(one.body["name"], "MX");
    let missing = t
        .get("/exchange-partners/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body["code"], "NotFound");
}

#[tokio::test]
async fn customers_are_created_validated_and_deduplicated() {
    let t = sandbox().await;
    let a = t.post("/customers", json!({"firstName": "Jane", "lastName": "Doe", "email": "jane@example.com", "type": "unverified"})).await;
    assert_eq!(a.status, 201);
    assert!(a.location().starts_with(&t.url("/customers/")));
    assert!(a.text.is_empty());
    let c = t.get(&format!("/customers/{}", a.id())).await;
    assert_dwolla_schema("UnverifiedCustomer", &c.body);
    assert_eq!(c.body["_links"]["self"]["href"], a.location());

    let bad = t
        .post(
            "/customers",
            json!({"firstName": "", "lastName": 3, "email": "nope"}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_validation_error(
        &bad.body,
        &[
            ("Required", "/firstName"),
            ("InvalidFormat", "/lastName"),
            ("InvalidFormat", "/email"),
        ],
    );
    let dup = t
        .post(
            "/customers",
            json!({"firstName": "J", "lastName": "D", "email": "JANE@example.com"}),
        )
        .await;
    assert_validation_error(&dup.body, &[("Duplicate", "/email")]);
    let garbage = read(
        t.dwolla(Method::POST, "/customers")
            .body("{not json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(garbage.status, 400);
    assert_eq!(garbage.body["code"], "BadRequest");
    assert_eq!(t.get("/customers/not-a-uuid").await.status, 404);
    assert_eq!(t.counts().await["customers"], 1);
}

#[tokio::test]
async fn finicity_receipt_becomes_an_exchange_then_a_funding_source() {
    let t = sandbox().await;
    let ft = t.fin_token().await;
    let (fcid, accounts) = t.fin_customer_with_accounts(&ft).await;
    let r = t.receipt(&ft, &fcid, &accounts[0], 3600).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let receipt = r.body["data"][0]["receipt"].clone();
    let customer = t.customer().await;
    let finicity = t.partner_href("Finicity").await;
    let body = json!({"_links": {"exchange-partner": {"href": finicity}}, "finicity": dwolla_finicity(&receipt)});
    let ex = t
        .post(&format!("/customers/{customer}/exchanges"), body.clone())
        .await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    assert!(ex.location().starts_with(&t.url("/exchanges/")));
    let got = t.get(&format!("/exchanges/{}", ex.id())).await;
    assert_dwolla_response("/exchanges/{id}", "get", 200, HAL, &got.body);
    assert_eq!(got.body["status"], "active");
    let list = t.get(&format!("/customers/{customer}/exchanges")).await;
    assert_dwolla_response("/customers/{id}/exchanges", "get", 200, HAL, &list.body);
    assert_eq!(list.body["total"], 1);

    let again = t
        .post(&format!("/customers/{customer}/exchanges"), body)
        .await;
    assert_eq!(again.status, 400);
    assert_eq!(again.body["code"], "InvalidExchangeToken");

    let fs_body = json!({"_links": {"exchange": {"href": ex.location()}}, "bankAccountType": "checking", "name": "My checking"});
    let fs = t
        .post(
            &format!("/customers/{customer}/funding-sources"),
            fs_body.clone(),
        )
        .await;
    assert_eq!(fs.status, 201, "{}", fs.text);
    let f = t.get(&format!("/funding-sources/{}", fs.id())).await;
    assert_dwolla_response("/funding-sources/{id}", "get", 200, HAL, &f.body);
    assert_eq!(f.body["name"], "My checking");
    let dup = t
        .post(&format!("/customers/{customer}/funding-sources"), fs_body)
        .await;
    assert_eq!(dup.status, 400);
    assert_eq!(dup.body["code"], "DuplicateResource");
    assert_eq!(dup.body["_links"]["about"]["href"], fs.location());
    let fl = t
        .get(&format!("/customers/{customer}/funding-sources"))
        .await;
    assert_dwolla_response("/customers/{id}/funding-sources", "get", 200, HAL, &fl.body);

    let bad = t.post(&format!("/customers/{customer}/funding-sources"), json!({"_links": {"exchange": {"href": "https://x/exchanges/nope"}}, "bankAccountType": "loan"})).await;
    assert_validation_error(
        &bad.body,
        &[
            ("Invalid", "/_links/exchange/href"),
            ("Required", "/name"),
            ("Invalid", "/bankAccountType"),
        ],
    );
    let c = t.counts().await;
    assert_eq!(
        (c["exchanges"].as_u64(), c["fundingSources"].as_u64()),
        (Some(1), Some(1))
    );
}

#[tokio::test]
async fn finicity_exchange_rejects_anything_but_an_issued_live_receipt() {
    let t = sandbox().await;
    let ft = t.fin_token().await;
    let (fcid, accounts) = t.fin_customer_with_accounts(&ft).await;
    let customer = t.customer().await;
    let href = t.partner_href("Finicity").await;
    let path = format!("/customers/{customer}/exchanges");
    let fresh = || t.receipt(&ft, &fcid, &accounts[0], 3600);
    let post = |f: serde_json::Value| {
        t.post(
            &path,
            json!({"_links": {"exchange-partner": {"href": href}}, "finicity": f}),
        )
    };

    // Shape errors: ValidationError with paths, before any lookup.
    let r = fresh().await.body["data"][0]["receipt"].clone();
    let raw = post(r.clone()).await; // partnerId as Mastercard's digit string
    assert_validation_error(&raw.body, &[("InvalidFormat", "/finicity/partnerId")]);
    let mut f = dwolla_finicity(&r);
    f["customerId"] = json!(5_454_874_858_510_164_117u64);
    f["products"][0]["accessPeriod"]["endTime"] = json!(1_700_000_000);
    f.as_object_mut().unwrap().remove("receiptId");
    let shape = post(f).await;
    assert_validation_error(
        &shape.body,
        &[
            ("InvalidFormat", "/finicity/customerId"),
            ("InvalidFormat", "/finicity/products/0/accessPeriod/endTime"),
            ("Required", "/finicity/receiptId"),
        ],
    );

    // Content: unknown id, tampered account, revoked, expired.
    let mut f = dwolla_finicity(&r);
    f["receiptId"] = json!("cr_unknown");
    assert_eq!(post(f).await.body["code"], "InvalidExchangeToken");
    let mut f = dwolla_finicity(&r);
    f["products"][0]["accountId"] = json!(accounts[1]);
    assert_eq!(post(f).await.body["code"], "InvalidExchangeToken");

    let revoked = fresh().await.body["data"][0]["receipt"].clone();
    let id = revoked["receiptId"].as_str().unwrap();
    let del = read(
        t.fin(
            Method::DELETE,
            &format!("/aggregation/v1/partners/accessKey/{id}"),
            Some(&ft),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(del.status, 204);
    let a = post(dwolla_finicity(&revoked)).await;
    assert_eq!(
        (a.status.as_u16(), a.body["code"].as_str()),
        (400, Some("InvalidExchangeToken"))
    );
    assert_eq!(a.body["message"], "Receipt has been revoked.");

    let short = t.receipt(&ft, &fcid, &accounts[0], 1).await.body["data"][0]["receipt"].clone();
    tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
    let a = post(dwolla_finicity(&short)).await;
    assert_eq!(a.body["message"], "Receipt has expired.");

    // Dwolla's documented date-only startTime is accepted when it is the same day.
    let mut f = dwolla_finicity(&fresh().await.body["data"][0]["receipt"]);
    let start = f["products"][0]["accessPeriod"]["startTime"]
        .as_str()
        .unwrap()[..10]
        .to_owned();
    f["products"][0]["accessPeriod"]["startTime"] = json!(start);
    let ok = post(f).await;
    assert_eq!(ok.status, 201, "{}", ok.text);
    assert_eq!(t.counts().await["exchanges"], 1);
}

#[tokio::test]
async fn token_exchanges_cover_every_variant() {
    let t = sandbox().await;
    let customer = t.customer().await;
    let path = format!("/customers/{customer}/exchanges");
    let flinks = t.partner_href("Flinks").await;
    let acct = t.post("/exchanges", json!({"_links": {"exchange-partner": {"href": flinks}}, "token": "flinks-processor-token"})).await;
    assert_eq!(acct.status, 201, "{}", acct.text);
    let plaid = t.partner_href("Plaid").await;
    assert_eq!(
        t.post(
            &path,
            json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "processor-sandbox-1"})
        )
        .await
        .status,
        201
    );
    let reused = t.post(&path, json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "processor-sandbox-1"})).await;
    assert_eq!(reused.body["code"], "InvalidExchangeToken");
    let invalid = t
        .post(
            &path,
            json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "invalid-token"}),
        )
        .await;
    assert_eq!(invalid.body["code"], "InvalidExchangeToken");
    let unknown_public = t.post(&path, json!({"_links": {"exchange-partner": {"href": plaid}}, "plaid": {"publicToken": "public-x"}})).await;
    assert_eq!(unknown_public.body["code"], "InvalidExchangeToken");
    let both = t.post(&path, json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "a", "plaid": {"publicToken": "b"}})).await;
    assert_validation_error(&both.body, &[("NotAllowed", "/plaid")]);
    let mx = t.partner_href("MX").await;
    let wrong = t
        .post(
            &path,
            json!({"_links": {"exchange-partner": {"href": mx}}, "finicity": {}}),
        )
        .await;
    assert_validation_error(
        &wrong.body,
        &[("NotAllowed", "/finicity"), ("Required", "/token")],
    );
    let visa = t.partner_href("Visa").await;
    let v = t
        .post(
            &path,
            json!({"_links": {"exchange-partner": {"href": visa}}, "token": "x"}),
        )
        .await;
    assert_validation_error(&v.body, &[("Invalid", "/_links/exchange-partner/href")]);
    let nolink = t.post(&path, json!({"token": "x"})).await;
    assert_validation_error(
        &nolink.body,
        &[("Required", "/_links/exchange-partner/href")],
    );
    let bogus = t.post(&path, json!({"_links": {"exchange-partner": {"href": "https://api.dwolla.com/exchange-partners/292317ec-e252-47d8-93c3-2d128e037aa4"}}, "token": "x"})).await;
    assert_validation_error(&bogus.body, &[("Invalid", "/_links/exchange-partner/href")]);
    assert_eq!(
        t.post(
            "/customers/00000000-0000-4000-8000-000000000000/exchanges",
            json!({})
        )
        .await
        .status,
        404
    );
    assert_eq!(t.counts().await["exchanges"], 2);
}

#[tokio::test]
async fn idempotency_key_replays_rejects_changed_bodies_and_conflicts_while_processing() {
    let t = sandbox().await;
    let body = json!({"firstName": "A", "lastName": "B", "email": "idem@example.com"});
    let first = t.post_key("/customers", "k-1", body.clone()).await;
    let second = t.post_key("/customers", "k-1", body.clone()).await;
    assert_eq!((first.status.as_u16(), second.status.as_u16()), (201, 201));
    assert_eq!(first.location(), second.location());
    assert_eq!(t.counts().await["customers"], 1);
    let changed = t
        .post_key(
            "/customers",
            "k-1",
            json!({"firstName": "Z", "lastName": "B", "email": "z@example.com"}),
        )
        .await;
    assert_eq!(changed.status, 400);
    assert_eq!(changed.body["code"], "BadRequest");

    // A failed request does not consume its key.
    let bad = t.post_key("/customers", "k-2", json!({})).await;
    assert_eq!(bad.status, 400);
    assert_eq!(t.post_key("/customers", "k-2", json!({})).await.status, 400);

    t.fault(json!({"method": "POST", "path": "/customers", "kind": "latency", "latencyMs": 400, "count": 1})).await;
    let slow = json!({"firstName": "S", "lastName": "L", "email": "slow@example.com"});
    let (a, b) = tokio::join!(t.post_key("/customers", "k-3", slow.clone()), async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        t.post_key("/customers", "k-3", slow.clone()).await
    });
    assert_eq!(a.status, 201);
    assert_eq!(b.status, 409);
    assert_eq!(b.body["code"], "Conflict");
    assert_eq!(
        t.post_key("/customers", "k-3", slow).await.location(),
        a.location()
    );
    assert_eq!(t.counts().await["customers"], 2);
}
