//! IR type references to Rust types, and the codecs that write and read the ones serde's own
//! way does not (`crate::codec`, from `generator/runtime/src/codec.rs`): date-times, dates,
//! durations and bytes at any depth, and values that may be `null`.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::BTreeMap;

use super::{ident, Context};
use crate::error::{Location, Result};
use crate::graph::Graph;
use crate::ir::{Api, TypeKind, TypeRef};
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
        Codec::File => quote! { #module::File },
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

/// The serde `with` path of a field read and written by `codec` (`field_codec`):
/// `crate::codec::As::<C>`.
pub(crate) fn serde_with(codec: &Codec) -> String {
    format!("crate::codec::As::<{}>", codec.path("crate::codec"))
}

/// The codec a field of type `ty` is written and read with (`optional`: the field is an
/// `Option`), when its values need one: what `serde_with` names for serde, and what the field's
/// line of the model's `Deserialize` reads it with.
pub(crate) fn field_codec(ctx: &Context<'_>, ty: &TypeRef, optional: bool) -> Option<Codec> {
    let codec = codec(&ctx.api.types, ty)?;
    Some(if optional { Codec::Nullable(Box::new(codec)) } else { codec })
}

/// Whether values of `ty` implement `Default` (so a struct of them can derive it): decided
/// once per crate (`TypeFacts`, `rust_types::Defaults`).
pub(crate) fn has_default(ctx: &Context<'_>, ty: &TypeRef) -> bool {
    ctx.facts.defaults.has(ty)
}

/// Facts about the named types as a whole, which the emitter needs for each struct and field:
/// computed once per crate, without recursion (a spec decides how deep its types nest: 5,000
/// definitions each holding the next is a valid spec) and in time linear in the types and fields.
#[derive(Debug, Default)]
pub(crate) struct TypeFacts {
    /// The named types whose values implement `Default` (see `rust_types::Defaults`).
    defaults: crate::rust_types::Defaults,
    /// Each named type's strongly connected component in the graph of types held inline (a
    /// struct's fields not behind a `Vec` or map, an `Option` being inline; a union's variants;
    /// an alias's target): a field whose type is in its struct's component is boxed.
    component: BTreeMap<String, usize>,
    /// The most arrays and maps any type written in the crate nests (a field's, an alias's, a
    /// parameter's, a body's, a response's).
    deepest: usize,
}

impl TypeFacts {
    /// The facts of `api`'s types.
    pub(crate) fn new(api: &Api) -> Self {
        Self { defaults: crate::rust_types::Defaults::new(&api.types), component: inline_components(api), deepest: deepest(api) }
    }

    /// Whether some type of the crate nests arrays and maps so deep (3 levels; methods wrap it in
    /// `Result<Response<...>>` or a pager) that clippy's `type_complexity` would refuse it: the
    /// spec decides the shape, so the crate allows it then.
    pub(crate) fn complex_types(&self) -> bool {
        self.deepest >= 3
    }

    /// Whether a field of type `ty` in struct `owner` is held in a `Box`: `ty` names a type that
    /// holds `owner` inline (a union holds its variants inline), so without the box `owner` would
    /// have no size.
    pub(crate) fn boxed(&self, owner: &str, ty: &TypeRef) -> bool {
        let TypeRef::Named(name) = ty else { return false };
        name == owner || (self.component.contains_key(name) && self.component.get(name) == self.component.get(owner))
    }
}

/// How many arrays and maps `ty` nests (written inline: the parsers bound it).
fn containers(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => 1 + containers(inner),
        TypeRef::Primitive(_) | TypeRef::Named(_) | TypeRef::Any => 0,
    }
}

/// The most arrays and maps any type use of `api` nests.
fn deepest(api: &Api) -> usize {
    let mut uses: Vec<&TypeRef> = Vec::new();
    for def in api.types.values() {
        match &def.kind {
            TypeKind::Object(object) => {
                uses.extend(object.fields.iter().map(|f| &f.ty));
                uses.extend(object.additional_properties.iter());
            }
            TypeKind::Alias(target) => uses.push(target),
            TypeKind::Enum(_) => {}
        }
    }
    for operation in &api.operations {
        uses.extend(operation.parameters.iter().map(|p| &p.ty));
        uses.extend(operation.body.iter().map(|b| &b.ty));
        for response in &operation.responses {
            uses.extend(response.ty.iter());
            uses.extend(response.headers.iter().map(|h| &h.ty));
        }
    }
    uses.into_iter().map(containers).max().unwrap_or(0)
}

/// Each named type's component in the graph of types held inline (see `TypeFacts::component`).
fn inline_components(api: &Api) -> BTreeMap<String, usize> {
    let graph = Graph::new(api.types.keys().cloned(), |name| {
        let Some(def) = api.types.get(name) else { return Vec::new() };
        let named = |ty: &TypeRef| match ty {
            TypeRef::Named(n) => Some(n.clone()),
            _ => None,
        };
        match &def.kind {
            TypeKind::Object(object) => match &object.discriminator {
                Some(discriminator) => discriminator.variants.values().cloned().collect(),
                None => object.fields.iter().filter_map(|f| named(&f.ty)).collect(),
            },
            TypeKind::Alias(target) => named(target).into_iter().collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    });
    let components = graph.components();
    graph.keys.into_iter().zip(components).collect()
}

/// An expression turning `value` into the `String` sent in a path, query or header (`by_ref`:
/// `value` is already a reference). A value with a format is written by its codec, as in a body
/// (`crate::codec::to_text`, fallible: the expression ends in `?`).
pub(crate) fn to_param_string(ctx: &Context<'_>, ty: &TypeRef, value: TokenStream, by_ref: bool) -> TokenStream {
    let reference = if by_ref { value.clone() } else { quote! { &#value } };
    match codec(&ctx.api.types, ty) {
        // Bytes arrive as `&[u8]` (an argument) or `Vec<u8>` (an options field): the codec
        // writes a `Vec<u8>`.
        Some(codec @ (Codec::Base64 | Codec::Base64Url | Codec::File)) => {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::{api, field, object};
    use crate::ir::{Discriminator, TypeDef};

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    /// A union root `Base` whose one variant, `Sub`, holds a `Base`.
    fn union_holding_its_root() -> Api {
        let mut api = api("1");
        let (name, mut base) = object("Base", Vec::new());
        if let TypeKind::Object(o) = &mut base.kind {
            o.discriminator = Some(Discriminator {
                property: "kind".into(),
                variants: [("sub".to_string(), "Sub".to_string())].into_iter().collect(),
            });
        }
        api.types.insert(name, base);
        api.types.extend([object("Sub", vec![field("parent", named("Base"), false, false)])]);
        api
    }

    #[test]
    fn a_field_holding_a_union_of_its_own_struct_is_boxed() {
        let facts = TypeFacts::new(&union_holding_its_root());
        assert!(facts.boxed("Sub", &named("Base")), "Base holds Sub inline, so Sub must box its Base");
        assert!(!facts.boxed("Sub", &TypeRef::Array(Box::new(named("Base")))), "a Vec already has a size");
    }

    #[test]
    fn boxing_is_only_for_cycles() {
        let mut api = api("1");
        api.types.extend([
            object("A", vec![field("b", named("B"), false, false), field("me", named("A"), false, false)]),
            object("B", vec![field("c", named("C"), false, false)]),
            object("C", vec![field("a", named("A"), true, false), field("list", TypeRef::Array(Box::new(named("A"))), true, false)]),
            object("D", vec![field("a", named("A"), true, false)]),
        ]);
        let facts = TypeFacts::new(&api);
        assert!(facts.boxed("A", &named("A")) && facts.boxed("A", &named("B")) && facts.boxed("C", &named("A")));
        assert!(!facts.boxed("D", &named("A")), "D is not on the cycle");
    }

    #[test]
    fn only_types_without_required_writable_fields_have_defaults() {
        let mut api = api("1");
        let when = TypeRef::Primitive(crate::ir::Primitive::DateTime);
        let text = TypeRef::Primitive(crate::ir::Primitive::String);
        let mut read_only = field("id", text.clone(), true, true);
        read_only.read_only = true;
        api.types.extend([
            object("Plain", vec![field("name", text.clone(), true, false)]),
            object("Optional", vec![field("name", text, false, false), read_only]),
            object("OptionallyDated", vec![field("at", when, false, false)]),
            object("Loop", vec![field("next", named("Loop"), true, false)]),
            object("OptionalLoop", vec![field("next", named("OptionalLoop"), false, false)]),
        ]);
        for (alias, target) in [("AliasOfPlain", "Plain"), ("AliasOfOptional", "Optional")] {
            api.types.insert(alias.into(), TypeDef { kind: TypeKind::Alias(named(target)), ..object(alias, Vec::new()).1 });
        }
        let facts = TypeFacts::new(&api);
        let has = |name: &str| facts.defaults.has(&named(name));
        assert!(has("Optional") && has("OptionallyDated") && has("OptionalLoop") && has("AliasOfOptional"));
        assert!(!has("Plain") && !has("AliasOfPlain"), "a required field is never sent as an empty default");
        assert!(!has("Loop"));
    }

    #[test]
    fn facts_of_a_chain_of_many_thousand_types_take_no_recursion() {
        let mut api = api("1");
        let n = 20_000;
        for i in 0..n {
            let next = if i + 1 < n { named(&format!("T{}", i + 1)) } else { named("T0") };
            api.types.extend([object(&format!("T{i}"), vec![field("next", next, true, false)])]);
        }
        let facts = TypeFacts::new(&api);
        assert!(facts.boxed("T0", &named("T1")), "one cycle through all");
        assert!(!facts.defaults.has(&named("T0")), "a required cycle has no default");
    }
}
