//! Time: UTC inside, Moscow time on screen. Europe/Moscow has been UTC+3 all year since 2014;
//! we use the tz database anyway, so historic dates come out right. How dates and instants are
//! written for people: `format`.

use jiff::{civil::Date, tz::TimeZone, Timestamp, Zoned};

pub fn moscow() -> TimeZone {
    // Bundled in the binary by jiff's `tzdb-bundle-*` features where the system has no tzdata;
    // a fixed +03:00 is the documented fallback (no DST in Russia since 2014).
    TimeZone::get("Europe/Moscow").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(3)))
}

pub fn in_moscow(at: Timestamp) -> Zoned {
    at.to_zoned(moscow())
}

/// The calendar date in Moscow at the instant `at`: rules about age use it (R03).
pub fn moscow_date(at: Timestamp) -> Date {
    in_moscow(at).date()
}

/// A date as people type it: `01.09.2026`, `2026-09-01` (a browser's date field), `01092026`.
/// None for anything else, including a day the calendar does not have.
pub fn parse_date_ru(input: &str) -> Option<Date> {
    let (y, m, d) = date_parts(input)?;
    Date::new(y, m, d).ok()
}

/// The year, month and day of a typed date, before the calendar checks them.
pub fn date_parts(input: &str) -> Option<(i16, i8, i8)> {
    let s = input.trim();
    let number = |p: &str| p.parse::<i16>().ok();
    let (y, m, d) = if s.contains('.') {
        match s.split('.').collect::<Vec<_>>().as_slice() {
            [d, m, y] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
            _ => return None,
        }
    } else if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        // «15032017», as a phone's digit keypad types it.
        (number(&s[4..])?, number(&s[2..4])?, number(&s[..2])?)
    } else {
        match s.split('-').collect::<Vec<_>>().as_slice() {
            [y, m, d] if y.len() == 4 => (number(y)?, number(m)?, number(d)?),
            _ => return None,
        }
    };
    let small = |v: i16| i8::try_from(v).unwrap_or(i8::MAX);
    Some((y, small(m), small(d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_are_read_as_people_type_them() {
        for raw in ["01.09.2026", "2026-09-01", "01092026", " 1.9.2026 "] {
            assert_eq!(parse_date_ru(raw), Some(date(2026, 9, 1)), "{raw}");
        }
        for bad in ["", "31.02.2026", "2026/09/01", "1.9.26", "99.99.9999"] {
            assert_eq!(parse_date_ru(bad), None, "{bad}");
        }
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_moscow() {
        let at: Timestamp = "2026-11-24T21:00:00Z".parse().unwrap();
        assert_eq!(moscow_date(at), date(2026, 11, 25));
        let before: Timestamp = "2026-11-24T20:59:59Z".parse().unwrap();
        assert_eq!(moscow_date(before), date(2026, 11, 24));
    }
}
