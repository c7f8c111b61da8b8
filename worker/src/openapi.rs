//! The OpenAPI 3.1 document of the worker's API, served at `/openapi.json`, generated
//! from the route table ([`Route::spec`]) and the schemas of the wire types
//! (`consent-exchange-api`). The request schemas are the ones every body is checked
//! against, so the document describes exactly what the worker accepts.
//!
//! A native build generates it ([`generate`]) into `worker/openapi.json`, which the
//! wasm embeds ([`TEXT`]), serves as it is and validates bodies against
//! ([`request_schema`]): the worker's wasm carries no schema generator. A native test
//! fails when the committed file differs from what [`generate`] makes; regenerate it
//! with `UPDATE_OPENAPI=1 cargo test -p consent-exchange-worker --test openapi_file`.

use std::sync::OnceLock;

#[cfg(not(target_arch = "wasm32"))]
use schemars::generate::SchemaSettings;
#[cfg(not(target_arch = "wasm32"))]
use schemars::SchemaGenerator;
use serde_json::Value;
#[cfg(not(target_arch = "wasm32"))]
use serde_json::{json, Map};

#[cfg(not(target_arch = "wasm32"))]
use consent_exchange_api::charset;
#[cfg(not(target_arch = "wasm32"))]
use consent_exchange_api::limits as l;
#[cfg(not(target_arch = "wasm32"))]
use consent_exchange_api::ErrorBody;

#[cfg(not(target_arch = "wasm32"))]
use crate::routes::{Access, Errors, Id, IntoEnumIterator, Route, Spec};

/// The generated document as served: the committed `worker/openapi.json` without the
/// whitespace between its tokens (`build.rs`), the same JSON in 49 KB instead of 88 KB.
pub const TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/openapi.json"));

/// The embedded document, parsed once per isolate (on first use).
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    // The file is checked to be this very JSON by the native tests; `Null` would only
    // make every body fail closed (`$ref`: unknown schema), never pass unchecked.
    DOCUMENT.get_or_init(|| serde_json::from_str(TEXT).unwrap_or(Value::Null))
}

// The component schemas, cut from the document at build time (`build.rs`).
include!(concat!(env!("OUT_DIR"), "/schemas.rs"));

/// What a request body of the type named `name` is checked against: its component and
/// every component its `$ref`s reach, at the same place as in [`document`]
/// (`/components/schemas/…`) so that each `$ref` resolves as there. Parsed once per
/// isolate, by the first request with such a body, and nothing else of the document: a
/// cold isolate's first request parses one schema's text instead of all the components.
/// An unknown name gets `Null`, in which its `$ref` resolves to nothing, so the body fails
/// closed (never passes unchecked).
pub fn schemas_for(name: &str) -> &'static Value {
    static PARSED: [OnceLock<Value>; SCHEMAS.len()] = [const { OnceLock::new() }; SCHEMAS.len()];
    static NULL: Value = Value::Null;
    let Ok(i) = SCHEMAS.binary_search_by(|(n, _, _)| (*n).cmp(name)) else {
        return &NULL;
    };
    PARSED[i].get_or_init(|| {
        let mut schemas = serde_json::Map::new();
        for &j in SCHEMAS[i].2 {
            let (name, at, _) = &SCHEMAS[usize::from(j)];
            let text = TEXT.get(at.start..at.end).unwrap_or_default();
            // The texts are the document's own (checked by the native tests); `Null` would
            // only make the body fail closed.
            schemas.insert(
                (*name).to_owned(),
                serde_json::from_str(text).unwrap_or(Value::Null),
            );
        }
        let mut components = serde_json::Map::new();
        components.insert("schemas".to_owned(), Value::Object(schemas));
        let mut root = serde_json::Map::new();
        root.insert("components".to_owned(), Value::Object(components));
        Value::Object(root)
    })
}

/// The schema a request body of the type named `name` is checked against: a `$ref` to
/// its component in [`document`].
pub fn request_schema(name: &str) -> Value {
    Value::Object(
        [(
            "$ref".to_owned(),
            Value::String(format!("#/components/schemas/{name}")),
        )]
        .into_iter()
        .collect(),
    )
}

/// The document, generated from the route table and the wire types' schemas.
#[cfg(not(target_arch = "wasm32"))]
pub fn generate() -> Value {
    let mut g = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let error = g.subschema_for::<ErrorBody>().to_value();
    let mut paths = Map::new();
    for route in Route::iter() {
        let spec = route.spec();
        let op = operation(&route, &spec, &mut g, &error);
        if let Value::Object(methods) = paths
            .entry(spec.path)
            .or_insert_with(|| Value::Object(Map::new()))
        {
            methods.insert(spec.method.key().to_owned(), op);
        }
    }
    let schemas = g.take_definitions(true);
    for methods in paths.values_mut() {
        for op in methods
            .as_object_mut()
            .into_iter()
            .flat_map(|m| m.values_mut())
        {
            let rules = op
                .pointer("/requestBody/content/application~1json/schema/$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|name| schemas.get(name))
                .map(cross_field_rules)
                .unwrap_or_default();
            if !rules.is_empty() {
                op["x-cross-field-rules"] = Value::Array(rules);
            }
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "consent-exchange worker",
            "version": crate::VERSION,
            "description": "Server side of bank linking with Dwolla and Mastercard Open Finance (Finicity): holds the secrets, caches tokens, retries safely. Errors are always {error: {code, message, status, retryable, ...}}. Every request body is checked against the schema published here before anything else: a body that breaks it is a 400 InvalidRequest whose issues name the JSON Schema keyword that failed (`code`) and a JSON pointer (`path`). Rules between members (`oneOf`, `if`/`then`) are part of the schemas; `x-cross-field-rules` lists the issues they give."
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "http", "scheme": "bearer", "description": "HMAC-signed session token bound to one Dwolla customer"},
                "issuerKey": {"type": "http", "scheme": "bearer", "description": "SESSION_ISSUER_KEY"}
            }
        }
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn operation(route: &Route, spec: &Spec, g: &mut SchemaGenerator, error: &Value) -> Value {
    let mut responses = Map::new();
    for answer in spec.answers {
        responses.insert(
            answer.status.to_string(),
            json!({"description": answer.description, "content": {"application/json": {"schema": (answer.schema)(g)}}}),
        );
    }
    for (status, description) in errors(spec) {
        responses.insert(
            status.to_string(),
            json!({"description": description, "content": {"application/json": {"schema": error}}}),
        );
    }
    let mut op = json!({
        "operationId": route.name(),
        "summary": spec.summary,
        "tags": [spec.tag],
        "responses": responses,
    });
    let mut parameters = Vec::new();
    if let Some((id, description)) = spec.param {
        let name = spec
            .path
            .split('{')
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .unwrap_or_default();
        let schema = match id {
            Id::Dwolla => {
                json!({"type": "string", "minLength": l::UUID_LEN, "maxLength": l::UUID_LEN, "pattern": charset::UUID})
            }
            Id::Finicity => {
                json!({"type": "string", "minLength": 1, "maxLength": l::MAX_FINICITY_ID_LEN, "pattern": charset::DIGITS})
            }
        };
        parameters.push(json!({"name": name, "in": "path", "required": true, "description": description, "schema": schema}));
    }
    match spec.access {
        Access::Public => {}
        Access::Session => op["security"] = json!([{"session": []}]),
        Access::IssuerKey => op["security"] = json!([{"issuerKey": []}]),
        Access::Signature => parameters.push(json!({
            "name": crate::webhook::SIGNATURE_HEADER, "in": "header", "required": true,
            "description": "hex HMAC-SHA256 of the raw body with the webhook secret",
            "schema": {"type": "string"}})),
    }
    if !parameters.is_empty() {
        op["parameters"] = Value::Array(parameters);
    }
    if let Some(body) = spec.request {
        op["requestBody"] = json!({"required": body.required, "content": {"application/json": {"schema": (body.schema)(g)}}});
    }
    op
}

#[cfg(not(target_arch = "wasm32"))]
/// The error statuses a route documents, with what each means there.
fn errors(spec: &Spec) -> Vec<(u16, &'static str)> {
    let list = match spec.errors {
        Errors::Only(list) => return list.to_vec(),
        Errors::Usual => &[
            (400, "Invalid request: InvalidRequest (the body breaks its schema; each issue gives the keyword and a JSON pointer), a library code (InvalidReceipt, PartnerNotFound, RedirectUrlRequired, RedirectUrlNotAllowed, ...) or Dwolla's ValidationError"),
            (404, "Not found"),
            (502, "Upstream failure"),
            (503, "Upstream unavailable, rate-limited or configuration missing"),
            (504, "Upstream timeout"),
        ][..],
    };
    let mut out = list.to_vec();
    if spec.request.is_some() {
        out.push((413, "Body over 64 KB"));
        out.push((415, "Body is not JSON"));
    }
    match spec.access {
        Access::Session => {
            out.push((401, "Missing, invalid or expired session token"));
            out.push((
                403,
                "An id in the path or body belongs to another customer (or to nobody)",
            ));
        }
        Access::IssuerKey => out.push((401, "Wrong issuer key")),
        Access::Public | Access::Signature => {}
    }
    out.sort_by_key(|(status, _)| *status);
    out
}

#[cfg(not(target_arch = "wasm32"))]
/// The issues a body's rules between members can give: `oneOf` at the body, and the
/// members an `if`/`then` requires.
fn cross_field_rules(schema: &Value) -> Vec<Value> {
    let mut rules = Vec::new();
    if let Some(subs) = schema.get("oneOf").and_then(Value::as_array) {
        let names: Vec<&str> = subs
            .iter()
            .filter_map(|s| s.pointer("/required/0").and_then(Value::as_str))
            .collect();
        rules.push(json!({"path": "", "code": "oneOf", "rule": format!("exactly one of {}", names.join(", "))}));
    }
    if let (Some(when), Some(then)) = (
        schema.pointer("/if/required").and_then(Value::as_array),
        schema.pointer("/then/required").and_then(Value::as_array),
    ) {
        for name in then.iter().filter_map(Value::as_str) {
            let given: Vec<&str> = when.iter().filter_map(Value::as_str).collect();
            rules.push(json!({"path": format!("/{name}"), "code": "required", "rule": format!("{name} with {}", given.join(", "))}));
        }
    }
    rules
}
