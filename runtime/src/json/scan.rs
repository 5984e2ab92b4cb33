//! Byte scans of the JSON reader, eight bytes at a time: the texts of a
//! message are mostly plain ASCII with no escape, and the input is already
//! known to be UTF-8, so a string's end is found without decoding it.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether `b` ends the plain run of a string: its closing quote, an
/// escape, or a control character (an error in a JSON string).
#[inline]
fn ends_run(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// Whether some byte of `w` may end a run. Exact for the lowest such byte,
/// may also flag a byte above it (a borrow), so a flagged word is looked at
/// byte by byte.
#[inline]
fn may_end_run(w: u64) -> bool {
    let quote = w ^ (ONES * u64::from(b'"'));
    let escape = w ^ (ONES * u64::from(b'\\'));
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    // Bytes below 0x20 (bytes from 0x80 up are never flagged: `!w` clears them).
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    (zero(quote) | zero(escape) | control) & HIGH != 0
}

/// The length of the run of `s` before its first `"`, `\` or control
/// character (all of `s` when there is none).
#[inline]
pub(super) fn plain_run(s: &[u8]) -> usize {
    let mut i = 0;
    while let Some(word) = s.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if may_end_run(w) {
            if let Some(k) = word.iter().position(|&b| ends_run(b)) {
                return i + k;
            }
        }
        i += 8;
    }
    i + s[i..]
        .iter()
        .position(|&b| ends_run(b))
        .unwrap_or(s.len() - i)
}

/// The length of the run of JSON white space at the start of `s`.
#[inline]
pub(super) fn blank_run(s: &[u8]) -> usize {
    s.iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-wise scan against the byte-wise definition, on every byte
    /// value at every position of strings around a word's length, after
    /// prefixes that put bytes with borrows (0x00, 0x20, 0x21, 0x80, 0xFF)
    /// in front of it.
    #[test]
    fn plain_run_is_the_first_byte_that_ends_a_run() {
        let naive = |s: &[u8]| s.iter().position(|&b| ends_run(b)).unwrap_or(s.len());
        for prefix in [
            &b""[..],
            b"\x21\x21",
            b"\x80\xff\x7f",
            b"\x20\x20\x20\x20\x20\x20\x20",
        ] {
            for len in 0..20 {
                for at in 0..=len {
                    for b in 0..=255u8 {
                        let mut s = prefix.to_vec();
                        s.resize(prefix.len() + len, b'a');
                        if at < len {
                            s[prefix.len() + at] = b;
                        }
                        assert_eq!(plain_run(&s), naive(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn blank_run_stops_at_the_first_other_byte() {
        assert_eq!(blank_run(b" \t\r\n x"), 5);
        assert_eq!(blank_run(b"  "), 2);
        assert_eq!(blank_run(b"\x0b"), 0);
    }
}
