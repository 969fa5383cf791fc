//! Which object types are PATCH request models: JSON merge-patch (RFC 7396, what Azure Resource
//! Manager PATCH requests follow) tells apart a property left out (keep), `null` (remove or
//! reset) and a value, so such a type's optional fields are three-state (`crate::patch::Patch`)
//! where an `Option` could not say `null`.
//!
//! A type is one when it is reachable from the body of a `PATCH` or of an
//! `application/merge-patch+json` request, and from nothing else: no response (success or
//! error) and no other request body holds it. A type shared with a response stays a plain model
//! (`Option` fields), because response models stay simple.

use std::collections::BTreeSet;

use crate::ir::{Api, HttpMethod, TypeKind, TypeRef};

/// Sets `ObjectType::patch` on the PATCH request models of `api`.
pub(super) fn mark_patch_models(api: &mut Api) {
    let mut patch_roots = Vec::new();
    let mut other_roots = Vec::new();
    for op in &api.operations {
        if let Some(body) = &op.body {
            let merge_patch = body.content_type.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/merge-patch+json"));
            if op.method == HttpMethod::Patch || merge_patch {
                patch_roots.push(&body.ty);
            } else {
                other_roots.push(&body.ty);
            }
        }
        other_roots.extend(op.responses.iter().filter_map(|r| r.ty.as_ref()));
        other_roots.extend(op.error.iter());
        other_roots.extend(op.parameters.iter().map(|p| &p.ty));
    }
    let patch = reachable(api, patch_roots);
    let other = reachable(api, other_roots);
    for name in patch.difference(&other) {
        if let Some(TypeKind::Object(object)) = api.types.get_mut(name).map(|d| &mut d.kind) {
            object.patch = true;
        }
    }
}

/// The named types a value of one of `roots` can hold, at any depth (fields, items, values,
/// aliases, a union's variants). A stack, not recursion: a spec decides how deep types nest.
fn reachable<'a>(api: &'a Api, roots: Vec<&'a TypeRef>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => stack.push(inner),
            TypeRef::Named(name) => {
                if !seen.insert(name.clone()) {
                    continue;
                }
                match api.types.get(name).map(|d| &d.kind) {
                    Some(TypeKind::Object(object)) => {
                        stack.extend(object.fields.iter().map(|f| &f.ty));
                        stack.extend(object.additional_properties.iter());
                        if let Some(discriminator) = &object.discriminator {
                            // The variants' names are types too (not `TypeRef`s): visit them.
                            for variant in discriminator.variants.values() {
                                if let Some(def) = api.types.get(variant) {
                                    if seen.insert(def.name.clone()) {
                                        if let TypeKind::Object(v) = &def.kind {
                                            stack.extend(v.fields.iter().map(|f| &f.ty));
                                            stack.extend(v.additional_properties.iter());
                                        }
                                    }
                                }
                            }
                        }
                    }
                    Some(TypeKind::Alias(target)) => stack.push(target),
                    Some(TypeKind::Enum(_)) | None => {}
                }
            }
            TypeRef::Primitive(_) | TypeRef::Any => {}
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::{self, field, object};
    use crate::ir::{BodyKind, Primitive, RequestBody};

    fn body(ty: &str, content_type: &str) -> RequestBody {
        RequestBody {
            name: "body".into(),
            rust_name: "body".into(),
            required: true,
            ty: TypeRef::Named(ty.into()),
            content_type: content_type.into(),
            kind: BodyKind::Json,
            description: None,
            client_flatten: false,
        }
    }

    fn is_patch(api: &Api, name: &str) -> bool {
        matches!(&api.types[name].kind, TypeKind::Object(o) if o.patch)
    }

    #[test]
    fn only_types_that_patch_bodies_alone_hold_are_patch_models() {
        let mut api = testing::api("2024-01-01");
        let string = || TypeRef::Primitive(Primitive::String);
        for (name, def) in [
            object("Update", vec![field("tags", TypeRef::Map(Box::new(string())), false, false), field("inner", TypeRef::Named("Inner".into()), false, false)]),
            object("Inner", vec![field("x", string(), false, false)]),
            object("Shared", vec![field("y", string(), false, false)]),
            object("Thing", vec![field("shared", TypeRef::Named("Shared".into()), false, false)]),
            object("Merge", vec![field("z", TypeRef::Named("Shared".into()), false, false)]),
        ] {
            api.types.insert(name, def);
        }
        let mut update = testing::operation("Things_Update", HttpMethod::Patch, "/things/{name}");
        update.body = Some(body("Update", "application/json"));
        update.responses.push(testing::response(200, Some(TypeRef::Named("Thing".into()))));
        let mut merge = testing::operation("Things_Merge", HttpMethod::Post, "/things/{name}/merge");
        merge.body = Some(body("Merge", "application/merge-patch+json"));
        api.operations = vec![update, merge];
        mark_patch_models(&mut api);
        assert!(is_patch(&api, "Update"));
        assert!(is_patch(&api, "Inner"), "a type only a PATCH body holds is one too");
        assert!(is_patch(&api, "Merge"), "a merge-patch body is one whatever the method");
        assert!(!is_patch(&api, "Thing"), "a response is not");
        assert!(!is_patch(&api, "Shared"), "a type a response also holds is not");
    }
}
