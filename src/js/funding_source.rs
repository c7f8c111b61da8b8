//! JS boundary of `crate::funding_source`.

use wasm_bindgen::prelude::*;

use super::js_error;
use super::json::{output, Args};
use crate::funding_source::{
    self, BankAccountType, BillingAddress, CardFundingSourceInput, ExchangeFundingSourceInput,
};

/// `POST /customers/{id}/funding-sources` from an exchange, as a `DwollaRequest`.
#[wasm_bindgen(js_name = fundingSourceFromExchange, unchecked_return_type = "DwollaRequest")]
pub fn funding_source_from_exchange(
    #[wasm_bindgen(unchecked_param_type = "ExchangeFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "fundingSourceFromExchange")?;
    let customer_id = args.str("/customerId");
    let exchange_href = args.str("/exchangeHref");
    let name = args.str("/name");
    args.require("/bankAccountType");
    let bank_account_type = args.opt_choice("/bankAccountType", &["checking", "savings"]);
    let input = ExchangeFundingSourceInput {
        customer_id,
        exchange_href,
        name,
        bank_account_type: if bank_account_type == Some(1) {
            BankAccountType::Savings
        } else {
            BankAccountType::Checking
        },
        on_demand_authorization_href: args.opt_str("/onDemandAuthorizationHref"),
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    };
    args.finish()?;
    let request = funding_source::funding_source_from_exchange(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}

/// `POST /customers/{id}/funding-sources` for a Checkout.com-tokenized debit card.
#[wasm_bindgen(js_name = cardFundingSource, unchecked_return_type = "DwollaRequest")]
pub fn card_funding_source(
    #[wasm_bindgen(unchecked_param_type = "CardFundingSourceInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let mut args = Args::new(&input, "cardFundingSource")?;
    let customer_id = args.str("/customerId");
    let card_token = args.str("/cardToken");
    let name = args.str("/name");
    let billing_address = if !args.object("/billingAddress") {
        BillingAddress::default()
    } else {
        BillingAddress {
            address1: args.str("/billingAddress/address1"),
            address2: args.opt_str("/billingAddress/address2"),
            address3: args.opt_str("/billingAddress/address3"),
            city: args.str("/billingAddress/city"),
            state_province_region: args.str("/billingAddress/stateProvinceRegion"),
            country: args.str("/billingAddress/country"),
            postal_code: args.str("/billingAddress/postalCode"),
        }
    };
    let input = CardFundingSourceInput {
        customer_id,
        card_token,
        name,
        billing_address,
        environment: args.environment(),
        base_url: args.opt_str("/baseUrl"),
        idempotency_key: args.opt_str("/idempotencyKey"),
    };
    args.finish()?;
    let request = funding_source::card_funding_source(&input).map_err(|e| js_error(&e))?;
    output(&request.to_json())
}
