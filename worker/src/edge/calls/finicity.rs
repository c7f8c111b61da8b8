//! Finicity requests with this worker's configuration (the library's builders where it
//! has one), their conversion into a [`Call`], and the consent-receipt operation that
//! the receipt route and the link-bank flow share.

use consent_exchange::finicity::{self as fin, FinicityRequest};
use consent_exchange_api::reply::ConsentReceipt;

use crate::api_error::ApiError;
use crate::api_types::{ConnectUrlRequest, FinicityCustomerRequest};
use crate::config::Config;
use crate::ownership;
use crate::retry::Idempotence;

use super::super::upstream::{now_ms, Call};
use super::{library, upstream_invalid, Calls};

/// A Finicity request as the executor sends it (credentials are added there).
pub fn call(req: &FinicityRequest) -> Call {
    let idempotence = match req.method {
        // Reading and revoking may be repeated: a second revocation changes nothing.
        consent_exchange::Method::Get | consent_exchange::Method::Delete => Idempotence::Safe,
        _ => Idempotence::Unsafe,
    };
    Call {
        method: req.method,
        url: req.url.clone(),
        headers: req
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        body: req.body.clone(),
        idempotence,
    }
}

/// The partner-authentication call, with the app key added.
pub fn authentication_call(cfg: &Config) -> Result<Call, ApiError> {
    let req = fin::authentication_request(&fin::AuthenticationInput {
        partner_id: cfg.finicity_partner_id.expose().to_owned(),
        partner_secret: fin::PartnerSecret::new(cfg.finicity_partner_secret.expose()),
        base_url: Some(cfg.finicity_base_url.clone()),
    })
    .map_err(library)?;
    Ok(call(&req).with_header("Finicity-App-Key", cfg.finicity_app_key.expose()))
}

/// Creates a testing customer (a user name is generated when none is given).
pub fn testing_customer(
    cfg: &Config,
    input: &FinicityCustomerRequest,
) -> Result<FinicityRequest, ApiError> {
    let username = input
        .username
        .clone()
        .unwrap_or_else(|| format!("customer-{}", now_ms()));
    fin::testing_customer_request(&fin::TestingCustomerInput {
        username,
        first_name: input.first_name.clone(),
        last_name: input.last_name.clone(),
        base_url: Some(cfg.finicity_base_url.clone()),
        ..fin::TestingCustomerInput::default()
    })
    .map_err(library)
}

/// Asks for a Connect link.
pub fn connect(cfg: &Config, input: &ConnectUrlRequest) -> Result<FinicityRequest, ApiError> {
    fin::connect_url_request(&fin::ConnectUrlInput {
        partner_id: cfg.finicity_partner_id.expose().to_owned(),
        customer_id: input.customer_id.clone(),
        redirect_uri: input.redirect_uri.clone(),
        base_url: Some(cfg.finicity_base_url.clone()),
        ..fin::ConnectUrlInput::default()
    })
    .map_err(library)
}

/// `DELETE /aggregation/v1/partners/accessKey/{receiptId}`: revokes a consent receipt
/// (the library refuses an id that is not a plain receipt id, so it cannot change the
/// path).
pub fn revoke_request(cfg: &Config, receipt_id: &str) -> Result<FinicityRequest, ApiError> {
    fin::revoke_access_key_request(&fin::RevokeAccessKeyInput {
        receipt_id: receipt_id.to_owned(),
        base_url: Some(cfg.finicity_base_url.clone()),
    })
    .map_err(library)
}

/// `GET /aggregation/v1/customers/{id}/accounts` (the id must be digits).
pub fn accounts_request(cfg: &Config, customer_id: &str) -> Result<FinicityRequest, ApiError> {
    fin::customer_accounts_request(&fin::CustomerAccountsInput {
        customer_id: customer_id.to_owned(),
        base_url: Some(cfg.finicity_base_url.clone()),
    })
    .map_err(library)
}

/// What a consent receipt is asked for with.
pub struct ReceiptAsk {
    /// The Finicity customer (digits), whose ownership the caller checked.
    pub customer_id: String,
    /// The accounts the consent covers.
    pub account_ids: Vec<String>,
    /// Products to consent to (the library's default when absent).
    pub products: Option<Vec<String>>,
    /// How long the consent lasts, in days.
    pub duration_days: Option<u32>,
}

/// Asks Finicity for a consent receipt; returns the receipt and its proof. The
/// Finicity customer's ownership is checked by the caller; here every account must be
/// one of that customer's accounts before the receipt is asked for.
pub async fn consent_receipt(
    calls: Calls<'_>,
    ask: ReceiptAsk,
) -> Result<ConsentReceipt, ApiError> {
    let cfg = calls.cfg();
    let listed = calls
        .finicity(&accounts_request(cfg, &ask.customer_id)?)
        .await?;
    ownership::require_accounts(&ownership::finicity_account_ids(&listed), &ask.account_ids)?;
    let input = fin::AccessKeyInput {
        customer_id: ask.customer_id,
        partner_id: cfg.finicity_partner_id.expose().to_owned(),
        account_ids: ask.account_ids,
        products: ask.products,
        duration_days: ask.duration_days,
        now: Some(calls.now().to_string()),
        base_url: Some(cfg.finicity_base_url.clone()),
        ..fin::AccessKeyInput::default()
    };
    let req = fin::access_key_request(&input).map_err(library)?;
    let answer = calls.finicity(&req).await?;
    let entry = answer
        .pointer("/data/0")
        .filter(|e| e.get("receipt").is_some())
        .cloned()
        .ok_or_else(|| upstream_invalid("Finicity's accessKey answer holds no receipt"))?;
    Ok(ConsentReceipt {
        receipt: entry.get("receipt").cloned().unwrap_or_default(),
        proof: entry.get("proof").cloned().unwrap_or_default(),
    })
}
