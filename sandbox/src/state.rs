//! The sandbox's in-memory world: everything both APIs create, behind one lock.
//!
//! Handlers take the lock for a short, synchronous critical section and never hold it
//! across an await, so a std `Mutex` is enough and faster than an async one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::config::Config;
use crate::faults::Faults;
use crate::idempotency::Idempotency;

/// Shared handle given to every handler.
#[derive(Clone)]
pub struct AppState {
    /// Start-up configuration.
    pub config: Arc<Config>,
    /// Base URL for hrefs, without a trailing slash.
    pub public_url: Arc<str>,
    /// Mutable world.
    pub store: Arc<Mutex<Store>>,
    /// Fault rules.
    pub faults: Arc<Faults>,
    /// Idempotency-Key records.
    pub idempotency: Arc<Idempotency>,
}

impl AppState {
    /// Creates an empty world.
    pub fn new(config: Config, public_url: String) -> Self {
        Self {
            config: Arc::new(config),
            public_url: public_url.trim_end_matches('/').into(),
            store: Arc::new(Mutex::new(Store::default())),
            faults: Arc::new(Faults::default()),
            idempotency: Arc::new(Idempotency::default()),
        }
    }

    /// Locks the world; a poisoned lock (a panicking handler) still yields the data,
    /// because every mutation is a single insert that cannot be half done.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Absolute URL of a sandbox path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.public_url, path)
    }

    /// Forgets everything: state, faults, idempotency keys, lockouts, tokens.
    pub fn reset(&self) {
        *self.store() = Store::default();
        self.faults.clear();
        self.idempotency.clear();
    }
}

/// An access token and its expiry.
#[derive(Debug, Clone)]
pub struct Token {
    /// When it stops being accepted.
    pub expires_at: Instant,
}

/// A Dwolla customer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    pub business_name: Option<String>,
    pub correlation_id: Option<String>,
    pub created: DateTime<Utc>,
}

/// A Dwolla exchange.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    pub id: String,
    pub partner_id: String,
    pub partner_name: String,
    /// `None` for account-level exchanges (`POST /exchanges`).
    pub customer_id: Option<String>,
    pub status: String,
    /// Finicity receipt id, processor token kind, or session id that produced it.
    pub source: String,
    /// The bank connection behind it must be re-authenticated (set by the admin API,
    /// cleared by a completed re-authentication session).
    #[serde(default)]
    pub reauth_required: bool,
    /// A `*_reauth_required` webhook was sent for the current need.
    #[serde(skip)]
    pub reauth_notified: bool,
    pub created: DateTime<Utc>,
}

/// A Dwolla funding source made from an exchange.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingSource {
    pub id: String,
    /// `None` for the account's own funding sources (`POST /funding-sources`).
    pub customer_id: Option<String>,
    pub exchange_id: String,
    pub name: String,
    /// `checking`/`savings` for a bank; `None` for a card (Checkout.com exchange).
    pub bank_account_type: Option<String>,
    pub created: DateTime<Utc>,
}

/// A Dwolla exchange session.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeSession {
    pub id: String,
    pub customer_id: String,
    pub partner_id: String,
    pub partner_name: String,
    pub redirect_url: Option<String>,
    /// Set for re-authentication sessions.
    pub reauth_exchange_id: Option<String>,
    /// What the provider hands the browser (Plaid link token, Checkout.com session).
    pub provider_token: String,
    /// Single use: set once the provider page completes or is cancelled.
    pub completed: Option<String>,
    pub created: DateTime<Utc>,
}

/// A token a simulated provider page issued, to be exchanged once.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderToken {
    pub token: String,
    /// `plaid.publicToken`, `mx.availableConnectionToken` or `token`.
    pub kind: String,
    pub partner_name: String,
    pub customer_id: String,
    pub session_id: String,
    pub account_name: String,
    pub used_by: Option<String>,
}

/// A Finicity testing customer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityCustomer {
    pub id: String,
    pub username: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub created_date: i64,
    pub accounts: Vec<FinicityAccount>,
}

/// An account added through the simulated Connect page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityAccount {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub number: String,
    pub institution_id: String,
    pub institution_login_id: i64,
    pub created_date: i64,
}

/// A Connect link issued by `POST /connect/v2/generate`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectLink {
    pub id: String,
    pub customer_id: String,
    pub redirect_uri: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub completed: bool,
}

/// A consent receipt issued by `POST /aggregation/v1/partners/accessKey`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    pub receipt_id: String,
    /// The receipt exactly as issued.
    pub receipt: Value,
    pub proof: Value,
    pub revoked: bool,
    /// Latest `endTime` among its products.
    pub expires_at: DateTime<Utc>,
    /// The Dwolla customer whose exchange consumed it.
    pub used_by_customer: Option<String>,
}

/// One line of the admin request log.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub idempotency_key: Option<String>,
    pub fault: Option<String>,
}

/// Everything mutable.
#[derive(Debug, Default)]
pub struct Store {
    pub dwolla_tokens: HashMap<String, Token>,
    pub finicity_tokens: HashMap<String, Token>,
    pub customers: Vec<Customer>,
    pub exchanges: Vec<Exchange>,
    pub funding_sources: Vec<FundingSource>,
    pub sessions: Vec<ExchangeSession>,
    pub provider_tokens: Vec<ProviderToken>,
    pub finicity_customers: Vec<FinicityCustomer>,
    pub connect_links: Vec<ConnectLink>,
    pub receipts: Vec<Receipt>,
    pub webhooks: Vec<crate::webhooks::Delivery>,
    pub finicity_failed_auths: u32,
    pub requests: Vec<LoggedRequest>,
}

/// Requests kept in the admin log; older ones are dropped.
pub const REQUEST_LOG_LIMIT: usize = 2000;

impl Store {
    /// Finds a customer.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }
    /// Finds an exchange.
    pub fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.id == id)
    }
    /// Finds a session.
    pub fn session(&self, id: &str) -> Option<&ExchangeSession> {
        self.sessions.iter().find(|s| s.id == id)
    }
    /// Why an exchange cannot be used until its customer re-authenticates: a revoked or
    /// expired Finicity consent receipt, or a bank connection marked for
    /// re-authentication. `None` when it can be used.
    pub fn reauth_reason(&self, e: &Exchange) -> Option<&'static str> {
        if e.reauth_required {
            return Some("the bank connection needs re-authentication");
        }
        let receipt_id = e.source.strip_prefix("finicity receipt ")?;
        let r = self.receipts.iter().find(|r| r.receipt_id == receipt_id)?;
        if r.revoked {
            Some("the consent receipt was revoked")
        } else if r.expires_at <= Utc::now() {
            Some("the consent receipt has expired")
        } else {
            None
        }
    }
    /// Finds a Finicity customer.
    pub fn finicity_customer(&self, id: &str) -> Option<&FinicityCustomer> {
        self.finicity_customers.iter().find(|c| c.id == id)
    }
}

/// Converts seconds to a `Duration` anchored at now.
pub fn expires_in(seconds: u64) -> Instant {
    Instant::now() + Duration::from_secs(seconds)
}

/// A random token of `len` alphanumeric characters.
pub fn random_token(len: usize) -> String {
    use rand::distributions::Alphanumeric;
    use rand::Rng;
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// A 19-digit id above 2^53, like Finicity's customer and account ids, so that a client
/// that parses them as JavaScript numbers corrupts them visibly.
pub fn long_digit_id() -> String {
    use rand::Rng;
    let n: u64 = rand::thread_rng().gen_range(5_000_000_000_000_000_000..9_000_000_000_000_000_000);
    n.to_string()
}

/// A new lowercase UUID v4.
pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Dwolla's timestamp format: RFC 3339 with milliseconds and `Z`.
pub fn dwolla_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
