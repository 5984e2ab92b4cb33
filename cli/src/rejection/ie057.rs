//! The IE057 (CC057C, "REJECTION FROM OFFICE OF DESTINATION", `cc057c.xsd`)
//! for an invalid arrival notification (CC007C) or unloading remarks
//! (CC044C).
//!
//! How it is filled, beyond what every rejection shares (the `MESSAGE`
//! group mirrored as in the IE056, R0008; functional errors as in the
//! IE056, the same `FunctionalErrorType04`); each reading is pinned by a test:
//!
//! - `TransitOperation/MRN` (R in the CC057C) is the rejected message's MRN:
//!   both messages name the movement by it (R in the CC007C and CC044C), and
//!   the office of destination has no LRN. A message whose MRN its XSD type
//!   refuses gets no IE057: the CC057C cannot name its movement.
//! - `businessRejectionType` (CL570 "BusinessRejectionTypeDesExt", not in
//!   `../shared`; the XSD says `.{3}`): the rejected message's type number,
//!   `007` or `044`, as CL560 does for the IE056.
//! - `rejectionCode` (CL227 "RejectionCodeDestinationExit", not in
//!   `../shared`; the XSD says `[0-9]{1,2}`): `12`, read as in CL226 —
//!   "Message with functional error(s) - Violation of Rules & Conditions",
//!   the code a rejection carrying `FunctionalError`s has; so no
//!   `rejectionReason` (C0492: required only for code 4).
//! - `CustomsOfficeOfDestinationActual/referenceNumber` and
//!   `TraderAtDestination/identificationNumber` (both R) are copied from
//!   the rejected message, which has both as R (G0042: they are reported
//!   back as declared); missing or malformed there, no IE057 is written.

use eucdm_runtime::report::Violation;
use eucdm_runtime::Document;

use super::fit::Items;
use super::time::RejectionTime;
use super::write::{self, group, item, Envelope, Out, Written};
use super::BusinessRejectionType;

/// CL227, read as CL226: "Message with functional error(s) - Violation of
/// Rules & Conditions".
const FUNCTIONAL_ERRORS: &str = "12";

/// Everything of the IE057 but its functional errors.
struct Header {
    envelope: Envelope,
    mrn: String,
    office: String,
    trader: String,
}

impl Header {
    fn read(items: &Items<'_>) -> Result<Header, &'static str> {
        let mut envelope = Envelope::read(items)?;
        let mrn = items
            .an(&["TransitOperation", "MRN"], 18)
            .ok_or("TransitOperation/MRN")?;
        let office = items
            .an(&["CustomsOfficeOfDestinationActual", "referenceNumber"], 8)
            .ok_or("CustomsOfficeOfDestinationActual/referenceNumber")?;
        let trader = items
            .an(&["TraderAtDestination", "identificationNumber"], 17)
            .ok_or("TraderAtDestination/identificationNumber")?;
        envelope.identify(&mrn);
        Ok(Header {
            envelope,
            mrn,
            office,
            trader,
        })
    }
}

/// The IE057 rejecting `doc` for `violations`; `Err` names the item it
/// requires that `doc` lacks.
pub fn rejection(
    doc: &Document,
    violations: &[Violation],
    business: BusinessRejectionType,
    time: &RejectionTime,
) -> Result<String, &'static str> {
    let header = Header::read(&Items(doc))?;
    Ok(write::document("CC057C", |w| {
        write::envelope(w, &header.envelope, "CC057C", time)?;
        write_transit_operation(w, &header.mrn, business, time)?;
        group(w, "CustomsOfficeOfDestinationActual", |w| {
            item(w, "referenceNumber", &header.office)
        })?;
        group(w, "TraderAtDestination", |w| {
            item(w, "identificationNumber", &header.trader)
        })?;
        write::functional_errors(w, violations)
    }))
}

fn write_transit_operation(
    w: &mut Out,
    mrn: &str,
    business: BusinessRejectionType,
    time: &RejectionTime,
) -> Written {
    group(w, "TransitOperation", |w| {
        item(w, "MRN", mrn)?;
        item(w, "businessRejectionType", business.0)?;
        item(w, "rejectionDateAndTime", time.as_str())?;
        item(w, "rejectionCode", FUNCTIONAL_ERRORS)
    })
}
