//! The loader: reading, Swagger 2.0 conversion, `$ref` bundling, examples and located errors.

use std::path::{Path, PathBuf};

use generator::load::{load_spec, ExampleFile, LoadedSpec, SourceVersion};


fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the generator is in the workspace").to_path_buf()
}

const STABLE: &str = "specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
const PREVIEW: &str =
    "specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";
const DPS: &str = "specs/specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json";

fn load_vendored(relative: &str) -> LoadedSpec {
    let path = workspace().join(relative);
    match load_spec(&path) {
        Ok(spec) => spec,
        Err(e) => panic!("{relative} should load: {e}"),
    }
}

fn all_refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k.starts_with("x-") {
                    continue;
                }
                if k == "$ref" {
                    if let Some(s) = v.as_str() {
                        out.push(s.to_string());
                    }
                }
                all_refs(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| all_refs(v, out)),
        _ => {}
    }
}

/// Every `$ref` in the bundled document is local and names a component that exists.
fn assert_bundled(spec: &LoadedSpec) {
    let value = serde_json::to_value(&spec.document).expect("the document serializes");
    let mut refs = Vec::new();
    all_refs(&value, &mut refs);
    for r in refs {
        assert!(r.starts_with("#/components/"), "non-local ref {r}");
        assert!(value.pointer(&r[1..]).is_some(), "dangling ref {r}");
    }
}

#[test]
fn stable_spec_has_38_operations_and_its_examples() {
    let spec = load_vendored(STABLE);
    assert_eq!(spec.source_version, SourceVersion::Swagger2);
    assert_eq!(spec.document.operations().count(), 38);
    assert_bundled(&spec);
    let found = spec.examples.values().filter(|e| matches!(e, ExampleFile::Found(_))).count();
    let missing = spec.examples.values().filter(|e| matches!(e, ExampleFile::Missing)).count();
    assert_eq!((found, missing), (17, 21));
    assert_eq!(spec.files.len(), 1);
}

/// Asserts that each of `names` is a schema component read from common-types v3 `file`.
fn assert_common_types(spec: &LoadedSpec, file: &str, names: &[&str]) {
    let schemas = &spec.document.components.as_ref().expect("components").schemas;
    for name in names {
        assert!(schemas.contains_key(*name), "{name} missing");
        let origin = spec.locate(&format!("/components/schemas/{name}"));
        assert!(
            origin.file.ends_with(format!("specification/common-types/resource-management/v3/{file}")),
            "{name} from {origin}"
        );
        assert_eq!(origin.pointer, format!("/definitions/{name}"));
    }
}

#[test]
fn preview_spec_brings_in_common_types_by_their_names() {
    let spec = load_vendored(PREVIEW);
    assert_bundled(&spec);
    assert_eq!(spec.document.operations().count(), 38);
    // `Resource` is reached only through the `allOf` of the other two, inside types.json.
    assert_common_types(&spec, "types.json", &["ProxyResource", "TrackedResource", "Resource"]);
    let parameters = &spec.document.components.as_ref().expect("components").parameters;
    assert!(parameters.contains_key("ApiVersionParameter"));
    let origin = spec.locate("/components/parameters/ApiVersionParameter");
    assert!(origin.file.ends_with("common-types/resource-management/v3/types.json"), "{origin}");
    assert_eq!(origin.pointer, "/parameters/ApiVersionParameter");
    assert_eq!(spec.files.len(), 2);
}

#[test]
fn dps_spec_brings_in_error_response_from_common_types() {
    let spec = load_vendored(DPS);
    assert_bundled(&spec);
    assert_eq!(spec.document.operations().count(), 24);
    assert_common_types(&spec, "types.json", &["ErrorResponse", "ErrorDetail", "ErrorAdditionalInfo"]);
    assert_common_types(&spec, "managedidentity.json", &["ManagedServiceIdentity", "ManagedServiceIdentityType", "UserAssignedIdentity"]);
    assert_eq!(spec.files.len(), 3);
}

