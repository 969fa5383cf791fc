//! Reading models: the `Deserialize` impl of every struct of the crate, written out by the
//! generator, is two lines around this module.
//!
//! serde's derive writes, for every struct, a field enum with its own visitor, a visitor for the
//! struct read as a map and another for it read as a sequence, all generic over the
//! deserializer: 250 lines a model, which were 40% of what the IoT Hub crate cost to check and
//! more to build. Here the generic part is one function for every model ([`read`]): it reads the
//! JSON object into a `serde_json::Map` and hands it to the model's own builder, a plain
//! function (`fn(&mut Fields) -> Result<Model>`) that takes each property by its wire name with
//! [`Fields::required`], [`Fields::optional`] (their `_as` forms for a codec) and
//! [`Fields::rest`], each one line.
//!
//! It reads what serde's derive reads, with the same attributes: a property the model names is
//! read by its type (or its codec), one it does not name is ignored or, when the model keeps
//! additional properties, kept; a missing required property is an error (`missing field`)
//! unless its type has a default, which it then takes. An error says which property of which
//! model it is in (`IotHubProperties.ipFilterRules: ...`), which serde's does not. Where a JSON
//! object names a property twice, the last value counts (serde's derive refuses it). The price
//! is paid at run time: a JSON object is read into values, then into its model, about 2.5 times
//! slower than serde's derive reads it (1,000 IoT hubs, 1.8 MB: 32 ms against 13 ms in a release
//! build), which a response's round trip to the service dwarfs.

#![allow(dead_code)]

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::{Map, Value};
use std::collections::HashMap;

use crate::codec::{Decode, Serde};

/// The properties of one JSON object, which a model's builder takes one by one.
pub(crate) struct Fields {
    model: &'static str,
    properties: Map<String, Value>,
}

/// Reads a JSON object from `deserializer` and builds a `T` of it with `build`: what every model's
/// `Deserialize` does, and the only part of it generic over the deserializer.
pub(crate) fn read<'de, D, T>(
    deserializer: D,
    model: &'static str,
    build: fn(&mut Fields) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let properties = <Map<String, Value> as serde::Deserialize>::deserialize(deserializer)?;
    build(&mut Fields { model, properties }).map_err(D::Error::custom)
}

impl Fields {
    /// The property `name`, which the JSON must have.
    pub(crate) fn required<T: DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> Result<T, serde_json::Error> {
        self.required_as::<T, Serde>(name)
    }

    /// The property `name`, or `T`'s default when the JSON does not have it.
    pub(crate) fn optional<T: DeserializeOwned + Default>(
        &mut self,
        name: &'static str,
    ) -> Result<T, serde_json::Error> {
        self.optional_as::<T, Serde>(name)
    }

    /// [`Fields::required`], read by the codec `C` (`#[serde(with = "crate::codec::As::<C>")]`).
    pub(crate) fn required_as<T, C: Decode<T>>(
        &mut self,
        name: &'static str,
    ) -> Result<T, serde_json::Error> {
        let value = self.properties.remove(name).ok_or_else(|| {
            serde_json::Error::custom(format_args!("{}: missing field `{name}`", self.model))
        })?;
        C::decode(value).map_err(|e| self.error(name, e))
    }

    /// [`Fields::optional`], read by the codec `C`.
    pub(crate) fn optional_as<T: Default, C: Decode<T>>(
        &mut self,
        name: &'static str,
    ) -> Result<T, serde_json::Error> {
        match self.properties.remove(name) {
            Some(value) => C::decode(value).map_err(|e| self.error(name, e)),
            None => Ok(T::default()),
        }
    }

    /// Every property not taken yet (the model's additional properties), each read as a `T`.
    /// Last: it takes them all.
    pub(crate) fn rest<T: DeserializeOwned>(
        &mut self,
    ) -> Result<HashMap<String, T>, serde_json::Error> {
        std::mem::take(&mut self.properties)
            .into_iter()
            .map(|(name, value)| match T::deserialize(value) {
                Ok(value) => Ok((name, value)),
                Err(e) => Err(self.error(&name, e)),
            })
            .collect()
    }

    /// An error of the property `name`, which says where it is: `Model.name: ...`.
    fn error(&self, name: &str, error: serde_json::Error) -> serde_json::Error {
        serde_json::Error::custom(format_args!("{}.{name}: {error}", self.model))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Nullable, Rfc3339};

    #[derive(Debug, PartialEq)]
    struct Thing {
        name: String,
        size: Option<i64>,
        at: Option<time::OffsetDateTime>,
        rest: HashMap<String, i64>,
    }

    impl<'de> serde::Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            fn build(fields: &mut Fields) -> Result<Thing, serde_json::Error> {
                Ok(Thing {
                    name: fields.required("name")?,
                    size: fields.optional("size")?,
                    at: fields.optional_as::<_, Nullable<Rfc3339>>("at")?,
                    rest: fields.rest()?,
                })
            }
            read(deserializer, "Thing", build)
        }
    }

    #[test]
    fn reads_named_properties_and_keeps_the_rest() {
        let thing: Thing =
            serde_json::from_str(r#"{"name":"a","size":3,"at":"2023-06-30T01:02:03Z","x":7}"#)
                .unwrap();
        assert_eq!(thing.name, "a");
        assert_eq!(thing.size, Some(3));
        assert_eq!(thing.at.unwrap().unix_timestamp(), 1_688_086_923);
        assert_eq!(thing.rest, HashMap::from([("x".to_string(), 7)]));
    }

    #[test]
    fn missing_optional_properties_take_their_default_and_null_is_none() {
        let thing: Thing = serde_json::from_str(r#"{"name":"a","size":null}"#).unwrap();
        assert_eq!(
            thing,
            Thing { name: "a".into(), size: None, at: None, rest: HashMap::new() }
        );
    }

    #[test]
    fn errors_name_the_model_and_the_property() {
        let missing = serde_json::from_str::<Thing>(r#"{"size":1}"#).unwrap_err();
        assert!(missing.to_string().contains("Thing: missing field `name`"), "{missing}");
        let wrong = serde_json::from_str::<Thing>(r#"{"name":"a","size":"big"}"#).unwrap_err();
        assert!(wrong.to_string().starts_with("Thing.size: invalid type: string"), "{wrong}");
        let extra = serde_json::from_str::<Thing>(r#"{"name":"a","x":"seven"}"#).unwrap_err();
        assert!(extra.to_string().starts_with("Thing.x: invalid type: string"), "{extra}");
        let not_an_object = serde_json::from_str::<Thing>("[1]").unwrap_err();
        assert!(not_an_object.to_string().contains("invalid type: sequence"), "{not_an_object}");
    }
}
