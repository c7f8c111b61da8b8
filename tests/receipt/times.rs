//! Dates and times: RFC 3339 where Dwolla's schema says so, epochs, period order,
//! expiry and clock skew.

use super::*;

/// Dwolla's schema decides, per field, whether a bare date is allowed: `startTime` is
/// `format: date`, `endTime` and `timestamp` are `format: date-time` (the sandbox and
/// Dwolla answer `InvalidFormat` to a date there).
#[test]
fn bare_dates_only_where_dwollas_schema_says_date() {
    let spec: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(format!(
            "{}/../shared/specs/dwolla/openapi.yml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let finicity = &spec["components"]["schemas"]["CreateFinicitySecureExchange"]["properties"]
        ["finicity"]["properties"];
    let format_of = |field: &str| -> String {
        let schema = match field {
            "timestamp" => &finicity["timestamp"],
            _ => &finicity["products"]["items"]["properties"]["accessPeriod"]["properties"][field],
        };
        schema["format"].as_str().unwrap().to_owned()
    };
    let pointer = |field: &str| match field {
        "timestamp" => "/timestamp".to_owned(),
        _ => format!("/products/0/accessPeriod/{field}"),
    };
    let mut seen = Vec::new();
    for (field, date_allowed) in consent_exchange::receipt::TIME_FIELDS {
        let format = format_of(field);
        assert_eq!(
            date_allowed,
            format == "date",
            "{field}: the schema says {format}"
        );
        seen.push((field, format.clone()));
        let value = with(dwolla_example(), &pointer(field), json!("2022-08-16"));
        let check = check_value(&value, &dwolla_options());
        if format == "date" {
            assert!(check.ok, "{field}: {:#?}", check.issues);
        } else {
            let issue = only_issue(&check);
            assert_eq!(
                (issue.path.as_str(), issue.code.as_str()),
                (pointer(field).as_str(), "dateTimeRequired"),
                "{field}"
            );
        }
        // A date-time is fine everywhere.
        let date_time = if field == "endTime" {
            "2022-08-16T06:06:20+00:00"
        } else {
            "2022-07-10T06:06:20Z"
        };
        let value = with(dwolla_example(), &pointer(field), json!(date_time));
        assert!(check_value(&value, &dwolla_options()).ok, "{field}");
    }
    assert_eq!(
        seen,
        [
            ("startTime", "date".to_owned()),
            ("endTime", "date-time".to_owned()),
            ("timestamp", "date-time".to_owned())
        ]
    );
}

#[test]
fn profile_is_a_32_bit_integer() {
    let value = with(dwolla_example(), "/profile", json!(4_294_967_296u64));
    assert_eq!(
        only_issue(&check_value(&value, &dwolla_options())).code,
        "format"
    );
}

#[test]
fn times_are_rfc_3339_dates_or_date_times_forwarded_unchanged() {
    // Contradiction 1: Dwolla's docs say integer, its schema date / date-time,
    // Mastercard date-time. An RFC 3339 date-time (or a date where the schema allows
    // one) passes unchanged.
    let value = with(
        with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!("2022-07-06T08:00:00+02:00"),
        ),
        "/products/0/accessPeriod/endTime",
        json!("2022-08-16T00:00:00-05:00"),
    );
    let receipt = check_value(&value, &dwolla_options()).into_valid().unwrap();
    assert_eq!(
        receipt.products[0].access_period.start_time,
        "2022-07-06T08:00:00+02:00"
    );
    assert_eq!(
        receipt.products[0].access_period.end_time,
        "2022-08-16T00:00:00-05:00"
    );
    for bad in [
        "2022-02-30",
        "2022-07-06T06:06:20",
        "07/06/2022",
        "2022-07-06 06:06:20Z",
        "",
    ] {
        let value = with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!(bad),
        );
        let issue = only_issue(&check_value(&value, &dwolla_options())).clone();
        assert_eq!(
            (issue.path.as_str(), issue.code.as_str()),
            ("/products/0/accessPeriod/startTime", "format"),
            "{bad}"
        );
    }
}

#[test]
fn epoch_times_are_errors_unless_allowed() {
    let value = with(
        with(
            dwolla_example(),
            "/products/0/accessPeriod/startTime",
            json!(1_657_065_600),
        ),
        "/timestamp",
        json!(1_657_519_583_000u64),
    );
    let check = check_value(&value, &dwolla_options());
    assert_eq!(
        codes(&check),
        [
            (
                "/products/0/accessPeriod/startTime".into(),
                "epochTime".into(),
                Severity::Error
            ),
            ("/timestamp".into(), "epochTime".into(), Severity::Error),
        ]
    );
    let mut options = dwolla_options();
    options.allow_epoch_times = true;
    let receipt = check_value(&value, &options).into_valid().unwrap();
    // Seconds below 10^11, milliseconds from 10^11 on; both become RFC 3339 UTC.
    assert_eq!(
        receipt.products[0].access_period.start_time,
        "2022-07-06T00:00:00Z"
    );
    assert_eq!(receipt.timestamp, "2022-07-11T06:06:23Z");
    for bad in [json!(-5), json!(1.5), json!(1e300)] {
        let value = with(dwolla_example(), "/timestamp", bad.clone());
        assert_eq!(
            only_issue(&check_value(&value, &options)).code,
            "format",
            "{bad}"
        );
    }
}

#[test]
fn start_after_end_is_period_order() {
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-09-01"),
    );
    let check = check_value(&value, &dwolla_options());
    // A start after the end is also either in the future or after an expired end.
    assert_eq!(
        codes(&check),
        [
            (
                "/products/0/accessPeriod/endTime".into(),
                "periodOrder".into(),
                Severity::Error
            ),
            (
                "/products/0/accessPeriod/startTime".into(),
                "notYetActive".into(),
                Severity::Warning
            ),
        ]
    );
}

#[test]
fn end_not_after_now_is_expired() {
    let check = check_consent_receipt(
        &fixture("dwolla-example-finicity.json"),
        &at("2022-08-16T06:06:20Z"),
    );
    assert_eq!(only_issue(&check).code, "expired");
    let check = check_consent_receipt(
        &fixture("dwolla-example-finicity.json"),
        &at("2022-08-16T06:06:19.999Z"),
    );
    assert!(check.ok);
}

#[test]
fn start_in_the_future_is_a_warning_beyond_the_skew() {
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-07-11T06:14:59Z"),
    );
    assert!(
        check_value(&value, &dwolla_options()).issues.is_empty(),
        "within 300 s of skew"
    );
    let value = with(
        dwolla_example(),
        "/products/0/accessPeriod/startTime",
        json!("2022-07-12"),
    );
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [(
            "/products/0/accessPeriod/startTime".into(),
            "notYetActive".into(),
            Severity::Warning
        )]
    );
    let mut options = dwolla_options();
    options.clock_skew_seconds = 86_400;
    assert!(check_value(&value, &options).issues.is_empty());
}

#[test]
fn timestamp_in_the_future_is_a_warning() {
    let value = with(
        dwolla_example(),
        "/timestamp",
        json!("2022-07-11T07:00:00Z"),
    );
    let check = check_value(&value, &dwolla_options());
    assert!(check.ok);
    assert_eq!(
        codes(&check),
        [(
            "/timestamp".into(),
            "futureTimestamp".into(),
            Severity::Warning
        )]
    );
}
