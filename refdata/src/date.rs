//! Calendar days (`YYYY-MM-DD`), as exports give them (also `YYYYMMDD`).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// `YYYY-MM-DD`, or `YYYYMMDD` (the compact form of CS/RD2 data items);
    /// a `T...` time part after the day is ignored.
    pub fn parse(s: &str) -> Option<IsoDate> {
        let s = s.trim();
        let day = s.split('T').next()?;
        let digits: String = match day.len() {
            10 if day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-' => {
                [&day[..4], &day[5..7], &day[8..]].concat()
            }
            8 => day.to_string(),
            _ => return None,
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = digits[..4].parse().ok()?;
        let month: u8 = digits[4..6].parse().ok()?;
        let day: u8 = digits[6..].parse().ok()?;
        let date = IsoDate { year, month, day };
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= date.month_len())
            .then_some(date)
    }

    fn month_len(self) -> u8 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
                || self.year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            _ => 31,
        }
    }

    pub fn day_before(self) -> IsoDate {
        let IsoDate { year, month, day } = self;
        if day > 1 {
            return IsoDate {
                day: day - 1,
                ..self
            };
        }
        let prev = if month > 1 {
            IsoDate {
                year,
                month: month - 1,
                day: 1,
            }
        } else {
            IsoDate {
                year: year - 1,
                month: 12,
                day: 1,
            }
        };
        IsoDate {
            day: prev.month_len(),
            ..prev
        }
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_forms_and_rejects_bad_days() {
        let d = IsoDate::parse("2024-11-05").unwrap();
        assert_eq!(d, IsoDate::parse("20241105").unwrap());
        assert_eq!(d.to_string(), "2024-11-05");
        assert_eq!(IsoDate::parse("2024-11-05T00:00:00").unwrap(), d);
        for bad in [
            "",
            "2024-13-01",
            "2023-02-29",
            "2024/11/05",
            "2024-1-05",
            "20241305",
            "abcd-ef-gh",
        ] {
            assert_eq!(IsoDate::parse(bad), None, "{bad}");
        }
        assert!(IsoDate::parse("2024-02-29").is_some());
    }

    #[test]
    fn day_before_crosses_months_and_years() {
        let p = |s| IsoDate::parse(s).unwrap();
        assert_eq!(p("2025-01-01").day_before(), p("2024-12-31"));
        assert_eq!(p("2024-03-01").day_before(), p("2024-02-29"));
        assert_eq!(p("2023-03-01").day_before(), p("2023-02-28"));
        assert_eq!(p("2024-05-17").day_before(), p("2024-05-16"));
    }
}
