//! Security definitions as OpenAPI security schemes: `basic` as HTTP basic, `apiKey` as is, and
//! an `oauth2` flow as the OpenAPI flow of the same grant.

use serde_json::{json, Map, Value};

use super::{copy_extensions, Converter};
use crate::error::{Error, Result};

impl Converter<'_> {
    pub(super) fn security_scheme(&mut self, d: &Value, src: &str) -> Result<Value> {
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
}
