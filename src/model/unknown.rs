//! Members of the project file this version of factdesk does not know, kept so that saving never
//! loses them, and a JSON reader that refuses an object holding a member twice.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Number, Value};

/// The members of one object of the project file that factdesk does not know, by name, with their
/// values exactly as read.
///
/// Every object of the file has one, flattened after its known members (`#[serde(flatten)]`), so a
/// file written by a newer factdesk or extended by another tool loses nothing when factdesk saves it:
/// the members are written back after the known ones, in key order, which keeps saving deterministic.
///
/// Only loading fills it. There is no way to add a member from code, so a saved object can never hold
/// a member twice (an unknown member always has a name no known member has).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnknownMembers(BTreeMap<String, Value>);

impl UnknownMembers {
    /// Whether the object had no member factdesk does not know.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many unknown members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The members in key order, with their values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Appends the JSON path of each member to `paths`, under the object at `parent` (`""` for the
    /// top-level object).
    pub(crate) fn push_paths(&self, parent: &str, paths: &mut Vec<String>) {
        for name in self.0.keys() {
            paths.push(member_path(parent, name));
        }
    }
}

/// The path of member `name` of the object at `parent`: `parent.name`, or `parent["na me"]` when the
/// name is not a plain identifier, so every path reads back unambiguously.
pub(crate) fn member_path(parent: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '@' || c == '$');
    let quoted;
    let segment = if plain {
        name
    } else {
        quoted = Value::String(name.to_owned()).to_string();
        &quoted
    };
    match (parent.is_empty(), plain) {
        (true, true) => segment.to_owned(),
        (true, false) => format!("[{segment}]"),
        (false, true) => format!("{parent}.{segment}"),
        (false, false) => format!("{parent}[{segment}]"),
    }
}

impl Serialize for UnknownMembers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(&self.0)
    }
}

impl<'de> Deserialize<'de> for UnknownMembers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // serde hands a flattened field the members no other field took, duplicates included; each
        // value is read strictly too, so a member twice deep inside one is refused like anywhere else.
        let StrictValue(value) = StrictValue::deserialize(deserializer)?;
        match value {
            Value::Object(members) => Ok(Self(members.into_iter().collect())),
            other => Err(de::Error::invalid_type(unexpected(&other), &"an object")),
        }
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// A JSON value read like [`serde_json::Value`], except that an object holding a member twice is
/// refused: a parsed `Value` silently keeps the last of two equal keys, and JSON leaves open which one
/// was meant. Read through `serde_path_to_error`, the error's path names the repeated member.
#[derive(Debug)]
pub(crate) struct StrictValue(pub(crate) Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // As serde_json's own Value does: JSON has no NaN or infinity.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        StrictValue::deserialize(deserializer).map(|v| v.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                // Failing inside the value, not here, puts the member's own name at the end of the
                // error's path.
                match map.next_value_seed(Repeated)? {}
            }
            let StrictValue(value) = map.next_value()?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

/// Reads the value of a repeated member as the error that refuses it.
struct Repeated;

impl<'de> DeserializeSeed<'de> for Repeated {
    type Value = std::convert::Infallible;

    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<Self::Value, D::Error> {
        Err(de::Error::custom(
            "this member appears twice in its object; JSON leaves open which one counts, so \
             factdesk does not guess: remove one of them",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(json: &str) -> Result<Value, (String, String)> {
        let mut reader = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize::<_, StrictValue>(&mut reader)
            .map(|v| v.0)
            .map_err(|e| (e.path().to_string(), e.inner().to_string()))
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let json =
            r#"{"a": [1, -2, 3.5, null, true, "x\n"], "b": {"c": {}}, "d": 18446744073709551615}"#;
        let plain: Value = serde_json::from_str(json).unwrap();
        assert_eq!(strict(json).unwrap(), plain);
    }

    #[test]
    fn a_member_twice_is_refused_with_its_path() {
        let (path, message) = strict(r#"{"a": [{"b": 1}, {"c": 1, "c": 2}]}"#).unwrap_err();
        assert_eq!(path, "a[1].c");
        assert!(message.contains("appears twice"), "{message}");
        let (path, _) = strict(r#"{"title": "a", "title": "b"}"#).unwrap_err();
        assert_eq!(path, "title");
    }

    #[test]
    fn paths_quote_names_that_are_not_identifiers() {
        assert_eq!(member_path("", "x-note"), "x-note");
        assert_eq!(member_path("claims[0]", "@id"), "claims[0].@id");
        assert_eq!(
            member_path("claims[0]", "two words"),
            "claims[0][\"two words\"]"
        );
        assert_eq!(member_path("", "a.b"), "[\"a.b\"]");
    }
}
