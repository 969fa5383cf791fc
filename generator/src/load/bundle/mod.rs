//! `$ref` resolution across files and bundling into one document whose refs are all local.
//!
//! Each file is read, parsed and converted once (cached by its normalised path). The root
//! document is walked in document order, knowing at each place what kind of object is expected
//! there (schema, parameter, response, ...), so a `$ref` found there becomes a ref to the right
//! `components` map. The rules:
//! - A ref to a root component stays a ref to it, by its name.
//! - A ref into another file brings the target in as a component of the kind the ref site
//!   expects. Its name is the one it has in its own file (`types.json#/definitions/ErrorResponse`
//!   is `ErrorResponse`); a bare-schema file (a `$ref` to the whole file) is named after the
//!   file's stem. The same target reached by any path is one component.
//! - Names collide only between different targets. The root's own components keep their names;
//!   others take theirs in order of first reference (the root walked in document order: paths,
//!   then components, each target's content walked after everything found before it), and a later
//!   different target with a taken name gets `2`, `3`, ... appended by `names::unique`, the one
//!   collision rule of the generator (so `Error2` lowers to the Rust name `Error2`).
//! - A ref to a place that is not a whole component (`#/definitions/A/properties/b`) is hoisted:
//!   the target becomes a component of its own, named from its container and the path to it
//!   (`A_b`: the container's name, then the pointer's segments without `properties`, joined
//!   by `_`), and the place it was taken from becomes a ref to it, so it is one type, not two.
//! - A path item `$ref` is inlined (OpenAPI 3.0 has no path item components).
//! - A chain of refs that comes back to itself without reaching a value is a `RefCycle`;
//!   recursive types (a schema that contains a ref to itself) are fine, since a ref is replaced by
//!   a name before its target is walked.
//! - Extensions (`x-*`) are carried as written; `$ref`s inside them (`x-ms-examples`) are not
//!   bundled. `x-ms-examples` files are read into `LoadedSpec::examples`.
//! - Output refs are `#/components/<kind>/<name>`, the name escaped as a JSON pointer segment
//!   (`~0`, `~1`) and not percent-encoded.
//!
//! The parts of the loader:
//! - this module: the loader's state, `load` and the order of its steps, and the bundled value
//!   checked and read as `openapiv3::OpenAPI`;
//! - `files`: reading each file once (spec files, converted when they are Swagger 2.0, and
//!   `x-ms-examples` files), confined to the root folder;
//! - `resolve`: what a `$ref` names (a file and a pointer into its converted form), and the
//!   checks that following it reaches a value;
//! - `walk`: the walk of the document that knows what kind of object each place holds and
//!   replaces each `$ref` by a local one (or, for a path item, by its content);
//! - `components`: the components that `$ref`s bring in: their names, their content and where
//!   it came from, and the hoisted pieces replaced by refs.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::Value;

use super::root::Root;
use super::source::{check_regular_file, normalize_path, Declared};
use super::swagger2::Converted;
use super::{ExampleFile, LoadedSpec, SourceVersion};
use crate::error::{escape_pointer_segment as esc, Error, ErrorKind, Location, Result};

mod components;
mod files;
mod resolve;
mod walk;

/// A file as read: its path as the loader reached it, its content and what it declares.
struct RawFile {
    display: PathBuf,
    value: Value,
    declared: Declared,
}

/// A file converted to OpenAPI 3.0 shape.
struct ConvertedFile {
    display: PathBuf,
    doc: Converted,
}

/// Where a `$ref` points: a file (by its normalised key) and a pointer into its converted form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Target {
    key: PathBuf,
    pointer: String,
}

/// What kind of object a place in the document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Link,
    Callback,
    SecurityScheme,
    PathItem,
}

impl Ctx {
    /// The `components` map that holds this kind.
    fn kind(self) -> &'static str {
        match self {
            Ctx::Schema => "schemas",
            Ctx::Parameter => "parameters",
            Ctx::RequestBody => "requestBodies",
            Ctx::Response => "responses",
            Ctx::Header => "headers",
            Ctx::Example => "examples",
            Ctx::Link => "links",
            Ctx::Callback => "callbacks",
            Ctx::SecurityScheme => "securitySchemes",
            Ctx::PathItem => "pathItems",
        }
    }

    fn of_kind(kind: &str) -> Option<Ctx> {
        Some(match kind {
            "schemas" => Ctx::Schema,
            "parameters" => Ctx::Parameter,
            "requestBodies" => Ctx::RequestBody,
            "responses" => Ctx::Response,
            "headers" => Ctx::Header,
            "examples" => Ctx::Example,
            "links" => Ctx::Link,
            "callbacks" => Ctx::Callback,
            "securitySchemes" => Ctx::SecurityScheme,
            _ => return None,
        })
    }
}

/// The component kinds, in the order they are written.
const KINDS: [&str; 9] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];

/// A target brought in as a component, waiting for its content to be walked.
struct Pending {
    target: Target,
    ctx: Ctx,
    kind: &'static str,
    name: String,
}

/// The loader: file cache, conversion cache and the bundle being built.
pub(crate) struct Loader {
    root_key: PathBuf,
    raw: BTreeMap<PathBuf, Rc<RawFile>>,
    converted: BTreeMap<PathBuf, Rc<ConvertedFile>>,
    /// Every spec file read, in order of first read.
    files: Vec<PathBuf>,
    /// The model of the root; fragments take it.
    flavor: Declared,
    /// Target → the component it became.
    names: BTreeMap<Target, (&'static str, String)>,
    /// Component names taken, per kind.
    taken: BTreeMap<&'static str, BTreeSet<String>>,
    queue: VecDeque<Pending>,
    /// Targets that were not whole components, in order of first reference.
    hoisted: Vec<Target>,
    /// Components brought in from outside the root's components, in order of first reference.
    extra: Vec<(&'static str, String, Value)>,
    /// Targets whose ref chains have been checked.
    checked: BTreeSet<Target>,
    /// Path item refs being inlined (a ref loop through path items would not end).
    inlining: Vec<Target>,
    origins: BTreeMap<String, Location>,
    examples: BTreeMap<PathBuf, ExampleFile>,
    /// The folder references are confined to.
    confine: Root,
    /// Each file read through a `$ref` (by key) → that `$ref`'s place (the first that led there).
    reached: BTreeMap<PathBuf, Location>,
}

/// Loads, converts and bundles the spec at `path`, its references confined to `root` (by
/// default, see `root::default_root`). An error in a referenced file names the `$ref`s that led
/// there.
pub(crate) fn load(path: &Path, root: Option<&Path>) -> Result<LoadedSpec> {
    check_regular_file(path, &Location::file(path))?;
    let confine = Root::new(path, root)?;
    let root_key = normalize_path(path);
    let mut loader = Loader {
        confine,
        reached: BTreeMap::new(),
        root_key: root_key.clone(),
        raw: BTreeMap::new(),
        converted: BTreeMap::new(),
        files: Vec::new(),
        flavor: Declared::Fragment,
        names: BTreeMap::new(),
        taken: BTreeMap::new(),
        queue: VecDeque::new(),
        hoisted: Vec::new(),
        extra: Vec::new(),
        checked: BTreeSet::new(),
        inlining: Vec::new(),
        origins: BTreeMap::new(),
        examples: BTreeMap::new(),
    };
    match loader.bundle(path) {
        Ok(spec) => Ok(spec),
        Err(error) => Err(with_via(error, &loader.reached)),
    }
}

/// `error` with the `$ref`s that led to its file (`Error::via`), from `reached` (file → the
/// `$ref` that first led to it, keyed by normalised path).
pub(crate) fn with_via(mut error: Error, reached: &BTreeMap<PathBuf, Location>) -> Error {
    let mut via = Vec::new();
    let mut file = normalize_path(&error.location.file);
    // Each file was reached from one read before it, so the chain ends at the spec; the bound
    // only guards against a map that says otherwise.
    while let Some(site) = reached.get(&file) {
        if via.len() > reached.len() {
            break;
        }
        via.push(site.clone());
        file = normalize_path(&site.file);
    }
    via.reverse();
    error.via = via;
    error
}

impl Loader {
    /// Everything `load` does once the loader is set up.
    fn bundle(&mut self, path: &Path) -> Result<LoadedSpec> {
        let root_key = self.root_key.clone();
        let raw = self.raw_file(&root_key, path, None)?;
        let source_version = match raw.declared {
            Declared::Swagger2 => SourceVersion::Swagger2,
            Declared::OpenApi3 => SourceVersion::OpenApi3,
            Declared::Fragment => {
                return Err(Error::new(
                    ErrorKind::UnsupportedVersion,
                    Location::file(path),
                    "no `swagger` or `openapi` version; expected `swagger: \"2.0\"` or `openapi: 3.0.x`",
                ))
            }
        };
        self.flavor = raw.declared;
        let root = self.converted_file(&root_key, path, None)?;
        let mut document = root.doc.value.clone();
        if let Some(openapi) = document.get_mut("openapi") {
            // YAML reads an unquoted `3.0` as a number; openapiv3 wants text.
            if let Value::Number(n) = openapi {
                *openapi = Value::String(n.to_string());
            }
        }
        for (converted, source) in &root.doc.origins {
            self.origins.insert(converted.clone(), Location::new(path, source.clone()));
        }

        // The root's components keep their names; reserve them before anything else is named.
        if let Some(Value::Object(components)) = document.get("components") {
            for kind in KINDS {
                if let Some(Value::Object(items)) = components.get(kind) {
                    for name in items.keys() {
                        let pointer = format!("/components/{kind}/{}", esc(name));
                        let target = Target { key: root_key.clone(), pointer };
                        self.names.insert(target, (kind, name.clone()));
                        self.taken.entry(kind).or_default().insert(name.clone());
                    }
                }
            }
        }

        self.walk_document(&mut document)?;
        while let Some(pending) = self.queue.pop_front() {
            self.bring_in(pending)?;
        }
        self.assemble(&mut document)?;
        self.replace_hoisted(&mut document);

        let document = deserialize(document, self, path)?;
        Ok(LoadedSpec {
            root: path.to_path_buf(),
            source_version,
            document,
            origins: std::mem::take(&mut self.origins),
            files: std::mem::take(&mut self.files),
            examples: std::mem::take(&mut self.examples),
            reached: self.reached.clone(),
        })
    }
}

/// The bundled value as `openapiv3::OpenAPI`. Its shape is checked first, object by object
/// (`shape::check`: linear, and an error names the deepest place), so openapiv3 only reads a
/// document that fits; a shape error is traced back to the file it came from.
fn deserialize(document: Value, loader: &Loader, root: &Path) -> Result<openapiv3::OpenAPI> {
    let shape_error = |pointer: &str, message: &str| {
        let location = super::locate(&loader.origins, root, pointer);
        Error::new(ErrorKind::Invalid, location, format!("the document does not have the OpenAPI 3.0 shape here: {message}"))
    };
    if let Some((pointer, message)) = super::shape::check(&document) {
        return Err(shape_error(&pointer, &message));
    }
    // openapiv3's `ReferenceOr` deserializer has an `expect` on a path its authors believe
    // unreachable; a spec must never panic the generator, so a panic there is an `Invalid` error.
    let result = std::panic::catch_unwind(|| serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&document))
        .map_err(|_| {
            Error::invalid(Location::file(root), "a document openapiv3 can read (it panicked reading this one)")
        })?;
    result.map_err(|e| shape_error(&super::shape::pointer_of(e.path()), &e.inner().to_string()))
}
