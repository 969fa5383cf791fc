//! Building and sending requests.
//!
//! The same for every spec; a spec may not need all of it.

#![allow(dead_code)]

use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::{
    AsyncRawResponse, Context, Pipeline, PipelineSendOptions, PipelineStreamOptions, RawResponse,
    Request, Url,
};
use azure_core::tracing::{PublicApiInstrumentationInformation, Tracer};
use percent_encoding::{utf8_percent_encode, AsciiSet, PercentEncode, NON_ALPHANUMERIC};
use std::sync::Arc;

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
pub(crate) fn pager<P>(
    pipeline: Pipeline,
    request: Request,
    paging: Paging,
    options: azure_core::http::pager::PagerOptions<'_>,
) -> azure_core::http::Pager<P>
where
    P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
{
    pager_from(pipeline, FirstPage::Request(request), paging, options)
}

/// How an operation pages, as its method describes it.
#[derive(Clone)]
pub(crate) struct Paging {
    /// The client's api-version, when the operation sends one: next links get exactly it.
    pub api_version: Option<String>,
    /// The status codes of a page (any 2xx when empty).
    pub success: &'static [u16],
    /// How an unexpected answer becomes the operation's error.
    pub error: crate::error::ErrorMapper,
    /// The page's property that links to the next page, as the operation's `nextLinkName`
    /// says (operations sharing a list type may name it differently); `None` for an operation
    /// of one page.
    pub next_link: Option<&'static str>,
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
///
/// Only the last step, typing the raw page as `Response<P>`, depends on `P`: fetching pages and
/// reading their next links is [`Pages::fetch`], compiled once per crate rather than once per
/// list type, and a page is decoded into `P` only when its items are read.
pub(crate) fn pager_from<P>(
    pipeline: Pipeline,
    first: FirstPage,
    paging: Paging,
    options: azure_core::http::pager::PagerOptions<'_>,
) -> azure_core::http::Pager<P>
where
    P: ::serde::de::DeserializeOwned + azure_core::http::pager::Page + Send + 'static,
{
    use azure_core::http::pager::{PagerOptions, PagerResult, PagerState};
    let pages = Pages {
        pipeline,
        first,
        paging,
    };
    let options = PagerOptions {
        context: options.context.into_owned(),
        continuation: options.continuation,
    };
    azure_core::http::Pager::new(
        move |state: PagerState, options: PagerOptions<'static>| {
            let pages = pages.clone();
            Box::pin(async move {
                let (raw, continuation) = pages.fetch(state, options).await?;
                let response: azure_core::http::Response<P> = raw.into();
                Ok(match continuation {
                    Some(continuation) => PagerResult::More {
                        response,
                        continuation,
                    },
                    None => PagerResult::Done { response },
                })
            })
        },
        Some(options),
    )
}

/// Everything a pager needs to fetch its pages, whatever their type.
#[derive(Clone)]
struct Pages {
    pipeline: Pipeline,
    first: FirstPage,
    paging: Paging,
}

impl Pages {
    /// The page `state` asks for, raw, and where the next one is (`None` after the last).
    async fn fetch(
        self,
        state: azure_core::http::pager::PagerState,
        options: azure_core::http::pager::PagerOptions<'static>,
    ) -> azure_core::Result<(RawResponse, Option<azure_core::http::pager::PagerContinuation>)> {
        use azure_core::http::pager::{PagerContinuation, PagerState};
        let Paging {
            api_version,
            success,
            error,
            next_link: link_name,
            next,
        } = self.paging;
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
            PagerState::Initial => match self.first {
                FirstPage::Request(request) => request,
                // The page is here already: no request.
                FirstPage::Received {
                    url,
                    status,
                    headers,
                    body,
                } => {
                    let link = next_link_of(&body, link_name)?;
                    let raw = RawResponse::from_bytes(status, headers, body);
                    let continuation = match link {
                        Some(link) => Some(PagerContinuation::Link(next_link(
                            &url,
                            &link,
                            api_version.as_deref(),
                        )?)),
                        None => None,
                    };
                    return Ok((raw, continuation));
                }
            },
        };
        let url = request.url().clone();
        let raw = send(
            &self.pipeline,
            &options.context,
            &mut request,
            success,
            error,
        )
        .await?;
        let continuation = match next_link_of(raw.body(), link_name)? {
            Some(link) if next.is_some() => Some(PagerContinuation::Token(link)),
            Some(link) => Some(PagerContinuation::Link(next_link(
                &url,
                &link,
                api_version.as_deref(),
            )?)),
            None => None,
        };
        Ok((raw, continuation))
    }
}

/// The next link of a JSON page: the string of its top-level property `name` (`None` when
/// `name` is, or when the property is absent, `null` or empty). Read without decoding the page
/// into its model, which only the reader of its items needs.
pub(crate) fn next_link_of(body: &[u8], name: Option<&str>) -> azure_core::Result<Option<String>> {
    use ::serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
    struct Link<'n>(&'n str);
    impl<'de> DeserializeSeed<'de> for Link<'_> {
        type Value = Option<String>;
        fn deserialize<D: ::serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Link<'_> {
        type Value = Option<String>;
        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut link = None;
            while let Some(key) = map.next_key::<String>()? {
                if key == self.0 {
                    link = map.next_value::<Option<String>>()?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(link)
        }
    }
    let Some(name) = name else { return Ok(None) };
    let mut deserializer = ::serde_json::Deserializer::from_slice(body);
    let link = Link(name).deserialize(&mut deserializer)?;
    Ok(link.filter(|link| !link.is_empty()))
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

/// The tracer a client's methods trace with: the one the client options' tracer provider gives for
/// the crate's Azure namespace (`Microsoft.Devices`), or none. What azure_core's
/// `#[tracing::new(namespace)]` attribute puts in a constructor, as a function.
pub(crate) fn tracer(
    options: &azure_core::http::ClientOptions,
    namespace: &'static str,
) -> Option<Arc<dyn Tracer>> {
    options
        .instrumentation
        .tracer_provider
        .as_ref()
        .map(|provider| {
            provider.get_tracer(
                Some(namespace),
                option_env!("CARGO_PKG_NAME").unwrap_or("UNKNOWN"),
                option_env!("CARGO_PKG_VERSION"),
            )
        })
}

/// Makes a method call traced: puts the call's span name (`Microsoft.Devices.Certificates.get`)
/// and the client's tracer in its context, from which azure_core's pipeline (or its `Pager` or
/// `Poller`) opens one span per call. What azure_core's `#[tracing::function(name)]` attribute
/// puts at the top of a method, as one non-generic function: the attribute re-parses every
/// method it is on, which cost 8% of the crate's `cargo check`.
pub(crate) fn instrument(
    context: &mut Context<'_>,
    span: &'static str,
    tracer: Option<&Arc<dyn Tracer>>,
) {
    context.insert(PublicApiInstrumentationInformation::new(span, Vec::new()));
    if let Some(tracer) = tracer {
        context.insert(tracer.clone());
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
    if is_success(u16::from(response.status()), success) {
        Ok(response)
    } else {
        Err(error(response))
    }
}

/// Whether `status` is a success: one of `success`, or any 2xx when the spec lists none.
fn is_success(status: u16, success: &[u16]) -> bool {
    if success.is_empty() {
        (200..300).contains(&status)
    } else {
        success.contains(&status)
    }
}

/// Sends `request` as [`send`] does, but leaves a success's body unread, to be streamed (a raw
/// byte body, `type: file`); an error's body is read whole, for the error.
pub(crate) async fn send_stream(
    pipeline: &Pipeline,
    ctx: &Context<'_>,
    request: &mut Request,
    success: &[u16],
    error: crate::error::ErrorMapper,
) -> azure_core::Result<AsyncRawResponse> {
    let options = PipelineStreamOptions {
        skip_checks: true,
        ..Default::default()
    };
    let response = pipeline.stream(ctx, request, Some(options)).await?;
    if is_success(u16::from(response.status()), success) {
        Ok(response)
    } else {
        Err(error(response.try_into_raw_response().await?))
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
        assert_eq!(
            role("").as_str(),
            "https://management.azure.com/providers/Microsoft.Authorization/roleAssignments"
        );
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
    fn next_links_are_read_without_the_page_model() {
        let page = br#"{"value":[{"nextLink":"inner"}],"odata.nextLink":"https://h/2?a=1","x":null}"#;
        assert_eq!(
            next_link_of(page, Some("odata.nextLink")).unwrap().as_deref(),
            Some("https://h/2?a=1")
        );
        // Only the page's own property counts, not an item's of the same name.
        assert_eq!(next_link_of(page, Some("nextLink")).unwrap(), None);
        assert_eq!(next_link_of(page, None).unwrap(), None);
        assert_eq!(next_link_of(br#"{"nextLink":null}"#, Some("nextLink")).unwrap(), None);
        assert_eq!(next_link_of(br#"{"nextLink":""}"#, Some("nextLink")).unwrap(), None);
        assert!(next_link_of(br#"{"nextLink":3}"#, Some("nextLink")).is_err());
        assert!(next_link_of(b"<html>", Some("nextLink")).is_err());
    }

    #[test]
    fn form_fields_are_encoded_and_absent_ones_left_out() {
        let fields = ::serde_json::json!({ "a": "x y&z=é", "b": 1, "c": null, "d": true });
        assert_eq!(form_body(&fields).unwrap(), "a=x+y%26z%3D%C3%A9&b=1&d=true");
    }
}
