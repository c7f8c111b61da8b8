//! The trait every error of this crate implements: a stable machine code next to the
//! human message, so callers (and the JS boundary) can branch on `code`.

use crate::issue::Issue;

/// An error with a stable, machine-readable code.
///
/// Each concern (receipts, exchanges, sessions, responses, ...) has its own error enum;
/// this trait is what they share. The JS boundary turns any `CodedError` into a real
/// `Error` whose `code` property is [`CodedError::code`].
pub trait CodedError: std::error::Error {
    /// The stable code, e.g. `"InvalidPartnerHref"`. Never changes between releases.
    fn code(&self) -> &'static str;

    /// The validation issues behind this error, when it has any (e.g. `InvalidReceipt`).
    fn issues(&self) -> &[Issue] {
        &[]
    }
}
