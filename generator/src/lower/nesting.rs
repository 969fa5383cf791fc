//! How deep the types of the API hold one another, checked against what rustc compiles.
//!
//! rustc follows a type into everything it owns when it checks drops (`E0320`) and auto traits
//! such as `Send` (`E0275`), one level of its recursion limit (128) per level of the types: a
//! chain of 130 definitions each holding the next, a ring of 300, or a pageable item nesting 40
//! maps does not compile. So a type whose ownership depth exceeds `ir::MAX_TYPE_DEPTH` is refused,
//! located at the type where the chain gets too deep, rather than emitted as a crate that fails.
//!
//! The depth is measured on the graph of types owning types (struct fields, whatever their
//! container; a union's variants; an alias's target): each type held costs 2, each array or map on the
//! way 4, and a set of types that hold one another (a strongly connected component) 6 per type,
//! since rustc may walk all of them before it meets one again, through the boxes that close the
//! cycles. The costs were measured by compiling and documenting chains, rings and nests at and
//! past the bound: rustc checks `Send` through a struct and the `Option` holding it (two levels),
//! through `Option<Box<T>>` (four), through a `HashMap` (four more), and rustdoc's auto-trait
//! pages go further through rings. Linear, without recursion.

use std::collections::BTreeMap;

use super::Lowerer;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ir::{Operation, TypeKind, TypeRef, MAX_TYPE_DEPTH};

/// What each type held costs (the type, and the `Option` that holds it when it is optional).
const STEP: usize = 2;

/// What each type of a set that hold one another costs: the emitter boxes the fields that close
/// the cycles, `Option<Box<T>>` is four levels deep for rustc, and rustdoc, which works out every
/// auto trait (`RefUnwindSafe` too), goes deeper still: a ring of 25 overflowed it at the 22nd.
const BOXED_STEP: usize = 6;

/// What each array or map level costs (a `HashMap` is a few types deep for rustc).
const CONTAINER: usize = 4;

/// The named type `ty` holds and how many arrays and maps are on the way, if it names one.
fn held(ty: &TypeRef) -> Option<(&str, usize)> {
    let mut ty = ty;
    let mut containers = 0;
    loop {
        match ty {
            TypeRef::Named(name) => return Some((name, containers)),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                containers += 1;
                ty = inner;
            }
            TypeRef::Primitive(_) | TypeRef::Any => return None,
        }
    }
}

/// How many arrays and maps `ty` nests.
fn containers(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => 1 + containers(inner),
        TypeRef::Primitive(_) | TypeRef::Named(_) | TypeRef::Any => 0,
    }
}

impl Lowerer<'_> {
    /// Refuses a type that owns types deeper than `MAX_TYPE_DEPTH` (see the module docs), and an
    /// operation whose parameter, body or response is one written inline (`operations`).
    pub(super) fn check_type_depth(&self, operations: &[Operation]) -> Result<()> {
        // Each type's uses: what it holds.
        let uses = |name: &String| -> Vec<&TypeRef> {
            match self.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::Object(object)) => match &object.discriminator {
                    Some(_) => Vec::new(),
                    None => object.fields.iter().map(|f| &f.ty).chain(object.additional_properties.iter()).collect(),
                },
                Some(TypeKind::Alias(target)) => vec![target],
                Some(TypeKind::Enum(_)) | None => Vec::new(),
            }
        };
        let variants = |name: &String| -> Vec<String> {
            match self.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::Object(object)) => {
                    object.discriminator.iter().flat_map(|d| d.variants.values().cloned()).collect()
                }
                _ => Vec::new(),
            }
        };
        let graph = Graph::new(self.types.keys().cloned(), |name| {
            let mut out: Vec<String> = uses(name).into_iter().filter_map(held).map(|(n, _)| n.to_string()).collect();
            out.extend(variants(name));
            out
        });
        let components = graph.components();
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (node, component) in components.iter().enumerate() {
            members.entry(*component).or_default().push(node);
        }
        // Components are numbered successors first, so each one's successors are known before it.
        let mut depth: Vec<usize> = vec![0; members.len()];
        for (component, nodes) in &members {
            let mut below = 0;
            for &node in nodes {
                let name = &graph.keys[node];
                let mut steps: Vec<(usize, Option<String>)> = uses(name)
                    .into_iter()
                    .map(|ty| match held(ty) {
                        Some((held, containers)) => (containers, Some(held.to_string())),
                        None => (containers(ty), None),
                    })
                    .collect();
                steps.extend(variants(name).into_iter().map(|variant| (0, Some(variant))));
                for (containers, target) in steps {
                    let beyond = match target.and_then(|t| graph.numbers.get(&t).copied()) {
                        Some(t) if components[t] != *component => depth[components[t]],
                        _ => 0,
                    };
                    below = below.max(CONTAINER * containers + beyond);
                }
            }
            let step = if nodes.len() > 1 || graph.edges[nodes[0]].contains(&nodes[0]) { BOXED_STEP } else { STEP };
            let total = step * nodes.len() + below;
            if total > MAX_TYPE_DEPTH {
                let name = &graph.keys[nodes[0]];
                let location = self.types.get(name).map(|def| def.location.clone()).unwrap_or_else(|| self.locate(""));
                let held = if nodes.len() > 1 {
                    format!("with {} other types that hold one another, ", nodes.len() - 1)
                } else {
                    String::new()
                };
                return Err(Error::unsupported(
                    location,
                    format!(
                        "`{name}` {held}holds types {total} levels deep (at most {MAX_TYPE_DEPTH}: rustc checks drops and \
                         `Send` one level of its recursion limit per level, and would not compile the crate)"
                    ),
                ));
            }
            depth[*component] = total;
        }
        // What an operation sends and receives, where it is not a named type (a body that is a
        // map of maps, written inline), costs the same.
        let cost = |ty: &TypeRef| match held(ty) {
            Some((name, containers)) => {
                CONTAINER * containers + graph.numbers.get(name).map_or(0, |n| depth[components[*n]])
            }
            None => CONTAINER * containers(ty),
        };
        for operation in operations {
            let at = &operation.location;
            let mut uses: Vec<(&TypeRef, String, &crate::error::Location)> = operation
                .parameters
                .iter()
                .map(|p| (&p.ty, format!("parameter `{}`", p.name), &p.location_in_spec))
                .collect();
            uses.extend(operation.body.iter().map(|b| (&b.ty, "request body".to_string(), at)));
            for response in &operation.responses {
                uses.extend(response.ty.iter().map(|ty| (ty, "response".to_string(), at)));
                uses.extend(response.headers.iter().map(|h| (&h.ty, format!("response header `{}`", h.name), at)));
            }
            for (ty, what, location) in uses {
                let total = cost(ty);
                if total > MAX_TYPE_DEPTH {
                    return Err(Error::unsupported(
                        location.clone(),
                        format!(
                            "the {what} of `{}` holds types {total} levels deep (at most {MAX_TYPE_DEPTH}: rustc checks \
                             drops and `Send` one level of its recursion limit per level, and would not compile the crate)",
                            operation.id
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}
