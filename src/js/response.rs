//! JS boundary of `crate::response`.

use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::json::{from_js_json, to_js_json};
use crate::response;

/// What `readDwollaResponse` takes: a `fetch` response's parts.
#[derive(Deserialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
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
    let input: ResponseInput = from_js_json(&input, "readDwollaResponse")?;
    let body = match input.body {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(text)) => text.into_bytes(),
        Some(parsed) => parsed.to_string().into_bytes(),
    };
    to_js_json(&response::read_dwolla_response(
        input.status,
        &headers(input.headers),
        &body,
    ))
}

/// Header pairs from a plain object or from `[name, value]` pairs; entries that are
/// not strings are skipped, since a header value is always text.
fn headers(value: Option<Value>) -> Vec<(String, String)> {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    match value {
        Some(Value::Object(map)) => map
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), text(v)?)))
            .collect(),
        Some(Value::Array(pairs)) => pairs
            .iter()
            .filter_map(|pair| Some((text(pair.get(0)?)?, text(pair.get(1)?)?)))
            .collect(),
        _ => Vec::new(),
    }
}
