//! Writing JSON text straight from Rust values, escaped exactly as serde_json escapes.

use std::fmt;

/// `items` separated by `", "`: what `[&str]::join` gives, without its generic copy
/// routine in the package.
pub fn comma_list(items: &[&str]) -> String {
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
    let mut rest = s;
    loop {
        let run = crate::scan::plain_run(rest.as_bytes());
        // `run` sits on an ASCII byte or the end, so both are char boundaries.
        out.push_str(rest.get(..run).unwrap_or_default());
        let Some(&b) = rest.as_bytes().get(run) else {
            break;
        };
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        if escape.is_empty() {
            out.push_str("\\u00");
            push_hex(out, b);
        } else {
            out.push_str(escape);
        }
        rest = rest.get(run + 1..).unwrap_or_default();
    }
    out.push('"');
}

/// Appends `byte` as two lower-case hex digits.
///
/// The one hand-written hex of the crate, shared by JSON escapes and derived
/// idempotency keys. The `hex` crate (which the worker, the sandbox and webhook
/// verification use) is left out here on purpose: `hex::encode`'s iterator and String
/// collection added about 0.5 KB to the browser package's wasm, `encode_to_slice` more,
/// for two digits at a time.
pub fn push_hex(out: &mut String, byte: u8) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for nibble in [byte >> 4, byte & 15] {
        out.push(char::from(
            DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
        ));
    }
}

/// Displays a string as a quoted JSON string (`"pay_123"`), for messages.
///
/// Used instead of `{:?}`: for printable text the two are identical, and this keeps
/// `Debug`'s escaping tables and its panicking slice paths out of the browser package.
/// The package's messages write it with ufmt (`uDisplay`); `Display` is for Rust users.
pub struct Quoted<'a>(pub &'a str);

impl ufmt::uDisplay for Quoted<'_> {
    fn fmt<W: ufmt::uWrite + ?Sized>(
        &self,
        f: &mut ufmt::Formatter<'_, W>,
    ) -> Result<(), W::Error> {
        let mut text = String::new();
        write_str(&mut text, self.0);
        f.write_str(&text)
    }
}

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
        let out = self.key(key);
        let Ok(()) = ufmt::uwrite!(out, "{}", value);
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
}
