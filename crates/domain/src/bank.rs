//! Bank details of a provider, for payment orders: БИК and the settlement account, with the
//! Bank of Russia's control key checked, so a mistyped account is caught before money goes there.

use std::fmt;

use crate::digits;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("БИК состоит из 9 цифр")]
    BikLength,
    #[error("расчётный счёт состоит из 20 цифр")]
    AccountLength,
    #[error("в реквизитах допустимы только цифры, пробелы и дефисы")]
    NotDigits,
    #[error("контрольный ключ счёта не сходится с БИК: проверьте счёт и БИК")]
    Checksum,
}

/// Банковский идентификационный код: 9 digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Bik(String);

impl Bik {
    pub fn parse(input: &str) -> Result<Self, BankError> {
        let d = digits::parse_loose(input.trim()).ok_or(BankError::NotDigits)?;
        if d.len() != 9 {
            return Err(BankError::BikLength);
        }
        Ok(Bik(to_string(&d)))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Bik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bik({})", self.0)
    }
}

impl fmt::Display for Bik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A settlement account (расчётный счёт) at a bank: 20 digits whose control key agrees with the
/// bank's БИК.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SettlementAccount(String);

/// The Bank of Russia's weights for the 23 digits «last three of БИК + account».
const WEIGHTS: [u32; 23] = [7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7, 1];

fn to_string(d: &[u32]) -> String {
    d.iter().map(|x| char::from_digit(*x, 10).expect("a digit")).collect()
}

impl SettlementAccount {
    pub fn parse(input: &str, bik: &Bik) -> Result<Self, BankError> {
        let d = digits::parse_loose(input.trim()).ok_or(BankError::NotDigits)?;
        if d.len() != 20 {
            return Err(BankError::AccountLength);
        }
        let mut all: Vec<u32> = bik.0[6..].bytes().map(|b| u32::from(b - b'0')).collect();
        all.extend_from_slice(&d);
        if !digits::weighted(&all, &WEIGHTS).is_multiple_of(10) {
            return Err(BankError::Checksum);
        }
        Ok(SettlementAccount(to_string(&d)))
    }

    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SettlementAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SettlementAccount({})", self.0)
    }
}

impl fmt::Display for SettlementAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Makes an account valid for a БИК from its first 19 digits (tests and the demo): the control
/// key is the 9th digit of the account.
pub fn with_control_key(bik: &Bik, nineteen: &str) -> SettlementAccount {
    assert!(nineteen.len() == 19 && nineteen.bytes().all(|b| b.is_ascii_digit()), "19 digits");
    for key in 0..10 {
        let candidate = format!("{}{key}{}", &nineteen[..8], &nineteen[8..]);
        if let Ok(a) = SettlementAccount::parse(&candidate, bik) {
            return a;
        }
    }
    unreachable!("one key of ten always fits")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real pair, as printed on invoices (Sberbank, Moscow).
    const BIK: &str = "044525225";
    const ACCOUNT: &str = "40702810938000000001";

    #[test]
    fn a_real_account_passes_and_any_single_typo_is_caught() {
        let bik = Bik::parse(BIK).unwrap();
        assert!(SettlementAccount::parse(ACCOUNT, &bik).is_ok());
        assert!(SettlementAccount::parse("40702 810 9 3800 0000001", &bik).is_ok(), "spaces as typed");
        for i in 0..20 {
            for d in 0..10u8 {
                let mut typo = ACCOUNT.as_bytes().to_vec();
                if typo[i] == b'0' + d {
                    continue;
                }
                typo[i] = b'0' + d;
                let typo = String::from_utf8(typo).unwrap();
                assert_eq!(SettlementAccount::parse(&typo, &bik), Err(BankError::Checksum), "{typo}");
            }
        }
    }

    #[test]
    fn lengths_and_letters_are_refused() {
        assert_eq!(Bik::parse("04452522"), Err(BankError::BikLength));
        assert_eq!(Bik::parse("04452522x"), Err(BankError::NotDigits));
        let bik = Bik::parse(BIK).unwrap();
        assert_eq!(SettlementAccount::parse("4070281093800000000", &bik), Err(BankError::AccountLength));
    }

    #[test]
    fn a_control_key_can_be_made_for_demo_accounts() {
        let bik = Bik::parse("042809679").unwrap();
        let a = with_control_key(&bik, "4070381006300000012");
        assert!(SettlementAccount::parse(a.digits(), &bik).is_ok());
    }
}
