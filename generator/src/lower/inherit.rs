//! Inheritance (`allOf`): chains of bases checked to end, aliases followed to what they name, and
//! the inherited fields of a type whose base was still being lowered when it was (a type that
//! is a property of its own base) filled in once the base is done.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::ReferenceOr;

use super::schema::SchemaView;
use super::types::{inherit, merge_field};
use super::{join, Lowerer};
use crate::error::{Error, ErrorKind, Result};
use crate::ir::{ObjectType, TypeDef, TypeKind, MAX_ALL_OF_DEPTH};
use crate::names;

impl<'a> Lowerer<'a> {
    /// Refuses an `allOf` chain that comes back to where it started (`A` → `B` → `A`): such a
    /// type would be its own base; and one longer than `MAX_ALL_OF_DEPTH` types. Recursion through
    /// properties, items or maps is fine. Depth-first with an explicit stack (a spec decides how
    /// long its chains are), each component once.
    pub(super) fn check_all_of_chains(&self) -> Result<()> {
        let Some(components) = self.document().components.as_ref() else { return Ok(()) };
        // Component → the longest chain starting at it (itself included), once known.
        let mut depth: BTreeMap<&'a str, usize> = BTreeMap::new();
        for start in components.schemas.keys() {
            if depth.contains_key(start.as_str()) {
                continue;
            }
            // The path being explored: each component with its bases and how many were visited.
            let mut path: Vec<(&'a str, Vec<&'a str>, usize)> = Vec::new();
            let mut on_path: BTreeSet<&'a str> = BTreeSet::new();
            path.push((start, self.all_of_bases(start, &join("/components/schemas", start))?, 0));
            on_path.insert(start);
            while let Some((key, bases, visited)) = path.last_mut() {
                if let Some(&base) = bases.get(*visited) {
                    *visited += 1;
                    if depth.contains_key(base) {
                        continue;
                    }
                    let pointer = join("/components/schemas", base);
                    if !on_path.insert(base) {
                        return Err(Error::invalid(
                            self.locate(&pointer),
                            format!("an allOf chain that ends; `{base}` is its own base"),
                        ));
                    }
                    let next = self.all_of_bases(base, &pointer)?;
                    path.push((base, next, 0));
                    continue;
                }
                let key = *key;
                let longest = 1 + bases.iter().filter_map(|b| depth.get(b)).max().copied().unwrap_or(0);
                if longest > MAX_ALL_OF_DEPTH {
                    return Err(Error::unsupported(
                        self.locate(&join("/components/schemas", key)),
                        format!(
                            "an allOf chain of {longest} types starting at `{key}` (at most {MAX_ALL_OF_DEPTH}: each type \
                             holds every field of its bases)"
                        ),
                    ));
                }
                depth.insert(key, longest);
                on_path.remove(key);
                path.pop();
            }
        }
        Ok(())
    }

    /// The component keys that component `key` inherits from: the `$ref`s of its `allOf` (and of
    /// its inline `allOf` parts), or the target of an alias (`A: {$ref: B}`).
    fn all_of_bases(&self, key: &str, pointer: &str) -> Result<Vec<&'a str>> {
        let schemas = self.document().components.as_ref().map(|c| &c.schemas);
        let mut bases = Vec::new();
        let mut stack = match schemas.and_then(|s| s.get(key)) {
            Some(ReferenceOr::Item(schema)) => vec![(schema, pointer.to_string())],
            Some(ReferenceOr::Reference { reference }) => {
                bases.push(self.component_key(reference, "schemas", schemas, pointer)?.0);
                Vec::new()
            }
            None => Vec::new(),
        };
        while let Some((schema, at)) = stack.pop() {
            for (i, part) in SchemaView::new(schema).all_of.iter().enumerate() {
                let at = format!("{at}/allOf/{i}");
                match part {
                    ReferenceOr::Reference { reference } => bases.push(self.component_key(reference, "schemas", schemas, &at)?.0),
                    ReferenceOr::Item(part) => stack.push((part, at)),
                }
            }
        }
        Ok(bases)
    }

    /// Fills in the inherited fields of the types whose bases were still being lowered when they
    /// were (a type reached through a property of its own base), bases before subtypes.
    pub(super) fn complete_deferred_bases(&mut self) -> Result<()> {
        let mut waiting: Vec<(String, Vec<String>)> = std::mem::take(&mut self.deferred_bases);
        while !waiting.is_empty() {
            let names: BTreeSet<String> = waiting.iter().map(|(name, _)| name.clone()).collect();
            let ready = waiting.iter().position(|(name, _)| {
                let bases = match self.types.get(name).map(|def| &def.kind) {
                    Some(TypeKind::Object(object)) => object.bases.as_slice(),
                    _ => &[],
                };
                bases.iter().all(|base| !names.contains(base))
            });
            // No allOf chain comes back to itself (checked first), so one is always ready.
            let (name, required) = waiting.remove(ready.unwrap_or(0));
            self.inherit_fields(&name, &required)?;
        }
        Ok(())
    }

    /// Recomputes the fields of object type `name` from its (now complete) bases' and its own,
    /// as `lower_object` does, with the wire names in `required` required.
    fn inherit_fields(&mut self, name: &str, required: &[String]) -> Result<()> {
        let Some(TypeDef { kind: TypeKind::Object(object), location, .. }) = self.types.get(name) else { return Ok(()) };
        let mut inherited = ObjectType {
            fields: Vec::new(),
            bases: Vec::new(),
            additional_properties: None,
            discriminator: None,
            discriminator_value: None,
            patch: false,
        };
        for base in &object.bases {
            let Some(TypeKind::Object(base_object)) = self.types.get(base).map(|def| &def.kind) else {
                return Err(Error::unsupported(location.clone(), format!("allOf of `{base}`, which is not an object type")));
            };
            inherit(&mut inherited, base, base_object);
        }
        for field in object.fields.iter().filter(|f| f.inherited_from.is_none()) {
            merge_field(&mut inherited.fields, field.clone());
        }
        let mut taken = BTreeSet::new();
        for field in &mut inherited.fields {
            field.required |= required.contains(&field.wire_name);
            field.rust_name = names::unique(std::mem::take(&mut field.rust_name), &mut taken);
        }
        if let Some(TypeDef { kind: TypeKind::Object(object), .. }) = self.types.get_mut(name) {
            object.fields = inherited.fields;
            if object.additional_properties.is_none() {
                object.additional_properties = inherited.additional_properties;
            }
        }
        Ok(())
    }

    /// The component a chain of whole-component `$ref`s (`A: {$ref: B}`) starting at `key` ends
    /// at, so that an `allOf` of an alias inherits from what it names.
    pub(super) fn alias_target(&self, key: &'a str, at: &str) -> Result<&'a str> {
        let schemas = self.document().components.as_ref().map(|c| &c.schemas);
        let mut key = key;
        let mut seen = BTreeSet::new();
        while let Some(ReferenceOr::Reference { reference }) = schemas.and_then(|s| s.get(key)) {
            if !seen.insert(key) {
                return Err(Error::new(
                    ErrorKind::RefCycle,
                    self.locate(at),
                    format!("expected a chain of component `$ref`s that reaches a schema; `{key}` comes back to itself"),
                ));
            }
            key = self.component_key(reference, "schemas", schemas, at)?.0;
        }
        Ok(key)
    }
}
