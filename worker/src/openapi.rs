//! The OpenAPI 3.1 document of the worker's API, served at `/openapi.json`.

use serde_json::{json, Value};

/// The document.
pub fn document() -> Value {
    json!({"openapi": "3.1.0", "info": {"title": "consent-exchange worker", "version": crate::VERSION}, "paths": {}})
}
