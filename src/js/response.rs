//! JS boundary of `crate::response`.

use std::collections::BTreeMap;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
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
    headers: Option<Headers>,
    /// The body as text (`await response.text()`), or already parsed.
    #[serde(default)]
    #[tsify(optional, type = "string | object | null")]
    body: Option<Body>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Headers {
    Map(BTreeMap<String, String>),
    Pairs(Vec<(String, String)>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Body {
    Text(String),
    Json(serde_json::Value),
}

/// `{ ok: true, status, location, id, resource }` for a 2xx, else `{ ok: false, status,
/// code, message, errors, retryable, retryAfter, about }`. Copes with HTML, empty and
/// truncated bodies; throws only when the argument itself has the wrong shape.
#[wasm_bindgen(js_name = readDwollaResponse, unchecked_return_type = "DwollaResponse")]
pub fn read_dwolla_response(
    #[wasm_bindgen(unchecked_param_type = "ResponseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: ResponseInput = from_js(input, "readDwollaResponse")?;
    let headers: Vec<(String, String)> = match input.headers {
        None => Vec::new(),
        Some(Headers::Map(map)) => map.into_iter().collect(),
        Some(Headers::Pairs(pairs)) => pairs,
    };
    let body = match input.body {
        None => Vec::new(),
        Some(Body::Text(text)) => text.into_bytes(),
        Some(Body::Json(value)) => serde_json::to_vec(&value).unwrap_or_default(),
    };
    to_js(&response::read_dwolla_response(
        input.status,
        &headers,
        &body,
    ))
}
