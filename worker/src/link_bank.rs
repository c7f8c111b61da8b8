//! `POST /api/link-bank` as a resumable sequence of steps: consent receipt → exchange →
//! funding source. After each step its result is saved in a record keyed by the call
//! (customer and body), so a repeated call resumes where the last one stopped and never
//! creates a resource twice. Finicity's receipt step has no idempotency key of its own:
//! the saved record is what makes it safe; the Dwolla steps also carry deterministic
//! `Idempotency-Key`s.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::api_types::LinkBankBody;

/// A created Dwolla resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Its id.
    pub id: String,
    /// Its href.
    pub href: String,
}

/// What a link-bank call has done so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkBankRecord {
    /// The consent receipt response, once Finicity issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Value>,
    /// The exchange, once Dwolla created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<Resource>,
    /// The funding source, once Dwolla created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_source: Option<Resource>,
}

/// The step a record needs next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Ask Finicity for a consent receipt.
    Receipt,
    /// Create the Dwolla exchange from the receipt.
    Exchange,
    /// Create the funding source from the exchange.
    FundingSource,
    /// Everything exists.
    Done,
}

impl Step {
    /// The name used in errors' `step` field.
    pub fn name(self) -> &'static str {
        match self {
            Step::Receipt => "receipt",
            Step::Exchange => "exchange",
            Step::FundingSource => "fundingSource",
            Step::Done => "done",
        }
    }
}

impl LinkBankRecord {
    /// The next step to run.
    pub fn next_step(&self) -> Step {
        match (&self.receipt, &self.exchange, &self.funding_source) {
            (None, _, _) => Step::Receipt,
            (Some(_), None, _) => Step::Exchange,
            (Some(_), Some(_), None) => Step::FundingSource,
            (Some(_), Some(_), Some(_)) => Step::Done,
        }
    }
}

/// The record key of a call: the same customer and body give the same key, anything
/// different a different one.
pub fn record_key(dwolla_customer_id: &str, body: &LinkBankBody) -> String {
    let mut h = Sha256::new();
    let duration = body
        .duration_days
        .map(|d| d.to_string())
        .unwrap_or_default();
    for part in [
        dwolla_customer_id,
        &body.finicity_customer_id,
        &body.account_id,
        &body.name,
        &body.bank_account_type,
        &duration,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("link-bank:{hex}")
}
