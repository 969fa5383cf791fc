//! Drivers of `custom-baseUrl-paging.json`: pages on a host built from
//! `x-ms-parameterized-host` (`{accountName}{host}`: the method's `account_name` `local` and the
//! client's `host` `host:PORT`, making `https://localhost:PORT`), with relative next links (one
//! resolved against the host, one given to the next operation's path).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, front};
use custom_baseurl_paging::clients::*;
use custom_baseurl_paging::models::Product;
use custom_baseurl_paging::{AutoRestParameterizedHostTestPagingClient, AutoRestParameterizedHostTestPagingClientOptions};
use futures::TryStreamExt as _;

/// The client, with the `host` part of the template: `host:PORT` (the HTTPS front's port).
fn client() -> PagingClient {
    let options = AutoRestParameterizedHostTestPagingClientOptions {
        client_options: client_options(),
        host: Some(format!("host:{}", front().endpoint().port().expect("the front has a port"))),
        ..Default::default()
    };
    AutoRestParameterizedHostTestPagingClient::new(credential(), Some(options)).expect("a client").get_paging_client()
}

fn ids(items: &[Product]) -> Vec<Option<i64>> {
    items.iter().map(|p| p.properties.as_ref().and_then(|p| p.id)).collect()
}

#[tokio::test]
async fn paging_custom_url_partial_next_link() {
    let pager = client().get_pages_partial_url("local", None).expect("a pager");
    let items: Vec<Product> = pager.try_collect().await.expect("every page");
    assert_eq!(ids(&items), [Some(1), Some(2)]);
}

#[tokio::test]
async fn paging_custom_url_partial_operation_next_link() {
    // Page 2 comes from getPagesPartialUrlOperationNext (the x-ms-pageable operationName), on
    // the same templated host.
    let pager = client().get_pages_partial_url_operation("local", None).expect("a pager");
    let items: Vec<Product> = pager.try_collect().await.expect("every page");
    assert_eq!(ids(&items), [Some(1), Some(2)]);
}
