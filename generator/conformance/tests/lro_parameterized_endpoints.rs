//! Drivers of `lro-parameterized-endpoints.json`: a long-running POST on a host built from
//! `x-ms-parameterized-host` (`{accountName}{host}`, the method's `account_name` `local` and the
//! client's `host` `host:PORT`, making `https://localhost:PORT`), answered with a relative
//! `Location`.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, front, poller_options};
use lro_parameterized_endpoints::clients::*;
use lro_parameterized_endpoints::{LroWithParamaterizedEndpointsClient, LroWithParamaterizedEndpointsClientOptions};

/// The client, with the `host` part of the template: `host:PORT` (the HTTPS front's port).
fn client() -> LroWithParamaterizedEndpointsClient {
    let options = LroWithParamaterizedEndpointsClientOptions {
        client_options: client_options(),
        host: Some(format!("host:{}", front().endpoint().port().expect("the front has a port"))),
        ..Default::default()
    };
    LroWithParamaterizedEndpointsClient::new(credential(), Some(options)).expect("a client")
}

#[tokio::test]
async fn lro_parameterized_endpoint() {
    let options = LroWithParamaterizedEndpointsClientPollWithParameterizedEndpointsOptions {
        method_options: poller_options(),
    };
    let result = client().poll_with_parameterized_endpoints("local", Some(options)).expect("a poller").await.expect("the operation");
    assert_eq!(result.into_model().expect("the result decodes"), "success");
}

/// `pollWithConstantParameterizedEndpoints`: the POST and the GET of its relative `Location`
/// are two scenarios.
async fn constant_parameterized() {
    let options = LroWithParamaterizedEndpointsClientPollWithConstantParameterizedEndpointsOptions {
        method_options: poller_options(),
        ..Default::default()
    };
    let result =
        client().poll_with_constant_parameterized_endpoints("local", Some(options)).expect("a poller").await.expect("the operation");
    assert_eq!(result.into_model().expect("the result decodes"), "success");
}

#[tokio::test]
async fn lro_constant_parameterized_post() {
    constant_parameterized().await;
}

#[tokio::test]
async fn lro_constant_parameterized_get() {
    constant_parameterized().await;
}
