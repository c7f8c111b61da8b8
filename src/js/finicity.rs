//! JS boundary of `crate::finicity`: Finicity requests without secret headers.

use wasm_bindgen::prelude::*;

use super::js_error;
use super::json::{from_js_json, to_js_json};
use crate::finicity::{
    self, AccessKeyInput, AuthenticationInput, ConnectUrlInput, TestingCustomerInput,
};

/// `POST /aggregation/v1/partners/accessKey` as a `FinicityRequest`; `now` defaults to
/// the current time.
#[wasm_bindgen(js_name = finicityAccessKeyRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "AccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut input: AccessKeyInput = from_js_json(&input, "finicityAccessKeyRequest")?;
    if input.now.is_none() {
        input.now = js_sys::Date::new_0().to_iso_string().as_string();
    }
    let request = finicity::access_key_request(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// `POST /aggregation/v2/partners/authentication` as a `FinicityRequest`. Its body
/// holds the partner secret: build and send it server-side only, and never retry a
/// rejected authentication (five failures lock the account).
#[wasm_bindgen(js_name = finicityAuthenticationRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_authentication_request(
    #[wasm_bindgen(unchecked_param_type = "AuthenticationInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: AuthenticationInput = from_js_json(&input, "finicityAuthenticationRequest")?;
    let request = finicity::authentication_request(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// `POST /aggregation/v2/customers/testing` as a `FinicityRequest`.
#[wasm_bindgen(js_name = finicityTestingCustomerRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_testing_customer_request(
    #[wasm_bindgen(unchecked_param_type = "TestingCustomerInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: TestingCustomerInput = from_js_json(&input, "finicityTestingCustomerRequest")?;
    let request = finicity::testing_customer_request(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}

/// `POST /connect/v2/generate` as a `FinicityRequest`.
#[wasm_bindgen(js_name = finicityConnectUrlRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_connect_url_request(
    #[wasm_bindgen(unchecked_param_type = "ConnectUrlInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: ConnectUrlInput = from_js_json(&input, "finicityConnectUrlRequest")?;
    let request = finicity::connect_url_request(&input).map_err(|e| js_error(&e))?;
    to_js_json(&request)
}
