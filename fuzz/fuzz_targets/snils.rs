//! SNILS: the parser agrees with a plain reading of the rule, and a parsed number re-renders
//! and re-parses to itself.
#![no_main]

use dopcert_domain::snils::{Snils, SnilsError};
use libfuzzer_sys::fuzz_target;

/// The rule as the Pension Fund states it, written apart from the parser: 11 digits once
/// spaces, dashes and no-break spaces are dropped; above 001-001-998 the last two are the
/// weighted sum of the first nine (weights 9…1) modulo 101, with 100 read as 00.
fn reference(input: &str) -> Result<String, SnilsError> {
    let kept: String = input.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    if !kept.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SnilsError::NotDigits);
    }
    if kept.len() != 11 {
        return Err(SnilsError::Length);
    }
    let digit = |i: usize| u64::from(kept.as_bytes()[i] - b'0');
    let sum: u64 = (0..9).map(|i| digit(i) * (9 - i as u64)).sum();
    let base: u64 = kept[..9].parse().unwrap();
    let check: u64 = kept[9..].parse().unwrap();
    if base > 1_001_998 && check != sum % 101 % 100 {
        return Err(SnilsError::Checksum);
    }
    Ok(kept)
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let parsed = Snils::parse(&input);
    assert_eq!(parsed.clone().map(|s| s.digits().to_string()), reference(&input), "{input:?}");
    if let Ok(s) = parsed {
        let shown = s.to_string();
        assert_eq!(shown.len(), 14, "{shown}");
        assert_eq!(Snils::parse(&shown).as_ref(), Ok(&s), "printed form re-parses");
        assert_eq!(Snils::parse(s.digits()).as_ref(), Ok(&s), "stored form re-parses");
        assert_eq!(format!("{s:?}"), "Snils(***)", "Debug never shows the number");
    }
    // Every generated number is valid.
    if let Some(bytes) = data.get(..4) {
        let base = u32::from_le_bytes(bytes.try_into().unwrap()) % 1_000_000_000;
        let s = Snils::from_base(base);
        assert_eq!(Snils::parse(&s.to_string()).as_ref(), Ok(&s));
    }
});
