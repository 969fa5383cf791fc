//! What a `$ref` names: the file (by its normalised key and as reached) and the pointer into its
//! converted form, checked to exist, to be confined to the root folder and not to name a whole
//! document, and, followed ref by ref, to reach a value rather than come back to itself. The
//! Swagger converter asks here for the raw parameter a `$ref` names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Loader, Target};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::load::source::{normalize_path, Declared};
use crate::load::swagger2::ParameterResolver;

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

/// A `$ref` whose chain of refs comes back to itself.
pub(super) fn cycle(site: &Location, reference: &str) -> Error {
    Error::new(
        ErrorKind::RefCycle,
        site.clone(),
        format!("`$ref: {reference}` starts a chain of refs that comes back to itself without reaching a value"),
    )
}

impl Loader {
    /// Splits `reference`, written at `site`, into the target file (key and display path) and the
    /// JSON pointer (percent-decoded; `~0`/`~1` still escaped, as `Value::pointer` wants).
    pub(super) fn parse_ref(&self, site: &Location, reference: &str) -> Result<(PathBuf, PathBuf, String)> {
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
    pub(super) fn site(&self, key: &Path, pointer: &str) -> Location {
        match self.converted.get(key) {
            Some(file) => Location::new(file.display.clone(), file.doc.source_pointer(pointer)),
            None => Location::new(key, pointer),
        }
    }

    /// Resolves `reference`, written in `key` at its converted `pointer`, to a target that exists,
    /// and checks that following it reaches a value.
    pub(super) fn resolve(&mut self, key: &Path, pointer: &str, reference: &str) -> Result<Target> {
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

    pub(super) fn resolve_once(&mut self, site: &Location, reference: &str) -> Result<Target> {
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
}
