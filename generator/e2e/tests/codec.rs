//! The wire formats of the generated crate (`azure_resourcemanager_iothub::codec`), through its
//! public functions, as the models' `#[serde(with = ...)]` attributes, the methods' bodies and
//! the parameters use them: single values, arrays, maps and `null`s at any depth, RFC 3339,
//! RFC 1123 and Unix times (RFC ones read leniently), dates, durations and bytes.

use std::collections::HashMap;

use azure_resourcemanager_iothub::codec::{
    from_text, from_value, to_text, to_value, Base64, Dict, IsoDate, IsoDuration, Nullable, Rfc1123, Rfc3339, Seq,
    UnixTime,
};
use serde_json::json;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

#[test]
fn arrays_of_rfc1123_dates_read_either_format_and_write_rfc1123() {
    let wire = json!(["Thu, 15 Jun 2017 19:20:58 GMT", "2017-06-15T19:21:58Z"]);
    let dates: Vec<OffsetDateTime> = from_value::<_, Seq<Rfc1123>>(wire).unwrap();
    assert_eq!(dates, [datetime!(2017-06-15 19:20:58 UTC), datetime!(2017-06-15 19:21:58 UTC)]);
    let written = to_value::<_, Seq<Rfc1123>>(&dates).unwrap();
    assert_eq!(written, json!(["Thu, 15 Jun 2017 19:20:58 GMT", "Thu, 15 Jun 2017 19:21:58 GMT"]));
}

#[test]
fn optional_maps_of_rfc3339_dates_round_trip() {
    let wire = json!({ "created": "2017-06-15T19:20:58Z", "seen": "Thu, 15 Jun 2017 19:21:58 GMT" });
    let dates: Option<HashMap<String, OffsetDateTime>> = from_value::<_, Nullable<Dict<Rfc3339>>>(wire).unwrap();
    let dates = dates.unwrap();
    assert_eq!(dates["seen"], datetime!(2017-06-15 19:21:58 UTC));
    let written = to_value::<_, Nullable<Dict<Rfc3339>>>(&Some(dates)).unwrap();
    assert_eq!(written, json!({ "created": "2017-06-15T19:20:58Z", "seen": "2017-06-15T19:21:58Z" }));
    let none: Option<HashMap<String, OffsetDateTime>> =
        from_value::<_, Nullable<Dict<Rfc3339>>>(serde_json::Value::Null).unwrap();
    assert_eq!(none, None);
}

#[test]
fn rfc1123_is_written_in_utc_whatever_the_offset() {
    let local = datetime!(2017-06-15 21:20:58 +02:00);
    assert_eq!(to_value::<_, Rfc1123>(&local).unwrap(), json!("Thu, 15 Jun 2017 19:20:58 GMT"));
    assert_eq!(to_text::<_, Rfc1123>(&local).unwrap(), "Thu, 15 Jun 2017 19:20:58 GMT");
}

#[test]
fn a_date_rfc3339_cannot_express_in_utc_is_an_error_not_a_panic() {
    // Year 9999 at -01:00 is year 10000 in UTC, which RFC 3339 cannot write.
    let odd = datetime!(9999-12-31 23:30:00 -01:00);
    assert!(to_value::<_, Rfc3339>(&odd).is_err());
    assert!(to_value::<_, Seq<Rfc3339>>(&vec![odd]).is_err());
}

#[test]
fn nested_nullable_items_keep_their_nulls() {
    let wire = json!([[1497554458, null], null]);
    let dates: Vec<Option<Vec<Option<OffsetDateTime>>>> =
        from_value::<_, Seq<Nullable<Seq<Nullable<UnixTime>>>>>(wire.clone()).unwrap();
    assert_eq!(dates, [Some(vec![Some(datetime!(2017-06-15 19:20:58 UTC)), None]), None]);
    assert_eq!(to_value::<_, Seq<Nullable<Seq<Nullable<UnixTime>>>>>(&dates).unwrap(), wire);
}

#[test]
fn a_malformed_value_in_an_array_is_an_error() {
    assert!(from_value::<Vec<OffsetDateTime>, Seq<Rfc1123>>(json!(["yesterday"])).is_err());
    assert!(from_value::<Vec<time::Date>, Seq<IsoDate>>(json!(["2017-02-30"])).is_err());
    assert!(from_value::<Vec<Vec<u8>>, Seq<Base64>>(json!(["not base64!"])).is_err());
}

#[test]
fn dates_durations_and_bytes_as_parameters_and_headers() {
    assert_eq!(to_text::<_, IsoDate>(&date!(2017 - 06 - 15)).unwrap(), "2017-06-15");
    assert_eq!(from_text::<time::Date, IsoDate>("2017-06-15").unwrap(), date!(2017 - 06 - 15));
    let duration = Duration::days(1) + Duration::hours(2) + Duration::milliseconds(500);
    assert_eq!(to_text::<_, IsoDuration>(&duration).unwrap(), "P1DT2H0.5S");
    assert_eq!(from_text::<Duration, IsoDuration>("P1DT2H0.5S").unwrap(), duration);
    assert_eq!(to_text::<_, UnixTime>(&datetime!(2017-06-15 19:20:58 UTC)).unwrap(), "1497554458");
    assert_eq!(from_text::<Vec<u8>, Base64>("AAH+/w==").unwrap(), vec![0, 1, 0xfe, 0xff]);
}
