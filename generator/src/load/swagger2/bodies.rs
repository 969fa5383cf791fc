//! Request bodies: a body parameter as a `requestBody` with one content entry per `consumes`
//! type (a `$ref` kept, or inlined where the operation's media types differ from the file's), and
//! formData parameters as one form body of an object schema.

use serde_json::{json, Map, Value};

use super::parameters::Classified;
use super::{copy_extensions, Converter};
use crate::error::{escape_pointer_segment as esc, Error, Location, Result};

impl Converter<'_> {
    /// The request body of the operation at `dst` for a body parameter it (or its path item)
    /// lists. A `$ref` stays one (the bundler maps it to `components/requestBodies`), except that
    /// a `$ref` to a global body parameter of this file is inlined when the operation's
    /// `consumes` differ from the file's: the operation's media types win, as in AutoRest.
    pub(super) fn body_parameter(&mut self, c: &Classified, dst: &str, consumes: &[String]) -> Result<Value> {
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
    pub(super) fn request_body(&mut self, p: &Map<String, Value>, src: &str, dst: &str, consumes: &[String]) -> Result<Value> {
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
    pub(super) fn form_body(&mut self, fields: &[Classified], dst: &str, consumes: &[String]) -> Result<Value> {
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
}
