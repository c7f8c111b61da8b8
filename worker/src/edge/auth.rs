//! Who is calling: the bearer session token (bound to one Dwolla customer, see
//! [`crate::session_token`]), the backend's issuer key, and demo mode. Routes take a
//! [`Ctx`] and ask it for the session they need.

use sha2::{Digest, Sha256};

use consent_exchange::receipt::Timestamp;
use consent_exchange_api::reply::IssuedSession;

use crate::api_error::ApiError;
use crate::api_types::require_digits;
use crate::config::Config;
use crate::ownership;
use crate::session_token::{self, SessionClaims};

use super::calls::Calls;
use super::records;
use super::upstream::now_ms;

/// One API request as its handler sees it: the upstream calls it may make and the
/// caller's `Authorization` header.
pub struct Ctx<'a> {
    /// The upstream calls.
    pub calls: Calls<'a>,
    /// The `Authorization` header, as sent.
    pub authorization: Option<&'a str>,
}

impl Ctx<'_> {
    /// The configuration.
    pub fn cfg(&self) -> &Config {
        self.calls.cfg()
    }

    /// The caller's session, or 401.
    pub fn session(&self) -> Result<SessionClaims, ApiError> {
        let token = session_token::bearer(self.authorization).ok_or_else(|| {
            ApiError::unauthenticated("this route needs `Authorization: Bearer <sessionToken>`")
        })?;
        session_token::verify(&self.cfg().session_secret, token, now_ms() / 1000)
            .map_err(|e| ApiError::unauthenticated(e.to_string()))
    }

    /// The caller's session, which must be bound to `customer_id` (else 403).
    pub fn session_for(&self, customer_id: &str) -> Result<SessionClaims, ApiError> {
        let claims = self.session()?;
        ownership::require_session_customer(&claims.sub, customer_id)?;
        Ok(claims)
    }

    /// The caller's session, after checking that the Finicity customer `finicity_id`
    /// (at `path`) was created through this worker by the session's customer. Demo
    /// mode changes nothing here.
    pub async fn session_owning(
        &self,
        path: &str,
        finicity_id: &str,
    ) -> Result<SessionClaims, ApiError> {
        let claims = self.session()?;
        require_digits(path, finicity_id)?;
        let owner = records::finicity_owner(self.calls.env(), finicity_id, None).await?;
        ownership::require_finicity_owner(owner.as_deref(), &claims.sub)?;
        Ok(claims)
    }

    /// Checks that the caller presents the backend's issuer key (`SESSION_ISSUER_KEY`),
    /// the only credential that may issue a session for any customer.
    pub fn require_issuer(&self) -> Result<(), ApiError> {
        let Some(key) = &self.cfg().session_issuer_key else {
            return Err(ApiError::new(
                503,
                "ConfigurationError",
                "SESSION_ISSUER_KEY is not set, so no backend may issue sessions",
                false,
            ));
        };
        let presented = session_token::bearer(self.authorization).ok_or_else(|| {
            ApiError::unauthenticated("this route needs the backend's issuer key")
        })?;
        if !same_secret(presented, key.expose()) {
            return Err(ApiError::unauthenticated("the issuer key is wrong"));
        }
        Ok(())
    }

    /// Demo routes answer 404 unless `DEMO_MODE` is on.
    pub fn require_demo_mode(&self) -> Result<(), ApiError> {
        if self.cfg().demo_mode {
            Ok(())
        } else {
            Err(ApiError::not_found("demo mode is off (DEMO_MODE)"))
        }
    }
}

/// A new session for `customer_id`, lasting `ttl` seconds.
pub fn issue(cfg: &Config, customer_id: &str, ttl: u64) -> IssuedSession {
    let now = now_ms() / 1000;
    let (session_token, exp) = session_token::issue(&cfg.session_secret, customer_id, now, ttl);
    IssuedSession {
        session_token,
        expires_at: Timestamp::from_unix_seconds(exp as i64).to_string(),
    }
}

/// Constant-time comparison of two secrets (through their hashes, so lengths leak
/// nothing either).
fn same_secret(a: &str, b: &str) -> bool {
    let (x, y) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}
