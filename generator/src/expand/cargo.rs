//! `Cargo.toml` of the generated crate.

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
        ("serde_json", "\"1\""),
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

/// The manifest, with its `@generated` preamble.
pub(crate) fn expand_cargo_toml(ctx: &Context<'_>) -> String {
    let mut out = super::preamble(&ctx.options.command, "#");
    let description = format!("Azure Resource Manager client for {} (api-version {}), generated from its OpenAPI spec.", ctx.api.title, ctx.api.api_version);
    out.push_str(&format!(
        "\n[package]\nname = \"{}\"\nversion = \"0.1.0\"\ndescription = {}\nedition = \"2021\"\nrust-version = \"1.88\"\nlicense = \"MIT\"\npublish = false\n",
        ctx.options.crate_name,
        toml_string(&description),
    ));
    out.push_str("\n[dependencies]\n");
    for (name, spec) in dependencies() {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out.push_str(&format!(
        "\n[features]\n\
         # Every model gets both serde impls. By default a model is `Serialize` only when a method sends\n\
         # it and `Deserialize` only when one receives it, which keeps the crate quick to compile; this\n\
         # is for code that stores, replays or builds models as JSON. The crate's own tests use it.\n\
         {} = []\n",
        super::models::ALL_SERDE
    ));
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
