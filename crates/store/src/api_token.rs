//! Bearer tokens for the API: short-lived ones from a login, long-lived ones for an
//! organization's systems. Stored as SHA-256 hashes.

use dopcert_domain::ids::AccountId;

use crate::{new_id, AnyConnection, StoreError};

pub struct NewToken<'a> {
    pub token_hash: &'a str,
    pub account_id: &'a AccountId,
    pub kind: &'a str,
    pub name: &'a str,
    pub now: &'a str,
    pub expires_at: Option<&'a str>,
}

pub async fn insert(conn: &mut AnyConnection, t: &NewToken<'_>) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO api_token (id, token_hash, account_id, kind, name, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(t.token_hash)
    .bind(t.account_id.as_str())
    .bind(t.kind)
    .bind(t.name)
    .bind(t.now)
    .bind(t.expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The account of a live token.
pub async fn account_of(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
) -> Result<Option<AccountId>, StoreError> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT account_id FROM api_token
         WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(AccountId::from_string))
}
