//! Values as the rules see them: three-valued truth, decimals and dates.

use std::cmp::Ordering;

/// Truth of a condition. `Unknown` comes from checks the message alone cannot
/// decide (an external registry that was not consulted); a statement whose
/// condition is unknown is not evaluated rather than guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    /// Decided false.
    False,
    /// Decided true.
    True,
    /// Not decided (a registry not consulted, a list known in part).
    Unknown,
}

impl Tri {
    /// `True` or `False`.
    #[inline]
    pub fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
    /// Three-valued `and`: false if either is false, else unknown if either is unknown; `other` is evaluated only when needed.
    #[inline]
    pub fn and(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::False => Tri::False,
            Tri::True => other(),
            Tri::Unknown => match other() {
                Tri::False => Tri::False,
                _ => Tri::Unknown,
            },
        }
    }
    /// Three-valued `or`: true if either is true, else unknown if either is unknown; `other` is evaluated only when needed.
    #[inline]
    pub fn or(self, other: impl FnOnce() -> Tri) -> Tri {
        match self {
            Tri::True => Tri::True,
            Tri::False => other(),
            Tri::Unknown => match other() {
                Tri::True => Tri::True,
                _ => Tri::Unknown,
            },
        }
    }
    /// Three-valued `not`: unknown stays unknown.
    #[inline]
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
    /// Whether decided true.
    #[inline]
    pub fn is_true(self) -> bool {
        self == Tri::True
    }
}

/// `10^i` for the decimals a text leaves to the scale: a look-up, not a
/// loop of multiplications per parsed number.
const POW10: [u64; Decimal::SCALE as usize + 1] = {
    let mut t = [1u64; Decimal::SCALE as usize + 1];
    let mut i = 1;
    while i < t.len() {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// A decimal as a fixed-point integer with [`Decimal::SCALE`] fractional digits:
/// exact for every NCTS number format (`n..16,6` at most).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(pub i128);

impl Decimal {
    /// Digits after the decimal point.
    pub const SCALE: u32 = 9;
    /// 1 in the fixed-point encoding.
    pub const ONE: i128 = 1_000_000_000;

    /// The product, its decimals beyond the ninth dropped (towards zero);
    /// `None` when it does not fit.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_mul(other.0).map(|p| Decimal(p / Self::ONE))
    }

    /// Parses `-12.5`, `0001`, `3.000000`, `1000.000000000000`. Returns `None`
    /// for anything else (exponents, spaces, more than 9 significant decimals
    /// or 25 integer digits).
    pub fn parse(s: &str) -> Option<Decimal> {
        let b = s.as_bytes();
        if let Some(d) = Self::parse_plain(b) {
            return Some(d);
        }
        let (neg, rest) = match b.first()? {
            b'-' => (true, &b[1..]),
            b'+' => (false, &b[1..]),
            _ => (false, b),
        };
        let (int, frac) = match rest.iter().position(|&c| c == b'.') {
            Some(p) => (&rest[..p], &rest[p + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        // Trailing zeros add no value (`1000.000000000000` is 1000, as XSD's
        // decimal reads it), however many there are.
        let frac = match frac.iter().rposition(|&c| c != b'0') {
            Some(last) => &frac[..=last],
            None => &frac[..0],
        };
        if int.len() > 25 || frac.len() > Self::SCALE as usize {
            return None;
        }
        // Up to 18 integer digits: in 64 bits, then scaled once.
        if int.len() <= 18 {
            let mut i: u64 = 0;
            for &c in int {
                if !c.is_ascii_digit() {
                    return None;
                }
                i = i * 10 + (c - b'0') as u64;
            }
            let mut f: u64 = 0;
            for &c in frac {
                if !c.is_ascii_digit() {
                    return None;
                }
                f = f * 10 + (c - b'0') as u64;
            }
            let f = f * POW10[Self::SCALE as usize - frac.len()];
            let v = i as i128 * Self::ONE + f as i128;
            return Some(Decimal(if neg { -v } else { v }));
        }
        let mut v: i128 = 0;
        for &c in int {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + (c - b'0') as i128;
        }
        for i in 0..Self::SCALE as usize {
            let d = match frac.get(i) {
                Some(&c) if c.is_ascii_digit() => (c - b'0') as i128,
                Some(_) => return None,
                None => 0,
            };
            v = v * 10 + d;
        }
        Some(Decimal(if neg { -v } else { v }))
    }

    /// The common case in one pass: up to 18 bytes of digits with at most
    /// one point and at most 9 decimals (masses, amounts, counts). `None`
    /// leaves everything else (signs, long texts, trailing zeros beyond the
    /// ninth decimal, non-numbers) to [`Decimal::parse`]'s general path.
    #[inline]
    fn parse_plain(b: &[u8]) -> Option<Decimal> {
        if b.len() > 18 {
            return None;
        }
        // 18 digits stay below 10^18: no overflow in 64 bits.
        let (mut v, mut decimals, mut point) = (0u64, 0u32, false);
        for &c in b {
            let d = c.wrapping_sub(b'0');
            if d < 10 {
                v = v * 10 + u64::from(d);
                decimals += u32::from(point);
            } else if c == b'.' && !point {
                point = true;
            } else {
                return None;
            }
        }
        let digits = b.len() - usize::from(point);
        if digits == 0 || decimals > Self::SCALE {
            return None;
        }
        Some(Decimal(
            i128::from(v) * i128::from(POW10[(Self::SCALE - decimals) as usize]),
        ))
    }

    /// The integer `i` as a decimal.
    pub fn from_int(i: i64) -> Decimal {
        Decimal(i as i128 * Self::ONE)
    }
}

/// Compares two texts as decimals; `None` if either is not a number.
#[inline]
pub fn cmp_decimal(a: &str, b: Decimal) -> Option<Ordering> {
    Decimal::parse(a).map(|a| a.cmp(&b))
}

/// Compares ISO dates and date-times on the part both have (`2025-03-03` vs
/// `2025-03-03T09:30:00` compares the date only); `None` when either is not a
/// real date or date-time (`2025-06-31`): the structure check reports such a
/// value once (`format date`), and a rule cannot say whether it is before or
/// after another, so it stays undecided instead of adding rule errors that
/// NCTS, which refuses the message at its XSD first, would never send.
/// `…T24:00:00`, the end of a day that XSD's date-time allows, is compared
/// as the next day's `T00:00:00`.
#[inline]
pub fn cmp_date(a: &str, b: &str) -> Option<Ordering> {
    let (a, b) = (date_value(a)?, date_value(b)?);
    let n = a.len().min(b.len());
    Some(a.as_bytes()[..n].cmp(&b.as_bytes()[..n]))
}

/// The text a date is compared as: itself, or for `YYYY-MM-DDT24:00:00` the
/// next day at `00:00:00`; `None` when it is not a real date or date-time.
fn date_value(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if is_date_value(s) {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    let (day, time) = s.split_once('T')?;
    if time != "24:00:00" || !crate::structure::is_date(day.as_bytes()) {
        return None;
    }
    Some(std::borrow::Cow::Owned(format!(
        "{}T00:00:00",
        next_day(day)?
    )))
}

/// The day after `YYYY-MM-DD` (a real date).
fn next_day(day: &str) -> Option<String> {
    let y: u32 = day.get(..4)?.parse().ok()?;
    let m: u32 = day.get(5..7)?.parse().ok()?;
    let d: u32 = day.get(8..10)?.parse().ok()?;
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let last = match m {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    let (y, m, d) = match (m, d) {
        (12, 31) => (y + 1, 1, 1),
        (_, d) if d == last => (y, m + 1, 1),
        _ => (y, m, d + 1),
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DDThh:mm:ss`) that exists.
fn is_date_value(s: &str) -> bool {
    use crate::schema::ValueFormat;
    crate::structure::format_ok(ValueFormat::Date, s)
        || crate::structure::format_ok(ValueFormat::DateTime, s)
}

/// The first `n` characters of `s` (characters, not bytes).
///
/// Out of line: the generated code takes prefixes at ~60 places, and the
/// character walk inlined at each cost more in instruction-cache misses than
/// the call costs (BENCHMARKS.md, session 5).
#[inline(never)]
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `s` without the characters up to U+0020 at either end: Java's
/// `String.trim`, which HMRC's rules apply (control characters go, a
/// no-break space stays).
#[inline]
pub fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= '\u{20}')
}

/// The number Java's `Double.parseDouble` reads in the trimmed text, as
/// HMRC's `number` takes it: a sign, digits with an optional point
/// (`5.`, `.5`), an optional exponent (`1e3`) and type suffix (`5d`, `5f`).
/// `None` (NaN) when it is not one, and also for what Java reads but a
/// [`Decimal`] cannot hold exactly: `NaN`, `Infinity`, hexadecimal, more
/// than 9 decimals or 25 digits before the point.
pub fn java_number(s: &str) -> Option<Decimal> {
    let t = java_trim(s);
    let t = t.strip_suffix(['d', 'D', 'f', 'F']).unwrap_or(t);
    let Some(e) = t.find(['e', 'E']) else {
        return Decimal::parse(t);
    };
    let exp: i32 = t[e + 1..]
        .strip_prefix('+')
        .unwrap_or(&t[e + 1..])
        .parse()
        .ok()?;
    let (sign, mantissa) = match t[..e].strip_prefix(['+', '-']) {
        Some(m) => (&t[..1], m),
        None => ("", &t[..e]),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() || exp.unsigned_abs() > 40 {
        return None;
    }
    // Move the point `exp` places: pad with zeros, then cut.
    let digits = format!("{}{int}{frac}{}", "0".repeat(41), "0".repeat(41));
    let point = (41 + int.len()) as i32 + exp;
    let point = usize::try_from(point).ok()?;
    let whole = digits[..point].trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Decimal::parse(&format!("{sign}{whole}.{}", &digits[point..]))
}

/// The `int` Java's `Integer.parseInt` reads in the trimmed text (HMRC's
/// `toIntOption`, behind `intOrElse` and `areIndices`): a sign and decimal
/// digits, within 32 bits. Its digits are `Character.digit(c, 10)`'s, every
/// Unicode decimal digit (`٣` is 3, `５` is 5), as Java 17 reads them.
pub fn java_int(s: &str) -> Option<i32> {
    let t = java_trim(s);
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for c in digits.chars() {
        v = v * 10 + i64::from(java_digit(c)?);
        if v > 1 << 31 {
            return None;
        }
    }
    i32::try_from(if negative { -v } else { v }).ok()
}

/// The first of each run of ten decimal digits `Character.digit(c, 10)`
/// knows (Java 17, Unicode 13), all in the Basic Multilingual Plane:
/// `parseInt` reads UTF-16 units, so a digit beyond it (`𝟓`) is none.
const JAVA_DIGIT_ZEROS: [u32; 37] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10,
];

fn java_digit(c: char) -> Option<u32> {
    let c = u32::from(c);
    (JAVA_DIGIT_ZEROS.iter()).find_map(|&zero| (zero..zero + 10).contains(&c).then(|| c - zero))
}

/// The `n`-th character of `s` (1-based), or `None` when `s` is shorter.
#[inline]
pub fn char_at(s: &str, n: usize) -> Option<&str> {
    let (i, c) = s.char_indices().nth(n.checked_sub(1)?)?;
    Some(&s[i..i + c.len_utf8()])
}

/// The parts one after the other; `None` when any part has no value.
#[inline]
pub fn concat(parts: &[Option<&str>]) -> Option<String> {
    let mut out = String::new();
    for p in parts {
        out.push_str((*p)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_keeps_nine_decimals() {
        let d = |s: &str| Decimal::parse(s).unwrap();
        assert_eq!(d("2.5").checked_mul(d("-4")), Some(d("-10")));
        // 99799999989 x 999 x 10^-9 x 10^-7: HMRC's margin of 8686.
        let m = d("99799999989").checked_mul(d("999")).unwrap();
        let m = m.checked_mul(d("0.000000001")).unwrap();
        assert_eq!(m, d("99700.199989011"));
        assert_eq!(m.checked_mul(d("0.0000001")), Some(d("0.009970019")));
        assert_eq!(Decimal(i128::MAX).checked_mul(d("2")), None);
    }

    #[test]
    fn java_number_reads_what_parse_double_reads() {
        let n = |s: &str| java_number(s).map(|d| d.0);
        let d = |s: &str| Decimal::parse(s).map(|d| d.0);
        assert_eq!(n(" 12 "), d("12"));
        assert_eq!(n("+5."), d("5"));
        assert_eq!(n(".5"), d("0.5"));
        assert_eq!(n("1e3"), d("1000"));
        assert_eq!(n("-2.5E-2"), d("-0.025"));
        assert_eq!(n("7d"), d("7"));
        assert_eq!(n("1.5e+1F"), d("15"));
        for not_a_number in [
            "", " ", ".", "abc", "1e", "e3", "1,5", "--1", "NaN", "0x10", "1e99",
        ] {
            assert_eq!(n(not_a_number), None, "{not_a_number:?}");
        }
    }

    /// What `Double.parseDouble(s.trim())` gives on OpenJDK 17 (HMRC's
    /// `number`), for the forms a reader might doubt: the same here, but
    /// where a `Decimal` cannot hold Java's double.
    #[test]
    fn java_number_against_parse_double() {
        let n = |s: &str| java_number(s).map(|d| d.0);
        let d = |s: &str| Decimal::parse(s).map(|d| d.0);
        // Java: 5.0, 5.0, 5.0, 1000.0, 0.0, 7.0, 5.0 (a type suffix).
        for (text, value) in [
            ("+5", "5"),
            (" 5", "5"),
            ("5.", "5"),
            ("1e3", "1000"),
            ("-0", "0"),
            ("07", "7"),
            ("5f", "5"),
        ] {
            assert_eq!(n(text), d(value), "{text:?}");
        }
        // Java: NumberFormatException, so NaN: hexadecimal needs a binary
        // exponent, no Unicode digits, no no-break space, no separators.
        for text in ["0x10", "٣", "\u{a0}5", "1_0", "+-1"] {
            assert_eq!(n(text), None, "{text:?}");
        }
        // Java: NaN for `NaN` and `+NaN`, here too.
        assert_eq!((n("NaN"), n("+NaN")), (None, None));
        // Java reads these, a Decimal cannot hold them: NaN here, so every
        // comparison but `!=` is false where Java's would be decided
        // (`Infinity`, `1e99`: ∞ >= x; `0x10p0` is 16.0; `1e-400` is 0.0).
        // None is reachable through a schema-valid message: the number types
        // of CC315A/CC313A are plain decimals of at most 11 digits.
        for text in ["Infinity", "-Infinity", "1e99", "0x10p0", "1e-400"] {
            assert_eq!(n(text), None, "{text:?}");
        }
    }

    /// Each answer is what `Integer.parseInt(s.trim())` gives on OpenJDK 17
    /// (HMRC's `toIntOption`); `None` is its NumberFormatException.
    #[test]
    fn java_int_reads_what_parse_int_reads() {
        assert_eq!(java_int(" +01 "), Some(1));
        assert_eq!(java_int("-7"), Some(-7));
        assert_eq!(java_int("-0"), Some(0));
        assert_eq!(java_int("2147483647"), Some(i32::MAX));
        assert_eq!(java_int("-2147483648"), Some(i32::MIN));
        assert_eq!(java_int("5\u{0}"), Some(5));
        // Unicode decimal digits are digits: Arabic-Indic, fullwidth.
        assert_eq!(java_int("٣"), Some(3));
        assert_eq!(java_int("١٢"), Some(12));
        assert_eq!(java_int("５"), Some(5));
        assert_eq!(java_int("\u{ff19}\u{ff10}"), Some(90));
        for not_an_int in [
            "",
            "+",
            "-",
            "+-1",
            "1.0",
            "5.0",
            "1e1",
            "1e3",
            "0x10",
            "NaN",
            "2147483648",
            "-2147483649",
            "1 2",
            "1_0",
            "\u{a0}5",
            "\u{1d7d3}",
            "٣.0",
        ] {
            assert_eq!(java_int(not_an_int), None, "{not_an_int:?}");
        }
    }

    #[test]
    fn java_trim_strips_characters_up_to_space() {
        assert_eq!(java_trim("\u{1}\t a b \r\n\u{1f}"), "a b");
        // Not Unicode white space: a no-break space and U+2003 stay.
        assert_eq!(java_trim("\u{a0}a\u{2003}"), "\u{a0}a\u{2003}");
        assert_eq!(java_trim("   "), "");
    }

    #[test]
    fn decimals() {
        assert_eq!(Decimal::parse("1"), Some(Decimal::from_int(1)));
        assert_eq!(Decimal::parse("1.000"), Some(Decimal::from_int(1)));
        assert!(Decimal::parse("0.5").unwrap() < Decimal::from_int(1));
        assert_eq!(Decimal::parse("-2").unwrap(), Decimal::from_int(-2));
        assert_eq!(Decimal::parse(""), None);
        assert_eq!(Decimal::parse("1e3"), None);
        assert_eq!(Decimal::parse("."), None);
        // XSD's decimal: trailing zeros, however many, add no value.
        assert_eq!(
            Decimal::parse("1000.000000000000"),
            Some(Decimal::from_int(1000))
        );
        assert_eq!(Decimal::parse("1.0000000000001"), None);
        assert_eq!(Decimal::parse("1.00000000000x"), None);
    }

    /// The 64-bit path gives what digit-by-digit parsing in 128 bits gives.
    #[test]
    fn decimals_fast_path() {
        fn reference(s: &str) -> Option<i128> {
            let (neg, rest) = match s.as_bytes().first()? {
                b'-' => (true, &s[1..]),
                b'+' => (false, &s[1..]),
                _ => (false, s),
            };
            let (int, frac) = rest.split_once('.').unwrap_or((rest, ""));
            let significant = frac.trim_end_matches('0');
            if (int.is_empty() && frac.is_empty()) || int.len() > 25 || significant.len() > 9 {
                return None;
            }
            let mut v: i128 = 0;
            for c in int
                .bytes()
                .chain(significant.bytes().chain(std::iter::repeat(b'0')).take(9))
            {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as i128;
            }
            Some(if neg { -v } else { v })
        }
        let parts = [
            "",
            "0",
            "7",
            "10",
            "12345678",
            "99999999999999999",
            "999999999999999999",
            "9999999999999999999",
            "123456789012345678901234",
            "x",
            "1x",
        ];
        let fracs = [
            "",
            ".",
            ".5",
            ".000000001",
            ".123456789",
            ".1234567890",
            ".1234567891",
            ".12345678900",
            ".0x",
            ".1.",
            "..",
        ];
        for sign in ["", "-", "+"] {
            for p in parts {
                for f in fracs {
                    let s = format!("{sign}{p}{f}");
                    assert_eq!(Decimal::parse(&s).map(|d| d.0), reference(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn tri_logic() {
        use Tri::*;
        assert_eq!(Unknown.and(|| False), False);
        assert_eq!(Unknown.or(|| True), True);
        assert_eq!(Unknown.and(|| True), Unknown);
        assert_eq!(Unknown.not(), Unknown);
    }

    #[test]
    fn prefixes_and_dates() {
        assert_eq!(prefix("DE004058", 2), "DE");
        assert_eq!(prefix("D", 2), "D");
        assert_eq!(
            cmp_date("2025-03-03", "2025-03-03T09:30:00").unwrap(),
            Ordering::Equal
        );
        assert_eq!(cmp_date("2025-03-02", "2025-03-03"), Some(Ordering::Less));
        // An impossible date is not before or after anything.
        assert_eq!(cmp_date("2025-06-31", "2025-06-02"), None);
        assert_eq!(cmp_date("2025-06-02T10:30:00", "2025-06-31T08:00:00"), None);
        // XSD's end of a day is the next day's start.
        assert_eq!(
            cmp_date("2025-06-02T24:00:00", "2025-06-03T00:00:00"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            cmp_date("2024-02-29T24:00:00", "2024-03-01"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            cmp_date("2025-12-31T24:00:00", "2026-01-01"),
            Some(Ordering::Equal)
        );
        assert_eq!(
            cmp_date("2025-06-02T24:00:00", "2025-06-02T23:59:59"),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp_date("2025-06-02T24:00:01", "2025-06-02"), None);
    }

    #[test]
    fn characters_and_concatenation() {
        assert_eq!(char_at("25DE4058EX000417A7", 17), Some("A"));
        assert_eq!(char_at("ÄB", 2), Some("B"));
        assert_eq!(char_at("AB", 3), None);
        assert_eq!(char_at("AB", 0), None);
        assert_eq!(
            concat(&[Some("847130"), Some("00")]).as_deref(),
            Some("84713000")
        );
        assert_eq!(concat(&[Some("847130"), None]), None);
    }
}
