//! ИНН: the tax number of an organization (10 digits) or of a person / sole entrepreneur (12).

use std::fmt;

use crate::digits;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Inn(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InnError {
    #[error("ИНН состоит из 10 цифр (организация) или 12 цифр (индивидуальный предприниматель)")]
    Length,
    #[error("ИНН должен состоять только из цифр")]
    NotDigits,
    #[error("контрольная цифра ИНН не сходится: проверьте номер")]
    Checksum,
}

const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

fn check(d: &[u32], w: &[u32]) -> u32 {
    digits::weighted(d, w) % 11 % 10
}

impl Inn {
    pub fn parse(input: &str) -> Result<Self, InnError> {
        let s = input.trim();
        let d = digits::parse(s).ok_or(InnError::NotDigits)?;
        let ok = match d.len() {
            10 => d[9] == check(&d[..9], &W10),
            12 => d[10] == check(&d[..10], &W11) && d[11] == check(&d[..11], &W12),
            _ => return Err(InnError::Length),
        };
        if ok {
            Ok(Inn(s.to_string()))
        } else {
            Err(InnError::Checksum)
        }
    }

    /// A legal entity's ИНН from its first 9 digits (demo data, tests).
    pub fn legal_from_base(base: u32) -> Self {
        let s = format!("{base:09}");
        let d = digits::parse(&s).expect("digits");
        Inn(format!("{s}{}", check(&d, &W10)))
    }

    /// A sole entrepreneur's ИНН from its first 10 digits (demo data, tests).
    pub fn personal_from_base(base: u64) -> Self {
        let s = format!("{base:010}");
        let mut d = digits::parse(&s).expect("digits");
        let c11 = check(&d, &W11);
        d.push(c11);
        let c12 = check(&d, &W12);
        Inn(format!("{s}{c11}{c12}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for a sole entrepreneur's (personal) 12-digit ИНН.
    pub fn is_personal(&self) -> bool {
        self.0.len() == 12
    }
}

impl fmt::Display for Inn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_valid_numbers() {
        // ИНН of Sberbank (10) and a commonly cited valid personal ИНН (12).
        assert!(Inn::parse("7707083893").is_ok());
        assert!(Inn::parse("500100732259").is_ok());
    }

    #[test]
    fn rejects_a_changed_digit() {
        assert_eq!(Inn::parse("7707083894"), Err(InnError::Checksum));
        assert_eq!(Inn::parse("500100732258"), Err(InnError::Checksum));
    }

    #[test]
    fn rejects_other_lengths_and_letters() {
        assert_eq!(Inn::parse("77070838"), Err(InnError::Length));
        assert_eq!(Inn::parse("770708389X"), Err(InnError::NotDigits));
    }

    #[test]
    fn generated_numbers_are_valid() {
        for b in (690_000_000..690_100_000).step_by(7_777) {
            assert!(Inn::parse(Inn::legal_from_base(b).as_str()).is_ok());
        }
        for b in (6_900_000_000u64..6_900_100_000).step_by(7_777) {
            let inn = Inn::personal_from_base(b);
            assert!(Inn::parse(inn.as_str()).is_ok() && inn.is_personal());
        }
    }
}
