//! `src/models/enums.rs`: every enum of the spec.
//!
//! All enums keep values they do not know, whatever `modelAsString` says: a service that adds a
//! value must not break a client built before it. String enums get an `UnknownValue(String)`
//! variant, integer enums an `UnknownValue(i64)`, number enums an `UnknownValue(f64)`, and all
//! write such values back unchanged.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, Context};
use crate::error::{Error, Result};
use crate::ir::{EnumType, Primitive, TypeDef, TypeKind};
use crate::names;

/// The file: every enum, sorted by name.
pub(crate) fn expand_enums_rs(ctx: &Context<'_>) -> Result<TokenStream> {
    let mut items = Vec::new();
    for def in ctx.api.types.values() {
        if let TypeKind::Enum(e) = &def.kind {
            items.push(expand_enum(ctx, def, e)?);
        }
    }
    Ok(quote! {
        //! Enums of the service: known values as variants, and any other value kept as is.
        #(#items)*
    })
}

/// One enum: the type, `as_str`/`value`, `Display`, `FromStr`, and serde through the wire value;
/// for an enum that is a request body, the conversion into `RequestContent` that structs have.
pub(crate) fn expand_enum(ctx: &Context<'_>, def: &TypeDef, e: &EnumType) -> Result<TokenStream> {
    let name = ident(&def.name, &def.location)?;
    let request_content = super::models::request_content_impl(ctx, def, &name);
    let doc = doc_attrs(def.description.as_deref(), &format!("The `{}` values.", def.spec_name));
    let mut taken = BTreeSet::new();
    let mut variants = Vec::new();
    for (i, value) in e.values.iter().enumerate() {
        let at = def.location.join("enum").join(i);
        let variant = names::unique(value.name.clone(), &mut taken);
        let variant = ident(&variant, &at)?;
        let wire = value.value.clone();
        let fallback = format!("`{}`.", match &wire {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let doc = doc_attrs(value.description.as_deref(), &fallback);
        variants.push((variant, wire, doc, at));
    }
    let unknown = ident(&names::unique("UnknownValue".into(), &mut taken), &def.location)?;
    let unknown_doc = " A value this version of the crate does not know, kept as the service sent it.";
    // A constant defaults to its value, so a model whose constant field the service leaves out
    // still decodes (`lower::constants` reads the same `constant_value` to mark those fields).
    let constant = e.constant_value().is_some();
    let default_derive = if constant { quote! { Default, } } else { quote! {} };
    let variant_defs = variants.iter().map(|(v, _, doc, _)| {
        let default_attr = if constant { quote! { #[default] } } else { quote! {} };
        quote! { #doc #default_attr #v, }
    });
    match e.base {
        Primitive::Int32 | Primitive::Int64 => {
            let mut arms_to = Vec::new();
            let mut arms_from = Vec::new();
            for (v, wire, _, at) in &variants {
                let n = wire
                    .as_i64()
                    .ok_or_else(|| Error::invalid(at.clone(), format!("an integer enum value, found {wire}")))?;
                let lit = proc_macro2::Literal::i64_unsuffixed(n);
                arms_to.push(quote! { Self::#v => #lit, });
                arms_from.push(quote! { #lit => Self::#v, });
            }
            Ok(quote! {
                #doc
                #[derive(#default_derive Clone, Copy, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_defs)*
                    #[doc = #unknown_doc]
                    #unknown(i64),
                }

                impl #name {
                    /// The wire value.
                    pub fn value(&self) -> i64 {
                        match self {
                            #(#arms_to)*
                            Self::#unknown(n) => *n,
                        }
                    }
                }

                impl From<i64> for #name {
                    fn from(n: i64) -> Self {
                        match n {
                            #(#arms_from)*
                            n => Self::#unknown(n),
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::fmt::Display::fmt(&self.value(), f)
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = ::std::num::ParseIntError;
                    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                        Ok(Self::from(s.parse::<i64>()?))
                    }
                }

                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_i64(self.value())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        Ok(Self::from(<i64 as ::serde::Deserialize>::deserialize(deserializer)?))
                    }
                }
            
                #request_content
            })
        }
        Primitive::String => {
            let mut arms_to = Vec::new();
            let mut arms_from = Vec::new();
            for (v, wire, _, at) in &variants {
                let s = wire
                    .as_str()
                    .ok_or_else(|| Error::invalid(at.clone(), format!("a string enum value, found {wire}")))?;
                arms_to.push(quote! { Self::#v => #s, });
                arms_from.push(quote! { #s => Self::#v, });
            }
            Ok(quote! {
                #doc
                #[derive(#default_derive Clone, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_defs)*
                    #[doc = #unknown_doc]
                    #unknown(String),
                }

                impl #name {
                    /// The wire value.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#arms_to)*
                            Self::#unknown(s) => s.as_str(),
                        }
                    }
                }

                impl From<&str> for #name {
                    fn from(s: &str) -> Self {
                        match s {
                            #(#arms_from)*
                            s => Self::#unknown(s.to_string()),
                        }
                    }
                }

                impl From<String> for #name {
                    fn from(s: String) -> Self {
                        Self::from(s.as_str())
                    }
                }

                impl AsRef<str> for #name {
                    fn as_ref(&self) -> &str {
                        self.as_str()
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = ::std::convert::Infallible;
                    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                        Ok(Self::from(s))
                    }
                }

                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        Ok(Self::from(<String as ::serde::Deserialize>::deserialize(deserializer)?))
                    }
                }
            
                #request_content
            })
        }
        Primitive::Float32 | Primitive::Float64 => {
            let mut arms_to = Vec::new();
            let mut tests_from = Vec::new();
            for (v, wire, _, at) in &variants {
                let n = wire
                    .as_f64()
                    .ok_or_else(|| Error::invalid(at.clone(), format!("a number enum value, found {wire}")))?;
                let lit = proc_macro2::Literal::f64_unsuffixed(n);
                arms_to.push(quote! { Self::#v => #lit, });
                // Floats are compared, not matched: a pattern cannot hold one.
                tests_from.push(quote! { if n == #lit { return Self::#v; } });
            }
            Ok(quote! {
                #doc
                #[derive(#default_derive Clone, Copy, Debug, PartialEq)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variant_defs)*
                    #[doc = #unknown_doc]
                    #unknown(f64),
                }

                impl #name {
                    /// The wire value.
                    pub fn value(&self) -> f64 {
                        match self {
                            #(#arms_to)*
                            Self::#unknown(n) => *n,
                        }
                    }
                }

                impl From<f64> for #name {
                    fn from(n: f64) -> Self {
                        #(#tests_from)*
                        Self::#unknown(n)
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::fmt::Display::fmt(&self.value(), f)
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = ::std::num::ParseFloatError;
                    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                        Ok(Self::from(s.parse::<f64>()?))
                    }
                }

                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                        serializer.serialize_f64(self.value())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                        Ok(Self::from(<f64 as ::serde::Deserialize>::deserialize(deserializer)?))
                    }
                }

                #request_content
            })
        }
        ref other => Err(Error::unsupported(def.location.clone(), format!("an enum of {other:?} values (only string, integer and number enums are)"))),
    }
}
