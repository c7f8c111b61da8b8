//! The Dwolla operations that more than one route or flow runs: creating an exchange
//! (from any kind of consent) and a funding source from an exchange.

use serde_json::Value;

use consent_exchange::exchange::{finicity_exchange, mx_exchange, plaid_exchange, token_exchange};
use consent_exchange::funding_source::{
    funding_source_from_exchange, BankAccountType, ExchangeFundingSourceInput,
};
use consent_exchange::reads::get_exchange;
use consent_exchange::receipt::{check_consent_receipt, CheckOptions, ValidReceipt};
use consent_exchange::response::{DwollaResponse, ResponseFailure};
use consent_exchange::Issue;

use crate::api_error::ApiError;
use crate::api_types::ExchangeKind;
use crate::link_bank::Resource;

use super::{created, library, Calls};

/// A receipt checked by the library.
pub fn valid_receipt(calls: Calls<'_>, text: &str) -> Result<ValidReceipt, ApiError> {
    check_consent_receipt(text, &CheckOptions::new(calls.now()))
        .into_valid()
        .map_err(|issues| library(consent_exchange::ExchangeError::InvalidReceipt(issues)))
}

/// `checking` or `savings`, from the caller's text at `path`.
pub fn bank_account_type(value: &str, path: &str) -> Result<BankAccountType, ApiError> {
    serde_json::from_value(Value::String(value.to_owned())).map_err(|_| {
        ApiError::invalid_request(vec![Issue::error(
            path,
            "enum",
            "must be `checking` or `savings`",
        )])
    })
}

/// What an exchange is made from: an [`ExchangeKind`] whose Finicity receipt has been
/// checked (once: the same check answers the receipt's owner and builds the request).
pub enum Consent {
    /// A Finicity consent receipt, checked by the library.
    Finicity(ValidReceipt),
    /// A partner token, with the partner's name.
    Token {
        /// The partner's name.
        partner_name: String,
        /// The token.
        token: String,
    },
    /// MX's available connection token.
    Mx(String),
    /// Plaid's public token.
    Plaid(String),
}

impl Consent {
    /// `kind`, with its Finicity receipt checked (400 `InvalidReceipt` with the issues).
    pub fn checked(calls: Calls<'_>, kind: ExchangeKind) -> Result<Self, ApiError> {
        Ok(match kind {
            ExchangeKind::Finicity(text) => Consent::Finicity(valid_receipt(calls, &text)?),
            ExchangeKind::Token {
                partner_name,
                token,
            } => Consent::Token {
                partner_name,
                token,
            },
            ExchangeKind::Mx(token) => Consent::Mx(token),
            ExchangeKind::Plaid(token) => Consent::Plaid(token),
        })
    }
}

/// Builds and sends an exchange (with the given upstream key, else the library's
/// derived one); returns the exchange and the key it was sent with. A Finicity receipt
/// must already have been checked for ownership by the caller.
pub async fn create_exchange(
    calls: Calls<'_>,
    customer_id: &str,
    consent: Consent,
    key: &Option<String>,
) -> Result<(Resource, String), ApiError> {
    let req = match consent {
        Consent::Finicity(valid) => {
            let href = calls.partner_href("Finicity").await?;
            finicity_exchange(&valid, &calls.target(&href, customer_id, key)).map_err(library)?
        }
        Consent::Token {
            partner_name,
            token,
        } => {
            let href = calls.partner_href(&partner_name).await?;
            token_exchange(&token, &calls.target(&href, customer_id, key)).map_err(library)?
        }
        Consent::Mx(token) => {
            let href = calls.partner_href("MX").await?;
            mx_exchange(&token, customer_id, &calls.target(&href, customer_id, key))
                .map_err(library)?
        }
        Consent::Plaid(token) => {
            let href = calls.partner_href("Plaid").await?;
            plaid_exchange(&token, customer_id, &calls.target(&href, customer_id, key))
                .map_err(library)?
        }
    };
    let key = req.idempotency_key.clone().unwrap_or_default();
    let success = calls.dwolla(&req).await?;
    let exchange = created(&success, "exchange")?;
    // Answered on the configured base, where the worker accepts it back (the Location
    // names the same resource; behind a proxy its host may differ). An id that is not
    // a UUID is Dwolla's mistake, not the caller's.
    let href = get_exchange(&calls.read(&exchange.id))
        .map_err(|e| ApiError::from_library(&e, 502))?
        .url;
    Ok((Resource { href, ..exchange }, key))
}

/// What a funding source is created from.
pub struct FundingSourceAsk<'a> {
    /// The Dwolla customer, whose exchange it is.
    pub customer_id: &'a str,
    /// The exchange's href on the configured base.
    pub exchange_href: String,
    /// Its nickname.
    pub name: &'a str,
    /// `checking` or `savings`.
    pub account_type: BankAccountType,
    /// The upstream `Idempotency-Key`; else the library derives one.
    pub key: Option<String>,
}

/// Creates a funding source from an exchange. The same bank account again answers with
/// the existing funding source, which is the one a repeated call wants.
pub async fn create_funding_source(
    calls: Calls<'_>,
    ask: FundingSourceAsk<'_>,
) -> Result<Resource, ApiError> {
    let cfg = calls.cfg();
    let req = funding_source_from_exchange(&ExchangeFundingSourceInput {
        customer_id: ask.customer_id.to_owned(),
        exchange_href: ask.exchange_href,
        name: ask.name.to_owned(),
        bank_account_type: ask.account_type,
        on_demand_authorization_href: None,
        environment: Some(cfg.dwolla_target.environment),
        base_url: cfg.dwolla_target.base_url.clone(),
        idempotency_key: ask.key,
    })
    .map_err(library)?;
    let answer = calls.dwolla_answer(&req).await?;
    match answer.read() {
        DwollaResponse::Success(s) => created(&s, "funding source"),
        DwollaResponse::Failure(ResponseFailure {
            code,
            about: Some(href),
            ..
        }) if code == "DuplicateResource" => {
            let id = href.rsplit('/').next().unwrap_or_default().to_owned();
            Ok(Resource { id, href })
        }
        DwollaResponse::Failure(f) => Err(calls.dwolla_error(&f)),
    }
}
