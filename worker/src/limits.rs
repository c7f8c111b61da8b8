//! Bounds on every request body, checked right after parsing and before anything is
//! built or sent: list lengths (no request may fan out into a large upstream request),
//! string lengths, and ranges. The same numbers are published in the OpenAPI document
//! (`maxItems`, `maxLength`, `maximum`). The whole body is already limited to 64 KB.

use std::collections::HashSet;

use consent_exchange::Issue;

use crate::api_error::ApiError;
use crate::api_types::{
    ConnectUrlBody, ConsentReceiptBody, CreateExchangeBody, DemoCustomerBody, ExchangeSessionBody,
    FinicityCustomerBody, FundingSourceBody, LinkBankBody, ReauthBody,
};

/// Most account ids in one consent receipt request.
pub const MAX_ACCOUNT_IDS: usize = 20;
/// Most products in one consent receipt request.
pub const MAX_PRODUCTS: usize = 8;
/// Longest product name.
pub const MAX_PRODUCT_LEN: usize = 64;
/// Longest consent, in days (Dwolla's default consent lasts a year).
pub const MAX_DURATION_DAYS: u32 = 365;
/// Longest given or family name (Dwolla's limit).
pub const MAX_PERSON_NAME_LEN: usize = 50;
/// Longest e-mail address (RFC 5321).
pub const MAX_EMAIL_LEN: usize = 254;
/// Longest Finicity testing-customer user name.
pub const MAX_USERNAME_LEN: usize = 64;
/// Longest partner name.
pub const MAX_PARTNER_NAME_LEN: usize = 64;
/// Longest provider token (Plaid, MX, Flinks, Checkout.com tokens are far shorter).
pub const MAX_TOKEN_LEN: usize = 4096;
/// Longest redirect target.
pub const MAX_REDIRECT_LEN: usize = crate::redirect::MAX_REDIRECT_LEN;
/// Longest funding-source name (Dwolla's limit, checked by the library too).
pub const MAX_FUNDING_SOURCE_NAME_LEN: usize = 50;
/// Longest `platform` value.
const MAX_ENUM_LEN: usize = 16;

#[derive(Default)]
struct Checks(Vec<Issue>);

impl Checks {
    fn text(&mut self, path: &str, value: Option<&str>, max: usize) {
        if let Some(v) = value {
            if v.chars().count() > max {
                self.0.push(Issue::error(
                    path,
                    "maxLength",
                    format!("must be at most {max} characters"),
                ));
            }
        }
    }

    fn list(&mut self, path: &str, items: &[String], max: usize, item_max: usize) {
        if items.is_empty() {
            self.0
                .push(Issue::error(path, "minItems", "must not be empty"));
        }
        if items.len() > max {
            self.0.push(Issue::error(
                path,
                "maxItems",
                format!("must have at most {max} items"),
            ));
            // Nothing more is looked at in an oversized list.
            return;
        }
        let mut seen = HashSet::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}/{i}");
            self.text(&at, Some(item), item_max);
            if !seen.insert(item.as_str()) {
                self.0
                    .push(Issue::error(at, "uniqueItems", "repeats an earlier item"));
            }
        }
    }

    fn duration(&mut self, value: Option<u32>) {
        if let Some(d) = value {
            if !(1..=MAX_DURATION_DAYS).contains(&d) {
                self.0.push(Issue::error(
                    "/durationDays",
                    "range",
                    format!("must be from 1 to {MAX_DURATION_DAYS}"),
                ));
            }
        }
    }

    fn done(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid_request(self.0))
        }
    }
}

/// A request body with bounds.
pub trait Bounded {
    /// `Ok`, or a 400 `InvalidRequest` listing every bound the body breaks.
    fn check_bounds(&self) -> Result<(), ApiError>;
}

impl Bounded for DemoCustomerBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text("/firstName", Some(&self.first_name), MAX_PERSON_NAME_LEN);
        c.text("/lastName", Some(&self.last_name), MAX_PERSON_NAME_LEN);
        c.text("/email", Some(&self.email), MAX_EMAIL_LEN);
        c.done()
    }
}

impl Bounded for FinicityCustomerBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text("/username", self.username.as_deref(), MAX_USERNAME_LEN);
        c.text(
            "/firstName",
            self.first_name.as_deref(),
            MAX_PERSON_NAME_LEN,
        );
        c.text("/lastName", self.last_name.as_deref(), MAX_PERSON_NAME_LEN);
        c.done()
    }
}

impl Bounded for ConnectUrlBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text(
            "/redirectUri",
            self.redirect_uri.as_deref(),
            MAX_REDIRECT_LEN,
        );
        c.done()
    }
}

impl Bounded for ConsentReceiptBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.list("/accountIds", &self.account_ids, MAX_ACCOUNT_IDS, 32);
        if let Some(products) = &self.products {
            c.list("/products", products, MAX_PRODUCTS, MAX_PRODUCT_LEN);
        }
        c.duration(self.duration_days);
        c.done()
    }
}

impl Bounded for CreateExchangeBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text(
            "/partnerName",
            self.partner_name.as_deref(),
            MAX_PARTNER_NAME_LEN,
        );
        c.text("/token", self.token.as_deref(), MAX_TOKEN_LEN);
        c.text(
            "/availableConnectionToken",
            self.available_connection_token.as_deref(),
            MAX_TOKEN_LEN,
        );
        c.text("/publicToken", self.public_token.as_deref(), MAX_TOKEN_LEN);
        c.done()
    }
}

impl Bounded for ExchangeSessionBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text(
            "/partnerName",
            Some(&self.partner_name),
            MAX_PARTNER_NAME_LEN,
        );
        c.text("/platform", self.platform.as_deref(), MAX_ENUM_LEN);
        c.text(
            "/redirectUrl",
            self.redirect_url.as_deref(),
            MAX_REDIRECT_LEN,
        );
        c.done()
    }
}

impl Bounded for ReauthBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text("/platform", self.platform.as_deref(), MAX_ENUM_LEN);
        c.text(
            "/redirectUrl",
            self.redirect_url.as_deref(),
            MAX_REDIRECT_LEN,
        );
        c.done()
    }
}

impl Bounded for FundingSourceBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text("/exchangeId", self.exchange_id.as_deref(), 36);
        c.text(
            "/exchangeHref",
            self.exchange_href.as_deref(),
            MAX_REDIRECT_LEN,
        );
        c.text("/name", Some(&self.name), MAX_FUNDING_SOURCE_NAME_LEN);
        c.text(
            "/bankAccountType",
            Some(&self.bank_account_type),
            MAX_ENUM_LEN,
        );
        c.done()
    }
}

impl Bounded for LinkBankBody {
    fn check_bounds(&self) -> Result<(), ApiError> {
        let mut c = Checks::default();
        c.text("/name", Some(&self.name), MAX_FUNDING_SOURCE_NAME_LEN);
        c.text(
            "/bankAccountType",
            Some(&self.bank_account_type),
            MAX_ENUM_LEN,
        );
        c.duration(self.duration_days);
        c.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt_body(n: usize) -> ConsentReceiptBody {
        ConsentReceiptBody {
            customer_id: "1".into(),
            account_ids: (0..n).map(|i| format!("{}", 1_000_000 + i)).collect(),
            products: None,
            duration_days: None,
        }
    }

    fn paths(e: &ApiError) -> Vec<(&str, &str)> {
        e.issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect()
    }

    #[test]
    fn account_lists_are_capped_without_looking_further() {
        assert!(receipt_body(MAX_ACCOUNT_IDS).check_bounds().is_ok());
        let e = receipt_body(7000).check_bounds().unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (400, "InvalidRequest"));
        assert_eq!(paths(&e), [("/accountIds", "maxItems")]);
        assert_eq!(
            paths(&receipt_body(0).check_bounds().unwrap_err()),
            [("/accountIds", "minItems")]
        );
    }

    #[test]
    fn duplicates_products_and_durations_are_refused() {
        let mut b = receipt_body(2);
        b.account_ids[1] = b.account_ids[0].clone();
        b.products = Some(vec!["x".repeat(MAX_PRODUCT_LEN + 1); MAX_PRODUCTS + 1]);
        b.duration_days = Some(36_500);
        let e = b.check_bounds().unwrap_err();
        assert_eq!(
            paths(&e),
            [
                ("/accountIds/1", "uniqueItems"),
                ("/products", "maxItems"),
                ("/durationDays", "range")
            ]
        );
        b.duration_days = Some(MAX_DURATION_DAYS);
        b.account_ids.pop();
        b.products = Some(vec!["moneyTransferDetails".into()]);
        assert!(b.check_bounds().is_ok());
    }

    #[test]
    fn strings_are_bounded_at_their_paths() {
        let long = "x".repeat(MAX_TOKEN_LEN + 1);
        let body = CreateExchangeBody {
            partner_name: Some("Plaid".into()),
            public_token: Some(long),
            ..CreateExchangeBody::default()
        };
        assert_eq!(
            paths(&body.check_bounds().unwrap_err()),
            [("/publicToken", "maxLength")]
        );
        let demo = DemoCustomerBody {
            first_name: "é".repeat(MAX_PERSON_NAME_LEN),
            last_name: "x".repeat(MAX_PERSON_NAME_LEN + 1),
            email: "a@b.c".into(),
        };
        assert_eq!(
            paths(&demo.check_bounds().unwrap_err()),
            [("/lastName", "maxLength")]
        );
        let link = LinkBankBody {
            finicity_customer_id: "1".into(),
            account_id: "2".into(),
            name: "Checking".into(),
            bank_account_type: "checking".into(),
            duration_days: Some(0),
        };
        assert_eq!(
            paths(&link.check_bounds().unwrap_err()),
            [("/durationDays", "range")]
        );
    }
}
