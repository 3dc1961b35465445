//! Server-side sessions: the cookie carries a random token, the table its SHA-256 hash.

use dopcert_domain::ids::AccountId;

use crate::{AnyConnection, StoreError};

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account_id: &'a AccountId,
    pub must_set_password: bool,
    pub csrf_token: &'a str,
    pub user_agent: &'a str,
    pub now: &'a str,
    pub expires_at: &'a str,
    /// How the person proved who they are: 'password' or 'esia'.
    pub via: &'a str,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub account_id: String,
    pub active_role: i64,
    pub must_set_password: i64,
    pub csrf_token: String,
    pub user_agent: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub via: String,
}

pub async fn insert(conn: &mut AnyConnection, s: &NewSession<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO session (token_hash, account_id, active_role, must_set_password, csrf_token, user_agent,
                              created_at, last_seen_at, expires_at, via)
         VALUES ($1, $2, 0, $3, $4, $5, $6, $6, $7, $8)",
    )
    .bind(s.token_hash)
    .bind(s.account_id.as_str())
    .bind(i64::from(s.must_set_password))
    .bind(s.csrf_token)
    .bind(s.user_agent)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.via)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const COLUMNS: &str = "token_hash, account_id, active_role, must_set_password, csrf_token, user_agent, \
                       created_at, last_seen_at, expires_at, via";

/// The session, if it has neither reached its end nor been idle since `idle_cutoff`.
pub async fn get_live(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
    idle_cutoff: &str,
) -> Result<Option<SessionRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM session WHERE token_hash = $1 AND expires_at > $2 AND last_seen_at > $3"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(idle_cutoff)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Marks the session as used now, at most once per `since` (keeps reads from becoming writes).
pub async fn touch(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: &str,
    since: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE session SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $3")
        .bind(token_hash)
        .bind(now)
        .bind(since)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM session WHERE token_hash = $1").bind(token_hash).execute(&mut *conn).await?;
    Ok(())
}

/// Ends every session of the account except `keep` (or all, with `None`): logout everywhere.
pub async fn delete_for_account(
    conn: &mut AnyConnection,
    account: &AccountId,
    keep: Option<&str>,
) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM session WHERE account_id = $1 AND token_hash <> $2")
        .bind(account.as_str())
        .bind(keep.unwrap_or(""))
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// The account's live sessions, the most recently used first.
pub async fn list_for_account(
    conn: &mut AnyConnection,
    account: &AccountId,
    now: &str,
    idle_cutoff: &str,
) -> Result<Vec<SessionRow>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM session WHERE account_id = $1 AND expires_at > $2 AND last_seen_at > $3
         ORDER BY last_seen_at DESC"
    ))
    .bind(account.as_str())
    .bind(now)
    .bind(idle_cutoff)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn set_active_role(
    conn: &mut AnyConnection,
    token_hash: &str,
    index: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE session SET active_role = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(index)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn password_set(conn: &mut AnyConnection, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE session SET must_set_password = 0 WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes sessions past their end; run now and then.
pub async fn purge_expired(
    conn: &mut AnyConnection,
    now: &str,
    idle_cutoff: &str,
) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(idle_cutoff)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
