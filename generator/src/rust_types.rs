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
    /// `Option<inner>`: a value that may be `null`.
    Option(Box<RustShape<'t>>),
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
    /// `time::OffsetDateTime`: `date-time`, `date-time-rfc1123`, `unixtime`.
    DateTime,
    /// `time::Date`: `date`.
    Date,
    /// `time::Duration` (azure_core's `time::Duration`): `duration`.
    Duration,
    /// `Vec<u8>`: `byte` (base64), `base64url`, and the file parts of a multipart body.
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
            Scalar::Date => "Date",
            Scalar::Duration => "Duration",
            Scalar::Bytes => "Vec<u8>",
            Scalar::String => "String",
        }
    }
}

/// The Rust type of a value of `ty`. Formats apply at any depth (a `Vec<Vec<OffsetDateTime>>`);
/// the codec that writes and reads them is [`codec`]'s answer.
pub fn rust_shape(ty: &TypeRef) -> RustShape<'_> {
    match ty {
        TypeRef::Primitive(p) => RustShape::Scalar(scalar(p)),
        TypeRef::Array(item) => RustShape::Vec(Box::new(rust_shape(item))),
        TypeRef::Map(value) => RustShape::Map(Box::new(rust_shape(value))),
        TypeRef::Nullable(inner) => RustShape::Option(Box::new(rust_shape(inner))),
        TypeRef::Named(name) => RustShape::Named(name),
        TypeRef::Any => RustShape::Json,
    }
}

/// A primitive's Rust type.
fn scalar(p: &Primitive) -> Scalar {
    match p {
        Primitive::Bool => Scalar::Bool,
        Primitive::Int32 => Scalar::I32,
        Primitive::Int64 => Scalar::I64,
        Primitive::Float32 => Scalar::F32,
        Primitive::Float64 => Scalar::F64,
        Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime => Scalar::DateTime,
        Primitive::Date => Scalar::Date,
        Primitive::Duration => Scalar::Duration,
        Primitive::Bytes | Primitive::Base64Url | Primitive::File => Scalar::Bytes,
        // `binary` is only ever a whole body, which is raw bytes (`lower::clients` decides), or
        // a field of a JSON model, which can only carry text; a multipart body's file fields
        // are `File` (`lower::multipart` decides).
        Primitive::String
        | Primitive::Time
        | Primitive::Uuid
        | Primitive::Binary
        | Primitive::Url
        | Primitive::ArmId
        | Primitive::UnknownFormat(_) => Scalar::String,
    }
}

/// How values of a type are written and read as JSON, where serde's own way is not the spec's:
/// the runtime's `crate::codec` types, one per variant (`Seq<Nullable<Rfc1123>>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codec {
    /// serde's own way (`codec::Serde`), for what needs nothing else.
    Serde,
    /// RFC 3339 date-times.
    Rfc3339,
    /// RFC 1123 date-times.
    Rfc1123,
    /// Unix seconds.
    UnixTime,
    /// `YYYY-MM-DD` dates.
    IsoDate,
    /// ISO 8601 durations.
    IsoDuration,
    /// Base64 bytes.
    Base64,
    /// Base64url bytes.
    Base64Url,
    /// The raw bytes of a multipart file part, written as serde bytes (which the runtime's
    /// multipart encoder sends as a file part).
    File,
    /// A JSON array of the items' codec.
    Seq(Box<Codec>),
    /// A JSON object used as a map, of the values' codec.
    Dict(Box<Codec>),
    /// A value or `null`.
    Nullable(Box<Codec>),
}

impl Codec {
    /// The path of its type in the runtime's `codec` module, `prefix` being the module's path
    /// (`crate::codec`).
    pub fn path(&self, prefix: &str) -> String {
        let leaf = |name: &str| format!("{prefix}::{name}");
        match self {
            Codec::Serde => leaf("Serde"),
            Codec::Rfc3339 => leaf("Rfc3339"),
            Codec::Rfc1123 => leaf("Rfc1123"),
            Codec::UnixTime => leaf("UnixTime"),
            Codec::IsoDate => leaf("IsoDate"),
            Codec::IsoDuration => leaf("IsoDuration"),
            Codec::Base64 => leaf("Base64"),
            Codec::Base64Url => leaf("Base64Url"),
            Codec::File => leaf("File"),
            Codec::Seq(inner) => format!("{prefix}::Seq<{}>", inner.path(prefix)),
            Codec::Dict(inner) => format!("{prefix}::Dict<{}>", inner.path(prefix)),
            Codec::Nullable(inner) => format!("{prefix}::Nullable<{}>", inner.path(prefix)),
        }
    }
}

/// The codec of values of `ty` (aliases followed), `None` when serde's own way writes and reads
/// them as the spec says: no date, duration or bytes anywhere inside. A named model carries its
/// own fields' codecs, so it is serde's.
pub fn codec(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> Option<Codec> {
    codec_at(types, ty, 0)
}

fn codec_at(types: &BTreeMap<String, TypeDef>, ty: &TypeRef, depth: usize) -> Option<Codec> {
    match ty {
        TypeRef::Primitive(p) => match p {
            Primitive::DateTime => Some(Codec::Rfc3339),
            Primitive::DateTimeRfc1123 => Some(Codec::Rfc1123),
            Primitive::UnixTime => Some(Codec::UnixTime),
            Primitive::Date => Some(Codec::IsoDate),
            Primitive::Duration => Some(Codec::IsoDuration),
            Primitive::Bytes => Some(Codec::Base64),
            Primitive::Base64Url => Some(Codec::Base64Url),
            Primitive::File => Some(Codec::File),
            _ => None,
        },
        TypeRef::Array(item) => codec_at(types, item, depth).map(|c| Codec::Seq(Box::new(c))),
        TypeRef::Map(value) => codec_at(types, value, depth).map(|c| Codec::Dict(Box::new(c))),
        TypeRef::Nullable(inner) => codec_at(types, inner, depth).map(|c| Codec::Nullable(Box::new(c))),
        // An alias is its target (`type Name = OffsetDateTime`); a chain that deep is a cycle.
        TypeRef::Named(name) if depth < 16 => match types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(target)) => codec_at(types, target, depth + 1),
            _ => None,
        },
        TypeRef::Named(_) | TypeRef::Any => None,
    }
}

/// The codec a whole body of type `ty` is written and read with when serde's own way (azure_core's
/// `JsonFormat`) would not do: a format somewhere inside, or a body that may be `null` or empty
/// (read as `None`). `None` otherwise.
pub fn body_codec(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> Option<Codec> {
    match (codec(types, ty), ty) {
        (Some(codec), _) => Some(codec),
        (None, TypeRef::Nullable(_)) => Some(Codec::Nullable(Box::new(Codec::Serde))),
        (None, _) => None,
    }
}

/// Whether a top-level value of `ty` is a Rust `String` (so a constructor can take `impl Into<String>`).
pub fn is_string(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Primitive(p) if is_string_primitive(p))
}

/// Whether values of `p` are Rust `String`s: plain strings and the string formats kept as
/// strings. Methods take these parameters as `&str`, and the example tests pass them as literals,
/// so both ask here.
pub fn is_string_primitive(p: &Primitive) -> bool {
    scalar(p) == Scalar::String
}

/// A field held as its plain type rather than an `Option`: required, written by clients
/// (not read-only) and not nullable.
pub fn field_is_plain(field: &Field) -> bool {
    field.required && !field.read_only && !field.nullable
}

/// How a model holds a field, and how it travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldForm {
    /// `T`: required, writable, never `null`; `new` takes it.
    Plain,
    /// `Option<T>`, left out of requests when `None`: optional, or read-only (never sent).
    Optional,
    /// `Option<T>` sent as `null` when `None`: required and nullable; `new` takes it.
    Nullable,
    /// `Patch<T>` (left out, `null` or a value): an optional field of a PATCH request model.
    Patch,
}

impl FieldForm {
    /// The Rust type of the field, given its value's.
    pub fn wrap(self, value: &str) -> String {
        match self {
            FieldForm::Plain => value.to_string(),
            FieldForm::Optional | FieldForm::Nullable => format!("Option<{value}>"),
            FieldForm::Patch => format!("Patch<{value}>"),
        }
    }
}

/// How a field of an object type is held (`patch`: the type is a PATCH request model, see
/// `ObjectType::patch`).
pub fn field_form(field: &Field, patch: bool) -> FieldForm {
    match (field.read_only, field.required, field.nullable) {
        (true, _, _) => FieldForm::Optional,
        (false, true, false) => FieldForm::Plain,
        (false, true, true) => FieldForm::Nullable,
        (false, false, _) if patch => FieldForm::Patch,
        (false, false, _) => FieldForm::Optional,
    }
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
        TypeRef::Primitive(Primitive::Bytes | Primitive::Base64Url | Primitive::File) => ArgumentForm::Bytes,
        TypeRef::Array(item) => ArgumentForm::Slice(item),
        TypeRef::Any => ArgumentForm::Json,
        _ => ArgumentForm::Owned,
    }
}

/// How a method takes a JSON request body of type `ty`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyForm {
    /// `RequestContent<Model>`, as official crates take a model (built with `try_into()`): the
    /// body is a struct, a union or an enum of `models`, which the crate converts.
    Content,
    /// The value itself (`Vec<OffsetDateTime>`, `Option<Model>`, a number, a string), which the
    /// method writes with this codec: azure_core's `RequestContent` conversions cannot write
    /// dates, durations, bytes or `null` the way the spec says, and the crate cannot add them
    /// (neither the trait nor `Vec`/`HashMap` is the crate's own).
    Value(Codec),
}

/// How a method takes a JSON request body of type `ty`: the emitted signature, the example
/// tests and the fakes all ask here.
pub fn body_form(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> BodyForm {
    match resolve_alias(types, ty) {
        TypeRef::Named(name) if matches!(types.get(name).map(|d| &d.kind), Some(TypeKind::Object(_) | TypeKind::Enum(_))) => {
            BodyForm::Content
        }
        _ => BodyForm::Value(codec(types, ty).unwrap_or(match ty {
            TypeRef::Nullable(_) => Codec::Nullable(Box::new(Codec::Serde)),
            _ => Codec::Serde,
        })),
    }
}

/// Whether values of `ty` implement `Default` (so a struct of them can derive it, and serde
/// can fill a missing required field with it): see [`Defaults`]. It settles every type of `types`;
/// a caller that asks about many uses builds `Defaults` once.
pub fn has_default(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> bool {
    Defaults::new(types).has(ty)
}

/// The named types whose values implement `Default`: a struct without discriminator and without
/// a required field a caller sets (constants are the client's: `default()` is then `new()`), or an
/// alias of a type with one; enums and unions have none. So a model that must be sent with a value
/// cannot be built without it (its `new` takes it), and an unset required field never goes out as
/// an empty default. The least fixed point of that rule, settled by counting what each type still
/// waits for: linear, without recursion (a spec decides how deep its aliases go).
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
        TypeRef::Primitive(Primitive::DateTime | Primitive::DateTimeRfc1123 | Primitive::UnixTime | Primitive::Date) => {
            Needs::Never
        }
        TypeRef::Primitive(_) | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Nullable(_) | TypeRef::Any => Needs::Nothing,
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
                TypeKind::Object(object) if object.fields.iter().any(|f| f.required && !f.read_only && !f.constant) => continue,
                TypeKind::Object(_) => Vec::new(),
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
/// through as Rust sees them: an alias is emitted as `type Name = <its target>`. For docs and
/// reports.
pub fn rust_text(types: &BTreeMap<String, TypeDef>, ty: &TypeRef) -> String {
    shape_text(&rust_shape(ty), &|name| match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::Alias(target)) => Some(rust_shape(target)),
        _ => None,
    })
}

/// The Rust type of `ty` as the emitted code spells it (a type alias by its name).
pub fn spelled(ty: &TypeRef) -> String {
    shape_text(&rust_shape(ty), &|_| None)
}

/// `shape` as text; `alias` gives the shape a named type stands for, when it is an alias to see
/// through (followed 16 deep at most: a cycle of aliases cannot be emitted anyway).
fn shape_text<'t>(shape: &RustShape<'t>, alias: &dyn Fn(&'t str) -> Option<RustShape<'t>>) -> String {
    fn walk<'t>(shape: &RustShape<'t>, alias: &dyn Fn(&'t str) -> Option<RustShape<'t>>, depth: usize) -> String {
        match shape {
            RustShape::Scalar(scalar) => scalar.name().into(),
            RustShape::Vec(item) => format!("Vec<{}>", walk(item, alias, depth)),
            RustShape::Map(value) => format!("HashMap<String, {}>", walk(value, alias, depth)),
            RustShape::Option(inner) => format!("Option<{}>", walk(inner, alias, depth)),
            RustShape::Named(name) => match alias(name) {
                Some(target) if depth < 16 => walk(&target, alias, depth + 1),
                _ => name.to_string(),
            },
            RustShape::Json => "serde_json::Value".into(),
        }
    }
    walk(shape, alias, 0)
}
