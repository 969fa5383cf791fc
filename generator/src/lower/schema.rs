//! One flat view of an `openapiv3::Schema`.
//!
//! openapiv3 sorts a schema into `Type::String`, `Type::Object`, `AllOf`, ... only when it holds
//! exactly the keywords of that shape, and puts everything else (an object with both `allOf` and
//! `properties`, a schema with `properties` but no `type`, a number with an integer minimum, ...)
//! into `SchemaKind::Any`. Azure specs mix keywords all the time, so the lowering reads every
//! schema through this view instead of matching on the kinds.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// The keywords of one schema, whatever kind openapiv3 sorted it into.
#[derive(Clone)]
pub(crate) struct SchemaView<'a> {
    /// Description, title, readOnly, nullable, default, discriminator and extensions.
    pub data: &'a SchemaData,
    /// `type`, when given.
    pub typ: Option<&'a str>,
    /// `format`, when given.
    pub format: Option<String>,
    /// `properties`, in spec order.
    pub properties: Option<&'a IndexMap<String, ReferenceOr<Box<Schema>>>>,
    /// `required`.
    pub required: &'a [String],
    /// `additionalProperties`.
    pub additional_properties: Option<&'a AdditionalProperties>,
    /// `items`.
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    /// `enum`, without `null` entries.
    pub enumeration: Vec<Value>,
    /// `allOf`.
    pub all_of: &'a [ReferenceOr<Schema>],
    /// `oneOf`.
    pub one_of: &'a [ReferenceOr<Schema>],
    /// `anyOf`.
    pub any_of: &'a [ReferenceOr<Schema>],
    /// `not` is present.
    pub not: bool,
}

/// The name of a format openapiv3 parsed or kept.
fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => match serde_json::to_value(known) {
            Ok(Value::String(name)) => Some(name),
            _ => None,
        },
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Collects non-null enum values as JSON.
fn values<T: Into<Value> + Clone>(values: &[Option<T>]) -> Vec<Value> {
    values.iter().flatten().cloned().map(Into::into).collect()
}

impl<'a> SchemaView<'a> {
    /// Views `schema`.
    pub fn new(schema: &'a Schema) -> Self {
        let mut view = SchemaView {
            data: &schema.schema_data,
            typ: None,
            format: None,
            properties: None,
            required: &[],
            additional_properties: None,
            items: None,
            enumeration: Vec::new(),
            all_of: &[],
            one_of: &[],
            any_of: &[],
            not: false,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                view.typ = Some("string");
                view.format = format_name(&t.format);
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(Type::Number(t)) => {
                view.typ = Some("number");
                view.format = format_name(&t.format);
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(Type::Integer(t)) => {
                view.typ = Some("integer");
                view.format = format_name(&t.format);
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(Type::Boolean(t)) => {
                view.typ = Some("boolean");
                view.enumeration = values(&t.enumeration);
            }
            SchemaKind::Type(Type::Object(t)) => {
                view.typ = Some("object");
                view.properties = Some(&t.properties);
                view.required = &t.required;
                view.additional_properties = t.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(t)) => {
                view.typ = Some("array");
                view.items = t.items.as_ref();
            }
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            SchemaKind::Not { .. } => view.not = true,
            SchemaKind::Any(any) => {
                view.typ = any.typ.as_deref();
                view.format = any.format.clone();
                view.properties = Some(&any.properties);
                view.required = &any.required;
                view.additional_properties = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.enumeration = any.enumeration.iter().filter(|v| !v.is_null()).cloned().collect();
                view.all_of = &any.all_of;
                view.one_of = &any.one_of;
                view.any_of = &any.any_of;
                view.not = any.not.is_some();
            }
        }
        if view.properties.is_some_and(IndexMap::is_empty) {
            view.properties = None;
        }
        // `additionalProperties: false` says no more than leaving it out does.
        if matches!(view.additional_properties, Some(AdditionalProperties::Any(false))) {
            view.additional_properties = None;
        }
        view
    }

    /// An extension's value, if present.
    pub fn extension(&self, name: &str) -> Option<&'a Value> {
        self.data.extensions.get(name)
    }

    /// An extension that is `true`.
    pub fn flag(&self, name: &str) -> bool {
        self.extension(name).and_then(Value::as_bool).unwrap_or(false)
    }

    /// `nullable: true` or `x-nullable: true` (a converted Swagger spec may keep either).
    pub fn nullable(&self) -> bool {
        self.data.nullable || self.flag("x-nullable")
    }

    /// Declares its own fields or bases, or a discriminator: lowered as an object type.
    pub fn is_object(&self) -> bool {
        self.properties.is_some()
            || !self.all_of.is_empty()
            || self.data.discriminator.is_some()
            || (self.typ == Some("object") && self.additional_properties.is_none())
    }

    /// An object used only as a map: `additionalProperties` without properties or bases.
    pub fn is_map(&self) -> bool {
        self.additional_properties.is_some()
            && self.properties.is_none()
            && self.all_of.is_empty()
            && self.data.discriminator.is_none()
            && matches!(self.typ, None | Some("object"))
    }

    /// `allOf` of exactly one `$ref` and nothing else that shapes a value: the way a `$ref` keeps
    /// sibling keywords (`readOnly`, `description`, `x-ms-client-flatten`) in OpenAPI 3.0.
    pub fn single_ref(&self) -> Option<&'a str> {
        match self.all_of {
            [ReferenceOr::Reference { reference }]
                if self.properties.is_none()
                    && self.additional_properties.is_none()
                    && self.data.discriminator.is_none()
                    && self.enumeration.is_empty()
                    && matches!(self.typ, None | Some("object")) =>
            {
                Some(reference)
            }
            _ => None,
        }
    }
}
