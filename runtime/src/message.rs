//! One message, as bytes, to its report: read it with the rule set's
//! models, refuse a message from customs (read only as context of a
//! movement), validate it. The CLI does this for each FILE, the Python
//! package for each message it is given; the refusals read alike in both.

use std::fmt;

use crate::{read_message, Options, ReadError, Report, RuleSet};

/// Why a message got no report.
#[derive(Debug, Clone)]
pub enum Refused {
    /// Not a well-formed message of a type the rule set reads.
    Unreadable(ReadError),
    /// A message from customs (CC028C, CC043C): context of a movement only.
    FromCustoms(&'static str),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Unreadable(e) => e.fmt(f),
            Refused::FromCustoms(id) => write!(
                f,
                "{id} is a message from customs: it is read as context of a movement \
                 (`--movement DIR`), not validated"
            ),
        }
    }
}

impl std::error::Error for Refused {}

/// The report of the message `bytes` (XML, or JSON when it starts with `{`).
pub fn validate_message(
    bytes: &[u8],
    ruleset: &dyn RuleSet,
    opts: &Options<'_>,
) -> Result<Report, Refused> {
    let doc = read_message(bytes, ruleset.schemas()).map_err(Refused::Unreadable)?;
    if doc.schema().context_only {
        return Err(Refused::FromCustoms(doc.schema().id));
    }
    Ok(ruleset
        .validate(&doc, opts)
        .expect("read with its own schemas"))
}
