//! What the public catalog reads: the programs it shows, the cards of a result page, and the
//! change log that keeps every app server's search index current (docs/SEARCH.md).

use dopcert_domain::ids::ProgramId;
use jiff::civil::Date;

use crate::time::date;
use crate::{AnyConnection, StoreError};

/// The change that means «everything changed» (a demo reload): pollers rebuild.
pub const EVERYTHING: &str = "*";

/// The most rows one change writes, and one poll reads: a larger change is written as
/// [`EVERYTHING`], so a poll always reads the whole of a change it starts.
pub const MAX_ROWS: usize = 1_000;

/// Records that these programs changed, in the caller's transaction. Take this last in a use
/// case: the version row's lock orders commits, so pollers never skip a change.
pub async fn touch(conn: &mut AnyConnection, programs: &[&str], now: &str) -> Result<(), StoreError> {
    if programs.is_empty() {
        return Ok(());
    }
    let programs = if programs.len() > MAX_ROWS { &[EVERYTHING][..] } else { programs };
    let seq: i64 = sqlx::query_scalar("UPDATE catalog_version SET seq = seq + 1 WHERE id = 1 RETURNING seq")
        .fetch_one(&mut *conn)
        .await?;
    for p in programs {
        sqlx::query(
            "INSERT INTO catalog_change (seq, program_id, changed_at) VALUES ($1, $2, $3)
             ON CONFLICT (seq, program_id) DO NOTHING",
        )
        .bind(seq)
        .bind(*p)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn current_seq(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT seq FROM catalog_version WHERE id = 1").fetch_one(&mut *conn).await?)
}

/// Changes after `seq`, oldest first: (seq, program id or [`EVERYTHING`]).
pub async fn changes_since(
    conn: &mut AnyConnection,
    seq: i64,
    limit: i64,
) -> Result<Vec<(i64, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT seq, program_id FROM catalog_change WHERE seq > $1 ORDER BY seq, program_id LIMIT $2",
    )
    .bind(seq)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Drops changes older than `before` (every server has long applied them).
pub async fn forget_changes(conn: &mut AnyConnection, before: &str) -> Result<u64, StoreError> {
    Ok(sqlx::query("DELETE FROM catalog_change WHERE changed_at < $1")
        .bind(before)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// What the search index needs of one program the catalog shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: String,
    pub title: String,
    pub description: String,
    pub direction: String,
    pub municipality_id: String,
    pub municipality_name: String,
    pub organization_id: String,
    pub organization_name: String,
    pub funding: String,
    pub age_min: i32,
    pub age_max: i32,
    pub min_price: Option<i64>,
}

/// The catalog shows certified programs of working providers (R07).
const LISTED: &str =
    "SELECT p.id, p.title, p.description, p.direction, p.municipality_id, m.name AS municipality_name,
            p.organization_id, o.short_name AS organization_name, p.funding, p.age_min, p.age_max,
            (SELECT MIN(pm.price_per_month) FROM program_module pm WHERE pm.program_id = p.id) AS min_price
     FROM program p JOIN organization o ON o.id = p.organization_id
                    JOIN municipality m ON m.id = p.municipality_id
     WHERE p.status = 'certified' AND o.provider_status = 'active'";

/// A page of listed programs after `after_id`, by id (the rebuild streams them).
pub async fn listed_page(
    conn: &mut AnyConnection,
    after_id: &str,
    limit: i64,
) -> Result<Vec<Listed>, StoreError> {
    Ok(sqlx::query_as(&format!("{LISTED} AND p.id > $1 ORDER BY p.id LIMIT $2"))
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// One program if the catalog shows it (the poller re-reads what changed).
pub async fn listed(conn: &mut AnyConnection, id: &str) -> Result<Option<Listed>, StoreError> {
    Ok(sqlx::query_as(&format!("{LISTED} AND p.id = $1")).bind(id).fetch_optional(&mut *conn).await?)
}

/// A result card: the page reads these for its ≤ 20 ids, so seats left are always exact.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Card {
    pub id: String,
    pub title: String,
    pub direction: String,
    pub funding: String,
    pub age_min: i32,
    pub age_max: i32,
    pub organization_name: String,
    pub municipality_name: String,
    pub min_price: Option<i64>,
    /// Seats left in groups still open for enrollment on the day asked.
    pub seats_left: i64,
    pub next_start: Option<String>,
}

pub async fn cards(conn: &mut AnyConnection, ids: &[String], today: Date) -> Result<Vec<Card>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (2..ids.len() + 2).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT p.id, p.title, p.direction, p.funding, p.age_min, p.age_max,
                o.short_name AS organization_name, m.name AS municipality_name,
                (SELECT MIN(pm.price_per_month) FROM program_module pm WHERE pm.program_id = p.id) AS min_price,
                CAST(COALESCE((SELECT SUM(g.seats - g.seats_taken) FROM program_group g
                               WHERE g.program_id = p.id AND g.enrollment_to >= $1), 0) AS BIGINT) AS seats_left,
                (SELECT MIN(g.starts_on) FROM program_group g
                  WHERE g.program_id = p.id AND g.enrollment_to >= $1) AS next_start
         FROM program p JOIN organization o ON o.id = p.organization_id
                        JOIN municipality m ON m.id = p.municipality_id
         WHERE p.id IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query_as::<_, Card>(&sql).bind(date(today));
    for id in ids {
        q = q.bind(id);
    }
    let mut cards = q.fetch_all(&mut *conn).await?;
    // The index's order, not the database's.
    cards.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
    Ok(cards)
}

/// Writes «everything changed» (after a bulk load).
pub async fn touch_everything(conn: &mut AnyConnection, now: &str) -> Result<(), StoreError> {
    touch(conn, &[EVERYTHING], now).await
}

/// Every program of an organization (its name or status changed what the catalog shows).
pub async fn programs_of(
    conn: &mut AnyConnection,
    organization: &dopcert_domain::ids::OrganizationId,
) -> Result<Vec<ProgramId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM program WHERE organization_id = $1")
        .bind(organization.as_str())
        .fetch_all(&mut *conn)
        .await?;
    Ok(ids.into_iter().map(ProgramId::from_string).collect())
}
