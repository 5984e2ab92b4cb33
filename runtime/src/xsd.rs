//! What an item's XSD simple type says about its text: the `whiteSpace` facet,
//! the built-in's lexical space, lengths in characters, patterns, digits,
//! ranges and enumerations.
//!
//! `tools/derive-model.py` writes these facets into the message model
//! (`xsd:collapse;len=1..35`); the compiler parses that field ([`XsdFacets::parse`])
//! and the generated code (or the interpreter) holds them as static
//! [`XsdType`]s. No XSD is read at run time. The structure check
//! ([`crate::structure`]) applies them in XSD's order: white space first, then
//! every other facet on the normalized value. Patterns are the flattened form
//! the derivation writes: alternatives of runs of one character class each,
//! matched by backtracking over characters (no general regular expressions).

use std::borrow::Cow;

/// The `whiteSpace` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WhiteSpace {
    /// `xs:string`: the text as it is.
    Preserve,
    /// `xs:normalizedString`: tab, CR and LF become spaces.
    Replace,
    /// `xs:token` and the non-string built-ins: replaced, runs of spaces made
    /// one, leading and trailing spaces removed.
    Collapse,
}

/// The built-in type at the root of the item's type: its own lexical space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lexical {
    /// `xs:string`, `xs:normalizedString`, `xs:token`: any text.
    String,
    /// `xs:decimal`: `[+-]?(\d+(\.\d*)?|\.\d+)`.
    Decimal,
    /// `xs:integer`: `[+-]?\d+`.
    Integer,
    /// `xs:date` (as the NCTS patterns narrow it: `YYYY-MM-DD`), a real date.
    Date,
    /// `xs:dateTime` (`YYYY-MM-DDThh:mm:ss`), a real date; `24:00:00` is the
    /// end of the day, as XSD 1.0 allows.
    DateTime,
}

/// What one pattern run's characters must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Atom {
    /// `.`: any character but CR and LF.
    Any,
    /// `\P{Z}`: any character that is not a Unicode separator.
    NotSeparator,
    /// `[...]` (or `[^...]` when `negated`): inclusive character ranges.
    Set {
        /// `[^...]`: the ranges are the characters not allowed.
        negated: bool,
        /// Inclusive character ranges.
        ranges: &'static [(char, char)],
    },
}

impl Atom {
    /// Whether `c` is one of the characters.
    #[inline]
    pub fn matches(&self, c: char) -> bool {
        match *self {
            Atom::Any => c != '\n' && c != '\r',
            Atom::NotSeparator => !is_separator(c),
            Atom::Set { negated, ranges } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != negated
            }
        }
    }
}

/// One run of a pattern: `min..=max` characters matching `atom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Run {
    /// The characters of the run.
    pub atom: Atom,
    /// Fewest characters.
    pub min: u32,
    /// `u32::MAX`: unbounded.
    pub max: u32,
}

/// An item's XSD simple type, as the structure check applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct XsdType {
    /// The `whiteSpace` facet, applied before anything else.
    pub whitespace: WhiteSpace,
    /// The lexical space (string, decimal, date, ...).
    pub lexical: Lexical,
    /// Length in characters of the normalized value (`length`, `minLength`,
    /// `maxLength`, `.{m,n}` patterns); `max_len` `u32::MAX` is no maximum.
    pub min_len: u32,
    /// Most characters of the normalized value; `u32::MAX` is no maximum.
    pub max_len: u32,
    /// `\P{Z}(.*\P{Z})?`: not empty, no separator first or last.
    pub no_edge_separator: bool,
    /// `totalDigits`, `fractionDigits` (decimals), on the value.
    pub total_digits: Option<u32>,
    /// `fractionDigits`: most digits after the decimal point.
    pub fraction_digits: Option<u32>,
    /// `minInclusive`, `maxInclusive` (integers).
    pub min_inclusive: Option<i64>,
    /// `maxInclusive`: the largest value allowed.
    pub max_inclusive: Option<i64>,
    /// The enumeration; empty: none.
    pub enumeration: &'static [&'static str],
    /// Patterns, each a set of alternatives; the value must match one
    /// alternative of every pattern.
    pub patterns: &'static [&'static [&'static [Run]]],
}

impl XsdType {
    /// Whether `raw`, the text of the item, is valid for this type.
    pub fn matches(&self, raw: &str) -> bool {
        self.matches_normalized(&normalize(self.whitespace, raw))
    }

    /// [`XsdType::matches`] of a value the `whiteSpace` facet was already
    /// applied to, as the readers do for every data item of a document.
    pub fn matches_normalized(&self, v: &str) -> bool {
        if (self.min_len > 0 || self.max_len != u32::MAX)
            && !length_ok(v, self.min_len, self.max_len)
        {
            return false;
        }
        if self.no_edge_separator && !edges_ok(v) {
            return false;
        }
        let lexical = match self.lexical {
            Lexical::String => true,
            Lexical::Decimal => decimal_ok(v, self.total_digits, self.fraction_digits),
            Lexical::Integer => integer_ok(v, self.min_inclusive, self.max_inclusive),
            Lexical::Date => crate::structure::is_date(v.as_bytes()),
            Lexical::DateTime => date_time_ok(v),
        };
        lexical
            && (self.enumeration.is_empty() || self.enumeration.contains(&v))
            && self
                .patterns
                .iter()
                .all(|alts| alts.iter().any(|runs| runs_match(runs, v)))
    }
}

/// Whether `v` has `min..=max` characters (the `length` facets).
#[inline]
pub fn length_ok(v: &str, min: u32, max: u32) -> bool {
    // A character is 1 to 4 bytes: most lengths are decided by the bytes.
    let b = v.len();
    if b <= max as usize && b.div_ceil(4) >= min as usize {
        return true;
    }
    let n = v.chars().count();
    n >= min as usize && n <= max as usize
}

/// `\P{Z}(.*\P{Z})?`: not empty, no separator first or last.
#[inline]
pub fn edges_ok(v: &str) -> bool {
    matches!(
        (v.chars().next(), v.chars().next_back()),
        (Some(a), Some(z)) if !is_separator(a) && !is_separator(z)
    )
}

/// A Unicode separator (general category Z: Zs, Zl, Zp), as XSD's `\p{Z}`;
/// U+180E counts, as in libxml2's (older) Unicode tables.
#[inline]
pub fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{180e}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Whether the `whiteSpace` facet changes `raw` (one pass over its bytes, no
/// allocation: the readers ask it of every data item).
pub fn changes(ws: WhiteSpace, raw: &str) -> bool {
    let b = raw.as_bytes();
    // Most values have no byte up to the space at all: one branch-free pass
    // (it vectorizes) decides them.
    if !b.iter().fold(false, |any, &c| any | (c <= b' ')) {
        return false;
    }
    match ws {
        WhiteSpace::Preserve => false,
        WhiteSpace::Replace => b.iter().any(|&c| matches!(c, b'\t' | b'\n' | b'\r')),
        WhiteSpace::Collapse => {
            if matches!(b.first(), Some(b' ' | b'\t' | b'\n' | b'\r'))
                || matches!(b.last(), Some(b' ' | b'\t' | b'\n' | b'\r'))
            {
                return true;
            }
            let mut space = false;
            for &c in b {
                match c {
                    b'\t' | b'\n' | b'\r' => return true,
                    b' ' if space => return true,
                    _ => space = c == b' ',
                }
            }
            false
        }
    }
}

/// The value after the `whiteSpace` facet.
pub fn normalize(ws: WhiteSpace, raw: &str) -> Cow<'_, str> {
    if !changes(ws, raw) {
        return Cow::Borrowed(raw);
    }
    match ws {
        WhiteSpace::Preserve => Cow::Borrowed(raw),
        WhiteSpace::Replace => Cow::Owned(raw.replace(['\t', '\n', '\r'], " ")),
        WhiteSpace::Collapse => {
            let words: Vec<&str> = raw
                .split([' ', '\t', '\n', '\r'])
                .filter(|w| !w.is_empty())
                .collect();
            Cow::Owned(words.join(" "))
        }
    }
}

/// Whether `v` is exactly the runs one after the other.
///
/// Greedy, then backtracking: the run takes as many characters as it may,
/// then gives them back one at a time until the rest matches. That tries the
/// same splits as counting up from the minimum, in the other order; the
/// usual pattern (runs of disjoint classes) matches on the first try, and
/// the last run needs no recursion at all.
pub fn runs_match(runs: &[Run], v: &str) -> bool {
    let Some((run, rest)) = runs.split_first() else {
        return v.is_empty();
    };
    let mut count = 0;
    let mut at = 0;
    for c in v.chars() {
        if count == run.max || !run.atom.matches(c) {
            break;
        }
        at += c.len_utf8();
        count += 1;
    }
    if rest.is_empty() {
        return at == v.len() && count >= run.min;
    }
    while count >= run.min {
        if runs_match(rest, &v[at..]) {
            return true;
        }
        let Some(c) = v[..at].chars().next_back() else {
            return false;
        };
        at -= c.len_utf8();
        count -= 1;
    }
    false
}

/// `xs:decimal`'s lexical space, then `totalDigits` and `fractionDigits`
/// counted on the value (leading zeros and trailing fraction zeros do not count).
#[inline]
pub fn decimal_ok(v: &str, total: Option<u32>, fraction: Option<u32>) -> bool {
    let b = v.as_bytes();
    let unsigned = match b.first() {
        Some(b'+' | b'-') => &b[1..],
        _ => b,
    };
    // One pass: the digits before and after the point, the leading zeros of
    // the integer part, and where the fraction's last non-zero digit is.
    let (mut int, mut leading_zeros, mut frac, mut frac_significant) = (0usize, 0, 0, 0);
    let mut point = false;
    for &c in unsigned {
        match c {
            b'0'..=b'9' if point => {
                frac += 1;
                if c != b'0' {
                    frac_significant = frac;
                }
            }
            b'0' if int == leading_zeros => {
                int += 1;
                leading_zeros += 1;
            }
            b'0'..=b'9' => int += 1,
            b'.' if !point => point = true,
            _ => return false,
        }
    }
    if int == 0 && frac == 0 {
        return false;
    }
    let digits = (int - leading_zeros + frac_significant).max(1);
    total.is_none_or(|t| digits <= t as usize)
        && fraction.is_none_or(|f| frac_significant <= f as usize)
}

/// `xs:integer`'s lexical space, then `minInclusive` and `maxInclusive`.
#[inline]
pub fn integer_ok(v: &str, min: Option<i64>, max: Option<i64>) -> bool {
    let b = v.as_bytes();
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return false;
    }
    // One pass: checks every byte, counts the significant digits and keeps
    // the value while it fits (18 digits always do).
    let (mut n, mut significant) = (0i64, 0usize);
    for &c in digits {
        let d = c.wrapping_sub(b'0');
        if d >= 10 {
            return false;
        }
        if significant > 0 || d != 0 {
            significant += 1;
            if significant <= 18 {
                n = n * 10 + i64::from(d);
            }
        }
    }
    if significant > 18 {
        // Beyond any bound the models carry.
        return min.is_none() && max.is_none();
    }
    let n = if neg { -n } else { n };
    min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
}

/// `YYYY-MM-DDThh:mm:ss`, a real date, a time of day or `24:00:00`.
pub fn date_time_ok(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 19
        && b[10] == b'T'
        && crate::structure::is_date(&b[..10])
        && (crate::structure::is_time(&b[11..]) || &b[11..] == b"24:00:00")
}

/// [`XsdType`] with owned parts: what the compiler parses from a model's
/// `xsd:` field, generates code from, or leaks into an [`XsdType`] for the
/// interpreter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XsdFacets {
    /// As [`XsdType::whitespace`].
    pub whitespace: WhiteSpace,
    /// As [`XsdType::lexical`].
    pub lexical: Lexical,
    /// As [`XsdType::min_len`].
    pub min_len: u32,
    /// As [`XsdType::max_len`].
    pub max_len: u32,
    /// As [`XsdType::no_edge_separator`].
    pub no_edge_separator: bool,
    /// As [`XsdType::total_digits`].
    pub total_digits: Option<u32>,
    /// As [`XsdType::fraction_digits`].
    pub fraction_digits: Option<u32>,
    /// As [`XsdType::min_inclusive`].
    pub min_inclusive: Option<i64>,
    /// As [`XsdType::max_inclusive`].
    pub max_inclusive: Option<i64>,
    /// As [`XsdType::enumeration`].
    pub enumeration: Vec<String>,
    /// Each pattern's alternatives; each alternative's runs.
    pub patterns: Vec<Vec<Vec<OwnedRun>>>,
}

/// A [`Run`] whose character set is owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnedRun {
    /// As [`Run::atom`].
    pub atom: OwnedAtom,
    /// As [`Run::min`].
    pub min: u32,
    /// As [`Run::max`].
    pub max: u32,
}

/// An [`Atom`] whose character set is owned.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OwnedAtom {
    /// As [`Atom::Any`].
    Any,
    /// As [`Atom::NotSeparator`].
    NotSeparator,
    /// As [`Atom::Set`].
    Set {
        /// As in [`Atom::Set`].
        negated: bool,
        /// As in [`Atom::Set`].
        ranges: Vec<(char, char)>,
    },
}

impl XsdFacets {
    /// Parses the model's field, `xsd:` included (`xsd:replace;len=0..35;nosep`);
    /// the error says what is wrong.
    pub fn parse(field: &str) -> Result<XsdFacets, String> {
        let body = field
            .strip_prefix("xsd:")
            .ok_or("the XSD facets start with `xsd:`")?;
        let mut parts = body.split(';');
        let whitespace = match parts.next() {
            Some("preserve") => WhiteSpace::Preserve,
            Some("replace") => WhiteSpace::Replace,
            Some("collapse") => WhiteSpace::Collapse,
            _ => return Err("the first XSD facet is preserve, replace or collapse".into()),
        };
        let mut f = XsdFacets {
            whitespace,
            lexical: Lexical::String,
            min_len: 0,
            max_len: u32::MAX,
            no_edge_separator: false,
            total_digits: None,
            fraction_digits: None,
            min_inclusive: None,
            max_inclusive: None,
            enumeration: vec![],
            patterns: vec![],
        };
        for p in parts {
            let (key, value) = p.split_once('=').unwrap_or((p, ""));
            match key {
                "decimal" => f.lexical = Lexical::Decimal,
                "integer" => f.lexical = Lexical::Integer,
                "date" => f.lexical = Lexical::Date,
                "datetime" => f.lexical = Lexical::DateTime,
                "nosep" => f.no_edge_separator = true,
                "len" => {
                    let (lo, hi) = value.split_once("..").unwrap_or((value, value));
                    f.min_len = lo.parse().map_err(|_| format!("bad length `{value}`"))?;
                    f.max_len = if hi.is_empty() {
                        u32::MAX
                    } else {
                        hi.parse().map_err(|_| format!("bad length `{value}`"))?
                    };
                }
                "digits" => {
                    let (t, fr) = value.split_once('.').ok_or("digits=T.F")?;
                    let num = |s: &str| -> Result<Option<u32>, String> {
                        (!s.is_empty())
                            .then(|| s.parse().map_err(|_| format!("bad digits `{value}`")))
                            .transpose()
                    };
                    f.total_digits = num(t)?;
                    f.fraction_digits = num(fr)?;
                }
                "range" => {
                    let (lo, hi) = value.split_once("..").ok_or("range=A..B")?;
                    let num = |s: &str| -> Result<Option<i64>, String> {
                        (!s.is_empty())
                            .then(|| s.parse().map_err(|_| format!("bad range `{value}`")))
                            .transpose()
                    };
                    f.min_inclusive = num(lo)?;
                    f.max_inclusive = num(hi)?;
                }
                "enum" => f.enumeration = value.split('/').map(str::to_string).collect(),
                "re" => f
                    .patterns
                    .push(value.split('|').map(parse_runs).collect::<Result<_, _>>()?),
                _ => return Err(format!("unknown XSD facet `{p}`")),
            }
        }
        Ok(f)
    }

    /// The facets as a static [`XsdType`], leaked (the interpreter's models
    /// live as long as the program).
    pub fn leak(&self) -> &'static XsdType {
        let patterns: Vec<&'static [&'static [Run]]> = self
            .patterns
            .iter()
            .map(|alts| {
                let alts: Vec<&'static [Run]> = alts
                    .iter()
                    .map(|runs| {
                        let runs: Vec<Run> = runs.iter().map(OwnedRun::leak).collect();
                        &*Box::leak(runs.into_boxed_slice())
                    })
                    .collect();
                &*Box::leak(alts.into_boxed_slice())
            })
            .collect();
        let enumeration: Vec<&'static str> = self
            .enumeration
            .iter()
            .map(|s| &*Box::leak(s.clone().into_boxed_str()))
            .collect();
        Box::leak(Box::new(XsdType {
            whitespace: self.whitespace,
            lexical: self.lexical,
            min_len: self.min_len,
            max_len: self.max_len,
            no_edge_separator: self.no_edge_separator,
            total_digits: self.total_digits,
            fraction_digits: self.fraction_digits,
            min_inclusive: self.min_inclusive,
            max_inclusive: self.max_inclusive,
            enumeration: Box::leak(enumeration.into_boxed_slice()),
            patterns: Box::leak(patterns.into_boxed_slice()),
        }))
    }
}

impl OwnedRun {
    fn leak(&self) -> Run {
        Run {
            atom: match &self.atom {
                OwnedAtom::Any => Atom::Any,
                OwnedAtom::NotSeparator => Atom::NotSeparator,
                OwnedAtom::Set { negated, ranges } => Atom::Set {
                    negated: *negated,
                    ranges: Box::leak(ranges.clone().into_boxed_slice()),
                },
            },
            min: self.min,
            max: self.max,
        }
    }
}

/// One alternative of a `re=` facet: `[A-Z]{2}[A-Z0-9]{6}`, `\P{Z}`, `\x2E`.
fn parse_runs(s: &str) -> Result<Vec<OwnedRun>, String> {
    let bad = |what: &str| format!("pattern `{s}`: {what}");
    let mut chars = s.chars().peekable();
    let mut runs = Vec::new();
    // One character: a letter or digit, or `\xHH` / `\u{H..}`.
    fn one(c: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<char, String> {
        if c.is_ascii_alphanumeric() {
            return Ok(c);
        }
        if c != '\\' {
            return Err(format!("`{c}` must be written \\x{:02X}", c as u32));
        }
        let hex: String = match chars.next() {
            Some('x') => chars.by_ref().take(2).collect(),
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err("\\u{...}".into());
                }
                chars.by_ref().take_while(|&c| c != '}').collect()
            }
            _ => return Err("unknown escape".into()),
        };
        u32::from_str_radix(&hex, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| format!("bad escape `{hex}`"))
    }
    while let Some(c) = chars.next() {
        let atom = match c {
            '.' => OwnedAtom::Any,
            '\\' if chars.peek() == Some(&'P') => {
                let name: String = chars.by_ref().take(4).collect();
                if name != "P{Z}" {
                    return Err(bad("only \\P{Z} is a category"));
                }
                OwnedAtom::NotSeparator
            }
            '[' => {
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                let mut ranges = Vec::new();
                loop {
                    let c = chars.next().ok_or_else(|| bad("unclosed ["))?;
                    if c == ']' {
                        break;
                    }
                    let lo = one(c, &mut chars).map_err(|e| bad(&e))?;
                    let hi = if chars.peek() == Some(&'-') {
                        chars.next();
                        let c = chars.next().ok_or_else(|| bad("unclosed ["))?;
                        one(c, &mut chars).map_err(|e| bad(&e))?
                    } else {
                        lo
                    };
                    ranges.push((lo, hi));
                }
                OwnedAtom::Set { negated, ranges }
            }
            c => {
                let c = one(c, &mut chars).map_err(|e| bad(&e))?;
                OwnedAtom::Set {
                    negated: false,
                    ranges: vec![(c, c)],
                }
            }
        };
        let (min, max) = if chars.peek() == Some(&'{') {
            chars.next();
            let q: String = chars.by_ref().take_while(|&c| c != '}').collect();
            let num = |t: &str| t.parse::<u32>().map_err(|_| bad("bad quantifier"));
            match q.split_once(',') {
                None => (num(&q)?, num(&q)?),
                Some((lo, "")) => (num(lo)?, u32::MAX),
                Some((lo, hi)) => (num(lo)?, num(hi)?),
            }
        } else {
            (1, 1)
        };
        runs.push(OwnedRun { atom, min, max });
    }
    if runs.is_empty() {
        return Err(bad("empty alternative"));
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single-pass `decimal_ok` and `integer_ok` answer as the facets'
    /// definitions, written with string operations, do.
    #[test]
    fn number_facets_agree_with_their_definitions() {
        fn decimal_reference(v: &str, total: Option<u32>, fraction: Option<u32>) -> bool {
            let unsigned = v.strip_prefix(['+', '-']).unwrap_or(v);
            let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
            if (int.is_empty() && frac.is_empty())
                || !int.bytes().all(|b| b.is_ascii_digit())
                || !frac.bytes().all(|b| b.is_ascii_digit())
            {
                return false;
            }
            let frac = frac.trim_end_matches('0');
            let int = int.trim_start_matches('0');
            let digits = (int.len() + frac.len()).max(1);
            total.is_none_or(|t| digits <= t as usize)
                && fraction.is_none_or(|f| frac.len() <= f as usize)
        }
        fn integer_reference(v: &str, min: Option<i64>, max: Option<i64>) -> bool {
            let (neg, digits) = match v.as_bytes().first() {
                Some(b'-') => (true, &v[1..]),
                Some(b'+') => (false, &v[1..]),
                _ => (false, v),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            let digits = digits.trim_start_matches('0');
            if digits.len() > 18 {
                return min.is_none() && max.is_none();
            }
            let n: i64 = digits.parse().unwrap_or(0);
            let n = if neg { -n } else { n };
            min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
        }
        let ints = [
            "",
            "0",
            "00",
            "7",
            "0070",
            "123456",
            "999999999999999999",
            "0999999999999999999",
            "1000000000000000000",
            "12345678901234567890123",
            "1x",
            "x",
            " 1",
            "١",
        ];
        let fracs = [
            "", ".", ".0", ".5", ".500", ".123456", ".1234567", ".0x", ".1.", "e3",
        ];
        let bounds = [None, Some(0), Some(1), Some(99), Some(-5)];
        for sign in ["", "-", "+"] {
            for i in ints {
                for f in fracs {
                    let v = format!("{sign}{i}{f}");
                    for total in [None, Some(1), Some(3), Some(16), Some(18)] {
                        for fraction in [None, Some(0), Some(1), Some(6)] {
                            assert_eq!(
                                decimal_ok(&v, total, fraction),
                                decimal_reference(&v, total, fraction),
                                "{v:?} {total:?} {fraction:?}"
                            );
                        }
                    }
                    for min in bounds {
                        for max in bounds {
                            assert_eq!(
                                integer_ok(&v, min, max),
                                integer_reference(&v, min, max),
                                "{v:?} {min:?} {max:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    fn ty(s: &str) -> &'static XsdType {
        XsdFacets::parse(s).unwrap().leak()
    }

    /// `changes` says exactly when `normalize` gives another text.
    #[test]
    fn changes_agrees_with_normalize() {
        // The facet's definition, independently of `changes` and `normalize`.
        let reference = |ws: WhiteSpace, t: &str| -> String {
            let replaced: String = (t.chars())
                .map(|c| {
                    if matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            match ws {
                WhiteSpace::Preserve => t.to_string(),
                WhiteSpace::Replace => replaced,
                WhiteSpace::Collapse => {
                    let words: Vec<&str> = replaced.split(' ').filter(|w| !w.is_empty()).collect();
                    words.join(" ")
                }
            }
        };
        let texts = [
            "", "T1", " T1", "T1 ", "a  b", "a b", "a\tb", "\n", " ", "a\r\nb", "ab  ", "é é",
        ];
        for ws in [
            WhiteSpace::Preserve,
            WhiteSpace::Replace,
            WhiteSpace::Collapse,
        ] {
            for t in texts {
                let want = reference(ws, t);
                assert_eq!(changes(ws, t), want != t, "{ws:?} {t:?}");
                assert_eq!(normalize(ws, t), want, "{ws:?} {t:?}");
            }
        }
    }

    #[test]
    fn no_edge_separator() {
        let t = ty("xsd:replace;len=0..35;nosep");
        assert!(t.matches("T1") && t.matches("a b") && t.matches("a\tb"));
        for bad in [
            "",
            " ",
            "T1 ",
            " T1",
            "\tT1",
            "T1\u{a0}",
            "\u{2028}x",
            "\u{3000}",
        ] {
            assert!(!t.matches(bad), "{bad:?}");
        }
        assert!(t.matches(&"ä".repeat(35)) && !t.matches(&"ä".repeat(36)));
    }

    #[test]
    fn tokens_collapse_first() {
        let t = ty("xsd:collapse;len=2");
        assert!(t.matches("T1 ") && t.matches(" \tT1\n") && !t.matches("T 1 ") && !t.matches(" "));
        let t = ty("xsd:collapse;len=1..35");
        assert!(!t.matches("") && !t.matches("  ") && t.matches("a  b"));
    }

    #[test]
    fn patterns() {
        let t = ty("xsd:replace;len=8;re=[A-Z]{2}[A-Z0-9]{6}");
        assert!(t.matches("DE123456") && !t.matches("D1234567") && !t.matches("DE12345"));
        let t = ty(
            r"xsd:replace;len=0..256;re=[\x00-\x7F]{1,};re=\P{Z}[^\x40]{0,}\x40[^\x2E]{1,}\x2E.{0,}\P{Z}",
        );
        assert!(t.matches("a@b.de") && !t.matches("a@b") && !t.matches("ä@b.de"));
        assert!(!t.matches(" a@b.de") && !t.matches("a@b.de "));
    }

    #[test]
    fn numbers() {
        let t = ty(
            r"xsd:collapse;decimal;digits=16.6;re=[1-9][0-9]{0,}|[1-9][0-9]{0,}\x2E[0-9]{1,}|0\x2E[0-9]{0,}[1-9][0-9]{0,}",
        );
        assert!(t.matches("7") && t.matches("0.5") && t.matches(" 12.000000000 "));
        for bad in [
            "007",
            "0",
            "0.0",
            "-1",
            "+1",
            "1.",
            ".5",
            "1.1234567",
            "12345678901234567",
        ] {
            assert!(!t.matches(bad), "{bad}");
        }
        let t = ty("xsd:collapse;integer;range=1..1999;re=[1-9][0-9]{0,2}|1[0-9]{3}");
        assert!(t.matches("1999") && !t.matches("2000") && !t.matches("01") && !t.matches("0"));
    }

    #[test]
    fn dates_and_enumerations() {
        let t = ty(
            r"xsd:collapse;datetime;re=[0-9]{4}\x2D[0-9]{2}\x2D[0-9]{2}T[0-9]{2}\x3A[0-9]{2}\x3A[0-9]{2}",
        );
        assert!(t.matches("2025-01-21T24:00:00") && !t.matches("2025-01-21T24:00:01"));
        assert!(!t.matches("2023-02-29T10:00:00") && t.matches(" 2024-02-29T10:00:00"));
        let t = ty("xsd:collapse;enum=0/1");
        assert!(t.matches("1") && t.matches(" 0 ") && !t.matches("2") && !t.matches(""));
    }

    #[test]
    fn refuses_unknown_notation() {
        assert!(XsdFacets::parse("xsd:collapse;re=(a)").is_err());
        assert!(XsdFacets::parse("xsd:tidy").is_err());
        assert!(XsdFacets::parse("collapse").is_err());
        assert!(XsdFacets::parse(r"xsd:collapse;re=\p{L}").is_err());
    }

    /// The greedy matcher agrees with counting each run up from its minimum
    /// (the matcher it replaced) on every string of up to 5 characters over
    /// an alphabet that straddles the runs' classes.
    #[test]
    fn greedy_runs_agree_with_counting_up() {
        fn counting_up(runs: &[Run], v: &str) -> bool {
            let Some((run, rest)) = runs.split_first() else {
                return v.is_empty();
            };
            let (mut count, mut at) = (0, 0);
            loop {
                if count >= run.min && counting_up(rest, &v[at..]) {
                    return true;
                }
                if count == run.max {
                    return false;
                }
                match v[at..].chars().next() {
                    Some(c) if run.atom.matches(c) => {
                        at += c.len_utf8();
                        count += 1;
                    }
                    _ => return false,
                }
            }
        }
        const LETTERS: Atom = Atom::Set {
            negated: false,
            ranges: &[('A', 'Z')],
        };
        const ALNUM: Atom = Atom::Set {
            negated: false,
            ranges: &[('0', '9'), ('A', 'Z')],
        };
        let run = |atom, min, max| Run { atom, min, max };
        let patterns: Vec<Vec<Run>> = vec![
            vec![run(LETTERS, 2, 2), run(ALNUM, 1, 3)],
            vec![run(ALNUM, 0, u32::MAX), run(LETTERS, 1, 2)],
            vec![
                run(Atom::Any, 1, 3),
                run(Atom::NotSeparator, 0, 1),
                run(LETTERS, 0, 2),
            ],
            vec![run(ALNUM, 2, 4)],
            vec![run(LETTERS, 0, 0), run(Atom::Any, 0, u32::MAX)],
        ];
        let alphabet = ['A', '7', ' ', '\u{e9}', '\n'];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = (words.iter())
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        let mut matched = 0;
        for p in &patterns {
            for w in &words {
                let want = counting_up(p, w);
                assert_eq!(runs_match(p, w), want, "{w:?} against {p:?}");
                matched += want as usize;
            }
        }
        assert!(matched > 100);
    }
}
