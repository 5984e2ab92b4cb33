//! The lines of `eucdm validate --format json`, serialized by serde_json
//! from a [`Report`] (feature `serde`): the file's name, then the report's
//! fields — `{"file":…,"message":…,"valid":…,"errors":[…]}` — or, for a file
//! that could not be validated, `{"file":…,"error":…}`. Here, not in the CLI,
//! so that every front end (the CLI, the Python package) writes the same bytes.

use std::io;

use serde::Serialize;

use super::Report;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// The line of a validated message.
#[derive(Serialize)]
pub struct ReportLine<'a> {
    /// The file's name as given (`"file"`, the line's first member).
    pub file: &'a str,
    /// The report, its fields flattened into the line.
    #[serde(flatten)]
    pub report: &'a Report,
}

/// The line of a file that could not be validated, and why.
#[derive(Serialize)]
pub struct ErrorLine<'a> {
    /// The file's name as given.
    pub file: &'a str,
    /// Why it has no report, the text the CLI prints.
    pub error: &'a str,
}

/// `line` as one line of compact JSON (no newline).
pub fn line(line: &impl Serialize) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ContractEscapes);
    line.serialize(&mut ser)
        .expect("a line is strings, numbers and booleans");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's compact form with the contract's escapes: backspace and
/// form feed as `\u0008` and `\u000c`, as every other control character
/// (serde_json writes `\b` and `\f`; the lines stay byte-identical to those
/// of earlier releases).
struct ContractEscapes;

impl Formatter for ContractEscapes {
    fn write_char_escape<W>(&mut self, writer: &mut W, escape: CharEscape) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        match escape {
            CharEscape::Backspace => writer.write_all(b"\\u0008"),
            CharEscape::FormFeed => writer.write_all(b"\\u000c"),
            other => CompactFormatter.write_char_escape(writer, other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ErrorCode, Reason, RuleId, Violation};
    use super::*;

    #[test]
    fn control_characters_are_escaped_as_before() {
        let every: String = (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '/', '\u{7f}', 'é'])
            .collect();
        let report = Report {
            message: "CC015C",
            violations: vec![Violation {
                code: ErrorCode::Rule,
                pointer: "/CC015C/a".into(),
                reason: Reason::Rule(RuleId::new("R0001")),
                value: Some(every.clone()),
            }],
            undecided: vec![],
            truncated: false,
            date: String::new(),
        };
        let got = line(&ReportLine {
            file: "d\u{8}.xml",
            report: &report,
        });
        // The escapes of the hand-written writer this replaced:
        // `\"`, `\\`, `\n`, `\r`, `\t`, every other control as `\u00xx`.
        let mut value = String::new();
        for c in every.chars() {
            match c {
                '"' => value.push_str("\\\""),
                '\\' => value.push_str("\\\\"),
                '\n' => value.push_str("\\n"),
                '\r' => value.push_str("\\r"),
                '\t' => value.push_str("\\t"),
                c if (c as u32) < 0x20 => value.push_str(&format!("\\u{:04x}", c as u32)),
                c => value.push(c),
            }
        }
        assert_eq!(
            got,
            format!(
                r#"{{"file":"d\u0008.xml","message":"CC015C","valid":false,"errors":[{{"code":14,"pointer":"/CC015C/a","reason":"R0001","value":"{value}"}}]}}"#
            )
        );
        assert_eq!(
            line(&ErrorLine {
                file: "x\u{c}",
                error: "cannot read"
            }),
            r#"{"file":"x\u000c","error":"cannot read"}"#
        );
    }
}
