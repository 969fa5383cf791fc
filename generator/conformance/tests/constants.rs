//! Drivers of `constants.json`: constants of the client (a path, a query and a header parameter,
//! each a one-value enum at `x-ms-parameter-location: client`), sent by the client without the
//! caller passing them. The spec's other operations have no route on the server.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use constants::{AutoRestSwaggerConstantServiceClient, AutoRestSwaggerConstantServiceClientOptions};
use conformance_drivers::{assert_ok, client_options, credential, endpoint};

#[tokio::test]
async fn constant_client_properties() {
    // `PUT /constants/clientConstants/path?query-constant=100` with `header-constant: true`.
    let options =
        AutoRestSwaggerConstantServiceClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    let client = AutoRestSwaggerConstantServiceClient::new(credential(), Some(options)).expect("a client").get_contants_client();
    assert_ok("put_client_constants", client.put_client_constants(None).await);
}
