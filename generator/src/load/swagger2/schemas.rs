//! Schemas, wherever they are: a `$ref` with siblings wrapped in `allOf`, `x-nullable` also as
//! `nullable`, a string `discriminator` as `{propertyName}`, `type: file` as a binary string, and
//! every nested schema (properties, items, compositions) converted the same way.

use serde_json::{json, Map, Value};

use super::Converter;
use crate::error::{escape_pointer_segment as esc, Error, Result};

impl Converter<'_> {
    /// A Swagger schema as an OpenAPI 3.0 one. `src` is its source pointer, `dst` its converted one.
    pub(super) fn schema(&mut self, s: &Value, src: &str, dst: &str) -> Result<Value> {
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
