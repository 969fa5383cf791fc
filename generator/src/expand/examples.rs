//! `tests/`: the example tests the plan describes (`plan::TestPlan`), printed into
//! `tests/examples.rs`, with the HTTPS test server they run against (`tests/support/mod.rs`, the
//! template `generator/templates/test_server.rs`).
//!
//! Each test scripts the server with the request the example describes and the answers it
//! serves, calls the method with the example's values, and compares what the client decoded,
//! encoded again, with the example's body, then each read-only field on its own. Every decision
//! (what is expected, served, passed and compared, which tests are ignored and why) is the
//! plan's; this module only writes it as Rust. Every JSON value of the plan is written as its
//! text, parsed by the file's `json` helper, which the file has when the plan holds one.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::types::{codec_tokens_in, rust_type, Scope};
use super::{ident, Context};
use crate::error::{Location, Result};
use crate::plan::{
    AccessStep, ArgValue, Call, Check, ClientArg, ExampleTest, ExpectedBody, ExpectedParam, FormPart, TestBody, TestCase,
    TestPlan,
};
use crate::rust_types::{body_form, BodyForm, Codec};
use crate::GeneratedFile;

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

/// `tests/examples.rs`, and `tests/support/mod.rs` when a test runs.
pub(crate) fn expand_example_tests(ctx: &Context<'_>, plan: &TestPlan) -> Result<Vec<GeneratedFile>> {
    let path = std::path::Path::new("tests/examples.rs");
    let mut files = vec![GeneratedFile { path: path.into(), contents: super::format_rust(ctx, path, expand_examples_rs(ctx, plan)?)? }];
    if plan.uses_server() {
        let support = format!("{}\n{TEST_SERVER}", super::preamble(&ctx.options.command, "//"));
        files.push(GeneratedFile { path: "tests/support/mod.rs".into(), contents: support });
    }
    Ok(files)
}

/// The whole of `tests/examples.rs`: without the server and helpers when no test runs.
fn expand_examples_rs(ctx: &Context<'_>, plan: &TestPlan) -> Result<TokenStream> {
    let tests = plan.tests.iter().map(|case| expand_test(ctx, case)).collect::<Result<Vec<_>>>()?;
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
    if !plan.uses_server() {
        return Ok(quote! { #docs #(#tests)* });
    }
    let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
    let root = ident(&plan.root_client, &ctx.api.title_location)?;
    let root_options = ident(&plan.root_options, &ctx.api.title_location)?;
    let (params, values) = client_params(plan)?;
    let json_fn = if plan.uses_json() {
        quote! {
            /// Parses the JSON text of an example.
            fn json(text: &str) -> serde_json::Value {
                serde_json::from_str(text).unwrap()
            }
        }
    } else {
        quote! {}
    };
    Ok(quote! {
        #docs
        #![allow(unused_imports)]

        mod support;

        use #crate_name::{#root, #root_options};
        use #crate_name::models;
        use support::{CannedResponse, Exchange, TestServer};

        /// A client of `server` with azure_core's default policies.
        fn client(server: &TestServer, #(#params),*) -> #root {
            let options = #root_options {
                client_options: server.client_options(),
                endpoint: Some(server.endpoint().parse().unwrap()),
                ..Default::default()
            };
            #root::new(server.credential(), #(#values,)* Some(options)).unwrap()
        }

        #json_fn

        #(#tests)*
    })
}

/// The client parameters of the test files' `client` helper (`examples.rs` and `fakes.rs`): each
/// parameter (a string as `&str`, any other value as the example's JSON) and the value the helper
/// passes to the client's `new` for it.
pub(crate) fn client_params(plan: &TestPlan) -> Result<(Vec<TokenStream>, Vec<TokenStream>)> {
    let mut params = Vec::new();
    let mut values = Vec::new();
    for param in &plan.client_params {
        let name = ident(&param.name, &param.location)?;
        if param.string {
            params.push(quote! { #name: &str });
            values.push(quote! { #name });
        } else {
            params.push(quote! { #name: serde_json::Value });
            values.push(quote! { serde_json::from_value(#name).unwrap() });
        }
    }
    Ok((params, values))
}

/// One test function: async and running its example, or ignored with the reason.
fn expand_test(ctx: &Context<'_>, case: &TestCase) -> Result<TokenStream> {
    let test = ident(&case.name, &case.location)?;
    let title = format!(" {}", case.title);
    // A deprecated operation is still tested.
    let allow = if case.deprecated { quote! { #[allow(deprecated)] } } else { quote! {} };
    Ok(match &case.body {
        TestBody::Run(example) => {
            let body = expand_example_test(ctx, example, &case.location)?;
            quote! {
                #[doc = #title]
                #[tokio::test]
                #allow
                async fn #test() { #body }
            }
        }
        TestBody::Ignored(reason) => quote! {
            #[doc = #title]
            #[test]
            #[ignore = #reason]
            fn #test() {}
        },
    })
}

/// The statements of one example's test (`at`: the operation, for errors).
fn expand_example_test(ctx: &Context<'_>, test: &ExampleTest, at: &Location) -> Result<TokenStream> {
    let report = if test.disagreements.is_empty() {
        quote! {}
    } else {
        let file = &test.example;
        let disagreements = &test.disagreements;
        quote! { support::report_disagreements(#file, &[#(#disagreements),*]); }
    };
    let request = &test.request;
    let method = request.method.as_str();
    let path = &request.path;
    let mut expectations: Vec<TokenStream> = request
        .params
        .iter()
        .map(|param| match param {
            ExpectedParam::Query { name, value } => quote! { .query(#name, #value) },
            ExpectedParam::QueryAll { name, values } => quote! { .query_all(#name, &[#(#values),*]) },
            ExpectedParam::Header { name, value } => quote! { .header(#name, #value) },
        })
        .collect();
    expectations.push(match &request.body {
        ExpectedBody::Json { content_type, body } => {
            let body = json(body);
            quote! { .header("content-type", #content_type).json_body(#body) }
        }
        ExpectedBody::Multipart { parts } => {
            let parts = parts.iter().map(|(name, part)| match part {
                FormPart::Text(text) => quote! { .text_part(#name, #text) },
                FormPart::File(bytes) => {
                    let bytes = bytes.iter().map(|b| Literal::u8_unsuffixed(*b));
                    quote! { .file_part(#name, &[#(#bytes),*]) }
                }
            });
            quote! { #(#parts)* }
        }
        ExpectedBody::None => quote! { .no_body() },
    });
    let status = Literal::u16_unsuffixed(test.answer.status);
    let mut canned = canned_response(status, &test.answer.body);
    for (name, value) in &test.answer.headers {
        canned = quote! { #canned.header(#name, #value) };
    }
    let polls = test.polls.iter().map(|poll| {
        let target = &poll.path;
        let canned = canned_response(Literal::u16_unsuffixed(poll.status), &poll.body);
        quote! {
            server.expect(Exchange::new("GET", #target).no_body().respond(#canned));
        }
    });
    let client_args = test.client_args.iter().map(|arg| match arg {
        ClientArg::Str(s) => quote! { #s },
        ClientArg::Json(value) => json(value),
    });
    let body_setup = match &test.call.request_body {
        Some(body) => {
            let ty = rust_type(ctx, &body.ty, Scope::Tests, at)?;
            let value = match body_form(&ctx.api.types, &body.ty) {
                BodyForm::Content => decoded(ctx, &body.example, None, quote! { _ })?,
                BodyForm::Value(codec) => decoded(ctx, &body.example, Some(&codec), quote! { _ })?,
            };
            quote! { let request_body: #ty = #value; }
        }
        None => quote! {},
    };
    let invoke = expand_call(ctx, &test.call, at)?;
    let checks = expand_check(ctx, &test.check, &invoke, at)?;
    Ok(quote! {
        #report
        let server = TestServer::start().await;
        server.expect(Exchange::new(#method, #path) #(#expectations)* .respond(#canned));
        #(#polls)*
        let client = client(&server, #(#client_args),*);
        #body_setup
        #checks
        server.finish();
    })
}

/// A canned answer with `status` and the JSON `body`, if any.
fn canned_response(status: Literal, body: &Option<Value>) -> TokenStream {
    match body {
        Some(body) => {
            let body = json(body);
            quote! { CannedResponse::json(#status, &#body) }
        }
        None => quote! { CannedResponse::status(#status) },
    }
}

/// The expression calling the method (before it is awaited).
pub(super) fn expand_call(ctx: &Context<'_>, call: &Call, at: &Location) -> Result<TokenStream> {
    let accessor = match &call.accessor {
        Some(accessor) => {
            let accessor = ident(accessor, at)?;
            quote! { .#accessor() }
        }
        None => quote! {},
    };
    let method = ident(&call.method, at)?;
    let body_content =
        call.request_body.as_ref().is_some_and(|b| !b.form && body_form(&ctx.api.types, &b.ty) == BodyForm::Content);
    let arg = |value: &ArgValue| arg_value(ctx, value, body_content);
    let mut args: Vec<TokenStream> = call.args.iter().map(arg).collect::<Result<_>>()?;
    args.push(match &call.options {
        None => quote! { None },
        Some(options) => {
            let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
            let type_name = ident(&options.type_name, at)?;
            let fields = options
                .fields
                .iter()
                .map(|(field, value)| {
                    let field = ident(field, at)?;
                    let value = arg(value)?;
                    Ok(quote! { #field: Some(#value) })
                })
                .collect::<Result<Vec<_>>>()?;
            quote! { Some(#crate_name::clients::#type_name { #(#fields,)* ..Default::default() }) }
        }
    });
    Ok(quote! { client #accessor .#method(#(#args),*) })
}

/// The expression of a value passed to a method (`body_content`: the request body is passed as
/// a `RequestContent`, converted from the value built before the call).
fn arg_value(ctx: &Context<'_>, value: &ArgValue, body_content: bool) -> Result<TokenStream> {
    Ok(match value {
        ArgValue::Str(s) => quote! { #s },
        ArgValue::String(s) => quote! { #s.to_string() },
        ArgValue::Json(value, codec) => decoded(ctx, value, codec.as_ref(), quote! { _ })?,
        ArgValue::Slice(value, codec) => {
            let value = decoded(ctx, value, codec.as_ref(), quote! { Vec<_> })?;
            quote! { &#value[..] }
        }
        ArgValue::Ref(inner) => {
            let inner = arg_value(ctx, inner, body_content)?;
            quote! { &#inner }
        }
        ArgValue::RequestBody if body_content => quote! { request_body.try_into().unwrap() },
        ArgValue::RequestBody => quote! { request_body },
    })
}

/// The crate's `codec` module, as the tests name it.
fn codec_module(ctx: &Context<'_>) -> Result<TokenStream> {
    let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
    Ok(quote! { #crate_name::codec })
}

/// A value of type `ty` (`_` where the context says it) decoded from the JSON `value`: by
/// `codec` (the crate's, as the client reads the type off the wire) or by serde.
fn decoded(ctx: &Context<'_>, value: &Value, codec: Option<&Codec>, ty: TokenStream) -> Result<TokenStream> {
    let value = json(value);
    Ok(match codec {
        Some(codec) => {
            let module = codec_module(ctx)?;
            let codec = codec_tokens_in(codec, &module);
            quote! { #module::from_value::<#ty, #codec>(#value).unwrap() }
        }
        None => quote! { serde_json::from_value::<#ty>(#value).unwrap() },
    })
}

/// The statements running the call (`invoke`) and checking its result (`at`: the operation,
/// for errors).
pub(super) fn expand_check(ctx: &Context<'_>, check: &Check, invoke: &TokenStream, at: &Location) -> Result<TokenStream> {
    let decode = match check {
        Check::Plain(None) => return Ok(quote! { #invoke.await.unwrap(); }),
        Check::Poller(None) => return Ok(quote! { #invoke.unwrap().await.unwrap(); }),
        Check::Exists => {
            return Ok(quote! {
                let exists = #invoke.await.unwrap();
                assert!(exists, "a success means it exists");
            })
        }
        Check::Plain(Some(_)) => quote! {
            let decoded = #invoke.await.unwrap().into_model().unwrap();
        },
        Check::Pager(_) => quote! {
            use futures::TryStreamExt as _;
            let mut pages = #invoke.unwrap().into_pages();
            let page = pages.try_next().await.unwrap().expect("one page");
            let decoded = page.into_model().unwrap();
            let next = pages.try_next().await.unwrap();
            assert!(next.is_none(), "the example has one page");
        },
        Check::Poller(Some(_)) => quote! {
            let decoded = #invoke.unwrap().await.unwrap().into_model().unwrap();
        },
        Check::PollerPages(_) => quote! {
            use futures::TryStreamExt as _;
            let mut pages = #invoke.await.unwrap().into_pages();
            let page = pages.try_next().await.unwrap().expect("one page");
            let decoded = page.into_model().unwrap();
            let next = pages.try_next().await.unwrap();
            assert!(next.is_none(), "the example has one page");
        },
    };
    let Some(comparison) = check.comparison() else { return Ok(decode) };
    let expected = json(&comparison.expected);
    let mut read_only = Vec::new();
    for check in &comparison.read_only {
        let what = format!("read-only field {} of the decoded response", check.pointer);
        let value = json(&check.value);
        let encoded = encoded(ctx, access_path(&check.access, at)?, check.wire.as_ref())?;
        read_only.push(quote! {
            support::assert_json_eq(#what, &#value, &#encoded);
        });
    }
    let encoded = encoded(ctx, quote! { &decoded }, comparison.codec.as_ref())?;
    Ok(quote! {
        #decode
        support::assert_json_eq("the decoded response, encoded again", &#expected, &#encoded);
        #(#read_only)*
    })
}

/// A reference to the value at the end of `steps` from `decoded`.
fn access_path(steps: &[AccessStep], at: &Location) -> Result<TokenStream> {
    let mut place = quote! { decoded };
    for step in steps {
        place = match step {
            AccessStep::Field { name, optional: true } => {
                let field = ident(name, at)?;
                quote! { #place.#field.as_ref().unwrap() }
            }
            AccessStep::Field { name, optional: false } => {
                let field = ident(name, at)?;
                quote! { #place.#field }
            }
            AccessStep::Index(index) => {
                let index = Literal::usize_unsuffixed(*index);
                quote! { #place[#index] }
            }
            AccessStep::Key(key) => quote! { #place[#key] },
        };
    }
    Ok(place)
}

/// The JSON the value at `place` (a reference) is written as: by `codec` (the crate's, as the
/// model writes the field or the method reads the body), or by serde.
fn encoded(ctx: &Context<'_>, place: TokenStream, codec: Option<&Codec>) -> Result<TokenStream> {
    Ok(match codec {
        Some(codec) => {
            let module = codec_module(ctx)?;
            let codec = codec_tokens_in(codec, &module);
            quote! { #module::to_value::<_, #codec>(#place).unwrap() }
        }
        None => quote! { serde_json::to_value(#place).unwrap() },
    })
}

/// `json(r#"..."#)`: a JSON value of the plan, parsed by the file's helper from its text.
pub(super) fn json(value: &Value) -> TokenStream {
    let text = raw_string(&value.to_string());
    quote! { json(#text) }
}

/// A raw string literal holding `text` (JSON reads better unescaped), with enough `#`s; an
/// escaped literal when `text` holds characters rustc will not take unescaped (`is_hidden`).
pub(super) fn raw_string(text: &str) -> TokenStream {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings_take_enough_hashes() {
        assert_eq!(raw_string(r#"{"a":1}"#).to_string(), r##"r#"{"a":1}"#"##);
        assert_eq!(raw_string(r##"{"a":"#"}"##).to_string(), r###"r##"{"a":"#"}"##"###);
    }
}
