//! Drivers of `url.json`: path and query parameters of every type written as the spec says
//! (constants of the spec are the client's to send), percent-encoded where they must be, unicode,
//! empty and absent (`null`) values, arrays in every `collectionFormat`, and parameters declared at
//! the client, on a path item and on the operation.
//!
//! The generated crate does not compile today (an array path parameter), so this module is
//! compiled once it does; it was compiled and run here against the crate with that one method's
//! body fixed by hand.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, endpoint};
use time::macros::datetime;
use url::clients::*;
use url::models::UriColor;
use url::{AutoRestUrlTestServiceClient, AutoRestUrlTestServiceClientOptions};

/// The multi-byte string of the unicode and byte scenarios.
const MULTIBYTE: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";

/// The four items of the array scenarios: `null` and empty items are written alike.
fn array_items(first: &str) -> Vec<String> {
    vec![first.to_string(), "begin!*'();:@ &=+$,/?#[]end".to_string(), String::new(), String::new()]
}

fn service(global_string_query: Option<&str>) -> AutoRestUrlTestServiceClient {
    let options = AutoRestUrlTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        global_string_query: global_string_query.map(str::to_string),
        ..Default::default()
    };
    AutoRestUrlTestServiceClient::new(credential(), "globalStringPath", Some(options)).expect("a client")
}

fn paths() -> PathsClient {
    service(None).get_paths_client()
}

fn queries() -> QueriesClient {
    service(None).get_queries_client()
}

#[tokio::test]
async fn url_paths_bool_true() {
    assert_ok("get_boolean_true", paths().get_boolean_true(None).await);
}

#[tokio::test]
async fn url_paths_bool_false() {
    assert_ok("get_boolean_false", paths().get_boolean_false(None).await);
}

#[tokio::test]
async fn url_paths_int_positive() {
    assert_ok("get_int_one_million", paths().get_int_one_million(None).await);
}

#[tokio::test]
async fn url_paths_int_negative() {
    assert_ok("get_int_negative_one_million", paths().get_int_negative_one_million(None).await);
}

#[tokio::test]
async fn url_paths_long_positive() {
    assert_ok("get_ten_billion", paths().get_ten_billion(None).await);
}

#[tokio::test]
async fn url_paths_long_negative() {
    assert_ok("get_negative_ten_billion", paths().get_negative_ten_billion(None).await);
}

#[tokio::test]
async fn url_paths_float_positive() {
    assert_ok("float_scientific_positive", paths().float_scientific_positive(None).await);
}

#[tokio::test]
async fn url_paths_float_negative() {
    assert_ok("float_scientific_negative", paths().float_scientific_negative(None).await);
}

#[tokio::test]
async fn url_paths_double_positive() {
    assert_ok("double_decimal_positive", paths().double_decimal_positive(None).await);
}

#[tokio::test]
async fn url_paths_double_negative() {
    assert_ok("double_decimal_negative", paths().double_decimal_negative(None).await);
}

#[tokio::test]
async fn url_paths_string_unicode() {
    assert_ok("string_unicode", paths().string_unicode(None).await);
}

#[tokio::test]
async fn url_paths_string_url_encoded() {
    // The constant `begin!*'();:@ &=+$,/?#[]end`, percent-encoded.
    assert_ok("string_url_encoded", paths().string_url_encoded(None).await);
}

#[tokio::test]
async fn url_paths_string_url_non_encoded() {
    // The constant `begin!*'();:@&=+$,end`, `x-ms-skip-url-encoding`: sent as it is.
    assert_ok("string_url_non_encoded", paths().string_url_non_encoded(None).await);
}

#[tokio::test]
async fn url_paths_string_empty() {
    assert_ok("string_empty", paths().string_empty(None).await);
}

#[tokio::test]
async fn url_paths_string_base64_url() {
    // The server expects the base64url of `lorem`, `bG9yZW0`.
    assert_ok("base64_url", paths().base64_url(b"lorem", None).await);
}

#[tokio::test]
async fn url_paths_byte_empty() {
    assert_ok("byte_empty", paths().byte_empty(None).await);
}

#[tokio::test]
async fn url_paths_byte_multi_byte() {
    // The base64 of the UTF-8 bytes of the multi-byte string.
    assert_ok("byte_multi_byte", paths().byte_multi_byte(MULTIBYTE.as_bytes(), None).await);
}

#[tokio::test]
async fn url_paths_date_valid() {
    assert_ok("date_valid", paths().date_valid(None).await);
}

#[tokio::test]
async fn url_paths_date_time_valid() {
    assert_ok("date_time_valid", paths().date_time_valid(None).await);
}

#[tokio::test]
async fn url_paths_enum_valid() {
    assert_ok("enum_valid", paths().enum_valid(UriColor::GreenColor, None).await);
}

#[tokio::test]
async fn url_paths_int_unix_time() {
    // 1460505600.
    assert_ok("unix_time_url", paths().unix_time_url(datetime!(2016-04-13 00:00:00 UTC), None).await);
}

#[tokio::test]
async fn url_paths_array_csv_in_path() {
    // `ArrayPath1,begin!*'();:@ &=+$,/?#[]end,,`, percent-encoded as one path segment.
    assert_ok("array_csv_in_path", paths().array_csv_in_path(&array_items("ArrayPath1"), None).await);
}

#[tokio::test]
async fn url_queries_bool_true() {
    assert_ok("get_boolean_true", queries().get_boolean_true(None).await);
}

#[tokio::test]
async fn url_queries_bool_false() {
    assert_ok("get_boolean_false", queries().get_boolean_false(None).await);
}

#[tokio::test]
async fn url_queries_bool_null() {
    // No value: no parameter.
    assert_ok("get_boolean_null", queries().get_boolean_null(None).await);
}

#[tokio::test]
async fn url_queries_int_positive() {
    assert_ok("get_int_one_million", queries().get_int_one_million(None).await);
}

#[tokio::test]
async fn url_queries_int_negative() {
    assert_ok("get_int_negative_one_million", queries().get_int_negative_one_million(None).await);
}

#[tokio::test]
async fn url_queries_int_null() {
    assert_ok("get_int_null", queries().get_int_null(None).await);
}

#[tokio::test]
async fn url_queries_long_positive() {
    assert_ok("get_ten_billion", queries().get_ten_billion(None).await);
}

#[tokio::test]
async fn url_queries_long_negative() {
    assert_ok("get_negative_ten_billion", queries().get_negative_ten_billion(None).await);
}

#[tokio::test]
async fn url_queries_long_null() {
    assert_ok("get_long_null", queries().get_long_null(None).await);
}

#[tokio::test]
async fn url_queries_float_positive() {
    assert_ok("float_scientific_positive", queries().float_scientific_positive(None).await);
}

#[tokio::test]
async fn url_queries_float_negative() {
    assert_ok("float_scientific_negative", queries().float_scientific_negative(None).await);
}

#[tokio::test]
async fn url_queries_float_null() {
    assert_ok("float_null", queries().float_null(None).await);
}

#[tokio::test]
async fn url_queries_double_positive() {
    assert_ok("double_decimal_positive", queries().double_decimal_positive(None).await);
}

#[tokio::test]
async fn url_queries_double_negative() {
    assert_ok("double_decimal_negative", queries().double_decimal_negative(None).await);
}

#[tokio::test]
async fn url_queries_double_null() {
    assert_ok("double_null", queries().double_null(None).await);
}

#[tokio::test]
async fn url_queries_string_unicode() {
    assert_ok("string_unicode", queries().string_unicode(None).await);
}

#[tokio::test]
async fn url_queries_string_url_encoded() {
    assert_ok("string_url_encoded", queries().string_url_encoded(None).await);
}

#[tokio::test]
async fn url_queries_string_empty() {
    // The constant empty string: `stringQuery=`.
    assert_ok("string_empty", queries().string_empty(None).await);
}

#[tokio::test]
async fn url_queries_string_null() {
    assert_ok("string_null", queries().string_null(None).await);
}

#[tokio::test]
async fn url_queries_enum_valid() {
    assert_ok("enum_valid", queries().enum_valid(Some(QueriesClientEnumValidOptions { enum_query: Some(UriColor::GreenColor), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_enum_null() {
    assert_ok("enum_null", queries().enum_null(None).await);
}

#[tokio::test]
async fn url_queries_byte_multi_byte() {
    assert_ok("byte_multi_byte", queries().byte_multi_byte(Some(QueriesClientByteMultiByteOptions { byte_query: Some(MULTIBYTE.as_bytes().to_vec()), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_byte_empty() {
    assert_ok("byte_empty", queries().byte_empty(None).await);
}

#[tokio::test]
async fn url_queries_byte_null() {
    assert_ok("byte_null", queries().byte_null(None).await);
}

#[tokio::test]
async fn url_queries_date_valid() {
    assert_ok("date_valid", queries().date_valid(None).await);
}

#[tokio::test]
async fn url_queries_date_null() {
    assert_ok("date_null", queries().date_null(None).await);
}

#[tokio::test]
async fn url_queries_date_time_valid() {
    assert_ok("date_time_valid", queries().date_time_valid(None).await);
}

#[tokio::test]
async fn url_queries_date_time_null() {
    assert_ok("date_time_null", queries().date_time_null(None).await);
}

#[tokio::test]
async fn url_queries_array_csv_valid() {
    // `arrayQuery=ArrayQuery1,begin!*'();:@ &=+$,/?#[]end,,`.
    assert_ok("array_string_csv_valid", queries().array_string_csv_valid(Some(QueriesClientArrayStringCsvValidOptions { array_query: Some(array_items("ArrayQuery1")), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_array_csv_null() {
    // No array: no parameter.
    assert_ok("array_string_csv_null", queries().array_string_csv_null(None).await);
}

#[tokio::test]
async fn url_queries_array_csv_empty() {
    // An empty array: `arrayQuery=`.
    assert_ok("array_string_csv_empty", queries().array_string_csv_empty(Some(QueriesClientArrayStringCsvEmptyOptions { array_query: Some(Vec::new()), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_array_no_collection_format_valid() {
    // No `collectionFormat`: csv, `arrayQuery=hello,nihao,bonjour`.
    assert_ok("array_string_no_collection_format_empty", queries().array_string_no_collection_format_empty(Some(QueriesClientArrayStringNoCollectionFormatEmptyOptions { array_query: Some(vec!["hello".to_string(), "nihao".to_string(), "bonjour".to_string()]), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_array_ssv_valid() {
    // Joined with spaces.
    assert_ok("array_string_ssv_valid", queries().array_string_ssv_valid(Some(QueriesClientArrayStringSsvValidOptions { array_query: Some(array_items("ArrayQuery1")), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_array_tsv_valid() {
    // Joined with tabs.
    assert_ok("array_string_tsv_valid", queries().array_string_tsv_valid(Some(QueriesClientArrayStringTsvValidOptions { array_query: Some(array_items("ArrayQuery1")), ..Default::default() })).await);
}

#[tokio::test]
async fn url_queries_array_pipes_valid() {
    // Joined with `|`.
    assert_ok("array_string_pipes_valid", queries().array_string_pipes_valid(Some(QueriesClientArrayStringPipesValidOptions { array_query: Some(array_items("ArrayQuery1")), ..Default::default() })).await);
}

#[tokio::test]
async fn url_path_item_get_all() {
    // Path parameters from the client, the path item and the operation; query parameters likewise.
    let options = PathItemsClientGetAllWithValuesOptions {
        path_item_string_query: Some("pathItemStringQuery".to_string()),
        local_string_query: Some("localStringQuery".to_string()),
        ..Default::default()
    };
    let client = service(Some("globalStringQuery")).get_path_items_client();
    assert_ok("get_all_with_values", client.get_all_with_values("pathItemStringPath", "localStringPath", Some(options)).await);
}

#[tokio::test]
async fn url_path_item_get_global_null() {
    let options = PathItemsClientGetGlobalQueryNullOptions {
        path_item_string_query: Some("pathItemStringQuery".to_string()),
        local_string_query: Some("localStringQuery".to_string()),
        ..Default::default()
    };
    let client = service(None).get_path_items_client();
    assert_ok("get_global_query_null", client.get_global_query_null("pathItemStringPath", "localStringPath", Some(options)).await);
}

#[tokio::test]
async fn url_path_item_get_global_and_local_null() {
    let options = PathItemsClientGetGlobalAndLocalQueryNullOptions {
        path_item_string_query: Some("pathItemStringQuery".to_string()),
        ..Default::default()
    };
    let client = service(None).get_path_items_client();
    assert_ok(
        "get_global_and_local_query_null",
        client.get_global_and_local_query_null("pathItemStringPath", "localStringPath", Some(options)).await,
    );
}

#[tokio::test]
async fn url_path_item_get_path_item_and_local_null() {
    let client = service(Some("globalStringQuery")).get_path_items_client();
    assert_ok(
        "get_local_path_item_query_null",
        client.get_local_path_item_query_null("pathItemStringPath", "localStringPath", None).await,
    );
}
