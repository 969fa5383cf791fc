//! Drivers of `azure-special-properties.json`: the subscription id and api-version as client
//! settings or method parameters, `x-ms-skip-url-encoding`, `x-ms-client-request-id` (and a custom
//! named one, `foo-client-request-id`), and OData query parameters.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::request::options::ClientRequestId;
use azure_core::http::{ClientMethodOptions, Context};
use azure_special_properties::clients::*;
use azure_special_properties::error::StatusCode;
use azure_special_properties::{AutoRestAzureSpecialParametersTestClient, AutoRestAzureSpecialParametersTestClientOptions};
use conformance_drivers::{client_options, credential, endpoint, status_of, CLIENT_REQUEST_ID};

/// The subscription the server expects wherever it checks one.
const SUBSCRIPTION: &str = "1234-5678-9012-3456";

fn client() -> AutoRestAzureSpecialParametersTestClient {
    let options = AutoRestAzureSpecialParametersTestClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestAzureSpecialParametersTestClient::new(credential(), SUBSCRIPTION, Some(options)).expect("a client")
}

/// Method options whose context sets `x-ms-client-request-id` to `id`.
fn with_request_id(id: &str) -> ClientMethodOptions<'static> {
    ClientMethodOptions { context: Context::new().with_value(ClientRequestId::new(id.to_string())) }
}

#[track_caller]
fn assert_ok<T>(method: &str, result: azure_core::Result<azure_core::http::Response<T, azure_core::http::NoFormat>>) {
    match result {
        Ok(response) => assert_eq!(response.status(), StatusCode::Ok, "`{method}`"),
        Err(error) => panic!("`{method}` failed: {error}"),
    }
}

// ---- the subscription id: from the client (global) or a method parameter (local) ----

#[tokio::test]
async fn azure_subscription_method_global_valid() {
    assert_ok("post_method_global_valid", client().get_subscription_in_credentials_client().post_method_global_valid(None).await);
}

#[tokio::test]
async fn azure_subscription_method_global_not_provided_valid() {
    assert_ok(
        "post_method_global_not_provided_valid",
        client().get_subscription_in_credentials_client().post_method_global_not_provided_valid(None).await,
    );
}

#[tokio::test]
async fn azure_subscription_path_global_valid() {
    assert_ok("post_path_global_valid", client().get_subscription_in_credentials_client().post_path_global_valid(None).await);
}

#[tokio::test]
async fn azure_subscription_swagger_global_valid() {
    assert_ok("post_swagger_global_valid", client().get_subscription_in_credentials_client().post_swagger_global_valid(None).await);
}

#[tokio::test]
async fn azure_subscription_method_local_valid() {
    assert_ok(
        "post_method_local_valid",
        client().get_subscription_in_method_client().post_method_local_valid(SUBSCRIPTION, None).await,
    );
}

#[tokio::test]
async fn azure_subscription_path_local_valid() {
    assert_ok("post_path_local_valid", client().get_subscription_in_method_client().post_path_local_valid(SUBSCRIPTION, None).await);
}

#[tokio::test]
async fn azure_subscription_swagger_local_valid() {
    assert_ok(
        "post_swagger_local_valid",
        client().get_subscription_in_method_client().post_swagger_local_valid(SUBSCRIPTION, None).await,
    );
}

// ---- api-version: the client's (global, 2015-07-01-preview) or the method's own (local, 2.0) ----

#[tokio::test]
async fn azure_api_version_method_global_valid() {
    assert_ok("get_method_global_valid", client().get_api_version_default_client().get_method_global_valid(None).await);
}

#[tokio::test]
async fn azure_api_version_method_global_not_provided_valid() {
    assert_ok(
        "get_method_global_not_provided_valid",
        client().get_api_version_default_client().get_method_global_not_provided_valid(None).await,
    );
}

#[tokio::test]
async fn azure_api_version_path_global_valid() {
    assert_ok("get_path_global_valid", client().get_api_version_default_client().get_path_global_valid(None).await);
}

#[tokio::test]
async fn azure_api_version_swagger_global_valid() {
    assert_ok("get_swagger_global_valid", client().get_api_version_default_client().get_swagger_global_valid(None).await);
}

#[tokio::test]
async fn azure_api_version_method_local_valid() {
    // The method's own api-version parameter is the constant `2.0`.
    assert_ok("get_method_local_valid", client().get_api_version_local_client().get_method_local_valid(None).await);
}

#[tokio::test]
async fn azure_api_version_method_local_null() {
    // The method's own api-version is optional: not given, no query at all.
    assert_ok("get_method_local_null", client().get_api_version_local_client().get_method_local_null(None).await);
}

#[tokio::test]
async fn azure_api_version_path_local_valid() {
    assert_ok("get_path_local_valid", client().get_api_version_local_client().get_path_local_valid(None).await);
}

#[tokio::test]
async fn azure_api_version_swagger_local_valid() {
    assert_ok("get_swagger_local_valid", client().get_api_version_local_client().get_swagger_local_valid(None).await);
}

// ---- x-ms-skip-url-encoding ----

#[tokio::test]
async fn azure_method_path_url_encoding() {
    assert_ok(
        "get_method_path_valid",
        client().get_skip_url_encoding_client().get_method_path_valid("path1/path2/path3", None).await,
    );
}

#[tokio::test]
async fn azure_path_path_url_encoding() {
    assert_ok("get_path_path_valid", client().get_skip_url_encoding_client().get_path_path_valid("path1/path2/path3", None).await);
}

#[tokio::test]
async fn azure_swagger_path_url_encoding() {
    assert_ok("get_swagger_path_valid", client().get_skip_url_encoding_client().get_swagger_path_valid(None).await);
}

#[tokio::test]
async fn azure_method_query_url_encoding() {
    // The value goes into the query as it is: `q1=value1&q2=value2&q3=value3`.
    assert_ok(
        "get_method_query_valid",
        client().get_skip_url_encoding_client().get_method_query_valid("value1&q2=value2&q3=value3", None).await,
    );
}

#[tokio::test]
async fn azure_path_query_url_encoding() {
    assert_ok(
        "get_path_query_valid",
        client().get_skip_url_encoding_client().get_path_query_valid("value1&q2=value2&q3=value3", None).await,
    );
}

#[tokio::test]
async fn azure_swagger_query_url_encoding() {
    assert_ok("get_swagger_query_valid", client().get_skip_url_encoding_client().get_swagger_query_valid(None).await);
}

#[tokio::test]
async fn azure_method_query_url_encoding_null() {
    assert_ok("get_method_query_null", client().get_skip_url_encoding_client().get_method_query_null(None).await);
}

// ---- x-ms-client-request-id ----

#[tokio::test]
async fn azure_xms_request_client_overwrite() {
    // The caller's request id replaces the one azure_core would make up.
    let options = XMsClientRequestIdClientGetOptions { method_options: with_request_id(CLIENT_REQUEST_ID) };
    assert_ok("get", client().get_x_ms_client_request_id_client().get(Some(options)).await);
}

#[tokio::test]
async fn azure_xms_request_client_overwrite_via_parameter() {
    assert_ok(
        "param_get",
        client().get_x_ms_client_request_id_client().param_get(CLIENT_REQUEST_ID, None).await,
    );
}

#[tokio::test]
async fn azure_xms_request_client_id_null() {
    // No request id given: the server expects no `x-ms-client-request-id` header (it answers 400
    // to any other value).
    assert_ok("get", client().get_x_ms_client_request_id_client().get(None).await);
}

#[tokio::test]
async fn azure_request_client_id_in_error() {
    // Another request id: the server answers 400 with `x-ms-request-id: 123`, which the error
    // must carry.
    let options = XMsClientRequestIdClientGetOptions { method_options: with_request_id("not-the-expected-id") };
    let Err(error) = client().get_x_ms_client_request_id_client().get(Some(options)).await else {
        panic!("the server answers 400 to another request id");
    };
    assert_eq!(status_of(&error), Some(StatusCode::BadRequest), "{error}");
    let azure_core::error::ErrorKind::HttpResponse { raw_response: Some(raw), .. } = error.kind() else {
        panic!("the error carries no response: {error}");
    };
    assert_eq!(raw.headers().get_optional_str(&azure_core::http::headers::HeaderName::from_static("x-ms-request-id")), Some("123"));
}

#[tokio::test]
async fn azure_xms_custom_named_request_id() {
    // The request id header is `foo-client-request-id`; the answer's id is `foo-request-id`.
    let response = client()
        .get_header_client()
        .custom_named_request_id(CLIENT_REQUEST_ID, None)
        .await
        .unwrap_or_else(|e| panic!("`custom_named_request_id` failed: {e}"));
    assert_eq!(response.status(), StatusCode::Ok);
    assert_eq!(
        response.headers().get_optional_str(&azure_core::http::headers::HeaderName::from_static("foo-request-id")),
        Some("123")
    );
    let head = client().get_header_client().custom_named_request_id_head(CLIENT_REQUEST_ID, None).await;
    assert!(head.is_ok(), "`custom_named_request_id_head` failed: {:?}", head.err());
}

#[tokio::test]
async fn azure_xms_custom_named_request_id_parameter_group() {
    // The spec groups the header (x-ms-parameter-grouping); the generated method takes it as a
    // parameter.
    assert_ok(
        "custom_named_request_id_param_grouping",
        client().get_header_client().custom_named_request_id_param_grouping(CLIENT_REQUEST_ID, None).await,
    );
}

// ---- OData ----

#[tokio::test]
async fn azure_o_data_filter() {
    let options = OdataClientGetWithFilterOptions {
        filter: Some("id gt 5 and name eq 'foo'".to_string()),
        top: Some(10),
        orderby: Some("id".to_string()),
        ..Default::default()
    };
    assert_ok("get_with_filter", client().get_odata_client().get_with_filter(Some(options)).await);
}
