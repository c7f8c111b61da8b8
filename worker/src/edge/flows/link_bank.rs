//! The link-bank workflow, consent receipt → exchange → funding source (see
//! [`crate::link_bank`] for the record that makes it resumable). The route validates
//! the call and [`start`]s it in the Durable Object named by its record key; the object
//! [`run`]s it, one run at a time, saving after each step.

use consent_exchange_api::reply::LinkBankResult;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use worker::{Env, Storage};

use consent_exchange::funding_source::BankAccountType;

use crate::api_error::ApiError;
use crate::api_types::{ExchangeKind, LinkBankRequest};
use crate::limits::Bounded;
use crate::link_bank::{record_key, LinkBankRecord, Step};

use super::super::calls::dwolla::{
    bank_account_type, create_exchange, create_funding_source, Consent, FundingSourceAsk,
};
use super::super::calls::finicity::{self as fin, consent_receipt, ReceiptAsk};
use super::super::calls::Calls;
use super::super::client::call_object;
use super::super::respond::Reply;

/// Where the record is kept in its Durable Object's storage.
const RECORD: &str = "record";

/// What the route asks the Durable Object to run.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ask {
    /// The session's Dwolla customer, lower case.
    pub customer_id: String,
    /// The caller's body, checked by [`check`].
    pub body: LinkBankRequest,
}

/// Checks a link-bank body against its published schema (the route read it through
/// that schema; the Durable Object checks what it is handed again); returns the account
/// type.
pub fn check(input: &LinkBankRequest) -> Result<BankAccountType, ApiError> {
    input.check_bounds()?;
    bank_account_type(&input.bank_account_type, "/bankAccountType")
}

/// Runs (or resumes) the call of `customer_id` in the Durable Object named by its record
/// key (customer, Finicity customer, account): repeats of the same link (a retry, a
/// double click, another isolate, another nickname) wait for each other and resume.
pub async fn start(env: &Env, customer_id: &str, body: LinkBankRequest) -> Result<Reply, ApiError> {
    let key = record_key(customer_id, &body);
    let ask = Ask {
        customer_id: customer_id.to_ascii_lowercase(),
        body,
    };
    let (status, body): (u16, Value) = call_object(env, &key, "/link-bank", &ask).await?;
    Ok(Reply::with(status, &body))
}

async fn save(storage: &Storage, record: &LinkBankRecord) -> Result<(), ApiError> {
    storage
        .put(RECORD, record)
        .await
        .map_err(|_| ApiError::new(503, "StateUnavailable", "could not save progress", true))
}

/// Runs (or resumes) a link-bank call inside its Durable Object, saving after each step:
/// 201 when this run created something, 200 when everything existed already.
pub async fn run(calls: Calls<'_>, storage: &Storage, ask: &Ask) -> Result<Reply, ApiError> {
    let body = &ask.body;
    let customer_id = ask.customer_id.as_str();
    let account_type = check(body)?;
    let mut record: LinkBankRecord = storage.get(RECORD).await.ok().flatten().unwrap_or_default();
    // Receipts an earlier run gave up on and could not revoke then.
    if revoke_abandoned(calls, &mut record).await {
        save(storage, &record).await?;
    }
    let mut created_now = false;

    let entry = match record.receipt.clone() {
        Some(entry) => entry,
        None => {
            let ask = ReceiptAsk {
                customer_id: body.finicity_customer_id.clone(),
                account_ids: vec![body.account_id.clone()],
                products: None,
                duration_days: body.duration_days,
            };
            let entry = consent_receipt(calls, ask)
                .await
                .map_err(|e| e.at_step(Step::Receipt.name()))?;
            // Kept as its wire body, `{receipt, proof}`, as records always were.
            let entry = serde_json::to_value(&entry).unwrap_or_default();
            record.receipt = Some(entry.clone());
            save(storage, &record).await?;
            created_now = true;
            entry
        }
    };

    let exchange = match record.exchange.clone() {
        Some(exchange) => exchange,
        None => {
            let receipt = entry
                .get("receipt")
                .map(Value::to_string)
                .unwrap_or_default();
            let kind = ExchangeKind::Finicity(receipt);
            let made = match Consent::checked(calls, kind) {
                Ok(consent) => create_exchange(calls, customer_id, consent, &None).await,
                Err(e) => Err(e),
            };
            match made {
                Ok((exchange, _)) => {
                    record.exchange = Some(exchange.clone());
                    save(storage, &record).await?;
                    created_now = true;
                    exchange
                }
                Err(e) => {
                    if !e.retryable {
                        // A refused receipt (expired, revoked) is not reused: the next
                        // call asks Finicity for a new one, and this one is revoked
                        // (saved first, so a failed revocation is retried).
                        record.abandon_receipt();
                        save(storage, &record).await?;
                        if revoke_abandoned(calls, &mut record).await {
                            save(storage, &record).await?;
                        }
                    }
                    return Err(e.at_step(Step::Exchange.name()));
                }
            }
        }
    };

    let funding_source = match record.funding_source.clone() {
        Some(fs) => fs,
        None => {
            let ask = FundingSourceAsk {
                customer_id,
                exchange_href: exchange.href.clone(),
                name: &body.name,
                account_type,
                key: None,
            };
            let fs = create_funding_source(calls, ask)
                .await
                .map_err(|e| e.at_step(Step::FundingSource.name()))?;
            record.funding_source = Some(fs.clone());
            save(storage, &record).await?;
            created_now = true;
            fs
        }
    };

    let result = LinkBankResult {
        receipt: entry.get("receipt").cloned().unwrap_or_default(),
        exchange,
        funding_source,
    };
    Ok(Reply::with(if created_now { 201 } else { 200 }, &result))
}

/// Revokes every abandoned receipt of `record` with Finicity; those revoked (or that
/// Finicity no longer knows) leave the list. Returns whether the list changed. A
/// failure is left for the next run: the caller's answer is about linking, not this.
async fn revoke_abandoned(calls: Calls<'_>, record: &mut LinkBankRecord) -> bool {
    let before = record.abandoned_receipts.len();
    let mut left = Vec::new();
    for id in std::mem::take(&mut record.abandoned_receipts) {
        let done = match fin::revoke_request(calls.cfg(), &id) {
            Ok(req) => match calls.finicity_answer(&req).await {
                Ok(answer) => (200..=299).contains(&answer.status) || answer.status == 404,
                Err(_) => false,
            },
            // An id that cannot be put in a path is not a receipt to revoke.
            Err(_) => true,
        };
        if !done {
            left.push(id);
        }
    }
    record.abandoned_receipts = left;
    record.abandoned_receipts.len() != before
}
