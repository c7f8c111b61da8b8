//! Embeds `openapi.json` compact: the committed file stays pretty-printed (reviewable,
//! diffable), the wasm carries and serves the same JSON without the whitespace between
//! tokens (49 KB instead of 88 KB, and less text to scan when the worker parses it).
//! Nothing else changes: strings, numbers and key order are copied as they are.
//!
//! Also writes `schemas.rs`: each component schema's own text, cut from the document
//! as it is (serde_json's `RawValue`: same key order), with the components its `$ref`s
//! reach. A request body is checked against its schema and those alone, parsed on first
//! use: the worker's first request no longer parses all the components (~20 KB, thousands
//! of allocations), which made V8 compile the JSON deserializer and the allocator with its
//! optimising tier on the request's one core (17 ms of the cold start, measured with
//! `--trace-wasm-compilation-times`).

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::Value;

fn main() {
    let source = Path::new("openapi.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let pretty = fs::read_to_string(source).expect("worker/openapi.json is readable");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let text = compact(&pretty);
    fs::write(Path::new(&out_dir).join("schemas.rs"), schemas(&text)).expect("OUT_DIR is writable");
    fs::write(Path::new(&out_dir).join("openapi.json"), text).expect("OUT_DIR is writable");
}

const REF: &str = "#/components/schemas/";

/// `schemas.rs`: `SCHEMAS`, sorted by name, each `(name, start..end, reached)`: where its
/// text is in the compact document (no second copy in the wasm), and the indices of every
/// component its `$ref`s reach, itself included.
fn schemas(document: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Doc<'a> {
        #[serde(borrow)]
        components: Components<'a>,
    }
    #[derive(serde::Deserialize)]
    struct Components<'a> {
        #[serde(borrow)]
        schemas: BTreeMap<String, &'a RawValue>,
    }
    let doc: Doc =
        serde_json::from_str(document).expect("worker/openapi.json has components.schemas");
    let all = doc.components.schemas;
    let names: Vec<&String> = all.keys().collect();
    let index = |name: &str| names.binary_search_by(|n| n.as_str().cmp(name)).ok();
    let refs: Vec<BTreeSet<usize>> = all
        .values()
        .map(|raw| {
            let value: Value = serde_json::from_str(raw.get()).expect("a schema is JSON");
            let mut out = BTreeSet::new();
            collect_refs(&value, &mut |target| {
                let i = index(target)
                    .unwrap_or_else(|| panic!("$ref to an unknown component {target}"));
                out.insert(i);
            });
            out
        })
        .collect();
    let mut rs = String::from(
        "/// Each component schema: its name, its place in `TEXT`, the components it reaches.\n",
    );
    writeln!(
        rs,
        "pub static SCHEMAS: [(&str, core::ops::Range<usize>, &[u16]); {}] = [",
        names.len()
    )
    .unwrap();
    for (i, (name, raw)) in all.iter().enumerate() {
        let mut reached = BTreeSet::from([i]);
        let mut todo = vec![i];
        while let Some(j) = todo.pop() {
            for &k in &refs[j] {
                if reached.insert(k) {
                    todo.push(k);
                }
            }
        }
        let reached: Vec<String> = reached.iter().map(usize::to_string).collect();
        // A RawValue borrows its text from the document: its place there.
        let start = raw.get().as_ptr() as usize - document.as_ptr() as usize;
        let end = start + raw.get().len();
        writeln!(
            rs,
            "    ({name:?}, {start}..{end}, &[{}]),",
            reached.join(", ")
        )
        .unwrap();
    }
    rs.push_str("];\n");
    rs
}

/// Calls `f` with the component name of every `$ref` in `value`.
fn collect_refs(value: &Value, f: &mut impl FnMut(&str)) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => {
                        let name = target
                            .strip_prefix(REF)
                            .unwrap_or_else(|| panic!("$ref {target} is not a component"));
                        f(name);
                    }
                    _ => collect_refs(member, f),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, f)),
        _ => {}
    }
}

/// `json` without the whitespace outside its strings.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}
