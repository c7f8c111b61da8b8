//! JS boundary of `crate::reads`: the exchange and session reads and the readers of
//! their answers. Every type is declared with `decl.rs`'s macros.

use wasm_bindgen::prelude::*;

use super::decl::{js_input, js_output, to_json, ReadObject};
use super::json::{node, output, Args};
use super::types::{dwolla_host, dwolla_request};
use super::{coded_error, js_error};
use crate::json::{self, Node};
use crate::reads::{self, AvailableConnection, ExchangeInfo, ReadError, ReadInput};
use crate::request::Environment;

/// Input of `accountExchanges`: where the read goes.
#[derive(Default)]
pub(crate) struct TargetInput {
    environment: Option<Environment>,
    base_url: Option<String>,
}

js_input! {
    /// Where a read goes: `sandbox` (default) or `production`, or an explicit host.
    ReadTarget = TargetInput {
        ..dwolla_host,
    }
}

/// Input of `getExchange`.
pub(crate) struct ExchangeRead {
    id: String,
    environment: Option<Environment>,
    base_url: Option<String>,
}

js_input! {
    /// Input of `getExchange`: the exchange's id (a UUID) or its href.
    GetExchangeInput = ExchangeRead {
        /// The exchange's id (a UUID) or its href (a `Location`, a `_links.*.href`).
        exchangeId: id: String,
        ..dwolla_host,
    }
}

/// Input of `customerExchanges` and `availableExchangeConnections`.
pub(crate) struct CustomerRead {
    id: String,
    environment: Option<Environment>,
    base_url: Option<String>,
}

js_input! {
    /// Input of `customerExchanges` and `availableExchangeConnections`: a customer id or href.
    CustomerReadInput = CustomerRead {
        /// The customer's id (a UUID) or its href.
        customerId: id: String,
        ..dwolla_host,
    }
}

/// Input of `getExchangeSession`.
pub(crate) struct SessionRead {
    id: String,
    environment: Option<Environment>,
    base_url: Option<String>,
}

js_input! {
    /// Input of `getExchangeSession`: the session's id (a UUID) or its href (a `Location`).
    GetExchangeSessionInput = SessionRead {
        /// The exchange session's id (a UUID) or its href.
        exchangeSessionId: id: String,
        ..dwolla_host,
    }
}

js_output! {
    /// An exchange as Dwolla describes it.
    ExchangeInfo = ExchangeInfo {
        /// The exchange id.
        id: id: String,
        /// `_links.self.href`.
        href: href: Option<String>,
        /// `active`, `deactivated` or `removed` (Dwolla's enum; anything else is kept as
        /// sent).
        status: status: String,
        /// Whether funding sources can be created from it (`status` is `active`).
        active: active: bool,
        /// When it was created (RFC 3339, as sent).
        created: created: Option<String>,
        /// `_links.exchange-partner.href`.
        partnerHref: partner_href: Option<String>,
    }
}

js_output! {
    /// One finished MX connection.
    AvailableConnection = AvailableConnection {
        /// The institution's name as MX shows it.
        name: name: String,
        /// The token for `mxExchange`.
        availableConnectionToken: available_connection_token: String,
    }
}

/// Reads a declared read input and builds its core request.
fn read<T: ReadObject>(
    input: &JsValue,
    function: &'static str,
    into: impl FnOnce(T) -> ReadInput,
    build: impl FnOnce(&ReadInput) -> Result<crate::DwollaRequest, ReadError>,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(input, function)?;
    let value = T::read_members(&mut args);
    args.finish()?;
    request(build(&into(value)))
}

fn request(result: Result<crate::DwollaRequest, ReadError>) -> Result<JsValue, JsValue> {
    dwolla_request(result.map_err(|e| js_error(&e))?)
}

/// `GET /exchanges/{id}` as a `DwollaRequest`. Throws `InvalidExchangeId`,
/// `EnvironmentMismatch`, `InvalidBaseUrl`.
#[wasm_bindgen(js_name = getExchange, unchecked_return_type = "DwollaRequest")]
pub fn get_exchange(
    #[wasm_bindgen(unchecked_param_type = "GetExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    read(
        &input,
        "getExchange",
        |i: ExchangeRead| ReadInput {
            id: i.id,
            environment: i.environment,
            base_url: i.base_url,
        },
        reads::get_exchange,
    )
}

fn customer_read(i: CustomerRead) -> ReadInput {
    ReadInput {
        id: i.id,
        environment: i.environment,
        base_url: i.base_url,
    }
}

/// `GET /customers/{id}/exchanges` as a `DwollaRequest`.
#[wasm_bindgen(js_name = customerExchanges, unchecked_return_type = "DwollaRequest")]
pub fn customer_exchanges(
    #[wasm_bindgen(unchecked_param_type = "CustomerReadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    read(
        &input,
        "customerExchanges",
        customer_read,
        reads::list_customer_exchanges,
    )
}

/// `GET /exchanges` (the account's own exchanges) as a `DwollaRequest`.
#[wasm_bindgen(js_name = accountExchanges, unchecked_return_type = "DwollaRequest")]
pub fn account_exchanges(
    #[wasm_bindgen(unchecked_optional_param_type = "ReadTarget")] input: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    // `undefined` and `null` both arrive as `None`.
    let target = match input {
        None => TargetInput::default(),
        Some(input) => {
            let mut args = Args::new(&input, "accountExchanges")?;
            let target = TargetInput::read_members(&mut args);
            args.finish()?;
            target
        }
    };
    request(reads::list_account_exchanges(
        target.environment,
        target.base_url.as_deref(),
    ))
}

/// `GET /exchange-sessions/{id}` as a `DwollaRequest`; read the answer with
/// `readExchangeSession`.
#[wasm_bindgen(js_name = getExchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn get_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "GetExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    read(
        &input,
        "getExchangeSession",
        |i: SessionRead| ReadInput {
            id: i.id,
            environment: i.environment,
            base_url: i.base_url,
        },
        reads::get_exchange_session,
    )
}

/// `GET /customers/{id}/available-exchange-connections` as a `DwollaRequest`.
#[wasm_bindgen(js_name = availableExchangeConnections, unchecked_return_type = "DwollaRequest")]
pub fn available_exchange_connections(
    #[wasm_bindgen(unchecked_param_type = "CustomerReadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    read(
        &input,
        "availableExchangeConnections",
        customer_read,
        reads::available_exchange_connections,
    )
}

/// A body given as JSON text or as an object, read without serde (see `json.rs`).
fn body_value(body: &JsValue) -> Result<Node<'static>, JsValue> {
    match super::text::string_of(body) {
        Some(text) => json::parse(&text).ok().map(Node::into_owned),
        None => node(body),
    }
    .ok_or_else(|| {
        coded_error(
            "InvalidResourceBody",
            "the body is neither JSON text nor an object",
            &[],
        )
    })
}

/// Reads `GET /exchanges/{id}`: `{id, href, status, active, created, partnerHref}`.
/// Throws `InvalidResourceBody`.
#[wasm_bindgen(js_name = readExchange, unchecked_return_type = "ExchangeInfo")]
pub fn read_exchange(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let exchange = reads::exchange_of(&body_value(&body)?).map_err(|e| js_error(&e))?;
    output(&to_json::<ExchangeInfo>(&exchange))
}

/// Reads an exchange list (`GET /customers/{id}/exchanges`, `GET /exchanges`).
#[wasm_bindgen(js_name = readExchanges, unchecked_return_type = "ExchangeInfo[]")]
pub fn read_exchanges(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let list = reads::exchanges_of(&body_value(&body)?).map_err(|e| js_error(&e))?;
    output(&to_json::<Vec<ExchangeInfo>>(&list))
}

/// Reads `GET /customers/{id}/available-exchange-connections`.
#[wasm_bindgen(js_name = readAvailableConnections, unchecked_return_type = "AvailableConnection[]")]
pub fn read_available_connections(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let list = reads::connections_of(&body_value(&body)?).map_err(|e| js_error(&e))?;
    output(&to_json::<Vec<AvailableConnection>>(&list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_json_matches_serde() {
        let e = ExchangeInfo {
            id: "x".into(),
            href: None,
            status: "active".into(),
            active: true,
            created: Some("2022-10-21T21:41:03.283Z".into()),
            partner_href: Some("https://x/exchange-partners/1".into()),
        };
        assert_eq!(
            to_json::<ExchangeInfo>(&e),
            serde_json::to_string(&e).unwrap()
        );
        let c = vec![AvailableConnection {
            name: "a \"b\"".into(),
            available_connection_token: "t".into(),
        }];
        assert_eq!(
            to_json::<Vec<AvailableConnection>>(&c),
            serde_json::to_string(&c).unwrap()
        );
    }
}
