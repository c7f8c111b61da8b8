//! JS boundary of `crate::response`.

use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::json::{output, Args};
use crate::json::Node;
use crate::response;

/// What `readDwollaResponse` takes: a `fetch` response's parts.
#[derive(Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Declared for its TypeScript type; read member by member with `Args`.
pub struct ResponseInput {
    /// The HTTP status; 0 when the request got no answer.
    status: u16,
    /// `Object.fromEntries(response.headers)` or `[...response.headers]`.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string> | [string, string][]")]
    headers: Option<Value>,
    /// The body as text (`await response.text()`), or already parsed.
    #[serde(default)]
    #[tsify(optional, type = "string | object | null")]
    body: Option<Value>,
}

/// `{ ok: true, status, location, id, resource }` for a 2xx, else `{ ok: false, status,
/// code, message, errors, retryable, retryAfter, about }`. Copes with HTML, empty and
/// truncated bodies; throws only when the argument itself has the wrong shape.
#[wasm_bindgen(js_name = readDwollaResponse, unchecked_return_type = "DwollaResponse")]
pub fn read_dwolla_response(
    #[wasm_bindgen(unchecked_param_type = "ResponseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "readDwollaResponse")?;
    args.require("/status");
    let status = args.opt_uint("/status", u32::from(u16::MAX));
    args.finish()?;
    let status = status
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or_default();
    let root = args.root();
    let body = match root.get("body") {
        None | Some(Node::Null) => Vec::new(),
        Some(Node::String(text)) => text.clone().into_bytes(),
        Some(parsed) => parsed.to_json().into_bytes(),
    };
    let headers = headers(root.get("headers"));
    output(&response::read(status, &headers, &body).to_json(status))
}

/// Header pairs from a plain object or from `[name, value]` pairs; entries that are
/// not strings are skipped, since a header value is always text.
fn headers(value: Option<&Node>) -> Vec<(String, String)> {
    let text = |v: &Node| v.as_str().map(str::to_owned);
    match value {
        Some(Node::Object(members)) => members
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), text(v)?)))
            .collect(),
        Some(Node::Array(pairs)) => pairs
            .iter()
            .filter_map(|pair| match pair {
                Node::Array(kv) => Some((text(kv.first()?)?, text(kv.get(1)?)?)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
