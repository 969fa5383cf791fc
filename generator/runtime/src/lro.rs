//! Long-running operations, the Azure Resource Manager way, on azure_core's [`Poller`].
//!
//! The first poll sends the operation's request, once. Later polls `GET` the status monitor the
//! service named: `Azure-AsyncOperation` (or `Operation-Location`) first, else `Location`, else
//! (for `PUT`/`PATCH` whose body says it is still provisioning) the resource itself. Each wait
//! honours `Retry-After` (`retry-after-ms`, `x-ms-retry-after-ms`), falling back to the
//! poller's frequency. When the operation succeeds, the final result is fetched as the spec's
//! `final-state-via` says, with the ARM default when it says nothing: `PUT`/`PATCH` read the
//! resource again from its original URI; `POST` reads `Location`; `DELETE` returns no body.
//! A failed or canceled operation ends in an error carrying the service's error (see
//! [`crate::error`]).

#![allow(dead_code)]

use std::marker::PhantomData;
use std::sync::Arc;

use azure_core::http::headers::{
    HeaderName, Headers, RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS,
};
use azure_core::http::poller::{
    get_retry_after, Poller, PollerContinuation, PollerResult, PollerState, StatusMonitor,
};
use azure_core::http::{JsonFormat, Method, Pipeline, RawResponse, Request, StatusCode, Url};

/// azure_core's options of a [`Poller`] (its `frequency`, its context), re-exported so that
/// setting them in a method's options needs no `azure_core` import.
pub use azure_core::http::poller::PollerOptions;

/// azure_core's status of a long-running operation, re-exported so that matching on
/// [`OperationStatus::status`] needs no `azure_core` import.
pub use azure_core::http::poller::PollerStatus;

/// The status of a long-running operation, as the [`Poller`] yields it after each poll; the
/// poller's final output is a `T` (read with format `F`).
pub struct OperationStatus<T, F = JsonFormat> {
    status: PollerStatus,
    output: PhantomData<fn() -> (T, F)>,
}

impl<T, F> OperationStatus<T, F> {
    /// The status as the service reported it.
    pub fn status(&self) -> &PollerStatus {
        &self.status
    }
}

impl<T, F> Clone for OperationStatus<T, F> {
    fn clone(&self) -> Self {
        Self {
            status: self.status.clone(),
            output: PhantomData,
        }
    }
}

impl<T, F> ::std::fmt::Debug for OperationStatus<T, F> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("OperationStatus")
            .field("status", &self.status)
            .finish()
    }
}

impl<'de, T, F> ::serde::Deserialize<'de> for OperationStatus<T, F> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        let status = status_in(&value).unwrap_or(PollerStatus::Succeeded);
        Ok(Self {
            status,
            output: PhantomData,
        })
    }
}

impl<T, F: azure_core::http::Format + Send> StatusMonitor for OperationStatus<T, F> {
    type Output = T;
    type Format = F;
    fn status(&self) -> PollerStatus {
        self.status.clone()
    }
}

/// The status a body reports: `status` (an operation resource) or
/// `properties.provisioningState` (the resource itself).
fn status_in(body: &::serde_json::Value) -> Option<PollerStatus> {
    body.get("status")
        .or_else(|| {
            body.get("properties")
                .and_then(|p| p.get("provisioningState"))
        })
        .and_then(::serde_json::Value::as_str)
        .map(PollerStatus::from)
}

/// Where the final result of a successful operation is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FinalState {
    /// `GET` the operation's original URI.
    OriginalUri,
    /// `GET` the `Location` header of the first response.
    Location,
    /// `GET` the `Azure-AsyncOperation` (or `Operation-Location`) monitor.
    AsyncOperation,
    /// Nothing to read: the operation returns no body.
    None,
}

/// The future of a successful operation's final result.
type Target<T, F> = ::std::pin::Pin<
    Box<
        dyn ::std::future::Future<Output = azure_core::Result<azure_core::http::Response<T, F>>>
            + Send,
    >,
>;

/// A long-running operation ready to start.
pub(crate) struct Operation {
    /// The pipeline to send with.
    pub pipeline: Pipeline,
    /// The operation's request, sent once by the first poll.
    pub request: Request,
    /// The status codes the first response may have.
    pub success: &'static [u16],
    /// Where the final result is read.
    pub final_state: FinalState,
    /// Whether the operation's error type wraps the error in an `error` field.
    pub error_envelope: bool,
}

const AZURE_ASYNC_OPERATION: HeaderName = HeaderName::from_static("azure-asyncoperation");
const OPERATION_LOCATION: HeaderName = HeaderName::from_static("operation-location");
const LOCATION: HeaderName = HeaderName::from_static("location");

/// A header's URL, resolved against `base`.
fn header_url(headers: &Headers, name: &HeaderName, base: &Url) -> Option<Url> {
    headers
        .get_optional_str(name)
        .and_then(|v| base.join(v).ok())
}

/// The status monitor URL a response names, if any.
fn monitor_url(headers: &Headers, base: &Url) -> Option<Url> {
    header_url(headers, &AZURE_ASYNC_OPERATION, base)
        .or_else(|| header_url(headers, &OPERATION_LOCATION, base))
        .or_else(|| header_url(headers, &LOCATION, base))
}

/// The response the poller yields for a poll: the real status and headers, and a body
/// holding the status it was read as.
fn status_response<T, F>(
    status: StatusCode,
    headers: Headers,
    poller_status: &PollerStatus,
) -> azure_core::http::Response<OperationStatus<T, F>> {
    let text = match poller_status {
        PollerStatus::InProgress => "InProgress",
        PollerStatus::Succeeded => "Succeeded",
        PollerStatus::Failed => "Failed",
        PollerStatus::Canceled => "Canceled",
        PollerStatus::UnknownValue(s) => s.as_str(),
    };
    let body = ::serde_json::json!({ "status": text }).to_string();
    RawResponse::from_bytes(status, headers, body.into_bytes()).into()
}

/// The error for an operation that ended `Failed` or `Canceled`: the service's error, from the
/// `error` of the monitor's body when it has one.
fn failed<E>(status: StatusCode, headers: Headers, body: &[u8], envelope: bool) -> azure_core::Error
where
    E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
{
    // The monitor's `error` is the error itself; the operation's error type either is that
    // (`ErrorDetails`-like) or wraps it in an `error` field (`ErrorResponse`-like).
    let error = ::serde_json::from_slice::<::serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error").cloned())
        .map(|e| {
            if envelope {
                ::serde_json::json!({ "error": e })
            } else {
                e
            }
        })
        .map(|e| e.to_string().into_bytes())
        .unwrap_or_else(|| body.to_vec());
    // The HTTP status of a failed operation's monitor is 200; report a server error instead.
    let status = if status.is_success() {
        StatusCode::InternalServerError
    } else {
        status
    };
    crate::error::from_response::<E>(RawResponse::from_bytes(status, headers, error))
}

/// Starts `operation` as a [`Poller`] (nothing is sent until it is awaited or polled).
pub(crate) fn poller<T, F, E>(
    operation: Operation,
    options: PollerOptions<'static>,
) -> Poller<OperationStatus<T, F>>
where
    T: Send + 'static,
    F: azure_core::http::Format + Send + 'static,
    E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
{
    let operation = Arc::new(operation);
    Poller::new(
        move |state: PollerState, options: PollerOptions<'static>| {
            let operation = operation.clone();
            Box::pin(async move {
                let original = operation.request.url().clone();
                let method = operation.request.method();
                let (raw, polled, final_link) = match state {
                    PollerState::Initial => {
                        let mut request = operation.request.clone();
                        let raw = crate::request::send::<E>(
                            &operation.pipeline,
                            &options.context,
                            &mut request,
                            operation.success,
                        )
                        .await?;
                        let headers = raw.headers();
                        let async_url = header_url(headers, &AZURE_ASYNC_OPERATION, &original)
                            .or_else(|| header_url(headers, &OPERATION_LOCATION, &original));
                        let location = header_url(headers, &LOCATION, &original);
                        let final_link = match operation.final_state {
                            FinalState::OriginalUri => Some(original.clone()),
                            FinalState::Location => location.clone().or_else(|| async_url.clone()),
                            FinalState::AsyncOperation => {
                                async_url.clone().or_else(|| location.clone())
                            }
                            FinalState::None => None,
                        };
                        let body_status =
                            ::serde_json::from_slice::<::serde_json::Value>(raw.body())
                                .ok()
                                .and_then(|v| status_in(&v));
                        let still_provisioning = matches!(method, Method::Put | Method::Patch)
                            && matches!(
                                body_status,
                                Some(PollerStatus::InProgress | PollerStatus::UnknownValue(_))
                            );
                        // `Location` alone means "poll me" on a 202 only: services also send it on
                        // their final 200 or 201 (Quota does), which the status and body decide.
                        let accepted = raw.status() == StatusCode::Accepted;
                        let next = async_url
                            .or(location.filter(|_| accepted))
                            .or_else(|| still_provisioning.then(|| original.clone()));
                        match next {
                            Some(next_link) => {
                                let (status, headers, _) = raw.deconstruct();
                                let retry_after = get_retry_after(
                                    &headers,
                                    &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER],
                                    &options,
                                );
                                return Ok(PollerResult::InProgress {
                                    response: status_response(
                                        status,
                                        headers,
                                        &PollerStatus::InProgress,
                                    ),
                                    retry_after,
                                    continuation: PollerContinuation::Links {
                                        next_link,
                                        final_link,
                                    },
                                });
                            }
                            // No monitor: the first response is the outcome.
                            None => (raw, original.clone(), None),
                        }
                    }
                    PollerState::More(PollerContinuation::Links {
                        next_link,
                        final_link,
                    }) => {
                        let mut request = Request::new(next_link.clone(), Method::Get);
                        request.insert_header("accept", "application/json");
                        // A deleted resource's monitor may answer 404 once it is gone.
                        let success: &[u16] = if method == Method::Delete {
                            &[200, 201, 202, 204, 404]
                        } else {
                            &[200, 201, 202, 204]
                        };
                        let raw = crate::request::send::<E>(
                            &operation.pipeline,
                            &options.context,
                            &mut request,
                            success,
                        )
                        .await?;
                        (raw, next_link, final_link)
                    }
                    PollerState::More(_) => {
                        return Err(azure_core::Error::with_message(
                            azure_core::error::ErrorKind::Other,
                            "unexpected poller continuation",
                        ));
                    }
                };
                let status = if raw.status() == StatusCode::Accepted {
                    PollerStatus::InProgress
                } else if raw.status() == StatusCode::NotFound {
                    PollerStatus::Succeeded
                } else {
                    ::serde_json::from_slice::<::serde_json::Value>(raw.body())
                        .ok()
                        .and_then(|v| status_in(&v))
                        .unwrap_or(PollerStatus::Succeeded)
                };
                let (code, headers, body) = raw.deconstruct();
                match status {
                    PollerStatus::Succeeded => {
                        let pipeline = operation.pipeline.clone();
                        let context = options.context.clone();
                        let final_state = operation.final_state;
                        // A delete's monitor may end in 404 (the resource is gone). The
                        // status the poller yields says 200 then, since azure_core turns a
                        // yielded non-2xx status into an error for whoever streams the
                        // statuses; the final response keeps the real 404.
                        let status_code = if code == StatusCode::NotFound {
                            StatusCode::Ok
                        } else {
                            code
                        };
                        let response = status_response(status_code, headers.clone(), &status);
                        let target = move || -> Target<T, F> {
                            Box::pin(async move {
                                match final_link {
                                    Some(link)
                                        if link != polled && final_state != FinalState::None =>
                                    {
                                        let mut request = Request::new(link, Method::Get);
                                        request.insert_header("accept", "application/json");
                                        let raw = crate::request::send::<E>(
                                            &pipeline,
                                            &context,
                                            &mut request,
                                            &[],
                                        )
                                        .await?;
                                        Ok(raw.into())
                                    }
                                    _ => Ok(RawResponse::from_bytes(code, headers, body).into()),
                                }
                            })
                        };
                        Ok(PollerResult::Succeeded {
                            response,
                            target: Box::new(target),
                        })
                    }
                    PollerStatus::Failed | PollerStatus::Canceled => {
                        Err(failed::<E>(code, headers, &body, operation.error_envelope))
                    }
                    other => {
                        let retry_after = get_retry_after(
                            &headers,
                            &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER],
                            &options,
                        );
                        let next_link = monitor_url(&headers, &polled).unwrap_or(polled);
                        Ok(PollerResult::InProgress {
                            response: status_response(code, headers, &other),
                            retry_after,
                            continuation: PollerContinuation::Links {
                                next_link,
                                final_link,
                            },
                        })
                    }
                }
            })
        },
        Some(options),
    )
}
