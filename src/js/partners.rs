//! JS boundary of `crate::partners`: the partner directory as a class.

use wasm_bindgen::prelude::*;

use super::decl::{js_output, to_json, write_list};
use super::json::{node, output};
use super::{coded_error, js_error};
use crate::json;
use crate::partners::{ExchangePartner, ExchangePartners, PartnersError};

js_output! {
    /// One entry of `GET /exchange-partners`.
    ExchangePartner = ExchangePartner {
        /// The partner's id in this environment (a UUID).
        id: id: String,
        /// The name as Dwolla lists it, e.g. `Plaid`.
        name: name: String,
        /// `active` for every partner the spec knows of; kept as given.
        status: status: String,
        /// `_links.self.href`: what `exchange-partner` links in requests point to.
        href: href: String,
    }
}

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
        output(&to_json::<ExchangePartner>(partner))
    }

    /// Every partner, in the order the API listed them.
    #[wasm_bindgen(unchecked_return_type = "ExchangePartner[]")]
    pub fn list(&self) -> Result<JsValue, JsValue> {
        let mut text = String::new();
        write_list::<ExchangePartner>(self.0.list(), &mut text);
        output(&text)
    }
}

/// Reads a `GET /exchange-partners` body (JSON text or object) into a directory.
#[wasm_bindgen(js_name = exchangePartners)]
pub fn exchange_partners(
    #[wasm_bindgen(unchecked_param_type = "string | object")] response: JsValue,
) -> Result<JsExchangePartners, JsValue> {
    let text = super::text::string_of(&response);
    let value = match &text {
        Some(text) => json::parse(text).ok(),
        None => node(&response),
    }
    .ok_or_else(|| {
        js_error(&PartnersError::InvalidPartnerList {
            path: String::new(),
            reason: "not JSON",
        })
    })?;
    ExchangePartners::from_tree(&value)
        .map(JsExchangePartners)
        .map_err(|e| js_error(&e))
}
