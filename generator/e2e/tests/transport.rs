//! The test server itself, proved against a bare azure_core pipeline: TLS with the generated
//! root, azure_core's real bearer-token policy, recording, scripted answers and mismatches.

#[path = "../../templates/test_server.rs"]
mod support;

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use azure_core::http::policies::auth::BearerTokenAuthorizationPolicy;
use azure_core::http::policies::Policy;
use azure_core::http::{Context, Method, Pipeline, Request, RetryOptions, StatusCode};
use serde_json::json;
use support::{CannedResponse, Exchange, TestServer};

const SCOPE: &str = "https://management.azure.com/.default";

/// A pipeline as a generated client builds one: azure_core's defaults plus the bearer policy.
fn pipeline(server: &TestServer, credential: Arc<dyn TokenCredential>) -> Pipeline {
    let auth: Arc<dyn Policy> = Arc::new(BearerTokenAuthorizationPolicy::new(credential, [SCOPE]));
    Pipeline::new(
        Some("iothub_e2e"),
        Some("0.1.0"),
        server.client_options(),
        Vec::new(),
        vec![auth],
        None,
    )
}

#[tokio::test]
async fn a_pipeline_reaches_the_server_over_tls_with_a_bearer_token() {
    let server = TestServer::start().await;
    let credential = server.credential();
    let pipeline = pipeline(&server, credential.clone());
    server.expect(
        Exchange::new("PUT", "/things/a%2Fb")
            .query("api-version", "2023-06-30")
            .header("content-type", "application/json")
            .json_body(json!({"b": [1, 2], "a": "x"}))
            .respond(
                CannedResponse::json(201, &json!({"ok": true})).header("x-ms-request-id", "r1"),
            ),
    );

    let url = server
        .url("/things/a%2Fb?api-version=2023-06-30")
        .parse()
        .unwrap();
    let mut request = Request::new(url, Method::Put);
    request.insert_header("content-type", "application/json");
    request.set_body(r#"{"a":"x","b":[1,2]}"#);
    let response = pipeline
        .send(&Context::new(), &mut request, None)
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::Created);
    assert_eq!(
        response
            .headers()
            .get_optional_str(&"x-ms-request-id".into()),
        Some("r1")
    );
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body, json!({"ok": true}));
    server.finish();
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/things/a%2Fb");
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer e2e-test-token")
    );
    assert_eq!(credential.scopes(), vec![vec![SCOPE.to_owned()]]);
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_root_cannot_connect() {
    let server = TestServer::start().await;
    let pipeline = Pipeline::new(
        None,
        None,
        azure_core::http::ClientOptions {
            retry: RetryOptions::none(),
            transport: Some(azure_core::http::Transport::new(Arc::new(
                reqwest::Client::builder()
                    .tls_certs_only([])
                    .build()
                    .unwrap(),
            ))),
            ..Default::default()
        },
        Vec::new(),
        Vec::new(),
        None,
    );
    let mut request = Request::new(server.url("/x").parse().unwrap(), Method::Get);
    let error = pipeline
        .send(&Context::new(), &mut request, None)
        .await
        .unwrap_err();
    assert!(server.requests().is_empty(), "{error}");
}

#[tokio::test]
async fn a_wrong_token_is_refused_and_reported() {
    let server = TestServer::start().await;
    let credential: Arc<dyn TokenCredential> = Arc::new(support::TestCredential::new("wrong"));
    let pipeline = pipeline(&server, credential);
    server.expect(Exchange::new("GET", "/x"));
    let mut request = Request::new(server.url("/x").parse().unwrap(), Method::Get);
    let error = pipeline
        .send(&Context::new(), &mut request, None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(StatusCode::Unauthorized));
    let problems = server.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("authorization header"), "{problems:?}");
}

#[tokio::test]
async fn a_mismatch_is_answered_400_and_recorded() {
    let server = TestServer::start().await;
    let pipeline = pipeline(&server, server.credential());
    server.expect(
        Exchange::new("GET", "/expected")
            .query("api-version", "1")
            .json_body(json!({"a": 1})),
    );
    let mut request = Request::new(
        server.url("/actual?api-version=2").parse().unwrap(),
        Method::Get,
    );
    request.set_body(r#"{"a":2}"#);
    let error = pipeline
        .send(&Context::new(), &mut request, None)
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(StatusCode::BadRequest));
    let problems = server.problems().join("\n");
    assert!(
        problems.contains("path: expected /expected, got /actual"),
        "{problems}"
    );
    assert!(problems.contains("query api-version"), "{problems}");
    assert!(
        problems.contains("body: /a: expected 1, got 2"),
        "{problems}"
    );
}

#[tokio::test]
async fn handlers_see_the_request_and_unscripted_requests_are_problems() {
    let server = TestServer::start().await;
    let pipeline = pipeline(&server, server.credential());
    server.expect(Exchange::any().respond_with(|request| {
        CannedResponse::status(200).body(format!("{} {}", request.method, request.path))
    }));
    for expected in [StatusCode::Ok, StatusCode::BadRequest] {
        let mut request = Request::new(server.url("/echo").parse().unwrap(), Method::Delete);
        let result = pipeline.send(&Context::new(), &mut request, None).await;
        match result {
            Ok(response) => {
                assert_eq!(expected, StatusCode::Ok);
                assert_eq!(&response.body()[..], b"DELETE /echo");
            }
            Err(error) => assert_eq!(error.http_status(), Some(expected)),
        }
    }
    let problems = server.problems();
    assert!(
        problems.len() == 1 && problems[0].contains("not expected"),
        "{problems:?}"
    );
}
