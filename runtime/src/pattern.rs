//! Regular expressions as Java reads them with `String.matches`: the whole
//! value must match (HMRC's import-control rules test values this way).
//!
//! A pattern is checked and translated once, when the rule set is compiled,
//! into the syntax of `fancy-regex` with Java's meanings where the two
//! differ: `.` stops at every Java line terminator (not only `\n`), `\s`,
//! `\d` and `\w` are ASCII classes, `$` also matches before a final line
//! terminator. What the translation does not know to carry over exactly
//! (inline flags, possessive quantifiers, `\p{..}`, `\b`, nested classes,
//! ...) is refused with its place in the pattern, never read differently.

use std::fmt;

/// A full-match regular expression written in Java's syntax.
#[derive(Clone)]
pub struct Pattern {
    java: String,
    regex: fancy_regex::Regex,
}

/// Why a pattern is refused, at which byte of the pattern as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset in the pattern as written.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.java)
    }
}

/// Java's line terminators, which `.` does not match and `$` may stand before.
const TERMINATORS: &str = r"\n\r\x{85}\x{2028}\x{2029}";
/// Java's `\s` (without `UNICODE_CHARACTER_CLASS`): ASCII white space.
const SPACE: &str = r"\t\n\x0B\x0C\r ";
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";

impl Pattern {
    /// Checks and translates a Java pattern.
    pub fn java(src: &str) -> Result<Pattern, PatternError> {
        let translated = translate(src)?;
        let regex = fancy_regex::Regex::new(&format!(r"\A(?:{translated})\z")).map_err(|e| {
            PatternError {
                offset: 0,
                message: format!("not a regular expression: {e}"),
            }
        })?;
        Ok(Pattern {
            java: src.to_string(),
            regex,
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.java
    }

    /// Whether the whole of `value` matches; `None` when the matcher gives
    /// up (its backtracking limit), where Java would keep going.
    pub fn matches(&self, value: &str) -> Option<bool> {
        self.regex.is_match(value).ok()
    }
}

fn refuse(offset: usize, message: impl Into<String>) -> PatternError {
    PatternError {
        offset,
        message: message.into(),
    }
}

/// Java pattern → fancy-regex pattern with the same meaning.
fn translate(src: &str) -> Result<String, PatternError> {
    let mut out = String::with_capacity(src.len() * 2);
    let mut chars = src.char_indices().peekable();
    let mut class: Option<usize> = None;
    // The last thing copied was a quantifier: a `+` after it is possessive.
    let mut quantified = false;
    while let Some((at, c)) = chars.next() {
        let was_quantified = std::mem::take(&mut quantified);
        if c == '\\' {
            let Some((_, e)) = chars.next() else {
                return Err(refuse(at, "the pattern ends with a lone `\\`"));
            };
            out.push_str(&escape(at, e, class.is_some(), &mut chars)?);
            continue;
        }
        if class.is_some() {
            match c {
                ']' => {
                    class = None;
                    out.push(']');
                }
                '[' => {
                    return Err(refuse(
                        at,
                        "a class inside a class (`[a[b]]`) is not supported",
                    ))
                }
                '&' if chars.peek().map(|p| p.1) == Some('&') => {
                    return Err(refuse(at, "class intersection (`&&`) is not supported"))
                }
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '[' => {
                class = Some(at);
                out.push('[');
                if chars.peek().map(|p| p.1) == Some('^') {
                    chars.next();
                    out.push('^');
                }
                if chars.peek().map(|p| p.1) == Some(']') {
                    return Err(refuse(at, "a class starting with `]`: write `\\]`"));
                }
            }
            '.' => out.push_str(&format!("[^{TERMINATORS}]")),
            '$' => out.push_str(&format!(r"(?:\z|(?=(?:\r\n|[{TERMINATORS}])\z))")),
            '(' if chars.peek().map(|p| p.1) == Some('?') => {
                chars.next();
                let rest = &src[at + 2..];
                let Some(kind) = ["<=", "<!", ":", "=", "!"]
                    .into_iter()
                    .find(|k| rest.starts_with(k))
                else {
                    return Err(refuse(
                        at,
                        "only the groups `(?:`, `(?=`, `(?!`, `(?<=` and `(?<!` are supported",
                    ));
                };
                for _ in 0..kind.len() {
                    chars.next();
                }
                out.push_str("(?");
                out.push_str(kind);
            }
            '+' if was_quantified => {
                return Err(refuse(
                    at,
                    "possessive quantifiers (`*+`, `++`) are not supported",
                ))
            }
            '{' => {
                let len = repetition(&src[at..]).ok_or_else(|| {
                    refuse(
                        at,
                        "`{` starts no repetition `{n}`, `{n,}` or `{n,m}`: write `\\{`",
                    )
                })?;
                out.push_str(&src[at..at + len]);
                for _ in 1..len {
                    chars.next();
                }
                quantified = true;
            }
            '*' | '+' | '?' => {
                quantified = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    if let Some(at) = class {
        return Err(refuse(at, "`[` is never closed"));
    }
    Ok(out)
}

/// The length of the repetition `{n}`, `{n,}` or `{n,m}` at the start of `s`.
fn repetition(s: &str) -> Option<usize> {
    let end = s.find('}')?;
    let inner = &s[1..end];
    let (min, max) = inner.split_once(',').unwrap_or((inner, "0"));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    (!min.is_empty() && digits(min) && digits(max)).then_some(end + 1)
}

/// The translation of `\e` (at byte `at`), inside a class or not.
fn escape(
    at: usize,
    e: char,
    in_class: bool,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> Result<String, PatternError> {
    // Inside a class, the engine's ASCII classes say the same (`[:space:]` is
    // Java's `\s`, `[:word:]` its `\w`), negated ones too (`[\s\S]`).
    let set = |inner: &str, posix: &str, negated: bool| -> String {
        let not = if negated { "^" } else { "" };
        if in_class {
            format!("[:{not}{posix}:]")
        } else {
            format!("[{not}{inner}]")
        }
    };
    match e {
        's' | 'S' => Ok(set(SPACE, "space", e == 'S')),
        'd' | 'D' => Ok(set(DIGIT, "digit", e == 'D')),
        'w' | 'W' => Ok(set(WORD, "word", e == 'W')),
        't' | 'n' | 'r' | 'f' => Ok(format!("\\{e}")),
        '1'..='9' if !in_class => Ok(format!("\\{e}")),
        'u' | 'x' => {
            let n = if e == 'u' { 4 } else { 2 };
            let mut hex = String::new();
            for _ in 0..n {
                match chars.next() {
                    Some((_, h)) if h.is_ascii_hexdigit() => hex.push(h),
                    _ => return Err(refuse(at, format!("`\\{e}` takes {n} hexadecimal digits"))),
                }
            }
            Ok(format!("\\x{{{hex}}}"))
        }
        c if c.is_ascii_punctuation() => Ok(format!("\\{c}")),
        c => Err(refuse(at, format!("`\\{c}` is not supported"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, v: &str) -> bool {
        Pattern::java(p).unwrap().matches(v).unwrap()
    }

    #[test]
    fn whole_value() {
        assert!(m("[0-9]{7,8}", "1234567"));
        assert!(!m("[0-9]{7,8}", "1234567x"));
        assert!(!m("[0-9]{7,8}", "x1234567"));
        // An alternative matches the whole value, not a part of it.
        assert!(!m("a|ab", "abc"));
        assert!(m("a|ab", "ab"));
    }

    #[test]
    fn negative_look_ahead_of_8685() {
        let p = r"^(?!\s*XFER).+\s*$|^\s*XFER[a-zA-Z0-9]+([:-][a-zA-Z0-9]+)?\s*$";
        assert!(m(p, "ABC123"));
        assert!(m(p, "XFERAB12:CD"));
        assert!(m(p, " XFERAB12-CD "));
        assert!(!m(p, "XFER"));
        assert!(!m(p, "XFERAB:"));
        assert!(!m(p, "XFER AB"));
    }

    #[test]
    fn java_meanings() {
        // `\s` is ASCII white space: a no-break space is not.
        assert!(m(r"\s*1", " \t1"));
        assert!(!m(r"\s*1", "\u{a0}1"));
        assert!(m(r"[\s]1", "\u{b}1"));
        // `\d` and `\w` are ASCII.
        assert!(!m(r"\d", "٣"));
        assert!(!m(r"\w", "é"));
        // `.` stops at every Java line terminator.
        assert!(!m(".", "\r"));
        assert!(!m(".", "\u{2028}"));
        assert!(m(".", "\u{a0}"));
        // `$` also before a final terminator, which the rest must then match.
        assert!(m("a$\n", "a\n"));
        assert!(m("a$", "a"));
        // Escapes and classes.
        assert!(m(r"[^\.\s]*", "abc"));
        assert!(!m(r"[^\.\s]*", "a.c"));
        assert!(m(r"\u0041\x42", "AB"));
        assert!(m(r"(a)\1", "aa"));
        // Negated shorthands inside a class: `[\s\S]` is any character.
        assert!(m(r"[\s\S]*", "a\nb\u{2028}"));
        assert!(m(r"[\D]", "é"));
        assert!(!m(r"[\W]", "_"));
        assert!(m(r"[\d\s]+", "1 \u{b}2"));
        assert!(!m(r"[\d\s]+", "1\u{a0}2"));
    }

    #[test]
    fn refused_with_their_place() {
        let err = |p: &str| Pattern::java(p).unwrap_err();
        assert_eq!(err("ab[c").offset, 2);
        assert_eq!(err(r"a\p{L}").offset, 1);
        assert_eq!(err("(?i)a").offset, 0);
        assert_eq!(err("a*+").offset, 2);
        assert_eq!(err("[a[b]]").offset, 2);
        assert_eq!(err("[a&&b]").offset, 2);
        assert_eq!(err(r"\u00G1").offset, 0);
        assert_eq!(err("a{2").offset, 1);
        assert_eq!(err("a{,2}").offset, 1);
        assert_eq!(err("a{2}+").offset, 4);
        assert!(m("a{2,}", "aaa"));
        assert!(err("(a").message.contains("not a regular expression"));
    }
}
