//! Drivers of `any-type.json`: bodies of any JSON type (a schema with no type), a string, an
//! object and an array, sent and read.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use any_type::{AnythingClient, AnythingClientOptions};
use conformance_drivers::{assert_ok, assert_value, client_options, credential, endpoint};
use serde_json::{json, Value};

fn client() -> AnythingClient {
    let options = AnythingClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    AnythingClient::new(credential(), Some(options)).expect("a client")
}

#[tokio::test]
async fn get_string_as_anything() {
    assert_value::<Value, _>("get_string", client().get_string(None).await.and_then(|r| r.into_model()), json!("anything"));
}

#[tokio::test]
async fn put_string_as_anything() {
    assert_ok("put_string", client().put_string(json!("anything"), None).await);
}

#[tokio::test]
async fn get_object_as_anything() {
    assert_value::<Value, _>(
        "get_object",
        client().get_object(None).await.and_then(|r| r.into_model()),
        json!({"message": "An object was successfully returned"}),
    );
}

#[tokio::test]
async fn put_object_as_anything() {
    assert_ok("put_object", client().put_object(json!({"foo": "bar"}), None).await);
}

#[tokio::test]
async fn get_array_as_anything() {
    assert_value::<Value, _>("get_array", client().get_array(None).await.and_then(|r| r.into_model()), json!(["foo", "bar"]));
}

#[tokio::test]
async fn put_array_as_anything() {
    assert_ok("put_array", client().put_array(json!(["foo", "bar"]), None).await);
}
