//! Applications to groups: the row, the seat it takes, and the live ones of a group.

use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::ids::{AccountId, CertificateId, GroupId, PersonId, ProgramId};
use dopcert_domain::money::Kopecks;
use jiff::civil::Date;

use crate::time::date;
use crate::{new_id, AnyConnection, StoreError};

/// Takes one seat of the group if one is free; false when the group is full (R09: the guard,
/// not a read before it, decides).
pub async fn take_seat(conn: &mut AnyConnection, group: &GroupId) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE program_group SET seats_taken = seats_taken + 1 WHERE id = $1 AND seats_taken < seats",
    )
    .bind(group.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewApplication<'a> {
    pub group: &'a GroupId,
    pub program: &'a ProgramId,
    pub child: &'a PersonId,
    pub certificate: Option<&'a CertificateId>,
    pub status: ApplicationStatus,
    pub applied_by: &'a AccountId,
    pub starts_on: Date,
    pub ends_on: Date,
    pub price_per_month: Kopecks,
    pub covered_per_month: Kopecks,
    pub hold: Kopecks,
}

/// Writes the application; a live one for the same child and group is a conflict.
pub async fn insert(
    conn: &mut AnyConnection,
    a: &NewApplication<'_>,
    now: &str,
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO application (id, group_id, program_id, child_id, certificate_id, status, applied_by, starts_on,
                                  ends_on, price_per_month, covered_per_month, hold, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
    )
    .bind(&id)
    .bind(a.group.as_str())
    .bind(a.program.as_str())
    .bind(a.child.as_str())
    .bind(a.certificate.map(|c| c.as_str()))
    .bind(a.status.code())
    .bind(a.applied_by.as_str())
    .bind(date(a.starts_on))
    .bind(date(a.ends_on))
    .bind(a.price_per_month.get())
    .bind(a.covered_per_month.get())
    .bind(a.hold.get())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// How many applications of a group are in each status: (status, count).
pub async fn counts(conn: &mut AnyConnection, group: &GroupId) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT status, COUNT(*) FROM application WHERE group_id = $1 GROUP BY status ORDER BY status",
    )
    .bind(group.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// Groups where the live applications holding a seat differ from the seats taken, or the seats
/// taken exceed the seats (for `verify` and tests): (group id, seats, taken, holding).
pub async fn seat_mismatches(conn: &mut AnyConnection) -> Result<Vec<(String, i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT g.id, CAST(g.seats AS BIGINT), CAST(g.seats_taken AS BIGINT),
                CAST((SELECT COUNT(*) FROM application a
                      WHERE a.group_id = g.id AND a.status IN ('offered', 'pending', 'enrolled')) AS BIGINT) AS holding
         FROM program_group g
         WHERE g.seats_taken > g.seats
            OR (EXISTS (SELECT 1 FROM application a WHERE a.group_id = g.id)
                AND g.seats_taken <> (SELECT COUNT(*) FROM application a
                                      WHERE a.group_id = g.id AND a.status IN ('offered', 'pending', 'enrolled')))",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// An application as the use cases read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Application {
    pub id: String,
    pub group_id: String,
    pub program_id: String,
    pub child_id: String,
    pub certificate_id: Option<String>,
    pub status: String,
    pub hold: i64,
}

pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Application>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, group_id, program_id, child_id, certificate_id, status, hold FROM application WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Moves an application from `from` to `to`; false when it was no longer in `from` (a decision
/// and a withdrawal at the same moment: one of them wins).
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &str,
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: Option<&str>,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE application SET status = $3, reason = COALESCE($4, reason), updated_at = $5
         WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(from.code())
    .bind(to.code())
    .bind(reason)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a seat back to the group.
pub async fn free_seat(conn: &mut AnyConnection, group: &str) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE program_group SET seats_taken = seats_taken - 1 WHERE id = $1 AND seats_taken > 0",
    )
    .bind(group)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Corrupt("program_group.seats_taken"))
    }
}
