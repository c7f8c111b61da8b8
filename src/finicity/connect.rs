//! Getting a customer to Finicity Connect: the partner token, a Test Drive customer and
//! a Data Connect URL.

use serde::{Deserialize, Serialize};

use super::{base, FinicityError, FinicityPost, FinicityRequest, PartnerSecret, Problems};
use crate::json::ObjectWriter;
use crate::message::char_count;

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
    if input.phone.as_ref().is_some_and(|p| char_count(p) > 15) {
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
