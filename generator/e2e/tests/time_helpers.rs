//! The date-time serde helpers of the generated crate (`azure_resourcemanager_iothub::time`),
//! called through serde_json as the models' `#[serde(with = ...)]` attributes call them: single
//! values, arrays and maps, RFC 3339, RFC 7231 (RFC 1123) and Unix times, RFC ones read leniently.

use std::collections::HashMap;

use azure_resourcemanager_iothub::time::{
    List, Map, Optional, OptionalList, OptionalMap, Rfc3339, Rfc7231, UnixTime, Value,
};
use serde_json::json;
use time::macros::datetime;
use time::OffsetDateTime;

#[test]
fn arrays_of_rfc1123_dates_read_either_format_and_write_rfc1123() {
    let wire = json!(["Thu, 15 Jun 2017 19:20:58 GMT", "2017-06-15T19:21:58Z"]);
    let dates: Vec<OffsetDateTime> = List::<Rfc7231>::deserialize(wire.clone()).unwrap();
    assert_eq!(dates, [datetime!(2017-06-15 19:20:58 UTC), datetime!(2017-06-15 19:21:58 UTC)]);
    let written = List::<Rfc7231>::serialize(&dates, serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!(["Thu, 15 Jun 2017 19:20:58 GMT", "Thu, 15 Jun 2017 19:21:58 GMT"]));
}

#[test]
fn optional_maps_of_rfc3339_dates_round_trip() {
    let wire = json!({ "created": "2017-06-15T19:20:58Z", "seen": "Thu, 15 Jun 2017 19:21:58 GMT" });
    let dates: Option<HashMap<String, OffsetDateTime>> =
        OptionalMap::<Rfc3339>::deserialize(wire.clone()).unwrap();
    let dates = dates.unwrap();
    assert_eq!(dates["seen"], datetime!(2017-06-15 19:21:58 UTC));
    let written = OptionalMap::<Rfc3339>::serialize(&Some(dates), serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!({ "created": "2017-06-15T19:20:58Z", "seen": "2017-06-15T19:21:58Z" }));
    let none: Option<HashMap<String, OffsetDateTime>> =
        OptionalMap::<Rfc3339>::deserialize(serde_json::Value::Null).unwrap();
    assert_eq!(none, None);
}

#[test]
fn rfc1123_is_written_in_utc_whatever_the_offset() {
    let local = datetime!(2017-06-15 21:20:58 +02:00);
    let written = Value::<Rfc7231>::serialize(&local, serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!("Thu, 15 Jun 2017 19:20:58 GMT"));
}

#[test]
fn a_date_rfc3339_cannot_express_is_an_error_not_a_panic() {
    // RFC 3339 offsets have no seconds.
    let odd = datetime!(2017-06-15 19:20:58 +01:00:30);
    assert!(Value::<Rfc3339>::serialize(&odd, serde_json::value::Serializer).is_err());
    assert!(List::<Rfc3339>::serialize(&[odd], serde_json::value::Serializer).is_err());
}

#[test]
fn arrays_of_unix_times_round_trip() {
    let dates: Vec<OffsetDateTime> = List::<UnixTime>::deserialize(json!([1497554458])).unwrap();
    assert_eq!(dates, [datetime!(2017-06-15 19:20:58 UTC)]);
    let written = List::<UnixTime>::serialize(&dates, serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!([1497554458]));
}

#[test]
fn a_malformed_date_in_an_array_is_an_error() {
    let result: Result<Vec<OffsetDateTime>, _> = List::<Rfc7231>::deserialize(json!(["yesterday"]));
    assert!(result.is_err());
}

#[test]
fn optional_dates_and_lists_and_maps_of_each_format_round_trip() {
    let date = datetime!(2017-06-15 19:20:58 UTC);
    let written = Optional::<Rfc7231>::serialize(&Some(date), serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!("Thu, 15 Jun 2017 19:20:58 GMT"));
    assert_eq!(Optional::<Rfc7231>::deserialize(json!("2017-06-15T19:20:58Z")).unwrap(), Some(date));
    assert_eq!(Optional::<Rfc3339>::deserialize(serde_json::Value::Null).unwrap(), None);
    let none = Optional::<Rfc3339>::serialize(&None, serde_json::value::Serializer).unwrap();
    assert_eq!(none, serde_json::Value::Null);

    let written = OptionalList::<UnixTime>::serialize(&Some(vec![date]), serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!([1497554458]));
    assert_eq!(OptionalList::<Rfc3339>::deserialize(json!(["2017-06-15T19:20:58Z"])).unwrap(), Some(vec![date]));

    let dates = HashMap::from([("created".to_string(), date)]);
    let written = Map::<Rfc7231>::serialize(&dates, serde_json::value::Serializer).unwrap();
    assert_eq!(written, json!({ "created": "Thu, 15 Jun 2017 19:20:58 GMT" }));
    assert_eq!(Map::<Rfc7231>::deserialize(written).unwrap(), dates);
}
