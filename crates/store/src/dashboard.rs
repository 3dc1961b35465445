//! Queries of the back office's dashboard (issue 7). Each reads the whole region at once, grouped
//! by municipality, so that one pass serves every municipal operator and the regional centre;
//! the use case keeps the result for a few minutes (`app::dashboard`). Counts by month come as
//! one row per municipality with a column per month: the month's bounds are parameters.
//!
//! Money comes from the ledger through its windows (migration 0019): a window's sums are written
//! here and read back summed, so the ledger's millions of postings are read once per window.

use jiff::civil::Date;
use sqlx::Row;

use crate::bulk::{BulkInsert, Value};
use crate::time::date;
use crate::{AnyConnection, StoreError};

/// Counts per municipality: `counts[k]` for the k-th bound or range asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub municipality_id: String,
    pub counts: Vec<i64>,
}

/// `SUM(CASE WHEN {cond(k)} THEN 1 ELSE 0 END)` for each k, as BIGINT columns.
fn sums(n: usize, cond: impl Fn(usize) -> String) -> String {
    (0..n)
        .map(|k| format!("CAST(SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS BIGINT)", cond(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn counts(
    conn: &mut AnyConnection,
    sql: &str,
    binds: Vec<String>,
    n: usize,
) -> Result<Vec<Counts>, StoreError> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(b);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            let mut counts = Vec::with_capacity(n);
            for k in 0..n {
                counts.push(r.try_get::<i64, _>(k + 1)?);
            }
            Ok(Counts { municipality_id: r.try_get(0)?, counts })
        })
        .collect()
}

/// Persons of each municipality born in each of `ranges` `(after, by]` (R03's range on a day),
/// persons merged into another (R02) left out. Read from the index on (municipality, birth date)
/// alone, then the merged ones subtracted: a per-row check of `merged_into` would read every
/// row of the table.
pub async fn children(conn: &mut AnyConnection, ranges: &[(Date, Date)]) -> Result<Vec<Counts>, StoreError> {
    let Some(oldest) = ranges.iter().map(|r| r.0).min() else { return Ok(Vec::new()) };
    let n = ranges.len();
    let columns = sums(n, |k| format!("birth_date > ${} AND birth_date <= ${}", 2 * k + 2, 2 * k + 3));
    let mut binds = vec![date(oldest)];
    for (after, by) in ranges {
        binds.push(date(*after));
        binds.push(date(*by));
    }
    let select = |merged: &str| {
        format!(
            "SELECT municipality_id, {columns} FROM person
             WHERE municipality_id IS NOT NULL AND birth_date > $1{merged}
             GROUP BY municipality_id ORDER BY municipality_id"
        )
    };
    let all = counts(conn, &select(""), binds.clone(), n).await?;
    let merged = counts(conn, &select(" AND merged_into IS NOT NULL"), binds, n).await?;
    Ok(all
        .into_iter()
        .map(|mut c| {
            if let Some(m) = merged.iter().find(|m| m.municipality_id == c.municipality_id) {
                for (total, gone) in c.counts.iter_mut().zip(&m.counts) {
                    *total -= gone;
                }
            }
            c
        })
        .collect())
}

/// Certificates of each municipality (the certificate's) held at each instant of `ends`
/// (fixed-width UTC text): issued before it, and not closed before it.
pub async fn certificates_held(conn: &mut AnyConnection, ends: &[String]) -> Result<Vec<Counts>, StoreError> {
    let n = ends.len();
    let issued = format!(
        "SELECT municipality_id, {} FROM certificate GROUP BY municipality_id ORDER BY municipality_id",
        sums(n, |k| format!("issued_at < ${}", k + 1))
    );
    let issued = counts(conn, &issued, ends.to_vec(), n).await?;
    // A closed certificate without its log entry (never written so) counts as closed from the start.
    let closed = format!(
        "SELECT municipality_id, {} FROM (
             SELECT c.municipality_id,
                    COALESCE((SELECT MAX(e.created_at) FROM certificate_event e
                              WHERE e.certificate_id = c.id AND e.kind = 'closed'), '') AS closed_at
             FROM certificate c WHERE c.status = 'closed') x
         GROUP BY municipality_id ORDER BY municipality_id",
        sums(n, |k| format!("closed_at < ${}", k + 1))
    );
    let closed = counts(conn, &closed, ends.to_vec(), n).await?;
    Ok(issued
        .into_iter()
        .map(|mut c| {
            if let Some(m) = closed.iter().find(|m| m.municipality_id == c.municipality_id) {
                for (held, gone) in c.counts.iter_mut().zip(&m.counts) {
                    *held -= gone;
                }
            }
            c
        })
        .collect())
}

/// Children of each municipality (where the child lives) with a contract — enrolled, or ended
/// after being enrolled — over at least one day of each of `periods` `[from, to]`. A contract
/// ended early was cut to its last day, so its dates say when the child attended.
pub async fn enrolled(conn: &mut AnyConnection, periods: &[(Date, Date)]) -> Result<Vec<Counts>, StoreError> {
    let Some(first) = periods.iter().map(|p| p.0).min() else { return Ok(Vec::new()) };
    let n = periods.len();
    let per_child = (0..n)
        .map(|k| {
            format!(
                "MAX(CASE WHEN a.starts_on <= ${} AND a.ends_on >= ${} THEN 1 ELSE 0 END) AS m{k}",
                2 * k + 3,
                2 * k + 2
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let totals = (0..n).map(|k| format!("CAST(SUM(x.m{k}) AS BIGINT)")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "SELECT p.municipality_id, {totals} FROM (
             SELECT a.child_id, {per_child} FROM application a
             WHERE a.status IN ('enrolled', 'ended') AND a.ends_on >= $1
             GROUP BY a.child_id) x
         JOIN person p ON p.id = x.child_id
         WHERE p.municipality_id IS NOT NULL
         GROUP BY p.municipality_id ORDER BY p.municipality_id"
    );
    let mut binds = vec![date(first)];
    for (from, to) in periods {
        binds.push(date(*from));
        binds.push(date(*to));
    }
    counts(conn, &sql, binds, n).await
}

/// Contracts running now (enrolled) at one organization's programs of one direction.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EnrolledLine {
    /// The program's (its provider's) municipality.
    pub municipality_id: String,
    pub direction: String,
    pub organization_id: String,
    pub organization: String,
    pub inn: String,
    pub enrolled: i64,
}

/// Contracts enrolled now, per program's municipality, direction and organization.
pub async fn enrolled_by_program(conn: &mut AnyConnection) -> Result<Vec<EnrolledLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.municipality_id, p.direction, p.organization_id, o.short_name AS organization, o.inn,
                CAST(SUM(x.n) AS BIGINT) AS enrolled
         FROM (SELECT program_id, COUNT(*) AS n FROM application WHERE status = 'enrolled' GROUP BY program_id) x
         JOIN program p ON p.id = x.program_id JOIN organization o ON o.id = p.organization_id
         GROUP BY p.municipality_id, p.direction, p.organization_id, o.short_name, o.inn
         ORDER BY p.municipality_id, p.direction, o.short_name, p.organization_id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Seats of the groups of certified programs that have not ended, per municipality and direction.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeatLine {
    pub municipality_id: String,
    pub direction: String,
    pub groups: i64,
    pub seats: i64,
    pub taken: i64,
}

/// Seats offered and taken in groups of certified programs ending on `today` or later.
pub async fn seats(conn: &mut AnyConnection, today: Date) -> Result<Vec<SeatLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.municipality_id, p.direction, CAST(COUNT(*) AS BIGINT) AS groups,
                CAST(SUM(g.seats) AS BIGINT) AS seats, CAST(SUM(g.seats_taken) AS BIGINT) AS taken
         FROM program_group g JOIN program p ON p.id = g.program_id
         WHERE p.status = 'certified' AND g.ends_on >= $1
         GROUP BY p.municipality_id, p.direction ORDER BY p.municipality_id, p.direction",
    )
    .bind(date(today))
    .fetch_all(&mut *conn)
    .await?)
}

/// A program with children waiting in line for a seat.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WaitlistLine {
    pub municipality_id: String,
    pub program_id: String,
    pub title: String,
    pub organization: String,
    pub waitlisted: i64,
    pub seats: i64,
    pub taken: i64,
}

/// Programs with waitlisted applications, the longest line first.
pub async fn waitlists(conn: &mut AnyConnection) -> Result<Vec<WaitlistLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.municipality_id, p.id AS program_id, p.title, o.short_name AS organization,
                CAST(x.n AS BIGINT) AS waitlisted,
                CAST(COALESCE((SELECT SUM(g.seats) FROM program_group g WHERE g.program_id = p.id), 0) AS BIGINT)
                    AS seats,
                CAST(COALESCE((SELECT SUM(g.seats_taken) FROM program_group g WHERE g.program_id = p.id), 0)
                    AS BIGINT) AS taken
         FROM (SELECT program_id, COUNT(*) AS n FROM application WHERE status = 'waitlisted' GROUP BY program_id) x
         JOIN program p ON p.id = x.program_id JOIN organization o ON o.id = p.organization_id
         ORDER BY x.n DESC, p.title, p.id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

// ---- the ledger's windows ----

/// A summed window: its UTC hour (`YYYY-MM-DDTHH`) and how many entries it had then.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Window {
    pub starts: String,
    pub entries: i64,
}

pub async fn windows(conn: &mut AnyConnection) -> Result<Vec<Window>, StoreError> {
    Ok(sqlx::query_as("SELECT starts, entries FROM dashboard_ledger_window ORDER BY starts")
        .fetch_all(&mut *conn)
        .await?)
}

/// The smallest and the largest entry id (`None` while the ledger is empty).
pub async fn entry_ids(conn: &mut AnyConnection) -> Result<Option<(String, String)>, StoreError> {
    let (min, max): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM ledger_entry").fetch_one(&mut *conn).await?;
    Ok(min.zip(max))
}

/// Entries whose id is in `[from, to)` (text order; ids are UUID v7, in time order).
pub async fn entries_between(conn: &mut AnyConnection, from: &str, to: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_entry WHERE id >= $1 AND id < $2")
        .bind(from)
        .bind(to)
        .fetch_one(&mut *conn)
        .await?)
}

/// Money moved on certificates by the entries of a window, per certificate's municipality, UTC
/// hour of `created_at` (`YYYY-MM-DDTHH`) and reason: the nominal credited, money held for
/// contracts, released from them, charged for lessons, returned to the budget, expired at a
/// period's end. A reversal subtracts from its reason's flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HourFlow {
    pub municipality_id: String,
    pub hour: String,
    pub reason: String,
    pub amount: i64,
}

/// The window's flows and its count of entries, read in one statement (one snapshot on both
/// engines), so that the count says exactly which entries the sums hold. An entry moves what
/// its credits add up to (half of its postings' absolute values: they sum to zero); the entry
/// names its certificate, so its accounts need not be read (measured: three times faster).
/// Entries without a certificate move no certificate's money and are only counted.
pub async fn window_flows(
    conn: &mut AnyConnection,
    from: &str,
    to: &str,
) -> Result<(i64, Vec<HourFlow>), StoreError> {
    // CROSS JOIN: SQLite then reads the window's entries by their ids and looks up the rest,
    // instead of reading every posting of the range first; PostgreSQL plans as it likes.
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT c.municipality_id, substr(e.created_at, 1, 13) AS hour, e.reason,
                CAST(SUM(CASE WHEN r.entry_id IS NULL THEN ABS(p.amount) ELSE -ABS(p.amount) END) / 2 AS BIGINT)
         FROM ledger_entry e CROSS JOIN ledger_posting p CROSS JOIN certificate c
              LEFT JOIN ledger_reversal r ON r.entry_id = e.id
         WHERE p.entry_id = e.id AND c.id = e.certificate_id AND e.id >= $1 AND e.id < $2
         GROUP BY c.municipality_id, substr(e.created_at, 1, 13), e.reason
         UNION ALL
         SELECT '', '', '', CAST(COUNT(*) AS BIGINT) FROM ledger_entry WHERE id >= $1 AND id < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    let mut entries = 0;
    let mut flows = Vec::with_capacity(rows.len());
    for (municipality_id, hour, reason, amount) in rows {
        if reason.is_empty() {
            entries = amount;
        } else {
            flows.push(HourFlow { municipality_id, hour, reason, amount });
        }
    }
    Ok((entries, flows))
}

/// Money moved per municipality, Moscow month (`YYYY-MM`) and reason.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MonthFlow {
    pub municipality_id: String,
    pub month: String,
    pub reason: String,
    pub amount: i64,
}

/// Stores a window's sums, unless a sum of the same window with as many entries or more is
/// stored already (another server summed it meanwhile: entries are only added, so more entries
/// is newer). Returns whether it stored them.
pub async fn store_window(
    conn: &mut AnyConnection,
    starts: &str,
    entries: i64,
    flows: &[MonthFlow],
    now: &str,
) -> Result<bool, StoreError> {
    let newer = sqlx::query(
        "INSERT INTO dashboard_ledger_window (starts, entries, summed_at) VALUES ($1, $2, $3)
         ON CONFLICT (starts) DO UPDATE SET entries = excluded.entries, summed_at = excluded.summed_at
         WHERE dashboard_ledger_window.entries < excluded.entries",
    )
    .bind(starts)
    .bind(entries)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if newer.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM dashboard_ledger_flow WHERE starts = $1")
        .bind(starts)
        .execute(&mut *conn)
        .await?;
    let mut rows = BulkInsert::with_constants(
        "dashboard_ledger_flow",
        &["municipality_id", "month", "reason", "amount"],
        vec![("starts", Value::from(starts))],
    );
    for f in flows {
        let row = vec![
            Value::from(f.municipality_id.as_str()),
            Value::from(f.month.as_str()),
            Value::from(f.reason.as_str()),
            Value::from(f.amount),
        ];
        rows.push(conn, row).await?;
    }
    rows.finish(conn).await?;
    Ok(true)
}

/// Every window's sums added up, per municipality, month and reason.
pub async fn month_flows(conn: &mut AnyConnection) -> Result<Vec<MonthFlow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT municipality_id, month, reason, CAST(SUM(amount) AS BIGINT) AS amount FROM dashboard_ledger_flow
         GROUP BY municipality_id, month, reason ORDER BY municipality_id, month, reason",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Forgets every window's sums (they are a cache: the next refresh sums the ledger again). For
/// `dopcert bench dashboard`, which times a refresh from nothing.
pub async fn forget_windows(conn: &mut AnyConnection) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM dashboard_ledger_flow").execute(&mut *conn).await?;
    sqlx::query("DELETE FROM dashboard_ledger_window").execute(&mut *conn).await?;
    Ok(())
}
