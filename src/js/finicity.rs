//! JS boundary of `crate::finicity`: Finicity requests without secret headers.

use wasm_bindgen::prelude::*;

use super::js_error;
use super::json::{output, Args};
use crate::finicity::{
    self, AccessKeyInput, AuthenticationInput, ConnectUrlInput, PartnerSecret, TestingCustomerInput,
};

/// `POST /aggregation/v1/partners/accessKey` as a `FinicityRequest`; `now` defaults to
/// the current time.
#[wasm_bindgen(js_name = finicityAccessKeyRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "AccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityAccessKeyRequest")?;
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
    let request = finicity::access_key_post(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `POST /aggregation/v2/partners/authentication` as a `FinicityRequest`. Its body
/// holds the partner secret: build and send it server-side only, and never retry a
/// rejected authentication (five failures lock the account).
#[wasm_bindgen(js_name = finicityAuthenticationRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_authentication_request(
    #[wasm_bindgen(unchecked_param_type = "AuthenticationInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityAuthenticationRequest")?;
    let input = AuthenticationInput {
        partner_id: args.str("/partnerId"),
        partner_secret: PartnerSecret::new(args.str("/partnerSecret")),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    let request = finicity::authentication_post(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `POST /aggregation/v2/customers/testing` as a `FinicityRequest`.
#[wasm_bindgen(js_name = finicityTestingCustomerRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_testing_customer_request(
    #[wasm_bindgen(unchecked_param_type = "TestingCustomerInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityTestingCustomerRequest")?;
    let input = TestingCustomerInput {
        username: args.str("/username"),
        first_name: args.opt_str("/firstName"),
        last_name: args.opt_str("/lastName"),
        application_id: args.opt_str("/applicationId"),
        phone: args.opt_str("/phone"),
        email: args.opt_str("/email"),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    let request = finicity::testing_customer_post(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `POST /connect/v2/generate` as a `FinicityRequest`.
#[wasm_bindgen(js_name = finicityConnectUrlRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_connect_url_request(
    #[wasm_bindgen(unchecked_param_type = "ConnectUrlInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityConnectUrlRequest")?;
    let input = ConnectUrlInput {
        partner_id: args.str("/partnerId"),
        customer_id: args.str("/customerId"),
        redirect_uri: args.opt_str("/redirectUri"),
        webhook: args.opt_str("/webhook"),
        webhook_content_type: args.opt_str("/webhookContentType"),
        experience: args.opt_str("/experience"),
        language: args.opt_str("/language"),
        single_use_url: args.opt_bool("/singleUseUrl"),
        is_web_view: args.opt_bool("/isWebView"),
        base_url: args.opt_str("/baseUrl"),
    };
    args.finish()?;
    let request = finicity::connect_url_post(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}
