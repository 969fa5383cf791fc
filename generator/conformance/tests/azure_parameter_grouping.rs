//! Drivers of `azure-parameter-grouping.json`: parameters the spec groups
//! (`x-ms-parameter-grouping`), which the generated methods take in their options.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_parameter_grouping::clients::*;
use azure_parameter_grouping::error::StatusCode;
use azure_parameter_grouping::models::EncryptionAlgorithmType;
use azure_parameter_grouping::{AutoRestParameterGroupingTestServiceClient, AutoRestParameterGroupingTestServiceClientOptions};
use conformance_drivers::{client_options, credential, endpoint};

fn client() -> ParameterGroupingClient {
    let options = AutoRestParameterGroupingTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestParameterGroupingTestServiceClient::new(credential(), Some(options))
        .expect("a client")
        .get_parameter_grouping_client()
}

#[track_caller]
fn assert_ok<T>(method: &str, result: azure_core::Result<azure_core::http::Response<T, azure_core::http::NoFormat>>) {
    match result {
        Ok(response) => assert_eq!(response.status(), StatusCode::Ok, "`{method}`"),
        Err(error) => panic!("`{method}` failed: {error}"),
    }
}

#[tokio::test]
async fn post_parameter_grouping_required_parameters() {
    let options = ParameterGroupingClientPostRequiredOptions {
        custom_header: Some("header".to_string()),
        query: Some(21),
        ..Default::default()
    };
    assert_ok("post_required", client().post_required("path", 1234, Some(options)).await);
}

#[tokio::test]
async fn post_parameter_grouping_optional_parameters() {
    let options = ParameterGroupingClientPostOptionalOptions {
        custom_header: Some("header".to_string()),
        query: Some(21),
        ..Default::default()
    };
    assert_ok("post_optional", client().post_optional(Some(options)).await);
}

#[tokio::test]
async fn post_parameter_grouping_with_reserved_words() {
    let options = ParameterGroupingClientPostReservedWordsOptions {
        from: Some("bob".to_string()),
        accept: Some("yes".to_string()),
        ..Default::default()
    };
    assert_ok("post_reserved_words", client().post_reserved_words(Some(options)).await);
}

#[tokio::test]
async fn post_parameter_grouping_multiple_parameter_groups() {
    let options = ParameterGroupingClientPostMultiParamGroupsOptions {
        header_one: Some("header".to_string()),
        query_one: Some(21),
        header_two: Some("header2".to_string()),
        query_two: Some(42),
        ..Default::default()
    };
    assert_ok("post_multi_param_groups", client().post_multi_param_groups(Some(options)).await);
}

#[tokio::test]
async fn post_parameter_grouping_shared_parameter_group_object() {
    let options = ParameterGroupingClientPostSharedParameterGroupObjectOptions {
        header_one: Some("header".to_string()),
        query_one: Some(21),
        ..Default::default()
    };
    assert_ok("post_shared_parameter_group_object", client().post_shared_parameter_group_object(Some(options)).await);
}

#[tokio::test]
async fn put_parameter_grouping_constant() {
    let options = ParameterGroupingClientGroupWithConstantOptions {
        grouped_constant: Some(EncryptionAlgorithmType::Foo),
        grouped_parameter: Some("bar".to_string()),
        ..Default::default()
    };
    assert_ok("group_with_constant", client().group_with_constant(Some(options)).await);
}
