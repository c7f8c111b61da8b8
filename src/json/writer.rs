//! Writing JSON text straight from Rust values, escaped exactly as serde_json escapes.

use std::fmt;

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
            push_hex(out, b);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

/// Appends `byte` as two lower-case hex digits.
///
/// The one hand-written hex of the crate, shared by JSON escapes and derived
/// idempotency keys. The `hex` crate (which the worker, the sandbox and webhook
/// verification use) is left out here on purpose: `hex::encode`'s iterator and String
/// collection added about 0.5 KB to the browser package's wasm, `encode_to_slice` more,
/// for two digits at a time.
pub(crate) fn push_hex(out: &mut String, byte: u8) {
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

        const RECEIPT: &str = include_str!("../../tests/fixtures/dwolla-example-finicity.json");

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
                let node = crate::json::parse(body).unwrap();
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
