//! The double-entry ledger (R09). Every movement of money is an entry whose postings sum to
//! zero; an account's balance changes in the same transaction by a guarded update, so a balance
//! that must not go negative cannot, under any concurrency. An entry's idempotency key makes a
//! retried movement a no-op.

use dopcert_domain::ids::{CertificateId, OrganizationId, PeriodId};
use dopcert_domain::money::Kopecks;

use crate::time::parse_instant;
use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// A municipality's budget for a period: the source of nominals; runs negative.
    Budget,
    CertificateAvailable,
    CertificateHeld,
    ProviderReceivable,
}

impl AccountKind {
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Budget => "budget",
            AccountKind::CertificateAvailable => "certificate_available",
            AccountKind::CertificateHeld => "certificate_held",
            AccountKind::ProviderReceivable => "provider_receivable",
        }
    }
}

/// Whose account: exactly one owner matters per kind.
#[derive(Debug, Clone, Copy)]
pub enum Owner<'a> {
    Period(&'a PeriodId),
    Certificate(&'a CertificateId),
    Organization(&'a OrganizationId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The nominal credited to a funded certificate (R06, R10).
    Nominal,
    /// Money given back to the budget when a certificate is closed.
    Return,
    /// What is left at a period's end (R10).
    Expiry,
    Hold,
    Release,
    Charge,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Nominal => "nominal",
            Reason::Return => "return",
            Reason::Expiry => "expiry",
            Reason::Hold => "hold",
            Reason::Release => "release",
            Reason::Charge => "charge",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        use Reason::*;
        [Nominal, Return, Expiry, Hold, Release, Charge].into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// A debit would take an account below zero: nothing was written (the caller's transaction
    /// must be rolled back).
    #[error("insufficient balance")]
    Insufficient,
    #[error("unbalanced entry")]
    Unbalanced,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The id of the account, created on first use. Looked up first: the account usually exists
/// (a municipality's budget is shared by all its claims), and a read takes no write lock.
pub async fn account(
    conn: &mut AnyConnection,
    kind: AccountKind,
    owner: Owner<'_>,
    now: &str,
) -> Result<String, StoreError> {
    let (period, certificate, organization) = match owner {
        Owner::Period(p) => (Some(p.as_str()), None, None),
        Owner::Certificate(c) => (None, Some(c.as_str()), None),
        Owner::Organization(o) => (None, None, Some(o.as_str())),
    };
    if let Some(id) = find_account(conn, kind, owner).await? {
        return Ok(id);
    }
    sqlx::query(
        "INSERT INTO ledger_account (id, kind, period_id, certificate_id, organization_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(new_id())
    .bind(kind.code())
    .bind(period)
    .bind(certificate)
    .bind(organization)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    find_account(conn, kind, owner).await?.ok_or(StoreError::NotFound)
}

/// By the owner, in the form of the unique index's expressions, so both engines use it.
async fn find_account(
    conn: &mut AnyConnection,
    kind: AccountKind,
    owner: Owner<'_>,
) -> Result<Option<String>, StoreError> {
    let (period, certificate, organization) = match owner {
        Owner::Period(p) => (p.as_str(), "", ""),
        Owner::Certificate(c) => ("", c.as_str(), ""),
        Owner::Organization(o) => ("", "", o.as_str()),
    };
    Ok(sqlx::query_scalar(
        "SELECT id FROM ledger_account WHERE kind = $1 AND COALESCE(period_id, '') = $2
           AND COALESCE(certificate_id, '') = $3 AND COALESCE(organization_id, '') = $4",
    )
    .bind(kind.code())
    .bind(period)
    .bind(certificate)
    .bind(organization)
    .fetch_optional(&mut *conn)
    .await?)
}

pub struct Entry<'a> {
    pub idempotency_key: &'a str,
    pub reason: Reason,
    pub period_id: Option<&'a PeriodId>,
    pub certificate_id: Option<&'a CertificateId>,
    pub note: Option<&'a str>,
    /// What caused it, e.g. `application:<id>`.
    pub cause: Option<&'a str>,
    /// Who made it, when a person did.
    pub author: Option<&'a dopcert_domain::ids::AccountId>,
    /// (account id, signed amount): credits positive, debits negative; they sum to zero.
    pub postings: &'a [(&'a str, Kopecks)],
}

/// Posts the entry; `Ok(false)` when an entry with its key was posted before (nothing changes).
pub async fn post(conn: &mut AnyConnection, e: &Entry<'_>, now: &str) -> Result<bool, LedgerError> {
    let sum: i64 = e.postings.iter().map(|(_, a)| a.get()).sum();
    if sum != 0 || e.postings.iter().any(|(_, a)| a.get() == 0) {
        return Err(LedgerError::Unbalanced);
    }
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO ledger_entry (id, idempotency_key, reason, period_id, certificate_id, note, created_at, cause,
                                  author_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING",
    )
    .bind(&id)
    .bind(e.idempotency_key)
    .bind(e.reason.code())
    .bind(e.period_id.map(PeriodId::as_str))
    .bind(e.certificate_id.map(CertificateId::as_str))
    .bind(e.note)
    .bind(now)
    .bind(e.cause)
    .bind(e.author.map(|a| a.as_str()))
    .execute(&mut *conn)
    .await
    .map_err(StoreError::from)?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    for (account, amount) in e.postings {
        sqlx::query("INSERT INTO ledger_posting (entry_id, account_id, amount) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(*account)
            .bind(amount.get())
            .execute(&mut *conn)
            .await
            .map_err(StoreError::from)?;
        // The guard keeps every account but the budget at zero or above.
        let moved = sqlx::query(
            "UPDATE ledger_account SET balance = balance + $2
             WHERE id = $1 AND (kind = 'budget' OR balance + $2 >= 0)",
        )
        .bind(*account)
        .bind(amount.get())
        .execute(&mut *conn)
        .await
        .map_err(StoreError::from)?;
        if moved.rows_affected() != 1 {
            return Err(LedgerError::Insufficient);
        }
    }
    Ok(true)
}

/// A certificate's money: what is free to spend, what is held for contracts, what was spent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    pub available: Kopecks,
    pub held: Kopecks,
    pub spent: Kopecks,
}

pub async fn certificate_balance(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
) -> Result<Balance, StoreError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, balance FROM ledger_account WHERE certificate_id = $1")
            .bind(certificate.as_str())
            .fetch_all(&mut *conn)
            .await?;
    let mut b = Balance::default();
    for (kind, balance) in rows {
        match kind.as_str() {
            "certificate_available" => b.available = Kopecks::new(balance),
            "certificate_held" => b.held = Kopecks::new(balance),
            _ => {}
        }
    }
    let spent: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(-p.amount), 0) AS BIGINT) FROM ledger_posting p
         JOIN ledger_entry e ON e.id = p.entry_id JOIN ledger_account a ON a.id = p.account_id
         WHERE a.certificate_id = $1 AND a.kind = 'certificate_held' AND e.reason = 'charge'",
    )
    .bind(certificate.as_str())
    .fetch_one(&mut *conn)
    .await?;
    b.spent = Kopecks::new(spent);
    Ok(b)
}

/// One movement of a certificate's money, as its owner sees it.
#[derive(Debug, Clone)]
pub struct Movement {
    pub at: jiff::Timestamp,
    pub reason: Reason,
    pub note: Option<String>,
    /// Change of the available money.
    pub available: Kopecks,
    /// Change of the held money.
    pub held: Kopecks,
}

pub async fn certificate_movements(
    conn: &mut AnyConnection,
    certificate: &CertificateId,
) -> Result<Vec<Movement>, StoreError> {
    let rows: Vec<(String, String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT e.created_at, e.reason, e.note,
           CAST(COALESCE(SUM(CASE WHEN a.kind = 'certificate_available' THEN p.amount ELSE 0 END), 0) AS BIGINT),
           CAST(COALESCE(SUM(CASE WHEN a.kind = 'certificate_held' THEN p.amount ELSE 0 END), 0) AS BIGINT)
         FROM ledger_entry e
         JOIN ledger_posting p ON p.entry_id = e.id
         JOIN ledger_account a ON a.id = p.account_id AND a.certificate_id = $1
         GROUP BY e.id, e.created_at, e.reason, e.note
         ORDER BY e.created_at, e.id",
    )
    .bind(certificate.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(at, reason, note, available, held)| {
            Ok(Movement {
                at: parse_instant(&at)?,
                reason: Reason::parse(&reason).ok_or(StoreError::Corrupt("ledger_entry.reason"))?,
                note,
                available: Kopecks::new(available),
                held: Kopecks::new(held),
            })
        })
        .collect()
}

/// R09 checks, for tests and `dopcert verify`: entries that do not sum to zero, and accounts
/// whose balance differs from the sum of their postings.
pub async fn inconsistencies(conn: &mut AnyConnection) -> Result<(i64, i64), StoreError> {
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_posting GROUP BY entry_id HAVING SUM(amount) <> 0) x",
    )
    .fetch_one(&mut *conn)
    .await?;
    let drifted: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ledger_account a
         WHERE a.balance <> (SELECT CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) FROM ledger_posting p
                             WHERE p.account_id = a.id)",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((unbalanced, drifted))
}

/// An entry as a correction reads it.
#[derive(Debug, Clone)]
pub struct Posted {
    pub id: String,
    pub reason: Reason,
    pub period_id: Option<PeriodId>,
    pub certificate_id: Option<CertificateId>,
    pub cause: Option<String>,
    pub postings: Vec<(String, Kopecks)>,
    /// The entry is itself a reversal.
    pub is_reversal: bool,
    /// The entry was reversed.
    pub reversed: bool,
}

/// An entry's row: id, reason, period, certificate, cause, is a reversal, was reversed.
type EntryRow = (String, String, Option<String>, Option<String>, Option<String>, i64, i64);

pub async fn entry(conn: &mut AnyConnection, id: &str) -> Result<Option<Posted>, StoreError> {
    let row: Option<EntryRow> = sqlx::query_as(
        "SELECT e.id, e.reason, e.period_id, e.certificate_id, e.cause,
                CAST((SELECT COUNT(*) FROM ledger_reversal r WHERE r.entry_id = e.id) AS BIGINT),
                CAST((SELECT COUNT(*) FROM ledger_reversal r WHERE r.reverses = e.id) AS BIGINT)
         FROM ledger_entry e WHERE e.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, reason, period, certificate, cause, is_reversal, reversed)) = row else { return Ok(None) };
    let postings: Vec<(String, i64)> = sqlx::query_as(
        "SELECT account_id, amount FROM ledger_posting WHERE entry_id = $1 ORDER BY account_id",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Posted {
        id,
        reason: Reason::parse(&reason).ok_or(StoreError::Corrupt("ledger_entry.reason"))?,
        period_id: period.map(PeriodId::from_string),
        certificate_id: certificate.map(CertificateId::from_string),
        cause,
        postings: postings.into_iter().map(|(a, m)| (a, Kopecks::new(m))).collect(),
        is_reversal: is_reversal > 0,
        reversed: reversed > 0,
    }))
}

/// Reverses an entry: a new entry with the same reason and accounts and the amounts negated
/// («красное сторно»), linked to the original with its reason and author. History is never
/// edited. `Ok(false)` when the entry was reversed already.
pub async fn reverse(
    conn: &mut AnyConnection,
    original: &Posted,
    why: &str,
    author: &dopcert_domain::ids::AccountId,
    now: &str,
) -> Result<bool, LedgerError> {
    let key = format!("reversal:{}", original.id);
    let negated: Vec<(&str, Kopecks)> =
        original.postings.iter().map(|(a, m)| (a.as_str(), Kopecks::new(-m.get()))).collect();
    let note = format!("Сторно: {why}");
    let cause = format!("reversal:{}", original.id);
    let e = Entry {
        idempotency_key: &key,
        reason: original.reason,
        period_id: original.period_id.as_ref(),
        certificate_id: original.certificate_id.as_ref(),
        note: Some(&note),
        cause: Some(&cause),
        author: Some(author),
        postings: &negated,
    };
    if !post(conn, &e, now).await? {
        return Ok(false);
    }
    let id: String = sqlx::query_scalar("SELECT id FROM ledger_entry WHERE idempotency_key = $1")
        .bind(&key)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::from)?;
    sqlx::query(
        "INSERT INTO ledger_reversal (entry_id, reverses, why, author_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&original.id)
    .bind(why)
    .bind(author.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(StoreError::from)?;
    Ok(true)
}
