//! Revoked consent, re-authentication sessions and inactive exchanges.

use super::*;

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
