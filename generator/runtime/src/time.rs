//! Serde helpers of the models' date-time fields. A [`Format`] writes and reads one
//! date-time; [`Value`], [`Optional`], [`List`], [`OptionalList`], [`Map`] and
//! [`OptionalMap`] apply it to a field of that shape, as in
//! `#[serde(with = "crate::time::Optional::<crate::time::Rfc7231>")]`.

// RFC 3339 and RFC 7231 formats read either form, because services (and the specs' own
// examples, such as IoT Hub's `iothub_routingendpointhealth.json`) send RFC 3339 in fields
// declared `date-time-rfc1123`; a client that refused them would fail on real responses.
// Parsing and writing are azure_core's (`azure_core::time`); what is the crate's own is that
// leniency, the conversion to UTC before writing RFC 7231 (azure_core writes the local time
// followed by `GMT`), and the shapes, which azure_core has only for a value and an `Option`.

use std::collections::HashMap;
use std::marker::PhantomData;

use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use azure_core::time::OffsetDateTime;

/// Reads a date-time written in RFC 3339 or in RFC 7231.
pub fn parse(text: &str) -> azure_core::Result<OffsetDateTime> {
    azure_core::time::parse_rfc3339(text).or_else(|_| azure_core::time::parse_rfc7231(text))
}

/// How one date-time is written and read.
pub trait Format {
    /// Writes `date`.
    fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads a date-time.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error>;
}

/// `format: date-time`: written in RFC 3339 (`2017-06-15T19:20:58Z`), read in RFC 3339 or
/// RFC 7231.
pub struct Rfc3339;

impl Format for Rfc3339 {
    fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        // azure_core's (the `time` crate's) RFC 3339 writer reports a date it cannot write
        // (an offset with seconds) as an error, where `to_rfc3339` would panic.
        azure_core::time::rfc3339::serialize(date, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        read_either(deserializer)
    }
}

/// `format: date-time-rfc1123`: written in RFC 7231 (`Thu, 15 Jun 2017 19:20:58 GMT`,
/// converted to UTC first), read in RFC 7231 or RFC 3339.
pub struct Rfc7231;

impl Format for Rfc7231 {
    fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let utc = date
            .checked_to_offset(::time::UtcOffset::UTC)
            .ok_or_else(|| ::serde::ser::Error::custom("the date-time is out of range in UTC"))?;
        azure_core::time::rfc7231::serialize(&utc, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        read_either(deserializer)
    }
}

/// `format: unixtime`: seconds since the Unix epoch. A value or an `Option` uses
/// azure_core's `unix_time` helpers directly; arrays and maps use this.
pub struct UnixTime;

impl Format for UnixTime {
    fn write<S: Serializer>(date: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        azure_core::time::unix_time::serialize(date, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        azure_core::time::unix_time::deserialize(deserializer)
    }
}

/// Reads a string holding a date-time in RFC 3339 or in RFC 7231.
fn read_either<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).map_err(::serde::de::Error::custom)
}

/// A date-time written by `F`.
struct Written<'a, F>(&'a OffsetDateTime, PhantomData<F>);

impl<F: Format> Serialize for Written<'_, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        F::write(self.0, serializer)
    }
}

/// A date-time read by `F`.
struct Read<F>(OffsetDateTime, PhantomData<F>);

impl<'de, F: Format> Deserialize<'de> for Read<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Read(F::read(deserializer)?, PhantomData))
    }
}

/// Writes each of `dates` by `F`.
fn written<F: Format>(dates: &[OffsetDateTime]) -> impl Iterator<Item = Written<'_, F>> {
    dates.iter().map(|date| Written(date, PhantomData))
}

/// Writes each of the values of `dates` by `F`, with its name.
fn written_map<F: Format>(
    dates: &HashMap<String, OffsetDateTime>,
) -> impl Iterator<Item = (&String, Written<'_, F>)> {
    dates
        .iter()
        .map(|(name, date)| (name, Written(date, PhantomData)))
}

/// A date-time field in format `F`.
pub struct Value<F>(PhantomData<F>);

impl<F: Format> Value<F> {
    /// Writes `date`.
    pub fn serialize<S: Serializer>(
        date: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        F::write(date, serializer)
    }

    /// Reads a date-time.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        F::read(deserializer)
    }
}

/// An `Option` field of a date-time in format `F`.
pub struct Optional<F>(PhantomData<F>);

impl<F: Format> Optional<F> {
    /// Writes `date`, if any.
    pub fn serialize<S: Serializer>(
        date: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        date.as_ref()
            .map(|date| Written::<F>(date, PhantomData))
            .serialize(serializer)
    }

    /// Reads a date-time, or nothing.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        Ok(Option::<Read<F>>::deserialize(deserializer)?.map(|read| read.0))
    }
}

/// An array of date-times in format `F`.
pub struct List<F>(PhantomData<F>);

impl<F: Format> List<F> {
    /// Writes `dates`.
    pub fn serialize<S: Serializer>(
        dates: &[OffsetDateTime],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(written::<F>(dates))
    }

    /// Reads an array of date-times.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<OffsetDateTime>, D::Error> {
        Ok(Vec::<Read<F>>::deserialize(deserializer)?
            .into_iter()
            .map(|read| read.0)
            .collect())
    }
}

/// An `Option` field of an array of date-times in format `F`.
pub struct OptionalList<F>(PhantomData<F>);

impl<F: Format> OptionalList<F> {
    /// Writes `dates`, if any.
    pub fn serialize<S: Serializer>(
        dates: &Option<Vec<OffsetDateTime>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        dates
            .as_deref()
            .map(|dates| written::<F>(dates).collect::<Vec<_>>())
            .serialize(serializer)
    }

    /// Reads an array of date-times, or nothing.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<OffsetDateTime>>, D::Error> {
        Ok(Option::<Vec<Read<F>>>::deserialize(deserializer)?
            .map(|dates| dates.into_iter().map(|read| read.0).collect()))
    }
}

/// A map of date-times in format `F`.
pub struct Map<F>(PhantomData<F>);

impl<F: Format> Map<F> {
    /// Writes `dates`.
    pub fn serialize<S: Serializer>(
        dates: &HashMap<String, OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(written_map::<F>(dates))
    }

    /// Reads a map of date-times.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<HashMap<String, OffsetDateTime>, D::Error> {
        Ok(HashMap::<String, Read<F>>::deserialize(deserializer)?
            .into_iter()
            .map(|(name, read)| (name, read.0))
            .collect())
    }
}

/// An `Option` field of a map of date-times in format `F`.
pub struct OptionalMap<F>(PhantomData<F>);

impl<F: Format> OptionalMap<F> {
    /// Writes `dates`, if any.
    pub fn serialize<S: Serializer>(
        dates: &Option<HashMap<String, OffsetDateTime>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        dates
            .as_ref()
            .map(|dates| written_map::<F>(dates).collect::<HashMap<_, _>>())
            .serialize(serializer)
    }

    /// Reads a map of date-times, or nothing.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<HashMap<String, OffsetDateTime>>, D::Error> {
        Ok(
            Option::<HashMap<String, Read<F>>>::deserialize(deserializer)?.map(|dates| {
                dates
                    .into_iter()
                    .map(|(name, read)| (name, read.0))
                    .collect()
            }),
        )
    }
}
