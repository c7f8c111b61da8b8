//! Exchange sessions: the hosted flows (MX Connect, Plaid Link, Visa, Checkout.com Flow)
//! a customer goes through to link an account.
//!
//! Building: `POST /customers/{id}/exchange-sessions` and, after an `UpdateCredentials`
//! error, `POST /exchanges/{id}/exchange-sessions`, with each partner's redirect-URL
//! rules enforced before anything is sent. Reading: what the browser opens once the
//! session is retrieved, and what Visa's redirect back to the application carries.
//!
//! Exchange sessions are single use. Without an explicit `idempotency_key` the key is
//! derived from the request, so rebuilding the same request within Dwolla's 24-hour
//! idempotency window returns the session already created; pass a fresh key (e.g. a
//! random UUID) for each new attempt by the customer.

//!
//! `redirect.rs` holds each partner's redirect-URL rules, `build.rs` the two builders,
//! `read.rs` the readers of a retrieved session and of Visa's redirect.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::CodedError;
use crate::ids::HrefError;
use crate::json::Quoted;
use crate::partners::Partner;
use crate::request::{
    idempotency::INVALID_KEY_MESSAGE, Environment, EnvironmentMismatch, InvalidBaseUrl, TargetError,
};

mod build;
mod read;
mod redirect;

pub use build::{exchange_session, reauth_exchange_session};
#[cfg(any(feature = "js", test))]
pub(crate) use read::read_session;
pub use read::{read_exchange_session, read_visa_redirect, SessionLaunch, VisaRedirect};
pub use redirect::{is_android_package, is_http_url};

/// Where the customer runs the flow; only Plaid's rules depend on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Platform {
    /// A web page (the default): Plaid takes no redirect URL.
    #[default]
    Web,
    /// An Android app: Plaid takes the app's package name (`com.example.app`).
    Android,
    /// An iOS app: Plaid takes an http(s) URL (a universal link).
    Ios,
}

/// Input of [`exchange_session`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSessionInput {
    /// The Dwolla customer (a UUID).
    pub customer_id: String,
    /// The partner's name as Dwolla lists it (`Visa`, `Plaid`, `MX`, `Checkout.com`);
    /// case-insensitive. Decides which redirect-URL rules apply.
    pub partner_name: String,
    /// The partner's `_links.self.href` from `GET /exchange-partners`.
    pub partner_href: String,
    /// `web` (default), `android` or `ios`.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Where the partner sends the customer back (Visa; Plaid on mobile).
    #[serde(default)]
    pub redirect_url: Option<String>,
    /// The redirect URLs configured for the Dwolla account; when given, an http(s)
    /// redirect URL must equal one of them exactly, as Dwolla requires.
    #[serde(default)]
    pub allowed_redirect_urls: Option<Vec<String>>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Input of [`reauth_exchange_session`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReauthExchangeSessionInput {
    /// The exchange whose connection needs refreshing (a UUID).
    pub exchange_id: String,
    /// The exchange's partner, when known: its rules then apply as for a new session.
    #[serde(default)]
    pub partner_name: Option<String>,
    /// `web` (default), `android` or `ios`.
    #[serde(default)]
    pub platform: Option<Platform>,
    /// Where the partner sends the customer back.
    #[serde(default)]
    pub redirect_url: Option<String>,
    /// As in [`ExchangeSessionInput::allowed_redirect_urls`].
    #[serde(default)]
    pub allowed_redirect_urls: Option<Vec<String>>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Errors building an exchange session or reading one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// `customerId` is not a UUID.
    InvalidCustomerId,
    /// `exchangeId` is not a UUID.
    InvalidExchangeId,
    /// `partnerHref` is not `<base>/exchange-partners/<uuid>`.
    InvalidPartnerHref(HrefError),
    /// `partnerName` is no partner this crate knows.
    UnknownPartner(String),
    /// The partner href belongs to the other Dwolla environment.
    EnvironmentMismatch(EnvironmentMismatch),
    /// `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
    /// `idempotencyKey` is empty, longer than 255 characters or not printable ASCII.
    InvalidIdempotencyKey,
    /// The partner has no exchange sessions (Finicity, Flinks).
    SessionsNotSupported(Partner),
    /// The partner needs a redirect URL on this platform and none was given.
    RedirectUrlRequired {
        /// What the partner expects there.
        expected: &'static str,
    },
    /// A redirect URL was given where the partner takes none, or it is not one of
    /// `allowedRedirectUrls`.
    RedirectUrlNotAllowed(&'static str),
    /// The redirect URL does not have the form the partner needs.
    RedirectUrlInvalid {
        /// What the partner expects there.
        expected: &'static str,
    },
    /// `allowedRedirectUrls` is empty, so no redirect URL can be accepted.
    RedirectUrlNotConfigured,
    /// A retrieved session is not a JSON object.
    InvalidSessionBody,
    /// A retrieved session has no link, token or data to open.
    NoProviderSession,
    /// A retrieved session's `external-provider-session` is not an http(s) URL.
    InvalidProviderUrl,
    /// A Visa redirect carries neither a valid `exchange` nor an `error` parameter.
    InvalidVisaRedirect(&'static str),
}

impl ufmt::uDisplay for SessionError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            SessionError::InvalidCustomerId => f.write_str("customerId must be a UUID"),
            SessionError::InvalidExchangeId => f.write_str("exchangeId must be a UUID"),
            SessionError::InvalidPartnerHref(e) => ufmt::uwrite!(f, "partnerHref: {}", e),
            SessionError::UnknownPartner(name) => ufmt::uwrite!(f, "unknown exchange partner {}; known: Finicity (Mastercard), MX, Plaid, Flinks, Visa, Checkout.com", Quoted(name)),
            SessionError::EnvironmentMismatch(e) => ufmt::uDisplay::fmt(e, f),
            SessionError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
            SessionError::InvalidIdempotencyKey => {
                f.write_str(INVALID_KEY_MESSAGE)
            }
            SessionError::SessionsNotSupported(p) => ufmt::uwrite!(f, "{} has no exchange sessions: create the exchange from its token or consent receipt instead", p),
            SessionError::RedirectUrlRequired { expected } => {
                ufmt::uwrite!(f, "redirectUrl is required here: {}", expected)
            }
            SessionError::RedirectUrlNotAllowed(why) => f.write_str(why),
            SessionError::RedirectUrlInvalid { expected } => {
                ufmt::uwrite!(f, "redirectUrl must be {}", expected)
            }
            SessionError::RedirectUrlNotConfigured => f.write_str(
                "allowedRedirectUrls is empty: configure the account's redirect URLs first",
            ),
            SessionError::InvalidSessionBody => {
                f.write_str("an exchange session must be a JSON object")
            }
            SessionError::NoProviderSession => f.write_str(
                "the exchange session has no external-provider-session link, externalProviderSessionToken or externalProviderSessionData",
            ),
            SessionError::InvalidProviderUrl => {
                f.write_str("the exchange session's external-provider-session href is not an http(s) URL")
            }
            SessionError::InvalidVisaRedirect(why) => ufmt::uwrite!(f, "not a Visa redirect: {}", why),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for SessionError {}

impl CodedError for SessionError {
    fn code(&self) -> &'static str {
        match self {
            SessionError::InvalidCustomerId => "InvalidCustomerId",
            SessionError::InvalidExchangeId => "InvalidExchangeId",
            SessionError::InvalidPartnerHref(_) => "InvalidPartnerHref",
            SessionError::UnknownPartner(_) => "UnknownPartner",
            SessionError::EnvironmentMismatch(_) => EnvironmentMismatch::CODE,
            SessionError::InvalidBaseUrl(_) => "InvalidBaseUrl",
            SessionError::InvalidIdempotencyKey => "InvalidIdempotencyKey",
            SessionError::SessionsNotSupported(_) => "SessionsNotSupported",
            SessionError::RedirectUrlRequired { .. } => "RedirectUrlRequired",
            SessionError::RedirectUrlNotAllowed(_) => "RedirectUrlNotAllowed",
            SessionError::RedirectUrlInvalid { .. } => "RedirectUrlInvalid",
            SessionError::RedirectUrlNotConfigured => "RedirectUrlNotConfigured",
            SessionError::InvalidSessionBody => "InvalidSessionBody",
            SessionError::NoProviderSession => "NoProviderSession",
            SessionError::InvalidProviderUrl => "InvalidProviderUrl",
            SessionError::InvalidVisaRedirect(_) => "InvalidVisaRedirect",
        }
    }
}

impl From<TargetError> for SessionError {
    fn from(e: TargetError) -> Self {
        match e {
            TargetError::BaseUrl(e) => SessionError::InvalidBaseUrl(e),
            TargetError::Mismatch(e) => SessionError::EnvironmentMismatch(e),
        }
    }
}
