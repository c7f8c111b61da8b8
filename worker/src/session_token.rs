//! Session tokens: who may act for which Dwolla customer.
//!
//! A token is `cxs1.<payload>.<mac>`, where `payload` is the base64url JSON
//! `{"sub": customerId, "iat": seconds, "exp": seconds}` and `mac` the base64url
//! HMAC-SHA256 of `cxs1.<payload>` keyed with `SESSION_SECRET`. The integrator's backend
//! (or the worker itself, in demo mode) issues one after it has decided that the caller
//! owns the customer; every customer-scoped route then checks that the customer in the
//! URL or body is the token's `sub`. Stateless on purpose: any isolate can verify it.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::secret::Secret;

/// Version prefix of every token; a new format gets a new prefix.
pub const PREFIX: &str = "cxs1";
/// Lifetime when the issuer does not ask for one: one hour.
pub const DEFAULT_TTL_SECONDS: u64 = 3600;
/// Longest lifetime an issuer may ask for: one day.
pub const MAX_TTL_SECONDS: u64 = consent_exchange_api::limits::MAX_SESSION_TTL_SECONDS;
/// Tolerated clock difference between isolates when checking `iat`.
const CLOCK_SKEW_SECONDS: u64 = 60;

/// What a valid token says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClaims {
    /// The Dwolla customer id (a UUID) the bearer may act for.
    pub sub: String,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
    /// Expires at, seconds since the Unix epoch.
    pub exp: u64,
}

/// Why a token was refused. Deliberately coarse towards the caller (all map to 401),
/// precise for tests and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionError {
    /// Not of the form `cxs1.<payload>.<mac>`, or the payload is not valid JSON.
    Malformed,
    /// The MAC does not match: forged or signed with another secret.
    BadSignature,
    /// `exp` is in the past.
    Expired,
    /// `iat` is in the future beyond the allowed clock skew.
    NotYetValid,
}

impl fmt::Display for SessionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SessionError::Malformed => "the session token is malformed",
            SessionError::BadSignature => "the session token's signature is invalid",
            SessionError::Expired => "the session token has expired",
            SessionError::NotYetValid => "the session token is not valid yet",
        })
    }
}

impl std::error::Error for SessionError {}

#[allow(clippy::expect_used)]
fn mac(secret: &Secret, signed: &str) -> Hmac<Sha256> {
    // HMAC takes keys of any length: `InvalidLength` is only returned by fixed-key MACs.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.expose().as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(signed.as_bytes());
    mac
}

/// Issues a token binding the bearer to `customer_id` from `now` (Unix seconds) for
/// `ttl_seconds`, capped at [`MAX_TTL_SECONDS`]. Returns the token and its expiry.
pub fn issue(secret: &Secret, customer_id: &str, now: u64, ttl_seconds: u64) -> (String, u64) {
    let exp = now.saturating_add(ttl_seconds.clamp(1, MAX_TTL_SECONDS));
    let claims = SessionClaims {
        sub: customer_id.to_owned(),
        iat: now,
        exp,
    };
    // Serializing a struct of strings and integers cannot fail.
    let json = serde_json::to_vec(&claims).unwrap_or_default();
    let signed = format!("{PREFIX}.{}", URL_SAFE_NO_PAD.encode(json));
    let tag = URL_SAFE_NO_PAD.encode(mac(secret, &signed).finalize().into_bytes());
    (format!("{signed}.{tag}"), exp)
}

/// Verifies a token's MAC (in constant time) and lifetime at `now` (Unix seconds).
pub fn verify(secret: &Secret, token: &str, now: u64) -> Result<SessionClaims, SessionError> {
    let mut parts = token.split('.');
    let (Some(prefix), Some(payload), Some(tag), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(SessionError::Malformed);
    };
    if prefix != PREFIX || payload.is_empty() {
        return Err(SessionError::Malformed);
    }
    let tag = URL_SAFE_NO_PAD
        .decode(tag)
        .map_err(|_| SessionError::Malformed)?;
    let signed_len = prefix.len() + 1 + payload.len();
    let signed = token.get(..signed_len).ok_or(SessionError::Malformed)?;
    mac(secret, signed)
        .verify_slice(&tag)
        .map_err(|_| SessionError::BadSignature)?;
    // Only a payload this worker signed gets parsed.
    let json = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| SessionError::Malformed)?;
    let claims: SessionClaims =
        serde_json::from_slice(&json).map_err(|_| SessionError::Malformed)?;
    if claims.exp <= now {
        return Err(SessionError::Expired);
    }
    if claims.iat > now.saturating_add(CLOCK_SKEW_SECONDS) {
        return Err(SessionError::NotYetValid);
    }
    Ok(claims)
}

/// The token in an `Authorization: Bearer <token>` header value, if it is one.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let value = header?.trim();
    let (scheme, token) = value.split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() {
        Some(token.trim())
    } else {
        None
    }
}
