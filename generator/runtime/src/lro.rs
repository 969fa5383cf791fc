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

#![allow(dead_code)]

use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use crate::error::ErrorMapper;
use azure_core::http::headers::{
    HeaderName, Headers, RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS,
};
use azure_core::http::poller::{
    get_retry_after, Poller, PollerContinuation, PollerResult, PollerState, StatusMonitor,
};
use azure_core::http::{
    JsonFormat, Method, Pipeline, PipelineSendOptions, RawResponse, Request, StatusCode, Url,
};

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

const AZURE_ASYNC_OPERATION: HeaderName = HeaderName::from_static("azure-asyncoperation");
const OPERATION_LOCATION: HeaderName = HeaderName::from_static("operation-location");
const LOCATION: HeaderName = HeaderName::from_static("location");

/// A header's URL, resolved against `base`.
fn header_url(headers: &Headers, name: &HeaderName, base: &Url) -> Option<Url> {
    headers
        .get_optional_str(name)
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| base.join(v.trim()).ok())
}

/// `properties.provisioningState` of a body, when it is JSON and has one.
fn provisioning_state(body: &[u8]) -> Option<PollerStatus> {
    let value: ::serde_json::Value = ::serde_json::from_slice(body).ok()?;
    value
        .get("properties")
        .and_then(|p| p.get("provisioningState"))
        .and_then(::serde_json::Value::as_str)
        .map(PollerStatus::from)
}

/// Whether a status ends the operation.
fn terminal(status: &PollerStatus) -> bool {
    matches!(
        status,
        PollerStatus::Succeeded | PollerStatus::Failed | PollerStatus::Canceled
    )
}

/// An error about the conversation itself (not the service's error).
fn protocol_error(message: String) -> azure_core::Error {
    azure_core::Error::with_message(azure_core::error::ErrorKind::DataConversion, message)
}

/// The response the poller yields for a poll: the real status and headers, and a body holding
/// the status it was read as and, while running, the resume token.
fn status_response<T, F>(
    code: StatusCode,
    headers: Headers,
    status: &PollerStatus,
    token: Option<String>,
) -> azure_core::http::Response<OperationStatus<T, F>> {
    let text = match status {
        PollerStatus::InProgress => "InProgress",
        PollerStatus::Succeeded => "Succeeded",
        PollerStatus::Failed => "Failed",
        PollerStatus::Canceled => "Canceled",
        PollerStatus::UnknownValue(s) => s.as_str(),
    };
    let mut body = ::serde_json::json!({ "status": text });
    if let Some(token) = token {
        body["resumeToken"] = ::serde_json::Value::String(token);
    }
    RawResponse::from_bytes(code, headers, body.to_string().into_bytes()).into()
}

/// The error for an operation that ended `Failed` or `Canceled`: the service's error, from the
/// `error` of the monitor's body when it has one, else the body itself.
fn failed(
    code: StatusCode,
    headers: Headers,
    body: &[u8],
    envelope: bool,
    mapper: ErrorMapper,
) -> azure_core::Error {
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
    // The operation failed, whatever the status of the answer that said so.
    let code = if code.is_success() {
        StatusCode::InternalServerError
    } else {
        code
    };
    mapper(RawResponse::from_bytes(code, headers, error))
}

/// Where a successful operation's result comes from.
enum Final {
    /// A `GET` of this URL.
    Get(Url),
    /// This answer.
    Answer(StatusCode, Headers, azure_core::Bytes),
}

/// One poll's outcome.
enum Step {
    /// Still running: poll again after the wait.
    Running(StatusCode, Headers, PollerStatus),
    /// Done: the result is read from `Final`.
    Succeeded(StatusCode, Headers, Final),
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

/// The poller over `shared`: the first call sends the request (or, resumed, polls), the later
/// ones poll.
fn start<T, F>(
    shared: Arc<Shared>,
    options: PollerOptions<'static>,
) -> Poller<OperationStatus<T, F>>
where
    T: Send + 'static,
    F: azure_core::http::Format + Send + 'static,
{
    Poller::new(
        move |state: PollerState, options: PollerOptions<'static>| {
            let shared = shared.clone();
            Box::pin(async move {
                let tracked = shared.tracking.lock().map(|t| t.clone()).unwrap_or(None);
                let step = match (state, tracked, &shared.request) {
                    (PollerState::Initial, None, Some(request)) => {
                        first(&shared, request.clone(), &options).await?
                    }
                    (_, Some(tracking), _) => poll(&shared, tracking, &options).await?,
                    _ => {
                        return Err(protocol_error(
                            "the poller has no request to send and nothing to poll".into(),
                        ))
                    }
                };
                match step {
                    Step::Running(code, headers, status) => {
                        let tracking = shared.tracking.lock().map(|t| t.clone()).unwrap_or(None);
                        let next_link = tracking
                            .as_ref()
                            .and_then(|t| Url::parse(&t.poll).ok())
                            .ok_or_else(|| protocol_error("the poller lost its monitor".into()))?;
                        let retry_after = get_retry_after(
                            &headers,
                            &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER],
                            &options,
                        );
                        let token = tracking.map(|t| t.token());
                        Ok(PollerResult::InProgress {
                            response: status_response(code, headers, &status, token),
                            retry_after,
                            continuation: PollerContinuation::Links {
                                next_link,
                                final_link: None,
                            },
                        })
                    }
                    Step::Succeeded(code, headers, result) => {
                        let response =
                            status_response(code, headers, &PollerStatus::Succeeded, None);
                        let pipeline = shared.pipeline.clone();
                        let error = shared.error;
                        let context = options.context.clone();
                        let target = move || -> Target<T, F> {
                            Box::pin(async move {
                                match result {
                                    Final::Get(url) => {
                                        let mut request = Request::new(url, Method::Get);
                                        request.insert_header("accept", "application/json");
                                        let raw = crate::request::send(
                                            &pipeline,
                                            &context,
                                            &mut request,
                                            &[],
                                            error,
                                        )
                                        .await?;
                                        Ok(raw.into())
                                    }
                                    Final::Answer(code, headers, body) => {
                                        Ok(RawResponse::from_bytes(code, headers, body).into())
                                    }
                                }
                            })
                        };
                        Ok(PollerResult::Succeeded {
                            response,
                            target: Box::new(target),
                        })
                    }
                }
            })
        },
        Some(options),
    )
}

/// The future of a successful operation's final result.
type Target<T, F> = ::std::pin::Pin<
    Box<
        dyn ::std::future::Future<Output = azure_core::Result<azure_core::http::Response<T, F>>>
            + Send,
    >,
>;

/// Sends the first request and decides from its answer how the operation is followed.
async fn first(
    shared: &Shared,
    mut request: Request,
    options: &PollerOptions<'static>,
) -> azure_core::Result<Step> {
    let original = request.url().clone();
    let method = request.method();
    let raw = crate::request::send(
        &shared.pipeline,
        &options.context,
        &mut request,
        shared.success,
        shared.error,
    )
    .await?;
    let (code, headers, body) = raw.deconstruct();
    let async_url = header_url(&headers, &AZURE_ASYNC_OPERATION, &original);
    let operation_url = header_url(&headers, &OPERATION_LOCATION, &original);
    let location = header_url(&headers, &LOCATION, &original);
    let state = provisioning_state(&body);
    let running_state = state.as_ref().is_some_and(|s| !terminal(s));
    let accepted = code == StatusCode::Accepted;
    let (kind, poll) = if let Some(url) = async_url {
        (Kind::AsyncOperation, url)
    } else if let Some(url) = operation_url {
        (Kind::OperationLocation, url)
    } else if let Some(url) = location.clone().filter(|_| accepted || running_state) {
        (Kind::Location, url)
    } else if matches!(method, Method::Put | Method::Patch) {
        (Kind::Resource, original.clone())
    } else if method == Method::Delete && accepted && running_state {
        (Kind::Deleted, original.clone())
    } else if accepted {
        return Err(protocol_error(format!(
            "the service accepted the {method} of {original} (202) but named no status monitor \
             (no Azure-AsyncOperation, Operation-Location or Location header), so it cannot be followed"
        )));
    } else {
        // Done at once: this answer is the result.
        return Ok(Step::Succeeded(
            code,
            headers.clone(),
            Final::Answer(code, headers, body.into()),
        ));
    };
    // Followed on the resource itself, its body must be JSON (the state is read from it).
    if kind == Kind::Resource
        && !body.is_empty()
        && ::serde_json::from_slice::<::serde_json::Value>(&body).is_err()
    {
        return Err(protocol_error(format!(
            "the {method} of {original} answered {} with a body that is not JSON",
            u16::from(code)
        )));
    }
    // The first answer's state: a 202 is running whatever its body says; otherwise its
    // provisioning state; for the resource itself, what the status code says without one.
    let status = match (kind, code, state) {
        (_, StatusCode::Accepted, _) => PollerStatus::InProgress,
        (Kind::Resource, StatusCode::NoContent, _) => PollerStatus::Succeeded,
        (_, _, Some(state)) => state,
        (Kind::Resource, StatusCode::Ok, None) => PollerStatus::Succeeded,
        (_, _, None) => PollerStatus::InProgress,
    };
    let tracking = Tracking {
        operation: shared.operation_id.to_string(),
        kind,
        method: method.to_string(),
        original: original.to_string(),
        poll: poll.to_string(),
        location: location.map(|u| u.to_string()),
        resource_location: None,
    };
    match status {
        // Already over: the first answer is the result, or the error.
        PollerStatus::Succeeded => Ok(Step::Succeeded(
            code,
            headers.clone(),
            Final::Answer(code, headers, body.into()),
        )),
        PollerStatus::Failed | PollerStatus::Canceled => Err(failed(
            code,
            headers,
            &body,
            shared.error_envelope,
            shared.error,
        )),
        status => {
            if let Ok(mut slot) = shared.tracking.lock() {
                *slot = Some(tracking);
            }
            Ok(Step::Running(code, headers, status))
        }
    }
}

/// `url` with the client's api-version when it has none.
fn with_api_version(url: Url, api_version: Option<&str>) -> Url {
    match api_version {
        Some(version)
            if !url
                .query_pairs()
                .any(|(name, _)| name.eq_ignore_ascii_case("api-version")) =>
        {
            crate::request::with_api_version(&url, version)
        }
        _ => url,
    }
}

/// Polls once where `tracking` says, and decides what the answer means.
async fn poll(
    shared: &Shared,
    mut tracking: Tracking,
    options: &PollerOptions<'static>,
) -> azure_core::Result<Step> {
    let polled = Url::parse(&tracking.poll)
        .map_err(|e| protocol_error(format!("invalid polling URL {}: {e}", tracking.poll)))?;
    let url = with_api_version(polled.clone(), shared.api_version.as_deref());
    let mut request = Request::new(url, Method::Get);
    request.insert_header("accept", "application/json");
    let send_options = PipelineSendOptions {
        skip_checks: true,
        ..Default::default()
    };
    let raw = shared
        .pipeline
        .send(&options.context, &mut request, Some(send_options))
        .await?;
    let code = raw.status();
    // The resource of a DELETE is gone: done.
    if tracking.kind == Kind::Deleted && code == StatusCode::NotFound {
        let (code, headers, body) = raw.deconstruct();
        return Ok(Step::Succeeded(
            code,
            headers.clone(),
            Final::Answer(code, headers, body.into()),
        ));
    }
    if !matches!(
        code,
        StatusCode::Ok | StatusCode::Created | StatusCode::Accepted | StatusCode::NoContent
    ) {
        return Err((shared.error)(raw));
    }
    let (code, headers, body) = raw.deconstruct();
    // A later header of the kind followed replaces the URL polled.
    let replacement = match tracking.kind {
        Kind::AsyncOperation => header_url(&headers, &AZURE_ASYNC_OPERATION, &polled),
        Kind::OperationLocation => header_url(&headers, &OPERATION_LOCATION, &polled),
        Kind::Location => header_url(&headers, &LOCATION, &polled),
        Kind::Resource | Kind::Deleted => None,
    };
    if let Some(url) = replacement {
        tracking.poll = url.to_string();
    }
    let status = match tracking.kind {
        Kind::AsyncOperation | Kind::OperationLocation => {
            let value: ::serde_json::Value = ::serde_json::from_slice(&body).map_err(|e| {
                protocol_error(format!(
                    "the status monitor {polled} answered {} with a body that is not JSON ({e})",
                    u16::from(code)
                ))
            })?;
            let status = value
                .get("status")
                .and_then(::serde_json::Value::as_str)
                .ok_or_else(|| {
                    protocol_error(format!(
                        "the status monitor {polled} answered {} without a `status`",
                        u16::from(code)
                    ))
                })?;
            if tracking.kind == Kind::OperationLocation {
                if let Some(resource) = value
                    .get("resourceLocation")
                    .and_then(::serde_json::Value::as_str)
                    .and_then(|l| polled.join(l).ok())
                {
                    tracking.resource_location = Some(resource.to_string());
                }
            }
            PollerStatus::from(status)
        }
        Kind::Location | Kind::Deleted => match provisioning_state(&body) {
            Some(state) => state,
            None if code == StatusCode::Accepted => PollerStatus::InProgress,
            None => PollerStatus::Succeeded,
        },
        Kind::Resource => {
            if code == StatusCode::NoContent {
                PollerStatus::Succeeded
            } else if body.is_empty() {
                return Err(protocol_error(format!(
                    "polling the resource {polled} answered {} without a body",
                    u16::from(code)
                )));
            } else {
                provisioning_state(&body).unwrap_or(PollerStatus::Succeeded)
            }
        }
    };
    match status {
        PollerStatus::Succeeded => {
            let result = final_result(shared, &tracking, code, headers.clone(), body.into())?;
            if let Ok(mut slot) = shared.tracking.lock() {
                *slot = Some(tracking);
            }
            Ok(Step::Succeeded(code, headers, result))
        }
        PollerStatus::Failed | PollerStatus::Canceled => Err(failed(
            code,
            headers,
            &body,
            shared.error_envelope,
            shared.error,
        )),
        status => {
            if let Ok(mut slot) = shared.tracking.lock() {
                *slot = Some(tracking);
            }
            Ok(Step::Running(code, headers, status))
        }
    }
}

/// Where the result of an operation that just succeeded is read: see the module docs.
fn final_result(
    shared: &Shared,
    tracking: &Tracking,
    code: StatusCode,
    headers: Headers,
    body: azure_core::Bytes,
) -> azure_core::Result<Final> {
    let answer = Final::Answer(code, headers, body);
    let get = |url: &str| -> azure_core::Result<Final> {
        Url::parse(url)
            .map(Final::Get)
            .map_err(|e| protocol_error(format!("invalid result URL {url}: {e}")))
    };
    match tracking.kind {
        Kind::AsyncOperation | Kind::OperationLocation => match shared.final_state {
            FinalState::None => Ok(answer),
            FinalState::OriginalUri => get(&tracking.original),
            FinalState::Location => match &tracking.location {
                Some(location) => get(location),
                None => Ok(answer),
            },
            FinalState::AsyncOperation => match &tracking.resource_location {
                Some(resource) => get(resource),
                None => Ok(answer),
            },
        },
        Kind::Location | Kind::Resource | Kind::Deleted => Ok(answer),
    }
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

    #[test]
    fn polling_urls_without_an_api_version_get_the_clients() {
        let bare = Url::parse("https://h/operations/1?x=1").unwrap();
        assert_eq!(
            with_api_version(bare.clone(), Some("2023-06-30")).as_str(),
            "https://h/operations/1?x=1&api-version=2023-06-30"
        );
        assert_eq!(with_api_version(bare.clone(), None), bare);
        let versioned = Url::parse("https://h/operations/1?api-version=2020-01-01").unwrap();
        assert_eq!(
            with_api_version(versioned.clone(), Some("2023-06-30")),
            versioned
        );
    }

    #[test]
    fn provisioning_states_are_read_from_the_body() {
        assert_eq!(
            provisioning_state(br#"{"properties":{"provisioningState":"Creating"}}"#),
            Some(PollerStatus::UnknownValue("Creating".into()))
        );
        assert_eq!(
            provisioning_state(br#"{"properties":{"provisioningState":"succeeded"}}"#),
            Some(PollerStatus::Succeeded)
        );
        assert_eq!(provisioning_state(b"{}"), None);
        assert_eq!(provisioning_state(b"<html>"), None);
    }
}
