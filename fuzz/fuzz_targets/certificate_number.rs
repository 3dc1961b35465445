//! The certificate's number: the parser agrees with ISO 7064 MOD 97-10 read plainly, a valid
//! number round-trips through its printed form, and every single-digit typo of it is refused.
#![no_main]

use dopcert_domain::certificate::{CertificateNumber, CertificateNumberError};
use libfuzzer_sys::fuzz_target;

/// The rule, written apart from the parser: 12 digits once spaces, dashes and no-break spaces
/// are dropped, and the number modulo 97 is 1.
fn reference(input: &str) -> Result<String, CertificateNumberError> {
    let kept: String = input.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    if !kept.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CertificateNumberError::NotDigits);
    }
    if kept.len() != 12 {
        return Err(CertificateNumberError::Length);
    }
    if kept.parse::<u64>().unwrap() % 97 != 1 {
        return Err(CertificateNumberError::Checksum);
    }
    Ok(kept)
}

/// A valid number prints as `NN-NNNN-NNNN-NN`, reads back from that and from its digits, and
/// no single changed digit passes.
fn round_trips(n: &CertificateNumber) {
    let shown = n.to_string();
    let parts: Vec<usize> = shown.split('-').map(str::len).collect();
    assert_eq!(parts, [2, 4, 4, 2], "{shown}");
    assert_eq!(CertificateNumber::parse(&shown).as_ref(), Ok(n));
    assert_eq!(CertificateNumber::parse(n.digits()).as_ref(), Ok(n));
    assert_eq!(n.region(), &n.digits()[..2]);
    for pos in 0..12 {
        for d in b'0'..=b'9' {
            let mut typo = n.digits().as_bytes().to_vec();
            if typo[pos] == d {
                continue;
            }
            typo[pos] = d;
            let typo = String::from_utf8(typo).unwrap();
            assert_eq!(CertificateNumber::parse(&typo), Err(CertificateNumberError::Checksum), "{typo}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = CertificateNumber::parse(&input);
    assert_eq!(parsed.clone().map(|n| n.digits().to_string()), reference(&input), "{input:?}");
    if let Ok(n) = &parsed {
        round_trips(n);
    }
    // Every issued number is valid and keeps its region and serial.
    if let Some(bytes) = data.get(..5) {
        let region = bytes[0] % 100;
        let serial = u32::from_le_bytes(bytes[1..5].try_into().unwrap()) % 100_000_000;
        let n = CertificateNumber::new(region, serial);
        assert_eq!(n.digits()[..10], format!("{region:02}{serial:08}"));
        round_trips(&n);
    }
});
