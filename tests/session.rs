//! Exchange sessions: Dwolla's documented requests reproduced exactly, every partner
//! rule and error code, re-auth sessions, and reading sessions and Visa redirects.

mod docs_examples;

use consent_exchange::session::{
    exchange_session, read_exchange_session, read_visa_redirect, reauth_exchange_session,
    ExchangeSessionInput, Platform, ReauthExchangeSessionInput, SessionLaunch, VisaRedirect,
};
use consent_exchange::{CodedError, DwollaRequest, Environment, Method};
use docs_examples::{request_example, response_example, schema, validator};
use serde_json::{json, Value};

const PAGE: &str = "create-exchange-session-for-a-customer.mdx";
const READ_PAGE: &str = "retrieve-an-exchange-session.mdx";
const CUSTOMER: &str = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
const HAL: &str = "application/vnd.dwolla.v1.hal+json";

fn partner_href(body: &Value) -> String {
    body.pointer("/_links/exchange-partner/href")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned()
}

fn input(partner: &str, href: &str) -> ExchangeSessionInput {
    ExchangeSessionInput {
        customer_id: CUSTOMER.into(),
        partner_name: partner.into(),
        partner_href: href.into(),
        environment: Some(Environment::Production),
        ..Default::default()
    }
}

fn body(request: &DwollaRequest) -> Value {
    serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
}

/// Builds the request for one docs example and checks it matches byte for byte.
fn reproduce(heading: &str, partner: &str, platform: Option<Platform>) -> DwollaRequest {
    let (method, url, expected) = request_example(PAGE, heading);
    let mut i = input(partner, &partner_href(&expected));
    i.platform = platform;
    i.redirect_url = expected
        .pointer("/_links/redirect-url/href")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let request = exchange_session(&i).unwrap();
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url, url);
    assert_eq!(body(&request), expected, "{heading}");
    assert_eq!(
        request.body.as_deref().unwrap(),
        expected.to_string(),
        "compact, in order"
    );
    assert_eq!(request.headers.get("Accept").unwrap(), HAL);
    assert_eq!(request.headers.get("Content-Type").unwrap(), HAL);
    assert_eq!(
        request.headers.get("Idempotency-Key"),
        request.idempotency_key.as_ref()
    );
    assert!(!request
        .headers
        .keys()
        .any(|k| k.eq_ignore_ascii_case("authorization")));
    request
}

#[test]
fn reproduces_every_documented_request() {
    let visa = reproduce("### Request and Response (Visa)", "Visa", None);
    insta::assert_json_snapshot!("visa_session", visa);
    reproduce("### Request and Response (Plaid - Web)", "Plaid", None);
    reproduce(
        "### Request and Response (Plaid - Web)",
        "plaid",
        Some(Platform::Web),
    );
    reproduce(
        "### Request and Response (Plaid - Android)",
        "Plaid",
        Some(Platform::Android),
    );
    reproduce(
        "### Request and Response (Plaid - iOS)",
        "Plaid",
        Some(Platform::Ios),
    );
    reproduce("### Request and Response (MX)", "MX", None);
}

/// Contradiction 5 of `shared/specs/README.md`: the spec's `oneOf` matches both
/// branches once a redirect URL is present, and `format: uri` refuses the Android
/// package name the docs require. Each body is therefore checked against its own
/// branch, and the spec's failures are asserted so a fixed spec shows up here.
#[test]
fn bodies_match_the_specs_own_branch_schemas() {
    let with_redirect = schema("CreateCustomerExchangeSessionWithRedirect");
    let for_web = schema("CreateCustomerExchangeSessionForWeb");
    let strict = validator(&with_redirect, true);
    let lax = validator(&with_redirect, false);
    let web = validator(&for_web, true);

    let visa = body(&reproduce("### Request and Response (Visa)", "Visa", None));
    let ios = body(&reproduce(
        "### Request and Response (Plaid - iOS)",
        "Plaid",
        Some(Platform::Ios),
    ));
    let android = body(&reproduce(
        "### Request and Response (Plaid - Android)",
        "Plaid",
        Some(Platform::Android),
    ));
    let mx = body(&reproduce("### Request and Response (MX)", "MX", None));
    assert!(strict.is_valid(&visa) && strict.is_valid(&ios));
    assert!(web.is_valid(&mx) && !strict.is_valid(&mx));
    // Spec bug: a package name is not a `format: uri`, yet it is what Plaid needs.
    assert!(!strict.is_valid(&android) && lax.is_valid(&android));
    // Spec bug: without `additionalProperties: false` the web branch matches too, so
    // the raw `oneOf` rejects every body that carries a redirect URL.
    assert!(web.is_valid(&visa));
    let one_of = validator(&json!({ "oneOf": [with_redirect, for_web] }), true);
    assert!(!one_of.is_valid(&visa) && one_of.is_valid(&mx));
}

fn visa(redirect: Option<&str>, allowed: Option<&[&str]>) -> ExchangeSessionInput {
    let mut i = input(
        "Visa",
        "https://api.dwolla.com/exchange-partners/2d36c06f-e283-49d8-829f-d4941a73fd6a",
    );
    i.redirect_url = redirect.map(str::to_owned);
    i.allowed_redirect_urls = allowed.map(|a| a.iter().map(|s| s.to_string()).collect());
    i
}

fn code(input: &ExchangeSessionInput) -> &'static str {
    exchange_session(input).unwrap_err().code()
}

#[test]
fn visa_needs_an_allowed_http_redirect_url() {
    let cb = "https://www.yourdomain.com/iav-callback";
    assert!(exchange_session(&visa(Some(cb), None)).is_ok());
    assert!(exchange_session(&visa(Some(cb), Some(&["https://other.example/cb", cb]))).is_ok());
    assert!(exchange_session(&visa(Some("http://127.0.0.1:8080/cb"), None)).is_ok());
    assert_eq!(code(&visa(None, None)), "RedirectUrlRequired");
    assert_eq!(code(&visa(None, Some(&[cb]))), "RedirectUrlRequired");
    assert_eq!(code(&visa(None, Some(&[]))), "RedirectUrlNotConfigured");
    assert_eq!(code(&visa(Some(cb), Some(&[]))), "RedirectUrlNotConfigured");
    for bad in [
        "com.example.app",
        "javascript:alert(1)",
        "ftp://x.com/cb",
        "https://",
        "/iav-callback",
    ] {
        assert_eq!(code(&visa(Some(bad), None)), "RedirectUrlInvalid", "{bad}");
    }
    // Exact match, as Dwolla compares: a trailing slash or another scheme differs.
    for near in [
        "https://www.yourdomain.com/iav-callback/",
        "http://www.yourdomain.com/iav-callback",
        "https://www.yourdomain.com/iav-callback?x=1",
    ] {
        assert_eq!(
            code(&visa(Some(near), Some(&[cb]))),
            "RedirectUrlNotAllowed",
            "{near}"
        );
    }
}

#[test]
fn plaid_rules_depend_on_the_platform() {
    let href = "https://api.dwolla.com/exchange-partners/f53ffb32-c84f-496a-9d9d-acd100d396ef";
    let plaid = |platform, redirect: Option<&str>| {
        let mut i = input("Plaid", href);
        i.platform = platform;
        i.redirect_url = redirect.map(str::to_owned);
        exchange_session(&i).map_err(|e| e.code())
    };
    assert!(plaid(None, None).is_ok());
    assert_eq!(
        plaid(None, Some("https://example.com/app123")).unwrap_err(),
        "RedirectUrlNotAllowed"
    );
    assert_eq!(
        plaid(Some(Platform::Android), None).unwrap_err(),
        "RedirectUrlRequired"
    );
    assert_eq!(
        plaid(Some(Platform::Android), Some("https://example.com/app")).unwrap_err(),
        "RedirectUrlInvalid"
    );
    assert_eq!(
        plaid(Some(Platform::Android), Some("com")).unwrap_err(),
        "RedirectUrlInvalid"
    );
    assert_eq!(
        plaid(Some(Platform::Ios), None).unwrap_err(),
        "RedirectUrlRequired"
    );
    assert_eq!(
        plaid(Some(Platform::Ios), Some("com.example.app123")).unwrap_err(),
        "RedirectUrlInvalid"
    );
    assert!(plaid(Some(Platform::Ios), Some("http://example.com/app123")).is_ok());
}

#[test]
fn checkout_takes_no_redirect_finicity_and_flinks_have_no_sessions() {
    let href = "https://api.dwolla.com/exchange-partners/2164407f-33c3-4555-a6a1-40d5e9e58744";
    for partner in ["Checkout.com", "CHECKOUT.COM"] {
        let mut i = input(partner, href);
        assert!(exchange_session(&i).is_ok(), "{partner}");
        i.platform = Some(Platform::Ios);
        assert!(
            exchange_session(&i).is_ok(),
            "{partner} ignores the platform"
        );
        i.redirect_url = Some("https://example.com/cb".into());
        assert_eq!(code(&i), "RedirectUrlNotAllowed", "{partner}");
    }
    for partner in ["Finicity", "Mastercard", "flinks"] {
        let err = exchange_session(&input(partner, href)).unwrap_err();
        assert_eq!(err.code(), "SessionsNotSupported", "{partner}");
    }
    assert_eq!(code(&input("Yodlee", href)), "UnknownPartner");
}

/// Seed 003: "For MX exchange sessions, this parameter is not required": optional,
/// and checked against the allow-list when given.
#[test]
fn mx_redirect_url_is_optional_and_checked_when_given() {
    let href = "https://api.dwolla.com/exchange-partners/2164407f-33c3-4555-a6a1-40d5e9e58744";
    for partner in ["MX", "mx"] {
        let mut i = input(partner, href);
        assert_eq!(
            body(&exchange_session(&i).unwrap()),
            json!({"_links": {"exchange-partner": {"href": href}}})
        );
        i.platform = Some(Platform::Ios);
        assert!(
            exchange_session(&i).is_ok(),
            "{partner} ignores the platform"
        );
        i.redirect_url = Some("https://example.com/cb".into());
        let sent = body(&exchange_session(&i).unwrap());
        assert_eq!(
            sent["_links"]["redirect-url"]["href"],
            "https://example.com/cb"
        );
        i.allowed_redirect_urls = Some(vec!["https://example.com/cb".into()]);
        assert!(exchange_session(&i).is_ok());
        i.allowed_redirect_urls = Some(vec!["https://example.com/other".into()]);
        assert_eq!(code(&i), "RedirectUrlNotAllowed");
        i.allowed_redirect_urls = Some(vec![]);
        assert_eq!(code(&i), "RedirectUrlNotConfigured");
        i.redirect_url = Some("com.example.app123".into());
        i.allowed_redirect_urls = None;
        assert_eq!(code(&i), "RedirectUrlInvalid");
        // Without a URL, an empty allow-list does not matter.
        i.redirect_url = None;
        i.allowed_redirect_urls = Some(vec![]);
        assert!(exchange_session(&i).is_ok());
    }
}

#[test]
fn ids_hrefs_targets_and_keys() {
    let ok = visa(Some("https://www.yourdomain.com/iav-callback"), None);
    let mut i = ok.clone();
    i.customer_id = "not-a-uuid".into();
    assert_eq!(code(&i), "InvalidCustomerId");
    let mut i = ok.clone();
    i.partner_href = "https://api.dwolla.com/exchanges/2d36c06f-e283-49d8-829f-d4941a73fd6a".into();
    assert_eq!(code(&i), "InvalidPartnerHref");
    let mut i = ok.clone();
    i.environment = Some(Environment::Sandbox);
    assert_eq!(code(&i), "EnvironmentMismatch");
    i.environment = None;
    assert_eq!(code(&i), "EnvironmentMismatch", "sandbox is the default");
    let mut i = ok.clone();
    i.base_url = Some("127.0.0.1:8790".into());
    assert_eq!(code(&i), "InvalidBaseUrl");
    i.base_url = Some("http://127.0.0.1:8790/".into());
    let local = exchange_session(&i).unwrap();
    assert_eq!(
        local.url,
        format!("http://127.0.0.1:8790/customers/{CUSTOMER}/exchange-sessions")
    );
    let mut i = ok.clone();
    i.idempotency_key = Some(String::new());
    assert_eq!(code(&i), "InvalidIdempotencyKey");
    i.idempotency_key = Some("attempt-2".into());
    assert_eq!(
        exchange_session(&i)
            .unwrap()
            .headers
            .get("Idempotency-Key")
            .unwrap(),
        "attempt-2"
    );

    let a = exchange_session(&ok).unwrap();
    assert_eq!(
        a.idempotency_key,
        exchange_session(&ok).unwrap().idempotency_key
    );
    let mut other = ok.clone();
    other.redirect_url = Some("https://www.yourdomain.com/other".into());
    assert_ne!(
        a.idempotency_key,
        exchange_session(&other).unwrap().idempotency_key
    );
}

#[test]
fn error_messages() {
    let cases: Vec<(String, String)> = [
        visa(None, None),
        visa(None, Some(&[])),
        visa(Some("ftp://x"), None),
        visa(Some("https://a.example/x"), Some(&["https://b.example/x"])),
        input(
            "Flinks",
            "https://api.dwolla.com/exchange-partners/a0b22a57-68df-4450-b507-47c937e64e89",
        ),
        input(
            "Yodlee",
            "https://api.dwolla.com/exchange-partners/a0b22a57-68df-4450-b507-47c937e64e89",
        ),
    ]
    .iter()
    .map(|i| {
        let e = exchange_session(i).unwrap_err();
        (e.code().to_owned(), e.to_string())
    })
    .collect();
    insta::assert_json_snapshot!("session_errors", cases);
}

#[test]
fn reauth_sessions() {
    let exchange = "74a207b2-b7b7-4efa-8bf8-582148e7b980";
    let documented = json!({ "_links": { "redirect-url": { "href": "https://www.yourdomain.com/iav-callback" } } });
    let reauth = |partner: Option<&str>, platform, redirect: Option<&str>| {
        reauth_exchange_session(&ReauthExchangeSessionInput {
            exchange_id: exchange.into(),
            partner_name: partner.map(str::to_owned),
            platform,
            redirect_url: redirect.map(str::to_owned),
            environment: Some(Environment::Production),
            ..Default::default()
        })
    };
    let r = reauth(None, None, Some("https://www.yourdomain.com/iav-callback")).unwrap();
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        r.url,
        format!("https://api.dwolla.com/exchanges/{exchange}/exchange-sessions")
    );
    assert_eq!(body(&r), documented);
    let web = reauth(None, None, None).unwrap();
    assert_eq!(web.body.as_deref(), Some("{}"));
    assert!(
        validator(&schema("CreateReAuthExchangeSessionWithRedirect"), true).is_valid(&body(&r))
    );
    assert!(validator(&schema("CreateReAuthExchangeSessionForWeb"), true).is_valid(&body(&web)));
    assert!(reauth(None, Some(Platform::Android), Some("com.example.app123")).is_ok());
    assert_eq!(
        reauth(None, Some(Platform::Android), None)
            .unwrap_err()
            .code(),
        "RedirectUrlRequired"
    );
    assert_eq!(
        reauth(Some("Visa"), None, None).unwrap_err().code(),
        "RedirectUrlRequired"
    );
    assert_eq!(
        reauth(Some("Plaid"), None, Some("https://x.example"))
            .unwrap_err()
            .code(),
        "RedirectUrlNotAllowed"
    );
    assert_eq!(
        reauth(Some("Flinks"), None, None).unwrap_err().code(),
        "SessionsNotSupported"
    );
    assert_eq!(
        reauth(None, None, Some("not a url")).unwrap_err().code(),
        "RedirectUrlInvalid"
    );
    let bad = reauth_exchange_session(&ReauthExchangeSessionInput {
        exchange_id: "36c8a60".into(),
        ..Default::default()
    });
    assert_eq!(bad.unwrap_err().code(), "InvalidExchangeId");
}

#[test]
fn reads_the_documented_sessions() {
    let visa = response_example(READ_PAGE, "### Request and response (Visa)");
    let mx = response_example(READ_PAGE, "### Request and response (MX)");
    let plaid = response_example(READ_PAGE, "### Request and response (Plaid)");
    for session in [&visa, &mx] {
        let href = session
            .pointer("/_links/external-provider-session/href")
            .unwrap();
        assert_eq!(
            read_exchange_session(session).unwrap(),
            SessionLaunch::Redirect {
                url: href.as_str().unwrap().to_owned()
            }
        );
    }
    let launch = read_exchange_session(&plaid).unwrap();
    assert_eq!(
        launch,
        SessionLaunch::PlaidLink {
            link_token: "link-production-b41e8ed3-0874-4c64-b07d-a77088979d5f".into()
        }
    );
    insta::assert_json_snapshot!("plaid_launch", launch);
    // The spec's own ExchangeSession example, assembled from its property examples.
    let spec_session = schema("ExchangeSession");
    let spec_href = spec_session
        .pointer("/properties/_links/properties/external-provider-session/properties/href/example")
        .unwrap();
    let built = json!({ "_links": { "external-provider-session": { "href": spec_href } } });
    assert!(matches!(
        read_exchange_session(&built).unwrap(),
        SessionLaunch::Redirect { .. }
    ));
}

#[test]
fn reads_checkout_sessions_and_refuses_the_rest() {
    // No published example: the shape of Checkout.com's payment session is passed on
    // untouched, whatever it is.
    let data = json!({ "id": "ps_2Un6Xv", "payment_session_token": "YmFzZTY0", "payment_session_secret": "pss_x" });
    let launch =
        read_exchange_session(&json!({ "_links": {}, "externalProviderSessionData": data }))
            .unwrap();
    assert_eq!(launch, SessionLaunch::Checkout { session: data });
    assert_eq!(serde_json::to_value(&launch).unwrap()["kind"], "checkout");
    let code = |v: Value| read_exchange_session(&v).unwrap_err().code();
    assert_eq!(code(json!("text")), "InvalidSessionBody");
    assert_eq!(code(json!({ "_links": {} })), "NoProviderSession");
    assert_eq!(
        code(json!({ "externalProviderSessionToken": "" })),
        "NoProviderSession"
    );
    assert_eq!(
        code(
            json!({ "_links": { "external-provider-session": { "href": "javascript:alert(1)" } } })
        ),
        "InvalidProviderUrl"
    );
}

#[test]
fn reads_visa_redirects() {
    // The docs' own examples.
    assert_eq!(
        read_visa_redirect(
            "https://www.myapp.com/iav-redirect?exchange=10cde28b-6a39-4ed1-bce9-aa611a360720"
        )
        .unwrap(),
        VisaRedirect::Exchange {
            exchange_id: "10cde28b-6a39-4ed1-bce9-aa611a360720".into()
        }
    );
    for error in ["USER_CANCELLED", "AUTHENTICATION_ERROR", "TEMPORARY_ERROR"] {
        let url = format!("https://www.myapp.com/iav-redirect?error={error}");
        assert_eq!(
            read_visa_redirect(&url).unwrap(),
            VisaRedirect::Error {
                error: error.into()
            }
        );
    }
    // location.search, encoded values, fragments, other parameters.
    assert_eq!(
        read_visa_redirect("?state=x&exchange=10cde28b%2D6a39-4ed1-bce9-aa611a360720#top").unwrap(),
        VisaRedirect::Exchange {
            exchange_id: "10cde28b-6a39-4ed1-bce9-aa611a360720".into()
        }
    );
    assert_eq!(
        serde_json::to_value(read_visa_redirect("/cb?error=USER_CANCELLED&exchange=x").unwrap())
            .unwrap(),
        json!({ "error": "USER_CANCELLED" })
    );
    for bad in [
        "https://www.myapp.com/iav-redirect",
        "https://www.myapp.com/iav-redirect?exchange=123",
        "https://www.myapp.com/iav-redirect?error=%3Cscript%3E",
        "https://www.myapp.com/iav-redirect?error=",
        "",
    ] {
        assert_eq!(
            read_visa_redirect(bad).unwrap_err().code(),
            "InvalidVisaRedirect",
            "{bad}"
        );
    }
}
