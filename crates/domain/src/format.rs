//! How dopcert says dates, instants, money and counts to people: one place for the pages, the
//! PDFs, the API's messages, the e-mails and the command line, so they cannot drift apart.
//!
//! - dates: «24 ноября 2026» ([`date_long`]); a month alone is named, not declined: «ноябрь 2026»
//!   ([`month_year`]); a date field shows and reads back «24.11.2026» ([`date_short`]);
//! - instants: Moscow time, «24 ноября 2026, 14:05» ([`instant`]);
//! - money: «5 000,00 ₽» ([`money`]; `Kopecks` displays through it);
//! - counts: «1 ребёнок, 2 ребёнка, 5 детей» ([`plural`], [`count`]).
//!
//! The thousands separator, and the space before «₽», is the no-break space U+00A0 ([`NBSP`]),
//! not the narrow U+202F: the 1С «Клиент банка» file is Windows-1251, which has U+00A0 and not
//! U+202F; every font we embed or a browser falls back to has it; spreadsheets and screen readers
//! take it as a space; and [`Kopecks::parse_rubles`] reads it back. It keeps a sum on one line.

use jiff::{civil::Date, Timestamp};

use crate::money::Kopecks;
use crate::time::in_moscow;

/// The no-break space between groups of thousands and before «₽».
pub const NBSP: char = '\u{a0}';

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

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

fn month_index(d: Date) -> usize {
    usize::try_from(d.month() - 1).unwrap_or(0)
}

/// «24 ноября 2026»: the day, the month in the genitive, the year.
pub fn date_long(d: Date) -> String {
    format!("{} {} {}", d.day(), MONTHS_GENITIVE[month_index(d)], d.year())
}

/// «24.11.2026»: what a date field shows, and what `time::parse_date_ru` reads back.
pub fn date_short(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// «ноябрь 2026»: a month as a title names it (the first day of `d`'s month is meant).
pub fn month_year(d: Date) -> String {
    format!("{} {}", MONTHS_NOMINATIVE[month_index(d)], d.year())
}

/// «24 ноября 2026, 14:05»: an instant in Moscow time (stored in UTC, shown in Moscow's).
pub fn instant(at: Timestamp) -> String {
    let z = in_moscow(at);
    format!("{}, {:02}:{:02}", date_long(z.date()), z.hour(), z.minute())
}

/// «5 000,00 ₽», «0,07 ₽», «−1,50 ₽»: groups of thousands, a comma before the kopecks, the
/// rouble sign; a minus sign (U+2212), not a hyphen, before a negative amount.
pub fn money(k: Kopecks) -> String {
    let sign = if k.get() < 0 { "−" } else { "" };
    let abs = k.get().unsigned_abs();
    format!("{sign}{},{:02}{NBSP}₽", group_thousands(abs / 100), abs % 100)
}

/// «5 000 ₽»: whole roubles, for ranges and round limits («до 1 000 ₽»).
pub fn rubles(whole: u64) -> String {
    format!("{}{NBSP}₽", group_thousands(whole))
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(NBSP);
        }
        grouped.push(c);
    }
    grouped
}

/// A whole number that may be counted: any integer type, or a reference to one (templates pass
/// references).
pub trait Count: Copy {
    /// The number's absolute value: the form of the noun does not depend on the sign.
    fn magnitude(self) -> u64;
}

macro_rules! impl_count {
    ($($t:ty => |$n:ident| $magnitude:expr),* $(,)?) => {$(
        impl Count for $t {
            fn magnitude(self) -> u64 {
                let $n = self;
                $magnitude
            }
        }
    )*};
}

impl_count!(
    u8 => |n| u64::from(n),
    u16 => |n| u64::from(n),
    u32 => |n| u64::from(n),
    u64 => |n| n,
    usize => |n| u64::try_from(n).unwrap_or(u64::MAX),
    i8 => |n| u64::from(n.unsigned_abs()),
    i16 => |n| u64::from(n.unsigned_abs()),
    i32 => |n| u64::from(n.unsigned_abs()),
    i64 => |n| n.unsigned_abs(),
    isize => |n| u64::try_from(n.unsigned_abs()).unwrap_or(u64::MAX),
);

impl<T: Count> Count for &T {
    fn magnitude(self) -> u64 {
        (*self).magnitude()
    }
}

/// The noun's form for `n` by the Russian rule: `one` for 1, 21, 101 («ребёнок»); `few` for 2–4,
/// 22–24 («ребёнка»); `many` for 0, 5–20, 25–30 and for 11–14 of every hundred, 111–114 too
/// («детей»).
pub fn plural<'a>(n: impl Count, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.magnitude();
    if (11..=14).contains(&(n % 100)) {
        return many;
    }
    match n % 10 {
        1 => one,
        2..=4 => few,
        _ => many,
    }
}

/// «3 заявки», «1 ребёнок», «5 детей»: the number and its noun.
pub fn count(n: impl Count, one: &str, few: &str, many: &str) -> String {
    format!("{} {}", n.magnitude(), plural(n, one, few, many))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn kids(n: u64) -> &'static str {
        plural(n, "ребёнок", "ребёнка", "детей")
    }

    #[test]
    fn one_for_1_21_101_and_every_ending_in_1_but_11() {
        for n in [1, 21, 31, 101, 121, 1001, 1_000_001] {
            assert_eq!(kids(n), "ребёнок", "{n}");
        }
    }

    #[test]
    fn few_for_2_to_4_and_22_to_24() {
        for n in [2, 3, 4, 22, 23, 24, 102, 104, 1002] {
            assert_eq!(kids(n), "ребёнка", "{n}");
        }
    }

    #[test]
    fn many_for_0_5_to_20_the_teens_of_every_hundred_and_25() {
        for n in [0, 5, 6, 9, 10, 11, 12, 13, 14, 15, 19, 20, 25, 30, 100, 111, 112, 113, 114, 211, 1011] {
            assert_eq!(kids(n), "детей", "{n}");
        }
    }

    #[test]
    fn counts_take_any_integer_and_its_sign_does_not_change_the_form() {
        assert_eq!(count(1_u8, "ребёнок", "ребёнка", "детей"), "1 ребёнок");
        assert_eq!(count(2_usize, "ребёнок", "ребёнка", "детей"), "2 ребёнка");
        let five: &i64 = &5;
        assert_eq!(count(five, "ребёнок", "ребёнка", "детей"), "5 детей", "a reference, as templates pass");
        assert_eq!(count(3_i32, "заявка", "заявки", "заявок"), "3 заявки");
        assert_eq!(plural(-21_i64, "рубль", "рубля", "рублей"), "рубль");
        assert_eq!(plural(i64::MIN, "a", "b", "c"), "c", "…808 ends in 8");
        assert_eq!(plural(u64::MAX, "a", "b", "c"), "c", "…615 ends in 5");
    }

    #[test]
    fn dates_read_as_russians_write_them() {
        assert_eq!(date_long(date(2026, 11, 24)), "24 ноября 2026");
        assert_eq!(date_long(date(2027, 3, 1)), "1 марта 2027");
        assert_eq!(date_long(date(2027, 1, 31)), "31 января 2027");
        assert_eq!(date_short(date(2027, 3, 1)), "01.03.2027");
        assert_eq!(month_year(date(2026, 11, 1)), "ноябрь 2026");
        assert_eq!(month_year(date(2027, 5, 31)), "май 2027");
    }

    #[test]
    fn instants_are_shown_in_moscow_time() {
        let at: Timestamp = "2026-11-24T11:05:00Z".parse().unwrap();
        assert_eq!(instant(at), "24 ноября 2026, 14:05");
        // Late evening in UTC is already tomorrow in Moscow.
        let at: Timestamp = "2026-12-31T21:00:00Z".parse().unwrap();
        assert_eq!(instant(at), "1 января 2027, 00:00");
    }

    #[test]
    fn money_groups_thousands_with_a_no_break_space() {
        assert_eq!(money(Kopecks::new(500_000)), "5\u{a0}000,00\u{a0}₽");
        assert_eq!(money(Kopecks::new(7)), "0,07\u{a0}₽");
        assert_eq!(money(Kopecks::new(99_999)), "999,99\u{a0}₽");
        assert_eq!(money(Kopecks::new(100_000)), "1\u{a0}000,00\u{a0}₽");
        assert_eq!(money(Kopecks::new(123_456_789)), "1\u{a0}234\u{a0}567,89\u{a0}₽");
        assert_eq!(money(Kopecks::new(-150)), "−1,50\u{a0}₽");
        assert_eq!(
            money(Kopecks::new(i64::MIN)),
            "−92\u{a0}233\u{a0}720\u{a0}368\u{a0}547\u{a0}758,08\u{a0}₽"
        );
        assert_eq!(rubles(1000), "1\u{a0}000\u{a0}₽");
        assert_eq!(rubles(0), "0\u{a0}₽");
        assert!(!money(Kopecks::new(500_000)).contains('\u{202f}'), "one separator everywhere");
    }

    #[test]
    fn money_shown_is_read_back_as_typed() {
        for k in [0, 7, 150_050, 123_456_789, -1_000] {
            assert_eq!(Kopecks::parse_rubles(&money(Kopecks::new(k))), Some(Kopecks::new(k)), "{k}");
        }
    }
}
