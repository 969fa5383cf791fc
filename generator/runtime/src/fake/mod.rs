//! What the fakes of every generated crate share (the crate's `fake` module, behind its `fake`
//! feature, holds the spec's own: one server per client, with one handler per method).
//!
//! A fake is an [`HttpClient`](azure_core::http::HttpClient) given to the client as its transport
//! (`ClientOptions::transport`): the client's pipeline runs as it does against Azure (policies,
//! authentication header, paging, long-running operations, error decoding), but each request is
//! answered in memory by the handler the test scripted for its operation. Nothing goes to the
//! network and there is no TLS. The transport finds the operation by method and path template
//! (the most specific template that matches, anchored at the end of the path, so an endpoint
//! with a base path works too), reads the typed arguments back from the request, calls the
//! handler and writes its answer as the service would:
//!
//! - a value: the success status with the value's JSON (read-only fields included, which a
//!   request never carries but a response does);
//! - a [`Failure`]: its status, an `x-ms-error-code` header and an error body in the shape the
//!   operation's error type decodes (the ARM envelope `{"error": {...}}` or the error itself);
//! - [`Pages`]: the first page with a next link the generated pager follows, then each next page
//!   from the same transport;
//! - an [`Lro`]: `202 Accepted` with `Azure-AsyncOperation` and `Location` monitors
//!   (`Retry-After: 0`, so polling does not wait), `InProgress` for the polls the script asks,
//!   then `Succeeded` (the result where the operation reads it: the monitor, its `Location`, or
//!   a `GET` of the original URL) or `Failed` with the failure's error.
//!
//! Whatever the fake cannot answer (an operation without a handler, a request no operation of
//! the crate matches) is an `azure_core::Error` naming it, not a made-up response.
//!
//! This module holds what the spec's fakes see: the values a handler answers with, the
//! arguments read back from a request, and the answers written from a handler's outcome;
//! `route` finds the operation a request is for, and `transport` answers requests and keeps
//! what runs between them (pages, operations).

#![allow(dead_code)]

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::ErrorKind;
use azure_core::http::request::Body;
use azure_core::http::{Request, StatusCode};
use serde_json::Value;

mod route;
mod transport;

pub use route::{Handlers, Route};
pub use transport::Transport;

/// A service error for a handler to answer with: a status, and the error code and message the
/// body carries (or a body of your own, [`Failure::with_error`]).
///
/// It is one pointer wide, so a handler's `Result` stays small (clippy's `result_large_err`).
#[derive(Clone, Debug, PartialEq)]
pub struct Failure(Box<FailureParts>);

#[derive(Clone, Debug, PartialEq)]
struct FailureParts {
    status: StatusCode,
    code: Option<String>,
    message: Option<String>,
    body: Option<Value>,
}

impl Failure {
    /// A failure with this status, error code and message, in the error shape of the
    /// operation (`{"code": .., "message": ..}`, inside `{"error": ..}` where the operation's
    /// error type is the ARM envelope).
    pub fn new(status: StatusCode, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self(Box::new(FailureParts {
            status,
            code: Some(code.into()),
            message: Some(message.into()),
            body: None,
        }))
    }

    /// A failure with this status whose body is `error`, as given (for an error model of the
    /// crate, with every field, read-only ones too). Its `code` and `message`, where it has
    /// them, also fill the `x-ms-error-code` header.
    ///
    /// # Errors
    ///
    /// When `error` does not serialize.
    pub fn with_error<E: serde::Serialize>(
        status: StatusCode,
        error: &E,
    ) -> azure_core::Result<Self> {
        let body = answer_value(error)?;
        let field = |name: &str| {
            body.get("error")
                .and_then(|e| e.get(name))
                .or_else(|| body.get(name))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        Ok(Self(Box::new(FailureParts {
            status,
            code: field("code"),
            message: field("message"),
            body: Some(body),
        })))
    }

    /// The status it answers.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The error object: the body given, or the code and message (outside any envelope).
    fn error_object(&self, envelope: bool) -> Value {
        match &self.0.body {
            Some(body) if envelope => body.get("error").cloned().unwrap_or_else(|| body.clone()),
            Some(body) => body.clone(),
            None => serde_json::json!({ "code": self.0.code, "message": self.0.message }),
        }
    }

    /// The body a response of this failure carries.
    fn body(&self, envelope: bool) -> Value {
        match (&self.0.body, envelope) {
            (Some(body), _) => body.clone(),
            (None, true) => serde_json::json!({ "error": self.error_object(true) }),
            (None, false) => self.error_object(false),
        }
    }
}

/// The pages a fake pageable operation answers, each a list of items: the first page is the
/// operation's answer, and each names the next with a link the generated pager follows.
#[derive(Clone, Debug, PartialEq)]
pub struct Pages<T> {
    pages: Vec<Vec<T>>,
    fields: serde_json::Map<String, Value>,
}

impl<T> Pages<T> {
    /// These pages, in order. No page is one empty page.
    pub fn new(pages: impl IntoIterator<Item = Vec<T>>) -> Self {
        let mut pages: Vec<Vec<T>> = pages.into_iter().collect();
        if pages.is_empty() {
            pages.push(Vec::new());
        }
        Self {
            pages,
            fields: serde_json::Map::new(),
        }
    }

    /// One page of these items.
    pub fn one(items: Vec<T>) -> Self {
        Self::new([items])
    }

    /// The same pages, each also carrying the properties of `fields` (a JSON object: the page
    /// model's other fields, e.g. `serde_json::to_value(&page)`); the items and the next link
    /// are the fake's.
    pub fn with_fields(mut self, fields: Value) -> Self {
        if let Value::Object(map) = fields {
            self.fields = map;
        }
        self
    }
}

impl<T> From<Vec<Vec<T>>> for Pages<T> {
    fn from(pages: Vec<Vec<T>>) -> Self {
        Self::new(pages)
    }
}

/// How a fake long-running operation goes: how many polls answer `InProgress`, then its
/// outcome (its result, or a failure the poller reports as the operation's error).
#[derive(Clone, Debug, PartialEq)]
pub struct Lro<T> {
    polls: u32,
    outcome: Result<T, Failure>,
}

impl<T> Lro<T> {
    /// Succeeds with `result` at the first poll.
    pub fn succeeded(result: T) -> Self {
        Self {
            polls: 0,
            outcome: Ok(result),
        }
    }

    /// Fails with `failure` at the first poll (the first request itself was accepted; a handler
    /// that returns `Err(failure)` fails the request instead).
    pub fn failed(failure: Failure) -> Self {
        Self {
            polls: 0,
            outcome: Err(failure),
        }
    }

    /// The same outcome after `polls` polls answered `InProgress`.
    pub fn after_polls(mut self, polls: u32) -> Self {
        self.polls = polls;
        self
    }
}

/// A credential for a client whose transport is a fake: a fixed token, never a sign-in.
pub fn credential() -> Arc<dyn TokenCredential> {
    Arc::new(FakeCredential)
}

#[derive(Debug)]
struct FakeCredential;

// `TokenCredential` is declared with `async_trait`; implemented here in the form that macro
// expands to, so the crate needs no `async-trait` dependency.
impl TokenCredential for FakeCredential {
    fn get_token<'life0, 'life1, 'life2, 'life3, 'async_trait>(
        &'life0 self,
        _scopes: &'life1 [&'life2 str],
        _options: Option<TokenRequestOptions<'life3>>,
    ) -> Pin<Box<dyn Future<Output = azure_core::Result<AccessToken>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        'life3: 'async_trait,
        Self: 'async_trait,
    {
        let expires = azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1);
        Box::pin(std::future::ready(Ok(AccessToken::new("fake-token", expires))))
    }
}

thread_local! {
    /// Set while the fake writes an answer: read-only fields are written then.
    static WRITING_ANSWER: Cell<bool> = const { Cell::new(false) };
}

/// Whether a read-only field is left out of the JSON being written: always, except while a
/// fake writes a response (the models' `skip_serializing_if` under the `fake` feature).
pub fn skips_read_only<T>(_: &T) -> bool {
    !WRITING_ANSWER.with(Cell::get)
}

/// `value` as a response's JSON: every field, read-only ones too.
fn answer_value<T: serde::Serialize + ?Sized>(value: &T) -> azure_core::Result<Value> {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            WRITING_ANSWER.with(|w| w.set(self.0));
        }
    }
    let _reset = Reset(WRITING_ANSWER.with(|w| w.replace(true)));
    serde_json::to_value(value).map_err(|e| {
        azure_core::Error::with_message(
            ErrorKind::DataConversion,
            format!("the fake could not write its answer as JSON: {e}"),
        )
    })
}

/// An error of the fake itself (a request it cannot answer), not of the service.
fn fake_error(message: String) -> azure_core::Error {
    azure_core::Error::with_message(ErrorKind::Other, message)
}

/// Where a parameter travels, for [`Received::value`] and [`Received::values`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum In {
    /// A path segment (or several, for a parameter inserted as it is).
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
}

/// A request as a route reads it: its path parameters (decoded), query pairs, headers and body.
pub struct Received<'a> {
    request: &'a Request,
    path: HashMap<&'static str, String>,
    query: Vec<(String, String)>,
}

impl Received<'_> {
    /// The parameter's text, when the request has it (the first of a repeated query parameter).
    pub fn value(&self, location: In, name: &str) -> Option<&str> {
        match location {
            In::Path => self.path.get(name).map(String::as_str),
            In::Query => self
                .query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str()),
            In::Header => self
                .request
                .headers()
                .iter()
                .find(|(k, _)| k.as_str().eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str()),
        }
    }

    /// A list parameter's items: its text split at `separator`, or for `None` (`multi`) every
    /// occurrence of the query parameter.
    pub fn values(&self, location: In, name: &str, separator: Option<&str>) -> Option<Vec<&str>> {
        match separator {
            Some(separator) => self
                .value(location, name)
                .map(|text| if text.is_empty() { Vec::new() } else { text.split(separator).collect() }),
            None => {
                let all: Vec<&str> = self
                    .query
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                (!all.is_empty()).then_some(all)
            }
        }
    }

    /// The request body's bytes (empty when there is none).
    pub fn body(&self) -> &[u8] {
        match self.request.body() {
            Body::Bytes(bytes) => bytes,
            _ => &[],
        }
    }
}

/// A required parameter's value, or an error naming it.
pub fn required<T>(name: &str, value: Option<T>) -> azure_core::Result<T> {
    value.ok_or_else(|| fake_error(format!("the request has no `{name}`, which the operation requires")))
}

/// A parameter's text read as a `T` the way the method wrote it: a string (or string enum) as
/// is, a number, boolean or number enum as its text.
pub fn text<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> azure_core::Result<T> {
    serde_json::from_value(Value::String(text.to_string()))
        .or_else(|_| serde_json::from_str(text))
        .map_err(|e| fake_error(format!("the fake could not read `{name}` ({text:?}): {e}")))
}

/// A date-time parameter: RFC 3339, RFC 1123 or Unix seconds.
pub fn date_time(name: &str, text: &str) -> azure_core::Result<azure_core::time::OffsetDateTime> {
    if let Ok(seconds) = text.parse::<i64>() {
        return azure_core::time::OffsetDateTime::from_unix_timestamp(seconds)
            .map_err(|e| fake_error(format!("`{name}` ({text:?}): {e}")));
    }
    azure_core::time::parse_rfc3339(text)
        .or_else(|_| azure_core::time::parse_rfc7231(text))
        .map_err(|e| fake_error(format!("the fake could not read `{name}` ({text:?}) as a date-time: {e}")))
}

/// A bytes parameter: base64, standard or URL-safe.
pub fn bytes(name: &str, text: &str) -> azure_core::Result<Vec<u8>> {
    azure_core::base64::decode(text)
        .or_else(|_| azure_core::base64::decode_url_safe(text))
        .map_err(|e| fake_error(format!("the fake could not read `{name}` ({text:?}) as base64: {e}")))
}

/// A JSON request body as a `T`.
pub fn json<T: serde::de::DeserializeOwned>(body: &[u8]) -> azure_core::Result<T> {
    serde_json::from_slice(body)
        .map_err(|e| fake_error(format!("the fake could not read the request body: {e}")))
}

/// A form body (`application/x-www-form-urlencoded`) as its name/value pairs.
pub fn form(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// What a handler's outcome becomes, before the transport writes it.
pub enum Answer {
    /// A response as it is.
    Response {
        /// The status.
        status: u16,
        /// The headers.
        headers: Vec<(&'static str, String)>,
        /// The body.
        body: Vec<u8>,
    },
    /// The first of these pages, the others kept for the pager's next requests.
    Pages(PageScript),
    /// A long-running operation, started.
    Lro(LroScript),
}

/// Pages ready to serve.
pub struct PageScript {
    status: u16,
    item_name: &'static str,
    next_link_name: Option<&'static str>,
    pages: Vec<Vec<Value>>,
    fields: serde_json::Map<String, Value>,
}

/// A long-running operation ready to run.
pub struct LroScript {
    polls: u32,
    outcome: Result<LroResult, Failure>,
    envelope: bool,
}

/// What a successful long-running operation results in.
enum LroResult {
    /// Nothing.
    None,
    /// This JSON.
    Json(Value),
    /// A list's pages (the result is the first).
    Pages(PageScript),
}

fn response(status: u16, body: Option<&Value>) -> Answer {
    let (headers, body) = match body {
        Some(body) => (
            vec![("content-type", "application/json".to_string())],
            body.to_string().into_bytes(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    Answer::Response {
        status,
        headers,
        body,
    }
}

fn failure(failure: &Failure, envelope: bool) -> Answer {
    let mut headers = vec![("content-type", "application/json".to_string())];
    if let Some(code) = &failure.0.code {
        headers.push(("x-ms-error-code", code.clone()));
    }
    Answer::Response {
        status: u16::from(failure.0.status),
        headers,
        body: failure.body(envelope).to_string().into_bytes(),
    }
}

/// A plain operation's answer: `status` with the value's JSON.
pub fn plain<T: serde::Serialize>(
    outcome: Result<T, Failure>,
    status: u16,
    envelope: bool,
) -> azure_core::Result<Answer> {
    match outcome {
        Ok(value) => Ok(response(status, Some(&answer_value(&value)?))),
        Err(f) => Ok(failure(&f, envelope)),
    }
}

/// A plain operation without a body: `status`, empty.
pub fn empty(outcome: Result<(), Failure>, status: u16, envelope: bool) -> azure_core::Result<Answer> {
    match outcome {
        Ok(()) => Ok(response(status, None)),
        Err(f) => Ok(failure(&f, envelope)),
    }
}

/// A `HEAD`'s answer: `found` when the handler says it exists, else `missing`.
pub fn exists(
    outcome: Result<bool, Failure>,
    found: u16,
    missing: u16,
    envelope: bool,
) -> azure_core::Result<Answer> {
    match outcome {
        Ok(true) => Ok(response(found, None)),
        Ok(false) => Ok(response(missing, None)),
        Err(f) => Ok(failure(&f, envelope)),
    }
}

fn page_script<T: serde::Serialize>(
    pages: Pages<T>,
    status: u16,
    item_name: &'static str,
    next_link_name: Option<&'static str>,
) -> azure_core::Result<PageScript> {
    let mut written = Vec::new();
    for page in &pages.pages {
        written.push(page.iter().map(answer_value).collect::<azure_core::Result<Vec<_>>>()?);
    }
    // Without a next link there is one page: every item in it.
    if next_link_name.is_none() {
        written = vec![written.into_iter().flatten().collect()];
    }
    Ok(PageScript {
        status,
        item_name,
        next_link_name,
        pages: written,
        fields: pages.fields,
    })
}

/// A pageable operation's answer: the pages, each an object with the items under `item_name`
/// and, but the last, the next page's URL under `next_link_name` (`None`: a single page, every
/// item in it).
pub fn pages<T: serde::Serialize>(
    outcome: Result<Pages<T>, Failure>,
    status: u16,
    item_name: &'static str,
    next_link_name: Option<&'static str>,
    envelope: bool,
) -> azure_core::Result<Answer> {
    match outcome {
        Ok(pages) => Ok(Answer::Pages(page_script(pages, status, item_name, next_link_name)?)),
        Err(f) => Ok(failure(&f, envelope)),
    }
}

/// A long-running operation's answer; `has_result`: its success has a body (else the result is
/// ignored, as `()`).
pub fn lro<T: serde::Serialize>(
    outcome: Result<Lro<T>, Failure>,
    has_result: bool,
    envelope: bool,
) -> azure_core::Result<Answer> {
    let script = match outcome {
        Err(f) => return Ok(failure(&f, envelope)),
        Ok(script) => script,
    };
    let outcome = match script.outcome {
        Ok(value) if has_result => Ok(LroResult::Json(answer_value(&value)?)),
        Ok(_) => Ok(LroResult::None),
        Err(f) => Err(f),
    };
    Ok(Answer::Lro(LroScript {
        polls: script.polls,
        outcome,
        envelope,
    }))
}

/// A long-running operation whose result is a list's pages.
pub fn lro_pages<T: serde::Serialize>(
    outcome: Result<Lro<Pages<T>>, Failure>,
    item_name: &'static str,
    next_link_name: Option<&'static str>,
    envelope: bool,
) -> azure_core::Result<Answer> {
    let script = match outcome {
        Err(f) => return Ok(failure(&f, envelope)),
        Ok(script) => script,
    };
    let outcome = match script.outcome {
        Ok(pages) => Ok(LroResult::Pages(page_script(pages, 200, item_name, next_link_name)?)),
        Err(f) => Err(f),
    };
    Ok(Answer::Lro(LroScript {
        polls: script.polls,
        outcome,
        envelope,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parameters_read_back_as_the_method_wrote_them() {
        assert_eq!(text::<String>("s", "a b").unwrap(), "a b");
        assert_eq!(text::<i64>("n", "9007199254740993").unwrap(), 9007199254740993);
        assert!(text::<bool>("b", "true").unwrap());
        assert_eq!(text::<f64>("f", "1.5").unwrap(), 1.5);
        assert!(text::<i32>("n", "x").is_err());
        let t = date_time("t", "Thu, 15 Jun 2017 19:20:58 GMT").unwrap();
        assert_eq!(t, date_time("t", "2017-06-15T19:20:58Z").unwrap());
        assert_eq!(t, date_time("t", "1497554458").unwrap());
        assert_eq!(bytes("b", "aGk=").unwrap(), b"hi");
    }

    #[derive(serde::Serialize)]
    struct Model {
        name: String,
        #[serde(skip_serializing_if = "skips_read_only")]
        id: String,
    }

    #[test]
    fn answers_carry_read_only_fields_and_requests_do_not() {
        let model = Model { name: "n".into(), id: "i".into() };
        assert_eq!(serde_json::to_value(&model).unwrap(), serde_json::json!({ "name": "n" }));
        assert_eq!(answer_value(&model).unwrap(), serde_json::json!({ "name": "n", "id": "i" }));
        assert_eq!(serde_json::to_value(&model).unwrap(), serde_json::json!({ "name": "n" }), "the flag is reset");
    }

    #[test]
    fn failures_take_the_shape_of_the_operation_error() {
        let f = Failure::new(StatusCode::NotFound, "NotFound", "gone");
        assert_eq!(f.body(true), serde_json::json!({ "error": { "code": "NotFound", "message": "gone" } }));
        assert_eq!(f.body(false), serde_json::json!({ "code": "NotFound", "message": "gone" }));
        let g = Failure::with_error(StatusCode::Conflict, &serde_json::json!({ "error": { "code": "Busy", "message": "later" } })).unwrap();
        assert_eq!((g.0.code.as_deref(), g.0.message.as_deref()), (Some("Busy"), Some("later")));
        assert_eq!(g.error_object(true), serde_json::json!({ "code": "Busy", "message": "later" }));
    }
}
