#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod error;
pub mod idempotency;
pub mod ids;
pub mod issue;
pub mod request;

#[cfg(feature = "js")]
mod js;

pub use error::CodedError;
pub use issue::{Issue, Severity};
pub use request::{DwollaRequest, Environment, Method, Target};
