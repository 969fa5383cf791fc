//! Drivers of `header.json`: header parameters of every primitive type written as the spec says,
//! and response headers of every type read back as typed values.
//!
//! The generated methods return `Response<(), NoFormat>`: a response header is reachable only as
//! raw text through `headers()`, not as the typed value the spec declares. The response-header
//! tests check the raw text the client received, then fail saying what the API lacks.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use azure_core::http::headers::HeaderName;
use azure_core::http::request::options::ClientRequestId;
use azure_core::http::{ClientMethodOptions, Context, NoFormat, Response};
use conformance_drivers::{client_options, credential, endpoint, inexpressible, CLIENT_REQUEST_ID};
use header::clients::*;
use header::error::StatusCode;
use header::models::GreyscaleColors;
use header::{AutoRestSwaggerBatHeaderServiceClient, AutoRestSwaggerBatHeaderServiceClientOptions};
use time::macros::datetime;

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

/// A response header the spec types: the raw text must be `wire` (or absent when `None`), and the
/// typed value must be reachable, which the generated API does not offer.
#[track_caller]
fn typed_response_header<T>(method: &str, name: &str, result: azure_core::Result<Response<T, NoFormat>>, wire: Option<&str>, typed: &str) {
    let response = result.unwrap_or_else(|e| panic!("`{method}` failed: {e}"));
    assert_eq!(response.status(), StatusCode::Ok, "`{method}`");
    let raw = response.headers().get_optional_str(&HeaderName::from(name.to_ascii_lowercase())).map(str::to_string);
    if let Some(wire) = wire {
        // express adds `; charset=utf-8` to a Content-Type it is given.
        let seen = raw.as_deref().map(|r| if name == "Content-Type" { r.split(';').next().unwrap_or(r) } else { r });
        assert_eq!(seen, Some(wire), "`{method}`: the raw `{name}` header");
    }
    inexpressible(&format!(
        "`{method}` returns `{}`: the spec's response header `{name}` ({typed}) has no typed accessor \
         (the raw header was {raw:?})",
        std::any::type_name::<Response<T, NoFormat>>()
    ));
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
    assert_ok("param_date", client().param_date("valid", "2010-01-01", None).await);
}

#[tokio::test]
async fn header_parameter_date_min() {
    assert_ok("param_date", client().param_date("min", "0001-01-01", None).await);
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
    assert_ok("param_duration", client().param_duration("valid", "P123DT22H14M12.011S", None).await);
}

#[tokio::test]
async fn header_parameter_bytes_valid() {
    assert_ok("param_byte", client().param_byte("valid", MULTIBYTE.as_bytes(), None).await);
}

#[tokio::test]
async fn header_response_integer_positive() {
    typed_response_header("response_integer", "value", client().response_integer("positive", None).await, Some("1"), "integer (i32) 1");
}

#[tokio::test]
async fn header_response_integer_negative() {
    typed_response_header("response_integer", "value", client().response_integer("negative", None).await, Some("-2"), "integer (i32) -2");
}

#[tokio::test]
async fn header_response_long_positive() {
    typed_response_header("response_long", "value", client().response_long("positive", None).await, Some("105"), "int64 105");
}

#[tokio::test]
async fn header_response_long_negative() {
    typed_response_header("response_long", "value", client().response_long("negative", None).await, Some("-2"), "int64 -2");
}

#[tokio::test]
async fn header_response_float_positive() {
    typed_response_header("response_float", "value", client().response_float("positive", None).await, Some("0.07"), "float 0.07");
}

#[tokio::test]
async fn header_response_float_negative() {
    typed_response_header("response_float", "value", client().response_float("negative", None).await, Some("-3"), "float -3.0");
}

#[tokio::test]
async fn header_response_double_positive() {
    typed_response_header("response_double", "value", client().response_double("positive", None).await, Some("7e+120"), "double 7e120");
}

#[tokio::test]
async fn header_response_double_negative() {
    typed_response_header("response_double", "value", client().response_double("negative", None).await, Some("-3"), "double -3.0");
}

#[tokio::test]
async fn header_response_bool_true() {
    typed_response_header("response_bool", "value", client().response_bool("true", None).await, Some("true"), "boolean true");
}

#[tokio::test]
async fn header_response_bool_false() {
    typed_response_header("response_bool", "value", client().response_bool("false", None).await, Some("false"), "boolean false");
}

#[tokio::test]
async fn header_response_string_valid() {
    typed_response_header("response_string", "value", client().response_string("valid", None).await, Some("The quick brown fox jumps over the lazy dog"), "string");
}

#[tokio::test]
async fn header_response_string_null() {
    typed_response_header("response_string", "value", client().response_string("null", None).await, None, "string, absent or null");
}

#[tokio::test]
async fn header_response_string_empty() {
    typed_response_header("response_string", "value", client().response_string("empty", None).await, Some(""), "string, empty");
}

#[tokio::test]
async fn header_response_enum_valid() {
    typed_response_header("response_enum", "value", client().response_enum("valid", None).await, Some("GREY"), "GreyscaleColors::Grey");
}

#[tokio::test]
async fn header_response_enum_null() {
    typed_response_header("response_enum", "value", client().response_enum("null", None).await, Some(""), "GreyscaleColors, absent");
}

#[tokio::test]
async fn header_response_date_valid() {
    typed_response_header("response_date", "value", client().response_date("valid", None).await, Some("2010-01-01"), "date 2010-01-01");
}

#[tokio::test]
async fn header_response_date_min() {
    typed_response_header("response_date", "value", client().response_date("min", None).await, Some("0001-01-01"), "date 0001-01-01");
}

#[tokio::test]
async fn header_response_date_time_valid() {
    typed_response_header("response_datetime", "value", client().response_datetime("valid", None).await, Some("2010-01-01T12:34:56Z"), "date-time 2010-01-01T12:34:56Z");
}

#[tokio::test]
async fn header_response_date_time_min() {
    typed_response_header("response_datetime", "value", client().response_datetime("min", None).await, Some("0001-01-01T00:00:00Z"), "date-time 0001-01-01T00:00:00Z");
}

#[tokio::test]
async fn header_response_date_time_rfc1123_valid() {
    typed_response_header("response_datetime_rfc1123", "value", client().response_datetime_rfc1123("valid", None).await, Some("Fri, 01 Jan 2010 12:34:56 GMT"), "date-time-rfc1123");
}

#[tokio::test]
async fn header_response_date_time_rfc1123_min() {
    typed_response_header("response_datetime_rfc1123", "value", client().response_datetime_rfc1123("min", None).await, Some("Mon, 01 Jan 0001 00:00:00 GMT"), "date-time-rfc1123");
}

#[tokio::test]
async fn header_response_duration_valid() {
    typed_response_header("response_duration", "value", client().response_duration("valid", None).await, Some("P123DT22H14M12.011S"), "duration");
}

#[tokio::test]
async fn header_response_bytes_valid() {
    typed_response_header("response_byte", "value", client().response_byte("valid", None).await, Some("5ZWK6b2E5LiC54ub54uc76ex76Ss76ex76iM76ip"), "byte (base64 of the multi-byte string)");
}

#[tokio::test]
async fn header_response_existing_key() {
    typed_response_header("response_existing_key", "User-Agent", client().response_existing_key(None).await, Some("overwrite"), "string `User-Agent`");
}

#[tokio::test]
async fn header_response_protected_key() {
    typed_response_header("response_protected_key", "Content-Type", client().response_protected_key(None).await, Some("text/html"), "string `Content-Type`");
}
