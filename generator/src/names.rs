//! The one place where spec names become Rust names: casing (heck), keyword escaping and
//! collision handling. Every stage that needs a Rust name calls these, so a rule is fixed once.

use std::collections::BTreeSet;

use heck::{ToPascalCase, ToSnakeCase};

/// Rust keywords (strict and reserved, 2021 edition) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names a model type must not take: the standard prelude's types, traits and variants, which
/// the emitted models write unqualified (`Option`, `Box`, `Some`, `TryFrom`, `AsRef`, `Send`, ...;
/// a model of that name would shadow them in `models`, and the code would not compile), and
/// `Self`. `Result` is not among them: the emitted code always qualifies it, and specs use it.
/// The type-name registry reserves these first, so a schema called `Box` gets a counter (`Box2`).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut", "AsRef", "Box", "Clone", "Copy", "Default", "DoubleEndedIterator", "Drop", "Eq", "Err",
    "ExactSizeIterator", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromIterator", "Into", "IntoIterator",
    "Iterator", "None", "Ok", "Option", "Ord", "PartialEq", "PartialOrd", "Self", "Send", "Sized", "Some",
    "String", "Sync", "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
];

/// Keeps only ASCII letters and digits, turning everything else into word breaks, so
/// `odata.type`, `$filter` and `x-ms-foo` case cleanly. Other letters (`é`, `日本`) are breaks too:
/// Rust accepts them in identifiers, but the crate's names stay ASCII, as Azure's own crates'
/// are (and a name of nothing else gets the placeholder).
fn words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// Makes a cased name a valid identifier: a leading digit gets a prefix, an empty name a
/// placeholder, a snake_case keyword a trailing underscore (`type` → `type_`; raw identifiers read
/// badly in docs and cannot be used for `self`/`crate`), and the one PascalCase keyword, `Self`,
/// a word (`SelfValue`): an underscore there would break the casing lints once a counter or a
/// suffix is added (`Self_2`, `Self_Client`).
fn sanitize(cased: String, prefix: &str) -> String {
    let cased = if cased.is_empty() { prefix.to_string() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("{prefix}{cased}") } else { cased };
    if !KEYWORDS.contains(&cased.as_str()) {
        cased
    } else if cased.starts_with(|c: char| c.is_ascii_uppercase()) {
        format!("{cased}Value")
    } else {
        format!("{cased}_")
    }
}

/// A snake_case value name: fields, parameters, methods, modules (`jobId` → `job_id`).
pub fn snake(name: &str) -> String {
    sanitize(words(name).to_snake_case(), "n")
}

/// A PascalCase type or variant name (`iotHubClient` → `IotHubClient`, `S1` → `S1`).
pub fn pascal(name: &str) -> String {
    sanitize(words(name).to_pascal_case(), "V")
}

/// Whether `name` is a Rust keyword (strict or reserved, 2021 edition), so not a plain identifier.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Returns `name` if `taken` does not hold it yet, otherwise the first of `name2`, `name3`, ...
/// that is free; records the result in `taken`. Callers feed names in a deterministic order.
pub fn unique(name: String, taken: &mut BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{name}{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_spec_names() {
        assert_eq!(snake("jobId"), "job_id");
        assert_eq!(snake("api-version"), "api_version");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("$filter"), "filter");
        assert_eq!(snake("odata.type"), "odata_type");
        assert_eq!(snake("GetJob"), "get_job");
        assert_eq!(pascal("iotHubClient"), "IotHubClient");
        assert_eq!(pascal("S1"), "S1");
        assert_eq!(pascal("readDeviceProperties"), "ReadDeviceProperties");
        assert_eq!(pascal("1.0"), "V10");
        assert_eq!(pascal(""), "V");
        assert_eq!(pascal("Self"), "SelfValue");
        assert_eq!(pascal("self"), "SelfValue");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(pascal("é"), "V");
        assert_eq!(pascal("café au lait"), "CafAuLait");
        assert_eq!(snake("日本"), "n");
        assert_eq!(snake("__"), "n");
    }

    #[test]
    fn unique_appends_a_counter() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("Foo".into(), &mut taken), "Foo");
        assert_eq!(unique("Foo".into(), &mut taken), "Foo2");
        assert_eq!(unique("Foo".into(), &mut taken), "Foo3");
    }
}
