//! Where a request goes: the Dwolla environment, an optional base URL that overrides
//! it, and the rule that an href of one environment is never sent to the other.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::url::parse_http_url;

/// Dwolla's production API host.
pub const PRODUCTION_BASE_URL: &str = "https://api.dwolla.com";
/// Dwolla's sandbox API host.
pub const SANDBOX_BASE_URL: &str = "https://api-sandbox.dwolla.com";

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

    /// `sandbox` or `production`, as the JSON value spells it.
    pub fn name(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }

    /// The Dwolla environment whose host `base` is, if it is one of Dwolla's (any case,
    /// trailing slashes ignored); `None` for any other host (a local sandbox, a proxy).
    pub fn of_base(base: &str) -> Option<Environment> {
        let base = crate::text::trim_end(base, b'/');
        if base.eq_ignore_ascii_case(SANDBOX_BASE_URL) {
            Some(Environment::Sandbox)
        } else if base.eq_ignore_ascii_case(PRODUCTION_BASE_URL) {
            Some(Environment::Production)
        } else {
            None
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

impl ufmt::uDisplay for InvalidBaseUrl {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        ufmt::uwrite!(
            f,
            "baseUrl {} must be an absolute http(s) URL without query or fragment",
            crate::json::Quoted(&self.0)
        )
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
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
            Some(raw) => base_url(raw).ok_or_else(|| InvalidBaseUrl(raw.clone())),
        }
    }
}

/// A base URL as requests use it: an absolute http(s) URL without query or fragment (a
/// path prefix is kept), without trailing slashes. The text is kept as given: a scheme
/// in upper case is as valid in the requests as in the input.
pub fn base_url(raw: &str) -> Option<String> {
    let trimmed = crate::text::trim_end(raw, b'/');
    let url = parse_http_url(trimmed)?;
    match (url.query, url.fragment) {
        (None, None) => Some(trimmed.to_owned()),
        _ => None,
    }
}

/// A Dwolla href from one environment in a request to the other: ids differ between
/// sandbox and production, so such a request could only fail or name the wrong thing.
/// Every builder reports it with this one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvironmentMismatch {
    /// The environment the href belongs to.
    pub href: Environment,
    /// The environment the request targets.
    pub target: Environment,
}

impl EnvironmentMismatch {
    /// The stable code of this error, in every builder's error type.
    pub const CODE: &'static str = "EnvironmentMismatch";
}

impl ufmt::uDisplay for EnvironmentMismatch {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        ufmt::uwrite!(
            f,
            "the href belongs to {} but the request targets {}; ids differ between environments",
            self.href.name(),
            self.target.name()
        )
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for EnvironmentMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for EnvironmentMismatch {}

impl crate::CodedError for EnvironmentMismatch {
    fn code(&self) -> &'static str {
        Self::CODE
    }
}

/// Why a request's target cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TargetError {
    /// `baseUrl` is not an absolute http(s) URL.
    BaseUrl(InvalidBaseUrl),
    /// A Dwolla href from the other environment.
    Mismatch(EnvironmentMismatch),
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
        Some(_) => Environment::of_base(&base),
        None => Some(target.environment),
    };
    match (href_environment, target_env) {
        (Some(href), Some(target)) if href != target => {
            Err(TargetError::Mismatch(EnvironmentMismatch { href, target }))
        }
        _ => Ok(base),
    }
}
