//! Drivers of `header.json`: header parameters of every primitive type written as the spec says,
//! and response headers of every type read back as typed values.
//!
//! A response header is read through the method's `*ResultHeaders` trait, as the typed value
//! the spec declares.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::request::options::ClientRequestId;
use azure_core::http::{ClientMethodOptions, Context, NoFormat, Response};
use azure_core::time::Duration;
use conformance_drivers::{client_options, credential, endpoint, CLIENT_REQUEST_ID};
use header::clients::*;
use header::error::StatusCode;
use header::models::*;
use header::{AutoRestSwaggerBatHeaderServiceClient, AutoRestSwaggerBatHeaderServiceClientOptions};
use time::macros::{date, datetime};

/// The text the byte scenarios send and receive (base64 of its UTF-8 bytes on the wire): the
/// server's `MULTIBYTE_BUFFER`, written with escapes because it holds CJK compatibility
/// ideographs that editors and Unicode normalization turn into other code points.
const MULTIBYTE: &str = "\u{554a}\u{9f44}\u{4e02}\u{72db}\u{72dc}\u{f9f1}\u{f92c}\u{f9f1}\u{fa0c}\u{fa29}";

fn client() -> HeaderClient {
    let options = AutoRestSwaggerBatHeaderServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatHeaderServiceClient::new(credential(), Some(options)).expect("a client").get_header_client()
}

#[track_caller]
fn assert_ok(method: &str, result: azure_core::Result<Response<(), NoFormat>>) {
    match result {
        Ok(response) => assert_eq!(response.status(), StatusCode::Ok, "`{method}`"),
        Err(error) => panic!("`{method}` failed (the server answers 400 to a header it does not expect): {error}"),
    }
}

/// A response header read through the method's typed headers trait: the call succeeds and the
/// accessor yields `expected`.
#[track_caller]
fn typed<R, T: std::fmt::Debug + PartialEq>(
    method: &str,
    result: azure_core::Result<R>,
    read: impl FnOnce(&R) -> azure_core::Result<Option<T>>,
    expected: Option<T>,
) {
    let response = result.unwrap_or_else(|e| panic!("`{method}` failed: {e}"));
    let value = read(&response).unwrap_or_else(|e| panic!("`{method}`: the typed header does not read: {e}"));
    assert_eq!(value, expected, "`{method}`: the typed header");
}

#[tokio::test]
async fn header_parameter_existing_key() {
    // `User-Agent` is a parameter of the operation: the caller's value is sent, not azure_core's.
    assert_ok("param_existing_key", client().param_existing_key("overwrite", None).await);
}

#[tokio::test]
async fn header_parameter_protected_key() {
    // `Content-Type` is a parameter of the operation: the caller's value is sent.
    assert_ok("param_protected_key", client().param_protected_key("text/html", None).await);
}

#[tokio::test]
async fn custom_header_in_request() {
    let options = HeaderClientCustomRequestIdOptions {
        method_options: ClientMethodOptions { context: Context::new().with_value(ClientRequestId::new(CLIENT_REQUEST_ID.to_string())) },
    };
    assert_ok("custom_request_id", client().custom_request_id(Some(options)).await);
}

#[tokio::test]
async fn header_parameter_integer_positive() {
    assert_ok("param_integer", client().param_integer("positive", 1, None).await);
}

#[tokio::test]
async fn header_parameter_integer_negative() {
    assert_ok("param_integer", client().param_integer("negative", -2, None).await);
}

#[tokio::test]
async fn header_parameter_long_positive() {
    assert_ok("param_long", client().param_long("positive", 105, None).await);
}

#[tokio::test]
async fn header_parameter_long_negative() {
    assert_ok("param_long", client().param_long("negative", -2, None).await);
}

#[tokio::test]
async fn header_parameter_float_positive() {
    assert_ok("param_float", client().param_float("positive", 0.07, None).await);
}

#[tokio::test]
async fn header_parameter_float_negative() {
    assert_ok("param_float", client().param_float("negative", -3.0, None).await);
}

#[tokio::test]
async fn header_parameter_double_positive() {
    assert_ok("param_double", client().param_double("positive", 7e120, None).await);
}

#[tokio::test]
async fn header_parameter_double_negative() {
    assert_ok("param_double", client().param_double("negative", -3.0, None).await);
}

#[tokio::test]
async fn header_parameter_bool_true() {
    assert_ok("param_bool", client().param_bool("true", true, None).await);
}

#[tokio::test]
async fn header_parameter_bool_false() {
    assert_ok("param_bool", client().param_bool("false", false, None).await);
}

#[tokio::test]
async fn header_parameter_string_valid() {
    assert_ok("param_string", client().param_string("valid", Some(HeaderClientParamStringOptions { value: Some("The quick brown fox jumps over the lazy dog".to_string()), ..Default::default() })).await);
}

#[tokio::test]
async fn header_parameter_string_null() {
    assert_ok("param_string", client().param_string("null", None).await);
}

#[tokio::test]
async fn header_parameter_string_empty() {
    assert_ok("param_string", client().param_string("empty", Some(HeaderClientParamStringOptions { value: Some(String::new()), ..Default::default() })).await);
}

#[tokio::test]
async fn header_parameter_enum_valid() {
    assert_ok("param_enum", client().param_enum("valid", Some(HeaderClientParamEnumOptions { value: Some(GreyscaleColors::Grey), ..Default::default() })).await);
}

#[tokio::test]
async fn header_parameter_enum_null() {
    assert_ok("param_enum", client().param_enum("null", None).await);
}

#[tokio::test]
async fn header_parameter_date_valid() {
    assert_ok("param_date", client().param_date("valid", date!(2010-01-01), None).await);
}

#[tokio::test]
async fn header_parameter_date_min() {
    assert_ok("param_date", client().param_date("min", date!(0001-01-01), None).await);
}

#[tokio::test]
async fn header_parameter_date_time_valid() {
    assert_ok("param_datetime", client().param_datetime("valid", datetime!(2010-01-01 12:34:56 UTC), None).await);
}

#[tokio::test]
async fn header_parameter_date_time_min() {
    assert_ok("param_datetime", client().param_datetime("min", datetime!(0001-01-01 00:00:00 UTC), None).await);
}

#[tokio::test]
async fn header_parameter_date_time_rfc1123_valid() {
    assert_ok("param_datetime_rfc1123", client().param_datetime_rfc1123("valid", Some(HeaderClientParamDatetimeRfc1123Options { value: Some(datetime!(2010-01-01 12:34:56 UTC)), ..Default::default() })).await);
}

#[tokio::test]
async fn header_parameter_date_time_rfc1123_min() {
    assert_ok("param_datetime_rfc1123", client().param_datetime_rfc1123("min", Some(HeaderClientParamDatetimeRfc1123Options { value: Some(datetime!(0001-01-01 00:00:00 UTC)), ..Default::default() })).await);
}

#[tokio::test]
async fn header_parameter_duration_valid() {
    // `P123DT22H14M12.011S`.
    let value = Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011);
    assert_ok("param_duration", client().param_duration("valid", value, None).await);
}

#[tokio::test]
async fn header_parameter_bytes_valid() {
    assert_ok("param_byte", client().param_byte("valid", MULTIBYTE.as_bytes(), None).await);
}

#[tokio::test]
async fn header_response_integer_positive() {
    typed("response_integer", client().response_integer("positive", None).await, |r| r.value(), Some(1));
}

#[tokio::test]
async fn header_response_integer_negative() {
    typed("response_integer", client().response_integer("negative", None).await, |r| r.value(), Some(-2));
}

#[tokio::test]
async fn header_response_long_positive() {
    typed("response_long", client().response_long("positive", None).await, |r| r.value(), Some(105_i64));
}

#[tokio::test]
async fn header_response_long_negative() {
    typed("response_long", client().response_long("negative", None).await, |r| r.value(), Some(-2_i64));
}

#[tokio::test]
async fn header_response_float_positive() {
    typed("response_float", client().response_float("positive", None).await, |r| r.value(), Some(0.07_f32));
}

#[tokio::test]
async fn header_response_float_negative() {
    typed("response_float", client().response_float("negative", None).await, |r| r.value(), Some(-3.0_f32));
}

#[tokio::test]
async fn header_response_double_positive() {
    typed("response_double", client().response_double("positive", None).await, |r| r.value(), Some(7e120_f64));
}

#[tokio::test]
async fn header_response_double_negative() {
    typed("response_double", client().response_double("negative", None).await, |r| r.value(), Some(-3.0_f64));
}

#[tokio::test]
async fn header_response_bool_true() {
    typed("response_bool", client().response_bool("true", None).await, |r| r.value(), Some(true));
}

#[tokio::test]
async fn header_response_bool_false() {
    typed("response_bool", client().response_bool("false", None).await, |r| r.value(), Some(false));
}

#[tokio::test]
async fn header_response_string_valid() {
    typed(
        "response_string",
        client().response_string("valid", None).await,
        |r| r.value(),
        Some("The quick brown fox jumps over the lazy dog".to_string()),
    );
}

#[tokio::test]
async fn header_response_string_null() {
    // express writes a header set to `null` as the text `null`: a string header is its text, as
    // the official generators read it (Python's test expects "null" too).
    typed("response_string", client().response_string("null", None).await, |r| r.value(), Some("null".to_string()));
}

#[tokio::test]
async fn header_response_string_empty() {
    // An empty string header is a value: the empty string.
    typed("response_string", client().response_string("empty", None).await, |r| r.value(), Some(String::new()));
}

#[tokio::test]
async fn header_response_enum_valid() {
    typed("response_enum", client().response_enum("valid", None).await, |r| r.value(), Some(GreyscaleColors::Grey));
}

#[tokio::test]
async fn header_response_enum_null() {
    // An empty enum header names no value: none.
    typed("response_enum", client().response_enum("null", None).await, |r| r.value(), None);
}

#[tokio::test]
async fn header_response_date_valid() {
    typed("response_date", client().response_date("valid", None).await, |r| r.value(), Some(date!(2010-01-01)));
}

#[tokio::test]
async fn header_response_date_min() {
    typed("response_date", client().response_date("min", None).await, |r| r.value(), Some(date!(0001-01-01)));
}

#[tokio::test]
async fn header_response_date_time_valid() {
    typed(
        "response_datetime",
        client().response_datetime("valid", None).await,
        |r| r.value(),
        Some(datetime!(2010-01-01 12:34:56 UTC)),
    );
}

#[tokio::test]
async fn header_response_date_time_min() {
    typed("response_datetime", client().response_datetime("min", None).await, |r| r.value(), Some(datetime!(0001-01-01 00:00:00 UTC)));
}

#[tokio::test]
async fn header_response_date_time_rfc1123_valid() {
    typed(
        "response_datetime_rfc1123",
        client().response_datetime_rfc1123("valid", None).await,
        |r| r.value(),
        Some(datetime!(2010-01-01 12:34:56 UTC)),
    );
}

#[tokio::test]
async fn header_response_date_time_rfc1123_min() {
    typed(
        "response_datetime_rfc1123",
        client().response_datetime_rfc1123("min", None).await,
        |r| r.value(),
        Some(datetime!(0001-01-01 00:00:00 UTC)),
    );
}

#[tokio::test]
async fn header_response_duration_valid() {
    typed(
        "response_duration",
        client().response_duration("valid", None).await,
        |r| r.value(),
        // `P123DT22H14M12.011S`.
        Some(Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011)),
    );
}

#[tokio::test]
async fn header_response_bytes_valid() {
    typed("response_byte", client().response_byte("valid", None).await, |r| r.value(), Some(MULTIBYTE.as_bytes().to_vec()));
}

#[tokio::test]
async fn header_response_existing_key() {
    typed(
        "response_existing_key",
        client().response_existing_key(None).await,
        |r| r.user_agent(),
        Some("overwrite".to_string()),
    );
}

#[tokio::test]
async fn header_response_protected_key() {
    // express adds `; charset=utf-8` to a Content-Type it is given.
    typed(
        "response_protected_key",
        client().response_protected_key(None).await,
        |r| r.content_type().map(|v| v.map(|v| v.split(';').next().unwrap_or_default().to_string())),
        Some("text/html".to_string()),
    );
}
