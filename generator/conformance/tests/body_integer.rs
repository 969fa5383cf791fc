//! Drivers of `body-integer.json`: 32- and 64-bit integer bodies at their limits, values that
//! overflow them, unix times (`format: unixtime`), and `null` bodies the spec allows.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_integer::clients::IntClient;
use body_integer::{AutoRestIntegerTestServiceClient, AutoRestIntegerTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_ok, assert_value, client_options, credential, endpoint,
};
use time::macros::datetime;
use time::OffsetDateTime;

fn client() -> IntClient {
    let options = AutoRestIntegerTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestIntegerTestServiceClient::new(credential(), Some(options)).expect("a client").get_int_client()
}

#[tokio::test]
async fn get_integer_null() {
    assert_absent::<i64, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_integer_invalid() {
    // `123jkl`.
    assert_decode_error("get_invalid", client().get_invalid(None).await.and_then(|r| r.into_model()), "integer");
}

#[tokio::test]
async fn get_integer_overflow() {
    // 2147483656 does not fit an int32.
    assert_decode_error("get_overflow_int32", client().get_overflow_int32(None).await.and_then(|r| r.into_model()), "int32");
}

#[tokio::test]
async fn get_integer_underflow() {
    assert_decode_error("get_underflow_int32", client().get_underflow_int32(None).await.and_then(|r| r.into_model()), "int32");
}

#[tokio::test]
async fn get_long_overflow() {
    // 9223372036854775910 does not fit an int64.
    assert_decode_error("get_overflow_int64", client().get_overflow_int64(None).await.and_then(|r| r.into_model()), "int64");
}

#[tokio::test]
async fn get_long_underflow() {
    assert_decode_error("get_underflow_int64", client().get_underflow_int64(None).await.and_then(|r| r.into_model()), "int64");
}

#[tokio::test]
async fn put_integer_max() {
    assert_ok("put_max32", client().put_max32(i32::MAX, None).await);
}

#[tokio::test]
async fn put_integer_min() {
    assert_ok("put_min32", client().put_min32(i32::MIN, None).await);
}

#[tokio::test]
async fn put_long_max() {
    assert_ok("put_max64", client().put_max64(i64::MAX, None).await);
}

#[tokio::test]
async fn put_long_min() {
    assert_ok("put_min64", client().put_min64(i64::MIN, None).await);
}

#[tokio::test]
async fn get_unix_time() {
    // 1460505600.
    assert_value("get_unix_time", client().get_unix_time(None).await.and_then(|r| r.into_model()), datetime!(2016-04-13 00:00:00 UTC));
}

#[tokio::test]
async fn put_unix_time() {
    // The server expects `1460505600`, the seconds since 1970.
    assert_ok("put_unix_time_date", client().put_unix_time_date(datetime!(2016-04-13 00:00:00 UTC), None).await);
}

#[tokio::test]
async fn get_invalid_unix_time() {
    let invalid = client().get_invalid_unix_time(None).await.and_then(|r| r.into_model());
    assert_decodes("get_unix_time", client().get_unix_time(None).await.and_then(|r| r.into_model()), "unix time");
    assert_decode_error("get_invalid_unix_time", invalid, "unix time");
}

#[tokio::test]
async fn get_null_unix_time() {
    assert_absent::<OffsetDateTime, _>("get_null_unix_time", client().get_null_unix_time(None).await.and_then(|r| r.into_model()));
}
