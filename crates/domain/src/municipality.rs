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
}
