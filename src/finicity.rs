//! Requests to Mastercard Open Finance (Finicity), as plain data: the partner token,
//! a Test Drive customer, a Data Connect URL and the third-party access key (the
//! consent receipt Dwolla's Finicity exchange needs).
//!
//! No builder adds `Finicity-App-Key` or `Finicity-App-Token`: the executor (the
//! worker) holds them and adds them when sending. Finicity ids (customers, partners,
//! accounts) are strings of digits, longer than a JavaScript number holds exactly, so
//! they are taken and sent as strings only. Body shapes follow
//! `../shared/specs/mastercard/openbanking-us.yaml`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::CodedError;
use crate::issue::{pointer_push, Issue};
use crate::json::{ObjectWriter, Quoted};
use crate::receipt::{Timestamp, KNOWN_PRODUCTS, MONEY_TRANSFER_DETAILS};
use crate::request::{InvalidBaseUrl, Method, Target};
use crate::session::is_http_url;

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
            url: format!("{base}{path}"),
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
    #[cfg(any(feature = "finicity", test))]
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

impl fmt::Display for FinicityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FinicityError::InvalidRequest(issues) => {
                write!(f, "the Finicity request has {} problem(s)", issues.len())?;
                if let Some(first) = issues.first() {
                    write!(f, "; first at {}: {}", Quoted(&first.path), first.message)?;
                }
                Ok(())
            }
            FinicityError::InvalidBaseUrl(e) => e.fmt(f),
        }
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
        Some(url) => Target {
            base_url: Some(url.to_owned()),
            ..Target::default()
        }
        .base()
        .map_err(FinicityError::InvalidBaseUrl),
    }
}

/// Input of [`access_key_request`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeyInput {
    /// The Finicity customer whose accounts are shared (digits).
    pub customer_id: String,
    /// Your Finicity partner id (digits).
    pub partner_id: String,
    /// Who receives access (digits); Dwolla's `2445583946651` when absent.
    #[serde(default)]
    pub third_party_partner_id: Option<String>,
    /// The accounts to share (digits each); one product entry per account and product.
    pub account_ids: Vec<String>,
    /// The products to grant; `["moneyTransferDetails"]` when absent.
    #[serde(default)]
    pub products: Option<Vec<String>>,
    /// When access starts (RFC 3339 date-time); `now` when absent.
    #[serde(default)]
    pub start_time: Option<String>,
    /// When access ends (RFC 3339 date-time). Give this or `durationDays`, not both.
    #[serde(default)]
    pub end_time: Option<String>,
    /// Days of access from `startTime`; 365 when neither this nor `endTime` is given.
    #[serde(default)]
    pub duration_days: Option<u32>,
    /// The partner billed for the third party's calls (digits).
    #[serde(default)]
    pub payor_id: Option<String>,
    /// The most calls the third party may make per product.
    #[serde(default)]
    pub max_calls: Option<u32>,
    /// The current instant (RFC 3339); in JS the current time when absent.
    #[serde(default)]
    pub now: Option<String>,
    /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
}

/// A date-time with an offset (Finicity's `DateTimeWithZone`; a bare date is refused).
fn date_time(problems: &mut Problems, path: &str, text: &str) -> Option<Timestamp> {
    match Timestamp::parse(text) {
        Ok(ts) if !Timestamp::is_date_only(text) => Some(ts),
        Ok(_) => {
            problems.add(
                path,
                "format",
                "must be a date-time with an offset, not a date",
            );
            None
        }
        Err(e) => {
            problems.add(path, "format", e.to_string());
            None
        }
    }
}

/// Builds `POST /aggregation/v1/partners/accessKey`: one product entry per account and
/// product, each with a `timeframe` access period. Every problem is reported at once.
pub fn access_key_request(input: &AccessKeyInput) -> Result<FinicityRequest, FinicityError> {
    access_key_post(input).map(FinicityPost::into_request)
}

/// [`access_key_request`] before its header map (see [`FinicityPost`]).
pub(crate) fn access_key_post(input: &AccessKeyInput) -> Result<FinicityPost, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    problems.digits("/customerId", &input.customer_id);
    problems.digits("/partnerId", &input.partner_id);
    let third_party = input
        .third_party_partner_id
        .as_deref()
        .unwrap_or(DWOLLA_THIRD_PARTY_PARTNER_ID);
    problems.digits("/thirdPartyPartnerId", third_party);
    if let Some(payor) = &input.payor_id {
        problems.digits("/payorId", payor);
    }
    if input.account_ids.is_empty() {
        problems.add(
            "/accountIds",
            "empty",
            "at least one account id is required",
        );
    }
    for (i, id) in input.account_ids.iter().enumerate() {
        problems.digits(&format!("/accountIds/{i}"), id);
        if input
            .account_ids
            .get(..i)
            .is_some_and(|before| before.contains(id))
        {
            problems.add(&format!("/accountIds/{i}"), "duplicate", "listed twice");
        }
    }
    let default_products = [MONEY_TRANSFER_DETAILS.to_owned()];
    let products = input.products.as_deref().unwrap_or(&default_products);
    if products.is_empty() {
        problems.add("/products", "empty", "at least one product is required");
    }
    for (i, product) in products.iter().enumerate() {
        let path = pointer_push("/products", &i.to_string());
        if !KNOWN_PRODUCTS.contains(&product.as_str()) {
            problems.add(
                &path,
                "unknownProduct",
                format!(
                    "must be one of {}",
                    crate::json::comma_list(&KNOWN_PRODUCTS)
                ),
            );
        } else if products
            .get(..i)
            .is_some_and(|before| before.contains(product))
        {
            problems.add(&path, "duplicate", "listed twice");
        }
    }
    if input.max_calls == Some(0) {
        problems.add("/maxCalls", "format", "must be at least 1");
    }

    let now = input
        .now
        .as_deref()
        .and_then(|n| date_time(&mut problems, "/now", n));
    let (start_text, start) = match (&input.start_time, now) {
        (Some(text), _) => (text.clone(), date_time(&mut problems, "/startTime", text)),
        (None, Some(now)) => (now.to_string(), Some(now)),
        (None, None) => {
            problems.add("/startTime", "required", "give startTime or now");
            (String::new(), None)
        }
    };
    let end_text = match (&input.end_time, input.duration_days) {
        (Some(_), Some(_)) => {
            problems.add(
                "/durationDays",
                "conflict",
                "give endTime or durationDays, not both",
            );
            String::new()
        }
        (Some(text), None) => {
            let end = date_time(&mut problems, "/endTime", text);
            if let (Some(start), Some(end)) = (start, end) {
                if end <= start {
                    problems.add("/endTime", "periodOrder", "must be after startTime");
                }
            }
            text.clone()
        }
        (None, days) => {
            let days = days.unwrap_or(DEFAULT_ACCESS_DAYS);
            if days == 0 {
                problems.add("/durationDays", "format", "must be at least 1");
            }
            start
                .map(|s| s.plus_seconds(i64::from(days) * 86_400).to_string())
                .unwrap_or_default()
        }
    };
    problems.finish(())?;
    let mut body = String::new();
    let mut object = ObjectWriter::new(&mut body);
    object
        .str("customerId", &input.customer_id)
        .str("partnerId", &input.partner_id)
        .str("thirdPartyPartnerId", third_party);
    let list = object.key("products");
    list.push('[');
    let mut first = true;
    for account in &input.account_ids {
        for product in products {
            if !first {
                list.push(',');
            }
            first = false;
            let mut item = ObjectWriter::new(list);
            item.str("product", product).str("accountId", account);
            ObjectWriter::new(item.key("accessPeriod"))
                .str("type", "timeframe")
                .str("startTime", &start_text)
                .str("endTime", &end_text)
                .end();
            item.some_str("payorId", input.payor_id.as_deref());
            if let Some(max) = input.max_calls {
                item.int("maxCalls", u64::from(max));
            }
            item.end();
        }
    }
    list.push(']');
    object.end();
    Ok(FinicityPost::new(
        &base,
        "/aggregation/v1/partners/accessKey",
        body,
    ))
}

/// Input of [`authentication_request`] from JS.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationInput {
    /// Your Finicity partner id (digits).
    pub partner_id: String,
    /// Your partner secret. Keep it server-side.
    pub partner_secret: PartnerSecret,
    /// Overrides `https://api.finicity.com`.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// Builds `POST /aggregation/v2/partners/authentication` (`{partnerId, partnerSecret}`);
/// the answer's token is valid for two hours.
///
/// Five failed authentications lock the partner account, so a failed answer must not
/// be retried blindly: only a transport failure (no answer at all) is worth one retry.
pub fn authentication_request(
    input: &AuthenticationInput,
) -> Result<FinicityRequest, FinicityError> {
    authentication_post(input).map(FinicityPost::into_request)
}

/// [`authentication_request`] before its header map (see [`FinicityPost`]).
pub(crate) fn authentication_post(
    input: &AuthenticationInput,
) -> Result<FinicityPost, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    problems.digits("/partnerId", &input.partner_id);
    if input.partner_secret.0.is_empty() {
        problems.add("/partnerSecret", "empty", "must not be empty");
    }
    problems.finish(())?;
    let mut body = String::new();
    ObjectWriter::new(&mut body)
        .str("partnerId", &input.partner_id)
        .str("partnerSecret", &input.partner_secret.0)
        .end();
    Ok(FinicityPost::new(
        &base,
        "/aggregation/v2/partners/authentication",
        body,
    ))
}

/// Input of [`testing_customer_request`]: Finicity's `NewCustomer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestingCustomerInput {
    /// Unique username: 6 to 255 of letters, digits and `! @ . # $ % & * _ - +`.
    pub username: String,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The registered application the customer belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    /// Phone number (at most 15 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Overrides `https://api.finicity.com`; not part of the body.
    #[serde(default, skip_serializing)]
    pub base_url: Option<String>,
}

impl TestingCustomerInput {
    /// The body: every field but `baseUrl`, absent ones left out (as `Serialize` does).
    fn body_json(&self) -> String {
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .str("username", &self.username)
            .some_str("firstName", self.first_name.as_deref())
            .some_str("lastName", self.last_name.as_deref())
            .some_str("applicationId", self.application_id.as_deref())
            .some_str("phone", self.phone.as_deref())
            .some_str("email", self.email.as_deref())
            .end();
        out
    }
}

/// Whether `username` follows Finicity's rules for customer usernames.
pub fn valid_username(username: &str) -> bool {
    (6..=255).contains(&username.len())
        && username
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!@.#$%&*_-+".contains(&b))
}

/// Builds `POST /aggregation/v2/customers/testing`: a Test Drive customer, which can
/// reach FinBank profiles only.
pub fn testing_customer_request(
    input: &TestingCustomerInput,
) -> Result<FinicityRequest, FinicityError> {
    testing_customer_post(input).map(FinicityPost::into_request)
}

/// [`testing_customer_request`] before its header map (see [`FinicityPost`]).
pub(crate) fn testing_customer_post(
    input: &TestingCustomerInput,
) -> Result<FinicityPost, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    if !valid_username(&input.username) {
        problems.add(
            "/username",
            "format",
            "must be 6 to 255 of letters, digits and ! @ . # $ % & * _ - +",
        );
    }
    if input.phone.as_ref().is_some_and(|p| p.chars().count() > 15) {
        problems.add("/phone", "format", "must be at most 15 characters");
    }
    problems.finish(())?;
    Ok(FinicityPost::new(
        &base,
        "/aggregation/v2/customers/testing",
        input.body_json(),
    ))
}

/// Input of [`connect_url_request`]: the commonly used part of Finicity's
/// `ConnectParameters`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectUrlInput {
    /// Your Finicity partner id (digits).
    pub partner_id: String,
    /// The Finicity customer (digits).
    pub customer_id: String,
    /// Where Data Connect sends the customer when done (http(s)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Where Finicity posts Connect events (http(s)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook: Option<String>,
    /// `application/json` (Finicity's default) or `application/xml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_content_type: Option<String>,
    /// An experience id, or `default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<String>,
    /// `es` or `fr`; English when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Whether the link expires after one completed session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_use_url: Option<bool>,
    /// Whether Data Connect runs in a WebView (then `redirectUri` is required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_web_view: Option<bool>,
    /// Overrides `https://api.finicity.com`; not part of the body.
    #[serde(default, skip_serializing)]
    pub base_url: Option<String>,
}

impl ConnectUrlInput {
    /// The body: every field but `baseUrl`, absent ones left out (as `Serialize` does).
    fn body_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        object
            .str("partnerId", &self.partner_id)
            .str("customerId", &self.customer_id)
            .some_str("redirectUri", self.redirect_uri.as_deref())
            .some_str("webhook", self.webhook.as_deref())
            .some_str("webhookContentType", self.webhook_content_type.as_deref())
            .some_str("experience", self.experience.as_deref())
            .some_str("language", self.language.as_deref());
        if let Some(single) = self.single_use_url {
            object.bool("singleUseUrl", single);
        }
        if let Some(web_view) = self.is_web_view {
            object.bool("isWebView", web_view);
        }
        object.end();
        out
    }
}

/// Builds `POST /connect/v2/generate`, whose answer holds the Data Connect `link`.
pub fn connect_url_request(input: &ConnectUrlInput) -> Result<FinicityRequest, FinicityError> {
    connect_url_post(input).map(FinicityPost::into_request)
}

/// [`connect_url_request`] before its header map (see [`FinicityPost`]).
pub(crate) fn connect_url_post(input: &ConnectUrlInput) -> Result<FinicityPost, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    problems.digits("/partnerId", &input.partner_id);
    problems.digits("/customerId", &input.customer_id);
    problems.http_url("/redirectUri", input.redirect_uri.as_deref());
    problems.http_url("/webhook", input.webhook.as_deref());
    if let Some(kind) = &input.webhook_content_type {
        if kind != "application/json" && kind != "application/xml" {
            problems.add(
                "/webhookContentType",
                "format",
                "must be application/json or application/xml",
            );
        }
    }
    if input.is_web_view == Some(true) && input.redirect_uri.is_none() {
        problems.add(
            "/redirectUri",
            "required",
            "required when isWebView is true",
        );
    }
    problems.finish(())?;
    Ok(FinicityPost::new(
        &base,
        "/connect/v2/generate",
        input.body_json(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
