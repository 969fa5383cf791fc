//! The api-version bump that matters: 2023-06-30 → 2025-08-01-preview of IoT Hub, compared
//! through the IR, kept as a snapshot of the Markdown report a maintainer reviews.

use std::path::{Path, PathBuf};

use generator::diff::{diff_apis, render_markdown, Bump, Impact};

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
    // The PUT and the PATCH now read their result at `Location`; the DELETEs and the POST have
    // no result to read, so their new `final-state-via` changes nothing the crate does.
    assert_eq!(
        find("IotHubResource_CreateOrUpdate", "final state changed").detail,
        "`FinalState::OriginalUri` → `FinalState::Location`"
    );
    for unchanged in ["IotHubResource_Delete", "PrivateEndpointConnections_Delete", "IotHub_ManualFailover"] {
        assert!(!report.changes.iter().any(|c| c.subject == unchanged), "{unchanged} changed");
    }
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
