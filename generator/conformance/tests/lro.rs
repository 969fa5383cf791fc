//! Drivers of `lro.json`: long-running operations as the official Azure runtimes poll them.
//!
//! Each test starts the operation with the poller's frequency at azure_core's minimum (one
//! second; most scenarios send `Retry-After: 0`) and awaits the poller, then checks the outcome
//! the scenario means: the final resource, an error carrying the service's status and message,
//! or a failure the user can see. Where the test server and ARM's guidance differ, the drivers
//! follow what the official runtimes (azure-core for Python, azcore for Go) do, said at each test.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::any::Any;
use std::future::IntoFuture;

use azure_core::http::request::options::ClientRequestId;
use azure_core::http::{Context, JsonFormat, NoFormat, Response, StatusCode};
use conformance_drivers::{client_options, credential, endpoint, poller_options, status_of, CLIENT_REQUEST_ID};
use lro::clients::*;
use lro::lro::PollerOptions;
use lro::models::{CloudError, Product, Sku, SubProduct};
use lro::{AutoRestLongRunningOperationTestServiceClient, AutoRestLongRunningOperationTestServiceClientOptions};

fn client() -> AutoRestLongRunningOperationTestServiceClient {
    let options = AutoRestLongRunningOperationTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestLongRunningOperationTestServiceClient::new(credential(), Some(options)).expect("a client")
}

fn lros() -> LrOsClient {
    client().get_lr_os_client()
}

fn retrys() -> LroRetrysClient {
    client().get_lro_retrys_client()
}

fn sads() -> LrosaDsClient {
    client().get_lrosa_ds_client()
}

fn custom() -> LrOsCustomHeaderClient {
    client().get_lr_os_custom_header_client()
}

/// A method's options: nothing but fast polling.
macro_rules! fast {
    ($options:ident) => {
        Some($options { method_options: poller_options(), ..Default::default() })
    };
}

/// A method's options with fast polling and `x-ms-client-request-id` set, for every request of
/// the operation, through azure_core's `ClientRequestId` in the poller's context.
macro_rules! with_request_id {
    ($options:ident) => {
        Some($options {
            method_options: PollerOptions {
                context: Context::new().with_value(ClientRequestId::new(CLIENT_REQUEST_ID.to_string())),
                ..poller_options()
            },
            ..Default::default()
        })
    };
}

/// Awaits the operation to its final response; the test fails with the error if it fails.
async fn done<P, R>(method: &str, started: azure_core::Result<P>) -> R
where
    P: IntoFuture<Output = azure_core::Result<R>>,
{
    let poller = started.unwrap_or_else(|e| panic!("`{method}` did not start: {e}"));
    poller.await.unwrap_or_else(|e| panic!("`{method}` failed where the service reported success: {e}"))
}

/// Awaits the operation, which must fail; its error.
async fn fails<P, R>(method: &str, started: azure_core::Result<P>) -> azure_core::Error
where
    P: IntoFuture<Output = azure_core::Result<R>>,
    R: FinalModel,
{
    let poller = match started {
        Ok(poller) => poller,
        Err(e) => return e,
    };
    match poller.await {
        Ok(_) => panic!("`{method}` succeeded (ending in `{}`) where it must fail", R::type_name()),
        Err(e) => e,
    }
}

/// A poller's final response, whatever its model type and format.
trait FinalModel {
    /// The response's type, for messages.
    fn type_name() -> &'static str {
        std::any::type_name::<Self>()
    }
    /// The decoded model, type-erased.
    fn model(self) -> Result<Box<dyn Any>, String>;
}

impl<T: serde::de::DeserializeOwned + Any> FinalModel for Response<T, JsonFormat> {
    fn model(self) -> Result<Box<dyn Any>, String> {
        self.into_model().map(|m| Box::new(m) as Box<dyn Any>).map_err(|e| e.to_string())
    }
}

impl FinalModel for Response<(), NoFormat> {
    fn model(self) -> Result<Box<dyn Any>, String> {
        Ok(Box::new(()))
    }
}

/// The final result decoded as `W`, the type the spec declares for it; the test fails when the
/// method's result type is another, or the body does not decode.
fn result_as<R: FinalModel, W: Clone + Any>(method: &str, response: R) -> W {
    let model = response.model().unwrap_or_else(|e| panic!("`{method}`'s final result does not decode: {e}"));
    match model.downcast_ref::<W>() {
        Some(value) => value.clone(),
        None => conformance_drivers::inexpressible(&format!(
            "`{method}` ends in `{}`, but the spec declares its final result as `{}`",
            R::type_name(),
            std::any::type_name::<W>()
        )),
    }
}

fn state(product: &Product) -> Option<&str> {
    product.properties.as_ref().and_then(|p| p.provisioning_state.as_deref())
}

/// The product `{"id": "100", "name": "foo"}` the server answers, in provisioning state `expected`.
#[track_caller]
fn assert_product(product: &Product, expected: Option<&str>) {
    assert_eq!(product.id.as_deref(), Some("100"), "{product:?}");
    assert_eq!(product.name.as_deref(), Some("foo"), "{product:?}");
    assert_eq!(state(product), expected, "{product:?}");
}

/// A failure with `status`; `message`, when given, is the service's message, reachable as the
/// decoded error of the spec (`CloudError`).
#[track_caller]
fn assert_failure(error: &azure_core::Error, status: StatusCode, message: Option<&str>) {
    assert_eq!(status_of(error), Some(status), "{error}");
    if let Some(message) = message {
        let service = lro::service_error::<CloudError>(error)
            .unwrap_or_else(|| panic!("the error carries no decoded CloudError: {error}"));
        assert_eq!(service.message(), Some(message), "{error}");
    }
}

/// An operation the service reported `Failed` or `Canceled` (`state`): the user sees it, either
/// as an error (what azcore for Go does), or as the final resource in that state (what
/// azure-core for Python does when it polled `Location`). Either way, not as a success.
async fn assert_ended_in<P, R>(method: &str, started: azure_core::Result<P>, expected: &str)
where
    P: IntoFuture<Output = azure_core::Result<R>>,
    R: FinalModel,
{
    let poller = started.unwrap_or_else(|e| panic!("`{method}` did not start: {e}"));
    let Ok(response) = poller.await else { return };
    let model = response.model().ok();
    let product = model.as_ref().and_then(|m| m.downcast_ref::<Product>());
    match product {
        Some(product) if state(product) == Some(expected) => {}
        _ => panic!("`{method}` ended as a success (`{}`) though the service reported the operation {expected}", R::type_name()),
    }
}

// ---- PUT and PATCH that complete, or poll to completion ----

#[tokio::test]
async fn lro_put_inline_complete() {
    let response = done("put200_succeeded", lros().put200_succeeded(fast!(LrOsClientPut200SucceededOptions))).await;
    let product: Product = result_as("put200_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_inline_complete201() {
    let response = done("put201_succeeded", lros().put201_succeeded(fast!(LrOsClientPut201SucceededOptions))).await;
    let product: Product = result_as("put201_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put200_inline_complete_no_state() {
    let response = done(
        "put200_succeeded_no_state",
        lros().put200_succeeded_no_state(fast!(LrOsClientPut200SucceededNoStateOptions)),
    )
    .await;
    let product: Product = result_as("put200_succeeded_no_state", response);
    assert_product(&product, None);
}

#[tokio::test]
async fn lro_patch_inline_complete_ignore_headers() {
    // A terminal body ends the operation at once: the Azure-AsyncOperation header points at a
    // URL that answers 404 and must not be called.
    let response = done(
        "patch200_succeeded_ignore_headers",
        lros().patch200_succeeded_ignore_headers(fast!(LrOsClientPatch200SucceededIgnoreHeadersOptions)),
    )
    .await;
    let product: Product = result_as("patch200_succeeded_ignore_headers", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_patch201_with_async_header() {
    // Polls Azure-AsyncOperation, then reads the resource again from the PATCH's URL.
    let response = done(
        "patch201_retry_with_async_header",
        lros().patch201_retry_with_async_header(fast!(LrOsClientPatch201RetryWithAsyncHeaderOptions)),
    )
    .await;
    let product: Product = result_as("patch201_retry_with_async_header", response);
    assert_eq!(product.id.as_deref(), Some("/lro/patch/201/retry/onlyAsyncHeader"), "{product:?}");
    assert_eq!(state(&product), Some("Succeeded"));
}

#[tokio::test]
async fn lro_patch202_with_async_and_location_header() {
    // Polls Azure-AsyncOperation; a PATCH's final result is the resource at its own URL (the
    // official runtimes), not the Location URL.
    let response = done(
        "patch202_retry_with_async_and_location_header",
        lros().patch202_retry_with_async_and_location_header(fast!(
            LrOsClientPatch202RetryWithAsyncAndLocationHeaderOptions
        )),
    )
    .await;
    let product: Product = result_as("patch202_retry_with_async_and_location_header", response);
    assert_eq!(product.id.as_deref(), Some("/lro/patch/202/retry/asyncAndLocationHeader"), "{product:?}");
    assert_eq!(state(&product), Some("Succeeded"));
}

#[tokio::test]
async fn lro_put202_retry200() {
    // 202 with only a Location header: the resource is the Location poll's 200 body (the PUT's
    // own URL has no GET on this server).
    let response = done("put202_retry200", lros().put202_retry200(fast!(LrOsClientPut202Retry200Options))).await;
    let product: Product = result_as("put202_retry200", response);
    assert_product(&product, None);
}

#[tokio::test]
async fn lro_put_succeeded_with_body() {
    let response = done(
        "put201_creating_succeeded200",
        lros().put201_creating_succeeded200(fast!(LrOsClientPut201CreatingSucceeded200Options)),
    )
    .await;
    let product: Product = result_as("put201_creating_succeeded200", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_succeeded_no_body() {
    let response = done(
        "put200_updating_succeeded204",
        lros().put200_updating_succeeded204(fast!(LrOsClientPut200UpdatingSucceeded204Options)),
    )
    .await;
    let product: Product = result_as("put200_updating_succeeded204", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_failed() {
    // The resource ends in provisioning state Failed: the poller ends in an error.
    fails(
        "put201_creating_failed200",
        lros().put201_creating_failed200(fast!(LrOsClientPut201CreatingFailed200Options)),
    )
    .await;
}

#[tokio::test]
async fn lro_put_canceled() {
    fails(
        "put200_acceptedcanceled200",
        lros().put200_acceptedcanceled200(fast!(LrOsClientPut200Acceptedcanceled200Options)),
    )
    .await;
}

#[tokio::test]
async fn lro_put_async_retry_succeeded() {
    let response = done(
        "put_async_retry_succeeded",
        lros().put_async_retry_succeeded(fast!(LrOsClientPutAsyncRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("put_async_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_async_no_retry_succeeded() {
    let response = done(
        "put_async_no_retry_succeeded",
        lros().put_async_no_retry_succeeded(fast!(LrOsClientPutAsyncNoRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("put_async_no_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_async_retry_failed() {
    fails("put_async_retry_failed", lros().put_async_retry_failed(fast!(LrOsClientPutAsyncRetryFailedOptions))).await;
}

#[tokio::test]
async fn lro_put_async_no_retry_canceled() {
    fails(
        "put_async_no_retrycanceled",
        lros().put_async_no_retrycanceled(fast!(LrOsClientPutAsyncNoRetrycanceledOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_put_no_header_in_retry() {
    let response = done("put_no_header_in_retry", lros().put_no_header_in_retry(fast!(LrOsClientPutNoHeaderInRetryOptions))).await;
    let product: Product = result_as("put_no_header_in_retry", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_async_no_header_in_retry() {
    let response = done(
        "put_async_no_header_in_retry",
        lros().put_async_no_header_in_retry(fast!(LrOsClientPutAsyncNoHeaderInRetryOptions)),
    )
    .await;
    let product: Product = result_as("put_async_no_header_in_retry", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_put_sub_resource_in_retry() {
    let response = done("put_sub_resource", lros().put_sub_resource(fast!(LrOsClientPutSubResourceOptions))).await;
    let sub: SubProduct = result_as("put_sub_resource", response);
    assert_eq!(sub.id.as_deref(), Some("100"), "{sub:?}");
    assert_eq!(sub.properties.as_ref().and_then(|p| p.provisioning_state.as_deref()), Some("Succeeded"), "{sub:?}");
}

#[tokio::test]
async fn lro_put_sub_resource_async_in_retry() {
    let response = done("put_async_sub_resource", lros().put_async_sub_resource(fast!(LrOsClientPutAsyncSubResourceOptions))).await;
    let sub: SubProduct = result_as("put_async_sub_resource", response);
    assert_eq!(sub.id.as_deref(), Some("100"), "{sub:?}");
    assert_eq!(sub.properties.as_ref().and_then(|p| p.provisioning_state.as_deref()), Some("Succeeded"), "{sub:?}");
}

#[tokio::test]
async fn lro_put_non_resource_in_retry() {
    let response = done("put_non_resource", lros().put_non_resource(fast!(LrOsClientPutNonResourceOptions))).await;
    let sku: Sku = result_as("put_non_resource", response);
    assert_eq!((sku.id.as_deref(), sku.name.as_deref()), (Some("100"), Some("sku")), "{sku:?}");
}

#[tokio::test]
async fn lro_put_non_resource_async_in_retry() {
    let response = done("put_async_non_resource", lros().put_async_non_resource(fast!(LrOsClientPutAsyncNonResourceOptions))).await;
    let sku: Sku = result_as("put_async_non_resource", response);
    assert_eq!((sku.id.as_deref(), sku.name.as_deref()), (Some("100"), Some("sku")), "{sku:?}");
}

// ---- DELETE ----

#[tokio::test]
async fn lro_delete_no_header_in_retry() {
    let response = done(
        "delete_no_header_in_retry",
        lros().delete_no_header_in_retry(fast!(LrOsClientDeleteNoHeaderInRetryOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn lro_delete_async_no_header_in_retry() {
    let response = done(
        "delete_async_no_header_in_retry",
        lros().delete_async_no_header_in_retry(fast!(LrOsClientDeleteAsyncNoHeaderInRetryOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn lro_delete_provisioning_succeeded_with_body() {
    // The spec declares the final 200 body (a Product), and the server sends it.
    let response = done(
        "delete_provisioning202_accepted200_succeeded",
        lros().delete_provisioning202_accepted200_succeeded(fast!(LrOsClientDeleteProvisioning202Accepted200SucceededOptions)),
    )
    .await;
    let product: Product = result_as("delete_provisioning202_accepted200_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_delete_provisioning_failed() {
    assert_ended_in(
        "delete_provisioning202_deleting_failed200",
        lros().delete_provisioning202_deleting_failed200(fast!(LrOsClientDeleteProvisioning202DeletingFailed200Options)),
        "Failed",
    )
    .await;
}

#[tokio::test]
async fn lro_delete_provisioning_canceled() {
    assert_ended_in(
        "delete_provisioning202_deletingcanceled200",
        lros().delete_provisioning202_deletingcanceled200(fast!(LrOsClientDeleteProvisioning202Deletingcanceled200Options)),
        "Canceled",
    )
    .await;
}

#[tokio::test]
async fn lro_delete_inline_complete() {
    let response = done("delete204_succeeded", lros().delete204_succeeded(fast!(LrOsClientDelete204SucceededOptions))).await;
    assert_eq!(response.status(), StatusCode::NoContent);
}

#[tokio::test]
async fn lro_delete200() {
    let response = done("delete202_retry200", lros().delete202_retry200(fast!(LrOsClientDelete202Retry200Options))).await;
    assert_eq!(response.status(), StatusCode::Ok);
}

#[tokio::test]
async fn lro_delete204() {
    let response = done("delete202_no_retry204", lros().delete202_no_retry204(fast!(LrOsClientDelete202NoRetry204Options))).await;
    assert_eq!(response.status(), StatusCode::NoContent);
}

#[tokio::test]
async fn lro_delete_async_retry_succeeded() {
    let response = done(
        "delete_async_retry_succeeded",
        lros().delete_async_retry_succeeded(fast!(LrOsClientDeleteAsyncRetrySucceededOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn lro_delete_async_no_retry_succeeded() {
    let response = done(
        "delete_async_no_retry_succeeded",
        lros().delete_async_no_retry_succeeded(fast!(LrOsClientDeleteAsyncNoRetrySucceededOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn lro_delete_async_retry_failed() {
    fails("delete_async_retry_failed", lros().delete_async_retry_failed(fast!(LrOsClientDeleteAsyncRetryFailedOptions))).await;
}

#[tokio::test]
async fn lro_delete_async_retry_canceled() {
    fails(
        "delete_async_retrycanceled",
        lros().delete_async_retrycanceled(fast!(LrOsClientDeleteAsyncRetrycanceledOptions)),
    )
    .await;
}

// ---- POST ----

#[tokio::test]
async fn lro_post_succeded_with_body() {
    // The spec declares no final body, so there is none to check: the operation succeeds once
    // the Location poll has moved to the new URI and answered 200.
    let response = done("post202_retry200", lros().post202_retry200(fast!(LrOsClientPost202Retry200Options))).await;
    assert_eq!(response.status(), StatusCode::Ok);
}

#[tokio::test]
async fn lro_post_succeded_no_body() {
    // The first Location poll answers 202 with a new Location, whose poll answers 204: the
    // operation succeeded with nothing to return, and that 204 is its final answer.
    let response = done("post202_no_retry204", lros().post202_no_retry204(fast!(LrOsClientPost202NoRetry204Options))).await;
    assert_eq!(response.status(), StatusCode::NoContent, "the final answer is the last Location's 204");
}

#[tokio::test]
async fn lro_post200() {
    let response = done("post200_with_payload", lros().post200_with_payload(fast!(LrOsClientPost200WithPayloadOptions))).await;
    let sku: Sku = result_as("post200_with_payload", response);
    assert_eq!((sku.id.as_deref(), sku.name.as_deref()), (Some("1"), Some("product")), "{sku:?}");
}

/// `postDoubleHeadersFinalLocationGet` (`final-state-via: location`): polls Azure-AsyncOperation,
/// then reads the final result from Location. Three scenarios count its three requests.
async fn post_double_headers_final_location_get() {
    let response = done(
        "post_double_headers_final_location_get",
        lros().post_double_headers_final_location_get(fast!(LrOsClientPostDoubleHeadersFinalLocationGetOptions)),
    )
    .await;
    let product: Product = result_as("post_double_headers_final_location_get", response);
    assert_product(&product, None);
}

#[tokio::test]
async fn lro_post_double_headers_final_location_post() {
    post_double_headers_final_location_get().await;
}

#[tokio::test]
async fn lro_post_double_headers_final_location_async() {
    post_double_headers_final_location_get().await;
}

#[tokio::test]
async fn lro_post_double_headers_final_location_get() {
    post_double_headers_final_location_get().await;
}

#[tokio::test]
async fn lro_post_double_headers_final_azure_header_get() {
    // `final-state-via: azure-async-operation`: the result is the monitor's body, and Location
    // (which answers 400 here) is never read.
    let response = done(
        "post_double_headers_final_azure_header_get",
        lros().post_double_headers_final_azure_header_get(fast!(LrOsClientPostDoubleHeadersFinalAzureHeaderGetOptions)),
    )
    .await;
    let product: Product = result_as("post_double_headers_final_azure_header_get", response);
    assert_eq!(product.id.as_deref(), Some("100"), "{product:?}");
}

#[tokio::test]
async fn lro_post_double_headers_final_azure_header_get_default() {
    // No final-state-via: a POST's result is read from Location (ARM's default).
    let response = done(
        "post_double_headers_final_azure_header_get_default",
        lros().post_double_headers_final_azure_header_get_default(fast!(
            LrOsClientPostDoubleHeadersFinalAzureHeaderGetDefaultOptions
        )),
    )
    .await;
    let product: Product = result_as("post_double_headers_final_azure_header_get_default", response);
    assert_product(&product, None);
}

#[tokio::test]
async fn lro_post_and_get_list() {
    let response = done("post202_list", lros().post202_list(fast!(LrOsClientPost202ListOptions))).await;
    let products: Vec<Product> = result_as("post202_list", response);
    assert_eq!(products.len(), 1, "{products:?}");
    assert_product(&products[0], None);
}

#[tokio::test]
async fn lro_post_async_retry_succeeded() {
    let response = done(
        "post_async_retry_succeeded",
        lros().post_async_retry_succeeded(fast!(LrOsClientPostAsyncRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("post_async_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_post_async_no_retry_succeeded() {
    let response = done(
        "post_async_no_retry_succeeded",
        lros().post_async_no_retry_succeeded(fast!(LrOsClientPostAsyncNoRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("post_async_no_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_post_async_retry_failed() {
    // The monitor's body carries the service's error: it must reach the user.
    let error = fails("post_async_retry_failed", lros().post_async_retry_failed(fast!(LrOsClientPostAsyncRetryFailedOptions))).await;
    let service = lro::service_error::<CloudError>(&error)
        .unwrap_or_else(|| panic!("the error carries no decoded CloudError: {error}"));
    assert_eq!(service.message(), Some("Internal Server Error"), "{error}");
    assert_eq!(service.error().and_then(|e| e.code), Some(500), "{error}");
}

#[tokio::test]
async fn lro_post_async_retry_canceled() {
    fails("post_async_retrycanceled", lros().post_async_retrycanceled(fast!(LrOsClientPostAsyncRetrycanceledOptions))).await;
}

// ---- 5xx retried during the operation ----

#[tokio::test]
async fn lro_retry_put_succeeded_with_body() {
    let response = done(
        "put201_creating_succeeded200",
        retrys().put201_creating_succeeded200(fast!(LroRetrysClientPut201CreatingSucceeded200Options)),
    )
    .await;
    let product: Product = result_as("put201_creating_succeeded200", response);
    assert_product(&product, Some("Succeeded"));
}

/// `putAsyncRelativeRetrySucceeded`: the PUT, the monitor and the final GET each answer 500
/// once; two scenarios count the monitor and the final GET.
async fn put_async_relative_retry_succeeded() {
    let response = done(
        "put_async_relative_retry_succeeded",
        retrys().put_async_relative_retry_succeeded(fast!(LroRetrysClientPutAsyncRelativeRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("put_async_relative_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_retry_error_put_async_succeeded() {
    put_async_relative_retry_succeeded().await;
}

#[tokio::test]
async fn lro_retry_error_put_async_succeeded_polling() {
    put_async_relative_retry_succeeded().await;
}

#[tokio::test]
async fn lro_retry_error_delete202_accepted200_succeeded() {
    let response = done(
        "delete_provisioning202_accepted200_succeeded",
        retrys().delete_provisioning202_accepted200_succeeded(fast!(
            LroRetrysClientDeleteProvisioning202Accepted200SucceededOptions
        )),
    )
    .await;
    let product: Product = result_as("delete_provisioning202_accepted200_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn lro_retry_error_delete202_retry200_succeeded() {
    let response = done("delete202_retry200", retrys().delete202_retry200(fast!(LroRetrysClientDelete202Retry200Options))).await;
    assert_eq!(response.status(), StatusCode::Ok);
}

#[tokio::test]
async fn lro_retry_error_delete_async_retry_succeeded() {
    let response = done(
        "delete_async_relative_retry_succeeded",
        retrys().delete_async_relative_retry_succeeded(fast!(LroRetrysClientDeleteAsyncRelativeRetrySucceededOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn lro_retry_error_post202_retry200_succeeded() {
    let response = done("post202_retry200", retrys().post202_retry200(fast!(LroRetrysClientPost202Retry200Options))).await;
    assert_eq!(response.status(), StatusCode::Ok);
}

#[tokio::test]
async fn lro_retry_error_post_async_retry_succeeded() {
    let response = done(
        "post_async_relative_retry_succeeded",
        retrys().post_async_relative_retry_succeeded(fast!(LroRetrysClientPostAsyncRelativeRetrySucceededOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

// ---- errors that are not retried ----

#[tokio::test]
async fn lro_non_retry_put400() {
    let error = fails("put_non_retry400", sads().put_non_retry400(fast!(LrosaDsClientPutNonRetry400Options))).await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_put201_creating400() {
    let error = fails(
        "put_non_retry201_creating400",
        sads().put_non_retry201_creating400(fast!(LrosaDsClientPutNonRetry201Creating400Options)),
    )
    .await;
    assert_failure(&error, StatusCode::BadRequest, Some("Error from the server"));
}

#[tokio::test]
async fn lro_non_retry_put201_creating400_invalid_json() {
    // The error body is not JSON: still an error with the status.
    let error = fails(
        "put_non_retry201_creating400_invalid_json",
        sads().put_non_retry201_creating400_invalid_json(fast!(LrosaDsClientPutNonRetry201Creating400InvalidJsonOptions)),
    )
    .await;
    assert_failure(&error, StatusCode::BadRequest, None);
}

#[tokio::test]
async fn lro_non_retry_put_async_retry400() {
    let error = fails(
        "put_async_relative_retry400",
        sads().put_async_relative_retry400(fast!(LrosaDsClientPutAsyncRelativeRetry400Options)),
    )
    .await;
    assert_failure(&error, StatusCode::BadRequest, None);
}

#[tokio::test]
async fn lro_non_retry_delete400() {
    let error = fails("delete_non_retry400", sads().delete_non_retry400(fast!(LrosaDsClientDeleteNonRetry400Options))).await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_delete202_retry400() {
    let error = fails("delete202_non_retry400", sads().delete202_non_retry400(fast!(LrosaDsClientDelete202NonRetry400Options))).await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_delete_async_retry400() {
    let error = fails(
        "delete_async_relative_retry400",
        sads().delete_async_relative_retry400(fast!(LrosaDsClientDeleteAsyncRelativeRetry400Options)),
    )
    .await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_post400() {
    let error = fails("post_non_retry400", sads().post_non_retry400(fast!(LrosaDsClientPostNonRetry400Options))).await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_post202_retry400() {
    let error = fails("post202_non_retry400", sads().post202_non_retry400(fast!(LrosaDsClientPost202NonRetry400Options))).await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

#[tokio::test]
async fn lro_non_retry_post_async_retry400() {
    let error = fails(
        "post_async_relative_retry400",
        sads().post_async_relative_retry400(fast!(LrosaDsClientPostAsyncRelativeRetry400Options)),
    )
    .await;
    assert_failure(&error, StatusCode::BadRequest, Some("Expected bad request message"));
}

// ---- malformed answers: errors, never a success or an endless poll ----

#[tokio::test]
async fn lro_error_put201_no_provisioning_state_payload() {
    // 201 and then 200 with no body at all: no resource to return.
    fails(
        "put_error201_no_provisioning_state_payload",
        sads().put_error201_no_provisioning_state_payload(fast!(LrosaDsClientPutError201NoProvisioningStatePayloadOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_put_async_no_polling_status() {
    // The monitor answers `{ }`: no status is an error.
    fails(
        "put_async_relative_retry_no_status",
        sads().put_async_relative_retry_no_status(fast!(LrosaDsClientPutAsyncRelativeRetryNoStatusOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_put_async_no_polling_status_payload() {
    // The monitor answers 200 with no body: an error.
    fails(
        "put_async_relative_retry_no_status_payload",
        sads().put_async_relative_retry_no_status_payload(fast!(LrosaDsClientPutAsyncRelativeRetryNoStatusPayloadOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_put200_invalid_json() {
    fails("put200_invalid_json", sads().put200_invalid_json(fast!(LrosaDsClientPut200InvalidJsonOptions))).await;
}

#[tokio::test]
async fn lro_error_put_async_invalid_header() {
    // The monitor URL `/foo` answers 404, and `Retry-After: /bar` is no delay: an error.
    fails(
        "put_async_relative_retry_invalid_header",
        sads().put_async_relative_retry_invalid_header(fast!(LrosaDsClientPutAsyncRelativeRetryInvalidHeaderOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_put_async_invalid_json_polling() {
    fails(
        "put_async_relative_retry_invalid_json_polling",
        sads().put_async_relative_retry_invalid_json_polling(fast!(LrosaDsClientPutAsyncRelativeRetryInvalidJsonPollingOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_delete_no_location() {
    // 204 at once: the deletion is done, nothing to poll.
    let response = done("delete204_succeeded", sads().delete204_succeeded(fast!(LrosaDsClientDelete204SucceededOptions))).await;
    assert_eq!(response.status(), StatusCode::NoContent);
}

#[tokio::test]
async fn lro_error_delete202_retry_invalid_header() {
    fails(
        "delete202_retry_invalid_header",
        sads().delete202_retry_invalid_header(fast!(LrosaDsClientDelete202RetryInvalidHeaderOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_delete_async_no_polling_status() {
    fails(
        "delete_async_relative_retry_no_status",
        sads().delete_async_relative_retry_no_status(fast!(LrosaDsClientDeleteAsyncRelativeRetryNoStatusOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_delete_async_invalid_header() {
    fails(
        "delete_async_relative_retry_invalid_header",
        sads().delete_async_relative_retry_invalid_header(fast!(LrosaDsClientDeleteAsyncRelativeRetryInvalidHeaderOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_delete_async_invalid_json_polling() {
    fails(
        "delete_async_relative_retry_invalid_json_polling",
        sads().delete_async_relative_retry_invalid_json_polling(fast!(
            LrosaDsClientDeleteAsyncRelativeRetryInvalidJsonPollingOptions
        )),
    )
    .await;
}

#[tokio::test]
async fn lro_error_post_no_location() {
    // 202 with no header to poll: the operation was accepted and cannot be followed. Azure's Go
    // runtime makes this an error ("response is missing polling URL"), as the scenario's name
    // says; Python's azure-core takes it as done. The generated client follows Go: a caller is
    // told the outcome is unknown rather than that it succeeded.
    let error = fails("post202_no_location", sads().post202_no_location(fast!(LrosaDsClientPost202NoLocationOptions))).await;
    assert!(error.to_string().contains("named no status monitor"), "{error}");
}

#[tokio::test]
async fn lro_error_post202_retry_invalid_header() {
    fails(
        "post202_retry_invalid_header",
        sads().post202_retry_invalid_header(fast!(LrosaDsClientPost202RetryInvalidHeaderOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_post_async_no_polling_payload() {
    fails(
        "post_async_relative_retry_no_payload",
        sads().post_async_relative_retry_no_payload(fast!(LrosaDsClientPostAsyncRelativeRetryNoPayloadOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_post_async_invalid_header() {
    fails(
        "post_async_relative_retry_invalid_header",
        sads().post_async_relative_retry_invalid_header(fast!(LrosaDsClientPostAsyncRelativeRetryInvalidHeaderOptions)),
    )
    .await;
}

#[tokio::test]
async fn lro_error_post_async_invalid_json_polling() {
    fails(
        "post_async_relative_retry_invalid_json_polling",
        sads().post_async_relative_retry_invalid_json_polling(fast!(
            LrosaDsClientPostAsyncRelativeRetryInvalidJsonPollingOptions
        )),
    )
    .await;
}

// ---- x-ms-client-request-id on every request of the operation ----

#[tokio::test]
async fn custom_header_put_async_succeded() {
    let response = done(
        "put_async_retry_succeeded",
        custom().put_async_retry_succeeded(with_request_id!(LrOsCustomHeaderClientPutAsyncRetrySucceededOptions)),
    )
    .await;
    let product: Product = result_as("put_async_retry_succeeded", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn custom_header_post_async_succeded() {
    let response = done(
        "post_async_retry_succeeded",
        custom().post_async_retry_succeeded(with_request_id!(LrOsCustomHeaderClientPostAsyncRetrySucceededOptions)),
    )
    .await;
    assert!(response.status().is_success());
}

#[tokio::test]
async fn custom_header_put_succeeded() {
    let response = done(
        "put201_creating_succeeded200",
        custom().put201_creating_succeeded200(with_request_id!(LrOsCustomHeaderClientPut201CreatingSucceeded200Options)),
    )
    .await;
    let product: Product = result_as("put201_creating_succeeded200", response);
    assert_product(&product, Some("Succeeded"));
}

#[tokio::test]
async fn custom_header_post_succeeded() {
    let response = done(
        "post202_retry200",
        custom().post202_retry200(with_request_id!(LrOsCustomHeaderClientPost202Retry200Options)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::Ok);
}
