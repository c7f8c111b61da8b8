//! The JSON parser: one small recursive function over the bytes, numbers kept as text.

use std::borrow::Cow;
use std::fmt;

use super::Node;

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

impl ufmt::uDisplay for ParseError {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        ufmt::uwrite!(
            f,
            "{} at line {} column {}",
            self.reason,
            self.line,
            self.column
        )
    }
}

/// The same text as `uDisplay`, which the package's messages use.
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        let Ok(()) = ufmt::uwrite!(text, "{}", self);
        f.write_str(&text)
    }
}

impl std::error::Error for ParseError {}

/// serde_json's nesting limit: 128 levels of arrays and objects fail, 127 parse.
const MAX_DEPTH: usize = 128;

/// Parses JSON text (surrounding whitespace allowed) into a [`Node`] tree that borrows
/// every number, key and string without an escape from `text`.
pub fn parse(text: &str) -> Result<Node<'_>, ParseError> {
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

impl<'a> Parser<'a> {
    // Only on the way out with an error: kept out of the functions that call it.
    #[cold]
    #[inline(never)]
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

    #[inline(always)]
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Node<'a>, ParseError> {
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

    fn word(&mut self, word: &str, node: Node<'a>) -> Result<Node<'a>, ParseError> {
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

    fn nested(&mut self, object: bool) -> Result<Node<'a>, ParseError> {
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        let node = if object { self.object() } else { self.array() }?;
        self.depth -= 1;
        Ok(node)
    }

    fn array(&mut self) -> Result<Node<'a>, ParseError> {
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

    fn object(&mut self) -> Result<Node<'a>, ParseError> {
        // Most objects of a receipt or a Dwolla body have up to 8 members: one allocation.
        let mut members = Vec::with_capacity(8);
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

    /// The rest of a string whose opening quote was consumed: borrowed from the text
    /// when it holds no escape (keys and most values), built otherwise.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let start = self.at;
        self.run();
        if self.peek() == Some(b'"') {
            self.at += 1;
            // Both ends sit on ASCII bytes, so they are char boundaries of `text`.
            return Ok(Cow::Borrowed(
                self.text.get(start..self.at - 1).unwrap_or_default(),
            ));
        }
        let mut out = String::from(self.text.get(start..self.at).unwrap_or_default());
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
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
            let start = self.at;
            self.run();
            out.push_str(self.text.get(start..self.at).unwrap_or_default());
        }
    }

    /// Skips the unescaped run of a string: up to a quote, a backslash or a control
    /// character, found in one scan.
    #[inline(always)]
    fn run(&mut self) {
        let run = self.bytes.get(self.at..).unwrap_or_default();
        self.at += crate::scan::plain_run(run);
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

    fn number(&mut self) -> Result<Node<'a>, ParseError> {
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
        Ok(Node::Number(Cow::Borrowed(
            self.text.get(start..self.at).unwrap_or_default(),
        )))
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
}
