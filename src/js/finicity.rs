//! JS boundary of `crate::finicity`: Finicity requests without secret headers.

use wasm_bindgen::prelude::*;

use super::decl::{js_input, In, ReadObject};
use super::js_error;
use super::json::{output, Args};
use crate::finicity::{
    self, AccessKeyInput, AuthenticationInput, ConnectUrlInput, PartnerSecret,
    RevokeAccessKeyInput, TestingCustomerInput,
};
use crate::request::Method;

/// The partner secret member: a string, kept in a [`PartnerSecret`].
pub(crate) struct Secret;

impl In for Secret {
    type Value = PartnerSecret;
    const TS: &'static str = "string";
    fn read(args: &mut Args, path: &str) -> PartnerSecret {
        PartnerSecret::new(args.str(path))
    }
}

/// The access a Finicity access key grants, as `finicityAccessKeyRequest` and
/// `finicityUpdateAccessKeyRequest` take it (a member group for `js_input!`).
macro_rules! finicity_access {
    ($head:tt [$($done:tt)*] $($rest:tt)*) => {
        $crate::js::decl::js_input! { @expand $head [$($done)*]
            /// The Finicity customer whose accounts are shared (digits).
            customerId: customer_id: String,
            /// Your Finicity partner id (digits).
            partnerId: partner_id: String,
            /// Who receives access (digits); Dwolla's `2445583946651` when absent.
            thirdPartyPartnerId: third_party_partner_id: Option<String>,
            /// The accounts to share (digits each); one product entry per account and product.
            accountIds: account_ids: Vec<String>,
            /// The products to grant; `["moneyTransferDetails"]` when absent.
            products: products: Option<Vec<String>>,
            /// When access starts (RFC 3339 date-time); `now` when absent.
            startTime: start_time: Option<String>,
            /// When access ends (RFC 3339 date-time). Give this or `durationDays`, not both.
            endTime: end_time: Option<String>,
            /// Days of access from `startTime`; 365 when neither this nor `endTime` is given.
            durationDays: duration_days: Option<u32>,
            /// The partner billed for the third party's calls (digits).
            payorId: payor_id: Option<String>,
            /// The most calls the third party may make per product.
            maxCalls: max_calls: Option<u32>,
            /// The current instant (RFC 3339); the current time when absent.
            now: now: Option<String>,
            /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
            baseUrl: base_url: Option<String>,
            $($rest)*
        }
    };
}

js_input! {
    /// Input of `finicityAccessKeyRequest`.
    AccessKeyInput = AccessKeyInput {
        ..finicity_access,
    }
}

js_input! {
    /// Input of `finicityAuthenticationRequest`.
    AuthenticationInput = AuthenticationInput {
        /// Your Finicity partner id (digits).
        partnerId: partner_id: String,
        /// Your partner secret. Keep it server-side.
        partnerSecret: partner_secret: Secret,
        /// Overrides `https://api.finicity.com`.
        baseUrl: base_url: Option<String>,
    }
}

js_input! {
    /// Input of `finicityTestingCustomerRequest`: Finicity's `NewCustomer`.
    TestingCustomerInput = TestingCustomerInput {
        /// Unique username: 6 to 255 of letters, digits and `! @ . # $ % & * _ - +`.
        username: username: String,
        /// First name.
        firstName: first_name: Option<String>,
        /// Last name.
        lastName: last_name: Option<String>,
        /// The registered application the customer belongs to.
        applicationId: application_id: Option<String>,
        /// Phone number (at most 15 characters).
        phone: phone: Option<String>,
        /// Email address.
        email: email: Option<String>,
        /// Overrides `https://api.finicity.com`.
        baseUrl: base_url: Option<String>,
    }
}

js_input! {
    /// Input of `finicityConnectUrlRequest`: the commonly used part of Finicity's
    /// `ConnectParameters`.
    ConnectUrlInput = ConnectUrlInput {
        /// Your Finicity partner id (digits).
        partnerId: partner_id: String,
        /// The Finicity customer (digits).
        customerId: customer_id: String,
        /// Where Data Connect sends the customer when done (http(s)).
        redirectUri: redirect_uri: Option<String>,
        /// Where Finicity posts Connect events (http(s)).
        webhook: webhook: Option<String>,
        /// `application/json` (Finicity's default) or `application/xml`.
        webhookContentType: webhook_content_type: Option<String>,
        /// An experience id, or `default`.
        experience: experience: Option<String>,
        /// `es` or `fr`; English when absent.
        language: language: Option<String>,
        /// Whether the link expires after one completed session.
        singleUseUrl: single_use_url: Option<bool>,
        /// Whether Data Connect runs in a WebView (then `redirectUri` is required).
        isWebView: is_web_view: Option<bool>,
        /// Overrides `https://api.finicity.com`.
        baseUrl: base_url: Option<String>,
    }
}

/// `POST /aggregation/v1/partners/accessKey` as a `FinicityRequest`; `now` defaults to
/// the current time.
#[wasm_bindgen(js_name = finicityAccessKeyRequest, unchecked_return_type = "FinicityRequest")]
pub fn finicity_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "AccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityAccessKeyRequest")?;
    let mut input = AccessKeyInput::read_members(&mut args);
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
    let input = AuthenticationInput::read_members(&mut args);
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
    let input = TestingCustomerInput::read_members(&mut args);
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
    let input = ConnectUrlInput::read_members(&mut args);
    args.finish()?;
    let request = finicity::connect_url_post(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

js_input! {
    /// Input of `finicityRevokeAccessKeyRequest`.
    RevokeAccessKeyInput = RevokeAccessKeyInput {
        /// The consent receipt to revoke (`receiptId`, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`).
        receiptId: receipt_id: String,
        /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
        baseUrl: base_url: Option<String>,
    }
}

/// Input of `finicityUpdateAccessKeyRequest`: the receipt and the members of
/// `AccessKeyInput`.
pub(crate) struct UpdateInput {
    receipt_id: String,
    customer_id: String,
    partner_id: String,
    third_party_partner_id: Option<String>,
    account_ids: Vec<String>,
    products: Option<Vec<String>>,
    start_time: Option<String>,
    end_time: Option<String>,
    duration_days: Option<u32>,
    payor_id: Option<String>,
    max_calls: Option<u32>,
    now: Option<String>,
    base_url: Option<String>,
}

js_input! {
    /// Input of `finicityUpdateAccessKeyRequest`: the receipt to update and the new
    /// access, as `finicityAccessKeyRequest` takes it.
    UpdateAccessKeyInput = UpdateInput {
        /// The consent receipt to renew (`receiptId`).
        receiptId: receipt_id: String,
        ..finicity_access,
    }
}

/// `DELETE /aggregation/v1/partners/accessKey/{receiptId}` as a `FinicityRevokeRequest`
/// (a `FinicityRequest` whose `body` is `null`).
#[wasm_bindgen(js_name = finicityRevokeAccessKeyRequest, unchecked_return_type = "FinicityRevokeRequest")]
pub fn finicity_revoke_access_key_request(
    #[wasm_bindgen(unchecked_param_type = "RevokeAccessKeyInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "finicityRevokeAccessKeyRequest")?;
    let input = RevokeAccessKeyInput::read_members(&mut args);
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
    let UpdateInput {
        receipt_id,
        customer_id,
        partner_id,
        third_party_partner_id,
        account_ids,
        products,
        start_time,
        end_time,
        duration_days,
        payor_id,
        max_calls,
        now,
        base_url,
    } = UpdateInput::read_members(&mut args);
    args.finish()?;
    let input = AccessKeyInput {
        customer_id,
        partner_id,
        third_party_partner_id,
        account_ids,
        products,
        start_time,
        end_time,
        duration_days,
        payor_id,
        max_calls,
        now: now.or_else(|| js_sys::Date::new_0().to_iso_string().as_string()),
        base_url,
    };
    let (url, body) = finicity::update_parts(&receipt_id, &input).map_err(|e| js_error(&e))?;
    output(&finicity::request_text(Method::Put, &url, Some(&body)))
}
