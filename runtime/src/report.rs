//! What a validation returns: the functional errors NCTS would put in an IE056.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

#[cfg(feature = "serde")]
pub mod line;
#[cfg(feature = "serde")]
mod serialize;

use crate::format::{Class, Format};
use crate::schema::ValueFormat;

/// Functional error codes: NCTS's (see the NCTS error code list), or the
/// numbers a rule set gives its rules (`error 8623`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorCode {
    /// 12: a value is not in its code list.
    CodeList,
    /// 13: a condition requires a data group or item that is missing.
    ConditionMissing,
    /// 14: a rule is violated by a value.
    Rule,
    /// 15: a condition forbids a data group or item that is present.
    ConditionNotAllowed,
    /// 50: a transitional constraint is violated.
    Transitional,
    /// A rule set's own error number for a rule (`error 8623` in its header):
    /// HMRC's entry summary declarations number every check.
    Numbered(u16),
}

impl ErrorCode {
    /// The number NCTS sends as `errorCode` (12, 13, 14, 15, 50, or the rule set's own).
    pub fn number(self) -> u16 {
        match self {
            ErrorCode::CodeList => 12,
            ErrorCode::ConditionMissing => 13,
            ErrorCode::Rule => 14,
            ErrorCode::ConditionNotAllowed => 15,
            ErrorCode::Transitional => 50,
            ErrorCode::Numbered(n) => n,
        }
    }
}

/// The id of a rule as reports name it (`C0029`, `R0001`, `B1234`).
///
/// Generated code has every id as a literal ([`RuleId::new`], a `const fn`:
/// no allocation where a rule reports); the interpreter owns the ids of the
/// rule directory it read ([`RuleId::owned`]), so nothing is leaked to get a
/// `'static` lifetime.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(Cow<'static, str>);

impl RuleId {
    /// An id written in the generated code (no allocation).
    pub const fn new(id: &'static str) -> RuleId {
        RuleId(Cow::Borrowed(id))
    }

    /// An id owned, as the interpreter has them.
    pub fn owned(id: String) -> RuleId {
        RuleId(Cow::Owned(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id of a code list (`CL231`), the reason of an error 12.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeListId(Cow<'static, str>);

impl CodeListId {
    /// An id written in the generated code (no allocation).
    pub const fn new(id: &'static str) -> CodeListId {
        CodeListId(Cow::Borrowed(id))
    }

    /// An id owned, as the interpreter has them.
    pub fn owned(id: String) -> CodeListId {
        CodeListId(Cow::Owned(id))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A breach of the message structure of the message table, found before any
/// rule (see [`crate::structure`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StructureFault {
    /// A data group or item of status `R` is missing (`status R`, code 13).
    StatusR,
    /// A repetition past the maximum number of occurrences (`max 99`, code 15).
    Max(u32),
    /// A data item's text breaks its format (`format an..22`, `format date`,
    /// `format date-time`; code 14).
    Format(ValueFormat),
}

impl StructureFault {
    /// What the fault is, for people (the title column of `eucdm validate`).
    pub fn title(self) -> &'static str {
        match self {
            StructureFault::StatusR => "required data group or item is missing",
            StructureFault::Max(_) => "more repetitions than the message structure allows",
            StructureFault::Format(_) => "value does not have the format of the data item",
        }
    }
}

/// Why a violation is reported: the rule, the code list or the part of the
/// message structure it breaks. Typed until the output edge, where its one
/// [`Display`](fmt::Display) gives the text of the `reason` field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// A rule (codes 13, 14, 15, 50): `C0029`.
    Rule(RuleId),
    /// A rule whose error cites another id (`rule E8623 ... error 8623 cites
    /// C584`): the reason reads as the cited id, `C584`, as the system whose
    /// answers the rule set gives (HMRC's) names it; `rule` is the rule that
    /// found the violation, whose title is the system's message text.
    Cited {
        /// The rule that found the violation (`E8623`).
        rule: RuleId,
        /// The id its error cites (`C584`), the `reason` field's text.
        cites: RuleId,
    },
    /// A code list (code 12): `CL231`.
    CodeList(CodeListId),
    /// The message structure: `status R`, `max 99`, `format an..22`.
    Structure(StructureFault),
}

impl Reason {
    /// The rule that found the violation, when a rule did: its own id
    /// (`E8623`), also when the reason reads as the id it cites.
    pub fn rule(&self) -> Option<&RuleId> {
        match self {
            Reason::Rule(id) | Reason::Cited { rule: id, .. } => Some(id),
            _ => None,
        }
    }
}

impl From<RuleId> for Reason {
    fn from(id: RuleId) -> Reason {
        Reason::Rule(id)
    }
}

impl From<CodeListId> for Reason {
    fn from(id: CodeListId) -> Reason {
        Reason::CodeList(id)
    }
}

impl From<StructureFault> for Reason {
    fn from(f: StructureFault) -> Reason {
        Reason::Structure(f)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for CodeListId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The EUCDM notation of a format: `an..35`, `a2`, `n..16,6`. (`an..1`, one
/// character like `an1`, is written `an1`; the message tables have neither.)
impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.class {
            Class::Alpha => "a",
            Class::AlphaNum => "an",
            Class::Numeric => "n",
        })?;
        if self.min != self.max {
            f.write_str("..")?;
        }
        write!(f, "{}", self.max)?;
        if self.fraction > 0 {
            write!(f, ",{}", self.fraction)?;
        }
        Ok(())
    }
}

impl fmt::Display for StructureFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StructureFault::StatusR => f.write_str("status R"),
            StructureFault::Max(max) => write!(f, "max {max}"),
            StructureFault::Format(ValueFormat::Text(format)) => write!(f, "format {format}"),
            StructureFault::Format(ValueFormat::Date) => f.write_str("format date"),
            StructureFault::Format(ValueFormat::DateTime) => f.write_str("format date-time"),
            // Never reported: a data group has no text to break a format.
            StructureFault::Format(ValueFormat::None) => f.write_str("format"),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Rule(id) => id.fmt(f),
            Reason::Cited { cites, .. } => cites.fmt(f),
            Reason::CodeList(id) => id.fmt(f),
            Reason::Structure(fault) => fault.fmt(f),
        }
    }
}

/// One functional error: code, pointer, reason (rule id or code list id), value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The error code (12, 13, 14, 15, 50, or a rule set's own number).
    pub code: ErrorCode,
    /// Path from the root with `[n]` on repeatable elements.
    pub pointer: String,
    /// The rule (`C0029`), for code 12 the code list (`CL231`), or the part
    /// of the message structure (`status R`, `max 9`, `format an..35`).
    pub reason: Reason,
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
    pub undecided: Vec<(RuleId, String)>,
    /// More violations (or undecided notes) were found than
    /// [`MAX_FUNCTIONAL_ERRORS`]: the lists hold the first ones in document order.
    pub truncated: bool,
    /// The date (`YYYY-MM-DD`) the rules were judged by: the one given in
    /// [`crate::Options::date`], else the message's preparation date; empty
    /// when the message has none (every rule then applies, whatever its period).
    pub date: String,
}

impl Report {
    /// Whether no violation was found (undecided statements do not count).
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
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
    fn every_kind_of_reason_reads_as_before() {
        let format = |s| StructureFault::Format(ValueFormat::Text(Format::parse(s).unwrap()));
        let cases: [(Reason, &str); 12] = [
            (RuleId::new("C0029").into(), "C0029"),
            (
                Reason::Cited {
                    rule: RuleId::new("E8623"),
                    cites: RuleId::new("C584"),
                },
                "C584",
            ),
            (RuleId::owned("R0001".into()).into(), "R0001"),
            (CodeListId::new("CL231").into(), "CL231"),
            (StructureFault::StatusR.into(), "status R"),
            (StructureFault::Max(99).into(), "max 99"),
            (format("an..22").into(), "format an..22"),
            (format("an19").into(), "format an19"),
            (format("n..16,6").into(), "format n..16,6"),
            (format("a2").into(), "format a2"),
            (
                StructureFault::Format(ValueFormat::Date).into(),
                "format date",
            ),
            (
                StructureFault::Format(ValueFormat::DateTime).into(),
                "format date-time",
            ),
        ];
        for (reason, text) in cases {
            assert_eq!(reason.to_string(), text);
        }
    }

    #[test]
    fn a_cited_reason_keeps_the_rule_that_found_it() {
        let cited = Reason::Cited {
            rule: RuleId::new("E8623"),
            cites: RuleId::new("C584"),
        };
        assert_eq!(cited.rule().map(RuleId::as_str), Some("E8623"));
        let own: Reason = RuleId::new("C0029").into();
        assert_eq!(own.rule().map(RuleId::as_str), Some("C0029"));
        assert_eq!(Reason::from(CodeListId::new("CL231")).rule(), None);
    }
}
