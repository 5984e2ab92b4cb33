//! The IE056 (CC056C, "REJECTION FROM OFFICE OF DEPARTURE", `cc056c.xsd`)
//! for an invalid CC015C, CC013C, CC014C or CC170C.
//!
//! How it is filled, beyond what every rejection shares (see the parent
//! module; each reading is pinned by a test):
//!
//! - the header mirrors the rejected message: `messageSender` is its
//!   `messageRecipient` (the NTA it was sent to), `messageRecipient` its
//!   `messageSender`, `correlationIdentifier` its `messageIdentification`
//!   (R0008: "the Message identification of the request/rejected message");
//!   `preparationDateAndTime` and `rejectionDateAndTime` the rejection time;
//!   `messageIdentification` a digest of the rejected message's sender,
//!   identification and reference (deterministic: the same run gives the
//!   same file). No `PhaseID`: it is optional and the readers do not keep
//!   the rejected message's.
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

use eucdm_runtime::report::Violation;
use eucdm_runtime::Document;

use super::fit::Items;
use super::time::RejectionTime;
use super::write::{self, group, item, optional, Envelope, Out, Written};
use super::BusinessRejectionType;

/// CL226 "Message with functional error(s) - Violation of Rules & Conditions".
const FUNCTIONAL_ERRORS: &str = "12";

/// The IE056 rejecting `doc` for `violations`; `Err` names the item it
/// requires that `doc` lacks.
pub fn rejection(
    doc: &Document,
    movement: Option<&[Document]>,
    violations: &[Violation],
    business: BusinessRejectionType,
    time: &RejectionTime,
) -> Result<String, &'static str> {
    let header = Header::read(&Items(doc), movement)?;
    Ok(write::document("CC056C", |w| {
        write::envelope(w, &header.envelope, "CC056C", time)?;
        write_transit_operation(w, &header.reference, business, time)?;
        group(w, "CustomsOfficeOfDeparture", |w| {
            item(w, "referenceNumber", &header.office)
        })?;
        write_holder(w, &header.holder)?;
        if let Some(r) = &header.representative {
            write_representative(w, r)?;
        }
        write::functional_errors(w, violations)
    }))
}

/// How the IE056 names the movement (C0467).
enum Reference {
    Mrn(String),
    Lrn(String),
    /// Neither is known well-formed: both are left out (both are `D` in the CC056C).
    None,
}

impl Reference {
    fn as_str(&self) -> &str {
        match self {
            Reference::Mrn(r) | Reference::Lrn(r) => r,
            Reference::None => "",
        }
    }
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
    envelope: Envelope,
    reference: Reference,
    office: String,
    holder: Holder,
    representative: Option<Representative>,
}

impl Header {
    fn read(items: &Items<'_>, movement: Option<&[Document]>) -> Result<Header, &'static str> {
        let mut envelope = Envelope::read(items)?;
        let office = items
            .an(&["CustomsOfficeOfDeparture", "referenceNumber"], 8)
            .ok_or("CustomsOfficeOfDeparture/referenceNumber")?;
        let reference = reference(items, movement);
        envelope.identify(reference.as_str());
        Ok(Header {
            envelope,
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

fn write_transit_operation(
    w: &mut Out,
    reference: &Reference,
    business: BusinessRejectionType,
    time: &RejectionTime,
) -> Written {
    group(w, "TransitOperation", |w| {
        match reference {
            Reference::Lrn(lrn) => item(w, "LRN", lrn)?,
            Reference::Mrn(mrn) => item(w, "MRN", mrn)?,
            Reference::None => {}
        }
        item(w, "businessRejectionType", business.0)?;
        item(w, "rejectionDateAndTime", time.as_str())?;
        item(w, "rejectionCode", FUNCTIONAL_ERRORS)
    })
}

fn write_holder(w: &mut Out, h: &Holder) -> Written {
    group(w, "HolderOfTheTransitProcedure", |w| {
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
    })
}

fn write_address(w: &mut Out, a: &Address) -> Written {
    group(w, "Address", |w| {
        item(w, "streetAndNumber", &a.street_and_number)?;
        optional(w, "postcode", a.postcode.as_deref())?;
        item(w, "city", &a.city)?;
        item(w, "country", &a.country)
    })
}

fn write_representative(w: &mut Out, r: &Representative) -> Written {
    group(w, "Representative", |w| {
        item(w, "identificationNumber", &r.identification)?;
        item(w, "status", &r.status)
    })
}
