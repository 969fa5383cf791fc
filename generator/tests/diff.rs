//! The api-version bump that matters: 2023-06-30 → 2025-08-01-preview of IoT Hub, compared
//! through the IR, kept as a snapshot of the Markdown report a maintainer reviews; and fixture
//! pairs (`fixtures/diff/<case>/{old,new}.yaml`) whose report is checked against the crate the
//! generator emits for each side.

use std::path::{Path, PathBuf};

use generator::diff::{diff_apis, render_markdown, Bump, Change, Impact, Report};

const STABLE: &str = "specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
const PREVIEW: &str =
    "specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";

fn spec(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn model(rel: &str) -> generator::ir::Api {
    generator::model(&spec(rel)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn iothub_2023_06_30_to_2025_08_01_preview() {
    let (old, new) = (model(STABLE), model(PREVIEW));
    let report = diff_apis(&old, &new);
    insta::assert_snapshot!("iothub_2023_06_30_to_2025_08_01_preview", render_markdown(&report));

    // Claims checked by hand against the two specs; asserted so a regression is named.
    let find = |subject: &str, change: &str| {
        report
            .changes
            .iter()
            .find(|c| c.subject == subject && c.change == change)
            .unwrap_or_else(|| panic!("no `{change}` for `{subject}`"))
    };
    assert_eq!(report.bump, Bump::Major);
    assert_eq!(find("IotHubSku::Gen2", "added").impact, Impact::Addition);
    assert_eq!(find("JobResponseListResult.value", "required-ness changed").impact, Impact::Breaking);
    assert_eq!(find("JobResponse.start_time_utc", "type changed").impact, Impact::Compatible);
    // The PUT and the PATCH now read their result at `Location`; so do the DELETEs, whose 200
    // has a body (their result), which they read from their last answer before; the POST has no
    // result to read, so its new `final-state-via` changes nothing the crate does.
    for moved in ["IotHubResource_CreateOrUpdate", "IotHubResource_Delete", "PrivateEndpointConnections_Delete"] {
        let change = find(moved, "final state changed");
        assert_eq!(change.impact, Impact::Compatible);
        assert!(change.detail.ends_with("→ `FinalState::Location`"), "{moved}: {}", change.detail);
    }
    assert!(!report.changes.iter().any(|c| c.subject == "IotHub_ManualFailover"), "IotHub_ManualFailover changed");
    // Names stay where the API did not change: no operation is added or removed, and JobStatus,
    // JobType and ErrorDetails are the same types in both.
    assert!(!report.changes.iter().any(|c| c.area == generator::diff::Area::Operation
        && (c.change == "added" || c.change == "removed")
        && !c.subject.contains(' ')));
    for kept in ["JobStatus", "JobType", "ErrorDetails"] {
        assert!(
            !report.changes.iter().any(|c| c.subject == kept || c.subject.starts_with(&format!("{kept}::"))),
            "{kept} changed"
        );
    }
    for api in [&old, &new] {
        for kept in ["JobStatus", "JobType", "ErrorDetails"] {
            assert!(api.types.contains_key(kept), "{kept} missing from {}", api.api_version);
        }
        // subscriptionId and api-version are client-level in both (the new spec takes them from
        // common-types), so no client parameter changes either.
        let client: Vec<_> = api.client_parameters.iter().map(|p| p.name.as_str()).collect();
        assert!(client.contains(&"subscriptionId") && client.contains(&"api-version"), "{client:?}");
    }
    assert!(!report.changes.iter().any(|c| c.area == generator::diff::Area::ClientParameter));
}

#[test]
fn the_report_is_deterministic_and_serialises() {
    let (old, new) = (model(STABLE), model(PREVIEW));
    let a = diff_apis(&old, &new);
    let b = diff_apis(&model(STABLE), &model(PREVIEW));
    assert_eq!(a, b);
    assert_eq!(render_markdown(&a), render_markdown(&b));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["bump"], "major");
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(a.changes.len()));
    // A spec compared with itself changes nothing.
    assert_eq!(diff_apis(&old, &old).bump, Bump::None);
}

fn fixture(case: &str, side: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff").join(case).join(format!("{side}.yaml"))
}

fn find_in<'r>(report: &'r Report, subject: &str, change: &str) -> &'r Change {
    report
        .changes
        .iter()
        .find(|c| c.subject == subject && c.change == change)
        .unwrap_or_else(|| panic!("no `{change}` for `{subject}` in {:#?}", report.changes))
}

/// The return type of `client::method` in the crate generated from `spec`, without module paths
/// or the `azure_core::Result` around it (`Response<Thing>`), read from the emitted source.
fn emitted_return_type(spec: &Path, client_file: &str, method: &str) -> String {
    let generated = generator::generate(spec, &generator::Options::new("fixture", "cargo test"))
        .unwrap_or_else(|e| panic!("{e}"));
    let path = Path::new("src/clients").join(client_file);
    let file = generated.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {}", path.display()));
    let parsed = syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let function = parsed
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(block) => Some(block.items.iter()),
            _ => None,
        })
        .flatten()
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == method => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no method `{method}` in {}", path.display()));
    let syn::ReturnType::Type(_, ty) = &function.sig.output else { panic!("`{method}` returns nothing") };
    let text: String = quote::quote!(#ty).to_string().split_whitespace().collect();
    let text = ["azure_core::http::", "crate::models::", "crate::lro::"].iter().fold(text, |t, p| t.replace(p, ""));
    let text = text.replace("::serde_json::", "serde_json::");
    text.strip_prefix("azure_core::Result<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or_else(|| panic!("`{method}` returns `{text}`, not an `azure_core::Result`"))
        .to_string()
}

/// A new api-version adds a 201 whose body differs from the 200's: the success responses no
/// longer share a type, so the emitted method returns `serde_json::Value`. The report says so,
/// as a breaking change, and names the return types the crate really has on each side.
#[test]
fn a_success_response_gaining_a_different_body_breaks_as_the_crate_does() {
    let (old_spec, new_spec) = (fixture("success_body", "old"), fixture("success_body", "new"));
    let report = diff_apis(&generator::model(&old_spec).unwrap(), &generator::model(&new_spec).unwrap());
    let change = find_in(&report, "Things_CreateOrUpdate response", "type changed");
    assert_eq!(change.impact, Impact::Breaking, "{change:#?}");
    assert!(
        change.reason.contains("the success responses have different bodies, 200 `Thing`, 201 `Other`"),
        "{}",
        change.reason
    );
    assert_eq!(report.bump, Bump::Major);

    let (old_returns, new_returns) = change.detail.split_once(" → ").expect("a detail `old` → `new`");
    let unquote = |s: &str| s.trim_matches('`').to_string();
    assert_eq!(unquote(old_returns), "Response<Thing>");
    assert_eq!(unquote(old_returns), emitted_return_type(&old_spec, "things_client.rs", "create_or_update"));
    assert_eq!(unquote(new_returns), "Response<serde_json::Value>");
    assert_eq!(unquote(new_returns), emitted_return_type(&new_spec, "things_client.rs", "create_or_update"));
}
