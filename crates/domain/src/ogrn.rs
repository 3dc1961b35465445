//! ОГРН (13 digits, an organization) and ОГРНИП (15 digits, a sole entrepreneur).

use std::fmt;

use crate::digits;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ogrn(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OgrnError {
    #[error("ОГРН состоит из 13 цифр, ОГРНИП — из 15 цифр")]
    Length,
    #[error("ОГРН должен состоять только из цифр")]
    NotDigits,
    #[error("контрольная цифра ОГРН не сходится: проверьте номер")]
    Checksum,
}

/// The check digit: the number without it, modulo 11 (ОГРН) or 13 (ОГРНИП), last digit.
fn check(body: &str, modulus: u64) -> u64 {
    body.parse::<u64>().expect("digits") % modulus % 10
}

impl Ogrn {
    pub fn parse(input: &str) -> Result<Self, OgrnError> {
        let s = input.trim();
        let d = digits::parse(s).ok_or(OgrnError::NotDigits)?;
        let modulus = match d.len() {
            13 => 11,
            15 => 13,
            _ => return Err(OgrnError::Length),
        };
        let (body, last) = s.split_at(s.len() - 1);
        if check(body, modulus) == u64::from(last.as_bytes()[0] - b'0') {
            Ok(Ogrn(s.to_string()))
        } else {
            Err(OgrnError::Checksum)
        }
    }

    /// An organization's ОГРН from its first 12 digits (demo data, tests).
    pub fn legal_from_body(body: u64) -> Self {
        let s = format!("{body:012}");
        Ogrn(format!("{s}{}", check(&s, 11)))
    }

    /// A sole entrepreneur's ОГРНИП from its first 14 digits (demo data, tests).
    pub fn personal_from_body(body: u64) -> Self {
        let s = format!("{body:014}");
        Ogrn(format!("{s}{}", check(&s, 13)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ogrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_valid_numbers() {
        assert!(Ogrn::parse("1027700132195").is_ok()); // Sberbank
        assert!(Ogrn::parse("304500116000157").is_ok()); // a commonly cited ОГРНИП
    }

    #[test]
    fn rejects_a_changed_digit_other_lengths_and_letters() {
        assert_eq!(Ogrn::parse("1027700132196"), Err(OgrnError::Checksum));
        assert_eq!(Ogrn::parse("102770013219"), Err(OgrnError::Length));
        assert_eq!(Ogrn::parse("10277001321X5"), Err(OgrnError::NotDigits));
    }

    #[test]
    fn generated_numbers_are_valid() {
        for b in (102_690_000_000u64..102_690_100_000).step_by(3_331) {
            assert!(Ogrn::parse(Ogrn::legal_from_body(b).as_str()).is_ok());
        }
        for b in (30_469_000_000_000u64..30_469_000_100_000).step_by(3_331) {
            assert!(Ogrn::parse(Ogrn::personal_from_body(b).as_str()).is_ok());
        }
    }
}
