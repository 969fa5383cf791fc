//! Finding the deepest place a document's shape is wrong.
//!
//! openapiv3 reads a `$ref`-or-object (`ReferenceOr`), a schema, a parameter and a security
//! scheme through untagged, internally tagged or flattened serde forms, which buffer their input:
//! serde_path_to_error's path stops at the first of them. A wrong `description` deep inside a
//! path item is then reported at `/paths`. This module goes down from there: it knows which
//! openapiv3 type each place of a document holds, reads the value there as a type without those
//! forms (the `Schema`'s `SchemaData` and `AnySchema`, a parameter's `ParameterData`, ...) to get
//! a deeper path, and otherwise looks for the first child that does not read. Only errors take
//! this path, so its cost does not matter to a spec that loads.

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::escape_pointer_segment as esc;

/// What a place in an OpenAPI 3.0 document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Info,
    Paths,
    PathItem,
    Operation,
    Responses,
    Parameter,
    RequestBody,
    Response,
    Header,
    MediaType,
    Encoding,
    Schema,
    Example,
    Link,
    Callback,
    SecurityScheme,
    Components,
}

/// A place holding a map or list of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    One(Kind),
    Map(Kind),
    List(Kind),
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What the member `key` of a `kind` holds.
fn member(kind: Kind, key: &str) -> Option<Shape> {
    use Kind::*;
    use Shape::*;
    Some(match (kind, key) {
        (_, k) if k.starts_with("x-") => return None,
        (Document, "info") => One(Info),
        (Document, "paths") => One(Paths),
        (Document, "components") => One(Components),
        (Paths, _) => One(PathItem),
        (PathItem, "parameters") | (Operation, "parameters") => List(Parameter),
        (PathItem, method) if METHODS.contains(&method) => One(Operation),
        (Operation, "requestBody") => One(RequestBody),
        (Operation, "responses") => One(Responses),
        (Operation, "callbacks") => Map(Callback),
        (Responses, _) => One(Response),
        (Callback, _) => One(PathItem),
        (Response, "headers") | (Encoding, "headers") => Map(Header),
        (Response, "content") | (RequestBody, "content") | (Parameter, "content") | (Header, "content") => {
            Map(MediaType)
        }
        (Response, "links") => Map(Link),
        (MediaType, "schema") | (Parameter, "schema") | (Header, "schema") => One(Schema),
        (MediaType, "examples") | (Parameter, "examples") | (Header, "examples") => Map(Example),
        (MediaType, "encoding") => Map(Encoding),
        (Schema, "properties") => Map(Schema),
        (Schema, "items" | "not" | "additionalProperties") => One(Schema),
        (Schema, "allOf" | "oneOf" | "anyOf") => List(Schema),
        (Components, "schemas") => Map(Schema),
        (Components, "responses") => Map(Response),
        (Components, "parameters") => Map(Parameter),
        (Components, "examples") => Map(Example),
        (Components, "requestBodies") => Map(RequestBody),
        (Components, "headers") => Map(Header),
        (Components, "securitySchemes") => Map(SecurityScheme),
        (Components, "links") => Map(Link),
        (Components, "callbacks") => Map(Callback),
        _ => return None,
    })
}

/// The kind of the place at `pointer`, walked from the document down; `None` where the
/// document holds something this module does not look into.
fn kind_at(pointer: &str) -> Option<Kind> {
    let mut shape = Shape::One(Kind::Document);
    for segment in pointer.split('/').skip(1) {
        shape = match shape {
            Shape::One(kind) => member(kind, &crate::error::unescape_pointer_segment(segment))?,
            Shape::Map(kind) | Shape::List(kind) => Shape::One(kind),
        };
    }
    match shape {
        Shape::One(kind) => Some(kind),
        _ => None,
    }
}

/// Where a value does not read, relative to it, and why.
type Failure = (String, String);

/// A check that a value reads as some type.
type Check = fn(&Value) -> Result<(), Failure>;

/// Whether `value` reads as `T`; the path (a JSON pointer relative to `value`) and the message
/// when not.
fn read<T: DeserializeOwned>(value: &Value) -> Result<(), Failure> {
    // openapiv3's `ReferenceOr` has an `expect` its authors believe unreachable; here too a spec
    // must not panic the generator.
    let result = std::panic::catch_unwind(|| serde_path_to_error::deserialize::<_, T>(value.clone()).map(drop));
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err((pointer_of(e.path()), e.inner().to_string())),
        Err(_) => Err((String::new(), "openapiv3 cannot read this value".into())),
    }
}

/// The JSON pointer of a serde path, up to the first segment serde could not name.
pub(super) fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            serde_path_to_error::Segment::Map { key } => pointer.push_str(&format!("/{}", esc(key))),
            serde_path_to_error::Segment::Enum { .. } => {}
            serde_path_to_error::Segment::Unknown => break,
        }
    }
    pointer
}

/// Whether a `kind` (a `$ref` or the object itself, where the document allows a `$ref`) reads.
fn reads(kind: Kind, value: &Value) -> Result<(), Failure> {
    use Kind::*;
    match kind {
        Document => read::<openapiv3::OpenAPI>(value),
        Info => read::<openapiv3::Info>(value),
        Paths => read::<openapiv3::Paths>(value),
        PathItem => read::<ReferenceOr<openapiv3::PathItem>>(value),
        Operation => read::<openapiv3::Operation>(value),
        Responses => read::<openapiv3::Responses>(value),
        Parameter => read::<ReferenceOr<openapiv3::Parameter>>(value),
        RequestBody => read::<ReferenceOr<openapiv3::RequestBody>>(value),
        Response => read::<ReferenceOr<openapiv3::Response>>(value),
        Header => read::<ReferenceOr<openapiv3::Header>>(value),
        MediaType => read::<openapiv3::MediaType>(value),
        Encoding => read::<openapiv3::Encoding>(value),
        Schema => read::<ReferenceOr<openapiv3::Schema>>(value),
        Example => read::<ReferenceOr<openapiv3::Example>>(value),
        Link => read::<ReferenceOr<openapiv3::Link>>(value),
        Callback => read::<ReferenceOr<openapiv3::Callback>>(value),
        SecurityScheme => read::<ReferenceOr<openapiv3::SecurityScheme>>(value),
        Components => read::<openapiv3::Components>(value),
    }
}

/// A deeper place than `value` itself (of `kind`) where it does not read, relative to it, with
/// the message there.
fn deeper(kind: Kind, value: &Value) -> Option<Failure> {
    use Kind::*;
    let object = value.as_object()?;
    if object.contains_key("$ref") {
        return None;
    }
    // Read as types whose fields serde_path_to_error can follow.
    let plain: &[Check] = match kind {
        Document => &[read::<openapiv3::OpenAPI>],
        Info => &[read::<openapiv3::Info>],
        PathItem => &[read::<openapiv3::PathItem>],
        Operation => &[read::<openapiv3::Operation>],
        Parameter | Header => &[read::<openapiv3::ParameterData>, read::<openapiv3::Header>],
        RequestBody => &[read::<openapiv3::RequestBody>],
        Response => &[read::<openapiv3::Response>],
        MediaType => &[read::<openapiv3::MediaType>],
        Encoding => &[read::<openapiv3::Encoding>],
        Schema => &[read::<openapiv3::SchemaData>, read::<openapiv3::AnySchema>],
        Example => &[read::<openapiv3::Example>],
        Link => &[read::<openapiv3::Link>],
        Components => &[read::<openapiv3::Components>],
        Paths | Responses | Callback | SecurityScheme => &[],
    };
    for check in plain {
        if let Err((path, message)) = check(value) {
            if !path.is_empty() {
                return Some((path, message));
            }
        }
    }
    // The first member that does not read, as what it holds.
    for (key, child) in object {
        let Some(shape) = member(kind, key) else { continue };
        let at = format!("/{}", esc(key));
        let failed = match (shape, child) {
            (Shape::One(kind), child) => reads(kind, child).err().map(|e| (at, e)),
            (Shape::Map(kind), Value::Object(items)) => items
                .iter()
                .filter(|(name, _)| !name.starts_with("x-") || kind == Kind::Schema)
                .find_map(|(name, item)| reads(kind, item).err().map(|e| (format!("{at}/{}", esc(name)), e))),
            (Shape::List(kind), Value::Array(items)) => {
                items.iter().enumerate().find_map(|(i, item)| reads(kind, item).err().map(|e| (format!("{at}/{i}"), e)))
            }
            _ => None,
        };
        if let Some((at, (path, message))) = failed {
            return Some((format!("{at}{path}"), message));
        }
    }
    None
}

/// The deepest place at or below `pointer` (where reading `document` failed with `message`)
/// that does not read, and the message there.
pub(super) fn pinpoint(document: &Value, pointer: String, message: String) -> (String, String) {
    let (mut pointer, mut message) = (pointer, message);
    // Each step goes at least one segment deeper, so the document's depth bounds the loop.
    while let (Some(kind), Some(value)) = (kind_at(&pointer), document.pointer(&pointer)) {
        match deeper(kind, value) {
            Some((path, inner)) if !path.is_empty() => {
                pointer.push_str(&path);
                message = inner;
            }
            _ => break,
        }
    }
    (pointer, message)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn document(paths: Value, schemas: Value) -> Value {
        json!({
            "openapi": "3.0.3", "info": { "title": "t", "version": "1" }, "paths": paths,
            "components": { "schemas": schemas }
        })
    }

    fn first_error(document: &Value) -> (String, String) {
        match read::<openapiv3::OpenAPI>(document) {
            Ok(()) => panic!("the document reads"),
            Err((pointer, message)) => pinpoint(document, pointer, message),
        }
    }

    #[test]
    fn a_wrong_description_in_a_path_item_is_found() {
        let doc = document(
            json!({ "/x": { "get": { "description": 42, "responses": { "200": { "description": "ok" } } } } }),
            json!({}),
        );
        let (pointer, message) = first_error(&doc);
        assert_eq!(pointer, "/paths/~1x/get/description");
        assert!(message.contains("expected a string"), "{message}");
    }

    #[test]
    fn a_wrong_keyword_deep_in_a_schema_is_found() {
        let doc = document(
            json!({}),
            json!({ "A": { "type": "object", "properties": { "b": { "items": { "type": "string", "description": [1] } } } } }),
        );
        assert_eq!(first_error(&doc).0, "/components/schemas/A/properties/b/items/description");
        let doc = document(json!({}), json!({ "A": { "allOf": [{ "type": "object" }, { "required": "x" }] } }));
        assert_eq!(first_error(&doc).0, "/components/schemas/A/allOf/1/required");
    }

    #[test]
    fn a_wrong_parameter_field_and_a_wrong_response_header_are_found() {
        let doc = document(
            json!({ "/x": { "get": {
                "parameters": [{ "name": "p", "in": "query", "schema": { "type": "string" } }, { "name": "q", "in": "query", "required": "yes" }],
                "responses": { "200": { "description": "ok" } }
            } } }),
            json!({}),
        );
        assert_eq!(first_error(&doc).0, "/paths/~1x/get/parameters/1/required");
        let doc = document(
            json!({ "/x": { "get": { "responses": { "200": { "description": "ok", "headers": { "h": { "schema": { "type": 7 } } } } } } } }),
            json!({}),
        );
        assert_eq!(first_error(&doc).0, "/paths/~1x/get/responses/200/headers/h/schema/type");
    }
}
