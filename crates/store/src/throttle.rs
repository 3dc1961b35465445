//! Counting failed logins per key, in the database so that every app server sees the same count.

use crate::{AnyConnection, StoreError};

/// When the key is locked, until when.
pub async fn locked_until(
    conn: &mut AnyConnection,
    key: &str,
    now: &str,
) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT locked_until FROM login_throttle WHERE key = $1 AND locked_until > $2")
        .bind(key)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?)
}

pub struct Limit<'a> {
    /// Failures at or after this instant count; older ones start a new window.
    pub window_start: &'a str,
    pub max_failures: i64,
    /// Where the lock ends when the limit is reached.
    pub lock_until: &'a str,
}

/// Counts one failure; returns the lock's end when this failure reached the limit.
pub async fn record_failure(
    conn: &mut AnyConnection,
    key: &str,
    now: &str,
    limit: &Limit<'_>,
) -> Result<Option<String>, StoreError> {
    let (failures, locked): (i64, Option<String>) = sqlx::query_as(
        "INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, NULL)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
           window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END
         RETURNING failures, locked_until",
    )
    .bind(key)
    .bind(now)
    .bind(limit.window_start)
    .fetch_one(&mut *conn)
    .await?;
    if failures >= limit.max_failures {
        sqlx::query(
            "UPDATE login_throttle SET locked_until = $2, failures = 0, window_start = $3 WHERE key = $1",
        )
        .bind(key)
        .bind(limit.lock_until)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        return Ok(Some(limit.lock_until.to_string()));
    }
    Ok(locked)
}

/// Forgets the failures of a key (after a successful login).
pub async fn clear(conn: &mut AnyConnection, key: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(key).execute(&mut *conn).await?;
    Ok(())
}

/// Forgets keys whose window started and whose lock (if any) ended before `before`: such a row
/// no longer counts for anything (the next failure starts a new window anyway), and its key
/// is a login or an address someone typed.
pub async fn purge_stale(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "DELETE FROM login_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $1)",
    )
    .bind(before)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}
