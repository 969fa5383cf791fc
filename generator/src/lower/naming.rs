//! Type names, decided once.
//!
//! The rules, in the order they apply:
//! 1. Every component schema is named first, in document order, before any inline schema, so an
//!    inline schema can never take a definition's name. A component enum is named by its
//!    `x-ms-enum.name` when it has one (as AutoRest does), every other component by its key.
//! 2. An enum (component or inline) whose name is already an enum with the same set of values
//!    *is* that enum: `JobResponse.status` (inline, `x-ms-enum.name: JobStatus`) and a
//!    `definitions/JobStatus` with the same values are one type, so a spec may move an enum into
//!    its definitions without renaming it.
//! 3. An inline enum takes its `x-ms-enum.name`; an inline schema without a name of its own takes
//!    one derived from where it is (`<Parent><Field>`, `<Parent><Field>Item`,
//!    `<Parent><Field>Value`, `<Operation>Request`, `<Operation>Response`, `<Operation><Param>`).
//! 4. Any other clash is resolved by `names::unique` (`Name`, `Name2`, `Name3`, ...), in the order
//!    the lowering meets the schemas: components in document order (each with its inline schemas
//!    depth-first), then operations in spec order.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde_json::Value;

use crate::names;

/// The registry of type names of one API.
#[derive(Debug, Default)]
pub(crate) struct TypeNames {
    /// Every Rust type name given out.
    taken: BTreeSet<String>,
    /// Component schema key → Rust name.
    components: IndexMap<String, String>,
    /// Rust name → the values of the enum of that name (compared as a set).
    enums: BTreeMap<String, BTreeSet<String>>,
}

/// An enum's values in a form that compares as a set regardless of order.
fn value_set(values: &[Value]) -> BTreeSet<String> {
    values.iter().map(Value::to_string).collect()
}

impl TypeNames {
    /// Names the component schema `key`. `enum_name` and `enum_values` are given for enums.
    /// Returns the Rust name and whether it is new (false when it merged into an equal enum).
    pub fn reserve_component(&mut self, key: &str, enum_name: Option<&str>, enum_values: Option<&[Value]>) -> (String, bool) {
        let (name, new) = match enum_values {
            Some(values) => self.enum_name(enum_name.unwrap_or(key), values),
            None => (names::unique(names::pascal(key), &mut self.taken), true),
        };
        self.components.insert(key.to_string(), name.clone());
        (name, new)
    }

    /// The Rust name of component schema `key`, once reserved.
    pub fn component(&self, key: &str) -> Option<&str> {
        self.components.get(key).map(String::as_str)
    }

    /// Names an enum called `spec_name` with `values`: the existing type when an enum of that name
    /// has the same values (returns false), otherwise a new unique name (returns true).
    pub fn enum_name(&mut self, spec_name: &str, values: &[Value]) -> (String, bool) {
        let preferred = names::pascal(spec_name);
        let set = value_set(values);
        if self.enums.get(&preferred) == Some(&set) {
            return (preferred, false);
        }
        let name = names::unique(preferred, &mut self.taken);
        self.enums.insert(name.clone(), set);
        (name, true)
    }

    /// Names an inline object or alias called `spec_name` (a derived name): always a new type.
    pub fn inline(&mut self, spec_name: &str) -> String {
        names::unique(names::pascal(spec_name), &mut self.taken)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_enum_of_the_same_name_and_values_is_one_type() {
        let mut names = TypeNames::default();
        let (component, new) = names.reserve_component("JobStatus", None, Some(&[json!("a"), json!("b")]));
        assert_eq!((component.as_str(), new), ("JobStatus", true));
        assert_eq!(names.enum_name("JobStatus", &[json!("b"), json!("a")]), ("JobStatus".to_string(), false));
        assert_eq!(names.enum_name("JobStatus", &[json!("c")]), ("JobStatus2".to_string(), true));
    }

    #[test]
    fn an_enum_never_takes_an_objects_name() {
        let mut names = TypeNames::default();
        names.reserve_component("Sku", None, None);
        assert_eq!(names.enum_name("sku", &[json!("S1")]), ("Sku2".to_string(), true));
        assert_eq!(names.inline("sku"), "Sku3");
        assert_eq!(names.component("Sku"), Some("Sku"));
    }
}
