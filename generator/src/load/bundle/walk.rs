//! The walk of the document in document order, knowing at each place what kind of object it holds
//! (schema, parameter, response, ...), that replaces every `$ref` by a local one to the right
//! `components` map, or, for a path item, by the path item's content.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Map, Value};

use super::resolve::cycle;
use super::{Ctx, Loader};
use crate::error::{escape_pointer_segment as esc, Error, ErrorKind, Result};

/// How deep path items may be inlined inside each other (through callbacks' `$ref`s).
const MAX_INLINED_PATH_ITEMS: usize = 32;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Loader {
    /// Walks the root document: its paths, the host template's parameters, then its components.
    pub(super) fn walk_document(&mut self, document: &mut Value) -> Result<()> {
        let root = self.root_key.clone();
        if let Some(Value::Object(paths)) = document.get_mut("paths") {
            for (path, item) in paths.iter_mut() {
                if path.starts_with("x-") {
                    continue;
                }
                let pointer = format!("/paths/{}", esc(path));
                self.walk(item, Ctx::PathItem, &root, &pointer)?;
            }
        }
        // The host template's parameters are parameters, though they live in an extension.
        let host_params = document.get_mut("x-ms-parameterized-host").and_then(|h| h.get_mut("parameters"));
        if let Some(Value::Array(params)) = host_params {
            for (i, p) in params.iter_mut().enumerate() {
                self.walk(p, Ctx::Parameter, &root, &format!("/x-ms-parameterized-host/parameters/{i}"))?;
            }
        }
        if let Some(Value::Object(components)) = document.get_mut("components") {
            for (kind, items) in components.iter_mut() {
                let (Some(ctx), Value::Object(items)) = (Ctx::of_kind(kind), items) else { continue };
                for (name, item) in items.iter_mut() {
                    let pointer = format!("/components/{kind}/{}", esc(name));
                    self.walk(item, ctx, &root, &pointer)?;
                }
            }
        }
        Ok(())
    }

    /// Walks `value`, of kind `ctx`, found in file `key` at converted `pointer`, replacing every
    /// `$ref` by a local one.
    pub(super) fn walk(&mut self, value: &mut Value, ctx: Ctx, key: &Path, pointer: &str) -> Result<()> {
        if self.reference(value, ctx, key, pointer)? {
            return Ok(());
        }
        let Value::Object(object) = value else { return Ok(()) };
        match ctx {
            Ctx::Schema => {
                for (k, v) in object.iter_mut() {
                    let at = format!("{pointer}/{}", esc(k));
                    match (k.as_str(), v) {
                        ("properties" | "patternProperties", Value::Object(props)) => {
                            for (name, p) in props.iter_mut() {
                                self.walk(p, Ctx::Schema, key, &format!("{at}/{}", esc(name)))?;
                            }
                        }
                        ("items" | "not" | "additionalProperties", v @ Value::Object(_)) => {
                            self.walk(v, Ctx::Schema, key, &at)?
                        }
                        ("allOf" | "oneOf" | "anyOf", Value::Array(items)) => {
                            for (i, item) in items.iter_mut().enumerate() {
                                self.walk(item, Ctx::Schema, key, &format!("{at}/{i}"))?;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Ctx::Parameter | Ctx::Header => {
                if ctx == Ctx::Parameter && !object.contains_key("in") {
                    let name =
                        object.get("name").and_then(Value::as_str).map(|n| format!(" `{n}`")).unwrap_or_default();
                    return Err(Error::new(
                        ErrorKind::ParameterWithoutIn,
                        self.site(key, pointer),
                        format!("parameter{name} has no `in`; expected one of path, query, header, cookie"),
                    ));
                }
                if let Some(schema) = object.get_mut("schema") {
                    self.walk(schema, Ctx::Schema, key, &format!("{pointer}/schema"))?;
                }
                self.walk_map(object, "content", key, pointer, Self::walk_media)?;
                self.walk_each(object, "examples", Ctx::Example, key, pointer)?;
            }
            Ctx::RequestBody => self.walk_map(object, "content", key, pointer, Self::walk_media)?,
            Ctx::Response => {
                self.walk_each(object, "headers", Ctx::Header, key, pointer)?;
                self.walk_map(object, "content", key, pointer, Self::walk_media)?;
                self.walk_each(object, "links", Ctx::Link, key, pointer)?;
            }
            Ctx::PathItem => {
                if let Some(Value::Array(params)) = object.get_mut("parameters") {
                    for (i, p) in params.iter_mut().enumerate() {
                        self.walk(p, Ctx::Parameter, key, &format!("{pointer}/parameters/{i}"))?;
                    }
                }
                for method in METHODS {
                    if let Some(Value::Object(op)) = object.get_mut(method) {
                        self.walk_operation(op, key, &format!("{pointer}/{method}"))?;
                    }
                }
            }
            Ctx::Callback => {
                for (expression, item) in object.iter_mut() {
                    if !expression.starts_with("x-") {
                        self.walk(item, Ctx::PathItem, key, &format!("{pointer}/{}", esc(expression)))?;
                    }
                }
            }
            Ctx::Example | Ctx::Link | Ctx::SecurityScheme => {}
        }
        Ok(())
    }

    /// Walks each value of the map `object[field]` as `ctx`.
    fn walk_each(
        &mut self,
        object: &mut Map<String, Value>,
        field: &str,
        ctx: Ctx,
        key: &Path,
        pointer: &str,
    ) -> Result<()> {
        if let Some(Value::Object(items)) = object.get_mut(field) {
            for (name, item) in items.iter_mut() {
                self.walk(item, ctx, key, &format!("{pointer}/{field}/{}", esc(name)))?;
            }
        }
        Ok(())
    }

    /// Calls `f` on each object value of the map `object[field]`.
    fn walk_map(
        &mut self,
        object: &mut Map<String, Value>,
        field: &str,
        key: &Path,
        pointer: &str,
        f: fn(&mut Self, &mut Map<String, Value>, &Path, &str) -> Result<()>,
    ) -> Result<()> {
        if let Some(Value::Object(items)) = object.get_mut(field) {
            for (name, item) in items.iter_mut() {
                if let Value::Object(item) = item {
                    f(self, item, key, &format!("{pointer}/{field}/{}", esc(name)))?;
                }
            }
        }
        Ok(())
    }

    fn walk_media(&mut self, media: &mut Map<String, Value>, key: &Path, pointer: &str) -> Result<()> {
        if let Some(schema) = media.get_mut("schema") {
            self.walk(schema, Ctx::Schema, key, &format!("{pointer}/schema"))?;
        }
        self.walk_each(media, "examples", Ctx::Example, key, pointer)?;
        if let Some(Value::Object(encodings)) = media.get_mut("encoding") {
            for (name, encoding) in encodings.iter_mut() {
                if let Value::Object(encoding) = encoding {
                    self.walk_each(
                        encoding,
                        "headers",
                        Ctx::Header,
                        key,
                        &format!("{pointer}/encoding/{}", esc(name)),
                    )?;
                }
            }
        }
        Ok(())
    }

    fn walk_operation(&mut self, op: &mut Map<String, Value>, key: &Path, pointer: &str) -> Result<()> {
        if let Some(Value::Array(params)) = op.get_mut("parameters") {
            for (i, p) in params.iter_mut().enumerate() {
                self.walk(p, Ctx::Parameter, key, &format!("{pointer}/parameters/{i}"))?;
            }
        }
        if let Some(body) = op.get_mut("requestBody") {
            self.walk(body, Ctx::RequestBody, key, &format!("{pointer}/requestBody"))?;
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for (code, response) in responses.iter_mut() {
                if !code.starts_with("x-") {
                    self.walk(response, Ctx::Response, key, &format!("{pointer}/responses/{}", esc(code)))?;
                }
            }
        }
        self.walk_each(op, "callbacks", Ctx::Callback, key, pointer)?;
        if let Some(Value::Object(examples)) = op.get("x-ms-examples") {
            let references: Vec<(String, String)> = examples
                .iter()
                .filter_map(|(name, e)| Some((name.clone(), e.get("$ref")?.as_str()?.to_string())))
                .collect();
            for (name, reference) in references {
                let site = self.site(key, &format!("{pointer}/x-ms-examples/{}", esc(&name)));
                self.read_example(key, &site, &reference)?;
            }
        }
        Ok(())
    }

    /// When `value` is a `$ref`, replaces it by a local ref (bringing its target in as a
    /// component) or, for a path item, by the target's content. True when it was a `$ref`.
    fn reference(&mut self, value: &mut Value, ctx: Ctx, key: &Path, pointer: &str) -> Result<bool> {
        let Some(reference) = value.as_object().and_then(|o| o.get("$ref")) else { return Ok(false) };
        let Some(reference) = reference.as_str().map(str::to_string) else {
            return Err(Error::invalid(self.site(key, &format!("{pointer}/$ref")), "a `$ref` string"));
        };
        let target = self.resolve(key, pointer, &reference)?;
        if ctx == Ctx::PathItem {
            // A chain of path item refs is followed here, in a loop, to the path item it ends at
            // (`resolve` checked that it ends); only what that path item holds is walked.
            let mut target = target;
            let mut seen = BTreeSet::new();
            let mut content = loop {
                let file = self.converted.get(&target.key).cloned();
                let content =
                    file.as_ref().and_then(|f| f.doc.value.pointer(&target.pointer)).cloned().unwrap_or(Value::Null);
                let next = content.get("$ref").and_then(Value::as_str).map(str::to_string);
                match next {
                    Some(next) if seen.insert(target.clone()) => {
                        let next_site = self.site(&target.key, &target.pointer);
                        target = self.resolve_once(&next_site, &next)?;
                    }
                    Some(_) => return Err(cycle(&self.site(key, pointer), &reference)),
                    None => break content,
                }
            };
            if self.inlining.contains(&target) {
                return Err(cycle(&self.site(key, pointer), &reference));
            }
            // Path items inlined inside path items (through callbacks) nest one level per `$ref`:
            // bounded, so a spec cannot make the walk recurse without end.
            if self.inlining.len() >= MAX_INLINED_PATH_ITEMS {
                return Err(Error::unsupported(
                    self.site(key, pointer),
                    format!("path items inlined through `$ref`s more than {MAX_INLINED_PATH_ITEMS} levels deep"),
                ));
            }
            self.inlining.push(target.clone());
            let walked = self.walk(&mut content, Ctx::PathItem, &target.key.clone(), &target.pointer.clone());
            self.inlining.pop();
            walked?;
            if key == self.root_key && pointer.starts_with("/paths/") {
                let origin = self.site(&target.key, &target.pointer);
                self.origins.insert(pointer.to_string(), origin);
            }
            *value = content;
            return Ok(true);
        }
        let (kind, name) = self.component_for(target, ctx);
        *value = json!({ "$ref": format!("#/components/{kind}/{}", esc(&name)) });
        Ok(true)
    }
}
