//! The conversation with the service behind a [`Poller`]: the first answer and how it says the
//! operation is followed, each poll, and where the result is read (the rules are in the
//! [module docs](super)).

use std::sync::Arc;

use super::{FinalState, Kind, OperationStatus, PollerOptions, Shared, Tracking};
use crate::error::ErrorMapper;
use azure_core::http::headers::{
    HeaderName, Headers, RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS,
};
use azure_core::http::poller::{
    get_retry_after, Poller, PollerContinuation, PollerResult, PollerState, PollerStatus,
};
use azure_core::http::{Method, PipelineSendOptions, RawResponse, Request, StatusCode, Url};

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

/// The poller over `shared`: the first call sends the request (or, resumed, polls), the later
/// ones poll.
pub(super) fn start<T, F>(
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
