//! The one mapping from IR types to the Rust types the emitted crate uses, as plain data.
//!
//! `expand` turns a `RustShape` into tokens, `diff` into text when it judges whether a change
//! breaks callers, `lower::clients` asks it which fields are `Option`s, and the example tests'
//! plan (`plan`) how a method takes each argument and which values decode to a default; none of
//! them maps a type on its own.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Field, Primitive, TypeDef, TypeKind, TypeRef};

/// The Rust type the emitter writes for a type reference, before it becomes tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustShape<'t> {
    /// A scalar.
    Scalar(Scalar),
    /// `Vec<item>`.
    Vec(Box<RustShape<'t>>),
    /// `HashMap<String, value>`.
    Map(Box<RustShape<'t>>),
    /// A type of `models`, by name.
    Named(&'t str),
    /// `serde_json::Value`.
    Json,
}

/// The scalar Rust types of the emitted models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `time::OffsetDateTime`.
    DateTime,
    /// `Vec<u8>`.
    Bytes,
    /// `String`.
    String,
}

impl Scalar {
    /// Its short name, for docs and reports.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I32 => "i32",
            Scalar::I64 => "i64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::DateTime => "OffsetDateTime",
            Scalar::Bytes => "Vec<u8>",
            Scalar::String => "String",
        }
    }
}

/// The Rust type of a value of `ty` (`top`: a field's own type, where the serde helpers for
/// dates and bytes apply; a date-time directly in a top-level array or map has them too,
/// `time::List`/`time::Map`, anything nested deeper keeps its string form).
pub fn rust_shape(ty: &TypeRef, top: bool) -> RustShape<'_> {
    match ty {
        TypeRef::Primitive(p) => RustShape::Scalar(scalar(p, top)),
        TypeRef::Array(item) => RustShape::Vec(Box::new(rust_shape(item, top && is_date_time(item)))),
        TypeRef::Map(value) => RustShape::Map(Box::new(rust_shape(value, top && is_date_time(value)))),
        TypeRef::Named(name) => RustShape::Named(name),
        TypeRef::Any => RustShape::Json,
    }
}

/// A primitive's Rust type; `top` says whether serde helpers can apply (not inside a container).
fn scalar(p: &Primitive, top: bool) -> Scalar {
    match p {
        Primitive::Bool => Scalar::Bool,
        Primitive::Int32 => Scalar::I32,
        Primitive::Int64 => Scalar::I64,
        Primitive::Float32 => Scalar::F32,
        Primitive::Float64 => Scalar::F64,
        Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime if top => Scalar::DateTime,
        Primitive::Bytes if top => Scalar::Bytes,
        _ => Scalar::String,
    }
}

/// Whether `ty` is a date-time of a format the crate reads into `OffsetDateTime`.
fn is_date_time(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime))
}

/// Whether a top-level value of `ty` is a Rust `String` (so a constructor can take `impl Into<String>`).
pub fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(p) if is_string_primitive(p))
}

/// Whether values of `p` are Rust `String`s: plain strings and the string formats kept as
/// strings. Methods take these parameters as `&str`, and the example tests pass them as literals,
/// so both ask here.
pub fn is_string_primitive(p: &Primitive) -> bool {
    scalar(p, true) == Scalar::String
}

/// A field held as its plain type rather than an `Option`: required, written by clients
/// (not read-only) and not nullable.
pub fn field_is_plain(field: &Field) -> bool {
    field.required && !field.read_only && !field.nullable
}

/// How a method takes a required parameter as an argument. (An options field holds the owned
/// type, whatever the parameter.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgumentForm<'t> {
    /// `&str`: a string (as `is_string_primitive` says).
    Str,
    /// `&[u8]`: bytes.
    Bytes,
    /// `&[T]`: a list, borrowed as a slice of its owned items (of this type).
    Slice(&'t TypeRef),
    /// `&serde_json::Value`: any JSON.
    Json,
    /// The owned type itself (numbers, dates, enums, aliases).
    Owned,
}

/// How a method takes a required parameter of type `ty` (as written, aliases not followed): the
/// emitted signature and the example tests' calls both ask here.
pub fn argument_form(ty: &TypeRef) -> ArgumentForm<'_> {
    match ty {
        TypeRef::Primitive(p) if is_string_primitive(p) => ArgumentForm::Str,
        TypeRef::Primitive(Primitive::Bytes) => ArgumentForm::Bytes,
        TypeRef::Array(item) => ArgumentForm::Slice(item),
        TypeRef::Any => ArgumentForm::Json,
        _ => ArgumentForm::Owned,
    }
}

/// Whether values of `ty` implement `Default` (so a struct of them can derive it, and serde
/// can fill a missing required field with it): see [`Defaults`]. It settles every type of `types`;
/// a caller that asks about many uses builds `Defaults` once.
pub fn has_default(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> bool {
    Defaults::new(types).has(ty)
}

/// The named types whose values implement `Default`: a struct without discriminator whose plain
/// fields all have defaults, or an alias of a type with one; enums and unions have none. A struct
/// whose plain fields lead back to itself has none either (its `default()` would never end). The
/// least fixed point of that rule, settled by counting what each type still waits for: linear,
/// without recursion (a spec decides how deep its types hold one another).
#[derive(Debug, Clone, Default)]
pub struct Defaults(BTreeSet<String>);

/// What a value of a type use needs to have a default.
enum Needs<'t> {
    /// It never has one (a date-time).
    Never,
    /// It always has one (a string, a number, a list, a map, any JSON).
    Nothing,
    /// The named type must have one.
    Type(&'t str),
}

fn default_needs(ty: &TypeRef) -> Needs<'_> {
    match ty {
        TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime) => Needs::Never,
        TypeRef::Primitive(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Any => Needs::Nothing,
        TypeRef::Named(name) => Needs::Type(name),
    }
}

impl Defaults {
    /// The types of `types` that have a default.
    pub fn new(types: &BTreeMap<String, TypeDef>) -> Self {
        // Per type: how many needed types are still unsettled; who needs it.
        let mut waiting: BTreeMap<&str, usize> = BTreeMap::new();
        let mut needed_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut ready: Vec<&str> = Vec::new();
        for (name, def) in types {
            let uses: Vec<&TypeRef> = match &def.kind {
                TypeKind::Enum(_) => continue,
                TypeKind::Object(object) if object.discriminator.is_some() => continue,
                TypeKind::Object(object) => object.fields.iter().filter(|f| field_is_plain(f)).map(|f| &f.ty).collect(),
                TypeKind::Alias(target) => vec![target],
            };
            let mut needs = Vec::new();
            let mut possible = true;
            for ty in uses {
                match default_needs(ty) {
                    Needs::Never => possible = false,
                    Needs::Nothing => {}
                    Needs::Type(other) => needs.push(other),
                }
            }
            if !possible {
                continue;
            }
            needs.sort_unstable();
            needs.dedup();
            if needs.is_empty() {
                ready.push(name);
            }
            waiting.insert(name, needs.len());
            for other in needs {
                needed_by.entry(other).or_default().push(name);
            }
        }
        let mut defaults = BTreeSet::new();
        while let Some(name) = ready.pop() {
            if !defaults.insert(name.to_string()) {
                continue;
            }
            for user in needed_by.get(name).into_iter().flatten() {
                if let Some(count) = waiting.get_mut(user) {
                    *count -= 1;
                    if *count == 0 {
                        ready.push(user);
                    }
                }
            }
        }
        Self(defaults)
    }

    /// Whether values of `ty` implement `Default`.
    pub fn has(&self, ty: &TypeRef) -> bool {
        match default_needs(ty) {
            Needs::Never => false,
            Needs::Nothing => true,
            Needs::Type(name) => self.0.contains(name),
        }
    }
}

/// What `ty` names once aliases are followed (lower refuses a chain longer than
/// `ir::MAX_NESTING`, which bounds the loop even on an IR that breaks that rule).
pub fn resolve_alias<'t>(types: &'t BTreeMap<String, TypeDef>, ty: &'t TypeRef) -> &'t TypeRef {
    let mut ty = ty;
    for _ in 0..=crate::ir::MAX_NESTING {
        match ty {
            TypeRef::Named(name) => match types.get(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) => ty = target,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// The Rust type emitted for `ty`, as text (`Vec<String>`, `JobResponse`), type aliases seen
/// through as Rust sees them: an alias is emitted as `type Name = <its target as a field's own
/// type>`. For docs and reports.
pub fn rust_text(types: &BTreeMap<String, TypeDef>, ty: &TypeRef, top: bool) -> String {
    shape_text(types, &rust_shape(ty, top), 0)
}

fn shape_text(types: &BTreeMap<String, TypeDef>, shape: &RustShape<'_>, depth: usize) -> String {
    match shape {
        RustShape::Scalar(scalar) => scalar.name().into(),
        RustShape::Vec(item) => format!("Vec<{}>", shape_text(types, item, depth)),
        RustShape::Map(value) => format!("HashMap<String, {}>", shape_text(types, value, depth)),
        RustShape::Named(name) => match types.get(*name).map(|t| &t.kind) {
            // A cycle of aliases cannot be emitted anyway; stop at a fixed depth.
            Some(TypeKind::Alias(target)) if depth < 16 => shape_text(types, &rust_shape(target, true), depth + 1),
            _ => name.to_string(),
        },
        RustShape::Json => "serde_json::Value".into(),
    }
}
