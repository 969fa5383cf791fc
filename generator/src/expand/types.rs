//! IR type references to Rust types, and the serde helpers some of them need.
//!
//! Date-times are `time::OffsetDateTime`, read and written through azure_core's serde helpers
//! (`unix_time`) and the crate's own `time` module (`Rfc3339`, `Rfc7231`: written as the spec
//! says, read in either form, see `generator/runtime/src/time.rs`). Those helpers cover a value, an
//! array of values or a map of them, each optional or not; a date-time nested deeper (an array
//! of arrays) is kept as its string form, as are byte strings inside containers.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Context};
use crate::error::{Location, Result};
use crate::ir::{Primitive, TypeKind, TypeRef};
pub(crate) use crate::rust_types::{field_is_plain, is_string, is_string_primitive};
use crate::rust_types::{rust_shape, RustShape, Scalar};

/// Where a type is written: in `models` itself, or elsewhere in the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Inside `crate::models`: model names are bare.
    Models,
    /// Elsewhere: model names are `crate::models::Name`.
    Crate,
}

/// The Rust type of a value of `ty`.
pub(crate) fn rust_type(ctx: &Context<'_>, ty: &TypeRef, scope: Scope, at: &Location) -> Result<TokenStream> {
    rust_type_inner(ctx, &rust_shape(ty, true), scope, at)
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
        RustShape::Named(name) => {
            ctx.type_def(name, at)?;
            let name = ident(name, at)?;
            match scope {
                Scope::Models => quote! { #name },
                Scope::Crate => quote! { crate::models::#name },
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
        Scalar::Bytes => quote! { Vec<u8> },
        Scalar::String => quote! { String },
    }
}

/// The serde `with` path for a field of type `ty` (`optional`: the field is an `Option`): a
/// shape of the crate's `time` module over a format (`crate::time::Optional::<crate::time::Rfc7231>`),
/// or azure_core's own helpers where they fit (a Unix time or bytes, alone or optional).
pub(crate) fn serde_with(ty: &TypeRef, optional: bool) -> Option<String> {
    let format = |ty: &TypeRef| match ty {
        TypeRef::Primitive(Primitive::DateTime) => Some("Rfc3339"),
        TypeRef::Primitive(Primitive::DateTimeRfc1123) => Some("Rfc7231"),
        TypeRef::Primitive(Primitive::UnixTime) => Some("UnixTime"),
        _ => None,
    };
    let azure_core = |base: &str| Some(if optional { format!("{base}::option") } else { base.to_string() });
    let (shape, format) = match ty {
        TypeRef::Primitive(Primitive::UnixTime) => return azure_core("azure_core::time::unix_time"),
        TypeRef::Primitive(Primitive::Bytes) => return azure_core("azure_core::base64"),
        TypeRef::Array(item) => (if optional { "OptionalList" } else { "List" }, format(item)?),
        TypeRef::Map(value) => (if optional { "OptionalMap" } else { "Map" }, format(value)?),
        other => (if optional { "Optional" } else { "Value" }, format(other)?),
    };
    Some(format!("crate::time::{shape}::<crate::time::{format}>"))
}

/// Whether values of `ty` implement `Default` (so a struct of them can derive it).
pub(crate) fn has_default(ctx: &Context<'_>, ty: &TypeRef, seen: &mut Vec<String>) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime) => false,
        TypeRef::Primitive(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any => true,
        TypeRef::Named(name) => {
            if seen.contains(name) {
                // A cycle goes through an `Option`, `Vec` or `Box` somewhere, which is `Default`.
                return true;
            }
            let Some(def) = ctx.api.types.get(name) else { return false };
            seen.push(name.clone());
            let result = match &def.kind {
                TypeKind::Enum(_) => false,
                TypeKind::Alias(target) => has_default(ctx, target, seen),
                TypeKind::Object(object) => {
                    object.discriminator.is_none()
                        && object.fields.iter().all(|f| !field_is_plain(f) || has_default(ctx, &f.ty, seen))
                }
            };
            seen.pop();
            result
        }
    }
}

/// An expression turning `value` into the `String` sent in a path, query or header; `by_ref`
/// says whether `value` is already a reference.
pub(crate) fn to_param_string(ty: &TypeRef, value: TokenStream, by_ref: bool) -> TokenStream {
    let reference = if by_ref { value.clone() } else { quote! { &#value } };
    match ty {
        TypeRef::Primitive(Primitive::DateTime) => quote! { azure_core::time::to_rfc3339(#reference) },
        TypeRef::Primitive(Primitive::DateTimeRfc1123) => quote! { azure_core::time::to_rfc7231(#reference) },
        TypeRef::Primitive(Primitive::UnixTime) => quote! { #value.unix_timestamp().to_string() },
        TypeRef::Primitive(Primitive::Bytes) => quote! { azure_core::base64::encode(#reference) },
        _ => quote! { #value.to_string() },
    }
}
