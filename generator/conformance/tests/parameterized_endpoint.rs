//! Drivers of `parameterized-endpoint.json`: a parameterized host that is the whole endpoint
//! (template `{endpoint}`, no scheme prefix), a required argument of the client's constructor.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{assert_ok, client_options, credential, endpoint};
use parameterized_endpoint::{ParmaterizedEndpointClient, ParmaterizedEndpointClientOptions};

#[tokio::test]
async fn get_parameterized_host_with_name_endpoint() {
    // The template's `endpoint` is the front's URL; no `endpoint` option, so the template is
    // filled in. (The constructor names the argument `endpoint2`, the options having an
    // `endpoint` already.)
    let options = ParmaterizedEndpointClientOptions { client_options: client_options(), ..Default::default() };
    let client = ParmaterizedEndpointClient::new(credential(), endpoint().as_str(), Some(options)).expect("a client");
    assert_ok("get", client.get(None).await);
}
