//! One-time passwords that schools print on slips: one live per account, used once.

use dopcert_domain::ids::AccountId;

use crate::{AnyConnection, StoreError};

/// Issues (or reissues: the old one dies at once) the account's one-time password.
pub async fn replace(
    conn: &mut AnyConnection,
    account: &AccountId,
    code_hash: &str,
    issued_by: Option<&AccountId>,
    now: &str,
    expires_at: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO one_time_password (account_id, code_hash, issued_by, issued_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id) DO UPDATE
           SET code_hash = excluded.code_hash, issued_by = excluded.issued_by,
               issued_at = excluded.issued_at, expires_at = excluded.expires_at",
    )
    .bind(account.as_str())
    .bind(code_hash)
    .bind(issued_by.map(AccountId::as_str))
    .bind(now)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Uses the one-time password if it matches and is live. One statement deletes it, so two
/// logins racing with the same code cannot both succeed.
pub async fn consume(
    conn: &mut AnyConnection,
    account: &AccountId,
    code_hash: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "DELETE FROM one_time_password WHERE account_id = $1 AND code_hash = $2 AND expires_at > $3",
    )
    .bind(account.as_str())
    .bind(code_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Drops the account's one-time password (once the person has set their own).
pub async fn delete(conn: &mut AnyConnection, account: &AccountId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM one_time_password WHERE account_id = $1")
        .bind(account.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Removes one-time passwords that expired before `before`: unused, they open nothing.
pub async fn purge_expired(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM one_time_password WHERE expires_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}
