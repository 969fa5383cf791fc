//! `Cargo.toml` and `CHANGELOG.md` of the generated crate: what it builds with, and how it is versioned and published.

use super::Context;

/// The crate's dependencies, as `name = spec` lines: what official Azure crates use
/// (azure_core with its default features), serde, serde_json and time for the models, and
/// percent-encoding and url for URLs and form bodies (both already built for azure_core 1.1,
/// so they cost no compile time; url at azure_core's major version).
fn dependencies() -> Vec<(&'static str, &'static str)> {
    vec![
        ("azure_core", "\"1.1\""),
        ("percent-encoding", "\"2\""),
        ("serde", "{ version = \"1\", features = [\"derive\"] }"),
        // Numbers are read exactly as written (`-5e-57` stays `-5e-57`), as services mean them.
        ("serde_json", "{ version = \"1\", features = [\"float_roundtrip\"] }"),
        ("time", "\"0.3\""),
        ("url", "\"2\""),
    ]
}

/// The crate's dev-dependencies: `azure_identity` and `tokio` for the README's doc-test, and
/// what the tests emitted by `examples` need (the HTTPS test server and its client), sorted.
pub(crate) fn dev_dependencies() -> Vec<(&'static str, &'static str)> {
    let mut deps = vec![("azure_identity", "\"1\"")];
    deps.extend(super::examples::DEV_DEPENDENCIES.iter().copied());
    deps.sort();
    deps
}

/// The names a generated crate cannot take, as Rust names them (`-` as `_`): each crate it or
/// its tests depend on (a crate of the same name would shadow it: `use serde::Serialize` in the
/// crate itself would name the crate), `rustls` (which the tests import through `tokio-rustls`),
/// and the crates Rust itself provides (`std`, `core`, `alloc`, `test`, `proc_macro`).
pub fn reserved_crate_names() -> Vec<String> {
    let mut names: Vec<String> = dependencies()
        .into_iter()
        .chain(dev_dependencies())
        .map(|(name, _)| name.replace('-', "_"))
        .chain(["rustls", "std", "core", "alloc", "test", "proc_macro"].map(String::from))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The manifest, with its `@generated` preamble.
///
/// Every crate gets the metadata `cargo package` wants (description, license, readme,
/// rust-version) and a docs.rs configuration. Only a crate meant for crates.io
/// (`Package::publish`) gets the rest of what crates.io shows (repository, documentation on
/// docs.rs, keywords, categories) and may be published; any other says `publish = false`, so a
/// crate generated to try a spec (the generality and fixture crates) cannot be published by
/// accident.
pub(crate) fn expand_cargo_toml(ctx: &Context<'_>) -> String {
    let package = &ctx.options.package;
    let mut out = super::preamble(&ctx.options.command, "#");
    let description = format!("Azure Resource Manager client for {} (api-version {}), generated from its OpenAPI spec.", ctx.api.title, ctx.api.api_version);
    out.push_str("\n[package]\n");
    let mut field = |key: &str, value: String| out.push_str(&format!("{key} = {value}\n"));
    field("name", toml_string(&ctx.options.crate_name));
    field("version", toml_string(&package.version));
    field("description", toml_string(&description));
    field("edition", toml_string("2021"));
    field("rust-version", toml_string("1.88"));
    field("license", toml_string("MIT"));
    field("readme", toml_string("README.md"));
    if package.publish {
        if let Some(repository) = &package.repository {
            field("repository", toml_string(repository));
        }
        field("documentation", toml_string(&format!("https://docs.rs/{}", ctx.options.crate_name)));
        if !package.keywords.is_empty() {
            field("keywords", toml_array(&package.keywords));
        }
        if !package.categories.is_empty() {
            field("categories", toml_array(&package.categories));
        }
        field("publish", toml_array(&["crates-io".to_string()]));
    } else {
        field("publish", "false".to_string());
    }
    // docs.rs documents every feature, so items behind one are in the published docs too.
    out.push_str("\n[package.metadata.docs.rs]\nall-features = true\n");
    out.push_str(&features());
    out.push_str("\n[dependencies]\n");
    for (name, spec) in dependencies() {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out.push_str("\n[dev-dependencies]\n");
    let mut dev = dev_dependencies();
    // The crate itself with the feature, for its tests: they build request bodies from example
    // JSON and encode decoded responses again to compare them.
    let own = format!("{{ path = \".\", features = [\"{}\"] }}", super::models::ALL_SERDE);
    dev.push((ctx.options.crate_name.as_str(), own.as_str()));
    dev.sort();
    for (name, spec) in dev {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out
}

/// The crate's features, with what each does: `all-serde` (both serde impls on every model),
/// `debug` as official crates have it through azure_core (every model field in `Debug`, secrets
/// still redacted), and `fake` (the `fake` module: scriptable fakes of the clients, for testing
/// code that calls them; a fake decodes what clients send and writes what they receive, so it
/// needs `all-serde`).
fn features() -> String {
    let all_serde = super::models::ALL_SERDE;
    [
        "".to_string(),
        "[features]".to_string(),
        "# Every model gets both serde impls. By default a model is `Serialize` only when a method sends".to_string(),
        "# it and `Deserialize` only when one receives it, which keeps the crate quick to compile; this".to_string(),
        "# is for code that stores, replays or builds models as JSON. The crate's own tests use it.".to_string(),
        format!("{all_serde} = []"),
        "# Shows every field of the models in `Debug` output (azure_core's `debug` feature); secrets stay redacted.".to_string(),
        "debug = [\"azure_core/debug\"]".to_string(),
        "# The `fake` module: scriptable in-memory fakes of the clients, for testing code that calls them.".to_string(),
        format!("fake = [\"{all_serde}\"]"),
        "".to_string(),
    ]
    .join("\n")
}

/// `CHANGELOG.md`, when the crate has a changelog: the maintainers' text, verbatim, after a
/// `@generated` line that names where it is edited.
pub(crate) fn expand_changelog(ctx: &Context<'_>) -> Option<String> {
    let changelog = ctx.options.package.changelog.as_ref()?;
    Some(format!(
        "<!-- @generated by `{}` from {}. Do not edit here: edit {} (`cargo xtask import --make-current` adds a section for each api-version bump) and regenerate. -->\n\n{}",
        ctx.options.command, changelog.source, changelog.source, changelog.text
    ))
}

/// A TOML array of basic strings.
fn toml_array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| toml_string(item)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
