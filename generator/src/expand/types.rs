//! IR type references to Rust types, and the serde helpers some of them need.
//!
//! Date-times are `time::OffsetDateTime`, read and written through azure_core's serde helpers
//! (`unix_time`) and the crate's own `time` module (`Rfc3339`, `Rfc7231`: written as the spec
//! says, read in either form, see `generator/runtime/src/time.rs`). Those helpers cover a value, an
//! array of values or a map of them, each optional or not; a date-time nested deeper (an array
//! of arrays) is kept as its string form, as are byte strings inside containers.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::{BTreeMap, BTreeSet};

use super::{ident, Context};
use crate::error::{Location, Result};
use crate::graph::Graph;
use crate::ir::{Api, Primitive, TypeKind, TypeRef};
pub(crate) use crate::rust_types::{field_is_plain, is_string, is_string_primitive};
use crate::rust_types::{rust_shape, RustShape, Scalar};

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
    /// The named types whose values implement `Default`: a struct without discriminator whose
    /// plain fields all have defaults, or an alias of a type with one. Enums and unions have none.
    /// A struct whose plain fields lead back to itself has none either (its `default()` would
    /// never end).
    defaults: crate::rust_types::Defaults,
    /// Each named type's strongly connected component in the graph of types held inline (a
    /// struct's fields not behind a `Vec` or map, an `Option` being inline; a union's variants;
    /// an alias's target): a field whose type is in its struct's component is boxed.
    component: BTreeMap<String, usize>,
    /// The named types (aliases followed) that are some operation's request body, which must
    /// convert into `RequestContent` (`try_into()`) whatever kind of type they are.
    bodies: BTreeSet<String>,
    /// The most arrays and maps any type written in the crate nests (a field's, an alias's, a
    /// parameter's, a body's, a response's).
    deepest: usize,
}

impl TypeFacts {
    /// The facts of `api`'s types.
    pub(crate) fn new(api: &Api) -> Self {
        let bodies = api
            .operations
            .iter()
            .filter_map(|operation| operation.body.as_ref())
            .filter_map(|body| match crate::rust_types::resolve_alias(&api.types, &body.ty) {
                TypeRef::Named(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        Self {
            defaults: crate::rust_types::Defaults::new(&api.types),
            component: inline_components(api),
            bodies,
            deepest: deepest(api),
        }
    }

    /// Whether some type of the crate nests arrays and maps so deep (3 levels; methods wrap it in
    /// `Result<Response<...>>` or a pager) that clippy's `type_complexity` would refuse it: the
    /// spec decides the shape, so the crate allows it then.
    pub(crate) fn complex_types(&self) -> bool {
        self.deepest >= 3
    }

    /// Whether the named type `name` is a request body (see `bodies`).
    pub(crate) fn is_body(&self, name: &str) -> bool {
        self.bodies.contains(name)
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
        TypeRef::Array(inner) | TypeRef::Map(inner) => 1 + containers(inner),
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
    fn defaults_follow_plain_fields_and_a_required_cycle_has_none() {
        let mut api = api("1");
        let when = TypeRef::Primitive(Primitive::DateTime);
        api.types.extend([
            object("Plain", vec![field("name", TypeRef::Primitive(Primitive::String), true, false)]),
            object("HoldsPlain", vec![field("p", named("Plain"), true, false)]),
            object("Dated", vec![field("at", when.clone(), true, false)]),
            object("OptionallyDated", vec![field("at", when, false, false)]),
            object("HoldsDated", vec![field("d", named("Dated"), true, false)]),
            object("Loop", vec![field("next", named("Loop"), true, false)]),
            object("OptionalLoop", vec![field("next", named("OptionalLoop"), false, false)]),
        ]);
        api.types.insert(
            "Alias".into(),
            TypeDef { kind: TypeKind::Alias(named("HoldsPlain")), ..object("Alias", Vec::new()).1 },
        );
        let facts = TypeFacts::new(&api);
        let has = |name: &str| facts.defaults.has(&named(name));
        assert!(has("Plain") && has("HoldsPlain") && has("OptionallyDated") && has("OptionalLoop") && has("Alias"));
        assert!(!has("Dated") && !has("HoldsDated"));
        assert!(!has("Loop"), "Loop::default() would never end");
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
