//! Drivers of `head-exceptions.json`: HEAD operations whose spec declares only success codes, so
//! a `404` is an error (the status and the service's answer reachable from it).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::any::Any;

use conformance_drivers::{client_options, credential, endpoint, status_of};
use head_exceptions::error::StatusCode;
use head_exceptions::{AutoRestHeadExceptionTestServiceClient, AutoRestHeadExceptionTestServiceClientOptions};

fn client() -> head_exceptions::clients::HeadExceptionClient {
    let options = AutoRestHeadExceptionTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestHeadExceptionTestServiceClient::new(credential(), Some(options))
        .expect("a client")
        .get_head_exception_client()
}

/// A success: whatever the method returns, and `true` if it returns a boolean.
fn assert_success<T: Any>(method: &str, result: azure_core::Result<T>) {
    match result {
        Ok(value) => {
            if let Some(answer) = (&value as &dyn Any).downcast_ref::<bool>() {
                assert!(*answer, "`{method}` answered false for a success");
            }
        }
        Err(error) => panic!("`{method}` failed on a declared success: {error}"),
    }
}

#[tokio::test]
async fn http_success200_head() {
    assert_success("head200", client().head200(None).await);
}

#[tokio::test]
async fn http_success204_head() {
    assert_success("head204", client().head204(None).await);
}

#[tokio::test]
async fn http_success404_head() {
    // The spec declares only 204 for this path: the server's 404 is an error.
    let Err(error) = client().head404(None).await else {
        panic!("a 404 the spec does not declare is an error, but the call succeeded");
    };
    assert_eq!(status_of(&error), Some(StatusCode::NotFound), "{error}");
}
