//! Drivers of `url-multi-collectionFormat.json`: an array query parameter with
//! `collectionFormat: multi`, one `name=value` pair per item.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, endpoint};
use url_multi_collectionformat::clients::*;
use url_multi_collectionformat::{
    AutoRestUrlMutliCollectionFormatTestServiceClient, AutoRestUrlMutliCollectionFormatTestServiceClientOptions,
};

fn client() -> QueriesClient {
    let options = AutoRestUrlMutliCollectionFormatTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestUrlMutliCollectionFormatTestServiceClient::new(credential(), Some(options)).expect("a client").get_queries_client()
}

#[tokio::test]
async fn url_queries_array_multi_null() {
    // No array: no parameter.
    assert_ok("array_string_multi_null", client().array_string_multi_null(None).await);
}

#[tokio::test]
async fn url_queries_array_multi_empty() {
    // An empty array: no parameter either.
    let options = QueriesClientArrayStringMultiEmptyOptions { array_query: Some(Vec::new()), ..Default::default() };
    assert_ok("array_string_multi_empty", client().array_string_multi_empty(Some(options)).await);
}

#[tokio::test]
async fn url_queries_array_multi_valid() {
    // `arrayQuery=ArrayQuery1&arrayQuery=begin!*'();:@ &=+$,/?#[]end&arrayQuery=&arrayQuery=`, each
    // value percent-encoded: the spec's items are `x-nullable`, and the `null` item is sent as an
    // empty value, as the empty string is.
    let items = vec![Some("ArrayQuery1".to_string()), Some("begin!*'();:@ &=+$,/?#[]end".to_string()), None, Some(String::new())];
    let options = QueriesClientArrayStringMultiValidOptions { array_query: Some(items), ..Default::default() };
    assert_ok("array_string_multi_valid", client().array_string_multi_valid(Some(options)).await);
}
