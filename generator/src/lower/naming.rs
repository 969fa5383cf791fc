//! Type names, decided once.
//!
//! The rules, in the order they apply:
//! 1. Every component schema is named first, in document order, before any inline schema, so an
//!    inline schema can never take a definition's name. A component enum is named by its
//!    `x-ms-enum.name` when it has one (as AutoRest does), every other component by its key.
//! 2. An enum (component or inline) whose name is already an enum with the same set of values,
//!    or a subset of them, *is* that enum: `JobResponse.status` (inline, `x-ms-enum.name:
//!    JobStatus`) and a `definitions/JobStatus` with the same values are one type, so a spec may
//!    move an enum into its definitions without renaming it; and `FallbackRouteProperties.source`
//!    (`RoutingSource` with only `DeviceMessages`) is the full `RoutingSource`, as AutoRest has it.
//!    An inline enum met first with fewer values is widened by a later one that has them all.
//! 3. An inline enum takes its `x-ms-enum.name`; an inline schema without a name of its own takes
//!    one derived from where it is (`<Parent><Field>`, `<Parent><Field>Item`,
//!    `<Parent><Field>Value`, `<Operation>Request`, `<Operation>Response`, `<Operation><Param>`).
//! 4. Any other clash is resolved by `names::unique` (`Name`, `Name2`, `Name3`, ...), in the order
//!    the lowering meets the schemas: components in document order (each with its inline schemas
//!    depth-first), then operations in spec order.
//!
//! Before any of them, the names the emitted models use unqualified (`names::RESERVED_TYPE_NAMES`:
//! `Box`, `Option`, `AsRef`, ...) are taken, so a schema called `Box` is `Box2` by rule 4.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde_json::Value;

use crate::names;

/// The registry of type names of one API.
#[derive(Debug)]
pub(crate) struct TypeNames {
    /// Every Rust type name given out.
    taken: BTreeSet<String>,
    /// Component schema key → Rust name.
    components: IndexMap<String, String>,
    /// Rust name → the values of the enum of that name (compared as a set).
    enums: BTreeMap<String, BTreeSet<String>>,
    /// The Rust names of inline enums (which a later enum of the same name may widen).
    inline_enums: BTreeSet<String>,
}

/// What naming an enum decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnumName {
    /// A new type of this name.
    New(String),
    /// The existing enum of this name: it has every value.
    Same(String),
    /// The existing inline enum of this name, which must gain the values it lacks.
    Widened(String),
}

impl EnumName {
    /// The Rust name.
    pub fn name(&self) -> &str {
        match self {
            EnumName::New(name) | EnumName::Same(name) | EnumName::Widened(name) => name,
        }
    }
}

/// An enum's values in a form that compares as a set regardless of order.
fn value_set(values: &[Value]) -> BTreeSet<String> {
    values.iter().map(Value::to_string).collect()
}

impl Default for TypeNames {
    /// An empty registry in which the names the emitted models use unqualified
    /// (`names::RESERVED_TYPE_NAMES`) are taken, so no type can shadow them.
    fn default() -> Self {
        Self {
            taken: names::RESERVED_TYPE_NAMES.iter().map(|n| n.to_string()).collect(),
            components: IndexMap::new(),
            enums: BTreeMap::new(),
            inline_enums: BTreeSet::new(),
        }
    }
}

impl TypeNames {
    /// Names the component schema `key`. `enum_name` and `enum_values` are given for enums.
    /// Returns the Rust name and whether it is new (false when it merged into an equal enum).
    pub fn reserve_component(&mut self, key: &str, enum_name: Option<&str>, enum_values: Option<&[Value]>) -> (String, bool) {
        let (name, new) = match enum_values {
            Some(values) => match self.enum_name(enum_name.unwrap_or(key), values, false) {
                EnumName::New(name) => (name, true),
                EnumName::Same(name) | EnumName::Widened(name) => (name, false),
            },
            None => (names::unique(names::pascal(key), &mut self.taken), true),
        };
        self.components.insert(key.to_string(), name.clone());
        (name, new)
    }

    /// The Rust name of component schema `key`, once reserved.
    pub fn component(&self, key: &str) -> Option<&str> {
        self.components.get(key).map(String::as_str)
    }

    /// Names an enum called `spec_name` with `values` (rule 2): the existing enum of that name when
    /// it has every value, or when it is an inline enum with a subset of them (widened); otherwise a
    /// new unique name.
    pub fn enum_name(&mut self, spec_name: &str, values: &[Value], inline: bool) -> EnumName {
        let preferred = names::pascal(spec_name);
        let set = value_set(values);
        let widenable = self.inline_enums.contains(&preferred);
        if let Some(existing) = self.enums.get_mut(&preferred) {
            if set.is_subset(existing) {
                return EnumName::Same(preferred);
            }
            if widenable && existing.is_subset(&set) {
                *existing = set;
                return EnumName::Widened(preferred);
            }
        }
        let name = names::unique(preferred, &mut self.taken);
        self.enums.insert(name.clone(), set);
        if inline {
            self.inline_enums.insert(name.clone());
        }
        EnumName::New(name)
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
        assert_eq!(names.enum_name("JobStatus", &[json!("b"), json!("a")], true), EnumName::Same("JobStatus".into()));
        assert_eq!(names.enum_name("JobStatus", &[json!("a")], true), EnumName::Same("JobStatus".into()));
        assert_eq!(names.enum_name("JobStatus", &[json!("c")], true), EnumName::New("JobStatus2".into()));
        // A component enum is never widened: its definition says what its values are.
        assert_eq!(names.enum_name("JobStatus", &[json!("a"), json!("b"), json!("c")], true), EnumName::New("JobStatus3".into()));
        assert_eq!(names.enum_name("JobStatus2", &[json!("c"), json!("d")], true), EnumName::Widened("JobStatus2".into()));
    }

    #[test]
    fn names_the_models_use_unqualified_are_never_given() {
        let mut names = TypeNames::default();
        assert_eq!(names.reserve_component("Box", None, None).0, "Box2");
        assert_eq!(names.reserve_component("option", None, None).0, "Option2");
        assert_eq!(names.enum_name("Send", &[json!("a")], false), EnumName::New("Send2".into()));
        assert_eq!(names.reserve_component("Result", None, None).0, "Result", "the emitted code qualifies Result");
        assert_eq!(names.inline("TryFrom"), "TryFrom2");
    }

    #[test]
    fn an_enum_never_takes_an_objects_name() {
        let mut names = TypeNames::default();
        names.reserve_component("Sku", None, None);
        assert_eq!(names.enum_name("sku", &[json!("S1")], true), EnumName::New("Sku2".into()));
        assert_eq!(names.inline("sku"), "Sku3");
        assert_eq!(names.component("Sku"), Some("Sku"));
    }
}
