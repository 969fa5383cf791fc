//! The document as a whole: its sections in order, the global parameters, definitions, responses
//! and security definitions as `components`, `host`/`basePath`/`schemes` as `servers`, and the
//! parameters of `x-ms-parameterized-host`.

use serde_json::{json, Map, Value};

use super::{media_types, name_of, without_in, Converter};
use crate::error::{escape_pointer_segment as esc, Error, Result};

impl Converter<'_> {
    pub(super) fn document(&mut self, root: &Map<String, Value>) -> Result<Value> {
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
}
