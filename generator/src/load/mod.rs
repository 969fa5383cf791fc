//! Stage 1: bytes on disk to one OpenAPI 3.0 document (`openapiv3::OpenAPI`).
//!
//! JSON or YAML (detected from the content), Swagger 2.0 converted in-process, OpenAPI 3.0.x read
//! as is, anything else refused. `$ref`s across files are resolved and the document is bundled:
//! every `$ref` in `LoadedSpec::document` is local (`#/components/...`), and `origins` says where
//! each bundled piece was read from, so later stages can report `file#pointer`.
//!
//! What later stages can rely on:
//! - Refs are `#/components/<kind>/<name>`, the name escaped as a JSON pointer segment (`~0`,
//!   `~1`), never percent-encoded; [`local_ref`] splits one.
//! - A component from another file keeps its own name (common-types `ErrorResponse` is
//!   `ErrorResponse`); the same target reached by any path is one component. The root's own
//!   components keep their names; a different target whose name is taken gets `2`, `3`, ... in
//!   order of first reference (the root walked in document order, paths before components).
//! - A ref to the inside of a definition (`#/definitions/A/properties/b`) is hoisted into a
//!   component named from its container and path (`A_b`), and the place it came from refers to it.
//!   A ref to a whole file of one bare schema names the component after the file's stem.
//! - From Swagger 2.0: a schema `$ref` with siblings becomes `allOf: [{$ref}]` plus the siblings;
//!   a body parameter becomes `requestBody` with its name in `x-ms-requestBody-name`; `x-nullable`
//!   also sets `nullable`; `collectionFormat` is kept in `x-ms-collection-format`. The `swagger2`
//!   module lists every rule.
//! - Extensions are carried as written, except `x-ms-parameterized-host` parameters (converted
//!   and bundled like any parameter). `x-ms-examples` refs are not bundled; their files are read
//!   into [`LoadedSpec::examples`] ([`LoadedSpec::example`] finds one).
//! - Every file read is inside one root folder (the `root` module states the rule): a `$ref`
//!   that climbs out of it, is absolute, is a symbolic link to elsewhere or is a URL is a
//!   `RefOutsideRoot` error at the `$ref`.
//! - An error in a file the spec references names the `$ref`s that led there (`Error::via`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

mod bundle;
mod root;
mod shape;
mod source;
mod swagger2;

pub use root::default_root;
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
    /// Each file read through a `$ref` (normalised path) → the `$ref` that first led to it, so
    /// an error found later in that file can say how it was reached (`LoadedSpec::with_via`).
    pub reached: BTreeMap<PathBuf, Location>,
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

    /// `error` with the `$ref`s that led to the file it is in (`Error::via`); unchanged when it
    /// is in the spec itself.
    pub fn with_via(&self, error: Error) -> Error {
        bundle::with_via(error, &self.reached)
    }

    /// Where the piece of `document` at `pointer` was read from: the longest prefix of `pointer`
    /// found in `origins`, with the rest appended (the root file when none matches).
    pub fn locate(&self, pointer: &str) -> Location {
        locate(&self.origins, &self.root, pointer)
    }
}

/// `LoadedSpec::locate` on its parts (the loader needs it before there is a `LoadedSpec`).
fn locate(origins: &BTreeMap<String, Location>, root: &Path, pointer: &str) -> Location {
    match by_longest_prefix(origins, pointer) {
        Some((origin, rest)) => Location::new(origin.file.clone(), format!("{}{rest}", origin.pointer)),
        None => Location::new(root, pointer),
    }
}

/// The entry of `map` whose key is the longest prefix of `pointer` on segment boundaries
/// (`pointer` itself, then without its last segment, ...), and the rest of `pointer` after it.
fn by_longest_prefix<'m, 'p, V>(map: &'m BTreeMap<String, V>, pointer: &'p str) -> Option<(&'m V, &'p str)> {
    let mut prefix = pointer;
    loop {
        if let Some(value) = map.get(prefix) {
            return Some((value, &pointer[prefix.len()..]));
        }
        prefix = &prefix[..prefix.rfind('/')?];
    }
}

/// Loads the spec at `path` and everything it references: read, converted to OpenAPI 3.0 when it
/// is Swagger 2.0, and bundled into one document whose `$ref`s are all local. See the `bundle`
/// module for how components from other files are named. References are confined to the
/// default root folder ([`default_root`]).
pub fn load_spec(path: &Path) -> Result<LoadedSpec> {
    bundle::load(path, None)
}

/// Reads one file as the loader does (JSON or YAML, told apart by the content) into JSON, without
/// converting or following anything: for tools that check a `file#pointer` against the file.
pub fn read_document(path: &Path) -> Result<serde_json::Value> {
    source::read_value(path)
}

/// [`load_spec`], with references confined to `root` (which must hold the spec) rather than
/// the default root; `None` is the default.
pub fn load_spec_within(path: &Path, root: Option<&Path>) -> Result<LoadedSpec> {
    bundle::load(path, root)
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
