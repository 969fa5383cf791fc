//! Drivers of `non-string-enum.json`: an integer enum and a float enum (`modelAsString: true`),
//! as request and response bodies.
//!
//! The generator refuses this spec today (an enum of floats), so this module is written against
//! the crate the spec gives with the float enum's values left out (`FloatEnum` a plain `f32`), and
//! is compiled once the spec generates.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::RequestContent;
use conformance_drivers::{assert_value, client_options, credential, endpoint, inexpressible, succeeded};
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
    let input: RequestContent<IntEnum> = RequestContent::from(serde_json::to_vec(&IntEnum::V200).expect("serializable"));
    let answer = succeeded("put", ints().put(Some(IntClientPutOptions { input: Some(input), ..Default::default() })).await);
    assert_eq!(answer.into_model().ok().as_deref(), Some("Nice job posting an int enum"));
    inexpressible(
        "`put` takes `RequestContent<IntEnum>`, and an `IntEnum` does not convert into it with `try_into()` as a \
         model does: the caller must serialize the enum by hand",
    );
}

#[tokio::test]
async fn non_string_enums_get_float() {
    // `429.1`.
    let expected: FloatEnum = 429.1;
    assert_value("get", floats().get(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn non_string_enums_post_float() {
    // The server expects `200.4`, and answers a string.
    let value: FloatEnum = 200.4;
    let input: RequestContent<FloatEnum> = RequestContent::from(serde_json::to_vec(&value).expect("serializable"));
    let answer = succeeded("put", floats().put(Some(FloatClientPutOptions { input: Some(input), ..Default::default() })).await);
    assert_eq!(answer.into_model().ok().as_deref(), Some("Nice job posting a float enum"));
    inexpressible(
        "`put` takes `RequestContent<FloatEnum>`, and a `FloatEnum` does not convert into it with `try_into()` as a \
         model does: the caller must serialize the enum by hand",
    );
}
