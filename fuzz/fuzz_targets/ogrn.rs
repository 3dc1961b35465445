//! ОГРН and ОГРНИП: the parser agrees with a plain reading of the rule, and a parsed number
//! re-parses to itself.
#![no_main]

use dopcert_domain::ogrn::{Ogrn, OgrnError};
use libfuzzer_sys::fuzz_target;

/// The rule, written apart from the parser: 13 digits (ОГРН) whose last is the number before it
/// modulo 11, or 15 (ОГРНИП) modulo 13, then modulo 10.
fn reference(input: &str) -> Result<String, OgrnError> {
    let s = input.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(OgrnError::NotDigits);
    }
    let modulus = match s.len() {
        13 => 11,
        15 => 13,
        _ => return Err(OgrnError::Length),
    };
    let body = s[..s.len() - 1].bytes().fold(0u128, |n, b| n * 10 + u128::from(b - b'0'));
    let last = u128::from(s.as_bytes()[s.len() - 1] - b'0');
    if body % modulus % 10 == last {
        Ok(s.to_string())
    } else {
        Err(OgrnError::Checksum)
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = Ogrn::parse(&input);
    assert_eq!(parsed.clone().map(|o| o.as_str().to_string()), reference(&input), "{input:?}");
    if let Ok(ogrn) = parsed {
        assert_eq!(Ogrn::parse(&ogrn.to_string()).as_ref(), Ok(&ogrn), "printed form re-parses");
    }
    // Every generated number is valid.
    if let Some(bytes) = data.get(..8) {
        let n = u64::from_le_bytes(bytes.try_into().unwrap());
        let legal = Ogrn::legal_from_body(n % 1_000_000_000_000);
        assert!(Ogrn::parse(legal.as_str()).is_ok(), "{legal}");
        let personal = Ogrn::personal_from_body(n % 100_000_000_000_000);
        assert!(Ogrn::parse(personal.as_str()).is_ok(), "{personal}");
    }
});
