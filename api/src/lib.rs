//! The wire types of the consent-exchange worker's JSON API, declared once: every
//! request body ([`request`]), every reply body ([`reply`]) and the error body
//! ([`error`]), as serde types whose JSON Schemas `schemars` derives (feature `schema`).
//!
//! Each constraint (length, character set, value list, range, list size, uniqueness,
//! which members go together) is an attribute on its type. The worker's native build
//! generates `/openapi.json` from the derived schemas; its wasm embeds that document
//! and checks every body against the same schema there with [`validate::parse_in`] (no
//! schemars in the wasm), so the document and the validation cannot drift apart. The
//! typed client of the npm package (feature `tsify`) writes its TypeScript from the
//! same types.
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod charset;
pub mod error;
pub mod limits;
pub mod reply;
pub mod request;
pub mod validate;
mod whole;

pub use error::{ErrorBody, ErrorDetail, Issue, LinkBankStep, Severity, UpstreamDetail};
