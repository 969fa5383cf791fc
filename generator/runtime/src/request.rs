//! Building and sending requests.
//!
//! The same for every spec; a spec may not need all of it.

#![allow(dead_code)]

use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::{Context, Pipeline, PipelineSendOptions, RawResponse, Request, Url};
use percent_encoding::{utf8_percent_encode, AsciiSet, PercentEncode, NON_ALPHANUMERIC};

/// Percent-encodes everything but RFC 3986 unreserved characters, so that `/`, `?`, `#`,
/// `%`, spaces and non-ASCII in a value cannot change the structure of the URL.
fn encode(value: &str) -> PercentEncode<'_> {
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(value, RESERVED)
}

/// One path segment from a parameter's value, encoded. `.` or `..` is refused: the URL parser
/// would resolve it and the request would reach another path (`%2E%2E` is a `..` too, per the
/// URL standard). An empty value stays an empty segment (`/things//parts`), as the spec says.
pub(crate) fn path_segment(name: &str, value: &str) -> azure_core::Result<String> {
    if value == "." || value == ".." {
        return Err(azure_core::Error::with_message(
            azure_core::error::ErrorKind::DataConversion,
            format!(
                "path parameter `{name}` cannot be {value:?}: it would change the request path"
            ),
        ));
    }
    Ok(encode(value).to_string())
}

/// Appends a path parameter's value as it is (`x-ms-skip-url-encoding`). Such a value may bring
/// its own `/`: an ARM scope given as users hold it (`/subscriptions/s/resourceGroups/rg`) after
/// the template's `/`, or the tenant scope (empty) between two `/`. One `/` is meant each time,
/// so the value's leading `/` is dropped after one, and an empty value drops the `/` before it
/// (the template's next `/` follows).
pub(crate) fn push_raw(path: &mut String, value: &str) {
    if value.is_empty() {
        if path.ends_with('/') {
            path.pop();
        }
    } else if path.ends_with('/') {
        path.push_str(value.strip_prefix('/').unwrap_or(value));
    } else {
        path.push_str(value);
    }
}

/// The endpoint a host template filled in names (`x-ms-parameterized-host`), or an error
/// saying what it made when that is not a URL.
pub(crate) fn host_url(filled: String) -> azure_core::Result<Url> {
    Url::parse(&filled).map_err(|e| {
        azure_core::Error::with_message(
            azure_core::error::ErrorKind::DataConversion,
            format!("the host template filled in gives `{filled}`, which is not a URL: {e}"),
        )
    })
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

/// Appends `name=value` to the query of `url` with `value` as it is (`x-ms-skip-url-encoding`:
/// the caller gives it encoded, or wants its `&` and `=` to stay separators).
pub(crate) fn append_raw_query(url: &mut Url, name: &str, value: &str) {
    let pair = format!("{}={value}", encode(name));
    let query = match url.query() {
        Some(existing) if !existing.is_empty() => format!("{existing}&{pair}"),
        _ => pair,
    };
    url.set_query(Some(&query));
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
pub(crate) fn next_link(
    base: &Url,
    link: &str,
    api_version: Option<&str>,
) -> azure_core::Result<Url> {
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

/// How a pager whose spec names an `operationName` requests a next page: the request of that
/// operation, built from the first call's arguments and the next link as the page wrote it.
pub(crate) type NextRequest =
    std::sync::Arc<dyn Fn(&str) -> azure_core::Result<Request> + Send + Sync>;

/// A [`Pager`](azure_core::http::Pager) over the pages of `P`: the first page is `request`,
/// the next ones a `GET` of each next link (resolved against the request that returned it,
/// with exactly one `api-version` when the operation has one), or with `next`, the request
/// `next` builds from the link, until a page has none.
/// `link_of` reads a page's link as the operation's `nextLinkName` says (`None` or
/// empty on the last page; always `None` for an operation of one page), since
/// operations sharing a list type may name it differently.
pub(crate) fn pager<P>(
    pipeline: Pipeline,
    request: Request,
    paging: Paging<P>,
    options: azure_core::http::pager::PagerOptions<'_>,
) -> azure_core::http::Pager<P>
where
    P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
{
    pager_from(pipeline, FirstPage::Request(request), paging, options)
}

/// How an operation pages, as its method describes it.
pub(crate) struct Paging<P: 'static> {
    /// The client's api-version, when the operation sends one: next links get exactly it.
    pub api_version: Option<String>,
    /// The status codes of a page (any 2xx when empty).
    pub success: &'static [u16],
    /// How an unexpected answer becomes the operation's error.
    pub error: crate::error::ErrorMapper,
    /// The page's next link, as the operation's `nextLinkName` says.
    pub link_of: fn(&P) -> Option<&str>,
    /// The request of the next page, when the spec names an `operationName`.
    pub next: Option<NextRequest>,
}

/// Where a pager's first page comes from.
#[derive(Clone)]
pub(crate) enum FirstPage {
    /// This request's answer.
    Request(Request),
    /// This answer, already received from `url` (a long-running operation's result).
    Received {
        /// Where it came from (next links are resolved against it).
        url: Url,
        /// Its status.
        status: azure_core::http::StatusCode,
        /// Its headers.
        headers: Headers,
        /// Its body.
        body: azure_core::Bytes,
    },
}

/// [`pager`], from a first page given either way.
pub(crate) fn pager_from<P>(
    pipeline: Pipeline,
    first: FirstPage,
    paging: Paging<P>,
    options: azure_core::http::pager::PagerOptions<'_>,
) -> azure_core::http::Pager<P>
where
    P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
{
    let Paging {
        api_version,
        success,
        error,
        link_of,
        next,
    } = paging;
    use azure_core::http::pager::{PagerContinuation, PagerOptions, PagerResult, PagerState};
    let options = PagerOptions {
        context: options.context.into_owned(),
        continuation: options.continuation,
    };
    azure_core::http::Pager::new(
        move |state: PagerState, options: PagerOptions<'static>| {
            let pipeline = pipeline.clone();
            let first = first.clone();
            let api_version = api_version.clone();
            let next = next.clone();
            Box::pin(async move {
                let mut request = match state {
                    // The next operation's request, from the link as the page wrote it.
                    PagerState::More(PagerContinuation::Token(link)) => match &next {
                        Some(next) => next(&link)?,
                        None => {
                            return Err(azure_core::Error::with_message(
                                azure_core::error::ErrorKind::Other,
                                "a next-page token for a pager that follows links",
                            ))
                        }
                    },
                    PagerState::More(continuation) => {
                        let url: Url = continuation.try_into()?;
                        let mut request = Request::new(url, azure_core::http::Method::Get);
                        request.insert_header("accept", "application/json");
                        request
                    }
                    PagerState::Initial => match first {
                        FirstPage::Request(request) => request,
                        // The page is here already: no request.
                        FirstPage::Received {
                            url,
                            status,
                            headers,
                            body,
                        } => {
                            let page: P = azure_core::json::from_json(&body)?;
                            let response: azure_core::http::Response<P> =
                                RawResponse::from_bytes(status, headers, body).into();
                            return Ok(match link_of(&page) {
                                Some(link) if !link.is_empty() => PagerResult::More {
                                    response,
                                    continuation: PagerContinuation::Link(next_link(
                                        &url,
                                        link,
                                        api_version.as_deref(),
                                    )?),
                                },
                                _ => PagerResult::Done { response },
                            });
                        }
                    },
                };
                let url = request.url().clone();
                let raw = send(&pipeline, &options.context, &mut request, success, error).await?;
                let (status, headers, body) = raw.deconstruct();
                let page: P = azure_core::json::from_json(&body)?;
                let response: azure_core::http::Response<P> =
                    RawResponse::from_bytes(status, headers, body).into();
                match link_of(&page) {
                    Some(link) if !link.is_empty() && next.is_some() => Ok(PagerResult::More {
                        response,
                        continuation: PagerContinuation::Token(link.to_string()),
                    }),
                    Some(link) if !link.is_empty() => Ok(PagerResult::More {
                        response,
                        continuation: PagerContinuation::Link(next_link(
                            &url,
                            link,
                            api_version.as_deref(),
                        )?),
                    }),
                    _ => Ok(PagerResult::Done { response }),
                }
            })
        },
        Some(options),
    )
}

/// The text of response header `name` (lower case), when the response has it.
pub(crate) fn header_text(headers: &Headers, name: &'static str) -> Option<String> {
    headers
        .get_optional_str(&HeaderName::from_static(name))
        .map(str::to_string)
}

/// Response header `name` (lower case) read by `parse`: `None` when it is absent or empty, an
/// error naming the header when `parse` finds its text is not a value of its type.
pub(crate) fn header<T>(
    headers: &Headers,
    name: &'static str,
    parse: fn(&str) -> Option<T>,
) -> azure_core::Result<Option<T>> {
    match headers.get_optional_str(&HeaderName::from_static(name)) {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => parse(text.trim()).map(Some).ok_or_else(|| {
            azure_core::Error::with_message(
                azure_core::error::ErrorKind::DataConversion,
                format!("response header `{name}` is not a value of its type: {text:?}"),
            )
        }),
    }
}

/// Sends `request` and checks its status: one of `success` (any 2xx when empty), or the
/// error `error` makes of the response (see [`crate::error`]).
pub(crate) async fn send(
    pipeline: &Pipeline,
    ctx: &Context<'_>,
    request: &mut Request,
    success: &[u16],
    error: crate::error::ErrorMapper,
) -> azure_core::Result<RawResponse> {
    let options = PipelineSendOptions {
        skip_checks: true,
        ..Default::default()
    };
    let response = pipeline.send(ctx, request, Some(options)).await?;
    let status = u16::from(response.status());
    let ok = if success.is_empty() {
        (200..300).contains(&status)
    } else {
        success.contains(&status)
    };
    if ok {
        Ok(response)
    } else {
        Err(error(response))
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
        assert_eq!(path_segment("id", "").unwrap(), "");
        let endpoint = Url::parse("https://example.com").unwrap();
        let url = url(
            &endpoint,
            &format!("/jobs/{}", path_segment("id", "../../x").unwrap()),
            &[],
        );
        assert_eq!(url.as_str(), "https://example.com/jobs/..%2F..%2Fx");
    }

    #[test]
    fn api_version_appears_exactly_once() {
        let link = Url::parse("https://h/x?api-version=1&$skipToken=a%3Db&API-VERSION=2").unwrap();
        let url = with_api_version(&link, "2023-06-30");
        assert_eq!(
            url.as_str(),
            "https://h/x?$skipToken=a%3Db&api-version=2023-06-30"
        );
    }

    #[test]
    fn scopes_inserted_as_they_are_make_one_slash() {
        let endpoint = Url::parse("https://management.azure.com").unwrap();
        let role = |scope: &str| {
            let mut path = String::from("/");
            push_raw(&mut path, scope);
            path.push_str("/providers/Microsoft.Authorization/roleAssignments");
            url(&endpoint, &path, &[])
        };
        assert_eq!(
            role("/subscriptions/s/resourceGroups/rg").as_str(),
            "https://management.azure.com/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments"
        );
        assert_eq!(
            role("subscriptions/s").as_str(),
            "https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleAssignments"
        );
        // The tenant scope.
        assert_eq!(role("").as_str(), "https://management.azure.com/providers/Microsoft.Authorization/roleAssignments");
    }

    #[test]
    fn raw_query_values_are_appended_as_they_are() {
        let mut url = url(
            &Url::parse("https://h/").unwrap(),
            "/a",
            &[("x", "1 2".to_string())],
        );
        append_raw_query(&mut url, "q1", "value1&q2=value2");
        assert_eq!(url.as_str(), "https://h/a?x=1%202&q1=value1&q2=value2");
        let mut bare = Url::parse("https://h/b").unwrap();
        append_raw_query(&mut bare, "q", "a%20b");
        assert_eq!(bare.as_str(), "https://h/b?q=a%20b");
    }

    #[test]
    fn query_values_are_encoded() {
        let endpoint = Url::parse("https://h/base/").unwrap();
        let url = url(&endpoint, "/a", &[("$filter", "x eq 'y&z'".to_string())]);
        assert_eq!(
            url.as_str(),
            "https://h/base/a?%24filter=x%20eq%20%27y%26z%27"
        );
    }

    #[test]
    fn form_fields_are_encoded_and_absent_ones_left_out() {
        let fields = ::serde_json::json!({ "a": "x y&z=é", "b": 1, "c": null, "d": true });
        assert_eq!(form_body(&fields).unwrap(), "a=x+y%26z%3D%C3%A9&b=1&d=true");
    }
}
