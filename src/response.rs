//! Reading what Dwolla answered: a created resource's location, a fetched resource, or
//! an error with its code, its field errors and whether a retry may help.
//!
//! Dwolla's error bodies come in two shapes: the OpenAPI spec models `_embedded` as one
//! `{code, message}`, while the docs and the live API send `_embedded.errors[]` of
//! `{code, message, path}`. Both are read into the same list. During outages the API
//! (or a proxy in front of it) has answered with HTML, and a connection cut mid-body
//! leaves truncated JSON; neither is ever an exception here.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg(test)]
use crate::json::ObjectWriter;
use crate::json::{self, Node, Tree};
use crate::message::message;
use crate::text;

/// One field-level problem Dwolla reported (`_embedded.errors[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// Dwolla's code, e.g. `Required`, `Invalid`, `InvalidFormat`.
    pub code: String,
    /// Dwolla's message.
    pub message: String,
    /// JSON pointer into the request body (`/firstName`); empty when Dwolla gave none.
    pub path: String,
}

/// A 2xx answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseSuccess {
    /// Always `true`.
    pub ok: bool,
    /// The HTTP status (201 for a create, 200 for a read).
    pub status: u16,
    /// The `Location` header of a 201: the created resource's href.
    pub location: Option<String>,
    /// The last path segment of `location`: the created resource's id.
    pub id: Option<String>,
    /// The parsed body of a 200 (or any 2xx with a JSON body), else `null`.
    pub resource: Option<Value>,
}

/// Anything but a usable 2xx answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseFailure {
    /// Always `false`.
    pub ok: bool,
    /// The HTTP status; 0 when no answer arrived.
    pub status: u16,
    /// Dwolla's top-level code (`ValidationError`, `NotFound`, `UpdateCredentials`...),
    /// or one derived from the status when the body has none.
    pub code: String,
    /// Dwolla's message, or a description of what arrived instead.
    pub message: String,
    /// Field-level errors, from either error shape.
    pub errors: Vec<FieldError>,
    /// Whether sending the same request again (with the same idempotency key) may
    /// succeed: 408, 409, 425, 429, 500, 502, 503, 504, no answer at all, or an
    /// unreadable 2xx.
    pub retryable: bool,
    /// `Retry-After` in seconds, when Dwolla sent it as a number.
    pub retry_after: Option<u64>,
    /// `_links.about.href`, e.g. where to create a re-authentication session after
    /// `UpdateCredentials`.
    pub about: Option<String>,
}

/// What a Dwolla response means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DwollaResponse {
    /// A 2xx with a usable body.
    Success(ResponseSuccess),
    /// An error, or a 2xx that could not be read.
    Failure(ResponseFailure),
}

impl DwollaResponse {
    /// Whether the request succeeded.
    pub fn is_ok(&self) -> bool {
        matches!(self, DwollaResponse::Success(_))
    }
}

/// What the body turned out to be.
enum Body<'a> {
    Empty,
    /// The parsed body and its (trimmed) text.
    Json(Node<'a>, &'a str),
    Html,
    Unreadable,
}

fn classify(body: &[u8]) -> Body<'_> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Body::Unreadable;
    };
    let text = text.trim_ascii();
    if text.is_empty() {
        return Body::Empty;
    }
    if let Ok(node) = json::parse(text) {
        return Body::Json(node, text);
    }
    // `<!doctype html>`, `<html>`, or any other markup: a gateway's or proxy's page.
    if text.starts_with("<") {
        Body::Html
    } else {
        Body::Unreadable
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim_ascii())
}

/// The code used when the body carries none.
fn status_code(status: u16) -> &'static str {
    match status {
        0 => "NetworkError",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "InvalidVersion",
        408 => "RequestTimeout",
        409 => "Conflict",
        413 => "RequestTooLarge",
        429 => "TooManyRequests",
        500 => "ServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        200..=299 => "InvalidResponseBody",
        300..=399 => "UnexpectedRedirect",
        _ => "HttpError",
    }
}

/// Whether the same request, sent again with the same `Idempotency-Key`, may succeed.
/// The list is the edge worker's retry policy (`worker/src/retry.rs`, tested to agree):
/// no answer, 408, 409 (Dwolla: the first request with this key is still being
/// processed, and a retry returns its original 201), 425, 429 and the transient 5xx.
/// 501 and 505 say the server will never do it, so they are final.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 0 | 408 | 409 | 425 | 429 | 500 | 502 | 503 | 504)
}

fn string_at<'a>(value: &'a Node, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Node::as_str)
}

fn field_error(value: &Node) -> Option<FieldError> {
    let code = string_at(value, "code");
    let message = string_at(value, "message");
    if code.is_none() && message.is_none() {
        return None;
    }
    Some(FieldError {
        code: code.unwrap_or_default().to_owned(),
        message: message.unwrap_or_default().to_owned(),
        path: string_at(value, "path").unwrap_or_default().to_owned(),
    })
}

/// Both error shapes: `_embedded.errors[]` (docs, live API) and `_embedded {code,
/// message}` (the OpenAPI spec).
fn embedded_errors(body: &Node) -> Vec<FieldError> {
    let Some(embedded) = body.get("_embedded") else {
        return Vec::new();
    };
    // Loops rather than `filter_map(..).collect()`: each collect of an adapter chain is
    // code of its own in the browser package.
    let mut errors = Vec::new();
    match embedded.get("errors").and_then(Tree::items) {
        Some(list) => {
            for item in list {
                errors.extend(field_error(item));
            }
        }
        None => errors.extend(field_error(embedded)),
    }
    errors
}

/// The id at the end of a `Location` href (`.../exchanges/{id}` → `{id}`); Dwolla's
/// `Location` is an absolute http(s) URL, read with the crate's one URL check.
fn id_of(location: &str) -> Option<String> {
    let path = crate::request::url::parse_http_url(location)?.path;
    Some(text::last_part(text::trim_end(path, b'/'), b'/'))
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// Reads a Dwolla response: `status` (0 when the request never got an answer), the
/// headers (names in any case) and the raw body. Never fails and never panics: an
/// unreadable answer is a [`ResponseFailure`] that says what arrived.
pub fn read_dwolla_response(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> DwollaResponse {
    match read(status, headers, body) {
        Reading::Success {
            location,
            id,
            resource,
        } => DwollaResponse::Success(ResponseSuccess {
            ok: true,
            status,
            location,
            id,
            // The text parsed as JSON already, so serde_json reads it too.
            resource: resource.and_then(|text| serde_json::from_str(&text).ok()),
        }),
        Reading::Failure(failure) => DwollaResponse::Failure(failure),
    }
}

/// [`read_dwolla_response`] with a 2xx body kept as its JSON text, which the browser
/// package hands to `JSON.parse` as it is.
pub(crate) enum Reading {
    Success {
        location: Option<String>,
        id: Option<String>,
        resource: Option<String>,
    },
    Failure(ResponseFailure),
}

#[cfg(test)]
impl Reading {
    /// The reading as JSON text, as [`DwollaResponse`]'s `Serialize` impl writes it
    /// (the resource as the text that arrived).
    pub(crate) fn to_json(&self, status: u16) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        match self {
            Reading::Success {
                location,
                id,
                resource,
            } => {
                object
                    .bool("ok", true)
                    .int("status", u64::from(status))
                    .opt_str("location", location.as_deref())
                    .opt_str("id", id.as_deref())
                    .raw("resource", resource.as_deref().unwrap_or("null"));
            }
            Reading::Failure(f) => {
                object
                    .bool("ok", false)
                    .int("status", u64::from(f.status))
                    .str("code", &f.code)
                    .str("message", &f.message);
                let list = object.key("errors");
                list.push('[');
                for (i, e) in f.errors.iter().enumerate() {
                    if i > 0 {
                        list.push(',');
                    }
                    ObjectWriter::new(list)
                        .str("code", &e.code)
                        .str("message", &e.message)
                        .str("path", &e.path)
                        .end();
                }
                list.push(']');
                object.bool("retryable", f.retryable);
                match f.retry_after {
                    Some(seconds) => object.int("retryAfter", seconds),
                    None => object.raw("retryAfter", "null"),
                };
                object.opt_str("about", f.about.as_deref());
            }
        }
        object.end();
        out
    }
}

/// Reads a response (see [`read_dwolla_response`]).
pub(crate) fn read(status: u16, headers: &[(String, String)], body: &[u8]) -> Reading {
    let body = classify(body);
    if (200..=299).contains(&status) {
        let resource = match body {
            Body::Json(_, text) => Some(text.to_owned()),
            Body::Empty => None,
            Body::Html | Body::Unreadable => {
                return Reading::Failure(unreadable(status, &body, headers));
            }
        };
        let location = header(headers, "location")
            .filter(|l| !l.is_empty())
            .map(str::to_owned);
        if status == 201 && location.is_none() {
            // Every Dwolla create answers 201 with a `Location`; without it the new
            // resource cannot be found, and a replay with the same key answers the same.
            return Reading::Failure(ResponseFailure {
                ok: false,
                status,
                code: "MissingLocation".to_owned(),
                message: "Dwolla answered 201 Created without a Location header, so the created resource is unknown".to_owned(),
                errors: Vec::new(),
                retryable: false,
                retry_after: retry_after(headers),
                about: None,
            });
        }
        let id = location.as_deref().and_then(id_of);
        return Reading::Success {
            location,
            id,
            resource,
        };
    }
    let Body::Json(json, _) = &body else {
        return Reading::Failure(unreadable(status, &body, headers));
    };
    // OAuth errors from `POST /token` use `error` / `error_description`.
    let code = string_at(json, "code")
        .or_else(|| string_at(json, "error"))
        .filter(|c| !c.is_empty())
        .unwrap_or(status_code(status));
    let message = string_at(json, "message")
        .or_else(|| string_at(json, "error_description"))
        .map(str::to_owned)
        .unwrap_or_else(|| message!("Dwolla answered {} without a message", status));
    Reading::Failure(ResponseFailure {
        ok: false,
        status,
        code: code.to_owned(),
        message,
        errors: embedded_errors(json),
        retryable: is_retryable_status(status),
        retry_after: retry_after(headers),
        about: json
            .at("/_links/about/href")
            .and_then(Node::as_str)
            .map(str::to_owned),
    })
}

fn retry_after(headers: &[(String, String)]) -> Option<u64> {
    // Only the delta-seconds form: the HTTP-date form would need the current time.
    header(headers, "retry-after").and_then(|v| v.parse().ok())
}

fn unreadable(status: u16, body: &Body, headers: &[(String, String)]) -> ResponseFailure {
    let what = match body {
        Body::Empty => "an empty body",
        Body::Html => "an HTML page instead of JSON",
        Body::Json(..) | Body::Unreadable => "a body that is not complete JSON",
    };
    let message = if status == 0 {
        "no answer from Dwolla (network error)".to_owned()
    } else {
        message!("Dwolla answered {} with {}", status, what)
    };
    ResponseFailure {
        ok: false,
        status,
        code: status_code(status).to_owned(),
        message,
        errors: Vec::new(),
        // A 2xx whose body was cut off is a transport problem: the same request with
        // the same idempotency key returns the original answer.
        retryable: is_retryable_status(status) || (200..=299).contains(&status),
        retry_after: retry_after(headers),
        about: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_locations() {
        assert_eq!(
            id_of("https://api.dwolla.com/exchanges/fcd15e5f-8d13-4570-a9b7-7fb49e55941d")
                .as_deref(),
            Some("fcd15e5f-8d13-4570-a9b7-7fb49e55941d")
        );
        assert_eq!(id_of("https://x/a/b/?q=1").as_deref(), Some("b"));
        assert_eq!(id_of("https://"), None);
        assert_eq!(id_of("https://x"), None, "no path, no id");
        assert_eq!(id_of("/exchanges/1"), None, "not an absolute URL");
    }
}
