//! JS boundary of `crate::funding_source`.

use wasm_bindgen::prelude::*;

use super::js_error;
use super::json::{from_js_json, to_js_json};
use crate::funding_source::{self, CardFundingSourceInput, ExchangeFundingSourceInput};

/// `POST /customers/{id}/funding-sources` from an exchange, as a `DwollaRequest`.
#[wasm_bindgen(js_name = fundingSourceFromExchange, unchecked_return_type = "DwollaRequest")]
pub fn funding_source_from_exchange(
    #[wasm_bindgen(unchecked_param_type = "ExchangeFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: ExchangeFundingSourceInput = from_js_json(&input, "fundingSourceFromExchange")?;
    let request = funding_source::funding_source_from_exchange(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// `POST /customers/{id}/funding-sources` for a Checkout.com-tokenized debit card.
#[wasm_bindgen(js_name = cardFundingSource, unchecked_return_type = "DwollaRequest")]
pub fn card_funding_source(
    #[wasm_bindgen(unchecked_param_type = "CardFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: CardFundingSourceInput = from_js_json(&input, "cardFundingSource")?;
    let request = funding_source::card_funding_source(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}
