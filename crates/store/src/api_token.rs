//! Bearer tokens for the API: short-lived ones from a login, long-lived ones for an
//! organization's systems. Stored as SHA-256 hashes.

use dopcert_domain::ids::{AccountId, OrganizationId};

use crate::{new_id, AnyConnection, StoreError};

pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub account_id: &'a AccountId,
    pub kind: &'a str,
    pub name: &'a str,
    pub now: &'a str,
    pub expires_at: Option<&'a str>,
    /// For an organization's system: the token acts as that organization's staff only.
    pub organization_id: Option<&'a OrganizationId>,
}

pub async fn insert(conn: &mut AnyConnection, t: &NewToken<'_>) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO api_token (id, token_hash, account_id, kind, name, created_at, expires_at, organization_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(t.token_hash)
    .bind(t.account_id.as_str())
    .bind(t.kind)
    .bind(t.name)
    .bind(t.now)
    .bind(t.expires_at)
    .bind(t.organization_id.map(OrganizationId::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The account of a live token, and the organization it is limited to, if any.
pub async fn account_of(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> Result<Option<(AccountId, Option<OrganizationId>)>, StoreError> {
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT account_id, organization_id FROM api_token
         WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(a, o)| (AccountId::from_string(a), o.map(OrganizationId::from_string))))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// An organization's integration tokens, the newest first.
pub async fn list_for_organization(
    conn: &mut AnyConnection,
    org: &OrganizationId,
) -> Result<Vec<TokenRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, revoked_at FROM api_token
         WHERE organization_id = $1 AND kind = 'integration' ORDER BY created_at DESC, id",
    )
    .bind(org.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Revokes one of the organization's tokens; false when there is no such live token.
pub async fn revoke(
    conn: &mut AnyConnection,
    id: &str,
    org: &OrganizationId,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE api_token SET revoked_at = $3 WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(org.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
