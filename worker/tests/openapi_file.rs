//! `worker/openapi.json` is generated from the route table and the wire types; the
//! worker embeds it, serves it and validates bodies against it. It must be exactly what
//! they generate now.

use consent_exchange_api::validate::validate_in;
use consent_exchange_worker::openapi::{
    document, generate, request_schema, schemas_for, SCHEMAS, TEXT,
};
use serde_json::{json, Value};

/// The committed file, pretty-printed; the worker embeds it compact ([`TEXT`]).
const COMMITTED: &str = include_str!("../openapi.json");
use consent_exchange_worker::routes::{IntoEnumIterator, Route};

const REGENERATE: &str =
    "UPDATE_OPENAPI=1 cargo test -p consent-exchange-worker --test openapi_file";

fn generated_text() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).unwrap();
    text.push('\n');
    text
}

#[test]
fn the_committed_document_is_the_generated_one() {
    let want = generated_text();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
        std::fs::write(path, &want).unwrap();
        return;
    }
    assert!(
        COMMITTED == want,
        "worker/openapi.json differs from what the route table and the wire types generate; regenerate it with `{REGENERATE}`"
    );
    assert_eq!(*document(), generate());
}

#[test]
fn the_served_document_is_the_committed_one_compact() {
    // Byte for byte what serde_json writes compact: same strings, numbers and key order
    // as the committed file, no whitespace between tokens.
    let committed: serde_json::Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(TEXT, serde_json::to_string(&committed).unwrap());
    assert!(TEXT.len() < COMMITTED.len() * 6 / 10, "{}", TEXT.len());
}

/// Every `$ref` target in `value`, as a component name.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => out.push(
                        target
                            .strip_prefix("#/components/schemas/")
                            .unwrap()
                            .to_owned(),
                    ),
                    _ => refs(member, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

#[test]
fn each_body_is_checked_against_the_documents_own_schemas_and_all_they_reach() {
    let components = document()["components"]["schemas"].as_object().unwrap();
    assert_eq!(SCHEMAS.len(), components.len());
    for (name, at, _) in &SCHEMAS {
        let name: &str = name;
        // Its place in the served text holds the document's own schema.
        let text: Value = serde_json::from_str(&TEXT[at.clone()]).unwrap();
        assert_eq!(text, components[name], "{name}");
        let root = schemas_for(name);
        let cut = root["components"]["schemas"].as_object().unwrap();
        assert_eq!(root.as_object().unwrap().len(), 1, "{name}");
        assert!(cut.contains_key(name), "{name}");
        for (included, schema) in cut {
            assert_eq!(schema, &components[included], "{name}: {included}");
            // Complete: whatever an included schema refers to is included too.
            let mut targets = Vec::new();
            refs(schema, &mut targets);
            for target in targets {
                assert!(
                    cut.contains_key(&target),
                    "{name}: {included} refers to {target}, not included"
                );
            }
        }
    }
}

#[test]
fn a_cut_checks_a_body_exactly_as_the_whole_document_does() {
    let whole = document();
    let values = [
        json!(null),
        json!([]),
        json!("text"),
        json!({}),
        json!({ "unexpected": 1 }),
        json!({ "customerId": "not-a-uuid", "receipt": 7, "redirectUrl": "ftp://x", "name": "" }),
    ];
    let mut checked = 0;
    for route in Route::iter() {
        let Some(body) = route.spec().request else {
            continue;
        };
        let body = (body.name)();
        let schema = request_schema(body);
        for value in &values {
            assert_eq!(
                validate_in(schemas_for(body), &schema, value),
                validate_in(whole, &schema, value),
                "{body}: {value}"
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
    // A name with no component fails closed.
    assert!(!validate_in(
        schemas_for("NoSuchBody"),
        &request_schema("NoSuchBody"),
        &json!({})
    )
    .is_empty());
}

#[test]
fn every_request_body_is_validated_against_its_own_component() {
    let doc = document();
    let mut bodies = 0;
    for route in Route::iter() {
        let spec = route.spec();
        let Some(body) = spec.request else { continue };
        bodies += 1;
        let documented = &doc["paths"][spec.path][spec.method.key()]["requestBody"]["content"]
            ["application/json"]["schema"]["$ref"];
        assert_eq!(
            documented.as_str(),
            Some(format!("#/components/schemas/{}", (body.name)()).as_str()),
            "{}",
            spec.path
        );
    }
    assert_eq!(bodies, 11);
}

#[test]
fn every_component_uses_only_enforced_keywords_and_known_refs() {
    let doc = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(!schemas.is_empty());
    for (name, schema) in schemas {
        assert_eq!(
            consent_exchange_api::validate::unsupported_keywords(schema),
            Vec::<String>::new(),
            "{name}"
        );
    }
    let text = doc.to_string();
    for piece in text.split("\"$ref\":").skip(1) {
        let target: String = serde_json::Deserializer::from_str(piece)
            .into_iter::<String>()
            .next()
            .unwrap()
            .unwrap();
        let pointer = target.strip_prefix('#').expect("a local $ref");
        assert!(doc.pointer(pointer).is_some(), "dangling $ref {target}");
    }
}

/// The worker checks a body against its component in the embedded document (`$ref`s
/// followed); the library's own tests check it against the schema schemars inlines.
/// Both must give the same issues.
#[test]
fn the_document_refuses_what_the_derived_schemas_refuse() {
    use consent_exchange_api::request::*;
    use consent_exchange_api::validate::parse;
    use consent_exchange_worker::api_error::parse_body;

    const BODIES: &[&str] = &[
        "",
        "{}",
        "[]",
        "7",
        r#"{"unknown": 1}"#,
        r#"{"customerId": 5, "accountIds": ["1", "1", "x"], "durationDays": 0}"#,
        r#"{"customerId": "12", "accountId": "3", "name": "", "bankAccountType": "gold"}"#,
        r#"{"firstName": " ", "lastName": "L", "email": "not-an-email"}"#,
        r#"{"receipt": {"a": 1}, "token": "t"}"#,
        r#"{"token": "t"}"#,
        r#"{"exchangeId": "00000000-0000-0000-0000-000000000000", "exchangeHref": "https://x", "name": "n", "bankAccountType": "checking"}"#,
        r#"{"products": [], "customerId": "1", "accountIds": ["1"]}"#,
        r#"{"idempotencyKey": "", "redirectUrl": "https://example.com", "partnerName": "Nope"}"#,
        r#"{"dwollaCustomerId": "00000000-0000-0000-0000-000000000000", "ttlSeconds": 1e9}"#,
    ];

    fn agree<T: serde::de::DeserializeOwned + schemars::JsonSchema + 'static>() -> usize {
        let mut refused = 0;
        for body in BODIES {
            let derived: Vec<(String, String, String)> = parse::<T>(body.as_bytes())
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i.path, i.code, i.message))
                .collect();
            let published: Vec<(String, String, String)> = parse_body::<T>(body.as_bytes())
                .err()
                .map(|e| e.issues)
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i.path, i.code, i.message))
                .collect();
            refused += usize::from(!derived.is_empty());
            assert_eq!(derived, published, "{} {body}", std::any::type_name::<T>());
        }
        refused
    }

    let refused = agree::<DemoCustomerRequest>()
        + agree::<SessionRequest>()
        + agree::<FinicityCustomerRequest>()
        + agree::<ConnectUrlRequest>()
        + agree::<ConsentReceiptRequest>()
        + agree::<CreateExchangeRequest>()
        + agree::<ExchangeSessionRequest>()
        + agree::<ReauthRequest>()
        + agree::<FundingSourceRequest>()
        + agree::<LinkBankRequest>()
        + agree::<DwollaWebhookEvent>();
    // Most bodies break most schemas: the comparison is over real refusals.
    assert!(refused > BODIES.len() * 11 / 2, "{refused}");
}
