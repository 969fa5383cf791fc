//! Drivers of `reserved-words.json`: operations, operation groups and parameters named after words
//! that are reserved in some language (`import`, `content`, `json`, `data`, `files`, `url`,
//! `headerParameters`, `queryParameters`, `enum`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::{RequestContent, Response, StatusCode};
use conformance_drivers::{client_options, credential, endpoint};
use reserved_words::clients::ReservedWordsClientOperationWithUrlOptions;
use reserved_words::models::{MyEnum, OperationWithDataParamRequest, OperationWithFilesParamRequest};
use reserved_words::{ReservedWordsClient, ReservedWordsClientOptions};

fn client() -> ReservedWordsClient {
    let options = ReservedWordsClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    ReservedWordsClient::new(credential(), Some(options)).expect("a client")
}

/// Checks a call answered 200 (the server answers 400 to what it did not expect).
#[track_caller]
fn assert_status_ok<T>(method: &str, result: azure_core::Result<Response<T>>) {
    match result {
        Ok(response) => assert_eq!(response.status(), StatusCode::Ok, "`{method}`"),
        Err(error) => panic!("`{method}` failed: {error}"),
    }
}

#[tokio::test]
async fn reserved_words_operation_group_import() {
    // The operation group `import`; `parameter1=foo`.
    assert_status_ok("operation_one", client().get_import_client().operation_one("foo", None).await);
}

#[tokio::test]
async fn reserved_words_body_named_content() {
    // A binary body named `content`: the bytes `hello, world`.
    let content = RequestContent::<_, _>::from_static(b"hello, world");
    assert_status_ok("operation_with_content_param", client().operation_with_content_param(content, None).await);
}

#[tokio::test]
async fn reserved_words_body_named_json() {
    let json = serde_json::json!({"hello": "world"});
    assert_status_ok("operation_with_json_param", client().operation_with_json_param(json, None).await);
}

#[tokio::test]
async fn reserved_words_body_named_data() {
    // Form fields `data=hello&world=world`.
    let form = OperationWithDataParamRequest::new("hello", "world");
    assert_status_ok("operation_with_data_param", client().operation_with_data_param(&form, None).await);
}

#[tokio::test]
async fn reserved_words_body_named_files() {
    // A `multipart/form-data` body whose file part is named `files`, with the text part
    // `fileName: my.txt`, as the spec asks.
    let form = OperationWithFilesParamRequest::new(b"Test file content".to_vec(), "my.txt");
    assert_status_ok("operation_with_files_param", client().operation_with_files_param(&form, None).await);
}

#[tokio::test]
async fn reserved_words_url_header_query() {
    // The path parameter `url`, the header `headerParameters`, and `queryParameters=one&queryParameters=two`.
    let options = ReservedWordsClientOperationWithUrlOptions {
        query_parameters: Some(vec!["one".to_string(), "two".to_string()]),
        ..Default::default()
    };
    assert_status_ok("operation_with_url", client().operation_with_url("foo", "x-ms-header", Some(options)).await);
}

#[tokio::test]
async fn reserved_words_header_enum() {
    // The header `enumParameter: import`.
    assert_status_ok("reserved_enum", client().reserved_enum(MyEnum::Import, None).await);
}
