//! Helpers for the checksummed numbers (SNILS, ИНН, ОГРН): parse a string of ASCII digits.

/// The digits of `s`, or `None` when `s` holds anything but ASCII digits.
pub(crate) fn parse(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10).filter(|_| c.is_ascii_digit())).collect()
}

/// Digits of `s` after dropping the separators people type (spaces, dashes).
pub(crate) fn parse_loose(s: &str) -> Option<Vec<u32>> {
    let kept: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect();
    parse(&kept)
}

/// Weighted sum of digits, the common step of every checksum here.
pub(crate) fn weighted(digits: &[u32], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum()
}
