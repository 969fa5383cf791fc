//! Drivers of `object-type.json`: `type: object` with no declared properties, which holds any
//! JSON object, as a response, a request body and an error body.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, endpoint, short_type_name, status_of, succeeded};
use object_type::models::Object;
use object_type::{service_error, ObjectTypeClient, ObjectTypeClientOptions};
use serde_json::json;

fn client() -> ObjectTypeClient {
    let options = ObjectTypeClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    ObjectTypeClient::new(credential(), Some(options)).expect("a client")
}

/// What a model holds, as JSON: what a user can read from it.
fn held<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect("serializable")
}

#[tokio::test]
async fn object_type_response() {
    let model = succeeded("get", client().get(None).await.and_then(|r| r.into_model()));
    assert_eq!(
        held(&model),
        json!({"message": "An object was successfully returned"}),
        "`get` returns `{}`, which must hold the object the server sent",
        short_type_name::<Object>()
    );
}

#[tokio::test]
async fn object_type_put() {
    assert_ok("put", client().put(json!({"foo": "bar"}), None).await);
}

#[tokio::test]
async fn object_type_error_response() {
    // Another object: the server answers 400 with an object the spec's `default` declares.
    let error = match client().put(json!({"should": "fail"}), None).await {
        Ok(_) => panic!("`put` succeeded where the server answered 400"),
        Err(error) => error,
    };
    assert_eq!(status_of(&error).map(u16::from), Some(400), "{error}");
    let decoded = service_error::<Object>(&error).and_then(|e| e.error().cloned());
    assert_eq!(
        decoded.as_ref().map(held),
        Some(json!({"message": "The object you passed was incorrect"})),
        "the error body, decoded as the spec's `Object`, must hold what the server sent: {error}"
    );
}
