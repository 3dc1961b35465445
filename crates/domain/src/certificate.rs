//! The certificate's number: region code, serial and check digits, «69-1234-5678-90». The check
//! is ISO 7064 MOD 97-10 (as in IBAN), which catches every single mistyped digit and every swap
//! of two adjacent digits, so a typo is caught before any lookup.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::digits;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CertificateNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateNumberError {
    #[error("номер сертификата состоит из 12 цифр: проверьте номер сертификата")]
    Length,
    #[error("в номере сертификата только цифры, пробелы и дефисы: проверьте номер сертификата")]
    NotDigits,
    #[error("контрольные цифры не сходятся: проверьте номер сертификата")]
    Checksum,
}

/// (number mod 97) of a string of digits, without overflow for any length.
fn mod97(digits: &str) -> u32 {
    digits.bytes().fold(0, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
}

impl CertificateNumber {
    /// The number for a region (two digits) and a serial (eight digits).
    pub fn new(region: u8, serial: u32) -> Self {
        assert!(region < 100 && serial < 100_000_000, "region has 2 digits, serial 8");
        let body = format!("{region:02}{serial:08}");
        let check = 98 - mod97(&format!("{body}00"));
        CertificateNumber(format!("{body}{check:02}"))
    }

    /// Parses a number as people type it: `69-1234-5678-90`, `691234567890`, with spaces.
    pub fn parse(input: &str) -> Result<Self, CertificateNumberError> {
        let d = digits::parse_loose(input.trim()).ok_or(CertificateNumberError::NotDigits)?;
        if d.len() != 12 {
            return Err(CertificateNumberError::Length);
        }
        let s: String = d.iter().map(|x| char::from_digit(*x, 10).expect("digit")).collect();
        if mod97(&s) != 1 {
            return Err(CertificateNumberError::Checksum);
        }
        Ok(CertificateNumber(s))
    }

    /// The 12 digits, as stored.
    pub fn digits(&self) -> &str {
        &self.0
    }

    pub fn region(&self) -> &str {
        &self.0[..2]
    }
}

impl fmt::Display for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        write!(f, "{}-{}-{}-{}", &s[0..2], &s[2..6], &s[6..10], &s[10..12])
    }
}

impl fmt::Debug for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertificateNumber({self})")
    }
}

/// A certificate's status. A certificate is never deleted; its status changes only by a logged
/// action (suspension with a reason, closing at 18 or by decision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Suspended,
    Closed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Active, Status::Suspended, Status::Closed];

    pub fn code(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Suspended => "suspended",
            Status::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Status::Active => "действует",
            Status::Suspended => "приостановлен",
            Status::Closed => "закрыт",
        }
    }
}

/// How a certificate came to be issued: the notice's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// In the personal cabinet, after a login with a password (variants 1–3).
    Cabinet,
    /// In the personal cabinet, after «Войти через Госуслуги».
    Esia,
    /// By an organization at enrollment, on the parent's paper consent (variant 4).
    Organization,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Cabinet => "cabinet",
            Channel::Esia => "esia",
            Channel::Organization => "organization",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        [Channel::Cabinet, Channel::Esia, Channel::Organization].into_iter().find(|c| c.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Channel::Cabinet => "в личном кабинете",
            Channel::Esia => "в личном кабинете (вход через Госуслуги)",
            Channel::Organization => "в организации при записи",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_reads_back_in_any_usual_spelling() {
        let n = CertificateNumber::new(69, 1_234_567);
        let shown = n.to_string();
        assert_eq!(&shown[..12], "69-0123-4567");
        for typed in [shown.clone(), n.digits().to_string(), shown.replace('-', " ")] {
            assert_eq!(CertificateNumber::parse(&typed), Ok(n.clone()), "{typed}");
        }
        assert_eq!(n.region(), "69");
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        for serial in [0, 1, 42, 99_999_999, 31_415_926] {
            let good = CertificateNumber::new(69, serial).digits().to_string();
            for pos in 0..12 {
                for d in b'0'..=b'9' {
                    let mut typo = good.clone().into_bytes();
                    if typo[pos] == d {
                        continue;
                    }
                    typo[pos] = d;
                    let typo = String::from_utf8(typo).unwrap();
                    assert_eq!(
                        CertificateNumber::parse(&typo),
                        Err(CertificateNumberError::Checksum),
                        "{typo}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_swap_of_adjacent_digits_is_caught() {
        for serial in [12_345_678, 10_203_040, 98_765_432] {
            let good = CertificateNumber::new(69, serial).digits().to_string();
            for pos in 0..11 {
                let mut swapped = good.clone().into_bytes();
                if swapped[pos] == swapped[pos + 1] {
                    continue;
                }
                swapped.swap(pos, pos + 1);
                let swapped = String::from_utf8(swapped).unwrap();
                assert!(CertificateNumber::parse(&swapped).is_err(), "{swapped}");
            }
        }
    }

    #[test]
    fn wrong_length_and_letters_are_refused() {
        assert_eq!(CertificateNumber::parse("69-1234"), Err(CertificateNumberError::Length));
        assert_eq!(CertificateNumber::parse("69-12З4-5678-90"), Err(CertificateNumberError::NotDigits));
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in [Status::Active, Status::Suspended, Status::Closed] {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        for c in [Channel::Cabinet, Channel::Esia, Channel::Organization] {
            assert_eq!(Channel::parse(c.code()), Some(c));
        }
        assert_eq!(Status::parse("deleted"), None);
    }
}
