//! `tests/`: one test per `x-ms-examples` file of the spec, run against the HTTPS test server
//! (`tests/support/mod.rs`, the template `generator/templates/test_server.rs`).
//!
//! Each test scripts the server with the request the example describes (method, path with
//! percent-encoded segments, api-version, headers, JSON body) and the example's response, calls
//! the operation with the example's parameters, and compares what the client decoded, encoded
//! again, with the example's body. What the model documents it drops is left out of that
//! comparison and checked another way: read-only fields are never serialized, so each one the
//! example holds is compared on its own, through the decoded value's fields. Where the example
//! and the spec disagree (a property the schema does not define, a value of the wrong JSON type,
//! a status code or parameter the operation does not declare), the test prints which, and the
//! generator follows the spec. Example files the spec names but that are missing become ignored
//! tests whose reason names the file, so `cargo test` lists them.
//!
//! An operation that no example file covers gets the same test with an example built from its
//! schemas (`synthesize`), so every operation of the spec is exercised over HTTPS.

use std::collections::BTreeSet;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use super::synthesize;
use super::types::{field_is_plain, is_string_primitive};
use super::{ident, Context};
use crate::error::{Error, Location, Result};
use crate::ir::{
    Api, CollectionFormat, ExampleContent, ExampleResponse, HttpMethod, Method, MethodKind, ObjectType, Operation,
    ParamLocation, Passing, Primitive, StatusCode, TypeKind, TypeRef, ValueSource,
};
use crate::names;
use crate::{GeneratedFile, Options};

/// What a synthesized example is called where an example file's name would be.
pub(crate) const SYNTHESIZED: &str = "a synthesized example";

/// The test server, shared with the hand-written scenario tests of `generator/e2e`.
const TEST_SERVER: &str = include_str!("../../templates/test_server.rs");

/// The dev-dependencies the emitted tests need (with `tokio` also serving the README's
/// doc-test), as `name = spec` lines of `Cargo.toml`.
pub(crate) const DEV_DEPENDENCIES: &[(&str, &str)] = &[
    ("async-trait", r#""0.1""#),
    ("futures", r#""0.3""#),
    ("http-body-util", r#""0.1""#),
    (
        "hyper",
        r#"{ version = "1", features = ["server", "http1"] }"#,
    ),
    ("hyper-util", r#"{ version = "0.1", features = ["tokio"] }"#),
    (
        "rcgen",
        r#"{ version = "0.14", default-features = false, features = ["aws_lc_rs"] }"#,
    ),
    (
        "reqwest",
        r#"{ version = "0.13", default-features = false, features = ["rustls"] }"#,
    ),
    (
        "tokio",
        r#"{ version = "1", features = ["macros", "rt-multi-thread", "net", "time"] }"#,
    ),
    (
        "tokio-rustls",
        r#"{ version = "0.26", default-features = false, features = ["aws_lc_rs", "tls12"] }"#,
    ),
];

/// `tests/examples.rs` and `tests/support/mod.rs`; nothing when the spec names no examples.
pub(crate) fn expand_example_tests(api: &Api, options: &Options) -> Result<Vec<GeneratedFile>> {
    if api.operations.is_empty() {
        return Ok(Vec::new());
    }
    let ctx = Context::new(api, options)?;
    let (tokens, uses_server) = expand_examples_rs(&ctx)?;
    let path = std::path::Path::new("tests/examples.rs");
    let mut files = vec![GeneratedFile {
        path: path.into(),
        contents: super::format_rust(&ctx, path, tokens)?,
    }];
    if uses_server {
        let support = format!("{}\n{TEST_SERVER}", super::preamble(&options.command, "//"));
        files.push(GeneratedFile {
            path: "tests/support/mod.rs".into(),
            contents: support,
        });
    }
    Ok(files)
}

/// The whole of `tests/examples.rs`, and whether it uses the test server (it does not when
/// every example file is missing).
fn expand_examples_rs(ctx: &Context<'_>) -> Result<(TokenStream, bool)> {
    let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
    let root = ctx.root_client()?;
    let root_options = ctx.root_options()?;
    let mut client_args = Vec::new();
    let mut client_values = Vec::new();
    for parameter in constructor_parameters(ctx) {
        let name = ident(&parameter.field, &parameter.location)?;
        if matches!(ctx.resolve_alias(&parameter.ty), TypeRef::Primitive(p) if is_string_primitive(p)) {
            client_args.push(quote! { #name: &str });
            client_values.push(quote! { #name });
        } else {
            client_args.push(quote! { #name: serde_json::Value });
            client_values.push(quote! { serde_json::from_value(#name).unwrap() });
        }
    }
    let mut tests = Vec::new();
    let mut found = false;
    let mut taken = BTreeSet::new();
    for client in &ctx.api.clients.clients {
        for method in &client.methods {
            let operation = ctx.operation(method);
            let call = CallSite {
                client_accessor: client.accessor.as_ref().map(|a| format_ident!("{a}")),
                method,
                operation,
            };
            let mut covered = false;
            for example in &operation.examples {
                let stem = example.file.rsplit('/').next().unwrap_or(&example.file);
                let stem = stem.strip_suffix(".json").unwrap_or(stem);
                let name = names::unique(
                    names::snake(&format!("{} {stem}", operation.id)),
                    &mut taken,
                );
                let title = format!(
                    " `{}`: example `{}` ({}).",
                    operation.id, example.name, example.file
                );
                let body = match &example.content {
                    ExampleContent::Found {
                        parameters,
                        responses,
                    } => expand_example_test(ctx, &call, &example.file, parameters, responses, &[])?,
                    ExampleContent::Missing => {
                        Err(format!("example file {} is missing", example.file))
                    }
                    ExampleContent::Invalid(why) => Err(format!(
                        "example file {} is not a valid example: {why}",
                        example.file
                    )),
                };
                found |= body.is_ok();
                covered |= body.is_ok();
                tests.push(test_fn(&name, &title, body, operation)?);
            }
            // An operation no example file covers with a runnable test gets an example built
            // from its schemas.
            if covered {
                continue;
            }
            let name = names::unique(
                names::snake(&format!("{} synthesized", operation.id)),
                &mut taken,
            );
            let title = format!(
                " `{}`: an example synthesized from the spec's schemas (no example file covers it).",
                operation.id
            );
            let body = match synthesize::synthesize(ctx, operation) {
                Ok(example) => expand_example_test(
                    ctx,
                    &call,
                    SYNTHESIZED,
                    &example.parameters,
                    &example.responses,
                    &example.follow_ups,
                )?,
                Err(reason) => Err(reason),
            };
            found |= body.is_ok();
            tests.push(test_fn(&name, &title, body, operation)?);
        }
    }
    let docs = quote! {
        //! One test per `x-ms-examples` file of the spec, against the HTTPS test server in
        //! `support`: the request the example describes is checked by the server, the example's
        //! response is sent back, and the decoded value is compared with the example's body.
        //! Missing example files are ignored tests whose reason names the file.
        //!
        //! Every operation no example file covers gets the same test with an example
        //! synthesized from the spec's schemas (`*_synthesized`): every parameter and property
        //! filled, read-only ones included, one item per array and map.
    };
    if !found {
        return Ok((quote! { #docs #(#tests)* }, false));
    }
    // Tests whose requests and answers carry no JSON do not need it.
    let json_fn = if tests.iter().any(|t| t.to_string().contains("json (")) {
        quote! {
            /// Parses the JSON text of an example.
            fn json(text: &str) -> serde_json::Value {
                serde_json::from_str(text).unwrap()
            }
        }
    } else {
        quote! {}
    };
    Ok((
        quote! {
            #docs
            #![allow(unused_imports)]

            mod support;

            use #crate_name::{#root, #root_options};
            use #crate_name::models;
            use support::{CannedResponse, Exchange, TestServer};

            /// A client of `server` with azure_core's default policies.
            fn client(server: &TestServer, #(#client_args),*) -> #root {
                let options = #root_options {
                    client_options: server.client_options(),
                    endpoint: Some(server.endpoint().parse().unwrap()),
                    ..Default::default()
                };
                #root::new(server.credential(), #(#client_values,)* Some(options)).unwrap()
            }

            #json_fn

            #(#tests)*
        },
        true,
    ))
}

/// A test named `name`: async with `body`, or ignored for the reason given instead.
fn test_fn(
    name: &str,
    title: &str,
    body: std::result::Result<TokenStream, String>,
    operation: &Operation,
) -> Result<TokenStream> {
    let test = ident(name, &operation.location)?;
    // A deprecated operation is still tested.
    let allow = if operation.deprecated { quote! { #[allow(deprecated)] } } else { quote! {} };
    Ok(match body {
        Ok(body) => quote! {
            #[doc = #title]
            #[tokio::test]
            #allow
            async fn #test() { #body }
        },
        Err(reason) => quote! {
            #[doc = #title]
            #[test]
            #[ignore = #reason]
            fn #test() {}
        },
    })
}

/// Where an operation is called from.
struct CallSite<'a> {
    /// The root client's method returning the operation's sub-client (`None`: the root itself).
    client_accessor: Option<proc_macro2::Ident>,
    /// The method.
    method: &'a Method,
    /// The operation.
    operation: &'a Operation,
}

/// The required client-level values the root client's constructor takes, in its order.
fn constructor_parameters<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a crate::ir::ClientField> {
    ctx.api.clients.root.fields.iter().filter(|p| p.required)
}

/// The body of one example's test.
fn expand_example_test(
    ctx: &Context<'_>,
    call: &CallSite<'_>,
    file: &str,
    parameters: &Map<String, Value>,
    responses: &std::collections::BTreeMap<String, ExampleResponse>,
    follow_ups: &[synthesize::FollowUp],
) -> Result<std::result::Result<TokenStream, String>> {
    let operation = call.operation;
    let at = operation.location.join("x-ms-examples");
    let mut disagreements = Vec::new();
    let coerced = coerce_scalars(ctx, operation, parameters, &mut disagreements);
    let parameters = &coerced;

    // The request the server expects.
    let path = expected_path(operation, parameters, &mut disagreements)?;
    let method = http_method(operation.method);
    let mut expectations = Vec::new();
    for parameter in &operation.parameters {
        let value = parameters.get(&parameter.name);
        if let Some(constant) = &parameter.constant {
            // The client always sends the spec's one value (an operation's own fixed
            // api-version among them).
            if value.is_some_and(|v| v != constant) {
                disagreements.push(format!(
                    "the example gives `{}` the value {}, the spec allows only {constant} (the client sends that)",
                    parameter.name,
                    value.map(Value::to_string).unwrap_or_default()
                ));
            }
            let name = parameter.name.as_str();
            let text = scalar_text(constant);
            match parameter.location {
                ParamLocation::Query => expectations.push(quote! { .query(#name, #text) }),
                ParamLocation::Header => expectations.push(quote! { .header(#name, #text) }),
                _ => {}
            }
            continue;
        }
        if parameter.client_level {
            // The client sends its own api-version; other client-level parameters are the
            // constructor's (in the path) or the client options' (none in the examples).
            if parameter.location == ParamLocation::Query
                && parameter.name.eq_ignore_ascii_case("api-version")
            {
                let version = ctx.api.api_version.as_str();
                if let Some(value) = value.and_then(Value::as_str) {
                    if value != version {
                        disagreements.push(format!(
                            "the example's api-version is {value}, the spec's is {version} (the client sends the spec's)"
                        ));
                    }
                }
                let name = parameter.name.as_str();
                expectations.push(quote! { .query(#name, #version) });
            }
            continue;
        }
        let Some(value) = value else { continue };
        let name = parameter.name.as_str();
        // A list is joined as its collection format says, or sent once per value (`multi`).
        let (text, each) = match value {
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(scalar_text).collect();
                match parameter.collection_format.unwrap_or(CollectionFormat::Csv).separator() {
                    Some(separator) => (items.join(separator), None),
                    None => (items.concat(), Some(items)),
                }
            }
            other => (scalar_text(other), None),
        };
        match (parameter.location, each) {
            (ParamLocation::Query, Some(each)) => expectations.push(quote! { .query_all(#name, &[#(#each),*]) }),
            (ParamLocation::Query, None) => expectations.push(quote! { .query(#name, #text) }),
            (ParamLocation::Header, _) => expectations.push(quote! { .header(#name, #text) }),
            _ => {}
        }
    }

    // The constructor's arguments: the example's values of the client-level parameters.
    let mut client_args = Vec::new();
    for parameter in constructor_parameters(ctx) {
        // Only a parameter the operation uses is the example's to give.
        let used = operation.parameters.iter().any(|p| p.name == parameter.wire_name);
        let value = parameters.get(&parameter.wire_name).cloned().unwrap_or_else(|| {
            if !used {
                return Value::String("00000000-0000-0000-0000-000000000000".into());
            }
            disagreements.push(format!(
                "the example gives no value for client parameter `{}`",
                parameter.wire_name
            ));
            Value::String("00000000-0000-0000-0000-000000000000".into())
        });
        client_args.push(match argument(ctx, &parameter.ty, &value) {
            Argument::Str(s) => quote! { #s },
            Argument::Value(_) => {
                let text = raw_string(&value.to_string());
                quote! { json(#text) }
            }
        });
    }

    // The request body, as the client should send it: the example's, less what the model drops.
    let mut body_setup = quote! {};
    if let Some(body) = &operation.body {
        match parameters.get(&body.name) {
            Some(value) => {
                let mut walk = Walk::new(
                    ctx,
                    &mut disagreements,
                    format!("request body `{}`", body.name),
                    &at,
                );
                let expected = walk.normalize(&body.ty, value, "", None)?;
                let example_text = value.to_string();
                let example_text_lit = raw_string(&example_text);
                let expected_text = expected.to_string();
                let expected_text_lit = raw_string(&expected_text);
                let body_ty =
                    super::types::rust_type(ctx, &body.ty, super::types::Scope::Crate, &at)?;
                let body_ty = qualify_models(body_ty);
                body_setup = quote! {
                    let request_body: #body_ty = serde_json::from_value(json(#example_text_lit)).unwrap();
                };
                let content_type = body.content_type.as_str();
                expectations.push(quote! { .header("content-type", #content_type).json_body(json(#expected_text_lit)) });
            }
            None if body.required => {
                return Ok(Err(format!(
                    "example {file} does not give the required body parameter `{}`",
                    body.name
                )));
            }
            None => expectations.push(quote! { .no_body() }),
        }
    } else {
        expectations.push(quote! { .no_body() });
    }

    // The response the server sends: the operation's final answer among the example's.
    let Some((status, response)) = pick_response(operation, responses) else {
        return Ok(Err(format!("example {file} lists no success (2xx) response")));
    };
    let served = served(operation, response);
    let response = &served;
    let status_lit = proc_macro2::Literal::u16_unsuffixed(status);
    let declared = operation
        .responses
        .iter()
        .any(|r| r.status == StatusCode::Code(status));
    if !declared {
        disagreements.push(format!(
            "the example answers {status}, which the spec does not declare for this operation"
        ));
    }
    let mut canned = match &response.body {
        Some(body) => {
            let text = body.to_string();
            let text_lit = raw_string(&text);
            quote! { CannedResponse::json(#status_lit, &json(#text_lit)) }
        }
        None => quote! { CannedResponse::status(#status_lit) },
    };
    for (name, value) in &response.headers {
        let value = scalar_text(value);
        canned = quote! { #canned.header(#name, #value) };
    }
    // A long-running PUT or PATCH whose example answers a state still in progress is polled at
    // its own URL until it ends: the test answers that poll with the same resource, ended. One
    // whose example answers only `202` (its monitor headers, left out above, named the live
    // service) names a monitor on the test server instead, as a synthesized example does.
    let derived;
    let follow_ups = if follow_ups.is_empty() {
        derived = if operation.long_running.is_some() && status == 202 {
            match synthesize::accepted_polls(ctx, operation) {
                Ok((headers, polls)) => {
                    for (name, value) in &headers {
                        let value = scalar_text(value);
                        canned = quote! { #canned.header(#name, #value) };
                    }
                    polls
                }
                Err(reason) => return Ok(Err(format!("example {file} answers 202, and {reason}"))),
            }
        } else {
            still_provisioning(operation, response)
        };
        derived.as_slice()
    } else {
        follow_ups
    };
    // The poller waits `Retry-After` (its default frequency, 30 s, without one) before a poll.
    if !follow_ups.is_empty() && !response.headers.keys().any(|k| k.eq_ignore_ascii_case("retry-after")) {
        canned = quote! { #canned.header("Retry-After", "0") };
    }

    // The call, and what is checked of its result.
    let args = match call_arguments(ctx, call, parameters)? {
        Ok(args) => args,
        Err(reason) => return Ok(Err(format!("example {file} {reason}"))),
    };
    let accessor = match &call.client_accessor {
        Some(accessor) => quote! { .#accessor() },
        None => quote! {},
    };
    let method_ident = ident(&call.method.name, &operation.location)?;
    let invoke = quote! { client #accessor .#method_ident(#(#args),*) };
    let response_ty = result_type(call.method);
    // What the poller reads after the first response, if anything; the last answer is the result.
    let mut follow_up_exchanges = Vec::new();
    for follow_up in follow_ups {
        let target = follow_up.target.path().map(str::to_string).unwrap_or_else(|| path.clone());
        let canned = match &follow_up.body {
            Some(body) => {
                let text_lit = raw_string(&body.to_string());
                quote! { CannedResponse::json(200, &json(#text_lit)) }
            }
            None => quote! { CannedResponse::status(200) },
        };
        follow_up_exchanges.push(quote! {
            server.expect(Exchange::new("GET", #target).no_body().respond(#canned));
        });
    }
    let result_body = match follow_ups.last() {
        Some(last) => &last.body,
        None => &response.body,
    };
    let checks = match (result_body, &response_ty) {
        (Some(body), Some(ty)) => {
            let mut walk = Walk::new(ctx, &mut disagreements, "response body".to_string(), &at);
            let expected = walk.normalize(ty, body, "", Some(quote! { decoded }))?;
            let read_only = std::mem::take(&mut walk.read_only);
            let expected_text = expected.to_string();
            let expected_text_lit = raw_string(&expected_text);
            let read_only_checks = read_only.into_iter().map(|check| {
                let ReadOnlyCheck { pointer, access, value } = check;
                let what = format!("read-only field {pointer} of the decoded response");
                let value_text = value.to_string();
                let value_text_lit = raw_string(&value_text);
                quote! {
                    support::assert_json_eq(#what, &json(#value_text_lit), &serde_json::to_value(#access).unwrap());
                }
            });
            let decode = decode_result(operation, &invoke);
            quote! {
                #decode
                support::assert_json_eq("the decoded response, encoded again", &json(#expected_text_lit), &serde_json::to_value(&decoded).unwrap());
                #(#read_only_checks)*
            }
        }
        _ => {
            let run = run_without_body(operation, &invoke);
            quote! { #run }
        }
    };

    let report = if disagreements.is_empty() {
        quote! {}
    } else {
        quote! { support::report_disagreements(#file, &[#(#disagreements),*]); }
    };
    Ok(Ok(quote! {
        #report
        let server = TestServer::start().await;
        server.expect(Exchange::new(#method, #path) #(#expectations)* .respond(#canned));
        #(#follow_up_exchanges)*
        let client = client(&server, #(#client_args),*);
        #body_setup
        #checks
        server.finish();
    }))
}

/// `azure_core` method names of the IR's methods.
fn http_method(method: HttpMethod) -> &'static str {
    match method {
        HttpMethod::Get => "GET",
        HttpMethod::Put => "PUT",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Options => "OPTIONS",
        HttpMethod::Head => "HEAD",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Trace => "TRACE",
    }
}

/// Characters percent-encoded in one path segment: all but RFC 3986's unreserved ones, so that
/// no value can change the structure of the URL.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The path the client should send for the example: the template with each parameter
/// percent-encoded as one segment (as written when `x-ms-skip-url-encoding`).
fn expected_path(
    operation: &Operation,
    parameters: &Map<String, Value>,
    disagreements: &mut Vec<String>,
) -> Result<String> {
    let mut out = String::new();
    let mut rest = operation.path.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            return Err(Error::invalid(
                operation.location.clone(),
                "a path template whose `{` are closed",
            ));
        };
        let name = &rest[open + 1..open + close];
        let parameter = operation
            .parameters
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.name == name);
        let value = match parameters.get(name) {
            Some(value) => scalar_text(value),
            None => {
                disagreements.push(format!(
                    "the example gives no value for path parameter `{name}`"
                ));
                String::new()
            }
        };
        if parameter.is_some_and(|p| p.skip_url_encoding) {
            out.push_str(&value);
        } else {
            out.extend(utf8_percent_encode(&value, PATH_SEGMENT));
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A scalar example value as the text sent on the wire (strings unquoted).
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The example response the test serves: the lowest success status the example lists that the
/// spec declares, else the lowest (for a
/// long-running operation that is its terminal `200` when there is one, which needs no polling;
/// the polling itself is covered by the scenario tests).
fn pick_response<'r>(
    operation: &Operation,
    responses: &'r std::collections::BTreeMap<String, ExampleResponse>,
) -> Option<(u16, &'r ExampleResponse)> {
    let declared = |code: u16| {
        operation
            .responses
            .iter()
            .any(|r| r.status == StatusCode::Code(code))
    };
    responses
        .iter()
        .filter_map(|(code, response)| code.parse::<u16>().ok().map(|c| (c, response)))
        .filter(|(code, _)| (200..300).contains(code))
        .min_by_key(|(code, _)| (!declared(*code), *code))
}

/// The example's response as the test serves it, less what names the live service: a page's
/// next link (the test serves one page, and so expects one), and a long-running operation's
/// monitor headers with absolute URLs (the poller then goes by the status and body, as it does
/// for an answer without them; polling is covered by the scenario tests and synthesized
/// examples).
fn served(operation: &Operation, response: &ExampleResponse) -> ExampleResponse {
    let mut served = response.clone();
    if let (Some(pageable), Some(Value::Object(page))) = (&operation.pageable, &mut served.body) {
        if let Some(next) = pageable.next_link_name.as_ref().filter(|next| page.get(*next).is_some_and(|v| !v.is_null())) {
            page.remove(next);
        }
    }
    if operation.long_running.is_some() {
        served.headers.retain(|name, value| {
            let monitor = ["azure-asyncoperation", "operation-location", "location"].iter().any(|h| name.eq_ignore_ascii_case(h));
            let absolute = value.as_str().is_some_and(|v| v.starts_with("http://") || v.starts_with("https://"));
            !(monitor && absolute)
        });
    }
    served
}

/// The poll a long-running `PUT`/`PATCH` answered with `body` still needs: none when the body
/// reports no state or a terminal one (as the emitted poller reads `status` or
/// `properties.provisioningState`), else a `GET` of the operation's URL answering the same body
/// with the state `Succeeded`.
fn still_provisioning(operation: &Operation, response: &ExampleResponse) -> Vec<synthesize::FollowUp> {
    let (Some(_), HttpMethod::Put | HttpMethod::Patch, Some(body)) =
        (&operation.long_running, operation.method, &response.body)
    else {
        return Vec::new();
    };
    let mut ended = body.clone();
    let state = match ended.get("status").and_then(Value::as_str) {
        Some(_) => ended.get_mut("status"),
        None => ended.get_mut("properties").and_then(|p| p.get_mut("provisioningState")),
    };
    let Some(state) = state else { return Vec::new() };
    let terminal = state
        .as_str()
        .is_some_and(|s| ["succeeded", "failed", "canceled"].iter().any(|t| s.eq_ignore_ascii_case(t)));
    if terminal || !state.is_string() {
        return Vec::new();
    }
    *state = Value::String("Succeeded".into());
    vec![synthesize::FollowUp { target: synthesize::Target::Original, body: Some(ended) }]
}

/// The type of the value the call yields, as the emitter types it: for a long-running
/// operation the poller's output (nothing for `DELETE`; else the final-state schema, or the body
/// of `200`, or of `201`), otherwise the one body type the success responses share.
pub(super) fn result_type(method: &Method) -> Option<TypeRef> {
    match &method.kind {
        MethodKind::Plain(plain) => plain.result.clone(),
        MethodKind::Pager(pager) => Some(TypeRef::Named(pager.list_type.clone())),
        MethodKind::Poller(poller) => poller.result.clone(),
    }
}

/// Rewrites `crate::models::` (how the emitter names models outside `models`) into the path a
/// test crate uses.
fn qualify_models(tokens: TokenStream) -> TokenStream {
    let text = tokens
        .to_string()
        .replace("crate :: models ::", "models ::");
    text.parse().unwrap_or(tokens)
}

/// Statements that run the call and bind `decoded` to the decoded success body.
fn decode_result(operation: &Operation, invoke: &TokenStream) -> TokenStream {
    if operation.pageable.is_some() {
        quote! {
            use futures::TryStreamExt as _;
            let mut pages = #invoke.unwrap().into_pages();
            let page = pages.try_next().await.unwrap().expect("one page");
            let decoded = page.into_model().unwrap();
            let next = pages.try_next().await.unwrap();
            assert!(next.is_none(), "the example has one page");
        }
    } else if operation.long_running.is_some() {
        quote! {
            let decoded = #invoke.unwrap().await.unwrap().into_model().unwrap();
        }
    } else {
        quote! {
            let decoded = #invoke.await.unwrap().into_model().unwrap();
        }
    }
}

/// Statements that run a call whose success has no body to compare.
fn run_without_body(operation: &Operation, invoke: &TokenStream) -> TokenStream {
    if operation.long_running.is_some() {
        quote! { #invoke.unwrap().await.unwrap(); }
    } else {
        quote! { #invoke.await.unwrap(); }
    }
}

/// The arguments of the call: the required method-level parameters in spec order, the body,
/// then the options with the optional parameters the example gives.
fn call_arguments(
    ctx: &Context<'_>,
    call: &CallSite<'_>,
    parameters: &Map<String, Value>,
) -> Result<std::result::Result<Vec<TokenStream>, String>> {
    let method = call.method;
    let mut args = Vec::new();
    let mut optional = Vec::new();
    for parameter in &method.params {
        let value = parameters.get(&parameter.wire_name);
        match &parameter.source {
            ValueSource::Positional { .. } => {
                let Some(value) = value else {
                    return Ok(Err(format!("does not give the required parameter `{}`", parameter.wire_name)));
                };
                args.push(match argument(ctx, &parameter.ty, value) {
                    Argument::Str(s) => quote! { #s },
                    // Lists, bytes and JSON are borrowed at the method's surface (`arg_type`).
                    Argument::Value(v) => match &parameter.ty {
                        TypeRef::Array(_) => {
                            let text_lit = raw_string(&value.to_string());
                            quote! { &serde_json::from_value::<Vec<_>>(json(#text_lit)).unwrap()[..] }
                        }
                        TypeRef::Primitive(Primitive::Bytes) | TypeRef::Any => quote! { &#v },
                        _ => v,
                    },
                });
            }
            ValueSource::Optional { field } => {
                if let Some(value) = value {
                    let field = ident(field, &parameter.location_in_spec)?;
                    let value = match argument(ctx, &parameter.ty, value) {
                        Argument::Str(s) => quote! { #s.to_string() },
                        Argument::Value(v) => v,
                    };
                    optional.push(quote! { #field: Some(#value) });
                }
            }
            ValueSource::Constant(_) | ValueSource::ApiVersion | ValueSource::Client { .. } => {}
        }
    }
    if let Some(body) = &method.body {
        match &body.passing {
            Passing::Positional { .. } => args.push(quote! { request_body.try_into().unwrap() }),
            Passing::Optional { field } if parameters.contains_key(&body.wire_name) => {
                let field = ident(field, &call.operation.location)?;
                optional.push(quote! { #field: Some(request_body.try_into().unwrap()) });
            }
            Passing::Optional { .. } => {}
        }
    }
    if optional.is_empty() {
        args.push(quote! { None });
    } else {
        let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
        let options = ident(&method.options_type, &call.operation.location)?;
        args.push(quote! { Some(#crate_name::clients::#options { #(#optional,)* ..Default::default() }) });
    }
    Ok(Ok(args))
}

/// An argument built from example JSON.
enum Argument {
    /// A string literal (the method takes `&str`).
    Str(String),
    /// An expression of the parameter's owned type.
    Value(TokenStream),
}

/// The example's parameters, less those given as `null`, with numbers and booleans written as strings (`"history": "5000"`,
/// as examples often give query values) turned into the JSON type the spec declares, each one
/// reported.
fn coerce_scalars(
    ctx: &Context<'_>,
    operation: &Operation,
    parameters: &Map<String, Value>,
    disagreements: &mut Vec<String>,
) -> Map<String, Value> {
    // A `null` value gives nothing (Chaos' examples write `"continuationToken": null`).
    let mut out: Map<String, Value> = parameters.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect();
    for parameter in &operation.parameters {
        let Some(Value::String(text)) = parameters.get(&parameter.name) else { continue };
        let TypeRef::Primitive(primitive) = ctx.resolve_alias(&parameter.ty) else { continue };
        let parsed = match primitive {
            Primitive::Int32 | Primitive::Int64 | Primitive::UnixTime => text.parse::<i64>().ok().map(Value::from),
            // An integral number stays an integer, so it reads as the client writes it (`5000`).
            Primitive::Float32 | Primitive::Float64 => text
                .parse::<i64>()
                .ok()
                .map(Value::from)
                .or_else(|| text.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number)),
            Primitive::Bool => text.parse::<bool>().ok().map(Value::Bool),
            _ => None,
        };
        if let Some(parsed) = parsed {
            disagreements.push(format!(
                "the example writes `{}` as the string {text:?}, the spec says {primitive:?} (the test passes {parsed})",
                parameter.name
            ));
            out.insert(parameter.name.clone(), parsed);
        }
    }
    out
}

/// A value of type `ty` from its example JSON: strings as literals, dates and bytes parsed from
/// their wire form (as the client writes them), anything else decoded.
fn argument(ctx: &Context<'_>, ty: &TypeRef, value: &Value) -> Argument {
    match (ctx.resolve_alias(ty), value) {
        (TypeRef::Primitive(p), Value::String(s)) if is_string_primitive(p) => Argument::Str(s.clone()),
        (TypeRef::Primitive(Primitive::DateTime), Value::String(s)) => {
            Argument::Value(quote! { azure_core::time::parse_rfc3339(#s).unwrap() })
        }
        (TypeRef::Primitive(Primitive::DateTimeRfc1123), Value::String(s)) => {
            Argument::Value(quote! { azure_core::time::parse_rfc7231(#s).unwrap() })
        }
        (TypeRef::Primitive(Primitive::UnixTime), Value::Number(n)) if n.is_i64() => {
            let seconds = proc_macro2::Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            Argument::Value(quote! { ::time::OffsetDateTime::from_unix_timestamp(#seconds).unwrap() })
        }
        (TypeRef::Primitive(Primitive::Bytes), Value::String(s)) => {
            Argument::Value(quote! { azure_core::base64::decode(#s).unwrap() })
        }
        _ => {
            let text = value.to_string();
            let text_lit = raw_string(&text);
            Argument::Value(quote! { serde_json::from_value(json(#text_lit)).unwrap() })
        }
    }
}

/// A read-only field the example holds, compared through the decoded value's fields.
struct ReadOnlyCheck {
    /// Its JSON pointer in the body.
    pointer: String,
    /// An expression for a reference to it in the decoded value.
    access: TokenStream,
    /// The value expected when it is encoded on its own.
    value: Value,
}

/// A walk of an example value along its schema: the JSON the model encodes it to, the read-only
/// fields to check separately, and where the example and the spec disagree.
struct Walk<'c, 'a, 'd> {
    ctx: &'c Context<'a>,
    disagreements: &'d mut Vec<String>,
    what: String,
    /// Where the example is named (`x-ms-examples` of the operation), for errors.
    at: Location,
    read_only: Vec<ReadOnlyCheck>,
}

impl<'c, 'a, 'd> Walk<'c, 'a, 'd> {
    fn new(
        ctx: &'c Context<'a>,
        disagreements: &'d mut Vec<String>,
        what: String,
        at: &Location,
    ) -> Self {
        Self {
            ctx,
            disagreements,
            what,
            at: at.clone(),
            read_only: Vec::new(),
        }
    }

    fn disagree(&mut self, pointer: &str, message: String) {
        let pointer = if pointer.is_empty() { "/" } else { pointer };
        self.disagreements
            .push(format!("{} at {pointer}: {message}", self.what));
    }

    /// `value` as the model encodes it after decoding. `access` is an expression for a
    /// reference to the decoded value at this point (`None` where fields cannot be reached, such
    /// as inside a union or a request body).
    fn normalize(
        &mut self,
        ty: &TypeRef,
        value: &Value,
        pointer: &str,
        access: Option<TokenStream>,
    ) -> Result<Value> {
        Ok(match ty {
            TypeRef::Any => value.clone(),
            TypeRef::Primitive(primitive) => {
                if !primitive_accepts(primitive, value) {
                    self.disagree(
                        pointer,
                        format!("{value} is not a {primitive:?} as the spec says"),
                    );
                } else if let Some(text) = value.as_str() {
                    match primitive {
                        Primitive::DateTimeRfc1123 if !looks_rfc1123(text) => self.disagree(
                            pointer,
                            format!("{value} is not an RFC 1123 date as `format: date-time-rfc1123` says{}", if looks_rfc3339(text) { " (it is RFC 3339)" } else { "" }),
                        ),
                        Primitive::DateTime if !looks_rfc3339(text) => self.disagree(
                            pointer,
                            format!("{value} is not an RFC 3339 date-time as `format: date-time` says{}", if looks_rfc1123(text) { " (it is RFC 1123)" } else { "" }),
                        ),
                        _ => {}
                    }
                }
                value.clone()
            }
            TypeRef::Array(item) => match value {
                Value::Array(items) => {
                    let mut out = Vec::new();
                    for (i, v) in items.iter().enumerate() {
                        let index = proc_macro2::Literal::usize_unsuffixed(i);
                        let access = access.as_ref().map(|a| quote! { #a[#index] });
                        out.push(self.normalize(item, v, &format!("{pointer}/{i}"), access)?);
                    }
                    Value::Array(out)
                }
                other => {
                    self.disagree(pointer, format!("{other} is not an array as the spec says"));
                    other.clone()
                }
            },
            TypeRef::Map(item) => match value {
                Value::Object(entries) => {
                    let mut out = Map::new();
                    for (k, v) in entries {
                        let access = access.as_ref().map(|a| quote! { #a[#k] });
                        out.insert(
                            k.clone(),
                            self.normalize(
                                item,
                                v,
                                &format!("{pointer}/{}", pointer_segment(k)),
                                access,
                            )?,
                        );
                    }
                    Value::Object(out)
                }
                other => {
                    self.disagree(
                        pointer,
                        format!("{other} is not an object as the spec says"),
                    );
                    other.clone()
                }
            },
            TypeRef::Named(name) => {
                let def = self.ctx.type_def(name, &self.at)?;
                match &def.kind {
                    TypeKind::Alias(target) => self.normalize(target, value, pointer, access)?,
                    TypeKind::Enum(_) => value.clone(),
                    TypeKind::Object(object) => match &object.discriminator {
                        Some(discriminator) => {
                            let kind = value.get(&discriminator.property).and_then(Value::as_str);
                            match kind.and_then(|k| discriminator.variants.get(k)) {
                                Some(sub) => self.normalize(
                                    &TypeRef::Named(sub.clone()),
                                    value,
                                    pointer,
                                    None,
                                )?,
                                None => value.clone(),
                            }
                        }
                        None => self.normalize_object(name, object, value, pointer, access)?,
                    },
                }
            }
        })
    }

    fn normalize_object(
        &mut self,
        type_name: &str,
        object: &ObjectType,
        value: &Value,
        pointer: &str,
        access: Option<TokenStream>,
    ) -> Result<Value> {
        let Value::Object(entries) = value else {
            self.disagree(
                pointer,
                format!("{value} is not an object (`{type_name}`) as the spec says"),
            );
            return Ok(value.clone());
        };
        let mut out = Map::new();
        for (key, v) in entries {
            let child = format!("{pointer}/{}", pointer_segment(key));
            let Some(field) = object.fields.iter().find(|f| &f.wire_name == key) else {
                match &object.additional_properties {
                    Some(extra) => {
                        out.insert(key.clone(), self.normalize(extra, v, &child, None)?);
                    }
                    None => self.disagree(
                        &child,
                        format!("`{key}` is not a property of `{type_name}` in the spec, so the model drops it"),
                    ),
                }
                continue;
            };
            if v.is_null() {
                // An absent optional value is encoded as no property at all.
                continue;
            }
            let field_ident = ident(&field.rust_name, &self.at)?;
            let field_access = access.as_ref().map(|a| {
                if field_is_plain(field) {
                    quote! { #a.#field_ident }
                } else {
                    quote! { #a.#field_ident.as_ref().unwrap() }
                }
            });
            let normalized = self.normalize(&field.ty, v, &child, field_access.clone())?;
            if field.read_only {
                if let Some(field_access) = field_access {
                    let access = wire_value(&field.ty, &field_access);
                    self.read_only.push(ReadOnlyCheck {
                        pointer: child,
                        access,
                        value: normalized,
                    });
                }
            } else {
                out.insert(key.clone(), normalized);
            }
        }
        // A required field the example leaves out decodes to its default (where the model gives
        // it one), and is then written like any other.
        for field in object.fields.iter().filter(|f| field_is_plain(f) && !entries.contains_key(&f.wire_name)) {
            if let Some(default) = default_json(self.ctx, &field.ty, 0) {
                let child = format!("{pointer}/{}", pointer_segment(&field.wire_name));
                self.disagree(
                    &child,
                    format!("the required `{}` is missing (the model decodes it as its default, {default})", field.wire_name),
                );
                out.insert(field.wire_name.clone(), default);
            }
        }
        Ok(Value::Object(out))
    }
}

/// The JSON a value of `ty` that serde filled with `Default::default()` is written as, when the
/// model gives fields of `ty` that default (see `has_default`): empty strings, lists and maps,
/// zero, `false`, and for an object its required fields' defaults.
fn default_json(ctx: &Context<'_>, ty: &TypeRef, depth: usize) -> Option<Value> {
    if depth > 8 || !super::types::has_default(ctx, ty) {
        return None;
    }
    Some(match ctx.resolve_alias(ty) {
        TypeRef::Primitive(Primitive::Bool) => Value::Bool(false),
        TypeRef::Primitive(Primitive::Int32 | Primitive::Int64) => Value::from(0),
        TypeRef::Primitive(Primitive::Float32 | Primitive::Float64) => Value::from(0.0),
        TypeRef::Primitive(_) => Value::String(String::new()),
        TypeRef::Array(_) => Value::Array(Vec::new()),
        TypeRef::Map(_) => Value::Object(Map::new()),
        TypeRef::Any => Value::Null,
        TypeRef::Named(name) => match ctx.api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Object(object)) => Value::Object(
                object
                    .fields
                    .iter()
                    .filter(|f| field_is_plain(f))
                    .filter_map(|f| default_json(ctx, &f.ty, depth + 1).map(|d| (f.wire_name.clone(), d)))
                    .collect(),
            ),
            _ => return None,
        },
    })
}

/// The wire form of the value `place` refers to (a read-only field is an `Option`, so `place`
/// is a reference): most values serialize to it on their own, but date-times and bytes are
/// written by their struct's serde attribute, so the test writes them the same way.
fn wire_value(ty: &TypeRef, place: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Primitive(Primitive::DateTime) => quote! { azure_core::time::to_rfc3339(#place) },
        TypeRef::Primitive(Primitive::DateTimeRfc1123) => {
            quote! { azure_core::time::to_rfc7231(#place) }
        }
        TypeRef::Primitive(Primitive::UnixTime) => quote! { #place.unix_timestamp() },
        TypeRef::Primitive(Primitive::Bytes) => quote! { azure_core::base64::encode(#place) },
        _ => quote! { #place },
    }
}

/// Whether `value` has the JSON type a `primitive` is written as.
fn primitive_accepts(primitive: &Primitive, value: &Value) -> bool {
    match primitive {
        Primitive::Bool => value.is_boolean(),
        Primitive::Int32 | Primitive::Int64 | Primitive::UnixTime => {
            value.is_i64() || value.is_u64()
        }
        Primitive::Float32 | Primitive::Float64 => value.is_number(),
        _ => value.is_string(),
    }
}

/// One JSON pointer segment.
fn pointer_segment(key: &str) -> String {
    crate::error::escape_pointer_segment(key)
}

/// A raw string literal holding `text` (JSON reads better unescaped), with enough `#`s; an
/// escaped literal when `text` holds characters rustc will not take unescaped (`is_hidden`).
fn raw_string(text: &str) -> TokenStream {
    if text.chars().any(super::is_hidden) {
        return quote! { #text };
    }
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    literal.parse().unwrap_or_else(|_| quote! { #text })
}

/// Whether `text` has the shape of an RFC 3339 date-time (`2017-06-15T19:20:58Z`).
fn looks_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't' | b' ')
        && b[13] == b':'
}

/// Whether `text` has the shape of an RFC 1123 date (`Thu, 15 Jun 2017 19:20:58 GMT`).
fn looks_rfc1123(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 29
        && b[3] == b','
        && b[4] == b' '
        && text.ends_with(" GMT")
        && b[19] == b':'
        && b[22] == b':'
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::testing::{self, at};

    fn field(wire: &str, ty: TypeRef, read_only: bool) -> crate::ir::Field {
        testing::field(wire, ty, false, read_only)
    }

    fn api() -> Api {
        let thing = testing::object(
            "Thing",
            vec![
                field("name", TypeRef::Primitive(Primitive::String), false),
                field("id", TypeRef::Primitive(Primitive::String), true),
                field("when", TypeRef::Primitive(Primitive::DateTimeRfc1123), true),
                field("tags", TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::String))), false),
                field("parts", TypeRef::Array(Box::new(TypeRef::Named("Thing".into()))), false),
            ],
        );
        let mut api = testing::api("2024-01-01");
        api.types.extend([thing]);
        api
    }

    fn options() -> Options {
        Options::new("thing", "cargo xtask codegen")
    }

    #[test]
    fn a_walk_keeps_what_the_model_encodes_and_checks_read_only_fields_apart() {
        let api = api();
        let options = options();
        let ctx = Context::new(&api, &options).unwrap();
        let mut disagreements = Vec::new();
        let mut walk = Walk::new(&ctx, &mut disagreements, "response body".into(), &at());
        let example = json!({
            "name": "a", "id": "/things/a", "when": "Thu, 15 Jun 2017 19:20:58 GMT", "tags": {"k": "v"},
            "parts": [{"name": "b", "id": "/things/b", "extra": 1, "when": null}]
        });
        let normalized = walk
            .normalize(
                &TypeRef::Named("Thing".into()),
                &example,
                "",
                Some(quote! { decoded }),
            )
            .unwrap();
        let checks: Vec<(String, String)> = walk
            .read_only
            .iter()
            .map(|c| (c.pointer.clone(), c.access.to_string()))
            .collect();

        assert_eq!(
            normalized,
            json!({ "name": "a", "tags": {"k": "v"}, "parts": [{"name": "b"}] })
        );
        assert_eq!(
            checks,
            [
                (
                    "/id".to_string(),
                    "decoded . id . as_ref () . unwrap ()".to_string()
                ),
                (
                    "/when".to_string(),
                    "azure_core :: time :: to_rfc7231 (decoded . when . as_ref () . unwrap ())"
                        .to_string()
                ),
                (
                    "/parts/0/id".to_string(),
                    "decoded . parts . as_ref () . unwrap () [0] . id . as_ref () . unwrap ()"
                        .to_string()
                ),
            ]
        );
        assert_eq!(
            disagreements,
            ["response body at /parts/0/extra: `extra` is not a property of `Thing` in the spec, so the model drops it"]
        );
    }

    #[test]
    fn a_walk_reports_values_that_do_not_match_their_schema() {
        let api = api();
        let options = options();
        let ctx = Context::new(&api, &options).unwrap();
        let mut disagreements = Vec::new();
        let mut walk = Walk::new(
            &ctx,
            &mut disagreements,
            "request body `thing`".into(),
            &at(),
        );
        let example = json!({ "name": 5, "when": "2020-03-26T21:24:57Z", "tags": [] });
        walk.normalize(&TypeRef::Named("Thing".into()), &example, "", None)
            .unwrap();
        assert_eq!(
            disagreements,
            [
                "request body `thing` at /name: 5 is not a String as the spec says",
                "request body `thing` at /when: \"2020-03-26T21:24:57Z\" is not an RFC 1123 date as `format: date-time-rfc1123` says (it is RFC 3339)",
                "request body `thing` at /tags: [] is not an object as the spec says",
            ]
        );
    }

    #[test]
    fn expected_paths_encode_each_parameter_as_one_segment() {
        let parameter = |name: &str, skip: bool| crate::ir::Parameter {
            skip_url_encoding: skip,
            ..testing::parameter(name, ParamLocation::Path, true, TypeRef::Primitive(Primitive::String))
        };
        let mut operation = testing::operation("Things_Get", HttpMethod::Get, "/things/{thingId}/raw/{raw}");
        operation.parameters = vec![parameter("thingId", false), parameter("raw", true)];
        let example = json!({ "thingId": "../a b/é?#%", "raw": "x/y" });
        let mut disagreements = Vec::new();
        let path =
            expected_path(&operation, example.as_object().unwrap(), &mut disagreements).unwrap();
        assert_eq!(path, "/things/..%2Fa%20b%2F%C3%A9%3F%23%25/raw/x/y");
        assert!(disagreements.is_empty());

        operation.path = "/things/{thingId}/{missing}".into();
        expected_path(&operation, example.as_object().unwrap(), &mut disagreements).unwrap();
        assert_eq!(
            disagreements,
            ["the example gives no value for path parameter `missing`"]
        );
    }

    #[test]
    fn raw_strings_take_enough_hashes() {
        assert_eq!(raw_string(r#"{"a":1}"#).to_string(), r##"r#"{"a":1}"#"##);
        assert_eq!(
            raw_string(r##"{"a":"#"}"##).to_string(),
            r###"r##"{"a":"#"}"##"###
        );
    }

    #[test]
    fn date_shapes() {
        assert!(
            looks_rfc3339("2017-06-15T19:20:58Z") && looks_rfc3339("2017-06-15T19:20:58.123+01:00")
        );
        assert!(looks_rfc1123("Thu, 15 Jun 2017 19:20:58 GMT"));
        assert!(
            !looks_rfc1123("2017-06-15T19:20:58Z")
                && !looks_rfc3339("Thu, 15 Jun 2017 19:20:58 GMT")
        );
    }
}
