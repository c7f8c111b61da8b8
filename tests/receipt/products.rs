//! Products and access types: what must be granted, what is only a warning.

use super::*;

#[test]
fn required_products_must_be_granted() {
    let value = with(
        dwolla_example(),
        "/products/0/product",
        json!("availableBalance"),
    );
    let check = check_value(&value, &dwolla_options());
    assert_eq!(
        codes(&check),
        [("/products".into(), "missingProduct".into(), Severity::Error)]
    );
    let mut options = dwolla_options();
    options.required_products = vec!["availableBalance".into()];
    assert!(check_value(&value, &options).ok);
    options.required_products.clear();
    assert!(check_value(&dwolla_example(), &options).ok);
}

#[test]
fn unknown_products_and_access_types_are_warnings() {
    let mut value = dwolla_example();
    let extra = json!({
        "product": "transactions",
        "accountId": "1",
        "accessPeriod": { "type": "recurring", "startTime": "2022-07-06", "endTime": "2022-08-16T00:00:00Z" }
    });
    value["products"].as_array_mut().unwrap().push(extra);
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [
            (
                "/products/1/product".into(),
                "unknownProduct".into(),
                Severity::Warning
            ),
            (
                "/products/1/accessPeriod/type".into(),
                "unknownAccessType".into(),
                Severity::Warning
            ),
        ]
    );
}
