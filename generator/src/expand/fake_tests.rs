//! `tests/fakes.rs`: the example tests again, answered by the crate's fakes (`fake` feature)
//! instead of the HTTPS test server, so every kind of method (plain, `HEAD`, pager, poller,
//! long-running pager) of every generated crate is exercised through its fake.
//!
//! Each test scripts the method's fake server with a handler that checks the typed arguments the
//! call passed as strings and answers with the example's result (its body decoded into the
//! method's result type: one page of items for a pager, the final result for a poller, `true`
//! for a `HEAD`); then it makes the example test's call and its checks of the decoded result.
//! An example test whose result the fake cannot be given (a success without a body where the
//! method has a result type) has no counterpart here; the example test covers it.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::examples::{expand_call, expand_check, json};
use super::fakes::{call_fields, json_type_in, names_of, paging_names};
use super::types::{rust_type, Scope};
use super::{ident, Context};
use crate::error::Result;
use crate::ir::{Method, MethodKind, Positional};
use crate::plan::{ArgValue, ClientArg, ExampleTest, TestBody, TestPlan};
use crate::GeneratedFile;

/// `tests/fakes.rs`, when some example test runs.
pub(crate) fn expand_fake_tests(ctx: &Context<'_>, plan: &TestPlan) -> Result<Option<GeneratedFile>> {
    let names = names_of(ctx);
    let mut tests = Vec::new();
    for case in &plan.tests {
        let TestBody::Run(example) = &case.body else { continue };
        let Some((client, method)) = names
            .iter()
            .find_map(|n| n.client.methods.iter().find(|m| m.operation_id == case.operation).map(|m| (n, m)))
        else {
            continue;
        };
        let Some(answer) = answer(ctx, method, example, &case.location)? else { continue };
        let at = &case.location;
        let test = ident(&case.name, at)?;
        let server = ident(&client.accessor, at)?;
        let script = ident(&method.name, at)?;
        let checks = argument_checks(method, &example.call.args, at)?;
        let client_args = example.client_args.iter().map(|arg| match arg {
            ClientArg::Str(s) => quote! { #s },
            ClientArg::Json(value) => {
                let value = json(value);
                quote! { serde_json::from_value(#value).unwrap() }
            }
        });
        let body_setup = match &example.call.request_body {
            Some(body) => {
                let ty = rust_type(ctx, &body.ty, Scope::Tests, at)?;
                let value = json(&body.example);
                quote! { let request_body: #ty = serde_json::from_value(#value).unwrap(); }
            }
            None => quote! {},
        };
        let invoke = expand_call(ctx, &example.call, at)?;
        let result_checks = expand_check(ctx, &example.check, &invoke, at)?;
        let doc = format!(" {}, answered by the fake.", case.title.trim_end_matches('.'));
        let allow = if case.deprecated { quote! { #[allow(deprecated)] } } else { quote! {} };
        let call_arg = if checks.is_empty() { quote! { _call } } else { quote! { call } };
        tests.push(quote! {
            #[doc = #doc]
            #[tokio::test]
            #allow
            async fn #test() {
                let fake = fake::ServerFactory::new();
                fake.#server().#script(|#call_arg| {
                    #(#checks)*
                    Ok(#answer)
                });
                let client = client(&fake, #(#client_args),*);
                #body_setup
                #result_checks
            }
        });
    }
    if tests.is_empty() {
        return Ok(None);
    }
    Ok(Some(file(ctx, plan, tests)?))
}

/// The file around the tests: its docs, imports, the client helper and the JSON helper.
fn file(ctx: &Context<'_>, plan: &TestPlan, tests: Vec<TokenStream>) -> Result<GeneratedFile> {
    let crate_name = ident(&ctx.options.crate_name.replace('-', "_"), &ctx.api.title_location)?;
    let root = ident(&plan.root_client, &ctx.api.title_location)?;
    let (params, values) = super::examples::client_params(plan)?;
    let tokens = quote! {
        //! The example tests again, each answered by the crate's fakes (the `fake` feature)
        //! rather than the HTTPS test server: the handler checks the call's typed arguments and
        //! answers with the example's result, which the client must decode as the example test
        //! checks it.
        #![cfg(feature = "fake")]
        #![allow(unused_imports)]

        // The example tests' helpers (comparisons); the server itself is not used here (the
        // module allows its own dead code).
        mod support;

        use #crate_name::fake::{self, Lro, Pages};
        use #crate_name::{models, #root};

        /// A client whose requests `fake` answers.
        fn client(fake: &fake::ServerFactory, #(#params),*) -> #root {
            #root::new(fake::credential(), #(#values,)* Some(fake.client_options())).unwrap()
        }

        /// Parses the JSON text of an example.
        #[allow(dead_code)]
        fn json(text: &str) -> serde_json::Value {
            serde_json::from_str(text).unwrap()
        }

        #(#tests)*
    };
    let path = std::path::Path::new("tests/fakes.rs");
    Ok(GeneratedFile { path: path.into(), contents: super::format_rust(ctx, path, tokens)? })
}

/// The handler's answer, from the example's result; `None` when the example has none to give.
fn answer(ctx: &Context<'_>, method: &Method, example: &ExampleTest, at: &crate::error::Location) -> Result<Option<TokenStream>> {
    let op = ctx.operation(method);
    let last_body = example.polls.last().map(|p| p.body.as_ref()).unwrap_or(example.answer.body.as_ref());
    let decode = |ty: TokenStream, value: &Value| {
        let value = json(value);
        quote! { serde_json::from_value::<#ty>(#value).unwrap() }
    };
    let items = |body: Option<&Value>, item_name: &str| -> Value {
        body.and_then(|b| b.get(item_name)).cloned().unwrap_or(Value::Array(Vec::new()))
    };
    // The page's other properties (a next link the operation does not follow, a count), which
    // the fake writes beside the items; the next link it follows is the fake's own.
    let fields = |body: Option<&Value>, item_name: &str, linked: Option<&str>| -> TokenStream {
        let mut rest = match body {
            Some(Value::Object(map)) => map.clone(),
            _ => return quote! {},
        };
        rest.remove(item_name);
        if let Some(link) = linked {
            rest.remove(link);
        }
        if rest.is_empty() {
            quote! {}
        } else {
            let rest = json(&Value::Object(rest));
            quote! { .with_fields(#rest) }
        }
    };
    let linked = |pager: &crate::ir::PagerModel| -> Option<String> {
        if pager.next_operation.is_some() {
            return None;
        }
        op.pageable.as_ref().and_then(|p| p.next_link_name.clone())
    };
    Ok(Some(match &method.kind {
        MethodKind::Exists(_) => quote! { true },
        MethodKind::Plain(plain) => match (&plain.result, &example.answer.body) {
            (None, _) => quote! { () },
            (Some(ty), Some(body)) => decode(json_type_in(ctx, ty, Scope::Tests, at)?, body),
            (Some(_), None) => return Ok(None),
        },
        MethodKind::Pager(pager) => {
            let (item_name, _) = paging_names(op, pager.next_operation.is_some());
            let item = json_type_in(ctx, &pager.item_type, Scope::Tests, at)?;
            let values = decode(quote! { Vec<#item> }, &items(example.answer.body.as_ref(), &item_name));
            let fields = fields(example.answer.body.as_ref(), &item_name, linked(pager).as_deref());
            quote! { Pages::one(#values) #fields }
        }
        MethodKind::Poller(poller) => match &poller.pages {
            Some(pager) => {
                let (item_name, _) = paging_names(op, pager.next_operation.is_some());
                let item = json_type_in(ctx, &pager.item_type, Scope::Tests, at)?;
                let values = decode(quote! { Vec<#item> }, &items(last_body, &item_name));
                let fields = fields(last_body, &item_name, linked(pager).as_deref());
                quote! { Lro::succeeded(Pages::one(#values) #fields) }
            }
            None => match (&poller.result, last_body) {
                (None, _) => quote! { Lro::succeeded(()) },
                (Some(ty), Some(body)) => {
                    let value = decode(json_type_in(ctx, ty, Scope::Tests, at)?, body);
                    quote! { Lro::succeeded(#value) }
                }
                (Some(_), None) => return Ok(None),
            },
        },
    }))
}

/// The handler's checks of the typed arguments the call passed as strings.
fn argument_checks(method: &Method, args: &[ArgValue], at: &crate::error::Location) -> Result<Vec<TokenStream>> {
    let (fields, _) = call_fields(method);
    let mut checks = Vec::new();
    for (positional, value) in method.positional().iter().zip(args) {
        let Positional::Param(_, param) = positional else { continue };
        let text = match value {
            ArgValue::Str(s) | ArgValue::String(s) => s,
            _ => continue,
        };
        let index = method.params.iter().position(|p| std::ptr::eq(p, *param));
        let Some(Some(field)) = index.and_then(|i| fields.get(i)) else { continue };
        let field = ident(field, at)?;
        checks.push(quote! { assert_eq!(call.#field, #text); });
    }
    Ok(checks)
}
