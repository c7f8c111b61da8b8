//! Command-line and environment configuration.

use std::fmt;

use clap::Parser;

/// A credential the sandbox checks but never prints: `Debug` is redacted and there is no
/// `Display`, so it cannot leak into a log line or an error message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that must use it (signing webhooks).
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// Compares a candidate with the secret in constant time, so response timing does
    /// not reveal how many leading bytes matched.
    pub fn matches(&self, candidate: &str) -> bool {
        let a = self.0.as_bytes();
        let b = candidate.as_bytes();
        let mut diff = a.len() ^ b.len();
        for (i, x) in a.iter().enumerate() {
            diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
        }
        diff == 0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

/// Everything the sandbox can be told at start-up. Every flag also reads an environment
/// variable; defaults are documented in `docs/readme/sandbox.md`.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "consent-exchange-sandbox",
    version,
    about = "A local, stateful Dwolla + Finicity sandbox on one port, with simulated \
             Connect/provider pages and fault injection under /_admin/.",
    after_help = "Prints `consent-exchange-sandbox listening on http://HOST:PORT` on stdout \
                  once ready. State is in memory; POST /_admin/reset clears it."
)]
pub struct Config {
    /// Address to bind. Keep the default unless you know why: the sandbox has no auth on /_admin/.
    #[arg(long, env = "SANDBOX_HOST", default_value = "127.0.0.1")]
    pub host: String,

    /// Port to listen on; 0 picks a free port (read it from the ready line).
    #[arg(long, env = "SANDBOX_PORT", default_value_t = 8790)]
    pub port: u16,

    /// Base URL used in hrefs, Location headers and page links [default: http://HOST:PORT].
    #[arg(long, env = "SANDBOX_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Dwolla client id accepted by POST /token.
    #[arg(
        long,
        env = "SANDBOX_DWOLLA_CLIENT_ID",
        default_value = "sandbox-client-id"
    )]
    pub dwolla_client_id: String,

    /// Dwolla client secret accepted by POST /token.
    #[arg(
        long,
        env = "SANDBOX_DWOLLA_CLIENT_SECRET",
        default_value = "sandbox-client-secret",
        hide_env_values = true
    )]
    pub dwolla_client_secret: Secret,

    /// Lifetime of Dwolla access tokens, in seconds.
    #[arg(long, env = "SANDBOX_DWOLLA_TOKEN_LIFETIME", default_value_t = 3600)]
    pub dwolla_token_lifetime: u64,

    /// Comma-separated redirect URLs (or Android package names) configured for the
    /// Dwolla account; exchange-session redirect URLs must match one exactly.
    #[arg(
        long,
        env = "SANDBOX_ALLOWED_REDIRECT_URLS",
        value_delimiter = ',',
        default_value = "http://127.0.0.1:8787/callback,http://localhost:8787/callback,https://www.yourdomain.com/iav-callback,https://example.com/app123,com.example.app123"
    )]
    pub allowed_redirect_urls: Vec<String>,

    /// Dwolla's own Mastercard partner id: receipts must be issued to it
    /// (`thirdPartyPartnerId`) to be accepted by POST .../exchanges.
    #[arg(
        long,
        env = "SANDBOX_DWOLLA_MASTERCARD_PARTNER_ID",
        default_value = "2445583946651"
    )]
    pub dwolla_mastercard_partner_id: String,

    /// Finicity app key expected in the Finicity-App-Key header.
    #[arg(
        long,
        env = "SANDBOX_FINICITY_APP_KEY",
        default_value = "sandbox-app-key",
        hide_env_values = true
    )]
    pub finicity_app_key: Secret,

    /// Finicity partner id (a digit string).
    #[arg(
        long,
        env = "SANDBOX_FINICITY_PARTNER_ID",
        default_value = "2445580000001"
    )]
    pub finicity_partner_id: String,

    /// Finicity partner secret.
    #[arg(
        long,
        env = "SANDBOX_FINICITY_PARTNER_SECRET",
        default_value = "sandbox-partner-secret",
        hide_env_values = true
    )]
    pub finicity_partner_secret: Secret,

    /// Lifetime of Finicity partner tokens, in seconds.
    #[arg(long, env = "SANDBOX_FINICITY_TOKEN_LIFETIME", default_value_t = 7200)]
    pub finicity_token_lifetime: u64,

    /// Do not print one line per request on stderr.
    #[arg(long, env = "SANDBOX_QUIET")]
    pub quiet: bool,

    /// Where webhooks are POSTed (a webhook subscription's URL); none are sent without it.
    #[arg(long, env = "SANDBOX_WEBHOOK_URL")]
    pub webhook_url: Option<String>,

    /// The subscription secret webhooks are signed with (`X-Request-Signature-SHA-256`).
    #[arg(
        long,
        env = "SANDBOX_WEBHOOK_SECRET",
        default_value = "sandbox-webhook-secret",
        hide_env_values = true
    )]
    pub webhook_secret: Secret,

    /// Multiplies the webhook retry delays (1 = Dwolla's 72-hour schedule).
    #[arg(long, env = "SANDBOX_WEBHOOK_TIME_SCALE", default_value_t = 1.0)]
    pub webhook_time_scale: f64,
}

impl Config {
    /// The configuration with every default, bound to a free port: what tests start.
    pub fn for_tests() -> Self {
        let mut config = Self::parse_from(["consent-exchange-sandbox"]);
        config.port = 0;
        config.quiet = true;
        config
    }
}
