//! Drivers of `body-binary.json`: a `format: file` JSON body, a `format: binary` octet-stream
//! body, and an error answered where the spec's answer is a `type: file` stream.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::RequestContent;
use body_binary::models::Error;
use body_binary::{service_error, BinaryWithContentTypeApplicationJsonClient, BinaryWithContentTypeApplicationJsonClientOptions};
use conformance_drivers::{assert_ok, client_options, credential, endpoint, status_of};

fn client() -> BinaryWithContentTypeApplicationJsonClient {
    let options = BinaryWithContentTypeApplicationJsonClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    BinaryWithContentTypeApplicationJsonClient::new(credential(), Some(options)).expect("a client")
}

#[tokio::test]
async fn body_binary_file() {
    // A JSON file, `{"more": "cowbell"}`, sent as `application/json`.
    let body = serde_json::json!({"more": "cowbell"});
    assert_ok("file", client().get_upload_client().file(body, None).await);
}

#[tokio::test]
async fn body_binary_octet() {
    // Any bytes, sent as `application/octet-stream`.
    let body = RequestContent::<_, _>::from_static(b"\x00\x01binary\xff");
    assert_ok("binary", client().get_upload_client().binary(body, None).await);
}

#[tokio::test]
async fn body_binary_error() {
    // A 400 with a JSON error where the success is a stream: the spec's `default` error.
    let error = match client().get_download_client().error_stream(None).await {
        Ok(response) => panic!("`error_stream` succeeded where the server answered 400 ({:?})", response.status()),
        Err(error) => error,
    };
    assert_eq!(status_of(&error).map(u16::from), Some(400), "{error}");
    let decoded = service_error::<Error>(&error).and_then(|e| e.error().cloned());
    assert_eq!(
        decoded.as_ref().map(|e| (e.status, e.message.as_deref())),
        Some((Some(400), Some("I failed on purpose"))),
        "the error body, decoded as the spec's `Error`: {error}"
    );
}
