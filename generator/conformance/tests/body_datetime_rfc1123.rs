//! Drivers of `body-datetime-rfc1123.json`: RFC 1123 date-time bodies
//! (`format: date-time-rfc1123`, `Fri, 31 Dec 9999 23:59:59 GMT`), read into `OffsetDateTime`
//! whatever their case, written from one, and invalid, out-of-range and `null` ones.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_datetime_rfc1123::clients::Datetimerfc1123Client;
use body_datetime_rfc1123::{AutoRestRfc1123DateTimeTestServiceClient, AutoRestRfc1123DateTimeTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_ok, assert_value, client_options, credential, endpoint,
};
use time::macros::datetime;
use time::OffsetDateTime;

fn client() -> Datetimerfc1123Client {
    let options = AutoRestRfc1123DateTimeTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestRfc1123DateTimeTestServiceClient::new(credential(), Some(options)).expect("a client").get_datetimerfc1123_client()
}

/// A valid RFC 1123 answer decodes (so a decoding error on an invalid one means something).
async fn check_decoder() {
    assert_decodes(
        "get_utc_uppercase_max_date_time",
        client().get_utc_uppercase_max_date_time(None).await.and_then(|r| r.into_model()),
        "RFC 1123 date-time",
    );
}

#[tokio::test]
async fn get_date_time_rfc1123_null() {
    assert_absent::<OffsetDateTime, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_date_time_rfc1123_invalid() {
    // `"Tue, 01 Dec 2000 00:00:0A ABC"`.
    let invalid = client().get_invalid(None).await.and_then(|r| r.into_model());
    check_decoder().await;
    assert_decode_error("get_invalid", invalid, "RFC 1123 date-time");
}

#[tokio::test]
async fn get_date_time_rfc1123_overflow() {
    // `"Sat, 1 Jan 10000 00:00:00 GMT"`: the year 10000, past what `OffsetDateTime` holds.
    let invalid = client().get_overflow(None).await.and_then(|r| r.into_model());
    check_decoder().await;
    assert_decode_error("get_overflow", invalid, "RFC 1123 date-time");
}

#[tokio::test]
async fn get_date_time_rfc1123_underflow() {
    // `"Tue, 00 Jan 0000 00:00:00 GMT"`: day 0.
    let invalid = client().get_underflow(None).await.and_then(|r| r.into_model());
    check_decoder().await;
    assert_decode_error("get_underflow", invalid, "RFC 1123 date-time");
}

#[tokio::test]
async fn get_date_time_rfc1123_max_utc_lowercase() {
    // `"fri, 31 dec 9999 23:59:59 gmt"`.
    assert_value(
        "get_utc_lowercase_max_date_time",
        client().get_utc_lowercase_max_date_time(None).await.and_then(|r| r.into_model()),
        datetime!(9999-12-31 23:59:59 UTC),
    );
}

#[tokio::test]
async fn get_date_time_rfc1123_max_utc_uppercase() {
    // `"FRI, 31 DEC 9999 23:59:59 GMT"`.
    assert_value(
        "get_utc_uppercase_max_date_time",
        client().get_utc_uppercase_max_date_time(None).await.and_then(|r| r.into_model()),
        datetime!(9999-12-31 23:59:59 UTC),
    );
}

#[tokio::test]
async fn get_date_time_rfc1123_min_utc() {
    // `"Mon, 01 Jan 0001 00:00:00 GMT"` (the spec's one-value enum says `Sun, 1 Jan 0001`).
    assert_value(
        "get_utc_min_date_time",
        client().get_utc_min_date_time(None).await.and_then(|r| r.into_model()),
        datetime!(0001-01-01 00:00:00 UTC),
    );
}

#[tokio::test]
async fn put_date_time_rfc1123_max() {
    let value: OffsetDateTime = datetime!(9999-12-31 23:59:59 UTC);
    assert_ok("put_utc_max_date_time", client().put_utc_max_date_time(value, None).await);
}

#[tokio::test]
async fn put_date_time_rfc1123_min() {
    let value: OffsetDateTime = datetime!(0001-01-01 00:00:00 UTC);
    assert_ok("put_utc_min_date_time", client().put_utc_min_date_time(value, None).await);
}
