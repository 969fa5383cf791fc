//! Schemas to types: component schemas to type definitions, every use of a schema to a `TypeRef`
//! (naming the inline ones), and the discriminated hierarchies linked at the end.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use serde_json::Value;

use super::naming::EnumName;
use super::schema::SchemaView;
use super::{join, Lowerer};
use crate::error::{Error, Result};
use crate::ir::{
    Discriminator, EnumType, EnumValue, Field, Mutability, ObjectType, Primitive, TypeDef, TypeKind, TypeRef,
};
use crate::names;

/// A schema as written where it is used: a `$ref` or inline.
#[derive(Clone, Copy)]
pub(super) enum SchemaUse<'a> {
    /// `$ref` to a component schema.
    Ref(&'a str),
    /// An inline schema.
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaUse<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaUse::Ref(reference),
            ReferenceOr::Item(schema) => SchemaUse::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaUse<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => SchemaUse::Ref(reference),
            ReferenceOr::Item(schema) => SchemaUse::Inline(schema),
        }
    }
}

/// `x-ms-enum`, read.
struct MsEnum<'a> {
    /// `name`.
    name: Option<&'a str>,
    /// `modelAsString`, true when absent.
    model_as_string: bool,
    /// `values`: value → (name, description).
    values: Vec<(&'a Value, Option<&'a str>, Option<&'a str>)>,
}

/// Reads `x-ms-enum` of `view` (absent: no name, modelAsString true, no values).
fn ms_enum<'a>(view: &SchemaView<'a>) -> MsEnum<'a> {
    let ext = view.extension("x-ms-enum");
    let values = ext
        .and_then(|e| e.get("values"))
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| {
                    let value = v.get("value")?;
                    Some((value, v.get("name").and_then(Value::as_str), v.get("description").and_then(Value::as_str)))
                })
                .collect()
        })
        .unwrap_or_default();
    MsEnum {
        name: ext.and_then(|e| e.get("name")).and_then(Value::as_str),
        model_as_string: ext.and_then(|e| e.get("modelAsString")).and_then(Value::as_bool).unwrap_or(true),
        values,
    }
}

/// The one value of a schema written in place that is AutoRest's constant: one `enum` value and
/// `modelAsString: false` (absent means `true`), or any modelling when `pinned` (an operation's
/// own `api-version` of one value pins it, as Key Vault's `Vaults_List` is pinned).
pub(super) fn constant_of(view: &SchemaView<'_>, pinned: bool) -> Option<Value> {
    match view.enumeration.as_slice() {
        [only] if pinned || !ms_enum(view).model_as_string => Some(only.clone()),
        _ => None,
    }
}

/// Whether an enum schema is lowered as an enum type (boolean "enums" stay booleans).
fn is_enum(view: &SchemaView<'_>) -> bool {
    !view.enumeration.is_empty() && view.typ != Some("boolean")
}

/// The Rust variant name of an enum value without an `x-ms-enum` name.
fn variant_name(value: &Value) -> String {
    match value {
        Value::String(s) => names::pascal(s),
        Value::Number(n) => {
            let text = n.to_string();
            match text.strip_prefix('-') {
                Some(positive) => names::pascal(&format!("Minus{positive}")),
                None => names::pascal(&text),
            }
        }
        other => names::pascal(&other.to_string()),
    }
}

/// The type's description: `description`, else `title`.
fn description(view: &SchemaView<'_>) -> Option<String> {
    view.data.description.clone().or_else(|| view.data.title.clone())
}

/// Adds to `existing` the values of `more` it lacks, keeping variant names unique.
fn widen(existing: &mut EnumType, more: EnumType) {
    let mut taken: BTreeSet<String> = existing.values.iter().map(|v| v.name.clone()).collect();
    for mut value in more.values {
        if existing.values.iter().all(|v| v.value != value.value) {
            value.name = names::unique(value.name, &mut taken);
            existing.values.push(value);
        }
    }
}

/// An object type that declares nothing (`type: object` with no properties, bases or
/// `additionalProperties`) says nothing about its properties, so it holds whatever it is given:
/// its values keep every property, as `additionalProperties` (an empty struct would drop them).
pub(super) fn keep_unknown_properties_of_empty(object: &mut ObjectType) {
    if object.fields.is_empty()
        && object.bases.is_empty()
        && object.discriminator.is_none()
        && object.discriminator_value.is_none()
        && object.additional_properties.is_none()
    {
        object.additional_properties = Some(TypeRef::Any);
    }
}

/// Adds the fields of `base_object` (the type `base`) to `object`, marked as inherited from it,
/// and its `additionalProperties` when `object` has none.
pub(super) fn inherit(object: &mut ObjectType, base: &str, base_object: &ObjectType) {
    for field in &base_object.fields {
        let mut field = field.clone();
        field.inherited_from.get_or_insert_with(|| base.to_string());
        merge_field(&mut object.fields, field);
    }
    if object.additional_properties.is_none() {
        object.additional_properties = base_object.additional_properties.clone();
    }
}

/// Puts `field` in `fields`: in place of a field of the same wire name, else at the end.
pub(super) fn merge_field(fields: &mut Vec<Field>, field: Field) {
    match fields.iter_mut().find(|f| f.wire_name == field.wire_name) {
        Some(existing) => *existing = field,
        None => fields.push(field),
    }
}

impl<'a> Lowerer<'a> {
    /// Names every component schema (rule 1 of `naming`), then lowers each, in document order.
    pub(super) fn lower_components(&mut self) -> Result<()> {
        let Some(components) = self.document().components.as_ref() else { return Ok(()) };
        for (key, schema) in &components.schemas {
            let (enum_name, values) = match schema {
                ReferenceOr::Item(schema) => {
                    let view = SchemaView::new(schema);
                    if is_enum(&view) {
                        (ms_enum(&view).name, Some(view.enumeration.clone()))
                    } else {
                        (None, None)
                    }
                }
                ReferenceOr::Reference { .. } => (None, None),
            };
            let (_, new) = self.names.reserve_component(key, enum_name, values.as_deref());
            if !new {
                self.merged.insert(key.clone());
            }
        }
        self.check_all_of_chains()?;
        for key in components.schemas.keys() {
            self.lower_component(key)?;
        }
        self.complete_deferred_bases()?;
        self.settle_aliases()
    }

    /// The Rust name of the component schema a `$ref` names.
    pub(super) fn named_ref(&self, reference: &str, at: &str) -> Result<String> {
        let schemas = self.document().components.as_ref().map(|c| &c.schemas);
        let (key, _) = self.component_key(reference, "schemas", schemas, at)?;
        self.component_name(key, at)
    }

    /// Whether the component schema a `$ref` names (through aliases of one `$ref`) is marked
    /// `readOnly`.
    fn component_read_only(&self, reference: &str, at: &str) -> Result<bool> {
        Ok(self.component_schema(reference, at)?.is_some_and(|schema| schema.schema_data.read_only))
    }

    /// Whether the component schema a `$ref` names (through aliases of one `$ref`) may be `null`.
    fn component_nullable(&self, reference: &str, at: &str) -> Result<bool> {
        Ok(self.component_schema(reference, at)?.is_some_and(|schema| SchemaView::new(schema).nullable()))
    }

    /// The component schema a `$ref` names, through aliases of one `$ref`.
    fn component_schema(&self, reference: &str, at: &str) -> Result<Option<&'a Schema>> {
        let schemas = self.document().components.as_ref().map(|c| &c.schemas);
        let mut reference = reference;
        // A chain of aliases is short; a cycle of them was refused when bundling.
        for _ in 0..16 {
            let (_, schema) = self.component_key(reference, "schemas", schemas, at)?;
            match schema {
                ReferenceOr::Reference { reference: next } => reference = next,
                ReferenceOr::Item(schema) => return Ok(Some(schema)),
            }
        }
        Ok(None)
    }

    /// The Rust name reserved for component schema `key`.
    fn component_name(&self, key: &str, at: &str) -> Result<String> {
        self.names
            .component(key)
            .map(str::to_string)
            .ok_or_else(|| Error::invalid(self.locate(at), format!("a component schema named `{key}`")))
    }

    /// Lowers component schema `key` (once) and returns its Rust name.
    fn lower_component(&mut self, key: &str) -> Result<String> {
        let pointer = join("/components/schemas", key);
        let name = self.component_name(key, &pointer)?;
        if self.types.contains_key(&name) || self.merged.contains(key) {
            return Ok(name);
        }
        // Met again while it is being lowered: reached through one of its own properties (an
        // allOf chain back to it was refused up front). Its name is all the caller gets for now.
        if !self.in_progress.insert(key.to_string()) {
            return Ok(name);
        }
        let schemas = self.document().components.as_ref().map(|c| &c.schemas);
        let schema = schemas.and_then(|s| s.get(key)).ok_or_else(|| Error::invalid(self.locate(&pointer), "a schema"))?;
        let (kind, description) = match schema {
            ReferenceOr::Reference { reference } => (TypeKind::Alias(TypeRef::Named(self.named_ref(reference, &pointer)?)), None),
            ReferenceOr::Item(schema) => {
                let view = SchemaView::new(schema);
                let kind = if is_enum(&view) {
                    TypeKind::Enum(self.lower_enum(&view, &pointer)?)
                } else if view.is_object() {
                    let mut object = self.lower_object(&view, &name, &pointer)?;
                    keep_unknown_properties_of_empty(&mut object);
                    TypeKind::Object(object)
                } else {
                    TypeKind::Alias(self.lower_shape(&view, key, &pointer)?)
                };
                (kind, description(&view))
            }
        };
        self.in_progress.remove(key);
        let location = self.locate(&pointer);
        self.types.insert(name.clone(), TypeDef { name: name.clone(), spec_name: key.to_string(), description, location, kind });
        Ok(name)
    }

    /// Lowers a use of a schema; `hint` is the derived name an inline type would take.
    pub(super) fn lower_use(&mut self, schema: SchemaUse<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        match schema {
            SchemaUse::Ref(reference) => Ok(TypeRef::Named(self.named_ref(reference, pointer)?)),
            SchemaUse::Inline(schema) => self.lower_inline(&SchemaView::new(schema), hint, pointer),
        }
    }

    /// AutoRest's constant, when `schema` is one written in place: one `enum` value and
    /// `modelAsString: false` (booleans too). Its value, and the type of that value, lowered
    /// without the enum (`format: date` stays a date): a response that can only be the constant
    /// reads as its type, and a required body that can only be it is the method's to send.
    pub(super) fn inline_constant(&mut self, schema: SchemaUse<'a>, pointer: &str) -> Result<Option<(Value, TypeRef)>> {
        let SchemaUse::Inline(schema) = schema else { return Ok(None) };
        let view = SchemaView::new(schema);
        let Some(only) = constant_of(&view, false) else { return Ok(None) };
        let mut plain = view.clone();
        plain.enumeration.clear();
        Ok(Some((only, self.lower_inline(&plain, "Constant", pointer)?)))
    }

    /// Lowers a use of a schema whose value may be `null` when the schema says so: array items,
    /// map values, bodies. (A property's nullability is its field's; a parameter is never `null`.)
    pub(super) fn lower_value_use(&mut self, schema: SchemaUse<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        let nullable = match schema {
            SchemaUse::Ref(reference) => self.component_nullable(reference, pointer)?,
            SchemaUse::Inline(schema) => SchemaView::new(schema).nullable(),
        };
        let ty = self.lower_use(schema, hint, pointer)?;
        Ok(if nullable { TypeRef::Nullable(Box::new(ty)) } else { ty })
    }

    /// Lowers an inline schema: a named type for enums and objects, a structural type otherwise.
    pub(super) fn lower_inline(&mut self, view: &SchemaView<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        if let Some(reference) = view.single_ref() {
            return Ok(TypeRef::Named(self.named_ref(reference, &format!("{pointer}/allOf/0"))?));
        }
        if is_enum(view) {
            let ms_enum = ms_enum(view);
            let spec_name = ms_enum.name.unwrap_or(hint);
            let decided = self.names.enum_name(spec_name, &view.enumeration, true);
            match &decided {
                EnumName::New(name) => {
                    let kind = TypeKind::Enum(self.lower_enum(view, pointer)?);
                    self.insert_inline(name.clone(), spec_name.to_string(), view, pointer, kind);
                }
                EnumName::Widened(name) => {
                    let more = self.lower_enum(view, pointer)?;
                    if let Some(TypeDef { kind: TypeKind::Enum(existing), .. }) = self.types.get_mut(name) {
                        widen(existing, more);
                    }
                }
                EnumName::Same(_) => {}
            }
            return Ok(TypeRef::Named(decided.name().to_string()));
        }
        if view.properties.is_some() || !view.all_of.is_empty() || view.data.discriminator.is_some() {
            let name = self.names.inline(hint);
            let mut object = self.lower_object(view, &name, pointer)?;
            keep_unknown_properties_of_empty(&mut object);
            let kind = TypeKind::Object(object);
            self.insert_inline(name.clone(), hint.to_string(), view, pointer, kind);
            return Ok(TypeRef::Named(name));
        }
        self.lower_shape(view, hint, pointer)
    }

    /// Adds the definition of an inline type.
    fn insert_inline(&mut self, name: String, spec_name: String, view: &SchemaView<'_>, pointer: &str, kind: TypeKind) {
        let location = self.locate(pointer);
        let def = TypeDef { name: name.clone(), spec_name, description: description(view), location, kind };
        self.types.insert(name, def);
    }

    /// Lowers a schema that is not an enum or object: a map, an array, a primitive, or anything.
    fn lower_shape(&mut self, view: &SchemaView<'a>, hint: &str, pointer: &str) -> Result<TypeRef> {
        for (keyword, present) in [("oneOf", !view.one_of.is_empty()), ("anyOf", !view.any_of.is_empty()), ("not", view.not)] {
            if present {
                self.record(pointer, format!("{keyword} (kept as any JSON value)"));
                return Ok(TypeRef::Any);
            }
        }
        if view.is_map() {
            let values = self.lower_additional(view, hint, pointer)?.unwrap_or(TypeRef::Any);
            return Ok(TypeRef::Map(Box::new(values)));
        }
        match view.typ {
            Some("array") => match view.items {
                Some(items) => {
                    let items = self.lower_value_use(items.into(), &format!("{hint}Item"), &format!("{pointer}/items"))?;
                    Ok(TypeRef::Array(Box::new(items)))
                }
                None => {
                    self.record(pointer, "an array without `items` (items kept as any JSON value)");
                    Ok(TypeRef::Array(Box::new(TypeRef::Any)))
                }
            },
            Some("object") => Ok(TypeRef::Any),
            None if view.format.is_none() => Ok(TypeRef::Any),
            None | Some("string" | "integer" | "number" | "boolean" | "file") => {
                Ok(TypeRef::Primitive(self.lower_primitive(view, pointer)))
            }
            Some(other) => Err(Error::invalid(
                self.locate(&format!("{pointer}/type")),
                format!("a JSON schema type (string, integer, number, boolean, array, object), found `{other}`"),
            )),
        }
    }

    /// The type of `additionalProperties`, when the schema has one.
    fn lower_additional(&mut self, view: &SchemaView<'a>, hint: &str, pointer: &str) -> Result<Option<TypeRef>> {
        match view.additional_properties {
            None | Some(AdditionalProperties::Any(false)) => Ok(None),
            Some(AdditionalProperties::Any(true)) => Ok(Some(TypeRef::Any)),
            Some(AdditionalProperties::Schema(schema)) => {
                let at = format!("{pointer}/additionalProperties");
                Ok(Some(self.lower_value_use(schema.as_ref().into(), &format!("{hint}Value"), &at)?))
            }
        }
    }

    /// The primitive a scalar schema is, by type and format. Unknown formats are kept (as a
    /// string, or the type's default number) and recorded.
    fn lower_primitive(&mut self, view: &SchemaView<'_>, pointer: &str) -> Primitive {
        let format = view.format.as_deref();
        let typ = view.typ.unwrap_or("string");
        let known = match (typ, format) {
            ("boolean", _) => Some(Primitive::Bool),
            ("file", _) => Some(Primitive::Binary),
            ("integer", None | Some("int64")) => Some(Primitive::Int64),
            ("integer", Some("int32")) => Some(Primitive::Int32),
            ("integer", Some("unixtime")) => Some(Primitive::UnixTime),
            ("number", None | Some("double")) => Some(Primitive::Float64),
            ("number", Some("float")) => Some(Primitive::Float32),
            (_, None) => Some(Primitive::String),
            (_, Some(format)) => match format {
                "date-time" => Some(Primitive::DateTime),
                "date-time-rfc1123" | "date-time-rfc7231" => Some(Primitive::DateTimeRfc1123),
                "date" => Some(Primitive::Date),
                "time" => Some(Primitive::Time),
                "duration" => Some(Primitive::Duration),
                "uuid" => Some(Primitive::Uuid),
                "byte" => Some(Primitive::Bytes),
                "base64url" => Some(Primitive::Base64Url),
                "binary" | "file" => Some(Primitive::Binary),
                "uri" | "url" => Some(Primitive::Url),
                "arm-id" => Some(Primitive::ArmId),
                "password" | "email" | "hostname" | "ipv4" | "ipv6" | "uri-reference" => Some(Primitive::String),
                _ => None,
            },
        };
        if let Some(primitive) = known {
            return primitive;
        }
        let format = format.unwrap_or_default().to_string();
        let (primitive, kept) = match typ {
            "integer" => (Primitive::Int64, "an int64"),
            "number" => (Primitive::Float64, "a double"),
            _ => (Primitive::UnknownFormat(format.clone()), "a string"),
        };
        self.record(pointer, format!("{typ} format \"{format}\" (kept as {kept})"));
        primitive
    }

    /// Lowers an enum schema.
    fn lower_enum(&mut self, view: &SchemaView<'a>, pointer: &str) -> Result<EnumType> {
        let base = match view.typ {
            // Some specs type an enum `integer` and list its values as strings: the service sends
            // what the values say, so the enum is generated as the strings it holds.
            Some("integer" | "number") if view.enumeration.iter().all(Value::is_string) => {
                self.record(
                    &format!("{pointer}/enum"),
                    format!(
                        "a {} enum whose values are strings (generated as a string enum, as its values are written)",
                        view.typ.unwrap_or_default()
                    ),
                );
                Primitive::String
            }
            Some("integer" | "number") => self.lower_primitive(view, pointer),
            Some("string") | None if view.enumeration.iter().all(Value::is_string) => Primitive::String,
            None if view.enumeration.iter().all(Value::is_i64) => Primitive::Int64,
            None if view.enumeration.iter().all(Value::is_number) => Primitive::Float64,
            _ => {
                return Err(Error::invalid(
                    self.locate(&format!("{pointer}/enum")),
                    "enum values all of the schema's type (strings, or numbers)",
                ))
            }
        };
        let ms_enum = ms_enum(view);
        let mut taken = BTreeSet::new();
        let mut values = Vec::new();
        for value in &view.enumeration {
            let named = ms_enum.values.iter().find(|(v, _, _)| *v == value);
            let name = match named.and_then(|(_, name, _)| *name) {
                Some(name) => names::pascal(name),
                None => variant_name(value),
            };
            values.push(EnumValue {
                value: value.clone(),
                name: names::unique(name, &mut taken),
                description: named.and_then(|(_, _, d)| d.map(str::to_string)),
            });
        }
        Ok(EnumType { base, model_as_string: ms_enum.model_as_string, values })
    }

    /// Lowers an object schema named `type_name`: its bases' fields, then its own.
    fn lower_object(&mut self, view: &SchemaView<'a>, type_name: &str, pointer: &str) -> Result<ObjectType> {
        let mut deferred = false;
        let mut object = ObjectType {
            fields: Vec::new(),
            bases: Vec::new(),
            additional_properties: None,
            discriminator: None,
            discriminator_value: view.extension("x-ms-discriminator-value").and_then(Value::as_str).map(str::to_string),
            patch: false,
        };
        for (i, part) in view.all_of.iter().enumerate() {
            let at = format!("{pointer}/allOf/{i}");
            match part {
                ReferenceOr::Reference { reference } => {
                    let schemas = self.document().components.as_ref().map(|c| &c.schemas);
                    let (key, _) = self.component_key(reference, "schemas", schemas, &at)?;
                    let base = self.lower_component(self.alias_target(key, &at)?)?;
                    match self.types.get(&base).map(|def| &def.kind) {
                        Some(TypeKind::Object(base_object)) => {
                            inherit(&mut object, &base, base_object);
                            // A base still waiting for its own bases' fields: so is this type.
                            deferred |= self.deferred_bases.iter().any(|(name, _)| *name == base);
                        }
                        Some(_) => {
                            return Err(Error::unsupported(
                                self.locate(&at),
                                format!("allOf of `{base}`, which is not an object type"),
                            ))
                        }
                        // The base is still being lowered further up (this type is reached through
                        // one of its properties): its fields are filled in once it is done.
                        None => deferred = true,
                    }
                    object.bases.push(base);
                }
                ReferenceOr::Item(schema) => {
                    // An inline allOf part adds to this type itself: its fields are its own.
                    let part = self.lower_object(&SchemaView::new(schema), type_name, &at)?;
                    for field in part.fields {
                        merge_field(&mut object.fields, field);
                    }
                    object.bases.extend(part.bases);
                    if part.additional_properties.is_some() {
                        object.additional_properties = part.additional_properties;
                    }
                    if object.discriminator.is_none() {
                        object.discriminator = part.discriminator;
                    }
                }
            }
        }
        for (key, property) in view.properties.into_iter().flatten() {
            let at = join(&format!("{pointer}/properties"), key);
            let field = self.lower_field(type_name, key, property.into(), view.required.contains(key), &at)?;
            merge_field(&mut object.fields, field);
        }
        // A type may require a field its base leaves optional.
        for field in &mut object.fields {
            if view.required.contains(&field.wire_name) {
                field.required = true;
            }
        }
        let mut taken = BTreeSet::new();
        for field in &mut object.fields {
            field.rust_name = names::unique(std::mem::take(&mut field.rust_name), &mut taken);
        }
        if let Some(additional) = self.lower_additional(view, type_name, pointer)? {
            object.additional_properties = Some(additional);
        }
        if let Some(discriminator) = &view.data.discriminator {
            object.discriminator = Some(Discriminator { property: discriminator.property_name.clone(), variants: BTreeMap::new() });
            let mapping = discriminator
                .mapping
                .iter()
                .map(|(value, reference)| {
                    let key = reference.strip_prefix("#/components/schemas/").unwrap_or(reference);
                    (value.clone(), crate::error::unescape_pointer_segment(key))
                })
                .collect();
            self.mappings.insert(type_name.to_string(), mapping);
        }
        if deferred {
            self.deferred_bases.push((type_name.to_string(), view.required.to_vec()));
        }
        Ok(object)
    }

    /// Lowers one property of `type_name`.
    fn lower_field(&mut self, type_name: &str, key: &str, property: SchemaUse<'a>, required: bool, pointer: &str) -> Result<Field> {
        let hint = format!("{type_name}{}", names::pascal(key));
        // A bare `$ref` carries no annotations of its own; an inline schema (also a `$ref` with
        // siblings, as `allOf` of one `$ref`) carries them.
        let view = match property {
            SchemaUse::Inline(schema) => Some(SchemaView::new(schema)),
            SchemaUse::Ref(_) => None,
        };
        let ty = match &view {
            Some(view) => self.lower_inline(view, &hint, pointer)?,
            None => self.lower_use(property, &hint, pointer)?,
        };
        let mutability = match &view {
            Some(view) => self.mutability(view, pointer)?,
            None => Vec::new(),
        };
        let view = view.as_ref();
        let client_name = view.and_then(|v| v.extension("x-ms-client-name")).and_then(Value::as_str);
        // `readOnly` on the referenced schema itself (common-types' `SystemData`, a provisioning
        // state enum) makes every property holding it read-only too: the property's schema is
        // that schema.
        let read_only = view.is_some_and(|v| v.data.read_only)
            || match property {
                SchemaUse::Ref(reference) => self.component_read_only(reference, pointer)?,
                SchemaUse::Inline(_) => false,
            };
        let secret = super::secrets::lower_secret(key, &ty, view.is_some_and(|v| v.flag("x-ms-secret")), view.and_then(|v| v.format.as_deref()));
        Ok(Field {
            wire_name: key.to_string(),
            rust_name: names::snake(client_name.unwrap_or(key)),
            ty,
            required,
            read_only,
            mutability,
            secret,
            nullable: view.is_some_and(SchemaView::nullable)
                || match property {
                    SchemaUse::Ref(reference) => self.component_nullable(reference, pointer)?,
                    SchemaUse::Inline(_) => false,
                },
            default: view.and_then(|v| v.data.default.clone()),
            // A property with only a `title` (Batch has fifty) is described by it, as a type is.
            description: view.and_then(|v| v.data.description.clone().or_else(|| v.data.title.clone())),
            client_flatten: view.is_some_and(|v| v.flag("x-ms-client-flatten")),
            inherited_from: None,
            constant: false,
        })
    }

    /// `x-ms-mutability`, checked.
    fn mutability(&self, view: &SchemaView<'_>, pointer: &str) -> Result<Vec<Mutability>> {
        let Some(value) = view.extension("x-ms-mutability") else { return Ok(Vec::new()) };
        let at = format!("{pointer}/x-ms-mutability");
        let expected = "an array of \"create\", \"read\", \"update\"";
        let items = value.as_array().ok_or_else(|| Error::invalid(self.locate(&at), expected))?;
        let mut mutability = Vec::new();
        for item in items {
            mutability.push(match item.as_str() {
                Some("create") => Mutability::Create,
                Some("read") => Mutability::Read,
                Some("update") => Mutability::Update,
                _ => return Err(Error::invalid(self.locate(&at), format!("{expected}, found {item}"))),
            });
        }
        Ok(mutability)
    }

    /// Fills every discriminated root's variants with its subtypes (transitively), and gives each
    /// subtype without `x-ms-discriminator-value` its spec name as value, as AutoRest does.
    pub(super) fn link_discriminators(&mut self) {
        // An OpenAPI 3 `discriminator.mapping` names the value of a subtype that has none.
        let mut mapped: Vec<(String, String, String)> = Vec::new();
        for (root, mapping) in std::mem::take(&mut self.mappings) {
            for (value, key) in mapping {
                let Some(subtype) = self.names.component(&key).map(str::to_string) else { continue };
                if let Some(TypeDef { kind: TypeKind::Object(object), .. }) = self.types.get_mut(&subtype) {
                    object.discriminator_value.get_or_insert_with(|| value.clone());
                }
                mapped.push((root.clone(), value, subtype));
            }
        }
        let bases: BTreeMap<String, Vec<String>> = self
            .types
            .iter()
            .filter_map(|(name, def)| match &def.kind {
                TypeKind::Object(object) => Some((name.clone(), object.bases.clone())),
                _ => None,
            })
            .collect();
        let roots: BTreeSet<String> = self
            .types
            .iter()
            .filter(|(_, def)| matches!(&def.kind, TypeKind::Object(o) if o.discriminator.is_some()))
            .map(|(name, _)| name.clone())
            .collect();
        let mut variants: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (name, direct) in &bases {
            let mut ancestors = BTreeSet::new();
            let mut stack = direct.clone();
            while let Some(base) = stack.pop() {
                if ancestors.insert(base.clone()) {
                    stack.extend(bases.get(&base).into_iter().flatten().cloned());
                }
            }
            let Some(def) = self.types.get_mut(name) else { continue };
            let TypeKind::Object(object) = &mut def.kind else { continue };
            for root in ancestors.intersection(&roots) {
                let value = object.discriminator_value.get_or_insert_with(|| def.spec_name.clone()).clone();
                variants.entry(root.clone()).or_default().insert(value, name.clone());
            }
        }
        for (root, value, subtype) in mapped {
            variants.entry(root).or_default().insert(value, subtype);
        }
        for (root, found) in variants {
            if let Some(TypeDef { kind: TypeKind::Object(ObjectType { discriminator: Some(d), .. }), .. }) = self.types.get_mut(&root) {
                d.variants = found;
            }
        }
    }
}
