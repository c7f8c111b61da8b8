//! Funding sources: `POST /customers/{id}/funding-sources` from an exchange (a bank
//! account verified through an open-banking partner) or from a tokenized debit card
//! (Checkout.com, for Push to Card).
//!
//! Body shapes follow Dwolla's OpenAPI schemas `CreateCustomerExchangeFundingSource`
//! and `CreateCustomerCardFundingSource`; `POST /funding-sources` (the account's own
//! bank, from an exchange) sends the exchange shape of `CreateAccountFundingSource`.
//! None of these schemas has a `correlationId` (Dwolla documents it on customers and
//! transfers only), so no funding-source body carries one.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::CodedError;
use crate::ids::{is_uuid, parse_href, HrefError};
use crate::issue::Issue;
use crate::json::{ObjectWriter, Quoted};
use crate::message::{char_count, message};
use crate::request::{
    idempotency::{valid_optional_key, INVALID_KEY_MESSAGE},
    resolve_base, DwollaRequest, Environment, EnvironmentMismatch, InvalidBaseUrl, TargetError,
};

/// The longest funding-source name Dwolla accepts, in characters.
pub const MAX_NAME_CHARS: usize = 50;

/// The kind of bank account behind an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BankAccountType {
    /// `checking`
    Checking,
    /// `savings`
    Savings,
}

/// Input of [`funding_source_from_exchange`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeFundingSourceInput {
    /// The Dwolla customer (a UUID).
    pub customer_id: String,
    /// The exchange's href (the `Location` of `POST .../exchanges`).
    pub exchange_href: String,
    /// A nickname for the account, 1 to 50 characters.
    pub name: String,
    /// `checking` or `savings`.
    pub bank_account_type: BankAccountType,
    /// An on-demand authorization's href, for accounts that will be debited later.
    #[serde(default)]
    pub on_demand_authorization_href: Option<String>,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// The billing address of a debit card, as Dwolla's `cardDetails.billingAddress`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingAddress {
    /// Street address, 1 to 50 characters.
    pub address1: String,
    /// Second line, up to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// Third line, up to 100 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address3: Option<String>,
    /// City, 1 to 50 characters.
    pub city: String,
    /// Two-letter state, province or region code (`TX`).
    pub state_province_region: String,
    /// Two-letter ISO 3166-1 country code (`US`).
    pub country: String,
    /// Postal or ZIP code.
    pub postal_code: String,
}

impl BankAccountType {
    /// The type as Dwolla spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            BankAccountType::Checking => "checking",
            BankAccountType::Savings => "savings",
        }
    }
}

impl BillingAddress {
    /// Appends the address as JSON, as its `Serialize` impl writes it.
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .str("address1", &self.address1)
            .some_str("address2", self.address2.as_deref())
            .some_str("address3", self.address3.as_deref())
            .str("city", &self.city)
            .str("stateProvinceRegion", &self.state_province_region)
            .str("country", &self.country)
            .str("postalCode", &self.postal_code)
            .end();
    }
}

/// Input of [`card_funding_source`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardFundingSourceInput {
    /// The Dwolla customer (a UUID).
    pub customer_id: String,
    /// The card token from Checkout.com's tokenization (`src_...`).
    pub card_token: String,
    /// A nickname for the card, 1 to 50 characters.
    pub name: String,
    /// The card's billing address.
    pub billing_address: BillingAddress,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Errors building a funding-source request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FundingSourceError {
    /// `customerId` is not a UUID.
    InvalidCustomerId,
    /// `exchangeHref` is not `<base>/exchanges/<uuid>`.
    InvalidExchangeHref(HrefError),
    /// `onDemandAuthorizationHref` is not `<base>/on-demand-authorizations/<uuid>`.
    InvalidOnDemandAuthorizationHref(HrefError),
    /// `name` is blank or longer than 50 characters.
    InvalidName,
    /// `cardToken` is empty or contains whitespace.
    InvalidCardToken,
    /// The billing address has problems; each is listed with its JSON pointer.
    InvalidBillingAddress(Vec<Issue>),
    /// An href belongs to the other Dwolla environment.
    EnvironmentMismatch(EnvironmentMismatch),
    /// `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
    /// `idempotencyKey` is empty, longer than 255 characters or not printable ASCII.
    InvalidIdempotencyKey,
}

impl ufmt::uDisplay for FundingSourceError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            FundingSourceError::InvalidCustomerId => f.write_str("customerId must be a UUID"),
            FundingSourceError::InvalidExchangeHref(e) => ufmt::uwrite!(f, "exchangeHref: {}", e),
            FundingSourceError::InvalidOnDemandAuthorizationHref(e) => {
                ufmt::uwrite!(f, "onDemandAuthorizationHref: {}", e)
            }
            FundingSourceError::InvalidName => ufmt::uwrite!(
                f,
                "name must be 1 to {} characters and not only spaces",
                MAX_NAME_CHARS
            ),
            FundingSourceError::InvalidCardToken => {
                f.write_str("cardToken must be a non-empty token without spaces")
            }
            FundingSourceError::InvalidBillingAddress(issues) => {
                ufmt::uwrite!(f, "billingAddress has {} problem(s)", issues.len())?;
                if let Some(first) = issues.first() {
                    ufmt::uwrite!(f, "; first at {}: {}", Quoted(&first.path), first.message)?;
                }
                Ok(())
            }
            FundingSourceError::EnvironmentMismatch(e) => ufmt::uDisplay::fmt(e, f),
            FundingSourceError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
            FundingSourceError::InvalidIdempotencyKey => f.write_str(INVALID_KEY_MESSAGE),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for FundingSourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for FundingSourceError {}

impl CodedError for FundingSourceError {
    fn code(&self) -> &'static str {
        match self {
            FundingSourceError::InvalidCustomerId => "InvalidCustomerId",
            FundingSourceError::InvalidExchangeHref(_) => "InvalidExchangeHref",
            FundingSourceError::InvalidOnDemandAuthorizationHref(_) => {
                "InvalidOnDemandAuthorizationHref"
            }
            FundingSourceError::InvalidName => "InvalidName",
            FundingSourceError::InvalidCardToken => "InvalidCardToken",
            FundingSourceError::InvalidBillingAddress(_) => "InvalidBillingAddress",
            FundingSourceError::EnvironmentMismatch(_) => EnvironmentMismatch::CODE,
            FundingSourceError::InvalidBaseUrl(_) => "InvalidBaseUrl",
            FundingSourceError::InvalidIdempotencyKey => "InvalidIdempotencyKey",
        }
    }

    fn issues(&self) -> &[Issue] {
        match self {
            FundingSourceError::InvalidBillingAddress(issues) => issues,
            _ => &[],
        }
    }
}

impl From<TargetError> for FundingSourceError {
    fn from(e: TargetError) -> Self {
        match e {
            TargetError::BaseUrl(e) => FundingSourceError::InvalidBaseUrl(e),
            TargetError::Mismatch(e) => FundingSourceError::EnvironmentMismatch(e),
        }
    }
}

/// Whether `name` is a usable funding-source name: not blank, at most 50 characters
/// (counted as characters, not bytes, so accented names are not cut short).
pub fn valid_name(name: &str) -> bool {
    !crate::text::is_blank(name) && char_count(name) <= MAX_NAME_CHARS
}

/// Builds `POST /customers/{id}/funding-sources` for a bank account verified through an
/// exchange.
pub fn funding_source_from_exchange(
    input: &ExchangeFundingSourceInput,
) -> Result<DwollaRequest, FundingSourceError> {
    if !is_uuid(&input.customer_id) {
        return Err(FundingSourceError::InvalidCustomerId);
    }
    let exchange = parse_href(&input.exchange_href, "exchanges")
        .map_err(FundingSourceError::InvalidExchangeHref)?;
    if !valid_name(&input.name) {
        return Err(FundingSourceError::InvalidName);
    }
    let authorization = match &input.on_demand_authorization_href {
        None => None,
        Some(href) => Some(
            parse_href(href, "on-demand-authorizations")
                .map_err(FundingSourceError::InvalidOnDemandAuthorizationHref)?,
        ),
    };
    let base = resolve_base(
        input.environment,
        input.base_url.as_deref(),
        exchange.environment(),
    )?;
    if let Some(env) = authorization.as_ref().and_then(|a| a.environment()) {
        resolve_base(input.environment, input.base_url.as_deref(), Some(env))?;
    }
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(FundingSourceError::InvalidIdempotencyKey);
    }
    let body = exchange_body(
        &exchange.href(),
        authorization.map(|a| a.href()).as_deref(),
        input.bank_account_type,
        &input.name,
    );
    let url = message!("{}/customers/{}/funding-sources", base, input.customer_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}

/// `{"_links":{"exchange":{"href":…}},"bankAccountType":…,"name":…}`, Dwolla's order.
fn exchange_body(
    exchange: &str,
    authorization: Option<&str>,
    kind: BankAccountType,
    name: &str,
) -> String {
    let mut body = String::new();
    let mut object = ObjectWriter::new(&mut body);
    let mut links = ObjectWriter::new(object.key("_links"));
    links.link("exchange", exchange);
    if let Some(authorization) = authorization {
        links.link("on-demand-authorization", authorization);
    }
    links.end();
    object
        .str("bankAccountType", kind.as_str())
        .str("name", name)
        .end();
    body
}

/// Input of [`account_funding_source_from_exchange`]: the account's own bank, verified
/// through an exchange created with `POST /exchanges`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountFundingSourceInput {
    /// The account exchange's href (the `Location` of `POST /exchanges`).
    pub exchange_href: String,
    /// A nickname for the account, 1 to 50 characters.
    pub name: String,
    /// `checking` or `savings`.
    pub bank_account_type: BankAccountType,
    /// `sandbox` (default) or `production`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides the environment's host.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The `Idempotency-Key`; derived from the request when absent.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

/// Builds the account-level `POST /funding-sources` for the account's own bank,
/// verified through an exchange. Dwolla's `CreateAccountFundingSource` lists
/// `accountNumber` and `routingNumber` as required although its description allows
/// "either manual bank account details or an exchange resource"; the exchange form is
/// sent here, with the same body as a customer's exchange funding source.
pub fn account_funding_source_from_exchange(
    input: &AccountFundingSourceInput,
) -> Result<DwollaRequest, FundingSourceError> {
    let exchange = parse_href(&input.exchange_href, "exchanges")
        .map_err(FundingSourceError::InvalidExchangeHref)?;
    if !valid_name(&input.name) {
        return Err(FundingSourceError::InvalidName);
    }
    let base = resolve_base(
        input.environment,
        input.base_url.as_deref(),
        exchange.environment(),
    )?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(FundingSourceError::InvalidIdempotencyKey);
    }
    let body = exchange_body(&exchange.href(), None, input.bank_account_type, &input.name);
    Ok(DwollaRequest::post(
        message!("{}/funding-sources", base),
        body,
        input.idempotency_key.clone(),
    ))
}

/// Checks a billing address against Dwolla's documented limits, reporting every
/// problem with a JSON pointer under `/billingAddress`.
pub fn billing_address_issues(address: &BillingAddress) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut text = |field: &str, value: Option<&str>, required: bool, max: usize| {
        let path = message!("/billingAddress/{}", field);
        match value {
            None if required => issues.push(Issue::error(
                path,
                "required",
                message!("{} is required", field),
            )),
            Some(v) if required && crate::text::is_blank(v) => issues.push(Issue::error(
                path,
                "empty",
                message!("{} must not be blank", field),
            )),
            Some(v) if char_count(v) > max => issues.push(Issue::error(
                path,
                "format",
                message!("{} must be {} characters or less", field, max),
            )),
            _ => {}
        }
    };
    text("address1", Some(&address.address1), true, 50);
    text("address2", address.address2.as_deref(), false, 100);
    text("address3", address.address3.as_deref(), false, 100);
    text("city", Some(&address.city), true, 50);
    // The spec sets no length for postal codes; Dwolla checks them itself.
    text("postalCode", Some(&address.postal_code), true, usize::MAX);
    for (field, value) in [
        ("stateProvinceRegion", &address.state_province_region),
        ("country", &address.country),
    ] {
        if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
            issues.push(Issue::error(
                message!("/billingAddress/{}", field),
                "format",
                message!("{} must be a two-letter upper-case code", field),
            ));
        }
    }
    issues
}

/// Builds `POST /customers/{id}/funding-sources` for a debit card tokenized by
/// Checkout.com (Push to Card).
pub fn card_funding_source(
    input: &CardFundingSourceInput,
) -> Result<DwollaRequest, FundingSourceError> {
    if !is_uuid(&input.customer_id) {
        return Err(FundingSourceError::InvalidCustomerId);
    }
    if input.card_token.is_empty() || input.card_token.chars().any(char::is_whitespace) {
        return Err(FundingSourceError::InvalidCardToken);
    }
    if !valid_name(&input.name) {
        return Err(FundingSourceError::InvalidName);
    }
    let issues = billing_address_issues(&input.billing_address);
    if !issues.is_empty() {
        return Err(FundingSourceError::InvalidBillingAddress(issues));
    }
    let base = resolve_base(input.environment, input.base_url.as_deref(), None)?;
    if !valid_optional_key(input.idempotency_key.as_deref()) {
        return Err(FundingSourceError::InvalidIdempotencyKey);
    }
    let mut body = String::new();
    let mut object = ObjectWriter::new(&mut body);
    object
        .str("cardToken", &input.card_token)
        .str("name", &input.name);
    let mut details = ObjectWriter::new(object.key("cardDetails"));
    input
        .billing_address
        .write_json(details.key("billingAddress"));
    details.end();
    object.end();
    let url = message!("{}/customers/{}/funding-sources", base, input.customer_id);
    Ok(DwollaRequest::post(
        url,
        body,
        input.idempotency_key.clone(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_count_characters() {
        assert!(valid_name(&"é".repeat(50)));
        assert!(!valid_name(&"é".repeat(51)));
        assert!(!valid_name("   "));
    }
}
