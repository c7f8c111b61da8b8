#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
// An npm entry built with some of the `js-*` features (scripts/build-pkg.sh) leaves the
// helpers only the other features' functions call unused; every build with all of them
// (the default, clippy's, the tests') still reports dead code.
#![cfg_attr(
    all(feature = "js", not(feature = "js-all")),
    allow(dead_code, unused_imports, unused_macros)
)]

#[cfg(feature = "client")]
pub mod client;
pub mod customer;
pub mod error;
pub mod exchange;
pub mod finicity;
pub mod funding_source;
pub mod ids;
pub mod issue;
pub(crate) mod json;
mod message;
pub mod partners;
pub mod reads;
pub mod receipt;
pub mod request;
pub mod response;
pub mod session;
mod text;
pub mod webhook;

// The request vocabulary's modules, also at the crate root where they always were.
pub use request::{idempotency, url};

#[cfg(feature = "js")]
pub mod js;

pub use error::CodedError;
pub use exchange::{
    finicity_exchange, finicity_exchange_from_json, flinks_token, mx_exchange, plaid_exchange,
    token_exchange, ExchangeError, ExchangeTarget,
};
pub use issue::{Issue, Severity};
pub use receipt::{
    check_consent_receipt, CheckOptions, FinicityReceipt, ReceiptCheck, Timestamp, ValidReceipt,
};
pub use request::{DwollaRequest, Environment, EnvironmentMismatch, Headers, Method, Target};
