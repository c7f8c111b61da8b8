//! Exchange sessions, provider pages, re-authentication.

mod common;

use common::*;
use serde_json::json;

async fn session(t: &T, customer: &str, partner: &str, redirect: Option<&str>) -> Answer {
    let href = t.partner_href(partner).await;
    let mut links = json!({"exchange-partner": {"href": href}});
    if let Some(r) = redirect {
        links["redirect-url"] = json!({"href": r});
    }
    t.post(
        &format!("/customers/{customer}/exchange-sessions"),
        json!({"_links": links}),
    )
    .await
}

async fn submit(t: &T, session_id: &str, form: &str) -> Answer {
    read(
        t.http
            .post(t.url(&format!("/_sandbox/providers/{session_id}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_owned())
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn session_rules_follow_the_docs() {
    let t = sandbox().await;
    let c = t.customer().await;
    let visa_no_redirect = session(&t, &c, "Visa", None).await;
    assert_validation_error(
        &visa_no_redirect.body,
        &[("Required", "/_links/redirect-url/href")],
    );
    let mismatch = session(&t, &c, "Visa", Some("https://evil.example/cb")).await;
    assert_validation_error(&mismatch.body, &[("Invalid", "/_links/redirect-url/href")]);
    assert!(mismatch.text.contains("must exactly match"));
    let not_url = session(&t, &c, "Visa", Some("com.example.app123")).await;
    assert!(not_url
        .text
        .contains("/_links/redirect-url/href is invalid."));
    let android = session(&t, &c, "Plaid", Some("com.example.app123")).await;
    assert_eq!(android.status, 201, "{}", android.text);
    let fin = session(&t, &c, "Finicity", None).await;
    assert_eq!(fin.status, 403);
    assert_eq!(fin.body["code"], "Forbidden");
    assert_eq!(session(&t, &c, "Flinks", None).await.status, 403);
    let mx = session(&t, &c, "MX", None).await;
    assert_eq!(mx.status, 201);
    assert!(mx.location().starts_with(&t.url("/exchange-sessions/")));
    assert_eq!(t.counts().await["exchangeSessions"], 2);
}

#[tokio::test]
async fn each_partner_returns_what_it_really_returns() {
    let t = sandbox().await;
    let c = t.customer().await;
    for (partner, redirect) in [
        ("MX", None),
        ("Visa", Some("http://127.0.0.1:8787/callback")),
        ("Plaid", None),
        ("Checkout.com", None),
    ] {
        let s = session(&t, &c, partner, redirect).await;
        let got = t.get(&format!("/exchange-sessions/{}", s.id())).await;
        assert_eq!(got.status, 200);
        assert_dwolla_response("/exchange-sessions/{id}", "get", 200, HAL, &got.body);
        let link = &got.body["_links"]["external-provider-session"];
        match partner {
            "MX" | "Visa" => assert!(link["href"]
                .as_str()
                .unwrap()
                .starts_with(&t.url("/_sandbox/providers/"))),
            "Plaid" => {
                assert!(link.is_null());
                assert!(got.body["externalProviderSessionToken"]
                    .as_str()
                    .unwrap()
                    .starts_with("link-sandbox-"));
            }
            _ => {
                assert!(link.is_null());
                assert!(got.body["externalProviderSessionData"]["id"]
                    .as_str()
                    .unwrap()
                    .starts_with("ps_"));
            }
        }
    }
    assert_eq!(
        t.get("/exchange-sessions/00000000-0000-4000-8000-000000000000")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn visa_page_creates_the_exchange_and_redirects_like_visa() {
    let t = sandbox().await;
    let c = t.customer().await;
    let cb = "http://127.0.0.1:8787/callback";
    let s = session(&t, &c, "Visa", Some(cb)).await;
    let page = read(
        t.http
            .get(t.url(&format!("/_sandbox/providers/{}", s.id())))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("<form") && page.text.contains("<label"));
    let done = submit(&t, &s.id(), "action=approve&account=Sandbox+Checking").await;
    assert_eq!(done.status, 303);
    let loc = done.location();
    let exchange = loc
        .strip_prefix(&format!("{cb}?exchange="))
        .expect("redirect with ?exchange=")
        .to_owned();
    let ex = t.get(&format!("/exchanges/{exchange}")).await;
    assert_eq!(ex.status, 200);
    assert_eq!(
        ex.body["_links"]["customer"]["href"],
        t.url(&format!("/customers/{c}"))
    );
    let again = submit(&t, &s.id(), "action=approve").await;
    assert_eq!(again.status, 410, "sessions are single use");

    let s2 = session(&t, &c, "Visa", Some(cb)).await;
    let cancelled = submit(&t, &s2.id(), "action=cancel").await;
    assert_eq!(cancelled.location(), format!("{cb}?error=USER_CANCELLED"));
    let s3 = session(&t, &c, "Visa", Some(cb)).await;
    let failed = submit(&t, &s3.id(), "action=approve&error=TEMPORARY_ERROR").await;
    assert_eq!(failed.location(), format!("{cb}?error=TEMPORARY_ERROR"));
    assert_eq!(t.counts().await["exchanges"], 1);

    // Re-authentication reuses the exchange.
    let re = t
        .post(
            &format!("/exchanges/{exchange}/exchange-sessions"),
            json!({"_links": {"redirect-url": {"href": cb}}}),
        )
        .await;
    assert_eq!(re.status, 201, "{}", re.text);
    let back = submit(&t, &re.id(), "action=approve").await;
    assert_eq!(back.location(), format!("{cb}?exchange={exchange}"));
    assert_eq!(t.counts().await["exchanges"], 1);
}

#[tokio::test]
async fn plaid_mx_and_checkout_pages_issue_single_use_tokens() {
    let t = sandbox().await;
    let c = t.customer().await;
    let path = format!("/customers/{c}/exchanges");

    let s = session(&t, &c, "Plaid", None).await;
    let link_token = t.get(&format!("/exchange-sessions/{}", s.id())).await.body
        ["externalProviderSessionToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = read(
        t.http
            .get(t.url(&format!("/_sandbox/plaid-link?token={link_token}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200);
    let done = submit(&t, &s.id(), "action=approve").await;
    assert_eq!(done.status, 200);
    assert!(done.text.contains("postMessage"));
    let start = done.text.find("<pre id=\"result\">").unwrap() + 17;
    let end = done.text[start..].find("</pre>").unwrap() + start;
    let result: serde_json::Value =
        serde_json::from_str(&done.text[start..end].replace("&quot;", "\"")).unwrap();
    let public = result["publicToken"].as_str().unwrap();
    let plaid = t.partner_href("Plaid").await;
    let ex = t.post(&path, json!({"_links": {"exchange-partner": {"href": plaid}}, "plaid": {"publicToken": public}})).await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    let twice = t.post(&path, json!({"_links": {"exchange-partner": {"href": plaid}}, "plaid": {"publicToken": public}})).await;
    assert_eq!(twice.body["code"], "InvalidExchangeToken");

    // MX: the page records a connection the customer lists, with a `redirect` hop.
    let s = session(&t, &c, "MX", None).await;
    let cb = "http://127.0.0.1:8787/callback";
    let done = submit(
        &t,
        &s.id(),
        &format!(
            "action=approve&redirect={}",
            "http%3A%2F%2F127.0.0.1%3A8787%2Fcallback"
        ),
    )
    .await;
    assert_eq!(done.status, 303);
    assert!(done
        .location()
        .starts_with(&format!("{cb}?exchangeSession=")));
    let conns = t
        .get(&format!("/customers/{c}/available-exchange-connections"))
        .await;
    assert_dwolla_response(
        "/customers/{id}/available-exchange-connections",
        "get",
        200,
        HAL,
        &conns.body,
    );
    let token = conns.body["_embedded"]["available-exchange-connections"][0]
        ["availableConnectionToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let mx = t.partner_href("MX").await;
    let ex = t.post(&path, json!({"_links": {"exchange-partner": {"href": mx}}, "mx": {"availableConnectionToken": token}})).await;
    assert_eq!(ex.status, 201, "{}", ex.text);
    let other = t.customer().await;
    let s2 = session(&t, &other, "MX", None).await;
    let _ = submit(&t, &s2.id(), "action=approve").await;
    let foreign = t
        .get(&format!(
            "/customers/{other}/available-exchange-connections"
        ))
        .await
        .body["_embedded"]["available-exchange-connections"][0]["availableConnectionToken"]
        .clone();
    let wrong_customer = t.post(&path, json!({"_links": {"exchange-partner": {"href": mx}}, "mx": {"availableConnectionToken": foreign}})).await;
    assert_eq!(wrong_customer.body["code"], "InvalidExchangeToken");

    // An open redirect is refused: an unlisted `redirect` just shows the result page.
    let s3 = session(&t, &c, "Checkout.com", None).await;
    let data = t.get(&format!("/exchange-sessions/{}", s3.id())).await.body
        ["externalProviderSessionData"]
        .clone();
    let page = read(
        t.http
            .get(t.url(&format!(
                "/_sandbox/checkout?session={}",
                data["id"].as_str().unwrap()
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200);
    let done = submit(
        &t,
        &s3.id(),
        "action=approve&redirect=https%3A%2F%2Fevil.example%2F",
    )
    .await;
    assert_eq!(done.status, 200);
    assert!(done.text.contains("tok_sandbox_"));
    assert_eq!(t.counts().await["exchanges"], 2);
}

#[tokio::test]
async fn reauth_rules() {
    let t = sandbox().await;
    let c = t.customer().await;
    let flinks = t.partner_href("Flinks").await;
    let ex = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": flinks}}, "token": "t1"}),
        )
        .await;
    let forbidden = t
        .post(
            &format!("/exchanges/{}/exchange-sessions", ex.id()),
            json!({}),
        )
        .await;
    assert_eq!(forbidden.status, 403);
    let missing = t
        .post(
            "/exchanges/00000000-0000-4000-8000-000000000000/exchange-sessions",
            json!({}),
        )
        .await;
    assert_eq!(missing.status, 404);
    let plaid = t.partner_href("Plaid").await;
    let ex = t
        .post(
            &format!("/customers/{c}/exchanges"),
            json!({"_links": {"exchange-partner": {"href": plaid}}, "token": "t2"}),
        )
        .await;
    let empty = read(
        t.dwolla(
            reqwest::Method::POST,
            &format!("/exchanges/{}/exchange-sessions", ex.id()),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        empty.status, 201,
        "an empty body is a web re-auth session: {}",
        empty.text
    );
    let done = submit(&t, &empty.id(), "action=approve").await;
    assert!(done.text.contains("reauthenticated"));
}
