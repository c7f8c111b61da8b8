//! Requests are data: every builder in this crate returns a [`DwollaRequest`] that the
//! caller (the worker, a server, a test) executes with whatever HTTP client it has.
//! Nothing here adds `Authorization`: credentials are the executor's business.

//!
//! This module is the request vocabulary every builder shares and the leaf they all
//! depend on: [`Method`], [`Environment`] and [`Target`] (with the base-URL rule),
//! [`Headers`], the one URL check ([`url`]) and the idempotency-key rules
//! ([`idempotency`]).

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(any(feature = "js", test))]
use crate::json::ObjectWriter;

mod headers;
pub mod idempotency;
mod target;
pub mod url;

pub use headers::Headers;
pub use target::{
    base_url, Environment, EnvironmentMismatch, InvalidBaseUrl, Target, PRODUCTION_BASE_URL,
    SANDBOX_BASE_URL,
};
pub(crate) use target::{resolve_base, TargetError};

/// Dwolla's media type, required in `Accept` on every request (else 406).
pub const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";

/// HTTP method of a built request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request to send to Dwolla, as plain data.
///
/// `headers` always holds `Accept: application/vnd.dwolla.v1.hal+json`; a `POST` also
/// holds `Content-Type` and `Idempotency-Key`. `body` is the exact JSON text to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DwollaRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Header names and values; never `Authorization`.
    pub headers: Headers,
    /// The exact JSON text of the body, or `null` for requests without one.
    pub body: Option<String>,
    /// The `Idempotency-Key` header's value for a `POST`, else `null`.
    pub idempotency_key: Option<String>,
}

impl DwollaRequest {
    /// A `GET` of an absolute URL.
    pub fn get(url: String) -> Self {
        let mut headers = Headers::new();
        headers.insert("Accept".to_owned(), HAL_JSON.to_owned());
        Self {
            method: Method::Get,
            url,
            headers,
            body: None,
            idempotency_key: None,
        }
    }

    /// A `POST` of `body` (JSON text) to an absolute URL. Without an explicit key, the
    /// `Idempotency-Key` is derived from the method, URL and body, so the same request
    /// built twice carries the same key and a retry cannot create a second resource.
    pub fn post(url: String, body: String, idempotency_key: Option<String>) -> Self {
        let key = idempotency_key
            .unwrap_or_else(|| idempotency::derive_key(Method::Post, &url, body.as_bytes()));
        let mut headers = Headers::new();
        headers.insert("Accept".to_owned(), HAL_JSON.to_owned());
        headers.insert("Content-Type".to_owned(), HAL_JSON.to_owned());
        headers.insert("Idempotency-Key".to_owned(), key.clone());
        Self {
            method: Method::Post,
            url,
            headers,
            body: Some(body),
            idempotency_key: Some(key),
        }
    }
}

/// Appends `{"Name":"value",…}` for a header map.
#[cfg(any(feature = "js", test))]
pub(crate) fn write_headers<'a>(
    out: &mut String,
    headers: impl IntoIterator<Item = (&'a String, &'a String)>,
) {
    let mut object = ObjectWriter::new(out);
    for (name, value) in headers {
        object.str(name, value);
    }
    object.end();
}

impl DwollaRequest {
    /// The request as JSON text, as its `Serialize` impl would write it.
    #[cfg(test)]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        object
            .str("method", self.method.as_str())
            .str("url", &self.url);
        write_headers(object.key("headers"), &self.headers);
        object
            .opt_str("body", self.body.as_deref())
            .opt_str("idempotencyKey", self.idempotency_key.as_deref())
            .end();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_defaults_to_sandbox_and_honours_override() {
        assert_eq!(Target::default().base().unwrap(), SANDBOX_BASE_URL);
        assert_eq!(
            Target::environment(Environment::Production).base().unwrap(),
            PRODUCTION_BASE_URL
        );
        let local = Target {
            environment: Environment::Sandbox,
            base_url: Some("http://127.0.0.1:8790/".into()),
        };
        assert_eq!(local.base().unwrap(), "http://127.0.0.1:8790");
        // The scheme is case-insensitive (RFC 3986), as for hrefs and redirect URLs.
        let upper = Target {
            environment: Environment::Production,
            base_url: Some("HTTPS://api.dwolla.com/".into()),
        };
        assert_eq!(upper.base().unwrap(), "HTTPS://api.dwolla.com");
        assert_eq!(
            resolve_base(
                None,
                Some("HTTPS://api.dwolla.com"),
                Some(Environment::Sandbox)
            ),
            Err(TargetError::Mismatch(EnvironmentMismatch {
                href: Environment::Sandbox,
                target: Environment::Production
            }))
        );
    }

    #[test]
    fn base_url_rejects_non_http_and_queries() {
        for bad in [
            "ftp://x",
            "127.0.0.1:8790",
            "https://",
            "https://a?b=1",
            "https://a#b",
            "https://u@a",
            "",
        ] {
            let t = Target {
                environment: Environment::Sandbox,
                base_url: Some(bad.into()),
            };
            assert!(t.base().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn headers_behave_as_the_sorted_map_they_replace() {
        let mut h = Headers::new();
        assert!(h.is_empty());
        assert_eq!(h.insert("Idempotency-Key".into(), "k1".into()), None);
        assert_eq!(h.insert("Accept".into(), "a".into()), None);
        assert_eq!(h.insert("Content-Type".into(), "c".into()), None);
        assert_eq!(
            h.insert("Idempotency-Key".into(), "k2".into()),
            Some("k1".to_owned())
        );
        assert_eq!(h.len(), 3);
        let names: Vec<&String> = h.keys().collect();
        assert_eq!(names, ["Accept", "Content-Type", "Idempotency-Key"]);
        assert_eq!(h.get("Idempotency-Key").map(String::as_str), Some("k2"));
        assert_eq!(h.get("accept"), None, "names match exactly, as map keys do");
        let as_map: std::collections::BTreeMap<String, String> =
            h.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        assert_eq!(format!("{h:?}"), format!("{as_map:?}"));
        assert_eq!(
            serde_json::to_string(&h).unwrap(),
            serde_json::to_string(&as_map).unwrap()
        );
        let mut written = String::new();
        write_headers(&mut written, &h);
        assert_eq!(written, serde_json::to_string(&as_map).unwrap());
    }

    #[test]
    fn post_carries_hal_headers_and_a_stable_key() {
        let a = DwollaRequest::post("https://x/exchanges".into(), "{}".into(), None);
        let b = DwollaRequest::post("https://x/exchanges".into(), "{}".into(), None);
        let c = DwollaRequest::post("https://x/exchanges".into(), "{ }".into(), None);
        assert_eq!(a.headers.get("Accept").map(String::as_str), Some(HAL_JSON));
        assert_eq!(
            a.headers.get("Content-Type").map(String::as_str),
            Some(HAL_JSON)
        );
        assert_eq!(a.idempotency_key, b.idempotency_key);
        assert_ne!(a.idempotency_key, c.idempotency_key);
        assert_eq!(a.headers.get("Idempotency-Key"), a.idempotency_key.as_ref());
        assert!(!a.headers.contains_key("Authorization"));
    }
}
