//! Drivers of `body-array.json`: arrays of every primitive format (read into typed items: dates,
//! date-times, durations, bytes and uuids too), of enums, models, arrays and maps; `null` items
//! where the spec's items are `x-nullable` (an `Option` item) and where they are not (a decoding
//! error), items of the wrong type, and `null` or empty bodies.
//!
//! An array request body is taken as a `Vec` of its items, which the method writes in their
//! formats.

// Options are filled with `..Default::default()` even where every field is given, so the drivers
// keep compiling when the generator adds an optional parameter.
#![allow(clippy::needless_update)]

use std::collections::HashMap;

use azure_core::time::Duration;
use azure_core::Uuid;
use body_array::clients::ArrayClient;
use body_array::models::{ArrayGetStringEnumValidResponseItem, ArrayPutStringEnumValidRequestItem, FooEnum, Product};
use body_array::{AutoRestSwaggerBatArrayServiceClient, AutoRestSwaggerBatArrayServiceClientOptions};
use conformance_drivers::{
    assert_decode_error, assert_decodes, assert_no_value, assert_ok, assert_value, client_options, credential,
    endpoint, inexpressible,
};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

fn client() -> ArrayClient {
    let options = AutoRestSwaggerBatArrayServiceClientOptions {
        client_options: client_options(),
        endpoint: Some(endpoint()),
        ..Default::default()
    };
    AutoRestSwaggerBatArrayServiceClient::new(credential(), Some(options)).expect("a client").get_array_client()
}

/// Fails a scenario whose items the API types as text where the spec gives them a format.
#[track_caller]
fn untyped(method: &str, format: &str, typed: &str) -> ! {
    inexpressible(&format!(
        "`{method}` takes `Vec<String>` where the spec's items are `format: {format}`: the caller must format each \
         item by hand (expected items of `{typed}`)"
    ))
}

fn product(integer: i64, string: &str) -> Product {
    let mut product = Product::default();
    product.integer = Some(integer);
    product.string = Some(string.to_string());
    product
}

fn map(entries: &[(&str, &str)]) -> HashMap<String, String> {
    entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The models of the complex scenarios' three items.
fn products() -> Vec<Product> {
    vec![product(1, "2"), product(3, "4"), product(5, "6")]
}

/// The arrays of the array scenarios' three items.
fn string_arrays() -> Vec<Vec<String>> {
    vec![strings(&["1", "2", "3"]), strings(&["4", "5", "6"]), strings(&["7", "8", "9"])]
}

/// The maps of the dictionary scenarios' three items.
fn maps() -> Vec<HashMap<String, String>> {
    vec![
        map(&[("1", "one"), ("2", "two"), ("3", "three")]),
        map(&[("4", "four"), ("5", "five"), ("6", "six")]),
        map(&[("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ]
}

const UUIDS: [&str; 3] =
    ["6dcc7237-45fe-45c4-8a6b-3a8a3f625652", "d1399005-30f7-40d6-8da6-dd7c89ad34db", "f42f6aa1-a5bc-4ddf-907e-5f915de43205"];

// ---- the array itself ----

#[tokio::test]
async fn get_array_null() {
    // The server answers 200 with no body, where the spec's array is not `x-nullable`.
    assert_no_value::<Vec<i64>, _, _>(
        "get_null",
        client().get_null(None).await.and_then(|r| r.into_model()),
        ("get_integer_valid", client().get_integer_valid(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_array_invalid() {
    // `[1, 2, 3`.
    assert_decode_error("get_invalid", client().get_invalid(None).await.and_then(|r| r.into_model()), "array");
}

#[tokio::test]
async fn get_array_empty() {
    assert_value("get_empty", client().get_empty(None).await.and_then(|r| r.into_model()), Vec::<i64>::new());
}

#[tokio::test]
async fn put_array_empty() {
    assert_ok("put_empty", client().put_empty(Vec::<String>::new(), None).await);
}

// ---- booleans, integers, numbers, strings ----

#[tokio::test]
async fn get_array_boolean_valid() {
    assert_value("get_boolean_tfft", client().get_boolean_tfft(None).await.and_then(|r| r.into_model()), vec![true, false, false, true]);
}

#[tokio::test]
async fn put_array_boolean_valid() {
    assert_ok("put_boolean_tfft", client().put_boolean_tfft(vec![true, false, false, true], None).await);
}

#[tokio::test]
async fn get_array_boolean_with_null() {
    // `[true, null, false]`: the spec's items are not `x-nullable`.
    assert_decode_error("get_boolean_invalid_null", client().get_boolean_invalid_null(None).await.and_then(|r| r.into_model()), "array of booleans");
}

#[tokio::test]
async fn get_array_boolean_with_string() {
    // `[true, "boolean", false]`.
    assert_decode_error("get_boolean_invalid_string", client().get_boolean_invalid_string(None).await.and_then(|r| r.into_model()), "array of booleans");
}

#[tokio::test]
async fn get_array_integer_valid() {
    assert_value("get_integer_valid", client().get_integer_valid(None).await.and_then(|r| r.into_model()), vec![1i64, -1, 3, 300]);
}

#[tokio::test]
async fn put_array_integer_valid() {
    assert_ok("put_integer_valid", client().put_integer_valid(vec![1i64, -1, 3, 300], None).await);
}

#[tokio::test]
async fn get_array_integer_with_null() {
    assert_decode_error("get_int_invalid_null", client().get_int_invalid_null(None).await.and_then(|r| r.into_model()), "array of integers");
}

#[tokio::test]
async fn get_array_integer_with_string() {
    assert_decode_error("get_int_invalid_string", client().get_int_invalid_string(None).await.and_then(|r| r.into_model()), "array of integers");
}

#[tokio::test]
async fn get_array_long_valid() {
    assert_value("get_long_valid", client().get_long_valid(None).await.and_then(|r| r.into_model()), vec![1i64, -1, 3, 300]);
}

#[tokio::test]
async fn put_array_long_valid() {
    assert_ok("put_long_valid", client().put_long_valid(vec![1i64, -1, 3, 300], None).await);
}

#[tokio::test]
async fn get_array_long_with_null() {
    assert_decode_error("get_long_invalid_null", client().get_long_invalid_null(None).await.and_then(|r| r.into_model()), "array of longs");
}

#[tokio::test]
async fn get_array_long_with_string() {
    assert_decode_error("get_long_invalid_string", client().get_long_invalid_string(None).await.and_then(|r| r.into_model()), "array of longs");
}

#[tokio::test]
async fn get_array_float_valid() {
    assert_value("get_float_valid", client().get_float_valid(None).await.and_then(|r| r.into_model()), vec![0f32, -0.01, -1.2e20]);
}

#[tokio::test]
async fn put_array_float_valid() {
    assert_ok("put_float_valid", client().put_float_valid(vec![0f32, -0.01, -1.2e20], None).await);
}

#[tokio::test]
async fn get_array_float_with_null() {
    assert_decode_error("get_float_invalid_null", client().get_float_invalid_null(None).await.and_then(|r| r.into_model()), "array of floats");
}

#[tokio::test]
async fn get_array_float_with_string() {
    assert_decode_error("get_float_invalid_string", client().get_float_invalid_string(None).await.and_then(|r| r.into_model()), "array of floats");
}

#[tokio::test]
async fn get_array_double_valid() {
    assert_value("get_double_valid", client().get_double_valid(None).await.and_then(|r| r.into_model()), vec![0f64, -0.01, -1.2e20]);
}

#[tokio::test]
async fn put_array_double_valid() {
    assert_ok("put_double_valid", client().put_double_valid(vec![0f64, -0.01, -1.2e20], None).await);
}

#[tokio::test]
async fn get_array_double_with_null() {
    assert_decode_error("get_double_invalid_null", client().get_double_invalid_null(None).await.and_then(|r| r.into_model()), "array of doubles");
}

#[tokio::test]
async fn get_array_double_with_string() {
    assert_decode_error("get_double_invalid_string", client().get_double_invalid_string(None).await.and_then(|r| r.into_model()), "array of doubles");
}

#[tokio::test]
async fn get_array_string_valid() {
    assert_value("get_string_valid", client().get_string_valid(None).await.and_then(|r| r.into_model()), strings(&["foo1", "foo2", "foo3"]));
}

#[tokio::test]
async fn put_array_string_valid() {
    assert_ok("put_string_valid", client().put_string_valid(strings(&["foo1", "foo2", "foo3"]), None).await);
}

#[tokio::test]
async fn get_array_string_with_null() {
    // `["foo", null, "foo2"]`: the spec's items are `x-nullable`.
    assert_value(
        "get_string_with_null",
        client().get_string_with_null(None).await.and_then(|r| r.into_model()),
        vec![Some("foo".to_string()), None, Some("foo2".to_string())],
    );
}

#[tokio::test]
async fn get_array_string_with_number() {
    // `["foo", 123, "foo2"]`.
    assert_decode_error("get_string_with_invalid", client().get_string_with_invalid(None).await.and_then(|r| r.into_model()), "array of strings");
}

// ---- enums ----

#[tokio::test]
async fn get_array_enum_valid() {
    assert_value("get_enum_valid", client().get_enum_valid(None).await.and_then(|r| r.into_model()), vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3]);
}

#[tokio::test]
async fn put_array_enum_valid() {
    assert_ok("put_enum_valid", client().put_enum_valid(vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3], None).await);
}

#[tokio::test]
async fn get_array_string_enum_valid() {
    use ArrayGetStringEnumValidResponseItem as Item;
    assert_value("get_string_enum_valid", client().get_string_enum_valid(None).await.and_then(|r| r.into_model()), vec![Item::Foo1, Item::Foo2, Item::Foo3]);
}

#[tokio::test]
async fn put_array_string_enum_valid() {
    use ArrayPutStringEnumValidRequestItem as Item;
    assert_ok("put_string_enum_valid", client().put_string_enum_valid(vec![Item::Foo1, Item::Foo2, Item::Foo3], None).await);
}

// ---- uuids, dates, date-times, durations, bytes ----

#[tokio::test]
async fn get_array_uuid_valid() {
    let expected: Vec<Uuid> = UUIDS.iter().map(|u| Uuid::parse_str(u).expect("a uuid")).collect();
    assert_value("get_uuid_valid", client().get_uuid_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_array_uuid_valid() {
    assert_ok("put_uuid_valid", client().put_uuid_valid(strings(&UUIDS), None).await);
    untyped("put_uuid_valid", "uuid", "azure_core::Uuid");
}

#[tokio::test]
async fn get_array_uuid_with_invalid_chars() {
    // `["6dcc7237-45fe-45c4-8a6b-3a8a3f625652", "foo"]`.
    let invalid = client().get_uuid_invalid_chars(None).await.and_then(|r| r.into_model());
    assert_decodes("get_uuid_valid", client().get_uuid_valid(None).await.and_then(|r| r.into_model()), "array of uuids");
    assert_decode_error("get_uuid_invalid_chars", invalid, "array of uuids");
}

#[tokio::test]
async fn get_array_date_valid() {
    assert_value(
        "get_date_valid",
        client().get_date_valid(None).await.and_then(|r| r.into_model()),
        vec![date!(2000-12-01), date!(1980-01-02), date!(1492-10-12)],
    );
}

#[tokio::test]
async fn put_array_date_valid() {
    // The server expects `["2000-12-01", "1980-01-02", "1492-10-12"]`.
    let values: Vec<Date> = vec![date!(2000-12-01), date!(1980-01-02), date!(1492-10-12)];
    assert_ok("put_date_valid", client().put_date_valid(values, None).await);
}

#[tokio::test]
async fn get_array_date_with_null() {
    // `["2012-01-01", null, "1776-07-04"]`: the spec's items are not `x-nullable`.
    let invalid = client().get_date_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_valid", client().get_date_valid(None).await.and_then(|r| r.into_model()), "array of dates");
    assert_decode_error("get_date_invalid_null", invalid, "array of dates");
}

#[tokio::test]
async fn get_array_date_with_invalid_chars() {
    // `["2011-03-22", "date"]`.
    let invalid = client().get_date_invalid_chars(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_valid", client().get_date_valid(None).await.and_then(|r| r.into_model()), "array of dates");
    assert_decode_error("get_date_invalid_chars", invalid, "array of dates");
}

#[tokio::test]
async fn get_array_date_time_valid() {
    // `["2000-12-01t00:00:01z", "1980-01-02T00:11:35+01:00", "1492-10-12T10:15:01-08:00"]`.
    let expected: Vec<OffsetDateTime> =
        vec![datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 +01:00), datetime!(1492-10-12 10:15:01 -08:00)];
    assert_value("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_array_date_time_valid() {
    let values: Vec<OffsetDateTime> =
        vec![datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 UTC), datetime!(1492-10-12 10:15:01 UTC)];
    assert_ok("put_date_time_valid", client().put_date_time_valid(values, None).await);
}

#[tokio::test]
async fn get_array_date_time_with_null() {
    // `["2000-12-01T00:00:01.000Z", null]`: the spec's items are not `x-nullable`.
    let invalid = client().get_date_time_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), "array of date-times");
    assert_decode_error("get_date_time_invalid_null", invalid, "array of date-times");
}

#[tokio::test]
async fn get_array_date_time_with_invalid_chars() {
    // `["2000-12-01t00:00:01z", "date-time"]`.
    let invalid = client().get_date_time_invalid_chars(None).await.and_then(|r| r.into_model());
    assert_decodes("get_date_time_valid", client().get_date_time_valid(None).await.and_then(|r| r.into_model()), "array of date-times");
    assert_decode_error("get_date_time_invalid_chars", invalid, "array of date-times");
}

#[tokio::test]
async fn get_array_date_time_rfc1123_valid() {
    // `["Fri, 01 Dec 2000 00:00:01 GMT", "Wed, 02 Jan 1980 00:11:35 GMT", "Wed, 12 Oct 1492 10:15:01 GMT"]`.
    let expected: Vec<OffsetDateTime> =
        vec![datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 UTC), datetime!(1492-10-12 10:15:01 UTC)];
    assert_value("get_date_time_rfc1123_valid", client().get_date_time_rfc1123_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_array_date_time_rfc1123_valid() {
    // The server expects RFC 1123 text: `["Fri, 01 Dec 2000 00:00:01 GMT", ...]`.
    let values: Vec<OffsetDateTime> =
        vec![datetime!(2000-12-01 00:00:01 UTC), datetime!(1980-01-02 00:11:35 UTC), datetime!(1492-10-12 10:15:01 UTC)];
    assert_ok("put_date_time_rfc1123_valid", client().put_date_time_rfc1123_valid(values, None).await);
}

#[tokio::test]
async fn get_array_duration_valid() {
    // `["P123DT22H14M12.011S", "P5DT1H0M0S"]`.
    let expected = vec![
        Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011),
        Duration::days(5) + Duration::hours(1),
    ];
    assert_value("get_duration_valid", client().get_duration_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_array_duration_valid() {
    // The server expects `["P123DT22H14M12.011S", "P5DT1H"]`, which it compares as durations.
    let values = vec![
        Duration::days(123) + Duration::hours(22) + Duration::minutes(14) + Duration::milliseconds(12_011),
        Duration::days(5) + Duration::hours(1),
    ];
    assert_ok("put_duration_valid", client().put_duration_valid(values, None).await);
}

#[tokio::test]
async fn get_array_byte_valid() {
    let expected: Vec<Vec<u8>> = vec![vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]];
    assert_value("get_byte_valid", client().get_byte_valid(None).await.and_then(|r| r.into_model()), expected);
}

#[tokio::test]
async fn put_array_byte_valid() {
    // The server expects the base64 of each: `["////+g==", "AQID", "JSlD"]`.
    let values: Vec<Vec<u8>> = vec![vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]];
    assert_ok("put_byte_valid", client().put_byte_valid(values, None).await);
}

#[tokio::test]
async fn get_array_byte_with_null() {
    // `[base64 of [171, 172, 173], null]`: the spec's items are not `x-nullable`.
    let invalid = client().get_byte_invalid_null(None).await.and_then(|r| r.into_model());
    assert_decodes("get_byte_valid", client().get_byte_valid(None).await.and_then(|r| r.into_model()), "array of base64 strings");
    assert_decode_error("get_byte_invalid_null", invalid, "array of base64 strings");
}

#[tokio::test]
async fn get_array_base64_url() {
    // base64url without padding.
    let expected: Vec<Vec<u8>> =
        vec![b"a string that gets encoded with base64url".to_vec(), b"test string".to_vec(), b"Lorem ipsum".to_vec()];
    assert_value("get_base64_url", client().get_base64_url(None).await.and_then(|r| r.into_model()), expected);
}

// ---- models ----

#[tokio::test]
async fn get_array_complex_null() {
    // No body, where the spec's array is not `x-nullable` (its items are).
    assert_no_value::<Vec<Option<Product>>, _, _>(
        "get_complex_null",
        client().get_complex_null(None).await.and_then(|r| r.into_model()),
        ("get_complex_item_null", client().get_complex_item_null(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_array_complex_empty() {
    assert_value("get_complex_empty", client().get_complex_empty(None).await.and_then(|r| r.into_model()), Vec::<Product>::new());
}

#[tokio::test]
async fn get_array_complex_item_null() {
    // The spec's items are `x-nullable`.
    assert_value(
        "get_complex_item_null",
        client().get_complex_item_null(None).await.and_then(|r| r.into_model()),
        vec![Some(product(1, "2")), None, Some(product(5, "6"))],
    );
}

#[tokio::test]
async fn get_array_complex_item_empty() {
    assert_value(
        "get_complex_item_empty",
        client().get_complex_item_empty(None).await.and_then(|r| r.into_model()),
        vec![product(1, "2"), Product::default(), product(5, "6")],
    );
}

#[tokio::test]
async fn get_array_complex_valid() {
    assert_value("get_complex_valid", client().get_complex_valid(None).await.and_then(|r| r.into_model()), products());
}

#[tokio::test]
async fn put_array_complex_valid() {
    assert_ok("put_complex_valid", client().put_complex_valid(products(), None).await);
}

// ---- arrays of arrays ----

#[tokio::test]
async fn get_array_array_null() {
    // No body, where the spec's array is not `x-nullable`.
    assert_no_value::<Vec<Vec<String>>, _, _>(
        "get_array_null",
        client().get_array_null(None).await.and_then(|r| r.into_model()),
        ("get_array_valid", client().get_array_valid(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_array_array_empty() {
    assert_value("get_array_empty", client().get_array_empty(None).await.and_then(|r| r.into_model()), Vec::<Vec<String>>::new());
}

#[tokio::test]
async fn get_array_array_item_null() {
    // The spec's items are `x-nullable`.
    assert_value(
        "get_array_item_null",
        client().get_array_item_null(None).await.and_then(|r| r.into_model()),
        vec![Some(strings(&["1", "2", "3"])), None, Some(strings(&["7", "8", "9"]))],
    );
}

#[tokio::test]
async fn get_array_array_item_empty() {
    assert_value(
        "get_array_item_empty",
        client().get_array_item_empty(None).await.and_then(|r| r.into_model()),
        vec![strings(&["1", "2", "3"]), Vec::new(), strings(&["7", "8", "9"])],
    );
}

#[tokio::test]
async fn get_array_array_valid() {
    assert_value("get_array_valid", client().get_array_valid(None).await.and_then(|r| r.into_model()), string_arrays());
}

#[tokio::test]
async fn put_array_array_valid() {
    assert_ok("put_array_valid", client().put_array_valid(string_arrays(), None).await);
}

// ---- arrays of maps ----

#[tokio::test]
async fn get_array_dictionary_null() {
    // No body, where the spec's array is not `x-nullable` (its items are).
    assert_no_value::<Vec<Option<HashMap<String, String>>>, _, _>(
        "get_dictionary_null",
        client().get_dictionary_null(None).await.and_then(|r| r.into_model()),
        ("get_dictionary_item_null", client().get_dictionary_item_null(None).await.and_then(|r| r.into_model())),
    );
}

#[tokio::test]
async fn get_array_dictionary_empty() {
    assert_value(
        "get_dictionary_empty",
        client().get_dictionary_empty(None).await.and_then(|r| r.into_model()),
        Vec::<HashMap<String, String>>::new(),
    );
}

#[tokio::test]
async fn get_array_dictionary_item_null() {
    // The spec's items are `x-nullable`.
    let [first, _, last] = <[HashMap<String, String>; 3]>::try_from(maps()).expect("three maps");
    assert_value(
        "get_dictionary_item_null",
        client().get_dictionary_item_null(None).await.and_then(|r| r.into_model()),
        vec![Some(first), None, Some(last)],
    );
}

#[tokio::test]
async fn get_array_dictionary_item_empty() {
    let [first, _, last] = <[HashMap<String, String>; 3]>::try_from(maps()).expect("three maps");
    assert_value(
        "get_dictionary_item_empty",
        client().get_dictionary_item_empty(None).await.and_then(|r| r.into_model()),
        vec![first, HashMap::new(), last],
    );
}

#[tokio::test]
async fn get_array_dictionary_valid() {
    assert_value("get_dictionary_valid", client().get_dictionary_valid(None).await.and_then(|r| r.into_model()), maps());
}

#[tokio::test]
async fn put_array_dictionary_valid() {
    assert_ok("put_dictionary_valid", client().put_dictionary_valid(maps(), None).await);
}
