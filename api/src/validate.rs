//! Checks a request body against the JSON Schema its type publishes, so that what the
//! worker refuses and what `/openapi.json` describes are one declaration.
//!
//! Written here rather than taken from a JSON Schema crate: those bring a regex engine
//! and a large evaluator into the worker's wasm, and report errors without the stable
//! codes this API promises. It implements exactly the keywords in [`ASSERTIONS`]; a
//! schema using any other keyword is reported by [`unsupported_keywords`], and the
//! worker's tests run that over the whole published document. Each issue's code is the
//! keyword that failed, its path a JSON pointer into the body. Patterns are looked up
//! in [`crate::charset`] (an unknown pattern fails closed).
//!
//! The worker validates against its generated `openapi.json` ([`parse_in`], `$ref`s
//! followed into the document), so its wasm carries no schema generator; with feature
//! `schema`, [`parse`] validates against the schema schemars derives for a type.

#[cfg(feature = "schema")]
use std::any::TypeId;
#[cfg(feature = "schema")]
use std::cell::RefCell;
#[cfg(feature = "schema")]
use std::collections::HashMap;
#[cfg(feature = "schema")]
use std::rc::Rc;

#[cfg(feature = "schema")]
use schemars::generate::SchemaSettings;
#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::charset;
use crate::error::Issue;

/// The keywords that constrain a value; [`validate`] enforces each.
pub const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "items",
    "required",
    "properties",
    "additionalProperties",
    "oneOf",
    "anyOf",
    "allOf",
    "if",
    "then",
    "else",
    "not",
];

/// Keywords that only describe (JSON Schema 2020-12 annotations; `format` is one by
/// default).
pub const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "default",
    "examples",
    "format",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Most issues reported for one body: enough to fix it, bounded for a hostile one.
pub const MAX_ISSUES: usize = 50;

/// Deepest chain of `$ref`s followed; a document that loops is refused, not overflowed.
const MAX_REF_DEPTH: usize = 32;

/// The schema of `T` with every subschema inlined (no `$ref` to follow), made once per
/// isolate and type.
#[cfg(feature = "schema")]
pub fn schema_of<T: JsonSchema + 'static>() -> Rc<Value> {
    thread_local! {
        static CACHE: RefCell<HashMap<TypeId, Rc<Value>>> = RefCell::new(HashMap::new());
    }
    let id = TypeId::of::<T>();
    if let Some(schema) = CACHE.with(|c| c.borrow().get(&id).cloned()) {
        return schema;
    }
    let schema = Rc::new(
        SchemaSettings::draft2020_12()
            .with(|s| s.inline_subschemas = true)
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value(),
    );
    CACHE.with(|c| c.borrow_mut().insert(id, schema.clone()));
    schema
}

/// Every way `value` breaks `schema`, in document order (at most [`MAX_ISSUES`]).
pub fn validate(schema: &Value, value: &Value) -> Vec<Issue> {
    validate_in(&Value::Null, schema, value)
}

/// Every way `value` breaks `schema`, whose `$ref`s (`#/...`) point into `root` (at
/// most [`MAX_ISSUES`]).
pub fn validate_in(root: &Value, schema: &Value, value: &Value) -> Vec<Issue> {
    let mut out = Vec::new();
    let at = At { root, depth: 0 };
    walk(at, schema, value, "", &mut out);
    out.truncate(MAX_ISSUES);
    out
}

/// Parses a JSON body into `T` after checking it against `T`'s schema: a syntax error,
/// or every schema violation, as issues with JSON pointers. An empty body reads as `{}`.
#[cfg(feature = "schema")]
pub fn parse<T: DeserializeOwned + JsonSchema + 'static>(body: &[u8]) -> Result<T, Vec<Issue>> {
    parse_in(&Value::Null, &schema_of::<T>(), body)
}

/// The name a type's schema has among a document's components: the type's own name,
/// as schemars names a type that is not renamed. (`type_name` is a path whose last
/// segment is the type's name; the worker's tests check that every request body's
/// component is found under this name.)
pub fn schema_name<T: ?Sized>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

/// [`parse`] against `schema`, whose `$ref`s point into `root` (the published
/// document).
pub fn parse_in<T: DeserializeOwned>(
    root: &Value,
    schema: &Value,
    body: &[u8],
) -> Result<T, Vec<Issue>> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| vec![Issue::error("", "syntax", e.to_string())])?;
    let issues = validate_in(root, schema, &value);
    if !issues.is_empty() {
        return Err(issues);
    }
    // From the text again, not from `value`: a raw JSON field keeps its exact digits.
    let mut de = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = json_pointer(&e.path().to_string());
        vec![Issue::error(path, "type", e.into_inner().to_string())]
    })
}

/// Turns `serde_path_to_error`'s path (`a.b[0]`) into a JSON pointer (`/a/b/0`).
pub fn json_pointer(dotted: &str) -> String {
    if dotted == "." || dotted.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    for segment in dotted.split('.') {
        for (i, part) in segment.split('[').enumerate() {
            let token = if i == 0 {
                part
            } else {
                part.trim_end_matches(']')
            };
            if !token.is_empty() {
                out = pointer_push(&out, token);
            }
        }
    }
    out
}

/// `base` with one more reference token, escaped as RFC 6901 asks. The core library
/// escapes its own issue paths with the same rule (`consent_exchange::issue::pointer_push`);
/// this crate is the leaf the core's typed client depends on, so it cannot call it.
pub fn pointer_push(base: &str, token: &str) -> String {
    format!("{base}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// The keywords of `schema` (and of every subschema in it) that are neither enforced
/// by [`validate`] nor annotations, as JSON pointers into `schema`. Extensions
/// (`x-...`) are allowed.
pub fn unsupported_keywords(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_unsupported(schema, "", &mut out);
    out
}

fn collect_unsupported(schema: &Value, at: &str, out: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        return;
    };
    for (key, sub) in map {
        let here = pointer_push(at, key);
        if !(ASSERTIONS.contains(&key.as_str())
            || ANNOTATIONS.contains(&key.as_str())
            || key.starts_with("x-"))
        {
            out.push(here.clone());
        }
        match key.as_str() {
            "properties" => {
                for (name, s) in sub.as_object().into_iter().flatten() {
                    collect_unsupported(s, &pointer_push(&here, name), out);
                }
            }
            "oneOf" | "anyOf" | "allOf" => {
                for (i, s) in sub.as_array().into_iter().flatten().enumerate() {
                    collect_unsupported(s, &pointer_push(&here, &i.to_string()), out);
                }
            }
            "items" | "additionalProperties" | "if" | "then" | "else" | "not" => {
                collect_unsupported(sub, &here, out)
            }
            _ => {}
        }
    }
}

/// The document `$ref`s point into, and how many have been followed to get here.
#[derive(Clone, Copy)]
struct At<'a> {
    root: &'a Value,
    depth: usize,
}

fn walk(at: At<'_>, schema: &Value, value: &Value, path: &str, out: &mut Vec<Issue>) {
    if out.len() >= MAX_ISSUES {
        return;
    }
    let s = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => {
            out.push(Issue::error(path, "not", "is not allowed here"));
            return;
        }
        Value::Object(s) => s,
        _ => return,
    };
    if let Some(reference) = s.get("$ref") {
        let target = reference
            .as_str()
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|pointer| at.root.pointer(pointer));
        match target {
            Some(target) if at.depth < MAX_REF_DEPTH => {
                let deeper = At {
                    root: at.root,
                    depth: at.depth + 1,
                };
                walk(deeper, target, value, path, out);
            }
            _ => {
                out.push(Issue::error(
                    path,
                    "$ref",
                    "cannot be checked (unknown schema)",
                ));
                return;
            }
        }
    }
    if let Some(t) = s.get("type") {
        if !type_matches(t, value) {
            out.push(Issue::error(
                path,
                "type",
                format!("must be {}", type_name(t)),
            ));
            // The other keywords say nothing useful about a value of the wrong type.
            return;
        }
    }
    if let Some(Value::Array(allowed)) = s.get("enum") {
        if !allowed.iter().any(|a| same(a, value)) {
            out.push(Issue::error(
                path,
                "enum",
                format!("must be one of {}; got {}", list(allowed), short(value)),
            ));
        }
    }
    if let Some(c) = s.get("const") {
        if !same(c, value) {
            out.push(Issue::error(path, "const", format!("must be {c}")));
        }
    }
    match value {
        Value::String(text) => string(s, text, path, out),
        Value::Number(n) => number(s, n.as_f64().unwrap_or(f64::NAN), path, out),
        Value::Array(items) => array(at, s, items, path, out),
        Value::Object(members) => object(at, s, members, path, out),
        _ => {}
    }
    combinators(at, s, value, path, out);
}

fn string(s: &Map<String, Value>, text: &str, path: &str, out: &mut Vec<Issue>) {
    let chars = text.chars().count() as u64;
    if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
        if chars < min {
            let what = if min == 1 {
                "must not be empty".to_owned()
            } else {
                format!("must be at least {min} characters")
            };
            out.push(Issue::error(path, "minLength", what));
        }
    }
    if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
        if chars > max {
            out.push(Issue::error(
                path,
                "maxLength",
                format!("must be at most {max} characters"),
            ));
        }
    }
    if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
        match charset::charset(pattern) {
            Some(c) if (c.matches)(text) => {}
            Some(c) => out.push(Issue::error(path, "pattern", c.message)),
            None => out.push(Issue::error(
                path,
                "pattern",
                "cannot be checked (unknown pattern)",
            )),
        }
    }
}

fn number(s: &Map<String, Value>, n: f64, path: &str, out: &mut Vec<Issue>) {
    if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
        if n.is_nan() || n < min {
            out.push(Issue::error(
                path,
                "minimum",
                format!("must be at least {min}"),
            ));
        }
    }
    if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
        if n.is_nan() || n > max {
            out.push(Issue::error(
                path,
                "maximum",
                format!("must be at most {max}"),
            ));
        }
    }
}

fn array(at: At<'_>, s: &Map<String, Value>, items: &[Value], path: &str, out: &mut Vec<Issue>) {
    let len = items.len() as u64;
    if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
        if len < min {
            let what = if min == 1 {
                "must not be empty".to_owned()
            } else {
                format!("must have at least {min} items")
            };
            out.push(Issue::error(path, "minItems", what));
        }
    }
    if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
        if len > max {
            out.push(Issue::error(
                path,
                "maxItems",
                format!("must have at most {max} items"),
            ));
            // Nothing more is looked at in an oversized list.
            return;
        }
    }
    let unique = s.get("uniqueItems") == Some(&Value::Bool(true));
    for (i, item) in items.iter().enumerate() {
        let here = pointer_push(path, &i.to_string());
        if let Some(item_schema) = s.get("items") {
            walk(at, item_schema, item, &here, out);
        }
        if unique
            && items
                .get(..i)
                .is_some_and(|b| b.iter().any(|x| same(x, item)))
        {
            out.push(Issue::error(here, "uniqueItems", "repeats an earlier item"));
        }
    }
}

fn object(
    at: At<'_>,
    s: &Map<String, Value>,
    members: &Map<String, Value>,
    path: &str,
    out: &mut Vec<Issue>,
) {
    for name in s
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = name.as_str() {
            if !members.contains_key(name) {
                out.push(Issue::error(
                    pointer_push(path, name),
                    "required",
                    format!("`{name}` is required"),
                ));
            }
        }
    }
    let properties = s.get("properties").and_then(Value::as_object);
    for (name, member) in members {
        let here = pointer_push(path, name);
        match properties.and_then(|p| p.get(name)) {
            Some(schema) => walk(at, schema, member, &here, out),
            None => {
                if let Some(extra) = s.get("additionalProperties") {
                    if extra == &Value::Bool(false) {
                        out.push(Issue::error(
                            here,
                            "additionalProperties",
                            "is not a known member",
                        ));
                    } else {
                        walk(at, extra, member, &here, out);
                    }
                }
            }
        }
    }
}

fn combinators(
    at: At<'_>,
    s: &Map<String, Value>,
    value: &Value,
    path: &str,
    out: &mut Vec<Issue>,
) {
    for sub in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        walk(at, sub, value, path, out);
    }
    if let Some(Value::Array(subs)) = s.get("anyOf") {
        if !subs.iter().any(|sub| passes(at, sub, value)) {
            out.push(Issue::error(
                path,
                "anyOf",
                alternatives("at least one", subs),
            ));
        }
    }
    if let Some(Value::Array(subs)) = s.get("oneOf") {
        if subs.iter().filter(|sub| passes(at, sub, value)).count() != 1 {
            out.push(Issue::error(
                path,
                "oneOf",
                alternatives("exactly one", subs),
            ));
        }
    }
    if let Some(condition) = s.get("if") {
        let branch = if passes(at, condition, value) {
            s.get("then")
        } else {
            s.get("else")
        };
        if let Some(branch) = branch {
            walk(at, branch, value, path, out);
        }
    }
    if let Some(not) = s.get("not") {
        if passes(at, not, value) {
            out.push(Issue::error(
                path,
                "not",
                "matches a shape that is not allowed",
            ));
        }
    }
}

fn passes(at: At<'_>, schema: &Value, value: &Value) -> bool {
    let mut scratch = Vec::new();
    walk(at, schema, value, "", &mut scratch);
    scratch.is_empty()
}

/// "give exactly one of `a`, `b`" when each alternative only requires members.
fn alternatives(how_many: &str, subs: &[Value]) -> String {
    let names: Vec<String> = subs
        .iter()
        .filter_map(|s| s.get("required")?.as_array()?.first()?.as_str())
        .map(|n| format!("`{n}`"))
        .collect();
    if names.len() == subs.len() {
        format!("give {how_many} of {}", names.join(", "))
    } else {
        format!("must match {how_many} of {} shapes", subs.len())
    }
}

fn type_matches(t: &Value, value: &Value) -> bool {
    match t {
        Value::String(name) => is_type(name, value),
        Value::Array(names) => names
            .iter()
            .any(|n| n.as_str().is_some_and(|n| is_type(n, value))),
        _ => true,
    }
}

fn is_type(name: &str, value: &Value) -> bool {
    match (name, value) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_))
        | ("number", Value::Number(_)) => true,
        // 2020-12: a number with a zero fractional part is an integer (`3.0` too).
        ("integer", Value::Number(n)) => {
            n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0)
        }
        _ => false,
    }
}

fn type_name(t: &Value) -> String {
    let article = |n: &str| match n {
        "null" => "null".to_owned(),
        "integer" | "object" | "array" => format!("an {n}"),
        _ => format!("a {n}"),
    };
    match t {
        Value::String(n) => article(n),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .map(article)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "valid".to_owned(),
    }
}

/// JSON equality, with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn list(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| match v {
            Value::String(s) => format!("`{s}`"),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The value as JSON, cut to 80 characters for a message.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or_default()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::{json_pointer, pointer_push};

    #[test]
    fn dotted_paths_become_pointers() {
        assert_eq!(json_pointer("."), "");
        assert_eq!(json_pointer(""), "");
        assert_eq!(json_pointer("receipt"), "/receipt");
        assert_eq!(
            json_pointer("products[0].accessPeriod"),
            "/products/0/accessPeriod"
        );
        assert_eq!(json_pointer("a/b.c~d"), "/a~1b/c~0d");
    }

    #[test]
    fn tokens_are_escaped_per_rfc_6901() {
        assert_eq!(pointer_push("/x", "a~b/c"), "/x/a~0b~1c");
    }
}
