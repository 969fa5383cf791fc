//! Drivers of `body-formdata.json`: a file uploaded as `multipart/form-data` (with its name), and
//! as the raw body; the server answers the file back as a stream.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::RequestContent;
use body_formdata::clients::FormdataClient;
use body_formdata::models::FormdataUploadFileRequest;
use body_formdata::{AutoRestSwaggerBatFormDataServiceClient, AutoRestSwaggerBatFormDataServiceClientOptions};
use conformance_drivers::{client_options, credential, endpoint, succeeded};

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
    // The file as a `multipart/form-data` file part `fileContent` (bytes that are not text among
    // them), with the text part `fileName`; the server reads the parts and streams the file part
    // back, so the answer is the file only if it arrived as a file, byte for byte.
    let form = FormdataUploadFileRequest::new(CONTENT.to_vec(), "UploadFile.txt");
    let response = succeeded("upload_file", client().upload_file(&form, None).await);
    let body = response.into_body().collect().await.expect("`upload_file`: reading the stream");
    assert!(body.as_ref() == CONTENT, "`upload_file`: the streamed answer is not the file part sent back: {body:?}");
}

#[tokio::test]
async fn stream_upload_file() {
    // The file as the raw `application/octet-stream` body; the server streams it back.
    let response = succeeded("upload_file_via_body", client().upload_file_via_body(RequestContent::<_, _>::from_static(CONTENT), None).await);
    let body = response.into_body().collect().await.expect("`upload_file_via_body`: reading the stream");
    assert!(body.as_ref() == CONTENT, "`upload_file_via_body`: the streamed answer is not the file sent back");
}
