//! Drivers of `paging.json`: `x-ms-pageable` operations, each collected through the generated
//! pager as a user would (`futures::TryStreamExt`), checking the items of every page, the requests
//! the server expects for each next page (the server answers 400 to a wrong one), and failures
//! mid-way.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, endpoint, poller_options, status_of};
use futures::TryStreamExt as _;
use paging::clients::*;
use paging::error::StatusCode;
use paging::models::{BodyParam, Product};
use paging::{AutoRestPagingTestServiceClient, AutoRestPagingTestServiceClientOptions};

fn client() -> PagingClient {
    let options = AutoRestPagingTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestPagingTestServiceClient::new(credential(), Some(options)).expect("a client").get_paging_client()
}

/// The ids of the products, in order.
fn ids(items: &[Product]) -> Vec<i64> {
    items.iter().map(|p| p.properties.as_ref().and_then(|p| p.id).unwrap_or(-1)).collect()
}

/// Every item of the pager; the test fails with the error if a page fails.
async fn collect<P>(method: &str, pager: azure_core::Result<azure_core::http::Pager<P>>) -> Vec<Product>
where
    P: azure_core::http::pager::Page<Item = Product> + serde::de::DeserializeOwned + Send + 'static,
{
    let pager = pager.unwrap_or_else(|e| panic!("`{method}` did not start: {e}"));
    pager.try_collect().await.unwrap_or_else(|e| panic!("`{method}` failed while paging: {e}"))
}

/// The items before the pager failed, and its error; the test fails if it does not fail.
async fn collect_until_error<P>(method: &str, pager: azure_core::Result<azure_core::http::Pager<P>>) -> (Vec<Product>, azure_core::Error)
where
    P: azure_core::http::pager::Page<Item = Product> + serde::de::DeserializeOwned + Send + 'static,
{
    let mut pager = match pager {
        Ok(pager) => pager,
        Err(e) => return (Vec::new(), e),
    };
    let mut items = Vec::new();
    loop {
        match pager.try_next().await {
            Ok(Some(item)) => items.push(item),
            Ok(None) => panic!("`{method}` ended after {} item(s) where a page must fail", items.len()),
            Err(e) => return (items, e),
        }
    }
}

/// Ids 1 to 10: the first page and the nine the server chains after it.
fn one_to_ten() -> Vec<i64> {
    (1..=10).collect()
}

#[tokio::test]
async fn paging_no_item_name() {
    let items = collect("get_no_item_name_pages", client().get_no_item_name_pages(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_empty_next_link() {
    // `nextLink: ""` ends the paging.
    let items = collect("get_empty_next_link_name_pages", client().get_empty_next_link_name_pages(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_next_link_name_null() {
    // `nextLinkName: null`: one page, whatever link the body holds (it answers 404).
    let items = collect("get_null_next_link_name_pages", client().get_null_next_link_name_pages(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_single() {
    let items = collect("get_single_pages", client().get_single_pages(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_single_with_body_params() {
    let mut body = BodyParam::default();
    body.name = Some("body".to_string());
    let body = body.try_into().expect("the body serializes");
    let items = collect("get_single_pages_with_body_params", client().get_single_pages_with_body_params(body, None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_first_response_empty() {
    // An empty first page is not the end: its (relative) next link is followed.
    let items = collect("first_response_empty", client().first_response_empty(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_multiple() {
    let items = collect("get_multiple_pages", client().get_multiple_pages(None)).await;
    assert_eq!(ids(&items), one_to_ten());
}

#[tokio::test]
async fn paging_multiple_with_query_parameters() {
    // Page 2 comes from nextOperationWithQueryParams (x-ms-pageable operationName), which sends
    // its own constant query `queryConstant=true`; the server answers 400 to the bare next link.
    let items = collect("get_with_query_params", client().get_with_query_params(100, None)).await;
    assert_eq!(ids(&items), [1, 2]);
}

#[tokio::test]
async fn paging_duplicate_parameters() {
    // The next link carries its own `$filter`; the client's must not be added a second time.
    let options = PagingClientDuplicateParamsOptions { filter: Some("foo".to_string()), ..Default::default() };
    let items = collect("duplicate_params", client().duplicate_params(Some(options))).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_dont_send_max_page_size() {
    // `$maxpagesize` is optional: not given, not sent.
    let items = collect("page_with_max_page_size", client().page_with_max_page_size(None)).await;
    assert!(items.is_empty(), "{items:?}");
}

#[tokio::test]
async fn paging_odata_multiple() {
    let items = collect("get_odata_multiple_pages", client().get_odata_multiple_pages(None)).await;
    assert_eq!(ids(&items), one_to_ten());
}

#[tokio::test]
async fn paging_multiple_path() {
    // Pages 2 to 10 carry the offset (100) in their path and ids.
    let items = collect("get_multiple_pages_with_offset", client().get_multiple_pages_with_offset(100, None)).await;
    let expected: Vec<i64> = std::iter::once(1).chain(102..=110).collect();
    assert_eq!(ids(&items), expected);
}

#[tokio::test]
async fn paging_multiple_retry_first() {
    // The first page answers 500 once: retried.
    let items = collect("get_multiple_pages_retry_first", client().get_multiple_pages_retry_first(None)).await;
    assert_eq!(ids(&items), one_to_ten());
}

#[tokio::test]
async fn paging_multiple_retry_second() {
    // The second page answers 500 once: retried.
    let items = collect("get_multiple_pages_retry_second", client().get_multiple_pages_retry_second(None)).await;
    assert_eq!(ids(&items), [1, 1, 3, 4, 5, 6, 7, 8, 9, 10]);
}

#[tokio::test]
async fn paging_single_failure() {
    let (items, error) = collect_until_error("get_single_pages_failure", client().get_single_pages_failure(None)).await;
    assert!(items.is_empty(), "{items:?}");
    assert_eq!(status_of(&error), Some(StatusCode::BadRequest), "{error}");
}

#[tokio::test]
async fn paging_multiple_failure() {
    // The first page's item arrives; the second page fails with its status.
    let (items, error) = collect_until_error("get_multiple_pages_failure", client().get_multiple_pages_failure(None)).await;
    assert_eq!(ids(&items), [1]);
    assert_eq!(status_of(&error), Some(StatusCode::BadRequest), "{error}");
}

#[tokio::test]
async fn paging_multiple_failure_uri() {
    // The next link `*&*#&$` is no URL the client can follow: an error after the first page.
    let (items, error) = collect_until_error("get_multiple_pages_failure_uri", client().get_multiple_pages_failure_uri(None)).await;
    assert_eq!(ids(&items), [1]);
    assert_ne!(status_of(&error), Some(StatusCode::Ok), "{error}");
}

#[tokio::test]
async fn paging_fragment() {
    // `odata.nextLink` is a fragment (`next?page=2`) given to nextFragment (x-ms-pageable
    // operationName), whose path is `/paging/multiple/fragment/{tenant}/{nextLink}` with the same
    // `api_version` query.
    let items = collect(
        "get_multiple_pages_fragment_next_link",
        client().get_multiple_pages_fragment_next_link("1.6", "test_user", None),
    )
    .await;
    assert_eq!(ids(&items), one_to_ten());
}

#[tokio::test]
async fn paging_multiple_lro() {
    // A pageable long-running operation: the method waits for the operation, then pages
    // through the list it resolved to (its result is the first page).
    let options = PagingClientGetMultiplePagesLroOptions { method_options: poller_options(), ..Default::default() };
    let items = collect("get_multiple_pages_lro", client().get_multiple_pages_lro(Some(options)).await).await;
    assert_eq!(ids(&items), (1..=10).collect::<Vec<_>>(), "every page's item, in order");
}

#[tokio::test]
async fn paging_return_model_with_xms_client_name() {
    let items = collect(
        "get_paging_model_with_item_name_with_xms_client_name",
        client().get_paging_model_with_item_name_with_xms_client_name(None),
    )
    .await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_with_api_version_append() {
    // The next link lacks `api-version`: the client's (1.0.0) is added.
    let items = collect("append_api_version", client().append_api_version(None)).await;
    assert_eq!(ids(&items), [1]);
}

#[tokio::test]
async fn paging_with_api_version_replace() {
    // The next link has `Api-Version=notMe`: replaced by the client's, the other parameters kept.
    let items = collect("replace_api_version", client().replace_api_version(None)).await;
    assert_eq!(ids(&items), [1]);
}
