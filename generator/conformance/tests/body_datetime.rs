//! Drivers of `body-datetime.json`: RFC 3339 date-time bodies (`format: date-time`), read into
//! `OffsetDateTime` whatever the case of `T` and `Z` and the offset, written from one, at the
//! limits of the years 1 and 9999, and invalid, out-of-range and `null` ones.
//!
//! `OffsetDateTime` compares instants, so a value read with its offset equals the same instant
//! written with another.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_datetime::clients::DatetimeClient;
use body_datetime::{AutoRestDateTimeTestServiceClient, AutoRestDateTimeTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_ok, assert_value, client_options, credential, endpoint,
};
use time::macros::datetime;
use time::OffsetDateTime;

fn client() -> DatetimeClient {
    let options = AutoRestDateTimeTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestDateTimeTestServiceClient::new(credential(), Some(options)).expect("a client").get_datetime_client()
}

#[tokio::test]
async fn get_date_time_null() {
    assert_absent::<OffsetDateTime, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_date_time_invalid() {
    // `"201O-18-90D00:89:56.9AX"`.
    let invalid = client().get_invalid(None).await.and_then(|r| r.into_model());
    assert_decodes("get_utc_uppercase_max_date_time", client().get_utc_uppercase_max_date_time(None).await.and_then(|r| r.into_model()), "date-time");
    assert_decode_error("get_invalid", invalid, "date-time");
}

#[tokio::test]
async fn get_date_time_overflow() {
    // `"9999-12-31T23:59:59.999-14:00"` is past the year 9999 in UTC, which overflows the date-time
    // types of some languages; `OffsetDateTime` holds it with its offset, so it is read exactly.
    assert_value("get_overflow", client().get_overflow(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 -14:00));
}

#[tokio::test]
async fn get_date_time_underflow() {
    // `"0000-00-00T00:00:00.000+00:00"`: month and day 0.
    let invalid = client().get_underflow(None).await.and_then(|r| r.into_model());
    assert_decodes("get_utc_uppercase_max_date_time", client().get_utc_uppercase_max_date_time(None).await.and_then(|r| r.into_model()), "date-time");
    assert_decode_error("get_underflow", invalid, "date-time");
}

#[tokio::test]
async fn get_date_time_min_local_no_offset() {
    // `"0001-01-01T00:00:00"`: no offset, which RFC 3339 requires; read as UTC, as Go's and
    // Python's clients of this server do.
    assert_value(
        "get_local_no_offset_min_date_time",
        client().get_local_no_offset_min_date_time(None).await.and_then(|r| r.into_model()),
        datetime!(0001-01-01 00:00:00 UTC),
    );
}

#[tokio::test]
async fn get_date_time_max_utc_lowercase() {
    // `"9999-12-31t23:59:59.999z"`.
    assert_value("get_utc_lowercase_max_date_time", client().get_utc_lowercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 UTC));
}

#[tokio::test]
async fn get_date_time_max_utc_uppercase() {
    // `"9999-12-31T23:59:59.999Z"`.
    assert_value("get_utc_uppercase_max_date_time", client().get_utc_uppercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 UTC));
}

#[tokio::test]
async fn get_date_time_max_utc7_ms_uppercase() {
    // `"9999-12-31T23:59:59.9999999Z"`.
    assert_value("get_utc_uppercase_max_date_time7_digits", client().get_utc_uppercase_max_date_time7_digits(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.9999999 UTC));
}

#[tokio::test]
async fn get_date_time_max_local_positive_offset_lowercase() {
    // `"9999-12-31t23:59:59.999+14:00"`.
    assert_value("get_local_positive_offset_lowercase_max_date_time", client().get_local_positive_offset_lowercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 +14:00));
}

#[tokio::test]
async fn get_date_time_max_local_positive_offset_uppercase() {
    // `"9999-12-31T23:59:59.999+14:00"`.
    assert_value("get_local_positive_offset_uppercase_max_date_time", client().get_local_positive_offset_uppercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 +14:00));
}

#[tokio::test]
async fn get_date_time_max_local_negative_offset_lowercase() {
    // `"9999-12-31t23:59:59.999-14:00"`.
    assert_value("get_local_negative_offset_lowercase_max_date_time", client().get_local_negative_offset_lowercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 -14:00));
}

#[tokio::test]
async fn get_date_time_max_local_negative_offset_uppercase() {
    // `"9999-12-31T23:59:59.999-14:00"`.
    assert_value("get_local_negative_offset_uppercase_max_date_time", client().get_local_negative_offset_uppercase_max_date_time(None).await.and_then(|r| r.into_model()), datetime!(9999-12-31 23:59:59.999 -14:00));
}

#[tokio::test]
async fn get_date_time_min_utc() {
    // `"0001-01-01T00:00:00Z"`.
    assert_value("get_utc_min_date_time", client().get_utc_min_date_time(None).await.and_then(|r| r.into_model()), datetime!(0001-01-01 00:00:00 UTC));
}

#[tokio::test]
async fn get_date_time_min_local_positive_offset() {
    // `"0001-01-01T00:00:00+14:00"`.
    assert_value("get_local_positive_offset_min_date_time", client().get_local_positive_offset_min_date_time(None).await.and_then(|r| r.into_model()), datetime!(0001-01-01 00:00:00 +14:00));
}

#[tokio::test]
async fn get_date_time_min_local_negative_offset() {
    // `"0001-01-01T00:00:00-14:00"`.
    assert_value("get_local_negative_offset_min_date_time", client().get_local_negative_offset_min_date_time(None).await.and_then(|r| r.into_model()), datetime!(0001-01-01 00:00:00 -14:00));
}

#[tokio::test]
async fn put_date_time_max_utc() {
    // The server expects "9999-12-31T23:59:59.999Z".
    let value: OffsetDateTime = datetime!(9999-12-31 23:59:59.999 UTC);
    assert_ok("put_utc_max_date_time", client().put_utc_max_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_max_utc7_ms() {
    // The server expects "9999-12-31T23:59:59.9999999Z", seven fractional digits.
    let value: OffsetDateTime = datetime!(9999-12-31 23:59:59.9999999 UTC);
    assert_ok("put_utc_max_date_time7_digits", client().put_utc_max_date_time7_digits(value, None).await);
}

#[tokio::test]
async fn put_date_time_max_local_positive_offset() {
    // The server expects the instant 9999-12-31T09:59:59.999Z.
    let value: OffsetDateTime = datetime!(9999-12-31 23:59:59.999 +14:00);
    assert_ok("put_local_positive_offset_max_date_time", client().put_local_positive_offset_max_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_max_local_negative_offset() {
    // The server expects the instant 9999-12-31T23:59:59.999-14:00.
    let value: OffsetDateTime = datetime!(9999-12-31 23:59:59.999 -14:00);
    assert_ok("put_local_negative_offset_max_date_time", client().put_local_negative_offset_max_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_min_utc() {
    // The server expects "0001-01-01T00:00:00Z".
    let value: OffsetDateTime = datetime!(0001-01-01 00:00:00 UTC);
    assert_ok("put_utc_min_date_time", client().put_utc_min_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_min_local_positive_offset() {
    // The server expects the instant 0001-01-01T00:00:00+14:00.
    let value: OffsetDateTime = datetime!(0001-01-01 00:00:00 +14:00);
    assert_ok("put_local_positive_offset_min_date_time", client().put_local_positive_offset_min_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_min_local_negative_offset() {
    // The server expects the instant 0001-01-01T14:00:00Z.
    let value: OffsetDateTime = datetime!(0001-01-01 00:00:00 -14:00);
    assert_ok("put_local_negative_offset_min_date_time", client().put_local_negative_offset_min_date_time(value, None).await);
}
