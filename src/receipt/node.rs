//! A JSON tree whose numbers keep their exact source text.
//!
//! `serde_json::Value` stores numbers as u64/i64/f64, so a 21-digit id written as a JSON
//! number would lose digits, and `arbitrary_precision` would change how every crate in
//! the build parses numbers. Instead each value is first captured as a borrowed
//! [`RawValue`] and only objects, arrays and strings are decoded: a number's node is the
//! exact text it was written as.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// One JSON value, numbers kept as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    /// The number's exact JSON text, e.g. `1015199035827334916` or `1.5e3`.
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in source order; a repeated key keeps its last value on lookup.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The member `key` of an object (the last one when repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The JSON type name, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

/// Parses JSON text into a [`Node`] tree.
pub(crate) fn parse(text: &str) -> Result<Node, serde_json::Error> {
    let raw: &RawValue = serde_json::from_str(text)?;
    from_raw(raw)
}

fn from_raw(raw: &RawValue) -> Result<Node, serde_json::Error> {
    let text = raw.get();
    Ok(match text.as_bytes().first() {
        Some(b'{') => {
            let Members(members) = serde_json::from_str(text)?;
            let mut out = Vec::with_capacity(members.len());
            for (key, value) in members {
                out.push((key, from_raw(value)?));
            }
            Node::Object(out)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(from_raw(item)?);
            }
            Node::Array(out)
        }
        Some(b'"') => Node::String(serde_json::from_str(text)?),
        Some(b't') => Node::Bool(true),
        Some(b'f') => Node::Bool(false),
        Some(b'n') => Node::Null,
        _ => Node::Number(text.to_owned()),
    })
}

/// An object's members with their values still raw, in source order.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(entry);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        let node =
            parse(r#" {"a": 123456789012345678901234567890, "b": [1.50, -2e3], "c": "x\"y"} "#)
                .unwrap();
        assert_eq!(
            node.get("a"),
            Some(&Node::Number("123456789012345678901234567890".into()))
        );
        assert_eq!(
            node.get("b"),
            Some(&Node::Array(vec![
                Node::Number("1.50".into()),
                Node::Number("-2e3".into())
            ]))
        );
        assert_eq!(node.get("c"), Some(&Node::String("x\"y".into())));
    }

    #[test]
    fn repeated_keys_keep_the_last_value_and_bad_json_fails() {
        let node = parse(r#"{"a":1,"a":null}"#).unwrap();
        assert_eq!(node.get("a"), Some(&Node::Null));
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "nul", "{} x"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
