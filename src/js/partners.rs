//! JS boundary of `crate::partners`: the partner directory as a class.

use wasm_bindgen::prelude::*;

use super::json::{from_js_json, to_js_json};
use super::{coded_error, js_error};
use crate::partners::{ExchangePartners, PartnersError};

/// The exchange partners of one environment, from `GET /exchange-partners`.
#[wasm_bindgen(js_name = ExchangePartners)]
pub struct JsExchangePartners(ExchangePartners);

#[wasm_bindgen(js_class = ExchangePartners)]
impl JsExchangePartners {
    /// The active partner called `name` (case-insensitive; `Mastercard` finds
    /// `Finicity`). Throws `PartnerNotFound` naming the partners that exist.
    #[wasm_bindgen(unchecked_return_type = "ExchangePartner")]
    pub fn find(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsValue, JsValue> {
        let name = name
            .as_string()
            .ok_or_else(|| coded_error("InvalidArgument", "find: name must be a string", &[]))?;
        let partner = self.0.find(&name).map_err(|e| js_error(&e))?;
        to_js_json(partner)
    }

    /// Every partner, in the order the API listed them.
    #[wasm_bindgen(unchecked_return_type = "ExchangePartner[]")]
    pub fn list(&self) -> Result<JsValue, JsValue> {
        to_js_json(self.0.list())
    }
}

/// Reads a `GET /exchange-partners` body (JSON text or object) into a directory.
#[wasm_bindgen(js_name = exchangePartners)]
pub fn exchange_partners(
    #[wasm_bindgen(unchecked_param_type = "string | object")] response: JsValue,
) -> Result<JsExchangePartners, JsValue> {
    let value: serde_json::Value = match response.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|_| {
            js_error(&PartnersError::InvalidPartnerList {
                path: String::new(),
                reason: "not JSON",
            })
        })?,
        None => from_js_json(&response, "exchangePartners")?,
    };
    ExchangePartners::from_response(&value)
        .map(JsExchangePartners)
        .map_err(|e| js_error(&e))
}
