//! Drivers of `custom-baseUrl.json`: a parameterized host (`x-ms-parameterized-host`, template
//! `{accountName}{host}`, `host` defaulting to `host`), whose parameters are a client setting
//! (`host`) and a method argument (`account_name`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, front};
use custom_baseurl::{AutoRestParameterizedHostTestClient, AutoRestParameterizedHostTestClientOptions};

#[tokio::test]
async fn custom_base_uri() {
    // `accountName` `local` and `host` `host:PORT` make `https://localhost:PORT`, the front (the
    // scheme prefix is the template's). No `endpoint`: the template is filled in.
    let options = AutoRestParameterizedHostTestClientOptions {
        client_options: client_options(),
        host: Some(format!("host:{}", front().port())),
        ..Default::default()
    };
    let client = AutoRestParameterizedHostTestClient::new(credential(), Some(options)).expect("a client");
    assert_ok("get_empty", client.get_paths_client().get_empty("local", None).await);
}
