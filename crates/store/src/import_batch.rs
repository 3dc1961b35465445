//! Pupils files waiting for confirmation.

use dopcert_domain::ids::{AccountId, OrganizationId};

use crate::sealed::{self, Purpose};
use crate::{new_id, AnyConnection, StoreError};

pub async fn insert(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
    created_by: &AccountId,
    file_name: &str,
    row_count: i64,
    rows_json: &str,
    now: &str,
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO import_batch (id, organization_id, created_by, file_name, row_count, rows_json, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'preview', $7)",
    )
    .bind(&id)
    .bind(organization.as_str())
    .bind(created_by.as_str())
    .bind(file_name)
    .bind(row_count)
    // Pupils' names, birth dates and SNILS: sealed like every SNILS at rest.
    .bind(sealed::seal(Purpose::ImportRows, rows_json)?)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The batch's rows, if it belongs to the organization and still waits for confirmation.
pub async fn pending_rows(
    conn: &mut AnyConnection,
    id: &str,
    organization: &OrganizationId,
) -> Result<Option<(String, String)>, StoreError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT file_name, rows_json FROM import_batch WHERE id = $1 AND organization_id = $2 AND status = 'preview'",
    )
    .bind(id)
    .bind(organization.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((file, rows)) = row else { return Ok(None) };
    if !sealed::is_sealed(&rows) {
        return Ok(Some((file, rows))); // written before sealing; start-up seals those
    }
    Ok(Some((file, sealed::open(Purpose::ImportRows, &rows, "import_batch.rows_json")?)))
}

/// Marks the batch committed; false when it was committed already (a second click, another
/// server): the guard that makes the commit happen once.
pub async fn mark_committed(
    conn: &mut AnyConnection,
    id: &str,
    organization: &OrganizationId,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE import_batch SET status = 'committed', committed_at = $3, rows_json = ''
         WHERE id = $1 AND organization_id = $2 AND status = 'preview'",
    )
    .bind(id)
    .bind(organization.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Rows of a batch still waiting for confirmation.
pub async fn pending_count(
    conn: &mut AnyConnection,
    id: &str,
    organization: &OrganizationId,
) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT row_count FROM import_batch WHERE id = $1 AND organization_id = $2 AND status = 'preview'",
    )
    .bind(id)
    .bind(organization.as_str())
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn is_committed(
    conn: &mut AnyConnection,
    id: &str,
    organization: &OrganizationId,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM import_batch WHERE id = $1 AND organization_id = $2 AND status = 'committed'",
    )
    .bind(id)
    .bind(organization.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n == 1)
}

// Retention (docs/SECURITY.md, `app::retention`): statements that never read `rows_json`.

/// Deletes the previews created before `before` and never confirmed: their rows are pupils'
/// names, birth dates and SNILS.
pub async fn forget_previews(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done = sqlx::query("DELETE FROM import_batch WHERE status = 'preview' AND created_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// Empties the rows of batches committed before `before` (the commit empties them already;
/// this catches any left by older versions); the file's name and counts stay.
pub async fn empty_committed(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE import_batch SET rows_json = '' WHERE status = 'committed' AND committed_at < $1 AND rows_json <> ''",
    )
    .bind(before)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}
