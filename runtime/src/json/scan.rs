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

/// The bytes of `w` that end a run, flagged by their high bit. The lowest
/// flag is exact (a borrow only flags bytes above a true one), which is all
/// that is read of it.
#[inline]
fn run_ends(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let escape = w ^ (ONES * u64::from(b'\\'));
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    // Bytes below 0x20 (bytes from 0x80 up are never flagged: `!w` clears them).
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    (zero(quote) | zero(escape) | control) & HIGH
}

/// A string's plain run: the bytes before its first `"`, `\` or control
/// character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    pub len: usize,
    /// Whether it holds a space: without one (and without an escape, which
    /// may stand for a tab or a line end), no `whiteSpace` facet changes it.
    pub spaced: bool,
}

/// Whether some byte of `w` is at most a space: exact (a borrow only flags a
/// byte above one that is).
#[inline]
fn has_blank(w: u64) -> bool {
    w.wrapping_sub(ONES * 0x21) & !w & HIGH != 0
}

/// The plain run at the start of `s` (all of `s` when nothing ends it).
#[inline]
pub(super) fn plain_run(s: &[u8]) -> Run {
    let mut i = 0;
    let mut spaced = false;
    while let Some(word) = s.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let ends = run_ends(w);
        if ends != 0 {
            let k = (ends.trailing_zeros() / 8) as usize;
            // The bytes from the end on read as 0xFF, which is not blank.
            spaced |= has_blank(w | (!0u64 << (8 * k)));
            return Run { len: i + k, spaced };
        }
        // No control character here: a byte up to the space is one.
        spaced |= has_blank(w);
        i += 8;
    }
    for (k, &b) in s[i..].iter().enumerate() {
        if ends_run(b) {
            return Run { len: i + k, spaced };
        }
        spaced |= b == b' ';
    }
    Run {
        len: s.len(),
        spaced,
    }
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
    /// prefixes that put bytes with borrows (0x20, 0x21, 0x80, 0xFF) or a
    /// space in front of it, and with spaces after its end.
    #[test]
    fn plain_run_is_the_first_byte_that_ends_a_run_and_sees_spaces() {
        let naive = |s: &[u8]| {
            let len = s.iter().position(|&b| ends_run(b)).unwrap_or(s.len());
            let spaced = s[..len].contains(&b' ');
            Run { len, spaced }
        };
        for prefix in [
            &b""[..],
            b"\x21\x21",
            b"\x80\xff\x7f",
            b"\x20\x20\x20\x20\x20\x20\x20",
            b"a a",
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
                        // Spaces after the end are not the run's.
                        s.extend(b"\"       x \" ");
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
