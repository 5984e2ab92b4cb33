//! Reference data of the day: code lists given at run time, each replacing
//! the rule set's own list of the same id for the validations it is passed to
//! (`Options::codelists`; `eucdm validate --codelists DIR`).
//!
//! A list given here is taken as complete, whatever the rule set says of its
//! own copy: a code it does not hold is not valid (error 12 on an item bound
//! to the list; `X in CLnnn` is false), a code with a validity period is valid
//! on the days of that period only. So a list the rule set ships in part, or
//! declares without content (the customs offices), is checked once given.
//! Lists not given keep the rule set's own content.
//!
//! Generated code and the interpreter ask [`answer`] before their own lists:
//! with no reference data that is one test of a `None`; with some, one search
//! among the given lists' ids and one hash lookup. The files are read once
//! ([`ReferenceData::read_dir`]), not per message.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::codelist::{valid_on, Entry};

/// Code lists by id, each replacing the rule set's list of that id.
#[derive(Debug, Clone, Default)]
pub struct ReferenceData {
    /// Sorted by id.
    lists: Vec<(Box<str>, Codes)>,
}

/// The codes of one list given at run time, with their validity periods.
#[derive(Debug, Clone, Default)]
pub struct Codes {
    periods: HashMap<Box<str>, Period, BuildHasherDefault<Fnv>>,
}

/// First and last day a code is valid (`YYYY-MM-DD`), empty when open.
#[derive(Debug, Clone, Default)]
struct Period {
    from: Box<str>,
    to: Box<str>,
}

impl Codes {
    /// The codes of `entries`; a code listed twice keeps its first period
    /// (as the compiled `match` does; the CSV reader refuses duplicates).
    pub fn new(entries: &[Entry]) -> Codes {
        let mut periods: HashMap<Box<str>, Period, _> = HashMap::default();
        periods.reserve(entries.len());
        for e in entries {
            periods.entry(e.code.as_str().into()).or_insert(Period {
                from: e.valid_from.as_str().into(),
                to: e.valid_to.as_str().into(),
            });
        }
        Codes { periods }
    }

    /// Whether `code` is in the list on `date` (`YYYY-MM-DD`): as the
    /// compiled lists answer, a code with a period is valid on its days, and
    /// on any day when the message has no date (`date` empty).
    pub fn contains(&self, code: &str, date: &str) -> bool {
        match self.periods.get(code) {
            None => false,
            Some(p) => date.is_empty() || valid_on(date, &p.from, &p.to),
        }
    }

    /// The number of codes.
    pub fn len(&self) -> usize {
        self.periods.len()
    }

    /// Whether the list has no code.
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }
}

impl ReferenceData {
    /// No list given: every list is the rule set's own.
    pub fn new() -> ReferenceData {
        ReferenceData::default()
    }

    /// Gives list `id` (`CL141`) the codes of `entries`, replacing what was
    /// given for it before.
    pub fn insert(&mut self, id: &str, entries: &[Entry]) {
        let codes = Codes::new(entries);
        match self.position(id) {
            Ok(i) => self.lists[i].1 = codes,
            Err(i) => self.lists.insert(i, (id.into(), codes)),
        }
    }

    fn position(&self, id: &str) -> Result<usize, usize> {
        self.lists.binary_search_by(|(k, _)| (**k).cmp(id))
    }

    /// The codes given for list `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Codes> {
        self.position(id).ok().map(|i| &self.lists[i].1)
    }

    /// The ids of the lists given, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.lists.iter().map(|(id, _)| &**id)
    }

    /// Whether no list is given.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// Whether `code` is in list `id` on `date`, when the list is given;
    /// `None` when it is not (the rule set's own list answers).
    #[inline(never)]
    pub fn answer(&self, id: &str, code: &str, date: &str) -> Option<bool> {
        self.get(id).map(|c| c.contains(code, date))
    }
}

/// What generated code and the interpreter ask before their own list `id`:
/// `Some(member)` when `data` gives the list, `None` otherwise (always, and
/// at the cost of one test, when there is no reference data).
#[inline]
pub fn answer(data: Option<&ReferenceData>, id: &str, code: &str, date: &str) -> Option<bool> {
    match data {
        None => None,
        Some(d) => d.answer(id, code, date),
    }
}

/// FNV-1a, as the compiled tables ([`crate::codelist::fnv1a`]): codes are
/// short and come from the reference data, which is trusted; a value of a
/// message is only looked up, never inserted.
struct Fnv(u32);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0x811c_9dc5)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u32;
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }

    fn finish(&self) -> u64 {
        self.0 as u64
    }
}

#[cfg(feature = "csv")]
mod dir;
#[cfg(feature = "csv")]
pub use dir::{LoadError, Loaded};

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str, from: &str, to: &str) -> Entry {
        Entry {
            code: code.into(),
            description: String::new(),
            valid_from: from.into(),
            valid_to: to.into(),
        }
    }

    #[test]
    fn a_given_list_answers_with_its_periods() {
        let mut d = ReferenceData::new();
        d.insert(
            "CL048",
            &[
                entry("EUR", "", ""),
                entry("BGN", "", "2025-12-31"),
                entry("GEL", "2025-02-01", ""),
            ],
        );
        d.insert("CL008", &[entry("DE", "", "")]);
        assert_eq!(d.ids().collect::<Vec<_>>(), ["CL008", "CL048"]);
        let ask = |code: &str, date: &str| answer(Some(&d), "CL048", code, date);
        assert_eq!(ask("EUR", "2030-01-01"), Some(true));
        assert_eq!(ask("BGN", "2025-12-31"), Some(true));
        assert_eq!(ask("BGN", "2026-01-01"), Some(false));
        assert_eq!(ask("GEL", "2025-01-31"), Some(false));
        assert_eq!(ask("GEL", "2025-02-01"), Some(true));
        // No date: every listed code, as the compiled lists.
        assert_eq!(ask("BGN", ""), Some(true));
        assert_eq!(ask("USD", ""), Some(false));
        assert_eq!(answer(Some(&d), "CL141", "DE004058", ""), None);
        assert_eq!(answer(None, "CL048", "EUR", ""), None);
        // Given again: replaced.
        d.insert("CL048", &[entry("USD", "", "")]);
        assert_eq!(answer(Some(&d), "CL048", "EUR", ""), Some(false));
        assert_eq!(d.get("CL048").map(Codes::len), Some(1));
    }
}
