//! Drivers of `custom-baseUrl-more-options.json`: a parameterized host without a scheme prefix
//! (template `{vault}{secret}{dnsSuffix}`, `dnsSuffix` a client setting defaulting to `host`,
//! `vault` and `secret` method arguments), the subscription id in the path, and an optional query
//! parameter.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, front};
use custom_baseurl_more_options::clients::PathsClientGetEmptyOptions;
use custom_baseurl_more_options::{AutoRestParameterizedCustomHostTestClient, AutoRestParameterizedCustomHostTestClientOptions};

#[tokio::test]
async fn custom_base_uri_more_options() {
    // `vault` `https://lo`, `secret` `cal` and `dnsSuffix` `host:PORT` make `https://localhost:PORT`,
    // the front. No `endpoint`: the template is filled in.
    let options = AutoRestParameterizedCustomHostTestClientOptions {
        client_options: client_options(),
        dns_suffix: Some(format!("host:{}", front().port())),
        ..Default::default()
    };
    let client = AutoRestParameterizedCustomHostTestClient::new(credential(), "test12", Some(options)).expect("a client");
    // The server wants `keyVersion=v1`, the value the spec calls the parameter's default. In
    // Swagger 2.0 a default is what the server assumes when the client sends nothing, so the
    // caller who needs it on the wire gives it, as AutoRest's Go test of this scenario does.
    let options = PathsClientGetEmptyOptions { key_version: Some("v1".to_string()), ..Default::default() };
    assert_ok("get_empty", client.get_paths_client().get_empty("https://lo", "cal", "key1", Some(options)).await);
}
