//! How instants and dates are written to the database: fixed-width UTC text, so that the text
//! order is the time order on both engines.

use jiff::{civil::Date, Timestamp};

use crate::StoreError;

/// `2026-11-25T14:35:25.123456Z`: always 27 characters, microsecond precision.
pub fn instant(t: Timestamp) -> String {
    let z = t.to_zoned(jiff::tz::TimeZone::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        z.year(),
        z.month(),
        z.day(),
        z.hour(),
        z.minute(),
        z.second(),
        z.subsec_nanosecond() / 1000
    )
}

pub fn parse_instant(s: &str) -> Result<Timestamp, StoreError> {
    s.parse().map_err(|_| StoreError::Corrupt("instant"))
}

/// `2014-03-08`.
pub fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn parse_date(s: &str) -> Result<Date, StoreError> {
    s.parse().map_err(|_| StoreError::Corrupt("date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_fixed_width_and_read_back() {
        let t: Timestamp = "2026-11-25T14:35:25Z".parse().unwrap();
        assert_eq!(instant(t), "2026-11-25T14:35:25.000000Z");
        let t2: Timestamp = "2026-11-25T14:35:25.1234567Z".parse().unwrap();
        assert_eq!(instant(t2), "2026-11-25T14:35:25.123456Z");
        assert_eq!(parse_instant(&instant(t)).unwrap(), t);
        assert!(instant(t) < instant(t2));
    }
}
