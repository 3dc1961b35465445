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

/// A provider's place in the registry: applied → verified (the support centre checked its
/// documents) → active (runs certified programs and is paid); an active provider may be
/// suspended with a reason and resumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderStatus {
    Applied,
    Verified,
    Active,
    Suspended,
}

impl ProviderStatus {
    pub const ALL: [ProviderStatus; 4] = [
        ProviderStatus::Applied,
        ProviderStatus::Verified,
        ProviderStatus::Active,
        ProviderStatus::Suspended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProviderStatus::Applied => "applied",
            ProviderStatus::Verified => "verified",
            ProviderStatus::Active => "active",
            ProviderStatus::Suspended => "suspended",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ProviderStatus::Applied => "заявка подана",
            ProviderStatus::Verified => "документы проверены",
            ProviderStatus::Active => "работает",
            ProviderStatus::Suspended => "приостановлена",
        }
    }

    /// R07: money goes only to registered providers that work.
    pub fn may_be_paid(self) -> bool {
        self == ProviderStatus::Active
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderAction {
    Verify,
    Activate,
    Suspend,
    Resume,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("организацию со статусом «{}» нельзя перевести так", .0.title())]
pub struct ProviderTransitionError(pub ProviderStatus);

pub fn provider_transition(
    from: ProviderStatus,
    action: ProviderAction,
) -> Result<ProviderStatus, ProviderTransitionError> {
    use ProviderAction as A;
    use ProviderStatus as S;
    match (from, action) {
        (S::Applied, A::Verify) => Ok(S::Verified),
        (S::Verified, A::Activate) => Ok(S::Active),
        (S::Active, A::Suspend) => Ok(S::Suspended),
        (S::Suspended, A::Resume) => Ok(S::Active),
        _ => Err(ProviderTransitionError(from)),
    }
}

#[cfg(test)]
mod provider_tests {
    use super::*;

    #[test]
    fn r07_a_provider_is_paid_only_once_active_and_not_while_suspended() {
        use ProviderAction as A;
        let mut s = ProviderStatus::Applied;
        assert!(provider_transition(s, A::Activate).is_err(), "documents first");
        for a in [A::Verify, A::Activate, A::Suspend, A::Resume] {
            s = provider_transition(s, a).unwrap();
        }
        assert_eq!(s, ProviderStatus::Active);
        for st in ProviderStatus::ALL {
            assert_eq!(st.may_be_paid(), st == ProviderStatus::Active);
            assert_eq!(ProviderStatus::parse(st.code()), Some(st));
        }
    }
}
