//! Aliases (a component that is an array, a map or another component's name) that Rust could not
//! compile as written, made so it can; and aliases nested too deep to decode, refused.
//!
//! A Rust type alias cannot contain itself (`type A = HashMap<String, A>` is error E0391), though
//! a schema can (`A: {additionalProperties: {$ref: A}}`, a tree of maps). So, for each alias on a
//! cycle of aliases, in name order:
//! - a map becomes an object type with only `additionalProperties`: a struct whose flattened map
//!   holds the entries, which reads and writes the same JSON and may contain itself;
//! - whatever cycles remain (an array of itself, `A: {items: {$ref: A}}`) are broken by keeping the
//!   inner occurrences as any JSON value, and recorded as unsupported.
//!
//! Then each alias's nesting (array and map levels, and aliases followed) is checked against
//! `ir::MAX_NESTING`. Both passes are iterative and linear in the number of aliases.

use std::collections::BTreeMap;

use super::Lowerer;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::ir::{ObjectType, TypeDef, TypeKind, TypeRef, Unsupported, MAX_NESTING};

/// The names of the types `ty` names, in order. (This and the other walks of one `TypeRef`
/// recurse per array or map level written inline, which the parsers bound to 128.)
fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => out.push(name.clone()),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named_in(inner, out),
        TypeRef::Primitive(_) | TypeRef::Any => {}
    }
}

/// `ty` with every `Named` that `replace` selects turned into `Any`.
fn without(ty: &TypeRef, replace: &dyn Fn(&str) -> bool) -> TypeRef {
    match ty {
        TypeRef::Named(name) if replace(name) => TypeRef::Any,
        TypeRef::Array(inner) => TypeRef::Array(Box::new(without(inner, replace))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(without(inner, replace))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(without(inner, replace))),
        other => other.clone(),
    }
}

/// The graph of aliases: an edge from each alias to each alias its target names.
fn alias_graph(types: &BTreeMap<String, TypeDef>) -> Graph<String> {
    let aliases = types.iter().filter(|(_, d)| matches!(d.kind, TypeKind::Alias(_))).map(|(n, _)| n.clone());
    Graph::new(aliases, |name| {
        let mut named = Vec::new();
        if let Some(TypeDef { kind: TypeKind::Alias(target), .. }) = types.get(name) {
            named_in(target, &mut named);
        }
        named
    })
}

impl Lowerer<'_> {
    /// Makes aliases that contain themselves compilable, then refuses those nested deeper than
    /// `MAX_NESTING`.
    pub(super) fn settle_aliases(&mut self) -> Result<()> {
        let graph = alias_graph(&self.types);
        let cyclic = graph.cyclic(&graph.components());
        for (node, name) in graph.keys.iter().enumerate() {
            if !cyclic[node] {
                continue;
            }
            let Some(def) = self.types.get_mut(name) else { continue };
            if let TypeKind::Alias(TypeRef::Map(values)) = &def.kind {
                def.kind = TypeKind::Object(ObjectType {
                    fields: Vec::new(),
                    bases: Vec::new(),
                    additional_properties: Some((**values).clone()),
                    discriminator: None,
                    discriminator_value: None,
                    patch: false,
                });
            }
        }
        let graph = alias_graph(&self.types);
        let components = graph.components();
        let cyclic = graph.cyclic(&components);
        for (node, name) in graph.keys.iter().enumerate() {
            if !cyclic[node] {
                continue;
            }
            let same_cycle = |other: &str| graph.numbers.get(other).is_some_and(|o| components[*o] == components[node]);
            let Some(def) = self.types.get_mut(name) else { continue };
            if let TypeKind::Alias(target) = &def.kind {
                def.kind = TypeKind::Alias(without(target, &same_cycle));
                self.unsupported.push(Unsupported {
                    location: def.location.clone(),
                    construct: format!(
                        "`{name}` contains itself through arrays (the inner `{name}` is kept as any JSON value)"
                    ),
                });
            }
        }
        self.check_nesting()
    }

    /// Refuses an alias whose values nest deeper than `MAX_NESTING` levels. The aliases form no
    /// cycle now, so each alias's depth is computed once, after those it names (explicit stack).
    fn check_nesting(&self) -> Result<()> {
        let graph = alias_graph(&self.types);
        let mut depth: Vec<Option<usize>> = vec![None; graph.keys.len()];
        // Nodes whose successors were pushed: met again with successors still unknown, they
        // are on a cycle, which `settle_aliases` removed; they are then computed as they are.
        let mut expanded = vec![false; graph.keys.len()];
        for start in 0..graph.keys.len() {
            let mut stack = vec![start];
            while let Some(&node) = stack.last() {
                if depth[node].is_some() {
                    stack.pop();
                    continue;
                }
                let pending: Vec<usize> = graph.edges[node].iter().copied().filter(|n| depth[*n].is_none()).collect();
                if !pending.is_empty() && !expanded[node] {
                    expanded[node] = true;
                    stack.extend(pending);
                    continue;
                }
                stack.pop();
                let name = &graph.keys[node];
                let Some(def @ TypeDef { kind: TypeKind::Alias(target), .. }) = self.types.get(name) else { continue };
                let known = |n: &str| graph.numbers.get(n).and_then(|i| depth[*i]);
                let nesting = 1 + nesting_of(target, &known);
                if nesting > MAX_NESTING {
                    return Err(Error::unsupported(
                        def.location.clone(),
                        format!(
                            "`{name}` nests {nesting} levels deep through arrays, maps and aliases (at most \
                             {MAX_NESTING}, the deepest serde_json decodes)"
                        ),
                    ));
                }
                depth[node] = Some(nesting);
            }
        }
        Ok(())
    }
}

/// How many levels a value of `ty` nests: arrays and maps one each, a named alias its depth as
/// `known` gives it, anything else none.
fn nesting_of(ty: &TypeRef, known: &dyn Fn(&str) -> Option<usize>) -> usize {
    match ty {
        TypeRef::Named(name) => known(name).unwrap_or(0),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => 1 + nesting_of(inner, known),
        TypeRef::Primitive(_) | TypeRef::Any => 0,
    }
}
