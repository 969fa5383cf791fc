//! `src/clients/<client>.rs`: one method per operation, with its options struct.
//!
//! Required parameters are positional (`&str` for strings), the JSON body is a
//! `RequestContent<T>`, optional parameters live in `<Client><Method>Options<'a>` next to
//! `method_options`. A plain operation returns `Response<T>` (`Response<(), NoFormat>` when it
//! has no body); an `x-ms-pageable` one a `Pager` over its list type; an
//! `x-ms-long-running-operation` one a `Poller` (see the crate's `lro` module).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::expand_client_struct;
use super::types::{codec_tokens, is_string_primitive, rust_type, to_param_string, Scope};
use super::{doc_attrs, ident, Context};
use crate::error::{Error, Location, Result};
use crate::ir::{
    BodyKind, Client, CollectionFormat, ExistsModel, HttpMethod, Method, NextArg, MethodKind, MethodParam, Operation, PagerModel,
    ParamLocation, Passing, PlainModel, PollerModel, Primitive, TypeKind, TypeRef, ValueSource,
};
use crate::rust_types::{argument_form, body_codec, body_form, rust_text, ArgumentForm, BodyForm};

/// Status codes as unsuffixed literals (`200`, not `200u16`).
fn literals(codes: &[u16]) -> Vec<proc_macro2::Literal> {
    codes.iter().map(|&c| proc_macro2::Literal::u16_unsuffixed(c)).collect()
}

/// The file of one client: its struct (and, for the root, its constructor and options), its
/// methods, and their options structs.
pub(crate) fn expand_client_file(ctx: &Context<'_>, client: &Client) -> Result<TokenStream> {
    let header = expand_client_struct(ctx, client)?;
    let name = ident(&client.name, &ctx.api.title_location)?;
    let mut methods = Vec::new();
    let mut options = Vec::new();
    for method in &client.methods {
        let (m, o) = expand_method(ctx, client, method)?;
        methods.push(m);
        options.push(o);
    }
    Ok(quote! {
        //! A client of the service (see the crate documentation).
        #header

        impl #name {
            #(#methods)*
        }

        #(#options)*
    })
}

/// The parameter type at the method's surface: borrowed for strings, slices and JSON.
fn arg_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
    Ok(match argument_form(ty) {
        ArgumentForm::Str => quote! { &str },
        ArgumentForm::Bytes => quote! { &[u8] },
        ArgumentForm::Slice(item) => {
            let item = owned_param_type(ctx, item, at)?;
            quote! { &[#item] }
        }
        ArgumentForm::Json => quote! { &::serde_json::Value },
        ArgumentForm::Owned => owned_param_type(ctx, ty, at)?,
    })
}

/// The owned type of a parameter (options fields, array items).
/// (`lower::clients` refused objects, maps and nested arrays as parameters.)
fn owned_param_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
    match ty {
        TypeRef::Named(name) => match &ctx.type_def(name, at)?.kind {
            TypeKind::Alias(target) => owned_param_type(ctx, target, at),
            _ => rust_type(ctx, ty, Scope::Crate, at),
        },
        other => rust_type(ctx, other, Scope::Crate, at),
    }
}

/// The wire value of a parameter held in `value` (`by_ref`: `value` is a reference): one
/// `String`, or for `multi` arrays a `Vec<String>` (one per occurrence).
enum Strings {
    One(TokenStream),
    Many(TokenStream),
}

fn param_strings(ctx: &Context<'_>, param: &MethodParam, value: TokenStream, by_ref: bool) -> Strings {
    match ctx.resolve_alias(&param.ty) {
        TypeRef::Array(item) => {
            let each = match ctx.resolve_alias(item) {
                // An item that may be `null` (`x-nullable` items) is sent as an empty value,
                // as the AutoRest test server's `UrlQueriesArray*` scenarios expect.
                TypeRef::Nullable(inner) => {
                    let inner = to_param_string(ctx, ctx.resolve_alias(inner), quote! { v }, true);
                    quote! { match v { Some(v) => #inner, None => String::new() } }
                }
                item => to_param_string(ctx, item, quote! { v }, true),
            };
            match param.collection_format.unwrap_or(CollectionFormat::Csv).separator() {
                Some(sep) => Strings::One(quote! { #value.iter().map(|v| #each).collect::<Vec<String>>().join(#sep) }),
                None => Strings::Many(quote! { #value.iter().map(|v| #each).collect::<Vec<String>>() }),
            }
        }
        TypeRef::Any => Strings::One(quote! { #value.to_string() }),
        ty => Strings::One(to_param_string(ctx, ty, value, by_ref)),
    }
}

/// A method's surface: its positional arguments (with their docs) and the fields of its options
/// struct, in the order the client model gives them.
#[derive(Default)]
struct Surface {
    args: Vec<TokenStream>,
    arg_docs: Vec<(String, Option<String>)>,
    option_fields: Vec<TokenStream>,
}

/// One method and its options struct.
fn expand_method(ctx: &Context<'_>, client: &Client, method: &Method) -> Result<(TokenStream, TokenStream)> {
    let op = ctx.operation(method);
    let at = &op.location;
    let method_ident = ident(&method.name, at)?;
    let options_ident = ident(&method.options_type, at)?;
    let mut surface = expand_params(ctx, method)?;
    let body_set = expand_body(ctx, op, method, &mut surface)?;
    let error_ty = error_mapper(ctx, op, method)?;
    let build_request = expand_request(ctx, op, method, body_set)?;
    // The request builder another method's pager calls for its next pages (`operationName`).
    let request_fn = match &method.request_fn {
        Some(name) => {
            let name = ident(name, at)?;
            let args = &surface.args;
            let doc = format!(" Builds the request of [`Self::{}`], for the pagers whose next pages it fetches.", method.name);
            // Only optional parameters are read from the options.
            let options_arg = if surface.option_fields.is_empty() { quote! { _options } } else { quote! { options } };
            quote! {
                #[doc = #doc]
                #[allow(clippy::too_many_arguments)]
                pub(crate) fn #name(&self, #(#args,)* #options_arg: &#options_ident<'_>) -> azure_core::Result<azure_core::http::Request> {
                    #build_request
                    Ok(request)
                }
            }
        }
        None => quote! {},
    };
    let needs_mut_options =
        method.body.as_ref().is_some_and(|b| matches!(b.passing, Passing::Optional { .. }) && !matches!(b.kind, BodyKind::Form | BodyKind::Multipart));
    let options_binding = if needs_mut_options {
        quote! { let mut options = options.unwrap_or_default(); }
    } else {
        quote! { let options = options.unwrap_or_default(); }
    };
    let prelude = quote! { #options_binding #build_request };
    let (signature_tail, body, method_options_ty) = match &method.kind {
        MethodKind::Poller(poller) => expand_lro_call(ctx, op, method, poller, prelude, &error_ty)?,
        MethodKind::Pager(pager) => expand_pager_call(op, method, pager, prelude, &error_ty)?,
        MethodKind::Plain(plain) => expand_plain_call(ctx, op, plain, prelude, &error_ty)?,
        MethodKind::Exists(exists) => expand_exists_call(exists, prelude, &error_ty),
    };
    let returns = returns_doc(ctx, method);
    let docs = method_docs(op, &surface.arg_docs, returns.as_deref(), &errors_doc(ctx, method));
    let waits = match &method.kind {
        MethodKind::Plain(_) | MethodKind::Exists(_) => true,
        MethodKind::Poller(poller) => poller.pages.is_some(),
        MethodKind::Pager(_) => false,
    };
    let asyncness = if waits { quote! { async } } else { quote! {} };
    let deprecated = if op.deprecated { quote! { #[deprecated] } } else { quote! {} };
    // Clippy counts `&self` and `options` too: more than 7 in all is too many for it.
    let too_many = if surface.args.len() + 2 > 7 { quote! { #[allow(clippy::too_many_arguments)] } } else { quote! {} };
    let args = &surface.args;
    let resume = match &method.kind {
        MethodKind::Poller(poller) if poller.pages.is_none() => expand_resume_method(ctx, op, method, poller)?,
        _ => quote! {},
    };
    let traced = super::tracing::function_attr(method);
    let method_tokens = quote! {
        #docs
        #deprecated
        #too_many
        #traced
        pub #asyncness fn #method_ident(&self, #(#args,)* options: Option<#options_ident<'_>>) #signature_tail {
            #body
        }

        #resume

        #request_fn
    };
    let options_doc = format!(" Optional parameters of [`{}::{}`].", client.name, method.name);
    let option_fields = &surface.option_fields;
    let options_tokens = quote! {
        #[doc = #options_doc]
        #[derive(Clone, Debug, Default)]
        pub struct #options_ident<'a> {
            #(#option_fields)*
            /// Allows customization of the method call (context, and for pagers and pollers their options).
            pub method_options: #method_options_ty,
        }
    };
    Ok((method_tokens, options_tokens))
}

/// The positional arguments and options fields of the non-body parameters.
fn expand_params(ctx: &Context<'_>, method: &Method) -> Result<Surface> {
    let mut surface = Surface::default();
    for param in &method.params {
        let p_at = &param.location_in_spec;
        match &param.source {
            ValueSource::Positional { name } => {
                let arg_name = ident(name, p_at)?;
                let ty = arg_type(ctx, &param.ty, p_at)?;
                surface.args.push(quote! { #arg_name: #ty });
                surface.arg_docs.push((name.clone(), param.description.clone()));
            }
            ValueSource::Optional { field } => {
                let name = ident(field, p_at)?;
                let ty = owned_param_type(ctx, &param.ty, p_at)?;
                let doc = doc_attrs(param.description.as_deref(), &format!("The `{}` parameter.", param.wire_name));
                let default_doc = param.client_default.as_ref().map(|d| {
                    let line = format!(" When `None`, the client sends its default, `{d}`.");
                    quote! { #[doc = ""] #[doc = #line] }
                });
                surface.option_fields.push(quote! { #doc #default_doc pub #name: Option<#ty>, });
            }
            ValueSource::Constant(_) | ValueSource::ApiVersion | ValueSource::Client { .. } => {}
        }
    }
    Ok(surface)
}

/// The body: a positional argument (required) or an options field (optional), and the statements
/// that set it on `request`.
fn expand_body(ctx: &Context<'_>, op: &Operation, method: &Method, surface: &mut Surface) -> Result<TokenStream> {
    let Some(body) = &method.body else { return Ok(quote! {}) };
    let b_at = op.location.join("requestBody");
    let content_type = &body.content_type;
    let ty = match body.kind {
        // Raw bytes: the caller builds the content (`RequestContent::from(Vec<u8>)`).
        BodyKind::Binary => quote! { azure_core::Bytes, azure_core::http::NoFormat },
        // JSON, and form or multipart fields, which the method encodes from a model whose fields
        // are the form's.
        _ => rust_type(ctx, &body.ty, Scope::Crate, &b_at)?,
    };
    // The statements that send `fields` (a reference to the form's model) as the body.
    let form_set = |fields: TokenStream| match body.kind {
        // In a block, so that its names cannot shadow the method's arguments.
        BodyKind::Multipart => quote! {
            {
                let (content_type, body) = crate::multipart::multipart_body(#fields)?;
                request.insert_header("content-type", content_type);
                request.set_body(body);
            }
        },
        _ => quote! {
            request.insert_header("content-type", #content_type);
            request.set_body(crate::request::form_body(#fields)?);
        },
    };
    let form = matches!(body.kind, BodyKind::Form | BodyKind::Multipart);
    match (&body.passing, form) {
        // Always sent, never asked for (`lower::clients` makes only JSON bodies constants).
        (Passing::Constant { json }, _) => Ok(quote! {
            request.insert_header("content-type", #content_type);
            request.set_body(azure_core::Bytes::from_static(#json.as_bytes()));
        }),
        (Passing::Positional { name }, true) => {
            let name = ident(name, &b_at)?;
            surface.args.push(quote! { #name: &#ty });
            surface.arg_docs.push((name.to_string(), body.description.clone()));
            Ok(form_set(quote! { #name }))
        }
        (Passing::Optional { field }, true) => {
            let field = ident(field, &b_at)?;
            let doc = doc_attrs(body.description.as_deref(), "The form fields.");
            surface.option_fields.push(quote! { #doc pub #field: Option<#ty>, });
            let set = form_set(quote! { form });
            Ok(quote! {
                if let Some(form) = &options.#field {
                    #set
                }
            })
        }
        (passing, false) => {
            let form = match body.kind {
                BodyKind::Binary => BodyForm::Content,
                _ => body_form(&ctx.api.types, &body.ty),
            };
            // The argument's type, and the body the method sends for a value of it.
            let arg_ty = match &form {
                BodyForm::Content => quote! { azure_core::http::RequestContent<#ty> },
                BodyForm::Value(_) => ty.clone(),
            };
            let encode = |value: TokenStream| match &form {
                BodyForm::Content => value,
                BodyForm::Value(codec) => {
                    let codec = codec_tokens(codec);
                    quote! { crate::codec::to_json::<_, #codec>(&#value)? }
                }
            };
            match passing {
                Passing::Positional { name } => {
                    let name = ident(name, &b_at)?;
                    surface.args.push(quote! { #name: #arg_ty });
                    surface.arg_docs.push((name.to_string(), body.description.clone()));
                    let encode = encode(quote! { #name });
                    Ok(quote! {
                        request.insert_header("content-type", #content_type);
                        request.set_body(#encode);
                    })
                }
                Passing::Constant { .. } => Ok(quote! {}),
                Passing::Optional { field } => {
                    let name = ident(field, &b_at)?;
                    let doc = doc_attrs(body.description.as_deref(), "The request body.");
                    surface.option_fields.push(quote! { #doc pub #name: Option<#arg_ty>, });
                    let encode = encode(quote! { body });
                    Ok(quote! {
                        if let Some(body) = options.#name.take() {
                            request.insert_header("content-type", #content_type);
                            request.set_body(#encode);
                        }
                    })
                }
            }
        }
    }
}

/// The statements that build `request`: path, query, method, headers, body.
fn expand_request(ctx: &Context<'_>, op: &Operation, method: &Method, body_set: TokenStream) -> Result<TokenStream> {
    let path_pushes = path_expr(ctx, op, method)?;
    let mut query_required = Vec::new();
    let mut query_many = Vec::new();
    let mut query_optional = Vec::new();
    let mut query_raw = Vec::new();
    let mut header_sets = Vec::new();
    for param in &method.params {
        let wire = param.wire_name.as_str();
        let at = &param.location_in_spec;
        let (values, optional_ident) = match &param.source {
            ValueSource::Constant(s) => (Strings::One(quote! { #s.to_string() }), None),
            ValueSource::ApiVersion => (Strings::One(quote! { self.api_version.clone() }), None),
            ValueSource::Client { field, required: true } => {
                let name = ident(field, at)?;
                (param_strings(ctx, param, quote! { self.#name }, false), None)
            }
            ValueSource::Client { field, required: false } => {
                let name = ident(field, at)?;
                (param_strings(ctx, param, quote! { v }, true), Some(quote! { &self.#name }))
            }
            ValueSource::Positional { name } => {
                let name = ident(name, at)?;
                // Bytes, lists and JSON arrive borrowed (`arg_type`).
                let borrowed = !matches!(crate::rust_types::argument_form(&param.ty), crate::rust_types::ArgumentForm::Owned);
                (param_strings(ctx, param, quote! { #name }, borrowed), None)
            }
            // A client default is sent when the caller gives nothing: the value is never absent.
            ValueSource::Optional { field } if param.client_default.is_some() => {
                let name = ident(field, at)?;
                let default = param.client_default.as_deref().unwrap_or_default();
                let given = param_strings(ctx, param, quote! { v }, true);
                match given {
                    Strings::One(given) => (
                        Strings::One(quote! { match &options.#name { Some(v) => #given, None => #default.to_string() } }),
                        None,
                    ),
                    Strings::Many(given) => (
                        Strings::Many(quote! { match &options.#name { Some(v) => #given, None => vec![#default.to_string()] } }),
                        None,
                    ),
                }
            }
            ValueSource::Optional { field } => {
                let name = ident(field, at)?;
                (param_strings(ctx, param, quote! { v }, true), Some(quote! { &options.#name }))
            }
        };
        match param.location {
            // `x-ms-skip-url-encoding`: the value goes into the query as it is.
            ParamLocation::Query if param.skip_url_encoding => {
                let append = match values {
                    Strings::One(v) => quote! { crate::request::append_raw_query(&mut url, #wire, &#v); },
                    Strings::Many(v) => quote! { for value in #v { crate::request::append_raw_query(&mut url, #wire, &value); } },
                };
                match optional_ident {
                    Some(src) => query_raw.push(quote! { if let Some(v) = #src { #append } }),
                    None => query_raw.push(append),
                }
            }
            ParamLocation::Query => match (values, optional_ident) {
                (Strings::One(v), Some(src)) => query_optional.push(quote! { if let Some(v) = #src { query.push((#wire, #v)); } }),
                (Strings::Many(v), Some(src)) => query_optional.push(quote! { if let Some(v) = #src { query.extend(#v.into_iter().map(|value| (#wire, value))); } }),
                (Strings::One(v), None) => query_required.push(quote! { (#wire, #v) }),
                (Strings::Many(v), None) => query_many.push(quote! { query.extend(#v.into_iter().map(|value| (#wire, value))); }),
            },
            ParamLocation::Header => {
                let header = wire.to_ascii_lowercase();
                let set = match values {
                    Strings::One(v) => quote! { request.insert_header(#header, #v); },
                    Strings::Many(v) => quote! { request.insert_header(#header, #v.join(",")); },
                };
                match optional_ident {
                    Some(src) => header_sets.push(quote! { if let Some(v) = #src { #set } }),
                    None => header_sets.push(set),
                }
            }
            ParamLocation::Path | ParamLocation::Cookie | ParamLocation::Host => {}
        }
    }
    let query_decl = if query_optional.is_empty() && query_many.is_empty() {
        quote! { let query: Vec<(&str, String)> = vec![#(#query_required),*]; }
    } else {
        quote! {
            let mut query: Vec<(&str, String)> = vec![#(#query_required),*];
            #(#query_many)*
            #(#query_optional)*
        }
    };
    let (endpoint_decl, endpoint) = match &ctx.api.clients.root.host {
        Some(host) => (expand_host(ctx, method, host)?, quote! { &endpoint }),
        None => (quote! {}, quote! { &self.endpoint }),
    };
    let url_decl = if query_raw.is_empty() {
        quote! {
            #endpoint_decl
            let url = crate::request::url(#endpoint, &path, &query);
        }
    } else {
        quote! {
            #endpoint_decl
            let mut url = crate::request::url(#endpoint, &path, &query);
            #(#query_raw)*
        }
    };
    // (`lower::clients` refused OPTIONS and TRACE, which azure_core cannot send.)
    let http_method = match method.http_method {
        HttpMethod::Get | HttpMethod::Options | HttpMethod::Trace => quote! { Get },
        HttpMethod::Put => quote! { Put },
        HttpMethod::Post => quote! { Post },
        HttpMethod::Delete => quote! { Delete },
        HttpMethod::Patch => quote! { Patch },
        HttpMethod::Head => quote! { Head },
    };
    let accept = if method.accept_json {
        quote! { request.insert_header("accept", "application/json"); }
    } else {
        quote! {}
    };
    Ok(quote! {
        let mut path = String::new();
        #(#path_pushes)*
        #query_decl
        #url_decl
        let mut request = azure_core::http::Request::new(url, azure_core::http::Method::#http_method);
        #accept
        #(#header_sets)*
        #body_set
    })
}

/// The statement binding `endpoint` for a spec with a host template: the options' endpoint when
/// set, else the template filled in with the client's and the method's host parameters.
fn expand_host(ctx: &Context<'_>, method: &Method, host: &crate::ir::HostModel) -> Result<TokenStream> {
    let root = &ctx.api.clients.root;
    let at = &ctx.operation(method).location;
    let mut format = host.scheme_prefix.clone().unwrap_or_default().replace('{', "{{").replace('}', "}}");
    let mut values = Vec::new();
    for part in &host.parts {
        match part {
            crate::ir::HostPart::Text(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            crate::ir::HostPart::Variable(wire) => {
                format.push_str("{}");
                if let Some(field) = root.fields.iter().find(|f| &f.wire_name == wire) {
                    let name = ident(&field.field, &field.location)?;
                    values.push(if field.required || field.default.is_some() {
                        quote! { self.#name }
                    } else {
                        quote! { self.#name.as_deref().unwrap_or_default() }
                    });
                } else if let Some(ValueSource::Positional { name }) = method
                    .params
                    .iter()
                    .find(|p| p.location == ParamLocation::Host && &p.wire_name == wire)
                    .map(|p| &p.source)
                {
                    let name = ident(name, at)?;
                    values.push(quote! { #name });
                } else {
                    return Err(Error::invalid(at.clone(), format!("a value for the host template's `{{{wire}}}`")));
                }
            }
        }
    }
    Ok(quote! {
        let endpoint = match &self.endpoint {
            Some(endpoint) => endpoint.clone(),
            None => crate::request::host_url(format!(#format, #(#values),*))?,
        };
    })
}

/// The return type, body and `method_options` type of a method: its tail once `prelude` built
/// the request.
type Call = (TokenStream, TokenStream, TokenStream);

/// A long-running operation: a `Poller` over the crate's ARM polling.
fn expand_lro_call(
    ctx: &Context<'_>,
    op: &Operation,
    method: &Method,
    poller: &PollerModel,
    prelude: TokenStream,
    error_ty: &TokenStream,
) -> Result<Call> {
    let (output, format) = poller_output(ctx, op, poller)?;
    let final_state = format_ident!("{}", poller.final_state.name());
    let error_envelope = method.error.envelope;
    let codes = literals(&poller.initial_codes);
    let api_version = client_api_version(method);
    let operation_id = method.operation_id.as_str();
    let operation = quote! {
        crate::lro::Operation {
            pipeline: self.pipeline.clone(),
            request,
            success: &[#(#codes),*],
            final_state: crate::lro::FinalState::#final_state,
            error_envelope: #error_envelope,
            error: #error_ty,
            api_version: #api_version,
            operation_id: #operation_id,
        }
    };
    // Also pageable: wait for the list, then page through it.
    if let Some(pages) = &poller.pages {
        let page_ident = ident(&pages.list_type, &op.location)?;
        let next_link = next_link(pages);
        let body = quote! {
            #prelude
            crate::lro::pages::<crate::models::#page_ident>(#operation, options.method_options.into_owned(), #next_link).await
        };
        return Ok((
            quote! { -> azure_core::Result<azure_core::http::Pager<crate::models::#page_ident>> },
            body,
            quote! { azure_core::http::poller::PollerOptions<'a> },
        ));
    }
    let body = quote! {
        #prelude
        Ok(crate::lro::poller::<#output, #format>(#operation, options.method_options.into_owned()))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Poller<crate::lro::OperationStatus<#output, #format>>> },
        body,
        quote! { azure_core::http::poller::PollerOptions<'a> },
    ))
}

/// How the method makes its error of an unexpected response (`crate::error::ErrorMapper`): the
/// body decoded into the type the spec gives the status, else the method's error type.
fn error_mapper(ctx: &Context<'_>, op: &Operation, method: &Method) -> Result<TokenStream> {
    let at = op.location.join("responses");
    let decode = |ty: Option<&TypeRef>, at: &Location| -> Result<TokenStream> {
        let ty = match ty {
            Some(ty) => rust_type(ctx, ty, Scope::Crate, at)?,
            None => quote! { ::serde_json::Value },
        };
        Ok(quote! { crate::error::from_response::<#ty> })
    };
    let default = decode(method.error.ty.as_ref(), &at.join("default"))?;
    if method.error.by_status.is_empty() {
        return Ok(default);
    }
    let mut arms = Vec::new();
    for error in &method.error.by_status {
        let code = proc_macro2::Literal::u16_unsuffixed(error.status);
        let decode = decode(Some(&error.ty), &at.join(error.status))?;
        arms.push(quote! { #code => #decode(response), });
    }
    Ok(quote! {
        |response: azure_core::http::RawResponse| match u16::from(response.status()) {
            #(#arms)*
            _ => #default(response),
        }
    })
}

/// The error types of a method, for its docs: `ServiceError<T>` per status, then the rest.
fn errors_doc(ctx: &Context<'_>, method: &Method) -> String {
    let text = |ty: Option<&TypeRef>| match ty {
        Some(ty) => rust_text(&ctx.api.types, ty),
        None => "serde_json::Value".to_string(),
    };
    let link = |ty: String| format!("[`ServiceError<{ty}>`](crate::ServiceError)");
    let default = link(text(method.error.ty.as_ref()));
    if method.error.by_status.is_empty() {
        return format!(
            "A response with another status is an error whose {default} is reachable with [`service_error`](crate::service_error)."
        );
    }
    let mut lines = vec![
        "A response with another status is an error whose decoded body is reachable with [`service_error`](crate::service_error), as the type the spec gives its status:".to_string(),
        String::new(),
    ];
    for error in &method.error.by_status {
        lines.push(format!("* {}: {}", error.status, link(text(Some(&error.ty)))));
    }
    lines.push(format!("* any other: {default}"));
    lines.join("\n")
}

/// `Some(self.api_version.clone())` when the method sends the client's api-version (so the
/// requests that follow it do too), else `None`.
fn client_api_version(method: &Method) -> TokenStream {
    if method.client_api_version {
        quote! { Some(self.api_version.clone()) }
    } else {
        quote! { None }
    }
}

/// The `resume_*` counterpart of a long-running method: its poller rebuilt from a resume token.
fn expand_resume_method(ctx: &Context<'_>, op: &Operation, method: &Method, poller: &PollerModel) -> Result<TokenStream> {
    let (output, format) = poller_output(ctx, op, poller)?;
    let error_ty = error_mapper(ctx, op, method)?;
    let name = ident(&poller.resume_method, &op.location)?;
    let final_state = format_ident!("{}", poller.final_state.name());
    let error_envelope = method.error.envelope;
    let api_version = client_api_version(method);
    let operation_id = method.operation_id.as_str();
    let docs = [
        format!(" Resumes the poller of [`Self::{}`] from a resume token", method.name),
        " ([`OperationStatus::resume_token`](crate::lro::OperationStatus::resume_token)), in this process or".to_string(),
        " another: the operation's request is not sent again; polling goes on where the token stood.".to_string(),
        String::new(),
        " # Errors".to_string(),
        String::new(),
        format!(" When `token` is not a resume token of `{operation_id}`."),
    ];
    let deprecated = if op.deprecated { quote! { #[deprecated] } } else { quote! {} };
    let poller_options = super::tracing::resumed_poller_options(method);
    Ok(quote! {
        #(#[doc = #docs])*
        #deprecated
        pub fn #name(
            &self,
            token: &str,
            options: Option<azure_core::http::poller::PollerOptions<'_>>,
        ) -> azure_core::Result<azure_core::http::Poller<crate::lro::OperationStatus<#output, #format>>> {
            crate::lro::resume::<#output, #format>(
                crate::lro::Resumable {
                    pipeline: self.pipeline.clone(),
                    final_state: crate::lro::FinalState::#final_state,
                    error_envelope: #error_envelope,
                    error: #error_ty,
                    api_version: #api_version,
                    operation_id: #operation_id,
                },
                token,
                #poller_options,
            )
        }
    })
}

/// The property of a page that links to the next: this operation's `nextLinkName` (another
/// operation listing the same type may name another, or none).
fn next_link(pager: &PagerModel) -> TokenStream {
    match &pager.next_link {
        Some(link) => {
            let name = &link.wire_name;
            quote! { Some(#name) }
        }
        None => quote! { None },
    }
}

/// A pageable operation: a `Pager` over its list type.
fn expand_pager_call(
    op: &Operation,
    method: &Method,
    pager: &PagerModel,
    prelude: TokenStream,
    error_ty: &TokenStream,
) -> Result<Call> {
    let page_ident = ident(&pager.list_type, &op.location)?;
    let codes = literals(&pager.success_codes);
    let api_version = client_api_version(method);
    let next_link = next_link(pager);
    let next = match &pager.next_operation {
        Some(next) => expand_next_request(op, next)?,
        None => quote! { None },
    };
    let body = quote! {
        #prelude
        Ok(crate::request::pager::<crate::models::#page_ident>(
            self.pipeline.clone(),
            request,
            crate::request::Paging {
                api_version: #api_version,
                success: &[#(#codes),*],
                error: #error_ty,
                next_link: #next_link,
                next: #next,
            },
            options.method_options,
        ))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Pager<crate::models::#page_ident>> },
        body,
        quote! { azure_core::http::pager::PagerOptions<'a> },
    ))
}

/// The builder of next-page requests of a pager whose spec names an `operationName`: the next
/// method's request, from owned copies of the first call's arguments and the link.
fn expand_next_request(op: &Operation, next: &crate::ir::NextOperation) -> Result<TokenStream> {
    let request_fn = ident(&next.request_fn, &op.location)?;
    let mut captures = Vec::new();
    let mut args = Vec::new();
    for arg in &next.args {
        match arg {
            NextArg::Link => args.push(quote! { link }),
            NextArg::FromFirst { name, ty } => {
                let name = ident(name, &op.location)?;
                match crate::rust_types::argument_form(ty) {
                    crate::rust_types::ArgumentForm::Str => {
                        captures.push(quote! { let #name = #name.to_owned(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Bytes | crate::rust_types::ArgumentForm::Slice(_) => {
                        captures.push(quote! { let #name = #name.to_vec(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Json => {
                        captures.push(quote! { let #name = #name.clone(); });
                        args.push(quote! { &#name });
                    }
                    crate::rust_types::ArgumentForm::Owned => {
                        captures.push(quote! { let #name = #name.clone(); });
                        args.push(quote! { #name.clone() });
                    }
                }
            }
        }
    }
    // A next operation without a link parameter (a fixed path) ignores the link.
    let link = if next.args.iter().any(|a| matches!(a, NextArg::Link)) { quote! { link } } else { quote! { _link } };
    Ok(quote! {
        Some({
            let pager_client = self.clone();
            #(#captures)*
            ::std::sync::Arc::new(move |#link: &str| pager_client.#request_fn(#(#args,)* &Default::default()))
        })
    })
}

/// A plain method's response type (`Response<T>`, `Response<T, Format>`, `Response<Marker,
/// NoFormat>`, `AsyncResponse<..>` for a streamed body): what the method returns, and what its
/// headers trait is implemented for.
pub(crate) fn plain_response_type(ctx: &Context<'_>, op: &Operation, plain: &PlainModel) -> Result<TokenStream> {
    let marker = match plain.headers.as_ref().and_then(|h| h.marker.as_ref()) {
        Some(marker) => {
            let marker = ident(marker, &op.location)?;
            Some(quote! { crate::models::#marker })
        }
        None => None,
    };
    if plain.streamed {
        let marker = marker.unwrap_or_else(|| quote! { () });
        return Ok(quote! { azure_core::http::AsyncResponse<#marker> });
    }
    Ok(match (&plain.result, marker) {
        (Some(ty), _) => {
            let (ty, format) = result_type(ctx, op, ty)?;
            quote! { azure_core::http::Response<#ty #format> }
        }
        (None, Some(marker)) => quote! { azure_core::http::Response<#marker, azure_core::http::NoFormat> },
        (None, None) => quote! { azure_core::http::Response<(), azure_core::http::NoFormat> },
    })
}

/// A plain operation: one request, one `Response` (an `AsyncResponse` whose body streams, for
/// raw bytes).
fn expand_plain_call(ctx: &Context<'_>, op: &Operation, plain: &PlainModel, prelude: TokenStream, error_ty: &TokenStream) -> Result<Call> {
    let codes = literals(&plain.success_codes);
    let output = plain_response_type(ctx, op, plain)?;
    let send = if plain.streamed { quote! { send_stream } } else { quote! { send } };
    let body = quote! {
        #prelude
        let response = crate::request::#send(&self.pipeline, &options.method_options.context, &mut request, &[#(#codes),*], #error_ty).await?;
        Ok(response.into())
    };
    Ok((quote! { -> azure_core::Result<#output> }, body, quote! { azure_core::http::ClientMethodOptions<'a> }))
}

/// A `HEAD` that answers whether the resource exists.
fn expand_exists_call(exists: &ExistsModel, prelude: TokenStream, error_ty: &TokenStream) -> Call {
    let accepted: Vec<u16> = exists.true_codes.iter().chain(&exists.false_codes).copied().collect();
    let accepted = literals(&accepted);
    let absent = literals(&exists.false_codes);
    let send = quote! {
        crate::request::send(&self.pipeline, &options.method_options.context, &mut request, &[#(#accepted),*], #error_ty).await?
    };
    let body = if absent.is_empty() {
        quote! {
            #prelude
            #send;
            Ok(true)
        }
    } else {
        quote! {
            #prelude
            let response = #send;
            Ok(!matches!(u16::from(response.status()), #(#absent)|*))
        }
    };
    (quote! { -> azure_core::Result<bool> }, body, quote! { azure_core::http::ClientMethodOptions<'a> })
}

/// Statements appending the operation's path to `path`: literal text as written, each path
/// parameter as one encoded segment (unless `x-ms-skip-url-encoding`).
fn path_expr(ctx: &Context<'_>, op: &Operation, method: &Method) -> Result<Vec<TokenStream>> {
    let mut pushes = Vec::new();
    let mut rest = op.path.as_str();
    while let Some(start) = rest.find('{') {
        let literal = &rest[..start];
        pushes.extend(push_literal(literal));
        let after = &rest[start + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| Error::invalid(op.location.clone(), "a path template whose `{` are closed"))?;
        let name = &after[..end];
        let param = method
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.wire_name == name)
            .ok_or_else(|| {
                Error::new(
                    crate::error::ErrorKind::PathParameterNotInTemplate,
                    op.location.clone(),
                    format!("a path parameter named `{name}`"),
                )
            })?;
        let wire = param.wire_name.as_str();
        let at = &param.location_in_spec;
        let ty = ctx.resolve_alias(&param.ty);
        let stringy = matches!(ty, TypeRef::Primitive(p) if is_string_primitive(p));
        let string_enum = matches!(ty, TypeRef::Named(n) if matches!(ctx.api.types.get(n).map(|d| &d.kind), Some(TypeKind::Enum(e)) if e.base == Primitive::String));
        let string = match &param.source {
            ValueSource::Constant(s) => quote! { #s },
            ValueSource::ApiVersion => quote! { &self.api_version },
            // A list: its values joined as its collection format says, as one segment.
            _ if matches!(ty, TypeRef::Array(_)) => {
                let value = match &param.source {
                    ValueSource::Client { field, .. } => {
                        let name = ident(field, at)?;
                        quote! { self.#name }
                    }
                    ValueSource::Positional { name } => {
                        let name = ident(name, at)?;
                        quote! { #name }
                    }
                    _ => return Err(Error::invalid(at.clone(), "a required path parameter")),
                };
                match param_strings(ctx, param, value, true) {
                    Strings::One(joined) => quote! { &#joined },
                    Strings::Many(_) => {
                        return Err(Error::unsupported(at.clone(), "a path parameter with `collectionFormat: multi`"));
                    }
                }
            }
            ValueSource::Client { field, .. } => {
                let name = ident(field, at)?;
                if stringy {
                    quote! { &self.#name }
                } else if string_enum {
                    quote! { self.#name.as_str() }
                } else {
                    let s = to_param_string(ctx, ty, quote! { self.#name }, false);
                    quote! { &#s }
                }
            }
            ValueSource::Positional { name } => {
                let name = ident(name, at)?;
                if string_enum {
                    quote! { #name.as_str() }
                } else if stringy {
                    quote! { #name }
                } else {
                    let borrowed = !matches!(crate::rust_types::argument_form(&param.ty), crate::rust_types::ArgumentForm::Owned);
                    let s = to_param_string(ctx, ty, quote! { #name }, borrowed);
                    quote! { &#s }
                }
            }
            // Path parameters are required (`lower` makes them so): never an option.
            ValueSource::Optional { .. } => {
                return Err(Error::invalid(at.clone(), "a required path parameter"));
            }
        };
        pushes.push(if param.skip_url_encoding {
            quote! { crate::request::push_raw(&mut path, #string); }
        } else {
            quote! { path.push_str(&crate::request::path_segment(#wire, #string)?); }
        });
        rest = &after[end + 1..];
    }
    pushes.extend(push_literal(rest));
    Ok(pushes)
}

/// Appends literal path text (`push` for one character, as clippy wants).
fn push_literal(literal: &str) -> Option<TokenStream> {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => None,
        (Some(c), None) => Some(quote! { path.push(#c); }),
        _ => Some(quote! { path.push_str(#literal); }),
    }
}

/// A long-running operation's output type and its format, from its poller model.
pub(crate) fn poller_output(ctx: &Context<'_>, op: &Operation, poller: &PollerModel) -> Result<(TokenStream, TokenStream)> {
    match &poller.result {
        None => Ok((quote! { () }, quote! { azure_core::http::NoFormat })),
        Some(ty) => {
            let rust = rust_type(ctx, ty, Scope::Crate, &op.location)?;
            match body_codec(&ctx.api.types, ty) {
                Some(codec) => {
                    let codec = codec_tokens(&codec);
                    Ok((rust, quote! { crate::codec::Body<#codec> }))
                }
                None => Ok((rust, quote! { azure_core::http::JsonFormat })),
            }
        }
    }
}

/// A result body's Rust type, and `, Format` after it when azure_core's `JsonFormat` would not
/// read it as the spec says (see `rust_types::body_codec`).
fn result_type(ctx: &Context<'_>, op: &Operation, ty: &TypeRef) -> Result<(TokenStream, TokenStream)> {
    let rust = rust_type(ctx, ty, Scope::Crate, &op.location)?;
    Ok(match body_codec(&ctx.api.types, ty) {
        Some(codec) => {
            let codec = codec_tokens(&codec);
            (rust, quote! { , crate::codec::Body<#codec> })
        }
        None => (rust, quote! {}),
    })
}

/// A type in docs: a link to a model, else the type as code.
fn type_doc(ctx: &Context<'_>, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => format!("[`{name}`](crate::models::{name})"),
        other => format!("`{}`", rust_text(&ctx.api.types, other)),
    }
}

/// The `# Returns` section of a pageable or long-running method: what the `Pager` yields or
/// what awaiting the `Poller` gives, since the signature's generic types do not say it plainly.
fn returns_doc(ctx: &Context<'_>, method: &Method) -> Option<String> {
    match &method.kind {
        MethodKind::Poller(PollerModel { pages: Some(pages), .. }) => {
            let item = type_doc(ctx, &pages.item_type);
            let name = &pages.list_type;
            Some(format!(
                "Waits for the long-running operation to end (polling as the `lro` module says, with the \
                 frequency of the options' `method_options`), then a [`Pager`](azure_core::http::Pager) of {item} \
                 items across every page of the list it resolved to, each page a \
                 `Response<`[`{name}`](crate::models::{name})`>`; the first page is the operation's result."
            ))
        }
        MethodKind::Poller(poller) => {
            let output = match &poller.result {
                Some(ty) => rust_text(&ctx.api.types, ty),
                None => "()".to_string(),
            };
            Some(format!(
                "A [`Poller`](azure_core::http::Poller), which sends nothing until it is awaited or polled. \
                 `.await` it for the final `Response<{output}>`; or stream it (`futures::TryStreamExt::try_next`) \
                 for each [`OperationStatus`](crate::lro::OperationStatus), stopping at \
                 [`PollerStatus::Succeeded`](crate::lro::PollerStatus::Succeeded) before awaiting it."
            ))
        }
        MethodKind::Pager(pager) => {
            let item = type_doc(ctx, &pager.item_type);
            let name = &pager.list_type;
            Some(format!(
                "A [`Pager`](azure_core::http::Pager) of {item} items across every page (a `futures` stream: \
                 `try_next`, `try_collect` from `futures::TryStreamExt`); `into_pages()` gives the pages, each a \
                 `Response<`[`{name}`](crate::models::{name})`>`. Nothing is sent until it is polled."
            ))
        }
        MethodKind::Plain(plain) => {
            let mut text = Vec::new();
            if plain.streamed {
                text.push(
                    "An `AsyncResponse` whose body streams the bytes as they arrive: `into_body()` is an \
                     `AsyncResponseBody`, a stream of byte chunks (`futures::TryStreamExt`), or `collect()` \
                     them all."
                        .to_string(),
                );
            }
            // Successes that differ in having a body: the model may be absent.
            if !plain.bodiless_codes.is_empty() {
                let empty: Vec<String> = plain.bodiless_codes.iter().map(u16::to_string).collect();
                text.push(format!(
                    "The response; a {} answer has no body, which `into_model()` reads as `None`.",
                    empty.join(" or ")
                ));
            }
            if let Some(headers) = &plain.headers {
                let names: Vec<String> = headers.accessors.iter().map(|a| format!("`{}`", a.wire_name)).collect();
                text.push(format!(
                    "Its headers {} are typed by [`{trait_name}`](crate::models::{trait_name}) (bring the trait into scope).",
                    names.join(", "),
                    trait_name = headers.trait_name
                ));
            }
            (!text.is_empty()).then(|| text.join(" "))
        }
        MethodKind::Exists(exists) => {
            let codes = |codes: &[u16]| codes.iter().map(u16::to_string).collect::<Vec<_>>().join(" or ");
            Some(if exists.false_codes.is_empty() {
                format!("`true` when the service answers {}.", codes(&exists.true_codes))
            } else {
                format!(
                    "`true` when the service answers {} (it exists), `false` when it answers {} (it does not).",
                    codes(&exists.true_codes),
                    codes(&exists.false_codes)
                )
            })
        }
    }
}

/// A method's docs: summary, description, arguments, what it returns when the signature does
/// not say it plainly, and how errors come back.
fn method_docs(op: &Operation, args: &[(String, Option<String>)], returns: Option<&str>, errors: &str) -> TokenStream {
    let mut text = String::new();
    let summary = op.summary.as_deref().and_then(super::doc_text);
    let description = op.description.as_deref().and_then(super::doc_text);
    // Specs often repeat the summary as the description, give or take a final period.
    let same = |s: &str, d: &str| s.trim_end_matches('.').trim() == d.trim_end_matches('.').trim();
    match (&summary, &description) {
        (Some(s), Some(d)) if same(s, d) => text.push_str(d),
        (Some(s), Some(d)) => text.push_str(&format!("{s}\n\n{d}")),
        (Some(s), None) => text.push_str(s),
        (None, Some(d)) => text.push_str(d),
        (None, None) => text.push_str(&format!("The `{}` operation.", op.id)),
    }
    if !args.is_empty() {
        text.push_str("\n\n# Arguments\n");
        for (name, description) in args {
            let d = description
                .as_deref()
                .and_then(super::doc_text)
                .map(|d| d.replace('\n', " "))
                .unwrap_or_else(|| format!("The `{name}` parameter."));
            text.push_str(&format!("\n* `{name}` - {d}"));
        }
    }
    if let Some(returns) = returns {
        text.push_str(&format!("\n\n# Returns\n\n{returns}"));
    }
    text.push_str(&format!("\n\n# Errors\n\n{errors}"));
    let lines = text.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }).collect::<Vec<_>>();
    quote! { #( #[doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::HttpMethod;

    fn op(summary: Option<&str>, description: Option<&str>) -> Operation {
        let mut op = crate::ir::testing::operation("Things_Get", HttpMethod::Get, "/things");
        op.summary = summary.map(String::from);
        op.description = description.map(String::from);
        op
    }

    fn first_paragraph(op: &Operation) -> String {
        let docs = method_docs(op, &[], None, "Errors.").to_string();
        let mut lines = Vec::new();
        for part in docs.split("# [doc = \"").skip(1) {
            let line = part.split("\"]").next().unwrap_or_default().trim().to_string();
            if line.is_empty() {
                break;
            }
            lines.push(line);
        }
        lines.join("|")
    }

    #[test]
    fn a_description_repeating_the_summary_is_written_once() {
        assert_eq!(first_paragraph(&op(Some("Get a thing"), Some("Get a thing."))), "Get a thing.");
        assert_eq!(first_paragraph(&op(Some("Get a thing"), Some("Get a thing, or none."))), "Get a thing");
        assert_eq!(first_paragraph(&op(None, Some("Get a thing."))), "Get a thing.");
        assert_eq!(first_paragraph(&op(None, None)), "The `Things_Get` operation.");
    }
}
