//! `src/clients/<client>.rs`: one method per operation, with its options struct.
//!
//! Required parameters are positional (`&str` for strings), the JSON body is a
//! `RequestContent<T>`, optional parameters live in `<Client><Method>Options<'a>` next to
//! `method_options`. A plain operation returns `Response<T>` (`Response<(), NoFormat>` when it
//! has no body); an `x-ms-pageable` one a `Pager` over its list type; an
//! `x-ms-long-running-operation` one a `Poller` (see the crate's `lro` module).

use heck::ToPascalCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::client::expand_client_struct;
use super::types::{field_is_plain, is_string_primitive, rust_type, to_param_string, Scope};
use super::{doc_attrs, ident, ClientDef, Context};
use crate::error::{Error, Location, Result};
use crate::ir::{
    BodyKind, CollectionFormat, FinalStateVia, HttpMethod, Operation, Pageable, ParamLocation, Parameter, Primitive,
    TypeKind, TypeRef,
};

/// A pageable operation's list type, as the `Page` impl and the pager need it.
pub(crate) struct PageInfo {
    /// The list type's Rust name.
    pub type_name: String,
    /// The Rust name of its items field.
    pub items_field: String,
    /// The items' type.
    pub item_type: TypeRef,
    /// Whether the items field is an `Option`.
    pub items_optional: bool,
    /// The next-link field: its Rust name and whether it is an `Option`.
    pub next_link: Option<(String, bool)>,
}

/// Finds the list type of a pageable operation and its item and next-link fields.
pub(crate) fn page_type(ctx: &Context<'_>, operation: &Operation, pageable: &Pageable) -> Result<PageInfo> {
    let at = operation.location.join("x-ms-pageable");
    let Some(TypeRef::Named(type_name)) = success_type(operation) else {
        return Err(Error::unsupported(at, "a pageable operation whose success response is not a named object type"));
    };
    let def = ctx.type_def(&type_name, &at)?;
    let TypeKind::Object(object) = &def.kind else {
        return Err(Error::unsupported(at, format!("a pageable operation whose list type `{type_name}` is not an object")));
    };
    let items = object.fields.iter().find(|f| f.wire_name == pageable.item_name).ok_or_else(|| {
        Error::invalid(at.clone(), format!("list type `{type_name}` to have the item field `{}`", pageable.item_name))
    })?;
    let TypeRef::Array(item_type) = &items.ty else {
        return Err(Error::invalid(at, format!("the item field `{}` of `{type_name}` to be an array", pageable.item_name)));
    };
    let next_link = match &pageable.next_link_name {
        Some(name) => {
            let field = object.fields.iter().find(|f| &f.wire_name == name).ok_or_else(|| {
                Error::invalid(at.clone(), format!("list type `{type_name}` to have the next-link field `{name}`"))
            })?;
            if !matches!(field.ty, TypeRef::Primitive(_)) {
                return Err(Error::invalid(at, format!("the next-link field `{name}` of `{type_name}` to be a string")));
            }
            Some((field.rust_name.clone(), !field_is_plain(field)))
        }
        None => None,
    };
    Ok(PageInfo {
        type_name,
        items_field: items.rust_name.clone(),
        item_type: (**item_type).clone(),
        items_optional: !field_is_plain(items),
        next_link,
    })
}

/// The body type of the success responses: the one type they share, `Any` when they disagree,
/// `None` when none has a body.
fn success_type(operation: &Operation) -> Option<TypeRef> {
    let mut types = operation.responses.iter().filter(|r| !r.is_error).filter_map(|r| r.ty.clone());
    let first = types.next()?;
    if types.all(|t| t == first) { Some(first) } else { Some(TypeRef::Any) }
}

/// Status codes as unsuffixed literals (`200`, not `200u16`).
fn literals(codes: &[u16]) -> Vec<proc_macro2::Literal> {
    codes.iter().map(|&c| proc_macro2::Literal::u16_unsuffixed(c)).collect()
}

/// The status codes that mean success.
fn success_codes(operation: &Operation) -> Vec<u16> {
    operation
        .responses
        .iter()
        .filter(|r| !r.is_error)
        .filter_map(|r| match r.status {
            crate::ir::StatusCode::Code(c) => Some(c),
            crate::ir::StatusCode::Default => None,
        })
        .collect()
}

/// `<Client><Method>Options`.
fn options_name(client: &ClientDef<'_>, method: &str) -> Ident {
    format_ident!("{}{}Options", client.name, method.to_pascal_case())
}

/// The file of one client: its struct (and, for the root, its constructor and options), its
/// methods, and their options structs.
pub(crate) fn expand_client_file(ctx: &Context<'_>, client: &ClientDef<'_>) -> Result<TokenStream> {
    let header = expand_client_struct(ctx, client)?;
    let name = ident(&client.name, &Location::file("info/title"))?;
    let mut methods = Vec::new();
    let mut options = Vec::new();
    for (method, operation) in &client.operations {
        let (m, o) = expand_operation(ctx, client, method, operation)?;
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

/// A parameter as the method sees it: where its value comes from.
struct ParamUse<'a> {
    param: &'a Parameter,
    /// The expression of the value (a reference for strings, a value otherwise); `None` when it
    /// is optional and read from `options`.
    source: Source,
}

enum Source {
    /// A constant of the spec, as its string form.
    Constant(String),
    /// The client's api-version.
    ApiVersion,
    /// A field of the client.
    Client(Ident, bool),
    /// A positional argument.
    Arg(Ident),
    /// An optional field of the options struct.
    Option(Ident),
}

/// Names the method body uses for its own variables: an argument with one of them gets a
/// trailing `_`, the way `names` escapes keywords.
const LOCALS: &[&str] = &[
    "options", "path", "query", "url", "request", "response", "pipeline", "api_version", "first_request",
    "pager_options", "v", "value",
];

/// An argument's identifier, clear of the method body's own variables.
fn arg_ident(name: &str, at: &Location) -> Result<Ident> {
    if LOCALS.contains(&name) { ident(&format!("{name}_"), at) } else { ident(name, at) }
}

/// The parameter type at the method's surface: borrowed for strings, slices and JSON.
fn arg_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
    Ok(match ty {
        TypeRef::Primitive(p) if is_string_primitive(p) => quote! { &str },
        TypeRef::Primitive(Primitive::Bytes) => quote! { &[u8] },
        TypeRef::Array(item) => {
            let item = owned_param_type(ctx, item, at)?;
            quote! { &[#item] }
        }
        TypeRef::Any => quote! { &::serde_json::Value },
        other => owned_param_type(ctx, other, at)?,
    })
}

/// The owned type of a parameter (options fields, array items).
fn owned_param_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
    match ty {
        TypeRef::Named(name) => match &ctx.type_def(name, at)?.kind {
            TypeKind::Enum(_) => rust_type(ctx, ty, Scope::Crate, at),
            TypeKind::Alias(target) => owned_param_type(ctx, target, at),
            TypeKind::Object(_) => Err(Error::unsupported(at.clone(), "an object as a path, query or header parameter")),
        },
        TypeRef::Map(_) => Err(Error::unsupported(at.clone(), "a map as a path, query or header parameter")),
        TypeRef::Array(item) if matches!(**item, TypeRef::Array(_)) => {
            Err(Error::unsupported(at.clone(), "a nested array as a path, query or header parameter"))
        }
        other => rust_type(ctx, other, Scope::Crate, at),
    }
}

/// The wire value of a parameter held in `value` (`by_ref`: `value` is a reference): one
/// `String`, or for `multi` arrays a `Vec<String>` (one per occurrence).
enum Strings {
    One(TokenStream),
    Many(TokenStream),
}

fn param_strings(ctx: &Context<'_>, param: &Parameter, value: TokenStream, by_ref: bool) -> Strings {
    match ctx.resolve_alias(&param.ty) {
        TypeRef::Array(item) => {
            let item = ctx.resolve_alias(item);
            let each = to_param_string(item, quote! { v }, true);
            match param.collection_format.unwrap_or(CollectionFormat::Csv).separator() {
                Some(sep) => Strings::One(quote! { #value.iter().map(|v| #each).collect::<Vec<String>>().join(#sep) }),
                None => Strings::Many(quote! { #value.iter().map(|v| #each).collect::<Vec<String>>() }),
            }
        }
        TypeRef::Any => Strings::One(quote! { #value.to_string() }),
        ty => Strings::One(to_param_string(ty, value, by_ref)),
    }
}

/// A method's surface: where each parameter's value comes from, the positional arguments (with
/// their docs) and the fields of its options struct.
#[derive(Default)]
struct Surface<'a> {
    uses: Vec<ParamUse<'a>>,
    args: Vec<TokenStream>,
    arg_docs: Vec<(String, Option<String>)>,
    option_fields: Vec<TokenStream>,
}

/// One method and its options struct.
fn expand_operation(ctx: &Context<'_>, client: &ClientDef<'_>, method: &str, op: &Operation) -> Result<(TokenStream, TokenStream)> {
    let at = &op.location;
    let method_ident = ident(method, at)?;
    let options_ident = options_name(client, method);
    let mut surface = expand_params(ctx, op)?;
    let body_set = expand_body(ctx, op, &mut surface)?;
    let error_ty = match &op.error {
        Some(ty) => rust_type(ctx, ty, Scope::Crate, &at.join("responses").join("default"))?,
        None => quote! { ::serde_json::Value },
    };
    let build_request = expand_request(ctx, op, &surface, body_set)?;
    let needs_mut_options = op.body.as_ref().is_some_and(|b| !b.required && b.kind != BodyKind::Form);
    let options_binding = if needs_mut_options {
        quote! { let mut options = options.unwrap_or_default(); }
    } else {
        quote! { let options = options.unwrap_or_default(); }
    };
    let prelude = quote! { #options_binding #build_request };
    let (signature_tail, body, method_options_ty) = if let Some(lro) = &op.long_running {
        expand_lro_call(ctx, op, lro, prelude, &error_ty)?
    } else if let Some(pageable) = &op.pageable {
        expand_pager_call(ctx, op, pageable, &surface, prelude, &error_ty)?
    } else {
        expand_plain_call(ctx, op, prelude, &error_ty)?
    };
    let returns = returns_doc(ctx, op)?;
    let docs = method_docs(op, &surface.arg_docs, returns.as_deref(), &error_ty);
    let asyncness = if op.long_running.is_none() && op.pageable.is_none() { quote! { async } } else { quote! {} };
    let deprecated = if op.deprecated { quote! { #[deprecated] } } else { quote! {} };
    // Clippy counts `&self` and `options` too: more than 7 in all is too many for it.
    let too_many = if surface.args.len() + 2 > 7 { quote! { #[allow(clippy::too_many_arguments)] } } else { quote! {} };
    let args = &surface.args;
    let method_tokens = quote! {
        #docs
        #deprecated
        #too_many
        pub #asyncness fn #method_ident(&self, #(#args,)* options: Option<#options_ident<'_>>) #signature_tail {
            #body
        }
    };
    let options_doc = format!(" Optional parameters of [`{}::{}`].", client.name, method);
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

/// Where each non-body parameter's value comes from: a constant, the client, a positional
/// argument (required) or the options struct (optional).
fn expand_params<'a>(ctx: &Context<'_>, op: &'a Operation) -> Result<Surface<'a>> {
    let mut surface = Surface::default();
    for param in &op.parameters {
        let p_at = &param.location_in_spec;
        if param.location == ParamLocation::Cookie {
            return Err(Error::unsupported(p_at.clone(), "a cookie parameter"));
        }
        let name = ident(&param.rust_name, p_at)?;
        let arg_name = arg_ident(&param.rust_name, p_at)?;
        let source = if let Some(constant) = &param.constant {
            Source::Constant(match constant {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
        } else if param.client_level && param.name.eq_ignore_ascii_case("api-version") {
            Source::ApiVersion
        } else if param.client_level {
            let required = ctx.api.client_parameters.iter().find(|c| c.name == param.name).map(|c| c.required).unwrap_or(param.required);
            Source::Client(name, required)
        } else if param.required || param.location == ParamLocation::Path {
            let ty = arg_type(ctx, &param.ty, p_at)?;
            surface.args.push(quote! { #arg_name: #ty });
            surface.arg_docs.push((arg_name.to_string(), param.description.clone()));
            Source::Arg(arg_name)
        } else {
            let ty = owned_param_type(ctx, &param.ty, p_at)?;
            let doc = doc_attrs(param.description.as_deref(), &format!("The `{}` parameter.", param.name));
            surface.option_fields.push(quote! { #doc pub #name: Option<#ty>, });
            Source::Option(name)
        };
        surface.uses.push(ParamUse { param, source });
    }
    Ok(surface)
}

/// The body: a positional argument (required) or an options field (optional), and the statements
/// that set it on `request`.
fn expand_body(ctx: &Context<'_>, op: &Operation, surface: &mut Surface<'_>) -> Result<TokenStream> {
    let Some(body) = &op.body else { return Ok(quote! {}) };
    let b_at = op.location.join("requestBody");
    let content_type = &body.content_type;
    let ty = match body.kind {
        BodyKind::Json => rust_type(ctx, &body.ty, Scope::Crate, &b_at)?,
        // Raw bytes: the caller builds the content (`RequestContent::from(Vec<u8>)`).
        BodyKind::Binary => quote! { azure_core::Bytes, azure_core::http::NoFormat },
        BodyKind::Form => {
            // Form fields are encoded by the method, from a model whose fields are the form's.
            let ty = rust_type(ctx, &body.ty, Scope::Crate, &b_at)?;
            if body.required {
                let name = arg_ident(&body.rust_name, &b_at)?;
                surface.args.push(quote! { #name: &#ty });
                surface.arg_docs.push((name.to_string(), body.description.clone()));
                return Ok(quote! {
                    request.insert_header("content-type", #content_type);
                    request.set_body(crate::request::form_body(#name)?);
                });
            }
            let field = ident(&body.rust_name, &b_at)?;
            let doc = doc_attrs(body.description.as_deref(), "The form fields.");
            surface.option_fields.push(quote! { #doc pub #field: Option<#ty>, });
            return Ok(quote! {
                if let Some(form) = &options.#field {
                    request.insert_header("content-type", #content_type);
                    request.set_body(crate::request::form_body(form)?);
                }
            });
        }
        BodyKind::Multipart => {
            return Err(Error::unsupported(b_at, "a multipart/form-data request body (JSON, form and binary bodies are supported)"));
        }
    };
    if body.required {
        let name = arg_ident(&body.rust_name, &b_at)?;
        surface.args.push(quote! { #name: azure_core::http::RequestContent<#ty> });
        surface.arg_docs.push((name.to_string(), body.description.clone()));
        Ok(quote! {
            request.insert_header("content-type", #content_type);
            request.set_body(#name);
        })
    } else {
        let name = ident(&body.rust_name, &b_at)?;
        let doc = doc_attrs(body.description.as_deref(), "The request body.");
        surface.option_fields.push(quote! { #doc pub #name: Option<azure_core::http::RequestContent<#ty>>, });
        Ok(quote! {
            if let Some(body) = options.#name.take() {
                request.insert_header("content-type", #content_type);
                request.set_body(body);
            }
        })
    }
}

/// The statements that build `request`: path, query, method, headers, body.
fn expand_request(ctx: &Context<'_>, op: &Operation, surface: &Surface<'_>, body_set: TokenStream) -> Result<TokenStream> {
    let path_pushes = path_expr(ctx, op, &surface.uses)?;
    let mut query_required = Vec::new();
    let mut query_many = Vec::new();
    let mut query_optional = Vec::new();
    let mut header_sets = Vec::new();
    for u in &surface.uses {
        let wire = u.param.name.as_str();
        let (values, optional_ident) = match &u.source {
            Source::Constant(s) => (Strings::One(quote! { #s.to_string() }), None),
            Source::ApiVersion => (Strings::One(quote! { self.api_version.clone() }), None),
            Source::Client(name, true) => (param_strings(ctx, u.param, quote! { self.#name }, false), None),
            Source::Client(name, false) => (param_strings(ctx, u.param, quote! { v }, true), Some(quote! { &self.#name })),
            Source::Arg(name) => (param_strings(ctx, u.param, quote! { #name }, false), None),
            Source::Option(name) => (param_strings(ctx, u.param, quote! { v }, true), Some(quote! { &options.#name })),
        };
        match u.param.location {
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
            ParamLocation::Path | ParamLocation::Cookie => {}
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
    let http_method = match op.method {
        HttpMethod::Get => quote! { Get },
        HttpMethod::Put => quote! { Put },
        HttpMethod::Post => quote! { Post },
        HttpMethod::Delete => quote! { Delete },
        HttpMethod::Patch => quote! { Patch },
        HttpMethod::Head => quote! { Head },
        other => return Err(Error::unsupported(op.location.clone(), format!("the HTTP method {other:?}"))),
    };
    let accept = if op.produces.iter().any(|p| p.contains("json")) || op.produces.is_empty() {
        quote! { request.insert_header("accept", "application/json"); }
    } else {
        quote! {}
    };
    Ok(quote! {
        let mut path = String::new();
        #(#path_pushes)*
        #query_decl
        let url = crate::request::url(&self.endpoint, &path, &query);
        let mut request = azure_core::http::Request::new(url, azure_core::http::Method::#http_method);
        #accept
        #(#header_sets)*
        #body_set
    })
}

/// The return type, body and `method_options` type of a method: its tail once `prelude` built
/// the request.
type Call = (TokenStream, TokenStream, TokenStream);

/// A long-running operation: a `Poller` over the crate's ARM polling.
fn expand_lro_call(ctx: &Context<'_>, op: &Operation, lro: &crate::ir::LongRunning, prelude: TokenStream, error_ty: &TokenStream) -> Result<Call> {
    let (output, format, final_state) = lro_output(ctx, op, lro)?;
    let error_envelope = error_is_envelope(ctx, op);
    // ARM answers a long-running request with any of these, whatever the spec lists.
    let mut codes = success_codes(op);
    for c in [200u16, 201, 202, 204] {
        if !codes.contains(&c) {
            codes.push(c);
        }
    }
    codes.sort_unstable();
    let codes = literals(&codes);
    let body = quote! {
        #prelude
        Ok(crate::lro::poller::<#output, #format, #error_ty>(
            crate::lro::Operation {
                pipeline: self.pipeline.clone(),
                request,
                success: &[#(#codes),*],
                final_state: crate::lro::FinalState::#final_state,
                error_envelope: #error_envelope,
            },
            options.method_options.into_owned(),
        ))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Poller<crate::lro::OperationStatus<#output, #format>>> },
        body,
        quote! { azure_core::http::poller::PollerOptions<'a> },
    ))
}

/// A pageable operation: a `Pager` over its list type.
fn expand_pager_call(
    ctx: &Context<'_>,
    op: &Operation,
    pageable: &Pageable,
    surface: &Surface<'_>,
    prelude: TokenStream,
    error_ty: &TokenStream,
) -> Result<Call> {
    let page = page_type(ctx, op, pageable)?;
    let page_ident = ident(&page.type_name, &op.location)?;
    let codes = literals(&success_codes(op));
    let has_api_version = surface.uses.iter().any(|u| matches!(u.source, Source::ApiVersion));
    let api_version = if has_api_version { quote! { Some(self.api_version.clone()) } } else { quote! { None } };
    // This operation's `nextLinkName`: another operation listing the same type may name
    // another field, or none.
    let link_of = match &page.next_link {
        Some((field, optional)) => {
            let field = ident(field, &op.location)?;
            if *optional {
                quote! { |page| page.#field.as_deref() }
            } else {
                quote! { |page| Some(page.#field.as_str()) }
            }
        }
        None => quote! { |_| None },
    };
    let body = quote! {
        #prelude
        Ok(crate::request::pager::<crate::models::#page_ident, #error_ty>(
            self.pipeline.clone(),
            request,
            #api_version,
            &[#(#codes),*],
            #link_of,
            options.method_options,
        ))
    };
    Ok((
        quote! { -> azure_core::Result<azure_core::http::Pager<crate::models::#page_ident>> },
        body,
        quote! { azure_core::http::pager::PagerOptions<'a> },
    ))
}

/// A plain operation: one request, one `Response`.
fn expand_plain_call(ctx: &Context<'_>, op: &Operation, prelude: TokenStream, error_ty: &TokenStream) -> Result<Call> {
    let codes = literals(&success_codes(op));
    let output = match success_type(op) {
        Some(ty) => {
            let ty = rust_type(ctx, &ty, Scope::Crate, &op.location)?;
            quote! { azure_core::http::Response<#ty> }
        }
        None => quote! { azure_core::http::Response<(), azure_core::http::NoFormat> },
    };
    let body = quote! {
        #prelude
        let response = crate::request::send::<#error_ty>(&self.pipeline, &options.method_options.context, &mut request, &[#(#codes),*]).await?;
        Ok(response.into())
    };
    Ok((quote! { -> azure_core::Result<#output> }, body, quote! { azure_core::http::ClientMethodOptions<'a> }))
}

/// Statements appending the operation's path to `path`: literal text as written, each path
/// parameter as one encoded segment (unless `x-ms-skip-url-encoding`).
fn path_expr(ctx: &Context<'_>, op: &Operation, uses: &[ParamUse<'_>]) -> Result<Vec<TokenStream>> {
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
        let u = uses
            .iter()
            .find(|u| u.param.location == ParamLocation::Path && u.param.name == name)
            .ok_or_else(|| {
                Error::new(
                    crate::error::ErrorKind::PathParameterNotInTemplate,
                    op.location.clone(),
                    format!("a path parameter named `{name}`"),
                )
            })?;
        let wire = u.param.name.as_str();
        let ty = ctx.resolve_alias(&u.param.ty);
        let stringy = matches!(ty, TypeRef::Primitive(p) if is_string_primitive(p));
        let string_enum = matches!(ty, TypeRef::Named(n) if matches!(ctx.api.types.get(n).map(|d| &d.kind), Some(TypeKind::Enum(e)) if e.base == Primitive::String));
        let string = match &u.source {
            Source::Constant(s) => quote! { #s },
            Source::ApiVersion => quote! { &self.api_version },
            Source::Client(name, _) if stringy => quote! { &self.#name },
            Source::Client(name, _) if string_enum => quote! { self.#name.as_str() },
            Source::Arg(name) if string_enum => quote! { #name.as_str() },
            Source::Client(name, _) => {
                let s = to_param_string(ty, quote! { self.#name }, false);
                quote! { &#s }
            }
            Source::Arg(name) if stringy => quote! { #name },
            Source::Arg(name) => {
                let s = to_param_string(ty, quote! { #name }, false);
                quote! { &#s }
            }
            Source::Option(_) => {
                return Err(Error::unsupported(u.param.location_in_spec.clone(), "an optional path parameter"));
            }
        };
        pushes.push(if u.param.skip_url_encoding {
            quote! { path.push_str(#string); }
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

/// Whether the operation's error type wraps the error in an `error` field (common-types
/// `ErrorResponse`) rather than being the error itself (IoT Hub's `ErrorDetails`). An untyped
/// error keeps the ARM envelope.
fn error_is_envelope(ctx: &Context<'_>, op: &Operation) -> bool {
    match op.error.as_ref().map(|t| ctx.resolve_alias(t)) {
        Some(TypeRef::Named(name)) => match ctx.api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Object(o)) => o.fields.iter().any(|f| f.wire_name == "error"),
            _ => true,
        },
        _ => true,
    }
}

/// A long-running operation's output type, its format, and where its final result is read.
pub(crate) fn lro_output(ctx: &Context<'_>, op: &Operation, lro: &crate::ir::LongRunning) -> Result<(TokenStream, TokenStream, Ident)> {
    let unit = (quote! { () }, quote! { azure_core::http::NoFormat }, format_ident!("None"));
    if op.method == HttpMethod::Delete {
        return Ok(unit);
    }
    let ty = lro.final_state_schema.clone().or_else(|| {
        let ok = |code| op.responses.iter().find(|r| r.status == crate::ir::StatusCode::Code(code)).and_then(|r| r.ty.clone());
        ok(200).or_else(|| ok(201)).or_else(|| success_type(op))
    });
    let Some(ty) = ty else { return Ok(unit) };
    let output = rust_type(ctx, &ty, Scope::Crate, &op.location)?;
    let final_state = match (lro.final_state_via, op.method) {
        (Some(FinalStateVia::OriginalUri), _) => "OriginalUri",
        (Some(FinalStateVia::Location), _) => "Location",
        (Some(FinalStateVia::AzureAsyncOperation | FinalStateVia::OperationLocation), _) => "AsyncOperation",
        (None, HttpMethod::Put | HttpMethod::Patch) => "OriginalUri",
        (None, _) => "Location",
    };
    Ok((output, quote! { azure_core::http::JsonFormat }, format_ident!("{}", final_state)))
}

/// A type in docs: a link to a model, else the type as code.
fn type_doc(ctx: &Context<'_>, ty: &TypeRef, at: &crate::error::Location) -> Result<String> {
    Ok(match ty {
        TypeRef::Named(name) => format!("[`{name}`](crate::models::{name})"),
        other => format!("`{}`", rust_type(ctx, other, Scope::Crate, at)?.to_string().replace(' ', "")),
    })
}

/// The `# Returns` section of a pageable or long-running method: what the `Pager` yields or
/// what awaiting the `Poller` gives, since the signature's generic types do not say it plainly.
fn returns_doc(ctx: &Context<'_>, op: &Operation) -> Result<Option<String>> {
    if let Some(lro) = &op.long_running {
        let (output, _, _) = lro_output(ctx, op, lro)?;
        let output = output.to_string().replace(' ', "").replace("crate::models::", "");
        return Ok(Some(format!(
            "A [`Poller`](azure_core::http::Poller), which sends nothing until it is awaited or polled. \
             `.await` it for the final `Response<{output}>`; or stream it (`futures::TryStreamExt::try_next`) \
             for each [`OperationStatus`](crate::lro::OperationStatus), stopping at \
             [`PollerStatus::Succeeded`](crate::lro::PollerStatus::Succeeded) before awaiting it."
        )));
    }
    if let Some(pageable) = &op.pageable {
        let page = page_type(ctx, op, pageable)?;
        let item = type_doc(ctx, &page.item_type, &op.location)?;
        let name = &page.type_name;
        return Ok(Some(format!(
            "A [`Pager`](azure_core::http::Pager) of {item} items across every page (a `futures` stream: \
             `try_next`, `try_collect` from `futures::TryStreamExt`); `into_pages()` gives the pages, each a \
             `Response<`[`{name}`](crate::models::{name})`>`. Nothing is sent until it is polled."
        )));
    }
    // A plain operation whose successes differ in having a body: the model may be absent.
    let success: Vec<_> = op.responses.iter().filter(|r| !r.is_error).collect();
    let empty: Vec<String> = success
        .iter()
        .filter(|r| r.ty.is_none())
        .filter_map(|r| match r.status {
            crate::ir::StatusCode::Code(code) => Some(code.to_string()),
            crate::ir::StatusCode::Default => None,
        })
        .collect();
    if success.iter().any(|r| r.ty.is_some()) && !empty.is_empty() {
        return Ok(Some(format!(
            "The response; a {} answer has no body, so check `status()` before `into_model()`, which \
             fails on an empty body.",
            empty.join(" or ")
        )));
    }
    Ok(None)
}

/// A method's docs: summary, description, arguments, what it returns when the signature does
/// not say it plainly, and how errors come back.
fn method_docs(op: &Operation, args: &[(String, Option<String>)], returns: Option<&str>, error_ty: &TokenStream) -> TokenStream {
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
    let error = error_ty.to_string().replace(' ', "");
    text.push_str(&format!(
        "\n\n# Errors\n\nA response with another status is an error whose [`ServiceError<{}>`](crate::ServiceError) is reachable with [`service_error`](crate::service_error).",
        error.trim_start_matches("crate::models::")
    ));
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
        let docs = method_docs(op, &[], None, &quote! { crate::models::ErrorDetails }).to_string();
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
