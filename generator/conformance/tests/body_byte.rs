//! Drivers of `body-byte.json`: `format: byte` bodies, base64 text on the wire and bytes in the
//! API.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_byte::clients::ByteClient;
use body_byte::{AutoRestSwaggerBatByteServiceClient, AutoRestSwaggerBatByteServiceClientOptions};
use conformance_drivers::{
    assert_decode_error, assert_decodes, assert_no_value, assert_ok, assert_value, client_options, credential,
    endpoint,
};

/// The bytes of the non-ASCII scenarios (base64 `//79/Pv6+fj39g==` on the wire).
const NON_ASCII: [u8; 10] = [255, 254, 253, 252, 251, 250, 249, 248, 247, 246];

fn client() -> ByteClient {
    let options = AutoRestSwaggerBatByteServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatByteServiceClient::new(credential(), Some(options)).expect("a client").get_byte_client()
}

#[tokio::test]
async fn get_byte_null() {
    // The server answers 200 with no body, where the spec's base64 string is not `x-nullable`.
    assert_no_value::<Vec<u8>, _, _>(
        "get_null",
        client().get_null(None).await.and_then(|r| r.into_model()),
        ("get_non_ascii", client().get_non_ascii(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_byte_empty() {
    // `""`.
    assert_value("get_empty", client().get_empty(None).await.and_then(|r| r.into_model()), Vec::<u8>::new());
}

#[tokio::test]
async fn get_byte_non_ascii() {
    assert_value("get_non_ascii", client().get_non_ascii(None).await.and_then(|r| r.into_model()), NON_ASCII.to_vec());
}

#[tokio::test]
async fn put_byte_non_ascii() {
    // The server expects the bytes as the JSON string of their base64.
    assert_ok("put_non_ascii", client().put_non_ascii(NON_ASCII.to_vec(), None).await);
}

#[tokio::test]
async fn get_byte_invalid() {
    // `"::::SWAGGER::::"`.
    let invalid = client().get_invalid(None).await.and_then(|r| r.into_model());
    assert_decodes("get_non_ascii", client().get_non_ascii(None).await.and_then(|r| r.into_model()), "base64 string");
    assert_decode_error("get_invalid", invalid, "base64 string");
}
