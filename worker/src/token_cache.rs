//! When a cached upstream token may still be used, and when Finicity authentication may
//! be attempted at all. Pure timing decisions; the edge module keeps the state (in a
//! Durable Object shared by every isolate) and makes one fetch at a time.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A Dwolla token is refreshed this long before Dwolla says it expires, so that a
/// request that starts with it does not arrive with an expired one.
pub const DWOLLA_REFRESH_MARGIN_MS: u64 = 60_000;
/// Finicity tokens live two hours; Finicity asks partners to renew after 90 minutes.
pub const FINICITY_RENEW_AFTER_MS: u64 = 90 * 60_000;
/// After this many consecutive rejected Finicity authentications the worker stops
/// trying until the credentials change: Finicity locks the partner at five.
pub const FINICITY_MAX_REJECTIONS: u32 = 3;

/// A cached token and the instant (ms since the Unix epoch) after which it is not used.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedToken {
    /// The bearer token. Stored only in the worker's private state.
    pub value: String,
    /// Not used at or after this instant.
    pub use_until_ms: u64,
}

impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedToken")
            .field("value", &"[redacted]")
            .field("use_until_ms", &self.use_until_ms)
            .finish()
    }
}

impl CachedToken {
    /// Whether the token may be used at `now_ms`.
    pub fn is_usable(&self, now_ms: u64) -> bool {
        now_ms < self.use_until_ms
    }
}

/// Until when a Dwolla token obtained at `now_ms` with `expires_in` seconds may be
/// used: 60 s before its expiry. A token that lives 60 s or less is never reused.
pub fn dwolla_use_until(now_ms: u64, expires_in_seconds: u64) -> u64 {
    let expires_at = now_ms.saturating_add(expires_in_seconds.saturating_mul(1000));
    expires_at
        .saturating_sub(DWOLLA_REFRESH_MARGIN_MS)
        .max(now_ms)
}

/// Until when a Finicity token obtained at `now_ms` may be used: 90 minutes.
pub fn finicity_use_until(now_ms: u64) -> u64 {
    now_ms.saturating_add(FINICITY_RENEW_AFTER_MS)
}

/// Remembered rejections of Finicity authentication, for the credentials identified by
/// `fingerprint` (a hash, never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthHoldOff {
    /// Which credentials were rejected ([`credentials_fingerprint`]).
    pub fingerprint: String,
    /// Consecutive rejections.
    pub rejections: u32,
    /// No attempt before this instant; `None` once [`FINICITY_MAX_REJECTIONS`] is
    /// reached, meaning no attempt at all until the credentials change.
    pub until_ms: Option<u64>,
}

/// A hash that tells whether the Finicity credentials changed, without holding them.
pub fn credentials_fingerprint(partner_id: &str, partner_secret: &str, app_key: &str) -> String {
    let mut h = Sha256::new();
    for part in [partner_id, partner_secret, app_key] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize().get(..8).unwrap_or_default())
}

/// Whether a Finicity authentication may be attempted now. `Err` carries the instant
/// from which it may (or `None`: not until the credentials change).
pub fn finicity_auth_allowed(
    hold: Option<&AuthHoldOff>,
    fingerprint: &str,
    now_ms: u64,
) -> Result<(), Option<u64>> {
    match hold {
        Some(h) if h.fingerprint == fingerprint => match h.until_ms {
            None => Err(None),
            Some(until) if now_ms < until => Err(Some(until)),
            Some(_) => Ok(()),
        },
        _ => Ok(()),
    }
}

/// The hold-off after a rejected authentication: `holdoff_ms` after the first
/// rejection, doubled for each further one, and indefinite from
/// [`FINICITY_MAX_REJECTIONS`] on.
pub fn after_rejection(
    hold: Option<&AuthHoldOff>,
    fingerprint: &str,
    now_ms: u64,
    holdoff_ms: u64,
) -> AuthHoldOff {
    let rejections = match hold {
        Some(h) if h.fingerprint == fingerprint => h.rejections.saturating_add(1),
        _ => 1,
    };
    let until_ms = if rejections >= FINICITY_MAX_REJECTIONS {
        None
    } else {
        let factor = 1u64 << (rejections - 1).min(16);
        Some(now_ms.saturating_add(holdoff_ms.saturating_mul(factor)))
    };
    AuthHoldOff {
        fingerprint: fingerprint.to_owned(),
        rejections,
        until_ms,
    }
}
