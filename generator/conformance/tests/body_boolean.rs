//! Drivers of `body-boolean.json`: boolean bodies, `true` and `false` as constants of the spec
//! (a one-value enum with `modelAsString: false`), a `null` body the spec allows (`x-nullable`),
//! and an invalid one.
//!
//! `body-boolean.quirks.json` lists the same scenarios with plain booleans and no `x-nullable`;
//! this spec drives them (see `scenarios.toml`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_boolean::clients::BoolClient;
use body_boolean::{AutoRestBoolTestServiceClient, AutoRestBoolTestServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_ok, assert_value, client_options, credential, endpoint, inexpressible,
};

fn client() -> BoolClient {
    let options = AutoRestBoolTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestBoolTestServiceClient::new(credential(), Some(options)).expect("a client").get_bool_client()
}

#[tokio::test]
async fn get_bool_true() {
    assert_value("get_true", client().get_true(None).await.and_then(|r| r.into_model()), true);
}

#[tokio::test]
async fn get_bool_false() {
    assert_value("get_false", client().get_false(None).await.and_then(|r| r.into_model()), false);
}

#[tokio::test]
async fn put_bool_true() {
    assert_ok("put_true", client().put_true(true, None).await);
    inexpressible(
        "`put_true` asks the caller for its body, which the spec fixes to the constant `true` (`enum: [true]` with \
         `modelAsString: false`): a constant is sent by the client, not passed by the user",
    );
}

#[tokio::test]
async fn put_bool_false() {
    assert_ok("put_false", client().put_false(false, None).await);
    inexpressible(
        "`put_false` asks the caller for its body, which the spec fixes to the constant `false` (`enum: [false]` with \
         `modelAsString: false`): a constant is sent by the client, not passed by the user",
    );
}

#[tokio::test]
async fn get_bool_null() {
    // `x-nullable: true`; the server answers 200 with no body.
    assert_absent::<bool, _>("get_null", client().get_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_bool_invalid() {
    // The body is `true1`.
    assert_decode_error("get_invalid", client().get_invalid(None).await.and_then(|r| r.into_model()), "boolean");
}
