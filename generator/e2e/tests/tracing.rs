//! Distributed tracing of the generated client over real HTTPS on 127.0.0.1: a span recorder
//! (azure_core's `TracerProvider`, `Tracer` and `Span` traits, as an OpenTelemetry bridge such as
//! `azure_core_opentelemetry` implements them) is given to the client options, and each call must
//! yield exactly one public-API span, named as the official crates name theirs, with the crate's
//! Azure namespace, and under it the HTTP spans azure_core's pipeline makes.

#[path = "../../templates/test_server.rs"]
mod support;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use azure_core::http::{Context, Request, RetryOptions};
use azure_core::tracing::{AsAny, Attribute, AttributeValue, Span, SpanGuard, SpanKind, SpanStatus, Tracer, TracerProvider};
use azure_resourcemanager_iothub::{IotHubClient, IotHubClientOptions};
use futures::TryStreamExt as _;
use serde_json::json;
use support::{CannedResponse, Exchange, TestServer};

const SUBSCRIPTION: &str = "00000000-0000-0000-0000-0000000000e2";
const NAMESPACE: &str = "Microsoft.Devices";

/// One span as the recorder saw it.
#[derive(Debug)]
struct Recorded {
    id: u64,
    parent: Option<u64>,
    name: String,
    kind: SpanKind,
    attributes: Mutex<Vec<(String, AttributeValue)>>,
    status: Mutex<SpanStatus>,
    ended: Mutex<bool>,
}

impl Recorded {
    fn attribute(&self, key: &str) -> Option<AttributeValue> {
        self.attributes.lock().unwrap().iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    fn ended(&self) -> bool {
        *self.ended.lock().unwrap()
    }
}

/// A tracer asked of the provider: its namespace, crate name and crate version.
type TracerRequest = (Option<&'static str>, &'static str, Option<&'static str>);

/// Every span any tracer of the provider started, and the tracers asked for.
#[derive(Debug, Default)]
struct Record {
    spans: Mutex<Vec<Arc<Recorded>>>,
    tracers: Mutex<Vec<TracerRequest>>,
    next_id: AtomicU64,
}

/// The tracer provider given to the client options; its tracers record into the same `Record`.
#[derive(Debug, Default, Clone)]
struct SpanRecorder(Arc<Record>);

impl SpanRecorder {
    fn spans(&self) -> Vec<Arc<Recorded>> {
        self.0.spans.lock().unwrap().clone()
    }

    /// The public-API spans: azure_core makes them `Internal`, the HTTP ones `Client`.
    fn public_api_spans(&self) -> Vec<Arc<Recorded>> {
        self.spans().into_iter().filter(|s| s.kind == SpanKind::Internal).collect()
    }

    fn http_spans(&self) -> Vec<Arc<Recorded>> {
        self.spans().into_iter().filter(|s| s.kind == SpanKind::Client).collect()
    }
}

#[derive(Debug)]
struct RecordingTracer {
    namespace: Option<&'static str>,
    record: Arc<Record>,
}

impl RecordingTracer {
    fn start(&self, name: Cow<'static, str>, kind: SpanKind, attributes: Vec<Attribute>, parent: Option<u64>) -> Arc<dyn Span> {
        let recorded = Arc::new(Recorded {
            id: self.record.next_id.fetch_add(1, Ordering::SeqCst) + 1,
            parent,
            name: name.into_owned(),
            kind,
            attributes: Mutex::new(attributes.into_iter().map(|a| (a.key.into_owned(), a.value)).collect()),
            status: Mutex::new(SpanStatus::Unset),
            ended: Mutex::new(false),
        });
        self.record.spans.lock().unwrap().push(recorded.clone());
        Arc::new(RecordingSpan(recorded))
    }
}

impl Tracer for RecordingTracer {
    fn start_span(&self, name: Cow<'static, str>, kind: SpanKind, attributes: Vec<Attribute>) -> Arc<dyn Span> {
        self.start(name, kind, attributes, None)
    }

    fn start_span_with_parent(
        &self,
        name: Cow<'static, str>,
        kind: SpanKind,
        attributes: Vec<Attribute>,
        parent: Arc<dyn Span>,
    ) -> Arc<dyn Span> {
        let parent = u64::from_be_bytes(parent.span_id());
        self.start(name, kind, attributes, Some(parent))
    }

    fn namespace(&self) -> Option<&'static str> {
        self.namespace
    }
}

impl TracerProvider for SpanRecorder {
    fn get_tracer(
        &self,
        namespace_name: Option<&'static str>,
        crate_name: &'static str,
        crate_version: Option<&'static str>,
    ) -> Arc<dyn Tracer> {
        self.0.tracers.lock().unwrap().push((namespace_name, crate_name, crate_version));
        Arc::new(RecordingTracer { namespace: namespace_name, record: self.0.clone() })
    }
}

struct RecordingSpan(Arc<Recorded>);

impl AsAny for RecordingSpan {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

struct NoGuard;

impl SpanGuard for NoGuard {
    fn end(self) {}
}

impl Span for RecordingSpan {
    fn is_recording(&self) -> bool {
        true
    }

    fn span_id(&self) -> [u8; 8] {
        self.0.id.to_be_bytes()
    }

    fn end(&self) {
        *self.0.ended.lock().unwrap() = true;
    }

    fn set_status(&self, status: SpanStatus) {
        *self.0.status.lock().unwrap() = status;
    }

    fn set_attribute(&self, key: &'static str, value: AttributeValue) {
        self.0.attributes.lock().unwrap().push((key.to_string(), value));
    }

    fn record_error(&self, _: &dyn std::error::Error) {}

    fn set_current(&self, _: &Context) -> Box<dyn SpanGuard> {
        Box::new(NoGuard)
    }

    fn propagate_headers(&self, _: &mut Request) {}
}

/// A client of `server` whose options carry a fresh recorder, and the recorder.
fn traced_client(server: &TestServer) -> (IotHubClient, SpanRecorder) {
    let recorder = SpanRecorder::default();
    let mut client_options = server.client_options();
    client_options.instrumentation.tracer_provider = Some(Arc::new(recorder.clone()));
    client_options.retry = RetryOptions::none();
    let options = IotHubClientOptions { client_options, endpoint: Some(server.endpoint().parse().unwrap()), ..Default::default() };
    let client = IotHubClient::new(server.credential(), SUBSCRIPTION, Some(options)).unwrap();
    (client, recorder)
}

fn hub_path() -> String {
    format!("/subscriptions/{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub")
}

fn string(value: &str) -> AttributeValue {
    AttributeValue::String(value.to_string())
}

#[tokio::test]
async fn the_constructor_asks_for_a_tracer_of_the_crates_namespace() {
    let server = TestServer::start().await;
    let (_client, recorder) = traced_client(&server);
    let tracers = recorder.0.tracers.lock().unwrap().clone();
    // The pipeline's own fallback tracer has no namespace (azure_core cannot know it); the
    // client's, which the constructor asks for (`request::tracer`), has the crate's.
    let client_tracer = tracers.iter().find(|(namespace, ..)| namespace.is_some()).expect("the client's tracer");
    assert_eq!(client_tracer.0, Some(NAMESPACE), "{tracers:?}");
    assert_eq!(client_tracer.1, "azure_resourcemanager_iothub");
    assert!(client_tracer.2.is_some(), "the crate's version");
}

#[tokio::test]
async fn one_get_job_is_one_public_api_span_over_one_http_span() {
    let server = TestServer::start().await;
    server.expect(
        Exchange::new("GET", &format!("{}/jobs/j1", hub_path()))
            .respond(CannedResponse::json(200, &json!({ "jobId": "j1", "type": "export", "status": "completed" }))),
    );
    let (client, recorder) = traced_client(&server);
    let job = client.get_iot_hub_resource_client().get_job("rg", "hub", "j1", None).await.unwrap().into_model().unwrap();
    assert_eq!(job.job_id.as_deref(), Some("j1"));
    server.finish();

    let public = recorder.public_api_spans();
    assert_eq!(public.len(), 1, "{:#?}", recorder.spans());
    let span = &public[0];
    assert_eq!(span.name, "Microsoft.Devices.IotHubResource.getJob");
    assert_eq!(span.parent, None);
    assert_eq!(span.attribute("az.namespace"), Some(string(NAMESPACE)));
    assert_eq!(span.attribute("error.type"), None);
    assert_eq!(*span.status.lock().unwrap(), SpanStatus::Unset);
    assert!(span.ended());

    let http = recorder.http_spans();
    assert_eq!(http.len(), 1, "{:#?}", recorder.spans());
    let request = &http[0];
    assert_eq!(request.name, "GET");
    assert_eq!(request.parent, Some(span.id), "the HTTP span is the public-API span's child");
    assert_eq!(request.attribute("az.namespace"), Some(string(NAMESPACE)));
    assert_eq!(request.attribute("http.request.method"), Some(string("GET")));
    assert_eq!(request.attribute("http.response.status_code"), Some(AttributeValue::I64(200)));
    assert!(request.ended());
}

#[tokio::test]
async fn a_failed_get_job_records_its_error_type_on_the_public_api_span() {
    let server = TestServer::start().await;
    server.expect(Exchange::new("GET", &format!("{}/jobs/gone", hub_path())).respond(CannedResponse::json(
        404,
        &json!({ "code": "JobNotFound", "httpStatusCode": "NotFound", "message": "no such job" }),
    )));
    let (client, recorder) = traced_client(&server);
    let error = client.get_iot_hub_resource_client().get_job("rg", "hub", "gone", None).await.unwrap_err();
    assert_eq!(error.http_status(), Some(azure_core::http::StatusCode::NotFound));
    server.finish();

    let public = recorder.public_api_spans();
    assert_eq!(public.len(), 1, "{:#?}", recorder.spans());
    assert_eq!(public[0].name, "Microsoft.Devices.IotHubResource.getJob");
    assert_eq!(public[0].attribute("az.namespace"), Some(string(NAMESPACE)));
    assert_eq!(public[0].attribute("error.type"), Some(string("404")));
    let http = recorder.http_spans();
    assert_eq!(http.len(), 1);
    assert_eq!(http[0].attribute("http.response.status_code"), Some(AttributeValue::I64(404)));
    assert_eq!(http[0].attribute("error.type"), Some(string("404")));
    assert!(public[0].ended() && http[0].ended());
}

#[tokio::test]
async fn a_pager_over_two_pages_is_one_public_api_span() {
    let server = TestServer::start().await;
    let list = format!("/subscriptions/{SUBSCRIPTION}/providers/Microsoft.Devices/IotHubs");
    let next = server.url(&format!("{list}?page=2"));
    let hub = |name: &str| json!({ "name": name, "location": "westus", "sku": { "name": "S1", "capacity": 1 } });
    server.expect(Exchange::new("GET", &list).respond(CannedResponse::json(200, &json!({ "value": [hub("a")], "nextLink": next }))));
    server.expect(Exchange::new("GET", &list).query("page", "2").respond(CannedResponse::json(200, &json!({ "value": [hub("b")] }))));
    let (client, recorder) = traced_client(&server);
    let hubs: Vec<_> = client.get_iot_hub_resource_client().list_by_subscription(None).unwrap().try_collect().await.unwrap();
    assert_eq!(hubs.len(), 2);
    server.finish();

    let public = recorder.public_api_spans();
    assert_eq!(public.len(), 1, "{:#?}", recorder.spans());
    assert_eq!(public[0].name, "Microsoft.Devices.IotHubResource.listBySubscription");
    assert_eq!(public[0].attribute("az.namespace"), Some(string(NAMESPACE)));
    let http = recorder.http_spans();
    assert_eq!(http.len(), 2, "{:#?}", recorder.spans());
    assert!(http.iter().all(|s| s.parent == Some(public[0].id)), "both pages are requests of the one call");
}

#[tokio::test]
async fn a_long_running_create_or_update_is_one_public_api_span_over_every_poll() {
    let server = TestServer::start().await;
    let hub = hub_path();
    let monitor = server.url("/operations/op1?api-version=2023-06-30");
    let body = json!({ "location": "westus", "sku": { "name": "S1", "capacity": 1 } });
    server
        .expect(
            Exchange::new("PUT", &hub).respond(
                CannedResponse::json(201, &body).header("Azure-AsyncOperation", &monitor).header("Retry-After", "0"),
            ),
        )
        .expect(
            Exchange::new("GET", "/operations/op1")
                .respond(CannedResponse::json(200, &json!({ "status": "InProgress" })).header("Retry-After", "0")),
        )
        .expect(Exchange::new("GET", "/operations/op1").respond(CannedResponse::json(200, &json!({ "status": "Succeeded" }))))
        .expect(Exchange::new("GET", &hub).respond(CannedResponse::json(200, &body)));
    let (client, recorder) = traced_client(&server);
    let description: azure_resourcemanager_iothub::models::IotHubDescription = serde_json::from_value(body.clone()).unwrap();
    let poller = client.get_iot_hub_resource_client().create_or_update("rg", "hub", description.try_into().unwrap(), None).unwrap();
    poller.await.unwrap();
    server.finish();

    let public = recorder.public_api_spans();
    assert_eq!(public.len(), 1, "{:#?}", recorder.spans());
    assert_eq!(public[0].name, "Microsoft.Devices.IotHubResource.createOrUpdate");
    assert_eq!(public[0].attribute("az.namespace"), Some(string(NAMESPACE)));
    assert!(public[0].ended());
    let http = recorder.http_spans();
    assert_eq!(http.len(), 4, "the PUT, two polls and the final GET: {:#?}", recorder.spans());
    assert!(http.iter().all(|s| s.parent == Some(public[0].id)));
}
