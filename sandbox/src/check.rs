//! Field-by-field checks of a JSON body that collect every problem with its JSON pointer,
//! instead of stopping at the first (a hand-rolled walker, because the messages and codes
//! must be Dwolla's own, which no schema validator produces).

use serde_json::Value;

use crate::hal::FieldError;

/// Collects field errors while reading a body.
#[derive(Debug, Default)]
pub struct Checker {
    /// Problems found so far.
    pub errors: Vec<FieldError>,
}

fn field_name(ptr: &str) -> &str {
    ptr.rsplit('/').next().unwrap_or(ptr)
}

impl Checker {
    /// Records an error.
    pub fn push(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(code, path, message));
    }

    /// A non-empty string at `ptr`; `Required` when absent, null or empty,
    /// `InvalidFormat` when another type.
    pub fn string(&mut self, body: &Value, ptr: &str) -> Option<String> {
        match body.pointer(ptr) {
            None | Some(Value::Null) => {
                self.push("Required", ptr, format!("{} is required.", field_name(ptr)));
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.push("Required", ptr, format!("{} is required.", field_name(ptr)));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                self.push(
                    "InvalidFormat",
                    ptr,
                    format!("{} must be a string.", field_name(ptr)),
                );
                None
            }
        }
    }

    /// Like [`Checker::string`] but absent is fine.
    pub fn optional_string(&mut self, body: &Value, ptr: &str) -> Option<String> {
        match body.pointer(ptr) {
            None | Some(Value::Null) => None,
            Some(_) => self.string(body, ptr),
        }
    }

    /// An integer at `ptr` (a JSON number without fraction).
    pub fn integer(&mut self, body: &Value, ptr: &str) -> Option<i64> {
        match body.pointer(ptr) {
            None | Some(Value::Null) => {
                self.push("Required", ptr, format!("{} is required.", field_name(ptr)));
                None
            }
            Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64(),
            Some(_) => {
                self.push(
                    "InvalidFormat",
                    ptr,
                    format!("{} must be an integer.", field_name(ptr)),
                );
                None
            }
        }
    }

    /// An object at `ptr`.
    pub fn object<'a>(
        &mut self,
        body: &'a Value,
        ptr: &str,
    ) -> Option<&'a serde_json::Map<String, Value>> {
        match body.pointer(ptr) {
            None | Some(Value::Null) => {
                self.push("Required", ptr, format!("{} is required.", field_name(ptr)));
                None
            }
            Some(Value::Object(m)) => Some(m),
            Some(_) => {
                self.push(
                    "InvalidFormat",
                    ptr,
                    format!("{} must be an object.", field_name(ptr)),
                );
                None
            }
        }
    }

    /// A non-empty array at `ptr`.
    pub fn array<'a>(&mut self, body: &'a Value, ptr: &str) -> Option<&'a Vec<Value>> {
        match body.pointer(ptr) {
            None | Some(Value::Null) => {
                self.push("Required", ptr, format!("{} is required.", field_name(ptr)));
                None
            }
            Some(Value::Array(a)) if a.is_empty() => {
                self.push(
                    "Required",
                    ptr,
                    format!("{} must not be empty.", field_name(ptr)),
                );
                None
            }
            Some(Value::Array(a)) => Some(a),
            Some(_) => {
                self.push(
                    "InvalidFormat",
                    ptr,
                    format!("{} must be an array.", field_name(ptr)),
                );
                None
            }
        }
    }

    /// True when nothing was reported.
    pub fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Parses a JSON body, `None` when it is not JSON (the caller answers `BadRequest`).
pub fn parse_json(bytes: &[u8]) -> Option<Value> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Some(Value::Object(Default::default()));
    }
    serde_json::from_slice(bytes).ok()
}

/// The id at the end of an href whose path is `/{collection}/{id}`, whatever the host
/// (clients may reach the sandbox through a proxy, so hosts differ).
pub fn id_from_href<'a>(href: &'a str, collection: &str) -> Option<&'a str> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let mut parts = path.trim_end_matches('/').rsplitn(3, '/');
    let id = parts.next()?;
    let coll = parts.next()?;
    (coll == collection && is_uuid(id)).then_some(id)
}

/// True for a canonical hyphenated UUID.
pub fn is_uuid(s: &str) -> bool {
    uuid::Uuid::try_parse(s).is_ok() && s.len() == 36
}
