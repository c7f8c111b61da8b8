//! Splitting and trimming text at one ASCII byte, and blank checks.
//!
//! `str`'s `split`, `split_once`, `rsplit`, `find` and `trim_end_matches` with a `char`
//! pattern, and `trim`, go through core's pattern machinery (a UTF-8 char searcher in
//! both directions over `memchr`/`memrchr`, a multi-char searcher, code point decoding
//! forwards and backwards): about 3 KB of wasm in the browser package, for what is here
//! always a search for one ASCII byte. Written by hand because core offers no byte
//! variant for `str` and a crate for five loops would cost more than it saves. A byte
//! below 0x80 never occurs inside a multi-byte UTF-8 sequence, so every position found
//! is a char boundary and the `get`s below never fail.

/// The first position of `byte` in `s`.
pub(crate) fn find(s: &str, byte: u8) -> Option<usize> {
    s.bytes().position(|b| b == byte)
}

/// `s` split around the first `byte`.
pub(crate) fn split_once(s: &str, byte: u8) -> Option<(&str, &str)> {
    let at = find(s, byte)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// `s` split around the last `byte`.
pub(crate) fn rsplit_once(s: &str, byte: u8) -> Option<(&str, &str)> {
    let at = s.bytes().rposition(|b| b == byte)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// What follows the last `byte` (all of `s` without one): `rsplit(byte).next()`.
pub(crate) fn last_part(s: &str, byte: u8) -> &str {
    rsplit_once(s, byte).map_or(s, |(_, last)| last)
}

/// What precedes the first `byte` (all of `s` without one): `split(byte).next()`.
pub(crate) fn first_part(s: &str, byte: u8) -> &str {
    split_once(s, byte).map_or(s, |(first, _)| first)
}

/// `s` without any trailing `byte`s: `trim_end_matches(byte)`.
pub(crate) fn trim_end(s: &str, byte: u8) -> &str {
    let kept = s.len() - s.bytes().rev().take_while(|b| *b == byte).count();
    s.get(..kept).unwrap_or(s)
}

/// The parts of `s` between `byte`s: `split(byte)`.
pub(crate) fn split(s: &str, byte: u8) -> Split<'_> {
    Split {
        rest: Some(s),
        byte,
    }
}

/// The iterator of [`split`].
pub(crate) struct Split<'a> {
    rest: Option<&'a str>,
    byte: u8,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once(rest, self.byte) {
            Some((part, after)) => {
                self.rest = Some(after);
                Some(part)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// The keys of a JSON pointer of plain keys (`/a/b` → `a`, `b`; `""` → none):
/// `split(byte).skip(1)` without `skip`'s code.
pub(crate) fn pointer_keys(pointer: &str) -> Split<'_> {
    Split {
        rest: split_once(pointer, b'/').map(|(_, keys)| keys),
        byte: b'/',
    }
}

/// Whether `s` is empty or only whitespace (Unicode's, as `str::trim` has it), read
/// forwards only.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Each helper agrees with the `str` method it replaces, on any text and any
        /// ASCII byte (non-ASCII text around it included).
        #[test]
        fn agree_with_str(s in "(?s)[a/#?=&.é€\\x00-\\x7f]{0,24}", byte in 0u8..0x80) {
            let c = char::from(byte);
            prop_assert_eq!(find(&s, byte), s.find(c));
            prop_assert_eq!(split_once(&s, byte), s.split_once(c));
            prop_assert_eq!(rsplit_once(&s, byte), s.rsplit_once(c));
            prop_assert_eq!(last_part(&s, byte), s.rsplit(c).next().unwrap_or_default());
            prop_assert_eq!(first_part(&s, byte), s.split(c).next().unwrap_or_default());
            prop_assert_eq!(trim_end(&s, byte), s.trim_end_matches(c));
            prop_assert_eq!(split(&s, byte).collect::<Vec<_>>(), s.split(c).collect::<Vec<_>>());
            prop_assert_eq!(is_blank(&s), s.trim().is_empty());
            prop_assert_eq!(pointer_keys(&s).collect::<Vec<_>>(), s.split('/').skip(1).collect::<Vec<_>>());
        }
    }

    #[test]
    fn edges() {
        assert_eq!(split("", b'/').collect::<Vec<_>>(), [""]);
        assert_eq!(split("/a//", b'/').collect::<Vec<_>>(), ["", "a", "", ""]);
        assert_eq!(trim_end("a///", b'/'), "a");
        assert_eq!(trim_end("///", b'/'), "");
        assert_eq!(last_part("a/b/c", b'/'), "c");
        assert_eq!(first_part("a#b#c", b'#'), "a");
        assert!(is_blank(" \u{a0}\u{2003}\t"));
        assert!(!is_blank(" x "));
    }
}
