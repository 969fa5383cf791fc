//! Drivers of `non-string-enum.json`: an integer enum and a float enum (`modelAsString: true`),
//! as request and response bodies.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_value, client_options, credential, endpoint, succeeded};
use non_string_enum::clients::{FloatClient, FloatClientPutOptions, IntClient, IntClientPutOptions};
use non_string_enum::models::{FloatEnum, IntEnum};
use non_string_enum::{NonStringEnumsClient, NonStringEnumsClientOptions};

fn service() -> NonStringEnumsClient {
    let options = NonStringEnumsClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    NonStringEnumsClient::new(credential(), Some(options)).expect("a client")
}

fn ints() -> IntClient {
    service().get_int_client()
}

fn floats() -> FloatClient {
    service().get_float_client()
}

#[tokio::test]
async fn non_string_enums_get_int() {
    // `429`.
    assert_value("get", ints().get(None).await.and_then(|r| r.into_model()), IntEnum::V429);
}

#[tokio::test]
async fn non_string_enums_post_int() {
    // The server expects `200`, and answers a string.
    let options = IntClientPutOptions { input: Some(IntEnum::V200), ..Default::default() };
    let answer = succeeded("put", ints().put(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Nice job posting an int enum");
}

#[tokio::test]
async fn non_string_enums_get_float() {
    // `429.1`.
    assert_value("get", floats().get(None).await.and_then(|r| r.into_model()), FloatEnum::V4291);
}

#[tokio::test]
async fn non_string_enums_post_float() {
    // The server expects `200.4`, and answers a string.
    let options = FloatClientPutOptions { input: Some(FloatEnum::V2004), ..Default::default() };
    let answer = succeeded("put", floats().put(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Nice job posting a float enum");
}
