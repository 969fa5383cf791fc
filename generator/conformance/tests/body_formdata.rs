//! Drivers of `body-formdata.json`: a file uploaded as `multipart/form-data` (with its name), and
//! as the raw body; the server answers the file back as a stream.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::RequestContent;
use body_formdata::clients::FormdataClient;
use body_formdata::{AutoRestSwaggerBatFormDataServiceClient, AutoRestSwaggerBatFormDataServiceClientOptions};
use conformance_drivers::{client_options, credential, endpoint, inexpressible, succeeded};

const CONTENT: &[u8] = b"Test file content: \x00\x01\x02 and text";

fn client() -> FormdataClient {
    let options = AutoRestSwaggerBatFormDataServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatFormDataServiceClient::new(credential(), Some(options)).expect("a client").get_formdata_client()
}

#[tokio::test]
async fn formdata_stream_upload_file() {
    inexpressible(
        "the generator left `formdata_UploadFile` out of the crate: its body is `multipart/form-data` (a `type: file` \
         part `fileContent` and a string part `fileName`), which it does not express",
    );
}

#[tokio::test]
async fn stream_upload_file() {
    // The file as the raw `application/octet-stream` body; the server streams it back.
    let response = succeeded("upload_file_via_body", client().upload_file_via_body(RequestContent::<_, _>::from_static(CONTENT), None).await);
    let body = response.into_body().collect().await.expect("`upload_file_via_body`: reading the stream");
    assert!(body.as_ref() == CONTENT, "`upload_file_via_body`: the streamed answer is not the file sent back");
}
