//! Path items and their operations: the parameters they list, split into plain ones and the body
//! and formData ones that become the operation's request body (path-level ones pushed down into
//! each operation without its own), and the operations' responses.

use serde_json::{Map, Value};

use super::parameters::Classified;
use super::{copy_extensions, media_types, Converter};
use crate::error::{escape_pointer_segment as esc, Error, Result};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

impl Converter<'_> {
    pub(super) fn path_item(&mut self, item: &Value, src: &str, dst: &str) -> Result<Value> {
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
}
