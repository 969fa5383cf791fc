//! Drivers of `custom-baseUrl-paging.json`: pages on a host built from
//! `x-ms-parameterized-host` (`{accountName}{host}`: `local` and `host:PORT`), with relative
//! next links (one resolved against the host, one given to the next operation's path).
//!
//! The generated client has no `accountName` or `host` setting, only `endpoint`: each test runs
//! the pager with the endpoint a user would build by hand, so the report says whether the paging
//! works, then fails saying what the API lacks.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use custom_baseurl_paging::clients::*;
use custom_baseurl_paging::models::Product;
use custom_baseurl_paging::{AutoRestParameterizedHostTestPagingClient, AutoRestParameterizedHostTestPagingClientOptions};
use conformance_drivers::{client_options, credential, front, inexpressible};
use futures::TryStreamExt as _;

fn client() -> PagingClient {
    let options = AutoRestParameterizedHostTestPagingClientOptions {
        client_options: client_options(),
        endpoint: Some(front().localhost_endpoint()),
        ..Default::default()
    };
    AutoRestParameterizedHostTestPagingClient::new(credential(), Some(options)).expect("a client").get_paging_client()
}

const LACKS: &str = "the client has no `account_name` and `host` settings for the spec's \
    x-ms-parameterized-host `{accountName}{host}` (only `endpoint`, defaulting to `badhost`)";

fn ids(items: &[Product]) -> Vec<Option<i64>> {
    items.iter().map(|p| p.properties.as_ref().and_then(|p| p.id)).collect()
}

#[tokio::test]
async fn paging_custom_url_partial_next_link() {
    let pager = client().get_pages_partial_url(None).expect("a pager");
    let got = pager.try_collect::<Vec<Product>>().await.map(|items| ids(&items));
    inexpressible(&format!("{LACKS}; with the endpoint built by hand, the items were {got:?} (expected ids [1, 2])"));
}

#[tokio::test]
async fn paging_custom_url_partial_operation_next_link() {
    let pager = client().get_pages_partial_url_operation(None).expect("a pager");
    let got = pager.try_collect::<Vec<Product>>().await.map(|items| ids(&items));
    inexpressible(&format!(
        "{LACKS}; with the endpoint built by hand, the items were {got:?} (expected ids [1, 2], page 2 \
         from getPagesPartialUrlOperationNext, the x-ms-pageable operationName)"
    ));
}
