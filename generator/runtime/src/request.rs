//! Building and sending requests.
//!
//! The same for every spec; a spec may not need all of it.

#![allow(dead_code)]

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

/// One path segment from a parameter's value, encoded. An empty value, `.` or `..` is
/// refused: the URL parser would drop or resolve it and the request would reach another
/// path (`%2E%2E` is a `..` too, per the URL standard).
pub(crate) fn path_segment(name: &str, value: &str) -> azure_core::Result<String> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(azure_core::Error::with_message(
            azure_core::error::ErrorKind::DataConversion,
            format!(
                "path parameter `{name}` cannot be {value:?}: it would change the request path"
            ),
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
    let options = PagerOptions {
        context: options.context.into_owned(),
        continuation: options.continuation,
    };
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
                let response: azure_core::http::Response<P> =
                    RawResponse::from_bytes(status, headers, body).into();
                match link_of(&page) {
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
