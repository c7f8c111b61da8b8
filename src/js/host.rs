//! The host's SHA-256 in the package's node build (feature `js-node`): Node.js's
//! `crypto.hash` (Node 20.12+), reached through `process.getBuiltinModule` (20.16+).
//!
//! A derived idempotency key hashes the whole request body. SHA-256 in wasm cannot use
//! the CPU's SHA instructions, which Node's OpenSSL does: on a `finicityExchange` call
//! the hash was 17% of the time in wasm, and `crypto.hash` of the same bytes takes
//! about half as long, the crossing included (BENCHMARKS.md section 2d). Where the
//! lookup fails (Node before 20.16, a runtime that emulates Node without it) the
//! package hashes in wasm (`sha2`), to the same digest. Browsers have only the
//! asynchronous `crypto.subtle.digest`: their builds leave this module out. No crate
//! offers the lookup: a call on a global that may not exist, and a property read.

use std::cell::OnceCell;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The `node:crypto` module.
    type NodeCrypto;
    /// `process.getBuiltinModule(name)`: an error where there is no `process` or no
    /// such method (browsers, Node.js before 20.16).
    #[wasm_bindgen(catch, js_namespace = process, js_name = getBuiltinModule)]
    fn builtin_module(name: &str) -> Result<JsValue, JsValue>;
    /// `crypto.hash(algorithm, data, outputEncoding)`, one shot.
    #[wasm_bindgen(method, catch)]
    fn hash(
        this: &NodeCrypto,
        algorithm: &JsValue,
        data: &Uint8Array,
        encoding: &JsValue,
    ) -> Result<Uint8Array, JsValue>;
}

/// `node:crypto` with its `hash` function, and the two strings every call passes.
struct Host {
    crypto: NodeCrypto,
    algorithm: JsValue,
    encoding: JsValue,
}

thread_local! {
    /// Looked up at the first hash: `None` where there is no synchronous one.
    static HOST: OnceCell<Option<Host>> = const { OnceCell::new() };
}

fn lookup() -> Option<Host> {
    let crypto = builtin_module("node:crypto").ok()?;
    let hash = js_sys::Reflect::get(&crypto, &"hash".into()).ok()?;
    if !hash.is_function() {
        return None;
    }
    Some(Host {
        crypto: crypto.unchecked_into(),
        algorithm: "sha256".into(),
        encoding: "buffer".into(),
    })
}

/// SHA-256 of `data` by the host, or `None` where it has no synchronous hash (or the
/// call failed): then the caller hashes in wasm.
pub(crate) fn sha256(data: &[u8]) -> Option<[u8; 32]> {
    HOST.with(|host| {
        let host = host.get_or_init(lookup).as_ref()?;
        // SAFETY: the view is used by the `hash` call right after it is made and never
        // again; nothing in between allocates, so the wasm memory cannot grow (and the
        // view detach) while JS reads it.
        let view = unsafe { Uint8Array::view(data) };
        let digest = host
            .crypto
            .hash(&host.algorithm, &view, &host.encoding)
            .ok()?;
        drop(view);
        let mut out = [0u8; 32];
        if digest.length() as usize != out.len() {
            return None;
        }
        digest.copy_to(&mut out);
        Some(out)
    })
}
