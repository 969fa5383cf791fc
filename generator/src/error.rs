//! The one error type of the generator: every failure names the file and the JSON pointer
//! where the spec went wrong, and says what was expected there.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a spec: a file and a JSON pointer into it (RFC 6901, `""` for the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// The file, as the loader reached it (the root spec's path as given, others joined to it).
    pub file: PathBuf,
    /// A JSON pointer into that file, e.g. `/definitions/JobResponse/properties/status`.
    pub pointer: String,
}

impl Location {
    /// A location in `file` at `pointer`.
    pub fn new(file: impl Into<PathBuf>, pointer: impl Into<String>) -> Self {
        Self { file: file.into(), pointer: pointer.into() }
    }

    /// The whole of `file`.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self::new(file, "")
    }

    /// This location extended by one pointer segment, escaped as RFC 6901 requires.
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        Self::new(self.file.clone(), format!("{}/{}", self.pointer, escape_pointer_segment(&segment.to_string())))
    }

    /// The file this location is in.
    pub fn path(&self) -> &Path {
        &self.file
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file.display(), self.pointer)
    }
}

/// Escapes one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one JSON pointer segment (`~1` → `/`, `~0` → `~`, in that order).
pub fn unescape_pointer_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// What went wrong, without the where; tests match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not well-formed JSON or YAML.
    Malformed,
    /// The document is neither Swagger 2.0 nor OpenAPI 3.0.x.
    UnsupportedVersion,
    /// A `$ref` names a file that does not exist.
    RefMissingFile,
    /// A `$ref` names a JSON pointer that does not exist in its file.
    RefMissingPointer,
    /// A `$ref` leads outside the root folder references are confined to: `..` climbing out of
    /// it, an absolute path, a symbolic link to elsewhere, or a URL (remote references are not
    /// fetched).
    RefOutsideRoot,
    /// Following `$ref`s comes back to where it started without reaching a value.
    RefCycle,
    /// An operation has no `operationId`.
    MissingOperationId,
    /// Two operations share an `operationId`.
    DuplicateOperationId,
    /// A parameter has no `in`.
    ParameterWithoutIn,
    /// A path parameter does not appear in the path template (or a template variable has no parameter).
    PathParameterNotInTemplate,
    /// The document has the wrong shape at this place (a value of the wrong type, a missing field).
    Invalid,
    /// A construct the generator does not support, and cannot skip without losing meaning.
    Unsupported,
}

/// A generator error: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{location}: {message}{}", reached_through(.via))]
pub struct Error {
    /// What kind of error this is.
    pub kind: ErrorKind,
    /// Where in which file.
    pub location: Location,
    /// What was found and what was expected, as a sentence fragment for people.
    pub message: String,
    /// When `location` is in a file the spec references: the `$ref`s that led there, the one in
    /// the spec first (`root.json#/definitions/A/properties/b`, then the `$ref` in the file that
    /// one read, ...). Empty for an error in the spec itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<Location>,
}

/// ` (reached through the `$ref` at a, then the `$ref` at b)`, or nothing when `via` is empty.
fn reached_through(via: &[Location]) -> String {
    let Some((first, rest)) = via.split_first() else { return String::new() };
    let mut text = format!(" (reached through the `$ref` at {first}");
    for next in rest {
        text.push_str(&format!(", then the `$ref` at {next}"));
    }
    text.push(')');
    text
}

impl Error {
    /// An error of `kind` at `location`.
    pub fn new(kind: ErrorKind, location: Location, message: impl Into<String>) -> Self {
        Self { kind, location, message: message.into(), via: Vec::new() }
    }

    /// A wrong-shape error: `expected` says what should have been there (the message reads
    /// `expected <expected>`).
    pub fn invalid(location: Location, expected: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, location, format!("expected {}", expected.into()))
    }

    /// An unsupported construct, named.
    pub fn unsupported(location: Location, construct: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, location, format!("unsupported: {}", construct.into()))
    }
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
