//! Time: UTC inside, Moscow time on screen. Europe/Moscow has been UTC+3 all year since 2014;
//! we use the tz database anyway, so historic dates come out right.

use jiff::{civil::Date, tz::TimeZone, Timestamp, Zoned};

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

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

/// «24 ноября 2026».
pub fn format_date(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS_GENITIVE[(d.month() - 1) as usize], d.year())
}

/// «24 ноября 2026, 14:05» in Moscow time.
pub fn format_timestamp(at: Timestamp) -> String {
    let z = in_moscow(at);
    format!("{}, {:02}:{:02}", format_date(z.date()), z.hour(), z.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_russians_write_them() {
        assert_eq!(format_date(date(2026, 11, 24)), "24 ноября 2026");
        assert_eq!(format_date(date(2027, 3, 1)), "1 марта 2027");
    }

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_moscow() {
        let at: Timestamp = "2026-11-24T21:00:00Z".parse().unwrap();
        assert_eq!(moscow_date(at), date(2026, 11, 25));
        assert_eq!(format_timestamp(at), "25 ноября 2026, 00:00");
        let before: Timestamp = "2026-11-24T20:59:59Z".parse().unwrap();
        assert_eq!(moscow_date(before), date(2026, 11, 24));
    }
}
