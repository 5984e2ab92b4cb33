//! Data formats of the EUCDM (`a2`, `an..35`, `n..16,6`) and named shapes
//! (EORI, container number with its ISO 6346 check digit, MRN, GRN).

/// Character class of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// `a`: letters.
    Alpha,
    /// `an`: any characters.
    AlphaNum,
    /// `n`: digits with an optional decimal part.
    Numeric,
}

/// A format such as `an..35` (1 to 35 characters), `an24` (exactly 24) or
/// `n..16,6` (up to 16 digits, of which up to 6 after the decimal point).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Format {
    /// Which characters (`a`, `n`, `an`).
    pub class: Class,
    /// Fewest characters (digits for `n`).
    pub min: u32,
    /// Most characters (digits for `n`).
    pub max: u32,
    /// Most digits after the decimal point (`n` only).
    pub fraction: u32,
}

impl Format {
    /// Parses the EUCDM notation; `None` if it is not one.
    pub fn parse(s: &str) -> Option<Format> {
        let (class, rest) = if let Some(r) = s.strip_prefix("an") {
            (Class::AlphaNum, r)
        } else if let Some(r) = s.strip_prefix('a') {
            (Class::Alpha, r)
        } else if let Some(r) = s.strip_prefix('n') {
            (Class::Numeric, r)
        } else {
            return None;
        };
        let (upto, rest) = match rest.strip_prefix("..") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let (len, fraction) = match rest.split_once(',') {
            Some((l, f)) if class == Class::Numeric => (l, f.parse().ok()?),
            Some(_) => return None,
            None => (rest, 0),
        };
        let max: u32 = len.parse().ok()?;
        if max == 0 || fraction > max {
            return None;
        }
        Some(Format {
            class,
            min: if upto { 1 } else { max },
            max,
            fraction,
        })
    }

    /// Whether `v` has this format.
    pub fn matches(&self, v: &str) -> bool {
        match self.class {
            Class::AlphaNum => {
                // A character is 1 to 4 bytes: most texts are decided by their
                // length in bytes, without counting characters.
                let len = v.len();
                if len <= self.max as usize && len.div_ceil(4) >= self.min as usize {
                    return true;
                }
                let n = v.chars().count() as u32;
                n >= self.min && n <= self.max
            }
            Class::Alpha => {
                let n = v.len() as u32;
                n >= self.min && n <= self.max && v.bytes().all(|b| b.is_ascii_alphabetic())
            }
            Class::Numeric => {
                let digits = v.strip_prefix('-').unwrap_or(v);
                let (int, frac) = match digits.split_once('.') {
                    Some((i, f)) => (i, f),
                    None => (digits, ""),
                };
                let chars_ok = !int.is_empty()
                    && int.bytes().all(|b| b.is_ascii_digit())
                    && frac.bytes().all(|b| b.is_ascii_digit())
                    && (digits.len() == int.len() || !frac.is_empty());
                // Digits are counted on the value, as XSD's totalDigits and
                // fractionDigits do: `100.000000` is n..16,2 (NCTS accepts it).
                let frac = frac.trim_end_matches('0');
                let int_digits = match int.trim_start_matches('0') {
                    "" => 1,
                    i => i.len(),
                };
                let total = (int_digits + frac.len()) as u32;
                chars_ok
                    && (frac.len() as u32) <= self.fraction
                    && total >= self.min
                    && total <= self.max
            }
        }
    }
}

/// One part of a format sequence (`must match an..3 followed by n..4 followed
/// by optional a1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The format of the part.
    pub format: Format,
    /// The part may be left out (empty).
    pub optional: bool,
}

/// Whether `v` is the parts one after the other: some split of `v` into
/// consecutive pieces gives each part a piece of `min..=max` characters of its
/// class — `a` ASCII letters, `n` ASCII digits (no sign or decimal point),
/// `an` any characters — or an empty piece for an optional part.
pub fn matches_sequence(parts: &[Part], v: &str) -> bool {
    let chars: Vec<char> = v.chars().collect();
    sequence_from(parts, &chars)
}

fn sequence_from(parts: &[Part], rest: &[char]) -> bool {
    let Some((part, more)) = parts.split_first() else {
        return rest.is_empty();
    };
    if part.optional && sequence_from(more, rest) {
        return true;
    }
    let fits = |c: &char| match part.format.class {
        Class::Alpha => c.is_ascii_alphabetic(),
        Class::Numeric => c.is_ascii_digit(),
        Class::AlphaNum => true,
    };
    let longest = rest
        .iter()
        .take(part.format.max as usize)
        .take_while(|c| fits(c))
        .count();
    (part.format.min as usize..=longest).any(|n| sequence_from(more, &rest[n..]))
}

/// Named shapes a rule can require with `must match <shape>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// EORI / TCUIN: `[A-Z]{2}[\x21-\x7E]{1,15}` (R0850).
    Eori,
    /// Container number, ISO 6346: owner code, category, serial, check digit.
    Iso6346,
    /// Movement reference number: `\d{2}[A-Z]{2}[A-Z0-9]{12}[J-M][0-9]`, 18 characters,
    /// the last the check digit of the 17 before it, computed as ISO 6346 does (R0028).
    Mrn,
    /// Guarantee reference number: `\d{2}[A-Z]{2}[A-Z0-9]{12}[0-9]([A-Z][0-9]{6})?`.
    Grn,
    /// No lowercase letter anywhere (`must not contain lowercase letters`).
    NoLowercase,
}

impl Shape {
    /// The shape named in a rule (`eori`, `iso6346`, `mrn`, `grn`, `no-lowercase`).
    pub fn parse(s: &str) -> Option<Shape> {
        Some(match s {
            "eori" => Shape::Eori,
            "iso6346" => Shape::Iso6346,
            "mrn" => Shape::Mrn,
            "grn" => Shape::Grn,
            "no-lowercase" => Shape::NoLowercase,
            _ => return None,
        })
    }

    /// Whether `v` has this shape.
    pub fn matches(self, v: &str) -> bool {
        let b = v.as_bytes();
        match self {
            Shape::Eori => {
                b.len() >= 3
                    && b.len() <= 17
                    && b[..2].iter().all(|c| c.is_ascii_uppercase())
                    && b[2..].iter().all(|&c| (0x21..=0x7e).contains(&c))
            }
            Shape::Iso6346 => iso6346(b),
            Shape::NoLowercase => !v.chars().any(char::is_lowercase),
            Shape::Mrn => {
                b.len() == 18
                    && b[..2].iter().all(u8::is_ascii_digit)
                    && b[2..4].iter().all(u8::is_ascii_uppercase)
                    && b[4..16]
                        .iter()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && (b'J'..=b'M').contains(&b[16])
                    && b[17].is_ascii_digit()
                    && check_digit(&b[..17]) == u32::from(b[17] - b'0')
            }
            Shape::Grn => {
                let head = b.len() >= 17
                    && b[..2].iter().all(u8::is_ascii_digit)
                    && b[2..4].iter().all(u8::is_ascii_uppercase)
                    && b[4..16]
                        .iter()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && b[16].is_ascii_digit();
                head && (b.len() == 17
                    || (b.len() == 24
                        && b[17].is_ascii_uppercase()
                        && b[18..].iter().all(u8::is_ascii_digit)))
            }
        }
    }
}

/// ISO 6346 container number: 3-letter owner code, category (U, J or Z),
/// 6-digit serial and a check digit computed over the first 10 characters.
fn iso6346(b: &[u8]) -> bool {
    if b.len() != 11
        || !b[..3].iter().all(u8::is_ascii_uppercase)
        || !matches!(b[3], b'U' | b'J' | b'Z')
        || !b[4..].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    check_digit(&b[..10]) == u32::from(b[10] - b'0')
}

/// The ISO 6346 check digit of `b` (letters and digits): each character's value
/// times 2^position, summed, modulo 11, modulo 10. Used for container numbers
/// and, over its first 17 characters, for the MRN (DDCOM).
fn check_digit(b: &[u8]) -> u32 {
    // Letter values skip multiples of 11: A=10, B=12, ..., K=21, L=23, ...
    let value = |c: u8| -> u32 {
        if c.is_ascii_digit() {
            (c - b'0') as u32
        } else {
            let mut v = 10;
            let mut l = b'A';
            while l < c {
                v += 1;
                if v % 11 == 0 {
                    v += 1;
                }
                l += 1;
            }
            v
        }
    };
    let sum: u32 = b.iter().enumerate().map(|(i, &c)| value(c) << i).sum();
    (sum % 11) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let f = Format::parse("an..35").unwrap();
        assert!(
            f.matches("x")
                && f.matches(&"y".repeat(35))
                && !f.matches(&"y".repeat(36))
                && !f.matches("")
        );
        let f = Format::parse("an24").unwrap();
        assert!(f.matches(&"A".repeat(24)) && !f.matches(&"A".repeat(17)));
        let f = Format::parse("a2").unwrap();
        assert!(f.matches("DE") && !f.matches("D1"));
        let f = Format::parse("n..16,6").unwrap();
        assert!(
            f.matches("1000.000")
                && f.matches("12")
                && !f.matches("1.1234567")
                && f.matches("1.1234560")
                && !f.matches("1.")
                && !f.matches("x")
        );
        assert!(Format::parse("n..16,2").unwrap().matches("100.000000"));
        let f = Format::parse("n1").unwrap();
        assert!(f.matches("1") && !f.matches("12"));
        assert_eq!(Format::parse("x12"), None);
        assert_eq!(Format::parse("an0"), None);
    }

    /// Lengths in characters, not bytes, whatever the bytes say first.
    #[test]
    fn alphanumeric_lengths() {
        let f = Format::parse("an..3").unwrap();
        assert!(f.matches("abc") && f.matches("äöü") && !f.matches("") && !f.matches("abcd"));
        assert!(!f.matches("äöüß"));
        let f = Format::parse("an2").unwrap();
        assert!(
            f.matches("ab")
                && f.matches("€€")
                && !f.matches("a")
                && !f.matches("€")
                && !f.matches("abc")
        );
        let f = Format::parse("an..35").unwrap();
        assert!(f.matches(&"😀".repeat(35)) && !f.matches(&"😀".repeat(36)) && f.matches("😀"));
    }

    #[test]
    fn sequences() {
        let part = |f: &str, optional| Part {
            format: Format::parse(f).unwrap(),
            optional,
        };
        let flight = [part("an..3", false), part("n..4", false), part("a1", true)];
        for ok in ["BA1234", "LH400", "U21234A", "KLM6", "4U9525"] {
            assert!(matches_sequence(&flight, ok), "{ok}");
        }
        for bad in ["BA12345X1", "BA", "BA12X4", "ABCD123", "BA1234AB", ""] {
            assert!(!matches_sequence(&flight, bad), "{bad}");
        }
    }

    #[test]
    fn shapes() {
        assert!(Shape::Eori.matches("GB953574106000"));
        assert!(!Shape::Eori.matches("gb1"));
        assert!(Shape::Iso6346.matches("CSQU3054383"));
        assert!(!Shape::Iso6346.matches("CSQU3054384"));
        assert!(Shape::Grn.matches("23GB0000010000058"));
        assert!(Shape::Mrn.matches("25DE12345678901BJ1"));
        // R0028: the 18th character is the ISO 6346 check digit of the 17 before it.
        assert!(Shape::Mrn.matches("23XI000081JYRJUVJ9"));
        assert!(!Shape::Mrn.matches("23XI000081JYRJUVJ8"));
        assert!(!Shape::Mrn.matches("25DE12345678901BJ2"));
        assert!(
            Shape::NoLowercase.matches("LOERB-418 Ä") && !Shape::NoLowercase.matches("LOERb418")
        );
        assert!(!Shape::NoLowercase.matches("ÄÖü"));
    }
}
