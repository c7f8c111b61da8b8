//! The third-party access key (the consent receipt Dwolla's Finicity exchange needs):
//! creating one, updating it and revoking it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{
    base, FinicityError, FinicityPost, FinicityRequest, Problems, DEFAULT_ACCESS_DAYS,
    DWOLLA_THIRD_PARTY_PARTNER_ID, JSON,
};
use crate::issue::pointer_push;
use crate::json::ObjectWriter;
use crate::message::{message, to_text};
use crate::receipt::{Timestamp, KNOWN_PRODUCTS, MONEY_TRANSFER_DETAILS};
use crate::request::Method;

/// Input of [`access_key_request`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeyInput {
    /// The Finicity customer whose accounts are shared (digits).
    pub customer_id: String,
    /// Your Finicity partner id (digits).
    pub partner_id: String,
    /// Who receives access (digits); Dwolla's `2445583946651` when absent.
    #[serde(default)]
    pub third_party_partner_id: Option<String>,
    /// The accounts to share (digits each); one product entry per account and product.
    pub account_ids: Vec<String>,
    /// The products to grant; `["moneyTransferDetails"]` when absent.
    #[serde(default)]
    pub products: Option<Vec<String>>,
    /// When access starts (RFC 3339 date-time); `now` when absent.
    #[serde(default)]
    pub start_time: Option<String>,
    /// When access ends (RFC 3339 date-time). Give this or `durationDays`, not both.
    #[serde(default)]
    pub end_time: Option<String>,
    /// Days of access from `startTime`; 365 when neither this nor `endTime` is given.
    #[serde(default)]
    pub duration_days: Option<u32>,
    /// The partner billed for the third party's calls (digits).
    #[serde(default)]
    pub payor_id: Option<String>,
    /// The most calls the third party may make per product.
    #[serde(default)]
    pub max_calls: Option<u32>,
    /// The current instant (RFC 3339); in JS the current time when absent.
    #[serde(default)]
    pub now: Option<String>,
    /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
}

/// A date-time with an offset (Finicity's `DateTimeWithZone`; a bare date is refused).
fn date_time(problems: &mut Problems, path: &str, text: &str) -> Option<Timestamp> {
    match Timestamp::parse(text) {
        Ok(ts) if !Timestamp::is_date_only(text) => Some(ts),
        Ok(_) => {
            problems.add(
                path,
                "format",
                "must be a date-time with an offset, not a date",
            );
            None
        }
        Err(e) => {
            problems.add(path, "format", to_text(&e));
            None
        }
    }
}

/// Builds `POST /aggregation/v1/partners/accessKey`: one product entry per account and
/// product, each with a `timeframe` access period. Every problem is reported at once.
pub fn access_key_request(input: &AccessKeyInput) -> Result<FinicityRequest, FinicityError> {
    access_key_post(input).map(FinicityPost::into_request)
}

/// [`access_key_request`] before its header map (see [`FinicityPost`]).
pub(crate) fn access_key_post(input: &AccessKeyInput) -> Result<FinicityPost, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    problems.digits("/customerId", &input.customer_id);
    problems.digits("/partnerId", &input.partner_id);
    let third_party = input
        .third_party_partner_id
        .as_deref()
        .unwrap_or(DWOLLA_THIRD_PARTY_PARTNER_ID);
    problems.digits("/thirdPartyPartnerId", third_party);
    if let Some(payor) = &input.payor_id {
        problems.digits("/payorId", payor);
    }
    if input.account_ids.is_empty() {
        problems.add(
            "/accountIds",
            "empty",
            "at least one account id is required",
        );
    }
    for (i, id) in input.account_ids.iter().enumerate() {
        problems.digits(&message!("/accountIds/{}", i), id);
        if input
            .account_ids
            .get(..i)
            .is_some_and(|before| before.contains(id))
        {
            problems.add(&message!("/accountIds/{}", i), "duplicate", "listed twice");
        }
    }
    let default_products = [MONEY_TRANSFER_DETAILS.to_owned()];
    let products = input.products.as_deref().unwrap_or(&default_products);
    if products.is_empty() {
        problems.add("/products", "empty", "at least one product is required");
    }
    for (i, product) in products.iter().enumerate() {
        let path = pointer_push("/products", &to_text(&i));
        if !KNOWN_PRODUCTS.contains(&product.as_str()) {
            problems.add(
                &path,
                "unknownProduct",
                message!(
                    "must be one of {}",
                    crate::json::comma_list(&KNOWN_PRODUCTS)
                ),
            );
        } else if products
            .get(..i)
            .is_some_and(|before| before.contains(product))
        {
            problems.add(&path, "duplicate", "listed twice");
        }
    }
    if input.max_calls == Some(0) {
        problems.add("/maxCalls", "format", "must be at least 1");
    }

    let now = input
        .now
        .as_deref()
        .and_then(|n| date_time(&mut problems, "/now", n));
    let (start_text, start) = match (&input.start_time, now) {
        (Some(text), _) => (text.clone(), date_time(&mut problems, "/startTime", text)),
        (None, Some(now)) => (now.to_rfc3339(), Some(now)),
        (None, None) => {
            problems.add("/startTime", "required", "give startTime or now");
            (String::new(), None)
        }
    };
    let end_text = match (&input.end_time, input.duration_days) {
        (Some(_), Some(_)) => {
            problems.add(
                "/durationDays",
                "conflict",
                "give endTime or durationDays, not both",
            );
            String::new()
        }
        (Some(text), None) => {
            let end = date_time(&mut problems, "/endTime", text);
            if let (Some(start), Some(end)) = (start, end) {
                if end <= start {
                    problems.add("/endTime", "periodOrder", "must be after startTime");
                }
            }
            text.clone()
        }
        (None, days) => {
            let days = days.unwrap_or(DEFAULT_ACCESS_DAYS);
            if days == 0 {
                problems.add("/durationDays", "format", "must be at least 1");
            }
            start
                .map(|s| s.plus_seconds(i64::from(days) * 86_400).to_rfc3339())
                .unwrap_or_default()
        }
    };
    problems.finish(())?;
    let mut body = String::new();
    let mut object = ObjectWriter::new(&mut body);
    object
        .str("customerId", &input.customer_id)
        .str("partnerId", &input.partner_id)
        .str("thirdPartyPartnerId", third_party);
    let list = object.key("products");
    list.push('[');
    let mut first = true;
    for account in &input.account_ids {
        for product in products {
            if !first {
                list.push(',');
            }
            first = false;
            let mut item = ObjectWriter::new(list);
            item.str("product", product).str("accountId", account);
            ObjectWriter::new(item.key("accessPeriod"))
                .str("type", "timeframe")
                .str("startTime", &start_text)
                .str("endTime", &end_text)
                .end();
            item.some_str("payorId", input.payor_id.as_deref());
            if let Some(max) = input.max_calls {
                item.int("maxCalls", u64::from(max));
            }
            item.end();
        }
    }
    list.push(']');
    object.end();
    Ok(FinicityPost::new(
        &base,
        "/aggregation/v1/partners/accessKey",
        body,
    ))
}

/// Input of [`revoke_access_key_request`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokeAccessKeyInput {
    /// The consent receipt to revoke (`receiptId`, e.g. `cr_4N47ou7SlppuIxq0ZUtACh10vYcloY`).
    pub receipt_id: String,
    /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
}

/// Longest consent receipt id accepted (Finicity's are about 32 characters).
pub const MAX_RECEIPT_ID_LEN: usize = 128;

/// Whether `id` can be a consent receipt id: 1 to 128 letters, digits, `_` and `-`. It
/// goes into the URL path, so it can never name another path.
pub fn is_receipt_id(id: &str) -> bool {
    (1..=MAX_RECEIPT_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn receipt_id(problems: &mut Problems, id: &str) {
    if !is_receipt_id(id) {
        problems.add(
            "/receiptId",
            "format",
            "must be a consent receipt id (1 to 128 letters, digits, '_' and '-')",
        );
    }
}

/// Builds `DELETE /aggregation/v1/partners/accessKey/{receiptId}` (Mastercard's
/// `RevokeThirdPartyAccessKey`, answered `204`): the receipt stops granting access, and
/// Dwolla asks for re-authentication (`UpdateCredentials`) on the exchange made from it.
pub fn revoke_access_key_request(
    input: &RevokeAccessKeyInput,
) -> Result<FinicityRequest, FinicityError> {
    let url = revoke_url(input)?;
    let mut headers = BTreeMap::new();
    headers.insert("Accept".to_owned(), JSON.to_owned());
    Ok(FinicityRequest {
        method: Method::Delete,
        url,
        headers,
        body: None,
    })
}

/// The URL of [`revoke_access_key_request`], checked.
pub(crate) fn revoke_url(input: &RevokeAccessKeyInput) -> Result<String, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    receipt_id(&mut problems, &input.receipt_id);
    problems.finish(())?;
    Ok(message!(
        "{}/aggregation/v1/partners/accessKey/{}",
        base,
        input.receipt_id
    ))
}

/// Builds `PUT /aggregation/v1/partners/accessKey/{receiptId}` (Mastercard's
/// `UpdateThirdPartyAccessKey`): the same body as [`access_key_request`], checked the
/// same way, for the receipt `receipt_id`. Finicity answers with a new receipt.
pub fn update_access_key_request(
    receipt_id_text: &str,
    input: &AccessKeyInput,
) -> Result<FinicityRequest, FinicityError> {
    let (url, body) = update_parts(receipt_id_text, input)?;
    let mut request = FinicityPost { url, body }.into_request();
    request.method = Method::Put;
    Ok(request)
}

/// The URL and body of [`update_access_key_request`], every problem reported at once.
pub(crate) fn update_parts(
    receipt_id_text: &str,
    input: &AccessKeyInput,
) -> Result<(String, String), FinicityError> {
    let mut problems = Problems::default();
    receipt_id(&mut problems, receipt_id_text);
    let post = match access_key_post(input) {
        Ok(post) => Some(post),
        Err(FinicityError::InvalidRequest(issues)) => {
            problems.0.extend(issues);
            None
        }
        Err(e) => return Err(e),
    };
    problems.finish(())?;
    let Some(post) = post else {
        return Err(FinicityError::InvalidRequest(Vec::new()));
    };
    Ok((message!("{}/{}", post.url, receipt_id_text), post.body))
}
