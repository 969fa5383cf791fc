//! The request a method builds: its positional arguments and options fields, the path, query,
//! headers and body, and a parameterized host.

use super::*;

/// The parameter type at the method's surface: borrowed for strings, slices and JSON.
pub(super) fn arg_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
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
pub(super) fn owned_param_type(ctx: &Context<'_>, ty: &TypeRef, at: &Location) -> Result<TokenStream> {
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
pub(super) enum Strings {
    One(TokenStream),
    Many(TokenStream),
}

pub(super) fn param_strings(ctx: &Context<'_>, param: &MethodParam, value: TokenStream, by_ref: bool) -> Strings {
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

/// The positional arguments and options fields of the non-body parameters.
pub(super) fn expand_params(ctx: &Context<'_>, method: &Method) -> Result<Surface> {
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
pub(super) fn expand_body(ctx: &Context<'_>, op: &Operation, method: &Method, surface: &mut Surface) -> Result<TokenStream> {
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
    // A JSON (or binary) body: the argument's type, and the body the method sends for a value of it.
    let json_form = match body.kind {
        BodyKind::Binary => BodyForm::Content,
        _ => body_form(&ctx.api.types, &body.ty),
    };
    let arg_ty = match &json_form {
        BodyForm::Content => quote! { azure_core::http::RequestContent<#ty> },
        BodyForm::Value(_) => ty.clone(),
    };
    let encode = |value: TokenStream| match &json_form {
        BodyForm::Content => value,
        BodyForm::Value(codec) => {
            let codec = codec_tokens(codec);
            quote! { crate::codec::to_json::<_, #codec>(&#value)? }
        }
    };
    match &body.passing {
        // Always sent, never asked for (`lower::clients` makes only JSON bodies constants).
        Passing::Constant { json } => Ok(quote! {
            request.insert_header("content-type", #content_type);
            request.set_body(azure_core::Bytes::from_static(#json.as_bytes()));
        }),
        Passing::Positional { name } => {
            let name = ident(name, &b_at)?;
            surface.arg_docs.push((name.to_string(), body.description.clone()));
            if form {
                surface.args.push(quote! { #name: &#ty });
                return Ok(form_set(quote! { #name }));
            }
            surface.args.push(quote! { #name: #arg_ty });
            let encode = encode(quote! { #name });
            Ok(quote! {
                request.insert_header("content-type", #content_type);
                request.set_body(#encode);
            })
        }
        Passing::Optional { field } if form => {
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

/// The statements that build `request`: path, query, method, headers, body.
pub(super) fn expand_request(ctx: &Context<'_>, op: &Operation, method: &Method, body_set: TokenStream) -> Result<TokenStream> {
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
pub(super) fn expand_host(ctx: &Context<'_>, method: &Method, host: &crate::ir::HostModel) -> Result<TokenStream> {
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


/// Statements appending the operation's path to `path`: literal text as written, each path
/// parameter as one encoded segment (unless `x-ms-skip-url-encoding`).
pub(super) fn path_expr(ctx: &Context<'_>, op: &Operation, method: &Method) -> Result<Vec<TokenStream>> {
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
pub(super) fn push_literal(literal: &str) -> Option<TokenStream> {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (None, _) => None,
        (Some(c), None) => Some(quote! { path.push(#c); }),
        _ => Some(quote! { path.push_str(#literal); }),
    }
}
