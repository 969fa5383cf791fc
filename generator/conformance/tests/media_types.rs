//! Drivers of `media_types.json`: one operation that accepts several media types (the caller
//! picks which the body is sent as: JSON, PDF, an octet stream, plain text), a media type with a
//! charset, and an operation without `produces`.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::{RequestContent, StatusCode};
use conformance_drivers::{client_options, credential, endpoint, inexpressible, succeeded};
use media_types::clients::{
    MediaTypesClientAnalyzeBodyNoAcceptHeaderOptions, MediaTypesClientAnalyzeBodyOptions,
    MediaTypesClientContentTypeWithEncodingOptions,
};
use media_types::models::SourcePath;
use media_types::{MediaTypesClient, MediaTypesClientOptions};

fn client() -> MediaTypesClient {
    let options = MediaTypesClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    MediaTypesClient::new(credential(), Some(options)).expect("a client")
}

fn source() -> SourcePath {
    let mut source = SourcePath::default();
    source.source = Some("https://example.com/document.pdf".to_string());
    source
}

#[tokio::test]
async fn media_type_json() {
    let options = MediaTypesClientAnalyzeBodyOptions { input: Some(source().try_into().expect("a JSON body")), ..Default::default() };
    let answer = succeeded("analyze_body", client().analyze_body(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Nice job with JSON");
}

#[tokio::test]
async fn media_type_pdf() {
    inexpressible(
        "`analyze_body` sends its body as `application/json` only (`input: RequestContent<SourcePath>`): the spec \
         also consumes `application/pdf`, `image/jpeg`, `image/png` and `image/tiff`, and there is no way to send \
         the bytes `PDF` as `application/pdf`",
    );
}

#[tokio::test]
async fn media_type_with_encoding() {
    // `text/plain; charset=UTF-8`, exactly.
    let input = RequestContent::<_, _>::from_static(b"input");
    let options = MediaTypesClientContentTypeWithEncodingOptions { input: Some(input), ..Default::default() };
    let answer = succeeded("content_type_with_encoding", client().content_type_with_encoding(Some(options)).await.and_then(|r| r.into_model()));
    assert_eq!(answer, "Nice job sending content type with encoding");
}

#[tokio::test]
async fn media_types_analyze_body_no_accept_header() {
    let options =
        MediaTypesClientAnalyzeBodyNoAcceptHeaderOptions { input: Some(source().try_into().expect("a JSON body")), ..Default::default() };
    let response = succeeded("analyze_body_no_accept_header", client().analyze_body_no_accept_header(Some(options)).await);
    assert_eq!(response.status(), StatusCode::Accepted);
}

/// Fails a scenario of a `format: binary` body that the spec lets go as several media types, of
/// which the caller can pick none: the method sends `application/json`, and the server must have
/// taken `{"hello": "world"}` for one.
#[track_caller]
fn one_media_type(method: &str, outcome: azure_core::Result<azure_core::http::Response<String>>, others: &str) -> ! {
    match outcome {
        Ok(_) => inexpressible(&format!(
            "`{method}` always sends `application/json`: the spec's `format: binary` body also goes as {others}, which \
             the caller cannot pick"
        )),
        Err(error) => inexpressible(&format!(
            "`{method}` takes `message: String` and writes it as a JSON string, so the JSON document \
             `{{\"hello\": \"world\"}}` cannot be sent (the server answered: {error}), where the spec's body is \
             `format: binary`, bytes sent as they are; nor can the caller pick {others}"
        )),
    }
}

#[tokio::test]
async fn media_types_two_content_types() {
    // `{"hello": "world"}` as `application/json`, or any bytes as `application/octet-stream`.
    let method = "binary_body_with_two_content_types";
    let outcome = client().binary_body_with_two_content_types(r#"{"hello": "world"}"#.to_string(), None).await;
    one_media_type(method, outcome, "`application/octet-stream`");
}

#[tokio::test]
async fn media_types_three_content_types() {
    // As above, or `hello, world` as `text/plain`.
    let method = "binary_body_with_three_content_types";
    let outcome = client().binary_body_with_three_content_types(r#"{"hello": "world"}"#.to_string(), None).await;
    one_media_type(method, outcome, "`application/octet-stream` or `text/plain` (`hello, world`)");
}

#[tokio::test]
async fn media_types_three_body_types() {
    let answer = client().body_three_types(serde_json::json!({"hello": "world"}), None).await;
    succeeded("body_three_types", answer);
    inexpressible(
        "`body_three_types` takes a `serde_json::Value` and always sends `application/json`: the spec's body also \
         goes as `application/octet-stream` and `text/plain` (`hello, world`), which the caller cannot pick",
    );
}
