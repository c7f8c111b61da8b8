//! Requests to Mastercard Open Finance (Finicity), as plain data: the partner token,
//! a Test Drive customer, a Data Connect URL and the third-party access key (the
//! consent receipt Dwolla's Finicity exchange needs).
//!
//! No builder adds `Finicity-App-Key` or `Finicity-App-Token`: the executor (the
//! worker) holds them and adds them when sending. Finicity ids (customers, partners,
//! accounts) are strings of digits, longer than a JavaScript number holds exactly, so
//! they are taken and sent as strings only. Body shapes follow
//! `../shared/specs/mastercard/openbanking-us.yaml`.
//!
//! By concern: `connect` gets a customer to Finicity Connect (partner token, Test Drive
//! customer, Connect URL), `accounts` reads a customer's accounts, and `access_key`
//! makes, updates and revokes the consent receipt.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::CodedError;
use crate::issue::Issue;
#[cfg(any(feature = "js", test))]
use crate::json::ObjectWriter;
use crate::json::Quoted;
use crate::message::message;
use crate::request::url::is_http_url;
use crate::request::{InvalidBaseUrl, Method};

mod access_key;
mod accounts;
mod connect;

#[cfg(any(feature = "js", test))]
pub(crate) use access_key::{access_key_post, revoke_url, update_parts};
pub use access_key::{
    access_key_request, is_receipt_id, revoke_access_key_request, update_access_key_request,
    AccessKeyInput, RevokeAccessKeyInput, MAX_RECEIPT_ID_LEN,
};
pub use accounts::{customer_accounts_request, CustomerAccountsInput};
#[cfg(any(feature = "js", test))]
pub(crate) use connect::{authentication_post, connect_url_post, testing_customer_post};
pub use connect::{
    authentication_request, connect_url_request, testing_customer_request, valid_username,
    AuthenticationInput, ConnectUrlInput, TestingCustomerInput,
};

/// Finicity's API host.
pub const FINICITY_BASE_URL: &str = "https://api.finicity.com";
/// Dwolla's Mastercard partner id: the `thirdPartyPartnerId` of Dwolla's consent
/// receipts.
pub const DWOLLA_THIRD_PARTY_PARTNER_ID: &str = "2445583946651";
/// How long access lasts when neither `endTime` nor `durationDays` is given. Dwolla
/// reads balances for as long as the funding source is used, so the default is long.
pub const DEFAULT_ACCESS_DAYS: u32 = 365;

const JSON: &str = "application/json";

/// A request to Finicity, as plain data. `Debug` shows the body's length only, since the
/// authentication body carries the partner secret.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// `Accept` and `Content-Type`; never `Finicity-App-Key` or `Finicity-App-Token`.
    pub headers: BTreeMap<String, String>,
    /// The exact JSON text of the body.
    pub body: Option<String>,
}

impl fmt::Debug for FinicityRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinicityRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(String::len))
            .finish()
    }
}

impl FinicityRequest {
    /// The request as JSON text, as its `Serialize` impl would write it.
    #[cfg(test)]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        object
            .str("method", self.method.as_str())
            .str("url", &self.url);
        crate::request::write_headers(object.key("headers"), &self.headers);
        object.opt_str("body", self.body.as_deref()).end();
        out
    }
}

/// A Finicity `POST` as built, before its header map. Every builder sends the same two
/// headers, so the JS boundary writes them as text from here: the `BTreeMap` of
/// [`FinicityRequest`] would otherwise add its B-tree code (about 2 KB gzip) to the
/// WebAssembly package.
pub(crate) struct FinicityPost {
    url: String,
    body: String,
}

impl FinicityPost {
    fn new(base: &str, path: &str, body: String) -> Self {
        Self {
            url: message!("{}{}", base, path),
            body,
        }
    }

    /// The public request value, with `Accept` and `Content-Type`.
    pub(crate) fn into_request(self) -> FinicityRequest {
        let mut headers = BTreeMap::new();
        headers.insert("Accept".to_owned(), JSON.to_owned());
        headers.insert("Content-Type".to_owned(), JSON.to_owned());
        FinicityRequest {
            method: Method::Post,
            url: self.url,
            headers,
            body: Some(self.body),
        }
    }

    /// JSON text of [`FinicityPost::into_request`]'s value, as its `Serialize` impl
    /// would write it (headers in name order, as the map iterates).
    #[cfg(any(feature = "js", test))]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        object
            .str("method", Method::Post.as_str())
            .str("url", &self.url);
        ObjectWriter::new(object.key("headers"))
            .str("Accept", JSON)
            .str("Content-Type", JSON)
            .end();
        object.str("body", &self.body).end();
        out
    }
}

/// A Finicity partner secret. `Debug` is redacted and there is no `Display`, so it
/// cannot end up in a log line or an error message by accident.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct PartnerSecret(String);

impl PartnerSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }
}

impl fmt::Debug for PartnerSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PartnerSecret(<redacted>)")
    }
}

/// Errors building a Finicity request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinicityError {
    /// The input has problems; every one is listed with its JSON pointer.
    InvalidRequest(Vec<Issue>),
    /// `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
}

impl ufmt::uDisplay for FinicityError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            FinicityError::InvalidRequest(issues) => {
                ufmt::uwrite!(f, "the Finicity request has {} problem(s)", issues.len())?;
                if let Some(first) = issues.first() {
                    ufmt::uwrite!(f, "; first at {}: {}", Quoted(&first.path), first.message)?;
                }
                Ok(())
            }
            FinicityError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for FinicityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for FinicityError {}

impl CodedError for FinicityError {
    fn code(&self) -> &'static str {
        match self {
            FinicityError::InvalidRequest(_) => "InvalidFinicityRequest",
            FinicityError::InvalidBaseUrl(_) => "InvalidBaseUrl",
        }
    }

    fn issues(&self) -> &[Issue] {
        match self {
            FinicityError::InvalidRequest(issues) => issues,
            FinicityError::InvalidBaseUrl(_) => &[],
        }
    }
}

/// Collects every problem before failing.
#[derive(Default)]
struct Problems(Vec<Issue>);

impl Problems {
    fn add(&mut self, path: &str, code: &str, message: impl Into<String>) {
        self.0.push(Issue::error(path, code, message));
    }

    fn digits(&mut self, path: &str, value: &str) {
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            self.add(path, "format", "must be a string of digits");
        }
    }

    fn http_url(&mut self, path: &str, value: Option<&str>) {
        if value.is_some_and(|v| !is_http_url(v)) {
            self.add(path, "format", "must be an absolute http(s) URL");
        }
    }

    fn finish<T>(self, value: T) -> Result<T, FinicityError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(FinicityError::InvalidRequest(self.0))
        }
    }
}

fn base(base_url: Option<&str>) -> Result<String, FinicityError> {
    match base_url {
        None => Ok(FINICITY_BASE_URL.to_owned()),
        Some(url) => crate::request::base_url(url)
            .ok_or_else(|| FinicityError::InvalidBaseUrl(InvalidBaseUrl(url.to_owned()))),
    }
}

/// A request's JSON text as [`FinicityRequest`]'s `Serialize` impl writes it: `Accept`,
/// and `Content-Type` when there is a body (written here so that the browser package
/// needs no map type).
#[cfg(any(feature = "js", test))]
pub(crate) fn request_text(method: Method, url: &str, body: Option<&str>) -> String {
    let mut out = String::new();
    let mut object = ObjectWriter::new(&mut out);
    object.str("method", method.as_str()).str("url", url);
    let mut headers = ObjectWriter::new(object.key("headers"));
    headers.str("Accept", JSON);
    if body.is_some() {
        headers.str("Content-Type", JSON);
    }
    headers.end();
    match body {
        Some(body) => object.str("body", body),
        None => object.raw("body", "null"),
    }
    .end();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_text_matches_the_request_value() {
        let revoke = RevokeAccessKeyInput {
            receipt_id: "cr_1".into(),
            base_url: None,
        };
        let request = revoke_access_key_request(&revoke).unwrap();
        assert_eq!(
            request_text(Method::Delete, &revoke_url(&revoke).unwrap(), None),
            serde_json::to_string(&request).unwrap()
        );
        let input = AccessKeyInput {
            customer_id: "1".into(),
            partner_id: "2".into(),
            account_ids: vec!["3".into()],
            now: Some("2026-12-02T00:00:00Z".into()),
            ..AccessKeyInput::default()
        };
        let (url, body) = update_parts("cr_1", &input).unwrap();
        assert_eq!(
            request_text(Method::Put, &url, Some(&body)),
            serde_json::to_string(&update_access_key_request("cr_1", &input).unwrap()).unwrap()
        );
    }

    #[test]
    fn post_text_matches_the_request_value() {
        let post = FinicityPost::new(FINICITY_BASE_URL, "/connect/v2/generate", "{}".into());
        let text = post.to_json();
        let request = post.into_request();
        assert_eq!(text, request.to_json());
        assert_eq!(text, serde_json::to_string(&request).unwrap());
        assert_eq!(request.headers["Content-Type"], JSON);
    }
}
