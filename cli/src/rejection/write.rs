//! What the IE056 and IE057 write alike: the `MESSAGE` group, the
//! `FunctionalError`s (the same `FunctionalErrorType04` in both XSDs) and
//! the items.

use eucdm_runtime::report::{ErrorCode, Reason, Violation};
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;

use super::fit::{an, truncated};
use super::time::RejectionTime;
use crate::xml_text::content;

/// The namespace of every NCTS P5 message.
const NCTS_NAMESPACE: &str = "http://ncts.dgtaxud.ec";
/// The error codes `errorCode` takes (CL180, enumerated in the XSDs).
const CL180: [u16; 11] = [12, 13, 14, 15, 26, 50, 51, 52, 90, 92, 93];
/// `errorPointer`, `originalAttributeValue`: `an..512`.
const AN_512: usize = 512;
/// `errorReason`: `an..7`.
const ERROR_REASON_MAX: usize = 7;

pub type Out = Writer<Vec<u8>>;
pub type Written = std::io::Result<()>;

/// The `MESSAGE` group of a rejection, mirrored from the rejected message:
/// the rejection goes back to its sender from its recipient, correlated by
/// its identification (R0008).
pub struct Envelope {
    /// The rejected message's `messageRecipient` (the NTA it was sent to).
    pub sender: String,
    /// The rejected message's `messageSender`.
    pub recipient: String,
    pub identification: String,
    pub correlation: Option<String>,
}

impl Envelope {
    /// The envelope answering `items`; `Err` names the required item missing.
    pub fn read(items: &super::fit::Items<'_>) -> Result<Envelope, &'static str> {
        let required = |name: &'static str| items.an(&[name], 35).ok_or(name);
        let recipient = required("messageSender")?;
        let sender = required("messageRecipient")?;
        Ok(Envelope {
            sender,
            recipient,
            identification: String::new(),
            correlation: items.an(&["messageIdentification"], 35),
        })
    }

    /// The rejection's own `messageIdentification` (`an..35`): `EUCDM` and
    /// 16 hex digits of an FNV-1a digest of what identifies the rejected
    /// message and the movement — stable from run to run, distinct for
    /// distinct messages.
    pub fn identify(&mut self, reference: &str) {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let parts = [
            self.recipient.as_str(),
            self.correlation.as_deref().unwrap_or(""),
            reference,
        ];
        for part in parts {
            for b in part.bytes().chain([0]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        self.identification = format!("EUCDM{hash:016X}");
    }
}

/// The document `root` (`CC056C`), its content written by `inner`.
pub fn document(root: &str, inner: impl FnOnce(&mut Out) -> Written) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            w.create_element(format!("ncts:{root}"))
                .with_attribute(("xmlns:ncts", NCTS_NAMESPACE))
                .write_inner_content(inner)
                .map(drop)
        });
    written.expect("writing to memory does not fail");
    String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
}

/// The `MESSAGE` group of a message of type `message_type`.
pub fn envelope(w: &mut Out, e: &Envelope, message_type: &str, time: &RejectionTime) -> Written {
    item(w, "messageSender", &e.sender)?;
    item(w, "messageRecipient", &e.recipient)?;
    item(w, "preparationDateAndTime", time.as_str())?;
    item(w, "messageIdentification", &e.identification)?;
    item(w, "messageType", message_type)?;
    optional(w, "correlationIdentifier", e.correlation.as_deref())
}

/// One `FunctionalError` per violation, in the report's order.
pub fn functional_errors(w: &mut Out, violations: &[Violation]) -> Written {
    violations.iter().try_for_each(|v| functional_error(w, v))
}

fn functional_error(w: &mut Out, v: &Violation) -> Written {
    w.create_element("FunctionalError")
        .write_inner_content(|w| {
            let pointer = truncated(&v.pointer, AN_512).unwrap_or_else(|| "/".into());
            item(w, "errorPointer", &pointer)?;
            item(w, "errorCode", &error_code(v.code).to_string())?;
            item(w, "errorReason", &error_reason(&v.reason))?;
            let value = v.value.as_deref().and_then(|x| truncated(x, AN_512));
            optional(w, "originalAttributeValue", value.as_deref())
        })?;
    Ok(())
}

/// The error's number in CL180; a number outside it is a rule violation, 14.
fn error_code(code: ErrorCode) -> u16 {
    let n = code.number();
    if CL180.contains(&n) {
        n
    } else {
        ErrorCode::Rule.number()
    }
}

/// G0010: the rule or code list id; `N/A` for a reason that is none (a
/// structure fault) or does not fit `an..7`.
fn error_reason(reason: &Reason) -> String {
    let text = match reason {
        Reason::Rule(id) | Reason::Cited { cites: id, .. } => id.as_str(),
        Reason::CodeList(id) => id.as_str(),
        Reason::Structure(_) => "N/A",
    };
    an(text, ERROR_REASON_MAX).unwrap_or_else(|| "N/A".into())
}

/// A group `name` holding what `inner` writes.
pub fn group(w: &mut Out, name: &str, inner: impl FnOnce(&mut Out) -> Written) -> Written {
    w.create_element(name).write_inner_content(inner)?;
    Ok(())
}

pub fn item(w: &mut Out, name: &str, text: &str) -> Written {
    w.create_element(name).write_text_content(content(text))?;
    Ok(())
}

pub fn optional(w: &mut Out, name: &str, text: Option<&str>) -> Written {
    match text {
        Some(t) => item(w, name, t),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_rule_or_code_list_ids_else_not_applicable() {
        use eucdm_runtime::report::{CodeListId, RuleId, StructureFault};
        assert_eq!(error_reason(&Reason::Rule(RuleId::new("C0411"))), "C0411");
        assert_eq!(
            error_reason(&Reason::CodeList(CodeListId::new("CL231"))),
            "CL231"
        );
        assert_eq!(
            error_reason(&Reason::Structure(StructureFault::StatusR)),
            "N/A"
        );
        assert_eq!(error_reason(&Reason::Rule(RuleId::new("NATIONAL1"))), "N/A");
    }

    #[test]
    fn error_numbers_outside_cl180_are_rule_violations() {
        assert_eq!(error_code(ErrorCode::ConditionMissing), 13);
        assert_eq!(error_code(ErrorCode::Transitional), 50);
        assert_eq!(error_code(ErrorCode::Numbered(8623)), 14);
    }
}
