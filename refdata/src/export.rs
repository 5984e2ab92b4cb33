//! What an export holds once read, whatever its format: entities (code
//! lists) of entries, each with its state, validity dates and, for customs
//! offices, country and roles.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::date::IsoDate;

/// One reference-data export read from a file.
#[derive(Debug, Clone)]
pub struct Export {
    pub file: PathBuf,
    /// The day the export was taken (its snapshot date).
    pub date: IsoDate,
    pub entities: Vec<Entity>,
}

/// One entity (CS/RD2 list) of an export.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The CS/RD2 name (`CustomsOffices`, `CountryCodesFullList`, ...).
    pub name: String,
    /// Where the entity starts in its file (line).
    pub line: u64,
    pub entries: Vec<RefEntry>,
}

/// The state CS/RD2 gives an entry from its `activeFrom` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Valid,
    /// Any other state (`invalid`, ...): the code is not valid from `activeFrom`.
    NotValid,
}

/// One entry (code) of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefEntry {
    pub code: String,
    pub description: String,
    pub state: EntryState,
    /// The day the entry's state (and current version) applies from.
    pub active_from: Option<IsoDate>,
    /// The last day of the entry's validity, when the export gives one.
    pub active_to: Option<IsoDate>,
    /// The day the code entered service (NCTS entry date of an office), when
    /// the export gives it: unlike `active_from`, a start of the code's validity.
    pub entry_date: Option<IsoDate>,
    /// Customs offices: the country and the roles.
    pub office: Option<OfficeFacts>,
    /// Line of the entry in its file.
    pub line: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeFacts {
    pub country: String,
    pub roles: BTreeSet<String>,
}

impl RefEntry {
    /// The code's validity as the project's CSV writes it: from its entry
    /// into service (or the future day it becomes active), to the last day it
    /// is active. A version date in the past is not a start of validity: the
    /// code was valid before, in an earlier version.
    pub fn validity(&self, snapshot: IsoDate) -> (Option<IsoDate>, Option<IsoDate>) {
        let future_start = self.active_from.filter(|d| *d > snapshot);
        match self.state {
            EntryState::Valid => (future_start.or(self.entry_date), self.active_to),
            EntryState::NotValid => {
                let end = self.active_from.map(IsoDate::day_before);
                (self.entry_date, end.or(self.active_to))
            }
        }
    }
}
