//! JSON text in and out, with numbers kept as the exact text they were written as.
//!
//! Everything that reads or writes JSON in the browser package goes through this
//! module instead of serde_json, for two reasons:
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

use std::fmt;

/// One JSON value, numbers kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// The number's exact JSON text, e.g. `1015199035827334916` or `1.5e3`.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// Members in source order; a repeated key keeps its last value on lookup.
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
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
    #[cfg(any(feature = "js", test))]
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
    #[cfg(any(feature = "js", test))]
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// The read-only view of a JSON tree that the readers of this crate need, so one
/// reader serves both a [`Node`] (the browser package) and a `serde_json::Value` (the
/// Rust API).
pub trait Tree: Sized {
    /// The member `key` of an object.
    fn member(&self, key: &str) -> Option<&Self>;
    /// The string, if this is one.
    fn text(&self) -> Option<&str>;
    /// The items, if this is an array.
    fn items(&self) -> Option<&[Self]>;
    /// Whether this is an object.
    fn is_object(&self) -> bool;
    /// Whether this is `null`.
    fn is_null(&self) -> bool;
    /// The value at a JSON pointer made of plain keys (`/_links/self/href`).
    fn at(&self, pointer: &str) -> Option<&Self> {
        pointer
            .split('/')
            .skip(1)
            .try_fold(self, |node, key| node.member(key))
    }
}

impl Tree for Node {
    fn member(&self, key: &str) -> Option<&Self> {
        self.get(key)
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }
    fn is_object(&self) -> bool {
        matches!(self, Node::Object(_))
    }
    fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }
}

impl Tree for serde_json::Value {
    fn member(&self, key: &str) -> Option<&Self> {
        self.as_object().and_then(|o| o.get(key))
    }
    fn text(&self) -> Option<&str> {
        self.as_str()
    }
    fn items(&self) -> Option<&[Self]> {
        self.as_array().map(Vec::as_slice)
    }
    fn is_object(&self) -> bool {
        self.is_object()
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
}

/// Why a text is not JSON, and where (1-based line and column, in bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub reason: &'static str,
    /// The line of the offending byte.
    pub line: usize,
    /// The column of the offending byte.
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// serde_json's nesting limit: 128 levels of arrays and objects fail, 127 parse.
const MAX_DEPTH: usize = 128;

/// Parses JSON text (surrounding whitespace allowed) into a [`Node`] tree.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, reason: &'static str) -> ParseError {
        let before = self.bytes.get(..self.at).unwrap_or(self.bytes);
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|b| **b != b'\n').count();
        ParseError {
            reason,
            line,
            column,
        }
    }

    // Called for every byte: inlined even at opt-level "z", where it otherwise stays a
    // call per byte.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        self.whitespace();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.nested(true),
            Some(b'[') => self.nested(false),
            Some(b'"') => {
                self.at += 1;
                self.string().map(Node::String)
            }
            Some(b't') => self.word("true", Node::Bool(true)),
            Some(b'f') => self.word("false", Node::Bool(false)),
            Some(b'n') => self.word("null", Node::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &str, node: Node) -> Result<Node, ParseError> {
        if self
            .text
            .get(self.at..)
            .is_some_and(|t| t.starts_with(word))
        {
            self.at += word.len();
            Ok(node)
        } else {
            Err(self.error("expected ident"))
        }
    }

    fn nested(&mut self, object: bool) -> Result<Node, ParseError> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        let node = if object { self.object() } else { self.array() }?;
        self.depth -= 1;
        Ok(node)
    }

    fn array(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Node::Array(items));
                }
                None => return Err(self.error("EOF while parsing a list")),
                Some(_) => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self) -> Result<Node, ParseError> {
        let mut members = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Node::Object(members));
        }
        loop {
            self.whitespace();
            match self.peek() {
                Some(b'"') => self.at += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("key must be a string")),
            }
            let key = self.string()?;
            self.whitespace();
            match self.peek() {
                Some(b':') => self.at += 1,
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `:`")),
            }
            let value = self.value()?;
            members.push((key, value));
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Node::Object(members));
                }
                None => return Err(self.error("EOF while parsing an object")),
                Some(_) => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    /// The rest of a string whose opening quote was consumed.
    fn string(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        loop {
            let start = self.at;
            // The unescaped run is found in one scan and copied at once.
            let run = self.bytes.get(start..).unwrap_or_default();
            self.at += run
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(run.len());
            // Both ends sit on ASCII bytes, so they are char boundaries of `text`.
            out.push_str(self.text.get(start..self.at).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let Some(c) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = match high {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone trailing surrogate in hex escape"))
                    }
                    _ => high,
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))?
            }
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("invalid escape"))?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    /// Consumes digits; returns the first and one past the last position.
    fn digits(&mut self) -> (usize, usize) {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        (start, self.at)
    }

    fn number(&mut self) -> Result<Node, ParseError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int = match self.peek() {
            Some(b'0') => {
                self.at += 1;
                (self.at, self.at)
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        };
        let mut frac = (self.at, self.at);
        if self.peek() == Some(b'.') {
            self.at += 1;
            frac = self.digits();
            if frac.0 == frac.1 {
                return Err(self.error("invalid number"));
            }
        }
        let mut exponent: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let negative = self.peek() == Some(b'-');
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            let (from, to) = self.digits();
            if from == to {
                return Err(self.error("invalid number"));
            }
            for b in self.bytes.get(from..to).unwrap_or_default() {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i64::from(b - b'0'));
            }
            if negative {
                exponent = -exponent;
            }
        }
        // serde_json refuses numbers an f64 cannot hold ("number out of range"); the
        // decimal magnitude says so without parsing a float. (Numbers between the f64
        // maximum, 1.8e308, and 1e309 are the one sliver accepted here and not there.)
        let int_digits = int.1 - int.0;
        let frac_bytes = self.bytes.get(frac.0..frac.1).unwrap_or_default();
        let magnitude = if int_digits > 0 {
            Some(int_digits as i64)
        } else {
            frac_bytes
                .iter()
                .position(|b| *b != b'0')
                .map(|zeros| -(zeros as i64))
        };
        if magnitude.is_some_and(|m| m.saturating_add(exponent) > 309) {
            return Err(self.error("number out of range"));
        }
        Ok(Node::Number(
            self.text.get(start..self.at).unwrap_or_default().to_owned(),
        ))
    }
}

/// `items` separated by `", "`: what `[&str]::join` gives, without its generic copy
/// routine in the package.
pub(crate) fn comma_list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
    out
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it (`"`, `\`,
/// and control characters; `\u00xx` in lower-case hex), so request bodies and the
/// idempotency keys derived from them are byte-for-byte what they always were.
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push_str(&hex::encode([b]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Displays a string as a quoted JSON string (`"pay_123"`), for messages.
///
/// Used instead of `{:?}`: for printable text the two are identical, and this keeps
/// `Debug`'s escaping tables and its panicking slice paths out of the browser package.
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        write_str(&mut text, self.0);
        f.write_str(&text)
    }
}

/// Writes one JSON object member by member: `{"a":…,"b":…}`.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Opens an object in `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    /// Writes `"key":` and returns the text to write the value into.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        write_str(self.out, key);
        self.out.push(':');
        self.out
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        write_str(self.key(key), value);
        self
    }

    /// A string member, `null` when absent.
    #[cfg(test)]
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(v) => self.str(key, v),
            None => self.raw(key, "null"),
        }
    }

    /// A string member, left out when absent.
    pub fn some_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.str(key, v);
        }
        self
    }

    /// A member whose value is JSON text already (`true`, `null`, a number, ...).
    pub fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key).push_str(json);
        self
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    /// An integer member.
    pub fn int(&mut self, key: &str, value: u64) -> &mut Self {
        self.key(key).push_str(&value.to_string());
        self
    }

    /// `{"href": …}` under `key`, as Dwolla's `_links` want it.
    pub fn link(&mut self, key: &str, href: &str) -> &mut Self {
        let out = self.key(key);
        ObjectWriter::new(out).str("href", href).end();
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push('}');
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

    /// The parser must agree with serde_json on what is JSON, since a body's kind
    /// (JSON or not) decides what `read_dwolla_response` reports.
    #[test]
    fn accepts_and_refuses_what_serde_json_does() {
        let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        let deep_bad = format!("{}{}", "[".repeat(128), "]".repeat(128));
        let cases = [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "1.5e-3",
            "-12E+4",
            "\"\\u00e9\\ud83d\\ude00\"",
            "[]",
            "{}",
            "[1,[2,{\"a\":[]}]]",
            "{\"a\":{\"b\":\"c\"}}",
            "\"\\/\\b\\f\\n\\r\\t\"",
            "1e308",
            "1e400",
            "-1e999",
            "0e999",
            "1e-400",
            "0.000001e310",
            "",
            " ",
            "-",
            "+1",
            "01",
            "1.",
            ".5",
            "1e",
            "1e+",
            "--1",
            "[1 2]",
            "{\"a\":1,}",
            "[1,]",
            "{,}",
            "{\"a\"}",
            "{1:2}",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"a\u{1}b\"",
            "\"é\"",
            "tru",
            "nulll",
            "[]]",
            "{}}",
            "\"unterminated",
            "[\"a\",",
            &deep_ok,
            &deep_bad,
        ];
        for case in cases {
            let ours = parse(case);
            let theirs = serde_json::from_str::<serde_json::Value>(case);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{case:?}: {ours:?} vs {theirs:?}"
            );
            if let (Ok(node), Ok(value)) = (ours, theirs) {
                let back: serde_json::Value = serde_json::from_str(&node.to_json()).unwrap();
                assert_eq!(back, value, "{case:?}");
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..=0x7f)
            .map(char::from)
            .chain("é😀\u{2028}".chars())
            .collect();
        let mut ours = String::new();
        write_str(&mut ours, &all);
        assert_eq!(ours, serde_json::to_string(&all).unwrap());
    }

    #[test]
    fn objects_are_written_member_by_member() {
        let mut out = String::new();
        ObjectWriter::new(&mut out)
            .str("a", "x")
            .opt_str("b", None)
            .some_str("c", None)
            .int("d", 2_445_583_946_651)
            .bool("e", true)
            .link("f", "h")
            .end();
        assert_eq!(
            out,
            r#"{"a":"x","b":null,"d":2445583946651,"e":true,"f":{"href":"h"}}"#
        );
    }

    /// Every output the browser package writes by hand equals what the type's
    /// `Serialize` impl (the Rust API's contract) writes.
    mod outputs_match_serialize {
        use crate::partners::ExchangePartner;
        use crate::receipt::{check_consent_receipt, CheckOptions, Timestamp};
        use crate::request::DwollaRequest;
        use crate::response::{read, read_dwolla_response, Reading};
        use crate::session::{read_exchange_session, read_session, read_visa_redirect};
        use serde_json::Value;

        const RECEIPT: &str = include_str!("../tests/fixtures/dwolla-example-finicity.json");

        fn same(ours: &str, theirs: &impl serde::Serialize) {
            let ours: Value = serde_json::from_str(ours).unwrap();
            assert_eq!(ours, serde_json::to_value(theirs).unwrap());
        }

        #[test]
        fn requests() {
            let post = DwollaRequest::post("https://x/a".into(), "{\"a\":1}".into(), None);
            assert_eq!(post.to_json(), serde_json::to_string(&post).unwrap());
            let get = DwollaRequest::get("https://x/\"b\"".into());
            assert_eq!(get.to_json(), serde_json::to_string(&get).unwrap());
        }

        #[test]
        fn finicity_requests() {
            let input = crate::finicity::AuthenticationInput {
                partner_id: "1".into(),
                partner_secret: crate::finicity::PartnerSecret::new("s\"x"),
                base_url: None,
            };
            let request = crate::finicity::authentication_request(&input).unwrap();
            assert_eq!(request.to_json(), serde_json::to_string(&request).unwrap());
        }

        #[test]
        fn receipt_checks() {
            let at = |t| CheckOptions::new(Timestamp::parse(t).unwrap());
            for (text, now) in [
                (RECEIPT.to_owned(), "2022-07-11T06:10:00Z"),
                (
                    RECEIPT.replace("\"receiptVersion\": \"1\",", ""),
                    "2022-07-11T06:10:00Z",
                ),
                (RECEIPT.to_owned(), "2023-01-01T00:00:00Z"),
                (
                    RECEIPT.replace("\"5454874858510164117\"", "5454874858510164117"),
                    "2022-07-11T06:10:00Z",
                ),
                ("{\"profile\": -1}".to_owned(), "2022-07-11T06:10:00Z"),
            ] {
                let check = check_consent_receipt(&text, &at(now));
                assert_eq!(check.to_json(), serde_json::to_string(&check).unwrap());
            }
        }

        #[test]
        fn responses() {
            let headers = vec![
                ("Location".to_owned(), "https://x/exchanges/abc".to_owned()),
                ("Retry-After".to_owned(), "7".to_owned()),
            ];
            let bodies: [&[u8]; 6] = [
                b"",
                b"{\"a\":[1,2.50,{\"b\":null}],\"c\":\"\\u00e9\"}",
                b"<html>",
                b"{\"code\":\"ValidationError\",\"message\":\"m\",\"_embedded\":{\"errors\":[{\"code\":\"Required\",\"message\":\"x\",\"path\":\"/a\"}]},\"_links\":{\"about\":{\"href\":\"https://x\"}}}",
                b"{trunc",
                b"\xff",
            ];
            for status in [0, 200, 201, 400, 429, 503] {
                for body in bodies {
                    let reading = read(status, &headers, body);
                    if let Reading::Success {
                        resource: Some(text),
                        ..
                    } = &reading
                    {
                        assert_eq!(text.as_bytes(), body, "the resource is the body as sent");
                    }
                    same(
                        &reading.to_json(status),
                        &read_dwolla_response(status, &headers, body),
                    );
                }
            }
        }

        #[test]
        fn sessions_partners_and_redirects() {
            for body in [
                r#"{"externalProviderSessionToken":"link-1"}"#,
                r#"{"externalProviderSessionData":{"id":"ps_1","n":[1.5e3,-0]}}"#,
                r#"{"_links":{"external-provider-session":{"href":"https://mx.example/c"}}}"#,
            ] {
                let node = super::parse(body).unwrap();
                let value: Value = serde_json::from_str(body).unwrap();
                same(
                    &read_session(&node).ok().unwrap().to_json(),
                    &read_exchange_session(&value).unwrap(),
                );
            }
            for url in [
                "?exchange=10cde28b-6a39-4ed1-bce9-aa611a360720",
                "?error=USER_CANCELLED",
            ] {
                let redirect = read_visa_redirect(url).unwrap();
                assert_eq!(
                    redirect.to_json(),
                    serde_json::to_string(&redirect).unwrap()
                );
            }
            let partner = ExchangePartner {
                id: "1".into(),
                name: "Plaid".into(),
                status: "active".into(),
                href: "https://x/exchange-partners/1".into(),
            };
            let mut ours = String::new();
            partner.write_json(&mut ours);
            assert_eq!(ours, serde_json::to_string(&partner).unwrap());
        }
    }
}
