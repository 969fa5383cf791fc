//! Model tests of the generated crate (issue 3): the spec's own example decodes exactly, unknown
//! enum values survive a round trip, secrets stay out of `Debug` output. No HTTP involved.

use azure_resourcemanager_iothub::models::{JobResponse, JobStatus, JobType, RoutingCosmosDbSqlApiProperties};
use time::macros::datetime;

/// The 200 body of the vendored example `iothub_getjob.json`.
fn getjob_example_body() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/examples/iothub_getjob.json"
    );
    let example: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    example["responses"]["200"]["body"].clone()
}

#[test]
fn the_getjob_example_decodes_exactly() {
    let job: JobResponse = serde_json::from_value(getjob_example_body()).unwrap();
    assert_eq!(job.job_id.as_deref(), Some("test"));
    assert_eq!(job.start_time_utc, Some(datetime!(2017-06-15 19:20:58 UTC)));
    assert_eq!(job.end_time_utc, Some(datetime!(2017-06-15 19:20:58 UTC)));
    assert_eq!(job.type_, Some(JobType::Unknown));
    assert_eq!(job.status, Some(JobStatus::Unknown));
}

#[test]
fn read_only_fields_are_not_sent() {
    let job: JobResponse = serde_json::from_value(getjob_example_body()).unwrap();
    assert_eq!(serde_json::to_value(&job).unwrap(), serde_json::json!({}));
}

#[test]
fn unknown_enum_values_round_trip() {
    let status: JobStatus = serde_json::from_value(serde_json::json!("paused")).unwrap();
    assert_eq!(status, JobStatus::UnknownValue("paused".into()));
    assert_eq!(serde_json::to_value(&status).unwrap(), serde_json::json!("paused"));
    assert_eq!(status.as_str(), "paused");
    let job_type: JobType = "quantumUpdate".parse().unwrap();
    assert_eq!(job_type.to_string(), "quantumUpdate");
    // Known values use the spec's names and give back the wire value.
    assert_eq!("readDeviceProperties".parse::<JobType>().unwrap(), JobType::ReadDeviceProperties);
    assert_eq!(JobType::ReadDeviceProperties.as_str(), "readDeviceProperties");
    assert_eq!(JobStatus::Cancelled.to_string(), "cancelled");
}

#[test]
fn unknown_status_in_a_job_decodes_and_encodes_unchanged() {
    let mut body = getjob_example_body();
    body["status"] = serde_json::json!("hibernating");
    let job: JobResponse = serde_json::from_value(body).unwrap();
    assert_eq!(job.status, Some(JobStatus::UnknownValue("hibernating".into())));
    assert_eq!(serde_json::to_value(job.status.unwrap()).unwrap(), serde_json::json!("hibernating"));
}

#[test]
fn secrets_are_not_in_debug_output() {
    let properties: RoutingCosmosDbSqlApiProperties = serde_json::from_value(serde_json::json!({
        "name": "cosmos",
        "endpointUri": "https://cosmos.example",
        "databaseName": "db",
        "containerName": "c",
        "primaryKey": "s3cr3t-primary",
        "secondaryKey": "s3cr3t-secondary",
    }))
    .unwrap();
    let debug = format!("{properties:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(debug.contains("cosmos"), "{debug}");
    // The secret is still there to send.
    assert_eq!(properties.primary_key.as_deref(), Some("s3cr3t-primary"));
}

/// A service may leave a required field out of a response (Batch never returns a user's
/// password): the rest still decodes, the field taking its default; a required field without a
/// default (an enum, a date) still fails loudly.
#[test]
fn a_required_field_left_out_of_a_response_takes_its_default() {
    let enrichment: azure_resourcemanager_iothub::models::EnrichmentProperties =
        serde_json::from_str(r#"{"endpointNames":["events"]}"#).unwrap();
    assert_eq!(enrichment.key, "");
    assert_eq!(enrichment.value, "");
    assert_eq!(enrichment.endpoint_names, ["events"]);

    let sku: Result<azure_resourcemanager_iothub::models::IotHubSkuInfo, _> = serde_json::from_str(r#"{"capacity":1}"#);
    assert!(sku.unwrap_err().to_string().contains("missing field `name`"));
}

/// IoT Hub's spec does not mark the keys of an authorization rule `x-ms-secret`; the crate's
/// name rule makes them secrets anyway, and with the `debug` feature (every other field shown,
/// as this crate's tests build it) they still do not show.
#[test]
fn unmarked_authorization_rule_keys_are_redacted_too() {
    let rule: azure_resourcemanager_iothub::models::SharedAccessSignatureAuthorizationRule =
        serde_json::from_value(serde_json::json!({
            "keyName": "iothubowner",
            "primaryKey": "pk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "secondaryKey": "sk-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=",
            "rights": "RegistryRead"
        }))
        .unwrap();
    for shown in [format!("{rule:?}"), format!("{rule:#?}")] {
        assert!(!shown.contains("AAAA") && !shown.contains("BBBB"), "{shown}");
        assert!(shown.contains("iothubowner"), "the debug feature shows the other fields: {shown}");
        assert_eq!(shown.matches("<redacted>").count(), 2, "{shown}");
    }
    assert_eq!(rule.primary_key.as_deref(), Some("pk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
}

/// A routing endpoint's `connectionString` (unmarked in the spec) is a secret by name, even
/// where the field is required.
#[test]
fn connection_strings_are_redacted() {
    let endpoint: azure_resourcemanager_iothub::models::RoutingEventHubProperties = serde_json::from_value(serde_json::json!({
        "name": "eh",
        "connectionString": "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0"
    }))
    .unwrap();
    let shown = format!("{endpoint:#?}");
    assert!(!shown.contains("c2VjcmV0") && !shown.contains("Endpoint=sb"), "{shown}");
    assert!(shown.contains("<redacted>") && shown.contains("\"eh\""), "{shown}");
}
