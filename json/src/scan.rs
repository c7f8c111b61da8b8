//! Finding the end of a string's unescaped run, eight bytes at a time.
//!
//! Reading a receipt and writing a request body are mostly this scan (a receipt is
//! ~1.4 KB of strings). A byte at a time it was ~2 ns per byte in the package's wasm;
//! word at a time (SWAR, the bit tricks of "Bit Twiddling Hacks": `has_zero`,
//! `has_less`) it is a few compares per eight bytes, in a few instructions that stay
//! small at any opt-level. Written by hand: memchr's SWAR searches one to three given
//! bytes, not "below 0x20".

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is below `n` (`n` ≤ 0x80). Bits above the
/// lowest one set may be spurious (a borrow), the lowest is exact.
#[inline(always)]
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// The high bit of each byte of `x` equal to `b`, with the same guarantee.
#[inline(always)]
fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * u64::from(b)), 1)
}

/// Whether a JSON string must escape `b` (and a parser must stop at it): a quote, a
/// backslash or a control character.
#[inline(always)]
pub(crate) fn special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The length of the longest prefix of `bytes` without a quote, a backslash or a
/// control character (`bytes.len()` when there is none).
#[inline]
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8) {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let x = u64::from_le_bytes(word);
        // The lowest flag of each term is exact, so the lowest of the three is the
        // first special byte (little-endian: the lowest byte comes first).
        let hit = below(x, 0x20) | equal(x, b'"') | equal(x, b'\\');
        if hit != 0 {
            return at + (hit.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&b| special(b)).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| special(b))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn stops_at_each_special_byte_in_every_lane() {
        for len in 0..20 {
            for at in 0..len {
                for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert_eq!(plain_run(&bytes), at, "{len} {at} {special}");
                }
            }
            assert_eq!(plain_run(&vec![b'a'; len]), len);
        }
        // Bytes next to the specials, and UTF-8 continuation bytes, are plain.
        let plain = "!#[]^`\u{7f}é€😀 ~".repeat(3);
        assert_eq!(plain_run(plain.as_bytes()), plain.len());
    }

    proptest! {
        #[test]
        fn agrees_with_a_byte_at_a_time(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            prop_assert_eq!(plain_run(&bytes), naive(&bytes));
        }

        #[test]
        fn agrees_on_mostly_plain_text(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', 0xc3, 0xa9, b'"', b'\\', 0x1f, 0x20, 0x7f, 0x80, 0xff, b'!', b']']), 0..48)
        ) {
            prop_assert_eq!(plain_run(&bytes), naive(&bytes));
        }
    }
}
