//! Certificates (R01: one per child, by a unique constraint), their funding per period (R06)
//! and the log of their statuses.

use dopcert_domain::certificate::{CertificateNumber, Channel, Status};
use dopcert_domain::ids::{AccountId, CertificateId, MunicipalityId, OrganizationId, PeriodId, PersonId};
use dopcert_domain::money::Kopecks;

use crate::time::parse_instant;
use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Certificate {
    pub id: CertificateId,
    pub number: CertificateNumber,
    pub child_id: PersonId,
    pub municipality_id: MunicipalityId,
    pub status: Status,
    pub status_reason: Option<String>,
    pub channel: Channel,
    pub organization_id: Option<OrganizationId>,
    pub issued_at: jiff::Timestamp,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    number: String,
    child_id: String,
    municipality_id: String,
    status: String,
    status_reason: Option<String>,
    channel: String,
    organization_id: Option<String>,
    issued_at: String,
}

impl TryFrom<Row> for Certificate {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Certificate {
            id: CertificateId::from_string(r.id),
            number: CertificateNumber::parse(&r.number)
                .map_err(|_| StoreError::Corrupt("certificate.number"))?,
            child_id: PersonId::from_string(r.child_id),
            municipality_id: MunicipalityId::from_string(r.municipality_id),
            status: Status::parse(&r.status).ok_or(StoreError::Corrupt("certificate.status"))?,
            status_reason: r.status_reason,
            channel: Channel::parse(&r.channel).ok_or(StoreError::Corrupt("certificate.channel"))?,
            organization_id: r.organization_id.map(OrganizationId::from_string),
            issued_at: parse_instant(&r.issued_at)?,
        })
    }
}

const COLUMNS: &str = "c.id, c.number, c.child_id, c.municipality_id, c.status, c.status_reason, c.channel, \
                       c.organization_id, c.issued_at";

pub struct NewCertificate<'a> {
    pub number: &'a CertificateNumber,
    pub child_id: &'a PersonId,
    pub municipality_id: &'a MunicipalityId,
    pub channel: Channel,
    pub organization_id: Option<&'a OrganizationId>,
    pub issued_by: &'a AccountId,
}

/// Inserts the certificate unless the child already has one or the number is taken (R01: the
/// unique constraints decide, on either database); `None` then.
pub async fn insert_if_free(
    conn: &mut AnyConnection,
    c: &NewCertificate<'_>,
    now: &str,
) -> Result<Option<CertificateId>, StoreError> {
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO certificate (id, number, child_id, municipality_id, status, channel, organization_id,
                                  issued_by, issued_at)
         VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8)
         ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(c.number.digits())
    .bind(c.child_id.as_str())
    .bind(c.municipality_id.as_str())
    .bind(c.channel.code())
    .bind(c.organization_id.map(OrganizationId::as_str))
    .bind(c.issued_by.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() == 1).then(|| CertificateId::from_string(id)))
}

pub async fn get(conn: &mut AnyConnection, id: &CertificateId) -> Result<Certificate, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM certificate c WHERE c.id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

pub async fn by_child(conn: &mut AnyConnection, child: &PersonId) -> Result<Option<Certificate>, StoreError> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM certificate c WHERE c.child_id = $1"))
            .bind(child.as_str())
            .fetch_optional(&mut *conn)
            .await?;
    row.map(Certificate::try_from).transpose()
}

pub async fn by_number(
    conn: &mut AnyConnection,
    number: &CertificateNumber,
) -> Result<Option<Certificate>, StoreError> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM certificate c WHERE c.number = $1"))
            .bind(number.digits())
            .fetch_optional(&mut *conn)
            .await?;
    row.map(Certificate::try_from).transpose()
}

/// A certificate's funded place in a period: the nominal credited, and when.
#[derive(Debug, Clone, Copy)]
pub struct Funding {
    pub nominal: Kopecks,
    pub funded_at: jiff::Timestamp,
}

/// The certificate's funded place in the period, if it holds one.
pub async fn funding(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    period: &PeriodId,
) -> Result<Option<Funding>, StoreError> {
    let row: Option<(Option<i64>, String)> = sqlx::query_as(
        "SELECT nominal, funded_at FROM certificate_funding WHERE certificate_id = $1 AND period_id = $2",
    )
    .bind(certificate.as_str())
    .bind(period.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(n, at)| Ok(Funding { nominal: Kopecks::new(n.unwrap_or(0)), funded_at: parse_instant(&at)? }))
        .transpose()
}

/// Raises the nominal recorded for a funded place (a top-up was credited).
pub async fn raise_funded_nominal(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    period: &PeriodId,
    nominal: Kopecks,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE certificate_funding SET nominal = $3 WHERE certificate_id = $1 AND period_id = $2")
        .bind(certificate.as_str())
        .bind(period.as_str())
        .bind(nominal.get())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// What decides a certificate's nominal: its child's birth date and disability (ОВЗ).
#[derive(Debug, Clone, Copy)]
pub struct Holder {
    pub birth_date: Option<jiff::civil::Date>,
    pub disability: bool,
}

pub async fn holder(conn: &mut AnyConnection, certificate: &CertificateId) -> Result<Holder, StoreError> {
    let (birth, disability): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT p.birth_date, p.disability FROM certificate c JOIN person p ON p.id = c.child_id WHERE c.id = $1",
    )
    .bind(certificate.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let birth_date = birth.as_deref().map(crate::time::parse_date).transpose()?;
    Ok(Holder { birth_date, disability: disability.is_some() })
}

/// Records that the certificate holds one of the period's funded places with its nominal; false
/// if it already did.
pub async fn fund(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    period: &PeriodId,
    nominal: Kopecks,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "INSERT INTO certificate_funding (certificate_id, period_id, funded_at, nominal) VALUES ($1, $2, $3, $4)
         ON CONFLICT (certificate_id, period_id) DO NOTHING",
    )
    .bind(certificate.as_str())
    .bind(period.as_str())
    .bind(now)
    .bind(nominal.get())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn is_funded(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    period: &PeriodId,
) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM certificate_funding WHERE certificate_id = $1 AND period_id = $2",
    )
    .bind(certificate.as_str())
    .bind(period.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Active certificates of the municipality without a funded place in the period, in claim
/// order (R06: they are upgraded in this order).
pub async fn waiting_for_funding(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    period: &PeriodId,
    limit: i64,
) -> Result<Vec<CertificateId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT c.id FROM certificate c
         WHERE c.municipality_id = $1 AND c.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM certificate_funding f WHERE f.certificate_id = c.id AND f.period_id = $2)
         ORDER BY c.issued_at, c.id LIMIT $3",
    )
    .bind(municipality.as_str())
    .bind(period.as_str())
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(CertificateId::from_string).collect())
}

/// Changes the status if it is still `from` (a guarded update: two operators at once cannot
/// both act); true when it changed.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &CertificateId,
    from: Status,
    to: Status,
    reason: Option<&str>,
) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE certificate SET status = $3, status_reason = $4 WHERE id = $1 AND status = $2")
            .bind(id.as_str())
            .bind(from.code())
            .bind(to.code())
            .bind(reason)
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Active certificates of children born on or before `born_by` (they have turned 18).
pub async fn active_of_born_by(
    conn: &mut AnyConnection,
    born_by: jiff::civil::Date,
    limit: i64,
) -> Result<Vec<CertificateId>, StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT c.id FROM certificate c JOIN person p ON p.id = c.child_id
         WHERE c.status <> 'closed' AND p.birth_date <= $1 ORDER BY c.id LIMIT $2",
    )
    .bind(crate::time::date(born_by))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(CertificateId::from_string).collect())
}

/// What happened to a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Issued,
    Funded,
    Suspended,
    Resumed,
    Closed,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Issued => "issued",
            EventKind::Funded => "funded",
            EventKind::Suspended => "suspended",
            EventKind::Resumed => "resumed",
            EventKind::Closed => "closed",
        }
    }

    fn parse(code: &str) -> Option<Self> {
        use EventKind::*;
        [Issued, Funded, Suspended, Resumed, Closed].into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    pub reason: Option<String>,
    /// Who acted: a person's short name, or `None` for the system.
    pub by: Option<String>,
    pub at: jiff::Timestamp,
}

pub async fn log_event(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    kind: EventKind,
    reason: Option<&str>,
    account: Option<&AccountId>,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO certificate_event (id, certificate_id, kind, reason, account_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(certificate.as_str())
    .bind(kind.code())
    .bind(reason)
    .bind(account.map(AccountId::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// kind, reason, the actor's last, first and middle names, when.
type EventRow = (String, Option<String>, Option<String>, Option<String>, Option<String>, String);

pub async fn events(conn: &mut AnyConnection, certificate: &CertificateId) -> Result<Vec<Event>, StoreError> {
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.kind, e.reason, p.last_name, p.first_name, p.middle_name, e.created_at
             FROM certificate_event e
             LEFT JOIN account a ON a.id = e.account_id LEFT JOIN person p ON p.id = a.person_id
             WHERE e.certificate_id = $1 ORDER BY e.created_at, e.id",
    )
    .bind(certificate.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(kind, reason, last, first, middle, at)| {
            let by = match (last, first) {
                (Some(l), Some(f)) => {
                    dopcert_domain::person::FullName::new(&l, &f, middle.as_deref()).ok().map(|n| n.short())
                }
                _ => None,
            };
            Ok(Event {
                kind: EventKind::parse(&kind).ok_or(StoreError::Corrupt("certificate_event.kind"))?,
                reason,
                by,
                at: parse_instant(&at)?,
            })
        })
        .collect()
}

/// Counts for tests and reports: certificates of a municipality, and how many are funded in a period.
pub async fn count_in_municipality(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM certificate WHERE municipality_id = $1")
        .bind(municipality.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

pub async fn count_funded(conn: &mut AnyConnection, period: &PeriodId) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM certificate_funding WHERE period_id = $1")
        .bind(period.as_str())
        .fetch_one(&mut *conn)
        .await?)
}

/// How many active certificates of the municipality wait for a funded place in the period.
pub async fn count_waiting(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    period: &PeriodId,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM certificate c
         WHERE c.municipality_id = $1 AND c.status = 'active'
           AND NOT EXISTS (SELECT 1 FROM certificate_funding f WHERE f.certificate_id = c.id AND f.period_id = $2)",
    )
    .bind(municipality.as_str())
    .bind(period.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// A child who may claim a certificate, with one of their parents (for `dopcert bench claim`).
#[derive(Debug, Clone)]
pub struct Unclaimed {
    pub child_id: PersonId,
    pub parent_id: PersonId,
    pub municipality_id: MunicipalityId,
}

/// Children born in `(born_after, born_by]` with a known municipality, no certificate and no open
/// near match, each with their first parent who has no account yet (the bench gives that parent
/// one; a parent with an account may hold other roles first). In id order, `limit` at most.
pub async fn unclaimed_with_parent(
    conn: &mut AnyConnection,
    born_after: jiff::civil::Date,
    born_by: jiff::civil::Date,
    limit: i64,
) -> Result<Vec<Unclaimed>, StoreError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT p.id, MIN(g.parent_id), p.municipality_id FROM person p
         JOIN guardianship g ON g.child_id = p.id
         WHERE p.birth_date > $1 AND p.birth_date <= $2
           AND p.municipality_id IS NOT NULL AND p.merged_into IS NULL
           AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.child_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM possible_duplicate d
                           WHERE d.claimed_person_id = p.id AND d.resolved_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id = g.parent_id)
         GROUP BY p.id, p.municipality_id ORDER BY p.id LIMIT $3",
    )
    .bind(crate::time::date(born_after))
    .bind(crate::time::date(born_by))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(child, parent, municipality)| Unclaimed {
            child_id: PersonId::from_string(child),
            parent_id: PersonId::from_string(parent),
            municipality_id: MunicipalityId::from_string(municipality),
        })
        .collect())
}

/// The certificate no longer holds a funded place in the period (its place was given back).
pub async fn unfund(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
    period: &PeriodId,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM certificate_funding WHERE certificate_id = $1 AND period_id = $2")
        .bind(certificate.as_str())
        .bind(period.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A line of the registry of certificates (a report): the holder, the status and the money now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistryLine {
    pub number: String,
    pub child: String,
    pub snils: Option<String>,
    pub municipality: String,
    pub status: String,
    pub channel: String,
    pub issued_at: String,
    pub available: i64,
    pub held: i64,
}

/// The registry in number order, a page after `after` (a number); of one municipality or all.
pub async fn registry_page(
    conn: &mut AnyConnection,
    municipality: Option<&str>,
    after: &str,
    limit: i64,
) -> Result<Vec<RegistryLine>, StoreError> {
    let sql = format!(
        "SELECT c.number, {FULL_NAME} AS child, p.snils_sealed AS snils, m.name AS municipality, c.status, c.channel, c.issued_at,
                CAST(COALESCE((SELECT a.balance FROM ledger_account a
                               WHERE a.certificate_id = c.id AND a.kind = 'certificate_available'), 0) AS BIGINT)
                    AS available,
                CAST(COALESCE((SELECT a.balance FROM ledger_account a
                               WHERE a.certificate_id = c.id AND a.kind = 'certificate_held'), 0) AS BIGINT) AS held
         FROM certificate c
         JOIN person p ON p.id = c.child_id
         JOIN municipality m ON m.id = c.municipality_id
         WHERE c.number > $1 AND ($2 = '' OR c.municipality_id = $2)
         ORDER BY c.number LIMIT $3",
        FULL_NAME = crate::FULL_NAME
    );
    let lines: Vec<RegistryLine> = sqlx::query_as(&sql)
        .bind(after)
        .bind(municipality.unwrap_or(""))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    lines
        .into_iter()
        .map(|mut line| {
            line.snils = line
                .snils
                .map(|s| crate::sealed::open(crate::sealed::Purpose::Snils, &s, "person.snils"))
                .transpose()?;
            Ok(line)
        })
        .collect()
}

/// Certificates in the registry.
pub async fn count(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM certificate").fetch_one(&mut *conn).await?)
}
