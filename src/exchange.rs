//! Builders for Dwolla's `POST /exchanges` and `POST /customers/{id}/exchanges`: the
//! Finicity secure exchange (from a checked consent receipt) and the token-based ones
//! (Plaid and MX processor tokens, Flinks, Checkout.com), as plain [`DwollaRequest`]s.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{is_uuid, parse_href, HrefError};
use crate::issue::Issue;
use crate::json::{ObjectWriter, Quoted};
use crate::message::message;
use crate::receipt::{
    check_consent_receipt, CheckOptions, FinicityReceipt, ReceiptCheck, ValidReceipt,
};
use crate::request::{
    idempotency::{valid_optional_key, INVALID_KEY_MESSAGE},
    resolve_base, DwollaRequest, Environment, EnvironmentMismatch, InvalidBaseUrl, TargetError,
};
use crate::CodedError;

/// Where an exchange is created and with which partner: the parts every exchange
/// builder shares.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeTarget {
    /// The exchange partner's href, from `GET /exchange-partners`.
    pub partner_href: String,
    /// The customer (a UUID) for `POST /customers/{id}/exchanges`; `POST /exchanges`
    /// (the account's own exchange) when absent.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Environment,
    /// Overrides the environment's host, e.g. `http://127.0.0.1:8790`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the URL and body when absent, so a retry of
    /// the same exchange carries the same key.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

impl ExchangeTarget {
    /// A target for `partner_href` in the sandbox, for the account itself.
    pub fn new(partner_href: impl Into<String>) -> Self {
        Self {
            partner_href: partner_href.into(),
            ..Self::default()
        }
    }

    /// The same target for a customer's exchange.
    pub fn for_customer(mut self, customer_id: impl Into<String>) -> Self {
        self.customer_id = Some(customer_id.into());
        self
    }

    /// The same target in another environment.
    pub fn in_environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// The same target on another host (a local sandbox).
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }
}

/// Why an exchange request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// The consent receipt has errors; every issue found is attached.
    InvalidReceipt(Vec<Issue>),
    /// The partner href is not `<base>/exchange-partners/<uuid>`.
    InvalidPartnerHref(HrefError),
    /// A sandbox partner href with a production target, or the reverse.
    EnvironmentMismatch(EnvironmentMismatch),
    /// The customer id is not a UUID.
    InvalidCustomerId(String),
    /// The `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
    /// A token (or the Flinks secrets) is empty.
    InvalidToken(&'static str),
    /// The `Idempotency-Key` given is empty, longer than 255 characters or not ASCII.
    InvalidIdempotencyKey,
}

impl ufmt::uDisplay for ExchangeError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            ExchangeError::InvalidReceipt(issues) => {
                let errors = issues.iter().filter(|i| i.is_error()).count();
                ufmt::uwrite!(f, "the consent receipt has {} error(s)", errors)?;
                if let Some(first) = issues.iter().find(|i| i.is_error()) {
                    ufmt::uwrite!(f, "; first at {}: {}", Quoted(&first.path), first.message)?;
                }
                Ok(())
            }
            ExchangeError::InvalidPartnerHref(e) => ufmt::uwrite!(f, "partnerHref: {}", e),
            ExchangeError::EnvironmentMismatch(e) => ufmt::uDisplay::fmt(e, f),
            ExchangeError::InvalidCustomerId(id) => {
                ufmt::uwrite!(f, "customerId {} is not a UUID", Quoted(id))
            }
            ExchangeError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
            ExchangeError::InvalidToken(field) => ufmt::uwrite!(f, "{} must not be empty", field),
            ExchangeError::InvalidIdempotencyKey => f.write_str(INVALID_KEY_MESSAGE),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for ExchangeError {}

impl CodedError for ExchangeError {
    fn code(&self) -> &'static str {
        match self {
            ExchangeError::InvalidReceipt(_) => "InvalidReceipt",
            ExchangeError::InvalidPartnerHref(_) => "InvalidPartnerHref",
            ExchangeError::EnvironmentMismatch(_) => EnvironmentMismatch::CODE,
            ExchangeError::InvalidCustomerId(_) => "InvalidCustomerId",
            ExchangeError::InvalidBaseUrl(_) => "InvalidBaseUrl",
            ExchangeError::InvalidToken(_) => "InvalidToken",
            ExchangeError::InvalidIdempotencyKey => "InvalidIdempotencyKey",
        }
    }

    fn issues(&self) -> &[Issue] {
        match self {
            ExchangeError::InvalidReceipt(issues) => issues,
            _ => &[],
        }
    }
}

/// What an exchange body carries beside its `_links`.
enum Payload<'a> {
    /// `"finicity":{…}`
    Finicity(&'a FinicityReceipt),
    /// `"token":"…"`
    Token(&'a str),
    /// `"mx":{"availableConnectionToken":"…"}`
    Mx(&'a str),
    /// `"plaid":{"publicToken":"…"}`
    Plaid(&'a str),
}

/// `{"_links":{"exchange-partner":{"href":…}},…}`, Dwolla's spelling, member order as
/// documented.
fn body(partner_href: &str, payload: Payload<'_>) -> String {
    // A Finicity body with two products is about 900 bytes: one allocation instead of a
    // doubling series of copies.
    let mut out = String::with_capacity(1024);
    let mut object = ObjectWriter::new(&mut out);
    ObjectWriter::new(object.key("_links"))
        .link("exchange-partner", partner_href)
        .end();
    match payload {
        Payload::Finicity(receipt) => receipt.write_json(object.key("finicity")),
        Payload::Token(token) => {
            object.str("token", token);
        }
        Payload::Mx(token) => ObjectWriter::new(object.key("mx"))
            .str("availableConnectionToken", token)
            .end(),
        Payload::Plaid(token) => ObjectWriter::new(object.key("plaid"))
            .str("publicToken", token)
            .end(),
    }
    object.end();
    out
}

/// `POST /exchanges` (or `/customers/{id}/exchanges`) with a checked Finicity receipt:
/// `{"_links":{"exchange-partner":{"href":…}},"finicity":{…}}`.
pub fn finicity_exchange(
    receipt: &ValidReceipt,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    build(target, Payload::Finicity(receipt.receipt()))
}

/// Checks a receipt given as JSON text (see [`check_consent_receipt`]) and builds its
/// exchange; a receipt with errors is [`ExchangeError::InvalidReceipt`] with every issue.
pub fn finicity_exchange_from_json(
    receipt_json: &str,
    options: &CheckOptions,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    finicity_exchange_checked(check_consent_receipt(receipt_json, options), target)
}

/// Builds the exchange of a finished receipt check, or reports its issues.
pub fn finicity_exchange_checked(
    check: ReceiptCheck,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    let receipt = check.into_valid().map_err(ExchangeError::InvalidReceipt)?;
    finicity_exchange(&receipt, target)
}

/// A token-based exchange: Plaid or MX processor tokens, Flinks (see [`flinks_token`]),
/// Checkout.com payment ids (`pay_…`): `{"_links":…,"token":"…"}`.
pub fn token_exchange(
    token: &str,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    non_empty(token, "token")?;
    build(target, Payload::Token(token))
}

/// An MX open-banking exchange for a customer: `{"_links":…,"mx":{"availableConnectionToken":…}}`.
pub fn mx_exchange(
    available_connection_token: &str,
    customer_id: &str,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    non_empty(available_connection_token, "availableConnectionToken")?;
    let target = target.clone().for_customer(customer_id);
    build(&target, Payload::Mx(available_connection_token))
}

/// A Plaid open-banking exchange for a customer: `{"_links":…,"plaid":{"publicToken":…}}`.
pub fn plaid_exchange(
    public_token: &str,
    customer_id: &str,
    target: &ExchangeTarget,
) -> Result<DwollaRequest, ExchangeError> {
    non_empty(public_token, "publicToken")?;
    let target = target.clone().for_customer(customer_id);
    build(&target, Payload::Plaid(public_token))
}

/// The token Dwolla wants for Flinks: base64 of `authSecret:accessToken`.
pub fn flinks_token(auth_secret: &str, access_token: &str) -> Result<String, ExchangeError> {
    non_empty(auth_secret, "authSecret")?;
    non_empty(access_token, "accessToken")?;
    Ok(base64(
        message!("{}:{}", auth_secret, access_token).as_bytes(),
    ))
}

fn non_empty(value: &str, field: &'static str) -> Result<(), ExchangeError> {
    if crate::text::is_blank(value) {
        Err(ExchangeError::InvalidToken(field))
    } else {
        Ok(())
    }
}

fn build(target: &ExchangeTarget, payload: Payload<'_>) -> Result<DwollaRequest, ExchangeError> {
    let partner = parse_href(&target.partner_href, "exchange-partners")
        .map_err(ExchangeError::InvalidPartnerHref)?;
    let base = resolve_base(
        Some(target.environment),
        target.base_url.as_deref(),
        partner.environment(),
    )
    .map_err(|e| match e {
        TargetError::BaseUrl(e) => ExchangeError::InvalidBaseUrl(e),
        TargetError::Mismatch(e) => ExchangeError::EnvironmentMismatch(e),
    })?;
    let url = match &target.customer_id {
        Some(id) if is_uuid(id) => message!("{}/customers/{}/exchanges", base, id),
        Some(id) => return Err(ExchangeError::InvalidCustomerId(id.clone())),
        None => message!("{}/exchanges", base),
    };
    if !valid_optional_key(target.idempotency_key.as_deref()) {
        return Err(ExchangeError::InvalidIdempotencyKey);
    }
    let text = body(&partner.href(), payload);
    Ok(DwollaRequest::post(
        url,
        text,
        target.idempotency_key.clone(),
    ))
}

/// Standard base64 with padding. Written out because it is a dozen lines and the
/// `base64` crate would add weight to the browser package for this one call.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
