//! The reads a flow needs after its creates: `GET /exchanges/{id}`,
//! `GET /customers/{id}/exchanges`, `GET /exchanges` (the account's own),
//! `GET /exchange-sessions/{id}` and `GET /customers/{id}/available-exchange-connections`
//! as [`DwollaRequest`]s, and readers of the exchange and connection bodies Dwolla
//! answers with.
//!
//! A resource is named by its id (a UUID) or by the href Dwolla gave (a `Location`, a
//! `_links.*.href`): an href is checked against the collection it must point into and
//! against the target environment, as every other builder does.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::error::CodedError;
use crate::ids::{is_uuid, parse_href, HrefError};
use crate::json::Tree;
use crate::message::message;
use crate::request::{
    resolve_base, DwollaRequest, Environment, EnvironmentMismatch, InvalidBaseUrl, TargetError,
};

/// Which resource a read names, and where the request goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadInput {
    /// The resource's id (a UUID) or its href.
    pub id: String,
    /// `sandbox` (default) or `production`.
    pub environment: Option<Environment>,
    /// Overrides the environment's host.
    pub base_url: Option<String>,
}

impl ReadInput {
    /// A read of `id` (a UUID or an href) in the default environment.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            ..Self::default()
        }
    }
}

/// Errors building a read or reading its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The id is neither a UUID nor an href into the expected collection; `code` names
    /// the resource (`InvalidExchangeId`, `InvalidCustomerId`, `InvalidExchangeSessionId`).
    InvalidId {
        /// The stable code.
        code: &'static str,
        /// Why.
        reason: HrefError,
    },
    /// An href belongs to the other Dwolla environment.
    EnvironmentMismatch(EnvironmentMismatch),
    /// `baseUrl` is not an absolute http(s) URL.
    InvalidBaseUrl(InvalidBaseUrl),
    /// The body is not the resource expected; says what is missing.
    InvalidBody(String),
}

impl ufmt::uDisplay for ReadError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        match self {
            ReadError::InvalidId { reason, .. } => {
                ufmt::uwrite!(f, "expected a UUID or an href: {}", reason)
            }
            ReadError::EnvironmentMismatch(e) => ufmt::uDisplay::fmt(e, f),
            ReadError::InvalidBaseUrl(e) => ufmt::uDisplay::fmt(e, f),
            ReadError::InvalidBody(why) => f.write_str(why),
        }
    }
}

/// The text of `uDisplay`, which the package's messages use.
impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::message::to_text(self))
    }
}

impl std::error::Error for ReadError {}

impl CodedError for ReadError {
    fn code(&self) -> &'static str {
        match self {
            ReadError::InvalidId { code, .. } => code,
            ReadError::EnvironmentMismatch(_) => EnvironmentMismatch::CODE,
            ReadError::InvalidBaseUrl(_) => "InvalidBaseUrl",
            ReadError::InvalidBody(_) => "InvalidResourceBody",
        }
    }
}

impl From<TargetError> for ReadError {
    fn from(e: TargetError) -> Self {
        match e {
            TargetError::BaseUrl(e) => ReadError::InvalidBaseUrl(e),
            TargetError::Mismatch(e) => ReadError::EnvironmentMismatch(e),
        }
    }
}

/// `{base}/{collection}/{id}{suffix}` for an id or an href of `collection`.
fn resource_url(
    input: &ReadInput,
    collection: &'static str,
    code: &'static str,
    suffix: &str,
) -> Result<String, ReadError> {
    let (id, href_environment) = if is_uuid(&input.id) {
        (input.id.clone(), None)
    } else {
        let href = parse_href(&input.id, collection)
            .map_err(|reason| ReadError::InvalidId { code, reason })?;
        let environment = href.environment();
        (href.id, environment)
    };
    let base = resolve_base(
        input.environment,
        input.base_url.as_deref(),
        href_environment,
    )?;
    Ok(message!("{}/{}/{}{}", base, collection, id, suffix))
}

/// `GET /exchanges/{id}`: one exchange, with its `status`.
pub fn get_exchange(input: &ReadInput) -> Result<DwollaRequest, ReadError> {
    resource_url(input, "exchanges", "InvalidExchangeId", "").map(DwollaRequest::get)
}

/// `GET /customers/{id}/exchanges`: the customer's exchanges.
pub fn list_customer_exchanges(input: &ReadInput) -> Result<DwollaRequest, ReadError> {
    resource_url(input, "customers", "InvalidCustomerId", "/exchanges").map(DwollaRequest::get)
}

/// `GET /exchanges`: the account's own exchanges (made with `POST /exchanges`).
pub fn list_account_exchanges(
    environment: Option<Environment>,
    base_url: Option<&str>,
) -> Result<DwollaRequest, ReadError> {
    let base = resolve_base(environment, base_url, None)?;
    Ok(DwollaRequest::get(message!("{}/exchanges", base)))
}

/// `GET /exchange-partners`: the partners this account may exchange with (read the
/// answer with [`crate::partners::ExchangePartners::from_response`]).
pub fn list_exchange_partners(
    environment: Option<Environment>,
    base_url: Option<&str>,
) -> Result<DwollaRequest, ReadError> {
    let base = resolve_base(environment, base_url, None)?;
    Ok(DwollaRequest::get(message!("{}/exchange-partners", base)))
}

/// `GET /exchange-sessions/{id}`: what to open (read it with
/// [`crate::session::read_exchange_session`]).
pub fn get_exchange_session(input: &ReadInput) -> Result<DwollaRequest, ReadError> {
    resource_url(input, "exchange-sessions", "InvalidExchangeSessionId", "").map(DwollaRequest::get)
}

/// `GET /customers/{id}/available-exchange-connections`: the MX connections a customer
/// finished, each with the `availableConnectionToken` an MX exchange takes.
pub fn available_exchange_connections(input: &ReadInput) -> Result<DwollaRequest, ReadError> {
    resource_url(
        input,
        "customers",
        "InvalidCustomerId",
        "/available-exchange-connections",
    )
    .map(DwollaRequest::get)
}

/// An exchange as Dwolla describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeInfo {
    /// The exchange id.
    pub id: String,
    /// `_links.self.href`.
    pub href: Option<String>,
    /// `active`, `deactivated` or `removed` (Dwolla's enum; anything else is kept as
    /// sent).
    pub status: String,
    /// Whether funding sources can be created from it (`status` is `active`).
    pub active: bool,
    /// When it was created (RFC 3339, as sent).
    pub created: Option<String>,
    /// `_links.exchange-partner.href`.
    pub partner_href: Option<String>,
}

/// One finished MX connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AvailableConnection {
    /// The institution's name as MX shows it.
    pub name: String,
    /// The token for `mx_exchange`.
    pub available_connection_token: String,
}

fn text<'a, T: Tree>(value: &'a T, pointer: &str) -> Option<&'a str> {
    value.at(pointer).and_then(T::text)
}

/// Reads an `Exchange` body (`GET /exchanges/{id}`).
pub fn read_exchange(body: &Value) -> Result<ExchangeInfo, ReadError> {
    exchange_of(body)
}

/// Reads an `Exchanges` list (`GET /customers/{id}/exchanges`, `GET /exchanges`).
pub fn read_exchanges(body: &Value) -> Result<Vec<ExchangeInfo>, ReadError> {
    exchanges_of(body)
}

/// Reads `GET /customers/{id}/available-exchange-connections`.
pub fn read_available_connections(body: &Value) -> Result<Vec<AvailableConnection>, ReadError> {
    connections_of(body)
}

/// [`read_exchange`] for any JSON tree (the browser package reads a `Node`).
pub(crate) fn exchange_of<T: Tree>(body: &T) -> Result<ExchangeInfo, ReadError> {
    let missing = |what: &str| ReadError::InvalidBody(message!("an exchange needs {}", what));
    if !body.is_object() {
        return Err(ReadError::InvalidBody(
            "an exchange body must be a JSON object".to_owned(),
        ));
    }
    let id = text(body, "/id").ok_or_else(|| missing("a string id"))?;
    let status = text(body, "/status").ok_or_else(|| missing("a string status"))?;
    Ok(ExchangeInfo {
        id: id.to_owned(),
        href: text(body, "/_links/self/href").map(str::to_owned),
        status: status.to_owned(),
        active: status == "active",
        created: text(body, "/created").map(str::to_owned),
        partner_href: text(body, "/_links/exchange-partner/href").map(str::to_owned),
    })
}

/// [`read_exchanges`] for any JSON tree.
pub(crate) fn exchanges_of<T: Tree>(body: &T) -> Result<Vec<ExchangeInfo>, ReadError> {
    let list = body
        .at("/_embedded/exchanges")
        .and_then(T::items)
        .ok_or_else(|| {
            ReadError::InvalidBody("an exchange list needs _embedded.exchanges[]".to_owned())
        })?;
    // Loops rather than `collect::<Result<Vec<_>, _>>()` here and below: each such
    // collect is several adapter functions of its own in the browser package.
    let mut exchanges = Vec::with_capacity(list.len());
    for item in list {
        exchanges.push(exchange_of(item)?);
    }
    Ok(exchanges)
}

/// [`read_available_connections`] for any JSON tree.
pub(crate) fn connections_of<T: Tree>(body: &T) -> Result<Vec<AvailableConnection>, ReadError> {
    let list = body
        .at("/_embedded/available-exchange-connections")
        .and_then(T::items)
        .ok_or_else(|| {
            ReadError::InvalidBody(
                "a connection list needs _embedded.available-exchange-connections[]".to_owned(),
            )
        })?;
    let mut connections = Vec::with_capacity(list.len());
    for item in list {
        let token = text(item, "/availableConnectionToken").ok_or_else(|| {
            ReadError::InvalidBody(
                "every connection needs a string availableConnectionToken".to_owned(),
            )
        })?;
        connections.push(AvailableConnection {
            name: text(item, "/name").unwrap_or_default().to_owned(),
            available_connection_token: token.to_owned(),
        });
    }
    Ok(connections)
}
