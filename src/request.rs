//! Requests are data: every builder in this crate returns a [`DwollaRequest`] that the
//! caller (the worker, a server, a test) executes with whatever HTTP client it has.
//! Nothing here adds `Authorization`: credentials are the executor's business.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::idempotency;
#[cfg(any(feature = "boundary", test))]
use crate::json::ObjectWriter;

/// Dwolla's media type, required in `Accept` on every request (else 406).
pub const HAL_JSON: &str = "application/vnd.dwolla.v1.hal+json";
/// Dwolla's production API host.
pub const PRODUCTION_BASE_URL: &str = "https://api.dwolla.com";
/// Dwolla's sandbox API host.
pub const SANDBOX_BASE_URL: &str = "https://api-sandbox.dwolla.com";

/// Header names and values of a built request, ordered by name.
///
/// It behaves as the `BTreeMap<String, String>` it replaces (sorted iteration, a new
/// value for an existing name replaces the old one, serialized as a JSON object), but a
/// request holds two or three headers, and a sorted `Vec` of pairs keeps the B-tree's
/// code (about 5 KB) out of the WebAssembly package.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, returning the value it replaces.
    pub fn insert(&mut self, name: String, value: String) -> Option<String> {
        match self.0.binary_search_by(|(k, _)| k.as_str().cmp(&name)) {
            Ok(i) => self.0.get_mut(i).map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// The value of `name` (exact, case-sensitive match).
    pub fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Whether `name` is present (exact, case-sensitive match).
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The pairs, ordered by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The number of headers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Headers {
    type Output = String;

    /// The value of `name`; panics when absent, as a map's index does (test code reads
    /// headers this way; library code uses [`Headers::get`]).
    #[allow(clippy::panic)]
    fn index(&self, name: &str) -> &String {
        match self.get(name) {
            Some(value) => value,
            None => panic!("no header named {name}"),
        }
    }
}

impl<'a> IntoIterator for &'a Headers {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Headers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// HTTP method of a built request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it goes on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which Dwolla environment a request targets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Environment {
    /// `https://api-sandbox.dwolla.com` (the default).
    #[default]
    Sandbox,
    /// `https://api.dwolla.com`.
    Production,
}

impl Environment {
    /// The API host of this environment, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Sandbox => SANDBOX_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
        }
    }
}

/// Where requests go: an environment, optionally overridden by an explicit base URL
/// (for a local sandbox such as `http://127.0.0.1:8790`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The Dwolla environment; `sandbox` when absent.
    #[serde(default)]
    pub environment: Environment,
    /// Overrides the environment's host when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// A `baseUrl` that is not an absolute http(s) URL without query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBaseUrl(pub String);

impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "baseUrl {} must be an absolute http(s) URL without query or fragment",
            crate::json::Quoted(&self.0)
        )
    }
}

impl std::error::Error for InvalidBaseUrl {}

impl crate::CodedError for InvalidBaseUrl {
    fn code(&self) -> &'static str {
        "InvalidBaseUrl"
    }
}

impl Target {
    /// A target for an environment, with no override.
    pub fn environment(environment: Environment) -> Self {
        Self {
            environment,
            base_url: None,
        }
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base(&self) -> Result<String, InvalidBaseUrl> {
        match &self.base_url {
            None => Ok(self.environment.base_url().to_owned()),
            Some(raw) => {
                let trimmed = raw.trim_end_matches('/');
                let rest = trimmed
                    .strip_prefix("https://")
                    .or_else(|| trimmed.strip_prefix("http://"));
                match rest {
                    Some(host)
                        if !host.is_empty()
                            && !host.contains(['?', '#', ' '])
                            && !host.starts_with('/') =>
                    {
                        Ok(trimmed.to_owned())
                    }
                    _ => Err(InvalidBaseUrl(raw.clone())),
                }
            }
        }
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
#[cfg(any(feature = "boundary", test))]
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

/// Why a request's target cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TargetError {
    /// `baseUrl` is not an absolute http(s) URL.
    BaseUrl(InvalidBaseUrl),
    /// A Dwolla href from the other environment.
    Mismatch {
        href: Environment,
        target: Environment,
    },
}

/// The base URL a request goes to, refusing a Dwolla href from the other environment.
pub(crate) fn resolve_base(
    environment: Option<Environment>,
    base_url: Option<&str>,
    href_environment: Option<Environment>,
) -> Result<String, TargetError> {
    let target = Target {
        environment: environment.unwrap_or_default(),
        base_url: base_url.map(str::to_owned),
    };
    let base = target.base().map_err(TargetError::BaseUrl)?;
    // A base URL on one of Dwolla's hosts still names an environment; any other host
    // (a local sandbox, a proxy) accepts hrefs of any host.
    let target_env = match &target.base_url {
        Some(_) => crate::ids::environment_of(&base),
        None => Some(target.environment),
    };
    match (href_environment, target_env) {
        (Some(href), Some(target)) if href != target => Err(TargetError::Mismatch { href, target }),
        _ => Ok(base),
    }
}

/// Whether an explicit `Idempotency-Key` is usable: 1 to 255 printable ASCII characters.
pub(crate) fn valid_idempotency_key(key: Option<&str>) -> bool {
    key.is_none_or(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()))
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
    }

    #[test]
    fn base_url_rejects_non_http_and_queries() {
        for bad in ["ftp://x", "127.0.0.1:8790", "https://", "https://a?b=1", ""] {
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
        assert_eq!(h["Idempotency-Key"], "k2");
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
        assert_eq!(a.headers["Accept"], HAL_JSON);
        assert_eq!(a.headers["Content-Type"], HAL_JSON);
        assert_eq!(a.idempotency_key, b.idempotency_key);
        assert_ne!(a.idempotency_key, c.idempotency_key);
        assert_eq!(a.headers.get("Idempotency-Key"), a.idempotency_key.as_ref());
        assert!(!a.headers.contains_key("Authorization"));
    }
}
