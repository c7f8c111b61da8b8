//! The JS boundary: the only module that knows about `wasm_bindgen`. Each submodule
//! converts JS values, calls the pure core and converts the result back. Shared
//! conversion helpers live here.
//!
//! # Declaring a JS type (one declaration: reader, writer and TypeScript)
//!
//! Every object a function of this package takes or returns is declared once, next to
//! the function, with a macro of `decl.rs`; the reader, the writer and the `.d.ts` text
//! all come from that declaration, so they cannot disagree:
//!
//! - an argument: `js_input! { /// doc
//!   Name = RustStruct { /// doc
//!   jsName: rust_field: Kind, … } }`, then in the function
//!   `let mut args = Args::new(&input, "fnName")?; let value =
//!   RustStruct::read_members(&mut args); args.finish()?;`. Kinds: `String`
//!   (required), `Option<String>`, `Option<bool>`, `Option<u32>`, `Vec<String>`,
//!   `Option<Vec<String>>`, a declared enum or `Option` of one, or a kind of your own
//!   (implement `decl::In`). `Option<_>` is an optional member (`name?: T`). A member
//!   group shared by several inputs (`environment` and `baseUrl`, an idempotency key,
//!   an exchange's customer, a Finicity access grant) is declared once (`types.rs`,
//!   `finicity.rs`) and named in the list as `..dwolla_host`, `..dwolla_post`,
//!   `..exchange_post`, `..exchange_target` or `..finicity_access`.
//! - a result: `js_output! { Name = RustStruct { jsName: rust_field: Kind, … } }`, then
//!   `output(&to_json::<RustStruct>(&value))`, and `unchecked_return_type = "Name"` on
//!   the function. `Option<K>` is written as `null` and typed `K | null`; `Skip<K>`
//!   (only for objects sent on to an upstream API as they are) leaves it out and is
//!   typed `name?: K`. `True`/`False` (and `Null`) make the sides of a union on `ok`:
//!   declare each side with `js_interface_text!` and the union with a
//!   `typescript_custom_section`, as `ReceiptCheck` in `receipt.rs` does.
//! - a closed set of strings: `js_enum! { Name = RustEnum { Variant = "text", … } }`.
//!
//! The compiler checks that every field of the Rust struct is declared, with the
//! kind's Rust type. (The worker client's types, `src/client.rs`, are read and written
//! by serde; tsify derives their TypeScript from the same serde attributes.) Functions taking plain strings keep `unchecked_param_type =
//! "string"`; `tests/reference/*.d.ts` holds the expected TypeScript and the package
//! lane fails when the generated text differs.

#[cfg(feature = "client")]
use serde::de::DeserializeOwned;
#[cfg(feature = "client")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::CodedError;
use crate::issue::Issue;

// lol_alloc's free list instead of the default dlmalloc: the package is single-threaded
// and what a call allocates is freed when it returns, so the list (address-ordered,
// neighbours merged) stays a few blocks long. Measured against talc, the allocator
// before it: 0.36-0.55 KB gzip smaller per entry, 8-19% more `finicityExchange` calls
// per second in alternating runs (~10% in bench/throughput.mjs), and wasm memory as
// bounded over receipts from 1.4 KB to 400 KB (BENCHMARKS.md, section 2e;
// tests/js/memory.test.mjs). The edge worker, whose requests interleave, keeps dlmalloc.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
// SAFETY: without the `atomics` target feature a wasm module runs on one thread, which
// is what `AssumeSingleThreaded` requires.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(feature = "client")]
mod client;
pub(crate) mod decl;
#[cfg(all(feature = "js-node", target_arch = "wasm32"))]
pub(crate) mod host;
// Each module below is one job's functions; the features (Cargo.toml) pick the jobs an
// npm entry exports.
#[cfg(feature = "js-link")]
pub mod exchange;
#[cfg(feature = "js-finicity")]
pub mod finicity;
#[cfg(feature = "js-funding")]
pub mod funding_source;
mod json;
#[cfg(feature = "js-reads")]
mod partners;
#[cfg(feature = "js-reads")]
pub mod reads;
#[cfg(feature = "js-link")]
pub mod receipt;
#[cfg(feature = "js-link")]
mod response;
#[cfg(feature = "js-link")]
mod session;
mod text;
mod types;
#[cfg(feature = "js-webhooks")]
mod webhook;

// Values cross the boundary as JSON text (`JSON.stringify` in, `JSON.parse` out) rather
// than through serde-wasm-bindgen. The functions of this package read their arguments
// with `json::Args` and write their results with `crate::json`, without serde (see
// `json.rs` for why); the serde-based `to_js`/`from_js` below serve the worker client.
// The JSON semantics are what `Serializer::json_compatible()` gave: maps become plain
// objects, `None` becomes `null`, `undefined` members are absent.

/// Serializes a value for JS: maps become plain objects and `None` becomes `null`.
#[cfg(feature = "client")]
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| coded_error("SerializationFailed", &e.to_string(), &[]))?;
    js_sys::JSON::parse(&text)
}

/// `JSON.stringify` of a JS value; `None` for `undefined`, functions, symbols, and
/// values that cannot be stringified (BigInt, cycles).
pub(crate) fn json_text(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| text::string_of(&s))
}

/// Deserializes an argument, turning a shape mismatch into an `Error` with code
/// `InvalidArgument` and a JSON pointer to the offending field.
#[cfg(feature = "client")]
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, argument: &str) -> Result<T, JsValue> {
    // `undefined` stringifies to nothing; read it as `null` so optional arguments work.
    let text = json_text(&value).unwrap_or_else(|| "null".to_owned());
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = consent_exchange_api::validate::json_pointer(&e.path().to_string());
        let message = format!("{argument}: {}", without_position(e.inner()));
        let issue = Issue::error(path, "type", message.clone());
        coded_error("InvalidArgument", &message, std::slice::from_ref(&issue))
    })
}

/// serde_json's message without its " at line 1 column 42" suffix: the text it points
/// into is our `JSON.stringify` output, which the caller never saw.
#[cfg(feature = "client")]
pub(crate) fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) if error.line() > 0 => text.get(..at).map(str::to_owned).unwrap_or(text),
        _ => text,
    }
}

/// A real JS `Error` carrying `code` and, when there are any, `issues`.
pub(crate) fn coded_error(code: &str, message: &str, issues: &[Issue]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("ConsentExchangeError");
    let object: &JsValue = error.as_ref();
    // Reflect::set only fails on frozen objects; a fresh Error is not.
    let _ = js_sys::Reflect::set(object, &"code".into(), &code.into());
    if !issues.is_empty() {
        let mut text = String::new();
        types::write_issues(&mut text, issues);
        if let Ok(list) = js_sys::JSON::parse(&text) {
            let _ = js_sys::Reflect::set(object, &"issues".into(), &list);
        }
    }
    error.into()
}

/// Converts any of this crate's errors into a JS `Error` with its stable code.
pub(crate) fn js_error<E: CodedError + ufmt::uDisplay + ?Sized>(err: &E) -> JsValue {
    coded_error(err.code(), &crate::message::to_text(err), err.issues())
}
