//! Swagger 2.0 to OpenAPI 3.0, on `serde_json::Value`, one file at a time.
//!
//! The converted document keeps the source's `$ref` strings as written (the bundler maps their
//! pointers through [`Converted::converted_pointer`] once it knows what the target file is), and
//! records where each moved piece came from ([`Converted::origins`]).
//!
//! The rules, beyond the obvious renames (`definitions` → `components/schemas`, ...):
//! - `in: body` becomes `requestBody` with one content entry per `consumes` type
//!   (`application/json` when none), the parameter's name in `x-ms-requestBody-name` and its
//!   description, `required` and `x-*` extensions on the request body. A global body parameter
//!   becomes `components/requestBodies/<name>`, and `$ref`s to it become request body refs,
//!   except from an operation whose own `consumes` differ from the file's: it gets the body
//!   inlined with its own media types (only for a body parameter of the same file).
//! - `in: formData` parameters become one request body whose schema is an object of the fields:
//!   `multipart/form-data` when `consumes` says so or a field has `type: file`,
//!   `application/x-www-form-urlencoded` otherwise. Global formData parameters are inlined where
//!   they are used and do not appear in components.
//! - A non-body parameter's `type`/`format`/`items`/`enum`/`default`/... become its `schema`
//!   (`x-ms-enum` and `x-nullable` are copied into the schema as well, where later stages look for
//!   them); `collectionFormat` becomes `style`/`explode` and is kept in `x-ms-collection-format`.
//! - Path-level body and formData parameters are pushed down into each operation without one.
//! - A schema `$ref` with siblings (`description`, `readOnly`, `x-ms-client-flatten`, ...), which
//!   OpenAPI 3.0 would ignore, becomes `allOf: [{$ref}]` with the siblings beside it, so nothing
//!   the spec says is lost.
//! - `x-nullable` also sets `nullable`; a string `discriminator` becomes `{propertyName}`;
//!   `type: file` becomes `type: string, format: binary`.
//! - Every `x-*` key is copied to the same object, where openapiv3 keeps it in `extensions`.
//!
//! The conversion is one walk over the source, by `Converter`, whose methods are split by what
//! they convert:
//! - `document`: the document as a whole: its sections in order, the global parameters,
//!   definitions, responses and security definitions as `components`, `host`/`basePath`/`schemes`
//!   as `servers`, and the `x-ms-parameterized-host` parameters;
//! - `paths`: path items and operations;
//! - `parameters`: non-body parameters, a parameter's `in` (through a `$ref`), and the schema
//!   of a parameter, header or items object;
//! - `bodies`: body and formData parameters as request bodies;
//! - `responses`: responses and their headers;
//! - `schemas`: schemas, wherever they are (definitions, bodies, responses, properties);
//! - `security`: security definitions as security schemes.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Location, Result};

mod bodies;
mod document;
mod parameters;
mod paths;
mod responses;
mod schemas;
mod security;

/// A file in OpenAPI 3.0 shape, with a map back to the source's pointers.
#[derive(Debug, Clone)]
pub(crate) struct Converted {
    /// The document, OpenAPI 3.0 shaped; `$ref`s as written in the source.
    pub value: Value,
    /// Converted pointer → source pointer, for each piece that moved (longest prefix applies).
    pub origins: BTreeMap<String, String>,
    /// Source pointer → converted pointer, the inverse of `origins` (first wins).
    inverse: BTreeMap<String, String>,
}

impl Converted {
    /// A document that did not need converting: every pointer maps to itself.
    pub fn identity(value: Value) -> Self {
        Self { value, origins: BTreeMap::new(), inverse: BTreeMap::new() }
    }

    fn new(value: Value, origins: BTreeMap<String, String>) -> Self {
        let mut inverse = BTreeMap::new();
        for (converted, source) in &origins {
            inverse.entry(source.clone()).or_insert_with(|| converted.clone());
        }
        Self { value, origins, inverse }
    }

    /// Where the converted `pointer` was read from in the source file.
    pub fn source_pointer(&self, pointer: &str) -> String {
        map_by_prefix(&self.origins, pointer)
    }

    /// Where the source `pointer` went in the converted document.
    pub fn converted_pointer(&self, pointer: &str) -> String {
        map_by_prefix(&self.inverse, pointer)
    }
}

/// Maps `pointer` through the entry of `map` with the longest prefix (on segment boundaries),
/// keeping the rest; unchanged when no prefix is in the map.
fn map_by_prefix(map: &BTreeMap<String, String>, pointer: &str) -> String {
    match super::by_longest_prefix(map, pointer) {
        Some((to, rest)) => format!("{to}{rest}"),
        None => pointer.to_string(),
    }
}

/// Looks up a `$ref`'d Swagger parameter in its raw (unconverted) form, following ref chains;
/// the converter needs its `in` before it can decide where it goes.
pub(crate) trait ParameterResolver {
    /// The raw parameter that `reference`, written at `site`, names, and where it is.
    fn resolve_parameter(&mut self, site: &Location, reference: &str) -> Result<(Location, Value)>;
}

/// Converts the Swagger 2.0 document (or Swagger-flavoured fragment) `raw`, read from `file`.
pub(crate) fn convert_document(raw: &Value, file: &Path, resolver: &mut dyn ParameterResolver) -> Result<Converted> {
    let Some(root) = raw.as_object() else {
        return Err(Error::invalid(Location::file(file), "a JSON object at the top of the document"));
    };
    let mut c = Converter {
        file,
        resolver,
        origins: BTreeMap::new(),
        consumes: media_types(root.get("consumes")),
        produces: media_types(root.get("produces")),
        global_in: BTreeMap::new(),
        global_bodies: BTreeMap::new(),
    };
    // A fragment with none of the document's sections is a bare schema (a file per model).
    let is_document =
        ["swagger", "definitions", "parameters", "responses", "paths", "x-ms-paths", "securityDefinitions"]
            .iter()
            .any(|k| root.contains_key(*k));
    if !is_document {
        let value = c.schema(raw, "", "")?;
        return Ok(Converted::new(value, c.origins));
    }
    let value = c.document(root)?;
    Ok(Converted::new(value, c.origins))
}

/// One file's conversion under way: the file, what the walk has learnt of it so far, and where
/// each converted piece came from.
struct Converter<'a> {
    file: &'a Path,
    resolver: &'a mut dyn ParameterResolver,
    /// Converted pointer → source pointer.
    origins: BTreeMap<String, String>,
    consumes: Vec<String>,
    produces: Vec<String>,
    /// The `in` of each global parameter of this file, by name.
    global_in: BTreeMap<String, String>,
    /// The global body parameters of this file, by name, as written.
    global_bodies: BTreeMap<String, Map<String, Value>>,
}

fn media_types(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn copy_extensions(from: &Map<String, Value>, to: &mut Map<String, Value>) {
    for (k, v) in from {
        if k.starts_with("x-") {
            to.insert(k.clone(), v.clone());
        }
    }
}

impl Converter<'_> {
    /// `pointer` in the file being converted, as an error location.
    fn at(&self, pointer: &str) -> Location {
        Location::new(self.file, pointer)
    }

    /// Records that the converted `converted` was read from the source `source`.
    fn origin(&mut self, converted: String, source: String) {
        self.origins.insert(converted, source);
    }
}

fn name_of(p: &Value) -> String {
    p.get("name").and_then(Value::as_str).map(|n| format!(" `{n}`")).unwrap_or_default()
}

fn without_in(location: Location, name: String) -> Error {
    Error::new(
        ErrorKind::ParameterWithoutIn,
        location,
        format!("parameter{name} has no `in`; expected one of path, query, header, body, formData"),
    )
}
