//! Code lists: their entries, the CSV file they come in ([`csv`], with the
//! `csv` feature), and the membership helpers generated code uses.
//! Small lists compile to a `match`; large ones to an open-addressing hash
//! table built at compile time by [`hash_table`] and searched by
//! [`find_hashed`] (chosen by measurement: `eucdm-codelists` in `bench/`).

#[cfg(feature = "csv")]
pub mod csv;
#[cfg(feature = "csv")]
pub mod sources;

use std::borrow::Cow;

/// Where a shipped list comes from (`SOURCES.csv`): its source, and the day
/// of that source's data, empty when the source has none. A list is as old as
/// its snapshot: a code added after it is refused until the list is renewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The source the list was taken from.
    pub source: Cow<'static, str>,
    /// The day of the source's data (`YYYY-MM-DD`), empty when it has none.
    pub snapshot: Cow<'static, str>,
}

/// One code of a list, with its validity period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The code (`T1`).
    pub code: String,
    /// What the code means.
    pub description: String,
    /// First day the code is valid (`YYYY-MM-DD`), empty when open.
    pub valid_from: String,
    /// Last day the code is valid (`YYYY-MM-DD`), empty when open.
    pub valid_to: String,
}

impl Entry {
    /// Whether the code has a validity period (a bound that is not open).
    pub fn is_dated(&self) -> bool {
        !self.valid_from.is_empty() || !self.valid_to.is_empty()
    }
}

/// Whether `code` is in `sorted` (ascending byte order).
#[inline]
pub fn contains_sorted(sorted: &[&str], code: &str) -> bool {
    sorted.binary_search(&code).is_ok()
}

/// Empty slot of a [`hash_table`].
pub const EMPTY: u16 = u16::MAX;

/// FNV-1a (32 bits): the hash of the code-list tables. Codes are short, so a
/// byte-at-a-time hash beats the setup of a stronger one; the tables are built
/// from known codes, so there is no adversary to resist.
#[inline]
pub fn fnv1a(code: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in code {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The table for [`find_hashed`]: a power-of-two number of slots, at least
/// twice the number of codes, each the index of a code in `codes` or [`EMPTY`];
/// linear probing. `None` when there are too many codes for `u16` indices.
pub fn hash_table(codes: &[&str]) -> Option<Vec<u16>> {
    if codes.len() >= EMPTY as usize / 2 {
        return None;
    }
    let size = (2 * codes.len()).next_power_of_two().max(2);
    let mut table = vec![EMPTY; size];
    for (i, c) in codes.iter().enumerate() {
        let mut h = fnv1a(c.as_bytes()) as usize & (size - 1);
        while table[h] != EMPTY {
            h = (h + 1) & (size - 1);
        }
        table[h] = i as u16;
    }
    Some(table)
}

/// Index of `code` in `codes`, looked up through `table` (from [`hash_table`]).
///
/// Out of line: every large list of a rule set shares this one copy, where
/// inlined it put an unrolled hash loop into each of ~60 call sites of the
/// generated validator and its code no longer fitted the instruction cache.
#[inline(never)]
pub fn find_hashed(table: &[u16], codes: &[&str], code: &str) -> Option<usize> {
    let mask = table.len() - 1;
    let mut h = fnv1a(code.as_bytes()) as usize & mask;
    loop {
        let i = table[h];
        if i == EMPTY {
            return None;
        }
        if codes[i as usize] == code {
            return Some(i as usize);
        }
        h = (h + 1) & mask;
    }
}

/// Whether a code with a validity period is valid on `date` (`YYYY-MM-DD`);
/// an empty bound is open.
#[inline]
pub fn valid_on(date: &str, from: &str, to: &str) -> bool {
    (from.is_empty() || date >= from) && (to.is_empty() || date <= to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn membership() {
        assert!(contains_sorted(&["A", "B", "C"], "B"));
        assert!(!contains_sorted(&["A", "B", "C"], "D"));
        assert!(valid_on("2025-01-01", "2021-09-10", ""));
        assert!(!valid_on("2020-01-01", "2021-09-10", ""));
        assert!(!valid_on("2025-01-22", "", "2025-01-21"));
    }

    #[test]
    fn hashed() {
        let codes: Vec<String> = (0..5000).map(|i| format!("XX{i:06}")).collect();
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        let table = hash_table(&codes).unwrap();
        assert!(table.len().is_power_of_two() && table.len() >= 2 * codes.len());
        for (i, c) in codes.iter().enumerate() {
            assert_eq!(find_hashed(&table, &codes, c), Some(i));
        }
        for miss in ["", "XX", "XX005000", "YY000001", "XX0000011"] {
            assert_eq!(find_hashed(&table, &codes, miss), None);
        }
        let one = hash_table(&["A"]).unwrap();
        assert_eq!(find_hashed(&one, &["A"], "A"), Some(0));
        assert_eq!(find_hashed(&one, &["A"], "B"), None);
        assert_eq!(find_hashed(&hash_table(&[]).unwrap(), &[], "A"), None);
        assert!(hash_table(&vec!["A"; 40_000]).is_none());
    }
}
