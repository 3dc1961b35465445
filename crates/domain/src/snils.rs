//! СНИЛС: the 11-digit insurance number that identifies a person (rule R02 matches on it).

use std::fmt;

use crate::digits;

/// A SNILS whose check digits are right. Never logged: see `Debug`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Snils(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnilsError {
    #[error("СНИЛС состоит из 11 цифр")]
    Length,
    #[error("в СНИЛС допустимы только цифры, пробел и дефис")]
    NotDigits,
    #[error("контрольное число СНИЛС не сходится: проверьте номер")]
    Checksum,
}

/// Numbers up to 001-001-998 were issued before the check number existed.
const FIRST_CHECKED: u32 = 1_001_998;

impl Snils {
    /// Parses `123-456-789 64`, `12345678964` and the like.
    pub fn parse(input: &str) -> Result<Self, SnilsError> {
        let d = digits::parse_loose(input.trim()).ok_or(SnilsError::NotDigits)?;
        if d.len() != 11 {
            return Err(SnilsError::Length);
        }
        let base = d[..9].iter().fold(0u32, |acc, x| acc * 10 + x);
        let check = d[9] * 10 + d[10];
        if base > FIRST_CHECKED && check != check_number(&d[..9]) {
            return Err(SnilsError::Checksum);
        }
        Ok(Snils(d.iter().map(|x| char::from_digit(*x, 10).unwrap()).collect()))
    }

    /// The SNILS with the 9-digit `base` and its computed check number (demo data, tests).
    pub fn from_base(base: u32) -> Self {
        assert!(base < 1_000_000_000, "a SNILS base has 9 digits");
        let s = format!("{base:09}");
        let d = digits::parse(&s).expect("digits");
        Snils(format!("{s}{:02}", check_number(&d)))
    }

    /// The 11 digits, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

fn check_number(base: &[u32]) -> u32 {
    let sum = digits::weighted(base, &[9, 8, 7, 6, 5, 4, 3, 2, 1]);
    match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => match sum % 101 {
            100 => 0,
            r => r,
        },
    }
}

impl fmt::Display for Snils {
    /// The printed form `123-456-789 64`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}-{}-{} {}", &s[0..3], &s[3..6], &s[6..9], &s[9..11])
    }
}

impl fmt::Debug for Snils {
    /// Personal data stays out of logs and panics.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Snils(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_known_valid_number_in_any_usual_spelling() {
        // 112-233-445 95 is the example in the Pension Fund's description of the algorithm.
        for s in ["112-233-445 95", "11223344595", " 112 233 445 95 "] {
            assert_eq!(Snils::parse(s).unwrap().digits(), "11223344595", "{s}");
        }
    }

    #[test]
    fn rejects_a_wrong_check_number() {
        assert_eq!(Snils::parse("112-233-445 96"), Err(SnilsError::Checksum));
    }

    #[test]
    fn rejects_wrong_length_and_letters() {
        assert_eq!(Snils::parse("1122334459"), Err(SnilsError::Length));
        assert_eq!(Snils::parse("11223344a95"), Err(SnilsError::NotDigits));
    }

    #[test]
    fn check_number_wraps_at_100_and_101() {
        // 000-000-000 … sums are small; find bases whose weighted sum hits 100, 101 and >101.
        let s = Snils::from_base(900_000_002); // 9*9 + 2*1 = 83
        assert!(s.digits().ends_with("83"));
        let s = Snils::from_base(990_000_001); // 81 + 72 + 1 = 154 → 154 % 101 = 53
        assert!(s.digits().ends_with("53"));
        let s = Snils::from_base(990_000_028); // 81 + 72 + 2*2 + 8*1... = 81+72+4+8 = 165 → 64
        assert!(s.digits().ends_with("64"));
        let s = Snils::from_base(100_000_011); // 9 + 2 + 1 = 12
        assert!(s.digits().ends_with("12"));
    }

    #[test]
    fn every_generated_number_parses_back() {
        for base in (FIRST_CHECKED + 1..FIRST_CHECKED + 200_000).step_by(997) {
            let s = Snils::from_base(base);
            assert_eq!(Snils::parse(&s.to_string()).unwrap(), s);
        }
    }

    #[test]
    fn debug_hides_the_number() {
        let s = Snils::from_base(123_456_789);
        assert_eq!(format!("{s:?}"), "Snils(***)");
    }
}
