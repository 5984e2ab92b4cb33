//! Checks that need a registry outside the message.
//!
//! Some rules ask whether a value is known elsewhere: C0250 asks whether an
//! identification number "is a valid identifier in the EU Economic Operator
//! System". The message alone cannot answer that, so the generated validator
//! asks the embedding application through [`ExternalChecks`].
//!
//! The default ([`NoExternalChecks`]) answers [`Verdict::Unknown`]: a statement
//! whose condition depends on an unknown answer is *not evaluated* (neither
//! branch is enforced) and is listed in [`crate::Report::undecided`]. Nothing is
//! guessed, so no valid declaration is rejected for want of a registry.
//!
//! [`Answers`] is a table of answers given in advance (a vendor's export of the
//! EORI numbers it knows valid, the guarantee references the GMS confirmed),
//! read from a small text format; what it does not list stays unknown.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Answer of an external registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The registry knows the value as valid.
    Valid,
    /// The registry knows the value as invalid.
    Invalid,
    /// No answer: the statement is not decided.
    Unknown,
}

/// Implemented by applications that can consult registries (EOS/EORI, the
/// guarantee management system, the customs office list of the day).
///
/// `hook` is the name declared in the rule set (`external eos "..."`), `value`
/// the text of the data item being checked.
pub trait ExternalChecks: Sync {
    /// The registry's answer for `value` asked through the hook `hook`.
    fn check(&self, hook: &str, value: &str) -> Verdict;
}

/// The default: no registry is consulted; every answer is unknown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoExternalChecks;

impl ExternalChecks for NoExternalChecks {
    fn check(&self, _hook: &str, _value: &str) -> Verdict {
        Verdict::Unknown
    }
}

impl<F> ExternalChecks for F
where
    F: Fn(&str, &str) -> Verdict + Sync,
{
    fn check(&self, hook: &str, value: &str) -> Verdict {
        self(hook, value)
    }
}

/// The answers of registries, given in advance: a table of `(hook, value)`
/// pairs known to be valid or invalid. Any pair it does not list is
/// [`Verdict::Unknown`], so a table that knows little never rejects more than
/// no table at all.
///
/// Read from a small text format ([`Answers::parse`], [`Answers::read`]), one
/// answer per line:
///
/// ```text
/// # EORI numbers EOS confirmed on 2025-06-02
/// eos valid DE3948102765000
/// eos invalid DE0000000000001
/// # R0352 asks with two values joined by one space
/// rds_authorisation valid DE/RDS/4410/2024/0007 DE4410287390000
/// ```
///
/// * `<hook> <valid|invalid> <value>`: the hook as the rule set declares it
///   (`external eos "..."`), then the answer, then the value exactly as the
///   rule asks it (the text of the data item, or what the rule builds from it:
///   `concat(...)`, `first 2 characters of ...`). The value is the rest of the
///   line, spaces inside it included; trailing spaces and tabs are not part of it.
/// * Blank lines and lines whose first non-blank character is `#` are ignored.
/// * Values are compared exactly (case and spaces count).
/// * The same pair twice with the same answer is allowed (merged exports);
///   with different answers it is an error naming both lines.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// Where the answers come from (a file name), for error messages.
    origin: String,
    /// Hook → (line of its first answer, value → (valid, line)).
    hooks: HashMap<String, HookAnswers>,
}

#[derive(Debug, Clone, Default)]
struct HookAnswers {
    first_line: usize,
    values: HashMap<String, (bool, usize)>,
}

/// A file of answers that cannot be used: where (`origin:line`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError {
    /// The file (or the name given to [`Answers::parse`]).
    pub origin: String,
    /// 1-based line; 0 when the error is about the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.origin.is_empty() {
            write!(f, "{}", self.message)
        } else if self.line == 0 {
            write!(f, "{}: {}", self.origin, self.message)
        } else {
            write!(f, "{}:{}: {}", self.origin, self.line, self.message)
        }
    }
}

impl std::error::Error for AnswersError {}

fn is_hook_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits off the first word (up to a space or tab); returns it and the rest
/// after the blanks that follow it.
fn word(s: &str) -> (&str, &str) {
    match s.find([' ', '\t']) {
        Some(i) => (&s[..i], s[i..].trim_start_matches([' ', '\t'])),
        None => (s, ""),
    }
}

impl Answers {
    /// An empty table: every answer unknown.
    pub fn new() -> Self {
        Answers::default()
    }

    /// Records that `value` is (`valid = true`) or is not valid in `hook`,
    /// replacing an earlier answer for the same pair.
    pub fn insert(&mut self, hook: &str, value: &str, valid: bool) {
        let h = self.hooks.entry(hook.to_string()).or_default();
        h.values.insert(value.to_string(), (valid, 0));
    }

    /// Reads answers from `text`; `origin` names it in errors (`origin:line: ...`).
    pub fn parse(text: &str, origin: &str) -> Result<Answers, AnswersError> {
        let err = |line: usize, message: String| AnswersError {
            origin: origin.to_string(),
            line,
            message,
        };
        let mut answers = Answers {
            origin: origin.to_string(),
            hooks: HashMap::new(),
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, raw) in text.split('\n').enumerate() {
            let n = i + 1;
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let content = line.trim_start_matches([' ', '\t']);
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let (hook, rest) = word(content);
            if !is_hook_name(hook) {
                return Err(err(
                    n,
                    format!("`{hook}` is not a hook name (letters, digits and `_`, as in `external eos \"...\"`)"),
                ));
            }
            let (verdict, value) = word(rest);
            let valid = match verdict {
                "valid" => true,
                "invalid" => false,
                "" => {
                    return Err(err(
                        n,
                        format!("`{hook}` needs `valid` or `invalid` and a value"),
                    ))
                }
                other => {
                    return Err(err(
                        n,
                        format!("expected `valid` or `invalid` after `{hook}`, found `{other}`"),
                    ))
                }
            };
            let value = value.trim_end_matches([' ', '\t']);
            if value.is_empty() {
                return Err(err(n, format!("`{hook} {verdict}` needs a value")));
            }
            let h = answers
                .hooks
                .entry(hook.to_string())
                .or_insert_with(|| HookAnswers {
                    first_line: n,
                    values: HashMap::new(),
                });
            match h.values.get(value) {
                Some(&(before, at)) if before != valid => {
                    let said = if before { "valid" } else { "invalid" };
                    return Err(err(
                        n,
                        format!(
                            "`{hook}` answers `{value}` {verdict} here but {said} on line {at}"
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    h.values.insert(value.to_string(), (valid, n));
                }
            }
        }
        Ok(answers)
    }

    /// Reads answers from the file at `path` (UTF-8, the format of [`Answers`]).
    pub fn read(path: &Path) -> Result<Answers, AnswersError> {
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| AnswersError {
            origin: origin.clone(),
            line: 0,
            message: format!("cannot read answers: {e}"),
        })?;
        match std::str::from_utf8(&bytes) {
            Ok(text) => Answers::parse(text, &origin),
            Err(e) => Err(AnswersError {
                line: 1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count(),
                origin,
                message: "not UTF-8 text".into(),
            }),
        }
    }

    /// Refuses answers for a hook the rule set does not declare (a misspelt
    /// hook would otherwise be silently never asked), naming the first line
    /// that uses it.
    pub fn check_hooks(&self, declared: &[&str]) -> Result<(), AnswersError> {
        let mut unknown: Vec<(&str, usize)> = self
            .hooks
            .iter()
            .filter(|(h, _)| !declared.contains(&h.as_str()))
            .map(|(h, a)| (h.as_str(), a.first_line))
            .collect();
        unknown.sort_by_key(|&(h, line)| (line, h));
        match unknown.first() {
            None => Ok(()),
            Some(&(hook, line)) => {
                let mut known = declared.to_vec();
                known.sort_unstable();
                let known = if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                };
                Err(AnswersError {
                    origin: self.origin.clone(),
                    line,
                    message: format!(
                        "the rule set has no external check `{hook}` (it declares: {known})"
                    ),
                })
            }
        }
    }

    /// The hooks the table answers for, sorted.
    pub fn hooks(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.hooks.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// Number of (hook, value) answers.
    pub fn len(&self) -> usize {
        self.hooks.values().map(|h| h.values.len()).sum()
    }

    /// Whether no answer is given.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl ExternalChecks for Answers {
    fn check(&self, hook: &str, value: &str) -> Verdict {
        match self.hooks.get(hook).and_then(|h| h.values.get(value)) {
            Some(&(true, _)) => Verdict::Valid,
            Some(&(false, _)) => Verdict::Invalid,
            None => Verdict::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Answers, AnswersError> {
        Answers::parse(text, "answers.txt")
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn answers_what_it_lists_and_nothing_else() {
        let a = parse(
            "# EOS export\n\neos valid DE3948102765000\n  eos invalid DE0000000000001\ntaric valid 84713000\n",
        )
        .unwrap();
        assert_eq!(a.check("eos", "DE3948102765000"), Verdict::Valid);
        assert_eq!(a.check("eos", "DE0000000000001"), Verdict::Invalid);
        assert_eq!(a.check("taric", "84713000"), Verdict::Valid);
        // Unlisted value, unlisted hook, a value of another hook.
        assert_eq!(a.check("eos", "DE1111111111111"), Verdict::Unknown);
        assert_eq!(a.check("seals", "DE3948102765000"), Verdict::Unknown);
        assert_eq!(a.check("taric", "DE3948102765000"), Verdict::Unknown);
        assert_eq!(a.len(), 3);
        assert_eq!(a.hooks(), vec!["eos", "taric"]);
    }

    #[test]
    fn the_value_is_the_rest_of_the_line() {
        let a = parse(
            "rds_authorisation valid DE/RDS/4410/2024/0007 DE4410287390000  \r\n\
             eos\t invalid  X Y\t\n\
             eos valid #not-a-comment\n",
        )
        .unwrap();
        assert_eq!(
            a.check("rds_authorisation", "DE/RDS/4410/2024/0007 DE4410287390000"),
            Verdict::Valid
        );
        assert_eq!(
            a.check("rds_authorisation", "DE/RDS/4410/2024/0007"),
            Verdict::Unknown
        );
        assert_eq!(a.check("eos", "X Y"), Verdict::Invalid);
        assert_eq!(a.check("eos", "#not-a-comment"), Verdict::Valid);
        // Exact comparison: case counts.
        assert_eq!(a.check("eos", "x y"), Verdict::Unknown);
    }

    #[test]
    fn byte_order_mark_and_empty_text() {
        let a = parse("\u{feff}eos valid A\n").unwrap();
        assert_eq!(a.check("eos", "A"), Verdict::Valid);
        let empty = parse("").unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.check("eos", "A"), Verdict::Unknown);
    }

    #[test]
    fn bad_lines_are_refused_with_file_and_line() {
        assert_eq!(
            error("eos valid A\neos maybe B\n"),
            "answers.txt:2: expected `valid` or `invalid` after `eos`, found `maybe`"
        );
        assert_eq!(
            error("\n\neos valid   \n"),
            "answers.txt:3: `eos valid` needs a value"
        );
        assert_eq!(
            error("eos\n"),
            "answers.txt:1: `eos` needs `valid` or `invalid` and a value"
        );
        assert!(
            error("# x\ne-o-s valid A").starts_with("answers.txt:2: `e-o-s` is not a hook name")
        );
        assert!(error("VALID eos A").contains("found `eos`"));
    }

    #[test]
    fn contradictory_answers_are_refused_repeated_ones_merged() {
        assert_eq!(
            error("eos valid A\n# again\neos invalid A\n"),
            "answers.txt:3: `eos` answers `A` invalid here but valid on line 1"
        );
        let a = parse("eos valid A\neos valid A\n").unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a.check("eos", "A"), Verdict::Valid);
    }

    #[test]
    fn hooks_the_rule_set_does_not_declare_are_refused() {
        let a = parse("eos valid A\n\neso valid B\ntaric valid 84713000\n").unwrap();
        assert_eq!(
            a.check_hooks(&["eos", "taric"]).unwrap_err().to_string(),
            "answers.txt:3: the rule set has no external check `eso` (it declares: eos, taric)"
        );
        assert!(a.check_hooks(&["taric", "eso", "eos"]).is_ok());
    }

    #[test]
    fn read_reports_missing_files_and_bad_encoding() {
        let dir = std::env::temp_dir().join(format!("eucdm-answers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("missing.txt");
        let e = Answers::read(&missing).unwrap_err();
        assert_eq!(e.line, 0);
        assert!(e
            .to_string()
            .starts_with(&format!("{}: cannot read answers", missing.display())));
        let latin1 = dir.join("latin1.txt");
        std::fs::write(&latin1, b"eos valid A\neos valid L\xf6rrach\n").unwrap();
        assert_eq!(
            Answers::read(&latin1).unwrap_err().to_string(),
            format!("{}:2: not UTF-8 text", latin1.display())
        );
        let good = dir.join("good.txt");
        std::fs::write(&good, "eos invalid A\n").unwrap();
        assert_eq!(
            Answers::read(&good).unwrap().check("eos", "A"),
            Verdict::Invalid
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn built_in_code() {
        let mut a = Answers::new();
        a.insert("seals", "DE/ACR/4058/2022/0193", true);
        a.insert("seals", "DE/ACR/4058/2022/0193", false);
        assert_eq!(a.check("seals", "DE/ACR/4058/2022/0193"), Verdict::Invalid);
        assert_eq!(a.len(), 1);
        // No file: the error has no origin or line to name.
        assert_eq!(
            a.check_hooks(&["eos"]).unwrap_err().to_string(),
            "the rule set has no external check `seals` (it declares: eos)"
        );
    }
}
