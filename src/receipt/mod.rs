//! Finicity consent receipts: check one as received from Mastercard's
//! `POST /aggregation/v1/partners/accessKey` and normalize it into the `finicity` object
//! of Dwolla's `CreateFinicitySecureExchange`.
//!
//! The check reports every problem at once, each with a JSON pointer into the input as
//! given. A [`ValidReceipt`] can only come out of a check without errors, so code that
//! takes one (such as [`crate::exchange::finicity_exchange`]) never sees an unchecked
//! receipt.

mod check;
pub mod time;

use std::ops::Deref;

use serde::{Deserialize, Serialize};

use crate::issue::Issue;
use crate::json::ObjectWriter;
pub use time::{TimeError, Timestamp};

/// The product Dwolla needs to read routing and account numbers.
pub const MONEY_TRANSFER_DETAILS: &str = "moneyTransferDetails";

/// The products Mastercard documents for third-party access keys; anything else is
/// reported as the warning `unknownProduct`.
pub const KNOWN_PRODUCTS: [&str; 5] = [
    MONEY_TRANSFER_DETAILS,
    "availableBalance",
    "availableBalanceLive",
    "accountOwner",
    "paymentIndicator",
];

/// Dwolla's Mastercard partner id: the `partnerId` of every receipt issued to Dwolla
/// (the `thirdPartyPartnerId` of the access-key request). Dwolla refuses a receipt
/// issued to anyone else (`InvalidExchangeToken`).
pub const DWOLLA_MASTERCARD_PARTNER_ID: u64 = 2_445_583_946_651;

/// The time fields of Dwolla's `CreateFinicitySecureExchange.finicity` and whether the
/// schema declares them `format: date` (a bare date allowed) rather than `date-time`.
pub const TIME_FIELDS: [(&str, bool); 3] = [
    ("startTime", true),
    ("endTime", false),
    ("timestamp", false),
];

/// The largest integer a JavaScript number holds exactly (2^53 - 1).
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// How to check a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    /// The instant to compare access periods and the timestamp with.
    pub now: Timestamp,
    /// Accept epoch numbers (seconds, or milliseconds from 10^11 on) in time fields and
    /// normalize them to RFC 3339 UTC; otherwise they are the error `epochTime`.
    pub allow_epoch_times: bool,
    /// Products the receipt must grant; `moneyTransferDetails` by default.
    pub required_products: Vec<String>,
    /// Tolerance for clocks running ahead, in seconds (300 by default).
    pub clock_skew_seconds: u32,
    /// The `partnerId` the receipt must be issued to: Dwolla's Mastercard partner id
    /// ([`DWOLLA_MASTERCARD_PARTNER_ID`]) by default; `None` skips the check.
    pub expected_partner_id: Option<u64>,
}

impl CheckOptions {
    /// The default options, checking against `now`.
    pub fn new(now: Timestamp) -> Self {
        Self {
            now,
            allow_epoch_times: false,
            required_products: vec![MONEY_TRANSFER_DETAILS.to_owned()],
            clock_skew_seconds: 300,
            expected_partner_id: Some(DWOLLA_MASTERCARD_PARTNER_ID),
        }
    }
}

/// The `finicity` object of Dwolla's `CreateFinicitySecureExchange`, exactly its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FinicityReceipt {
    /// The receipt profile (3 for third-party access).
    pub profile: i32,
    /// The receipt schema version, as a string.
    pub version: String,
    /// The consent receipt id, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`.
    pub receipt_id: String,
    /// The receipt version, as a string; absent when the receipt has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_version: Option<String>,
    /// Finicity's customer id: digits, byte-for-byte as received.
    pub customer_id: String,
    /// The recipient's Finicity partner id (a JSON integer, at most 2^53 - 1).
    pub partner_id: u64,
    /// The granted products.
    pub products: Vec<ReceiptProduct>,
    /// When the receipt was issued: RFC 3339 date-time, as received (or normalized
    /// from an epoch).
    pub timestamp: String,
}

/// One granted product of a [`FinicityReceipt`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptProduct {
    /// The product, e.g. `moneyTransferDetails`.
    pub product: String,
    /// Finicity's account id: digits, byte-for-byte as received.
    pub account_id: String,
    /// When access is granted.
    pub access_period: AccessPeriod,
}

/// The validity window of a [`ReceiptProduct`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessPeriod {
    /// The period type, `timeframe` in every receipt seen so far.
    #[serde(rename = "type")]
    pub kind: String,
    /// RFC 3339 date or date-time, as received (or normalized from an epoch).
    pub start_time: String,
    /// RFC 3339 date-time, as received (or normalized from an epoch).
    pub end_time: String,
}

/// A receipt that passed [`check_consent_receipt`] without errors. It cannot be built
/// any other way, so holding one proves the check ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ValidReceipt(FinicityReceipt);

impl ValidReceipt {
    /// The normalized receipt.
    pub fn receipt(&self) -> &FinicityReceipt {
        &self.0
    }

    /// Gives up the proof of validity for the plain receipt.
    pub fn into_inner(self) -> FinicityReceipt {
        self.0
    }
}

impl Deref for ValidReceipt {
    type Target = FinicityReceipt;
    fn deref(&self) -> &FinicityReceipt {
        &self.0
    }
}

/// The outcome of [`check_consent_receipt`]: `{ ok, receipt, issues }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptCheck {
    /// Whether no issue is an error.
    pub ok: bool,
    /// The normalized receipt when `ok`, else `null`.
    pub receipt: Option<ValidReceipt>,
    /// Every problem found, errors and warnings, in input order.
    pub issues: Vec<Issue>,
}

impl ReceiptCheck {
    /// The valid receipt, or every issue when there is an error.
    pub fn into_valid(self) -> Result<ValidReceipt, Vec<Issue>> {
        self.receipt.ok_or(self.issues)
    }
}

/// Checks a consent receipt given as JSON text and normalizes it for Dwolla.
///
/// `text` is the receipt object, `{receipt, proof}`, or the whole `accessKey` response
/// `{data: [{receipt, proof}]}` (which must then hold exactly one receipt). Never fails:
/// problems are reported in [`ReceiptCheck::issues`].
pub fn check_consent_receipt(text: &str, options: &CheckOptions) -> ReceiptCheck {
    check::check(text, check::Origin::JsonText, options)
}

/// Like [`check_consent_receipt`], for JSON text made by `JSON.stringify` of a
/// JavaScript value: its numbers went through an f64, so an id above 2^53 - 1 has
/// already lost digits and is the error `precisionLoss`.
pub fn check_consent_receipt_from_js_json(text: &str, options: &CheckOptions) -> ReceiptCheck {
    check::check(text, check::Origin::JavaScript, options)
}

impl ReceiptCheck {
    fn from_issues(issues: Vec<Issue>, receipt: Option<FinicityReceipt>) -> Self {
        let ok = !issues.iter().any(Issue::is_error);
        Self {
            ok,
            receipt: receipt.filter(|_| ok).map(ValidReceipt),
            issues,
        }
    }
}

impl FinicityReceipt {
    /// Appends the receipt as JSON, exactly as its `Serialize` impl writes it (Dwolla's
    /// `finicity` object).
    pub(crate) fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        object
            .raw("profile", &crate::message::to_text(&self.profile))
            .str("version", &self.version)
            .str("receiptId", &self.receipt_id)
            .some_str("receiptVersion", self.receipt_version.as_deref())
            .str("customerId", &self.customer_id)
            .int("partnerId", self.partner_id);
        let products = object.key("products");
        products.push('[');
        for (i, p) in self.products.iter().enumerate() {
            if i > 0 {
                products.push(',');
            }
            let mut item = ObjectWriter::new(products);
            item.str("product", &p.product)
                .str("accountId", &p.account_id);
            ObjectWriter::new(item.key("accessPeriod"))
                .str("type", &p.access_period.kind)
                .str("startTime", &p.access_period.start_time)
                .str("endTime", &p.access_period.end_time)
                .end();
            item.end();
        }
        products.push(']');
        object.str("timestamp", &self.timestamp).end();
    }
}

impl ReceiptCheck {
    /// The check as JSON text, as its `Serialize` impl would write it.
    #[cfg(test)]
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut object = ObjectWriter::new(&mut out);
        object.bool("ok", self.ok);
        match &self.receipt {
            Some(receipt) => receipt.write_json(object.key("receipt")),
            None => {
                object.raw("receipt", "null");
            }
        }
        crate::issue::write_issues(object.key("issues"), &self.issues);
        object.end();
        out
    }

    /// A check that failed before the receipt could be read (e.g. an input that is
    /// neither JSON text nor an object).
    pub fn rejected(issue: Issue) -> Self {
        Self::from_issues(vec![issue], None)
    }
}
