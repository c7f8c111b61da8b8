//! The JSON bodies the API accepts: the wire types of `consent-exchange-api`. Their
//! schemas (published in `/openapi.json`) are what [`crate::api_error::parse_body`]
//! checks every body against.

use consent_exchange::Issue;

use crate::api_error::ApiError;

pub use consent_exchange_api::reply::SessionOpen;
pub use consent_exchange_api::request::{
    receipt_text, ConnectUrlRequest, ConsentReceiptRequest, CreateExchangeRequest,
    DemoCustomerRequest, ExchangeKind, ExchangeSessionRequest, FinicityCustomerRequest,
    FundingSourceRequest, LinkBankRequest, ReauthRequest, SessionRequest,
};

/// Whether `s` is a non-empty string of ASCII digits (a Finicity id).
pub fn is_digits(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= consent_exchange_api::limits::MAX_FINICITY_ID_LEN
        && s.bytes().all(|b| b.is_ascii_digit())
}

/// A 400 `InvalidRequest` unless `value` (at `path`) is a Finicity id.
pub fn require_digits(path: &str, value: &str) -> Result<(), ApiError> {
    if is_digits(value) {
        Ok(())
    } else {
        Err(ApiError::invalid_request(vec![Issue::error(
            path,
            "format",
            "must be a string of digits (a Finicity id)",
        )]))
    }
}

/// What the browser opens, as the wire type, from the library's reading of an exchange
/// session.
pub fn session_open(launch: consent_exchange::session::SessionLaunch) -> SessionOpen {
    use consent_exchange::session::SessionLaunch;
    match launch {
        SessionLaunch::Redirect { url } => SessionOpen::Redirect { url },
        SessionLaunch::PlaidLink { link_token } => SessionOpen::PlaidLink { link_token },
        SessionLaunch::Checkout { session } => SessionOpen::Checkout { session },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use consent_exchange::session::SessionLaunch;

    #[test]
    fn session_launches_keep_their_wire_shape() {
        for launch in [
            SessionLaunch::Redirect {
                url: "https://example.com/x".into(),
            },
            SessionLaunch::PlaidLink {
                link_token: "link-sandbox-1".into(),
            },
            SessionLaunch::Checkout {
                session: serde_json::json!({"id": "ps_1", "nested": [1, 2]}),
            },
        ] {
            let library = serde_json::to_value(&launch).unwrap();
            assert_eq!(serde_json::to_value(session_open(launch)).unwrap(), library);
        }
    }
}
