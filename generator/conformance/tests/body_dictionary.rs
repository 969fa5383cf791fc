//! Drivers of `body-dictionary.json`: maps (`additionalProperties`) of every primitive format
//! (read into typed values: dates, date-times, durations and bytes too), of models, arrays and
//! maps; `null` values where the spec's values are `x-nullable` (an `Option` value) and where they
//! are not (a decoding error), values of the wrong type, odd keys, and `null` or empty bodies.
//!
//! A map request body is taken as a `HashMap` of its values, which the method writes in their
//! formats.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::collections::HashMap;

use azure_core::time::Duration;
use body_dictionary::clients::DictionaryClient;
use body_dictionary::models::Widget;
use body_dictionary::{AutoRestSwaggerBatDictionaryServiceClient, AutoRestSwaggerBatDictionaryServiceClientOptions};
use conformance_drivers::{
    assert_absent, assert_decode_error, assert_decodes, assert_no_value, assert_ok, assert_value, client_options,
    credential, endpoint,
};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

fn client() -> DictionaryClient {
    let options = AutoRestSwaggerBatDictionaryServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatDictionaryServiceClient::new(credential(), Some(options)).expect("a client").get_dictionary_client()
}

/// The map `{"0": values[0], "1": values[1], ...}`, as every scenario keys its values.
fn indexed<T>(values: impl IntoIterator<Item = T>) -> HashMap<String, T> {
    values.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect()
}

fn map(entries: &[(&str, &str)]) -> HashMap<String, String> {
    entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn widget(integer: i64, string: &str) -> Widget {
    let mut widget = Widget::default();
    widget.integer = Some(integer);
    widget.string = Some(string.to_string());
    widget
}

fn widgets() -> HashMap<String, Widget> {
    indexed([widget(1, "2"), widget(3, "4"), widget(5, "6")])
}

fn string_arrays() -> HashMap<String, Vec<String>> {
    indexed([strings(&["1", "2", "3"]), strings(&["4", "5", "6"]), strings(&["7", "8", "9"])])
}

fn maps() -> HashMap<String, HashMap<String, String>> {
    indexed([
        map(&[("1", "one"), ("2", "two"), ("3", "three")]),
        map(&[("4", "four"), ("5", "five"), ("6", "six")]),
        map(&[("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ])
}

#[tokio::test]
async fn get_dictionary_null() {
    // The server answers 200 with no body, where the spec's map is not `x-nullable`.
    assert_no_value::<HashMap<String, i64>, _, _>(
        "get_null",
        client().get_null(None).await.and_then(|r| r.into_model()),
        ("get_integer_valid", client().get_integer_valid(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_dictionary_empty() {
    assert_value("get_empty", client().get_empty(None).await.and_then(|r| r.into_model()), HashMap::<String, i64>::new());
}

#[tokio::test]
async fn put_dictionary_empty() {
    assert_ok("put_empty", client().put_empty(HashMap::<String, String>::new(), None).await);
}

#[tokio::test]
async fn get_dictionary_null_value() {
    // `{"key1": null}`: the spec's values are not `x-nullable`.
    let invalid = client().get_null_value(None).await.and_then(|r| r.into_model());
    assert_decodes("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), "map of strings");
    assert_decode_error("get_null_value", invalid, "map of strings");
}

#[tokio::test]
async fn get_dictionary_nullkey() {
    // `{null: "val1"}` is not JSON: a key is a string.
    let invalid = client().get_null_key(None).await.and_then(|r| r.into_model());
    assert_decodes("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), "map");
    assert_decode_error("get_null_key", invalid, "map");
}

#[tokio::test]
async fn get_dictionary_key_empty_string() {
    assert_value("get_empty_string_key", client().get_empty_string_key(None).await.and_then(|r| r.into_model()), map(&[("", "val1")]));
}

#[tokio::test]
async fn get_dictionary_invalid() {
    // `{"key1": "val1", "key2", "val2"`.
    let invalid = client().get_invalid(None).await.and_then(|r| r.into_model());
    assert_decodes("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), "map");
    assert_decode_error("get_invalid", invalid, "map");
}

#[tokio::test]
async fn get_dictionary_boolean_valid() {
    assert_value("get_boolean_tfft", client().get_boolean_tfft(None).await.and_then(|r| r.into_model()), indexed([true, false, false, true]));
}

#[tokio::test]
async fn put_dictionary_boolean_valid() {
    assert_ok("put_boolean_tfft", client().put_boolean_tfft(indexed([true, false, false, true]), None).await);
}

#[tokio::test]
async fn get_dictionary_boolean_with_null() {
    // A `null` value: the spec's values are not `x-nullable`.
    assert_decode_error("get_boolean_invalid_null", client().get_boolean_invalid_null(None).await.and_then(|r| r.into_model()), "map of booleans");
}

#[tokio::test]
async fn get_dictionary_boolean_with_string() {
    // A string value.
    assert_decode_error("get_boolean_invalid_string", client().get_boolean_invalid_string(None).await.and_then(|r| r.into_model()), "map of booleans");
}

#[tokio::test]
async fn get_dictionary_integer_valid() {
    assert_value("get_integer_valid", client().get_integer_valid(None).await.and_then(|r| r.into_model()), indexed([1i64, -1, 3, 300]));
}

#[tokio::test]
async fn put_dictionary_integer_valid() {
    assert_ok("put_integer_valid", client().put_integer_valid(indexed([1i64, -1, 3, 300]), None).await);
}

#[tokio::test]
async fn get_dictionary_integer_with_null() {
    // A `null` value: the spec's values are not `x-nullable`.
    assert_decode_error("get_int_invalid_null", client().get_int_invalid_null(None).await.and_then(|r| r.into_model()), "map of integers");
}

#[tokio::test]
async fn get_dictionary_integer_with_string() {
    // A string value.
    assert_decode_error("get_int_invalid_string", client().get_int_invalid_string(None).await.and_then(|r| r.into_model()), "map of integers");
}

#[tokio::test]
async fn get_dictionary_long_valid() {
    assert_value("get_long_valid", client().get_long_valid(None).await.and_then(|r| r.into_model()), indexed([1i64, -1, 3, 300]));
}

#[tokio::test]
async fn put_dictionary_long_valid() {
    assert_ok("put_long_valid", client().put_long_valid(indexed([1i64, -1, 3, 300]), None).await);
}

#[tokio::test]
async fn get_dictionary_long_with_null() {
    // A `null` value: the spec's values are not `x-nullable`.
    assert_decode_error("get_long_invalid_null", client().get_long_invalid_null(None).await.and_then(|r| r.into_model()), "map of longs");
}

#[tokio::test]
async fn get_dictionary_long_with_string() {
    // A string value.
    assert_decode_error("get_long_invalid_string", client().get_long_invalid_string(None).await.and_then(|r| r.into_model()), "map of longs");
}

#[tokio::test]
async fn get_dictionary_float_valid() {
    assert_value("get_float_valid", client().get_float_valid(None).await.and_then(|r| r.into_model()), indexed([0f32, -0.01, -1.2e20]));
}

#[tokio::test]
async fn put_dictionary_float_valid() {
    assert_ok("put_float_valid", client().put_float_valid(indexed([0f32, -0.01, -1.2e20]), None).await);
}

#[tokio::test]
async fn get_dictionary_float_with_null() {
    // A `null` value: the spec's values are not `x-nullable`.
    assert_decode_error("get_float_invalid_null", client().get_float_invalid_null(None).await.and_then(|r| r.into_model()), "map of floats");
}

#[tokio::test]
async fn get_dictionary_float_with_string() {
    // A string value.
    assert_decode_error("get_float_invalid_string", client().get_float_invalid_string(None).await.and_then(|r| r.into_model()), "map of floats");
}

#[tokio::test]
async fn get_dictionary_double_valid() {
    assert_value("get_double_valid", client().get_double_valid(None).await.and_then(|r| r.into_model()), indexed([0f64, -0.01, -1.2e20]));
}

#[tokio::test]
async fn put_dictionary_double_valid() {
    assert_ok("put_double_valid", client().put_double_valid(indexed([0f64, -0.01, -1.2e20]), None).await);
}

#[tokio::test]
async fn get_dictionary_double_with_null() {
    // A `null` value: the spec's values are not `x-nullable`.
    assert_decode_error("get_double_invalid_null", client().get_double_invalid_null(None).await.and_then(|r| r.into_model()), "map of doubles");
}

#[tokio::test]
async fn get_dictionary_double_with_string() {
    // A string value.
    assert_decode_error("get_double_invalid_string", client().get_double_invalid_string(None).await.and_then(|r| r.into_model()), "map of doubles");
}

#[tokio::test]
async fn get_dictionary_string_valid() {
    assert_value("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), indexed(strings(&["foo1", "foo2", "foo3"])));
}

#[tokio::test]
async fn put_dictionary_string_valid() {
    assert_ok("put_string_valid", client().put_string_valid(indexed(strings(&["foo1", "foo2", "foo3"])), None).await);
}

#[tokio::test]
async fn get_dictionary_string_with_null() {
    // `{"0": "foo", "1": null, "2": "foo2"}`: the spec's values are not `x-nullable`.
    let invalid = client().get_string_with_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), "map of strings");
    assert_decode_error("get_string_with_null", invalid, "map of strings");
}

#[tokio::test]
async fn get_dictionary_string_with_number() {
    // `{"0": "foo", "1": 123, "2": "foo2"}`.
    assert_decode_error("get_string_with_invalid", client().get_string_with_invalid(None).await.and_then(|r| r.into_model()), "map of strings");
}

#[tokio::test]
async fn get_dictionary_date_valid() {
    assert_value("get_date_valid", client().get_date_valid(None).await.and_then(|r| r.into_model()), indexed([date!(2000-12-01), date!(1980-01-02), date!(1492-10-12)]));
}

#[tokio::test]
async fn put_dictionary_date_valid() {
    // The server expects `{"0": "2000-12-01", "1": "1980-01-02", "2": "1492-10-12"}`.
    let values: HashMap<String, Date> = indexed([date!(2000-12-01), date!(1980-01-02), date!(1492-10-12)]);
    assert_ok("put_date_valid", client().put_date_valid(values, None).await);
}

#[tokio::test]
async fn get_dictionary_date_with_null() {
    // `{"0": "2012-01-01", "1": null, "2": "1776-07-04"}`: the spec's values are not `x-nullable`.
    let invalid = client().get_date_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_valid", client().get_date_valid(None).await.and_then(|r| r.into_model()), "map of dates");
    assert_decode_error("get_date_invalid_null", invalid, "map of dates");
}

#[tokio::test]
async fn get_dictionary_date_with_invalid_chars() {
    // `{"0": "2011-03-22", "1": "date"}`.
    let invalid = client().get_date_invalid_chars(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_valid", client().get_date_valid(None).await.and_then(|r| r.into_model()), "map of dates");
    assert_decode_error("get_date_invalid_chars", invalid, "map of dates");
}

#[tokio::test]
async fn get_dictionary_date_time_valid() {
    // `{"0": "2000-12-01t00:00:01z", "1": "1980-01-02T00:11:35+01:00", "2": "1492-10-12T10:15:01-08:00"}`.
    assert_value("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), indexed([datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 +01:00), datetime!(1492-10-12 10:15:01 -08:00)]));
}

#[tokio::test]
async fn put_dictionary_date_time_valid() {
    // The server expects these instants written in UTC (`2000-12-01T00:00:01Z`, `1980-01-01T23:11:35Z`,
    // `1492-10-12T18:15:01Z`), as the other SDKs' clients write date-times.
    let values: HashMap<String, OffsetDateTime> =
        indexed([datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 +01:00), datetime!(1492-10-12 10:15:01 -08:00)]);
    assert_ok("put_date_time_valid", client().put_date_time_valid(values, None).await);
}

#[tokio::test]
async fn get_dictionary_date_time_with_null() {
    // `{"0": "2000-12-01t00:00:01z", "1": null}`: the spec's values are not `x-nullable`.
    let invalid = client().get_date_time_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), "map of date-times");
    assert_decode_error("get_date_time_invalid_null", invalid, "map of date-times");
}

#[tokio::test]
async fn get_dictionary_date_time_with_invalid_chars() {
    // `{"0": "2000-12-01t00:00:01z", "1": "date-time"}`.
    let invalid = client().get_date_time_invalid_chars(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), "map of date-times");
    assert_decode_error("get_date_time_invalid_chars", invalid, "map of date-times");
}

#[tokio::test]
async fn get_dictionary_date_time_rfc1123_valid() {
    // `{"0": "Fri, 01 Dec 2000 00:00:01 GMT", "1": "Wed, 02 Jan 1980 00:11:35 GMT", "2": "Wed, 12 Oct 1492 10:15:01 GMT"}`.
    assert_value("get_date_time_rfc1123_valid", client().get_date_time_rfc1123_valid(None).await.and_then(|r| r.into_model()), indexed([datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 UTC), datetime!(1492-10-12 10:15:01 UTC)]));
}

#[tokio::test]
async fn put_dictionary_date_time_rfc1123_valid() {
    // The server expects RFC 1123 text: `{"0": "Fri, 01 Dec 2000 00:00:01 GMT", ...}`.
    let values: HashMap<String, OffsetDateTime> =
        indexed([datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 UTC), datetime!(1492-10-12 10:15:01 UTC)]);
    assert_ok("put_date_time_rfc1123_valid", client().put_date_time_rfc1123_valid(values, None).await);
}

#[tokio::test]
async fn get_dictionary_duration_valid() {
    // `{"0": "P123DT22H14M12.011S", "1": "P5DT1H"}`.
    assert_value("get_duration_valid", client().get_duration_valid(None).await.and_then(|r| r.into_model()), indexed([Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011), Duration::days(5) + Duration::hours(1)]));
}

#[tokio::test]
async fn put_dictionary_duration_valid() {
    // The server expects `{"0": "P123DT22H14M12.011S", "1": "P5DT1H"}`, which it compares as durations.
    let values = indexed([
        Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011),
        Duration::days(5) + Duration::hours(1),
    ]);
    assert_ok("put_duration_valid", client().put_duration_valid(values, None).await);
}

#[tokio::test]
async fn get_dictionary_byte_valid() {
    assert_value("get_byte_valid", client().get_byte_valid(None).await.and_then(|r| r.into_model()), indexed([vec![255u8, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]]));
}

#[tokio::test]
async fn put_dictionary_byte_valid() {
    // The server expects the base64 of each: `{"0": "////+g==", "1": "AQID", "2": "JSlD"}`.
    let values = indexed([vec![255u8, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]]);
    assert_ok("put_byte_valid", client().put_byte_valid(values, None).await);
}

#[tokio::test]
async fn get_dictionary_byte_with_null() {
    // `{"0": base64 of [171, 172, 173], "1": null}`: the spec's values are not `x-nullable`.
    let invalid = client().get_byte_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_byte_valid", client().get_byte_valid(None).await.and_then(|r| r.into_model()), "map of base64 strings");
    assert_decode_error("get_byte_invalid_null", invalid, "map of base64 strings");
}

#[tokio::test]
async fn get_dictionary_base64_url() {
    // base64url without padding.
    assert_value("get_base64_url", client().get_base64_url(None).await.and_then(|r| r.into_model()), indexed([b"a string that gets encoded with base64url".to_vec(), b"test string".to_vec(), b"Lorem ipsum".to_vec()]));
}

#[tokio::test]
async fn get_dictionary_complex_null() {
    // `x-nullable`; the server answers 200 with no body.
    assert_absent::<HashMap<String, Widget>, _>("get_complex_null", client().get_complex_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_dictionary_complex_empty() {
    assert_value("get_complex_empty", client().get_complex_empty(None).await.and_then(|r| r.into_model()), HashMap::<String, Widget>::new());
}

#[tokio::test]
async fn get_dictionary_complex_item_null() {
    // The spec's values are `x-nullable`.
    assert_value("get_complex_item_null", client().get_complex_item_null(None).await.and_then(|r| r.into_model()), indexed([Some(widget(1, "2")), None, Some(widget(5, "6"))]));
}

#[tokio::test]
async fn get_dictionary_complex_item_empty() {
    assert_value("get_complex_item_empty", client().get_complex_item_empty(None).await.and_then(|r| r.into_model()), indexed([widget(1, "2"), Widget::default(), widget(5, "6")]));
}

#[tokio::test]
async fn get_dictionary_complex_valid() {
    assert_value("get_complex_valid", client().get_complex_valid(None).await.and_then(|r| r.into_model()), widgets());
}

#[tokio::test]
async fn put_dictionary_complex_valid() {
    assert_ok("put_complex_valid", client().put_complex_valid(widgets(), None).await);
}

#[tokio::test]
async fn get_dictionary_array_null() {
    // `x-nullable`; the server answers 200 with no body.
    assert_absent::<HashMap<String, Vec<String>>, _>("get_array_null", client().get_array_null(None).await.and_then(|r| r.into_model()));
}

#[tokio::test]
async fn get_dictionary_array_empty() {
    assert_value("get_array_empty", client().get_array_empty(None).await.and_then(|r| r.into_model()), HashMap::<String, Vec<String>>::new());
}

#[tokio::test]
async fn get_dictionary_array_item_null() {
    // The spec's values are `x-nullable`.
    assert_value("get_array_item_null", client().get_array_item_null(None).await.and_then(|r| r.into_model()), indexed([Some(strings(&["1", "2", "3"])), None, Some(strings(&["7", "8", "9"]))]));
}

#[tokio::test]
async fn get_dictionary_array_item_empty() {
    assert_value("get_array_item_empty", client().get_array_item_empty(None).await.and_then(|r| r.into_model()), indexed([strings(&["1", "2", "3"]), Vec::new(), strings(&["7", "8", "9"])]));
}

#[tokio::test]
async fn get_dictionary_array_valid() {
    assert_value("get_array_valid", client().get_array_valid(None).await.and_then(|r| r.into_model()), string_arrays());
}

#[tokio::test]
async fn put_dictionary_array_valid() {
    assert_ok("put_array_valid", client().put_array_valid(string_arrays(), None).await);
}

#[tokio::test]
async fn get_dictionary_dictionary_null() {
    // The server answers 200 with no body, where the spec's map is not `x-nullable`.
    assert_no_value::<HashMap<String, HashMap<String, String>>, _, _>(
        "get_dictionary_null",
        client().get_dictionary_null(None).await.and_then(|r| r.into_model()),
        ("get_dictionary_valid", client().get_dictionary_valid(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_dictionary_dictionary_empty() {
    assert_value("get_dictionary_empty", client().get_dictionary_empty(None).await.and_then(|r| r.into_model()), HashMap::<String, HashMap<String, String>>::new());
}

#[tokio::test]
async fn get_dictionary_dictionary_item_null() {
    // The spec's values are `x-nullable`.
    assert_value("get_dictionary_item_null", client().get_dictionary_item_null(None).await.and_then(|r| r.into_model()), indexed([Some(map(&[("1", "one"), ("2", "two"), ("3", "three")])), None, Some(map(&[("7", "seven"), ("8", "eight"), ("9", "nine")]))]));
}

#[tokio::test]
async fn get_dictionary_dictionary_item_empty() {
    assert_value("get_dictionary_item_empty", client().get_dictionary_item_empty(None).await.and_then(|r| r.into_model()), indexed([map(&[("1", "one"), ("2", "two"), ("3", "three")]), HashMap::new(), map(&[("7", "seven"), ("8", "eight"), ("9", "nine")])]));
}

#[tokio::test]
async fn get_dictionary_dictionary_valid() {
    assert_value("get_dictionary_valid", client().get_dictionary_valid(None).await.and_then(|r| r.into_model()), maps());
}

#[tokio::test]
async fn put_dictionary_dictionary_valid() {
    assert_ok("put_dictionary_valid", client().put_dictionary_valid(maps(), None).await);
}
