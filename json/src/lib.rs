#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

//! JSON text in and out, with numbers kept as the exact text they were written as: the
//! JSON of the `consent-exchange` crate's WebAssembly package.
//!
//! Everything that reads or writes JSON in the browser package goes through this
//! crate instead of serde_json, for two reasons:
//!
//! - Exactness: `serde_json::Value` stores numbers as u64/i64/f64, so a 21-digit id
//!   written as a JSON number would lose digits (and `arbitrary_precision` would change
//!   how every crate in the build parses numbers). A [`Node`] keeps a number's text.
//! - Size: serde_json's parser, its float parsing and formatting, and one
//!   (de)serializer per input and output type were most of the WebAssembly module. This
//!   parser is one small recursive function, and output is written straight to text;
//!   a number is written back as the text it arrived as, so no float is ever parsed or
//!   formatted.
//!
//! The parser accepts what serde_json accepts (RFC 8259, at most 127 levels of nesting,
//! no lone surrogates), so a body is "JSON" here exactly when it was before.
//!
//! It is a crate of its own so that the hot path of the package (reading a consent
//! receipt, writing the Dwolla request) can be given an opt-level apart from the rest
//! in the workspace's profiles. It was `"s"` there for speed; since a faster allocator
//! (BENCHMARKS.md, section 2e) it is compiled at the package's `"z"` like the rest, for
//! 1.0 KB gzip of the main entry, and at 3 in the worker.
//!
//! `parser.rs` reads text into a [`Node`] tree; `writer.rs` writes JSON text straight
//! from Rust values ([`ObjectWriter`], [`write_str`], [`Quoted`]); `scan.rs` finds
//! where a string's unescaped run ends, for both.

mod parser;
mod scan;
mod writer;

use std::borrow::Cow;

pub use parser::parse;
pub use writer::{comma_list, push_hex, write_str, ObjectWriter, Quoted};

/// One JSON value, numbers kept as written. Text borrows from the parsed JSON where it
/// can (every number, and every key and string without an escape), so reading a
/// receipt allocates only the tree's vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// The number's exact JSON text, e.g. `1015199035827334916` or `1.5e3`.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Node<'a>>),
    /// Members in source order; a repeated key keeps its last value on lookup.
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The same value owning all its text, free of the JSON it was parsed from.
    pub fn into_owned(self) -> Node<'static> {
        let own = |text: Cow<'a, str>| Cow::Owned(text.into_owned());
        match self {
            Node::Null => Node::Null,
            Node::Bool(b) => Node::Bool(b),
            Node::Number(text) => Node::Number(own(text)),
            Node::String(text) => Node::String(own(text)),
            // Loops rather than `map(..).collect()`: the in-place collect specialisation
            // was close to 1 KB of wasm in the browser package, for a copy of a few items.
            Node::Array(items) => {
                let mut owned = Vec::with_capacity(items.len());
                for item in items {
                    owned.push(item.into_owned());
                }
                Node::Array(owned)
            }
            Node::Object(members) => {
                let mut owned = Vec::with_capacity(members.len());
                for (key, value) in members {
                    owned.push((own(key), value.into_owned()));
                }
                Node::Object(owned)
            }
        }
    }

    /// The member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// The JSON type name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Number(_) => "a number",
            Node::String(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }

    /// Appends this value as compact JSON text (numbers exactly as they arrived).
    pub fn write(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Number(text) => out.push_str(text),
            Node::String(s) => write_str(out, s),
            Node::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Node::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_str(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    /// This value as compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}
