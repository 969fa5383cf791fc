//! What a team managing IoT hubs from Rust does with the generated crate, written the way they
//! would write it (constructors, `?`, `futures` streams; no hand-built JSON for requests), against
//! the HTTPS test server: get a job, list hubs (items and pages), create a hub and wait for it
//! (awaiting, and status by status), update tags, list keys and get one, delete a hub and wait,
//! check a name, and read the code of a 404.

#[path = "../../templates/test_server.rs"]
mod support;

use std::collections::HashMap;

use azure_resourcemanager_iothub::lro::{PollerOptions, PollerStatus};
use azure_resourcemanager_iothub::models::{
    AccessRights, ErrorDetails, IotHubDescription, IotHubSku, IotHubSkuInfo, JobStatus, JobType,
    OperationInputs, TagsResource,
};
use azure_resourcemanager_iothub::error::StatusCode;
use azure_resourcemanager_iothub::{service_error, IotHubClient, IotHubClientOptions};
use futures::TryStreamExt as _;
use serde_json::{json, Value};
use support::{CannedResponse, Exchange, TestServer};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-00000000c0de";
const API_VERSION: &str = "2023-06-30";

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn client(server: &TestServer) -> IotHubClient {
    let options = IotHubClientOptions {
        client_options: server.client_options(),
        endpoint: Some(server.endpoint().parse().expect("the test server's URL")),
        ..Default::default()
    };
    // No `?` or `unwrap`: building a client cannot fail.
    IotHubClient::new(server.credential(), SUBSCRIPTION, Some(options)).expect("a client")
}

fn hubs_in(group: &str) -> String {
    format!("/subscriptions/{SUBSCRIPTION}/resourceGroups/{group}/providers/Microsoft.Devices/IotHubs")
}

fn hub(group: &str, name: &str) -> String {
    format!("{}/{name}", hubs_in(group))
}

/// A hub as the service describes it.
fn hub_json(group: &str, name: &str, state: &str) -> Value {
    json!({
        "id": hub(group, name),
        "name": name,
        "type": "Microsoft.Devices/IotHubs",
        "location": "westeurope",
        "tags": { "team": "devices" },
        "sku": { "name": "S1", "tier": "Standard", "capacity": 1 },
        "properties": { "provisioningState": state, "hostName": format!("{name}.azure-devices.net") }
    })
}

/// A poller frequency short enough for tests when the service sends no `Retry-After`.
fn quick_polls<'a>() -> PollerOptions<'a> {
    PollerOptions {
        frequency: azure_core::time::Duration::seconds(1),
        ..Default::default()
    }
}

#[tokio::test]
async fn get_a_job() -> TestResult {
    let server = TestServer::start().await;
    server.expect(
        Exchange::new("GET", &format!("{}/jobs/job-1", hub("rg", "hub1")))
            .query("api-version", API_VERSION)
            .respond(CannedResponse::json(
                200,
                &json!({
                    "jobId": "job-1",
                    "startTimeUtc": "Thu, 15 Jun 2017 19:20:58 GMT",
                    "endTimeUtc": "Thu, 15 Jun 2017 19:21:58 GMT",
                    "type": "export",
                    "status": "completed"
                }),
            )),
    );
    let job = client(&server)
        .get_iot_hub_resource_client()
        .get_job("rg", "hub1", "job-1", None)
        .await?
        .into_model()?;
    assert_eq!(job.job_id.as_deref(), Some("job-1"));
    assert_eq!(job.type_, Some(JobType::Export));
    assert_eq!(job.status, Some(JobStatus::Completed));
    let (start, end) = (job.start_time_utc.unwrap(), job.end_time_utc.unwrap());
    assert_eq!((end - start).whole_seconds(), 60);
    server.finish();
    Ok(())
}

#[tokio::test]
async fn list_hubs_in_a_subscription_and_in_a_resource_group() -> TestResult {
    let server = TestServer::start().await;
    let in_subscription = format!("/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Devices/IotHubs");
    server
        .expect(Exchange::new("GET", &in_subscription).query("api-version", API_VERSION).respond(
            CannedResponse::json(
                200,
                &json!({ "value": [hub_json("rg1", "a", "Succeeded")], "nextLink": server.url("/page2") }),
            ),
        ))
        .expect(
            Exchange::new("GET", "/page2").query("api-version", API_VERSION).respond(
                CannedResponse::json(200, &json!({ "value": [hub_json("rg2", "b", "Succeeded")] })),
            ),
        )
        .expect(Exchange::new("GET", &hubs_in("rg1")).respond(CannedResponse::json(
            200,
            &json!({ "value": [hub_json("rg1", "a", "Succeeded")], "nextLink": server.url("/rg1/page2") }),
        )))
        .expect(Exchange::new("GET", "/rg1/page2").respond(CannedResponse::json(
            200,
            &json!({ "value": [hub_json("rg1", "c", "Succeeded")] }),
        )));
    let hubs = client(&server).get_iot_hub_resource_client();

    // Every hub of the subscription, across pages.
    let all: Vec<IotHubDescription> = hubs.list_by_subscription(None)?.try_collect().await?;
    let names: Vec<_> = all.iter().filter_map(|h| h.name.as_deref()).collect();
    assert_eq!(names, ["a", "b"]);

    // The hubs of a resource group, page by page.
    let mut pages = hubs.list_by_resource_group("rg1", None)?.into_pages();
    let mut sizes = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.into_model()?.value.unwrap_or_default().len());
    }
    assert_eq!(sizes, [1, 1]);
    server.finish();
    Ok(())
}

#[tokio::test]
async fn create_a_hub_and_wait_for_it() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub1");
    server
        .expect(
            Exchange::new("PUT", &path)
                .json_body(json!({
                    "location": "westeurope",
                    "tags": { "team": "devices" },
                    "sku": { "name": "S1", "capacity": 1 }
                }))
                .respond(
                    CannedResponse::json(201, &hub_json("rg", "hub1", "Activating"))
                        .header("Azure-AsyncOperation", &server.url("/ops/1"))
                        .header("Retry-After", "0"),
                ),
        )
        .expect(Exchange::new("GET", "/ops/1").respond(
            CannedResponse::json(200, &json!({ "status": "Succeeded" })),
        ))
        .expect(
            Exchange::new("GET", &path)
                .respond(CannedResponse::json(200, &hub_json("rg", "hub1", "Succeeded"))),
        );

    // Required fields in `new`, strings as `&str`; optional ones set afterwards.
    let mut sku = IotHubSkuInfo::new(IotHubSku::S1);
    sku.capacity = Some(1);
    let mut description = IotHubDescription::new("westeurope", sku);
    description.tags = Some(HashMap::from([("team".to_string(), "devices".to_string())]));

    let created = client(&server)
        .get_iot_hub_resource_client()
        .create_or_update("rg", "hub1", description.try_into()?, None)?
        .await?
        .into_model()?;
    let properties = created.properties.expect("properties");
    assert_eq!(properties.provisioning_state.as_deref(), Some("Succeeded"));
    assert_eq!(properties.host_name.as_deref(), Some("hub1.azure-devices.net"));
    server.finish();
    Ok(())
}

#[tokio::test]
async fn create_a_hub_and_watch_each_status() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub2");
    server
        .expect(Exchange::new("PUT", &path).respond(
            CannedResponse::json(201, &hub_json("rg", "hub2", "Activating"))
                .header("Azure-AsyncOperation", &server.url("/ops/2"))
                .header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/ops/2").respond(
            CannedResponse::json(200, &json!({ "status": "InProgress" })).header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/ops/2").respond(
            CannedResponse::json(200, &json!({ "status": "Succeeded" })),
        ))
        .expect(
            Exchange::new("GET", &path)
                .respond(CannedResponse::json(200, &hub_json("rg", "hub2", "Succeeded"))),
        );
    let description = IotHubDescription::new("westeurope", IotHubSkuInfo::new(IotHubSku::S1));
    let options = azure_resourcemanager_iothub::clients::IotHubResourceClientCreateOrUpdateOptions {
        method_options: quick_polls(),
        ..Default::default()
    };
    let mut poller = client(&server).get_iot_hub_resource_client().create_or_update(
        "rg",
        "hub2",
        description.try_into()?,
        Some(options),
    )?;
    let mut seen = Vec::new();
    while let Some(status) = poller.try_next().await? {
        let status = status.into_model()?.status().clone();
        seen.push(status.clone());
        // azure_core 1.1's poller panics when awaited after its stream has ended, so stop at
        // `Succeeded` (failures arrive as errors) and let the await read the final resource.
        if status == PollerStatus::Succeeded {
            break;
        }
    }
    // The first status is the state the PUT's answer reported; the monitor's follow.
    assert_eq!(
        seen,
        [PollerStatus::UnknownValue("Activating".into()), PollerStatus::InProgress, PollerStatus::Succeeded]
    );
    // After watching, awaiting the poller reads the final resource.
    let created = poller.await?.into_model()?;
    assert_eq!(created.name.as_deref(), Some("hub2"));
    server.finish();
    Ok(())
}

#[tokio::test]
async fn update_the_tags_of_a_hub() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub1");
    let mut updated = hub_json("rg", "hub1", "Succeeded");
    updated["tags"] = json!({ "team": "platform" });
    server.expect(
        Exchange::new("PATCH", &path)
            .json_body(json!({ "tags": { "team": "platform" } }))
            .respond(CannedResponse::json(200, &updated)),
    );
    let mut tags = TagsResource::default();
    tags.tags = HashMap::from([("team".into(), "platform".into())]).into();
    let hub = client(&server)
        .get_iot_hub_resource_client()
        .update("rg", "hub1", tags.try_into()?, None)?
        .await?
        .into_model()?;
    assert_eq!(hub.tags.unwrap()["team"], "platform");
    server.finish();
    Ok(())
}

#[tokio::test]
async fn list_the_keys_of_a_hub_and_get_one() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub1");
    let rule = |name: &str| {
        json!({ "keyName": name, "primaryKey": "cHJpbWFyeQ==", "secondaryKey": "c2Vjb25kYXJ5", "rights": "RegistryRead, RegistryWrite" })
    };
    server
        .expect(
            Exchange::new("POST", &format!("{path}/listkeys"))
                .query("api-version", API_VERSION)
                .no_body()
                .respond(CannedResponse::json(
                    200,
                    &json!({ "value": [rule("iothubowner")], "nextLink": server.url("/keys2") }),
                )),
        )
        .expect(
            // Next pages of a POST listing are read with GET.
            Exchange::new("GET", "/keys2")
                .respond(CannedResponse::json(200, &json!({ "value": [rule("service")] }))),
        )
        .expect(
            Exchange::new("POST", &format!("{path}/IotHubKeys/service/listkeys"))
                .respond(CannedResponse::json(200, &rule("service"))),
        );
    let hubs = client(&server).get_iot_hub_resource_client();
    let keys: Vec<_> = hubs.list_keys("rg", "hub1", None)?.try_collect().await?;
    let names: Vec<_> = keys.iter().map(|k| k.key_name.as_str()).collect();
    assert_eq!(names, ["iothubowner", "service"]);
    assert_eq!(
        keys[0].rights,
        AccessRights::from("RegistryRead, RegistryWrite")
    );

    let key = hubs
        .get_keys_for_key_name("rg", "hub1", "service", None)
        .await?
        .into_model()?;
    assert_eq!(key.primary_key.as_deref(), Some("cHJpbWFyeQ=="));
    server.finish();
    Ok(())
}

#[tokio::test]
async fn delete_a_hub_and_wait() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub1");
    server
        .expect(Exchange::new("DELETE", &path).respond(
            CannedResponse::status(202)
                .header("Location", &server.url("/results/9"))
                .header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/results/9").respond(
            CannedResponse::status(202).header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/results/9").respond(CannedResponse::status(204)));
    let mut poller = client(&server)
        .get_iot_hub_resource_client()
        .delete("rg", "hub1", None)?;
    // Watching a delete until its operation result says it is done (204).
    let mut last = None;
    while let Some(status) = poller.try_next().await? {
        let status = status.into_model()?.status().clone();
        last = Some(status.clone());
        if status == PollerStatus::Succeeded {
            break;
        }
    }
    assert_eq!(last, Some(PollerStatus::Succeeded));
    let done = poller.await?;
    assert_eq!(u16::from(done.status()), 204);
    server.finish();
    Ok(())
}

/// A create started by one process is finished by another: the first keeps the resume token
/// of the running operation, the second rebuilds the poller from it and waits; the `PUT` is
/// sent once.
#[tokio::test]
async fn suspend_a_create_and_resume_it_elsewhere() -> TestResult {
    let server = TestServer::start().await;
    let path = hub("rg", "hub3");
    server
        .expect(Exchange::new("PUT", &path).respond(
            CannedResponse::json(201, &hub_json("rg", "hub3", "Accepted"))
                .header("Azure-AsyncOperation", &server.url("/ops/3"))
                .header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/ops/3").respond(
            CannedResponse::json(200, &json!({ "status": "InProgress" })).header("Retry-After", "0"),
        ))
        .expect(Exchange::new("GET", "/ops/3").respond(
            CannedResponse::json(200, &json!({ "status": "Succeeded" })),
        ))
        .expect(
            Exchange::new("GET", &path)
                .respond(CannedResponse::json(200, &hub_json("rg", "hub3", "Succeeded"))),
        );
    let description = IotHubDescription::new("westeurope", IotHubSkuInfo::new(IotHubSku::S1));
    let mut poller = client(&server).get_iot_hub_resource_client().create_or_update(
        "rg",
        "hub3",
        description.try_into()?,
        None,
    )?;
    // The first process sends the PUT, sees it running, keeps the token and stops.
    let first = poller.try_next().await?.expect("a first status").into_model()?;
    let token = first.resume_token().expect("a running operation has a resume token").to_string();
    drop(poller);

    // Another process, with its own client, picks it up.
    let hubs = client(&server).get_iot_hub_resource_client();
    let options = azure_resourcemanager_iothub::lro::PollerOptions {
        frequency: azure_core::time::Duration::seconds(1),
        ..Default::default()
    };
    let created = hubs.resume_create_or_update(&token, Some(options))?.await?.into_model()?;
    assert_eq!(created.name.as_deref(), Some("hub3"));
    // A token is tied to its operation.
    let error = hubs.resume_delete(&token, None).unwrap_err();
    assert!(error.to_string().contains("not a resume token of `IotHubResource_Delete`"), "{error}");
    server.finish();
    let puts = server.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1, "the PUT is sent once");
    Ok(())
}

#[tokio::test]
async fn check_whether_a_name_is_available() -> TestResult {
    let server = TestServer::start().await;
    server.expect(
        Exchange::new(
            "POST",
            &format!("/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Devices/checkNameAvailability"),
        )
        .json_body(json!({ "name": "my-hub" }))
        .respond(CannedResponse::json(
            200,
            &json!({ "nameAvailable": false, "reason": "AlreadyExists", "message": "taken" }),
        )),
    );
    let answer = client(&server)
        .get_iot_hub_resource_client()
        .check_name_availability(OperationInputs::new("my-hub").try_into()?, None)
        .await?
        .into_model()?;
    assert_eq!(answer.name_available, Some(false));
    assert_eq!(answer.message.as_deref(), Some("taken"));
    server.finish();
    Ok(())
}

#[tokio::test]
async fn a_missing_hub_is_a_404_whose_code_is_readable() -> TestResult {
    let server = TestServer::start().await;
    server.expect(Exchange::new("GET", &hub("rg", "nope")).respond(CannedResponse::json(
        404,
        &json!({ "code": "IotHubNotFound", "httpStatusCode": "NotFound", "message": "IotHub 'nope' not found" }),
    )));
    let error = client(&server)
        .get_iot_hub_resource_client()
        .get("rg", "nope", None)
        .await
        .expect_err("a 404");
    assert_eq!(error.http_status(), Some(StatusCode::NotFound));
    let service = service_error::<ErrorDetails>(&error).expect("the decoded service error");
    assert_eq!(service.code(), Some("IotHubNotFound"));
    assert_eq!(
        service.error().and_then(|e| e.message.as_deref()),
        Some("IotHub 'nope' not found")
    );
    server.finish();
    Ok(())
}
