//! Code-list membership helpers used by generated code for large lists.
//! Small lists compile to a `match`; large ones to a sorted slice searched here.

/// Whether `code` is in `sorted` (ascending byte order).
#[inline]
pub fn contains_sorted(sorted: &[&str], code: &str) -> bool {
    sorted.binary_search(&code).is_ok()
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
}
