//! Which fields are constants, as AutoRest has them: a required, writable field whose type
//! allows one value only, an enum of one value with `modelAsString: false` (`"constString":
//! {"enum": ["constant"]}`), or an object whose fields are all such constants. The client sends
//! it whatever the caller does, so a model's `new` does not ask for it.

use std::collections::BTreeSet;

use crate::ir::{Api, Field, TypeKind, TypeRef};
use crate::rust_types::resolve_alias;

/// Sets `Field::constant` on the constant fields of `api`'s object types.
pub(super) fn mark_constant_fields(api: &mut Api) {
    // The object types all of whose fields are constants, found by iterating to a fixed point
    // (each round settles at least one more type, or ends): at most one round per type.
    let mut constant_objects: BTreeSet<String> = BTreeSet::new();
    loop {
        let found: Vec<String> = api
            .types
            .iter()
            .filter(|(name, _)| !constant_objects.contains(*name))
            .filter(|(_, def)| match &def.kind {
                TypeKind::Object(object) => {
                    object.discriminator.is_none()
                        && object.additional_properties.is_none()
                        && !object.fields.is_empty()
                        && object.fields.iter().all(|f| is_constant(api, &constant_objects, f))
                }
                _ => false,
            })
            .map(|(name, _)| name.clone())
            .collect();
        if found.is_empty() {
            break;
        }
        constant_objects.extend(found);
    }
    let decided: Vec<(String, usize)> = api
        .types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Object(object) => Some((name, object)),
            _ => None,
        })
        .flat_map(|(name, object)| {
            object
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| is_constant(api, &constant_objects, f))
                .map(move |(i, _)| (name.clone(), i))
        })
        .collect();
    for (name, index) in decided {
        if let Some(TypeKind::Object(object)) = api.types.get_mut(&name).map(|d| &mut d.kind) {
            object.fields[index].constant = true;
        }
    }
}

/// Whether `field` is a constant, given the object types known to be all constants.
fn is_constant(api: &Api, constant_objects: &BTreeSet<String>, field: &Field) -> bool {
    if !field.required || field.read_only || field.nullable {
        return false;
    }
    if constant_enum_value(api, &field.ty).is_some() {
        return true;
    }
    match resolve_alias(&api.types, &field.ty) {
        TypeRef::Named(name) => matches!(api.types.get(name).map(|d| &d.kind), Some(TypeKind::Object(_))) && constant_objects.contains(name),
        _ => false,
    }
}

/// The one value of `ty` when it is a constant enum ([`crate::ir::EnumType::constant_value`]).
pub(super) fn constant_enum_value<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a serde_json::Value> {
    match resolve_alias(&api.types, ty) {
        TypeRef::Named(name) => match api.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Enum(e)) => e.constant_value(),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::{self, field, object};
    use crate::ir::{EnumType, Primitive, TypeDef};

    fn one_value_enum(name: &str, model_as_string: bool) -> (String, TypeDef) {
        let mut def = testing::string_enum(name, &["constant"]).1;
        if let TypeKind::Enum(EnumType { model_as_string: m, .. }) = &mut def.kind {
            *m = model_as_string;
        }
        (name.to_string(), def)
    }

    fn constant_flags(api: &Api, name: &str) -> Vec<bool> {
        match &api.types[name].kind {
            TypeKind::Object(o) => o.fields.iter().map(|f| f.constant).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn one_value_closed_enums_and_objects_of_them_are_constants_when_required() {
        let mut api = testing::api("1");
        let named = |n: &str| TypeRef::Named(n.into());
        api.types.extend([
            one_value_enum("Const", false),
            one_value_enum("Open", true),
            object("AllConst", vec![field("a", named("Const"), true, false), field("b", named("Const"), true, false)]),
            object(
                "Product",
                vec![
                    field("constString", named("Const"), true, false),
                    field("optionalConst", named("Const"), false, false),
                    field("open", named("Open"), true, false),
                    field("child", named("AllConst"), true, false),
                    field("count", TypeRef::Primitive(Primitive::Int32), true, false),
                ],
            ),
        ]);
        mark_constant_fields(&mut api);
        assert_eq!(constant_flags(&api, "AllConst"), [true, true]);
        assert_eq!(constant_flags(&api, "Product"), [true, false, false, true, false]);
    }
}
