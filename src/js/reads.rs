//! JS boundary of `crate::reads` and of the builders added with it: the exchange and
//! session reads, the account's funding source from an exchange, and Finicity's revoke
//! and update of a consent receipt.

use wasm_bindgen::prelude::*;

use super::json::{node, output, Args};
use super::{coded_error, js_error};
use crate::finicity::{self, AccessKeyInput, RevokeAccessKeyInput};
use crate::funding_source::{self, AccountFundingSourceInput, BankAccountType};
use crate::issue::Issue;
use crate::json::{self, Node};
use crate::reads::{self, AvailableConnection, ExchangeInfo, ReadError, ReadInput};
use crate::request::Method;

#[wasm_bindgen(typescript_custom_section)]
const READ_INPUTS: &str = r#"
/** Where a read goes: `sandbox` (default) or `production`, or an explicit host. */
export interface ReadTarget { environment?: Environment; baseUrl?: string; }
/** Input of `getExchange`: the exchange's id (a UUID) or its href. */
export interface GetExchangeInput extends ReadTarget { exchangeId: string; }
/** Input of `customerExchanges` and `availableExchangeConnections`: a customer id or href. */
export interface CustomerReadInput extends ReadTarget { customerId: string; }
/** Input of `getExchangeSession`: the session's id (a UUID) or its href (a `Location`). */
export interface GetExchangeSessionInput extends ReadTarget { exchangeSessionId: string; }
/** Input of `finicityUpdateAccessKeyRequest`: the receipt to update and the new access. */
export interface UpdateAccessKeyInput extends AccessKeyInput { receiptId: string; }
"#;

/// The `partnerId` option of the receipt check: digits, or `""` to skip the check.
pub(crate) fn expected_partner_id(text: &str, path: &str) -> Result<Option<u64>, Issue> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u64>() {
        Ok(id) if text.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(id)),
        _ => Err(Issue::error(
            path,
            "format",
            format!(
                "dwollaPartnerId must be a string of digits (or \"\" to skip the check), found {}",
                crate::json::Quoted(text)
            ),
        )),
    }
}

fn read_input(input: &JsValue, function: &'static str, id: &str) -> Result<ReadInput, JsValue> {
    let mut args = Args::new(input, function)?;
    let read = ReadInput {
        id: args.str(id),
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    Ok(read)
}

fn request(result: Result<crate::DwollaRequest, ReadError>) -> Result<JsValue, JsValue> {
    output(&result.map_err(|e| js_error(&e))?.to_json())
}

/// `GET /exchanges/{id}` as a `DwollaRequest`. Throws `InvalidExchangeId`,
/// `EnvironmentMismatch`, `InvalidBaseUrl`.
#[wasm_bindgen(js_name = getExchange, unchecked_return_type = "DwollaRequest")]
pub fn get_exchange(
    #[wasm_bindgen(unchecked_param_type = "GetExchangeInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    request(reads::get_exchange(&read_input(
        &input,
        "getExchange",
        "/exchangeId",
    )?))
}

/// `GET /customers/{id}/exchanges` as a `DwollaRequest`.
#[wasm_bindgen(js_name = customerExchanges, unchecked_return_type = "DwollaRequest")]
pub fn customer_exchanges(
    #[wasm_bindgen(unchecked_param_type = "CustomerReadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let read = read_input(&input, "customerExchanges", "/customerId")?;
    request(reads::list_customer_exchanges(&read))
}

/// `GET /exchanges` (the account's own exchanges) as a `DwollaRequest`.
#[wasm_bindgen(js_name = accountExchanges, unchecked_return_type = "DwollaRequest")]
pub fn account_exchanges(
    #[wasm_bindgen(unchecked_param_type = "ReadTarget | undefined")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input = if input.is_undefined() || input.is_null() {
        js_sys::Object::new().into()
    } else {
        input
    };
    let mut args = Args::new(&input, "accountExchanges")?;
    let environment = args.environment();
    let base_url = args.opt_str("/baseUrl");
    args.finish()?;
    request(reads::list_account_exchanges(
        environment,
        base_url.as_deref(),
    ))
}

/// `GET /exchange-sessions/{id}` as a `DwollaRequest`; read the answer with
/// `readExchangeSession`.
#[wasm_bindgen(js_name = getExchangeSession, unchecked_return_type = "DwollaRequest")]
pub fn get_exchange_session(
    #[wasm_bindgen(unchecked_param_type = "GetExchangeSessionInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let read = read_input(&input, "getExchangeSession", "/exchangeSessionId")?;
    request(reads::get_exchange_session(&read))
}

/// `GET /customers/{id}/available-exchange-connections` as a `DwollaRequest`.
#[wasm_bindgen(js_name = availableExchangeConnections, unchecked_return_type = "DwollaRequest")]
pub fn available_exchange_connections(
    #[wasm_bindgen(unchecked_param_type = "CustomerReadInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let read = read_input(&input, "availableExchangeConnections", "/customerId")?;
    request(reads::available_exchange_connections(&read))
}

/// A body given as JSON text or as an object, read without serde (see `json.rs`).
fn body_value(body: &JsValue) -> Result<Node, JsValue> {
    match body.as_string() {
        Some(text) => json::parse(&text).ok(),
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
    let mut out = String::new();
    exchange.write_json(&mut out);
    output(&out)
}

/// Reads an exchange list (`GET /customers/{id}/exchanges`, `GET /exchanges`).
#[wasm_bindgen(js_name = readExchanges, unchecked_return_type = "ExchangeInfo[]")]
pub fn read_exchanges(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let list = reads::exchanges_of(&body_value(&body)?).map_err(|e| js_error(&e))?;
    output(&reads::write_list(&list, ExchangeInfo::write_json))
}

/// Reads `GET /customers/{id}/available-exchange-connections`.
#[wasm_bindgen(js_name = readAvailableConnections, unchecked_return_type = "AvailableConnection[]")]
pub fn read_available_connections(
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsValue> {
    let list = reads::connections_of(&body_value(&body)?).map_err(|e| js_error(&e))?;
    output(&reads::write_list(&list, AvailableConnection::write_json))
}

/// The account-level `POST /funding-sources` from an exchange, as a `DwollaRequest`.
#[wasm_bindgen(js_name = accountFundingSourceFromExchange, unchecked_return_type = "DwollaRequest")]
pub fn account_funding_source_from_exchange(
    #[wasm_bindgen(unchecked_param_type = "AccountFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "accountFundingSourceFromExchange")?;
    let exchange_href = args.str("/exchangeHref");
    let name = args.str("/name");
    args.require("/bankAccountType");
    let kind = args.opt_choice("/bankAccountType", &["checking", "savings"]);
    let input = AccountFundingSourceInput {
        exchange_href,
        name,
        bank_account_type: if kind == Some(1) {
            BankAccountType::Savings
        } else {
            BankAccountType::Checking
        },
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    };
    args.finish()?;
    let request =
        funding_source::account_funding_source_from_exchange(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `DELETE /aggregation/v1/partners/accessKey/{receiptId}` as a `FinicityRequest`.
#[wasm_bindgen(js_name = finicityRevokeAccessKeyRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_revoke_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "RevokeAccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityRevokeAccessKeyRequest")?;
    let input = RevokeAccessKeyInput {
        receipt_id: args.str("/receiptId"),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    let url = finicity::revoke_url(&input).map_err(|e| js_error(&e))?;
    output(&finicity::request_text(Method::Delete, &url, None))
}

/// `PUT /aggregation/v1/partners/accessKey/{receiptId}` as a `FinicityRequest`, with the
/// body of `finicityAccessKeyRequest`; `now` defaults to the current time.
#[wasm_bindgen(js_name = finicityUpdateAccessKeyRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_update_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "UpdateAccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityUpdateAccessKeyRequest")?;
    let receipt_id = args.str("/receiptId");
    let mut input = AccessKeyInput {
        customer_id: args.str("/customerId"),
        partner_id: args.str("/partnerId"),
        third_party_partner_id: args.opt_str("/thirdPartyPartnerId"),
        account_ids: args.strings("/accountIds"),
        products: args.opt_strings("/products"),
        start_time: args.opt_str("/startTime"),
        end_time: args.opt_str("/endTime"),
        duration_days: args.opt_uint("/durationDays", u32::MAX),
        payor_id: args.opt_str("/payorId"),
        max_calls: args.opt_uint("/maxCalls", u32::MAX),
        now: args.opt_str("/now"),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    if input.now.is_none() {
        input.now = js_sys::Date::new_0().to_iso_string().as_string();
    }
    let (url, body) = finicity::update_parts(&receipt_id, &input).map_err(|e| js_error(&e))?;
    output(&finicity::request_text(Method::Put, &url, Some(&body)))
}
