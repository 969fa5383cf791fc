//! Non-body parameters: each one's `in` (found through a `$ref` when needed, so the caller knows
//! whether it is a body or formData one), the OpenAPI parameter it becomes, with its `type`,
//! `items`, `enum`, ... as its `schema` and its `collectionFormat` as `style`/`explode`; and the
//! schema of a Swagger parameter, header or items object.

use serde_json::{json, Map, Value};

use super::{copy_extensions, name_of, without_in, Converter};
use crate::error::{Error, Result};

/// The keys of a Swagger parameter, header or items object that describe its value; they become
/// the OpenAPI `schema`.
const VALUE_KEYS: [&str; 16] = [
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
];

impl Converter<'_> {
    /// The `parameters` of the path item or operation `owner` at `src`: the non-body ones
    /// converted (to be written at `{dst}/parameters`), and the body and formData ones
    /// classified, each in spec order.
    pub(super) fn split_parameters(
        &mut self,
        owner: &Map<String, Value>,
        src: &str,
        dst: &str,
    ) -> Result<(Vec<Value>, Vec<Classified>)> {
        let mut plain = Vec::new();
        let mut bodies = Vec::new();
        let Some(params) = owner.get("parameters") else { return Ok((plain, bodies)) };
        let params = params
            .as_array()
            .ok_or_else(|| Error::invalid(self.at(&format!("{src}/parameters")), "an array of parameters"))?;
        for (i, p) in params.iter().enumerate() {
            let psrc = format!("{src}/parameters/{i}");
            let classified = self.classify(p, &psrc)?;
            match classified.kind.as_str() {
                "body" | "formData" => bodies.push(classified),
                _ => {
                    let pdst = format!("{dst}/parameters/{}", plain.len());
                    self.origin(pdst.clone(), psrc.clone());
                    plain.push(self.parameter_or_ref(p, &psrc, &pdst)?);
                }
            }
        }
        Ok((plain, bodies))
    }

    /// A parameter's `in`, resolving a `$ref` to it; `ParameterWithoutIn` when it has none.
    fn classify(&mut self, p: &Value, src: &str) -> Result<Classified> {
        let obj = p.as_object().ok_or_else(|| Error::invalid(self.at(src), "a parameter object"))?;
        if let Some(reference) = obj.get("$ref") {
            let reference =
                reference.as_str().ok_or_else(|| Error::invalid(self.at(&format!("{src}/$ref")), "a `$ref` string"))?;
            // Local refs to this file's global parameters are answered without a lookup.
            if let Some(name) = reference.strip_prefix("#/parameters/") {
                let name = crate::error::unescape_pointer_segment(name);
                if let Some(kind) = self.global_in.get(&name) {
                    if kind != "formData" {
                        return Ok(Classified {
                            kind: kind.clone(),
                            site: src.to_string(),
                            src: src.to_string(),
                            file: self.file.to_path_buf(),
                            value: p.clone(),
                            reference: Some(reference.to_string()),
                        });
                    }
                }
            }
            let (location, target) = self.resolver.resolve_parameter(&self.at(src), reference)?;
            // A `$ref` to a schema, or to anything else that is not a parameter, is wrong where
            // it is written; a parameter that lacks its `in` is wrong where it is defined.
            if !target.as_object().is_some_and(|o| o.contains_key("in") || o.contains_key("name")) {
                return Err(Error::invalid(
                    self.at(src),
                    format!("a `$ref` to a parameter; `$ref: {reference}` names {location}, which is not one"),
                ));
            }
            let kind = target
                .get("in")
                .and_then(Value::as_str)
                .ok_or_else(|| without_in(location.clone(), name_of(&target)))?
                .to_string();
            return Ok(Classified {
                kind,
                site: src.to_string(),
                src: location.pointer.clone(),
                file: location.file.clone(),
                value: target,
                reference: Some(reference.to_string()),
            });
        }
        let kind = obj.get("in").and_then(Value::as_str).ok_or_else(|| without_in(self.at(src), name_of(p)))?;
        Ok(Classified {
            kind: kind.to_string(),
            site: src.to_string(),
            src: src.to_string(),
            file: self.file.to_path_buf(),
            value: p.clone(),
            reference: None,
        })
    }

    pub(super) fn parameter_or_ref(&mut self, p: &Value, src: &str, dst: &str) -> Result<Value> {
        let obj = p.as_object().ok_or_else(|| Error::invalid(self.at(src), "a parameter object"))?;
        if obj.contains_key("$ref") {
            return Ok(p.clone());
        }
        self.parameter(obj, src, dst)
    }

    /// A non-body Swagger parameter as an OpenAPI one.
    pub(super) fn parameter(&mut self, p: &Map<String, Value>, src: &str, dst: &str) -> Result<Value> {
        self.origin(dst.to_string(), src.to_string());
        let kind = p
            .get("in")
            .and_then(Value::as_str)
            .ok_or_else(|| without_in(self.at(src), name_of(&Value::Object(p.clone()))))?;
        let mut out = Map::new();
        for key in ["name", "in", "description", "required", "deprecated"] {
            if let Some(v) = p.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        if kind == "query" {
            if let Some(v) = p.get("allowEmptyValue") {
                out.insert("allowEmptyValue".into(), v.clone());
            }
        }
        let schema = match p.get("schema") {
            // Not Swagger 2.0, but written in the wild: take the schema as given.
            Some(s) if !p.contains_key("type") => self.schema(s, &format!("{src}/schema"), &format!("{dst}/schema"))?,
            _ => {
                // The parameter's own `type`, `items`, `enum`, ... become its schema's.
                self.origin(format!("{dst}/schema"), src.to_string());
                self.value_schema(p, src)?
            }
        };
        out.insert("schema".into(), schema);
        let is_array = p.get("type").and_then(Value::as_str) == Some("array");
        let format = p.get("collectionFormat").and_then(Value::as_str);
        if is_array || format.is_some() {
            let (style, explode) = collection_style(kind, format.unwrap_or("csv"));
            if let Some(style) = style {
                out.insert("style".into(), json!(style));
            }
            out.insert("explode".into(), json!(explode));
        }
        if let Some(f) = format {
            out.insert("x-ms-collection-format".into(), json!(f));
        }
        copy_extensions(p, &mut out);
        Ok(Value::Object(out))
    }

    /// The schema of a Swagger parameter, header or items object (`type`, `format`, `items`, ...).
    pub(super) fn value_schema(&mut self, p: &Map<String, Value>, src: &str) -> Result<Value> {
        let mut out = Map::new();
        for key in VALUE_KEYS {
            let Some(v) = p.get(key) else { continue };
            match key {
                "items" => {
                    let items = v
                        .as_object()
                        .ok_or_else(|| Error::invalid(self.at(&format!("{src}/items")), "an items object"))?;
                    if items.contains_key("$ref") {
                        out.insert("items".into(), v.clone());
                    } else {
                        // The items are a schema of their own: every extension on them stays.
                        let mut items_schema = self.value_schema(items, &format!("{src}/items"))?;
                        if let Value::Object(schema) = &mut items_schema {
                            copy_extensions(items, schema);
                        }
                        out.insert("items".into(), items_schema);
                    }
                }
                "type" if v == "file" => {
                    out.insert("type".into(), json!("string"));
                    out.insert("format".into(), json!("binary"));
                }
                "format" if p.get("type").is_some_and(|t| t == "file") => {}
                _ => {
                    out.insert(key.into(), v.clone());
                }
            }
        }
        for key in ["x-ms-enum", "x-nullable"] {
            if let Some(v) = p.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        if let Some(Value::Bool(b)) = p.get("x-nullable") {
            out.insert("nullable".into(), json!(b));
        }
        Ok(Value::Object(out))
    }
}

/// A parameter whose `in` is known, as the operation saw it.
#[derive(Debug, Clone)]
pub(super) struct Classified {
    /// Its `in`.
    pub(super) kind: String,
    /// Where the operation or path item lists it, as a source pointer in the file converted.
    pub(super) site: String,
    /// Where it is (after following a `$ref`), as a source pointer in `file`.
    pub(super) src: String,
    pub(super) file: std::path::PathBuf,
    /// The parameter object (the target, when it was a `$ref`).
    pub(super) value: Value,
    /// The `$ref` it was reached through, as written.
    pub(super) reference: Option<String>,
}

/// OpenAPI `style`/`explode` for a Swagger `collectionFormat` at `kind` (`None`: the default
/// style). `tsv` has no OpenAPI form; it keeps the default style and `x-ms-collection-format`
/// says what is meant.
fn collection_style(kind: &str, format: &str) -> (Option<&'static str>, bool) {
    match (kind, format) {
        ("query", "multi") => (Some("form"), true),
        ("query", "ssv") => (Some("spaceDelimited"), false),
        ("query", "pipes") => (Some("pipeDelimited"), false),
        ("query", _) => (Some("form"), false),
        _ => (Some("simple"), false),
    }
}
