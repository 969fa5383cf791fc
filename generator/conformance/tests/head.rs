//! Drivers of `head.json`: HEAD operations whose spec declares `404`, so each answers whether
//! the resource exists (`404` is `false`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{answered_bool, client_options, credential, endpoint};
use head::{AutoRestHeadTestServiceClient, AutoRestHeadTestServiceClientOptions};

fn client() -> head::clients::HttpSuccessClient {
    let options = AutoRestHeadTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestHeadTestServiceClient::new(credential(), Some(options)).expect("a client").get_http_success_client()
}

#[tokio::test]
async fn http_success200_head() {
    assert!(answered_bool("head200", client().head200(None).await), "HEAD answered 200: the resource exists");
}

#[tokio::test]
async fn http_success204_head() {
    assert!(answered_bool("head204", client().head204(None).await), "HEAD answered 204: the resource exists");
}

#[tokio::test]
async fn http_success404_head() {
    assert!(!answered_bool("head404", client().head404(None).await), "HEAD answered 404: the resource does not exist");
}
