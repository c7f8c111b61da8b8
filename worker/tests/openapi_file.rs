//! `worker/openapi.json` is generated from the route table and the wire types; the
//! worker embeds it, serves it and validates bodies against it. It must be exactly what
//! they generate now.

use consent_exchange_worker::openapi::{document, generate, TEXT};
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
        TEXT == want,
        "worker/openapi.json differs from what the route table and the wire types generate; regenerate it with `{REGENERATE}`"
    );
    assert_eq!(*document(), generate());
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
