//! JS boundary of `crate::response`.

use wasm_bindgen::prelude::*;

use super::decl::{js_input, js_output, to_json, False, In, RawJson, ReadObject, True, U16};
use super::json::{output, Args};
use crate::json::Node;
use crate::response::{self, FieldError, Reading, ResponseFailure};

/// `headers`: a plain object or `[name, value]` pairs.
pub(crate) struct HeaderList;

impl In for HeaderList {
    type Value = Vec<(String, String)>;
    const TS: &'static str = "Record<string, string> | [string, string][]";
    const MARK: &'static str = "?";
    fn read(args: &mut Args, path: &str) -> Vec<(String, String)> {
        headers(args.get(path))
    }
}

/// `body`: text, an already parsed value, or nothing.
pub(crate) struct BodyMember;

impl In for BodyMember {
    type Value = Vec<u8>;
    const TS: &'static str = "string | object | null";
    const MARK: &'static str = "?";
    fn read(args: &mut Args, path: &str) -> Vec<u8> {
        match args.get(path) {
            None => Vec::new(),
            Some(Node::String(text)) => text.as_bytes().to_vec(),
            Some(parsed) => parsed.to_json().into_bytes(),
        }
    }
}

/// What `readDwollaResponse` takes.
pub(crate) struct ResponseInput {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

js_input! {
    /// What `readDwollaResponse` takes: a `fetch` response's parts.
    ResponseInput = ResponseInput {
        /// The HTTP status; 0 when the request got no answer.
        status: status: U16,
        /// `Object.fromEntries(response.headers)` or `[...response.headers]`.
        headers: headers: HeaderList,
        /// The body as text (`await response.text()`), or already parsed.
        body: body: BodyMember,
    }
}

/// A 2xx answer, as written for JS.
pub(crate) struct Success {
    ok: bool,
    status: u16,
    location: Option<String>,
    id: Option<String>,
    resource: Option<String>,
}

js_output! {
    /// A 2xx answer.
    ResponseSuccess = Success {
        /// Always `true`.
        ok: ok: True,
        /// The HTTP status (201 for a create, 200 for a read).
        status: status: U16,
        /// The `Location` header of a 201: the created resource's href; else `null`.
        location: location: Option<String>,
        /// The last path segment of `location`: the created resource's id; else `null`.
        id: id: Option<String>,
        /// The parsed body of a 2xx with a JSON body, else `null`.
        resource: resource: RawJson,
    }
}

js_output! {
    /// One field-level problem Dwolla reported (`_embedded.errors[]`).
    FieldError = FieldError {
        /// Dwolla's code, e.g. `Required`, `Invalid`, `InvalidFormat`.
        code: code: String,
        /// Dwolla's message.
        message: message: String,
        /// JSON pointer into the request body (`/firstName`); empty when Dwolla gave none.
        path: path: String,
    }
}

js_output! {
    /// Anything but a usable 2xx answer.
    ResponseFailure = ResponseFailure {
        /// Always `false`.
        ok: ok: False,
        /// The HTTP status; 0 when no answer arrived.
        status: status: U16,
        /// Dwolla's top-level code (`ValidationError`, `NotFound`, `UpdateCredentials`...),
        /// or one derived from the status when the body has none.
        code: code: String,
        /// Dwolla's message, or a description of what arrived instead.
        message: message: String,
        /// Field-level errors, from either error shape.
        errors: errors: Vec<FieldError>,
        /// Whether sending the same request again (with the same idempotency key) may
        /// succeed: 5xx, 408, 429, no answer at all, or an unreadable 2xx.
        retryable: retryable: bool,
        /// `Retry-After` in seconds when Dwolla sent it as a number, else `null`.
        retryAfter: retry_after: Option<u64>,
        /// `_links.about.href` (e.g. where to create a re-authentication session after
        /// `UpdateCredentials`), else `null`.
        about: about: Option<String>,
    }
}

#[wasm_bindgen(typescript_custom_section)]
const DWOLLA_RESPONSE: &str = r#"
/** What a Dwolla response means: narrow on `ok`. */
export type DwollaResponse = ResponseSuccess | ResponseFailure;
"#;

/// `{ ok: true, status, location, id, resource }` for a 2xx, else `{ ok: false, status,
/// code, message, errors, retryable, retryAfter, about }`. Copes with HTML, empty and
/// truncated bodies; throws only when the argument itself has the wrong shape.
#[wasm_bindgen(js_name = readDwollaResponse, unchecked_return_type = "DwollaResponse")]
pub fn read_dwolla_response(
    #[wasm_bindgen(unchecked_param_type = "ResponseInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "readDwollaResponse")?;
    let input = ResponseInput::read_members(&mut args);
    args.finish()?;
    let text = match response::read(input.status, &input.headers, &input.body) {
        Reading::Success {
            location,
            id,
            resource,
        } => to_json::<Success>(&Success {
            ok: true,
            status: input.status,
            location,
            id,
            resource,
        }),
        Reading::Failure(failure) => to_json::<ResponseFailure>(&failure),
    };
    output(&text)
}

/// Header pairs from a plain object or from `[name, value]` pairs; entries that are
/// not strings are skipped, since a header value is always text.
fn headers(value: Option<&Node>) -> Vec<(String, String)> {
    // One loop over either shape rather than a `filter_map(..).collect()` per shape.
    let mut out = Vec::new();
    let (members, pairs) = match value {
        Some(Node::Object(members)) => (members.as_slice(), &[][..]),
        Some(Node::Array(pairs)) => (&[][..], pairs.as_slice()),
        _ => return out,
    };
    for (name, value) in members {
        if let Some(value) = value.as_str() {
            out.push((name.to_string(), value.to_owned()));
        }
    }
    for pair in pairs {
        if let Node::Array(kv) = pair {
            if let (Some(name), Some(value)) = (
                kv.first().and_then(Node::as_str),
                kv.get(1).and_then(Node::as_str),
            ) {
                out.push((name.to_owned(), value.to_owned()));
            }
        }
    }
    out
}
