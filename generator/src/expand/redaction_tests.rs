//! `tests/redaction.rs`: every example body of the spec decoded into its model and formatted with
//! `{:?}` and `{:#?}`, which must not show the value of any secret field the body holds.
//!
//! One test per example file with a model body (its request body, each response body). Where the
//! secrets are is the IR's fact (`Field::secret`): the generator lists the JSON paths of the
//! model's secret fields (`value/*/primaryKey`); the test collects the strings at those paths from
//! the example's JSON itself, decodes the JSON, formats the value both ways and checks that none
//! of them is a substring of the output. Each test also checks it found as many secret values as
//! the generator counted in the example, so a path that stops matching fails instead of checking
//! nothing. Whatever the IR says, the strings of every property named like a key or connection
//! string (`primaryKey`, `secondaryKey`, `connectionString`, `password`, in any case, anywhere in
//! the body) must not show either: a check of the name rule that does not depend on it. With the
//! crate's `debug` feature (every field shown) each secret must show as `<redacted>`.

use std::collections::BTreeSet;

use quote::{format_ident, quote};
use serde_json::Value;

use super::types::{rust_type, Scope};
use super::Context;
use crate::error::Result;
use crate::ir::{ExampleContent, StatusCode, TypeKind, TypeRef};
use crate::GeneratedFile;

/// How deep the secret paths of a model are followed (a recursive type stops at its first
/// repetition anyway).
const MAX_DEPTH: usize = 24;

/// `tests/redaction.rs`, when some example of the spec has a model body.
pub(crate) fn expand_redaction_tests(ctx: &Context<'_>) -> Result<Option<GeneratedFile>> {
    let mut tests = Vec::new();
    let mut names = BTreeSet::new();
    for op in &ctx.api.operations {
        // Only operations the crate has: a refused one's types may be left out.
        if !ctx.api.clients.clients.iter().flat_map(|c| &c.methods).any(|m| m.operation_id == op.id) {
            continue;
        }
        for example in &op.examples {
            let ExampleContent::Found { parameters, responses } = &example.content else { continue };
            let mut bodies: Vec<(String, &TypeRef, &Value)> = Vec::new();
            if let Some(body) = &op.body {
                if let Some(value) = parameters.get(&body.name) {
                    bodies.push(("request body".into(), &body.ty, value));
                }
            }
            for (code, response) in responses {
                let declared = op
                    .responses
                    .iter()
                    .find(|r| matches!(r.status, StatusCode::Code(c) if c.to_string() == *code))
                    .and_then(|r| r.ty.as_ref());
                if let (Some(ty), Some(value)) = (declared, &response.body) {
                    bodies.push((format!("{code} response body"), ty, value));
                }
            }
            let mut checks = Vec::new();
            for (what, ty, value) in bodies {
                if !is_model(ctx, ty) {
                    continue;
                }
                let rust = rust_type(ctx, ty, Scope::Tests, &op.location)?;
                let mut paths = BTreeSet::new();
                secret_paths(ctx, ty, &mut Vec::new(), &mut Vec::new(), &mut paths);
                let expected = proc_macro2::Literal::usize_unsuffixed(paths.iter().map(|p| values_at(value, p).len()).sum());
                let path_tokens = paths.iter().map(|p| p.join("/"));
                let json = super::examples::raw_string(&value.to_string());
                checks.push(quote! {
                    check::<#rust>(#what, #json, &[#(#path_tokens),*], #expected);
                });
            }
            if checks.is_empty() {
                continue;
            }
            let stem = example.file.rsplit('/').next().unwrap_or(&example.file).trim_end_matches(".json");
            let name = crate::names::unique(crate::names::snake(&format!("{}_{stem}", op.id)), &mut names);
            let name = format_ident!("{}", name);
            let doc = format!(" The bodies of `{}` (`{}`).", example.file, op.id);
            tests.push(quote! {
                #[doc = #doc]
                #[test]
                fn #name() {
                    #(#checks)*
                }
            });
        }
    }
    if tests.is_empty() {
        return Ok(None);
    }
    let krate = format_ident!("{}", ctx.options.crate_name.replace('-', "_"));
    let tokens = quote! {
        //! Every example body of the spec, decoded into its model and formatted with `{:?}` and
        //! `{:#?}`: no value of a secret field (`x-ms-secret`, `format: password`, or a
        //! credential's name by the rule in the crate docs) may show, whatever features are
        //! enabled. The secrets' values are read from each example's JSON at the paths of its
        //! model's secret fields.

        use #krate::models;

        #(#tests)*

        /// Decodes `json` (`what` of the example) as a `T`, formats it both ways and checks that
        /// no string found at `paths` in the JSON (property names joined by `/`, `*` for any
        /// item) shows, and that `expected` of them were found.
        fn check<T: ::serde::de::DeserializeOwned + ::std::fmt::Debug>(what: &str, json: &str, paths: &[&str], expected: usize) {
            let value: ::serde_json::Value = ::serde_json::from_str(json).expect("the example's JSON parses");
            let mut secrets = Vec::new();
            for path in paths {
                let path: Vec<&str> = path.split('/').collect();
                secrets_at(&value, &path, &mut secrets);
            }
            assert_eq!(secrets.len(), expected, "{what}: the secret values found at {paths:?}");
            // Whatever the crate decided, no unmistakable credential may show either.
            credentials_in(&value, &mut secrets);
            let model: T = ::serde_json::from_value(value).unwrap_or_else(|e| panic!("{what} decodes: {e}"));
            for shown in [format!("{model:?}"), format!("{model:#?}")] {
                for secret in &secrets {
                    assert!(!shown.contains(secret.as_str()), "{what}: a secret value shows in `Debug`:\n{shown}");
                }
                if cfg!(feature = "debug") && !secrets.is_empty() {
                    // Every field shows: each secret as the marker.
                    assert!(shown.contains("<redacted>"), "{what}: no `<redacted>` in:\n{shown}");
                }
            }
        }

        /// Every string of a property whose name ends (in any case) with `primaryKey`,
        /// `secondaryKey`, `connectionString` or `password`, anywhere in `value`: credentials in
        /// any spec, found by name alone, a check of the crate's rule that does not depend on it.
        fn credentials_in(value: &::serde_json::Value, out: &mut Vec<String>) {
            const NAMES: [&str; 4] = ["primarykey", "secondarykey", "connectionstring", "password"];
            match value {
                ::serde_json::Value::Object(map) => {
                    for (name, v) in map {
                        let name = name.to_ascii_lowercase();
                        if NAMES.iter().any(|n| name.ends_with(n)) {
                            secrets_at(v, &[], out);
                        } else {
                            credentials_in(v, out);
                        }
                    }
                }
                ::serde_json::Value::Array(items) => items.iter().for_each(|v| credentials_in(v, out)),
                _ => {}
            }
        }

        /// The strings at `path` in `value` (`*`: every item of an array, every value of an
        /// object); a list or map of strings at the end gives each of them.
        fn secrets_at(value: &::serde_json::Value, path: &[&str], out: &mut Vec<String>) {
            match (path.split_first(), value) {
                (None, ::serde_json::Value::String(s)) if !s.is_empty() => out.push(s.clone()),
                (None, ::serde_json::Value::Array(items)) => items.iter().for_each(|v| secrets_at(v, path, out)),
                (None, ::serde_json::Value::Object(map)) => map.values().for_each(|v| secrets_at(v, path, out)),
                (None, _) => {}
                (Some((&"*", rest)), ::serde_json::Value::Array(items)) => items.iter().for_each(|v| secrets_at(v, rest, out)),
                (Some((&"*", rest)), ::serde_json::Value::Object(map)) => map.values().for_each(|v| secrets_at(v, rest, out)),
                (Some((key, rest)), ::serde_json::Value::Object(map)) => {
                    if let Some(v) = map.get(*key) {
                        secrets_at(v, rest, out);
                    }
                }
                _ => {}
            }
        }
    };
    let path = std::path::Path::new("tests/redaction.rs");
    Ok(Some(GeneratedFile { path: path.into(), contents: super::format_rust(ctx, path, tokens)? }))
}

/// Whether a body of `ty` is a model (a struct or union, or a list or map of them), which the
/// test decodes; a plain string or number body has no fields to hide.
fn is_model(ctx: &Context<'_>, ty: &TypeRef) -> bool {
    match ctx.resolve_alias(ty) {
        TypeRef::Named(name) => matches!(ctx.api.types.get(name).map(|d| &d.kind), Some(TypeKind::Object(_))),
        TypeRef::Array(item) | TypeRef::Map(item) => is_model(ctx, item),
        _ => false,
    }
}

/// The JSON paths of the secret fields in a value of `ty` (`*` for any array item or map value),
/// into `out`; `prefix` is the path so far, `seen` the named types being walked (a recursive type
/// is followed once).
fn secret_paths(ctx: &Context<'_>, ty: &TypeRef, prefix: &mut Vec<String>, seen: &mut Vec<String>, out: &mut BTreeSet<Vec<String>>) {
    if prefix.len() > MAX_DEPTH {
        return;
    }
    match ctx.resolve_alias(ty) {
        TypeRef::Array(item) | TypeRef::Map(item) => {
            prefix.push("*".into());
            secret_paths(ctx, item, prefix, seen, out);
            prefix.pop();
        }
        // `null`, or the value: its secrets sit at the same paths.
        TypeRef::Nullable(inner) => secret_paths(ctx, inner, prefix, seen, out),
        TypeRef::Named(name) => {
            if seen.contains(name) {
                return;
            }
            let Some(TypeKind::Object(object)) = ctx.api.types.get(name).map(|d| &d.kind) else { return };
            seen.push(name.clone());
            if let Some(discriminator) = &object.discriminator {
                // A union: its kinds' fields sit at the same level.
                for variant in discriminator.variants.values() {
                    secret_paths(ctx, &TypeRef::Named(variant.clone()), prefix, seen, out);
                }
            } else {
                for field in &object.fields {
                    prefix.push(field.wire_name.clone());
                    if field.secret.is_some() {
                        out.insert(prefix.clone());
                    } else {
                        secret_paths(ctx, &field.ty, prefix, seen, out);
                    }
                    prefix.pop();
                }
            }
            seen.pop();
        }
        TypeRef::Primitive(_) | TypeRef::Any => {}
    }
}

/// The strings at `path` in `value`, as the emitted `secrets_at` finds them.
fn values_at(value: &Value, path: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    collect(value, path, &mut out);
    out
}

fn collect(value: &Value, path: &[String], out: &mut Vec<String>) {
    match (path.split_first(), value) {
        (None, Value::String(s)) if !s.is_empty() => out.push(s.clone()),
        (None, Value::Array(items)) => items.iter().for_each(|v| collect(v, path, out)),
        (None, Value::Object(map)) => map.values().for_each(|v| collect(v, path, out)),
        (None, _) => {}
        (Some((key, rest)), Value::Array(items)) if key == "*" => items.iter().for_each(|v| collect(v, rest, out)),
        (Some((key, rest)), Value::Object(map)) if key == "*" => map.values().for_each(|v| collect(v, rest, out)),
        (Some((key, rest)), Value::Object(map)) => {
            if let Some(v) = map.get(key.as_str()) {
                collect(v, rest, out);
            }
        }
        _ => {}
    }
}
