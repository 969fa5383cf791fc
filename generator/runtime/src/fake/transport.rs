//! The fake transport: it answers each request with the matching route's answer, and keeps what
//! runs between requests (the pages still to serve, the operations still running, their results).

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use azure_core::http::headers::Headers;
use azure_core::http::{AsyncRawResponse, HttpClient, Method, Request, StatusCode};
use serde_json::Value;

use super::route::{match_route, Route};
use super::{fake_error, Answer, Failure, LroResult, PageScript, Received};

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
