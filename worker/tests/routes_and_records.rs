//! Routing, the OpenAPI document, link-bank records and webhook ids.
#![allow(clippy::result_large_err)]

use consent_exchange_worker::api_types::{CreateExchangeRequest, ExchangeKind, LinkBankRequest};
use consent_exchange_worker::link_bank::{record_key, LinkBankRecord, Resource, Step};
use consent_exchange_worker::routes::{match_route, Match, Route};
use consent_exchange_worker::webhook::{event_id, RecentIds};

const C: &str = "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b";

#[test]
fn routes_match_methods_and_paths() {
    use Route::*;
    let table: Vec<(&str, String, Match)> = vec![
        ("GET", "/healthz".to_owned(), Match::Found(Health)),
        ("HEAD", "/healthz".to_owned(), Match::Found(Health)),
        ("GET", "/openapi.json".to_owned(), Match::Found(OpenApi)),
        (
            "POST",
            "/api/demo/customers".to_owned(),
            Match::Found(DemoCustomer),
        ),
        (
            "POST",
            "/api/sessions".to_owned(),
            Match::Found(IssueSession),
        ),
        (
            "GET",
            format!("/api/customers/{C}/events"),
            Match::Found(CustomerEvents(C.to_owned())),
        ),
        (
            "POST",
            format!("/api/customers/{C}/events"),
            Match::MethodNotAllowed(&["GET"]),
        ),
        (
            "POST",
            "/api/finicity/customers".to_owned(),
            Match::Found(FinicityCustomer),
        ),
        (
            "POST",
            "/api/finicity/connect-url".to_owned(),
            Match::Found(FinicityConnectUrl),
        ),
        (
            "GET",
            "/api/finicity/customers/123/accounts".to_owned(),
            Match::Found(FinicityAccounts("123".into())),
        ),
        (
            "POST",
            "/api/finicity/consent-receipts".to_owned(),
            Match::Found(FinicityConsentReceipt),
        ),
        (
            "GET",
            "/api/exchange-partners".to_owned(),
            Match::Found(ExchangePartners),
        ),
        (
            "POST",
            format!("/api/customers/{C}/exchanges"),
            Match::Found(CreateExchange(C.into())),
        ),
        (
            "POST",
            format!("/api/customers/{C}/exchange-sessions"),
            Match::Found(CreateExchangeSession(C.into())),
        ),
        (
            "POST",
            format!("/api/customers/{C}/funding-sources"),
            Match::Found(CreateFundingSource(C.into())),
        ),
        (
            "POST",
            format!("/api/exchanges/{C}/exchange-sessions"),
            Match::Found(ReauthExchangeSession(C.into())),
        ),
        (
            "GET",
            format!("/api/exchanges/{C}"),
            Match::Found(GetExchange(C.into())),
        ),
        ("POST", "/api/link-bank".to_owned(), Match::Found(LinkBank)),
        (
            "POST",
            "/webhooks/dwolla".to_owned(),
            Match::Found(DwollaWebhook),
        ),
        ("POST", "/api/link-bank/".to_owned(), Match::Found(LinkBank)),
        (
            "GET",
            "/api/link-bank".to_owned(),
            Match::MethodNotAllowed(&["POST"]),
        ),
        (
            "DELETE",
            "/healthz".to_owned(),
            Match::MethodNotAllowed(&["GET"]),
        ),
        ("GET", "/api/nope".to_owned(), Match::NotFound),
        (
            "GET",
            "/api/customers//exchanges".to_owned(),
            Match::NotFound,
        ),
        ("GET", "/".to_owned(), Match::NotFound),
    ];
    for (method, path, want) in table {
        assert_eq!(match_route(method, &path), want, "{method} {path}");
    }
    assert!(Route::is_api_path("/api/x"));
    assert!(!Route::is_api_path("/index.html"));
    assert!(!Route::is_api_path("/pkg/consent_exchange.js"));
}

/// A path of `template` with `id` for its parameter.
fn instantiate(template: &str, id: &str) -> String {
    template
        .split('/')
        .map(|part| if part.starts_with('{') { id } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_route_is_documented_and_matched_by_its_template() {
    use consent_exchange_worker::routes::IntoEnumIterator;
    let doc = consent_exchange_worker::openapi::document();
    assert_eq!(doc["openapi"], "3.1.0");
    let mut seen = std::collections::HashSet::new();
    let mut count = 0;
    for route in Route::iter() {
        let spec = route.spec();
        let op = &doc["paths"][spec.path][spec.method.key()];
        assert!(
            op.is_object(),
            "{} {} undocumented",
            spec.method.key(),
            spec.path
        );
        assert_eq!(op["operationId"], route.name());
        assert!(seen.insert((spec.path, spec.method)), "{} twice", spec.path);
        // The matcher reads the same table: the template matches its own route.
        let id = if spec.path.contains("/finicity/") {
            "123"
        } else {
            C
        };
        let path = instantiate(spec.path, id);
        let want = match &route {
            Route::FinicityAccounts(_) => Route::FinicityAccounts(id.into()),
            Route::CreateExchange(_) => Route::CreateExchange(id.into()),
            Route::CreateExchangeSession(_) => Route::CreateExchangeSession(id.into()),
            Route::ReauthExchangeSession(_) => Route::ReauthExchangeSession(id.into()),
            Route::GetExchange(_) => Route::GetExchange(id.into()),
            Route::CustomerEvents(_) => Route::CustomerEvents(id.into()),
            Route::CreateFundingSource(_) => Route::CreateFundingSource(id.into()),
            other => other.clone(),
        };
        assert_eq!(
            match_route(spec.method.allowed()[0], &path),
            Match::Found(want),
            "{path}"
        );
        // A documented path parameter is the one in the template.
        if spec.param.is_some() {
            assert_eq!(op["parameters"][0]["in"], "path", "{path}");
            assert!(spec.path.contains(&format!(
                "{{{}}}",
                op["parameters"][0]["name"].as_str().unwrap()
            )));
        }
        count += 1;
    }
    // Nothing documented that the table does not hold.
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|m| m.as_object().unwrap().len())
        .sum();
    assert_eq!(documented, count);
    // Every $ref resolves.
    let text = doc.to_string();
    for piece in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "dangling $ref {name}"
        );
    }
}

#[test]
fn the_validator_enforces_every_keyword_the_document_uses() {
    let doc = consent_exchange_worker::openapi::document();
    let mut bodies = 0;
    for methods in doc["paths"].as_object().unwrap().values() {
        for op in methods.as_object().unwrap().values() {
            let Some(r) = op
                .pointer("/requestBody/content/application~1json/schema/$ref")
                .and_then(|r| r.as_str())
            else {
                continue;
            };
            let name = r.trim_start_matches("#/components/schemas/");
            let schema = &doc["components"]["schemas"][name];
            bodies += 1;
            assert_eq!(
                consent_exchange_api::validate::unsupported_keywords(schema),
                Vec::<String>::new(),
                "{name}"
            );
        }
    }
    assert_eq!(bodies, 11);
    // Every pattern in the document is one the validator knows.
    let text = doc.to_string();
    for piece in text.split("\"pattern\":").skip(1) {
        let pattern: String = serde_json::Deserializer::from_str(piece)
            .into_iter::<String>()
            .next()
            .unwrap()
            .unwrap();
        assert!(
            consent_exchange_api::charset::charset(&pattern).is_some(),
            "unknown pattern {pattern}"
        );
    }
}

#[test]
fn cross_field_rules_are_listed_where_a_body_has_them() {
    let doc = consent_exchange_worker::openapi::document();
    let rules = |path: &str| doc["paths"][path]["post"]["x-cross-field-rules"].clone();
    let exchange = rules("/api/customers/{customerId}/exchanges");
    assert_eq!(exchange[0]["code"], "oneOf");
    assert_eq!(exchange[1]["path"], "/partnerName");
    assert_eq!(
        rules("/api/customers/{customerId}/funding-sources")[0]["code"],
        "oneOf"
    );
    assert!(rules("/api/link-bank").is_null());
}

#[test]
fn openapi_documents_the_optional_idempotency_keys() {
    let doc = consent_exchange_worker::openapi::document();
    let schemas = &doc["components"]["schemas"];
    for name in [
        "ExchangeSessionRequest",
        "ReauthRequest",
        "FundingSourceRequest",
        "CreateExchangeRequest",
    ] {
        let body = &schemas[name];
        let key = &body["properties"]["idempotencyKey"];
        assert_eq!(key["maxLength"], 255, "{body}");
        assert_eq!(key["minLength"], 1, "{body}");
        let required = body["required"].as_array().cloned().unwrap_or_default();
        assert!(!required.iter().any(|r| r == "idempotencyKey"), "{body}");
    }
    let fresh = schemas["ExchangeSessionRequest"]["properties"]["idempotencyKey"]["description"]
        .as_str()
        .unwrap();
    assert!(fresh.contains("fresh random key"), "{fresh}");
}

#[test]
fn the_documents_lists_are_the_librarys() {
    use consent_exchange_api::limits as l;
    assert_eq!(l::PRODUCTS, consent_exchange::receipt::KNOWN_PRODUCTS);
    assert_eq!(
        consent_exchange_worker::session_token::MAX_TTL_SECONDS,
        l::MAX_SESSION_TTL_SECONDS
    );
    assert_eq!(
        l::MAX_REDIRECT_LEN,
        consent_exchange_worker::redirect::MAX_REDIRECT_LEN
    );
    assert_eq!(
        l::MAX_FUNDING_SOURCE_NAME_LEN,
        consent_exchange::funding_source::MAX_NAME_CHARS
    );
    let mut ours = l::PARTNER_NAMES.to_vec();
    ours.sort_unstable();
    let mut library: Vec<&str> = consent_exchange::partners::Partner::ALL
        .iter()
        .map(|p| p.name())
        .collect();
    library.sort_unstable();
    assert_eq!(ours, library);
}

#[test]
fn bodies_carry_the_callers_idempotency_key() {
    use consent_exchange_worker::api_error::parse_body;
    use consent_exchange_worker::api_types::{
        ExchangeSessionRequest, FundingSourceRequest, ReauthRequest,
    };
    let s: ExchangeSessionRequest =
        parse_body(br#"{"partnerName": "MX", "idempotencyKey": "k-1"}"#).unwrap();
    assert_eq!(s.idempotency_key.as_deref(), Some("k-1"));
    let r: ReauthRequest = parse_body(b"{}").unwrap();
    assert_eq!(r.idempotency_key, None);
    let e: CreateExchangeRequest =
        parse_body(br#"{"partnerName": "Flinks", "token": "t", "idempotencyKey": "k-2"}"#).unwrap();
    assert_eq!(e.idempotency_key.as_deref(), Some("k-2"));
    let f: FundingSourceRequest = parse_body(
        format!(r#"{{"exchangeId": "{C}", "name": "n", "bankAccountType": "checking", "idempotencyKey": "k-3"}}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(f.idempotency_key.as_deref(), Some("k-3"));
    // A key that is not a string is a type error at its path, never a 500.
    let bad =
        parse_body::<ExchangeSessionRequest>(br#"{"partnerName": "MX", "idempotencyKey": 7}"#)
            .unwrap_err();
    assert_eq!(bad.status, 400);
    assert_eq!(bad.issues[0].path, "/idempotencyKey");
}

#[test]
fn exchange_bodies_pick_exactly_one_kind() {
    let parse = |s: &str| {
        serde_json::from_str::<CreateExchangeRequest>(s)
            .unwrap()
            .kind()
    };
    assert!(
        matches!(parse(r#"{"receipt":{"receiptId":"cr_1","customerId":12345678901234567890}}"#), Ok(ExchangeKind::Finicity(t)) if t.contains("12345678901234567890"))
    );
    assert!(
        matches!(parse(r#"{"receipt":"{\"a\":1}"}"#), Ok(ExchangeKind::Finicity(t)) if t == r#"{"a":1}"#)
    );
    assert!(matches!(
        parse(r#"{"partnerName":"Flinks","token":"t"}"#),
        Ok(ExchangeKind::Token { .. })
    ));
    assert!(matches!(
        parse(r#"{"partnerName":"MX","availableConnectionToken":"t"}"#),
        Ok(ExchangeKind::Mx(_))
    ));
    assert!(matches!(
        parse(r#"{"partnerName":"Plaid","publicToken":"t"}"#),
        Ok(ExchangeKind::Plaid(_))
    ));
    assert_eq!(
        parse(r#"{"token":"t"}"#).unwrap_err()[0].path,
        "/partnerName"
    );
    assert_eq!(parse("{}").unwrap_err()[0].code, "oneOf");
    assert_eq!(
        parse(r#"{"token":"t","publicToken":"p","partnerName":"Plaid"}"#).unwrap_err()[0].code,
        "oneOf"
    );
}

fn body(account: &str) -> LinkBankRequest {
    LinkBankRequest {
        finicity_customer_id: "1005061234".into(),
        account_id: account.into(),
        name: "Checking".into(),
        bank_account_type: "checking".into(),
        duration_days: None,
    }
}

#[test]
fn link_bank_records_resume_in_order() {
    assert_eq!(record_key(C, &body("1")), record_key(C, &body("1")));
    assert_ne!(record_key(C, &body("1")), record_key(C, &body("2")));
    assert_ne!(
        record_key(C, &body("1")),
        record_key("00000000-0000-0000-0000-000000000000", &body("1"))
    );
    let mut r = LinkBankRecord::default();
    assert_eq!(r.next_step(), Step::Receipt);
    r.receipt = Some(serde_json::json!({"receipt": {}}));
    assert_eq!(r.next_step(), Step::Exchange);
    r.exchange = Some(Resource {
        id: "e".into(),
        href: "h".into(),
    });
    assert_eq!(r.next_step(), Step::FundingSource);
    r.funding_source = Some(Resource {
        id: "f".into(),
        href: "h".into(),
    });
    assert_eq!(r.next_step(), Step::Done);
    let round: LinkBankRecord = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(round, r);
    assert_eq!(Step::FundingSource.name(), "fundingSource");
}

#[test]
fn link_bank_is_keyed_on_what_is_linked_not_on_the_nickname() {
    let mut other = body("1");
    other.name = "Savings under another name".into();
    other.bank_account_type = "savings".into();
    other.duration_days = Some(30);
    assert_eq!(record_key(C, &body("1")), record_key(C, &other));
    assert_eq!(
        record_key(C, &body("1")),
        record_key(&C.to_uppercase(), &body("1"))
    );
    let mut foreign = body("1");
    foreign.finicity_customer_id = "1005069999".into();
    assert_ne!(record_key(C, &body("1")), record_key(C, &foreign));
}

#[test]
fn abandoned_receipts_are_kept_for_revocation_once() {
    let mut r = LinkBankRecord {
        receipt: Some(serde_json::json!({"receipt": {"receiptId": "cr_1"}, "proof": {}})),
        ..LinkBankRecord::default()
    };
    r.abandon_receipt();
    assert_eq!(r.receipt, None);
    assert_eq!(r.next_step(), Step::Receipt);
    assert_eq!(r.abandoned_receipts, ["cr_1"]);
    r.receipt = Some(serde_json::json!({"receipt": {"receiptId": "cr_1"}}));
    r.abandon_receipt();
    assert_eq!(r.abandoned_receipts, ["cr_1"]);
    r.receipt = Some(serde_json::json!({"receipt": {}}));
    r.abandon_receipt();
    assert_eq!(r.abandoned_receipts, ["cr_1"]);
    // Records saved before the field existed still load.
    let old: LinkBankRecord = serde_json::from_str(r#"{"receipt": {"receipt": {}}}"#).unwrap();
    assert!(old.abandoned_receipts.is_empty());
}

#[test]
fn webhook_ids_and_recent_memory() {
    assert_eq!(
        event_id(br#"{"id":"ev-1","topic":"customer_created"}"#).as_deref(),
        Some("ev-1")
    );
    for bad in [
        &b"{}"[..],
        b"[]",
        b"not json",
        br#"{"id":7}"#,
        br#"{"id":""}"#,
    ] {
        assert_eq!(event_id(bad), None);
    }
    let mut recent = RecentIds::with_capacity(2);
    assert!(recent.insert("a"));
    assert!(!recent.insert("a"));
    assert!(recent.insert("b"));
    assert!(recent.insert("c"));
    assert!(!recent.contains("a"), "oldest evicted");
    assert!(recent.contains("c"));
}

/// `{customerId}`, `{exchangeId}`, `{id}`: any parameter reads as `{id}`.
fn any_param(path: &str) -> String {
    path.split('/')
        .map(|p| if p.starts_with('{') { "{id}" } else { p })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn the_route_table_of_the_docs_is_the_workers() {
    use consent_exchange_worker::routes::{Access, IntoEnumIterator};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/worker-api.md"
    ))
    .unwrap();
    let mut documented: Vec<(String, String, bool)> = text
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("| `")?;
            let (method, path) = rest.get(..rest.find('`')?)?.split_once(' ')?;
            if method != "GET" && method != "POST" {
                return None;
            }
            // The session column: `–` for a route anyone may call.
            let public = line.split('|').nth(2)?.trim().starts_with('–');
            Some((method.to_owned(), any_param(path), public))
        })
        .collect();
    let mut routes: Vec<(String, String, bool)> = Route::iter()
        .map(|r| {
            let spec = r.spec();
            (
                spec.method.allowed()[0].to_owned(),
                any_param(spec.path),
                spec.access == Access::Public,
            )
        })
        .collect();
    documented.sort();
    routes.sort();
    assert_eq!(documented, routes);
}

#[test]
fn the_published_uuid_check_is_the_librarys() {
    for s in [
        C,
        "3B1E6F1A-2C4D-4E5F-8A9B-0C1D2E3F4A5B",
        "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5",
        "3b1e6f1a_2c4d-4e5f-8a9b-0c1d2e3f4a5b",
        "3b1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5g",
        "",
        "ü1e6f1a-2c4d-4e5f-8a9b-0c1d2e3f4a5b",
    ] {
        assert_eq!(
            consent_exchange_api::charset::is_uuid(s),
            consent_exchange::ids::is_uuid(s),
            "{s}"
        );
    }
}
