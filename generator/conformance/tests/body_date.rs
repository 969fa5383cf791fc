//! Drivers of `body-date.json`: `format: date` bodies (a calendar date, `time::Date`) at their
//! limits, invalid, overflowing and `null` ones.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_date::clients::DateClient;
use body_date::{AutoRestDateTestServiceClient, AutoRestDateTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_ok, assert_value, client_options, credential, endpoint,
};
use time::macros::date;
use time::Date;

fn client() -> DateClient {
    let options = AutoRestDateTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestDateTestServiceClient::new(credential(), Some(options)).expect("a client").get_date_client()
}

#[tokio::test]
async fn get_date_null() {
    assert_absent::<Date, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_date_invalid() {
    // `"201O-18-90"`.
    let invalid = client().get_invalid_date(None).await.and_then(|r| r.into_model());
    assert_decodes("get_max_date", client().get_max_date(None).await.and_then(|r| r.into_model()), "date");
    assert_decode_error("get_invalid_date", invalid, "date");
}

#[tokio::test]
async fn get_date_overflow() {
    // `"10000000000-12-31"`.
    let invalid = client().get_overflow_date(None).await.and_then(|r| r.into_model());
    assert_decodes("get_max_date", client().get_max_date(None).await.and_then(|r| r.into_model()), "date");
    assert_decode_error("get_overflow_date", invalid, "date");
}

#[tokio::test]
async fn get_date_underflow() {
    // `"0000-00-00"`.
    let invalid = client().get_underflow_date(None).await.and_then(|r| r.into_model());
    assert_decodes("get_max_date", client().get_max_date(None).await.and_then(|r| r.into_model()), "date");
    assert_decode_error("get_underflow_date", invalid, "date");
}

#[tokio::test]
async fn get_date_max() {
    assert_value("get_max_date", client().get_max_date(None).await.and_then(|r| r.into_model()), date!(9999-12-31));
}

#[tokio::test]
async fn get_date_min() {
    // The spec declares a one-value enum `0000-01-01` (a year that `format: date` does not have);
    // the server answers `"0001-01-01"`, the date a client must read.
    assert_value("get_min_date", client().get_min_date(None).await.and_then(|r| r.into_model()), date!(0001-01-01));
}

#[tokio::test]
async fn put_date_max() {
    // The server expects `"9999-12-31"`.
    assert_ok("put_max_date", client().put_max_date(date!(9999-12-31), None).await);
}

#[tokio::test]
async fn put_date_min() {
    // The server expects `"0001-01-01"`.
    assert_ok("put_min_date", client().put_min_date(date!(0001-01-01), None).await);
}
