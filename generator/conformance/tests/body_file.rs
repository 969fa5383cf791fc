//! Drivers of `body-file.json`: `type: file` answers, a binary stream (a PNG, an empty one, and
//! one of 3000 MiB that a client must be able to consume as it arrives).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use body_file::clients::FilesClient;
use body_file::{AutoRestSwaggerBatFileServiceClient, AutoRestSwaggerBatFileServiceClientOptions};
use conformance_drivers::{client_options, credential, endpoint, inexpressible, output_type_name, package_file, short_type_name, succeeded};

fn client() -> FilesClient {
    let options = AutoRestSwaggerBatFileServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatFileServiceClient::new(credential(), Some(options)).expect("a client").get_files_client()
}

/// Checks the raw bytes the client received, then fails: the method types a `type: file` answer
/// as `T` (a JSON value), not as a stream of bytes.
#[track_caller]
fn not_a_stream<T>(method: &str, response: azure_core::http::Response<T>, expected: &[u8]) -> ! {
    let body = response.into_body();
    assert_eq!(body.len(), expected.len(), "`{method}`: the raw body's length");
    assert!(body.as_ref() == expected, "`{method}`: the raw body is not the file the server sent");
    inexpressible(&format!(
        "`{method}` returns `Response<{}>`, which decodes the body as JSON: the spec's answer is `type: file`, a \
         binary stream (expected an `AsyncResponse` whose body streams the bytes)",
        short_type_name::<T>()
    ))
}

#[tokio::test]
async fn file_stream_nonempty() {
    // The server sends its `sample.png`.
    let response = succeeded("get_file", client().get_file(None).await);
    not_a_stream("get_file", response, &package_file("legacy/routes/sample.png"));
}

#[tokio::test]
async fn file_stream_empty() {
    let response = succeeded("get_empty_file", client().get_empty_file(None).await);
    not_a_stream("get_empty_file", response, &[]);
}

#[tokio::test]
async fn file_stream_very_large() {
    // 3000 MiB: not sent for, since the method holds the whole answer in memory (and so would the
    // HTTPS front, which buffers what it forwards).
    let client = client();
    let call = client.get_file_large(None);
    let output = output_type_name(&call);
    drop(call);
    inexpressible(&format!(
        "`get_file_large` returns `{output}`, which holds the whole 3000 MiB body in memory before the caller sees a \
         byte: the spec's answer is `type: file`, a binary stream (expected an `AsyncResponse` whose body streams)"
    ));
}
