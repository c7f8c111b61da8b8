//! Copying a JS string into Rust with one `TextEncoder.encodeInto` call.
//!
//! wasm-bindgen's `JsValue::as_string` copies a string with a JS loop, one
//! `charCodeAt` and one byte store per character, until the first non-ASCII one. For a
//! consent receipt (1-2 KB) that loop was an eighth of a `finicityExchange` call;
//! `encodeInto` does the same copy natively. The loop stays the better choice for short
//! strings (one call instead of five), so only strings of [`LONG`] or more characters
//! take this path. No crate offers it: `web_sys::TextEncoder` has `encode_into` but brings
//! web-sys, and wasm-bindgen keeps its copy routine inside the generated glue.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Strings shorter than this (in UTF-16 units) are copied by wasm-bindgen's glue.
const LONG: u32 = 128;

#[wasm_bindgen]
extern "C" {
    /// The global `TextEncoder` (every browser, Node.js 11+, workerd).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &JsString, into: &Uint8Array) -> EncodeResult;

    /// `{read, written}` of `encodeInto`.
    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// The value as a Rust string if it is a JS string (what `as_string` returns).
pub(crate) fn string_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<JsString>()?;
    let length = text.length();
    if length < LONG {
        return value.as_string();
    }
    // ASCII takes one byte per UTF-16 unit: the receipts and bodies this is for are
    // copied whole. Anything else goes through the glue, which sizes for it.
    let mut bytes: Vec<u8> = Vec::with_capacity(length as usize);
    let spare = bytes.spare_capacity_mut();
    // SAFETY: the view covers `spare`, capacity this Vec owns and nothing else uses; it
    // is made right before `encodeInto` and dropped right after, with no allocation in
    // between that could grow (and so detach) the wasm memory.
    let result = unsafe {
        let view = Uint8Array::view_mut_raw(spare.as_mut_ptr().cast::<u8>(), spare.len());
        let result = ENCODER.with(|encoder| encoder.encode_into(text, &view));
        drop(view);
        result
    };
    if result.read() < length {
        return value.as_string();
    }
    let written = (result.written() as usize).min(spare.len());
    // SAFETY: `encodeInto` initialised the first `written` bytes of the spare capacity
    // (it never writes past the view, and `written` is capped by it).
    unsafe { bytes.set_len(written) };
    String::from_utf8(bytes).ok()
}
