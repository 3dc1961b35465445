//! ИНН: the parser agrees with a plain reading of the rule, and a parsed number re-parses to
//! itself.
#![no_main]

use dopcert_domain::inn::{Inn, InnError};
use libfuzzer_sys::fuzz_target;

/// The check digit: the weighted sum of the digits before it, modulo 11, then modulo 10.
fn check(digits: &[u64], weights: &[u64]) -> u64 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u64>() % 11 % 10
}

/// The rule as the tax service states it, written apart from the parser: 10 digits with one
/// check digit (an organization) or 12 with two (a person).
fn reference(input: &str) -> Result<String, InnError> {
    let s = input.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InnError::NotDigits);
    }
    let d: Vec<u64> = s.bytes().map(|b| u64::from(b - b'0')).collect();
    let ok = match d.len() {
        10 => d[9] == check(&d[..9], &[2, 4, 10, 3, 5, 9, 4, 6, 8]),
        12 => {
            d[10] == check(&d[..10], &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
                && d[11] == check(&d[..11], &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
        }
        _ => return Err(InnError::Length),
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err(InnError::Checksum)
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = Inn::parse(&input);
    assert_eq!(parsed.clone().map(|i| i.as_str().to_string()), reference(&input), "{input:?}");
    if let Ok(inn) = parsed {
        assert_eq!(Inn::parse(&inn.to_string()).as_ref(), Ok(&inn), "printed form re-parses");
        assert_eq!(inn.is_personal(), inn.as_str().len() == 12);
    }
    // Every generated number is valid, of its kind.
    if let Some(bytes) = data.get(..8) {
        let n = u64::from_le_bytes(bytes.try_into().unwrap());
        let legal = Inn::legal_from_base((n % 1_000_000_000) as u32);
        assert!(Inn::parse(legal.as_str()).is_ok_and(|i| !i.is_personal()), "{legal}");
        let personal = Inn::personal_from_base(n % 10_000_000_000);
        assert!(Inn::parse(personal.as_str()).is_ok_and(|i| i.is_personal()), "{personal}");
    }
});
