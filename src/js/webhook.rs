//! JS boundary of `crate::webhook`.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::coded_error;
use crate::message::message;
use crate::webhook;

/// The bytes of a string (UTF-8), `Uint8Array` or `ArrayBuffer`.
fn bytes(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = super::text::string_of(value) {
        Ok(text.into_bytes())
    } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Ok(array.to_vec())
    } else if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        Ok(Uint8Array::new(buffer).to_vec())
    } else {
        Err(coded_error(
            "InvalidArgument",
            &message!(
                "verifyWebhookSignature: {} must be a string, Uint8Array or ArrayBuffer",
                what
            ),
            &[],
        ))
    }
}

/// Whether `signatureHex` (the `X-Request-Signature-SHA-256` header) is the HMAC-SHA256
/// of the raw body under the webhook secret, compared in constant time. A missing or
/// malformed signature is `false`.
#[wasm_bindgen(js_name = verifyWebhookSignature)]
pub fn verify_webhook_signature(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] signature: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] secret: JsValue,
) -> Result<bool, JsValue> {
    let body = bytes(&body, "rawBody")?;
    let secret = bytes(&secret, "secret")?;
    Ok(match signature.as_string() {
        Some(signature) => webhook::verify_webhook_signature(&body, &signature, &secret),
        None => false,
    })
}
