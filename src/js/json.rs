//! Moving values across the boundary as JSON text (`JSON.stringify` → serde_json, and
//! serde_json → `JSON.parse`) instead of through serde-wasm-bindgen.
//!
//! serde_json's serializer and deserializer are in the module anyway (request bodies,
//! receipts), whereas serde-wasm-bindgen's are instantiated again for every type that
//! crosses; going through text keeps the browser package small. It suits arguments made
//! of strings, booleans and small integers, which is all these functions take: ids are
//! strings, so no digit is lost to an f64.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::coded_error;
use crate::issue::Issue;

/// Deserializes an argument via its JSON text. A shape mismatch is an `Error` with code
/// `InvalidArgument` and one issue whose `path` points at the offending field.
pub(crate) fn from_js_json<T: DeserializeOwned>(
    value: &JsValue,
    argument: &str,
) -> Result<T, JsValue> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "null".to_owned());
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = pointer(&e.path().to_string());
        let message = format!("{argument}: {}", e.inner());
        let issue = Issue::error(path, "type", message.clone());
        coded_error("InvalidArgument", &message, std::slice::from_ref(&issue))
    })
}

/// Serializes a result as a plain JS value via its JSON text.
pub(crate) fn to_js_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| coded_error("SerializationFailed", &e.to_string(), &[]))?;
    js_sys::JSON::parse(&text)
}

/// serde_path_to_error's dotted path (`billingAddress.city`, `accountIds[1]`) as a JSON
/// pointer (`/billingAddress/city`, `/accountIds/1`).
fn pointer(dotted: &str) -> String {
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
                out = crate::issue::pointer_push(&out, token);
            }
        }
    }
    out
}
