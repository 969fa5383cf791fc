//! Drivers of `body-number.json`: float, double and decimal bodies in scientific and decimal
//! notation, at the limits of their precision, invalid and `null` ones; one-value enums
//! (`modelAsString: false`) are constants the client sends and the caller does not pass.
//!
//! `body-number.quirks.json` lists the same scenarios without the one-value enums; this spec drives
//! them (see `scenarios.toml`). The generator refuses this spec today (an enum of numbers), so this
//! module is written against the crate the spec gives with its number enums left out, and is
//! compiled once the spec generates.
//!
//! `format: decimal` values are read as `f64`: the scenarios' `2.5976931e+101` is beyond a 96-bit
//! decimal (`rust_decimal`, azure_core's `decimal` feature).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_number::clients::NumberClient;
use body_number::{AutoRestNumberTestServiceClient, AutoRestNumberTestServiceClientOptions};
use conformance_drivers::{assert_absent, assert_decode_error, assert_ok, assert_value, client_options, credential, endpoint, inexpressible};

fn client() -> NumberClient {
    let options = AutoRestNumberTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestNumberTestServiceClient::new(credential(), Some(options)).expect("a client").get_number_client()
}

/// Fails a scenario whose body is a constant of the spec that the method still asks for.
#[track_caller]
fn constant_asked(method: &str, value: f64) -> ! {
    inexpressible(&format!(
        "`{method}` asks the caller for its body, which the spec fixes to the constant {value} (a one-value enum \
         with `modelAsString: false`): a constant is sent by the client, not passed by the user"
    ))
}

#[tokio::test]
async fn get_number_null() {
    assert_absent::<f64, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_float_invalid() {
    // `2147483656.090096789909j`.
    assert_decode_error("get_invalid_float", client().get_invalid_float(None).await.and_then(|r| r.into_model()), "float");
}

#[tokio::test]
async fn get_double_invalid() {
    // `9223372036854775910.980089k`.
    assert_decode_error("get_invalid_double", client().get_invalid_double(None).await.and_then(|r| r.into_model()), "double");
}

#[tokio::test]
async fn get_decimal_invalid() {
    // `9223372036854775910.980089k`.
    assert_decode_error("get_invalid_decimal", client().get_invalid_decimal(None).await.and_then(|r| r.into_model()), "decimal");
}

#[tokio::test]
async fn get_float_big_scientific_notation() {
    assert_value("get_big_float", client().get_big_float(None).await.and_then(|r| r.into_model()), 3.402823e20f32);
}

#[tokio::test]
async fn get_double_big_scientific_notation() {
    assert_value("get_big_double", client().get_big_double(None).await.and_then(|r| r.into_model()), 2.5976931e101f64);
}

#[tokio::test]
async fn get_double_big_positive_decimal() {
    assert_value("get_big_double_positive_decimal", client().get_big_double_positive_decimal(None).await.and_then(|r| r.into_model()), 99999999.99f64);
}

#[tokio::test]
async fn get_double_big_negative_decimal() {
    assert_value("get_big_double_negative_decimal", client().get_big_double_negative_decimal(None).await.and_then(|r| r.into_model()), -99999999.99f64);
}

#[tokio::test]
async fn get_float_small_scientific_notation() {
    assert_value("get_small_float", client().get_small_float(None).await.and_then(|r| r.into_model()), 3.402823e-20f64);
}

#[tokio::test]
async fn get_double_small_scientific_notation() {
    assert_value("get_small_double", client().get_small_double(None).await.and_then(|r| r.into_model()), 2.5976931e-101f64);
}

#[tokio::test]
async fn get_decimal_big() {
    assert_value("get_big_decimal", client().get_big_decimal(None).await.and_then(|r| r.into_model()), 2.5976931e101f64);
}

#[tokio::test]
async fn get_decimal_big_positive_decimal() {
    assert_value("get_big_decimal_positive_decimal", client().get_big_decimal_positive_decimal(None).await.and_then(|r| r.into_model()), 99999999.99f64);
}

#[tokio::test]
async fn get_decimal_big_negative_decimal() {
    assert_value("get_big_decimal_negative_decimal", client().get_big_decimal_negative_decimal(None).await.and_then(|r| r.into_model()), -99999999.99f64);
}

#[tokio::test]
async fn get_decimal_small() {
    assert_value("get_small_decimal", client().get_small_decimal(None).await.and_then(|r| r.into_model()), 2.5976931e-101f64);
}

#[tokio::test]
async fn put_float_big_scientific_notation() {
    assert_ok("put_big_float", client().put_big_float(3.402823e20f32, None).await);
}

#[tokio::test]
async fn put_double_big_scientific_notation() {
    assert_ok("put_big_double", client().put_big_double(2.5976931e101f64, None).await);
}

#[tokio::test]
async fn put_double_big_positive_decimal() {
    assert_ok("put_big_double_positive_decimal", client().put_big_double_positive_decimal(99999999.99f64.into(), None).await);
    constant_asked("put_big_double_positive_decimal", 99999999.99);
}

#[tokio::test]
async fn put_double_big_negative_decimal() {
    assert_ok("put_big_double_negative_decimal", client().put_big_double_negative_decimal((-99999999.99f64).into(), None).await);
    constant_asked("put_big_double_negative_decimal", -99999999.99);
}

#[tokio::test]
async fn put_float_small_scientific_notation() {
    assert_ok("put_small_float", client().put_small_float(3.402823e-20f32, None).await);
}

#[tokio::test]
async fn put_double_small_scientific_notation() {
    assert_ok("put_small_double", client().put_small_double(2.5976931e-101f64, None).await);
}

#[tokio::test]
async fn put_decimal_big() {
    assert_ok("put_big_decimal", client().put_big_decimal(2.5976931e101f64, None).await);
}

#[tokio::test]
async fn put_decimal_big_positive_decimal() {
    assert_ok("put_big_decimal_positive_decimal", client().put_big_decimal_positive_decimal(99999999.99f64.into(), None).await);
    constant_asked("put_big_decimal_positive_decimal", 99999999.99);
}

#[tokio::test]
async fn put_decimal_big_negative_decimal() {
    assert_ok("put_big_decimal_negative_decimal", client().put_big_decimal_negative_decimal((-99999999.99f64).into(), None).await);
    constant_asked("put_big_decimal_negative_decimal", -99999999.99);
}

#[tokio::test]
async fn put_decimal_small() {
    assert_ok("put_small_decimal", client().put_small_decimal(2.5976931e-101f64, None).await);
}
