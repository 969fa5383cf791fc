//! Drivers of `httpInfrastructure.json`: every status class. Successes of every method
//! (`HEAD` answering whether the resource exists); redirects, which end either where the service
//! redirects to (followed) or at the `3xx` the spec declares with its `Location` (azure_core
//! follows no redirect), but never follow a `301`/`302` of a `PUT`/`PATCH` whose spec declares only
//! that status; client and server failures as errors with their status; `408`, `500`, `502`,
//! `503` and `504` retried to success; and operations declaring several responses, each status
//! read as the type the spec gives it (or as an error with its own type, or none).
//!
//! The optional `booleanValue` bodies are the constant `true` (a one-value enum); the scenarios
//! are about statuses, and the server ignores them, so they are left out (the constant bodies are
//! `body-boolean.json`'s scenarios). `OPTIONS` operations are left out of the crate (azure_core
//! sends no `OPTIONS`).
//!
//! `httpInfrastructure.quirks.json` lists the same scenarios; this spec drives them (see
//! `scenarios.toml`).

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::headers::HeaderName;
use azure_core::http::{Response, StatusCode};
use conformance_drivers::{
    answered_bool, assert_absent, assert_no_value, assert_value, client_options, credential, endpoint, inexpressible, status_of, succeeded,
};
use httpinfrastructure::models::{Error, A, B, C, D};
use httpinfrastructure::{service_error, AutoRestHttpInfrastructureTestServiceClient, AutoRestHttpInfrastructureTestServiceClientOptions};

fn client() -> AutoRestHttpInfrastructureTestServiceClient {
    let options = AutoRestHttpInfrastructureTestServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestHttpInfrastructureTestServiceClient::new(credential(), Some(options)).expect("a client")
}

/// Checks a call succeeded with `status`.
#[track_caller]
fn assert_status<T, F>(method: &str, result: azure_core::Result<Response<T, F>>, status: u16) {
    match result {
        Ok(response) => assert_eq!(u16::from(response.status()), status, "`{method}`"),
        Err(error) => panic!("`{method}` failed where the server answered {status}: {error}"),
    }
}

/// The error of a call that must fail with `status`.
#[track_caller]
fn failed_with<T: std::fmt::Debug>(method: &str, result: azure_core::Result<T>, status: u16) -> azure_core::Error {
    match result {
        Ok(value) => panic!("`{method}` succeeded ({value:?}) where the server answered {status}, which the spec does not declare"),
        Err(error) => {
            assert_eq!(status_of(&error).map(u16::from), Some(status), "`{method}`: {error}");
            error
        }
    }
}

/// Checks a redirect ended where the spec allows: followed to the `200` it leads to, or at the
/// declared `3xx`, whose `Location` the caller can read.
#[track_caller]
fn assert_redirect<T, F>(method: &str, result: azure_core::Result<Response<T, F>>, redirect: u16, location: &str) {
    let response = result.unwrap_or_else(|e| panic!("`{method}` failed where the server redirected ({redirect}) to `{location}`: {e}"));
    let status = u16::from(response.status());
    if status == redirect {
        let seen = response.headers().get_optional_str(&HeaderName::from_static("location"));
        assert_eq!(seen, Some(location), "`{method}`: the `Location` of the {redirect}");
    } else {
        assert_eq!(status, 200, "`{method}`: neither the {redirect} nor the 200 it leads to");
    }
}

/// Checks a `HEAD` that the server redirects answers that the resource exists.
#[track_caller]
fn assert_head_redirect(method: &str, result: azure_core::Result<bool>) {
    assert!(answered_bool(method, result), "`{method}`: a redirected HEAD whose target exists");
}

/// Fails a scenario whose operation the generator left out (`OPTIONS`).
#[track_caller]
fn options_left_out(operation: &str) -> ! {
    inexpressible(&format!(
        "the generator left `{operation}` out of the crate: its method is `OPTIONS`, which azure_core 1.x does not send"
    ))
}

#[tokio::test]
async fn http_success200_head() {
    assert!(answered_bool("head200", client().get_http_success_client().head200(None).await), "HEAD answered 200: the resource exists");
}

#[tokio::test]
async fn http_success200_get() {
    // The body is `true`.
    assert_value("get200", client().get_http_success_client().get200(None).await.and_then(|r| r.into_model()), true);
}

#[tokio::test]
async fn http_success200_put() {
    assert_status("put200", client().get_http_success_client().put200(None).await, 200);
}

#[tokio::test]
async fn http_success200_post() {
    assert_status("post200", client().get_http_success_client().post200(None).await, 200);
}

#[tokio::test]
async fn http_success200_patch() {
    assert_status("patch200", client().get_http_success_client().patch200(None).await, 200);
}

#[tokio::test]
async fn http_success200_delete() {
    assert_status("delete200", client().get_http_success_client().delete200(None).await, 200);
}

#[tokio::test]
async fn http_success201_put() {
    assert_status("put201", client().get_http_success_client().put201(None).await, 201);
}

#[tokio::test]
async fn http_success201_post() {
    assert_status("post201", client().get_http_success_client().post201(None).await, 201);
}

#[tokio::test]
async fn http_success202_put() {
    assert_status("put202", client().get_http_success_client().put202(None).await, 202);
}

#[tokio::test]
async fn http_success202_post() {
    assert_status("post202", client().get_http_success_client().post202(None).await, 202);
}

#[tokio::test]
async fn http_success202_patch() {
    assert_status("patch202", client().get_http_success_client().patch202(None).await, 202);
}

#[tokio::test]
async fn http_success202_delete() {
    assert_status("delete202", client().get_http_success_client().delete202(None).await, 202);
}

#[tokio::test]
async fn http_success204_head() {
    assert!(answered_bool("head204", client().get_http_success_client().head204(None).await), "HEAD answered 204: the resource exists");
}

#[tokio::test]
async fn http_success204_put() {
    assert_status("put204", client().get_http_success_client().put204(None).await, 204);
}

#[tokio::test]
async fn http_success204_post() {
    assert_status("post204", client().get_http_success_client().post204(None).await, 204);
}

#[tokio::test]
async fn http_success204_patch() {
    assert_status("patch204", client().get_http_success_client().patch204(None).await, 204);
}

#[tokio::test]
async fn http_success204_delete() {
    assert_status("delete204", client().get_http_success_client().delete204(None).await, 204);
}

#[tokio::test]
async fn http_success404_head() {
    assert!(!answered_bool("head404", client().get_http_success_client().head404(None).await), "HEAD answered 404: the resource does not exist");
}

#[tokio::test]
async fn http_redirect300_head() {
    assert_head_redirect("head300", client().get_http_redirects_client().head300(None).await);
}

#[tokio::test]
async fn http_redirect300_get() {
    // The 300's body lists the locations: `["/http/success/get/200"]`.
    let response = succeeded("get300", client().get_http_redirects_client().get300(None).await);
    if response.status() == StatusCode::MultipleChoice {
        let location = response.headers().get_optional_str(&HeaderName::from_static("location")).map(str::to_string);
        assert_eq!(location.as_deref(), Some("/http/success/get/200"), "`get300`: the `Location` of the 300");
        assert_value("get300", response.into_model(), vec!["/http/success/get/200".to_string()]);
    } else {
        assert_eq!(response.status(), StatusCode::Ok, "`get300`: neither the 300 nor the 200 it leads to");
    }
}

#[tokio::test]
async fn http_redirect301_head() {
    assert_head_redirect("head301", client().get_http_redirects_client().head301(None).await);
}

#[tokio::test]
async fn http_redirect301_put() {
    // The server redirects to `/http/failure/500`, which a client must not follow: the spec
    // declares the 301 as this operation's answer.
    assert_status("put301", client().get_http_redirects_client().put301(None).await, 301);
}

#[tokio::test]
async fn http_redirect301_get() {
    assert_redirect("get301", client().get_http_redirects_client().get301(None).await, 301, "/http/success/get/200");
}

#[tokio::test]
async fn http_redirect302_head() {
    assert_head_redirect("head302", client().get_http_redirects_client().head302(None).await);
}

#[tokio::test]
async fn http_redirect302_get() {
    assert_redirect("get302", client().get_http_redirects_client().get302(None).await, 302, "/http/success/get/200");
}

#[tokio::test]
async fn http_redirect302_patch() {
    // The server redirects to `/http/failure/500`, which a client must not follow: the spec
    // declares the 302 as this operation's answer.
    assert_status("patch302", client().get_http_redirects_client().patch302(None).await, 302);
}

#[tokio::test]
async fn http_redirect303_post() {
    assert_redirect("post303", client().get_http_redirects_client().post303(None).await, 303, "/http/success/get/200");
}

#[tokio::test]
async fn http_redirect307_head() {
    assert_head_redirect("head307", client().get_http_redirects_client().head307(None).await);
}

#[tokio::test]
async fn http_redirect307_get() {
    assert_redirect("get307", client().get_http_redirects_client().get307(None).await, 307, "/http/success/get/200");
}

#[tokio::test]
async fn http_redirect307_put() {
    assert_redirect("put307", client().get_http_redirects_client().put307(None).await, 307, "/http/success/put/200");
}

#[tokio::test]
async fn http_redirect307_post() {
    assert_redirect("post307", client().get_http_redirects_client().post307(None).await, 307, "/http/success/post/200");
}

#[tokio::test]
async fn http_redirect307_patch() {
    assert_redirect("patch307", client().get_http_redirects_client().patch307(None).await, 307, "/http/success/patch/200");
}

#[tokio::test]
async fn http_redirect307_delete() {
    assert_redirect("delete307", client().get_http_redirects_client().delete307(None).await, 307, "/http/success/delete/200");
}

#[tokio::test]
async fn http_redirect307_options() {
    options_left_out("httpRedirects_options307");
}

#[tokio::test]
async fn http_client_failure400_head() {
    failed_with("head400", client().get_http_client_failure_client().head400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure400_get() {
    failed_with("get400", client().get_http_client_failure_client().get400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure400_options() {
    options_left_out("httpClientFailure_options400");
}

#[tokio::test]
async fn http_client_failure400_put() {
    failed_with("put400", client().get_http_client_failure_client().put400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure400_post() {
    failed_with("post400", client().get_http_client_failure_client().post400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure400_patch() {
    failed_with("patch400", client().get_http_client_failure_client().patch400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure400_delete() {
    failed_with("delete400", client().get_http_client_failure_client().delete400(None).await, 400);
}

#[tokio::test]
async fn http_client_failure401_head() {
    failed_with("head401", client().get_http_client_failure_client().head401(None).await, 401);
}

#[tokio::test]
async fn http_client_failure402_get() {
    failed_with("get402", client().get_http_client_failure_client().get402(None).await, 402);
}

#[tokio::test]
async fn http_client_failure403_get() {
    failed_with("get403", client().get_http_client_failure_client().get403(None).await, 403);
}

#[tokio::test]
async fn http_client_failure403_options() {
    options_left_out("httpClientFailure_options403");
}

#[tokio::test]
async fn http_client_failure404_put() {
    failed_with("put404", client().get_http_client_failure_client().put404(None).await, 404);
}

#[tokio::test]
async fn http_client_failure405_patch() {
    failed_with("patch405", client().get_http_client_failure_client().patch405(None).await, 405);
}

#[tokio::test]
async fn http_client_failure406_post() {
    failed_with("post406", client().get_http_client_failure_client().post406(None).await, 406);
}

#[tokio::test]
async fn http_client_failure407_delete() {
    failed_with("delete407", client().get_http_client_failure_client().delete407(None).await, 407);
}

#[tokio::test]
async fn http_client_failure409_put() {
    failed_with("put409", client().get_http_client_failure_client().put409(None).await, 409);
}

#[tokio::test]
async fn http_client_failure410_head() {
    failed_with("head410", client().get_http_client_failure_client().head410(None).await, 410);
}

#[tokio::test]
async fn http_client_failure411_get() {
    failed_with("get411", client().get_http_client_failure_client().get411(None).await, 411);
}

#[tokio::test]
async fn http_client_failure412_get() {
    failed_with("get412", client().get_http_client_failure_client().get412(None).await, 412);
}

#[tokio::test]
async fn http_client_failure412_options() {
    options_left_out("httpClientFailure_options412");
}

#[tokio::test]
async fn http_client_failure413_put() {
    failed_with("put413", client().get_http_client_failure_client().put413(None).await, 413);
}

#[tokio::test]
async fn http_client_failure414_patch() {
    failed_with("patch414", client().get_http_client_failure_client().patch414(None).await, 414);
}

#[tokio::test]
async fn http_client_failure415_post() {
    failed_with("post415", client().get_http_client_failure_client().post415(None).await, 415);
}

#[tokio::test]
async fn http_client_failure416_get() {
    failed_with("get416", client().get_http_client_failure_client().get416(None).await, 416);
}

#[tokio::test]
async fn http_client_failure417_delete() {
    failed_with("delete417", client().get_http_client_failure_client().delete417(None).await, 417);
}

#[tokio::test]
async fn http_client_failure429_head() {
    // azure_core retries a 429 before giving up.
    failed_with("head429", client().get_http_client_failure_client().head429(None).await, 429);
}

#[tokio::test]
async fn http_server_failure501_head() {
    failed_with("head501", client().get_http_server_failure_client().head501(None).await, 501);
}

#[tokio::test]
async fn http_server_failure501_get() {
    failed_with("get501", client().get_http_server_failure_client().get501(None).await, 501);
}

#[tokio::test]
async fn http_server_failure505_post() {
    failed_with("post505", client().get_http_server_failure_client().post505(None).await, 505);
}

#[tokio::test]
async fn http_server_failure505_delete() {
    failed_with("delete505", client().get_http_server_failure_client().delete505(None).await, 505);
}

#[tokio::test]
async fn http_retry408_head() {
    // The first answer is 408, the retry's 200.
    assert!(answered_bool("head408", client().get_http_retry_client().head408(None).await), "the retried HEAD answered 200");
}

#[tokio::test]
async fn http_retry502_get() {
    // The first answer is 502, the retry's 200.
    assert_status("get502", client().get_http_retry_client().get502(None).await, 200);
}

#[tokio::test]
async fn http_retry502_options() {
    options_left_out("httpRetry_options502");
}

#[tokio::test]
async fn http_retry500_put() {
    // The first answer is 500, the retry's 200.
    assert_status("put500", client().get_http_retry_client().put500(None).await, 200);
}

#[tokio::test]
async fn http_retry500_patch() {
    // The first answer is 500, the retry's 200.
    assert_status("patch500", client().get_http_retry_client().patch500(None).await, 200);
}

#[tokio::test]
async fn http_retry503_post() {
    // The first answer is 503, the retry's 200.
    assert_status("post503", client().get_http_retry_client().post503(None).await, 200);
}

#[tokio::test]
async fn http_retry503_delete() {
    // The first answer is 503, the retry's 200.
    assert_status("delete503", client().get_http_retry_client().delete503(None).await, 200);
}

#[tokio::test]
async fn http_retry504_put() {
    // The first answer is 504, the retry's 200.
    assert_status("put504", client().get_http_retry_client().put504(None).await, 200);
}

#[tokio::test]
async fn http_retry504_patch() {
    // The first answer is 504, the retry's 200.
    assert_status("patch504", client().get_http_retry_client().patch504(None).await, 200);
}

// ---- several responses ----

fn a(status_code: Option<&str>) -> A {
    let mut a = A::default();
    a.status_code = status_code.map(str::to_string);
    a
}

/// Checks a call failed with `400` and the spec's `Error` body `{"message": message}`.
#[track_caller]
fn assert_client_error<T: std::fmt::Debug>(method: &str, result: azure_core::Result<T>, message: &str) {
    let error = failed_with(method, result, 400);
    let decoded = service_error::<Error>(&error).and_then(|e| e.error().cloned());
    assert_eq!(decoded.and_then(|e| e.message).as_deref(), Some(message), "`{method}`: the error body as the spec's `Error`: {error}");
}

macro_rules! responses {
    ($method:ident) => {
        client().get_multiple_responses_client().$method(None).await
    };
}

#[tokio::test]
async fn responses_scenario_a200_matching_model() {
    assert_value("get200_model204_no_model_default_error200_valid", responses!(get200_model204_no_model_default_error200_valid).and_then(|r| r.into_model()), a(Some("200")));
}

#[tokio::test]
async fn responses_scenario_a204_matching_no_model() {
    assert_absent::<A, _>("get200_model204_no_model_default_error204_valid", responses!(get200_model204_no_model_default_error204_valid).and_then(|r| r.into_model()));
}

#[tokio::test]
async fn responses_scenario_a201_default_no_model() {
    // 201 is not declared: the `default`, an error.
    failed_with("get200_model204_no_model_default_error201_invalid", responses!(get200_model204_no_model_default_error201_invalid), 201);
}

#[tokio::test]
async fn responses_scenario_a202_default_no_model() {
    failed_with("get200_model204_no_model_default_error202_none", responses!(get200_model204_no_model_default_error202_none), 202);
}

#[tokio::test]
async fn responses_scenario_a400_default_model() {
    assert_client_error("get200_model204_no_model_default_error400_valid", responses!(get200_model204_no_model_default_error400_valid), "client error");
}

#[tokio::test]
async fn responses_scenario_b200_matching_model() {
    // 200 is `A`, 201 `B`.
    assert_value("get200_model201_model_default_error200_valid", responses!(get200_model201_model_default_error200_valid).and_then(|r| r.into_model()), a(Some("200")));
}

#[tokio::test]
async fn responses_scenario_b201_matching_model() {
    let mut b = B::default();
    b.status_code = Some("201".to_string());
    b.text_status_code = Some("Created".to_string());
    assert_value("get200_model201_model_default_error201_valid", responses!(get200_model201_model_default_error201_valid).and_then(|r| r.into_model()), b);
}

#[tokio::test]
async fn responses_scenario_b400_default_model() {
    assert_client_error("get200_model201_model_default_error400_valid", responses!(get200_model201_model_default_error400_valid), "client error");
}

#[tokio::test]
async fn responses_scenario_c200_matching_model() {
    // 200 is `A`, 201 `C`, 404 `D`.
    assert_value(
        "get200_model_a201_model_c404_model_d_default_error200_valid",
        responses!(get200_model_a201_model_c404_model_d_default_error200_valid).and_then(|r| r.into_model()),
        a(Some("200")),
    );
}

#[tokio::test]
async fn responses_scenario_c201_matching_model() {
    let mut c = C::default();
    c.http_code = Some("201".to_string());
    assert_value(
        "get200_model_a201_model_c404_model_d_default_error201_valid",
        responses!(get200_model_a201_model_c404_model_d_default_error201_valid).and_then(|r| r.into_model()),
        c,
    );
}

#[tokio::test]
async fn responses_scenario_c404_matching_model() {
    // The declared 404 is `D`: an answer of that type, whether as a success or as the error's own
    // type (as `x-ms-error-response` statuses are).
    let method = "get200_model_a201_model_c404_model_d_default_error404_valid";
    let mut d = D::default();
    d.http_status_code = Some("404".to_string());
    match responses!(get200_model_a201_model_c404_model_d_default_error404_valid) {
        Ok(response) => {
            assert_eq!(response.status(), StatusCode::NotFound, "`{method}`");
            assert_value(method, response.into_model(), d);
        }
        Err(error) => {
            assert_eq!(status_of(&error), Some(StatusCode::NotFound), "`{method}`: {error}");
            let decoded = service_error::<D>(&error).and_then(|e| e.error().cloned());
            assert_eq!(decoded, Some(d), "`{method}`: the 404's body as the spec's `D`: {error}");
        }
    }
}

#[tokio::test]
async fn responses_scenario_c400_default_model() {
    assert_client_error(
        "get200_model_a201_model_c404_model_d_default_error400_valid",
        responses!(get200_model_a201_model_c404_model_d_default_error400_valid),
        "client error",
    );
}

#[tokio::test]
async fn responses_scenario_d202_matching_no_model() {
    assert_status("get202_none204_none_default_error202_none", responses!(get202_none204_none_default_error202_none), 202);
}

#[tokio::test]
async fn responses_scenario_d204_matching_no_model() {
    assert_status("get202_none204_none_default_error204_none", responses!(get202_none204_none_default_error204_none), 204);
}

#[tokio::test]
async fn responses_scenario_d400_default_model() {
    assert_client_error("get202_none204_none_default_error400_valid", responses!(get202_none204_none_default_error400_valid), "client error");
}

#[tokio::test]
async fn responses_scenario_e202_matching_invalid() {
    // A body the spec does not declare for 202: ignored.
    assert_status("get202_none204_none_default_none202_invalid", responses!(get202_none204_none_default_none202_invalid), 202);
}

#[tokio::test]
async fn responses_scenario_e204_matching_no_model() {
    assert_status("get202_none204_none_default_none204_none", responses!(get202_none204_none_default_none204_none), 204);
}

#[tokio::test]
async fn responses_scenario_e400_default_no_model() {
    failed_with("get202_none204_none_default_none400_none", responses!(get202_none204_none_default_none400_none), 400);
}

#[tokio::test]
async fn responses_scenario_e400_default_invalid() {
    failed_with("get202_none204_none_default_none400_invalid", responses!(get202_none204_none_default_none400_invalid), 400);
}

#[tokio::test]
async fn responses_scenario_f200_default_model() {
    assert_value("get_default_model_a200_valid", responses!(get_default_model_a200_valid).and_then(|r| r.into_model()), a(Some("200")));
}

#[tokio::test]
async fn responses_scenario_f200_default_none() {
    // 200 with no body, where the spec declares `A` (not `x-nullable`).
    assert_no_value::<A, _, _>(
        "get_default_model_a200_none",
        responses!(get_default_model_a200_none).and_then(|r| r.into_model()),
        ("get_default_model_a200_valid", responses!(get_default_model_a200_valid).and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn responses_scenario_f400_default_model() {
    failed_with("get_default_model_a400_valid", responses!(get_default_model_a400_valid), 400);
}

#[tokio::test]
async fn responses_scenario_f400_default_none() {
    failed_with("get_default_model_a400_none", responses!(get_default_model_a400_none), 400);
}

#[tokio::test]
async fn responses_scenario_g200_default_invalid() {
    // A body the spec does not declare: ignored.
    assert_status("get_default_none200_invalid", responses!(get_default_none200_invalid), 200);
}

#[tokio::test]
async fn responses_scenario_g200_default_no_model() {
    assert_status("get_default_none200_none", responses!(get_default_none200_none), 200);
}

#[tokio::test]
async fn responses_scenario_g400_default_invalid() {
    failed_with("get_default_none400_invalid", responses!(get_default_none400_invalid), 400);
}

#[tokio::test]
async fn responses_scenario_g400_default_no_model() {
    failed_with("get_default_none400_none", responses!(get_default_none400_none), 400);
}

#[tokio::test]
async fn responses_scenario_h200_matching_none() {
    // 200 with no body, where the spec declares `A` (not `x-nullable`).
    assert_no_value::<A, _, _>(
        "get200_model_a200_none",
        responses!(get200_model_a200_none).and_then(|r| r.into_model()),
        ("get200_model_a200_valid", responses!(get200_model_a200_valid).and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn responses_scenario_h200_matching_model() {
    assert_value("get200_model_a200_valid", responses!(get200_model_a200_valid).and_then(|r| r.into_model()), a(Some("200")));
}

#[tokio::test]
async fn responses_scenario_h200_matching_invalid() {
    // `{"statusCodeInvalid": "200"}`: a property `A` does not declare, ignored.
    assert_value("get200_model_a200_invalid", responses!(get200_model_a200_invalid).and_then(|r| r.into_model()), a(None));
}

#[tokio::test]
async fn responses_scenario_h400_non_matching_none() {
    failed_with("get200_model_a400_none", responses!(get200_model_a400_none), 400);
}

#[tokio::test]
async fn responses_scenario_h400_non_matching_model() {
    failed_with("get200_model_a400_valid", responses!(get200_model_a400_valid), 400);
}

#[tokio::test]
async fn responses_scenario_h400_non_matching_invalid() {
    failed_with("get200_model_a400_invalid", responses!(get200_model_a400_invalid), 400);
}

#[tokio::test]
async fn responses_scenario_h202_non_matching_model() {
    failed_with("get200_model_a202_valid", responses!(get200_model_a202_valid), 202);
}

// ---- failures without an error model ----

#[tokio::test]
async fn responses_scenario_empty_error_body() {
    // `{"message": ""}`, the spec's `Error`.
    let error = failed_with("get_empty_error", client().get_http_failure_client().get_empty_error(None).await, 400);
    let decoded = service_error::<Error>(&error).and_then(|e| e.error().cloned());
    assert_eq!(decoded.and_then(|e| e.message).as_deref(), Some(""), "the error body as the spec's `Error`: {error}");
}

#[tokio::test]
async fn responses_scenario_no_model_error_body() {
    // No error schema: the body is still the caller's to read.
    let error = failed_with("get_no_model_error", client().get_http_failure_client().get_no_model_error(None).await, 400);
    let body = service_error::<serde_json::Value>(&error).map(|e| String::from_utf8_lossy(e.body()).into_owned());
    assert!(body.as_deref().is_some_and(|b| b.contains("NoErrorModel")), "the raw error body: {body:?} ({error})");
}

#[tokio::test]
async fn responses_scenario_no_model_empty_body() {
    failed_with("get_no_model_empty", client().get_http_failure_client().get_no_model_empty(None).await, 400);
}
