//! Small facts about the installation, as key → text.

use crate::{AnyConnection, StoreError};

pub async fn get(conn: &mut AnyConnection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT value FROM setting WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn put(conn: &mut AnyConnection, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO setting (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
