//! `cargo xtask model` and `cargo xtask codegen` see the same refusals: the client model decides
//! them in `lower`, the summary lists them, lenient generation leaves exactly those operations out
//! and strict generation fails on the first of them, at the same place. Checked over every
//! fixture spec and every vendored spec.

use std::path::{Path, PathBuf};

use generator::Options;

/// Every spec the generator is tried on: the fixtures of each stage and the vendored specs.
fn specs() -> Vec<PathBuf> {
    let mut specs = Vec::new();
    for dir in ["tests/fixtures/lower", "tests/fixtures/lower/swagger", "tests/fixtures/expand"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "json")))
            .collect();
        found.sort();
        specs.extend(found);
    }
    specs.extend(
        [
            "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json",
            "specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json",
            "specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json",
        ]
        .map(|s| Path::new("../specs").join(s)),
    );
    specs
}

#[test]
fn model_and_codegen_refuse_the_same_operations_at_the_same_places() {
    let options = Options::new("refusals", "cargo xtask codegen");
    let strict = Options { strict: true, ..options.clone() };
    let mut refused_somewhere = 0;
    for spec in specs() {
        let shown = spec.display();
        let model = generator::model(&spec);
        let lenient = generator::generate(&spec, &options);
        let strict = generator::generate(&spec, &strict);
        let api = match model {
            Ok(api) => api,
            Err(error) => {
                // A spec the model refuses as a whole is refused by codegen with the same error.
                assert_eq!(lenient.as_ref().err(), Some(&error), "{shown}: lenient codegen");
                assert_eq!(strict.as_ref().err(), Some(&error), "{shown}: strict codegen");
                continue;
            }
        };
        let lenient = lenient.unwrap_or_else(|e| panic!("{shown}: the model accepts it, codegen fails: {e}"));
        assert_eq!(lenient.refused, api.clients.refused, "{shown}: lenient codegen leaves out what the model refuses");
        match api.clients.refused.first() {
            None => {
                strict.unwrap_or_else(|e| panic!("{shown}: nothing refused, yet strict codegen fails: {e}"));
            }
            Some(first) => {
                refused_somewhere += 1;
                let error = strict.err().unwrap_or_else(|| panic!("{shown}: strict codegen accepts a refused operation"));
                assert_eq!(error.location, first.error.location, "{shown}");
                assert_eq!(error.kind, first.error.kind, "{shown}");
                assert!(error.message.contains(&first.operation), "{shown}: {error}");
                // Each refusal is located in a file that exists.
                for refusal in &api.clients.refused {
                    assert!(refusal.error.location.file.is_file(), "{shown}: {}", refusal.error);
                }
                // And the lenient crate names each refused operation in its README, and has no
                // method for it.
                let readme = &lenient.files.iter().find(|f| f.path == Path::new("README.md")).unwrap().contents;
                for refusal in &api.clients.refused {
                    assert!(readme.contains(&format!("`{}`", refusal.operation)), "{shown}: README lacks {}", refusal.operation);
                    let methods = api.clients.clients.iter().flat_map(|c| &c.methods);
                    assert!(methods.clone().all(|m| m.operation_id != refusal.operation), "{shown}");
                }
            }
        }
    }
    // The fixtures include refused operations (a multipart body), so the check above ran.
    assert!(refused_somewhere > 0, "no spec had a refused operation");
}
