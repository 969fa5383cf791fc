//! What the fakes of every generated crate share (the crate's `fake` module, behind its `fake`
//! feature, holds the spec's own: one server per client, with one handler per method).
//!
//! A fake is an [`HttpClient`] given to the client as its transport
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

#![allow(dead_code)]

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::error::ErrorKind;
use azure_core::http::headers::Headers;
use azure_core::http::request::Body;
use azure_core::http::{AsyncRawResponse, HttpClient, Method, Request, StatusCode, Url};
use serde_json::Value;

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

/// The handlers a test scripted, by operation, shared by the servers of a crate and the
/// transport. Each is stored as the `Arc<dyn Fn(..)>` its server method built and read back as
/// the same type.
#[derive(Clone, Default)]
pub struct Handlers(Arc<Mutex<HashMap<&'static str, Arc<dyn std::any::Any + Send + Sync>>>>);

impl std::fmt::Debug for Handlers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut scripted: Vec<&str> = self
            .0
            .lock()
            .map(|h| h.keys().copied().collect())
            .unwrap_or_default();
        scripted.sort_unstable();
        f.debug_struct("Handlers").field("scripted", &scripted).finish()
    }
}

/// A handler as stored: the closure a server method was given, behind an `Arc`.
type Handler<C, R> = Arc<dyn Fn(C) -> Result<R, Failure> + Send + Sync>;

impl Handlers {
    /// Scripts `operation` with `handler` (replacing its handler, if any): calls of type `C`
    /// answered with an `R`.
    pub fn set<C: 'static, R: 'static>(
        &self,
        operation: &'static str,
        handler: impl Fn(C) -> Result<R, Failure> + Send + Sync + 'static,
    ) {
        let handler: Handler<C, R> = Arc::new(handler);
        if let Ok(mut handlers) = self.0.lock() {
            handlers.insert(operation, Arc::new(handler));
        }
    }

    /// Calls the handler of `operation` with `call`, or fails saying which server method
    /// scripts it.
    pub fn call<C: 'static, R: 'static>(
        &self,
        operation: &'static str,
        scripted_by: &'static str,
        call: C,
    ) -> azure_core::Result<Result<R, Failure>> {
        let stored = self.0.lock().ok().and_then(|h| h.get(operation).cloned());
        // Cloned out of the lock, so a handler may script the fake again.
        let handler = stored
            .and_then(|h| h.downcast_ref::<Handler<C, R>>().cloned())
            .ok_or_else(|| {
                fake_error(format!(
                    "the fake has no handler for `{operation}`: script it with `{scripted_by}`"
                ))
            })?;
        Ok(handler(call))
    }
}

/// How a route answers a request it matched.
pub type Responder = Box<dyn Fn(&Received<'_>) -> azure_core::Result<Answer> + Send + Sync>;

/// One operation of the crate, as the transport finds it.
pub struct Route {
    /// Its HTTP method.
    pub method: Method,
    /// Its path template as the spec writes it (`/things/{name}`, maybe with a `?query`).
    pub template: &'static str,
    /// The path parameters inserted as they are (`x-ms-skip-url-encoding`), which may hold `/`.
    pub raw: &'static [&'static str],
    /// How it answers.
    pub respond: Responder,
}

/// A piece of a path template.
#[derive(Debug, PartialEq)]
enum Part<'t> {
    Text(&'t str),
    Param(&'t str),
}

fn parts(template: &'static str) -> Vec<Part<'static>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(Part::Text(&rest[..open]));
        }
        let Some(close) = rest[open..].find('}') else {
            parts.push(Part::Text(&rest[open..]));
            return parts;
        };
        parts.push(Part::Param(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    parts
}

/// The parameters of `path` (its raw, encoded text) under `parts`, matched from its start to its
/// end; `raw` parameters may span segments.
fn match_parts<'p>(
    parts: &[Part<'_>],
    path: &'p str,
    raw: &[&str],
    found: &mut Vec<&'p str>,
) -> bool {
    match parts.split_first() {
        None => path.is_empty(),
        Some((Part::Text(text), rest)) => {
            path.starts_with(text) && match_parts(rest, &path[text.len()..], raw, found)
        }
        Some((Part::Param(name), rest)) => {
            let spans = raw.contains(name);
            let limit = if spans { path.len() } else { path.find('/').unwrap_or(path.len()) };
            for end in (0..=limit).filter(|&end| path.is_char_boundary(end)) {
                found.push(&path[..end]);
                if match_parts(rest, &path[end..], raw, found) {
                    return true;
                }
                found.pop();
            }
            false
        }
    }
}

/// How `route` matches `url`: its path parameters by name and its specificity (the literal text
/// it matched), or `None`.
fn match_route(route: &Route, url: &Url) -> Option<(HashMap<&'static str, String>, usize)> {
    let (template, fixed_query) = route
        .template
        .split_once('?')
        .unwrap_or((route.template, ""));
    // Query pairs written into the template (`x-ms-paths`) must be there.
    for pair in url::form_urlencoded::parse(fixed_query.as_bytes()) {
        if !url.query_pairs().any(|(k, v)| k == pair.0 && v == pair.1) {
            return None;
        }
    }
    let parts = parts(template);
    let path = url.path();
    let literal: usize = parts
        .iter()
        .map(|p| if let Part::Text(t) = p { t.len() } else { 0 })
        .sum();
    // Anchored at the end: whatever precedes is the endpoint's own path.
    let starts = (0..=path.len()).filter(|&s| path.is_char_boundary(s) && (s == 0 || template.starts_with('/') == path[s..].starts_with('/')));
    for start in starts {
        let mut found = Vec::new();
        if match_parts(&parts, &path[start..], route.raw, &mut found) {
            let names = parts.iter().filter_map(|p| match p {
                Part::Param(name) => Some(*name),
                Part::Text(_) => None,
            });
            let mut params = HashMap::new();
            for (name, value) in names.zip(found) {
                let value = if route.raw.contains(&name) {
                    value.to_string()
                } else {
                    percent_encoding::percent_decode_str(value)
                        .decode_utf8_lossy()
                        .into_owned()
                };
                params.insert(name, value);
            }
            return Some((params, literal));
        }
    }
    None
}

/// Where a long-running operation stands.
struct Running {
    polls_left: u32,
    outcome: Result<LroResult, Failure>,
    envelope: bool,
    /// The original request's URL, whose `GET` reads the result once the operation succeeded.
    original: String,
}

/// What the transport keeps between requests.
#[derive(Default)]
struct State {
    next_id: u64,
    /// Pages still to serve, by pager.
    pages: HashMap<u64, PageScript>,
    /// Running operations.
    operations: HashMap<u64, Running>,
    /// Results of succeeded operations, read by a `GET` of their `Location`.
    results: HashMap<u64, Option<Value>>,
    /// Results of succeeded operations, read once by a `GET` of their original URL.
    originals: HashMap<String, Option<Value>>,
}

/// The fake transport: the crate's routes and what they left running.
pub struct Transport {
    routes: Vec<Route>,
    state: Mutex<State>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("routes", &self.routes.len())
            .finish_non_exhaustive()
    }
}

/// The reserved path under which the fake serves next pages and operation monitors.
const RESERVED: &str = "/__fake__/";

impl Transport {
    /// A transport answering with `routes`.
    pub fn new(routes: Vec<Route>) -> Self {
        Self {
            routes,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> azure_core::Result<std::sync::MutexGuard<'_, State>> {
        self.state
            .lock()
            .map_err(|_| fake_error("a handler panicked while the fake held its state".into()))
    }

    /// The answer to `request`.
    fn answer(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        let url = request.url();
        let origin = url.origin().ascii_serialization();
        if let Some(at) = url.path().find(RESERVED) {
            let rest = url.path()[at + RESERVED.len()..].to_string();
            return self.reserved(&rest, &origin);
        }
        if request.method() == Method::Get {
            if let Some(result) = self.state()?.originals.remove(url.as_str()) {
                return Ok(write(200, Vec::new(), result.map(|r| r.to_string().into_bytes()).unwrap_or_default()));
            }
        }
        let mut best: Option<(&Route, HashMap<&'static str, String>, usize)> = None;
        for route in self.routes.iter().filter(|r| r.method == request.method()) {
            if let Some((params, score)) = match_route(route, url) {
                if best.as_ref().is_none_or(|(_, _, s)| score > *s) {
                    best = Some((route, params, score));
                }
            }
        }
        let Some((route, path, _)) = best else {
            return Err(fake_error(format!(
                "no operation of the crate is {} {}",
                request.method(),
                url.path()
            )));
        };
        let received = Received {
            request,
            path,
            query: url.query_pairs().into_owned().collect(),
        };
        match (route.respond)(&received)? {
            Answer::Response {
                status,
                headers,
                body,
            } => Ok(write(status, headers, body)),
            Answer::Pages(script) => {
                let mut state = self.state()?;
                Ok(serve_first_page(&mut state, script, &origin))
            }
            Answer::Lro(script) => {
                let mut state = self.state()?;
                state.next_id += 1;
                let id = state.next_id;
                state.operations.insert(
                    id,
                    Running {
                        polls_left: script.polls,
                        outcome: script.outcome,
                        envelope: script.envelope,
                        original: url.to_string(),
                    },
                );
                let monitor = format!("{origin}{RESERVED}operations/{id}");
                Ok(write(
                    202,
                    vec![
                        ("azure-asyncoperation", monitor.clone()),
                        ("location", format!("{monitor}/result")),
                        ("retry-after", "0".to_string()),
                    ],
                    Vec::new(),
                ))
            }
        }
    }

    /// A next page, a monitor poll or an operation's result.
    fn reserved(&self, rest: &str, origin: &str) -> azure_core::Result<AsyncRawResponse> {
        let mut state = self.state()?;
        let segments: Vec<&str> = rest.split('/').collect();
        match segments.as_slice() {
            ["pages", id, _] => {
                let id: u64 = id.parse().unwrap_or_default();
                let Some(mut script) = state.pages.remove(&id) else {
                    return Err(fake_error(format!("the fake has no pages left for pager {id}")));
                };
                let page = script.pages.remove(0);
                let more = !script.pages.is_empty();
                let body = page_json(&script, page, more.then(|| format!("{origin}{RESERVED}pages/{id}/next")));
                let status = script.status;
                if more {
                    state.pages.insert(id, script);
                }
                Ok(write(status, json_headers(), body.to_string().into_bytes()))
            }
            ["operations", id] => {
                let id: u64 = id.parse().unwrap_or_default();
                let Some(running) = state.operations.get_mut(&id) else {
                    return Err(fake_error(format!("the fake has no operation {id}")));
                };
                if running.polls_left > 0 {
                    running.polls_left -= 1;
                    let mut headers = json_headers();
                    headers.push(("retry-after", "0".to_string()));
                    return Ok(write(200, headers, br#"{"status":"InProgress"}"#.to_vec()));
                }
                let Some(running) = state.operations.remove(&id) else {
                    return Err(fake_error(format!("the fake has no operation {id}")));
                };
                match running.outcome {
                    Err(failure) => {
                        let body = serde_json::json!({ "status": "Failed", "error": failure.error_object(running.envelope) });
                        Ok(write(200, json_headers(), body.to_string().into_bytes()))
                    }
                    Ok(result) => {
                        let result = match result {
                            LroResult::None => None,
                            LroResult::Json(value) => Some(value),
                            LroResult::Pages(script) => {
                                let page = serve_pages_value(&mut state, script, origin);
                                Some(page)
                            }
                        };
                        // The monitor's own answer holds the result too, for an operation whose
                        // result is read from it.
                        let mut body = match &result {
                            Some(Value::Object(map)) => Value::Object(map.clone()),
                            _ => serde_json::json!({}),
                        };
                        body["status"] = Value::String("Succeeded".into());
                        state.results.insert(id, result.clone());
                        state.originals.insert(running.original, result);
                        Ok(write(200, json_headers(), body.to_string().into_bytes()))
                    }
                }
            }
            ["operations", id, "result"] => {
                let id: u64 = id.parse().unwrap_or_default();
                let Some(result) = state.results.remove(&id) else {
                    return Err(fake_error(format!("the fake has no result for operation {id}")));
                };
                let body = result.map(|r| r.to_string().into_bytes()).unwrap_or_default();
                Ok(write(200, json_headers(), body))
            }
            _ => Err(fake_error(format!("the fake serves nothing at {RESERVED}{rest}"))),
        }
    }
}

fn json_headers() -> Vec<(&'static str, String)> {
    vec![("content-type", "application/json".to_string())]
}

/// One page as JSON: its items, and the link to the next.
fn page_json(script: &PageScript, items: Vec<Value>, next: Option<String>) -> Value {
    let mut page = script.fields.clone();
    page.insert(script.item_name.to_string(), Value::Array(items));
    if let (Some(name), Some(next)) = (script.next_link_name, next) {
        page.insert(name.to_string(), Value::String(next));
    }
    Value::Object(page)
}

/// The first page's JSON, the others kept.
fn serve_pages_value(state: &mut State, mut script: PageScript, origin: &str) -> Value {
    let first = script.pages.remove(0);
    let more = !script.pages.is_empty();
    state.next_id += 1;
    let id = state.next_id;
    let body = page_json(&script, first, more.then(|| format!("{origin}{RESERVED}pages/{id}/next")));
    if more {
        state.pages.insert(id, script);
    }
    body
}

fn serve_first_page(state: &mut State, script: PageScript, origin: &str) -> AsyncRawResponse {
    let status = script.status;
    let body = serve_pages_value(state, script, origin);
    write(status, json_headers(), body.to_string().into_bytes())
}

fn write(status: u16, headers: Vec<(&'static str, String)>, body: Vec<u8>) -> AsyncRawResponse {
    let mut all = Headers::new();
    for (name, value) in headers {
        all.insert(name, value);
    }
    AsyncRawResponse::from_bytes(StatusCode::from(status), all, body)
}

// `HttpClient` is declared with `async_trait`; implemented in the form that macro expands to.
impl HttpClient for Transport {
    fn execute_request<'life0, 'life1, 'async_trait>(
        &'life0 self,
        request: &'life1 Request,
    ) -> Pin<Box<dyn Future<Output = azure_core::Result<AsyncRawResponse>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(std::future::ready(self.answer(request)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: Method, template: &'static str, raw: &'static [&'static str]) -> Route {
        Route {
            method,
            template,
            raw,
            respond: Box::new(|_| Ok(response(200, None))),
        }
    }

    fn params(route: &Route, url: &str) -> Option<Vec<(String, String)>> {
        let (params, _) = match_route(route, &Url::parse(url).unwrap())?;
        let mut params: Vec<(String, String)> = params.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        params.sort();
        Some(params)
    }

    #[test]
    fn templates_match_at_the_end_of_the_path_and_decode_their_parameters() {
        let r = route(Method::Get, "/subscriptions/{subscriptionId}/jobs/{jobId}", &[]);
        assert_eq!(
            params(&r, "https://h/base/subscriptions/s%201/jobs/j%2Fk?api-version=1"),
            Some(vec![("jobId".into(), "j/k".into()), ("subscriptionId".into(), "s 1".into())])
        );
        assert_eq!(params(&r, "https://h/subscriptions/s/jobs/j/more"), None);
        assert_eq!(params(&r, "https://h/subscriptions/s/jobs/"), Some(vec![("jobId".into(), String::new()), ("subscriptionId".into(), "s".into())]));
    }

    #[test]
    fn a_parameter_inserted_as_is_spans_segments() {
        let r = route(Method::Get, "/{scope}/providers/Microsoft.Thing/things/{name}", &["scope"]);
        assert_eq!(
            params(&r, "https://h/subscriptions/s/resourceGroups/rg/providers/Microsoft.Thing/things/t"),
            Some(vec![("name".into(), "t".into()), ("scope".into(), "subscriptions/s/resourceGroups/rg".into())])
        );
    }

    #[test]
    fn query_pairs_of_the_template_must_be_there() {
        let r = route(Method::Post, "/things?op=restart", &[]);
        assert!(params(&r, "https://h/things?op=restart&api-version=1").is_some());
        assert!(params(&r, "https://h/things?op=stop").is_none());
    }

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
