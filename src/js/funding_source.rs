//! JS boundary of `crate::funding_source`.

use wasm_bindgen::prelude::*;

use super::decl::{js_enum, js_input, read_member_object, In, ReadObject};
use super::js_error;
use super::json::Args;
use super::types::{dwolla_post, dwolla_request};
use crate::funding_source::{
    self, AccountFundingSourceInput, BillingAddress, CardFundingSourceInput,
    ExchangeFundingSourceInput,
};

js_enum! {
    /// The kind of bank account behind an exchange.
    BankAccountType = crate::funding_source::BankAccountType { Checking = "checking", Savings = "savings" }
}

js_input! {
    /// Input of `fundingSourceFromExchange`.
    ExchangeFundingSourceInput = ExchangeFundingSourceInput {
        /// The Dwolla customer (a UUID).
        customerId: customer_id: String,
        /// The exchange's href (the `Location` of `POST .../exchanges`).
        exchangeHref: exchange_href: String,
        /// A nickname for the account, 1 to 50 characters.
        name: name: String,
        /// `checking` or `savings`.
        bankAccountType: bank_account_type: crate::funding_source::BankAccountType,
        /// An on-demand authorization's href, for accounts that will be debited later.
        onDemandAuthorizationHref: on_demand_authorization_href: Option<String>,
        ..dwolla_post,
    }
}

js_input! {
    /// The billing address of a debit card, as Dwolla's `cardDetails.billingAddress`.
    BillingAddress = BillingAddress {
        /// Street address, 1 to 50 characters.
        address1: address1: String,
        /// Second line, up to 100 characters.
        address2: address2: Option<String>,
        /// Third line, up to 100 characters.
        address3: address3: Option<String>,
        /// City, 1 to 50 characters.
        city: city: String,
        /// Two-letter state, province or region code (`TX`).
        stateProvinceRegion: state_province_region: String,
        /// Two-letter ISO 3166-1 country code (`US`).
        country: country: String,
        /// Postal or ZIP code.
        postalCode: postal_code: String,
    }
}

/// A required nested object: its members are read when it is one.
impl In for BillingAddress {
    type Value = BillingAddress;
    const TS: &'static str = "BillingAddress";
    fn read(args: &mut Args, path: &str) -> BillingAddress {
        read_member_object(args, path)
    }
}

js_input! {
    /// Input of `cardFundingSource`.
    CardFundingSourceInput = CardFundingSourceInput {
        /// The Dwolla customer (a UUID).
        customerId: customer_id: String,
        /// The card token from Checkout.com's tokenization (`src_...`).
        cardToken: card_token: String,
        /// A nickname for the card, 1 to 50 characters.
        name: name: String,
        /// The card's billing address.
        billingAddress: billing_address: BillingAddress,
        ..dwolla_post,
    }
}

/// `POST /customers/{id}/funding-sources` from an exchange, as a `DwollaRequest`.
#[wasm_bindgen(js_name = fundingSourceFromExchange, unchecked_return_type = "DwollaRequest")]
pub fn funding_source_from_exchange(
    #[wasm_bindgen(unchecked_param_type = "ExchangeFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "fundingSourceFromExchange")?;
    let input = ExchangeFundingSourceInput::read_members(&mut args);
    args.finish()?;
    let request = funding_source::funding_source_from_exchange(&input).map_err(|e| js_error(&e))?;
    dwolla_request(request)
}

/// `POST /customers/{id}/funding-sources` for a Checkout.com-tokenized debit card.
#[wasm_bindgen(js_name = cardFundingSource, unchecked_return_type = "DwollaRequest")]
pub fn card_funding_source(
    #[wasm_bindgen(unchecked_param_type = "CardFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "cardFundingSource")?;
    let input = CardFundingSourceInput::read_members(&mut args);
    args.finish()?;
    let request = funding_source::card_funding_source(&input).map_err(|e| js_error(&e))?;
    dwolla_request(request)
}

js_input! {
    /// Input of `accountFundingSourceFromExchange`: the account's own bank, verified
    /// through an exchange created with `POST /exchanges`.
    AccountFundingSourceInput = AccountFundingSourceInput {
        /// The account exchange's href (the `Location` of `POST /exchanges`).
        exchangeHref: exchange_href: String,
        /// A nickname for the account, 1 to 50 characters.
        name: name: String,
        /// `checking` or `savings`.
        bankAccountType: bank_account_type: crate::funding_source::BankAccountType,
        ..dwolla_post,
    }
}

/// The account-level `POST /funding-sources` from an exchange, as a `DwollaRequest`.
#[wasm_bindgen(js_name = accountFundingSourceFromExchange, unchecked_return_type = "DwollaRequest")]
pub fn account_funding_source_from_exchange(
    #[wasm_bindgen(unchecked_param_type = "AccountFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "accountFundingSourceFromExchange")?;
    let input = AccountFundingSourceInput::read_members(&mut args);
    args.finish()?;
    let request =
        funding_source::account_funding_source_from_exchange(&input).map_err(|e| js_error(&e))?;
    dwolla_request(request)
}
