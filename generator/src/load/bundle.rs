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

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::root::Root;
use super::source::{check_regular_file, declared_version, normalize_path, read_value, Declared};
use super::swagger2::{convert_document, Converted, ParameterResolver};
use super::{ExampleFile, LoadedSpec, SourceVersion};
use crate::error::{escape_pointer_segment as esc, unescape_pointer_segment, Error, ErrorKind, Location, Result};

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

/// How deep path items may be inlined inside each other (through callbacks' `$ref`s).
const MAX_INLINED_PATH_ITEMS: usize = 32;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

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

impl ParameterResolver for Loader {
    fn resolve_parameter(&mut self, site: &Location, reference: &str) -> Result<(Location, Value)> {
        let mut site = site.clone();
        let mut reference = reference.to_string();
        let mut seen = BTreeSet::new();
        loop {
            let (key, display, pointer) = self.parse_ref(&site, &reference)?;
            let raw = self.raw_file(&key, &display, Some(&site))?;
            let value = raw
                .value
                .pointer(&pointer)
                .cloned()
                .ok_or_else(|| missing_pointer(&site, &reference, &display, &pointer))?;
            if pointer.is_empty() && raw.declared != Declared::Fragment {
                return Err(whole_document(&site, &reference, &display));
            }
            let location = Location::new(display.clone(), pointer.clone());
            if !seen.insert((key.clone(), pointer.clone())) {
                return Err(cycle(&site, &reference));
            }
            match value.get("$ref").and_then(Value::as_str) {
                Some(next) => {
                    reference = next.to_string();
                    site = location;
                }
                None => return Ok((location, value)),
            }
        }
    }
}

fn missing_pointer(site: &Location, reference: &str, display: &Path, pointer: &str) -> Error {
    Error::new(
        ErrorKind::RefMissingPointer,
        site.clone(),
        format!("`$ref: {reference}` names `{pointer}` in {}, which does not exist there", display.display()),
    )
}

/// A `$ref` to the whole of a spec document (`#`, or `other.json` that declares `swagger` or
/// `openapi`): a bare schema file can be named whole, a document cannot stand for one of its parts.
fn whole_document(site: &Location, reference: &str, display: &Path) -> Error {
    Error::invalid(
        site.clone(),
        format!("a `$ref` to a part of a document; `$ref: {reference}` names the whole spec {}", display.display()),
    )
}

fn cycle(site: &Location, reference: &str) -> Error {
    Error::new(
        ErrorKind::RefCycle,
        site.clone(),
        format!("`$ref: {reference}` starts a chain of refs that comes back to itself without reaching a value"),
    )
}

impl Loader {
    /// Reads (once) the file `key`, reached as `display`. `site` is the `$ref` that named it.
    fn raw_file(&mut self, key: &Path, display: &Path, site: Option<&Location>) -> Result<Rc<RawFile>> {
        if let Some(raw) = self.raw.get(key) {
            return Ok(raw.clone());
        }
        if let Some(site) = site {
            self.confine.check_target(site, display)?;
            if !display.exists() {
                return Err(Error::new(
                    ErrorKind::RefMissingFile,
                    site.clone(),
                    format!("`$ref` names the file {}, which does not exist", display.display()),
                ));
            }
            check_regular_file(display, site)?;
            self.reached.insert(key.to_path_buf(), site.clone());
        }
        let value = read_value(display)?;
        let declared = declared_version(&value, display)?;
        let raw = Rc::new(RawFile { display: display.to_path_buf(), value, declared });
        self.raw.insert(key.to_path_buf(), raw.clone());
        self.files.push(display.to_path_buf());
        Ok(raw)
    }

    /// Reads and converts (once) the file `key`.
    fn converted_file(&mut self, key: &Path, display: &Path, site: Option<&Location>) -> Result<Rc<ConvertedFile>> {
        if let Some(file) = self.converted.get(key) {
            return Ok(file.clone());
        }
        let raw = self.raw_file(key, display, site)?;
        let flavor = match raw.declared {
            Declared::Fragment => self.flavor,
            declared => declared,
        };
        let doc = match flavor {
            Declared::Swagger2 => convert_document(&raw.value, &raw.display, self)?,
            _ => Converted::identity(raw.value.clone()),
        };
        let file = Rc::new(ConvertedFile { display: raw.display.clone(), doc });
        self.converted.insert(key.to_path_buf(), file.clone());
        Ok(file)
    }

    /// Splits `reference`, written at `site`, into the target file (key and display path) and the
    /// JSON pointer (percent-decoded; `~0`/`~1` still escaped, as `Value::pointer` wants).
    fn parse_ref(&self, site: &Location, reference: &str) -> Result<(PathBuf, PathBuf, String)> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, p)) => (f, p),
            None => (reference, ""),
        };
        self.confine.check_reference(site, reference, file_part)?;
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8().map(|c| c.into_owned());
        let pointer = decode(fragment).map_err(|_| {
            Error::invalid(
                site.clone(),
                format!("a `$ref` pointer that is UTF-8 once percent-decoded, found `{reference}`"),
            )
        })?;
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(Error::invalid(
                site.clone(),
                format!("a `$ref` whose fragment is a JSON pointer (`#/...`), found `{reference}`"),
            ));
        }
        if file_part.is_empty() {
            let key = normalize_path(&site.file);
            return Ok((key, site.file.clone(), pointer));
        }
        let file = decode(file_part).map_err(|_| {
            Error::invalid(
                site.clone(),
                format!("a `$ref` file path that is UTF-8 once percent-decoded, found `{reference}`"),
            )
        })?;
        self.confine.check_reference(site, reference, &file)?;
        let base = site.file.parent().unwrap_or(Path::new(""));
        let display = normalize_path(&base.join(file));
        let key = normalize_path(&display);
        Ok((key, display, pointer))
    }

    /// The file's display path and a source location for its converted `pointer`.
    fn site(&self, key: &Path, pointer: &str) -> Location {
        match self.converted.get(key) {
            Some(file) => Location::new(file.display.clone(), file.doc.source_pointer(pointer)),
            None => Location::new(key, pointer),
        }
    }

    /// Resolves `reference`, written in `key` at its converted `pointer`, to a target that exists,
    /// and checks that following it reaches a value.
    fn resolve(&mut self, key: &Path, pointer: &str, reference: &str) -> Result<Target> {
        let site = self.site(key, pointer);
        let target = self.resolve_once(&site, reference)?;
        if self.checked.contains(&target) {
            return Ok(target);
        }
        let mut chain = vec![target.clone()];
        let mut current = target.clone();
        loop {
            let file = self.converted.get(&current.key).cloned();
            let next = file
                .as_ref()
                .and_then(|f| f.doc.value.pointer(&current.pointer))
                .and_then(|v| v.get("$ref"))
                .and_then(Value::as_str);
            let Some(next) = next.map(str::to_string) else { break };
            let next_site = self.site(&current.key, &current.pointer);
            let next_target = self.resolve_once(&next_site, &next)?;
            if chain.contains(&next_target) {
                return Err(cycle(&site, reference));
            }
            if self.checked.contains(&next_target) {
                break;
            }
            chain.push(next_target.clone());
            current = next_target;
        }
        self.checked.extend(chain);
        Ok(target)
    }

    fn resolve_once(&mut self, site: &Location, reference: &str) -> Result<Target> {
        let (key, display, pointer) = self.parse_ref(site, reference)?;
        let file = self.converted_file(&key, &display, Some(site))?;
        let converted = file.doc.converted_pointer(&pointer);
        if file.doc.value.pointer(&converted).is_none() {
            return Err(missing_pointer(site, reference, &display, &pointer));
        }
        if converted.is_empty() && self.raw.get(&key).is_some_and(|raw| raw.declared != Declared::Fragment) {
            return Err(whole_document(site, reference, &display));
        }
        Ok(Target { key, pointer: converted })
    }

    fn walk_document(&mut self, document: &mut Value) -> Result<()> {
        let root = self.root_key.clone();
        if let Some(Value::Object(paths)) = document.get_mut("paths") {
            for (path, item) in paths.iter_mut() {
                if path.starts_with("x-") {
                    continue;
                }
                let pointer = format!("/paths/{}", esc(path));
                self.walk(item, Ctx::PathItem, &root, &pointer)?;
            }
        }
        // The host template's parameters are parameters, though they live in an extension.
        let host_params = document.get_mut("x-ms-parameterized-host").and_then(|h| h.get_mut("parameters"));
        if let Some(Value::Array(params)) = host_params {
            for (i, p) in params.iter_mut().enumerate() {
                self.walk(p, Ctx::Parameter, &root, &format!("/x-ms-parameterized-host/parameters/{i}"))?;
            }
        }
        if let Some(Value::Object(components)) = document.get_mut("components") {
            for (kind, items) in components.iter_mut() {
                let (Some(ctx), Value::Object(items)) = (Ctx::of_kind(kind), items) else { continue };
                for (name, item) in items.iter_mut() {
                    let pointer = format!("/components/{kind}/{}", esc(name));
                    self.walk(item, ctx, &root, &pointer)?;
                }
            }
        }
        Ok(())
    }

    /// Walks `value`, of kind `ctx`, found in file `key` at converted `pointer`, replacing every
    /// `$ref` by a local one.
    fn walk(&mut self, value: &mut Value, ctx: Ctx, key: &Path, pointer: &str) -> Result<()> {
        if self.reference(value, ctx, key, pointer)? {
            return Ok(());
        }
        let Value::Object(object) = value else { return Ok(()) };
        match ctx {
            Ctx::Schema => {
                for (k, v) in object.iter_mut() {
                    let at = format!("{pointer}/{}", esc(k));
                    match (k.as_str(), v) {
                        ("properties" | "patternProperties", Value::Object(props)) => {
                            for (name, p) in props.iter_mut() {
                                self.walk(p, Ctx::Schema, key, &format!("{at}/{}", esc(name)))?;
                            }
                        }
                        ("items" | "not" | "additionalProperties", v @ Value::Object(_)) => {
                            self.walk(v, Ctx::Schema, key, &at)?
                        }
                        ("allOf" | "oneOf" | "anyOf", Value::Array(items)) => {
                            for (i, item) in items.iter_mut().enumerate() {
                                self.walk(item, Ctx::Schema, key, &format!("{at}/{i}"))?;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Ctx::Parameter | Ctx::Header => {
                if ctx == Ctx::Parameter && !object.contains_key("in") {
                    let name =
                        object.get("name").and_then(Value::as_str).map(|n| format!(" `{n}`")).unwrap_or_default();
                    return Err(Error::new(
                        ErrorKind::ParameterWithoutIn,
                        self.site(key, pointer),
                        format!("parameter{name} has no `in`; expected one of path, query, header, cookie"),
                    ));
                }
                if let Some(schema) = object.get_mut("schema") {
                    self.walk(schema, Ctx::Schema, key, &format!("{pointer}/schema"))?;
                }
                self.walk_map(object, "content", key, pointer, Self::walk_media)?;
                self.walk_each(object, "examples", Ctx::Example, key, pointer)?;
            }
            Ctx::RequestBody => self.walk_map(object, "content", key, pointer, Self::walk_media)?,
            Ctx::Response => {
                self.walk_each(object, "headers", Ctx::Header, key, pointer)?;
                self.walk_map(object, "content", key, pointer, Self::walk_media)?;
                self.walk_each(object, "links", Ctx::Link, key, pointer)?;
            }
            Ctx::PathItem => {
                if let Some(Value::Array(params)) = object.get_mut("parameters") {
                    for (i, p) in params.iter_mut().enumerate() {
                        self.walk(p, Ctx::Parameter, key, &format!("{pointer}/parameters/{i}"))?;
                    }
                }
                for method in METHODS {
                    if let Some(Value::Object(op)) = object.get_mut(method) {
                        self.walk_operation(op, key, &format!("{pointer}/{method}"))?;
                    }
                }
            }
            Ctx::Callback => {
                for (expression, item) in object.iter_mut() {
                    if !expression.starts_with("x-") {
                        self.walk(item, Ctx::PathItem, key, &format!("{pointer}/{}", esc(expression)))?;
                    }
                }
            }
            Ctx::Example | Ctx::Link | Ctx::SecurityScheme => {}
        }
        Ok(())
    }

    /// Walks each value of the map `object[field]` as `ctx`.
    fn walk_each(
        &mut self,
        object: &mut Map<String, Value>,
        field: &str,
        ctx: Ctx,
        key: &Path,
        pointer: &str,
    ) -> Result<()> {
        if let Some(Value::Object(items)) = object.get_mut(field) {
            for (name, item) in items.iter_mut() {
                self.walk(item, ctx, key, &format!("{pointer}/{field}/{}", esc(name)))?;
            }
        }
        Ok(())
    }

    /// Calls `f` on each object value of the map `object[field]`.
    fn walk_map(
        &mut self,
        object: &mut Map<String, Value>,
        field: &str,
        key: &Path,
        pointer: &str,
        f: fn(&mut Self, &mut Map<String, Value>, &Path, &str) -> Result<()>,
    ) -> Result<()> {
        if let Some(Value::Object(items)) = object.get_mut(field) {
            for (name, item) in items.iter_mut() {
                if let Value::Object(item) = item {
                    f(self, item, key, &format!("{pointer}/{field}/{}", esc(name)))?;
                }
            }
        }
        Ok(())
    }

    fn walk_media(&mut self, media: &mut Map<String, Value>, key: &Path, pointer: &str) -> Result<()> {
        if let Some(schema) = media.get_mut("schema") {
            self.walk(schema, Ctx::Schema, key, &format!("{pointer}/schema"))?;
        }
        self.walk_each(media, "examples", Ctx::Example, key, pointer)?;
        if let Some(Value::Object(encodings)) = media.get_mut("encoding") {
            for (name, encoding) in encodings.iter_mut() {
                if let Value::Object(encoding) = encoding {
                    self.walk_each(
                        encoding,
                        "headers",
                        Ctx::Header,
                        key,
                        &format!("{pointer}/encoding/{}", esc(name)),
                    )?;
                }
            }
        }
        Ok(())
    }

    fn walk_operation(&mut self, op: &mut Map<String, Value>, key: &Path, pointer: &str) -> Result<()> {
        if let Some(Value::Array(params)) = op.get_mut("parameters") {
            for (i, p) in params.iter_mut().enumerate() {
                self.walk(p, Ctx::Parameter, key, &format!("{pointer}/parameters/{i}"))?;
            }
        }
        if let Some(body) = op.get_mut("requestBody") {
            self.walk(body, Ctx::RequestBody, key, &format!("{pointer}/requestBody"))?;
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for (code, response) in responses.iter_mut() {
                if !code.starts_with("x-") {
                    self.walk(response, Ctx::Response, key, &format!("{pointer}/responses/{}", esc(code)))?;
                }
            }
        }
        self.walk_each(op, "callbacks", Ctx::Callback, key, pointer)?;
        if let Some(Value::Object(examples)) = op.get("x-ms-examples") {
            let references: Vec<(String, String)> = examples
                .iter()
                .filter_map(|(name, e)| Some((name.clone(), e.get("$ref")?.as_str()?.to_string())))
                .collect();
            for (name, reference) in references {
                let site = self.site(key, &format!("{pointer}/x-ms-examples/{}", esc(&name)));
                self.read_example(key, &site, &reference)?;
            }
        }
        Ok(())
    }

    /// Reads the example file `reference` (written at `site`) names, relative to the file `key`;
    /// a missing or unreadable example is recorded, not an error. A reference that leads outside
    /// the root is an error, as any `$ref` is.
    fn read_example(&mut self, key: &Path, site: &Location, reference: &str) -> Result<()> {
        let display = self.converted.get(key).map(|f| f.display.clone()).unwrap_or_else(|| key.to_path_buf());
        let file_part = reference.split('#').next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(file_part).decode_utf8_lossy().into_owned();
        self.confine.check_reference(site, reference, file_part)?;
        self.confine.check_reference(site, reference, &decoded)?;
        let path = super::example_path(&display, &decoded);
        if self.examples.contains_key(&path) {
            return Ok(());
        }
        self.confine.check_target(site, &path)?;
        let example = if !path.exists() {
            ExampleFile::Missing
        } else {
            match read_value(&path) {
                Ok(value) => ExampleFile::Found(value),
                Err(e) => ExampleFile::Invalid(e.to_string()),
            }
        };
        self.examples.insert(path, example);
        Ok(())
    }

    /// When `value` is a `$ref`, replaces it by a local ref (bringing its target in as a
    /// component) or, for a path item, by the target's content. True when it was a `$ref`.
    fn reference(&mut self, value: &mut Value, ctx: Ctx, key: &Path, pointer: &str) -> Result<bool> {
        let Some(reference) = value.as_object().and_then(|o| o.get("$ref")) else { return Ok(false) };
        let Some(reference) = reference.as_str().map(str::to_string) else {
            return Err(Error::invalid(self.site(key, &format!("{pointer}/$ref")), "a `$ref` string"));
        };
        let target = self.resolve(key, pointer, &reference)?;
        if ctx == Ctx::PathItem {
            // A chain of path item refs is followed here, in a loop, to the path item it ends at
            // (`resolve` checked that it ends); only what that path item holds is walked.
            let mut target = target;
            let mut seen = BTreeSet::new();
            let mut content = loop {
                let file = self.converted.get(&target.key).cloned();
                let content =
                    file.as_ref().and_then(|f| f.doc.value.pointer(&target.pointer)).cloned().unwrap_or(Value::Null);
                let next = content.get("$ref").and_then(Value::as_str).map(str::to_string);
                match next {
                    Some(next) if seen.insert(target.clone()) => {
                        let next_site = self.site(&target.key, &target.pointer);
                        target = self.resolve_once(&next_site, &next)?;
                    }
                    Some(_) => return Err(cycle(&self.site(key, pointer), &reference)),
                    None => break content,
                }
            };
            if self.inlining.contains(&target) {
                return Err(cycle(&self.site(key, pointer), &reference));
            }
            // Path items inlined inside path items (through callbacks) nest one level per `$ref`:
            // bounded, so a spec cannot make the walk recurse without end.
            if self.inlining.len() >= MAX_INLINED_PATH_ITEMS {
                return Err(Error::unsupported(
                    self.site(key, pointer),
                    format!("path items inlined through `$ref`s more than {MAX_INLINED_PATH_ITEMS} levels deep"),
                ));
            }
            self.inlining.push(target.clone());
            let walked = self.walk(&mut content, Ctx::PathItem, &target.key.clone(), &target.pointer.clone());
            self.inlining.pop();
            walked?;
            if key == self.root_key && pointer.starts_with("/paths/") {
                let origin = self.site(&target.key, &target.pointer);
                self.origins.insert(pointer.to_string(), origin);
            }
            *value = content;
            return Ok(true);
        }
        let (kind, name) = self.component_for(target, ctx);
        *value = json!({ "$ref": format!("#/components/{kind}/{}", esc(&name)) });
        Ok(true)
    }

    /// The component `target` is (or becomes), named as the module docs say.
    fn component_for(&mut self, target: Target, ctx: Ctx) -> (&'static str, String) {
        if let Some(found) = self.names.get(&target) {
            return found.clone();
        }
        let kind = ctx.kind();
        let display = self.converted.get(&target.key).map(|f| f.display.clone()).unwrap_or_else(|| target.key.clone());
        let (wanted, whole) = self.derive_name(&display, &target);
        let name = crate::names::unique(wanted, self.taken.entry(kind).or_default());
        self.names.insert(target.clone(), (kind, name.clone()));
        if !whole {
            self.hoisted.push(target.clone());
        }
        self.queue.push_back(Pending { target, ctx, kind, name: name.clone() });
        (kind, name)
    }

    /// The name a target asks for, and whether it is a whole component (or whole file).
    fn derive_name(&self, display: &Path, target: &Target) -> (String, bool) {
        let segments: Vec<String> = target.pointer.split('/').skip(1).map(unescape_pointer_segment).collect();
        if segments.is_empty() {
            let stem = display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Schema".into());
            return (stem, true);
        }
        if segments.len() == 3 && segments[0] == "components" {
            return (segments[2].clone(), true);
        }
        // A container component's name comes first when the target is inside one.
        let mut parts: Vec<&str> = Vec::new();
        let rest: &[String] = if segments.len() > 3 && segments[0] == "components" {
            parts.push(&segments[2]);
            &segments[3..]
        } else {
            &segments
        };
        parts.extend(rest.iter().map(String::as_str).filter(|s| *s != "properties" && *s != "paths"));
        (parts.join("_"), false)
    }

    /// Walks a brought-in target's content and keeps it as a component.
    fn bring_in(&mut self, pending: Pending) -> Result<()> {
        let Some(file) = self.converted.get(&pending.target.key).cloned() else { return Ok(()) };
        let mut value = file.doc.value.pointer(&pending.target.pointer).cloned().unwrap_or(Value::Null);
        self.walk(&mut value, pending.ctx, &pending.target.key, &pending.target.pointer)?;
        let at = format!("/components/{}/{}", pending.kind, esc(&pending.name));
        // Record where it came from, and where the pieces inside it that moved came from.
        let from = &pending.target.pointer;
        self.origins.insert(at.clone(), Location::new(file.display.clone(), file.doc.source_pointer(from)));
        let inside = format!("{from}/");
        for (converted, source) in file.doc.origins.range(inside.clone()..) {
            if !converted.starts_with(&inside) {
                break;
            }
            self.origins.insert(
                format!("{at}{}", &converted[from.len()..]),
                Location::new(file.display.clone(), source.clone()),
            );
        }
        self.extra.push((pending.kind, pending.name, value));
        Ok(())
    }

    /// Adds the brought-in components to the document.
    fn assemble(&mut self, document: &mut Value) -> Result<()> {
        if self.extra.is_empty() {
            return Ok(());
        }
        let Value::Object(root) = document else { return Ok(()) };
        let components = root.entry("components").or_insert_with(|| json!({}));
        let Value::Object(components) = components else {
            let root = self.files.first().cloned().unwrap_or_else(|| self.root_key.clone());
            return Err(Error::invalid(Location::new(root, "/components"), "a components object"));
        };
        for (kind, name, value) in std::mem::take(&mut self.extra) {
            let items = components.entry(kind).or_insert_with(|| json!({}));
            if let Value::Object(items) = items {
                items.insert(name, value);
            }
        }
        Ok(())
    }

    /// Replaces each hoisted target, where it was taken from, by a ref to its component.
    fn replace_hoisted(&mut self, document: &mut Value) {
        for target in self.hoisted.clone() {
            let Some((kind, name)) = self.names.get(&target).cloned() else { continue };
            // The innermost other named target that contains this one.
            let mut prefix = target.pointer.as_str();
            let mut at = None;
            while let Some(i) = prefix.rfind('/') {
                prefix = &prefix[..i];
                let container = Target { key: target.key.clone(), pointer: prefix.to_string() };
                if let Some((ckind, cname)) = self.names.get(&container) {
                    at = Some(format!("/components/{ckind}/{}{}", esc(cname), &target.pointer[prefix.len()..]));
                    break;
                }
            }
            if at.is_none() && target.key == self.root_key && target.pointer.starts_with("/paths/") {
                at = Some(target.pointer.clone());
            }
            if let Some(slot) = at.and_then(|at| document.pointer_mut(&at)) {
                *slot = json!({ "$ref": format!("#/components/{kind}/{}", esc(&name)) });
            }
        }
    }
}
