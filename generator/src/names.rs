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

/// Keeps only characters that can appear in an identifier, turning the rest into word breaks,
/// so `odata.type`, `$filter` and `x-ms-foo` case cleanly.
fn words(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
}

/// Makes a cased name a valid identifier: a leading digit gets a prefix, an empty name a
/// placeholder, a keyword a trailing underscore (`type` → `type_`; raw identifiers read badly in
/// docs and cannot be used for `self`/`crate`).
fn sanitize(cased: String, prefix: &str) -> String {
    let cased = if cased.is_empty() { prefix.to_string() } else { cased };
    let cased = if cased.starts_with(|c: char| c.is_ascii_digit()) { format!("{prefix}{cased}") } else { cased };
    if KEYWORDS.contains(&cased.as_str()) {
        format!("{cased}_")
    } else {
        cased
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
    }

    #[test]
    fn unique_appends_a_counter() {
        let mut taken = BTreeSet::new();
        assert_eq!(unique("Foo".into(), &mut taken), "Foo");
        assert_eq!(unique("Foo".into(), &mut taken), "Foo2");
        assert_eq!(unique("Foo".into(), &mut taken), "Foo3");
    }
}
