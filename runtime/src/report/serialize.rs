//! The JSON contract of `eucdm validate --format json`, as serde
//! serialization (feature `serde`): a [`Report`] is
//! `{"message":…,"valid":…,"errors":[…]}`, then `"undecided":[…]` only when
//! some check was not decided and `"truncated":true` only when errors were
//! dropped — so every other line keeps the contract's exact shape. A
//! [`Violation`] is `{"code":13,"pointer":…,"reason":"C0411","value":null}`,
//! an [`ErrorCode`] its number, a [`Reason`] its text (`C0411`, `CL231`,
//! `status R`).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::{ErrorCode, Reason, Report, RuleId, Violation};

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.number())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = s.serialize_struct("Violation", 4)?;
        v.serialize_field("code", &self.code)?;
        v.serialize_field("pointer", &self.pointer)?;
        v.serialize_field("reason", &self.reason)?;
        v.serialize_field("value", &self.value)?;
        v.end()
    }
}

/// One check that was not decided: where, and which rule asked.
struct Undecided<'a> {
    rule: &'a RuleId,
    pointer: &'a str,
}

impl Serialize for Undecided<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut u = s.serialize_struct("Undecided", 2)?;
        u.serialize_field("pointer", self.pointer)?;
        u.serialize_field("reason", self.rule)?;
        u.end()
    }
}

/// The undecided notes of a report, serialized as a sequence.
struct UndecidedList<'a>(&'a [(RuleId, String)]);

impl Serialize for UndecidedList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.0
                .iter()
                .map(|(rule, pointer)| Undecided { rule, pointer }),
        )
    }
}

/// The date the rules were judged by is not part of the contract: it is
/// the message's own, or `--date`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let undecided = !self.undecided.is_empty();
        let fields = 3 + usize::from(undecided) + usize::from(self.truncated);
        let mut r = s.serialize_struct("Report", fields)?;
        r.serialize_field("message", self.message)?;
        r.serialize_field("valid", &self.is_valid())?;
        r.serialize_field("errors", &self.violations)?;
        if undecided {
            r.serialize_field("undecided", &UndecidedList(&self.undecided))?;
        } else {
            r.skip_field("undecided")?;
        }
        if self.truncated {
            r.serialize_field("truncated", &true)?;
        } else {
            r.skip_field("truncated")?;
        }
        r.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CodeListId, StructureFault};
    use super::*;

    fn report() -> Report {
        Report {
            message: "CC015C",
            violations: vec![
                Violation {
                    code: ErrorCode::Rule,
                    pointer: "/CC015C/a".into(),
                    reason: Reason::Rule(RuleId::new("R0001")),
                    value: Some("x\"\n\u{1}".into()),
                },
                Violation {
                    code: ErrorCode::CodeList,
                    pointer: "/CC015C/b[2]".into(),
                    reason: CodeListId::new("CL231").into(),
                    value: Some("T9".into()),
                },
                Violation {
                    code: ErrorCode::ConditionMissing,
                    pointer: "/CC015C/c".into(),
                    reason: StructureFault::StatusR.into(),
                    value: None,
                },
            ],
            undecided: vec![],
            truncated: false,
            date: "2025-06-02".into(),
        }
    }

    #[test]
    fn a_report_is_the_contract_line_without_the_file() {
        assert_eq!(
            serde_json::to_string(&report()).unwrap(),
            concat!(
                r#"{"message":"CC015C","valid":false,"errors":["#,
                r#"{"code":14,"pointer":"/CC015C/a","reason":"R0001","value":"x\"\n\u0001"},"#,
                r#"{"code":12,"pointer":"/CC015C/b[2]","reason":"CL231","value":"T9"},"#,
                r#"{"code":13,"pointer":"/CC015C/c","reason":"status R","value":null}]}"#
            )
        );
    }

    #[test]
    fn a_cited_reason_is_the_cited_id_alone() {
        let v = Violation {
            code: ErrorCode::Numbered(8623),
            pointer: "/CC315A/GOOITEGDS[1]".into(),
            reason: Reason::Cited {
                rule: RuleId::new("E8623"),
                cites: RuleId::new("C584"),
            },
            value: None,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"code":8623,"pointer":"/CC315A/GOOITEGDS[1]","reason":"C584","value":null}"#
        );
    }

    #[test]
    fn undecided_and_truncated_appear_only_when_set() {
        let mut r = report();
        r.violations.clear();
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"message":"CC015C","valid":true,"errors":[]}"#
        );
        r.undecided = vec![(RuleId::new("R0840"), "/CC015C/Carrier/id".into())];
        r.truncated = true;
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            concat!(
                r#"{"message":"CC015C","valid":true,"errors":[],"#,
                r#""undecided":[{"pointer":"/CC015C/Carrier/id","reason":"R0840"}],"truncated":true}"#
            )
        );
    }
}
