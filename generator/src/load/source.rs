//! Reading one file: bytes to a `serde_json::Value`, JSON or YAML told apart by the content, and
//! the spec version it declares.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, ErrorKind, Location, Result};

/// What a file says it is, from its `swagger`/`openapi` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared {
    /// `swagger: "2.0"`.
    Swagger2,
    /// `openapi: 3.0.x`.
    OpenApi3,
    /// Neither key: a fragment (a file of definitions or a bare schema) that takes the model of
    /// the file that refers to it.
    Fragment,
}

/// The largest spec file read, in bytes: the largest spec in the Azure repository is a few
/// megabytes; anything far beyond is not a spec, and reading it would only exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads `path` and parses it as JSON or YAML. `Io` when it cannot be read or is not a regular
/// file (a directory, a FIFO that would block the read forever, a device), `Malformed` (with the
/// parser's line and column) when it does not parse.
pub(crate) fn read_value(path: &Path) -> Result<Value> {
    check_regular_file(path, &Location::file(path))?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::new(ErrorKind::Io, Location::file(path), format!("cannot read the file: {e}")))?;
    parse_value(path, &text)
}

/// What is at `path` on disk, for a reader: `Ok` for a regular file (symbolic links followed) of
/// at most `MAX_FILE_BYTES`; an `Io` error at `at` saying what it is otherwise.
pub(crate) fn check_regular_file(path: &Path, at: &Location) -> Result<()> {
    let metadata = std::fs::metadata(path).map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound { "does not exist".to_string() } else { format!("cannot be read: {e}") };
        Error::new(ErrorKind::Io, at.clone(), format!("{} {why}", path.display()))
    })?;
    let what = file_kind(&metadata);
    if what != "a regular file" {
        return Err(Error::new(
            ErrorKind::Io,
            at.clone(),
            format!("{} is not a regular file ({what}); expected a JSON or YAML file", path.display()),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::Io,
            at.clone(),
            format!("{} is {} bytes; expected a spec of at most {MAX_FILE_BYTES} bytes", path.display(), metadata.len()),
        ));
    }
    Ok(())
}

/// What kind of file `metadata` describes, for messages.
fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return "a regular file";
    }
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    "not a file"
}

/// Parses `text` (read from `path`) as JSON when it looks like JSON (its first non-blank
/// character is `{` or `[`), as YAML otherwise. The extension is not trusted: specs are published
/// with `.json` names and YAML content and the other way round.
pub(crate) fn parse_value(path: &Path, text: &str) -> Result<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let looks_like_json = matches!(text.trim_start().chars().next(), Some('{') | Some('['));
    if looks_like_json {
        return serde_json::from_str(text).map_err(|e| {
            if is_depth_error(&e.to_string()) {
                return too_deep(path, "JSON", e.line(), e.column());
            }
            Error::new(
                ErrorKind::Malformed,
                Location::file(path),
                format!(
                    "malformed JSON at line {}, column {}: {}; expected a JSON document",
                    e.line(),
                    e.column(),
                    json_error_reason(&e)
                ),
            )
        });
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        if is_depth_error(&e.to_string()) {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
            return too_deep(path, "YAML", line, column);
        }
        let at = match e.location() {
            Some(l) => format!(" at line {}, column {}", l.line(), l.column()),
            None => String::new(),
        };
        let reason = e.to_string();
        let reason = match reason.rfind(" at line ") {
            Some(i) => reason[..i].to_string(),
            None => reason,
        };
        Error::new(
            ErrorKind::Malformed,
            Location::file(path),
            format!("malformed YAML{at}: {reason}; expected a YAML document"),
        )
    })?;
    yaml_to_json(yaml, &Location::file(path))
}

/// Whether a parser refused the text for nesting deeper than it goes (128 levels for both).
fn is_depth_error(message: &str) -> bool {
    message.starts_with("recursion limit exceeded")
}

/// The error for a document that nests deeper than the parsers go: well-formed, but refused.
fn too_deep(path: &Path, format: &str, line: usize, column: usize) -> Error {
    Error::new(
        ErrorKind::Unsupported,
        Location::file(path),
        format!(
            "unsupported: {format} nested more than 128 levels deep (at line {line}, column {column}); \
             expected a document that nests at most 128 levels"
        ),
    )
}

/// serde_json's message without its own " at line X column Y" suffix, which the caller says.
fn json_error_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Converts a YAML value to JSON. Mapping keys that are scalars (`200:`, `true:`) become their
/// text, as YAML authors mean them; anything JSON cannot hold is an `Invalid` error at its place.
fn yaml_to_json(value: serde_yaml::Value, at: &Location) -> Result<Value> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                match serde_json::Number::from_f64(f) {
                    Some(n) => Value::Number(n),
                    None => return Err(Error::invalid(at.clone(), format!("a finite number, found {n}"))),
                }
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items.into_iter().enumerate().map(|(i, v)| yaml_to_json(v, &at.join(i))).collect::<Result<_>>()?,
        ),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    Y::Null => "null".to_string(),
                    other => {
                        return Err(Error::invalid(
                            at.clone(),
                            format!("a mapping key that is a string or number, found {other:?}"),
                        ))
                    }
                };
                let v = yaml_to_json(v, &at.join(&key))?;
                out.insert(key, v);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, at)?,
    })
}

/// What `document` declares itself to be. Swagger 1.x, OpenAPI 3.1 and anything else are
/// `UnsupportedVersion` errors that name what was found.
pub(crate) fn declared_version(document: &Value, file: &Path) -> Result<Declared> {
    let unsupported = |pointer: &str, found: String| {
        Err(Error::new(
            ErrorKind::UnsupportedVersion,
            Location::new(file, pointer),
            format!("unsupported spec version {found}; expected `swagger: \"2.0\"` or `openapi: 3.0.x`"),
        ))
    };
    let Some(object) = document.as_object() else {
        return Ok(Declared::Fragment);
    };
    if let Some(v) = object.get("swaggerVersion") {
        return unsupported("/swaggerVersion", format!("`swaggerVersion: {v}` (Swagger 1.x)"));
    }
    if let Some(v) = object.get("openapi") {
        return match version_text(v) {
            Some(s) if is_openapi_30(&s) => Ok(Declared::OpenApi3),
            _ => unsupported("/openapi", format!("`openapi: {v}`")),
        };
    }
    if let Some(v) = object.get("swagger") {
        return match version_text(v) {
            Some(s) if s == "2.0" => Ok(Declared::Swagger2),
            _ => unsupported("/swagger", format!("`swagger: {v}`")),
        };
    }
    Ok(Declared::Fragment)
}

/// `3.0` or `3.0.<patch>` (the patch number in digits): the OpenAPI versions this loader reads.
fn is_openapi_30(version: &str) -> bool {
    version == "3.0"
        || version.strip_prefix("3.0.").is_some_and(|patch| !patch.is_empty() && patch.chars().all(|c| c.is_ascii_digit()))
}

/// A version as text; YAML reads an unquoted `2.0` as a number.
fn version_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0) {
            format!("{n}").trim_end_matches(".0").to_string() + ".0"
        } else {
            n.to_string()
        }),
        _ => None,
    }
}

/// `path` with `.` removed and `..` folded into the component before it, without touching the
/// disk (a leading `..` that has nothing to fold into is kept).
pub fn normalize_path(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_parent_directories() {
        assert_eq!(normalize_path(Path::new("a/b/../c/./d.json")), PathBuf::from("a/c/d.json"));
        assert_eq!(normalize_path(Path::new("../x/../../y")), PathBuf::from("../../y"));
        assert_eq!(normalize_path(Path::new("/a/../../b")), PathBuf::from("/b"));
    }

    #[test]
    fn only_exact_versions_are_declared() {
        let file = Path::new("x.json");
        let declared = |v: serde_json::Value| declared_version(&serde_json::json!({ "swagger": v }), file).ok();
        assert_eq!(declared(serde_json::json!("2.0")), Some(Declared::Swagger2));
        assert_eq!(declared(serde_json::json!(2.0)), Some(Declared::Swagger2));
        assert_eq!(declared(serde_json::json!("2")), None);
        assert_eq!(declared(serde_json::json!(2)), None);
        assert_eq!(declared(serde_json::json!("2.0.0")), None);
        let declared = |v: serde_json::Value| declared_version(&serde_json::json!({ "openapi": v }), file).ok();
        assert_eq!(declared(serde_json::json!("3.0.3")), Some(Declared::OpenApi3));
        assert_eq!(declared(serde_json::json!("3.0")), Some(Declared::OpenApi3));
        assert_eq!(declared(serde_json::json!(3.0)), Some(Declared::OpenApi3));
        assert_eq!(declared(serde_json::json!("3.0.x")), None);
        assert_eq!(declared(serde_json::json!("3.0.")), None);
        assert_eq!(declared(serde_json::json!("3")), None);
    }

    #[test]
    fn yaml_numbers_as_versions() {
        assert_eq!(version_text(&serde_json::json!(2.0)).as_deref(), Some("2.0"));
        assert_eq!(version_text(&serde_json::json!("3.0.3")).as_deref(), Some("3.0.3"));
    }
}
