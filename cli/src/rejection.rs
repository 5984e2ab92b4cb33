//! The rejection NCTS sends back for an invalid message: an IE056 (CC056C,
//! "rejection from office of departure") for the trader's messages to the
//! office of departure, an IE057 (CC057C, "rejection from office of
//! destination") for those to the office of destination — `eucdm validate
//! --format rejection|ie056|ie057`.
//!
//! Both are filled the same way where they agree (no official rejection with
//! real values is in the specification; each reading is pinned by a test):
//! the `MESSAGE` group mirrored from the rejected message ([`write::Envelope`]),
//! one `FunctionalError` per violation ([`write::functional_errors`]), values
//! fitted to the XSD types ([`fit`]). What differs is in [`ie056`] and [`ie057`].

mod fit;
mod ie056;
mod ie057;
pub mod sink;
mod time;
mod write;

use std::fmt;

use eucdm_runtime::{Document, Report};

pub use time::RejectionTime;

/// The two rejection messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// CC056C, rejection from the office of departure.
    Ie056,
    /// CC057C, rejection from the office of destination.
    Ie057,
}

impl Kind {
    /// `ie056`, as in the file name `decl.ie056.xml`.
    pub fn file_tag(self) -> &'static str {
        match self {
            Kind::Ie056 => "ie056",
            Kind::Ie057 => "ie057",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Ie056 => "IE056",
            Kind::Ie057 => "IE057",
        })
    }
}

/// The type of the rejected message, as a rejection's `businessRejectionType`
/// names it: CL560 for the IE056, CL570 for the IE057.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessRejectionType(&'static str);

/// What NCTS answers an invalid message with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A rejection of this kind, of this business rejection type.
    Rejection(Kind, BusinessRejectionType),
    /// Not an NCTS message (HMRC's entry summary declarations have their own answers).
    NotNcts,
}

/// The answer NCTS gives an invalid message of type `message` (`CC015C`).
///
/// `businessRejectionType` is the rejected message's type number. CL560
/// (IE056) and CL570 (IE057) are not in `../shared`; the XSD says only
/// `.{3}`. Read from their names ("BusinessRejectionTypeDepExp",
/// "BusinessRejectionTypeDesExt") and the type numbers NCTS uses elsewhere:
/// `015`, `013`, `014`, `170` at departure, `007`, `044` at destination.
pub fn answer(message: &str) -> Answer {
    let (kind, number) = match message {
        "CC015C" => (Kind::Ie056, "015"),
        "CC013C" => (Kind::Ie056, "013"),
        "CC014C" => (Kind::Ie056, "014"),
        "CC170C" => (Kind::Ie056, "170"),
        "CC007C" => (Kind::Ie057, "007"),
        "CC044C" => (Kind::Ie057, "044"),
        _ => return Answer::NotNcts,
    };
    Answer::Rejection(kind, BusinessRejectionType(number))
}

/// A rejection written: its kind and its XML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub kind: Kind,
    pub xml: String,
}

/// Why no rejection is written for an invalid message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoRejection {
    /// NCTS answers it with the other kind than the format writes.
    OtherKind {
        wanted: Kind,
        answered: Kind,
        message: &'static str,
    },
    /// Not an NCTS message NCTS answers with a rejection.
    NotNcts {
        wanted: Wanted,
        message: &'static str,
    },
    /// An item the rejection requires is missing or malformed in the message.
    Missing { kind: Kind, item: &'static str },
}

impl fmt::Display for NoRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoRejection::OtherKind {
                wanted,
                answered,
                message,
            } => write!(
                f,
                "no {wanted} written: NCTS answers a {message} with an {answered} (rejection from the {}; --format rejection writes either)",
                office(*answered)
            ),
            NoRejection::NotNcts {
                wanted: Wanted::Only(kind),
                message,
            } => write!(
                f,
                "no {kind} written: a {message} is not an NCTS message of the {}",
                office(*kind)
            ),
            NoRejection::NotNcts {
                wanted: Wanted::Either,
                message,
            } => write!(
                f,
                "no rejection written: a {message} is not an NCTS message NCTS answers with an IE056 or IE057"
            ),
            NoRejection::Missing { kind, item } => write!(
                f,
                "no {kind} written: the message has no well-formed {item}, which the {kind} copies and requires"
            ),
        }
    }
}

/// The office that sends a rejection of `kind`.
fn office(kind: Kind) -> &'static str {
    match kind {
        Kind::Ie056 => "office of departure",
        Kind::Ie057 => "office of destination",
    }
}

/// Which rejections a run writes: `--format ie056`, `ie057` or `rejection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Only(Kind),
    Either,
}

impl Wanted {
    /// The kinds a run writes (and whose stale files it removes).
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Wanted::Only(Kind::Ie056) => &[Kind::Ie056],
            Wanted::Only(Kind::Ie057) => &[Kind::Ie057],
            Wanted::Either => &[Kind::Ie056, Kind::Ie057],
        }
    }

    /// The `--format` value.
    pub fn format(self) -> &'static str {
        match self {
            Wanted::Only(k) => k.file_tag(),
            Wanted::Either => "rejection",
        }
    }
}

/// The rejection of `doc`, invalid as `report` says, at `time`, if it is of
/// a kind `wanted`; the messages of its movement sent before it, when known,
/// say whether a declaration has an MRN (C0467).
pub fn rejection(
    doc: &Document,
    movement: Option<&[Document]>,
    report: &Report,
    time: &RejectionTime,
    wanted: Wanted,
) -> Result<Rejection, NoRejection> {
    let message = report.message;
    let (kind, business) = match (answer(message), wanted) {
        (Answer::NotNcts, _) => return Err(NoRejection::NotNcts { wanted, message }),
        (Answer::Rejection(answered, _), Wanted::Only(wanted)) if wanted != answered => {
            return Err(NoRejection::OtherKind {
                wanted,
                answered,
                message,
            })
        }
        (Answer::Rejection(kind, business), _) => (kind, business),
    };
    let missing = |item| NoRejection::Missing { kind, item };
    let xml = match kind {
        Kind::Ie056 => ie056::rejection(doc, movement, &report.violations, business, time),
        Kind::Ie057 => ie057::rejection(doc, &report.violations, business, time),
    }
    .map_err(missing)?;
    Ok(Rejection { kind, xml })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trader_messages_are_answered_by_the_office_they_were_sent_to() {
        let ie056 = |n| Answer::Rejection(Kind::Ie056, BusinessRejectionType(n));
        let ie057 = |n| Answer::Rejection(Kind::Ie057, BusinessRejectionType(n));
        assert_eq!(answer("CC015C"), ie056("015"));
        assert_eq!(answer("CC170C"), ie056("170"));
        assert_eq!(answer("CC007C"), ie057("007"));
        assert_eq!(answer("CC044C"), ie057("044"));
        assert_eq!(answer("CC315A"), Answer::NotNcts);
        assert_eq!(answer("CC028C"), Answer::NotNcts);
    }

    #[test]
    fn each_format_writes_its_kinds() {
        assert_eq!(Wanted::Either.kinds(), [Kind::Ie056, Kind::Ie057]);
        assert_eq!(Wanted::Only(Kind::Ie057).kinds(), [Kind::Ie057]);
        assert_eq!(Wanted::Either.format(), "rejection");
        assert_eq!(Wanted::Only(Kind::Ie056).format(), "ie056");
    }
}
