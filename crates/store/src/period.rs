//! A municipality's period (a year): its nominal and its funded quota (R06).

use dopcert_domain::ids::{MunicipalityId, PeriodId};
use dopcert_domain::period::Nominals;
use jiff::civil::Date;

use crate::time::{date, parse_date};
use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Period {
    pub id: PeriodId,
    pub municipality_id: MunicipalityId,
    pub year: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub nominals: Nominals,
    pub funded_quota: i64,
    pub funded_count: i64,
    /// The period's end was processed (R10: its remainders expired).
    pub closed: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    municipality_id: String,
    year: i32,
    starts_on: String,
    ends_on: String,
    nominals: String,
    funded_quota: i64,
    funded_count: i64,
    closed_at: Option<String>,
}

impl TryFrom<Row> for Period {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Period {
            id: PeriodId::from_string(r.id),
            municipality_id: MunicipalityId::from_string(r.municipality_id),
            year: r.year,
            starts_on: parse_date(&r.starts_on)?,
            ends_on: parse_date(&r.ends_on)?,
            nominals: Nominals::from_json(&r.nominals).ok_or(StoreError::Corrupt("period.nominals"))?,
            funded_quota: r.funded_quota,
            funded_count: r.funded_count,
            closed: r.closed_at.is_some(),
        })
    }
}

const COLUMNS: &str =
    "id, municipality_id, year, starts_on, ends_on, nominals, funded_quota, funded_count, closed_at";

pub struct NewPeriod<'a> {
    pub municipality_id: &'a MunicipalityId,
    pub year: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub nominals: &'a Nominals,
    pub funded_quota: i64,
}

pub async fn insert(conn: &mut AnyConnection, p: &NewPeriod<'_>, now: &str) -> Result<PeriodId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO period (id, municipality_id, year, starts_on, ends_on, nominal, nominals, funded_quota,
                             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(p.municipality_id.as_str())
    .bind(p.year)
    .bind(date(p.starts_on))
    .bind(date(p.ends_on))
    .bind(p.nominals.lowest().get())
    .bind(p.nominals.to_json())
    .bind(p.funded_quota)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(PeriodId::from_string(id))
}

pub async fn get(conn: &mut AnyConnection, id: &PeriodId) -> Result<Period, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM period WHERE id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

/// The municipality's period that contains `day`, if one is set.
pub async fn current(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    day: Date,
) -> Result<Option<Period>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM period WHERE municipality_id = $1 AND starts_on <= $2 AND ends_on >= $2"
    ))
    .bind(municipality.as_str())
    .bind(date(day))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(Period::try_from).transpose()
}

/// The municipality's periods, latest first.
pub async fn of_municipality(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
) -> Result<Vec<Period>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM period WHERE municipality_id = $1 ORDER BY year DESC"
    ))
    .bind(municipality.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Period::try_from).collect()
}

/// R06: takes one funded place if one is free. The guard in the `WHERE` decides between
/// concurrent claims, on either database.
pub async fn take_funded_place(conn: &mut AnyConnection, period: &PeriodId) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE period SET funded_count = funded_count + 1 WHERE id = $1 AND funded_count < funded_quota",
    )
    .bind(period.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a funded place back (its certificate was closed).
pub async fn free_funded_place(conn: &mut AnyConnection, period: &PeriodId) -> Result<(), StoreError> {
    sqlx::query("UPDATE period SET funded_count = funded_count - 1 WHERE id = $1 AND funded_count > 0")
        .bind(period.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the number of funded places. A lower quota takes nothing already given: places beyond
/// it simply are not handed out again.
pub async fn set_quota(conn: &mut AnyConnection, period: &PeriodId, quota: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE period SET funded_quota = $2 WHERE id = $1")
        .bind(period.as_str())
        .bind(quota)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the nominals (of a period not started yet: the caller checks).
pub async fn set_nominals(conn: &mut AnyConnection, id: &PeriodId, n: &Nominals) -> Result<(), StoreError> {
    sqlx::query("UPDATE period SET nominal = $2, nominals = $3 WHERE id = $1")
        .bind(id.as_str())
        .bind(n.lowest().get())
        .bind(n.to_json())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Another period of the municipality whose days meet `starts_on..=ends_on`, if any.
pub async fn overlapping(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    starts_on: Date,
    ends_on: Date,
) -> Result<Option<Period>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM period WHERE municipality_id = $1 AND starts_on <= $3 AND ends_on >= $2
         ORDER BY starts_on LIMIT 1"
    ))
    .bind(municipality.as_str())
    .bind(date(starts_on))
    .bind(date(ends_on))
    .fetch_optional(&mut *conn)
    .await?;
    row.map(Period::try_from).transpose()
}

/// Locks the municipality's row until the end of the transaction: one change of its periods'
/// dates at a time, so an overlap checked is still absent at the commit.
pub async fn lock_municipality(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE municipality SET name = name WHERE id = $1")
        .bind(municipality.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Periods running on `day`, not closed, with a free funded place.
pub async fn running_with_room(conn: &mut AnyConnection, day: Date) -> Result<Vec<PeriodId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM period WHERE starts_on <= $1 AND ends_on >= $1 AND closed_at IS NULL
           AND funded_count < funded_quota ORDER BY id",
    )
    .bind(date(day))
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(PeriodId::from_string).collect())
}

/// Locks the period's row until the end of the transaction (on PostgreSQL; SQLite's one writer
/// serialises anyway): whoever changes funded places afterwards waits for this transaction.
pub async fn lock(conn: &mut AnyConnection, period: &PeriodId) -> Result<(), StoreError> {
    sqlx::query("UPDATE period SET funded_count = funded_count WHERE id = $1")
        .bind(period.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An earlier period of the same municipality is not closed yet (its remainders not expired).
pub async fn earlier_open(conn: &mut AnyConnection, p: &Period) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM period WHERE municipality_id = $1 AND ends_on < $2 AND closed_at IS NULL",
    )
    .bind(p.municipality_id.as_str())
    .bind(date(p.starts_on))
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

pub async fn mark_closed(conn: &mut AnyConnection, id: &PeriodId, now: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE period SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL")
        .bind(id.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Periods of the region for a year.
pub async fn of_year(conn: &mut AnyConnection, year: i32) -> Result<Vec<Period>, StoreError> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM period WHERE year = $1 ORDER BY municipality_id"))
            .bind(year)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter().map(Period::try_from).collect()
}
