//! What a validation returns: the functional errors NCTS would put in an IE056.

use std::fmt::{self, Write as _};

/// NCTS functional error codes (see the NCTS error code list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorCode {
    /// 12: a value is not in its code list.
    CodeList = 12,
    /// 13: a condition requires a data group or item that is missing.
    ConditionMissing = 13,
    /// 14: a rule is violated by a value.
    Rule = 14,
    /// 15: a condition forbids a data group or item that is present.
    ConditionNotAllowed = 15,
    /// 50: a transitional constraint is violated.
    Transitional = 50,
}

impl ErrorCode {
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// One functional error: code, pointer, reason (rule id or code list id), value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub code: ErrorCode,
    /// Path from the root with `[n]` on repeatable elements.
    pub pointer: String,
    /// Rule id (`C0029`) or, for code 12, the code list id (`CL231`).
    pub reason: &'static str,
    /// The offending text, `None` for a missing element or a data group.
    pub value: Option<String>,
}

/// The most functional errors one rejection carries: `FunctionalError` has
/// `maxOccurs="9999"` in the IE056 (`cc056c.xsd`, NCTS P5). A report lists at
/// most this many violations, the first in document order, and says when it
/// found more ([`Report::truncated`]); so does its list of undecided notes.
/// This also bounds the time and memory a hostile message can cost: without
/// it, 10 MB of empty JSON instances made 1.3 GB of output.
pub const MAX_FUNCTIONAL_ERRORS: usize = 9999;

/// The result of validating one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Message type (`CC015C`).
    pub message: &'static str,
    /// Violations in document order.
    pub violations: Vec<Violation>,
    /// Statements that could not be decided (an external registry was not
    /// consulted), as (rule id, pointer). Never counted as violations.
    pub undecided: Vec<(&'static str, String)>,
    /// More violations (or undecided notes) were found than
    /// [`MAX_FUNCTIONAL_ERRORS`]: the lists hold the first ones in document order.
    pub truncated: bool,
    /// The date (`YYYY-MM-DD`) the rules were judged by: the one given in
    /// [`crate::Options::date`], else the message's preparation date; empty
    /// when the message has none (every rule then applies, whatever its period).
    pub date: String,
}

impl Report {
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// The `errors` array of the CLI's JSON contract.
    pub fn errors_json(&self) -> String {
        let mut out = String::from("[");
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"code\":{},\"pointer\":", v.code.number());
            json_string(&mut out, &v.pointer);
            out.push_str(",\"reason\":");
            json_string(&mut out, v.reason);
            out.push_str(",\"value\":");
            match &v.value {
                Some(s) => json_string(&mut out, s),
                None => out.push_str("null"),
            }
            out.push('}');
        }
        out.push(']');
        out
    }
}

impl Report {
    /// The `undecided` array of the CLI's JSON contract: the statements that
    /// could not be decided, as `{"pointer":…,"reason":…}`.
    pub fn undecided_json(&self) -> String {
        let mut out = String::from("[");
        for (i, (reason, pointer)) in self.undecided.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"pointer\":");
            json_string(&mut out, pointer);
            out.push_str(",\"reason\":");
            json_string(&mut out, reason);
            out.push('}');
        }
        out.push(']');
        out
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.pointer, self.code.number(), self.reason)?;
        match &self.value {
            Some(v) => write!(f, " {v:?}"),
            None => write!(f, " (no value)"),
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes() {
        let r = Report {
            message: "CC015C",
            violations: vec![Violation {
                code: ErrorCode::Rule,
                pointer: "/CC015C/a".into(),
                reason: "R0001",
                value: Some("x\"\n\u{1}".into()),
            }],
            undecided: vec![],
            truncated: false,
            date: String::new(),
        };
        assert_eq!(
            r.errors_json(),
            r#"[{"code":14,"pointer":"/CC015C/a","reason":"R0001","value":"x\"\n\u0001"}]"#
        );
    }
}
