//! Quick checks of the generated client's request logic through a scripted in-memory transport
//! (no sockets): paging, long-running operations, errors and paths. The HTTPS scenario tests
//! cover the same ground over a real server; these pin down the emitter's runtime module.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::poller::PollerOptions;
use azure_core::http::{AsyncRawResponse, ClientOptions, HttpClient, Request, RequestContent, StatusCode, Transport};
use azure_resourcemanager_iothub::clients::{IotHubResourceClientCreateOrUpdateOptions, IotHubResourceClientDeleteOptions};
use azure_resourcemanager_iothub::models::ErrorDetails;
use azure_resourcemanager_iothub::{service_error, IotHubClient, IotHubClientOptions};
use futures::TryStreamExt;

#[derive(Debug)]
struct Credential;

#[async_trait::async_trait]
impl TokenCredential for Credential {
    async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<AccessToken> {
        assert_eq!(scopes, ["https://management.azure.com/.default"]);
        Ok(AccessToken::new("token", azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1)))
    }
}

/// One scripted answer.
#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn answer(status: u16, headers: &[(&'static str, &str)], body: &str) -> Answer {
    Answer { status, headers: headers.iter().map(|(k, v)| (*k, v.to_string())).collect(), body: body.into() }
}

/// Answers requests in order and records them as `METHOD url`.
#[derive(Debug, Default)]
struct Script {
    answers: Mutex<VecDeque<Answer>>,
    seen: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl HttpClient for Script {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        assert_eq!(request.headers().get_optional_str(&HeaderName::from_static("authorization")), Some("Bearer token"));
        self.seen.lock().unwrap().push(format!("{} {}", request.method(), request.url()));
        let answer = self.answers.lock().unwrap().pop_front().expect("a scripted answer");
        let mut headers = Headers::new();
        for (k, v) in answer.headers {
            headers.insert(k, v);
        }
        Ok(AsyncRawResponse::from_bytes(StatusCode::from(answer.status), headers, answer.body.into_bytes()))
    }
}

fn scripted(answers: Vec<Answer>) -> (IotHubClient, Arc<Script>) {
    let script = Arc::new(Script::default());
    *script.answers.lock().unwrap() = answers.into_iter().collect();
    let options = IotHubClientOptions {
        client_options: ClientOptions {
            transport: Some(Transport::new(script.clone())),
            retry: azure_core::http::RetryOptions::none(),
            ..Default::default()
        },
        ..Default::default()
    };
    (IotHubClient::new(Arc::new(Credential), "sub", Some(options)).unwrap(), script)
}

const HUB: &str = "https://management.azure.com/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub";

fn fast() -> PollerOptions<'static> {
    PollerOptions { frequency: azure_core::time::Duration::seconds(1), ..Default::default() }
}

#[tokio::test]
async fn pages_follow_next_links_with_exactly_one_api_version() {
    let next = "https://management.azure.com/subscriptions/sub/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30&$skipToken=a%3Db";
    let (client, script) = scripted(vec![
        answer(200, &[], &format!(r#"{{"value":[{{"location":"a","sku":{{"name":"S1","capacity":1}}}},{{"location":"b","sku":{{"name":"S1","capacity":1}}}}],"nextLink":"{next}"}}"#)),
        answer(200, &[], r#"{"value":[{"location":"c","sku":{"name":"S1","capacity":1}}],"nextLink":""}"#),
    ]);
    let hubs: Vec<_> = client.get_iot_hub_resource_client().list_by_subscription(None).unwrap().try_collect().await.unwrap();
    let locations: Vec<_> = hubs.iter().map(|h| h.location.as_str()).collect();
    assert_eq!(locations, ["a", "b", "c"]);
    assert_eq!(
        *script.seen.lock().unwrap(),
        [
            "GET https://management.azure.com/subscriptions/sub/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30",
            "GET https://management.azure.com/subscriptions/sub/providers/Microsoft.Devices/IotHubs?$skipToken=a%3Db&api-version=2023-06-30",
        ]
    );
}

#[tokio::test]
async fn create_or_update_polls_the_async_operation_then_gets_the_resource() {
    let monitor = "https://management.azure.com/operations/1?api-version=2023-06-30";
    let (client, script) = scripted(vec![
        answer(201, &[("azure-asyncoperation", monitor), ("retry-after", "0")], r#"{"location":"x","properties":{"provisioningState":"Accepted"}}"#),
        answer(200, &[("retry-after", "0")], r#"{"status":"InProgress"}"#),
        answer(200, &[("retry-after", "0")], r#"{"status":"InProgress"}"#),
        answer(200, &[], r#"{"status":"Succeeded"}"#),
        answer(200, &[], r#"{"location":"westus","sku":{"name":"S1","capacity":1},"properties":{"provisioningState":"Succeeded"}}"#),
    ]);
    let body = RequestContent::from(br#"{"location":"westus","sku":{"name":"S1","capacity":1}}"#.to_vec());
    let options = IotHubResourceClientCreateOrUpdateOptions { method_options: fast(), ..Default::default() };
    let hub = client
        .get_iot_hub_resource_client()
        .create_or_update("rg", "hub", body, Some(options))
        .unwrap()
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(hub.location, "westus");
    let seen = script.seen.lock().unwrap().clone();
    let url = format!("{HUB}?api-version=2023-06-30");
    assert_eq!(seen, [format!("PUT {url}"), format!("GET {monitor}"), format!("GET {monitor}"), format!("GET {monitor}"), format!("GET {url}")]);
}

#[tokio::test]
async fn delete_polls_location_until_no_content() {
    let location = "https://management.azure.com/operationResults/1?api-version=2023-06-30";
    let (client, script) = scripted(vec![
        answer(202, &[("location", location), ("retry-after", "0")], ""),
        answer(202, &[("retry-after", "0")], ""),
        answer(204, &[], ""),
    ]);
    let options = IotHubResourceClientDeleteOptions { method_options: fast() };
    let response = client.get_iot_hub_resource_client().delete("rg", "hub", Some(options)).unwrap().await.unwrap();
    assert_eq!(u16::from(response.status()), 204);
    let seen = script.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert!(seen[0].starts_with("DELETE "));
    assert_eq!(seen[1], format!("GET {location}"));
}

/// A `404` from the status monitor a `DELETE` named is the monitor's failure, not the
/// resource's absence: the poller ends in that error, as Azure's Go and Python runtimes do.
#[tokio::test]
async fn a_404_from_the_delete_monitor_is_an_error() {
    let location = "https://management.azure.com/operationResults/1?api-version=2023-06-30";
    let (client, _) = scripted(vec![
        answer(202, &[("location", location), ("retry-after", "0")], ""),
        answer(404, &[], r#"{"code":"NotFound","message":"no such operation"}"#),
    ]);
    let options = IotHubResourceClientDeleteOptions { method_options: fast() };
    let error = client.get_iot_hub_resource_client().delete("rg", "hub", Some(options)).unwrap().await.unwrap_err();
    assert_eq!(error.http_status(), Some(StatusCode::NotFound));
    assert_eq!(service_error::<ErrorDetails>(&error).unwrap().code(), Some("NotFound"));
}

/// A `DELETE` accepted with no monitor but a body still deleting is followed on the resource
/// itself, where a `404` means it is gone.
#[tokio::test]
async fn a_delete_without_a_monitor_polls_the_resource_until_it_is_gone() {
    let (client, script) = scripted(vec![
        answer(202, &[("retry-after", "0")], r#"{"properties":{"provisioningState":"Deleting"}}"#),
        answer(200, &[("retry-after", "0")], r#"{"properties":{"provisioningState":"Deleting"}}"#),
        answer(404, &[], ""),
    ]);
    let options = IotHubResourceClientDeleteOptions { method_options: fast() };
    let response = client.get_iot_hub_resource_client().delete("rg", "hub", Some(options)).unwrap().await.unwrap();
    assert_eq!(u16::from(response.status()), 404);
    let seen = script.seen.lock().unwrap().clone();
    let url = format!("{HUB}?api-version=2023-06-30");
    assert_eq!(seen, [format!("DELETE {url}"), format!("GET {url}"), format!("GET {url}")]);
}

/// A `DELETE` accepted with neither a monitor nor a state to follow cannot be followed: an
/// error, not a silent success.
#[tokio::test]
async fn a_delete_accepted_without_anything_to_follow_is_an_error() {
    let (client, _) = scripted(vec![answer(202, &[], "")]);
    let options = IotHubResourceClientDeleteOptions { method_options: fast() };
    let error = client.get_iot_hub_resource_client().delete("rg", "hub", Some(options)).unwrap().await.unwrap_err();
    assert!(error.to_string().contains("named no status monitor"), "{error}");
}

#[tokio::test]
async fn errors_carry_the_decoded_error_details() {
    let (client, _) = scripted(vec![answer(404, &[], r#"{"code":"IotHubNotFound","message":"no such hub"}"#)]);
    let error = client.get_iot_hub_resource_client().get("rg", "hub", None).await.unwrap_err();
    assert_eq!(error.http_status(), Some(StatusCode::NotFound));
    let service = service_error::<ErrorDetails>(&error).unwrap();
    assert_eq!(service.code(), Some("IotHubNotFound"));
    assert_eq!(service.error().unwrap().message.as_deref(), Some("no such hub"));

    let (client, _) = scripted(vec![answer(500, &[], "<html>oops</html>")]);
    let error = client.get_iot_hub_resource_client().get("rg", "hub", None).await.unwrap_err();
    let service = service_error::<ErrorDetails>(&error).unwrap();
    assert!(service.error().is_none());

    let (client, _) = scripted(vec![answer(200, &[], r#"{"location":"we"#)]);
    let response = client.get_iot_hub_resource_client().get("rg", "hub", None).await.unwrap();
    assert!(response.into_model().is_err());
}

#[tokio::test]
async fn path_parameters_are_one_segment() {
    let (client, script) = scripted(vec![answer(200, &[], "{}"), answer(200, &[], "{}"), answer(200, &[], "{}")]);
    let jobs = client.get_iot_hub_resource_client();
    for id in ["a/b", "../../x", "x?y#z"] {
        jobs.get_job("rg", "hub", id, None).await.unwrap();
    }
    let seen = script.seen.lock().unwrap().clone();
    assert_eq!(seen[0], format!("GET {HUB}/jobs/a%2Fb?api-version=2023-06-30"));
    assert_eq!(seen[1], format!("GET {HUB}/jobs/..%2F..%2Fx?api-version=2023-06-30"));
    assert_eq!(seen[2], format!("GET {HUB}/jobs/x%3Fy%23z?api-version=2023-06-30"));
    assert!(jobs.get_job("rg", "hub", "..", None).await.is_err());
}

#[tokio::test]
async fn a_failed_operation_is_an_error_with_the_service_error() {
    let monitor = "https://management.azure.com/operations/2?api-version=2023-06-30";
    let (client, script) = scripted(vec![
        answer(201, &[("azure-asyncoperation", monitor), ("retry-after", "0")], r#"{"location":"x","sku":{"name":"S1","capacity":1}}"#),
        answer(200, &[], r#"{"status":"Failed","error":{"code":"Boom","message":"it broke"}}"#),
    ]);
    let body = RequestContent::from(br#"{"location":"westus","sku":{"name":"S1","capacity":1}}"#.to_vec());
    let options = IotHubResourceClientCreateOrUpdateOptions { method_options: fast(), ..Default::default() };
    let error = client.get_iot_hub_resource_client().create_or_update("rg", "hub", body, Some(options)).unwrap().await.unwrap_err();
    let service = service_error::<ErrorDetails>(&error).unwrap();
    assert_eq!(service.code(), Some("Boom"));
    assert_eq!(service.error().unwrap().message.as_deref(), Some("it broke"));
    assert_eq!(script.seen.lock().unwrap().len(), 2);
}

mod clouds {
    use super::*;
    use azure_core::cloud::{Audiences, CloudConfiguration, CustomConfiguration};

    /// Hands out a token and records the scopes it was asked for.
    #[derive(Debug, Default)]
    struct ScopeRecorder(Mutex<Vec<String>>);

    #[async_trait::async_trait]
    impl TokenCredential for ScopeRecorder {
        async fn get_token(&self, scopes: &[&str], _: Option<TokenRequestOptions<'_>>) -> azure_core::Result<AccessToken> {
            self.0.lock().unwrap().extend(scopes.iter().map(|s| s.to_string()));
            Ok(AccessToken::new("token", azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1)))
        }
    }

    /// A client for `cloud` (and `endpoint`, if set) that answers every request with an empty
    /// page: the URL it sent and the scopes its credential was asked for.
    async fn first_request(cloud: Option<CloudConfiguration>, endpoint: Option<&str>) -> azure_core::Result<(String, Vec<String>)> {
        let script = Arc::new(Script::default());
        script.answers.lock().unwrap().push_back(answer(200, &[], r#"{"value":[]}"#));
        let credential = Arc::new(ScopeRecorder::default());
        let options = IotHubClientOptions {
            client_options: ClientOptions {
                transport: Some(Transport::new(script.clone())),
                retry: azure_core::http::RetryOptions::none(),
                cloud: cloud.map(Arc::new),
                ..Default::default()
            },
            endpoint: endpoint.map(|e| e.parse().unwrap()),
            ..Default::default()
        };
        let client = IotHubClient::new(credential.clone(), "sub", Some(options))?;
        let hubs: Vec<_> = client.get_iot_hub_resource_client().list_by_subscription(None)?.try_collect().await?;
        assert!(hubs.is_empty());
        let url = script.seen.lock().unwrap()[0].clone();
        let scopes = credential.0.lock().unwrap().clone();
        Ok((url, scopes))
    }

    const PATH: &str = "/subscriptions/sub/providers/Microsoft.Devices/IotHubs?api-version=2023-06-30";

    #[tokio::test]
    async fn the_cloud_picks_resource_managers_endpoint_and_the_scope_follows() {
        for (cloud, host) in [
            (None, "https://management.azure.com"),
            (Some(CloudConfiguration::AzurePublic), "https://management.azure.com"),
            (Some(CloudConfiguration::AzureGovernment), "https://management.usgovcloudapi.net"),
            (Some(CloudConfiguration::AzureChina), "https://management.chinacloudapi.cn"),
        ] {
            let (url, scopes) = first_request(cloud.clone(), None).await.unwrap();
            assert_eq!(url, format!("GET {host}{PATH}"), "{cloud:?}");
            assert_eq!(scopes, [format!("{host}/.default")], "{cloud:?}");
        }
    }

    #[tokio::test]
    async fn an_explicit_endpoint_wins_over_the_cloud() {
        let (url, scopes) =
            first_request(Some(CloudConfiguration::AzureChina), Some("https://arm.example.net")).await.unwrap();
        assert_eq!(url, format!("GET https://arm.example.net{PATH}"));
        assert_eq!(scopes, ["https://arm.example.net/.default"]);
    }

    #[tokio::test]
    async fn a_custom_cloud_needs_an_endpoint_and_may_name_the_audience() {
        let custom = || {
            let mut custom = CustomConfiguration::default();
            custom.authority_host = "https://login.mycloud.local".into();
            custom.audiences = Audiences::new().with::<IotHubClient>("https://management.mycloud.local/".into());
            CloudConfiguration::from(custom)
        };
        let error = first_request(Some(custom()), None).await.unwrap_err();
        assert!(error.to_string().contains("a custom cloud configuration needs `endpoint`"), "{error}");

        let (url, scopes) = first_request(Some(custom()), Some("https://arm.mycloud.local")).await.unwrap();
        assert_eq!(url, format!("GET https://arm.mycloud.local{PATH}"));
        assert_eq!(scopes, ["https://management.mycloud.local/.default"]);
    }
}

/// Some services send `Location` on their final 200 too (Quota does): the operation is over when
/// the body says so, and nothing is polled.
#[tokio::test]
async fn a_final_200_with_a_location_header_is_not_polled() {
    let (client, script) = scripted(vec![answer(
        200,
        &[("location", "https://management.azure.com/operationResults/1")],
        r#"{"location":"westus","sku":{"name":"S1","capacity":1},"properties":{"provisioningState":"Succeeded"}}"#,
    )]);
    let body = RequestContent::from(br#"{"location":"westus","sku":{"name":"S1","capacity":1}}"#.to_vec());
    let options = IotHubResourceClientCreateOrUpdateOptions { method_options: fast(), ..Default::default() };
    let hub = client
        .get_iot_hub_resource_client()
        .create_or_update("rg", "hub", body, Some(options))
        .unwrap()
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(hub.location, "westus");
    assert_eq!(*script.seen.lock().unwrap(), [format!("PUT {HUB}?api-version=2023-06-30")]);
}
