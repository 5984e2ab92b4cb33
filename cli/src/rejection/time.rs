//! When a rejection was made: the `preparationDateAndTime` and
//! `rejectionDateAndTime` of the IE056 and IE057.

use std::fmt;

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

    pub fn as_str(&self) -> &str {
        &self.0
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
}
