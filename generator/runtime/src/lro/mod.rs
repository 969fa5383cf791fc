//! Long-running operations, the Azure Resource Manager way, on azure_core's [`Poller`].
//!
//! The rules are those of Azure's official runtimes (the Go SDK's `azcore` pollers, which the
//! AutoRest test server's long-running scenarios are written against), so that a create, update
//! or delete ends exactly as the service reported it:
//!
//! - The first poll sends the operation's request, once. An answer other than 200, 201, 202 or
//!   204 (or the codes the spec lists) is the operation's error.
//! - The first answer picks how the operation is followed: `Azure-AsyncOperation`, else
//!   `Operation-Location` (a status monitor whose body has a `status`), else `Location` (an
//!   operation result: `202` while running, another 2xx when done), else, for `PUT` and `PATCH`,
//!   the resource itself (its `properties.provisioningState`). A `DELETE` or `POST` answered `202`
//!   with none of these is an error: there is nothing to follow. Any other answer is final.
//!   `Location` alone is followed on a `202`, or when the body says the operation is still
//!   running: some services send it on a final `200`/`201` too (Quota does).
//! - A first answer other than `202` whose body already holds a terminal `provisioningState`
//!   ends without polling (a `202` is running, whatever its body says). Followed on the resource
//!   itself, a first answer whose body is not JSON is an error.
//! - Each poll honours `Retry-After` (`retry-after-ms`, `x-ms-retry-after-ms`), falling back to
//!   the poller's `frequency`. A monitor that answers a status other than 2xx (a `404`
//!   included), a body that is not JSON, or a monitor body without `status` is an error; a later
//!   `Location`, `Azure-AsyncOperation` or `Operation-Location` header replaces the URL polled.
//!   A `5xx` is retried by the pipeline's retry policy, as every request is.
//! - A `DELETE` answered `202` whose body says it is still deleting, with no monitor, is followed
//!   on the resource itself, and there a `404` means it is gone: success.
//! - When the operation succeeds, the result is read where the spec's `final-state-via` says,
//!   with the ARM default when it says nothing: `PUT`/`PATCH` `GET` the original URI; `POST` `GET`s
//!   the first answer's `Location` when there was one, else takes the monitor's body; `DELETE`
//!   takes its last answer (a result only when the spec gives its success a body). An
//!   `Operation-Location` monitor's `resourceLocation` names the result when given. Followed
//!   through `Location` or the resource itself, the last answer is the result.
//! - A failed or canceled operation is an error carrying the service's error: the monitor's
//!   `error` (see [`crate::error`]).
//! - A polling URL without `api-version` gets the client's, as the .NET runtime adds it; the Go,
//!   Java and Python runtimes send the URL as the service wrote it. ARM's own monitors carry one,
//!   so this only matters to services that omit it.
//!
//! A poller can be suspended and resumed, in this process or another: each
//! [`OperationStatus`] of an operation still running has a [`resume_token`]
//! (`OperationStatus::resume_token`), which the method's `resume_*` counterpart takes to rebuild
//! the poller where it stood, without sending the request again.
//!
//! [`resume_token`]: OperationStatus::resume_token
//!
//! This module holds what a generated method and its caller see ([`OperationStatus`], the
//! `Operation` a method describes, its resume token); `poll` holds the conversation with the
//! service: the first answer, each poll, and where the result is read.

#![allow(dead_code)]

use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use crate::error::ErrorMapper;
use azure_core::http::poller::{Poller, StatusMonitor};
use azure_core::http::{JsonFormat, Pipeline, Request, Url};

mod poll;

use poll::start;

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
    resume_token: Option<String>,
    output: PhantomData<fn() -> (T, F)>,
}

impl<T, F> OperationStatus<T, F> {
    /// The status as the service reported it.
    pub fn status(&self) -> &PollerStatus {
        &self.status
    }

    /// While the operation runs: a token from which the method's `resume_*` counterpart
    /// rebuilds this poller where it stands, in this process or another (an opaque string,
    /// to store as it is). `None` once the operation has ended.
    pub fn resume_token(&self) -> Option<&str> {
        self.resume_token.as_deref()
    }
}

impl<T, F> Clone for OperationStatus<T, F> {
    fn clone(&self) -> Self {
        Self {
            status: self.status.clone(),
            resume_token: self.resume_token.clone(),
            output: PhantomData,
        }
    }
}

impl<T, F> ::std::fmt::Debug for OperationStatus<T, F> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("OperationStatus")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

// The poller yields `Response<OperationStatus>`s whose body this module wrote
// (`status_response`): the status it decided, and the resume token.
impl<'de, T, F> ::serde::Deserialize<'de> for OperationStatus<T, F> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
        let status = value
            .get("status")
            .and_then(::serde_json::Value::as_str)
            .map(PollerStatus::from)
            .unwrap_or(PollerStatus::InProgress);
        let resume_token = value
            .get("resumeToken")
            .and_then(::serde_json::Value::as_str)
            .map(str::to_string);
        Ok(Self {
            status,
            resume_token,
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

/// Where the final result of a successful operation is read, as the spec's `final-state-via`
/// says (or the ARM default): decided by the generator, per method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FinalState {
    /// `GET` the operation's original URI.
    OriginalUri,
    /// `GET` the `Location` of the first answer (else the monitor's body).
    Location,
    /// The `Azure-AsyncOperation` (or `Operation-Location`) monitor's body, or its
    /// `resourceLocation`.
    AsyncOperation,
    /// Nothing: the operation returns no body.
    None,
}

/// A long-running operation ready to start, as a generated method describes it.
pub(crate) struct Operation {
    /// The pipeline to send with.
    pub pipeline: Pipeline,
    /// The operation's request, sent once by the first poll.
    pub request: Request,
    /// The status codes the first answer may have.
    pub success: &'static [u16],
    /// Where the final result is read.
    pub final_state: FinalState,
    /// Whether the operation's error type wraps the error in an `error` field.
    pub error_envelope: bool,
    /// How an unexpected answer becomes the operation's error.
    pub error: ErrorMapper,
    /// The client's api-version, when the operation sends one: given to polling URLs that
    /// lack one.
    pub api_version: Option<String>,
    /// The operation's `operationId`, which a resume token must name.
    pub operation_id: &'static str,
}

/// A long-running operation to resume from a token: an [`Operation`] without its request.
pub(crate) struct Resumable {
    /// The pipeline to send with.
    pub pipeline: Pipeline,
    /// Where the final result is read.
    pub final_state: FinalState,
    /// Whether the operation's error type wraps the error in an `error` field.
    pub error_envelope: bool,
    /// How an unexpected answer becomes the operation's error.
    pub error: ErrorMapper,
    /// The client's api-version, when the operation sends one.
    pub api_version: Option<String>,
    /// The operation's `operationId`, which the token must name.
    pub operation_id: &'static str,
}

/// What every poll of one operation shares.
struct Shared {
    pipeline: Pipeline,
    /// The first request: `None` for a resumed poller.
    request: Option<Request>,
    success: &'static [u16],
    final_state: FinalState,
    error_envelope: bool,
    error: ErrorMapper,
    api_version: Option<String>,
    operation_id: &'static str,
    /// How the operation is followed, once the first answer said (or a token did).
    tracking: Mutex<Option<Tracking>>,
}

/// How an operation is followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    /// An `Azure-AsyncOperation` status monitor.
    AsyncOperation,
    /// An `Operation-Location` status monitor.
    OperationLocation,
    /// A `Location` operation result.
    Location,
    /// The resource itself, for `PUT`/`PATCH`: its provisioning state.
    Resource,
    /// The resource itself, for a `DELETE`: `404` when it is gone.
    Deleted,
}

/// Where a running operation stands: everything needed to poll it again, also the content of
/// its resume token.
#[derive(Clone, Debug, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
struct Tracking {
    /// The operation's `operationId`.
    operation: String,
    /// How it is followed.
    kind: Kind,
    /// The first request's method.
    method: String,
    /// The first request's URL.
    original: String,
    /// The URL polled next.
    poll: String,
    /// The first answer's `Location`, if any.
    location: Option<String>,
    /// An `Operation-Location` monitor's `resourceLocation`, once given.
    resource_location: Option<String>,
}

impl Tracking {
    /// The token of this state: its JSON, base64url-encoded.
    fn token(&self) -> String {
        let json = ::serde_json::to_vec(self).unwrap_or_default();
        azure_core::base64::encode_url_safe(json)
    }

    /// The state a token holds, checked to be one of `operation_id`'s.
    fn from_token(token: &str, operation_id: &str) -> azure_core::Result<Self> {
        let invalid = |why: &str| {
            azure_core::Error::with_message(
                azure_core::error::ErrorKind::DataConversion,
                format!("not a resume token of `{operation_id}`: {why}"),
            )
        };
        let bytes = azure_core::base64::decode_url_safe(token.trim())
            .map_err(|_| invalid("it is not base64url"))?;
        let tracking: Tracking = ::serde_json::from_slice(&bytes)
            .map_err(|_| invalid("its content is not a poller's"))?;
        if tracking.operation != operation_id {
            return Err(invalid(&format!("it was made by `{}`", tracking.operation)));
        }
        for url in [&tracking.original, &tracking.poll] {
            Url::parse(url).map_err(|_| invalid("it holds an invalid URL"))?;
        }
        Ok(tracking)
    }
}

/// Starts `operation` as a [`Poller`] (nothing is sent until it is awaited or polled).
pub(crate) fn poller<T, F>(
    operation: Operation,
    options: PollerOptions<'static>,
) -> Poller<OperationStatus<T, F>>
where
    T: Send + 'static,
    F: azure_core::http::Format + Send + 'static,
{
    let shared = Shared {
        pipeline: operation.pipeline,
        request: Some(operation.request),
        success: operation.success,
        final_state: operation.final_state,
        error_envelope: operation.error_envelope,
        error: operation.error,
        api_version: operation.api_version,
        operation_id: operation.operation_id,
        tracking: Mutex::new(None),
    };
    start::<T, F>(Arc::new(shared), options)
}

/// Starts `operation`, which is also `x-ms-pageable`, waits for it to end, and returns a
/// [`Pager`](azure_core::http::Pager) over the list it resolved to: its result is the first
/// page, the next pages follow its next links (the property `next_link`).
pub(crate) async fn pages<P>(
    operation: Operation,
    options: PollerOptions<'static>,
    next_link: Option<&'static str>,
) -> azure_core::Result<azure_core::http::Pager<P>>
where
    P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
{
    let pipeline = operation.pipeline.clone();
    let api_version = operation.api_version.clone();
    let error = operation.error;
    // Next links are resolved against the operation's URL (they are absolute in practice).
    let url = operation.request.url().clone();
    let context = options.context.clone();
    let done: azure_core::http::Response<P> = poller::<P, JsonFormat>(operation, options).await?;
    let (status, headers, body) = done.deconstruct();
    Ok(crate::request::pager_from(
        pipeline,
        crate::request::FirstPage::Received {
            url,
            status,
            headers,
            body: body.into(),
        },
        crate::request::Paging {
            api_version,
            success: &[],
            error,
            next_link,
            next: None,
        },
        azure_core::http::pager::PagerOptions {
            context,
            ..Default::default()
        },
    ))
}

/// Rebuilds the poller of `operation` from a resume token: nothing is sent again but polls.
pub(crate) fn resume<T, F>(
    operation: Resumable,
    token: &str,
    options: PollerOptions<'static>,
) -> azure_core::Result<Poller<OperationStatus<T, F>>>
where
    T: Send + 'static,
    F: azure_core::http::Format + Send + 'static,
{
    let tracking = Tracking::from_token(token, operation.operation_id)?;
    let shared = Shared {
        pipeline: operation.pipeline,
        request: None,
        success: &[],
        final_state: operation.final_state,
        error_envelope: operation.error_envelope,
        error: operation.error,
        api_version: operation.api_version,
        operation_id: operation.operation_id,
        tracking: Mutex::new(Some(tracking)),
    };
    Ok(start::<T, F>(Arc::new(shared), options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resume_token_round_trips_and_names_its_operation() {
        let tracking = Tracking {
            operation: "Things_Create".into(),
            kind: Kind::AsyncOperation,
            method: "PUT".into(),
            original: "https://h/things/a?api-version=1".into(),
            poll: "https://h/operations/1".into(),
            location: Some("https://h/results/1".into()),
            resource_location: None,
        };
        let token = tracking.token();
        assert!(token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(
            Tracking::from_token(&token, "Things_Create").unwrap(),
            tracking
        );
        let other = Tracking::from_token(&token, "Things_Delete").unwrap_err();
        assert!(
            other.to_string().contains("made by `Things_Create`"),
            "{other}"
        );
        assert!(Tracking::from_token("not a token!", "Things_Create").is_err());
        let not_ours = azure_core::base64::encode_url_safe(b"{\"a\":1}");
        assert!(Tracking::from_token(&not_ours, "Things_Create").is_err());
    }
}
