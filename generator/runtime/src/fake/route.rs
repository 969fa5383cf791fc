//! Routing: the handlers a test scripted, the routes of the crate's operations, and the route
//! (and the path parameters) a request's method and URL match.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use azure_core::http::{Method, Url};

use super::{fake_error, Answer, Failure, Received};

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
pub(super) fn match_route(route: &Route, url: &Url) -> Option<(HashMap<&'static str, String>, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::response;

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

}
