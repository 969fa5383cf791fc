//! The file fields of `multipart/form-data` bodies: a `format: binary` (OpenAPI 3) or
//! `type: file` (Swagger 2) field of a multipart body's model is sent as a file part of raw
//! bytes, so the model must hold bytes (`Vec<u8>`), where a JSON model keeps such a field as text.
//! This pass rewrites those fields from `Primitive::Binary` to `Primitive::File`, once, so that
//! the type mapping (`rust_types`), the encoder and every later stage see one fact.
//!
//! Only the body's own fields are parts; an object inside a field travels as JSON text, so its
//! fields are left as they are. A model that is also a JSON body (a `$ref` shared between a JSON
//! and a multipart operation) is rewritten too: a JSON body cannot carry raw bytes anyway.

use crate::ir::{Api, BodyKind, Primitive, TypeKind, TypeRef};

/// Rewrites the `Binary` fields (and arrays of them) of every multipart body's model to `File`.
pub(super) fn mark_file_parts(api: &mut Api) {
    let mut models = Vec::new();
    for op in &api.operations {
        if let Some(body) = op.body.as_ref().filter(|b| b.kind == BodyKind::Multipart) {
            if let TypeRef::Named(name) = crate::rust_types::resolve_alias(&api.types, &body.ty) {
                models.push(name.clone());
            }
        }
    }
    for name in models {
        if let Some(TypeKind::Object(object)) = api.types.get_mut(&name).map(|d| &mut d.kind) {
            for field in &mut object.fields {
                file_part(&mut field.ty);
            }
        }
    }
}

/// Makes `ty` a file part's type if it is `binary` (or a list or a nullable of one).
fn file_part(ty: &mut TypeRef) {
    match ty {
        TypeRef::Primitive(p @ Primitive::Binary) => *p = Primitive::File,
        TypeRef::Array(item) | TypeRef::Nullable(item) => file_part(item),
        TypeRef::Primitive(_) | TypeRef::Map(_) | TypeRef::Named(_) | TypeRef::Any => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::testing::{self, field, object};
    use crate::ir::{HttpMethod, RequestBody};

    fn body(ty: &str, kind: BodyKind) -> RequestBody {
        RequestBody {
            name: "body".into(),
            rust_name: "body".into(),
            required: true,
            ty: TypeRef::Named(ty.into()),
            content_type: "multipart/form-data".into(),
            kind,
            description: None,
            client_flatten: false,
            constant: None,
        }
    }

    fn field_type<'a>(api: &'a Api, ty: &str, name: &str) -> &'a TypeRef {
        match &api.types[ty].kind {
            TypeKind::Object(o) => &o.fields.iter().find(|f| f.wire_name == name).expect("the field").ty,
            _ => panic!("{ty} is an object"),
        }
    }

    #[test]
    fn binary_fields_of_multipart_models_become_file_parts() {
        let binary = || TypeRef::Primitive(Primitive::Binary);
        let mut api = testing::api("2024-01-01");
        for (name, def) in [
            object(
                "Upload",
                vec![
                    field("file", binary(), true, false),
                    field("files", TypeRef::Array(Box::new(binary())), false, false),
                    field("note", TypeRef::Primitive(Primitive::String), false, false),
                    field("inner", TypeRef::Named("Inner".into()), false, false),
                ],
            ),
            object("Inner", vec![field("blob", binary(), false, false)]),
            object("Json", vec![field("blob", binary(), false, false)]),
        ] {
            api.types.insert(name, def);
        }
        let mut upload = testing::operation("Files_Upload", HttpMethod::Post, "/upload");
        upload.body = Some(body("Upload", BodyKind::Multipart));
        let mut json = testing::operation("Files_Json", HttpMethod::Post, "/json");
        json.body = Some(body("Json", BodyKind::Json));
        api.operations = vec![upload, json];
        mark_file_parts(&mut api);
        let file = || TypeRef::Primitive(Primitive::File);
        assert_eq!(field_type(&api, "Upload", "file"), &file());
        assert_eq!(field_type(&api, "Upload", "files"), &TypeRef::Array(Box::new(file())));
        assert_eq!(field_type(&api, "Upload", "note"), &TypeRef::Primitive(Primitive::String));
        assert_eq!(field_type(&api, "Inner", "blob"), &binary(), "a nested object is a JSON part");
        assert_eq!(field_type(&api, "Json", "blob"), &binary(), "a JSON body's model is not a form");
    }
}
