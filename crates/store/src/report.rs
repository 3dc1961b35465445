//! Queries of the back office's reports (issue 7): each is one municipality's or (an empty
//! `municipality`) the whole region's, in a fixed order, small enough to read whole — except the
//! registry of certificates, which is paged (`certificate::registry_page`).

use crate::{AnyConnection, StoreError};

/// A certified program of the registry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProgramLine {
    pub title: String,
    pub organization: String,
    pub inn: String,
    pub municipality: String,
    pub direction: String,
    pub age_min: i64,
    pub age_max: i64,
    pub certified_until: Option<String>,
    pub groups: i64,
    pub seats: i64,
    pub seats_taken: i64,
}

/// The registry of certified programs, by organization and title.
pub async fn programs(conn: &mut AnyConnection, municipality: &str) -> Result<Vec<ProgramLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT p.title, o.short_name AS organization, o.inn, m.name AS municipality, p.direction,
                CAST(p.age_min AS BIGINT) AS age_min, CAST(p.age_max AS BIGINT) AS age_max, p.certified_until,
                CAST((SELECT COUNT(*) FROM program_group g WHERE g.program_id = p.id) AS BIGINT) AS groups,
                CAST(COALESCE((SELECT SUM(g.seats) FROM program_group g WHERE g.program_id = p.id), 0) AS BIGINT)
                    AS seats,
                CAST(COALESCE((SELECT SUM(g.seats_taken) FROM program_group g WHERE g.program_id = p.id), 0)
                    AS BIGINT) AS seats_taken
         FROM program p JOIN organization o ON o.id = p.organization_id JOIN municipality m ON m.id = p.municipality_id
         WHERE p.status = 'certified' AND ($1 = '' OR p.municipality_id = $1)
         ORDER BY o.short_name, p.title, p.id",
    )
    .bind(municipality)
    .fetch_all(&mut *conn)
    .await?)
}

/// An organization's applications by status.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EnrollmentLine {
    pub organization: String,
    pub inn: String,
    pub municipality: String,
    pub enrolled: i64,
    pub pending: i64,
    pub waitlisted: i64,
    pub ended: i64,
    pub other: i64,
}

/// Applications per organization, by status.
pub async fn enrollments(
    conn: &mut AnyConnection,
    municipality: &str,
) -> Result<Vec<EnrollmentLine>, StoreError> {
    let count = |cond: &str| format!("CAST(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS BIGINT)");
    let sql = format!(
        "SELECT o.short_name AS organization, o.inn, m.name AS municipality,
                {} AS enrolled, {} AS pending, {} AS waitlisted, {} AS ended, {} AS other
         FROM application a JOIN program p ON p.id = a.program_id
         JOIN organization o ON o.id = p.organization_id JOIN municipality m ON m.id = p.municipality_id
         WHERE ($1 = '' OR p.municipality_id = $1)
         GROUP BY o.id, o.short_name, o.inn, m.name ORDER BY o.short_name, o.id",
        count("a.status = 'enrolled'"),
        count("a.status IN ('pending', 'offered')"),
        count("a.status = 'waitlisted'"),
        count("a.status = 'ended'"),
        count("a.status IN ('rejected', 'withdrawn', 'offer_lapsed')"),
    );
    Ok(sqlx::query_as(&sql).bind(municipality).fetch_all(&mut *conn).await?)
}

/// What a provider was charged for a month (reversed charges not counted).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MoneyLine {
    pub organization: String,
    pub inn: String,
    pub municipality: String,
    pub month: String,
    pub contracts: i64,
    pub amount: i64,
}

/// Money per provider per month, by month and organization.
pub async fn money(conn: &mut AnyConnection, municipality: &str) -> Result<Vec<MoneyLine>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT o.short_name AS organization, o.inn, m.name AS municipality, c.month,
                CAST(COUNT(*) AS BIGINT) AS contracts, CAST(SUM(c.amount) AS BIGINT) AS amount
         FROM billing_charge c JOIN organization o ON o.id = c.organization_id
         JOIN municipality m ON m.id = o.municipality_id
         WHERE ($1 = '' OR o.municipality_id = $1)
           AND NOT EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses = c.entry_id)
         GROUP BY o.id, o.short_name, o.inn, m.name, c.month ORDER BY c.month, o.short_name, o.id",
    )
    .bind(municipality)
    .fetch_all(&mut *conn)
    .await?)
}
