//! Accounts (a way in for a person) and the roles they hold, each with its scope.

use dopcert_domain::ids::{AccountId, MunicipalityId, OrganizationId, PersonId, RegionId};
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;

use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Account {
    pub id: AccountId,
    pub person_id: PersonId,
    pub login: String,
    pub password_hash: Option<String>,
    pub active: bool,
}

/// A role with the place it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    pub role: Role,
    pub organization_id: Option<OrganizationId>,
    pub municipality_id: Option<MunicipalityId>,
    pub region_id: Option<RegionId>,
}

impl RoleGrant {
    pub fn personal(role: Role) -> Self {
        RoleGrant { role, organization_id: None, municipality_id: None, region_id: None }
    }

    pub fn in_organization(role: Role, o: OrganizationId) -> Self {
        RoleGrant { organization_id: Some(o), ..RoleGrant::personal(role) }
    }

    pub fn in_municipality(role: Role, m: MunicipalityId) -> Self {
        RoleGrant { municipality_id: Some(m), ..RoleGrant::personal(role) }
    }

    pub fn in_region(role: Role, r: RegionId) -> Self {
        RoleGrant { region_id: Some(r), ..RoleGrant::personal(role) }
    }
}

pub async fn insert(
    conn: &mut AnyConnection,
    person: &PersonId,
    login: &str,
    password_hash: Option<&str>,
    now: &str,
) -> Result<AccountId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO account (id, person_id, login, password_hash, status, created_at, last_active_at)
         VALUES ($1, $2, $3, $4, 'active', $5, $5)",
    )
    .bind(&id)
    .bind(person.as_str())
    .bind(login)
    .bind(password_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(AccountId::from_string(id))
}

/// Records a sign-in (a password, Госуслуги, an API token): what retention measures an adult's
/// absence from.
pub async fn signed_in(conn: &mut AnyConnection, account: &AccountId, now: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE account SET last_active_at = $2 WHERE id = $1")
        .bind(account.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Grants a role; granting the same role in the same scope twice is not an error.
/// (`ON CONFLICT DO NOTHING`, not a caught error: on PostgreSQL an error aborts the transaction.)
pub async fn grant(
    conn: &mut AnyConnection,
    account: &AccountId,
    g: &RoleGrant,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO account_role (account_id, role, organization_id, municipality_id, region_id, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(account.as_str())
    .bind(g.role.code())
    .bind(g.organization_id.as_ref().map(OrganizationId::as_str))
    .bind(g.municipality_id.as_ref().map(MunicipalityId::as_str))
    .bind(g.region_id.as_ref().map(RegionId::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    person_id: String,
    login: String,
    password_hash: Option<String>,
    status: String,
}

impl From<Row> for Account {
    fn from(r: Row) -> Self {
        Account {
            id: AccountId::from_string(r.id),
            person_id: PersonId::from_string(r.person_id),
            login: r.login,
            password_hash: r.password_hash,
            active: r.status == "active",
        }
    }
}

/// Creates an account with this login unless the login (or the person) already has one:
/// `None` then, and the caller tries the next login. No error is raised, so the surrounding
/// transaction stays usable on PostgreSQL.
pub async fn insert_if_free(
    conn: &mut AnyConnection,
    person: &PersonId,
    login: &str,
    now: &str,
) -> Result<Option<AccountId>, StoreError> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO account (id, person_id, login, password_hash, status, created_at, last_active_at)
         VALUES ($1, $2, $3, NULL, 'active', $4, $4) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(person.as_str())
    .bind(login)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then(|| AccountId::from_string(id)))
}

pub async fn by_person(conn: &mut AnyConnection, person: &PersonId) -> Result<Option<Account>, StoreError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, person_id, login, password_hash, status FROM account WHERE person_id = $1",
    )
    .bind(person.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Account::from))
}

pub async fn get(conn: &mut AnyConnection, id: &AccountId) -> Result<Account, StoreError> {
    let row: Row =
        sqlx::query_as("SELECT id, person_id, login, password_hash, status FROM account WHERE id = $1")
            .bind(id.as_str())
            .fetch_one(&mut *conn)
            .await?;
    Ok(row.into())
}

/// An account with its person's name, in one query: every API request loads its caller so.
pub async fn get_named(conn: &mut AnyConnection, id: &AccountId) -> Result<(Account, FullName), StoreError> {
    #[derive(sqlx::FromRow)]
    struct Named {
        #[sqlx(flatten)]
        account: Row,
        last_name: String,
        first_name: String,
        middle_name: Option<String>,
    }
    let row: Named = sqlx::query_as(
        "SELECT a.id, a.person_id, a.login, a.password_hash, a.status, p.last_name, p.first_name, p.middle_name
         FROM account a JOIN person p ON p.id = a.person_id WHERE a.id = $1",
    )
    .bind(id.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let name = FullName::new(&row.last_name, &row.first_name, row.middle_name.as_deref())
        .map_err(|_| StoreError::Corrupt("person.name"))?;
    Ok((row.account.into(), name))
}

pub async fn set_password(
    conn: &mut AnyConnection,
    id: &AccountId,
    hash: &str,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE account SET password_hash = $2, password_changed_at = $3 WHERE id = $1")
        .bind(id.as_str())
        .bind(hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Logins are compared in lower case: people type them on phones.
pub async fn by_login(conn: &mut AnyConnection, login: &str) -> Result<Option<Account>, StoreError> {
    let row: Option<Row> =
        sqlx::query_as("SELECT id, person_id, login, password_hash, status FROM account WHERE login = $1")
            .bind(login.trim().to_lowercase())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(Account::from))
}

#[derive(sqlx::FromRow)]
struct RoleRow {
    role: String,
    organization_id: Option<String>,
    municipality_id: Option<String>,
    region_id: Option<String>,
}

pub async fn roles(conn: &mut AnyConnection, account: &AccountId) -> Result<Vec<RoleGrant>, StoreError> {
    let rows: Vec<RoleRow> = sqlx::query_as(
        "SELECT role, organization_id, municipality_id, region_id FROM account_role
         WHERE account_id = $1 ORDER BY granted_at, role",
    )
    .bind(account.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(RoleGrant {
                role: r.role.parse().map_err(|_| StoreError::Corrupt("account_role.role"))?,
                organization_id: r.organization_id.map(OrganizationId::from_string),
                municipality_id: r.municipality_id.map(MunicipalityId::from_string),
                region_id: r.region_id.map(RegionId::from_string),
            })
        })
        .collect()
}

/// Takes exactly this role in this scope away; true when the account held it.
pub async fn revoke(
    conn: &mut AnyConnection,
    account: &AccountId,
    g: &RoleGrant,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM account_role WHERE account_id = $1 AND role = $2 AND COALESCE(organization_id, '') = $3
           AND COALESCE(municipality_id, '') = $4 AND COALESCE(region_id, '') = $5",
    )
    .bind(account.as_str())
    .bind(g.role.code())
    .bind(g.organization_id.as_ref().map_or("", OrganizationId::as_str))
    .bind(g.municipality_id.as_ref().map_or("", MunicipalityId::as_str))
    .bind(g.region_id.as_ref().map_or("", RegionId::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
