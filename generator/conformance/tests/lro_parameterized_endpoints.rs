//! Drivers of `lro-parameterized-endpoints.json`: a long-running POST on a host built from
//! `x-ms-parameterized-host` (`{accountName}{host}`, `accountName` `local` and `host`
//! `host:PORT` making `localhost:PORT`), answered with a relative `Location`.
//!
//! The generated client has no `accountName` or `host` setting, only an `endpoint` whose default
//! is the spec's `host` (`badhost`): the scenarios cannot be expressed as the spec means them.
//! Each test still runs the operation with the endpoint a user would have to build by hand, so
//! the report says whether the polling itself works, then fails saying what the API lacks.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use conformance_drivers::{client_options, credential, front, inexpressible, poller_options};
use lro_parameterized_endpoints::clients::*;
use lro_parameterized_endpoints::{LroWithParamaterizedEndpointsClient, LroWithParamaterizedEndpointsClientOptions};

/// The client, with the endpoint `https://localhost:PORT` that `{accountName}{host}` would make.
fn client() -> LroWithParamaterizedEndpointsClient {
    let options = LroWithParamaterizedEndpointsClientOptions {
        client_options: client_options(),
        endpoint: Some(front().localhost_endpoint()),
        ..Default::default()
    };
    LroWithParamaterizedEndpointsClient::new(credential(), Some(options)).expect("a client")
}

const LACKS: &str = "the client has no `account_name` and `host` settings for the spec's \
    x-ms-parameterized-host `{accountName}{host}` (only `endpoint`, defaulting to `badhost`)";

/// What the operation gave with the endpoint built by hand, for the failure message.
async fn outcome<P, T>(poller: azure_core::Result<P>) -> String
where
    P: std::future::IntoFuture<Output = azure_core::Result<azure_core::http::Response<T>>>,
    T: serde::de::DeserializeOwned + std::fmt::Debug,
{
    match poller {
        Err(e) => format!("did not start: {e}"),
        Ok(poller) => match poller.await {
            Err(e) => format!("failed: {e}"),
            Ok(response) => format!("ended in {:?}", response.into_model().map_err(|e| e.to_string())),
        },
    }
}

#[tokio::test]
async fn lro_parameterized_endpoint() {
    let options = LroWithParamaterizedEndpointsClientPollWithParameterizedEndpointsOptions {
        method_options: poller_options(),
    };
    let got = outcome(client().poll_with_parameterized_endpoints(Some(options))).await;
    inexpressible(&format!("{LACKS}; with the endpoint built by hand, the operation {got} (expected Ok(\"success\"))"));
}

/// `pollWithConstantParameterizedEndpoints`: the POST and the GET of its relative `Location`
/// are two scenarios.
async fn constant_parameterized() {
    let options = LroWithParamaterizedEndpointsClientPollWithConstantParameterizedEndpointsOptions {
        method_options: poller_options(),
    };
    let got = outcome(client().poll_with_constant_parameterized_endpoints(Some(options))).await;
    inexpressible(&format!("{LACKS}; with the endpoint built by hand, the operation {got} (expected Ok(\"success\"))"));
}

#[tokio::test]
async fn lro_constant_parameterized_post() {
    constant_parameterized().await;
}

#[tokio::test]
async fn lro_constant_parameterized_get() {
    constant_parameterized().await;
}
