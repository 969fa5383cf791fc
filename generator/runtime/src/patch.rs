//! Three-state properties of PATCH requests: JSON merge-patch (RFC 7396, which Azure Resource
//! Manager PATCH requests follow) tells apart a property left out (keep the value), `null`
//! (remove or reset it) and a value (set it).

use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property of a PATCH (JSON merge-patch) request: left out, so the service keeps what it
/// has ([`Patch::Keep`], the default); `null`, so the service removes or resets it
/// ([`Patch::Clear`]); or a new value ([`Patch::Set`], also what `value.into()` gives).
///
/// The fields of the crate's PATCH request models are `Patch`es, so that a request can clear a
/// property, which an `Option` skipped when `None` cannot say. Response models keep `Option`s.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Leave the property out of the request: the service keeps its value.
    #[default]
    Keep,
    /// Send `null`: the service removes the property or resets it to its default.
    Clear,
    /// Send this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the property is left out of the request (what `skip_serializing_if` asks).
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// The value to send, if any.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Keep | Patch::Clear => None,
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Set(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `Keep` is skipped by the field's `skip_serializing_if`; alone it writes `null`.
        match self {
            Patch::Set(value) => value.serialize(serializer),
            Patch::Keep | Patch::Clear => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// `null` reads as `Clear`, a value as `Set`; a missing property is `Keep` through the
    /// field's `#[serde(default)]`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;

    #[derive(::serde::Serialize, ::serde::Deserialize, Debug, PartialEq)]
    struct Update {
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        tags: Patch<Vec<String>>,
    }

    #[test]
    fn keep_is_left_out_clear_is_null_and_set_is_the_value() {
        let json = |tags: Patch<Vec<String>>| ::serde_json::to_string(&Update { tags }).unwrap();
        assert_eq!(json(Patch::Keep), "{}");
        assert_eq!(json(Patch::Clear), r#"{"tags":null}"#);
        assert_eq!(json(vec!["a".to_string()].into()), r#"{"tags":["a"]}"#);
        let read = |text: &str| ::serde_json::from_str::<Update>(text).unwrap().tags;
        assert_eq!(read("{}"), Patch::Keep);
        assert_eq!(read(r#"{"tags":null}"#), Patch::Clear);
        assert_eq!(read(r#"{"tags":[]}"#), Patch::Set(Vec::new()));
        assert_eq!(Patch::Set(3).as_option(), Some(&3));
    }
}
