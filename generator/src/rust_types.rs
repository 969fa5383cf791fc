//! The one mapping from IR types to the Rust types the emitted crate uses, as plain data.
//!
//! `expand` turns a `RustShape` into tokens, `diff` into text when it judges whether a change
//! breaks callers, and `lower::clients` asks it which fields are `Option`s; none of them maps a
//! type on its own.

use std::collections::BTreeMap;

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
