//! `eucdm validate --format ie056`: the rejection NCTS sends for an invalid
//! message of the office of departure, a CC056C ("REJECTION FROM OFFICE OF
//! DEPARTURE", `cc056c.xsd` of NCTS P5), valid against its XSD.
//!
//! How the message is filled, and from what (no official IE056 with real
//! values is in the specification; each reading is pinned by a test):
//!
//! - the header mirrors the rejected message: `messageSender` is its
//!   `messageRecipient` (the NTA it was sent to), `messageRecipient` its
//!   `messageSender`, `correlationIdentifier` its `messageIdentification`
//!   (R0008: "the Message identification of the request/rejected message");
//!   `preparationDateAndTime` and `rejectionDateAndTime` the rejection time;
//!   `messageIdentification` a digest of the rejected message's sender,
//!   identification and reference and of the rejection time (deterministic:
//!   the same run gives the same file). No `PhaseID`: it is optional and the
//!   readers do not keep the rejected message's.
//! - `TransitOperation` names the movement as C0467 says: the MRN once a
//!   CC028C accepted the declaration, else the LRN. With `--movement` the
//!   CC028C decides; without, the MRN the message names (NCTS found its
//!   movement by it), else its LRN.
//! - `businessRejectionType` (CL560) is the rejected message's type number:
//!   `015`, `013`, `014`, `170`. `rejectionCode` (CL226) is `12`, "Message
//!   with functional error(s) - Violation of Rules & Conditions"; so no
//!   `rejectionReason` (C0492 requires one only for code 4).
//! - `CustomsOfficeOfDeparture`, `HolderOfTheTransitProcedure` (G0868: "exactly
//!   the same as in the preceding message") and `Representative` (G0860) are
//!   copied from the rejected message, the items the CC056C has (not the
//!   contact persons).
//! - One `FunctionalError` per violation, in document order, at most 9,999
//!   (the report's cap): `errorPointer` the report's pointer (the XPath form
//!   of G0009, `/CC015C/Consignment/HouseConsignment[1]/...`), `errorCode`,
//!   `errorReason` the rule or code list id (G0010), `originalAttributeValue`
//!   the value.
//!
//! What does not fit the CC056C's XSD types is not written as it is:
//! - a header value copied from the rejected message (an office reference,
//!   a holder's name) that its own XSD type refuses, or longer than the
//!   CC056C's, is left out where the CC056C makes it optional; where it is
//!   required (`messageSender`, `messageRecipient`, the office of departure)
//!   no IE056 is written for the message, and the caller says why;
//! - `originalAttributeValue` and `errorPointer` (`an..512`) keep their first
//!   512 characters; an empty value is left out (the type needs one character);
//! - an `errorReason` longer than its `an..7` — a structure fault such as
//!   `format an..22`, which names no rule — is `N/A`, G0010's reason where no
//!   rule number applies;
//! - tabs and line breaks become spaces (the types are `xs:normalizedString`),
//!   and characters XML 1.0 cannot carry (control characters a JSON message
//!   may hold escaped) become U+FFFD;
//! - an error number outside CL180 (a national rule set's own `error N`) is
//!   written as 14, the code of a rule violation.

use std::fmt;

use eucdm_runtime::report::{ErrorCode, Reason, Violation};
use eucdm_runtime::xsd::{normalize, WhiteSpace};
use eucdm_runtime::{Document, Report};
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;

use crate::xml_text::content;

/// The namespace of every NCTS P5 message.
const NCTS_NAMESPACE: &str = "http://ncts.dgtaxud.ec";
/// CL226 "Message with functional error(s) - Violation of Rules & Conditions".
const FUNCTIONAL_ERRORS: &str = "12";
/// The error codes the CC056C's `errorCode` takes (CL180, in `cc056c.xsd`).
const CL180: [u16; 11] = [12, 13, 14, 15, 26, 50, 51, 52, 90, 92, 93];
/// Maximum lengths of the CC056C's items (`an..N`).
const AN_512: usize = 512;
const ERROR_REASON_MAX: usize = 7;

/// What NCTS answers an invalid message with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// An IE056 from the office of departure, of this business rejection type.
    Ie056(BusinessRejectionType),
    /// An IE057 from the office of destination (CC007C, CC044C): not an IE056.
    Ie057,
    /// Not an NCTS message (HMRC's entry summary declarations have their own answers).
    NotNcts,
}

/// CL560 "BusinessRejectionTypeDepExp": the type of the rejected message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessRejectionType(&'static str);

/// The answer NCTS gives an invalid message of type `message` (`CC015C`).
pub fn answer(message: &str) -> Answer {
    match message {
        "CC015C" => Answer::Ie056(BusinessRejectionType("015")),
        "CC013C" => Answer::Ie056(BusinessRejectionType("013")),
        "CC014C" => Answer::Ie056(BusinessRejectionType("014")),
        "CC170C" => Answer::Ie056(BusinessRejectionType("170")),
        "CC007C" | "CC044C" => Answer::Ie057,
        _ => Answer::NotNcts,
    }
}

/// When the rejection was made: `YYYY-MM-DDThh:mm:ss`, the NCTS form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectionTime(String);

impl RejectionTime {
    /// `--now`: a date and time of the calendar, `YYYY-MM-DDThh:mm:ss`.
    pub fn parse(s: &str) -> Result<RejectionTime, String> {
        let b = s.as_bytes();
        let ok = b.len() == 19
            && b[10] == b'T'
            && eucdm_runtime::structure::is_date(&b[..10])
            && eucdm_runtime::structure::is_time(&b[11..]);
        if ok {
            Ok(RejectionTime(s.to_string()))
        } else {
            Err(format!(
                "`{s}` is not a date and time (YYYY-MM-DDThh:mm:ss, e.g. 2025-06-02T10:15:00)"
            ))
        }
    }

    /// The current time in UTC (NCTS writes no zone; UTC is the one every
    /// office can convert from).
    pub fn now() -> RejectionTime {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (y, m, d) = civil_from_days((secs / 86_400) as i64);
        let s = secs % 86_400;
        RejectionTime(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            s / 3600,
            s / 60 % 60,
            s % 60
        ))
    }
}

impl fmt::Display for RejectionTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Gregorian date of a day counted from 1970-01-01 (H. Hinnant's
/// `civil_from_days`, exact for every day of the proleptic calendar).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Why no IE056 can be written for an invalid message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoIe056 {
    /// NCTS answers it with an IE057, or it is not an NCTS message.
    NotAnswered(Answer, &'static str),
    /// An item the CC056C requires is missing or malformed in the message.
    Missing(&'static str),
}

impl fmt::Display for NoIe056 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoIe056::NotAnswered(Answer::Ie057, m) => write!(
                f,
                "no IE056 written: NCTS answers a {m} with an IE057 (rejection from the office of destination)"
            ),
            NoIe056::NotAnswered(_, m) => write!(
                f,
                "no IE056 written: a {m} is not an NCTS message of the office of departure"
            ),
            NoIe056::Missing(item) => write!(
                f,
                "no IE056 written: the message has no well-formed {item}, which the IE056 copies and requires"
            ),
        }
    }
}

/// The IE056 rejecting `doc`, invalid as `report` says, at `time`; the
/// messages of its movement sent before it, when known, say whether it
/// has an MRN (C0467).
pub fn rejection(
    doc: &Document,
    movement: Option<&[Document]>,
    report: &Report,
    time: &RejectionTime,
) -> Result<String, NoIe056> {
    let Answer::Ie056(business) = answer(report.message) else {
        return Err(NoIe056::NotAnswered(answer(report.message), report.message));
    };
    let header = Header::read(&Items(doc), movement)?;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_message(&mut w, &header, business, &report.violations, time)
        .expect("writing to memory does not fail");
    Ok(String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8"))
}

/// The data items of a message by path, as the IE056 copies them: a value
/// its own XSD type refuses is not there (NCTS would not have read it).
struct Items<'d>(&'d Document);

impl<'d> Items<'d> {
    fn get(&self, path: &[&str]) -> Option<&'d str> {
        let doc = self.0;
        let schema = doc.schema();
        let (mut node, mut id) = (doc.root(), 0);
        for name in path {
            id = schema.child_named(id, name.as_bytes())?;
            node = doc.child(node, id)?;
        }
        let text = doc.text(node);
        let xsd_ok = schema
            .node(id)
            .xsd
            .is_none_or(|t| t.matches_normalized(text));
        xsd_ok.then_some(text)
    }

    /// `path` as an `an..max` item of the IE056 (see [`an`]).
    fn an(&self, path: &[&str], max: usize) -> Option<String> {
        self.get(path).and_then(|v| an(v, max))
    }
}

/// How the IE056 names the movement (C0467).
enum Reference {
    Mrn(String),
    Lrn(String),
    /// Neither is known well-formed: both are left out (both are `D` in the CC056C).
    None,
}

/// The holder of the transit procedure as the CC056C has it.
#[derive(Default)]
struct Holder {
    identification: Option<String>,
    tir_identification: Option<String>,
    name: Option<String>,
    address: Option<Address>,
}

struct Address {
    street_and_number: String,
    postcode: Option<String>,
    city: String,
    country: String,
}

struct Representative {
    identification: String,
    status: String,
}

/// Everything of the IE056 but its functional errors.
struct Header {
    sender: String,
    recipient: String,
    identification: String,
    correlation: Option<String>,
    reference: Reference,
    office: String,
    holder: Holder,
    representative: Option<Representative>,
}

impl Header {
    fn read(items: &Items<'_>, movement: Option<&[Document]>) -> Result<Header, NoIe056> {
        let required = |path: &[&str], what| items.an(path, 35).ok_or(NoIe056::Missing(what));
        let recipient = required(&["messageSender"], "messageSender")?;
        let sender = required(&["messageRecipient"], "messageRecipient")?;
        let office = items
            .an(&["CustomsOfficeOfDeparture", "referenceNumber"], 8)
            .ok_or(NoIe056::Missing("CustomsOfficeOfDeparture/referenceNumber"))?;
        let correlation = items.an(&["messageIdentification"], 35);
        let reference = reference(items, movement);
        Ok(Header {
            identification: identification(&recipient, correlation.as_deref(), &reference),
            sender,
            recipient,
            correlation,
            reference,
            office,
            holder: holder(items),
            representative: representative(items),
        })
    }
}

/// C0467: the MRN once the declaration was accepted (a CC028C), else the LRN.
fn reference(items: &Items<'_>, movement: Option<&[Document]>) -> Reference {
    let own = |name| items.an(&["TransitOperation", name], 22);
    let lrn = || own("LRN").map_or(Reference::None, Reference::Lrn);
    match movement {
        Some(before) => match accepted_mrn(before) {
            Some(mrn) => Reference::Mrn(mrn),
            None => lrn(),
        },
        None => match own("MRN") {
            Some(mrn) => Reference::Mrn(mrn),
            None => lrn(),
        },
    }
}

/// The MRN the last CC028C of a movement allocated, if it accepted the declaration.
fn accepted_mrn(before: &[Document]) -> Option<String> {
    let cc028c = before.iter().rev().find(|d| d.schema().id == "CC028C")?;
    let items = Items(cc028c);
    items.get(&["TransitOperation", "declarationAcceptanceDate"])?;
    items.an(&["TransitOperation", "MRN"], 18)
}

fn holder(items: &Items<'_>) -> Holder {
    const H: &str = "HolderOfTheTransitProcedure";
    Holder {
        identification: items.an(&[H, "identificationNumber"], 17),
        tir_identification: items.an(&[H, "TIRHolderIdentificationNumber"], 17),
        name: items.an(&[H, "name"], 70),
        address: address(items, H),
    }
}

/// The address of `party`, when its required items are all there.
fn address(items: &Items<'_>, party: &str) -> Option<Address> {
    let item = |name, max| items.an(&[party, "Address", name], max);
    Some(Address {
        street_and_number: item("streetAndNumber", 70)?,
        postcode: item("postcode", 17),
        city: item("city", 35)?,
        country: item("country", 2)?,
    })
}

fn representative(items: &Items<'_>) -> Option<Representative> {
    Some(Representative {
        identification: items.an(&["Representative", "identificationNumber"], 17)?,
        status: items.an(&["Representative", "status"], 1)?,
    })
}

/// The IE056's own `messageIdentification` (`an..35`): `EUCDM` and 16 hex
/// digits of an FNV-1a digest of what identifies the rejected message and the
/// rejection — stable from run to run, distinct for distinct messages.
fn identification(sender: &str, identification: Option<&str>, reference: &Reference) -> String {
    let reference = match reference {
        Reference::Mrn(r) | Reference::Lrn(r) => r.as_str(),
        Reference::None => "",
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [sender, identification.unwrap_or(""), reference] {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("EUCDM{hash:016X}")
}

/// `value` as an item of an `an..max` type of the CC056C (an
/// `xs:normalizedString` of 1 to `max` characters), when it fits.
fn an(value: &str, max: usize) -> Option<String> {
    let v = xml_text(value);
    let n = v.chars().count();
    (n >= 1 && n <= max).then_some(v)
}

/// `value` cut to its first `max` characters, for an `an..max` item that
/// must carry what it can (`originalAttributeValue`); none when empty.
fn truncated(value: &str, max: usize) -> Option<String> {
    let v: String = xml_text(value).chars().take(max).collect();
    (!v.is_empty()).then_some(v)
}

/// Text an `xs:normalizedString` of XML 1.0 can carry: tabs and line breaks
/// as spaces (its `whiteSpace="replace"`), other characters XML does not
/// allow as U+FFFD.
fn xml_text(value: &str) -> String {
    crate::xml_text::carried(&normalize(WhiteSpace::Replace, value)).into_owned()
}

type Out = Writer<Vec<u8>>;
type Written = std::io::Result<()>;

fn write_message(
    w: &mut Out,
    header: &Header,
    business: BusinessRejectionType,
    violations: &[Violation],
    time: &RejectionTime,
) -> Written {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("ncts:CC056C")
        .with_attribute(("xmlns:ncts", NCTS_NAMESPACE))
        .write_inner_content(|w| {
            write_envelope(w, header, time)?;
            write_transit_operation(w, &header.reference, business, time)?;
            w.create_element("CustomsOfficeOfDeparture")
                .write_inner_content(|w| item(w, "referenceNumber", &header.office))?;
            write_holder(w, &header.holder)?;
            if let Some(r) = &header.representative {
                write_representative(w, r)?;
            }
            violations.iter().try_for_each(|v| write_error(w, v))
        })?;
    Ok(())
}

/// The `MESSAGE` group: sender, recipient, times and identifications.
fn write_envelope(w: &mut Out, h: &Header, time: &RejectionTime) -> Written {
    item(w, "messageSender", &h.sender)?;
    item(w, "messageRecipient", &h.recipient)?;
    item(w, "preparationDateAndTime", &time.0)?;
    item(w, "messageIdentification", &h.identification)?;
    item(w, "messageType", "CC056C")?;
    optional(w, "correlationIdentifier", h.correlation.as_deref())
}

fn write_transit_operation(
    w: &mut Out,
    reference: &Reference,
    business: BusinessRejectionType,
    time: &RejectionTime,
) -> Written {
    w.create_element("TransitOperation")
        .write_inner_content(|w| {
            match reference {
                Reference::Lrn(lrn) => item(w, "LRN", lrn)?,
                Reference::Mrn(mrn) => item(w, "MRN", mrn)?,
                Reference::None => {}
            }
            item(w, "businessRejectionType", business.0)?;
            item(w, "rejectionDateAndTime", &time.0)?;
            item(w, "rejectionCode", FUNCTIONAL_ERRORS)
        })?;
    Ok(())
}

fn write_holder(w: &mut Out, h: &Holder) -> Written {
    w.create_element("HolderOfTheTransitProcedure")
        .write_inner_content(|w| {
            optional(w, "identificationNumber", h.identification.as_deref())?;
            optional(
                w,
                "TIRHolderIdentificationNumber",
                h.tir_identification.as_deref(),
            )?;
            optional(w, "name", h.name.as_deref())?;
            match &h.address {
                Some(a) => write_address(w, a),
                None => Ok(()),
            }
        })?;
    Ok(())
}

fn write_address(w: &mut Out, a: &Address) -> Written {
    w.create_element("Address").write_inner_content(|w| {
        item(w, "streetAndNumber", &a.street_and_number)?;
        optional(w, "postcode", a.postcode.as_deref())?;
        item(w, "city", &a.city)?;
        item(w, "country", &a.country)
    })?;
    Ok(())
}

fn write_representative(w: &mut Out, r: &Representative) -> Written {
    w.create_element("Representative")
        .write_inner_content(|w| {
            item(w, "identificationNumber", &r.identification)?;
            item(w, "status", &r.status)
        })?;
    Ok(())
}

/// One `FunctionalError`.
fn write_error(w: &mut Out, v: &Violation) -> Written {
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

fn item(w: &mut Out, name: &str, text: &str) -> Written {
    w.create_element(name).write_text_content(content(text))?;
    Ok(())
}

fn optional(w: &mut Out, name: &str, text: Option<&str>) -> Written {
    match text {
        Some(t) => item(w, name, t),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejection_time_is_a_date_and_time_of_the_calendar() {
        assert!(RejectionTime::parse("2025-06-02T10:15:00").is_ok());
        for bad in [
            "2025-06-02",
            "2025-06-31T10:15:00",
            "2025-06-02T24:00:00",
            "2025-06-02 10:15:00",
            "2025-06-02T10:15:00Z",
        ] {
            assert!(RejectionTime::parse(bad).is_err(), "{bad}");
        }
        assert!(RejectionTime::parse(&RejectionTime::now().0).is_ok());
    }

    #[test]
    fn days_since_1970_are_gregorian_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_241), (2025, 6, 2));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn values_are_fitted_to_the_types_of_the_ie056() {
        assert_eq!(an("Muster GmbH", 70).as_deref(), Some("Muster GmbH"));
        assert_eq!(an("", 70), None);
        assert_eq!(an(&"x".repeat(71), 70), None);
        assert_eq!(an("a\tb\nc", 70).as_deref(), Some("a b c"));
        assert_eq!(an("bell\u{7}", 70).as_deref(), Some("bell\u{FFFD}"));
        // Characters, not bytes: 512 `é` fit, the 513th is cut.
        let long = "é".repeat(513);
        assert_eq!(truncated(&long, 512).unwrap().chars().count(), 512);
        assert_eq!(truncated("", 512), None);
    }

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

    #[test]
    fn trader_messages_of_the_departure_are_answered_with_an_ie056() {
        assert_eq!(
            answer("CC015C"),
            Answer::Ie056(BusinessRejectionType("015"))
        );
        assert_eq!(
            answer("CC170C"),
            Answer::Ie056(BusinessRejectionType("170"))
        );
        assert_eq!(answer("CC044C"), Answer::Ie057);
        assert_eq!(answer("CC315A"), Answer::NotNcts);
    }
}
