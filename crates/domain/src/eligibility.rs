//! Rule R03 (who is eligible by age) and the age part of R04 (a child claims from 14).

use jiff::civil::Date;
use serde::Serialize;

/// The youngest age at which a certificate may be claimed.
pub const MIN_AGE: i16 = 5;
/// A person of this age is no longer a child for the certificate.
pub const MAX_AGE_EXCLUSIVE: i16 = 18;
/// From this age a child may claim for themself.
pub const SELF_CLAIM_AGE: i16 = 14;

/// The day a person born on `birth` turns `years` old. A child born on 29 February turns a year
/// older on 1 March in non-leap years (R03): the day after 28 February, as the law counts it.
pub fn anniversary(birth: Date, years: i16) -> Date {
    let year = birth.year() + years;
    Date::new(year, birth.month(), birth.day())
        .unwrap_or_else(|_| Date::new(year, 3, 1).expect("1 March exists every year"))
}

/// Full years of age on `day`.
pub fn age_on(birth: Date, day: Date) -> i16 {
    let mut age = day.year() - birth.year();
    if day < anniversary(birth, age) {
        age -= 1;
    }
    age
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Eligibility {
    Eligible,
    /// Too young: the claim opens on the 5th birthday.
    TooYoung {
        from: Date,
    },
    /// 18 or older.
    TooOld,
}

/// R03: eligible from the 5th birthday to the day before the 18th, on `day` (Moscow date).
pub fn eligibility(birth: Date, day: Date) -> Eligibility {
    let opens = anniversary(birth, MIN_AGE);
    if day < opens {
        Eligibility::TooYoung { from: opens }
    } else if day >= anniversary(birth, MAX_AGE_EXCLUSIVE) {
        Eligibility::TooOld
    } else {
        Eligibility::Eligible
    }
}

/// R04: a child may claim for themself from the 14th birthday.
pub fn may_claim_for_self(birth: Date, day: Date) -> bool {
    day >= anniversary(birth, SELF_CLAIM_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn r03_fifth_birthday_is_the_first_eligible_day() {
        let birth = date(2021, 11, 25);
        assert_eq!(
            eligibility(birth, date(2026, 11, 24)),
            Eligibility::TooYoung { from: date(2026, 11, 25) }
        );
        assert_eq!(eligibility(birth, date(2026, 11, 25)), Eligibility::Eligible);
    }

    #[test]
    fn r03_child_turning_18_tomorrow_is_eligible() {
        let birth = date(2008, 11, 26);
        assert_eq!(eligibility(birth, date(2026, 11, 25)), Eligibility::Eligible);
        assert_eq!(eligibility(birth, date(2026, 11, 26)), Eligibility::TooOld);
    }

    #[test]
    fn r03_born_29_february_turns_older_on_1_march_in_common_years() {
        let birth = date(2020, 2, 29);
        assert_eq!(anniversary(birth, 5), date(2025, 3, 1));
        assert_eq!(eligibility(birth, date(2025, 2, 28)), Eligibility::TooYoung { from: date(2025, 3, 1) });
        assert_eq!(eligibility(birth, date(2025, 3, 1)), Eligibility::Eligible);
        // In a leap year the birthday itself exists.
        assert_eq!(anniversary(date(2008, 2, 29), 16), date(2024, 2, 29));
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
        assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    }

    #[test]
    fn r04_self_claim_from_the_14th_birthday() {
        let birth = date(2012, 6, 1);
        assert!(!may_claim_for_self(birth, date(2026, 5, 31)));
        assert!(may_claim_for_self(birth, date(2026, 6, 1)));
    }

    #[test]
    fn age_counts_full_years() {
        assert_eq!(age_on(date(2014, 3, 8), date(2026, 3, 7)), 11);
        assert_eq!(age_on(date(2014, 3, 8), date(2026, 3, 8)), 12);
        assert_eq!(age_on(date(2014, 3, 8), date(2014, 3, 8)), 0);
    }
}
