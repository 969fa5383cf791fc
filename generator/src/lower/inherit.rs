//! Inheritance (`allOf`): chains of bases checked to end, aliases followed to what they name, and
//! the inherited fields of a type whose base was still being lowered when it was (a type that
//! is a property of its own base) filled in once the base is done.

use std::collections::BTreeSet;

use openapiv3::ReferenceOr;

use super::schema::SchemaView;
use super::types::{inherit, merge_field};
use super::{join, Lowerer};
use crate::error::{Error, ErrorKind, Result};
use crate::ir::{ObjectType, TypeDef, TypeKind};
use crate::names;

impl<'a> Lowerer<'a> {
    /// Refuses an `allOf` chain that comes back to where it started (`A` → `B` → `A`): such a
    /// type would be its own base. Recursion through properties, items or maps is fine.
    pub(super) fn check_all_of_chains(&self) -> Result<()> {
        let Some(components) = self.document().components.as_ref() else { return Ok(()) };
        let mut done = BTreeSet::new();
        for key in components.schemas.keys() {
            self.visit_all_of(key, &mut Vec::new(), &mut done)?;
        }
        Ok(())
    }

    /// Depth-first through the `allOf` bases of component `key`; `chain` is the path to it.
    fn visit_all_of(&self, key: &'a str, chain: &mut Vec<&'a str>, done: &mut BTreeSet<&'a str>) -> Result<()> {
        if done.contains(key) {
            return Ok(());
        }
        let pointer = join("/components/schemas", key);
        if chain.contains(&key) {
            return Err(Error::invalid(self.locate(&pointer), format!("an allOf chain that ends; `{key}` is its own base")));
        }
        chain.push(key);
        for base in self.all_of_bases(key, &pointer)? {
            self.visit_all_of(base, chain, done)?;
        }
        chain.pop();
        done.insert(key);
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
