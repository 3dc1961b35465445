//! Money is integer kopecks; never a float.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount in kopecks. Shown to people as «5 000,00 ₽» (`format::money`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Kopecks(i64);

impl Kopecks {
    pub const ZERO: Kopecks = Kopecks(0);

    pub const fn new(kopecks: i64) -> Self {
        Kopecks(kopecks)
    }

    pub const fn from_rubles(rubles: i64) -> Self {
        Kopecks(rubles * 100)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Kopecks) -> Option<Kopecks> {
        self.0.checked_add(other.0).map(Kopecks)
    }

    pub fn checked_sub(self, other: Kopecks) -> Option<Kopecks> {
        self.0.checked_sub(other.0).map(Kopecks)
    }

    /// Reads roubles as people type them: «1500», «1 500,50», «1500.5», «-10». None for
    /// anything else (letters, three decimals, more than a trillion).
    pub fn parse_rubles(raw: &str) -> Option<Kopecks> {
        let t: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '₽').collect();
        let t = t.replace(',', ".");
        let (negative, t) = match t.strip_prefix(['-', '−']) {
            Some(rest) => (true, rest.to_string()),
            None => (false, t),
        };
        let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !digits(whole) || whole.len() > 12 || frac.len() > 2 || (!frac.is_empty() && !digits(frac)) {
            return None;
        }
        let rubles: i64 = whole.parse().ok()?;
        let kopecks: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
        let k = rubles * 100 + kopecks;
        Some(Kopecks(if negative { -k } else { k }))
    }

    /// The amount as a form shows it back: «1500» or «1500,50».
    pub fn to_input(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        match abs % 100 {
            0 => format!("{sign}{}", abs / 100),
            k => format!("{sign}{},{k:02}", abs / 100),
        }
    }
}

impl fmt::Display for Kopecks {
    /// «5 000,00 ₽»: see [`crate::format::money`], the one place money is written for people.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::format::money(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_roubles_the_russian_way() {
        assert_eq!(Kopecks::new(500_000).to_string(), "5\u{a0}000,00\u{a0}₽");
        assert_eq!(Kopecks::new(7).to_string(), "0,07\u{a0}₽");
        assert_eq!(Kopecks::new(123_456_789).to_string(), "1\u{a0}234\u{a0}567,89\u{a0}₽");
        assert_eq!(Kopecks::new(-150).to_string(), "−1,50\u{a0}₽");
    }

    #[test]
    fn reads_roubles_as_people_type_them() {
        for (raw, k) in
            [("1500", 150_000), ("1 500,50", 150_050), ("1500.5", 150_050), (" 0 ", 0), ("-10", -1_000)]
        {
            let got = Kopecks::parse_rubles(raw);
            assert_eq!(got, Some(Kopecks::new(k)), "{raw}");
            assert_eq!(Kopecks::parse_rubles(&got.unwrap().to_input()), got);
        }
        for bad in ["", "abc", "1,234", "1.2.3", "10e3", "9999999999999"] {
            assert_eq!(Kopecks::parse_rubles(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic_does_not_overflow_silently() {
        assert_eq!(Kopecks::new(i64::MAX).checked_add(Kopecks::new(1)), None);
        assert_eq!(Kopecks::from_rubles(3).checked_sub(Kopecks::new(50)), Some(Kopecks::new(250)));
    }
}
