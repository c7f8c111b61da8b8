//! Bounds on every request body: list lengths (no request may fan out into a large
//! upstream request), string lengths, character sets, value lists and ranges. They are
//! declared once, on the wire types of `consent-exchange-api`, published in
//! `/openapi.json` and enforced from that same schema; the whole body is already
//! limited to 64 KB.

use serde::Serialize;

use consent_exchange_api::validate::{schema_name, validate_in};

use crate::api_error::ApiError;

pub use consent_exchange_api::limits::*;

/// A request body with bounds.
pub trait Bounded {
    /// `Ok`, or a 400 `InvalidRequest` listing every bound the body breaks.
    fn check_bounds(&self) -> Result<(), ApiError>;
}

/// A body read by [`crate::api_error::parse_body`] has passed its schema already; this
/// checks a value made or changed in code against the same schema.
impl<T: Serialize> Bounded for T {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let value = serde_json::to_value(self).map_err(|e| {
            ApiError::invalid_request(vec![consent_exchange::Issue::error(
                "",
                "type",
                e.to_string(),
            )])
        })?;
        let name = schema_name::<T>();
        let schema = crate::openapi::request_schema(name);
        let issues = validate_in(crate::openapi::schemas_for(name), &schema, &value);
        if issues.is_empty() {
            Ok(())
        } else {
            Err(issues.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api_types::{ConsentReceiptRequest, LinkBankRequest};

    fn paths(e: &ApiError) -> Vec<(&str, &str)> {
        e.issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect()
    }

    #[test]
    fn values_made_in_code_are_held_to_the_schema() {
        let mut b = ConsentReceiptRequest {
            customer_id: "1".into(),
            account_ids: (0..=MAX_ACCOUNT_IDS).map(|i| format!("{i}")).collect(),
            products: None,
            duration_days: Some(MAX_DURATION_DAYS),
        };
        let e = b.check_bounds().unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidRequest"));
        assert_eq!(paths(&e), [("/accountIds", "maxItems")]);
        b.account_ids.truncate(2);
        assert!(b.check_bounds().is_ok());
        let link = LinkBankRequest {
            finicity_customer_id: "1".into(),
            account_id: "2".into(),
            name: "Checking".into(),
            bank_account_type: "checking".into(),
            duration_days: Some(0),
        };
        assert_eq!(
            paths(&link.check_bounds().unwrap_err()),
            [("/durationDays", "minimum")]
        );
    }
}
