//! `src/models/headers.rs`: the typed response headers of the methods whose spec declares
//! some, the way the official azure_core crates expose them: a `<Client><Method>ResultHeaders`
//! trait with one accessor per header, implemented for the method's `Response`; a method without
//! a result body answers `Response<<Client><Method>Result, NoFormat>`, an empty type of its own,
//! so that its trait is not shared with every other bodiless method.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{codec_tokens, rust_type, Scope};
use crate::rust_types::codec;
use super::{doc_attrs, ident, Context};
use crate::error::Result;
use crate::ir::{HeaderAccessor, Method, MethodKind, PlainModel, Primitive, ResponseHeaders, TypeKind, TypeRef};

/// The methods with typed headers, in client then method order.
fn with_headers<'a>(ctx: &Context<'a>) -> Vec<(&'a Method, &'a ResponseHeaders, &'a PlainModel)> {
    let mut found = Vec::new();
    for client in &ctx.api.clients.clients {
        for method in &client.methods {
            if let MethodKind::Plain(plain) = &method.kind {
                if let Some(headers) = &plain.headers {
                    found.push((method, headers, plain));
                }
            }
        }
    }
    found
}

/// The file, or `None` when no method declares response headers.
pub(crate) fn expand_headers_rs(ctx: &Context<'_>) -> Result<Option<TokenStream>> {
    let methods = with_headers(ctx);
    if methods.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::new();
    for (method, headers, plain) in methods {
        let op = ctx.operation(method);
        let at = &op.location;
        let trait_name = ident(&headers.trait_name, at)?;
        if let Some(marker) = &headers.marker {
            let marker = ident(marker, at)?;
            let doc = format!(
                " The result of `{}`: it has no body to decode; its headers are read through [`{}`].",
                method.operation_id, headers.trait_name
            );
            items.push(quote! {
                #[doc = #doc]
                #[derive(Clone, Copy, Debug, Default)]
                #[non_exhaustive]
                pub struct #marker;
            });
        }
        // The type the method returns, decided in one place.
        let response = super::operations::plain_response_type(ctx, op, plain)?;
        let mut signatures = Vec::new();
        let mut bodies = Vec::new();
        for accessor in &headers.accessors {
            let (signature, body) = expand_accessor(ctx, accessor, at)?;
            signatures.push(signature);
            bodies.push(body);
        }
        let doc = format!(" The typed response headers of `{}`.", method.operation_id);
        items.push(quote! {
            #[doc = #doc]
            pub trait #trait_name {
                #(#signatures)*
            }

            impl #trait_name for #response {
                #(#bodies)*
            }
        });
    }
    Ok(Some(quote! {
        //! Typed response headers: one trait per method whose spec declares some, implemented for
        //! its `Response` (bring the trait into scope to call its accessors).
        #[allow(unused_imports)]
        use super::*;
        #(#items)*
    }))
}

/// One accessor: its declaration in the trait and its definition in the impl.
fn expand_accessor(ctx: &Context<'_>, accessor: &HeaderAccessor, at: &crate::error::Location) -> Result<(TokenStream, TokenStream)> {
    let name = ident(&accessor.method, at)?;
    let wire = accessor.wire_name.to_ascii_lowercase();
    let (ty, parse) = header_parse(ctx, &accessor.ty, at)?;
    let read = match parse {
        Some(parse) => quote! { crate::request::header(self.headers(), #wire, #parse) },
        None => quote! { Ok(crate::request::header_text(self.headers(), #wire)) },
    };
    let doc = doc_attrs(accessor.description.as_deref(), &format!("The `{}` header.", accessor.wire_name));
    let more = match parse_kind(ctx, &accessor.ty) {
        true => format!(
            " `None` when the response has no `{}` header, or an empty one; an error when its value is not {}.",
            accessor.wire_name,
            expected(ctx, &accessor.ty)
        ),
        false => format!(" `None` when the response has no `{}` header.", accessor.wire_name),
    };
    let signature = quote! {
        #doc
        #[doc = ""]
        #[doc = #more]
        fn #name(&self) -> azure_core::Result<Option<#ty>>;
    };
    let body = quote! {
        fn #name(&self) -> azure_core::Result<Option<#ty>> {
            #read
        }
    };
    Ok((signature, body))
}

/// What a header's value must be, for the docs.
fn expected(ctx: &Context<'_>, ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::Primitive(Primitive::Bool) => "`true` or `false`",
        TypeRef::Primitive(Primitive::Int32 | Primitive::Int64) => "an integer",
        TypeRef::Primitive(Primitive::Float32 | Primitive::Float64) => "a number",
        TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123) => "a date-time (RFC 3339 or RFC 1123)",
        TypeRef::Primitive(Primitive::UnixTime) => "Unix seconds",
        TypeRef::Primitive(Primitive::Bytes) => "base64",
        TypeRef::Primitive(Primitive::Base64Url) => "base64url",
        TypeRef::Primitive(Primitive::Date) => "a date (`YYYY-MM-DD`)",
        TypeRef::Primitive(Primitive::Duration) => "an ISO 8601 duration",
        TypeRef::Named(name) if matches!(ctx.api.types.get(name).map(|d| &d.kind), Some(TypeKind::Enum(_))) => {
            "a value of the enum (any text is: unknown ones are kept)"
        }
        _ => "text (never: any text is)",
    }
}

/// Whether a header of `ty` is parsed from its text (rather than kept as it is).
fn parse_kind(ctx: &Context<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(p) => !crate::rust_types::is_string_primitive(p),
        TypeRef::Named(name) => matches!(ctx.api.types.get(name).map(|d| &d.kind), Some(TypeKind::Enum(_))),
        _ => false,
    }
}

/// A header's Rust type and the function reading it from its (non-empty) text, `None` when it
/// is not a value of the type; no function for a header kept as its text (strings, and the
/// formats the crate keeps as strings), where an empty value is a value.
fn header_parse(ctx: &Context<'_>, ty: &TypeRef, at: &crate::error::Location) -> Result<(TokenStream, Option<TokenStream>)> {
    let parsed = |ty: TokenStream, parse: TokenStream| (ty, Some(parse));
    Ok(match ty {
        TypeRef::Primitive(Primitive::Bool) => parsed(quote! { bool }, quote! { |v: &str| v.parse().ok() }),
        TypeRef::Primitive(Primitive::Int32) => parsed(quote! { i32 }, quote! { |v: &str| v.parse().ok() }),
        TypeRef::Primitive(Primitive::Int64) => parsed(quote! { i64 }, quote! { |v: &str| v.parse().ok() }),
        TypeRef::Primitive(Primitive::Float32) => parsed(quote! { f32 }, quote! { |v: &str| v.parse().ok() }),
        TypeRef::Primitive(Primitive::Float64) => parsed(quote! { f64 }, quote! { |v: &str| v.parse().ok() }),
        TypeRef::Primitive(_) if codec(&ctx.api.types, ty).is_some() => {
            // Dates, durations and bytes: read by the codec that reads them in a body.
            let codec = codec(&ctx.api.types, ty).map(|c| codec_tokens(&c));
            let rust = rust_type(ctx, ty, Scope::Models, at)?;
            parsed(rust, quote! { |v: &str| crate::codec::from_text::<_, #codec>(v).ok() })
        }
        TypeRef::Named(name) if matches!(ctx.api.types.get(name).map(|d| &d.kind), Some(TypeKind::Enum(_))) => {
            let ty = rust_type(ctx, ty, Scope::Models, at)?;
            (ty.clone(), Some(quote! { |v: &str| v.parse::<#ty>().ok() }))
        }
        // Strings, and the formats kept as their text.
        _ => (quote! { String }, None),
    })
}
