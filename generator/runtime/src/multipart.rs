//! `multipart/form-data` request bodies (RFC 7578), built from the model that holds the form's
//! fields.
//!
//! The model is written by its own `Serialize` (so field names, codecs and absent optional
//! fields are as in JSON) into a small serializer that turns each field into parts:
//!
//! - bytes (a file field: `crate::codec::File` writes them as serde bytes) are a file part,
//!   `application/octet-stream`, named after the field (`filename` too, since a part without one
//!   is a text field to form parsers);
//! - a string (a date or a duration its codec wrote as text, an enum value) is a text part, as it is;
//! - a number or a boolean is a text part of its JSON text; so is an object, whole;
//! - a list is one part per item, under the field's name (repeated parts, as forms send many values);
//! - `None` (or `null`) sends nothing.
//!
//! The boundary is random and checked against every part, so that no content can end a part early.

#![allow(dead_code)]

use ::serde::ser::{self, Impossible, Serialize};

/// A part's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Content {
    /// A text field.
    Text(String),
    /// A file's raw bytes.
    File(Vec<u8>),
}

/// One part: the field's name and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// The form field's name (the model's wire name).
    pub name: String,
    /// What the part holds.
    pub content: Content,
}

/// The `Content-Type` header (with the boundary) and the body of the form whose fields `fields`
/// holds.
pub(crate) fn multipart_body<T: Serialize>(
    fields: &T,
) -> azure_core::Result<(String, azure_core::Bytes)> {
    let parts = fields.serialize(FormSerializer).map_err(Error::into_azure)?;
    Ok(encode(&parts, &random_token()))
}

/// `parts` as a `multipart/form-data` body, with a boundary that starts with `seed` and occurs in
/// no part: the `Content-Type` header and the body.
pub(crate) fn encode(parts: &[Part], seed: &str) -> (String, azure_core::Bytes) {
    let boundary = boundary(parts, seed);
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
        body.extend_from_slice(quoted(&part.name).as_bytes());
        body.push(b'"');
        match &part.content {
            Content::Text(text) => {
                body.extend_from_slice(b"\r\n\r\n");
                body.extend_from_slice(text.as_bytes());
            }
            Content::File(bytes) => {
                body.extend_from_slice(b"; filename=\"");
                body.extend_from_slice(quoted(&part.name).as_bytes());
                body.extend_from_slice(b"\"\r\nContent-Type: application/octet-stream\r\n\r\n");
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"--");
    body.extend_from_slice(boundary.as_bytes());
    body.extend_from_slice(b"--\r\n");
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into(),
    )
}

/// A boundary made of `seed` and a counter that no part contains (RFC 2046: at most 70
/// characters, here letters, digits and `-`).
fn boundary(parts: &[Part], seed: &str) -> String {
    let clean: String = seed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(40)
        .collect();
    (0u64..)
        .map(|n| format!("----arm-form-{clean}-{n}"))
        .find(|candidate| {
            !parts.iter().any(|part| {
                let content = match &part.content {
                    Content::Text(text) => text.as_bytes(),
                    Content::File(bytes) => bytes,
                };
                contains(content, candidate.as_bytes()) || part.name.contains(candidate.as_str())
            })
        })
        .unwrap_or_default()
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// 16 random hex digits: the hasher std seeds randomly for each process (no random-number
/// crate needed for a value that only has to be hard to guess and, above all, checked).
fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    format!("{:016x}", hasher.finish())
}

/// A name in a quoted `Content-Disposition` parameter: `"`, CR and LF percent-encoded, as
/// browsers send them (the WHATWG HTML form encoding).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Why a model could not be written as a form.
#[derive(Debug)]
pub(crate) enum Error {
    /// The value is not one field's content (an object or a list inside a list): the caller
    /// writes it as JSON text instead.
    NotAPart,
    /// The model is not an object of fields, or serde reported this.
    Custom(String),
}

impl Error {
    fn into_azure(self) -> azure_core::Error {
        let message = match self {
            Error::NotAPart => "a multipart/form-data body must be an object of fields".to_string(),
            Error::Custom(message) => message,
        };
        azure_core::Error::with_message(azure_core::error::ErrorKind::DataConversion, message)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotAPart => f.write_str("not a form field's content"),
            Error::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        Error::Custom(message.to_string())
    }
}

/// The contents of one field's value: a scalar or bytes is one, a list one per item, `None`
/// none; anything else is one text part of its JSON.
fn field_contents<T: Serialize + ?Sized>(value: &T) -> Result<Vec<Content>, Error> {
    match value.serialize(ValueSerializer { in_list: false }) {
        Err(Error::NotAPart) => Ok(vec![json_text(value)?]),
        other => other,
    }
}

/// A value as one text part of its JSON.
fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<Content, Error> {
    ::serde_json::to_string(value)
        .map(Content::Text)
        .map_err(|e| Error::Custom(e.to_string()))
}

/// Writes a model (a struct or a map of fields) as parts.
struct FormSerializer;

/// Collects the parts of a model's fields.
struct Fields {
    parts: Vec<Part>,
    /// A map's key, until its value comes.
    key: Option<String>,
}

impl Fields {
    fn push<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        for content in field_contents(value)? {
            self.parts.push(Part {
                name: name.to_string(),
                content,
            });
        }
        Ok(())
    }
}

/// Refuses what is not an object of fields.
macro_rules! not_a_form {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ok, Error> {
            Err(Error::NotAPart)
        })*
    };
}

impl ser::Serializer for FormSerializer {
    type Ok = Vec<Part>;
    type Error = Error;
    type SerializeSeq = Impossible<Vec<Part>, Error>;
    type SerializeTuple = Impossible<Vec<Part>, Error>;
    type SerializeTupleStruct = Impossible<Vec<Part>, Error>;
    type SerializeTupleVariant = Impossible<Vec<Part>, Error>;
    type SerializeMap = Fields;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Impossible<Vec<Part>, Error>;

    not_a_form! {
        serialize_bool(bool) -> Vec<Part>;
        serialize_i8(i8) -> Vec<Part>;
        serialize_i16(i16) -> Vec<Part>;
        serialize_i32(i32) -> Vec<Part>;
        serialize_i64(i64) -> Vec<Part>;
        serialize_u8(u8) -> Vec<Part>;
        serialize_u16(u16) -> Vec<Part>;
        serialize_u32(u32) -> Vec<Part>;
        serialize_u64(u64) -> Vec<Part>;
        serialize_f32(f32) -> Vec<Part>;
        serialize_f64(f64) -> Vec<Part>;
        serialize_char(char) -> Vec<Part>;
        serialize_str(&str) -> Vec<Part>;
        serialize_bytes(&[u8]) -> Vec<Part>;
        serialize_none() -> Vec<Part>;
        serialize_unit() -> Vec<Part>;
        serialize_unit_struct(&'static str) -> Vec<Part>;
        serialize_unit_variant(&'static str, u32, &'static str) -> Vec<Part>;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<Part>, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Vec<Part>, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Vec<Part>, Error> {
        Err(Error::NotAPart)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields, Error> {
        Ok(Fields {
            parts: Vec::new(),
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, Error> {
        Ok(Fields {
            parts: Vec::new(),
            key: None,
        })
    }
}

impl ser::SerializeStruct for Fields {
    type Ok = Vec<Part>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.push(name, value)
    }

    fn end(self) -> Result<Vec<Part>, Error> {
        Ok(self.parts)
    }
}

impl ser::SerializeMap for Fields {
    type Ok = Vec<Part>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        match ::serde_json::to_value(key) {
            Ok(::serde_json::Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Error::Custom("a form field's name must be a string".into())),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let name = self.key.take().unwrap_or_default();
        self.push(&name, value)
    }

    fn end(self) -> Result<Vec<Part>, Error> {
        Ok(self.parts)
    }
}

/// Writes one field's value as contents; `NotAPart` for what is only JSON text.
struct ValueSerializer {
    /// Inside a list: a list here is not repeated parts, so it is JSON text.
    in_list: bool,
}

/// Collects a list's items as contents.
struct Items(Vec<Content>);

impl ValueSerializer {
    fn text(text: impl Into<String>) -> Result<Vec<Content>, Error> {
        Ok(vec![Content::Text(text.into())])
    }
}

impl ser::Serializer for ValueSerializer {
    type Ok = Vec<Content>;
    type Error = Error;
    type SerializeSeq = Items;
    type SerializeTuple = Impossible<Vec<Content>, Error>;
    type SerializeTupleStruct = Impossible<Vec<Content>, Error>;
    type SerializeTupleVariant = Impossible<Vec<Content>, Error>;
    type SerializeMap = Impossible<Vec<Content>, Error>;
    type SerializeStruct = Impossible<Vec<Content>, Error>;
    type SerializeStructVariant = Impossible<Vec<Content>, Error>;

    fn serialize_bool(self, v: bool) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<Vec<Content>, Error> {
        Self::text(v.to_string())
    }
    // Numbers as JSON writes them (`1.5`, and an error for NaN, which JSON cannot hold).
    fn serialize_f32(self, v: f32) -> Result<Vec<Content>, Error> {
        Ok(vec![json_text(&v)?])
    }
    fn serialize_f64(self, v: f64) -> Result<Vec<Content>, Error> {
        Ok(vec![json_text(&v)?])
    }
    fn serialize_char(self, v: char) -> Result<Vec<Content>, Error> {
        Self::text(v)
    }
    fn serialize_str(self, v: &str) -> Result<Vec<Content>, Error> {
        Self::text(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Vec<Content>, Error> {
        Ok(vec![Content::File(v.to_vec())])
    }
    fn serialize_none(self) -> Result<Vec<Content>, Error> {
        Ok(Vec::new())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Vec<Content>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Vec<Content>, Error> {
        Ok(Vec::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Vec<Content>, Error> {
        Ok(Vec::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Vec<Content>, Error> {
        Self::text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Vec<Content>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Vec<Content>, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items, Error> {
        if self.in_list {
            Err(Error::NotAPart)
        } else {
            Ok(Items(Vec::new()))
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(Error::NotAPart)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::NotAPart)
    }
}

impl ser::SerializeSeq for Items {
    type Ok = Vec<Content>;
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        // An item that is not one part (an object, a list) is one part of its JSON; `null` is none.
        match value.serialize(ValueSerializer { in_list: true }) {
            Ok(contents) => self.0.extend(contents),
            Err(Error::NotAPart) => self.0.push(json_text(value)?),
            Err(error) => return Err(error),
        }
        Ok(())
    }

    fn end(self) -> Result<Vec<Content>, Error> {
        Ok(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, value: &str) -> Part {
        Part {
            name: name.into(),
            content: Content::Text(value.into()),
        }
    }

    fn file(name: &str, bytes: &[u8]) -> Part {
        Part {
            name: name.into(),
            content: Content::File(bytes.to_vec()),
        }
    }

    /// A model as generated: a file field, an optional one, a list of files, other values.
    #[derive(::serde::Serialize)]
    struct Upload {
        #[serde(rename = "fileContent", with = "crate::codec::As::<crate::codec::File>")]
        file_content: Vec<u8>,
        #[serde(rename = "fileName")]
        file_name: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::codec::As::<crate::codec::Nullable<crate::codec::File>>"
        )]
        thumbnail: Option<Vec<u8>>,
        #[serde(with = "crate::codec::As::<crate::codec::Seq<crate::codec::File>>")]
        pages: Vec<Vec<u8>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        count: i32,
        ratio: f64,
        tags: Vec<String>,
        meta: ::serde_json::Value,
        #[serde(with = "crate::codec::As::<crate::codec::Rfc3339>")]
        when: azure_core::time::OffsetDateTime,
    }

    fn parts_of<T: Serialize>(value: &T) -> Vec<Part> {
        value.serialize(FormSerializer).unwrap()
    }

    #[test]
    fn fields_become_parts_files_as_bytes_lists_repeated_absent_left_out() {
        let upload = Upload {
            file_content: vec![0, 1, 0xfe, 0xff],
            file_name: "a \"b\".txt".into(),
            thumbnail: None,
            pages: vec![b"one".to_vec(), b"two".to_vec()],
            note: None,
            count: 7,
            ratio: 1.5,
            tags: vec!["x".into(), "y".into()],
            meta: ::serde_json::json!({ "k": [1, null] }),
            when: azure_core::time::parse_rfc3339("2017-06-15T19:20:58Z").unwrap(),
        };
        assert_eq!(
            parts_of(&upload),
            vec![
                file("fileContent", &[0, 1, 0xfe, 0xff]),
                text("fileName", "a \"b\".txt"),
                file("pages", b"one"),
                file("pages", b"two"),
                text("count", "7"),
                text("ratio", "1.5"),
                text("tags", "x"),
                text("tags", "y"),
                text("meta", r#"{"k":[1,null]}"#),
                text("when", "2017-06-15T19:20:58Z"),
            ]
        );
    }

    #[test]
    fn lists_inside_lists_and_objects_in_lists_are_json_text() {
        let fields = ::serde_json::json!({ "a": [[1, 2], { "b": true }, null, "c"] });
        assert_eq!(
            parts_of(&fields),
            vec![
                text("a", "[1,2]"),
                text("a", r#"{"b":true}"#),
                text("a", "c")
            ]
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_of_fields_is_an_error() {
        let error = multipart_body(&vec![1, 2]).unwrap_err();
        assert!(error.to_string().contains("object of fields"), "{error}");
        assert!(multipart_body(&"text").is_err());
    }

    #[test]
    fn the_body_is_rfc_7578() {
        let (content_type, body) = encode(
            &[text("name", "va\"lue"), file("fi\"le", &[0, 0xff])],
            "seed",
        );
        assert_eq!(
            content_type,
            "multipart/form-data; boundary=----arm-form-seed-0"
        );
        let mut expected = b"------arm-form-seed-0\r\n\
            Content-Disposition: form-data; name=\"name\"\r\n\r\nva\"lue\r\n\
            ------arm-form-seed-0\r\n\
            Content-Disposition: form-data; name=\"fi%22le\"; filename=\"fi%22le\"\r\n\
            Content-Type: application/octet-stream\r\n\r\n"
            .to_vec();
        expected.extend_from_slice(&[0, 0xff]);
        expected.extend_from_slice(b"\r\n------arm-form-seed-0--\r\n");
        assert_eq!(body.to_vec(), expected);
    }

    #[test]
    fn the_boundary_occurs_in_no_part() {
        let parts = [
            file("a", b"x------arm-form-seed-0y"),
            text("b", "------arm-form-seed-1"),
        ];
        let (content_type, body) = encode(&parts, "seed");
        assert!(content_type.ends_with("boundary=----arm-form-seed-2"), "{content_type}");
        assert!(body.starts_with(b"------arm-form-seed-2\r\n"));
    }

    #[test]
    fn boundaries_are_random() {
        let (a, _) = multipart_body(&::serde_json::json!({ "a": "b" })).unwrap();
        let (b, _) = multipart_body(&::serde_json::json!({ "a": "b" })).unwrap();
        assert_ne!(a, b);
        assert!(a.len() - "multipart/form-data; boundary=".len() <= 70, "{a}");
    }
}
