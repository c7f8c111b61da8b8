//! The JS boundary: the only module that knows about `wasm_bindgen`. Each submodule
//! converts JS values, calls the pure core and converts the result back.
