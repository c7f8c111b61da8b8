//! Reading a Finicity customer's accounts (which one to share is the customer's choice).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{base, FinicityError, FinicityRequest, Problems, JSON};
use crate::message::message;
use crate::request::Method;

/// Input of [`customer_accounts_request`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerAccountsInput {
    /// The Finicity customer (digits).
    pub customer_id: String,
    /// Overrides `https://api.finicity.com` (e.g. a local sandbox).
    #[serde(default)]
    pub base_url: Option<String>,
}

/// Builds `GET /aggregation/v1/customers/{customerId}/accounts` (Mastercard's
/// `GetCustomerAccounts`): every account the customer linked through Connect, with the
/// ids an access key shares. The id must be digits, so it can never change the path.
pub fn customer_accounts_request(
    input: &CustomerAccountsInput,
) -> Result<FinicityRequest, FinicityError> {
    let base = base(input.base_url.as_deref())?;
    let mut problems = Problems::default();
    problems.digits("/customerId", &input.customer_id);
    problems.finish(())?;
    let mut headers = BTreeMap::new();
    headers.insert("Accept".to_owned(), JSON.to_owned());
    Ok(FinicityRequest {
        method: Method::Get,
        url: message!(
            "{}/aggregation/v1/customers/{}/accounts",
            base,
            input.customer_id
        ),
        headers,
        body: None,
    })
}
