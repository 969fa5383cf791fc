//! IR type references to Rust types, and the codecs that write and read the ones serde's own
//! way does not (`crate::codec`, from `generator/runtime/src/codec.rs`): date-times, dates,
//! durations and bytes at any depth, and values that may be `null`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Context};
use crate::error::{Location, Result};
use crate::ir::TypeRef;
pub(crate) use crate::rust_types::{field_is_plain, is_string, is_string_primitive};
use crate::rust_types::{codec, rust_shape, Codec, RustShape, Scalar};

/// Where a type is written: in `models` itself, or elsewhere in the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Inside `crate::models`: model names are bare.
    Models,
    /// Elsewhere: model names are `crate::models::Name`.
    Crate,
    /// In the crate's integration tests, which import `models`: model names are `models::Name`.
    Tests,
}

/// The Rust type of a value of `ty`.
pub(crate) fn rust_type(ctx: &Context<'_>, ty: &TypeRef, scope: Scope, at: &Location) -> Result<TokenStream> {
    rust_type_inner(ctx, &rust_shape(ty), scope, at)
}

fn rust_type_inner(ctx: &Context<'_>, shape: &RustShape<'_>, scope: Scope, at: &Location) -> Result<TokenStream> {
    Ok(match shape {
        RustShape::Scalar(scalar) => scalar_tokens(*scalar),
        RustShape::Vec(item) => {
            let item = rust_type_inner(ctx, item, scope, at)?;
            quote! { Vec<#item> }
        }
        RustShape::Map(value) => {
            let value = rust_type_inner(ctx, value, scope, at)?;
            quote! { ::std::collections::HashMap<String, #value> }
        }
        RustShape::Option(inner) => {
            let inner = rust_type_inner(ctx, inner, scope, at)?;
            quote! { Option<#inner> }
        }
        RustShape::Named(name) => {
            ctx.type_def(name, at)?;
            let name = ident(name, at)?;
            match scope {
                Scope::Models => quote! { #name },
                Scope::Crate => quote! { crate::models::#name },
                Scope::Tests => quote! { models::#name },
            }
        }
        RustShape::Json => quote! { ::serde_json::Value },
    })
}

/// A scalar as the emitter writes it.
fn scalar_tokens(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::Bool => quote! { bool },
        Scalar::I32 => quote! { i32 },
        Scalar::I64 => quote! { i64 },
        Scalar::F32 => quote! { f32 },
        Scalar::F64 => quote! { f64 },
        Scalar::DateTime => quote! { ::time::OffsetDateTime },
        Scalar::Date => quote! { ::time::Date },
        Scalar::Duration => quote! { ::time::Duration },
        Scalar::Bytes => quote! { Vec<u8> },
        Scalar::String => quote! { String },
    }
}

/// A codec as a type of the generated crate (`crate::codec::Seq<crate::codec::Rfc1123>`).
pub(crate) fn codec_tokens(codec: &Codec) -> TokenStream {
    codec_tokens_in(codec, &quote! { crate::codec })
}

/// A codec as a type of the `codec` module at `module` (`crate::codec`, or the crate's name
/// followed by `::codec` outside it).
pub(crate) fn codec_tokens_in(codec: &Codec, module: &TokenStream) -> TokenStream {
    let inner = |c: &Codec| codec_tokens_in(c, module);
    match codec {
        Codec::Serde => quote! { #module::Serde },
        Codec::Rfc3339 => quote! { #module::Rfc3339 },
        Codec::Rfc1123 => quote! { #module::Rfc1123 },
        Codec::UnixTime => quote! { #module::UnixTime },
        Codec::IsoDate => quote! { #module::IsoDate },
        Codec::IsoDuration => quote! { #module::IsoDuration },
        Codec::Base64 => quote! { #module::Base64 },
        Codec::Base64Url => quote! { #module::Base64Url },
        Codec::Seq(c) => {
            let c = inner(c);
            quote! { #module::Seq<#c> }
        }
        Codec::Dict(c) => {
            let c = inner(c);
            quote! { #module::Dict<#c> }
        }
        Codec::Nullable(c) => {
            let c = inner(c);
            quote! { #module::Nullable<#c> }
        }
    }
}

/// The serde `with` path of a field of type `ty` (`optional`: the field is an `Option`), when
/// its values need a codec: `crate::codec::As::<C>`.
pub(crate) fn serde_with(ctx: &Context<'_>, ty: &TypeRef, optional: bool) -> Option<String> {
    let codec = codec(&ctx.api.types, ty)?;
    let codec = if optional { Codec::Nullable(Box::new(codec)) } else { codec };
    Some(format!("crate::codec::As::<{}>", codec.path("crate::codec")))
}

/// Whether values of `ty` implement `Default` (so a struct of them can derive it).
pub(crate) fn has_default(ctx: &Context<'_>, ty: &TypeRef, seen: &mut Vec<String>) -> bool {
    crate::rust_types::has_default(&ctx.api.types, ty, seen)
}

/// An expression turning `value` into the `String` sent in a path, query or header (`by_ref`:
/// `value` is already a reference). A value with a format is written by its codec, as in a body
/// (`crate::codec::to_text`, fallible: the expression ends in `?`).
pub(crate) fn to_param_string(ctx: &Context<'_>, ty: &TypeRef, value: TokenStream, by_ref: bool) -> TokenStream {
    let reference = if by_ref { value.clone() } else { quote! { &#value } };
    match codec(&ctx.api.types, ty) {
        // Bytes arrive as `&[u8]` (an argument) or `Vec<u8>` (an options field): the codec
        // writes a `Vec<u8>`.
        Some(codec @ (Codec::Base64 | Codec::Base64Url)) => {
            let codec = codec_tokens(&codec);
            quote! { crate::codec::to_text::<Vec<u8>, #codec>(&(#reference).to_vec())? }
        }
        Some(codec) => {
            let codec = codec_tokens(&codec);
            quote! { crate::codec::to_text::<_, #codec>(#reference)? }
        }
        None => quote! { #value.to_string() },
    }
}
