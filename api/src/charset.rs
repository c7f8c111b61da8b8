//! The character sets of the API's text fields, each published as a JSON Schema
//! `pattern` and enforced by a plain function. The worker carries no regex engine (it
//! would add to its wasm and its cold start for a handful of fixed sets), so
//! [`check`] looks the published pattern up in [`CHARSETS`]; a test runs every pattern
//! through a real regex engine against its function, so the two cannot disagree.

/// One character set: the pattern the document shows and the function that checks it.
#[derive(Debug, Clone, Copy)]
pub struct Charset {
    /// The ECMA-262 pattern published in the schema.
    pub pattern: &'static str,
    /// Whether a string matches `pattern`.
    pub matches: fn(&str) -> bool,
    /// What a string that does not match must be, for the message.
    pub message: &'static str,
}

/// ASCII digits only (a Finicity id); lengths are separate keywords.
pub const DIGITS: &str = "^[0-9]*$";
/// A UUID in its 8-4-4-4-12 hexadecimal spelling, either case (a Dwolla id).
pub const UUID: &str =
    "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
/// Printable ASCII without spaces (a header value such as an `Idempotency-Key`).
pub const PRINTABLE_ASCII: &str = "^[!-~]*$";
/// Finicity's user-name characters: letters, digits and `! @ . # $ % & * _ - +`.
pub const USERNAME: &str = "^[A-Za-z0-9!@.#$%&*_+-]*$";
/// At least one character that is not white space (unanchored: "contains").
pub const NOT_BLANK: &str = "\\S";
/// Contains an `@` (unanchored: "contains").
pub const EMAIL: &str = "@";

/// Every character set the API uses.
pub const CHARSETS: &[Charset] = &[
    Charset {
        pattern: DIGITS,
        matches: digits,
        message: "must be a string of digits",
    },
    Charset {
        pattern: UUID,
        matches: is_uuid,
        message: "must be a UUID",
    },
    Charset {
        pattern: PRINTABLE_ASCII,
        matches: printable_ascii,
        message: "must be printable ASCII characters without spaces",
    },
    Charset {
        pattern: USERNAME,
        matches: username,
        message: "must be letters, digits and ! @ . # $ % & * _ - +",
    },
    Charset {
        pattern: NOT_BLANK,
        matches: not_blank,
        message: "must not be blank",
    },
    Charset {
        pattern: EMAIL,
        matches: email,
        message: "must be an e-mail address",
    },
];

/// The character set published as `pattern`, if the API uses it.
pub fn charset(pattern: &str) -> Option<&'static Charset> {
    CHARSETS.iter().find(|c| c.pattern == pattern)
}

/// Whether `value` matches `pattern`; `None` for a pattern the API does not use.
pub fn check(pattern: &str, value: &str) -> Option<bool> {
    charset(pattern).map(|c| (c.matches)(value))
}

fn digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` is a UUID in its 8-4-4-4-12 hexadecimal spelling: the library's
/// `ids::is_uuid` again, as this crate does not depend on the library (the worker's
/// tests hold the two to the same answers).
pub fn is_uuid(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

fn printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_graphic())
}

fn username(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!@.#$%&*_-+".contains(&b))
}

// `char::is_whitespace` is Unicode's White_Space property, the same set as `\s` in a
// Unicode regex.
fn not_blank(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace())
}

fn email(s: &str) -> bool {
    s.contains('@')
}
