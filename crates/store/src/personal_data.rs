//! What dopcert holds about a person, read for their own download (152-ФЗ, art. 14): the rows
//! of their account and of their children that no page reads in full. Persons themselves are
//! read through `person`, certificates and their money through `certificate` and `ledger`.
//! Queries only: whose data may be read is decided in `app::personal_data`. Secrets (password
//! hashes, token hashes, one-time codes) are never selected.

use dopcert_domain::ids::{AccountId, CertificateId, PersonId};

use crate::audit::Record;
use crate::{AnyConnection, StoreError};

/// The account as its owner may know it: whether a password is set, never its hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub login: String,
    pub status: String,
    pub created_at: String,
    pub password_set: i64,
    pub password_changed_at: Option<String>,
}

pub async fn account(conn: &mut AnyConnection, account: &AccountId) -> Result<AccountRow, StoreError> {
    Ok(sqlx::query_as(
        "SELECT login, status, created_at, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS password_set,
                password_changed_at
         FROM account WHERE id = $1",
    )
    .bind(account.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// A role with the names of the places it applies to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoleRow {
    pub role: String,
    pub organization: Option<String>,
    pub municipality: Option<String>,
    pub region: Option<String>,
    pub granted_at: String,
}

pub async fn roles(conn: &mut AnyConnection, account: &AccountId) -> Result<Vec<RoleRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT r.role, o.short_name AS organization, m.name AS municipality, g.name AS region, r.granted_at
         FROM account_role r
         LEFT JOIN organization o ON o.id = r.organization_id
         LEFT JOIN municipality m ON m.id = r.municipality_id
         LEFT JOIN region g ON g.id = r.region_id
         WHERE r.account_id = $1 ORDER BY r.granted_at, r.role",
    )
    .bind(account.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// An external identity (Госуслуги) linked to the account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IdentityRow {
    pub provider: String,
    pub subject: String,
    pub created_at: String,
}

pub async fn identities(
    conn: &mut AnyConnection,
    account: &AccountId,
) -> Result<Vec<IdentityRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT provider, subject, created_at FROM account_identity WHERE account_id = $1
         ORDER BY created_at, provider",
    )
    .bind(account.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A session without its token's hash or its form token.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
    pub user_agent: String,
    pub via: String,
}

/// Every session row of the account, ended ones not yet cleared away included.
pub async fn sessions(conn: &mut AnyConnection, account: &AccountId) -> Result<Vec<SessionRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT created_at, last_seen_at, expires_at, user_agent, via FROM session WHERE account_id = $1
         ORDER BY created_at",
    )
    .bind(account.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// An API token without its hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub name: String,
    pub kind: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

pub async fn api_tokens(conn: &mut AnyConnection, account: &AccountId) -> Result<Vec<TokenRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT name, kind, created_at, expires_at, revoked_at FROM api_token WHERE account_id = $1
         ORDER BY created_at, id",
    )
    .bind(account.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// When the account's one-time password was issued and until when it works (never the code).
pub async fn one_time_password(
    conn: &mut AnyConnection,
    account: &AccountId,
) -> Result<Option<(String, String)>, StoreError> {
    Ok(sqlx::query_as("SELECT issued_at, expires_at FROM one_time_password WHERE account_id = $1")
        .bind(account.as_str())
        .fetch_optional(&mut *conn)
        .await?)
}

/// A school or kindergarten the child attends, and the class.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SchoolRow {
    pub organization: String,
    pub class_label: String,
    pub since: String,
}

pub async fn schools(conn: &mut AnyConnection, child: &PersonId) -> Result<Vec<SchoolRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT o.short_name AS organization, u.class_label, u.created_at AS since
         FROM pupil u JOIN organization o ON o.id = u.organization_id
         WHERE u.child_id = $1 ORDER BY u.created_at, o.short_name",
    )
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A consent given for the child (R05), with the certificate it was given with and the name of
/// its scan (not the scan).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    pub given_at: String,
    pub given_by: String,
    pub channel: String,
    pub text_version: String,
    pub certificate_number: Option<String>,
    pub scan_file: Option<String>,
}

pub async fn consents(conn: &mut AnyConnection, child: &PersonId) -> Result<Vec<ConsentRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.created_at AS given_at, c.given_by, c.channel, c.text_version, t.number AS certificate_number,
                s.file_name AS scan_file
         FROM consent c
         LEFT JOIN certificate t ON t.id = c.certificate_id
         LEFT JOIN consent_scan s ON s.consent_id = c.id
         WHERE c.child_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A funded place of the certificate: the period's year and the nominal credited.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FundingRow {
    pub year: i64,
    pub nominal: Option<i64>,
    pub funded_at: String,
}

pub async fn fundings(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
) -> Result<Vec<FundingRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT CAST(p.year AS BIGINT) AS year, f.nominal, f.funded_at
         FROM certificate_funding f JOIN period p ON p.id = f.period_id
         WHERE f.certificate_id = $1 ORDER BY f.funded_at, p.year",
    )
    .bind(certificate.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// An application and, once accepted, the contract.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: String,
    pub program: String,
    pub organization: String,
    pub group_title: String,
    pub schedule: String,
    pub address: String,
    pub status: String,
    pub starts_on: String,
    pub ends_on: String,
    pub price_per_month: i64,
    pub covered_per_month: i64,
    pub hold: i64,
    pub reason: Option<String>,
    pub created_at: String,
    pub contract_accepted_at: Option<String>,
    pub decided_at: Option<String>,
}

pub async fn applications(
    conn: &mut AnyConnection,
    child: &PersonId,
) -> Result<Vec<ApplicationRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT a.id, pr.title AS program, o.short_name AS organization, g.title AS group_title, g.schedule,
                g.address, a.status, a.starts_on, a.ends_on, a.price_per_month, a.covered_per_month, a.hold, a.reason,
                a.created_at, a.contract_accepted_at, a.decided_at
         FROM application a
         JOIN program pr ON pr.id = a.program_id
         JOIN organization o ON o.id = pr.organization_id
         JOIN program_group g ON g.id = a.group_id
         WHERE a.child_id = $1 ORDER BY a.created_at, a.id",
    )
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// A month charged under a contract; `reversed` when the charge was corrected by a reversal.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChargeRow {
    pub month: String,
    pub days: i64,
    pub of_days: i64,
    pub lessons: Option<i64>,
    pub attended: Option<i64>,
    pub amount: i64,
    pub reversed: i64,
}

pub async fn charges(conn: &mut AnyConnection, application: &str) -> Result<Vec<ChargeRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.month, CAST(c.days AS BIGINT) AS days, CAST(c.of_days AS BIGINT) AS of_days,
                CAST(c.lessons AS BIGINT) AS lessons, CAST(c.attended AS BIGINT) AS attended, c.amount,
                CASE WHEN EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses = c.entry_id) THEN 1 ELSE 0 END
                  AS reversed
         FROM billing_charge c WHERE c.application_id = $1 ORDER BY c.month",
    )
    .bind(application)
    .fetch_all(&mut *conn)
    .await?)
}

/// A message the account wrote in a consultation, with the consultation's topic.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: String,
    pub consultation_id: String,
    pub topic: String,
    pub organization: String,
    pub status: String,
    pub text: String,
    pub created_at: String,
}

pub async fn messages_by(
    conn: &mut AnyConnection,
    author: &AccountId,
) -> Result<Vec<MessageRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.consultation_id, c.topic, o.short_name AS organization, c.status, m.text, m.created_at
         FROM consultation_message m
         JOIN consultation c ON c.id = m.consultation_id
         JOIN organization o ON o.id = c.organization_id
         WHERE m.author_id = $1 ORDER BY c.created_at, c.id, m.created_at, m.id",
    )
    .bind(author.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

/// The names of the files attached to the account's messages: (message id, file name).
pub async fn files_by(
    conn: &mut AnyConnection,
    author: &AccountId,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT f.message_id, f.file_name FROM consultation_file f
         JOIN consultation_message m ON m.id = f.message_id
         WHERE m.author_id = $1 ORDER BY f.message_id, f.id",
    )
    .bind(author.as_str())
    .fetch_all(&mut *conn)
    .await?)
}

const AUDIT_COLUMNS: &str = "id, at, account_id, actor_name, role, address, action, object_kind, object_id, \
    person_id, certificate_id, organization_id, municipality_id, before_json, after_json, seq, prev_hash, hash";

/// The audit records naming these persons or certificates, oldest first, each once: two
/// indexed reads merged here. A person's own account actions name the person too.
pub async fn audit_about(
    conn: &mut AnyConnection,
    persons: &[&PersonId],
    certificates: &[&CertificateId],
) -> Result<Vec<Record>, StoreError> {
    let mut records: Vec<Record> = Vec::new();
    for p in persons {
        let rows: Vec<Record> =
            sqlx::query_as(&format!("SELECT {AUDIT_COLUMNS} FROM audit_record WHERE person_id = $1"))
                .bind(p.as_str())
                .fetch_all(&mut *conn)
                .await?;
        records.extend(rows);
    }
    for c in certificates {
        let rows: Vec<Record> =
            sqlx::query_as(&format!("SELECT {AUDIT_COLUMNS} FROM audit_record WHERE certificate_id = $1"))
                .bind(c.as_str())
                .fetch_all(&mut *conn)
                .await?;
        records.extend(rows);
    }
    records.sort_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)));
    records.dedup_by(|a, b| a.id == b.id);
    Ok(records)
}
