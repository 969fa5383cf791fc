//! The generated crate's fakes (its `fake` feature), used as a downstream team would: the client
//! built on `fake::ServerFactory::client_options`, each operation scripted with a typed handler,
//! the client's own paging, polling and error decoding running unchanged, with no network.

use std::sync::{Arc, Mutex};

use azure_resourcemanager_iothub::fake::{self, Failure, Lro, Pages, StatusCode};
use azure_resourcemanager_iothub::lro::PollerStatus;
use azure_resourcemanager_iothub::models::{self, ErrorDetails, IotHubDescription, JobResponse, JobStatus};
use azure_resourcemanager_iothub::{service_error, IotHubClient};
use futures::TryStreamExt as _;

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-00000000fa4e";

fn client(fake: &fake::ServerFactory) -> IotHubClient {
    IotHubClient::new(fake::credential(), SUBSCRIPTION, Some(fake.client_options())).unwrap()
}

/// A hub as the service answers it: with read-only fields, which a request never carries.
fn hub(name: &str, state: &str) -> IotHubDescription {
    let mut hub = IotHubDescription::new("westus", models::IotHubSkuInfo::new(models::IotHubSku::S1));
    hub.name = Some(name.to_string());
    hub.id = Some(format!("/subscriptions/{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/{name}"));
    let mut properties = models::IotHubProperties::default();
    properties.provisioning_state = Some(state.to_string());
    properties.host_name = Some(format!("{name}.azure-devices.net"));
    hub.properties = Some(properties);
    hub
}

#[tokio::test]
async fn a_plain_call_gets_its_typed_arguments_and_the_whole_result() {
    let fake = fake::ServerFactory::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    fake.iot_hub_resource().get_job(move |call| {
        record.lock().unwrap().push((call.subscription_id, call.resource_group_name, call.resource_name, call.job_id));
        let mut job = JobResponse::default();
        job.job_id = Some("j/1".to_string());
        job.status = Some(JobStatus::Running);
        Ok(job)
    });
    let job = client(&fake).get_iot_hub_resource_client().get_job("rg", "hub", "j/1", None).await.unwrap().into_model().unwrap();
    // Read-only fields travel in the fake's answer as in the service's.
    assert_eq!(job.job_id.as_deref(), Some("j/1"));
    assert_eq!(job.status, Some(JobStatus::Running));
    // The path parameters, read back from the encoded path (`j%2F1`).
    assert_eq!(*seen.lock().unwrap(), [(SUBSCRIPTION.to_string(), "rg".to_string(), "hub".to_string(), "j/1".to_string())]);
}

#[tokio::test]
async fn a_request_body_reaches_the_handler_decoded() {
    let fake = fake::ServerFactory::new();
    fake.iot_hub_resource().check_name_availability(|call| {
        let mut answer = models::IotHubNameAvailabilityInfo::default();
        answer.name_available = Some(call.operation_inputs.name != "taken");
        Ok(answer)
    });
    let client = client(&fake).get_iot_hub_resource_client();
    for (name, available) in [("taken", false), ("free", true)] {
        let info = client
            .check_name_availability(models::OperationInputs::new(name).try_into().unwrap(), None)
            .await
            .unwrap()
            .into_model()
            .unwrap();
        assert_eq!(info.name_available, Some(available), "{name}");
    }
}

#[tokio::test]
async fn a_pager_follows_the_fakes_next_links_across_pages() {
    let fake = fake::ServerFactory::new();
    fake.iot_hub_resource().list_by_subscription(|call| {
        assert_eq!(call.subscription_id, SUBSCRIPTION);
        Ok(Pages::new([vec![hub("a", "Succeeded"), hub("b", "Succeeded")], vec![], vec![hub("c", "Succeeded")]]))
    });
    let client = client(&fake).get_iot_hub_resource_client();
    let names: Vec<_> = client
        .list_by_subscription(None)
        .unwrap()
        .map_ok(|hub| hub.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["a", "b", "c"]);
    let pages: Vec<_> = client.list_by_subscription(None).unwrap().into_pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 3, "one response per scripted page");
}

#[tokio::test]
async fn create_or_update_waits_through_the_scripted_polls_for_the_hub() {
    let fake = fake::ServerFactory::new();
    let calls = Arc::new(Mutex::new(0));
    let counter = calls.clone();
    fake.iot_hub_resource().create_or_update(move |call| {
        *counter.lock().unwrap() += 1;
        assert_eq!((call.resource_group_name.as_str(), call.resource_name.as_str()), ("rg", "hub"));
        assert_eq!(call.iot_hub_description.location, "westus");
        assert_eq!(call.if_match, None);
        Ok(Lro::succeeded(hub("hub", "Succeeded")).after_polls(2))
    });
    let client = client(&fake).get_iot_hub_resource_client();
    let description = IotHubDescription::new("westus", models::IotHubSkuInfo::new(models::IotHubSku::S1));
    let fast = || azure_resourcemanager_iothub::clients::IotHubResourceClientCreateOrUpdateOptions {
        method_options: azure_resourcemanager_iothub::lro::PollerOptions {
            frequency: azure_core::time::Duration::seconds(1),
            ..Default::default()
        },
        ..Default::default()
    };

    // Watched status by status: the two polls in progress, then success.
    let mut poller = client.create_or_update("rg", "hub", description.clone().try_into().unwrap(), Some(fast())).unwrap();
    let mut statuses = Vec::new();
    while let Some(status) = poller.try_next().await.unwrap() {
        let status = status.into_model().unwrap().status().clone();
        statuses.push(status.clone());
        if status == PollerStatus::Succeeded {
            break;
        }
    }
    assert_eq!(statuses, [PollerStatus::InProgress, PollerStatus::InProgress, PollerStatus::InProgress, PollerStatus::Succeeded]);
    let created = poller.await.unwrap().into_model().unwrap();
    assert_eq!(created.properties.unwrap().provisioning_state.as_deref(), Some("Succeeded"));

    // Awaited at once: the result, with the read-only fields the service sets.
    let started = std::time::Instant::now();
    let created = client.create_or_update("rg", "hub", description.try_into().unwrap(), Some(fast())).unwrap().await.unwrap().into_model().unwrap();
    assert_eq!(created.id.as_deref(), Some(format!("/subscriptions/{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub").as_str()));
    assert_eq!(created.properties.unwrap().host_name.as_deref(), Some("hub.azure-devices.net"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "the fake's polls do not wait: {:?}", started.elapsed());
    assert_eq!(*calls.lock().unwrap(), 2, "the request is sent once per operation");
}

#[tokio::test]
async fn a_failed_operation_is_the_pollers_error_with_the_service_error() {
    let fake = fake::ServerFactory::new();
    fake.iot_hub_resource()
        .create_or_update(|_| Ok(Lro::failed(Failure::new(StatusCode::Conflict, "Conflict", "the hub is being deleted")).after_polls(1)));
    let description = IotHubDescription::new("westus", models::IotHubSkuInfo::new(models::IotHubSku::S1));
    let error = client(&fake)
        .get_iot_hub_resource_client()
        .create_or_update("rg", "hub", description.try_into().unwrap(), None)
        .unwrap()
        .await
        .unwrap_err();
    let service = service_error::<ErrorDetails>(&error).expect("the operation's service error");
    assert_eq!(service.code(), Some("Conflict"));
    assert_eq!(service.message(), Some("the hub is being deleted"));
}

#[tokio::test]
async fn a_delete_reads_its_result_from_the_monitor() {
    let fake = fake::ServerFactory::new();
    fake.iot_hub_resource().delete(|call| Ok(Lro::succeeded(hub(&call.resource_name, "Deleting"))));
    let deleted = client(&fake).get_iot_hub_resource_client().delete("rg", "old", None).unwrap().await.unwrap().into_model().unwrap();
    assert_eq!(deleted.name.as_deref(), Some("old"));
}

#[tokio::test]
async fn a_service_error_decodes_into_the_methods_error_type() {
    let fake = fake::ServerFactory::new();
    let mut details = ErrorDetails::default();
    details.code = Some("JobNotFound".into());
    details.http_status_code = Some("NotFound".into());
    details.message = Some("Job j not found".into());
    details.details = Some("gone".into());
    let failure = Failure::with_error(StatusCode::NotFound, &details).unwrap();
    fake.iot_hub_resource().get_job(move |_| Err(failure.clone()));
    let error = client(&fake).get_iot_hub_resource_client().get_job("rg", "hub", "j", None).await.unwrap_err();
    assert_eq!(error.http_status(), Some(StatusCode::NotFound));
    let service = service_error::<ErrorDetails>(&error).expect("a service error");
    assert_eq!((service.code(), service.message()), (Some("JobNotFound"), Some("Job j not found")));
    assert_eq!(service.error(), Some(&details), "every field of the error body, read-only ones too");
}

#[tokio::test]
async fn an_arm_envelope_error_is_written_for_an_operation_that_declares_one() {
    // `IotHubResource_Update` declares no error type: its errors are the ARM envelope.
    let fake = fake::ServerFactory::new();
    fake.iot_hub_resource().update(|_| Err(Failure::new(StatusCode::BadRequest, "InvalidTags", "too many tags")));
    let error = client(&fake)
        .get_iot_hub_resource_client()
        .update("rg", "hub", models::TagsResource::default().try_into().unwrap(), None)
        .unwrap()
        .await
        .unwrap_err();
    let service = service_error::<serde_json::Value>(&error).expect("a service error");
    assert_eq!(service.error().unwrap()["error"]["code"], "InvalidTags");
    assert_eq!(service.code(), Some("InvalidTags"));
}

#[tokio::test]
async fn an_operation_without_a_handler_says_which_server_method_scripts_it() {
    let fake = fake::ServerFactory::new();
    let error = client(&fake).get_iot_hub_resource_client().get_stats("rg", "hub", None).await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("IotHubResource_GetStats") && message.contains("fake::IotHubResourceServer::get_stats"), "{message}");
}

#[tokio::test]
async fn handlers_can_be_replaced_after_the_client_is_built() {
    let fake = fake::ServerFactory::new();
    let client = client(&fake);
    let hubs = client.get_iot_hub_resource_client();
    fake.iot_hub_resource().get(|call| Ok(hub(&call.resource_name, "Succeeded")));
    assert_eq!(hubs.get("rg", "one", None).await.unwrap().into_model().unwrap().name.as_deref(), Some("one"));
    fake.iot_hub_resource().get(|_| Err(Failure::new(StatusCode::NotFound, "ResourceNotFound", "no hub")));
    assert_eq!(hubs.get("rg", "one", None).await.unwrap_err().http_status(), Some(StatusCode::NotFound));
}
