//! Responses: their headers (each header's `type`, `format`, ... as its schema) and their schema
//! as one content entry per `produces` type, with the examples given for it.

use serde_json::{json, Map, Value};

use super::{copy_extensions, Converter};
use crate::error::{escape_pointer_segment as esc, Error, Result};

impl Converter<'_> {
    pub(super) fn response(&mut self, r: &Value, src: &str, dst: &str, produces: &[String]) -> Result<Value> {
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
}
