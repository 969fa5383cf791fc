//! Finding where a document does not have the OpenAPI 3.0 shape, at the deepest place, in time
//! linear in the document.
//!
//! openapiv3 reads a `$ref`-or-object (`ReferenceOr`), a schema, a parameter and a security
//! scheme through untagged, internally tagged or flattened serde forms, which buffer their input:
//! serde_path_to_error's path stops at the first of them, so a wrong `description` deep inside a
//! path item was reported at `/paths`. And `ReferenceOr` reads a failing value twice (the second
//! time for its message), at every level: a wrong value under 40 nested schemas was read 2^40
//! times. So before openapiv3 reads the whole document, `check` reads each object on its own, its
//! children replaced by placeholders, knowing which openapiv3 type each place holds (`member`),
//! through types whose fields serde can follow where there are such (`SchemaData`, `AnySchema`,
//! `ParameterData`, ...).

use openapiv3::ReferenceOr;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::error::escape_pointer_segment as esc;

/// What a place in an OpenAPI 3.0 document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
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

/// Where a value does not read, relative to it, and why.
type Failure = (String, String);

/// A check that a value reads as some type.
type Check = fn(&Value) -> Result<(), Failure>;

/// Whether `value` reads as `T`; the path (a JSON pointer relative to `value`) and the message
/// when not.
fn read<T: DeserializeOwned>(value: &Value) -> Result<(), Failure> {
    // openapiv3's `ReferenceOr` has an `expect` its authors believe unreachable; here too a spec
    // must not panic the generator. Read plainly first (most values read), with the path only
    // when that fails.
    if matches!(std::panic::catch_unwind(|| T::deserialize(value).is_ok()), Ok(true)) {
        return Ok(());
    }
    let result = std::panic::catch_unwind(|| serde_path_to_error::deserialize::<_, T>(value).map(drop));
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

/// Whether a `kind` reads (a `$ref`, or the object itself where the document allows one).
fn reads(kind: Kind, value: &Value) -> Result<(), Failure> {
    use Kind::*;
    match kind {
        Document => read::<openapiv3::OpenAPI>(value),
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

/// Readers of a `kind` whose fields serde_path_to_error can follow (no untagged, tagged or
/// flattened form around them), tried before `reads` so an error names its field.
fn traceable(kind: Kind) -> &'static [Check] {
    use Kind::*;
    match kind {
        Document => &[read::<openapiv3::OpenAPI>],
        PathItem => &[read::<openapiv3::PathItem>],
        Operation => &[read::<openapiv3::Operation>],
        Parameter => &[read::<openapiv3::ParameterData>],
        Header => &[read::<openapiv3::Header>],
        RequestBody => &[read::<openapiv3::RequestBody>],
        Response => &[read::<openapiv3::Response>],
        MediaType => &[read::<openapiv3::MediaType>],
        Encoding => &[read::<openapiv3::Encoding>],
        Schema => &[read::<openapiv3::SchemaData>, read::<openapiv3::AnySchema>],
        Example => &[read::<openapiv3::Example>],
        Link => &[read::<openapiv3::Link>],
        Components => &[read::<openapiv3::Components>],
        Paths | Responses | Callback | SecurityScheme => &[],
    }
}

/// A value that reads as a `kind` wherever one is allowed: a `$ref` where the document allows
/// one, else the emptiest valid object.
fn placeholder(kind: Kind) -> Value {
    use Kind::*;
    match kind {
        Parameter | RequestBody | Response | Header | Example | Link | SecurityScheme => json!({ "$ref": "#/placeholder" }),
        Operation => json!({ "responses": {} }),
        _ => json!({}),
    }
}

/// Whether a `kind` may be a `$ref` (a bundled one, local and well-formed).
fn may_refer(kind: Kind) -> bool {
    use Kind::*;
    matches!(kind, PathItem | Parameter | RequestBody | Response | Header | Schema | Example | Link | Callback | SecurityScheme)
}

/// The first place, in document order, where `document` does not have the OpenAPI 3.0 shape,
/// and what is wrong there; `None` when every place reads.
///
/// Each object is read on its own, its children (the places `member` knows) replaced by
/// placeholders that read, then its children in turn: once per object, with an explicit stack,
/// so the cost is linear in the document whatever its depth. Reading the whole document at once
/// can not be: openapiv3's `ReferenceOr` reads a value that fails a second time (for its message),
/// at every level, so a wrong value under n nested schemas is read 2^n times.
pub(super) fn check(document: &Value) -> Option<(String, String)> {
    let mut stack: Vec<(String, Kind, &Value)> = vec![(String::new(), Kind::Document, document)];
    while let Some((pointer, kind, value)) = stack.pop() {
        let located = |(path, message): Failure| (format!("{pointer}{path}"), message);
        let Some(object) = value.as_object() else {
            if let Err(failure) = reads(kind, value) {
                return Some(located(failure));
            }
            continue;
        };
        if may_refer(kind) && object.get("$ref").is_some_and(Value::is_string) {
            continue;
        }
        let mut shallow = serde_json::Map::new();
        let mut children: Vec<(String, Kind, &Value)> = Vec::new();
        for (key, child) in object {
            let at = format!("{pointer}/{}", esc(key));
            match (member(kind, key), child) {
                (Some(Shape::One(kind)), Value::Object(_)) => {
                    shallow.insert(key.clone(), placeholder(kind));
                    children.push((at, kind, child));
                }
                (Some(Shape::Map(kind)), Value::Object(items)) => {
                    shallow.insert(key.clone(), json!({}));
                    for (name, item) in items {
                        if name.starts_with("x-") && kind != Kind::Schema {
                            continue;
                        }
                        children.push((format!("{at}/{}", esc(name)), kind, item));
                    }
                }
                (Some(Shape::List(kind)), Value::Array(items)) => {
                    shallow.insert(key.clone(), json!([]));
                    for (i, item) in items.iter().enumerate() {
                        children.push((format!("{at}/{i}"), kind, item));
                    }
                }
                _ => {
                    shallow.insert(key.clone(), child.clone());
                }
            }
        }
        let shallow = Value::Object(shallow);
        if let Err(failure) = reads(kind, &shallow) {
            // Where exactly: through a type whose fields serde can follow, where there is one.
            let traced = traceable(kind).iter().filter_map(|check| check(&shallow).err()).find(|f| !f.0.is_empty());
            return Some(located(traced.unwrap_or(failure)));
        }
        // Reversed, so the stack gives them back in document order.
        stack.extend(children.into_iter().rev());
    }
    None
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
        assert!(read::<openapiv3::OpenAPI>(document).is_err(), "openapiv3 refuses it too");
        check(document).expect("a place that does not read")
    }

    #[test]
    fn a_document_that_reads_has_no_error() {
        let doc = document(
            json!({ "/x": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/A" } } } } } } } }),
            json!({ "A": { "type": "object", "properties": { "b": { "type": "array", "items": { "type": "string" } } }, "additionalProperties": true } }),
        );
        assert!(read::<openapiv3::OpenAPI>(&doc).is_ok());
        assert_eq!(check(&doc), None);
    }

    #[test]
    fn a_wrong_value_under_many_nested_schemas_is_found_in_linear_time() {
        let mut schema = json!({ "type": "string", "readOnly": "yes" });
        for _ in 0..100 {
            schema = json!({ "type": "array", "items": schema });
        }
        let doc = document(json!({}), json!({ "A": schema }));
        let start = std::time::Instant::now();
        let (pointer, _) = check(&doc).expect("found");
        assert_eq!(pointer, format!("/components/schemas/A{}/readOnly", "/items".repeat(100)));
        assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
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
