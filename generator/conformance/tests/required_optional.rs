//! Drivers of `required-optional.json`: optional parameters left out (a query, a header, a JSON
//! body, a binary body, one of the client's), a required binary body, and every optional body,
//! property and header of the explicit operations left out. (The spec's scenarios in which a
//! client must refuse to send a request without a required value are not server scenarios: the
//! generated API takes required values as arguments, so there is no such call to make.)

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::RequestContent;
use conformance_drivers::{assert_ok, client_options, credential, endpoint};
use required_optional::clients::{ExplicitClient, ImplicitClient};
use required_optional::{AutoRestRequiredOptionalTestServiceClient, AutoRestRequiredOptionalTestServiceClientOptions};

fn service() -> AutoRestRequiredOptionalTestServiceClient {
    let options = AutoRestRequiredOptionalTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestRequiredOptionalTestServiceClient::new(credential(), "required_global_path", "required_global_query", Some(options))
        .expect("a client")
}

fn implicit() -> ImplicitClient {
    service().get_implicit_client()
}

fn explicit() -> ExplicitClient {
    service().get_explicit_client()
}

#[tokio::test]
async fn optional_implicit_query() {
    assert_ok("put_optional_query", implicit().put_optional_query(None).await);
}

#[tokio::test]
async fn optional_implicit_header() {
    assert_ok("put_optional_header", implicit().put_optional_header(None).await);
}

#[tokio::test]
async fn optional_implicit_body() {
    // No body at all.
    assert_ok("put_optional_body", implicit().put_optional_body(None).await);
}

#[tokio::test]
async fn implicit_optional_binary_body() {
    assert_ok("put_optional_binary_body", implicit().put_optional_binary_body(None).await);
}

#[tokio::test]
async fn optional_global_query() {
    // The client's optional `optional_global_query` is not set.
    assert_ok("get_optional_global_query", implicit().get_optional_global_query(None).await);
}

#[tokio::test]
async fn explicit_optional_binary_body() {
    assert_ok("put_optional_binary_body", explicit().put_optional_binary_body(None).await);
}

#[tokio::test]
async fn explicit_required_binary_body() {
    let body = RequestContent::<_, _>::from_static(b"\x00\x01 required bytes");
    assert_ok("put_required_binary_body", explicit().put_required_binary_body(body, None).await);
}

#[tokio::test]
async fn general_optional() {
    // Every optional parameter, property and header of the explicit operations, left out.
    let client = explicit();
    assert_ok("post_optional_integer_parameter", client.post_optional_integer_parameter(None).await);
    assert_ok("post_optional_integer_property", client.post_optional_integer_property(None).await);
    assert_ok("post_optional_integer_header", client.post_optional_integer_header(None).await);
    assert_ok("post_optional_string_parameter", client.post_optional_string_parameter(None).await);
    assert_ok("post_optional_string_property", client.post_optional_string_property(None).await);
    assert_ok("post_optional_string_header", client.post_optional_string_header(None).await);
    assert_ok("post_optional_class_parameter", client.post_optional_class_parameter(None).await);
    assert_ok("post_optional_class_property", client.post_optional_class_property(None).await);
    assert_ok("post_optional_array_parameter", client.post_optional_array_parameter(None).await);
    assert_ok("post_optional_array_property", client.post_optional_array_property(None).await);
    assert_ok("post_optional_array_header", client.post_optional_array_header(None).await);
}
