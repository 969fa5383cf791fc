//! The generated crate's fixed support code, the same for every spec: `src/error.rs` (service
//! errors, decoded once), `src/request.rs` (URLs, sending, status checks), `src/lro.rs`
//! (long-running operations on azure_core's `Poller`, ARM style) and `src/time.rs` (date-time formats).

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;

/// `src/error.rs`: `ServiceError<E>`, the decoded error body carried inside `azure_core::Error`.
pub(crate) fn expand_error_rs(_ctx: &Context<'_>) -> TokenStream {
    quote! {
        //! Errors returned by the service, decoded.
        //!
        //! A response with an unexpected status becomes an [`azure_core::Error`] of kind
        //! [`ErrorKind::HttpResponse`] (status, error code
        //! and raw response) whose inner error is a [`ServiceError`] holding the error body decoded into
        //! the operation's error type. [`service_error`] gets it back without parsing the body again.

        use azure_core::error::ErrorKind;
        use azure_core::http::RawResponse;

        /// azure_core's HTTP status, re-exported so that comparing [`ServiceError::status`] (or
        /// `azure_core::Error::http_status`) with `StatusCode::NotFound` needs no `azure_core` import.
        pub use azure_core::http::StatusCode;

        /// An error response of the service: its status, its body decoded into the operation's error
        /// type `E` (when it decodes), and the code and message found in it.
        #[derive(Clone, Debug)]
        pub struct ServiceError<E = ::serde_json::Value> {
            status: StatusCode,
            error: Option<E>,
            code: Option<String>,
            message: Option<String>,
            body: Vec<u8>,
        }

        impl<E> ServiceError<E> {
            /// The HTTP status of the response.
            pub fn status(&self) -> StatusCode {
                self.status
            }

            /// The error body decoded into the operation's error type, or `None` when the body is
            /// empty or is not that type (a proxy's HTML page, a truncated document).
            pub fn error(&self) -> Option<&E> {
                self.error.as_ref()
            }

            /// The error code (`code`, or `error.code` in the ARM envelope), when the body has one.
            pub fn code(&self) -> Option<&str> {
                self.code.as_deref()
            }

            /// The error message (`message`, or `error.message` in the ARM envelope), when the body has one.
            pub fn message(&self) -> Option<&str> {
                self.message.as_deref()
            }

            /// The raw body of the response.
            pub fn body(&self) -> &[u8] {
                &self.body
            }
        }

        impl<E> ::std::fmt::Display for ServiceError<E> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "the service answered {}", u16::from(self.status))?;
                if let Some(code) = &self.code {
                    write!(f, " ({code})")?;
                }
                if let Some(message) = &self.message {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
        }

        impl<E: ::std::fmt::Debug> ::std::error::Error for ServiceError<E> {}

        /// The decoded service error inside `error`, if it is one whose body decodes as `E` (the
        /// error type each method documents, e.g. `ServiceError<models::ErrorDetails>`).
        pub fn service_error<E: ::std::fmt::Debug + Send + Sync + 'static>(error: &azure_core::Error) -> Option<&ServiceError<E>> {
            error.downcast_ref::<ServiceError<E>>()
        }

        /// Builds the error for an unexpected response: never fails, whatever the body holds.
        pub(crate) fn from_response<E>(response: RawResponse) -> azure_core::Error
        where
            E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
        {
            let status = response.status();
            let body: Vec<u8> = response.body().to_vec();
            let error = ::serde_json::from_slice::<E>(&body).ok();
            let json = ::serde_json::from_slice::<::serde_json::Value>(&body).ok();
            let field = |name: &str| -> Option<String> {
                let json = json.as_ref()?;
                json.get("error")
                    .and_then(|e| e.get(name))
                    .or_else(|| json.get(name))
                    .and_then(::serde_json::Value::as_str)
                    .map(str::to_string)
            };
            let code = response
                .headers()
                .get_optional_str(&azure_core::http::headers::HeaderName::from_static("x-ms-error-code"))
                .map(str::to_string)
                .or_else(|| field("code"));
            let message = field("message");
            let kind = ErrorKind::HttpResponse {
                status,
                error_code: code.clone(),
                raw_response: Some(Box::new(response)),
            };
            azure_core::Error::new(kind, ServiceError { status, error, code, message, body })
        }
    }
}

/// `src/request.rs`: building URLs (one percent-encoded segment per path parameter, exactly one
/// `api-version`), and sending with the crate's own status check.
pub(crate) fn expand_request_rs(_ctx: &Context<'_>) -> TokenStream {
    quote! {
        //! Building and sending requests.
        //!
        //! The same for every spec; a spec may not need all of it.
        #![allow(dead_code)]

        use azure_core::http::{Context, Pipeline, PipelineSendOptions, RawResponse, Request, Url};
        use percent_encoding::{utf8_percent_encode, AsciiSet, PercentEncode, NON_ALPHANUMERIC};

        /// Percent-encodes everything but RFC 3986 unreserved characters, so that `/`, `?`, `#`,
        /// `%`, spaces and non-ASCII in a value cannot change the structure of the URL.
        fn encode(value: &str) -> PercentEncode<'_> {
            const RESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
            utf8_percent_encode(value, RESERVED)
        }

        /// One path segment from a parameter's value, encoded. An empty value, `.` or `..` is
        /// refused: the URL parser would drop or resolve it and the request would reach another
        /// path (`%2E%2E` is a `..` too, per the URL standard).
        pub(crate) fn path_segment(name: &str, value: &str) -> azure_core::Result<String> {
            if value.is_empty() || value == "." || value == ".." {
                return Err(azure_core::Error::with_message(
                    azure_core::error::ErrorKind::DataConversion,
                    format!("path parameter `{name}` cannot be {value:?}: it would change the request path"),
                ));
            }
            Ok(encode(value).to_string())
        }

        /// The URL of an operation: the endpoint, the path (already encoded), and the query
        /// parameters, encoded. A path template may carry a fixed query of its own (`x-ms-paths`).
        pub(crate) fn url(endpoint: &Url, path: &str, query: &[(&str, String)]) -> Url {
            let mut url = endpoint.clone();
            let (path, fixed_query) = match path.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (path, None),
            };
            let base = endpoint.path().trim_end_matches('/');
            url.set_path(&format!("{base}{path}"));
            let mut pairs: Vec<String> = Vec::new();
            if let Some(fixed) = fixed_query.filter(|q| !q.is_empty()) {
                pairs.push(fixed.to_string());
            }
            for (name, value) in query {
                pairs.push(format!("{}={}", encode(name), encode(value)));
            }
            let query = pairs.join("&");
            url.set_query(if query.is_empty() { None } else { Some(&query) });
            url.set_fragment(None);
            url
        }

        /// `url` with exactly one `api-version`: any the URL has (a next link usually has one) are
        /// removed and `api_version` is appended. Other query parameters keep their exact bytes, so
        /// continuation tokens are not re-encoded.
        pub(crate) fn with_api_version(url: &Url, api_version: &str) -> Url {
            let mut url = url.clone();
            let mut pairs: Vec<String> = url
                .query()
                .unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .filter(|pair| {
                    let name = pair.split('=').next().unwrap_or_default();
                    !name.eq_ignore_ascii_case("api-version")
                })
                .map(str::to_string)
                .collect();
            pairs.push(format!("api-version={}", encode(api_version)));
            url.set_query(Some(&pairs.join("&")));
            url
        }

        /// A next link as the service wrote it, resolved against the request that returned it.
        pub(crate) fn next_link(base: &Url, link: &str, api_version: Option<&str>) -> azure_core::Result<Url> {
            let url = base.join(link)?;
            Ok(match api_version {
                Some(version) => with_api_version(&url, version),
                None => url,
            })
        }

        /// An `application/x-www-form-urlencoded` body from a model whose fields are the form's
        /// fields: each field as `name=value`, strings as they are, other values as JSON, absent
        /// ones left out.
        pub(crate) fn form_body<T: ::serde::Serialize>(fields: &T) -> azure_core::Result<String> {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            if let ::serde_json::Value::Object(map) = ::serde_json::to_value(fields)? {
                for (name, value) in map {
                    let value = match value {
                        ::serde_json::Value::String(s) => s,
                        ::serde_json::Value::Null => continue,
                        other => other.to_string(),
                    };
                    form.append_pair(&name, &value);
                }
            }
            Ok(form.finish())
        }

        /// A [`Pager`](azure_core::http::Pager) over the pages of `P`: the first page is `request`,
        /// the next ones a `GET` of each next link (resolved against the request that returned it,
        /// with exactly one `api-version` when the operation has one), until a page has none.
        /// `link_of` reads a page's link as the operation's `nextLinkName` says (`None` or
        /// empty on the last page; always `None` for an operation of one page), since
        /// operations sharing a list type may name it differently.
        pub(crate) fn pager<P, E>(
            pipeline: Pipeline,
            request: Request,
            api_version: Option<String>,
            success: &'static [u16],
            link_of: fn(&P) -> Option<&str>,
            options: azure_core::http::pager::PagerOptions<'_>,
        ) -> azure_core::http::Pager<P>
        where
            P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
            E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
        {
            use azure_core::http::pager::{PagerContinuation, PagerOptions, PagerResult, PagerState};
            let options = PagerOptions { context: options.context.into_owned(), continuation: options.continuation };
            azure_core::http::Pager::new(
                move |state: PagerState, options: PagerOptions<'static>| {
                    let pipeline = pipeline.clone();
                    let first = request.clone();
                    let api_version = api_version.clone();
                    Box::pin(async move {
                        let mut request = match state {
                            PagerState::More(continuation) => {
                                let url: Url = continuation.try_into()?;
                                let mut request = Request::new(url, azure_core::http::Method::Get);
                                request.insert_header("accept", "application/json");
                                request
                            }
                            PagerState::Initial => first,
                        };
                        let url = request.url().clone();
                        let raw = send::<E>(&pipeline, &options.context, &mut request, success).await?;
                        let (status, headers, body) = raw.deconstruct();
                        let page: P = azure_core::json::from_json(&body)?;
                        let response: azure_core::http::Response<P> = RawResponse::from_bytes(status, headers, body).into();
                        match link_of(&page) {
                            Some(link) if !link.is_empty() => Ok(PagerResult::More {
                                response,
                                continuation: PagerContinuation::Link(next_link(&url, link, api_version.as_deref())?),
                            }),
                            _ => Ok(PagerResult::Done { response }),
                        }
                    })
                },
                Some(options),
            )
        }

        /// Sends `request` and checks its status: one of `success` (any 2xx when empty), or the
        /// error, decoded as `E` (see [`crate::error`]).
        pub(crate) async fn send<E>(
            pipeline: &Pipeline,
            ctx: &Context<'_>,
            request: &mut Request,
            success: &[u16],
        ) -> azure_core::Result<RawResponse>
        where
            E: ::serde::de::DeserializeOwned + ::std::fmt::Debug + Send + Sync + 'static,
        {
            let options = PipelineSendOptions { skip_checks: true, ..Default::default() };
            let response = pipeline.send(ctx, request, Some(options)).await?;
            let status = u16::from(response.status());
            let ok = if success.is_empty() { (200..300).contains(&status) } else { success.contains(&status) };
            if ok {
                Ok(response)
            } else {
                Err(crate::error::from_response::<E>(response))
            }
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn path_segments_cannot_change_the_path() {
                assert_eq!(path_segment("id", "a/b").unwrap(), "a%2Fb");
                assert_eq!(path_segment("id", "../../x").unwrap(), "..%2F..%2Fx");
                assert_eq!(path_segment("id", "x?y#z").unwrap(), "x%3Fy%23z");
                assert_eq!(path_segment("id", "é").unwrap(), "%C3%A9");
                assert_eq!(path_segment("id", "100%").unwrap(), "100%25");
                assert_eq!(path_segment("id", "a-b.c_d~e").unwrap(), "a-b.c_d~e");
                assert!(path_segment("id", ".").is_err());
                assert!(path_segment("id", "..").is_err());
                assert!(path_segment("id", "").is_err());
                let endpoint = Url::parse("https://example.com").unwrap();
                let url = url(&endpoint, &format!("/jobs/{}", path_segment("id", "../../x").unwrap()), &[]);
                assert_eq!(url.as_str(), "https://example.com/jobs/..%2F..%2Fx");
            }

            #[test]
            fn api_version_appears_exactly_once() {
                let link = Url::parse("https://h/x?api-version=1&$skipToken=a%3Db&API-VERSION=2").unwrap();
                let url = with_api_version(&link, "2023-06-30");
                assert_eq!(url.as_str(), "https://h/x?$skipToken=a%3Db&api-version=2023-06-30");
            }

            #[test]
            fn query_values_are_encoded() {
                let endpoint = Url::parse("https://h/base/").unwrap();
                let url = url(&endpoint, "/a", &[("$filter", "x eq 'y&z'".to_string())]);
                assert_eq!(url.as_str(), "https://h/base/a?%24filter=x%20eq%20%27y%26z%27");
            }

            #[test]
            fn form_fields_are_encoded_and_absent_ones_left_out() {
                let fields = ::serde_json::json!({ "a": "x y&z=é", "b": 1, "c": null, "d": true });
                assert_eq!(form_body(&fields).unwrap(), "a=x+y%26z%3D%C3%A9&b=1&d=true");
            }
        }
    }
}

/// `src/lro.rs`: ARM long-running operations on azure_core's `Poller`.
pub(crate) fn expand_lro_rs(_ctx: &Context<'_>) -> TokenStream {
    quote! {
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

        use azure_core::http::headers::{HeaderName, Headers, RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS};
        use azure_core::http::poller::{get_retry_after, Poller, PollerContinuation, PollerResult, PollerState, StatusMonitor};

        /// azure_core's options of a [`Poller`] (its `frequency`, its context), re-exported so that
        /// setting them in a method's options needs no `azure_core` import.
        pub use azure_core::http::poller::PollerOptions;

        /// azure_core's status of a long-running operation, re-exported so that matching on
        /// [`OperationStatus::status`] needs no `azure_core` import.
        pub use azure_core::http::poller::PollerStatus;
        use azure_core::http::{JsonFormat, Method, Pipeline, RawResponse, Request, StatusCode, Url};

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
                Self { status: self.status.clone(), output: PhantomData }
            }
        }

        impl<T, F> ::std::fmt::Debug for OperationStatus<T, F> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("OperationStatus").field("status", &self.status).finish()
            }
        }

        impl<'de, T, F> ::serde::Deserialize<'de> for OperationStatus<T, F> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let status = status_in(&value).unwrap_or(PollerStatus::Succeeded);
                Ok(Self { status, output: PhantomData })
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
                .or_else(|| body.get("properties").and_then(|p| p.get("provisioningState")))
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
        type Target<T, F> = ::std::pin::Pin<Box<dyn ::std::future::Future<Output = azure_core::Result<azure_core::http::Response<T, F>>> + Send>>;

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
            headers.get_optional_str(name).and_then(|v| base.join(v).ok())
        }

        /// The status monitor URL a response names, if any.
        fn monitor_url(headers: &Headers, base: &Url) -> Option<Url> {
            header_url(headers, &AZURE_ASYNC_OPERATION, base)
                .or_else(|| header_url(headers, &OPERATION_LOCATION, base))
                .or_else(|| header_url(headers, &LOCATION, base))
        }

        /// The response the poller yields for a poll: the real status and headers, and a body
        /// holding the status it was read as.
        fn status_response<T, F>(status: StatusCode, headers: Headers, poller_status: &PollerStatus) -> azure_core::http::Response<OperationStatus<T, F>> {
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
                .map(|e| if envelope { ::serde_json::json!({ "error": e }) } else { e })
                .map(|e| e.to_string().into_bytes())
                .unwrap_or_else(|| body.to_vec());
            // The HTTP status of a failed operation's monitor is 200; report a server error instead.
            let status = if status.is_success() { StatusCode::InternalServerError } else { status };
            crate::error::from_response::<E>(RawResponse::from_bytes(status, headers, error))
        }

        /// Starts `operation` as a [`Poller`] (nothing is sent until it is awaited or polled).
        pub(crate) fn poller<T, F, E>(operation: Operation, options: PollerOptions<'static>) -> Poller<OperationStatus<T, F>>
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
                                let raw = crate::request::send::<E>(&operation.pipeline, &options.context, &mut request, operation.success).await?;
                                let headers = raw.headers();
                                let async_url = header_url(headers, &AZURE_ASYNC_OPERATION, &original)
                                    .or_else(|| header_url(headers, &OPERATION_LOCATION, &original));
                                let location = header_url(headers, &LOCATION, &original);
                                let final_link = match operation.final_state {
                                    FinalState::OriginalUri => Some(original.clone()),
                                    FinalState::Location => location.clone().or_else(|| async_url.clone()),
                                    FinalState::AsyncOperation => async_url.clone().or_else(|| location.clone()),
                                    FinalState::None => None,
                                };
                                let body_status = ::serde_json::from_slice::<::serde_json::Value>(raw.body()).ok().and_then(|v| status_in(&v));
                                let still_provisioning = matches!(method, Method::Put | Method::Patch)
                                    && matches!(body_status, Some(PollerStatus::InProgress | PollerStatus::UnknownValue(_)));
                                // `Location` alone means "poll me" on a 202 only: services also send it on
                                // their final 200 or 201 (Quota does), which the status and body decide.
                                let accepted = raw.status() == StatusCode::Accepted;
                                let next = async_url
                                    .or(location.filter(|_| accepted))
                                    .or_else(|| still_provisioning.then(|| original.clone()));
                                match next {
                                    Some(next_link) => {
                                        let (status, headers, _) = raw.deconstruct();
                                        let retry_after = get_retry_after(&headers, &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER], &options);
                                        return Ok(PollerResult::InProgress {
                                            response: status_response(status, headers, &PollerStatus::InProgress),
                                            retry_after,
                                            continuation: PollerContinuation::Links { next_link, final_link },
                                        });
                                    }
                                    // No monitor: the first response is the outcome.
                                    None => (raw, original.clone(), None),
                                }
                            }
                            PollerState::More(PollerContinuation::Links { next_link, final_link }) => {
                                let mut request = Request::new(next_link.clone(), Method::Get);
                                request.insert_header("accept", "application/json");
                                // A deleted resource's monitor may answer 404 once it is gone.
                                let success: &[u16] = if method == Method::Delete { &[200, 201, 202, 204, 404] } else { &[200, 201, 202, 204] };
                                let raw = crate::request::send::<E>(&operation.pipeline, &options.context, &mut request, success).await?;
                                (raw, next_link, final_link)
                            }
                            PollerState::More(_) => {
                                return Err(azure_core::Error::with_message(azure_core::error::ErrorKind::Other, "unexpected poller continuation"));
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
                                let status_code = if code == StatusCode::NotFound { StatusCode::Ok } else { code };
                                let response = status_response(status_code, headers.clone(), &status);
                                let target = move || -> Target<T, F> {
                                    Box::pin(async move {
                                        match final_link {
                                            Some(link) if link != polled && final_state != FinalState::None => {
                                                let mut request = Request::new(link, Method::Get);
                                                request.insert_header("accept", "application/json");
                                                let raw = crate::request::send::<E>(&pipeline, &context, &mut request, &[]).await?;
                                                Ok(raw.into())
                                            }
                                            _ => Ok(RawResponse::from_bytes(code, headers, body).into()),
                                        }
                                    })
                                };
                                Ok(PollerResult::Succeeded { response, target: Box::new(target) })
                            }
                            PollerStatus::Failed | PollerStatus::Canceled => Err(failed::<E>(code, headers, &body, operation.error_envelope)),
                            other => {
                                let retry_after = get_retry_after(&headers, &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER], &options);
                                let next_link = monitor_url(&headers, &polled).unwrap_or(polled);
                                Ok(PollerResult::InProgress {
                                    response: status_response(code, headers, &other),
                                    retry_after,
                                    continuation: PollerContinuation::Links { next_link, final_link },
                                })
                            }
                        }
                    })
                },
                Some(options),
            )
        }
    }
}

/// `src/time.rs`: the serde helpers of date-time fields, each shape (a value, an `Option`, a
/// `Vec`, a map, optional or not) written once, generic over a small `Format` trait with one
/// implementation per wire format. A field names both: `with = "crate::time::Optional::<crate::time::Rfc7231>"`
/// (see `types::serde_with`).
///
/// RFC 3339 and RFC 7231 formats read either form, because services (and the specs' own
/// examples, such as IoT Hub's `iothub_routingendpointhealth.json`) send RFC 3339 in fields
/// declared `date-time-rfc1123`; a client that refused them would fail on real responses.
/// Parsing and writing are azure_core's (`azure_core::time`); what is the crate's own is that
/// leniency, the conversion to UTC before writing RFC 7231 (azure_core writes the local time
/// followed by `GMT`), and the shapes, which azure_core has only for a value and an `Option`.
pub(crate) fn expand_time_rs(_ctx: &Context<'_>) -> TokenStream {
    quote! {
        //! Serde helpers of the models' date-time fields. A [`Format`] writes and reads one
        //! date-time; [`Value`], [`Optional`], [`List`], [`OptionalList`], [`Map`] and
        //! [`OptionalMap`] apply it to a field of that shape, as in
        //! `#[serde(with = "crate::time::Optional::<crate::time::Rfc7231>")]`.

        use std::collections::HashMap;
        use std::marker::PhantomData;

        use azure_core::time::OffsetDateTime;
        use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// Reads a date-time written in RFC 3339 or in RFC 7231.
        pub fn parse(text: &str) -> azure_core::Result<OffsetDateTime> {
            azure_core::time::parse_rfc3339(text).or_else(|_| azure_core::time::parse_rfc7231(text))
        }

        /// How one date-time is written and read.
        pub trait Format {
            /// Writes `date`.
            fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error>;

            /// Reads a date-time.
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error>;
        }

        /// `format: date-time`: written in RFC 3339 (`2017-06-15T19:20:58Z`), read in RFC 3339 or
        /// RFC 7231.
        pub struct Rfc3339;

        impl Format for Rfc3339 {
            fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
                // azure_core's (the `time` crate's) RFC 3339 writer reports a date it cannot write
                // (an offset with seconds) as an error, where `to_rfc3339` would panic.
                azure_core::time::rfc3339::serialize(date, serializer)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
                read_either(deserializer)
            }
        }

        /// `format: date-time-rfc1123`: written in RFC 7231 (`Thu, 15 Jun 2017 19:20:58 GMT`,
        /// converted to UTC first), read in RFC 7231 or RFC 3339.
        pub struct Rfc7231;

        impl Format for Rfc7231 {
            fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
                let utc = date
                    .checked_to_offset(::time::UtcOffset::UTC)
                    .ok_or_else(|| ::serde::ser::Error::custom("the date-time is out of range in UTC"))?;
                azure_core::time::rfc7231::serialize(&utc, serializer)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
                read_either(deserializer)
            }
        }

        /// `format: unixtime`: seconds since the Unix epoch. A value or an `Option` uses
        /// azure_core's `unix_time` helpers directly; arrays and maps use this.
        pub struct UnixTime;

        impl Format for UnixTime {
            fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
                azure_core::time::unix_time::serialize(date, serializer)
            }

            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
                azure_core::time::unix_time::deserialize(deserializer)
            }
        }

        /// Reads a string holding a date-time in RFC 3339 or in RFC 7231.
        fn read_either<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
            let text = String::deserialize(deserializer)?;
            parse(&text).map_err(::serde::de::Error::custom)
        }

        /// A date-time written by `F`.
        struct Written<'a, F>(&'a OffsetDateTime, PhantomData<F>);

        impl<F: Format> Serialize for Written<'_, F> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                F::write(self.0, serializer)
            }
        }

        /// A date-time read by `F`.
        struct Read<F>(OffsetDateTime, PhantomData<F>);

        impl<'de, F: Format> Deserialize<'de> for Read<F> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(Read(F::read(deserializer)?, PhantomData))
            }
        }

        /// Writes each of `dates` by `F`.
        fn written<F: Format>(dates: &[OffsetDateTime]) -> impl Iterator<Item = Written<'_, F>> {
            dates.iter().map(|date| Written(date, PhantomData))
        }

        /// Writes each of the values of `dates` by `F`, with its name.
        fn written_map<F: Format>(dates: &HashMap<String, OffsetDateTime>) -> impl Iterator<Item = (&String, Written<'_, F>)> {
            dates.iter().map(|(name, date)| (name, Written(date, PhantomData)))
        }

        /// A date-time field in format `F`.
        pub struct Value<F>(PhantomData<F>);

        impl<F: Format> Value<F> {
            /// Writes `date`.
            pub fn serialize<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
                F::write(date, serializer)
            }

            /// Reads a date-time.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
                F::read(deserializer)
            }
        }

        /// An `Option` field of a date-time in format `F`.
        pub struct Optional<F>(PhantomData<F>);

        impl<F: Format> Optional<F> {
            /// Writes `date`, if any.
            pub fn serialize<S: Serializer>(date: &Option<OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
                date.as_ref().map(|date| Written::<F>(date, PhantomData)).serialize(serializer)
            }

            /// Reads a date-time, or nothing.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<OffsetDateTime>, D::Error> {
                Ok(Option::<Read<F>>::deserialize(deserializer)?.map(|read| read.0))
            }
        }

        /// An array of date-times in format `F`.
        pub struct List<F>(PhantomData<F>);

        impl<F: Format> List<F> {
            /// Writes `dates`.
            pub fn serialize<S: Serializer>(dates: &[OffsetDateTime], serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(written::<F>(dates))
            }

            /// Reads an array of date-times.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<OffsetDateTime>, D::Error> {
                Ok(Vec::<Read<F>>::deserialize(deserializer)?.into_iter().map(|read| read.0).collect())
            }
        }

        /// An `Option` field of an array of date-times in format `F`.
        pub struct OptionalList<F>(PhantomData<F>);

        impl<F: Format> OptionalList<F> {
            /// Writes `dates`, if any.
            pub fn serialize<S: Serializer>(dates: &Option<Vec<OffsetDateTime>>, serializer: S) -> Result<S::Ok, S::Error> {
                dates.as_deref().map(|dates| written::<F>(dates).collect::<Vec<_>>()).serialize(serializer)
            }

            /// Reads an array of date-times, or nothing.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<OffsetDateTime>>, D::Error> {
                Ok(Option::<Vec<Read<F>>>::deserialize(deserializer)?.map(|dates| dates.into_iter().map(|read| read.0).collect()))
            }
        }

        /// A map of date-times in format `F`.
        pub struct Map<F>(PhantomData<F>);

        impl<F: Format> Map<F> {
            /// Writes `dates`.
            pub fn serialize<S: Serializer>(dates: &HashMap<String, OffsetDateTime>, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(written_map::<F>(dates))
            }

            /// Reads a map of date-times.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<String, OffsetDateTime>, D::Error> {
                Ok(HashMap::<String, Read<F>>::deserialize(deserializer)?.into_iter().map(|(name, read)| (name, read.0)).collect())
            }
        }

        /// An `Option` field of a map of date-times in format `F`.
        pub struct OptionalMap<F>(PhantomData<F>);

        impl<F: Format> OptionalMap<F> {
            /// Writes `dates`, if any.
            pub fn serialize<S: Serializer>(dates: &Option<HashMap<String, OffsetDateTime>>, serializer: S) -> Result<S::Ok, S::Error> {
                dates.as_ref().map(|dates| written_map::<F>(dates).collect::<HashMap<_, _>>()).serialize(serializer)
            }

            /// Reads a map of date-times, or nothing.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<HashMap<String, OffsetDateTime>>, D::Error> {
                Ok(Option::<HashMap<String, Read<F>>>::deserialize(deserializer)?
                    .map(|dates| dates.into_iter().map(|(name, read)| (name, read.0)).collect()))
            }
        }
    }
}
