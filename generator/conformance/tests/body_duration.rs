//! Drivers of `body-duration.json`: ISO 8601 durations (`format: duration`) as a typed duration,
//! `azure_core::time::Duration`, not text.
//!
//! A fixed-length duration has no calendar units, so `P3Y6M4DT12H30M5S` is read as .NET's
//! `XmlConvert.ToTimeSpan` reads it: a year of 365 days, a month of 30.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::time::Duration;
use body_duration::clients::DurationClient;
use body_duration::{AutoRestDurationTestServiceClient, AutoRestDurationTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_ok, assert_value, client_options, credential, endpoint,
};

fn client() -> DurationClient {
    let options = AutoRestDurationTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestDurationTestServiceClient::new(credential(), Some(options)).expect("a client").get_duration_client()
}

#[tokio::test]
async fn get_duration_null() {
    assert_absent::<Duration, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_duration_positive() {
    // `"P3Y6M4DT12H30M5S"`.
    let expected = Duration::days(3 * 365 + 6 * 30 + 4) + Duration::hours(12) + Duration::minutes(30) + Duration::seconds(5);
    assert_value("get_positive_duration", client().get_positive_duration(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_duration_positive() {
    // The server expects `"P123DT22H14M12.011S"`.
    let value = Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011);
    assert_ok("put_positive_duration", client().put_positive_duration(value, None).await);
}

#[tokio::test]
async fn get_duration_invalid() {
    // `"123ABC"`.
    let invalid = client().get_invalid(None).await.and_then(|r| r.into_model());
    assert_decodes("get_positive_duration", client().get_positive_duration(None).await.and_then(|r| r.into_model()), "duration");
    assert_decode_error("get_invalid", invalid, "duration");
}
