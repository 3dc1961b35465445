//! The registry of providers: statuses and their log, bank details, and staff joining an
//! organization by invitation and approval.

use dopcert_domain::ids::{AccountId, MunicipalityId, OrganizationId, RegionId};
use dopcert_domain::organization::ProviderStatus;

use crate::{new_id, AnyConnection, StoreError, FULL_NAME};

/// What a provider keeps up to date itself: licence, contacts and bank details.
pub struct Details<'a> {
    pub licence: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub bank_name: &'a str,
    pub bik: &'a str,
    pub settlement_account: &'a str,
    pub head_name: Option<&'a str>,
}

pub async fn set_details(
    conn: &mut AnyConnection,
    id: &OrganizationId,
    d: &Details<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE organization SET licence = $2, phone = $3, email = $4, bank_name = $5, bik = $6,
                settlement_account = $7, head_name = COALESCE($8, head_name)
         WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(d.licence)
    .bind(d.phone)
    .bind(d.email)
    .bind(d.bank_name)
    .bind(d.bik)
    .bind(d.settlement_account)
    .bind(d.head_name)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves a provider from `from` to `to`; the guard makes concurrent decisions end in one.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &OrganizationId,
    from: ProviderStatus,
    to: ProviderStatus,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE organization SET provider_status = $3, status_reason = $4 WHERE id = $1 AND provider_status = $2",
    )
    .bind(id.as_str())
    .bind(from.code())
    .bind(to.code())
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("organization.provider_status".into()))
    }
}

pub async fn log(
    conn: &mut AnyConnection,
    id: &OrganizationId,
    action: &str,
    reason: Option<&str>,
    author: Option<&AccountId>,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO provider_event (id, organization_id, action, reason, account_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(id.as_str())
    .bind(action)
    .bind(reason)
    .bind(author.map(|a| a.as_str()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// (action, reason, author's name, at), newest first.
pub async fn events(
    conn: &mut AnyConnection,
    id: &OrganizationId,
) -> Result<Vec<(String, Option<String>, Option<String>, String)>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT e.action, e.reason, {FULL_NAME}, e.at
             FROM provider_event e LEFT JOIN account a ON a.id = e.account_id
                                   LEFT JOIN person p ON p.id = a.person_id
             WHERE e.organization_id = $1 ORDER BY e.at DESC, e.id DESC"
    ))
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// One line of the registry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub id: String,
    pub short_name: String,
    pub kind: String,
    pub inn: String,
    pub provider_status: String,
    pub municipality_name: String,
}

/// Providers in a status, of one municipality or (None) of the whole region; by name.
pub async fn registry(
    conn: &mut AnyConnection,
    status: ProviderStatus,
    municipality: Option<&MunicipalityId>,
    region: &RegionId,
) -> Result<Vec<Entry>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.short_name, o.kind, o.inn, o.provider_status, m.name AS municipality_name
         FROM organization o JOIN municipality m ON m.id = o.municipality_id
         WHERE o.provider_status = $1 AND m.region_id = $2 AND ($3 = '' OR o.municipality_id = $3)
         ORDER BY o.short_name LIMIT 1000",
    )
    .bind(status.code())
    .bind(region.as_str())
    .bind(municipality.map(|m| m.as_str()).unwrap_or(""))
    .fetch_all(&mut *conn)
    .await?)
}

/// Accounts holding the organization's admin role.
pub async fn admins(conn: &mut AnyConnection, id: &OrganizationId) -> Result<Vec<AccountId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT account_id FROM account_role WHERE organization_id = $1 AND role = 'organization_admin'",
    )
    .bind(id.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(AccountId::from_string).collect())
}

// ---- staff ----

pub async fn insert_invitation(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    code_hash: &str,
    name: &str,
    author: &AccountId,
    now: &str,
    expires: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO staff_invitation (id, organization_id, code_hash, name, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(organization.as_str())
    .bind(code_hash)
    .bind(name)
    .bind(author.as_str())
    .bind(now)
    .bind(expires)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks an unused, unexpired invitation used by `account`; returns (invitation, organization),
/// or None when there is no such code (or it was used or ran out). One use only, by the guard.
pub async fn use_invitation(
    conn: &mut AnyConnection,
    code_hash: &str,
    account: &AccountId,
    now: &str,
) -> Result<Option<(String, OrganizationId)>, StoreError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "UPDATE staff_invitation SET used_by = $2, used_at = $3
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $3
         RETURNING id, organization_id",
    )
    .bind(code_hash)
    .bind(account.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(id, org)| (id, OrganizationId::from_string(org))))
}

pub async fn insert_request(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    account: &AccountId,
    invitation: &str,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO staff_request (id, organization_id, account_id, invitation_id, status, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(new_id())
    .bind(organization.as_str())
    .bind(account.as_str())
    .bind(invitation)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Decides a pending request; returns the account it was for, or None when it was not pending
/// (another admin decided first) or not this organization's.
pub async fn decide_request(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    id: &str,
    approve: bool,
    reason: Option<&str>,
    admin: &AccountId,
    now: &str,
) -> Result<Option<AccountId>, StoreError> {
    let account: Option<String> = sqlx::query_scalar(
        "UPDATE staff_request SET status = $3, reason = $4, decided_by = $5, decided_at = $6
         WHERE id = $1 AND organization_id = $2 AND status = 'pending' RETURNING account_id",
    )
    .bind(id)
    .bind(organization.as_str())
    .bind(if approve { "approved" } else { "rejected" })
    .bind(reason)
    .bind(admin.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(account.map(AccountId::from_string))
}

/// Someone attached to an organization, or waiting to be.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    /// The request's id (pending) or the account's id (staff).
    pub id: String,
    pub full_name: String,
    pub login: String,
    pub role: String,
    pub since: String,
}

const NAME: &str = FULL_NAME;

pub async fn pending(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
) -> Result<Vec<Member>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT r.id, {NAME} AS full_name, a.login, 'pending' AS role, r.created_at AS since
         FROM staff_request r JOIN account a ON a.id = r.account_id JOIN person p ON p.id = a.person_id
         WHERE r.organization_id = $1 AND r.status = 'pending' ORDER BY r.created_at"
    ))
    .bind(organization.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn staff(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
) -> Result<Vec<Member>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.id, {NAME} AS full_name, a.login, ar.role, ar.granted_at AS since
         FROM account_role ar JOIN account a ON a.id = ar.account_id JOIN person p ON p.id = a.person_id
         WHERE ar.organization_id = $1 AND ar.role IN ('organization_staff', 'organization_admin')
         ORDER BY ar.role DESC, full_name"
    ))
    .bind(organization.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Takes the staff role away; true when there was one.
pub async fn revoke_staff(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    account: &AccountId,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM account_role WHERE account_id = $1 AND organization_id = $2 AND role = 'organization_staff'",
    )
    .bind(account.as_str())
    .bind(organization.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Invitations not yet used, with their expiry: (name, created_at, expires_at).
pub async fn open_invitations(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    now: &str,
) -> Result<Vec<(String, String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT name, created_at, expires_at FROM staff_invitation
         WHERE organization_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC",
    )
    .bind(organization.as_str())
    .bind(now)
    .fetch_all(&mut *conn)
    .await?)
}
