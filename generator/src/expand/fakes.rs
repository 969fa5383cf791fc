//! `src/fake/mod.rs`: the crate's fakes, behind its `fake` feature, what autorest.go's `fake`
//! packages are to the Go SDK, in Rust idiom.
//!
//! One server per client (`IotHubResourceServer` for `IotHubResourceClient`) with one method per
//! client method, which scripts that operation with a closure: it receives the call's arguments,
//! typed as the method takes them (a `…Call` struct: path, query and header parameters, the
//! body decoded into its model), and answers with the method's result type, or a
//! `fake::Failure` (a service error with its status and code). A pageable method's handler
//! answers `fake::Pages` of items, a long-running one an `fake::Lro` (how many polls stay in
//! progress, then the result or a failure), a `HEAD` one whether the resource exists. A
//! `ServerFactory` holds every server of the crate and plugs them into a client through
//! azure_core's transport (`ClientOptions::transport`): the client runs unchanged, with no
//! network and no TLS.
//!
//! Everything about the methods comes from the client model (kinds, success codes, error
//! envelopes, paging names, final states); the shared machinery (routing, reading arguments
//! back, writing answers, pages and operation monitors) is `generator/runtime/src/fake/`,
//! emitted as `src/fake/support/`. The names of the fake's own items (servers, call structs,
//! the factory's accessors) are derived here from the client model's names, made unique among
//! themselves.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::{rust_type, Scope};
use super::{ident, Context};
use crate::error::{Location, Result};
use crate::ir::{
    BodyKind, Client, HttpMethod, Method, MethodKind, MethodParam, ParamLocation, Passing, Primitive, TypeRef,
    ValueSource,
};
use crate::names;

/// The names the fake module's items must not take (its re-exports of `support`).
const SUPPORT_NAMES: &[&str] = &["Failure", "Pages", "Lro", "credential", "ServerFactory", "StatusCode", "support"];

/// The names of one client's fake.
pub(super) struct ClientNames<'a> {
    pub client: &'a Client,
    /// The server type (`IotHubResourceServer`).
    pub server: String,
    /// The factory's accessor of it (`iot_hub_resource`).
    pub accessor: String,
    /// Each method's call struct (`IotHubResourceClientGetJobCall`), in method order.
    calls: Vec<String>,
}

/// Names every fake item, unique among themselves.
pub(super) fn names_of<'a>(ctx: &Context<'a>) -> Vec<ClientNames<'a>> {
    let mut types: BTreeSet<String> = SUPPORT_NAMES.iter().map(|s| s.to_string()).collect();
    let mut accessors: BTreeSet<String> = ["new", "transport", "client_options", "clone", "fmt"].map(String::from).into();
    ctx.api
        .clients
        .clients
        .iter()
        .map(|client| {
            let stem = client.name.strip_suffix("Client").filter(|s| !s.is_empty()).unwrap_or(&client.name);
            let server = names::unique(format!("{stem}Server"), &mut types);
            let accessor = names::unique(names::snake(stem), &mut accessors);
            let calls = client
                .methods
                .iter()
                .map(|m| {
                    let stem = m.options_type.strip_suffix("Options").unwrap_or(&m.options_type);
                    names::unique(format!("{stem}Call"), &mut types)
                })
                .collect();
            ClientNames { client, server, accessor, calls }
        })
        .collect()
}

/// `src/fake/mod.rs`.
pub(crate) fn expand_fake_mod(ctx: &Context<'_>) -> Result<TokenStream> {
    let all = names_of(ctx);
    let root_options = ctx.root_options()?;
    let mut servers = Vec::new();
    let mut accessors = Vec::new();
    let mut routes = Vec::new();
    for names in &all {
        let server = ident(&names.server, &ctx.api.title_location)?;
        let accessor = ident(&names.accessor, &ctx.api.title_location)?;
        let client = &names.client.name;
        let accessor_doc = format!(" The fake of [`{client}`](crate::clients::{client})'s methods.");
        accessors.push(quote! {
            #[doc = #accessor_doc]
            pub fn #accessor(&self) -> #server {
                #server { handlers: self.handlers.clone() }
            }
        });
        let mut scripts = Vec::new();
        let mut calls = Vec::new();
        for (method, call_name) in names.client.methods.iter().zip(&names.calls) {
            let fake = expand_method(ctx, names, method, call_name)?;
            scripts.push(fake.script);
            calls.push(fake.call);
            routes.push(fake.route);
        }
        let server_doc = format!(
            " The fake of [`{client}`](crate::clients::{client}): one method per method of the client, each scripting how \
             the fake answers it. Handlers can be set or replaced at any time, also after the client was built."
        );
        // A client left without methods (its operations refused, or a root whose operations all
        // have groups) scripts nothing.
        let unread = if names.client.methods.is_empty() { quote! { #[allow(dead_code)] } } else { quote! {} };
        servers.push(quote! {
            #[doc = #server_doc]
            #[derive(Clone, Debug)]
            pub struct #server {
                #unread
                handlers: support::Handlers,
            }

            impl #server {
                #(#scripts)*
            }

            #(#calls)*
        });
    }
    let endpoint = fake_endpoint(ctx);
    let handlers_arg = if routes.is_empty() { quote! { _handlers } } else { quote! { handlers } };
    let docs = module_docs(ctx, &all);
    Ok(quote! {
        #(#![doc = #docs])*

        mod support;

        pub use support::{credential, Failure, Lro, Pages};
        #[allow(unused_imports)]
        pub(crate) use support::skips_read_only;
        pub use crate::error::StatusCode;

        /// Every fake server of the crate, sharing the handlers a test scripts, and the client
        /// options that plug them into a client.
        #[derive(Clone, Debug, Default)]
        pub struct ServerFactory {
            handlers: support::Handlers,
        }

        impl ServerFactory {
            /// A factory whose servers have no handler yet (a call to an operation without one
            /// is an error naming the server method that scripts it).
            pub fn new() -> Self {
                Self::default()
            }

            #(#accessors)*

            /// azure_core's transport answering every request from the handlers, in memory.
            pub fn transport(&self) -> azure_core::http::Transport {
                azure_core::http::Transport::new(::std::sync::Arc::new(support::Transport::new(routes(&self.handlers))))
            }

            /// Options for the root client whose requests this factory answers: the transport, and
            /// no retries (a scripted `5xx` or `429` is answered at once, not retried).
            pub fn client_options(&self) -> crate::#root_options {
                crate::#root_options {
                    client_options: azure_core::http::ClientOptions {
                        transport: Some(self.transport()),
                        retry: azure_core::http::RetryOptions::none(),
                        ..Default::default()
                    },
                    #endpoint
                    ..Default::default()
                }
            }
        }

        /// The operations of the crate, each answering from its handler.
        fn routes(#handlers_arg: &support::Handlers) -> Vec<support::Route> {
            Vec::from([#(#routes),*])
        }

        #(#servers)*
    })
}

/// For a spec whose endpoint is not `https` (or a host template), the options' endpoint: the
/// fake answers any host, but azure_core's bearer-token policy sends only over `https`.
fn fake_endpoint(ctx: &Context<'_>) -> TokenStream {
    let root = &ctx.api.clients.root;
    if root.endpoint.starts_with("https://") && root.host.is_none() {
        return quote! {};
    }
    let rest = root.endpoint.split_once("://").map(|(_, rest)| rest).unwrap_or(&root.endpoint);
    let url = format!("https://{rest}");
    quote! {
        endpoint: Some(azure_core::http::Url::parse(#url).expect("the generator checked the endpoint parses")),
    }
}

/// What one method's fake is made of.
struct MethodFake {
    /// The server method scripting it.
    script: TokenStream,
    /// Its call struct.
    call: TokenStream,
    /// Its route.
    route: TokenStream,
}

/// How a value of `ty` is read from a parameter's text (`name`, `text` in scope): the inverse of
/// how the method wrote it.
fn parse_text(ctx: &Context<'_>, ty: &TypeRef, name: &str, at: &Location) -> Result<TokenStream> {
    Ok(match ctx.resolve_alias(ty) {
        TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime) => {
            quote! { support::date_time(#name, text) }
        }
        TypeRef::Primitive(Primitive::Bytes) => quote! { support::bytes(#name, text) },
        other => {
            let rust = rust_type(ctx, other, Scope::Crate, at)?;
            quote! { support::text::<#rust>(#name, text) }
        }
    })
}

/// The field of a call struct for a parameter, and the expression reading it from the request.
fn param_field(ctx: &Context<'_>, param: &MethodParam, field: &str) -> Result<Option<(TokenStream, TokenStream)>> {
    let at = &param.location_in_spec;
    let required = match &param.source {
        ValueSource::Constant(_) | ValueSource::ApiVersion => return Ok(None),
        ValueSource::Client { required, .. } => *required,
        ValueSource::Positional { .. } => true,
        ValueSource::Optional { .. } => param.client_default.is_some(),
    };
    let location = match param.location {
        ParamLocation::Path => quote! { support::In::Path },
        ParamLocation::Query => quote! { support::In::Query },
        ParamLocation::Header => quote! { support::In::Header },
        // Host parameters fill the host, which the fake does not read.
        ParamLocation::Host | ParamLocation::Cookie => return Ok(None),
    };
    let wire = param.wire_name.as_str();
    let field_ident = ident(field, at)?;
    let (ty, read) = match ctx.resolve_alias(&param.ty) {
        TypeRef::Array(item) => {
            let item_ty = rust_type(ctx, item, Scope::Crate, at)?;
            let parse = parse_text(ctx, item, wire, at)?;
            let separator = match param.collection_format.unwrap_or(crate::ir::CollectionFormat::Csv).separator() {
                Some(sep) => quote! { Some(#sep) },
                None => quote! { None },
            };
            (
                quote! { Vec<#item_ty> },
                quote! {
                    request
                        .values(#location, #wire, #separator)
                        .map(|texts| texts.into_iter().map(|text| #parse).collect::<azure_core::Result<Vec<_>>>())
                        .transpose()?
                },
            )
        }
        _ => {
            let rust = rust_type(ctx, &param.ty, Scope::Crate, at)?;
            let parse = parse_text(ctx, &param.ty, wire, at)?;
            (rust, quote! { request.value(#location, #wire).map(|text| #parse).transpose()? })
        }
    };
    let doc = super::doc_attrs(param.description.as_deref(), &format!("The `{wire}` parameter."));
    Ok(Some(if required {
        (quote! { #doc pub #field_ident: #ty, }, quote! { #field_ident: support::required(#wire, #read)?, })
    } else {
        (quote! { #doc pub #field_ident: Option<#ty>, }, quote! { #field_ident: #read, })
    }))
}

/// Whether a JSON value of `ty` is read and written by its own serde impls as the wire has it
/// (models, enums, strings, numbers, booleans, and lists and maps of them); a date-time or bytes
/// at the top of a body is written through a codec the handler would not see, so the fake gives
/// and takes its JSON instead.
fn typed_json(ctx: &Context<'_>, ty: &TypeRef) -> bool {
    match ctx.resolve_alias(ty) {
        TypeRef::Named(_) | TypeRef::Any => true,
        TypeRef::Array(item) | TypeRef::Map(item) => typed_json(ctx, item),
        // `Option<T>`: `null`, or the value as `T` writes it.
        TypeRef::Nullable(inner) => typed_json(ctx, inner),
        TypeRef::Primitive(p) => {
            matches!(p, Primitive::String | Primitive::Bool | Primitive::Int32 | Primitive::Int64 | Primitive::Float32 | Primitive::Float64)
                || crate::rust_types::is_string_primitive(p) && !matches!(p, Primitive::Date | Primitive::Time | Primitive::Duration | Primitive::Base64Url)
        }
    }
}

/// The Rust type a handler gives or takes for a JSON value of `ty` (written for `scope`).
pub(super) fn json_type_in(ctx: &Context<'_>, ty: &TypeRef, scope: Scope, at: &Location) -> Result<TokenStream> {
    if typed_json(ctx, ty) {
        rust_type(ctx, ty, scope, at)
    } else {
        Ok(quote! { ::serde_json::Value })
    }
}

/// The Rust type a handler gives or takes for a JSON value of `ty`.
fn json_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
    if typed_json(ctx, ty) {
        rust_type(ctx, ty, Scope::Crate, at)
    } else {
        Ok(quote! { ::serde_json::Value })
    }
}

/// The fields of a method's call struct: one per parameter (`None` for the constants and the
/// api-version, which the caller does not give), named as the method's argument or option, then
/// the body's (`None` when the spec fixes it to one value).
pub(super) fn call_fields(method: &Method) -> (Vec<Option<String>>, Option<String>) {
    let mut taken = BTreeSet::new();
    let params = method
        .params
        .iter()
        .map(|param| {
            let name = match &param.source {
                ValueSource::Positional { name } => name,
                ValueSource::Optional { field } => field,
                ValueSource::Client { field, .. } => field,
                ValueSource::Constant(_) | ValueSource::ApiVersion => return None,
            };
            if matches!(param.location, ParamLocation::Host | ParamLocation::Cookie) {
                return None;
            }
            Some(names::unique(name.clone(), &mut taken))
        })
        .collect();
    let body = method.body.as_ref().and_then(|body| {
        let name = match &body.passing {
            Passing::Positional { name } => name,
            Passing::Optional { field } => field,
            // The spec fixes it and the method always sends it: the caller does not give it.
            Passing::Constant { .. } => return None,
        };
        Some(names::unique(name.clone(), &mut taken))
    });
    (params, body)
}

/// One method's fake: its call struct, its server method and its route.
fn expand_method(ctx: &Context<'_>, names: &ClientNames<'_>, method: &Method, call_name: &str) -> Result<MethodFake> {
    let op = ctx.operation(method);
    let at = &op.location;
    let client = &names.client.name;
    let call_ident = ident(call_name, at)?;
    let method_ident = ident(&method.name, at)?;
    let server = &names.server;
    let operation_id = method.operation_id.as_str();

    // The call struct: every parameter the caller gives (or the client adds), then the body.
    let (param_fields, body_field) = call_fields(method);
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    for (param, field) in method.params.iter().zip(&param_fields) {
        let Some(field) = field else { continue };
        if let Some((declared, read)) = param_field(ctx, param, field)? {
            fields.push(declared);
            reads.push(read);
        }
    }
    if let (Some(body), Some(field)) = (&method.body, &body_field) {
        let required = matches!(body.passing, Passing::Positional { .. });
        let field = ident(field, at)?;
        let (ty, read, what) = match body.kind {
            BodyKind::Json => {
                let ty = json_type(ctx, &body.ty, at)?;
                let read = if required {
                    quote! { support::json(request.body())? }
                } else {
                    quote! { if request.body().is_empty() { None } else { Some(support::json(request.body())?) } }
                };
                (ty, read, "decoded")
            }
            BodyKind::Form => {
                let read = if required { quote! { support::form(request.body()) } } else { quote! { Some(support::form(request.body())) } };
                (quote! { Vec<(String, String)> }, read, "as its name/value pairs")
            }
            BodyKind::Binary | BodyKind::Multipart => {
                let read = if required { quote! { request.body().to_vec() } } else { quote! { Some(request.body().to_vec()) } };
                (quote! { Vec<u8> }, read, "as its bytes")
            }
        };
        let doc = format!(" The request body, {what}.");
        let ty = if required { ty } else { quote! { Option<#ty> } };
        fields.push(quote! { #[doc = #doc] pub #field: #ty, });
        reads.push(quote! { #field: #read, });
    }
    let call_doc = format!(
        " The arguments of a call to [`{client}::{}`](crate::clients::{client}::{}), as the fake read them from the request.",
        method.name, method.name
    );
    let call = quote! {
        #[doc = #call_doc]
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub struct #call_ident {
            #(#fields)*
        }
    };

    // What the handler answers, and how the route writes it.
    let envelope = method.error.envelope;
    let (answer_ty, answer_doc, write) = match &method.kind {
        MethodKind::Plain(plain) => match &plain.result {
            Some(result) => {
                let ty = json_type(ctx, result, at)?;
                let status = plain.success_codes.iter().find(|c| !plain.bodiless_codes.contains(c)).or(plain.success_codes.first()).copied().unwrap_or(200);
                let status = Literal::u16_unsuffixed(status);
                (ty, "the result, which the fake sends with the success status", quote! { support::plain(outcome, #status, #envelope) })
            }
            None => {
                let status = Literal::u16_unsuffixed(plain.success_codes.first().copied().unwrap_or(200));
                (quote! { () }, "`()` for success", quote! { support::empty(outcome, #status, #envelope) })
            }
        },
        MethodKind::Exists(exists) => {
            let found = Literal::u16_unsuffixed(exists.true_codes.first().copied().unwrap_or(200));
            let missing = Literal::u16_unsuffixed(exists.false_codes.first().copied().unwrap_or(404));
            (quote! { bool }, "whether the resource exists", quote! { support::exists(outcome, #found, #missing, #envelope) })
        }
        MethodKind::Pager(pager) => {
            let item = json_type(ctx, &pager.item_type, at)?;
            let (item_name, next_link_name) = paging_names(op, pager.next_operation.is_some());
            let status = Literal::u16_unsuffixed(pager.success_codes.first().copied().unwrap_or(200));
            (
                quote! { Pages<#item> },
                "the pages of items, which the fake links for the pager to follow",
                quote! { support::pages(outcome, #status, #item_name, #next_link_name, #envelope) },
            )
        }
        MethodKind::Poller(poller) => match &poller.pages {
            Some(pager) => {
                let item = json_type(ctx, &pager.item_type, at)?;
                let (item_name, next_link_name) = paging_names(op, pager.next_operation.is_some());
                (
                    quote! { Lro<Pages<#item>> },
                    "how the operation goes, and the pages of its result",
                    quote! { support::lro_pages(outcome, #item_name, #next_link_name, #envelope) },
                )
            }
            None => {
                let (ty, has_result) = match &poller.result {
                    Some(result) => (json_type(ctx, result, at)?, true),
                    None => (quote! { () }, false),
                };
                (
                    quote! { Lro<#ty> },
                    "how the operation goes: the polls in progress, then its result or failure",
                    quote! { support::lro(outcome, #has_result, #envelope) },
                )
            }
        },
    };
    let scripted_by = format!("fake::{server}::{}", method.name);
    let script_doc = format!(
        " Scripts [`{client}::{name}`](crate::clients::{client}::{name}): `handler` gets the arguments of each call \
         ([`{call_name}`]) and answers with {answer_doc}, or a [`Failure`] the client reports as the service's error.",
        name = method.name
    );
    let deprecated = if op.deprecated { quote! { #[allow(deprecated)] } } else { quote! {} };
    let script = quote! {
        #[doc = #script_doc]
        #deprecated
        pub fn #method_ident(
            &self,
            handler: impl Fn(#call_ident) -> ::std::result::Result<#answer_ty, Failure> + Send + Sync + 'static,
        ) -> &Self {
            self.handlers.set(#operation_id, handler);
            self
        }
    };
    let http = http_method(method.http_method);
    let template = op.path.as_str();
    let raw: Vec<&str> = method
        .params
        .iter()
        .filter(|p| p.skip_url_encoding && p.location == ParamLocation::Path)
        .map(|p| p.wire_name.as_str())
        .collect();
    let request = if reads.is_empty() { quote! { _request } } else { quote! { request } };
    let route = quote! {
        support::Route {
            method: #http,
            template: #template,
            raw: &[#(#raw),*],
            respond: Box::new({
                let handlers = handlers.clone();
                move |#request: &support::Received<'_>| {
                    let call = #call_ident { #(#reads)* };
                    let outcome = handlers.call::<#call_ident, #answer_ty>(#operation_id, #scripted_by, call)?;
                    #write
                }
            }),
        }
    };
    Ok(MethodFake { script, call, route })
}

/// The wire names of a page's items and next link (`None` when the pages are not linked, or when
/// the next pages come through another operation, which the fake answers as one page).
pub(super) fn paging_names(op: &crate::ir::Operation, next_operation: bool) -> (String, TokenStream) {
    let pageable = op.pageable.as_ref();
    let item = pageable.map(|p| p.item_name.clone()).unwrap_or_else(|| "value".to_string());
    let next = match pageable.and_then(|p| p.next_link_name.as_deref()) {
        Some(name) if !next_operation => quote! { Some(#name) },
        _ => quote! { None },
    };
    (item, next)
}

/// The serde attributes of a read-only field (their contents, without `#[..]`): never serialized, except in a fake's answer (the
/// `fake` feature), where a response carries it.
pub(crate) fn read_only_serde_attrs() -> [TokenStream; 2] {
    [
        quote! { cfg_attr(not(feature = "fake"), serde(skip_serializing)) },
        quote! { cfg_attr(feature = "fake", serde(skip_serializing_if = "crate::fake::skips_read_only")) },
    ]
}

/// `azure_core::http::Method::Get`.
fn http_method(method: HttpMethod) -> TokenStream {
    let variant = format_ident!(
        "{}",
        match method {
            HttpMethod::Get => "Get",
            HttpMethod::Put => "Put",
            HttpMethod::Post => "Post",
            HttpMethod::Delete => "Delete",
            HttpMethod::Head => "Head",
            HttpMethod::Patch => "Patch",
            // Refused by the client model; never a method.
            HttpMethod::Options | HttpMethod::Trace => "Get",
        }
    );
    quote! { azure_core::http::Method::#variant }
}

/// The module docs: what the fakes are, how to use them, and (when the spec has a plain method
/// and a pager with placeholder arguments) a doc-test of a downstream unit test.
fn module_docs(ctx: &Context<'_>, all: &[ClientNames<'_>]) -> Vec<String> {
    let crate_name = &ctx.options.crate_name;
    let root = &ctx.api.clients.root.name;
    let mut lines: Vec<String> = [
        "Fakes of the clients, to test code that calls them without Azure (the `fake` feature).",
        "",
        "A [`ServerFactory`] holds one fake server per client, with one method per client method that",
        "scripts its answers: a closure that gets the call's arguments, typed as the method takes them (a",
        "`…Call` struct of the path, query and header parameters and the decoded body), and answers with",
        "the method's result, or a [`Failure`] (a service error with its status, code and message, which the",
        "client decodes into the method's error type as it would Azure's). A pageable method answers",
        "[`Pages`] (the fake links them, so the client's pager follows every page), a long-running one an",
        "[`Lro`] (how many polls stay in progress, then the result or a failure; polls do not wait), a `HEAD`",
        "one whether the resource exists. [`ServerFactory::client_options`] gives the root client options",
        "whose transport answers every request in memory: no network, no TLS, the client's own code (paging,",
        "polling, error decoding) unchanged. Use [`credential`] as the client's credential. A call to an",
        "operation without a handler is an error naming the server method that scripts it.",
        "",
        "Enable it for your tests only:",
        "",
        "```toml",
        "[dev-dependencies]",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    lines.push(format!("{crate_name} = {{ version = \"{}\", features = [\"fake\"] }}", ctx.options.package.version));
    lines.push("```".into());
    if let Some(test) = doc_test(ctx, all) {
        lines.push(String::new());
        lines.push(format!("A unit test of your own code that uses a [`{root}`](crate::{root}):"));
        lines.push(String::new());
        lines.extend(test);
    }
    lines.into_iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect()
}

/// The pageable method the doc-test lists: of those listing the README's long-running example's
/// resource, the one with the fewest arguments (`list_by_subscription`, everything in view), else
/// the README's pager.
fn listing_example<'a>(ctx: &Context<'a>) -> Option<super::readme::Call<'a>> {
    use super::readme;
    let resource = readme::lro_example(ctx).and_then(|(m, _)| readme::poller_result(m));
    let listing = ctx
        .api
        .clients
        .clients
        .iter()
        .flat_map(|c| c.methods.iter().map(move |m| (m, c)))
        .filter(|(m, _)| {
            m.body.is_none()
                && readme::simple_args(m)
                && matches!(&m.kind, MethodKind::Pager(p) if resource == Some(&p.item_type))
        })
        .min_by_key(|(m, _)| readme::placeholder_args(m).len());
    listing.or_else(|| readme::pager_example(ctx, None))
}

/// The doc-test: a function of "your code" calling the README's example operation and pager,
/// tested against the fake (the happy path, then a service error).
fn doc_test(ctx: &Context<'_>, all: &[ClientNames<'_>]) -> Option<Vec<String>> {
    let (plain, plain_client) = super::readme::example_operation(ctx)?;
    let (pager, pager_client) = listing_example(ctx)?;
    let MethodKind::Pager(pager_model) = &pager.kind else { return None };
    let crate_name = ctx.options.crate_name.replace('-', "_");
    let root = &ctx.api.clients.root.name;
    let server_of = |client: &Client| all.iter().find(|n| n.client.name == client.name).map(|n| n.accessor.clone());
    let plain_server = server_of(plain_client)?;
    let pager_server = server_of(pager_client)?;
    let receive = |client: &Client| match &client.accessor {
        Some(accessor) => format!("client.{accessor}()"),
        None => "client".to_string(),
    };
    let item = super::readme::build_expr(ctx, &pager_model.item_type, "item", 0)?;
    let result = match &plain.kind {
        MethodKind::Plain(p) => match &p.result {
            None => "()".to_string(),
            Some(ty) if super::types::has_default(ctx, ty) => "Default::default()".to_string(),
            Some(ty) => super::readme::build_expr(ctx, ty, "result", 0)?,
        },
        _ => return None,
    };
    let args = super::readme::placeholder_args(plain);
    let first_arg = plain.params.iter().find_map(|p| match &p.source {
        ValueSource::Positional { name } => Some(name.clone()),
        _ => None,
    });
    let check_arg = match (&first_arg, args.first()) {
        (Some(name), Some(value)) => format!("    assert_eq!(call.{name}, {value});\n"),
        _ => String::new(),
    };
    let call_args: Vec<String> = args.iter().cloned().chain(["None".to_string()]).collect();
    let pager_args: Vec<String> = super::readme::placeholder_args(pager).into_iter().chain(["None".to_string()]).collect();
    let ctor_args: String =
        ctx.api.clients.root.fields.iter().filter(|p| p.required).map(|_| "\"00000000-0000-0000-0000-000000000000\", ".to_string()).collect();
    let plain_call = format!("{}.{}({})", receive(plain_client), plain.name, call_args.join(", "));
    let pager_call = format!("{}.{}({})", receive(pager_client), pager.name, pager_args.join(", "));
    let error_ty = match &plain.error.ty {
        Some(TypeRef::Named(name)) => format!("{crate_name}::models::{name}"),
        _ => "serde_json::Value".to_string(),
    };
    let text = format!(
        "```
use futures::TryStreamExt as _;
use {crate_name}::fake::{{self, Failure, Pages, StatusCode}};
use {crate_name}::{{models, {root}}};

/// Your code: one call, then every item of a list.
async fn count_items(client: &{root}) -> azure_core::Result<usize> {{
    {plain_call}.await?;
    let items: Vec<_> = {pager_call}?.try_collect().await?;
    Ok(items.len())
}}

# #[tokio::main(flavor = \"current_thread\")]
# async fn main() -> azure_core::Result<()> {{
// Your test: script the two operations, then run your code against the fake.
let fake = fake::ServerFactory::new();
fake.{plain_server}().{plain_method}(|call| {{
{check_arg}    Ok({result})
}});
let item = {item};
fake.{pager_server}().{pager_method}(move |_| Ok(Pages::new([vec![item.clone(), item.clone()], vec![item.clone()]])));
let client = {root}::new(fake::credential(), {ctor_args}Some(fake.client_options()))?;
assert_eq!(count_items(&client).await?, 3, \"three items over two pages\");

// The service's errors, as the client reports them.
fake.{plain_server}().{plain_method}(|_| Err(Failure::new(StatusCode::NotFound, \"NotFound\", \"no such thing\")));
let error = count_items(&client).await.unwrap_err();
assert_eq!(error.http_status(), Some(StatusCode::NotFound));
let service = {crate_name}::service_error::<{error_ty}>(&error).expect(\"a service error\");
assert_eq!(service.code(), Some(\"NotFound\"));
# Ok(())
# }}
```",
        plain_method = plain.name,
        pager_method = pager.name,
    );
    Some(text.lines().map(str::to_string).collect())
}
