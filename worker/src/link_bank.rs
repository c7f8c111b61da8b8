//! `POST /api/link-bank` as a resumable sequence of steps: consent receipt → exchange →
//! funding source. After each step its result is saved in a record keyed by the call
//! (customer and body), so a repeated call resumes where the last one stopped and never
//! creates a resource twice. Finicity's receipt step has no idempotency key of its own:
//! the saved record is what makes it safe; the Dwolla steps also carry deterministic
//! `Idempotency-Key`s.
//!
//! The record is keyed by what is linked, (Dwolla customer, Finicity customer, account),
//! not by the whole body: the same account asked for under another nickname or type is
//! the same link and gets the same resources. A receipt the flow gives up on (Dwolla
//! refused it for good) is listed in the record and revoked with Finicity, so no
//! unused consent is left behind.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::api_types::LinkBankRequest;

/// A created Dwolla resource: the wire type `{id, href}`.
pub use consent_exchange_api::reply::ApiResource as Resource;

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
    /// Receipts given up on and not revoked yet (their ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abandoned_receipts: Vec<String>,
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

impl LinkBankRecord {
    /// Gives the current receipt up: it is forgotten (the next call asks for a new one)
    /// and its id is kept for revocation.
    pub fn abandon_receipt(&mut self) {
        if let Some(id) = self.receipt.take().as_ref().and_then(receipt_id) {
            if !self.abandoned_receipts.contains(&id) {
                self.abandoned_receipts.push(id);
            }
        }
    }
}

/// The `receiptId` of a saved `{receipt, proof}` entry.
pub fn receipt_id(entry: &Value) -> Option<String> {
    entry
        .pointer("/receipt/receiptId")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

/// The record key of a call: what is linked (the Dwolla customer, the Finicity
/// customer and the account), whatever the nickname, type or duration asked for.
pub fn record_key(dwolla_customer_id: &str, body: &LinkBankRequest) -> String {
    let mut h = Sha256::new();
    let customer = dwolla_customer_id.to_ascii_lowercase();
    for part in [
        customer.as_str(),
        &body.finicity_customer_id,
        &body.account_id,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    format!("link-bank:{}", hex::encode(h.finalize()))
}
