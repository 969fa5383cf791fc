//! Drivers of `custom-baseUrl-more-options.json`: a parameterized host without a scheme prefix
//! (template `{vault}{secret}{dnsSuffix}`, `dnsSuffix` defaulting to `host`), the subscription id
//! in the path, and an optional query parameter whose default (`keyVersion=v1`) is sent when the
//! caller gives none.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, front, inexpressible};
use custom_baseurl_more_options::{AutoRestParameterizedCustomHostTestClient, AutoRestParameterizedCustomHostTestClientOptions};

#[tokio::test]
async fn custom_base_uri_more_options() {
    // `vault` `https://lo`, `secret` `cal` and `dnsSuffix` `host:PORT` make `https://localhost:PORT`;
    // the crate has no such settings, so the endpoint is given whole.
    let endpoint = azure_core::http::Url::parse(&format!("{}{}host:{}", "https://lo", "cal", front().port())).expect("a URL");
    let options =
        AutoRestParameterizedCustomHostTestClientOptions { client_options: client_options(), endpoint: Some(endpoint), ..Default::default() };
    let client = AutoRestParameterizedCustomHostTestClient::new(credential(), "test12", Some(options)).expect("a client");
    // No `key_version`: its default, `v1`, is sent.
    let result = client.get_paths_client().get_empty("key1", None).await;
    if let Err(error) = &result {
        panic!("`get_empty` failed (the server expects `keyVersion=v1`, the parameter's default): {error}");
    }
    inexpressible(
        "`AutoRestParameterizedCustomHostTestClient` has no settings for the spec's parameterized host \
         `{vault}{secret}{dnsSuffix}` (`vault` and `secret` required, `dnsSuffix` defaulting to `host`): the caller \
         must build the endpoint from the template by hand and pass it whole (expected `vault`, `secret` and \
         `dns_suffix` client settings)",
    );
}
