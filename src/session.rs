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

use std::fmt;

use percent_encoding::percent_decode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::CodedError;
use crate::ids::{is_uuid, parse_href, HrefError};
use crate::json::{ObjectWriter, Quoted, Tree};
use crate::partners::Partner;
use crate::request::{
    idempotency::{valid_optional_key, INVALID_KEY_MESSAGE},
    resolve_base, DwollaRequest, Environment, EnvironmentMismatch, InvalidBaseUrl, TargetError,
};

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

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionError::InvalidCustomerId => f.write_str("customerId must be a UUID"),
            SessionError::InvalidExchangeId => f.write_str("exchangeId must be a UUID"),
            SessionError::InvalidPartnerHref(e) => write!(f, "partnerHref: {e}"),
            SessionError::UnknownPartner(name) => write!(
                f,
                "unknown exchange partner {}; known: Finicity (Mastercard), MX, Plaid, Flinks, Visa, Checkout.com",
                Quoted(name)
            ),
            SessionError::EnvironmentMismatch(e) => e.fmt(f),
            SessionError::InvalidBaseUrl(e) => e.fmt(f),
            SessionError::InvalidIdempotencyKey => {
                f.write_str(INVALID_KEY_MESSAGE)
            }
            SessionError::SessionsNotSupported(p) => write!(
                f,
                "{p} has no exchange sessions: create the exchange from its token or consent receipt instead"
            ),
            SessionError::RedirectUrlRequired { expected } => {
                write!(f, "redirectUrl is required here: {expected}")
            }
            SessionError::RedirectUrlNotAllowed(why) => f.write_str(why),
            SessionError::RedirectUrlInvalid { expected } => {
                write!(f, "redirectUrl must be {expected}")
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
            SessionError::InvalidVisaRedirect(why) => write!(f, "not a Visa redirect: {why}"),
        }
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
            SessionError::EnvironmentMismatch(e) => e.code(),
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

const HTTP_URL: &str = "an absolute http(s) URL";
const PACKAGE_NAME: &str = "an Android package name such as com.example.app";

/// What a partner accepts as `redirect-url` on a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redirect {
    /// No redirect URL may be sent.
    None,
    /// An http(s) URL is required.
    HttpUrl,
    /// An http(s) URL may be sent.
    OptionalHttpUrl,
    /// An Android package name is required.
    PackageName,
}

fn redirect_rule(partner: Option<Partner>, platform: Platform) -> Result<Redirect, SessionError> {
    Ok(match (partner, platform) {
        (Some(p @ (Partner::Finicity | Partner::Flinks)), _) => {
            return Err(SessionError::SessionsNotSupported(p))
        }
        (Some(Partner::Visa), _) => Redirect::HttpUrl,
        // Dwolla: "For MX exchange sessions, this parameter is not required": optional,
        // and checked like any other when given.
        (Some(Partner::Mx), _) => Redirect::OptionalHttpUrl,
        (Some(Partner::CheckoutCom), _) => Redirect::None,
        (Some(Partner::Plaid), Platform::Web) => Redirect::None,
        // A re-auth session for an unknown partner: Visa needs a URL, Plaid web none,
        // so on the web either is accepted.
        (None, Platform::Web) => Redirect::OptionalHttpUrl,
        (_, Platform::Android) => Redirect::PackageName,
        (_, Platform::Ios) => Redirect::HttpUrl,
    })
}

/// Applies the partner's rules to a redirect URL; `Ok(Some(url))` is what to send.
fn check_redirect<'a>(
    partner: Option<Partner>,
    platform: Platform,
    redirect: Option<&'a str>,
    allowed: Option<&[String]>,
) -> Result<Option<&'a str>, SessionError> {
    let rule = redirect_rule(partner, platform)?;
    match (rule, redirect) {
        (Redirect::None, None) | (Redirect::OptionalHttpUrl, None) => Ok(None),
        (Redirect::None, Some(_)) => Err(SessionError::RedirectUrlNotAllowed(match partner {
            Some(Partner::Plaid) => "Plaid web sessions take no redirectUrl (use platform \"android\" or \"ios\" for mobile)",
            _ => "this partner's sessions take no redirectUrl",
        })),
        (Redirect::PackageName, None) => Err(SessionError::RedirectUrlRequired {
            expected: PACKAGE_NAME,
        }),
        (Redirect::PackageName, Some(name)) if is_android_package(name) => Ok(Some(name)),
        (Redirect::PackageName, Some(_)) => Err(SessionError::RedirectUrlInvalid {
            expected: PACKAGE_NAME,
        }),
        (Redirect::HttpUrl, None) => match allowed {
            Some([]) => Err(SessionError::RedirectUrlNotConfigured),
            _ => Err(SessionError::RedirectUrlRequired { expected: HTTP_URL }),
        },
        (Redirect::HttpUrl | Redirect::OptionalHttpUrl, Some(url)) => {
            if !is_http_url(url) {
                return Err(SessionError::RedirectUrlInvalid { expected: HTTP_URL });
            }
            match allowed {
                None => Ok(Some(url)),
                Some([]) => Err(SessionError::RedirectUrlNotConfigured),
                // Dwolla compares exactly (scheme, host, port, path), so do we.
                Some(list) if list.iter().any(|a| a == url) => Ok(Some(url)),
                Some(_) => Err(SessionError::RedirectUrlNotAllowed(
                    "redirectUrl must exactly match one of allowedRedirectUrls",
                )),
            }
        }
    }
}

/// Whether `s` is an absolute http(s) URL: the crate's one URL check (see
/// [`crate::request::url`]), which redirect URLs and provider URLs go through.
pub use crate::request::url::is_http_url;

/// Whether `s` is an Android application id: two or more dot-separated segments, each
/// a letter followed by letters, digits or underscores (`com.example.app123`).
pub fn is_android_package(s: &str) -> bool {
    let mut segments = 0;
    for segment in s.split('.') {
        let mut bytes = segment.bytes();
        match bytes.next() {
            Some(b) if b.is_ascii_alphabetic() => {}
            _ => return false,
        }
        if !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

impl From<TargetError> for SessionError {
    fn from(e: TargetError) -> Self {
        match e {
            TargetError::BaseUrl(e) => SessionError::InvalidBaseUrl(e),
            TargetError::Mismatch(e) => SessionError::EnvironmentMismatch(e),
        }
    }
}

/// `{"_links":{"exchange-partner":{"href":…},"redirect-url":{"href":…}}}`, each link
/// only when present.
fn session_body(partner_href: Option<&str>, redirect_url: Option<&str>) -> String {
    let mut out = String::new();
    let mut object = ObjectWriter::new(&mut out);
    let mut links = ObjectWriter::new(object.key("_links"));
    if let Some(href) = partner_href {
        links.link("exchange-partner", href);
    }
    if let Some(href) = redirect_url {
        links.link("redirect-url", href);
    }
    links.end();
    object.end();
    out
}

/// Builds `POST /customers/{id}/exchange-sessions`, enforcing the partner's rules:
/// Visa needs an http(s) redirect URL (one of `allowed_redirect_urls` when given);
/// Plaid none on the web, a package name on Android, an http(s) URL on iOS; MX an
/// optional http(s) URL (one of `allowed_redirect_urls` when given); Checkout.com none;
/// Finicity and Flinks have no sessions.
pub fn exchange_session(input: &ExchangeSessionInput) -> Result<DwollaRequest, SessionError> {
    if !is_uuid(&input.customer_id) {
        return Err(SessionError::InvalidCustomerId);
    }
    let partner = Partner::from_name(&input.partner_name)
        .ok_or_else(|| SessionError::UnknownPartner(input.partner_name.clone()))?;
    let href = parse_href(&input.partner_href, "exchange-partners")
        .map_err(SessionError::InvalidPartnerHref)?;
    let redirect = check_redirect(
        Some(partner),
        input.platform.unwrap_or_default(),
        input.redirect_url.as_deref(),
        input.allowed_redirect_urls.as_deref(),
    )?;
    let base = resolve_base(
        input.environment,
        input.base_url.as_deref(),
        href.environment(),
    )?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(SessionError::InvalidIdempotencyKey);
    }
    let body = session_body(Some(&href.href()), redirect);
    let url = format!("{base}/customers/{}/exchange-sessions", input.customer_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}

/// Builds `POST /exchanges/{id}/exchange-sessions`, the re-authentication session
/// Dwolla asks for with an `UpdateCredentials` error. Without a redirect URL the body
/// is `{}`. With `partner_name` the partner's rules apply as in [`exchange_session`].
pub fn reauth_exchange_session(
    input: &ReauthExchangeSessionInput,
) -> Result<DwollaRequest, SessionError> {
    if !is_uuid(&input.exchange_id) {
        return Err(SessionError::InvalidExchangeId);
    }
    let partner = match &input.partner_name {
        None => None,
        Some(name) => Some(
            Partner::from_name(name).ok_or_else(|| SessionError::UnknownPartner(name.clone()))?,
        ),
    };
    let redirect = check_redirect(
        partner,
        input.platform.unwrap_or_default(),
        input.redirect_url.as_deref(),
        input.allowed_redirect_urls.as_deref(),
    )?;
    let base = resolve_base(input.environment, input.base_url.as_deref(), None)?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(SessionError::InvalidIdempotencyKey);
    }
    let body = match redirect {
        None => "{}".to_owned(),
        Some(href) => session_body(None, Some(href)),
    };
    let url = format!("{base}/exchanges/{}/exchange-sessions", input.exchange_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}

/// What the browser opens for a retrieved exchange session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SessionLaunch {
    /// Send the customer to `url` (MX Connect, Visa).
    Redirect {
        /// `_links.external-provider-session.href`.
        url: String,
    },
    /// Open Plaid Link with this token.
    PlaidLink {
        /// `externalProviderSessionToken`.
        #[serde(rename = "linkToken")]
        link_token: String,
    },
    /// Start Checkout.com Flow with this payment session.
    Checkout {
        /// `externalProviderSessionData`, as Dwolla returned it.
        session: Value,
    },
}

/// Reads the body of `GET /exchange-sessions/{id}`: a Plaid link token
/// (`externalProviderSessionToken`), Checkout.com session data
/// (`externalProviderSessionData`) or a URL to open (`_links.external-provider-session`,
/// MX and Visa), which must be http(s) so that a page never navigates to, say, a
/// `javascript:` URL.
pub fn read_exchange_session(body: &Value) -> Result<SessionLaunch, SessionError> {
    Ok(match read_session(body)? {
        Launch::Redirect(url) => SessionLaunch::Redirect { url },
        Launch::PlaidLink(link_token) => SessionLaunch::PlaidLink { link_token },
        Launch::Checkout(session) => SessionLaunch::Checkout {
            session: session.clone(),
        },
    })
}

/// [`SessionLaunch`] borrowing Checkout.com's session data from the tree it came from.
pub(crate) enum Launch<'a, T> {
    Redirect(String),
    PlaidLink(String),
    Checkout(&'a T),
}

#[cfg(any(feature = "js", test))]
impl Launch<'_, crate::json::Node> {
    /// The launch as JSON text, as [`SessionLaunch`]'s `Serialize` impl writes it.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        match self {
            Launch::Redirect(url) => object.str("kind", "redirect").str("url", url),
            Launch::PlaidLink(token) => object.str("kind", "plaidLink").str("linkToken", token),
            Launch::Checkout(session) => {
                object.str("kind", "checkout");
                session.write(object.key("session"));
                &mut object
            }
        }
        .end();
        out
    }
}

/// [`read_exchange_session`] for any JSON tree.
pub(crate) fn read_session<T: Tree>(body: &T) -> Result<Launch<'_, T>, SessionError> {
    if !body.is_object() {
        return Err(SessionError::InvalidSessionBody);
    }
    if let Some(token) = body
        .member("externalProviderSessionToken")
        .and_then(T::text)
        .filter(|t| !t.is_empty())
    {
        return Ok(Launch::PlaidLink(token.to_owned()));
    }
    if let Some(data) = body
        .member("externalProviderSessionData")
        .filter(|d| !d.is_null())
    {
        return Ok(Launch::Checkout(data));
    }
    match body
        .at("/_links/external-provider-session/href")
        .and_then(T::text)
    {
        Some(url) if is_http_url(url) => Ok(Launch::Redirect(url.to_owned())),
        Some(_) => Err(SessionError::InvalidProviderUrl),
        None => Err(SessionError::NoProviderSession),
    }
}

/// Where Visa's flow ended, from the redirect back to the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum VisaRedirect {
    /// The exchange was created: `?exchange={id}`.
    Exchange {
        /// The new exchange's id (a UUID).
        #[serde(rename = "exchangeId")]
        exchange_id: String,
    },
    /// The flow failed: `?error=` `USER_CANCELLED`, `AUTHENTICATION_ERROR` or
    /// `TEMPORARY_ERROR` (others are passed on as sent).
    Error {
        /// The error code Visa sent.
        error: String,
    },
}

/// Reads Visa's redirect back to the application: a full URL, a path with a query, or
/// just the query (`location.search`). An `error` parameter wins over `exchange`.
pub fn read_visa_redirect(url: &str) -> Result<VisaRedirect, SessionError> {
    let without_fragment = url.split('#').next().unwrap_or_default();
    let query = match without_fragment.split_once('?') {
        Some((_, q)) => q,
        None => without_fragment,
    };
    let mut exchange = None;
    let mut error = None;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        // `+` is a space in a query; the bytes are mapped before percent-decoding, so an
        // encoded `%2B` stays a plus.
        let value: Vec<u8> = value
            .bytes()
            .map(|b| if b == b'+' { b' ' } else { b })
            .collect();
        // Both parameters are checked for an ASCII shape (a UUID, an error code) below,
        // so bytes that are not UTF-8 only need to fail those checks; U+FFFD does, as the
        // lossy decoder's output would, without its code in the package.
        let value = percent_decode(&value)
            .decode_utf8()
            .map_or_else(|_| "\u{FFFD}".to_owned(), std::borrow::Cow::into_owned);
        match key {
            "exchange" if exchange.is_none() => exchange = Some(value),
            "error" if error.is_none() => error = Some(value),
            _ => {}
        }
    }
    if let Some(error) = error {
        // Only code-shaped values, so a crafted link cannot put arbitrary text in the UI.
        let code_shaped = !error.is_empty()
            && error.len() <= 64
            && error
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        return if code_shaped {
            Ok(VisaRedirect::Error { error })
        } else {
            Err(SessionError::InvalidVisaRedirect(
                "the error parameter is not an error code",
            ))
        };
    }
    match exchange {
        Some(id) if is_uuid(&id) => Ok(VisaRedirect::Exchange { exchange_id: id }),
        Some(_) => Err(SessionError::InvalidVisaRedirect(
            "the exchange parameter is not a UUID",
        )),
        None => Err(SessionError::InvalidVisaRedirect(
            "neither an exchange nor an error parameter",
        )),
    }
}

impl VisaRedirect {
    /// The redirect as JSON text, as its `Serialize` impl writes it.
    #[cfg(any(feature = "js", test))]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        match self {
            VisaRedirect::Exchange { exchange_id } => ObjectWriter::new(&mut out)
                .str("exchangeId", exchange_id)
                .end(),
            VisaRedirect::Error { error } => ObjectWriter::new(&mut out).str("error", error).end(),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visa_query_values_decode_plus_percent_and_reject_non_utf8() {
        // `+` is a space (so not a code), `%2B` a literal plus (not a code either), and
        // bytes that are not UTF-8 fail the shape checks instead of being passed on.
        for (query, why) in [
            ("?error=USER+CANCELLED", "not an error code"),
            ("?error=USER%2BCANCELLED", "not an error code"),
            ("?error=%FF%FE", "not an error code"),
            ("?exchange=%FF", "not a UUID"),
            (
                "?exchange=10cde28b+6a39-4ed1-bce9-aa611a360720",
                "not a UUID",
            ),
        ] {
            match read_visa_redirect(query) {
                Err(SessionError::InvalidVisaRedirect(reason)) => {
                    assert!(reason.contains(why), "{query}: {reason}")
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        assert_eq!(
            read_visa_redirect("?error=TEMPORARY_ERROR&x=a+b%2B%FF").unwrap(),
            VisaRedirect::Error {
                error: "TEMPORARY_ERROR".into()
            }
        );
    }

    #[test]
    fn package_names() {
        assert!(is_android_package("com.example.app123"));
        assert!(is_android_package("com.example_x.App"));
        for bad in [
            "",
            "com",
            "com.",
            ".com.x",
            "com.1app",
            "com.ex-ample",
            "https://x.y",
        ] {
            assert!(!is_android_package(bad), "{bad}");
        }
    }
}
