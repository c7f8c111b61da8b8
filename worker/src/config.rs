//! The worker's configuration, read from its environment (secrets and vars) through a
//! lookup function so that it is testable without the Workers runtime. Every missing or
//! malformed variable is reported by name in one error; nothing here panics.

use consent_exchange::url::{is_http_url, parse_http_url};
use std::fmt;

use consent_exchange::{Environment, Target};

use crate::secret::Secret;

/// Finicity's production API host, used when `FINICITY_BASE_URL` is not set.
pub const FINICITY_DEFAULT_BASE_URL: &str = "https://api.finicity.com";

/// Shortest accepted `SESSION_SECRET`, in bytes: an HMAC key shorter than the hash
/// output weakens the session tokens.
pub const MIN_SESSION_SECRET_LEN: usize = 32;

/// Shortest accepted `SESSION_ISSUER_KEY`, in characters: it is a bearer credential
/// that mints sessions for any customer.
pub const MIN_ISSUER_KEY_LEN: usize = 32;

/// Fewest distinct characters in `SESSION_SECRET` and `SESSION_ISSUER_KEY`: rules out
/// `aaaa…`, `0000…` and similar keys that pass a length check.
pub const MIN_DISTINCT_CHARS: usize = 8;

/// Fragments of published placeholder values (`.dev.vars.example`, documentation):
/// a secret containing one of them (in any case) is refused, because a value that was
/// published protects nothing.
pub const PLACEHOLDER_FRAGMENTS: &[&str] = &[
    "replace-me",
    "replace_me",
    "replaceme",
    "change-me",
    "changeme",
    "placeholder",
    "your-secret",
    "example",
];

/// Why a secret value is a known placeholder, if it is one.
pub fn placeholder(value: &str) -> Option<&'static str> {
    let lower = value.to_ascii_lowercase();
    PLACEHOLDER_FRAGMENTS
        .iter()
        .copied()
        .find(|f| lower.contains(f))
}

/// Why a locally verified key (`SESSION_SECRET`, `SESSION_ISSUER_KEY`) is too weak, if
/// it is: shorter than `min_len`, too few distinct characters, or a placeholder.
pub fn key_weakness(value: &str, min_len: usize) -> Option<String> {
    if placeholder(value).is_some() {
        return Some("is a published placeholder value; set a random one".to_owned());
    }
    if value.chars().count() < min_len {
        return Some(format!("must be at least {min_len} characters long"));
    }
    let distinct: std::collections::HashSet<char> = value.chars().collect();
    if distinct.len() < MIN_DISTINCT_CHARS {
        return Some(format!(
            "must have at least {MIN_DISTINCT_CHARS} distinct characters (use random bytes)"
        ));
    }
    None
}

/// Everything the worker needs, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// Dwolla client id (`DWOLLA_CLIENT_ID`).
    pub dwolla_client_id: Secret,
    /// Dwolla client secret (`DWOLLA_CLIENT_SECRET`).
    pub dwolla_client_secret: Secret,
    /// Where Dwolla requests go (`DWOLLA_ENVIRONMENT` / `DWOLLA_BASE_URL`).
    pub dwolla_target: Target,
    /// Dwolla base URL without a trailing slash, derived from `dwolla_target`.
    pub dwolla_base_url: String,
    /// Finicity app key (`FINICITY_APP_KEY`).
    pub finicity_app_key: Secret,
    /// Finicity partner id (`FINICITY_PARTNER_ID`).
    pub finicity_partner_id: Secret,
    /// Finicity partner secret (`FINICITY_PARTNER_SECRET`).
    pub finicity_partner_secret: Secret,
    /// Finicity base URL without a trailing slash (`FINICITY_BASE_URL`).
    pub finicity_base_url: String,
    /// The webhook subscription secret (`DWOLLA_WEBHOOK_SECRET`).
    pub dwolla_webhook_secret: Secret,
    /// The HMAC key of session tokens (`SESSION_SECRET`).
    pub session_secret: Secret,
    /// The bearer key backends present to `POST /api/sessions` (`SESSION_ISSUER_KEY`);
    /// without it that route answers a configuration error.
    pub session_issuer_key: Option<Secret>,
    /// Origins that get CORS headers (`ALLOWED_ORIGINS`, comma-separated).
    pub allowed_origins: Vec<String>,
    /// Redirect URLs accepted for exchange sessions (`ALLOWED_REDIRECT_URLS`).
    pub allowed_redirect_urls: Vec<String>,
    /// Demo mode (`DEMO_MODE=true`): enables `POST /api/demo/customers`.
    pub demo_mode: bool,
    /// Overall deadline of one upstream call including retries (`UPSTREAM_DEADLINE_MS`).
    pub upstream_deadline_ms: u64,
    /// Attempts per upstream call, the first included (`UPSTREAM_MAX_ATTEMPTS`).
    pub upstream_max_attempts: u32,
    /// How long Finicity authentication is held off after a rejected attempt
    /// (`FINICITY_AUTH_HOLDOFF_SECONDS`).
    pub finicity_auth_holdoff_ms: u64,
}

/// One variable that is missing or malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The variable's name, e.g. `DWOLLA_CLIENT_ID`.
    pub variable: &'static str,
    /// What is wrong with it (never its value).
    pub reason: String,
}

/// Every configuration problem found at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The problems, in the order the variables are read.
    pub problems: Vec<ConfigProblem>,
}

impl ConfigError {
    /// The names of the offending variables.
    pub fn variables(&self) -> Vec<&'static str> {
        self.problems.iter().map(|p| p.variable).collect()
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("worker configuration is incomplete: ")?;
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{} {}", p.variable, p.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

impl consent_exchange::CodedError for ConfigError {
    fn code(&self) -> &'static str {
        "ConfigurationError"
    }
}

struct Reader<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
    problems: Vec<ConfigProblem>,
}

impl Reader<'_> {
    fn optional(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn problem(&mut self, variable: &'static str, reason: impl Into<String>) {
        self.problems.push(ConfigProblem {
            variable,
            reason: reason.into(),
        });
    }

    fn secret(&mut self, name: &'static str) -> Secret {
        match self.optional(name) {
            Some(v) => {
                if placeholder(&v).is_some() {
                    self.problem(name, "is a published placeholder value; set the real one");
                }
                Secret::new(v)
            }
            None => {
                self.problem(name, "is not set");
                Secret::new("")
            }
        }
    }

    fn number(&mut self, name: &'static str, default: u64, min: u64, max: u64) -> u64 {
        match self.optional(name) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    self.problem(name, format!("must be an integer from {min} to {max}"));
                    default
                }
            },
        }
    }

    fn list(&mut self, name: &'static str, check: fn(&str) -> bool, what: &str) -> Vec<String> {
        let raw = self.optional(name).unwrap_or_default();
        let mut out = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if check(item) {
                out.push(item.trim_end_matches('/').to_owned());
            } else {
                self.problem(name, format!("has an entry that is not {what}"));
            }
        }
        out
    }
}

/// Whether `s` is an origin: `http(s)://host[:port]` with nothing after it (the
/// library's URL check). The scheme must be in lower case, as browsers send `Origin`,
/// so a configured origin can match one.
pub fn is_origin(s: &str) -> bool {
    let s = s.trim_end_matches('/');
    parse_http_url(s).is_some_and(|u| {
        s.starts_with(u.scheme) && u.path.is_empty() && u.query.is_none() && u.fragment.is_none()
    })
}

/// A redirect target Dwolla accepts: an http(s) URL, or an Android package name (Plaid
/// on Android).
fn is_redirect_target(s: &str) -> bool {
    is_http_url(s) || consent_exchange::session::is_android_package(s)
}

impl Config {
    /// Reads and validates the configuration. `lookup` returns a variable's value, or
    /// `None` when it is not set; empty values count as not set.
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let mut r = Reader {
            lookup,
            problems: Vec::new(),
        };
        let dwolla_client_id = r.secret("DWOLLA_CLIENT_ID");
        let dwolla_client_secret = r.secret("DWOLLA_CLIENT_SECRET");

        let environment = match r.optional("DWOLLA_ENVIRONMENT").as_deref() {
            None => None,
            Some("sandbox") => Some(Environment::Sandbox),
            Some("production") => Some(Environment::Production),
            Some(_) => {
                r.problem("DWOLLA_ENVIRONMENT", "must be `sandbox` or `production`");
                None
            }
        };
        let base_url = r.optional("DWOLLA_BASE_URL");
        if environment.is_none() && base_url.is_none() && r.optional("DWOLLA_ENVIRONMENT").is_none()
        {
            r.problem(
                "DWOLLA_ENVIRONMENT",
                "is not set (set it to `sandbox` or `production`, or set DWOLLA_BASE_URL)",
            );
        }
        let dwolla_target = Target {
            environment: environment.unwrap_or_default(),
            base_url,
        };
        let dwolla_base_url = match dwolla_target.base() {
            Ok(base) => base,
            Err(_) => {
                r.problem(
                    "DWOLLA_BASE_URL",
                    "must be an absolute http(s) URL without query or fragment",
                );
                String::new()
            }
        };

        let finicity_app_key = r.secret("FINICITY_APP_KEY");
        let finicity_partner_id = r.secret("FINICITY_PARTNER_ID");
        if !finicity_partner_id.is_empty()
            && !finicity_partner_id
                .expose()
                .bytes()
                .all(|b| b.is_ascii_digit())
        {
            r.problem("FINICITY_PARTNER_ID", "must be a string of digits");
        }
        let finicity_partner_secret = r.secret("FINICITY_PARTNER_SECRET");
        let finicity_base_url = r
            .optional("FINICITY_BASE_URL")
            .unwrap_or_else(|| FINICITY_DEFAULT_BASE_URL.to_owned())
            .trim_end_matches('/')
            .to_owned();
        if consent_exchange::request::base_url(&finicity_base_url).is_none() {
            r.problem(
                "FINICITY_BASE_URL",
                "must be an absolute http(s) URL without query or fragment",
            );
        }

        let dwolla_webhook_secret = r.secret("DWOLLA_WEBHOOK_SECRET");
        let session_secret = r.secret("SESSION_SECRET");
        if !session_secret.is_empty() && placeholder(session_secret.expose()).is_none() {
            if let Some(why) = key_weakness(session_secret.expose(), MIN_SESSION_SECRET_LEN) {
                r.problem("SESSION_SECRET", why);
            }
        }
        let session_issuer_key = r.optional("SESSION_ISSUER_KEY").map(Secret::new);
        if let Some(key) = &session_issuer_key {
            if let Some(why) = key_weakness(key.expose(), MIN_ISSUER_KEY_LEN) {
                r.problem("SESSION_ISSUER_KEY", why);
            }
        }

        let allowed_origins = r.list(
            "ALLOWED_ORIGINS",
            is_origin,
            "an origin (scheme://host[:port])",
        );
        let allowed_redirect_urls = r.list(
            "ALLOWED_REDIRECT_URLS",
            is_redirect_target,
            "an absolute http(s) URL or an Android package name",
        );
        let demo_mode = match r.optional("DEMO_MODE").as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(_) => {
                r.problem("DEMO_MODE", "must be `true` or `false`");
                false
            }
        };
        if demo_mode && environment == Some(Environment::Production) {
            r.problem(
                "DEMO_MODE",
                "must not be `true` with DWOLLA_ENVIRONMENT=production: demo mode lets anyone create customers and sessions",
            );
        }
        let upstream_deadline_ms = r.number("UPSTREAM_DEADLINE_MS", 15_000, 100, 120_000);
        let upstream_max_attempts = r.number("UPSTREAM_MAX_ATTEMPTS", 4, 1, 10) as u32;
        let finicity_auth_holdoff_ms =
            r.number("FINICITY_AUTH_HOLDOFF_SECONDS", 900, 1, 86_400) * 1000;

        if !r.problems.is_empty() {
            return Err(ConfigError {
                problems: r.problems,
            });
        }
        Ok(Config {
            dwolla_client_id,
            dwolla_client_secret,
            dwolla_target,
            dwolla_base_url,
            finicity_app_key,
            finicity_partner_id,
            finicity_partner_secret,
            finicity_base_url,
            dwolla_webhook_secret,
            session_secret,
            session_issuer_key,
            allowed_origins,
            allowed_redirect_urls,
            demo_mode,
            upstream_deadline_ms,
            upstream_max_attempts,
            finicity_auth_holdoff_ms,
        })
    }

    /// Every secret value, so that output can be scrubbed of them (see
    /// [`crate::redact`]).
    pub fn secret_values(&self) -> Vec<&str> {
        let mut out = vec![
            self.dwolla_client_id.expose(),
            self.dwolla_client_secret.expose(),
            self.finicity_app_key.expose(),
            self.finicity_partner_secret.expose(),
            self.dwolla_webhook_secret.expose(),
            self.session_secret.expose(),
        ];
        if let Some(k) = &self.session_issuer_key {
            out.push(k.expose());
        }
        out
    }
}
