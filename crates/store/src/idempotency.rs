//! Idempotency keys of the API: the first answer to a request, kept under the account's key.
//! `take` and `answer` run inside the use case's transaction, so the key commits with the effect.

use crate::{AnyConnection, StoreError};

/// A key's request and the answer it got.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Stored {
    pub fingerprint: String,
    pub status: i64,
    pub body: String,
}

/// Takes the account's key for a request. False when the key is already taken: on PostgreSQL
/// a transaction that took it and has not finished is waited for (the primary key's lock), so
/// false means that it committed.
pub async fn take(
    conn: &mut AnyConnection,
    account: &str,
    key: &str,
    fingerprint: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO idempotency_key (account_id, key, fingerprint, status, body, created_at)
         VALUES ($1, $2, $3, NULL, NULL, $4) ON CONFLICT (account_id, key) DO NOTHING",
    )
    .bind(account)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a key taken in this transaction its answer.
pub async fn answer(
    conn: &mut AnyConnection,
    account: &str,
    key: &str,
    status: i64,
    body: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE idempotency_key SET status = $3, body = $4
         WHERE account_id = $1 AND key = $2 AND status IS NULL",
    )
    .bind(account)
    .bind(key)
    .bind(status)
    .bind(body)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict("idempotency_key answered twice".into()));
    }
    Ok(())
}

/// The answer kept under the account's key, if any.
pub async fn find(conn: &mut AnyConnection, account: &str, key: &str) -> Result<Option<Stored>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT fingerprint, status, body FROM idempotency_key
         WHERE account_id = $1 AND key = $2 AND status IS NOT NULL",
    )
    .bind(account)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Forgets the keys taken before `before`; returns how many.
pub async fn purge(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM idempotency_key WHERE created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
