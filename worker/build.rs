//! Embeds `openapi.json` compact: the committed file stays pretty-printed (reviewable,
//! diffable), the wasm carries and serves the same JSON without the whitespace between
//! tokens (49 KB instead of 88 KB, and less text to scan when the worker parses it).
//! Nothing else changes: strings, numbers and key order are copied as they are.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let source = Path::new("openapi.json");
    println!("cargo:rerun-if-changed={}", source.display());
    let pretty = fs::read_to_string(source).expect("worker/openapi.json is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("openapi.json");
    fs::write(out, compact(&pretty)).expect("OUT_DIR is writable");
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
