//! Drivers of `client-enum.json`: an enum parameter of the client (`x-ms-parameter-location:
//! client`), sent as a header.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use client_enum::models::XMsEnum;
use client_enum::{ClientWithEnumClient, ClientWithEnumClientOptions};
use conformance_drivers::{answered_bool, client_options, credential, endpoint};

#[tokio::test]
async fn client_with_enum_param() {
    // `x-ms-enum: single`.
    let options = ClientWithEnumClientOptions { client_options: client_options(), endpoint: Some(endpoint()), ..Default::default() };
    let client = ClientWithEnumClient::new(credential(), XMsEnum::Single, Some(options)).expect("a client");
    assert!(answered_bool("head", client.head(None).await), "HEAD answered 200");
}
