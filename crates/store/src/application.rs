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
    /// The family accepted the contract (оферта) with this application.
    pub contract_accepted: bool,
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
                                  ends_on, price_per_month, covered_per_month, hold, created_at, updated_at,
                                  contract_accepted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)",
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
    .bind(a.contract_accepted.then_some(now))
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

/// Groups where the seats taken differ from the seats filled outside plus the applications
/// holding a seat, or exceed the seats (for `verify` and tests): (group id, seats, taken, holding).
pub async fn seat_mismatches(conn: &mut AnyConnection) -> Result<Vec<(String, i64, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT g.id, CAST(g.seats AS BIGINT), CAST(g.seats_taken AS BIGINT),
                CAST((SELECT COUNT(*) FROM application a
                      WHERE a.group_id = g.id AND a.status IN ('offered', 'pending', 'enrolled')) AS BIGINT) AS holding
         FROM program_group g
         WHERE g.seats_taken > g.seats
            OR g.seats_taken <> g.seats_outside + (SELECT COUNT(*) FROM application a
                                 WHERE a.group_id = g.id AND a.status IN ('offered', 'pending', 'enrolled'))",
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
    /// The certificate's share of the whole contract still held or already charged.
    pub hold: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub price_per_month: i64,
    pub covered_per_month: i64,
    pub offer_until: Option<String>,
    pub draw_rank: Option<i64>,
    pub created_at: String,
}

const COLUMNS: &str = "id, group_id, program_id, child_id, certificate_id, status, hold, starts_on, ends_on,
     price_per_month, covered_per_month, offer_until, CAST(draw_rank AS BIGINT) AS draw_rank, created_at";

pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Application>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM application WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The first in a group's line: drawn rank first (a lottery's order), then the order of applying.
pub async fn first_waiting(conn: &mut AnyConnection, group: &str) -> Result<Option<Application>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM application WHERE group_id = $1 AND status = 'waitlisted'
         ORDER BY CASE WHEN draw_rank IS NULL THEN 1 ELSE 0 END, draw_rank, created_at, id LIMIT 1"
    ))
    .bind(group)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The applications waiting in a group's line that a lottery has not ranked yet.
pub async fn unranked(conn: &mut AnyConnection, group: &str) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM application WHERE group_id = $1 AND status = 'waitlisted' AND draw_rank IS NULL ORDER BY id",
    )
    .bind(group)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn set_rank(conn: &mut AnyConnection, id: &str, rank: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE application SET draw_rank = $2 WHERE id = $1")
        .bind(id)
        .bind(rank)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A lottery's published order: (application id, rank, status).
pub async fn drawn(conn: &mut AnyConnection, group: &str) -> Result<Vec<(String, i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT id, CAST(draw_rank AS BIGINT), status FROM application
         WHERE group_id = $1 AND draw_rank IS NOT NULL ORDER BY draw_rank",
    )
    .bind(group)
    .fetch_all(&mut *conn)
    .await?)
}

/// Keeps the seat for a waiting application until `until` (guarded: false if it moved on).
pub async fn offer(conn: &mut AnyConnection, id: &str, until: &str, now: &str) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE application SET status = 'offered', offer_until = $2, updated_at = $3
         WHERE id = $1 AND status = 'waitlisted'",
    )
    .bind(id)
    .bind(until)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Offers whose deadline passed, oldest first.
pub async fn lapsed_offers(
    conn: &mut AnyConnection,
    now: &str,
    limit: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM application WHERE status = 'offered' AND offer_until < $1 ORDER BY offer_until, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Rewrites the contract's dates and money (an offer taken, an acceptance, a leaving date).
pub async fn set_terms(
    conn: &mut AnyConnection,
    id: &str,
    starts_on: Date,
    ends_on: Date,
    hold: Kopecks,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE application SET starts_on = $2, ends_on = $3, hold = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(date(starts_on))
    .bind(date(ends_on))
    .bind(hold.get())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The family accepted the contract (when taking an offered seat).
pub async fn accept_contract(conn: &mut AnyConnection, id: &str, now: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE application SET contract_accepted_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn record_decision(
    conn: &mut AnyConnection,
    id: &str,
    by: &AccountId,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE application SET decided_by = $2, decided_at = $3 WHERE id = $1")
        .bind(id)
        .bind(by.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What has been charged of a contract (reversed charges excluded), and the months charged
/// ('YYYY-MM'), reversed or not: a month is charged once.
pub async fn charged(conn: &mut AnyConnection, id: &str) -> Result<(Kopecks, Vec<String>), StoreError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT c.month, c.amount,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses = c.entry_id)
                          THEN 1 ELSE 0 END AS BIGINT)
         FROM billing_charge c WHERE c.application_id = $1 ORDER BY c.month",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let total = rows.iter().filter(|r| r.2 == 0).map(|r| r.1).sum();
    Ok((Kopecks::new(total), rows.into_iter().map(|r| r.0).collect()))
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
        "UPDATE program_group SET seats_taken = seats_taken - 1 WHERE id = $1 AND seats_taken > seats_outside",
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

/// An application as lists show it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: String,
    pub status: String,
    pub child_id: String,
    pub child: String,
    pub program_id: String,
    pub program: String,
    pub organization: String,
    pub group_id: String,
    pub group_title: String,
    pub schedule: String,
    pub starts_on: String,
    pub ends_on: String,
    pub price_per_month: i64,
    pub covered_per_month: i64,
    pub hold: i64,
    /// What is held now: the hold less what was charged (reversed charges not counted).
    pub held: i64,
    pub offer_until: Option<String>,
    pub draw_rank: Option<i64>,
    pub lottery_until: Option<String>,
    pub reason: Option<String>,
    pub created_at: String,
}

fn listed_sql(filter: &str) -> String {
    format!(
        "SELECT a.id, a.status, a.child_id, {FULL_NAME} AS child, a.program_id, pr.title AS program,
                o.short_name AS organization, a.group_id, g.title AS group_title, g.schedule, a.starts_on, a.ends_on,
                a.price_per_month, a.covered_per_month, a.hold,
                a.hold - CAST(COALESCE((SELECT SUM(c.amount) FROM billing_charge c WHERE c.application_id = a.id
                    AND NOT EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses = c.entry_id)), 0) AS BIGINT)
                    AS held,
                a.offer_until,
                CAST(a.draw_rank AS BIGINT) AS draw_rank, g.lottery_until, a.reason, a.created_at
         FROM application a
         JOIN person p ON p.id = a.child_id
         JOIN program pr ON pr.id = a.program_id
         JOIN organization o ON o.id = pr.organization_id
         JOIN program_group g ON g.id = a.group_id
         WHERE {filter}",
        FULL_NAME = crate::FULL_NAME
    )
}

/// The applications of some children (a family's), newest first.
pub async fn of_children(conn: &mut AnyConnection, children: &[String]) -> Result<Vec<Listed>, StoreError> {
    if children.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=children.len()).map(|i| format!("${i}")).collect();
    let sql = listed_sql(&format!("a.child_id IN ({}) ORDER BY a.created_at DESC, a.id", marks.join(", ")));
    let mut q = sqlx::query_as::<_, Listed>(&sql);
    for c in children {
        q = q.bind(c);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// A provider's applications in some statuses (all when empty), the waiting ones first.
pub async fn of_provider(
    conn: &mut AnyConnection,
    organization: &str,
    statuses: &[&str],
    limit: i64,
) -> Result<Vec<Listed>, StoreError> {
    let marks: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 3)).collect();
    let by_status =
        if statuses.is_empty() { String::new() } else { format!(" AND a.status IN ({})", marks.join(", ")) };
    let sql = listed_sql(&format!(
        "pr.organization_id = $1{by_status}
         ORDER BY CASE a.status WHEN 'pending' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' THEN 2
                  WHEN 'enrolled' THEN 3 ELSE 4 END, a.created_at, a.id LIMIT $2"
    ));
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(organization).bind(limit);
    for s in statuses {
        q = q.bind(*s);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// Applications waiting for the provider's decision (pending) since before `before`, oldest
/// first; of one municipality's programs, or of all.
pub async fn stuck(
    conn: &mut AnyConnection,
    municipality: Option<&str>,
    before: &str,
    limit: i64,
) -> Result<Vec<Listed>, StoreError> {
    let sql = listed_sql(
        "a.status = 'pending' AND a.updated_at < $1 AND ($2 = '' OR pr.municipality_id = $2)
         ORDER BY a.updated_at, a.id LIMIT $3",
    );
    Ok(sqlx::query_as(&sql)
        .bind(before)
        .bind(municipality.unwrap_or(""))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn listed(conn: &mut AnyConnection, id: &str) -> Result<Option<Listed>, StoreError> {
    Ok(sqlx::query_as(&listed_sql("a.id = $1")).bind(id).fetch_optional(&mut *conn).await?)
}
