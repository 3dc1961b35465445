//! Roles and the scope each one sees (DESIGN.md, «People and what they do»).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Parent,
    Child,
    OrganizationStaff,
    OrganizationAdmin,
    MunicipalOperator,
    RegionalAdmin,
    Auditor,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Parent,
        Role::Child,
        Role::OrganizationStaff,
        Role::OrganizationAdmin,
        Role::MunicipalOperator,
        Role::RegionalAdmin,
        Role::Auditor,
    ];

    /// The code stored in the database and used in the API.
    pub fn code(self) -> &'static str {
        match self {
            Role::Parent => "parent",
            Role::Child => "child",
            Role::OrganizationStaff => "organization_staff",
            Role::OrganizationAdmin => "organization_admin",
            Role::MunicipalOperator => "municipal_operator",
            Role::RegionalAdmin => "regional_admin",
            Role::Auditor => "auditor",
        }
    }

    /// The name people read.
    pub fn title(self) -> &'static str {
        match self {
            Role::Parent => "Родитель (законный представитель)",
            Role::Child => "Обучающийся",
            Role::OrganizationStaff => "Сотрудник организации",
            Role::OrganizationAdmin => "Администратор организации",
            Role::MunicipalOperator => "Муниципальный опорный центр",
            Role::RegionalAdmin => "Региональный модельный центр",
            Role::Auditor => "Контроль (только просмотр)",
        }
    }

    /// The kind of scope the role is bound to.
    pub fn scope_kind(self) -> ScopeKind {
        match self {
            Role::Parent | Role::Child => ScopeKind::Person,
            Role::OrganizationStaff | Role::OrganizationAdmin => ScopeKind::Organization,
            Role::MunicipalOperator => ScopeKind::Municipality,
            Role::RegionalAdmin => ScopeKind::Region,
            Role::Auditor => ScopeKind::Any,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("неизвестная роль: {0}")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// What a role's scope is bound to: a parent and a child see their own people, staff their
/// organization, an operator their municipality, the regional admin the region; an auditor is
/// bound to whichever of organization, municipality or region it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Person,
    Organization,
    Municipality,
    Region,
    Any,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_code_reads_back() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        assert!("root".parse::<Role>().is_err());
    }
}
