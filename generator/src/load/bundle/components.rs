//! The components that `$ref`s bring in: the name each target gets (its own, the file's stem, or
//! its container's and path's for a hoisted piece, made unique), its content walked and kept with
//! where it came from, the components added to the document, and each hoisted piece replaced by a
//! ref where it was taken from.

use std::path::Path;

use serde_json::{json, Value};

use super::{Ctx, Loader, Pending, Target};
use crate::error::{escape_pointer_segment as esc, unescape_pointer_segment, Error, Location, Result};

impl Loader {
    /// The component `target` is (or becomes), named as the module docs say.
    pub(super) fn component_for(&mut self, target: Target, ctx: Ctx) -> (&'static str, String) {
        if let Some(found) = self.names.get(&target) {
            return found.clone();
        }
        let kind = ctx.kind();
        let display = self.converted.get(&target.key).map(|f| f.display.clone()).unwrap_or_else(|| target.key.clone());
        let (wanted, whole) = self.derive_name(&display, &target);
        let name = crate::names::unique(wanted, self.taken.entry(kind).or_default());
        self.names.insert(target.clone(), (kind, name.clone()));
        if !whole {
            self.hoisted.push(target.clone());
        }
        self.queue.push_back(Pending { target, ctx, kind, name: name.clone() });
        (kind, name)
    }

    /// The name a target asks for, and whether it is a whole component (or whole file).
    fn derive_name(&self, display: &Path, target: &Target) -> (String, bool) {
        let segments: Vec<String> = target.pointer.split('/').skip(1).map(unescape_pointer_segment).collect();
        if segments.is_empty() {
            let stem = display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Schema".into());
            return (stem, true);
        }
        if segments.len() == 3 && segments[0] == "components" {
            return (segments[2].clone(), true);
        }
        // A container component's name comes first when the target is inside one.
        let mut parts: Vec<&str> = Vec::new();
        let rest: &[String] = if segments.len() > 3 && segments[0] == "components" {
            parts.push(&segments[2]);
            &segments[3..]
        } else {
            &segments
        };
        parts.extend(rest.iter().map(String::as_str).filter(|s| *s != "properties" && *s != "paths"));
        (parts.join("_"), false)
    }

    /// Walks a brought-in target's content and keeps it as a component.
    pub(super) fn bring_in(&mut self, pending: Pending) -> Result<()> {
        let Some(file) = self.converted.get(&pending.target.key).cloned() else { return Ok(()) };
        let mut value = file.doc.value.pointer(&pending.target.pointer).cloned().unwrap_or(Value::Null);
        self.walk(&mut value, pending.ctx, &pending.target.key, &pending.target.pointer)?;
        let at = format!("/components/{}/{}", pending.kind, esc(&pending.name));
        // Record where it came from, and where the pieces inside it that moved came from.
        let from = &pending.target.pointer;
        self.origins.insert(at.clone(), Location::new(file.display.clone(), file.doc.source_pointer(from)));
        let inside = format!("{from}/");
        for (converted, source) in file.doc.origins.range(inside.clone()..) {
            if !converted.starts_with(&inside) {
                break;
            }
            self.origins.insert(
                format!("{at}{}", &converted[from.len()..]),
                Location::new(file.display.clone(), source.clone()),
            );
        }
        self.extra.push((pending.kind, pending.name, value));
        Ok(())
    }

    /// Adds the brought-in components to the document.
    pub(super) fn assemble(&mut self, document: &mut Value) -> Result<()> {
        if self.extra.is_empty() {
            return Ok(());
        }
        let Value::Object(root) = document else { return Ok(()) };
        let components = root.entry("components").or_insert_with(|| json!({}));
        let Value::Object(components) = components else {
            let root = self.files.first().cloned().unwrap_or_else(|| self.root_key.clone());
            return Err(Error::invalid(Location::new(root, "/components"), "a components object"));
        };
        for (kind, name, value) in std::mem::take(&mut self.extra) {
            let items = components.entry(kind).or_insert_with(|| json!({}));
            if let Value::Object(items) = items {
                items.insert(name, value);
            }
        }
        Ok(())
    }

    /// Replaces each hoisted target, where it was taken from, by a ref to its component.
    pub(super) fn replace_hoisted(&mut self, document: &mut Value) {
        for target in self.hoisted.clone() {
            let Some((kind, name)) = self.names.get(&target).cloned() else { continue };
            // The innermost other named target that contains this one.
            let mut prefix = target.pointer.as_str();
            let mut at = None;
            while let Some(i) = prefix.rfind('/') {
                prefix = &prefix[..i];
                let container = Target { key: target.key.clone(), pointer: prefix.to_string() };
                if let Some((ckind, cname)) = self.names.get(&container) {
                    at = Some(format!("/components/{ckind}/{}{}", esc(cname), &target.pointer[prefix.len()..]));
                    break;
                }
            }
            if at.is_none() && target.key == self.root_key && target.pointer.starts_with("/paths/") {
                at = Some(target.pointer.clone());
            }
            if let Some(slot) = at.and_then(|at| document.pointer_mut(&at)) {
                *slot = json!({ "$ref": format!("#/components/{kind}/{}", esc(&name)) });
            }
        }
    }
}
