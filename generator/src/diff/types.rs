//! Types: named models, their fields and enum values, judged by the Rust type `rust_types` maps
//! each to and by which fields are `Option`s.

use std::collections::{BTreeMap, BTreeSet};

use super::{arrow, diff_type_use, rust_shape, spec_primitive, spec_type, wire, Area, Changes, Impact};
use crate::ir::{Api, EnumType, Field, ObjectType, Primitive, TypeDef, TypeKind, TypeRef};
use crate::rust_types::{field_form, field_is_plain, FieldForm};

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Alias(_) => "alias",
    }
}

pub(super) fn diff_types(old: &Api, new: &Api, out: &mut Changes<'_>) {
    let mut names: BTreeSet<&String> = old.types.keys().collect();
    names.extend(new.types.keys());
    for name in names {
        match (old.types.get(name), new.types.get(name)) {
            (Some(o), None) => out.push(
                Area::Type,
                name,
                "removed",
                kind_name(&o.kind),
                Impact::Breaking,
                "the type is gone; code naming it no longer compiles",
            ),
            (None, Some(n)) => out.push(Area::Type, name, "added", kind_name(&n.kind), Impact::Addition, "a new type"),
            (Some(o), Some(n)) => diff_type(o, n, out),
            (None, None) => {}
        }
    }
}

fn diff_type(old: &TypeDef, new: &TypeDef, out: &mut Changes<'_>) {
    let name = new.name.as_str();
    match (&old.kind, &new.kind) {
        (TypeKind::Object(a), TypeKind::Object(b)) => diff_object(name, a, b, out),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => diff_enum(name, a, b, out),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => diff_type_use(Area::Type, name, "aliased type changed", a, b, out),
        (a, b) => out.push(
            Area::Type,
            name,
            "kind changed",
            arrow(kind_name(a), kind_name(b)),
            Impact::Breaking,
            "the Rust item changes kind (struct, enum, type alias)",
        ),
    }
}

/// The Rust type of field `f` of a type (`patch`: a PATCH request model, see `ObjectType::patch`).
fn field_rust_type(types: &BTreeMap<String, TypeDef>, f: &Field, patch: bool) -> String {
    field_form(f, patch).wrap(&rust_shape(types, &f.ty))
}

fn diff_object(name: &str, old: &ObjectType, new: &ObjectType, out: &mut Changes<'_>) {
    let old_wire: BTreeSet<&str> = old.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let new_wire: BTreeSet<&str> = new.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let removed: Vec<&Field> = old.fields.iter().filter(|f| !new_wire.contains(f.wire_name.as_str())).collect();
    let added: Vec<&Field> = new.fields.iter().filter(|f| !old_wire.contains(f.wire_name.as_str())).collect();
    let mut renamed_old = BTreeSet::new();
    let mut renamed_new = BTreeSet::new();
    for a in &added {
        if let Some(r) =
            removed.iter().find(|r| r.rust_name == a.rust_name && !renamed_old.contains(r.wire_name.as_str()))
        {
            renamed_old.insert(r.wire_name.as_str());
            renamed_new.insert(a.wire_name.as_str());
            let subject = format!("{name}.{}", a.rust_name);
            out.push(
                Area::Field,
                subject.clone(),
                "renamed on the wire",
                arrow(&r.wire_name, &a.wire_name),
                Impact::Compatible,
                "the Rust field keeps its name; only the JSON property changes",
            );
            diff_field(&subject, (r, old.patch), (a, new.patch), out);
        }
    }
    // A property renamed without an `x-ms-client-name` to keep its Rust name still reads as a
    // rename when nothing else about it changed: same type, same (non-empty) description.
    for a in &added {
        if renamed_new.contains(a.wire_name.as_str()) {
            continue;
        }
        let twin = removed.iter().find(|r| {
            !renamed_old.contains(r.wire_name.as_str())
                && r.ty == a.ty
                && r.description.is_some()
                && r.description == a.description
        });
        if let Some(r) = twin {
            renamed_old.insert(r.wire_name.as_str());
            renamed_new.insert(a.wire_name.as_str());
            out.push(
                Area::Field,
                format!("{name}.{}", a.rust_name),
                "renamed",
                format!("`{}` → `{}` (Rust `{}` → `{}`)", r.wire_name, a.wire_name, r.rust_name, a.rust_name),
                Impact::Breaking,
                "the JSON property and the Rust field are both renamed (same type and description)",
            );
            // The rename is reported; compare the rest as if the Rust name had stayed.
            let same_name = Field { rust_name: r.rust_name.clone(), ..(*a).clone() };
            diff_field(&format!("{name}.{}", a.rust_name), (r, old.patch), (&same_name, new.patch), out);
        }
    }
    for f in &removed {
        if !renamed_old.contains(f.wire_name.as_str()) {
            out.push(
                Area::Field,
                format!("{name}.{}", f.rust_name),
                "removed",
                format!("`{}: {}`", f.wire_name, spec_type(&f.ty)),
                Impact::Breaking,
                "the Rust field is gone; code using it no longer compiles",
            );
        }
    }
    for f in &added {
        if renamed_new.contains(f.wire_name.as_str()) {
            continue;
        }
        let (impact, reason) = if f.constant {
            (Impact::Addition, "a constant: the model's `new` sets it, so no code breaks")
        } else if field_is_plain(f) || field_form(f, new.patch) == FieldForm::Nullable {
            (Impact::Breaking, "a required field that clients write: the model's `new` gains an argument")
        } else {
            (
                Impact::Addition,
                "an `Option` field; models are `#[non_exhaustive]` (built with `new` or `Default`), so no code breaks",
            )
        };
        out.push(
            Area::Field,
            format!("{name}.{}", f.rust_name),
            "added",
            format!("`{}: {}`", f.wire_name, field_rust_type(&out.new.types, f, new.patch)),
            impact,
            reason,
        );
    }
    if old.patch != new.patch {
        out.push(
            Area::Type,
            name,
            "PATCH model",
            arrow(old.patch, new.patch),
            Impact::Breaking,
            if new.patch {
                "only PATCH requests carry it now: its optional fields become `Patch<T>` (keep, clear, set)"
            } else {
                "it is no longer only a PATCH request model: its optional fields become `Option<T>`"
            },
        );
    }
    for n in &new.fields {
        if let Some(o) = old.fields.iter().find(|o| o.wire_name == n.wire_name) {
            diff_field(&format!("{name}.{}", n.rust_name), (o, old.patch), (n, new.patch), out);
        }
    }
    match (&old.additional_properties, &new.additional_properties) {
        (None, Some(t)) => out.push(
            Area::Type,
            name,
            "additional properties added",
            format!("`{}`", spec_type(t)),
            Impact::Addition,
            "the model keeps extra JSON properties in a new map",
        ),
        (Some(t), None) => out.push(
            Area::Type,
            name,
            "additional properties removed",
            format!("`{}`", spec_type(t)),
            Impact::Breaking,
            "the map of extra properties is gone",
        ),
        (Some(a), Some(b)) => diff_type_use(Area::Type, name, "additional properties type changed", a, b, out),
        (None, None) => {}
    }
    let variants = |o: &ObjectType| o.discriminator.as_ref().map(|d| d.variants.clone()).unwrap_or_default();
    let (vo, vn) = (variants(old), variants(new));
    for (value, ty) in &vn {
        if !vo.contains_key(value) {
            out.push(
                Area::Type,
                name,
                "subtype added",
                format!("`{value}` → `{ty}`"),
                Impact::Addition,
                "the union gains a variant; unknown kinds were already kept",
            );
        }
    }
    for (value, ty) in &vo {
        if !vn.contains_key(value) {
            out.push(
                Area::Type,
                name,
                "subtype removed",
                format!("`{value}` → `{ty}`"),
                Impact::Breaking,
                "the union loses a variant; code matching it no longer compiles",
            );
        }
    }
}

fn diff_field(subject: &str, (old, old_patch): (&Field, bool), (new, new_patch): (&Field, bool), out: &mut Changes<'_>) {
    if old.rust_name != new.rust_name {
        out.push(
            Area::Field,
            subject,
            "Rust name changed",
            arrow(&old.rust_name, &new.rust_name),
            Impact::Breaking,
            "the Rust field is renamed",
        );
    }
    if old.constant != new.constant {
        out.push(
            Area::Field,
            subject,
            "constant-ness changed",
            arrow(old.constant, new.constant),
            Impact::Breaking,
            if new.constant {
                "the spec now fixes its value: the model's `new` no longer takes it"
            } else {
                "the spec no longer fixes its value: the model's `new` takes it"
            },
        );
    }
    let type_changed = old.ty != new.ty;
    diff_type_use(Area::Field, subject, "type changed", &old.ty, &new.ty, out);
    let (ro, rn) = (field_rust_type(&out.old.types, old, old_patch), field_rust_type(&out.new.types, new, new_patch));
    let plain_flipped = field_is_plain(old) != field_is_plain(new);
    if old.required != new.required {
        let detail = format!(
            "{} → {}",
            if old.required { "required" } else { "optional" },
            if new.required { "required" } else { "optional" }
        );
        if plain_flipped {
            out.push(
                Area::Field,
                subject,
                "required-ness changed",
                detail,
                Impact::Breaking,
                format!("the Rust field changes from `{ro}` to `{rn}`"),
            );
        } else {
            out.push(
                Area::Field,
                subject,
                "required-ness changed",
                detail,
                Impact::Compatible,
                format!("the Rust field stays `{rn}` (read-only or nullable fields are always `Option`)"),
            );
        }
    }
    if old.read_only != new.read_only {
        let detail = format!(
            "{} → {}",
            if old.read_only { "read-only" } else { "writable" },
            if new.read_only { "read-only" } else { "writable" }
        );
        let flipped_here = plain_flipped && old.required == new.required;
        if flipped_here {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Breaking,
                format!("the Rust field changes from `{ro}` to `{rn}`"),
            );
        } else if new.read_only {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Breaking,
                "values callers set are no longer sent in requests",
            );
        } else {
            out.push(
                Area::Field,
                subject,
                "read-only-ness changed",
                detail,
                Impact::Addition,
                "callers can now send it in requests",
            );
        }
    }
    if old.nullable != new.nullable
        && plain_flipped
        && old.required == new.required
        && old.read_only == new.read_only
        && !type_changed
    {
        out.push(
            Area::Field,
            subject,
            "nullability changed",
            arrow(old.nullable, new.nullable),
            Impact::Breaking,
            format!("the Rust field changes from `{ro}` to `{rn}`"),
        );
    }
    if old.secret.is_some() != new.secret.is_some() {
        out.push(
            Area::Field,
            subject,
            "secret-ness changed",
            arrow(old.secret.is_some(), new.secret.is_some()),
            Impact::Compatible,
            "only how `Debug` shows the value changes",
        );
    }
}

fn diff_enum(name: &str, old: &EnumType, new: &EnumType, out: &mut Changes<'_>) {
    let base = |p: &Primitive| rust_shape(&BTreeMap::new(), &TypeRef::Primitive(p.clone()));
    if base(&old.base) != base(&new.base) {
        out.push(
            Area::Type,
            name,
            "value type changed",
            arrow(spec_primitive(&old.base), spec_primitive(&new.base)),
            Impact::Breaking,
            "the enum's wire type changes",
        );
    }
    for v in &new.values {
        match old.values.iter().find(|o| o.value == v.value) {
            None => out.push(
                Area::EnumValue,
                format!("{name}::{}", v.name),
                "added",
                format!("`{}`", wire(&v.value)),
                Impact::Addition,
                "a new variant; the enum is `#[non_exhaustive]`, so matches already have a wildcard arm (the value used to arrive as `UnknownValue`)",
            ),
            Some(o) if o.name != v.name => out.push(
                Area::EnumValue,
                format!("{name}::{}", v.name),
                "variant renamed",
                arrow(&o.name, &v.name),
                Impact::Breaking,
                "the same wire value has a new Rust variant name",
            ),
            Some(_) => {}
        }
    }
    for o in &old.values {
        if !new.values.iter().any(|v| v.value == o.value) {
            out.push(
                Area::EnumValue,
                format!("{name}::{}", o.name),
                "removed",
                format!("`{}`", wire(&o.value)),
                Impact::Breaking,
                "the variant is gone; code naming it no longer compiles",
            );
        }
    }
    if old.model_as_string != new.model_as_string {
        out.push(
            Area::Type,
            name,
            "modelAsString changed",
            arrow(old.model_as_string, new.model_as_string),
            Impact::Compatible,
            "the generated enum keeps unknown values either way",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{api, diff, find};
    use super::super::{Bump, Impact};
    use crate::ir::testing::{field, object, string_enum as enumeration};
    use crate::ir::{Field, Primitive, TypeRef};

    #[test]
    fn dates_in_arrays_follow_the_emitted_rust_type() {
        // The emitter decodes a date-time directly in a field's array into `OffsetDateTime`,
        // whatever its format, and keeps one nested deeper as a `String`: the report must judge
        // by those Rust types, which it takes from the emitter's own mapping.
        let dates = |p: Primitive| TypeRef::Array(Box::new(TypeRef::Primitive(p)));
        let mut old = api("1");
        old.types.extend([object(
            "Job",
            vec![
                field("reformatted", dates(Primitive::DateTime), false, false),
                field("stringly", dates(Primitive::DateTime), false, false),
                field("nested", TypeRef::Array(Box::new(dates(Primitive::DateTime))), false, false),
            ],
        )]);
        let mut new = api("1");
        new.types.extend([object(
            "Job",
            vec![
                field("reformatted", dates(Primitive::DateTimeRfc1123), false, false),
                field("stringly", dates(Primitive::String), false, false),
                field("nested", TypeRef::Array(Box::new(dates(Primitive::String))), false, false),
            ],
        )]);
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Job.reformatted", "type changed").impact, Impact::Compatible);
        let stringly = find(&report, "Job.stringly", "type changed");
        assert_eq!(stringly.impact, Impact::Breaking);
        assert!(stringly.reason.contains("Vec<OffsetDateTime>"), "{}", stringly.reason);
        // Formats apply at any depth: a nested date becoming a string changes the Rust type too.
        assert_eq!(find(&report, "Job.nested", "type changed").impact, Impact::Breaking);
    }

    #[test]
    fn fields_added_removed_renamed_and_retyped() {
        let s = TypeRef::Primitive(Primitive::String);
        let mut old = api("1");
        let mut renamed = field("startTime", TypeRef::Primitive(Primitive::DateTimeRfc1123), false, true);
        renamed.rust_name = "start_time_utc".into();
        old.types.extend([object(
            "Job",
            vec![
                field("id", s.clone(), false, true),
                field("gone", s.clone(), false, false),
                field("count", TypeRef::Primitive(Primitive::Int32), false, false),
                field("name", s.clone(), false, false),
                field("armId", s.clone(), false, false),
                renamed.clone(),
            ],
        )]);
        let mut new = api("1");
        let mut renamed_new = field("startTimeUtc", TypeRef::Primitive(Primitive::DateTimeRfc1123), false, true);
        renamed_new.rust_name = "start_time_utc".into();
        new.types.extend([object(
            "Job",
            vec![
                field("id", s.clone(), true, true),
                field("count", TypeRef::Primitive(Primitive::Int64), false, false),
                field("name", s.clone(), true, false),
                field("armId", TypeRef::Primitive(Primitive::ArmId), false, false),
                renamed_new,
                field("extra", s.clone(), false, false),
                field("mandatory", s.clone(), true, false),
            ],
        )]);
        let report = diff(&old, &new);
        assert_eq!(find(&report, "Job.gone", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Job.extra", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "Job.mandatory", "added").impact, Impact::Breaking);
        let wire = find(&report, "Job.start_time_utc", "renamed on the wire");
        assert_eq!((wire.impact, wire.detail.as_str()), (Impact::Compatible, "`startTime` → `startTimeUtc`"));
        assert_eq!(find(&report, "Job.count", "type changed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Job.arm_id", "type changed").impact, Impact::Compatible);
        assert_eq!(
            find(&report, "Job.id", "required-ness changed").impact,
            Impact::Compatible,
            "read-only fields are Options"
        );
        assert_eq!(find(&report, "Job.name", "required-ness changed").impact, Impact::Breaking);
    }

    #[test]
    fn a_property_renamed_with_its_rust_name_is_one_breaking_rename() {
        let described = |wire: &str| Field {
            description: Some("When it started.".into()),
            ..field(wire, TypeRef::Primitive(Primitive::DateTime), false, true)
        };
        let mut old = api("1");
        old.types.extend([object(
            "Job",
            vec![described("startTime"), field("other", TypeRef::Primitive(Primitive::String), false, false)],
        )]);
        let mut new = api("1");
        new.types.extend([object(
            "Job",
            vec![described("startTimeUtc"), field("another", TypeRef::Primitive(Primitive::String), false, false)],
        )]);
        let report = diff(&old, &new);
        let rename = find(&report, "Job.start_time_utc", "renamed");
        assert_eq!(rename.impact, Impact::Breaking);
        assert_eq!(rename.detail, "`startTime` → `startTimeUtc` (Rust `start_time` → `start_time_utc`)");
        assert!(!report.changes.iter().any(|c| c.subject.starts_with("Job.start_time") && c.change != "renamed"));
        // Without a description in common, a removal and an addition stay what they are.
        find(&report, "Job.other", "removed");
        find(&report, "Job.another", "added");
    }

    #[test]
    fn enum_values_and_types() {
        let mut old = api("1");
        old.types.extend([enumeration("JobStatus", &["running", "failed", "old"]), object("Gone", vec![])]);
        let mut new = api("1");
        new.types.extend([enumeration("JobStatus", &["running", "failed", "cancelled"]), object("Fresh", vec![])]);
        let report = diff(&old, &new);
        assert_eq!(find(&report, "JobStatus::Cancelled", "added").impact, Impact::Addition);
        assert_eq!(find(&report, "JobStatus::Old", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Gone", "removed").impact, Impact::Breaking);
        assert_eq!(find(&report, "Fresh", "added").impact, Impact::Addition);
        assert_eq!(report.bump, Bump::Major);
    }

    #[test]
    fn nullability_patch_models_and_constants_are_classified() {
        let int = TypeRef::Primitive(Primitive::Int32);
        let mut old = api("1");
        old.types.extend([object(
            "Update",
            vec![field("items", TypeRef::Array(Box::new(int.clone())), false, false), field("mode", int.clone(), true, false)],
        )]);
        let mut new = api("1");
        let mut nullable_required = field("mode", int.clone(), true, false);
        nullable_required.nullable = true;
        new.types.extend([object(
            "Update",
            vec![
                field("items", TypeRef::Array(Box::new(TypeRef::Nullable(Box::new(int.clone())))), false, false),
                nullable_required,
            ],
        )]);
        if let crate::ir::TypeKind::Object(o) = &mut new.types.get_mut("Update").unwrap().kind {
            o.patch = true;
        }
        let report = diff(&old, &new);
        let items = find(&report, "Update.items", "type changed");
        assert_eq!(items.impact, Impact::Breaking, "{items:?}");
        assert!(items.reason.contains("Vec<Option<i32>>"), "{}", items.reason);
        let mode = find(&report, "Update.mode", "nullability changed");
        assert_eq!(mode.impact, Impact::Breaking);
        assert!(mode.reason.contains("Option<i32>"), "{}", mode.reason);
        assert_eq!(find(&report, "Update", "PATCH model").impact, Impact::Breaking);
    }
}
