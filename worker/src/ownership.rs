//! Who may act on what. A session names one Dwolla customer (its `sub`); every id a
//! request carries must belong to that customer before anything is sent upstream:
//!
//! - a Dwolla customer id in a path must be the session's customer;
//! - a Finicity customer must have been created through this worker by the session's
//!   customer (the worker records the owner of each Finicity customer it creates, and a
//!   Finicity customer without a record belongs to nobody);
//! - a Finicity account must be one of the owned Finicity customer's accounts;
//! - an exchange (by id or href) must be on the configured Dwolla base and listed
//!   among the session's customer's exchanges.
//!
//! These are the pure decisions; the edge module fetches the facts (the recorded
//! owner, the account list, the exchange list) and applies them.

use consent_exchange::ids::is_uuid;
use consent_exchange::Issue;
use serde_json::Value;

use crate::api_error::ApiError;

/// The one answer for a resource the session may not use: the same whether it belongs
/// to someone else or to nobody, so the answer reveals nothing about other customers.
pub fn forbidden(what: &str) -> ApiError {
    ApiError::forbidden(format!(
        "the {what} does not belong to the session's customer"
    ))
}

/// A Dwolla customer id from a path, which must be the session's customer.
pub fn require_session_customer(session_sub: &str, customer_id: &str) -> Result<(), ApiError> {
    if !is_uuid(customer_id) {
        return Err(ApiError::bad_request(
            "InvalidCustomerId",
            format!("customerId {customer_id:?} is not a UUID"),
        ));
    }
    if !session_sub.eq_ignore_ascii_case(customer_id) {
        return Err(ApiError::forbidden(
            "the session is bound to another Dwolla customer",
        ));
    }
    Ok(())
}

/// The normalized form of a Dwolla customer id as owners are recorded.
pub fn owner_key(dwolla_customer_id: &str) -> String {
    dwolla_customer_id.to_ascii_lowercase()
}

/// Whether the recorded owner of a Finicity customer (`None`: never created through
/// this worker) lets the session use it.
pub fn require_finicity_owner(recorded: Option<&str>, session_sub: &str) -> Result<(), ApiError> {
    match recorded {
        Some(owner) if owner.eq_ignore_ascii_case(session_sub) => Ok(()),
        _ => Err(forbidden("Finicity customer")),
    }
}

/// The account ids in a Finicity accounts answer (`{"accounts": [{"id": ...}]}`; ids as
/// strings or integers).
pub fn finicity_account_ids(answer: &Value) -> Vec<String> {
    answer
        .get("accounts")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|a| match a.get("id")? {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) if n.is_u64() => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Every requested account must be one of the owned customer's accounts.
pub fn require_accounts(owned: &[String], requested: &[String]) -> Result<(), ApiError> {
    if requested.iter().all(|id| owned.iter().any(|o| o == id)) {
        Ok(())
    } else {
        Err(forbidden("Finicity account"))
    }
}

/// The exchange id named by a funding-source request: `exchangeId` (a UUID), or
/// `exchangeHref`, which must be `<configured Dwolla base>/exchanges/<uuid>` exactly, so
/// that no request is ever built around a host or path the caller chose.
pub fn exchange_id_from_ref(
    dwolla_base: &str,
    exchange_id: Option<&str>,
    exchange_href: Option<&str>,
) -> Result<String, ApiError> {
    match (exchange_id, exchange_href) {
        (Some(_), Some(_)) => Err(ApiError::invalid_request(vec![Issue::error(
            "",
            "oneOf",
            "give `exchangeId` or `exchangeHref`, not both",
        )])),
        (Some(id), None) if is_uuid(id) => Ok(id.to_ascii_lowercase()),
        (Some(_), None) => Err(ApiError::invalid_request(vec![Issue::error(
            "/exchangeId",
            "format",
            "must be a UUID",
        )])),
        (None, Some(href)) => {
            let prefix = format!("{}/exchanges/", dwolla_base.trim_end_matches('/'));
            match href.strip_prefix(&prefix) {
                Some(id) if is_uuid(id) => Ok(id.to_ascii_lowercase()),
                _ => Err(ApiError::bad_request(
                    "InvalidExchangeHref",
                    format!("exchangeHref must be {prefix}<exchange id>"),
                )),
            }
        }
        (None, None) => Err(ApiError::invalid_request(vec![Issue::error(
            "",
            "required",
            "give `exchangeId` or `exchangeHref`",
        )])),
    }
}

/// Whether a Dwolla exchange list (`GET /customers/{id}/exchanges`) holds `exchange_id`.
pub fn exchange_listed(list: &Value, exchange_id: &str) -> bool {
    list.pointer("/_embedded/exchanges")
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items.iter().any(|e| {
                e.get("id")
                    .and_then(Value::as_str)
                    .is_some_and(|id| id.eq_ignore_ascii_case(exchange_id))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "0b6c2f0e-8c8a-4b7e-9f43-6f1d2f0f7a11";
    const B: &str = "9d5e3a1c-1111-4a2b-8c3d-222222222222";

    #[test]
    fn path_customer_must_be_the_session_customer() {
        assert!(require_session_customer(A, &A.to_uppercase()).is_ok());
        let e = require_session_customer(A, B).unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (403, "Forbidden"));
        let e = require_session_customer(A, "not-a-uuid").unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidCustomerId"));
    }

    #[test]
    fn finicity_customers_belong_to_their_recorded_owner_only() {
        assert!(require_finicity_owner(Some(&owner_key(A)), A).is_ok());
        for recorded in [Some(B), None] {
            let e = require_finicity_owner(recorded, A).unwrap_err();
            assert_eq!((e.status, e.code.as_str()), (403, "Forbidden"));
        }
        // Unknown and foreign give the same answer.
        assert_eq!(
            require_finicity_owner(None, A).unwrap_err(),
            require_finicity_owner(Some(B), A).unwrap_err()
        );
    }

    #[test]
    fn accounts_must_all_be_listed() {
        let answer = json!({"accounts": [{"id": "111"}, {"id": 222}, {"name": "no id"}]});
        let owned = finicity_account_ids(&answer);
        assert_eq!(owned, ["111", "222"]);
        assert!(require_accounts(&owned, &["222".into(), "111".into()]).is_ok());
        let e = require_accounts(&owned, &["111".into(), "333".into()]).unwrap_err();
        assert_eq!(e.status, 403);
        assert!(finicity_account_ids(&json!({})).is_empty());
    }

    #[test]
    fn exchange_refs_must_be_on_the_configured_base() {
        let base = "https://api-sandbox.dwolla.com";
        let href = format!("{base}/exchanges/{A}");
        assert_eq!(exchange_id_from_ref(base, None, Some(&href)).unwrap(), A);
        assert_eq!(exchange_id_from_ref(base, Some(A), None).unwrap(), A);
        for bad in [
            format!("https://evil.example/exchanges/{A}"),
            format!("{base}.evil.example/exchanges/{A}"),
            format!("{base}/exchanges/{A}/x"),
            format!("{base}/funding-sources/{A}"),
            format!("{base}/exchanges/{A}?x=1"),
            format!("http://api-sandbox.dwolla.com/exchanges/{A}"),
        ] {
            let e = exchange_id_from_ref(base, None, Some(&bad)).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (400, "InvalidExchangeHref"),
                "{bad}"
            );
        }
        assert_eq!(
            exchange_id_from_ref(base, Some("x"), None)
                .unwrap_err()
                .issues[0]
                .path,
            "/exchangeId"
        );
        assert_eq!(
            exchange_id_from_ref(base, None, None).unwrap_err().status,
            400
        );
        assert_eq!(
            exchange_id_from_ref(base, Some(A), Some(&href))
                .unwrap_err()
                .status,
            400
        );
    }

    #[test]
    fn exchange_lists_decide_exchange_ownership() {
        let list = json!({"_embedded": {"exchanges": [{"id": A}]}});
        assert!(exchange_listed(&list, &A.to_uppercase()));
        assert!(!exchange_listed(&list, B));
        assert!(!exchange_listed(&json!({}), A));
    }
}
