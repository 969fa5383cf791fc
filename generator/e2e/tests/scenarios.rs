//! Scenario tests of the generated IoT Hub client over real HTTPS on 127.0.0.1: paging,
//! long-running operations, errors, retries, unknown enum values, path encoding and secrets.
//! The server is the same template the generated example tests use.

#[path = "../../templates/test_server.rs"]
mod support;

use std::time::Duration;

use azure_core::http::{ExponentialRetryOptions, FixedRetryOptions, RetryOptions, StatusCode};
use azure_resourcemanager_iothub::models::{self, ErrorDetails, JobStatus, JobType};
use azure_resourcemanager_iothub::{service_error, IotHubClient, IotHubClientOptions};
use futures::TryStreamExt as _;
use serde_json::{json, Value};
use support::{CannedResponse, Exchange, TestServer};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-0000000000e2";
const API_VERSION: &str = "2023-06-30";

/// The path of the IoT hub `hub` in resource group `rg`.
fn hub_path() -> String {
    format!(
        "/subscriptions/{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub"
    )
}

/// A client of `server` with azure_core's default policies, changed by `configure`.
fn client_with(
    server: &TestServer,
    configure: impl FnOnce(&mut IotHubClientOptions),
) -> IotHubClient {
    let mut options = IotHubClientOptions {
        client_options: server.client_options(),
        endpoint: Some(server.endpoint().parse().unwrap()),
        ..Default::default()
    };
    configure(&mut options);
    IotHubClient::new(server.credential(), SUBSCRIPTION, Some(options)).unwrap()
}

fn client(server: &TestServer) -> IotHubClient {
    client_with(server, |_| {})
}

/// A job as the service writes it.
fn job(id: &str) -> Value {
    json!({
        "jobId": id,
        "startTimeUtc": "Thu, 15 Jun 2017 19:20:58 GMT",
        "type": "export",
        "status": "completed"
    })
}

/// An upper bound for the wait after `Retry-After: 0`. It is generous on purpose: the tests run on
/// shared, noisy machines, and all it must tell apart is "did not wait" from azure_core's default
/// poll frequency (30 s) or a one-second `Retry-After`'s lower bound checked beside it.
const RETRY_AFTER_ZERO_BOUND: Duration = Duration::from_secs(5);

/// The time between two recorded requests.
fn gap(requests: &[support::RecordedRequest], from: usize, to: usize) -> Duration {
    requests[to].at - requests[from].at
}

mod paging {
    use super::*;

    /// Lists the jobs of `hub` over three pages, the last one ending as `last_page_end` says.
    async fn three_pages(last_page_end: Option<Value>) {
        let server = TestServer::start().await;
        let jobs = format!("{}/jobs", hub_path());
        let mut last = json!({ "value": [job("j4"), job("j5")] });
        if let Some(end) = last_page_end {
            last["nextLink"] = end;
        }
        server
            .expect(
                Exchange::new("GET", &jobs)
                    .query("api-version", API_VERSION)
                    .respond(CannedResponse::json(
                        200,
                        &json!({ "value": [job("j1"), job("j2")], "nextLink": server.url("/next/page2?$skipToken=p%3D2") }),
                    )),
            )
            .expect(
                // A next link without api-version gets the client's; other parameters keep their bytes.
                Exchange::new("GET", "/next/page2")
                    .query("api-version", API_VERSION)
                    .query("$skipToken", "p=2")
                    .respond(CannedResponse::json(
                        200,
                        &json!({ "value": [job("j3")], "nextLink": server.url("/next/page3?api-version=2023-06-30&$skipToken=3") }),
                    )),
            )
            .expect(
                // A next link that has api-version keeps exactly one.
                Exchange::new("GET", "/next/page3")
                    .query("api-version", API_VERSION)
                    .query("$skipToken", "3")
                    .respond(CannedResponse::json(200, &last)),
            );

        let pager = client(&server)
            .get_iot_hub_resource_client()
            .list_jobs("rg", "hub", None)
            .unwrap();
        let items: Vec<models::JobResponse> = pager.try_collect().await.unwrap();

        let ids: Vec<_> = items
            .iter()
            .map(|j| j.job_id.clone().unwrap_or_default())
            .collect();
        assert_eq!(ids, ["j1", "j2", "j3", "j4", "j5"]);
        server.finish();
        assert_eq!(server.requests().len(), 3, "no request after the last page");
    }

    #[tokio::test]
    async fn three_pages_end_at_an_absent_next_link() {
        three_pages(None).await;
    }

    #[tokio::test]
    async fn three_pages_end_at_an_empty_next_link() {
        three_pages(Some(json!(""))).await;
    }

    #[tokio::test]
    async fn three_pages_end_at_a_null_next_link() {
        three_pages(Some(Value::Null)).await;
    }

    #[tokio::test]
    async fn pages_can_be_read_whole() {
        let server = TestServer::start().await;
        let jobs = format!("{}/jobs", hub_path());
        server
            .expect(Exchange::new("GET", &jobs).respond(CannedResponse::json(
                200,
                &json!({ "value": [job("j1")], "nextLink": server.url("/p2") }),
            )))
            .expect(
                Exchange::new("GET", "/p2")
                    .respond(CannedResponse::json(200, &json!({ "value": [] }))),
            );
        let pager = client(&server)
            .get_iot_hub_resource_client()
            .list_jobs("rg", "hub", None)
            .unwrap();
        let pages: Vec<_> = pager.into_pages().try_collect().await.unwrap();
        assert_eq!(pages.len(), 2);
        let first: models::JobResponseListResult =
            pages.into_iter().next().unwrap().into_model().unwrap();
        assert_eq!(first.value.unwrap_or_default().len(), 1);
        server.finish();
    }
}

mod long_running {
    use super::*;

    #[tokio::test]
    async fn create_or_update_follows_azure_async_operation_then_reads_the_resource() {
        let server = TestServer::start().await;
        let hub = hub_path();
        let monitor = server.url("/operations/op1?api-version=2023-06-30");
        // What the caller builds, with read-only fields the client must not send.
        let description: models::IotHubDescription = serde_json::from_value(json!({
            "id": "ignored-read-only",
            "location": "westus",
            "sku": { "name": "S1", "capacity": 1, "tier": "Standard" },
            "properties": { "provisioningState": "ignored-read-only", "enableFileUploadNotifications": true }
        }))
        .unwrap();
        let sent = json!({
            "location": "westus",
            "sku": { "name": "S1", "capacity": 1 },
            "properties": { "enableFileUploadNotifications": true }
        });
        let mut created = json!({
            "id": hub, "name": "hub", "type": "Microsoft.Devices/IotHubs", "location": "westus",
            "sku": { "name": "S1", "capacity": 1, "tier": "Standard" },
            "properties": { "provisioningState": "Accepted", "enableFileUploadNotifications": true }
        });
        server
            .expect(
                Exchange::new("PUT", &hub)
                    .query("api-version", API_VERSION)
                    .header("content-type", "application/json")
                    .json_body(sent)
                    .respond(
                        CannedResponse::json(201, &created)
                            .header("Azure-AsyncOperation", &monitor)
                            .header("Retry-After", "0"),
                    ),
            )
            .expect(
                Exchange::new("GET", "/operations/op1")
                    .query("api-version", API_VERSION)
                    .no_body()
                    .respond(
                        CannedResponse::json(200, &json!({ "status": "InProgress" }))
                            .header("Retry-After", "1"),
                    ),
            )
            .expect(
                Exchange::new("GET", "/operations/op1").respond(
                    CannedResponse::json(200, &json!({ "status": "InProgress" }))
                        .header("Retry-After", "0"),
                ),
            )
            .expect(
                Exchange::new("GET", "/operations/op1")
                    .respond(CannedResponse::json(200, &json!({ "status": "Succeeded" }))),
            );
        created["properties"]["provisioningState"] = json!("Succeeded");
        created["properties"]["hostName"] = json!("hub.azure-devices.net");
        server.expect(
            Exchange::new("GET", &hub)
                .query("api-version", API_VERSION)
                .respond(CannedResponse::json(200, &created)),
        );

        let poller = client(&server)
            .get_iot_hub_resource_client()
            .create_or_update("rg", "hub", description.try_into().unwrap(), None)
            .unwrap();
        let hub_now: models::IotHubDescription = poller.await.unwrap().into_model().unwrap();

        let properties = hub_now.properties.unwrap();
        assert_eq!(properties.provisioning_state.as_deref(), Some("Succeeded"));
        assert_eq!(
            properties.host_name.as_deref(),
            Some("hub.azure-devices.net")
        );
        server.finish();
        let requests = server.requests();
        assert_eq!(
            requests.iter().filter(|r| r.method == "PUT").count(),
            1,
            "the PUT is sent once"
        );
        assert!(
            gap(&requests, 1, 2) >= Duration::from_millis(950),
            "Retry-After: 1 honoured: {:?}",
            gap(&requests, 1, 2)
        );
        assert!(
            gap(&requests, 2, 3) < RETRY_AFTER_ZERO_BOUND,
            "Retry-After: 0 honoured: {:?}",
            gap(&requests, 2, 3)
        );
    }

    #[tokio::test]
    async fn create_or_update_reports_a_failed_operation() {
        let server = TestServer::start().await;
        let hub = hub_path();
        let description: models::IotHubDescription = serde_json::from_value(
            json!({ "location": "westus", "sku": { "name": "S1", "capacity": 1 } }),
        )
        .unwrap();
        server
            .expect(Exchange::new("PUT", &hub).respond(
                CannedResponse::json(201, &json!({}))
                    .header("Azure-AsyncOperation", &server.url("/operations/op2"))
                    .header("Retry-After", "0"),
            ))
            .expect(Exchange::new("GET", "/operations/op2").respond(CannedResponse::json(
                200,
                &json!({ "status": "Failed", "error": { "code": "QuotaExceeded", "message": "too many hubs" } }),
            )));
        let poller = client(&server)
            .get_iot_hub_resource_client()
            .create_or_update("rg", "hub", description.try_into().unwrap(), None)
            .unwrap();
        let error = poller.await.unwrap_err();
        let service = service_error::<ErrorDetails>(&error).expect("a service error");
        assert_eq!(service.code(), Some("QuotaExceeded"));
        assert_eq!(service.message(), Some("too many hubs"));
        server.finish();
    }

    /// Deletes `hub`: 202 with `Location`, a 202 poll, then `last`: the poller's outcome.
    async fn delete_ending_with(last: u16) -> azure_core::Result<u16> {
        let server = TestServer::start().await;
        let hub = hub_path();
        let location = server.url("/operationResults/del1?api-version=2023-06-30");
        server
            .expect(
                Exchange::new("DELETE", &hub)
                    .query("api-version", API_VERSION)
                    .no_body()
                    .respond(
                        CannedResponse::status(202)
                            .header("Location", &location)
                            .header("Retry-After", "0"),
                    ),
            )
            .expect(
                Exchange::new("GET", "/operationResults/del1")
                    .query("api-version", API_VERSION)
                    .respond(CannedResponse::status(202).header("Retry-After", "0")),
            )
            .expect(
                Exchange::new("GET", "/operationResults/del1")
                    .respond(CannedResponse::status(last)),
            );

        let poller = client(&server)
            .get_iot_hub_resource_client()
            .delete("rg", "hub", None)
            .unwrap();
        let outcome = poller.await.map(|response| u16::from(response.status()));
        server.finish();
        let requests = server.requests();
        assert_eq!(
            requests.iter().filter(|r| r.method == "DELETE").count(),
            1,
            "the DELETE is sent once"
        );
        assert!(
            gap(&requests, 0, 2) < RETRY_AFTER_ZERO_BOUND,
            "Retry-After: 0 honoured"
        );
        outcome
    }

    #[tokio::test]
    async fn delete_follows_location_to_204() {
        assert_eq!(delete_ending_with(204).await.unwrap(), 204, "the poller ends on the last answer");
    }

    /// The `Location` of a `DELETE` is a status monitor, not the resource: its `404` is an
    /// error (as in Azure's Go and Python runtimes), not the resource being gone.
    #[tokio::test]
    async fn a_404_from_the_delete_location_is_an_error() {
        let error = delete_ending_with(404).await.unwrap_err();
        assert_eq!(error.http_status(), Some(azure_core::http::StatusCode::NotFound));
    }
}

mod errors {
    use super::*;

    fn job_path(id: &str) -> String {
        format!("{}/jobs/{id}", hub_path())
    }

    #[tokio::test]
    async fn a_404_carries_the_decoded_error_details() {
        let server = TestServer::start().await;
        server.expect(Exchange::new("GET", &job_path("missing")).respond(CannedResponse::json(
            404,
            &json!({ "code": "JobNotFound", "httpStatusCode": "NotFound", "message": "Job missing not found", "details": "none" }),
        )));
        let error = client(&server)
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "missing", None)
            .await
            .unwrap_err();

        assert_eq!(error.http_status(), Some(StatusCode::NotFound));
        let service = service_error::<ErrorDetails>(&error).expect("a service error");
        assert_eq!(service.status(), StatusCode::NotFound);
        assert_eq!(service.code(), Some("JobNotFound"));
        assert_eq!(service.message(), Some("Job missing not found"));
        let details = service.error().expect("the body decodes as ErrorDetails");
        assert_eq!(details.code.as_deref(), Some("JobNotFound"));
        assert_eq!(details.message.as_deref(), Some("Job missing not found"));
        assert_eq!(details.details.as_deref(), Some("none"));
        server.finish();
    }

    #[tokio::test]
    async fn an_arm_error_envelope_is_read_too() {
        let server = TestServer::start().await;
        server.expect(
            Exchange::new("GET", &job_path("j")).respond(CannedResponse::json(
                409,
                &json!({ "error": { "code": "Conflict", "message": "busy" } }),
            )),
        );
        let error = client(&server)
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap_err();
        let service = service_error::<ErrorDetails>(&error).expect("a service error");
        assert_eq!(
            (service.code(), service.message()),
            (Some("Conflict"), Some("busy"))
        );
        server.finish();
    }

    #[tokio::test]
    async fn a_500_with_a_non_json_body_is_an_error_not_a_panic() {
        let server = TestServer::start().await;
        server.expect(
            Exchange::new("GET", &job_path("j")).respond(
                CannedResponse::status(500)
                    .header("content-type", "text/html")
                    .body("<html>upstream died</html>"),
            ),
        );
        let client = client_with(&server, |o| o.client_options.retry = RetryOptions::none());
        let error = client
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap_err();
        assert_eq!(error.http_status(), Some(StatusCode::InternalServerError));
        let service = service_error::<ErrorDetails>(&error).expect("a service error");
        assert!(service.error().is_none());
        assert_eq!(service.body(), b"<html>upstream died</html>");
        server.finish();
    }

    #[tokio::test]
    async fn a_truncated_json_body_is_an_error() {
        let server = TestServer::start().await;
        server.expect(
            Exchange::new("GET", &job_path("j")).respond(
                CannedResponse::status(200)
                    .header("content-type", "application/json")
                    .body(r#"{"jobId": "j", "sta"#),
            ),
        );
        let result = client(&server)
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await;
        let decoded = result.and_then(|response| response.into_model());
        assert!(decoded.is_err(), "{decoded:?}");
        server.finish();
    }
}

mod retries {
    use super::*;

    fn job_exchange() -> Exchange {
        Exchange::new("GET", &format!("{}/jobs/j", hub_path())).query("api-version", API_VERSION)
    }

    fn fixed(max_retries: u32) -> RetryOptions {
        RetryOptions::fixed(FixedRetryOptions {
            delay: azure_core::time::Duration::milliseconds(10),
            max_retries,
            ..Default::default()
        })
    }

    #[tokio::test]
    async fn a_429_and_a_503_are_retried_after_retry_after_then_succeed() {
        let server = TestServer::start().await;
        server
            .expect(job_exchange().respond(CannedResponse::status(429).header("Retry-After", "1")))
            .expect(job_exchange().respond(CannedResponse::status(503).header("Retry-After", "0")))
            .expect(job_exchange().respond(CannedResponse::json(200, &job("j"))));
        let client = client_with(&server, |o| o.client_options.retry = fixed(3));
        let job = client
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap()
            .into_model()
            .unwrap();
        assert_eq!(job.job_id.as_deref(), Some("j"));
        server.finish();
        let requests = server.requests();
        assert_eq!(requests.len(), 3);
        assert!(
            gap(&requests, 0, 1) >= Duration::from_millis(950),
            "Retry-After: 1 honoured: {:?}",
            gap(&requests, 0, 1)
        );
        assert!(
            gap(&requests, 1, 2) < RETRY_AFTER_ZERO_BOUND,
            "Retry-After: 0 honoured: {:?}",
            gap(&requests, 1, 2)
        );
        // Every attempt is authorized.
        assert!(requests
            .iter()
            .all(|r| r.header("authorization") == Some("Bearer e2e-test-token")));
    }

    #[tokio::test]
    async fn the_retry_count_is_configurable() {
        let server = TestServer::start().await;
        server
            .expect(job_exchange().respond(CannedResponse::status(429).header("Retry-After", "0")))
            .expect(job_exchange().respond(CannedResponse::status(503).header("Retry-After", "0")));
        let client = client_with(&server, |o| o.client_options.retry = fixed(1));
        let error = client
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap_err();
        assert_eq!(error.http_status(), Some(StatusCode::ServiceUnavailable));
        server.finish();
        assert_eq!(server.requests().len(), 2, "one try and one retry");
    }

    #[tokio::test]
    async fn exponential_retries_honour_retry_after_too() {
        let server = TestServer::start().await;
        server
            .expect(job_exchange().respond(CannedResponse::status(503).header("Retry-After", "0")))
            .expect(job_exchange().respond(CannedResponse::json(200, &job("j"))));
        let client = client_with(&server, |o| {
            o.client_options.retry = RetryOptions::exponential(ExponentialRetryOptions {
                initial_delay: azure_core::time::Duration::milliseconds(10),
                max_retries: 2,
                ..Default::default()
            })
        });
        client
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap();
        server.finish();
    }
}

mod auth {
    use super::*;

    #[tokio::test]
    async fn every_request_carries_a_token_for_the_endpoint_scope() {
        let server = TestServer::start().await;
        let credential = server.credential();
        let options = IotHubClientOptions {
            client_options: server.client_options(),
            endpoint: Some(server.endpoint().parse().unwrap()),
            ..Default::default()
        };
        let client = IotHubClient::new(credential.clone(), SUBSCRIPTION, Some(options)).unwrap();
        let path = format!("{}/jobs/j", hub_path());
        for _ in 0..2 {
            server
                .expect(Exchange::new("GET", &path).respond(CannedResponse::json(200, &job("j"))));
        }
        for _ in 0..2 {
            client
                .get_iot_hub_resource_client()
                .get_job("rg", "hub", "j", None)
                .await
                .unwrap();
        }
        server.finish();
        let scope = format!("{}/.default", server.endpoint());
        assert!(!credential.scopes().is_empty());
        assert!(
            credential
                .scopes()
                .iter()
                .all(|s| s == std::slice::from_ref(&scope)),
            "{:?}",
            credential.scopes()
        );
    }
}

mod enums {
    use super::*;

    #[tokio::test]
    async fn an_unknown_job_status_decodes_and_survives_encoding() {
        let server = TestServer::start().await;
        server.expect(
            Exchange::new("GET", &format!("{}/jobs/j", hub_path())).respond(CannedResponse::json(
                200,
                &json!({ "jobId": "j", "type": "rebootDevices", "status": "pausedForMaintenance" }),
            )),
        );
        let job = client(&server)
            .get_iot_hub_resource_client()
            .get_job("rg", "hub", "j", None)
            .await
            .unwrap()
            .into_model()
            .unwrap();

        let status = job.status.clone().unwrap();
        assert_eq!(
            status,
            JobStatus::UnknownValue("pausedForMaintenance".to_string())
        );
        assert_eq!(
            serde_json::to_value(&status).unwrap(),
            json!("pausedForMaintenance")
        );
        assert_eq!(status.to_string(), "pausedForMaintenance");
        assert_eq!("pausedForMaintenance".parse::<JobStatus>().unwrap(), status);
        let kind = job.type_.clone().unwrap();
        assert_eq!(kind, JobType::UnknownValue("rebootDevices".to_string()));
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!("rebootDevices"));
        // Known values are variants.
        assert_eq!(
            serde_json::from_value::<JobStatus>(json!("running")).unwrap(),
            JobStatus::Running
        );
        server.finish();
    }
}

mod paths {
    use super::*;

    #[tokio::test]
    async fn job_ids_reach_the_server_as_one_percent_encoded_segment() {
        let server = TestServer::start().await;
        let cases = [
            ("a/b", "a%2Fb"),
            ("../../x", "..%2F..%2Fx"),
            ("x?y#z", "x%3Fy%23z"),
            ("jöb-日本", "j%C3%B6b-%E6%97%A5%E6%9C%AC"),
            ("100%", "100%25"),
        ];
        for (id, encoded) in cases {
            server.expect(
                Exchange::new("GET", &format!("{}/jobs/{encoded}", hub_path()))
                    .query("api-version", API_VERSION)
                    .respond(CannedResponse::json(200, &job(id))),
            );
        }
        let jobs = client(&server).get_iot_hub_resource_client();
        for (id, _) in cases {
            let job = jobs
                .get_job("rg", "hub", id, None)
                .await
                .unwrap()
                .into_model()
                .unwrap();
            assert_eq!(job.job_id.as_deref(), Some(id));
        }
        server.finish();
        for (request, (id, _)) in server.requests().iter().zip(cases) {
            let segments: Vec<&str> = request.path.split('/').collect();
            assert_eq!(segments.len(), 11, "{}", request.path);
            let last = percent_encoding::percent_decode_str(segments[10])
                .decode_utf8()
                .unwrap();
            assert_eq!(last, id);
        }
    }

    #[tokio::test]
    async fn a_dot_dot_job_id_is_refused_before_anything_is_sent() {
        let server = TestServer::start().await;
        let jobs = client(&server).get_iot_hub_resource_client();
        for id in ["..", "."] {
            assert!(jobs.get_job("rg", "hub", id, None).await.is_err(), "{id:?}");
        }
        assert!(server.requests().is_empty());
    }

    /// An empty value is an empty segment, as the spec says (the URL keeps it): the request
    /// reaches the path with `//`, where the service answers for itself.
    #[tokio::test]
    async fn an_empty_job_id_is_an_empty_segment() {
        let server = TestServer::start().await;
        let path = format!("{}/jobs/", hub_path());
        server.expect(Exchange::new("GET", &path).respond(CannedResponse::json(
            404,
            &json!({ "code": "JobNotFound", "message": "no job" }),
        )));
        let error = client(&server).get_iot_hub_resource_client().get_job("rg", "hub", "", None).await.unwrap_err();
        assert_eq!(error.http_status(), Some(azure_core::http::StatusCode::NotFound));
        server.finish();
    }
}

mod secrets {
    use super::*;

    #[tokio::test]
    async fn debug_output_does_not_show_a_secret_received_over_the_wire() {
        let server = TestServer::start().await;
        let hub = hub_path();
        server.expect(Exchange::new("GET", &hub).respond(CannedResponse::json(
            200,
            &json!({
                "id": hub, "name": "hub", "location": "westus",
                "sku": { "name": "S1", "capacity": 1 },
                "properties": { "routing": { "endpoints": { "cosmosDBSqlContainers": [{
                    "name": "cosmos", "endpointUri": "https://cosmos.example", "databaseName": "db",
                    "containerName": "c", "primaryKey": "PRIMARY-SECRET-1", "secondaryKey": "SECONDARY-SECRET-2"
                }] } } }
            }),
        )));
        let hub = client(&server)
            .get_iot_hub_resource_client()
            .get("rg", "hub", None)
            .await
            .unwrap()
            .into_model()
            .unwrap();

        let debug = format!("{hub:?} {hub:#?}");
        assert!(
            debug.contains("cosmos.example"),
            "the rest is shown: {debug}"
        );
        assert!(
            !debug.contains("PRIMARY-SECRET-1") && !debug.contains("SECONDARY-SECRET-2"),
            "{debug}"
        );
        let encoded = serde_json::to_string(&hub).unwrap();
        assert!(
            encoded.contains("PRIMARY-SECRET-1"),
            "the secret itself is kept: {encoded}"
        );
        server.finish();
    }
}

/// PATCH requests are JSON merge-patch: a field left out is kept, `null` clears it, a value sets
/// it. IoT Hub's `update` replaces the hub's tags with the ones sent, so a tag is removed by
/// sending the others.
mod patch {
    use super::*;
    use azure_resourcemanager_iothub::patch::Patch;

    /// The hub as the service answers, with `tags`.
    fn hub_with(tags: Value) -> Value {
        json!({
            "id": hub_path(), "name": "hub", "type": "Microsoft.Devices/IotHubs", "location": "westus",
            "tags": tags,
            "sku": { "name": "S1", "capacity": 1, "tier": "Standard" },
            "properties": { "provisioningState": "Succeeded" }
        })
    }

    /// Scripts a PATCH of the hub that must carry exactly `sent`, answered with the hub.
    fn expect_patch(server: &TestServer, sent: Value, answer: Value) {
        server.expect(
            Exchange::new("PATCH", &hub_path())
                .query("api-version", API_VERSION)
                .header("content-type", "application/json")
                .json_body(sent)
                .respond(CannedResponse::json(200, &answer)),
        );
    }

    #[tokio::test]
    async fn a_tag_is_removed_by_sending_the_other_tags() {
        let server = TestServer::start().await;
        server.expect(
            Exchange::new("GET", &hub_path())
                .respond(CannedResponse::json(200, &hub_with(json!({ "env": "prod", "team": "iot" })))),
        );
        expect_patch(&server, json!({ "tags": { "env": "prod" } }), hub_with(json!({ "env": "prod" })));

        let hubs = client(&server).get_iot_hub_resource_client();
        let hub: models::IotHubDescription = hubs.get("rg", "hub", None).await.unwrap().into_model().unwrap();
        let mut tags = hub.tags.unwrap_or_default();
        tags.remove("team");
        let mut update = models::TagsResource::default();
        update.tags = tags.into();
        let updated: models::IotHubDescription =
            hubs.update("rg", "hub", update.try_into().unwrap(), None).unwrap().await.unwrap().into_model().unwrap();
        assert_eq!(updated.tags.unwrap().keys().collect::<Vec<_>>(), ["env"]);
        server.finish();
    }

    #[tokio::test]
    async fn clear_sends_null_and_keep_sends_nothing() {
        let server = TestServer::start().await;
        expect_patch(&server, json!({ "tags": null }), hub_with(json!({})));
        expect_patch(&server, json!({}), hub_with(json!({})));
        let hubs = client(&server).get_iot_hub_resource_client();

        let mut clear = models::TagsResource::default();
        clear.tags = Patch::Clear;
        hubs.update("rg", "hub", clear.try_into().unwrap(), None).unwrap().await.unwrap();
        let keep = models::TagsResource::default();
        assert!(keep.tags.is_keep());
        hubs.update("rg", "hub", keep.try_into().unwrap(), None).unwrap().await.unwrap();
        server.finish();
    }
}
