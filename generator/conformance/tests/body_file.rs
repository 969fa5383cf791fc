//! Drivers of `body-file.json`: `type: file` answers, a binary stream (a PNG, an empty one, and
//! one of 3000 MiB that a client must be able to consume as it arrives).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_file::clients::FilesClient;
use body_file::{AutoRestSwaggerBatFileServiceClient, AutoRestSwaggerBatFileServiceClientOptions};
use conformance_drivers::{client_options, credential, endpoint, package_file, succeeded};
use futures::StreamExt;

fn client() -> FilesClient {
    let options = AutoRestSwaggerBatFileServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatFileServiceClient::new(credential(), Some(options)).expect("a client").get_files_client()
}

/// The whole streamed body of `method`'s answer, checked against `expected`.
async fn check_file(method: &str, response: azure_core::http::AsyncResponse, expected: &[u8]) {
    let body = response.into_body().collect().await.unwrap_or_else(|e| panic!("`{method}`: reading the stream: {e}"));
    assert_eq!(body.len(), expected.len(), "`{method}`: the streamed body's length");
    assert!(body.as_ref() == expected, "`{method}`: the streamed body is not the file the server sent");
}

#[tokio::test]
async fn file_stream_nonempty() {
    // The server sends its `sample.png`.
    let response = succeeded("get_file", client().get_file(None).await);
    check_file("get_file", response, &package_file("legacy/routes/sample.png")).await;
}

#[tokio::test]
async fn file_stream_empty() {
    let response = succeeded("get_empty_file", client().get_empty_file(None).await);
    check_file("get_empty_file", response, &[]).await;
}

#[tokio::test]
async fn file_stream_very_large() {
    // 3000 MiB, read as it arrives and never held whole: the test counts the bytes and keeps
    // none (the HTTPS front streams them through unbuffered too).
    const SIZE: u64 = 3000 * 1024 * 1024;
    let response = succeeded("get_file_large", client().get_file_large(None).await);
    let mut body = response.into_body();
    let mut received: u64 = 0;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap_or_else(|e| panic!("`get_file_large`: reading the stream after {received} bytes: {e}"));
        received += chunk.len() as u64;
    }
    assert_eq!(received, SIZE, "`get_file_large`: the streamed body's length");
}
