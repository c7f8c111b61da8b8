//! How the crate writes its messages (errors, issues, request URLs): with ufmt, not
//! `core::fmt`.
//!
//! `format!`, `write!` and `to_string` on numbers bring `core::fmt`'s machinery into the
//! npm package's wasm (`fmt::write`, `Formatter::pad` and `pad_integral`, the integer
//! tables, `format_inner`), however few messages use them. Measured on the main entry:
//! writing the messages with ufmt instead made its wasm about 1.1 KB gzip smaller (of
//! 46.8 KB), what ufmt adds back included. Errors implement
//! `ufmt::uDisplay`; their `Display`, for Rust users, writes the same text through
//! [`to_text`], and as no code path of the package calls it, the linker leaves it out.

/// A `String` written with `ufmt::uwrite!`'s format string and arguments (`{}` only:
/// arguments implement `ufmt::uDisplay`).
macro_rules! message {
    ($($arg:tt)*) => {{
        let mut text = ::std::string::String::new();
        // A String's `uWrite` cannot fail: its error type is `Infallible`.
        let Ok(()) = ::ufmt::uwrite!(text, $($arg)*);
        text
    }};
}
pub(crate) use message;

/// The text of a value that implements `ufmt::uDisplay`.
pub(crate) fn to_text<T: ufmt::uDisplay + ?Sized>(value: &T) -> String {
    message!("{}", value)
}

/// The number of `char`s of `s`: what `s.chars().count()` returns, without core's
/// word-at-a-time counter (about 1 KB of wasm, which core::fmt's padding used too) for
/// names and phone numbers of a few dozen characters.
pub(crate) fn char_count(s: &str) -> usize {
    // Every char has exactly one byte that is not a UTF-8 continuation byte (10xxxxxx).
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Appends `n` in decimal with at least `width` characters, zero-padded after the sign:
/// what `{n:0width$}` writes.
pub(crate) fn push_padded(out: &mut String, n: i64, width: usize) {
    let mut digits = String::new();
    let Ok(()) = ufmt::uwrite!(digits, "{}", n.unsigned_abs());
    let sign = usize::from(n < 0);
    if n < 0 {
        out.push('-');
    }
    for _ in (digits.len() + sign)..width {
        out.push('0');
    }
    out.push_str(&digits);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_as_chars_count() {
        for s in ["", "a", "é", "名前", "🦀 Ünïcødé", &"é".repeat(51)] {
            assert_eq!(char_count(s), s.chars().count(), "{s}");
        }
    }

    #[test]
    fn padded_as_core_fmt() {
        for n in [
            0,
            5,
            -5,
            42,
            -42,
            999,
            1000,
            12_345,
            -12_345,
            i64::MIN,
            i64::MAX,
        ] {
            for width in [0, 2, 3, 4, 9] {
                let mut ours = String::new();
                push_padded(&mut ours, n, width);
                assert_eq!(ours, format!("{n:0width$}"));
            }
        }
    }
}
