//! A walk of an example value along its schema: the JSON the model encodes it to after
//! decoding, the read-only fields to check apart (read-only fields are never serialized, so each
//! one the example holds is compared on its own, through the decoded value's fields), and where
//! the example and the spec disagree.

use serde_json::{Map, Value};

use super::{AccessStep, ReadOnlyCheck};
use crate::error::{escape_pointer_segment, Error, Location, Result};
use crate::ir::{Api, ObjectType, Primitive, TypeDef, TypeKind, TypeRef};
use crate::rust_types::{codec, field_is_plain, has_default, resolve_alias};

/// A walk of example values, collecting read-only checks and disagreements.
pub(super) struct Walk<'a, 'd> {
    api: &'a Api,
    disagreements: &'d mut Vec<String>,
    /// What is walked, as reports name it (`response body`).
    what: String,
    /// Where the example is named (`x-ms-examples` of the operation), for errors.
    at: Location,
    read_only: Vec<ReadOnlyCheck>,
}

impl<'a, 'd> Walk<'a, 'd> {
    /// A walk of `what`, reporting disagreements into `disagreements`.
    pub(super) fn new(api: &'a Api, disagreements: &'d mut Vec<String>, what: String, at: &Location) -> Self {
        Self { api, disagreements, what, at: at.clone(), read_only: Vec::new() }
    }

    /// The read-only fields met, in the order met.
    pub(super) fn into_read_only(self) -> Vec<ReadOnlyCheck> {
        self.read_only
    }

    fn disagree(&mut self, pointer: &str, message: String) {
        let pointer = if pointer.is_empty() { "/" } else { pointer };
        self.disagreements.push(format!("{} at {pointer}: {message}", self.what));
    }

    fn type_def(&self, name: &str) -> Result<&'a TypeDef> {
        self.api
            .types
            .get(name)
            .ok_or_else(|| Error::invalid(self.at.clone(), format!("a defined type, found a reference to unknown type `{name}`")))
    }

    /// `value` as the model encodes it after decoding. `access` is the way to the decoded value
    /// at this point (`None` where fields cannot be reached, such as inside a union or a request
    /// body).
    pub(super) fn normalize(&mut self, ty: &TypeRef, value: &Value, pointer: &str, access: Option<Vec<AccessStep>>) -> Result<Value> {
        let step = |access: &Option<Vec<AccessStep>>, step: AccessStep| {
            access.as_ref().map(|a| a.iter().cloned().chain([step]).collect::<Vec<_>>())
        };
        Ok(match ty {
            TypeRef::Any => value.clone(),
            TypeRef::Nullable(_) if value.is_null() => Value::Null,
            TypeRef::Nullable(inner) => self.normalize(inner, value, pointer, access)?,
            TypeRef::Primitive(primitive) => {
                if !primitive_accepts(primitive, value) {
                    self.disagree(pointer, format!("{value} is not a {primitive:?} as the spec says"));
                } else if let Some(text) = value.as_str() {
                    match primitive {
                        Primitive::DateTimeRfc1123 if !looks_rfc1123(text) => self.disagree(
                            pointer,
                            format!(
                                "{value} is not an RFC 1123 date as `format: date-time-rfc1123` says{}",
                                if looks_rfc3339(text) { " (it is RFC 3339)" } else { "" }
                            ),
                        ),
                        Primitive::DateTime if !looks_rfc3339(text) => self.disagree(
                            pointer,
                            format!(
                                "{value} is not an RFC 3339 date-time as `format: date-time` says{}",
                                if looks_rfc1123(text) { " (it is RFC 1123)" } else { "" }
                            ),
                        ),
                        _ => {}
                    }
                }
                value.clone()
            }
            TypeRef::Array(item) => match value {
                Value::Array(items) => {
                    let mut out = Vec::new();
                    for (i, v) in items.iter().enumerate() {
                        out.push(self.normalize(item, v, &format!("{pointer}/{i}"), step(&access, AccessStep::Index(i)))?);
                    }
                    Value::Array(out)
                }
                other => {
                    self.disagree(pointer, format!("{other} is not an array as the spec says"));
                    other.clone()
                }
            },
            TypeRef::Map(item) => match value {
                Value::Object(entries) => {
                    let mut out = Map::new();
                    for (k, v) in entries {
                        let child = format!("{pointer}/{}", escape_pointer_segment(k));
                        out.insert(k.clone(), self.normalize(item, v, &child, step(&access, AccessStep::Key(k.clone())))?);
                    }
                    Value::Object(out)
                }
                other => {
                    self.disagree(pointer, format!("{other} is not an object as the spec says"));
                    other.clone()
                }
            },
            TypeRef::Named(name) => {
                let def = self.type_def(name)?;
                match &def.kind {
                    TypeKind::Alias(target) => self.normalize(target, value, pointer, access)?,
                    TypeKind::Enum(_) => value.clone(),
                    TypeKind::Object(object) => match &object.discriminator {
                        Some(discriminator) => {
                            let kind = value.get(&discriminator.property).and_then(Value::as_str);
                            match kind.and_then(|k| discriminator.variants.get(k)) {
                                Some(sub) => self.normalize(&TypeRef::Named(sub.clone()), value, pointer, None)?,
                                None => value.clone(),
                            }
                        }
                        None => self.normalize_object(name, object, value, pointer, access)?,
                    },
                }
            }
        })
    }

    fn normalize_object(
        &mut self,
        type_name: &str,
        object: &ObjectType,
        value: &Value,
        pointer: &str,
        access: Option<Vec<AccessStep>>,
    ) -> Result<Value> {
        let Value::Object(entries) = value else {
            self.disagree(pointer, format!("{value} is not an object (`{type_name}`) as the spec says"));
            return Ok(value.clone());
        };
        let mut out = Map::new();
        for (key, v) in entries {
            let child = format!("{pointer}/{}", escape_pointer_segment(key));
            let Some(field) = object.fields.iter().find(|f| &f.wire_name == key) else {
                match &object.additional_properties {
                    Some(extra) => {
                        out.insert(key.clone(), self.normalize(extra, v, &child, None)?);
                    }
                    None => {
                        self.disagree(&child, format!("`{key}` is not a property of `{type_name}` in the spec, so the model drops it"))
                    }
                }
                continue;
            };
            if v.is_null() {
                // An absent optional value is encoded as no property at all.
                continue;
            }
            let field_access = access.as_ref().map(|a| {
                let step = AccessStep::Field { name: field.rust_name.clone(), optional: !field_is_plain(field) };
                a.iter().cloned().chain([step]).collect::<Vec<_>>()
            });
            let normalized = self.normalize(&field.ty, v, &child, field_access.clone())?;
            if field.read_only {
                if let Some(access) = field_access {
                    self.read_only.push(ReadOnlyCheck { pointer: child, access, wire: codec(&self.api.types, &field.ty), value: normalized });
                }
            } else {
                out.insert(key.clone(), normalized);
            }
        }
        // A required field the example leaves out decodes to its default (where the model gives
        // it one), and is then written like any other.
        for field in object.fields.iter().filter(|f| field_is_plain(f) && !entries.contains_key(&f.wire_name)) {
            if let Some(default) = default_json(self.api, &field.ty, 0) {
                let child = format!("{pointer}/{}", escape_pointer_segment(&field.wire_name));
                self.disagree(
                    &child,
                    format!("the required `{}` is missing (the model decodes it as its default, {default})", field.wire_name),
                );
                out.insert(field.wire_name.clone(), default);
            }
        }
        Ok(Value::Object(out))
    }
}

/// The JSON a value of `ty` that serde filled with `Default::default()` is written as, when the
/// model gives fields of `ty` that default (see `has_default`): empty strings, lists and maps,
/// zero, `false`, and for an object its required fields' defaults.
fn default_json(api: &Api, ty: &TypeRef, depth: usize) -> Option<Value> {
    if depth > 8 || !has_default(&api.types, ty) {
        return None;
    }
    Some(match resolve_alias(&api.types, ty) {
        TypeRef::Primitive(Primitive::Bool) => Value::Bool(false),
        TypeRef::Primitive(Primitive::Int32 | Primitive::Int64) => Value::from(0),
        TypeRef::Primitive(Primitive::Float32 | Primitive::Float64) => Value::from(0.0),
        TypeRef::Primitive(_) => Value::String(String::new()),
        TypeRef::Array(_) => Value::Array(Vec::new()),
        TypeRef::Map(_) => Value::Object(Map::new()),
        TypeRef::Any | TypeRef::Nullable(_) => Value::Null,
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Object(object)) => Value::Object(
                object
                    .fields
                    .iter()
                    .filter(|f| field_is_plain(f))
                    .filter_map(|f| default_json(api, &f.ty, depth + 1).map(|d| (f.wire_name.clone(), d)))
                    .collect(),
            ),
            _ => return None,
        },
    })
}

/// Whether `value` has the JSON type a `primitive` is written as.
fn primitive_accepts(primitive: &Primitive, value: &Value) -> bool {
    match primitive {
        Primitive::Bool => value.is_boolean(),
        Primitive::Int32 | Primitive::Int64 | Primitive::UnixTime => value.is_i64() || value.is_u64(),
        Primitive::Float32 | Primitive::Float64 => value.is_number(),
        // A file part's bytes, as JSON writes them: a list of numbers.
        Primitive::File => value.as_array().is_some_and(|bytes| bytes.iter().all(|b| b.as_u64().is_some_and(|n| n <= 255))),
        _ => value.is_string(),
    }
}

/// Whether `text` has the shape of an RFC 3339 date-time (`2017-06-15T19:20:58Z`).
fn looks_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 20
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't' | b' ')
        && b[13] == b':'
}

/// Whether `text` has the shape of an RFC 1123 date (`Thu, 15 Jun 2017 19:20:58 GMT`).
fn looks_rfc1123(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 29 && b[3] == b',' && b[4] == b' ' && text.ends_with(" GMT") && b[19] == b':' && b[22] == b':'
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::testing::{self, at};
    use crate::rust_types::Codec;

    fn field(wire: &str, ty: TypeRef, read_only: bool) -> crate::ir::Field {
        testing::field(wire, ty, false, read_only)
    }

    fn api() -> Api {
        let thing = testing::object(
            "Thing",
            vec![
                field("name", TypeRef::Primitive(Primitive::String), false),
                field("id", TypeRef::Primitive(Primitive::String), true),
                field("when", TypeRef::Primitive(Primitive::DateTimeRfc1123), true),
                field("tags", TypeRef::Map(Box::new(TypeRef::Primitive(Primitive::String))), false),
                field("parts", TypeRef::Array(Box::new(TypeRef::Named("Thing".into()))), false),
            ],
        );
        let mut api = testing::api("2024-01-01");
        api.types.extend([thing]);
        api
    }

    fn optional(name: &str) -> AccessStep {
        AccessStep::Field { name: name.into(), optional: true }
    }

    #[test]
    fn a_walk_keeps_what_the_model_encodes_and_checks_read_only_fields_apart() {
        let api = api();
        let mut disagreements = Vec::new();
        let mut walk = Walk::new(&api, &mut disagreements, "response body".into(), &at());
        let example = json!({
            "name": "a", "id": "/things/a", "when": "Thu, 15 Jun 2017 19:20:58 GMT", "tags": {"k": "v"},
            "parts": [{"name": "b", "id": "/things/b", "extra": 1, "when": null}]
        });
        let normalized = walk.normalize(&TypeRef::Named("Thing".into()), &example, "", Some(Vec::new())).unwrap();
        let checks = walk.into_read_only();

        assert_eq!(normalized, json!({ "name": "a", "tags": {"k": "v"}, "parts": [{"name": "b"}] }));
        assert_eq!(
            checks,
            [
                ReadOnlyCheck { pointer: "/id".into(), access: vec![optional("id")], wire: None, value: json!("/things/a") },
                ReadOnlyCheck {
                    pointer: "/when".into(),
                    access: vec![optional("when")],
                    wire: Some(Codec::Rfc1123),
                    value: json!("Thu, 15 Jun 2017 19:20:58 GMT"),
                },
                ReadOnlyCheck {
                    pointer: "/parts/0/id".into(),
                    access: vec![optional("parts"), AccessStep::Index(0), optional("id")],
                    wire: None,
                    value: json!("/things/b"),
                },
            ]
        );
        assert_eq!(
            disagreements,
            ["response body at /parts/0/extra: `extra` is not a property of `Thing` in the spec, so the model drops it"]
        );
    }

    #[test]
    fn a_walk_reports_values_that_do_not_match_their_schema() {
        let api = api();
        let mut disagreements = Vec::new();
        let mut walk = Walk::new(&api, &mut disagreements, "request body `thing`".into(), &at());
        let example = json!({ "name": 5, "when": "2020-03-26T21:24:57Z", "tags": [] });
        walk.normalize(&TypeRef::Named("Thing".into()), &example, "", None).unwrap();
        // Without an access path (a request body), read-only fields are dropped unchecked.
        assert!(walk.into_read_only().is_empty());
        assert_eq!(
            disagreements,
            [
                "request body `thing` at /name: 5 is not a String as the spec says",
                "request body `thing` at /when: \"2020-03-26T21:24:57Z\" is not an RFC 1123 date as `format: date-time-rfc1123` says (it is RFC 3339)",
                "request body `thing` at /tags: [] is not an object as the spec says",
            ]
        );
    }

    #[test]
    fn a_missing_required_field_is_reported_and_expected_as_its_default() {
        let (name, thing) = testing::object(
            "Counted",
            vec![
                testing::field("count", TypeRef::Primitive(Primitive::Int32), true, false),
                // A date-time has no default: serde fails on it instead, so nothing is expected.
                testing::field("when", TypeRef::Primitive(Primitive::DateTime), true, false),
            ],
        );
        let mut api = testing::api("2024-01-01");
        api.types.insert(name, thing);
        let mut disagreements = Vec::new();
        let mut walk = Walk::new(&api, &mut disagreements, "response body".into(), &at());
        let normalized = walk.normalize(&TypeRef::Named("Counted".into()), &json!({}), "", Some(Vec::new())).unwrap();
        assert_eq!(normalized, json!({ "count": 0 }));
        assert_eq!(disagreements, ["response body at /count: the required `count` is missing (the model decodes it as its default, 0)"]);
    }

    #[test]
    fn date_shapes() {
        assert!(looks_rfc3339("2017-06-15T19:20:58Z") && looks_rfc3339("2017-06-15T19:20:58.123+01:00"));
        assert!(looks_rfc1123("Thu, 15 Jun 2017 19:20:58 GMT"));
        assert!(!looks_rfc1123("2017-06-15T19:20:58Z") && !looks_rfc3339("Thu, 15 Jun 2017 19:20:58 GMT"));
    }
}
