//! Municipalities: the towns and districts that set the nominal and the funded quota (R06).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MunicipalityKind {
    /// Городской округ.
    UrbanOkrug,
    /// Муниципальный округ.
    MunicipalOkrug,
    /// Муниципальный район.
    District,
    /// Закрытое административно-территориальное образование.
    Zato,
}

impl MunicipalityKind {
    pub const ALL: [MunicipalityKind; 4] = [
        MunicipalityKind::UrbanOkrug,
        MunicipalityKind::MunicipalOkrug,
        MunicipalityKind::District,
        MunicipalityKind::Zato,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MunicipalityKind::UrbanOkrug => "urban_okrug",
            MunicipalityKind::MunicipalOkrug => "municipal_okrug",
            MunicipalityKind::District => "district",
            MunicipalityKind::Zato => "zato",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            MunicipalityKind::UrbanOkrug => "Городской округ",
            MunicipalityKind::MunicipalOkrug => "Муниципальный округ",
            MunicipalityKind::District => "Муниципальный район",
            MunicipalityKind::Zato => "ЗАТО",
        }
    }
}

/// A municipality's short code within its region, as the demo's are: Latin words in lower case
/// joined by hyphens (`tver`, `vyshny-volochek`, `kimry-district`). It is stable: reports and
/// imports name municipalities by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "код — латинские строчные буквы и цифры, слова через дефис, от 2 до 40 знаков, например vyshny-volochek"
)]
pub struct MunicipalityCodeError;

impl MunicipalityCode {
    pub fn parse(input: &str) -> Result<Self, MunicipalityCodeError> {
        let s = input.trim().to_lowercase();
        let word_ok =
            |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let starts_with_letter = s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if (2..=40).contains(&s.len()) && starts_with_letter && s.split('-').all(word_ok) {
            Ok(MunicipalityCode(s))
        } else {
            Err(MunicipalityCodeError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_latin_words_joined_by_hyphens() {
        for ok in ["tver", "vyshny-volochek", "kimry-district", "zato2", " Rzhev "] {
            assert!(MunicipalityCode::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(MunicipalityCode::parse(" Rzhev ").unwrap().as_str(), "rzhev");
        for bad in ["", "t", "тверь", "tver-", "-tver", "tver--city", "tver city", "2tver", "tver_city"]
        {
            assert!(MunicipalityCode::parse(bad).is_err(), "{bad}");
        }
        assert!(MunicipalityCode::parse(&"a".repeat(41)).is_err());
    }
}
