//! Drivers of `custom-baseUrl.json`: a parameterized host (`x-ms-parameterized-host`, template
//! `{accountName}{host}`, `host` defaulting to `host`), whose parameters are client settings.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, front, inexpressible};
use custom_baseurl::{AutoRestParameterizedHostTestClient, AutoRestParameterizedHostTestClientOptions};

#[tokio::test]
async fn custom_base_uri() {
    // `accountName` `local` and `host` `host:PORT` make `https://localhost:PORT`; the crate has no
    // such settings, so the endpoint is given whole.
    let endpoint = azure_core::http::Url::parse(&format!("https://{}{}", "local", format_args!("host:{}", front().port()))).expect("a URL");
    let options = AutoRestParameterizedHostTestClientOptions { client_options: client_options(), endpoint: Some(endpoint), ..Default::default() };
    let client = AutoRestParameterizedHostTestClient::new(credential(), Some(options)).expect("a client");
    assert_ok("get_empty", client.get_paths_client().get_empty(None).await);
    inexpressible(
        "`AutoRestParameterizedHostTestClient` has no settings for the spec's parameterized host `{accountName}{host}` \
         (`accountName` required, `host` defaulting to `host`): the caller must build the endpoint from the template \
         by hand and pass it whole (expected `account_name` and `host` client settings)",
    );
}
