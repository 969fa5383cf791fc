//! Stage 1: bytes on disk to one OpenAPI 3.0 document (`openapiv3::OpenAPI`).
//!
//! JSON or YAML (detected from the content), Swagger 2.0 converted in-process, OpenAPI 3.0.x read
//! as is, anything else refused. `$ref`s across files are resolved and the document is bundled:
//! every `$ref` in `LoadedSpec::document` is local (`#/components/...`), and `origins` says where
//! each bundled piece was read from, so later stages can report `file#pointer`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Location, Result};

mod bundle;
mod source;
mod swagger2;

pub use source::normalize_path;

/// The document model the spec was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SourceVersion {
    /// `swagger: "2.0"`, converted.
    Swagger2,
    /// `openapi: 3.0.x`.
    OpenApi3,
}

/// An example file named by `x-ms-examples`, as found on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleFile {
    /// It exists and is well-formed JSON/YAML.
    Found(serde_json::Value),
    /// It does not exist.
    Missing,
    /// It exists but could not be parsed: why.
    Invalid(String),
}

/// A spec loaded, converted and bundled.
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The root file, as given.
    pub root: PathBuf,
    /// What the root was written in.
    pub source_version: SourceVersion,
    /// The bundled OpenAPI 3.0 document: all `$ref`s local.
    pub document: openapiv3::OpenAPI,
    /// Where each piece of `document` came from: a JSON pointer into `document`
    /// (`/components/schemas/ErrorResponse`, `/paths/~1subscriptions~1...`) → the file and pointer
    /// it was read from (`types.json#/definitions/ErrorResponse`). `locate` uses it.
    pub origins: BTreeMap<String, Location>,
    /// Every spec file read (the root first, then others in order of first reference), for
    /// `xtask import`.
    pub files: Vec<PathBuf>,
    /// Every example file named by an `x-ms-examples` `$ref`, keyed by the resolved path (the
    /// referring file's folder joined with the `$ref`, normalised without touching the disk).
    pub examples: BTreeMap<PathBuf, ExampleFile>,
}

impl LoadedSpec {
    /// The example file an `x-ms-examples` `$ref` of the operation at `operation_pointer`
    /// (`/paths/~1jobs/get`) names: resolved against the file the operation was read from.
    pub fn example(&self, operation_pointer: &str, reference: &str) -> (PathBuf, Option<&ExampleFile>) {
        let file = self.locate(operation_pointer).file;
        let path = example_path(&file, reference);
        let found = self.examples.get(&path);
        (path, found)
    }

    /// Where the piece of `document` at `pointer` was read from: the longest prefix of `pointer`
    /// found in `origins`, with the rest appended (the root file when none matches).
    pub fn locate(&self, pointer: &str) -> Location {
        let mut prefix = pointer;
        loop {
            if let Some(origin) = self.origins.get(prefix) {
                let rest = &pointer[prefix.len()..];
                return Location::new(origin.file.clone(), format!("{}{}", origin.pointer, rest));
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => return Location::new(self.root.clone(), pointer),
            }
        }
    }
}

/// Loads the spec at `path` and everything it references: read, converted to OpenAPI 3.0 when it
/// is Swagger 2.0, and bundled into one document whose `$ref`s are all local. See the `bundle`
/// module for how components from other files are named.
pub fn load_spec(path: &Path) -> Result<LoadedSpec> {
    bundle::load(path)
}

/// The path of an example file named by an `x-ms-examples` `$ref` (`./examples/x.json`) written
/// in `spec_file`: the spec file's folder joined with it, normalised without touching the disk.
/// This is the key of `LoadedSpec::examples`.
pub fn example_path(spec_file: &Path, reference: &str) -> PathBuf {
    let file_part = reference.split('#').next().unwrap_or("");
    normalize_path(&spec_file.parent().unwrap_or(Path::new("")).join(file_part))
}

/// The kind and name of a bundled local ref (`#/components/schemas/Foo~1Bar` → `("schemas",
/// "Foo/Bar")`); `None` for anything else.
pub fn local_ref(reference: &str) -> Option<(&str, String)> {
    let rest = reference.strip_prefix("#/components/")?;
    let (kind, name) = rest.split_once('/')?;
    if name.contains('/') {
        return None;
    }
    Some((kind, crate::error::unescape_pointer_segment(name)))
}
