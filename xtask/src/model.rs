//! `cargo xtask model [--spec PATH] [--root DIR]`: a summary of what the generator understood of a spec.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use generator::ir::{Api, ExampleContent, TypeKind};

use crate::args::Args;
use crate::codegen::Target;
use crate::paths;

/// `cargo xtask model [--spec PATH] [--root DIR]`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let spec = args.path("--spec")?;
    let spec_root = args.path("--root")?;
    args.finish()?;
    let root = crate::enter_workspace_root()?;
    let spec = match spec {
        Some(spec) => paths::relative_to(&spec, &root).map(PathBuf::from).unwrap_or(spec),
        None => Target::product(&root)?.spec,
    };
    let api = generator::model_within(&spec, spec_root.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))?;
    print!("{}", summary(&paths::slashed(&spec), &api));
    Ok(ExitCode::SUCCESS)
}

/// The summary as text: counts, then the missing examples, then every unsupported construct.
pub fn summary(spec: &str, api: &Api) -> String {
    let mut out = String::new();
    let groups: BTreeSet<_> = api.operations.iter().map(|o| o.group.clone().unwrap_or_default()).collect();
    let pageable = api.operations.iter().filter(|o| o.pageable.is_some()).count();
    let long_running = api.operations.iter().filter(|o| o.long_running.is_some()).count();
    let (mut objects, mut enums, mut aliases) = (0, 0, 0);
    for ty in api.types.values() {
        match ty.kind {
            TypeKind::Object(_) => objects += 1,
            TypeKind::Enum(_) => enums += 1,
            TypeKind::Alias(_) => aliases += 1,
        }
    }
    let mut missing = Vec::new();
    let mut invalid = Vec::new();
    let mut found = 0;
    for op in &api.operations {
        for example in &op.examples {
            match &example.content {
                ExampleContent::Found { .. } => found += 1,
                ExampleContent::Missing => missing.push(format!("{} ({})", example.file, op.id)),
                ExampleContent::Invalid(why) => invalid.push(format!("{} ({}): {why}", example.file, op.id)),
            }
        }
    }
    let client: Vec<_> = api.client_parameters.iter().map(|p| p.name.as_str()).collect();

    let _ = writeln!(out, "spec: {spec}");
    let _ = writeln!(out, "title: {}", api.title);
    let _ = writeln!(out, "api-version: {}", api.api_version);
    let _ = writeln!(out, "endpoint: {}", api.endpoint.as_deref().unwrap_or("(none)"));
    let _ = writeln!(out, "client parameters: {}", if client.is_empty() { "(none)".into() } else { client.join(", ") });
    let _ = writeln!(out, "operations: {} in {} group(s)", api.operations.len(), groups.len());
    let _ = writeln!(out, "  pageable: {pageable}");
    let _ = writeln!(out, "  long-running: {long_running}");
    let _ = writeln!(out, "types: {} ({objects} objects, {enums} enums, {aliases} aliases)", api.types.len());
    let usage = &api.clients.usage;
    let count = |sent: bool, received: bool| usage.values().filter(|u| u.sent == sent && u.received == received).count();
    let _ = writeln!(
        out,
        "  as the methods use them: {} sent and received, {} sent only, {} received only, {} neither (request bodies: {})",
        count(true, true),
        count(true, false),
        count(false, true),
        api.types.len() - usage.len(),
        usage.values().filter(|u| u.request_body).count()
    );
    let _ = writeln!(
        out,
        "examples: {} referenced, {found} found, {} missing, {} invalid",
        found + missing.len() + invalid.len(),
        missing.len(),
        invalid.len()
    );
    for line in &missing {
        let _ = writeln!(out, "  missing: {line}");
    }
    for line in &invalid {
        let _ = writeln!(out, "  invalid: {line}");
    }
    let _ = writeln!(out, "unsupported constructs: {}", api.unsupported.len());
    for u in &api.unsupported {
        let _ = writeln!(out, "  {}: {}", u.location, u.construct);
    }
    let _ = writeln!(
        out,
        "operations refused: {} (left out of the crate by `codegen`, an error with `--strict`)",
        api.clients.refused.len()
    );
    for refusal in &api.clients.refused {
        let _ = writeln!(out, "  {} ({}): {}", refusal.error.location, refusal.operation, refusal.error.message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_the_product_spec() {
        let root = crate::workspace_root();
        let spec = root.join(Target::product(&root).unwrap().spec);
        let api = generator::model(&spec).unwrap();
        let text = summary("iothub.json", &api);
        assert!(text.contains("\noperations: 38 in "), "{text}");
        assert!(text.contains("api-version: 2023-06-30"), "{text}");
        // 38 example files named, 17 of them vendored.
        assert!(text.contains("examples: 38 referenced, 17 found, 21 missing, 0 invalid"), "{text}");
        assert!(text.contains("  missing: ./examples/iothub_listjobs.json (IotHubResource_ListJobs)"), "{text}");
        assert!(text.contains(&format!("unsupported constructs: {}", api.unsupported.len())), "{text}");
        assert!(text.contains("operations refused: 0 "), "{text}");
    }
}
