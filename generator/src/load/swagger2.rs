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

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::error::{escape_pointer_segment as esc, Error, ErrorKind, Location, Result};

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

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

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
    fn at(&self, pointer: &str) -> Location {
        Location::new(self.file, pointer)
    }

    fn origin(&mut self, converted: String, source: String) {
        self.origins.insert(converted, source);
    }

    fn document(&mut self, root: &Map<String, Value>) -> Result<Value> {
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        if let Some(info) = root.get("info") {
            out.insert("info".into(), info.clone());
        }
        let servers = self.servers(root);
        if !servers.is_empty() {
            out.insert("servers".into(), Value::Array(servers));
        }

        // Global parameters first: operations need to know which are body and formData ones.
        if let Some(params) = root.get("parameters") {
            let params =
                params.as_object().ok_or_else(|| Error::invalid(self.at("/parameters"), "an object of parameters"))?;
            for (name, p) in params {
                let src = format!("/parameters/{}", esc(name));
                match p.as_object().and_then(|p| p.get("in")).and_then(Value::as_str) {
                    Some(kind) => {
                        self.global_in.insert(name.clone(), kind.to_string());
                        if let (Some(p), "body") = (p.as_object(), kind) {
                            self.global_bodies.insert(name.clone(), p.clone());
                        }
                    }
                    None if p.get("$ref").is_some() => {}
                    None => return Err(without_in(self.at(&src), name_of(p))),
                }
            }
        }

        let mut paths = Map::new();
        for (section, key) in [("paths", "/paths"), ("x-ms-paths", "/x-ms-paths")] {
            let Some(section_value) = root.get(section) else { continue };
            let items = section_value.as_object().ok_or_else(|| Error::invalid(self.at(key), "an object of paths"))?;
            for (path, item) in items {
                let src = format!("{key}/{}", esc(path));
                if path.starts_with("x-") {
                    paths.insert(path.clone(), item.clone());
                    continue;
                }
                if paths.contains_key(path) {
                    return Err(Error::invalid(
                        self.at(&src),
                        format!("a path not already in `paths`, found `{path}` twice"),
                    ));
                }
                let dst = format!("/paths/{}", esc(path));
                self.origin(dst.clone(), src.clone());
                let converted = self.path_item(item, &src, &dst)?;
                paths.insert(path.clone(), converted);
            }
        }
        out.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if let Some(defs) = root.get("definitions") {
            let defs =
                defs.as_object().ok_or_else(|| Error::invalid(self.at("/definitions"), "an object of schemas"))?;
            let mut schemas = Map::new();
            for (name, schema) in defs {
                let src = format!("/definitions/{}", esc(name));
                let dst = format!("/components/schemas/{}", esc(name));
                self.origin(dst.clone(), src.clone());
                schemas.insert(name.clone(), self.schema(schema, &src, &dst)?);
            }
            components.insert("schemas".into(), Value::Object(schemas));
        }
        if let Some(Value::Object(params)) = root.get("parameters") {
            let mut parameters = Map::new();
            let mut bodies = Map::new();
            for (name, p) in params {
                let src = format!("/parameters/{}", esc(name));
                let p = p.as_object().ok_or_else(|| Error::invalid(self.at(&src), "a parameter object"))?;
                if p.contains_key("$ref") {
                    let dst = format!("/components/parameters/{}", esc(name));
                    self.origin(dst, src);
                    parameters.insert(name.clone(), Value::Object(p.clone()));
                    continue;
                }
                match p.get("in").and_then(Value::as_str) {
                    Some("body") => {
                        let dst = format!("/components/requestBodies/{}", esc(name));
                        let consumes = self.consumes.clone();
                        bodies.insert(name.clone(), self.request_body(p, &src, &dst, &consumes)?);
                    }
                    // Form fields are inlined into each operation's form body; OpenAPI 3.0 has no
                    // component for one field of a form.
                    Some("formData") => {}
                    _ => {
                        let dst = format!("/components/parameters/{}", esc(name));
                        parameters.insert(name.clone(), self.parameter(p, &src, &dst)?);
                    }
                }
            }
            if !parameters.is_empty() {
                components.insert("parameters".into(), Value::Object(parameters));
            }
            if !bodies.is_empty() {
                components.insert("requestBodies".into(), Value::Object(bodies));
            }
        }
        if let Some(responses) = root.get("responses") {
            let responses =
                responses.as_object().ok_or_else(|| Error::invalid(self.at("/responses"), "an object of responses"))?;
            let mut out_responses = Map::new();
            let produces = self.produces.clone();
            for (name, r) in responses {
                let src = format!("/responses/{}", esc(name));
                let dst = format!("/components/responses/{}", esc(name));
                out_responses.insert(name.clone(), self.response(r, &src, &dst, &produces)?);
            }
            components.insert("responses".into(), Value::Object(out_responses));
        }
        if let Some(defs) = root.get("securityDefinitions") {
            let defs = defs
                .as_object()
                .ok_or_else(|| Error::invalid(self.at("/securityDefinitions"), "an object of security schemes"))?;
            let mut schemes = Map::new();
            for (name, d) in defs {
                let src = format!("/securityDefinitions/{}", esc(name));
                let dst = format!("/components/securitySchemes/{}", esc(name));
                self.origin(dst, src.clone());
                schemes.insert(name.clone(), self.security_scheme(d, &src)?);
            }
            components.insert("securitySchemes".into(), Value::Object(schemes));
        }
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        for key in ["security", "tags", "externalDocs"] {
            if let Some(v) = root.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        for (k, v) in root {
            if k.starts_with("x-") && k != "x-ms-paths" {
                out.insert(k.clone(), v.clone());
            }
        }
        self.parameterized_host(&mut out)?;
        Ok(Value::Object(out))
    }

    /// The inline parameters of `x-ms-parameterized-host` (the host template's variables) are
    /// Swagger parameters like any other; convert them so later stages see one shape. Refs among
    /// them are kept, and bundled like operation parameters.
    fn parameterized_host(&mut self, out: &mut Map<String, Value>) -> Result<()> {
        let Some(Value::Array(params)) = out.get("x-ms-parameterized-host").and_then(|h| h.get("parameters")).cloned()
        else {
            return Ok(());
        };
        let mut converted = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let at = format!("/x-ms-parameterized-host/parameters/{i}");
            converted.push(self.parameter_or_ref(p, &at, &at)?);
        }
        if let Some(Value::Object(host)) = out.get_mut("x-ms-parameterized-host") {
            host.insert("parameters".into(), Value::Array(converted));
        }
        Ok(())
    }

    /// `host`, `basePath` and `schemes` as OpenAPI servers, one per scheme (`https` when none).
    fn servers(&self, root: &Map<String, Value>) -> Vec<Value> {
        let base_path = root.get("basePath").and_then(Value::as_str).unwrap_or("");
        let base_path = base_path.trim_end_matches('/');
        match root.get("host").and_then(Value::as_str) {
            Some(host) => {
                let mut schemes = media_types(root.get("schemes"));
                if schemes.is_empty() {
                    schemes.push("https".into());
                }
                schemes.iter().map(|s| json!({ "url": format!("{s}://{host}{base_path}") })).collect()
            }
            None if !base_path.is_empty() => vec![json!({ "url": base_path })],
            None => Vec::new(),
        }
    }

    fn path_item(&mut self, item: &Value, src: &str, dst: &str) -> Result<Value> {
        let item = item.as_object().ok_or_else(|| Error::invalid(self.at(src), "a path item object"))?;
        if item.contains_key("$ref") {
            return Ok(Value::Object(item.clone()));
        }
        let mut out = Map::new();
        // Path-level parameters: body and form ones move into the operations.
        let (shared, pushed_down) = self.split_parameters(item, src, dst)?;
        for key in ["summary", "description", "servers"] {
            if let Some(v) = item.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        for method in METHODS {
            if let Some(op) = item.get(method) {
                let osrc = format!("{src}/{method}");
                let odst = format!("{dst}/{method}");
                self.origin(odst.clone(), osrc.clone());
                out.insert(method.into(), self.operation(op, &osrc, &odst, &pushed_down)?);
            }
        }
        if !shared.is_empty() {
            out.insert("parameters".into(), Value::Array(shared));
        }
        copy_extensions(item, &mut out);
        Ok(Value::Object(out))
    }

    /// The `parameters` of the path item or operation `owner` at `src`: the non-body ones
    /// converted (to be written at `{dst}/parameters`), and the body and formData ones
    /// classified, each in spec order.
    fn split_parameters(
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

    fn parameter_or_ref(&mut self, p: &Value, src: &str, dst: &str) -> Result<Value> {
        let obj = p.as_object().ok_or_else(|| Error::invalid(self.at(src), "a parameter object"))?;
        if obj.contains_key("$ref") {
            return Ok(p.clone());
        }
        self.parameter(obj, src, dst)
    }

    fn operation(&mut self, op: &Value, src: &str, dst: &str, inherited: &[Classified]) -> Result<Value> {
        let op = op.as_object().ok_or_else(|| Error::invalid(self.at(src), "an operation object"))?;
        let consumes =
            if op.contains_key("consumes") { media_types(op.get("consumes")) } else { self.consumes.clone() };
        let produces =
            if op.contains_key("produces") { media_types(op.get("produces")) } else { self.produces.clone() };
        let mut out = Map::new();
        for key in ["tags", "summary", "description", "externalDocs", "operationId"] {
            if let Some(v) = op.get(key) {
                out.insert(key.into(), v.clone());
            }
        }

        let (parameters, own_bodies) = self.split_parameters(op, src, dst)?;
        // Path-level body and form parameters apply where the operation has none of its own.
        let bodies = if own_bodies.is_empty() { inherited } else { own_bodies.as_slice() };
        let mut body: Option<Value> = None;
        let mut form: Vec<Classified> = Vec::new();
        for c in bodies {
            match c.kind.as_str() {
                "body" => body = Some(self.body_parameter(c, dst, &consumes)?),
                _ => form.push(c.clone()),
            }
        }
        if !form.is_empty() {
            if body.is_some() {
                return Err(Error::invalid(self.at(src), "either a body parameter or formData parameters, not both"));
            }
            body = Some(self.form_body(&form, &format!("{dst}/requestBody"), &consumes)?);
        }
        if !parameters.is_empty() {
            out.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(body) = body {
            out.insert("requestBody".into(), body);
        }

        let mut responses = Map::new();
        if let Some(rs) = op.get("responses") {
            let rs = rs
                .as_object()
                .ok_or_else(|| Error::invalid(self.at(&format!("{src}/responses")), "an object of responses"))?;
            for (code, r) in rs {
                if code.starts_with("x-") {
                    responses.insert(code.clone(), r.clone());
                    continue;
                }
                let rsrc = format!("{src}/responses/{}", esc(code));
                let rdst = format!("{dst}/responses/{}", esc(code));
                responses.insert(code.clone(), self.response(r, &rsrc, &rdst, &produces)?);
            }
        }
        out.insert("responses".into(), Value::Object(responses));
        for key in ["deprecated", "security"] {
            if let Some(v) = op.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        copy_extensions(op, &mut out);
        Ok(Value::Object(out))
    }

    /// The request body of the operation at `dst` for a body parameter it (or its path item)
    /// lists. A `$ref` stays one (the bundler maps it to `components/requestBodies`), except that
    /// a `$ref` to a global body parameter of this file is inlined when the operation's
    /// `consumes` differ from the file's: the operation's media types win, as in AutoRest.
    fn body_parameter(&mut self, c: &Classified, dst: &str, consumes: &[String]) -> Result<Value> {
        let bdst = format!("{dst}/requestBody");
        let Some(reference) = &c.reference else {
            let obj = c.value.as_object().ok_or_else(|| Error::invalid(self.at(&c.site), "a parameter object"))?;
            return self.request_body(obj, &c.site, &bdst, consumes);
        };
        let local = reference.strip_prefix("#/parameters/").map(crate::error::unescape_pointer_segment);
        if let Some(name) = local.filter(|_| consumes != self.consumes.as_slice()) {
            if let Some(target) = self.global_bodies.get(&name).cloned() {
                return self.request_body(&target, &format!("/parameters/{}", esc(&name)), &bdst, consumes);
            }
        }
        self.origin(bdst, c.site.clone());
        Ok(json!({ "$ref": reference }))
    }

    /// An inline body parameter as a request body.
    fn request_body(&mut self, p: &Map<String, Value>, src: &str, dst: &str, consumes: &[String]) -> Result<Value> {
        self.origin(dst.to_string(), src.to_string());
        let schema_src = format!("{src}/schema");
        let schema = p.get("schema").ok_or_else(|| Error::invalid(self.at(src), "a body parameter with a `schema`"))?;
        let mut content = Map::new();
        let types: Vec<String> = if consumes.is_empty() { vec!["application/json".into()] } else { consumes.to_vec() };
        for mt in &types {
            let sdst = format!("{dst}/content/{}/schema", esc(mt));
            self.origin(sdst.clone(), schema_src.clone());
            let schema = self.schema(schema, &schema_src, &sdst)?;
            content.insert(mt.clone(), json!({ "schema": schema }));
        }
        let mut out = Map::new();
        if let Some(d) = p.get("description") {
            out.insert("description".into(), d.clone());
        }
        out.insert("content".into(), Value::Object(content));
        if let Some(r) = p.get("required") {
            out.insert("required".into(), r.clone());
        }
        if let Some(name) = p.get("name") {
            out.insert("x-ms-requestBody-name".into(), name.clone());
        }
        copy_extensions(p, &mut out);
        Ok(Value::Object(out))
    }

    /// formData parameters as one request body of an object schema.
    fn form_body(&mut self, fields: &[Classified], dst: &str, consumes: &[String]) -> Result<Value> {
        let has_file = fields.iter().any(|f| f.value.get("type").and_then(Value::as_str) == Some("file"));
        let mt = if has_file || consumes.iter().any(|c| c == "multipart/form-data") {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let sdst = format!("{dst}/content/{}/schema", esc(mt));
        let mut properties = Map::new();
        let mut required = Vec::new();
        for field in fields {
            let obj = field
                .value
                .as_object()
                .ok_or_else(|| Error::invalid(Location::new(&field.file, &field.src), "a parameter object"))?;
            let name = obj.get("name").and_then(Value::as_str).ok_or_else(|| {
                Error::invalid(Location::new(&field.file, &field.src), "a formData parameter with a `name`")
            })?;
            let pdst = format!("{sdst}/properties/{}", esc(name));
            if field.file == self.file {
                self.origin(pdst.clone(), field.src.clone());
            }
            let mut schema = self.value_schema(obj, &field.src)?;
            if let Value::Object(s) = &mut schema {
                if let Some(d) = obj.get("description") {
                    s.insert("description".into(), d.clone());
                }
                copy_extensions(obj, s);
            }
            properties.insert(name.to_string(), schema);
            if obj.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
        }
        self.origin(dst.to_string(), fields.first().map(|f| f.src.clone()).unwrap_or_default());
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required.clone()));
        }
        let mut out = Map::new();
        out.insert("content".into(), json!({ mt: { "schema": Value::Object(schema) } }));
        if !required.is_empty() {
            out.insert("required".into(), json!(true));
        }
        Ok(Value::Object(out))
    }

    /// A non-body Swagger parameter as an OpenAPI one.
    fn parameter(&mut self, p: &Map<String, Value>, src: &str, dst: &str) -> Result<Value> {
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
    fn value_schema(&mut self, p: &Map<String, Value>, src: &str) -> Result<Value> {
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

    fn response(&mut self, r: &Value, src: &str, dst: &str, produces: &[String]) -> Result<Value> {
        self.origin(dst.to_string(), src.to_string());
        let r = r.as_object().ok_or_else(|| Error::invalid(self.at(src), "a response object"))?;
        if r.contains_key("$ref") {
            return Ok(Value::Object(r.clone()));
        }
        let mut out = Map::new();
        // OpenAPI 3.0 requires a description; Swagger 2.0 does too, but specs omit it.
        out.insert("description".into(), r.get("description").cloned().unwrap_or_else(|| json!("")));
        if let Some(headers) = r.get("headers") {
            let headers = headers
                .as_object()
                .ok_or_else(|| Error::invalid(self.at(&format!("{src}/headers")), "an object of headers"))?;
            let mut out_headers = Map::new();
            for (name, h) in headers {
                let hsrc = format!("{src}/headers/{}", esc(name));
                let h = h.as_object().ok_or_else(|| Error::invalid(self.at(&hsrc), "a header object"))?;
                let mut header = Map::new();
                if let Some(d) = h.get("description") {
                    header.insert("description".into(), d.clone());
                }
                let hdst = format!("{dst}/headers/{}", esc(name));
                self.origin(hdst.clone(), hsrc.clone());
                // The header's own `type`, `format`, ... become its schema's.
                self.origin(format!("{hdst}/schema"), hsrc.clone());
                header.insert("schema".into(), self.value_schema(h, &hsrc)?);
                copy_extensions(h, &mut header);
                out_headers.insert(name.clone(), Value::Object(header));
            }
            out.insert("headers".into(), Value::Object(out_headers));
        }
        if let Some(schema) = r.get("schema") {
            let ssrc = format!("{src}/schema");
            let types: Vec<String> =
                if produces.is_empty() { vec!["application/json".into()] } else { produces.to_vec() };
            let examples = r.get("examples").and_then(Value::as_object);
            let mut content = Map::new();
            for mt in &types {
                let sdst = format!("{dst}/content/{}/schema", esc(mt));
                self.origin(sdst.clone(), ssrc.clone());
                let mut media = Map::new();
                media.insert("schema".into(), self.schema(schema, &ssrc, &sdst)?);
                if let Some(example) = examples.and_then(|e| e.get(mt)) {
                    media.insert("example".into(), example.clone());
                }
                content.insert(mt.clone(), Value::Object(media));
            }
            out.insert("content".into(), Value::Object(content));
        }
        copy_extensions(r, &mut out);
        Ok(Value::Object(out))
    }

    fn security_scheme(&mut self, d: &Value, src: &str) -> Result<Value> {
        let d = d.as_object().ok_or_else(|| Error::invalid(self.at(src), "a security scheme object"))?;
        let kind = d.get("type").and_then(Value::as_str).unwrap_or("");
        let mut out = Map::new();
        match kind {
            "basic" => {
                out.insert("type".into(), json!("http"));
                out.insert("scheme".into(), json!("basic"));
            }
            "apiKey" => {
                out.insert("type".into(), json!("apiKey"));
                for key in ["name", "in"] {
                    if let Some(v) = d.get(key) {
                        out.insert(key.into(), v.clone());
                    }
                }
            }
            "oauth2" => {
                out.insert("type".into(), json!("oauth2"));
                let flow = d.get("flow").and_then(Value::as_str).unwrap_or("");
                let (name, keys): (&str, &[&str]) = match flow {
                    "implicit" => ("implicit", &["authorizationUrl"]),
                    "password" => ("password", &["tokenUrl"]),
                    "application" => ("clientCredentials", &["tokenUrl"]),
                    "accessCode" => ("authorizationCode", &["authorizationUrl", "tokenUrl"]),
                    other => {
                        return Err(Error::invalid(
                            self.at(&format!("{src}/flow")),
                            format!(
                                "an oauth2 `flow` of implicit, password, application or accessCode, found `{other}`"
                            ),
                        ))
                    }
                };
                let mut f = Map::new();
                for key in keys {
                    if let Some(v) = d.get(*key) {
                        f.insert((*key).into(), v.clone());
                    }
                }
                f.insert("scopes".into(), d.get("scopes").cloned().unwrap_or_else(|| json!({})));
                out.insert("flows".into(), json!({ name: Value::Object(f) }));
            }
            other => {
                return Err(Error::invalid(
                    self.at(&format!("{src}/type")),
                    format!("a security scheme `type` of basic, apiKey or oauth2, found `{other}`"),
                ))
            }
        }
        if let Some(v) = d.get("description") {
            out.insert("description".into(), v.clone());
        }
        copy_extensions(d, &mut out);
        Ok(Value::Object(out))
    }

    /// A Swagger schema as an OpenAPI 3.0 one. `src` is its source pointer, `dst` its converted one.
    fn schema(&mut self, s: &Value, src: &str, dst: &str) -> Result<Value> {
        let obj = s.as_object().ok_or_else(|| Error::invalid(self.at(src), "a schema object"))?;
        if obj.contains_key("$ref") && obj.len() > 1 {
            // OpenAPI 3.0 ignores siblings of `$ref`; wrap the ref so they keep their meaning.
            let mut rest = obj.clone();
            let reference = rest.remove("$ref").unwrap_or(Value::Null);
            let inner_dst = format!("{dst}/allOf/0");
            self.origin(inner_dst, src.to_string());
            let mut wrapper = match self.schema(&Value::Object(rest), src, dst)? {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            let mut all_of = vec![json!({ "$ref": reference })];
            if let Some(Value::Array(existing)) = wrapper.remove("allOf") {
                all_of.extend(existing);
            }
            let mut out = Map::new();
            out.insert("allOf".into(), Value::Array(all_of));
            out.extend(wrapper);
            return Ok(Value::Object(out));
        }
        let mut out = Map::new();
        let is_file = obj.get("type").is_some_and(|t| t == "file");
        for (k, v) in obj {
            let ksrc = format!("{src}/{}", esc(k));
            let kdst = format!("{dst}/{}", esc(k));
            match k.as_str() {
                "properties" => {
                    let props =
                        v.as_object().ok_or_else(|| Error::invalid(self.at(&ksrc), "an object of property schemas"))?;
                    let mut converted = Map::new();
                    for (name, p) in props {
                        let converted_p =
                            self.schema(p, &format!("{ksrc}/{}", esc(name)), &format!("{kdst}/{}", esc(name)))?;
                        converted.insert(name.clone(), converted_p);
                    }
                    out.insert(k.clone(), Value::Object(converted));
                }
                "items" | "not" => {
                    if v.is_array() {
                        return Err(Error::invalid(
                            self.at(&ksrc),
                            "a schema object (tuple `items` arrays are not Swagger 2.0)",
                        ));
                    }
                    out.insert(k.clone(), self.schema(v, &ksrc, &kdst)?);
                }
                "additionalProperties" => {
                    let converted = if v.is_boolean() { v.clone() } else { self.schema(v, &ksrc, &kdst)? };
                    out.insert(k.clone(), converted);
                }
                "allOf" | "oneOf" | "anyOf" => {
                    let items = v.as_array().ok_or_else(|| Error::invalid(self.at(&ksrc), "an array of schemas"))?;
                    let mut converted = Vec::new();
                    for (i, item) in items.iter().enumerate() {
                        converted.push(self.schema(item, &format!("{ksrc}/{i}"), &format!("{kdst}/{i}"))?);
                    }
                    out.insert(k.clone(), Value::Array(converted));
                }
                "discriminator" => {
                    let converted = match v {
                        Value::String(name) => json!({ "propertyName": name }),
                        other => other.clone(),
                    };
                    out.insert(k.clone(), converted);
                }
                "type" if is_file => {
                    out.insert("type".into(), json!("string"));
                    out.insert("format".into(), json!("binary"));
                }
                "format" if is_file => {}
                "x-nullable" => {
                    out.insert(k.clone(), v.clone());
                    if let Value::Bool(b) = v {
                        out.insert("nullable".into(), json!(b));
                    }
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// A parameter whose `in` is known, as the operation saw it.
#[derive(Debug, Clone)]
struct Classified {
    /// Its `in`.
    kind: String,
    /// Where the operation or path item lists it, as a source pointer in the file converted.
    site: String,
    /// Where it is (after following a `$ref`), as a source pointer in `file`.
    src: String,
    file: std::path::PathBuf,
    /// The parameter object (the target, when it was a `$ref`).
    value: Value,
    /// The `$ref` it was reached through, as written.
    reference: Option<String>,
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
