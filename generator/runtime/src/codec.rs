//! How values travel as JSON where serde's defaults are not what the spec says: date-times in
//! RFC 3339, RFC 1123 or Unix seconds, dates, ISO 8601 durations, bytes in base64 or base64url,
//! the raw bytes of multipart file parts, and any of them inside arrays, maps and places that
//! may be `null`, at any depth.
//!
//! A codec writes ([`Encode`]) and reads ([`Decode`]) values of one Rust type; [`Seq`], [`Dict`]
//! and [`Nullable`] build the codec of a container from its items' (`Seq<Nullable<Rfc1123>>` is a
//! `Vec<Option<OffsetDateTime>>` whose items are RFC 1123 text or `null`). The generated code
//! names a codec in three places, so the same value is written the same way everywhere:
//!
//! - a model's field: `#[serde(with = "crate::codec::As::<crate::codec::Seq<crate::codec::Rfc1123>>")]`;
//! - a response body: `Response<T, crate::codec::Body<C>>`, whose `into_model()` reads it
//!   (an empty body reads as `None` where the type is an `Option`);
//! - a request body: [`to_json`], which the method calls on the value it is given.
//!
//! Date-times are read in either RFC 3339 or RFC 1123 whatever the spec says, because services
//! (and the specs' own examples) send RFC 3339 in fields declared `date-time-rfc1123`; they are
//! written in UTC, as services expect. Durations follow ISO 8601 (`P1DT2H3M4.5S`); a year counts
//! 365 days and a month 30, as .NET's `XmlConvert` reads them, since `time::Duration` has no
//! calendar. Bytes are read with or without padding.

use std::collections::HashMap;
use std::marker::PhantomData;

use ::serde::de::{DeserializeOwned, Error as _};
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use azure_core::http::response::ResponseBody;
use azure_core::http::DeserializeWith;
use azure_core::time::{Duration, OffsetDateTime};

use crate::patch::Patch;

/// Writes values of `T` as JSON.
pub trait Encode<T> {
    /// Writes `value`.
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Reads values of `T` from JSON. Apart from [`Encode`], so that a type the crate only sends
/// need not be readable, nor one it only receives writable.
pub trait Decode<T> {
    /// Reads a value.
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// serde's own way, for the items of a container that need nothing else.
pub struct Serde;

impl<T: Serialize> Encode<T> for Serde {
    fn encode<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }
}

impl<T: DeserializeOwned> Decode<T> for Serde {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Reads a date-time written in RFC 3339 or in RFC 1123 (RFC 7231), as the official Azure
/// runtimes read them: an RFC 3339 date-time without an offset is UTC, and RFC 1123's day and
/// month names are read in any case (`FRI, 31 DEC 9999 23:59:59 GMT`).
pub fn parse_date_time(text: &str) -> azure_core::Result<OffsetDateTime> {
    let rfc3339 = match azure_core::time::parse_rfc3339(text) {
        Ok(date) => return Ok(date),
        Err(error) => error,
    };
    if is_local_date_time(text) {
        return azure_core::time::parse_rfc3339(&format!("{text}Z"));
    }
    if !text.bytes().any(|b| b.is_ascii_alphabetic() && b != b'T' && b != b'Z') {
        return Err(rfc3339);
    }
    azure_core::time::parse_rfc7231(&rfc1123_case(text))
}

/// Whether `text` is an RFC 3339 date-time without its offset (`2016-02-29T12:00:00.123`).
fn is_local_date_time(text: &str) -> bool {
    match text.split_once('T') {
        Some((date, time)) => {
            date.len() == 10
                && time.len() >= 8
                && time.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        }
        None => false,
    }
}

/// An RFC 1123 date-time with its names in the case RFC 7231 writes them (`Fri`, `Dec`, `GMT`).
fn rfc1123_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if word.eq_ignore_ascii_case("gmt") {
                "GMT".to_string()
            } else {
                let mut chars = word.chars();
                match chars.next() {
                    Some(first) => first
                        .to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `date` in UTC, or an error saying it cannot be.
fn utc<E: ::serde::ser::Error>(date: &OffsetDateTime) -> Result<OffsetDateTime, E> {
    date.checked_to_offset(::time::UtcOffset::UTC)
        .ok_or_else(|| E::custom("the date-time is out of range in UTC"))
}

/// A date-time read from a string in RFC 3339 or RFC 1123.
fn decode_date_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_date_time(&text).map_err(D::Error::custom)
}

/// `format: date-time`: RFC 3339 in UTC (`2017-06-15T19:20:58Z`).
pub struct Rfc3339;

impl Encode<OffsetDateTime> for Rfc3339 {
    fn encode<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        // azure_core's writer reports a date it cannot write as an error, where `to_rfc3339`
        // would panic. A date-time that has no UTC form (`9999-12-31T23:59:59-14:00` is in the
        // year 10000 in UTC) is written with its own offset.
        match utc::<S::Error>(value) {
            Ok(utc) => azure_core::time::rfc3339::serialize(&utc, serializer),
            Err(_) => azure_core::time::rfc3339::serialize(value, serializer),
        }
    }
}

impl Decode<OffsetDateTime> for Rfc3339 {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        decode_date_time(deserializer)
    }
}

/// `format: date-time-rfc1123`: RFC 1123 in UTC (`Thu, 15 Jun 2017 19:20:58 GMT`).
pub struct Rfc1123;

impl Encode<OffsetDateTime> for Rfc1123 {
    fn encode<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        azure_core::time::rfc7231::serialize(&utc(value)?, serializer)
    }
}

impl Decode<OffsetDateTime> for Rfc1123 {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        decode_date_time(deserializer)
    }
}

/// `format: unixtime`: whole seconds since the Unix epoch.
pub struct UnixTime;

impl Encode<OffsetDateTime> for UnixTime {
    fn encode<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(value.unix_timestamp())
    }
}

impl Decode<OffsetDateTime> for UnixTime {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let seconds = i64::deserialize(deserializer)?;
        OffsetDateTime::from_unix_timestamp(seconds).map_err(D::Error::custom)
    }
}

/// `format: date`: a calendar date, `YYYY-MM-DD`.
pub struct IsoDate;

impl Encode<::time::Date> for IsoDate {
    fn encode<S: Serializer>(value: &::time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_date(value))
    }
}

impl Decode<::time::Date> for IsoDate {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<::time::Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map_err(D::Error::custom)
    }
}

/// Writes a `format: date` text (`2017-06-15`).
pub fn format_date(value: &::time::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        value.year(),
        u8::from(value.month()),
        value.day()
    )
}

/// Reads a `format: date` text (`2017-06-15`).
pub fn parse_date(text: &str) -> azure_core::Result<::time::Date> {
    let invalid = |why: String| {
        azure_core::Error::with_message(
            azure_core::error::ErrorKind::DataConversion,
            format!("{text:?} is not a date (YYYY-MM-DD): {why}"),
        )
    };
    let mut parts = text.splitn(3, '-');
    let mut next = |what: &str| -> azure_core::Result<&str> {
        parts
            .next()
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| invalid(format!("no {what}")))
    };
    let (year, month, day) = (next("year")?, next("month")?, next("day")?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(invalid("the fields are not 4, 2 and 2 digits".into()));
    }
    let number = |field: &str| field.parse::<i32>().map_err(|e| invalid(e.to_string()));
    let month =
        ::time::Month::try_from(number(month)? as u8).map_err(|e| invalid(e.to_string()))?;
    ::time::Date::from_calendar_date(number(year)?, month, number(day)? as u8)
        .map_err(|e| invalid(e.to_string()))
}

/// `format: duration`: an ISO 8601 duration (`P1DT2H3M4.5S`).
pub struct IsoDuration;

impl Encode<Duration> for IsoDuration {
    fn encode<S: Serializer>(value: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format_duration(value))
    }
}

impl Decode<Duration> for IsoDuration {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_duration(&text).map_err(D::Error::custom)
    }
}

/// Writes a duration in ISO 8601: days, then the time part (`P1DT2H3M4.5S`; `PT0S` for zero).
pub fn format_duration(value: &Duration) -> String {
    let mut out = String::new();
    if value.is_negative() {
        out.push('-');
    }
    let total = value.unsigned_abs();
    let seconds = total.as_secs();
    let nanos = total.subsec_nanos();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, rest) = (rest / 3_600, rest % 3_600);
    let (minutes, secs) = (rest / 60, rest % 60);
    out.push('P');
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 || secs > 0 || nanos > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if minutes > 0 {
            out.push_str(&format!("{minutes}M"));
        }
        if secs > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
            if nanos > 0 {
                let fraction = format!("{nanos:09}");
                out.push_str(&format!("{secs}.{}S", fraction.trim_end_matches('0')));
            } else {
                out.push_str(&format!("{secs}S"));
            }
        }
    }
    out
}

/// Reads an ISO 8601 duration (`P3Y6M4DT12H30M5.5S`, `-P1D`, `PT0.5S`, `P2W`); a year is 365
/// days and a month 30.
pub fn parse_duration(text: &str) -> azure_core::Result<Duration> {
    let invalid = || {
        azure_core::Error::with_message(
            azure_core::error::ErrorKind::DataConversion,
            format!("{text:?} is not an ISO 8601 duration"),
        )
    };
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix('P').ok_or_else(invalid)?;
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0f64;
    let mut in_time = false;
    let mut number = String::new();
    let mut units = 0;
    for c in rest.chars() {
        match c {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
            unit => {
                let value: f64 = number.parse().map_err(|_| invalid())?;
                number.clear();
                let seconds = match (in_time, unit) {
                    (false, 'Y') => 365.0 * 86_400.0,
                    (false, 'M') => 30.0 * 86_400.0,
                    (false, 'W') => 7.0 * 86_400.0,
                    (false, 'D') => 86_400.0,
                    (true, 'H') => 3_600.0,
                    (true, 'M') => 60.0,
                    (true, 'S') => 1.0,
                    _ => return Err(invalid()),
                };
                total += value * seconds;
                units += 1;
            }
        }
    }
    if !number.is_empty() || units == 0 || !total.is_finite() {
        return Err(invalid());
    }
    let duration = Duration::checked_seconds_f64(total).ok_or_else(invalid)?;
    Ok(if negative { -duration } else { duration })
}

/// Reads base64 text in either alphabet, with or without padding.
fn decode_base64(text: &str) -> azure_core::Result<Vec<u8>> {
    let padded = |t: &str| {
        let mut t = t.to_string();
        while !t.len().is_multiple_of(4) {
            t.push('=');
        }
        t
    };
    let standard = padded(&text.replace('-', "+").replace('_', "/"));
    azure_core::base64::decode(standard)
}

/// `format: byte`: base64 with padding.
pub struct Base64;

impl Encode<Vec<u8>> for Base64 {
    fn encode<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&azure_core::base64::encode(value))
    }
}

impl Decode<Vec<u8>> for Base64 {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        decode_base64(&text).map_err(D::Error::custom)
    }
}

/// `format: base64url`: base64url without padding.
pub struct Base64Url;

impl Encode<Vec<u8>> for Base64Url {
    fn encode<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode_base64url(value))
    }
}

impl Decode<Vec<u8>> for Base64Url {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        decode_base64(&text).map_err(D::Error::custom)
    }
}

/// A file part of a `multipart/form-data` body (`type: file` or `format: binary`): raw bytes,
/// written as serde bytes, which the multipart encoder (`crate::request::multipart_body`) sends
/// as a file part as they are. JSON has no bytes, so as JSON (`all-serde`, example tests) they
/// are a list of numbers, and are read back from one.
pub struct File;

impl Encode<Vec<u8>> for File {
    fn encode<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(value)
    }
}

impl Decode<Vec<u8>> for File {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        Vec::<u8>::deserialize(deserializer)
    }
}

/// Bytes as base64url without padding (also the form of a `base64url` parameter).
pub fn encode_base64url(value: &[u8]) -> String {
    azure_core::base64::encode_url_safe(value)
        .trim_end_matches('=')
        .to_string()
}

/// A value that may be `null`: `None`.
pub struct Nullable<C>(PhantomData<C>);

impl<T, C: Encode<T>> Encode<Option<T>> for Nullable<C> {
    fn encode<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => C::encode(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

impl<T, C: Decode<T>> Decode<Option<T>> for Nullable<C> {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<Decoded<T, C>>::deserialize(deserializer)?.map(|d| d.0))
    }
}

/// A JSON array whose items `C` writes and reads.
pub struct Seq<C>(PhantomData<C>);

impl<T, C: Encode<T>> Encode<Vec<T>> for Seq<C> {
    fn encode<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(value.iter().map(Encoded::<T, C>::new))
    }
}

impl<T, C: Decode<T>> Decode<Vec<T>> for Seq<C> {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let items = Vec::<Decoded<T, C>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|d| d.0).collect())
    }
}

/// A JSON object used as a map, whose values `C` writes and reads.
pub struct Dict<C>(PhantomData<C>);

impl<T, C: Encode<T>> Encode<HashMap<String, T>> for Dict<C> {
    fn encode<S: Serializer>(value: &HashMap<String, T>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(value.iter().map(|(k, v)| (k, Encoded::<T, C>::new(v))))
    }
}

impl<T, C: Decode<T>> Decode<HashMap<String, T>> for Dict<C> {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<HashMap<String, T>, D::Error> {
        let entries = HashMap::<String, Decoded<T, C>>::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|(k, d)| (k, d.0)).collect())
    }
}

/// A value written by `C`.
struct Encoded<'a, T, C>(&'a T, PhantomData<C>);

impl<'a, T, C> Encoded<'a, T, C> {
    fn new(value: &'a T) -> Self {
        Self(value, PhantomData)
    }
}

impl<T, C: Encode<T>> Serialize for Encoded<'_, T, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        C::encode(self.0, serializer)
    }
}

/// A value read by `C`.
struct Decoded<T, C>(T, PhantomData<C>);

impl<'de, T, C: Decode<T>> Deserialize<'de> for Decoded<T, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self(C::decode(deserializer)?, PhantomData))
    }
}

/// A model field written and read by `C`: `#[serde(with = "crate::codec::As::<C>")]`.
pub struct As<C>(PhantomData<C>);

impl<C> As<C> {
    /// Writes the field.
    pub fn serialize<T, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>
    where
        C: Encode<T>,
    {
        C::encode(value, serializer)
    }

    /// Reads the field.
    pub fn deserialize<'de, T, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>
    where
        C: Decode<T>,
    {
        C::decode(deserializer)
    }
}

impl<T, C: Encode<T>> Encode<Patch<T>> for Nullable<C> {
    fn encode<S: Serializer>(value: &Patch<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Patch::Set(value) => C::encode(value, serializer),
            Patch::Keep | Patch::Clear => serializer.serialize_none(),
        }
    }
}

impl<T, C: Decode<T>> Decode<Patch<T>> for Nullable<C> {
    fn decode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Patch<T>, D::Error> {
        Ok(match <Self as Decode<Option<T>>>::decode(deserializer)? {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        })
    }
}

/// A request body written by `C`, as the JSON bytes a method sends.
pub fn to_json<T, C: Encode<T>>(value: &T) -> azure_core::Result<azure_core::Bytes> {
    let json = ::serde_json::to_vec(&Encoded::<T, C>::new(value))?;
    Ok(json.into())
}

/// A value written by `C`, as a JSON value (to compare it with what a service sent).
pub fn to_value<T, C: Encode<T>>(value: &T) -> azure_core::Result<::serde_json::Value> {
    Ok(::serde_json::to_value(Encoded::<T, C>::new(value))?)
}

/// A value read by `C` from a JSON value (to build a value from an example).
pub fn from_value<T, C: Decode<T>>(value: ::serde_json::Value) -> azure_core::Result<T> {
    Ok(C::decode(value)?)
}

/// A value written by `C` as the text of a path segment, a query value or a header: a JSON
/// string's text, or the JSON of a number or boolean (a `unixtime` is its seconds).
pub fn to_text<T, C: Encode<T>>(value: &T) -> azure_core::Result<String> {
    Ok(match to_value::<T, C>(value)? {
        ::serde_json::Value::String(text) => text,
        other => other.to_string(),
    })
}

/// A value read by `C` from the text of a header: as a JSON string, or as the number or
/// boolean the text spells.
pub fn from_text<T, C: Decode<T>>(text: &str) -> azure_core::Result<T> {
    let as_string = ::serde_json::Value::String(text.to_string());
    match C::decode(as_string) {
        Ok(value) => Ok(value),
        Err(first) => match ::serde_json::from_str::<::serde_json::Value>(text) {
            Ok(json @ (::serde_json::Value::Number(_) | ::serde_json::Value::Bool(_))) => {
                Ok(C::decode(json)?)
            }
            _ => Err(first.into()),
        },
    }
}

/// The format of a response body read by `C`: `Response<T, Body<C>>::into_model()` reads a `T`.
pub struct Body<C>(PhantomData<C>);

// By hand: a derive would ask `C: Debug`, which no codec needs.
impl<C> ::std::fmt::Debug for Body<C> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("Body")
    }
}

impl<C> azure_core::http::Format for Body<C> {
    fn deserialize<T: DeserializeOwned, S: AsRef<[u8]>>(body: S) -> azure_core::Result<T> {
        azure_core::json::from_json(body)
    }
}

/// Reads `body` with `C`; an empty body reads as JSON `null` (a response without content).
fn read_body<T, C: Decode<T>>(body: ResponseBody) -> azure_core::Result<T> {
    let bytes: &[u8] = body.as_ref();
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        bytes
    };
    let mut deserializer = ::serde_json::Deserializer::from_slice(bytes);
    let value = C::decode(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

// The shapes a response body can have. A blanket impl over every `T` is not allowed (the
// trait and most `T` are azure_core's and std's), so each shape has its own.
impl<T, C: Decode<Option<T>>> DeserializeWith<Body<C>> for Option<T> {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

impl<T, C: Decode<Vec<T>>> DeserializeWith<Body<C>> for Vec<T> {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

impl<T, C: Decode<HashMap<String, T>>> DeserializeWith<Body<C>> for HashMap<String, T> {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

impl<C: Decode<OffsetDateTime>> DeserializeWith<Body<C>> for OffsetDateTime {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

impl<C: Decode<::time::Date>> DeserializeWith<Body<C>> for ::time::Date {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

impl<C: Decode<Duration>> DeserializeWith<Body<C>> for Duration {
    fn deserialize_with(body: ResponseBody) -> azure_core::Result<Self> {
        read_body::<Self, C>(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date-time of `seconds` since the Unix epoch, at `offset` hours.
    fn at(seconds: i64, offset: i8) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(seconds)
            .unwrap()
            .to_offset(::time::UtcOffset::from_hms(offset, 0, 0).unwrap())
    }

    fn date(year: i32, month: u8, day: u8) -> ::time::Date {
        ::time::Date::from_calendar_date(year, ::time::Month::try_from(month).unwrap(), day)
            .unwrap()
    }

    fn write<T, C: Encode<T>>(value: &T) -> String {
        String::from_utf8(to_json::<T, C>(value).unwrap().to_vec()).unwrap()
    }

    fn read<T, C: Decode<T>>(json: &str) -> azure_core::Result<T> {
        read_body::<T, C>(ResponseBody::from_bytes(json.as_bytes().to_vec()))
    }

    #[test]
    fn date_times_are_written_in_utc_and_read_in_either_form() {
        // 2017-06-15 19:20:58 UTC, seen at +02:00.
        let date = at(1_497_554_458, 2);
        assert_eq!(write::<_, Rfc3339>(&date), r#""2017-06-15T19:20:58Z""#);
        assert_eq!(
            write::<_, Rfc1123>(&date),
            r#""Thu, 15 Jun 2017 19:20:58 GMT""#
        );
        assert_eq!(write::<_, UnixTime>(&date), "1497554458");
        for text in [
            r#""2017-06-15T19:20:58Z""#,
            r#""Thu, 15 Jun 2017 19:20:58 GMT""#,
        ] {
            assert_eq!(read::<_, Rfc1123>(text).unwrap(), date);
            assert_eq!(read::<_, Rfc3339>(text).unwrap(), date);
        }
        assert!(read::<OffsetDateTime, Rfc3339>(r#""2017-13-45""#).is_err());
    }

    #[test]
    fn date_times_are_read_as_the_official_runtimes_read_them() {
        let expected = at(1_497_554_458, 0);
        // No offset: UTC.
        assert_eq!(parse_date_time("2017-06-15T19:20:58").unwrap(), expected);
        // RFC 1123 names in any case.
        assert_eq!(parse_date_time("THU, 15 JUN 2017 19:20:58 GMT").unwrap(), expected);
        assert_eq!(parse_date_time("thu, 15 jun 2017 19:20:58 gmt").unwrap(), expected);
        assert!(parse_date_time("Thu, 15 Jun 2017 19:20:58").is_err());
        assert!(parse_date_time("2017-06-15T25:20:58").is_err());
        // A date-time without a UTC form keeps its offset.
        let late = OffsetDateTime::new_in_offset(
            date(9999, 12, 31),
            ::time::Time::from_hms(23, 59, 59).unwrap(),
            ::time::UtcOffset::from_hms(-14, 0, 0).unwrap(),
        );
        assert_eq!(write::<_, Rfc3339>(&late), r#""9999-12-31T23:59:59-14:00""#);
    }

    #[test]
    fn containers_apply_their_items_codec_at_any_depth() {
        let dates = vec![Some(vec![at(946_684_800, 0)]), None];
        let json = write::<_, Seq<Nullable<Seq<Rfc1123>>>>(&dates);
        assert_eq!(json, r#"[["Sat, 01 Jan 2000 00:00:00 GMT"],null]"#);
        assert_eq!(
            read::<Vec<Option<Vec<OffsetDateTime>>>, Seq<Nullable<Seq<Rfc1123>>>>(&json).unwrap(),
            dates
        );
        let map: HashMap<String, Vec<u8>> = HashMap::from([("a".to_string(), b"hi?".to_vec())]);
        assert_eq!(write::<_, Dict<Base64Url>>(&map), r#"{"a":"aGk_"}"#);
        assert_eq!(read::<_, Dict<Base64Url>>(r#"{"a":"aGk_"}"#).unwrap(), map);
    }

    #[test]
    fn an_empty_or_null_body_is_none_where_the_type_allows_it() {
        assert_eq!(read::<Option<bool>, Nullable<Serde>>("").unwrap(), None);
        assert_eq!(read::<Option<bool>, Nullable<Serde>>("null").unwrap(), None);
        assert_eq!(
            read::<Option<bool>, Nullable<Serde>>("true").unwrap(),
            Some(true)
        );
        assert!(read::<Vec<i32>, Seq<Serde>>("null").is_err());
        assert!(
            read::<Vec<i32>, Seq<Serde>>("[1] 2").is_err(),
            "trailing text is an error"
        );
    }

    #[test]
    fn dates_durations_and_bytes() {
        assert_eq!(write::<_, IsoDate>(&date(2012, 1, 1)), r#""2012-01-01""#);
        assert_eq!(
            read::<_, IsoDate>(r#""0001-01-01""#).unwrap(),
            date(1, 1, 1)
        );
        assert_eq!(
            read::<_, IsoDate>(r#""9999-12-31""#).unwrap(),
            date(9999, 12, 31)
        );
        assert!(read::<::time::Date, IsoDate>(r#""2012-02-30""#).is_err());
        assert!(read::<::time::Date, IsoDate>(r#""10000-12-31""#).is_err());
        let duration = parse_duration("P123DT22H14M12.011S").unwrap();
        assert_eq!(format_duration(&duration), "P123DT22H14M12.011S");
        assert_eq!(
            parse_duration("P3Y6M4DT12H30M5S").unwrap().whole_days(),
            3 * 365 + 6 * 30 + 4
        );
        assert_eq!(format_duration(&Duration::ZERO), "PT0S");
        assert_eq!(format_duration(&-Duration::hours(1)), "-PT1H");
        assert!(parse_duration("P").is_err());
        assert!(parse_duration("1 day").is_err());
        assert!(parse_duration("P1X").is_err());
        assert_eq!(write::<_, Base64>(&b"\xe5\x95\x8a".to_vec()), r#""5ZWK""#);
        assert_eq!(
            read::<_, Base64>(r#""5ZWK""#).unwrap(),
            b"\xe5\x95\x8a".to_vec()
        );
        assert!(read::<Vec<u8>, Base64>(r#""not base64!""#).is_err());
    }

    #[test]
    fn parameters_and_headers_are_the_text_of_the_json_value() {
        let date = at(1_497_554_458, 0);
        assert_eq!(
            to_text::<_, Rfc1123>(&date).unwrap(),
            "Thu, 15 Jun 2017 19:20:58 GMT"
        );
        assert_eq!(to_text::<_, UnixTime>(&date).unwrap(), "1497554458");
        assert_eq!(to_text::<_, Base64Url>(&b"hi?".to_vec()).unwrap(), "aGk_");
        assert_eq!(
            from_text::<OffsetDateTime, UnixTime>("1497554458").unwrap(),
            date
        );
        assert_eq!(
            from_text::<OffsetDateTime, Rfc3339>("2017-06-15T19:20:58Z").unwrap(),
            date
        );
        assert_eq!(
            from_text::<::time::Date, IsoDate>("2017-06-15").unwrap(),
            date.date()
        );
        assert!(from_text::<::time::Date, IsoDate>("yesterday").is_err());
    }

    #[test]
    fn a_patch_field_with_a_codec_is_left_out_null_or_the_value() {
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        struct Update {
            #[serde(
                default,
                skip_serializing_if = "Patch::is_keep",
                with = "As::<Nullable<Rfc1123>>"
            )]
            at: Patch<OffsetDateTime>,
        }
        let json = |at| ::serde_json::to_string(&Update { at }).unwrap();
        assert_eq!(json(Patch::Keep), "{}");
        assert_eq!(json(Patch::Clear), r#"{"at":null}"#);
        assert_eq!(
            json(Patch::Set(at(0, 0))),
            r#"{"at":"Thu, 01 Jan 1970 00:00:00 GMT"}"#
        );
        let read = |text: &str| ::serde_json::from_str::<Update>(text).unwrap().at;
        assert_eq!(read("{}"), Patch::Keep);
        assert_eq!(read(r#"{"at":null}"#), Patch::Clear);
        assert_eq!(
            read(r#"{"at":"Thu, 01 Jan 1970 00:00:00 GMT"}"#),
            Patch::Set(at(0, 0))
        );
    }
}
