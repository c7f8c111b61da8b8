//! Dwolla customers: `POST /customers` for the customers that need only a name and an
//! e-mail address (unverified and receive-only ones). A verified personal or business
//! customer needs an address, a date of birth and tax ids as well, which this crate
//! does not collect.
//!
//! Rust only: the npm package does not export it, so its size does not grow; the worker
//! creates its demo customers with it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::CodedError;
use crate::issue::Issue;
use crate::json::{ObjectWriter, Quoted};
use crate::message::message;
use crate::request::idempotency::{valid_optional_key, INVALID_KEY_MESSAGE};
use crate::request::{DwollaRequest, Environment, InvalidBaseUrl, Target};

/// Which kind of customer to create; Dwolla's `type`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CustomerType {
    /// Sends and receives with limits: `"type":"unverified"` (the default).
    #[default]
    Unverified,
    /// Only receives funds: `"type":"receive-only"`.
    ReceiveOnly,
}

impl CustomerType {
    /// The `type` as Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerType::Unverified => "unverified",
            CustomerType::ReceiveOnly => "receive-only",
        }
    }
}

/// Input of [`create_customer`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    /// Given name; not blank.
    pub first_name: String,
    /// Family name; not blank.
    pub last_name: String,
    /// E-mail address; Dwolla refuses a second customer with the same one.
    pub email: String,
    /// `unverified` (default) or `receive-only`.
    #[serde(default, rename = "type")]
    pub customer_type: Option<CustomerType>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent. A caller that must
    /// never hand one sign-up's customer to another with the same name and e-mail
    /// passes a fresh key for each.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Why a customer request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerError {
    /// The input has problems; every one is listed with its JSON pointer.
    InvalidCustomer(Vec<Issue>),
    /// `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
    /// `idempotencyKey` is empty, longer than 255 characters or not printable ASCII.
    InvalidIdempotencyKey,
}

impl ufmt::uDisplay for CustomerError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            CustomerError::InvalidCustomer(issues) => {
                ufmt::uwrite!(f, "the customer has {} problem(s)", issues.len())?;
                if let Some(first) = issues.first() {
                    ufmt::uwrite!(f, "; first at {}: {}", Quoted(&first.path), first.message)?;
                }
                Ok(())
            }
            CustomerError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
            CustomerError::InvalidIdempotencyKey => f.write_str(INVALID_KEY_MESSAGE),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for CustomerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for CustomerError {}

impl CodedError for CustomerError {
    fn code(&self) -> &'static str {
        match self {
            CustomerError::InvalidCustomer(_) => "InvalidCustomer",
            CustomerError::InvalidBaseUrl(_) => "InvalidBaseUrl",
            CustomerError::InvalidIdempotencyKey => "InvalidIdempotencyKey",
        }
    }

    fn issues(&self) -> &[Issue] {
        match self {
            CustomerError::InvalidCustomer(issues) => issues,
            _ => &[],
        }
    }
}

/// Whether `s` looks like an e-mail address: `local@domain`, the domain with a dot
/// inside it, no whitespace. Dwolla makes the final call; this catches typing mistakes
/// before a request is sent.
pub fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// Builds `POST /customers` for an unverified or receive-only customer
/// (`{"firstName","lastName","email","type"}`, Dwolla's `CreateUnverifiedCustomer` and
/// `CreateReceiveOnlyUser`), reporting every problem of the input at once.
pub fn create_customer(input: &CustomerInput) -> Result<DwollaRequest, CustomerError> {
    let mut issues = Vec::new();
    for (path, value) in [
        ("/firstName", &input.first_name),
        ("/lastName", &input.last_name),
        ("/email", &input.email),
    ] {
        if value.trim().is_empty() {
            issues.push(Issue::error(path, "empty", "must not be empty"));
        }
    }
    if !input.email.trim().is_empty() && !plausible_email(&input.email) {
        issues.push(Issue::error(
            "/email",
            "format",
            "must be an e-mail address",
        ));
    }
    if !issues.is_empty() {
        return Err(CustomerError::InvalidCustomer(issues));
    }
    let target = Target {
        environment: input.environment.unwrap_or_default(),
        base_url: input.base_url.clone(),
    };
    let base = target.base().map_err(CustomerError::InvalidBaseUrl)?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(CustomerError::InvalidIdempotencyKey);
    }
    let mut body = String::new();
    ObjectWriter::new(&mut body)
        .str("firstName", &input.first_name)
        .str("lastName", &input.last_name)
        .str("email", &input.email)
        .str("type", input.customer_type.unwrap_or_default().as_str())
        .end();
    Ok(DwollaRequest::post(
        message!("{}/customers", base),
        body,
        input.idempotency_key.clone(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@example.com"] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "@b.co", "a@b", "a@.b", "a@b.", "a b@c.d", "a@b@c.d",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }
}
