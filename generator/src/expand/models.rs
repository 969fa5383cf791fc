//! `src/models/`: one Rust type per schema (structs, type aliases, discriminated unions), plus
//! the trait impls the clients need (`Page` for list results, `RequestContent` conversions).
//!
//! Structs are `#[non_exhaustive]` so that a field added by a later api-version is not a breaking
//! change; they are built with `new` (the required fields) or `Default` (when every field has a
//! default) and then assigned. A model is `Serialize` when a method sends it and `Deserialize`
//! when one receives it (both with the feature `all-serde`, which `fake` turns on, and when no
//! method uses it): serde's impls are much of what the crate costs to compile, so `Serialize` is
//! serde's derive (its field attributes gated with it) and `Deserialize` is written out as a
//! builder of one line per field, read by the runtime's `object` module. Read-only fields
//! are decoded but never serialized (except in a fake's answers). `Debug` follows azure_core's
//! `SafeDebug`, and secrets never show (`redact`). `x-ms-client-flatten` is not applied: the nested
//! object stays nested, which is what the wire format is (documented on the field).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{field_codec, has_default, rust_type, serde_with, Scope};
use crate::rust_types::{field_form, FieldForm};
use super::{doc_attrs, ident, Context};
use crate::error::{Error, Result};
use crate::ir::{Discriminator, MethodKind, ObjectType, TypeDef, TypeKind, TypeRef};

/// `src/models/mod.rs`: both files are always emitted; only those that define something are
/// re-exported (a glob re-export of nothing is an unused import).
pub(crate) fn expand_models_mod(ctx: &Context<'_>) -> TokenStream {
    let has_enums = ctx.api.types.values().any(|d| matches!(d.kind, TypeKind::Enum(_)));
    let has_types = ctx.api.types.values().any(|d| !matches!(d.kind, TypeKind::Enum(_)));
    let has_headers = ctx
        .api
        .clients
        .clients
        .iter()
        .flat_map(|c| &c.methods)
        .any(|m| matches!(&m.kind, MethodKind::Plain(plain) if plain.headers.is_some()));
    let enums = if has_enums { quote! { pub use enums::*; } } else { quote! {} };
    let types = if has_types { quote! { pub use types::*; } } else { quote! {} };
    let headers = if has_headers { quote! { mod headers; pub use headers::*; } } else { quote! {} };
    quote! {
        //! The service's data types: one type per schema of the spec, with serde wire names, and
        //! the typed response headers of the methods whose spec declares some.
        mod enums;
        mod types;
        #enums
        #types
        #headers
    }
}


/// `src/models/types.rs`: structs, aliases and unions, sorted by name.
pub(crate) fn expand_types_rs(ctx: &Context<'_>) -> Result<TokenStream> {
    let mut items = Vec::new();
    for def in ctx.api.types.values() {
        if !matches!(def.kind, TypeKind::Enum(_)) {
            items.push(expand_type(ctx, def)?);
        }
    }
    items.push(expand_pages(ctx)?);
    let any_secret = ctx.api.types.values().any(|d| matches!(&d.kind, TypeKind::Object(o) if o.discriminator.is_none() && o.fields.iter().any(|f| f.secret.is_some())));
    if any_secret {
        items.push(super::redact::expand_redaction_module());
    }
    Ok(quote! {
        //! Structs, aliases and discriminated unions of the service.
        #![allow(clippy::large_enum_variant)]
        #[allow(unused_imports)]
        use super::*;
        #(#items)*
    })
}

/// The items of one named type (struct, union, alias or enum) with their impls.
pub(crate) fn expand_type(ctx: &Context<'_>, def: &TypeDef) -> Result<TokenStream> {
    // Lower never gives these names; an IR built otherwise is refused rather than miscompiled.
    if crate::names::RESERVED_TYPE_NAMES.contains(&def.name.as_str()) {
        return Err(Error::unsupported(def.location.clone(), format!("a type named `{}`, which shadows a Rust prelude name", def.name)));
    }
    match &def.kind {
        TypeKind::Object(object) => match &object.discriminator {
            Some(discriminator) => expand_union(ctx, def, discriminator),
            None => expand_struct(ctx, def, object),
        },
        TypeKind::Alias(target) => {
            let name = ident(&def.name, &def.location)?;
            let doc = doc_attrs(def.description.as_deref(), &format!("The `{}` type.", def.spec_name));
            let target = rust_type(ctx, target, Scope::Models, &def.location)?;
            Ok(quote! { #doc pub type #name = #target; })
        }
        TypeKind::Enum(e) => super::enums::expand_enum(ctx, def, e),
    }
}

/// One struct, its constructor, its `Debug` (`SafeDebug`, redacting secrets, see `redact`) and
/// its `RequestContent` conversion.
fn expand_struct(ctx: &Context<'_>, def: &TypeDef, object: &ObjectType) -> Result<TokenStream> {
    let name = ident(&def.name, &def.location)?;
    let doc = doc_attrs(def.description.as_deref(), &format!("The `{}` object.", def.spec_name));
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut debug_fields = Vec::new();
    // The lines of the model's builder (`crate::object`), one per field.
    let mut reads = Vec::new();
    let (serialize, deserialize) = serde_impls(ctx, &def.name);
    // The fields' serde attributes are for `Serialize` alone (reading is `crate::object`'s):
    // where it is derived only with `all-serde`, so are they.
    let serde_attrs = |contents: Vec<TokenStream>| -> TokenStream {
        if serialize {
            quote! { #(#[#contents])* }
        } else {
            let feature = ALL_SERDE;
            quote! { #(#[cfg_attr(feature = #feature, #contents)])* }
        }
    };
    let mut taken = BTreeSet::new();
    for field in &object.fields {
        let at = def.location.join("properties").join(&field.wire_name);
        let field_name = ident(&field.rust_name, &at)?;
        taken.insert(field.rust_name.clone());
        let form = field_form(field, object.patch);
        let plain = form == FieldForm::Plain;
        // A struct that contains itself (even through an `Option`) needs a box to have a size.
        let boxed = ctx.facts.boxed(&def.name, &field.ty);
        let mut ty = rust_type(ctx, &field.ty, Scope::Models, &at)?;
        if boxed {
            ty = quote! { Box<#ty> };
        }
        let full_ty = match form {
            FieldForm::Plain => ty.clone(),
            FieldForm::Optional | FieldForm::Nullable => quote! { Option<#ty> },
            FieldForm::Patch => quote! { crate::patch::Patch<#ty> },
        };
        let mut serde_args = Vec::new();
        if field.rust_name != field.wire_name {
            let wire = &field.wire_name;
            serde_args.push(quote! { rename = #wire });
        }
        // The field's codec, if its values need one: serde's `with` writes it, its line of the
        // builder reads it.
        let codec = field_codec(ctx, &field.ty, !plain);
        if let Some(codec) = &codec {
            let with = serde_with(codec);
            serde_args.push(quote! { with = #with });
        }
        // A required field the service leaves out (Batch never returns a user's `password`)
        // decodes to its default rather than failing the whole response, where it has one; a
        // constant to its one value (constant enums and models of constants default to it).
        let defaulted = !plain || field.constant || (!boxed && has_default(ctx, &field.ty));
        let wire = field.wire_name.as_str();
        let read = match (defaulted, &codec) {
            (true, None) => quote! { optional },
            (false, None) => quote! { required },
            (true, Some(codec)) => {
                let codec = super::types::codec_tokens(codec);
                quote! { optional_as::<_, #codec> }
            }
            (false, Some(codec)) => {
                let codec = super::types::codec_tokens(codec);
                quote! { required_as::<_, #codec> }
            }
        };
        reads.push(quote! { #field_name: fields.#read(#wire)? });
        // Read-only fields are never sent; a fake's answers (the `fake` feature) write them.
        let mut attr_contents = Vec::new();
        match form {
            _ if field.read_only => {}
            FieldForm::Optional => serde_args.push(quote! { skip_serializing_if = "Option::is_none" }),
            FieldForm::Patch => serde_args.push(quote! { skip_serializing_if = "crate::patch::Patch::is_keep" }),
            // Sent always: a value, or `null` for a required nullable field.
            FieldForm::Plain | FieldForm::Nullable => {}
        }
        if !serde_args.is_empty() {
            attr_contents.push(quote! { serde(#(#serde_args),*) });
        }
        if field.read_only {
            attr_contents.extend(super::fakes::read_only_serde_attrs());
        }
        let serde_attr = serde_attrs(attr_contents);
        let mut notes = Vec::new();
        if field.read_only {
            notes.push("Read-only: set by the service, never sent.".to_string());
        }
        if let Some(secret) = &field.secret {
            notes.push(super::redact::secret_note(secret));
        }
        if field.constant {
            notes.push("A constant: `new` sets it to the one value the spec allows.".to_string());
        }
        if form == FieldForm::Nullable {
            notes.push("Required, and may be `null`: `None` is sent as `null`.".to_string());
        }
        if form == FieldForm::Patch {
            notes.push("`Patch::Keep` (the default) leaves it out of the request, so the service keeps its value; `Patch::Clear` sends `null`, which removes or resets it; a value (`value.into()`) sets it.".to_string());
        }
        if field.client_flatten {
            notes.push("The spec asks for this object to be flattened into its parent (`x-ms-client-flatten`); this crate keeps it nested, as it is on the wire.".to_string());
        }
        let description = match (&field.description, notes.is_empty()) {
            (Some(d), _) => Some(if notes.is_empty() { d.clone() } else { format!("{d}\n\n{}", notes.join(" ")) }),
            (None, false) => Some(notes.join(" ")),
            (None, true) => None,
        };
        let field_doc = doc_attrs(description.as_deref(), &format!("The `{}` property.", field.wire_name));
        fields.push(quote! { #field_doc #serde_attr pub #field_name: #full_ty, });
        match form {
            FieldForm::Plain if field.constant => {
                let value = constant_value(ctx, &field.ty, &at)?;
                let value = if boxed { quote! { Box::new(#value) } } else { value };
                new_inits.push(quote! { #field_name: #value, });
            }
            FieldForm::Plain => {
                let arg_ty = if boxed { rust_type(ctx, &field.ty, Scope::Models, &at)? } else { ty.clone() };
                if !boxed && super::types::is_string(&field.ty) {
                    // `Thing::new("name")` rather than `Thing::new("name".to_string())`.
                    new_args.push(quote! { #field_name: impl Into<String> });
                    new_inits.push(quote! { #field_name: #field_name.into(), });
                } else {
                    new_args.push(quote! { #field_name: #arg_ty });
                    if boxed {
                        new_inits.push(quote! { #field_name: Box::new(#field_name), });
                    } else {
                        new_inits.push(quote! { #field_name, });
                    }
                }
            }
            FieldForm::Nullable => {
                // Required: `new` takes it, `None` meaning `null`.
                let arg_ty = rust_type(ctx, &field.ty, Scope::Models, &at)?;
                new_args.push(quote! { #field_name: Option<#arg_ty> });
                if boxed {
                    new_inits.push(quote! { #field_name: #field_name.map(Box::new), });
                } else {
                    new_inits.push(quote! { #field_name, });
                }
            }
            FieldForm::Optional => new_inits.push(quote! { #field_name: None, }),
            FieldForm::Patch => new_inits.push(quote! { #field_name: crate::patch::Patch::Keep, }),
        }
        let shown = match form {
            FieldForm::Plain => super::redact::Shown::Value,
            FieldForm::Optional | FieldForm::Nullable => super::redact::Shown::Option,
            FieldForm::Patch => super::redact::Shown::Patch,
        };
        debug_fields.push(super::redact::DebugField { name: field_name.clone(), secret: field.secret.is_some(), shown });
    }
    if let Some(additional) = &object.additional_properties {
        let at = def.location.join("additionalProperties");
        let field_name = format_ident!("{}", super::super::names::unique("additional_properties".into(), &mut taken));
        let value = rust_type(ctx, &additional.clone(), Scope::Models, &at)?;
        let flatten = serde_attrs(vec![quote! { serde(flatten) }]);
        fields.push(quote! {
            /// Properties not declared by the schema, by name.
            #flatten
            pub #field_name: ::std::collections::HashMap<String, #value>,
        });
        reads.push(quote! { #field_name: fields.rest()? });
        new_inits.push(quote! { #field_name: ::std::collections::HashMap::new(), });
        debug_fields.push(super::redact::DebugField { name: field_name.clone(), secret: false, shown: super::redact::Shown::Value });
    }
    let any_secret = object.fields.iter().any(|f| f.secret.is_some());
    let has_default = has_default(ctx, &TypeRef::Named(def.name.clone()));
    // Constants have no `Default` of their own: `new` fills them, and `default()` is `new()`.
    let any_constant = object.fields.iter().any(|f| f.constant);
    let derive_default = has_default && !any_constant;
    let mut derives = vec![quote! { Clone }, quote! { PartialEq }];
    let gated = if serialize {
        derives.push(quote! { ::serde::Serialize });
        quote! {}
    } else {
        quote! { #[cfg_attr(feature = #ALL_SERDE, derive(::serde::Serialize))] }
    };
    let deserialize_impl = deserialize_impl(&name, deserialize, &reads);
    if !any_secret {
        derives.push(super::redact::safe_debug_derive());
    }
    if derive_default {
        derives.push(quote! { Default });
    }
    let debug_impl = if any_secret { super::redact::expand_redacted_debug(&name, &debug_fields) } else { quote! {} };
    let new_doc = if new_args.is_empty() && any_constant {
        format!(" {} `{}` with its constants set and every other field unset.", capitalized(super::article(&def.name)), def.name)
    } else if new_args.is_empty() {
        format!(" {} `{}` with every field unset.", capitalized(super::article(&def.name)), def.name)
    } else {
        format!(" {} `{}` with the required fields set and the others unset.", capitalized(super::article(&def.name)), def.name)
    };
    let too_many = if new_args.len() > 7 { quote! { #[allow(clippy::too_many_arguments)] } } else { quote! {} };
    let new_fn = if new_args.is_empty() && derive_default {
        // `Default` already builds it; a `new` would only trip clippy's `new_without_default`.
        quote! {}
    } else {
        let default_impl = if has_default && any_constant {
            quote! {
                impl Default for #name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        } else {
            quote! {}
        };
        quote! {
            impl #name {
                #[doc = #new_doc]
                #too_many
                pub fn new(#(#new_args),*) -> Self {
                    Self { #(#new_inits)* }
                }
            }
            #default_impl
        }
    };
    let request_content = request_content_impl(ctx, def, &name);
    Ok(quote! {
        #doc
        #[derive(#(#derives),*)]
        #gated
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #new_fn
        #debug_impl
        #deserialize_impl
        #request_content
    })
}

/// A struct's `Deserialize`: its builder, a plain function of one line per field (`reads`), read
/// by `crate::object::read`, the one part generic over the deserializer, shared by every model.
/// Under `#[cfg(feature = "all-serde")]` when no method receives the model (`needed` false).
fn deserialize_impl(name: &proc_macro2::Ident, needed: bool, reads: &[TokenStream]) -> TokenStream {
    let gate = gate(needed);
    let model = name.to_string();
    quote! {
        #gate
        impl<'de> ::serde::Deserialize<'de> for #name {
            // `__D`, as serde's derive names it: a model may be called `D`.
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                fn build(fields: &mut crate::object::Fields) -> ::std::result::Result<#name, ::serde_json::Error> {
                    ::std::result::Result::Ok(#name { #(#reads,)* })
                }
                crate::object::read(deserializer, #model, build)
            }
        }
    }
}

/// The value of a constant field of type `ty` (`Field::constant`): its enum's one value, or a
/// model of constants built by its `new()`.
fn constant_value(ctx: &Context<'_>, ty: &TypeRef, at: &crate::error::Location) -> Result<TokenStream> {
    let TypeRef::Named(name) = ctx.resolve_alias(ty) else {
        return Err(Error::invalid(at.clone(), "a constant of a named type"));
    };
    let type_name = ident(name, at)?;
    match &ctx.type_def(name, at)?.kind {
        TypeKind::Enum(e) => match e.values.first() {
            Some(value) => {
                let variant = ident(&value.name, at)?;
                Ok(quote! { #type_name::#variant })
            }
            None => Err(Error::invalid(at.clone(), "a constant enum with a value")),
        },
        _ => Ok(quote! { #type_name::new() }),
    }
}

/// The cargo feature that gives every model both serde impls (declared by `cargo`).
pub(crate) const ALL_SERDE: &str = "all-serde";

/// Whether a named type's `Serialize` and `Deserialize` are compiled always (`true`) or only
/// with the feature [`ALL_SERDE`]: a type is written only if a method sends it and read only if
/// one receives it (`ClientModel::usage`); a type no method reaches gets both, since the crate
/// cannot tell how it will be used.
pub(crate) fn serde_impls(ctx: &Context<'_>, name: &str) -> (bool, bool) {
    match ctx.api.clients.usage.get(name) {
        Some(usage) => (usage.sent, usage.received),
        None => (true, true),
    }
}

/// `#[cfg(feature = "all-serde")]` on an impl the methods do not need, nothing on one they do.
fn gate(needed: bool) -> TokenStream {
    if needed { quote! {} } else { quote! { #[cfg(feature = #ALL_SERDE)] } }
}

/// `a` → `A`, `an` → `An`.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// `TryFrom<T> for RequestContent<T>`, so a model (a struct, union or enum) can be passed as a
/// request body with `try_into()`: only for the types some method takes as its JSON body, since
/// each impl compiles the whole serializer of its type into the crate.
pub(crate) fn request_content_impl(ctx: &Context<'_>, def: &TypeDef, name: &proc_macro2::Ident) -> TokenStream {
    if !ctx.api.clients.usage.get(&def.name).is_some_and(|u| u.request_body) {
        return quote! {};
    }
    quote! {
        impl TryFrom<#name> for azure_core::http::RequestContent<#name> {
            type Error = azure_core::Error;
            fn try_from(value: #name) -> azure_core::Result<Self> {
                Ok(azure_core::json::to_json(&value)?.into())
            }
        }
    }
}

/// A discriminated hierarchy's root: an enum of its known subtypes plus the raw JSON of any
/// other kind, read and written through `serde_json::Value` on the discriminator property.
fn expand_union(ctx: &Context<'_>, def: &TypeDef, discriminator: &Discriminator) -> Result<TokenStream> {
    let name = ident(&def.name, &def.location)?;
    let doc = doc_attrs(def.description.as_deref(), &format!("The `{}` kinds.", def.spec_name));
    let property = &discriminator.property;
    let mut taken = BTreeSet::new();
    let mut variants = Vec::new();
    for (value, type_name) in &discriminator.variants {
        let at = def.location.join("discriminator");
        let sub = ctx.type_def(type_name, &at)?;
        if let TypeKind::Object(o) = &sub.kind {
            if o.discriminator.is_some() {
                return Err(Error::unsupported(sub.location.clone(), "a discriminated type that is itself a discriminator root (nested hierarchies)"));
            }
        }
        let variant = ident(&super::super::names::unique(type_name.clone(), &mut taken), &at)?;
        let ty = ident(type_name, &at)?;
        let vdoc = format!(" The `{value}` kind.");
        variants.push((variant, ty, value.clone(), vdoc));
    }
    let unknown = ident(&super::super::names::unique("UnknownKind".into(), &mut taken), &def.location)?;
    let defs = variants.iter().map(|(v, ty, _, vdoc)| quote! { #[doc = #vdoc] #v(#ty), });
    let ser_arms = variants.iter().map(|(v, _, value, _)| quote! { Self::#v(inner) => (#value, ::serde_json::to_value(inner).map_err(::serde::ser::Error::custom)?), });
    let de_arms = variants.iter().map(|(v, _, value, _)| quote! { Some(#value) => ::serde_json::from_value(value).map(Self::#v).map_err(::serde::de::Error::custom), });
    let request_content = request_content_impl(ctx, def, &name);
    let variant_names: Vec<_> = variants.iter().map(|(v, ..)| v.clone()).collect();
    let debug_impl = super::redact::expand_union_debug(&name, &variant_names, &unknown);
    let (serialize, deserialize) = serde_impls(ctx, &def.name);
    let (ser_gate, de_gate) = (gate(serialize), gate(deserialize));
    Ok(quote! {
        #doc
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#defs)*
            /// A kind this version of the crate does not know: the JSON object as the service sent it.
            #unknown(::serde_json::Value),
        }

        #ser_gate
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let (kind, mut value) = match self {
                    #(#ser_arms)*
                    Self::#unknown(value) => return value.serialize(serializer),
                };
                if let ::serde_json::Value::Object(map) = &mut value {
                    map.insert(#property.to_string(), ::serde_json::Value::String(kind.to_string()));
                }
                value.serialize(serializer)
            }
        }

        #de_gate
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match value.get(#property).and_then(::serde_json::Value::as_str) {
                    #(#de_arms)*
                    _ => Ok(Self::#unknown(value)),
                }
            }
        }

        #debug_impl

        #request_content
    })
}

/// `Page` for every list result of a pageable operation, yielding the items of its item field.
/// Operations that list the same type must agree on that field (a type has one `Page` impl);
/// they may differ in their next link, which each operation reads itself.
///
/// The trait is declared with `async_trait`; it is implemented here in the form that macro
/// expands to (a boxed future), so the crate needs no `async-trait` dependency.
fn expand_pages(ctx: &Context<'_>) -> Result<TokenStream> {
    // The client model checked that the methods listing a type agree on its item field.
    let mut done = BTreeSet::new();
    let mut impls = Vec::new();
    // In spec order, as the operations are.
    let mut pagers: Vec<_> = ctx
        .api
        .clients
        .clients
        .iter()
        .flat_map(|c| &c.methods)
        .filter_map(|m| match &m.kind {
            MethodKind::Pager(pager) => Some((m, pager)),
            MethodKind::Poller(poller) => poller.pages.as_ref().map(|pager| (m, pager)),
            _ => None,
        })
        .collect();
    pagers.sort_by_key(|(m, _)| m.operation);
    for (method, page) in pagers {
        if !done.insert(page.list_type.as_str()) {
            continue;
        }
        let at = &ctx.operation(method).location;
        let name = ident(&page.list_type, at)?;
        let field = ident(&page.item_field, at)?;
        let item = rust_type(ctx, &page.item_type, Scope::Models, at)?;
        let items = if page.items_optional {
            quote! { self.#field.unwrap_or_default().into_iter() }
        } else {
            quote! { self.#field.into_iter() }
        };
        impls.push(quote! {
            impl azure_core::http::pager::Page for #name {
                type Item = #item;
                type IntoIter = ::std::vec::IntoIter<#item>;
                fn into_items<'async_trait>(self) -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = azure_core::Result<Self::IntoIter>> + Send + 'async_trait>>
                where
                    Self: 'async_trait,
                {
                    Box::pin(::std::future::ready(Ok(#items)))
                }
            }
        });
    }
    Ok(quote! { #(#impls)* })
}
