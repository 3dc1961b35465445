//! Organizations: the schools, kindergartens, ДТДМ and private providers of the region.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    School,
    Kindergarten,
    /// Дворец творчества детей и молодёжи and other municipal centres of additional education.
    CreativityCenter,
    SportSchool,
    PrivateOrganization,
    SoleEntrepreneur,
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 6] = [
        OrganizationKind::School,
        OrganizationKind::Kindergarten,
        OrganizationKind::CreativityCenter,
        OrganizationKind::SportSchool,
        OrganizationKind::PrivateOrganization,
        OrganizationKind::SoleEntrepreneur,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrganizationKind::School => "school",
            OrganizationKind::Kindergarten => "kindergarten",
            OrganizationKind::CreativityCenter => "creativity_center",
            OrganizationKind::SportSchool => "sport_school",
            OrganizationKind::PrivateOrganization => "private_organization",
            OrganizationKind::SoleEntrepreneur => "sole_entrepreneur",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            OrganizationKind::School => "Школа",
            OrganizationKind::Kindergarten => "Детский сад",
            OrganizationKind::CreativityCenter => "Учреждение дополнительного образования",
            OrganizationKind::SportSchool => "Спортивная школа",
            OrganizationKind::PrivateOrganization => "Частная организация",
            OrganizationKind::SoleEntrepreneur => "Индивидуальный предприниматель",
        }
    }

    /// Sole entrepreneurs carry a 12-digit ИНН and a 15-digit ОГРНИП; everyone else 10 and 13.
    pub fn is_personal(self) -> bool {
        self == OrganizationKind::SoleEntrepreneur
    }
}
