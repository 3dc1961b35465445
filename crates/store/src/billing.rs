//! Monthly billing (R08): runs, the contracts a month charges, their charges (moved from each
//! certificate's hold to the provider's receivable in bulk, a batch per transaction), invoices
//! and attendance sheets. The rules — what a month costs — are in `domain::enrollment`.

use std::collections::HashMap;

use dopcert_domain::ids::AccountId;
use dopcert_domain::money::Kopecks;
use jiff::civil::Date;

use crate::bulk::BulkInsert;
use crate::time::{date, parse_date};
use crate::{new_id, AnyConnection, StoreError};

// ---- runs ----

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Run {
    pub id: String,
    pub month: String,
    pub status: String,
    pub cursor: String,
    pub started_at: String,
    pub heartbeat_at: String,
    pub finished_at: Option<String>,
    pub charged: i64,
    pub total: i64,
}

const RUN_COLUMNS: &str = "id, month, status, cursor, started_at, heartbeat_at, finished_at, charged, total";

/// How a run begins.
#[derive(Debug, Clone)]
pub enum Begun {
    Started(Run),
    /// A run of the same month was interrupted (its last sign of life is older than the limit):
    /// this one carries on after its cursor.
    Resumed(Run),
    /// Another run is going on now.
    Busy(Run),
}

/// Starts a run of `month`, or takes over an interrupted one. The unique `running` column lets
/// one run exist at a time, across all app servers.
pub async fn begin(
    conn: &mut AnyConnection,
    month: &str,
    by: Option<&AccountId>,
    now: &str,
    stale_before: &str,
) -> Result<Begun, StoreError> {
    if let Some(r) = running(conn).await? {
        if r.month == month && r.heartbeat_at.as_str() < stale_before {
            let taken = sqlx::query(
                "UPDATE billing_run SET heartbeat_at = $3 WHERE id = $1 AND heartbeat_at = $2 AND status = 'running'",
            )
            .bind(&r.id)
            .bind(&r.heartbeat_at)
            .bind(now)
            .execute(&mut *conn)
            .await?;
            if taken.rows_affected() == 1 {
                return Ok(Begun::Resumed(Run { heartbeat_at: now.to_string(), ..r }));
            }
        }
        return Ok(Begun::Busy(r));
    }
    let id = new_id();
    let done = sqlx::query(
        "INSERT INTO billing_run (id, month, status, running, started_by, started_at, heartbeat_at)
         VALUES ($1, $2, 'running', 1, $3, $4, $4) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(month)
    .bind(by.map(AccountId::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    match done.rows_affected() {
        1 => Ok(Begun::Started(get(conn, &id).await?.ok_or(StoreError::NotFound)?)),
        _ => Ok(Begun::Busy(running(conn).await?.ok_or(StoreError::NotFound)?)),
    }
}

pub async fn running(conn: &mut AnyConnection) -> Result<Option<Run>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {RUN_COLUMNS} FROM billing_run WHERE running = 1"))
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn get(conn: &mut AnyConnection, id: &str) -> Result<Option<Run>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {RUN_COLUMNS} FROM billing_run WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The latest runs, newest first.
pub async fn runs(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Run>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {RUN_COLUMNS} FROM billing_run ORDER BY started_at DESC, id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Counts a batch's charges on its run (in the batch's transaction, its last statement: the
/// run's row is locked until the commit, after the accounts).
pub async fn advance(
    conn: &mut AnyConnection,
    run: &str,
    charged: i64,
    total: Kopecks,
    now: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE billing_run SET charged = charged + $2, total = total + $3, heartbeat_at = $4
         WHERE id = $1 AND status = 'running'",
    )
    .bind(run)
    .bind(charged)
    .bind(total.get())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("billing_run".into()))
    }
}

/// Moves the run's cursor past the contracts of every batch written so far, in order.
pub async fn set_cursor(
    conn: &mut AnyConnection,
    run: &str,
    cursor: &str,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE billing_run SET cursor = $2, heartbeat_at = $3 WHERE id = $1 AND status = 'running' AND cursor < $2",
    )
    .bind(run)
    .bind(cursor)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn finish(conn: &mut AnyConnection, run: &str, now: &str) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE billing_run SET status = 'done', running = NULL, finished_at = $2, heartbeat_at = $2
         WHERE id = $1 AND status = 'running'",
    )
    .bind(run)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// ---- the contracts of a month ----

/// A contract to charge for a month, with what its charge needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contract {
    pub id: String,
    pub status: String,
    pub organization_id: String,
    pub certificate_id: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub covered_per_month: i64,
    pub hold: i64,
    /// The certificate's held-money account, when it has one.
    pub held_account: Option<String>,
    pub lessons: Option<i64>,
    pub attended: Option<i64>,
}

impl Contract {
    pub fn dates(&self) -> Result<(Date, Date), StoreError> {
        Ok((parse_date(&self.starts_on)?, parse_date(&self.ends_on)?))
    }
}

/// Enrolled (or ended) contracts running in the month `[first, last]` and not charged for it
/// yet, in id order after `after`. Each status is read in the order of the `(status, id)` index
/// and the two merged: with `status IN (…)` both engines sorted all the contracts left on every
/// batch, which made a run quadratic in its size (measured by `dopcert bench billing`). The
/// `LIMIT 1 OFFSET 0` keeps «not charged yet» a lookup of each contract's charge: without it
/// PostgreSQL turns it into a merge anti-join that reads the whole charges' index from its start
/// on every batch (the month is its second column) — quadratic again.
pub async fn contracts(
    conn: &mut AnyConnection,
    month: &str,
    first: Date,
    last: Date,
    after: &str,
    limit: i64,
) -> Result<Vec<Contract>, StoreError> {
    let of = |status: &str| {
        format!(
            "SELECT * FROM (
               SELECT a.id, a.status, p.organization_id, a.certificate_id, a.starts_on, a.ends_on,
                      a.covered_per_month, a.hold, h.id AS held_account,
                      CAST(s.lessons AS BIGINT) AS lessons, CAST(m.attended AS BIGINT) AS attended
               FROM application a
               JOIN program p ON p.id = a.program_id
               LEFT JOIN ledger_account h ON h.certificate_id = a.certificate_id AND h.kind = 'certificate_held'
               LEFT JOIN attendance_sheet s ON s.group_id = a.group_id AND s.month = $1
               LEFT JOIN attendance_mark m ON m.application_id = a.id AND m.month = $1
               WHERE a.status = '{status}' AND a.id > $4 AND a.starts_on <= $3 AND a.ends_on >= $2
                 AND NOT EXISTS (SELECT 1 FROM billing_charge c WHERE c.application_id = a.id AND c.month = $1
                                 LIMIT 1 OFFSET 0)
               ORDER BY a.id LIMIT $5) AS {status}_contracts"
        )
    };
    Ok(sqlx::query_as(&format!("{} UNION ALL {} ORDER BY id LIMIT $5", of("enrolled"), of("ended")))
        .bind(month)
        .bind(date(first))
        .bind(date(last))
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// One contract's charge for a month.
#[derive(Debug, Clone)]
pub struct NewCharge<'a> {
    pub contract: &'a Contract,
    pub days: i8,
    pub of_days: i8,
    pub amount: Kopecks,
}

/// Writes a batch of charges: a `billing_charge` row each, and for each non-zero one a ledger
/// entry (key `charge:<application>:<month>`, unique) moving the amount from the certificate's
/// hold to the provider's receivable. Balances move by one aggregated update per account; the
/// accounts' `CHECK (balance >= 0)` refuses a hold overdrawn, and the batch is then rolled back.
/// What the rows share (the month, the run, the time, the note) is bound once per statement, and
/// statements are as large as the engine likes them (`bulk::params_for`).
pub async fn post_charges(
    conn: &mut AnyConnection,
    run: &str,
    month: &str,
    charges: &[NewCharge<'_>],
    receivables: &HashMap<String, String>,
    now: &str,
) -> Result<(), StoreError> {
    let params = crate::bulk::params_for(conn);
    // What every row of the batch shares is bound once per statement.
    let note = format!("оплата за {month}");
    let cause = format!("billing:{run}");
    let mut entries = BulkInsert::with_constants(
        "ledger_entry",
        &["id", "idempotency_key", "certificate_id"],
        vec![
            ("reason", "charge".into()),
            ("note", note.into()),
            ("created_at", now.into()),
            ("cause", cause.into()),
        ],
    )
    .with_params(params);
    let mut postings =
        BulkInsert::new("ledger_posting", &["entry_id", "account_id", "amount"]).with_params(params);
    let mut rows = BulkInsert::with_constants(
        "billing_charge",
        &[
            "application_id",
            "organization_id",
            "certificate_id",
            "days",
            "of_days",
            "lessons",
            "attended",
            "amount",
            "entry_id",
        ],
        vec![("month", month.into()), ("run_id", run.into())],
    )
    .with_params(params);
    // All the entries first: postings and charges point at them, and so every table fills
    // whole statements.
    let mut ids = Vec::with_capacity(charges.len());
    for c in charges {
        let k = c.contract;
        if c.amount > Kopecks::ZERO {
            let id = new_id();
            let key = format!("charge:{}:{month}", k.id);
            entries.push(conn, vec![id.as_str().into(), key.into(), k.certificate_id.clone().into()]).await?;
            ids.push(Some(id));
        } else {
            ids.push(None);
        }
    }
    entries.finish(conn).await?;
    let mut moves: HashMap<String, i64> = HashMap::new();
    for (c, id) in charges.iter().zip(ids) {
        let k = c.contract;
        if let Some(id) = &id {
            let held = k.held_account.clone().ok_or(StoreError::Corrupt("a charge without a hold"))?;
            let receivable = receivables
                .get(&k.organization_id)
                .ok_or(StoreError::Corrupt("a provider without an account"))?;
            postings
                .push(conn, vec![id.as_str().into(), held.as_str().into(), (-c.amount.get()).into()])
                .await?;
            postings
                .push(conn, vec![id.as_str().into(), receivable.as_str().into(), c.amount.get().into()])
                .await?;
            *moves.entry(held).or_default() -= c.amount.get();
            *moves.entry(receivable.clone()).or_default() += c.amount.get();
        }
        let row = vec![
            k.id.as_str().into(),
            k.organization_id.as_str().into(),
            k.certificate_id.clone().into(),
            i64::from(c.days).into(),
            i64::from(c.of_days).into(),
            k.lessons.into(),
            k.attended.filter(|_| k.lessons.is_some()).into(),
            c.amount.get().into(),
            id.into(),
        ];
        rows.push(conn, row).await?;
    }
    postings.finish(conn).await?;
    rows.finish(conn).await?;
    move_balances(conn, &moves, params).await
}

/// Adds each account's total movement to its balance, as many accounts per statement as the
/// engine's parameters allow.
async fn move_balances(
    conn: &mut AnyConnection,
    moves: &HashMap<String, i64>,
    params: usize,
) -> Result<(), StoreError> {
    // In the accounts' order: concurrent batches then lock shared accounts in one order.
    let mut moves: Vec<(&String, &i64)> = moves.iter().filter(|(_, d)| **d != 0).collect();
    moves.sort_unstable();
    for chunk in moves.chunks(params / 2) {
        let values: Vec<String> =
            (0..chunk.len()).map(|i| format!("(${}, CAST(${} AS BIGINT))", 2 * i + 1, 2 * i + 2)).collect();
        let sql = format!(
            "UPDATE ledger_account SET balance = balance + d.column2 FROM (VALUES {}) AS d
             WHERE ledger_account.id = d.column1",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (account, delta) in chunk {
            q = q.bind(account.as_str()).bind(**delta);
        }
        let done = q.execute(&mut *conn).await?;
        if done.rows_affected() != chunk.len() as u64 {
            return Err(StoreError::Corrupt("ledger_account: a charge's account is missing"));
        }
    }
    Ok(())
}

// ---- invoices ----

/// What a run charged per provider: (organization, municipality, charges, total).
pub async fn run_totals(
    conn: &mut AnyConnection,
    run: &str,
) -> Result<Vec<(String, String, i64, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.organization_id, o.municipality_id, COUNT(*), CAST(SUM(c.amount) AS BIGINT)
         FROM billing_charge c JOIN organization o ON o.id = c.organization_id
         WHERE c.run_id = $1 GROUP BY c.organization_id, o.municipality_id ORDER BY c.organization_id",
    )
    .bind(run)
    .fetch_all(&mut *conn)
    .await?)
}

pub struct NewInvoice<'a> {
    pub run: &'a str,
    pub organization: &'a str,
    pub municipality: &'a str,
    pub month: &'a str,
    pub charges: i64,
    pub total: Kopecks,
}

/// Issues an invoice numbered «ГГГГ-ММ/N» in the month's order; a run has one per provider.
pub async fn insert_invoice(
    conn: &mut AnyConnection,
    i: &NewInvoice<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let seq: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoice WHERE month = $1")
        .bind(i.month)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO invoice (id, number, run_id, organization_id, municipality_id, month, charges, total, status,
                              created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'issued', $9) ON CONFLICT (run_id, organization_id) DO NOTHING",
    )
    .bind(new_id())
    .bind(format!("{}/{}", i.month, seq + 1))
    .bind(i.run)
    .bind(i.organization)
    .bind(i.municipality)
    .bind(i.month)
    .bind(i.charges)
    .bind(i.total.get())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invoice {
    pub id: String,
    pub number: String,
    pub run_id: String,
    pub organization_id: String,
    pub organization: String,
    pub municipality_id: String,
    pub month: String,
    pub charges: i64,
    pub total: i64,
    pub status: String,
    pub approved_at: Option<String>,
    pub exported_at: Option<String>,
    pub created_at: String,
}

const INVOICE_SELECT: &str =
    "SELECT i.id, i.number, i.run_id, i.organization_id, o.short_name AS organization,
       i.municipality_id, i.month, CAST(i.charges AS BIGINT) AS charges, i.total, i.status, i.approved_at,
       i.exported_at, i.created_at
     FROM invoice i JOIN organization o ON o.id = i.organization_id";

/// Invoices of a municipality (all when `None`), or of one provider, newest month first.
pub async fn invoices(
    conn: &mut AnyConnection,
    municipality: Option<&str>,
    organization: Option<&str>,
    limit: i64,
) -> Result<Vec<Invoice>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "{INVOICE_SELECT} WHERE ($1 = '' OR i.municipality_id = $1) AND ($2 = '' OR i.organization_id = $2)
         ORDER BY i.month DESC, i.number LIMIT $3"
    ))
    .bind(municipality.unwrap_or(""))
    .bind(organization.unwrap_or(""))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn invoice(conn: &mut AnyConnection, id: &str) -> Result<Option<Invoice>, StoreError> {
    Ok(sqlx::query_as(&format!("{INVOICE_SELECT} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Moves an invoice on (issued → approved → exported); false when it was no longer in `from`.
pub async fn set_invoice_status(
    conn: &mut AnyConnection,
    id: &str,
    from: &str,
    to: &str,
    by: &AccountId,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE invoice SET status = $3,
            approved_by = CASE WHEN $3 = 'approved' THEN $4 ELSE approved_by END,
            approved_at = CASE WHEN $3 = 'approved' THEN $5 ELSE approved_at END,
            exported_at = CASE WHEN $3 = 'exported' THEN $5 ELSE exported_at END
         WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(by.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A line of an invoice: the charge with what the document names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceLine {
    pub application_id: String,
    pub child: String,
    pub certificate_number: Option<String>,
    pub program: String,
    pub group_title: String,
    pub days: i64,
    pub of_days: i64,
    pub lessons: Option<i64>,
    pub attended: Option<i64>,
    pub amount: i64,
    pub entry_id: Option<String>,
    pub reversed: i64,
}

pub async fn invoice_lines(
    conn: &mut AnyConnection,
    invoice: &Invoice,
) -> Result<Vec<InvoiceLine>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT c.application_id, {FULL_NAME} AS child, cert.number AS certificate_number, pr.title AS program,
                g.title AS group_title, CAST(c.days AS BIGINT) AS days, CAST(c.of_days AS BIGINT) AS of_days,
                CAST(c.lessons AS BIGINT) AS lessons, CAST(c.attended AS BIGINT) AS attended, c.amount, c.entry_id,
                CAST(CASE WHEN EXISTS (SELECT 1 FROM ledger_reversal r WHERE r.reverses = c.entry_id) THEN 1 ELSE 0 END
                     AS BIGINT) AS reversed
         FROM billing_charge c
         JOIN application a ON a.id = c.application_id
         JOIN person p ON p.id = a.child_id
         JOIN program pr ON pr.id = a.program_id
         JOIN program_group g ON g.id = a.group_id
         LEFT JOIN certificate cert ON cert.id = c.certificate_id
         WHERE c.run_id = $1 AND c.organization_id = $2
         ORDER BY child, c.application_id",
        FULL_NAME = crate::FULL_NAME,
    ))
    .bind(&invoice.run_id)
    .bind(&invoice.organization_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An invoice's total lowered by a reversed charge (only while it is not exported).
pub async fn lower_invoice(
    conn: &mut AnyConnection,
    run: &str,
    organization: &str,
    amount: Kopecks,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE invoice SET total = total - $3
         WHERE run_id = $1 AND organization_id = $2 AND status <> 'exported' AND total >= $3",
    )
    .bind(run)
    .bind(organization)
    .bind(amount.get())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

// ---- attendance ----

/// Saves a group's sheet for a month: the lessons held and each child's attended lessons.
pub async fn save_attendance(
    conn: &mut AnyConnection,
    group: &str,
    month: &str,
    lessons: i64,
    marks: &[(String, i64)],
    by: &AccountId,
    now: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO attendance_sheet (group_id, month, lessons, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (group_id, month) DO UPDATE SET lessons = $3, updated_by = $4, updated_at = $5",
    )
    .bind(group)
    .bind(month)
    .bind(lessons)
    .bind(by.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for (application, attended) in marks {
        sqlx::query(
            "INSERT INTO attendance_mark (application_id, month, attended) VALUES ($1, $2, $3)
             ON CONFLICT (application_id, month) DO UPDATE SET attended = $3",
        )
        .bind(application)
        .bind(month)
        .bind(*attended)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// A group's sheet: the lessons (if a sheet exists) and the marks by application.
pub async fn attendance(
    conn: &mut AnyConnection,
    group: &str,
    month: &str,
) -> Result<(Option<i64>, HashMap<String, i64>), StoreError> {
    let lessons: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(lessons AS BIGINT) FROM attendance_sheet WHERE group_id = $1 AND month = $2",
    )
    .bind(group)
    .bind(month)
    .fetch_optional(&mut *conn)
    .await?;
    let marks: Vec<(String, i64)> = sqlx::query_as(
        "SELECT m.application_id, CAST(m.attended AS BIGINT) FROM attendance_mark m
         JOIN application a ON a.id = m.application_id WHERE a.group_id = $1 AND m.month = $2",
    )
    .bind(group)
    .bind(month)
    .fetch_all(&mut *conn)
    .await?;
    Ok((lessons, marks.into_iter().collect()))
}

/// True when the month of the group was charged (its sheet can no longer change).
pub async fn group_month_charged(
    conn: &mut AnyConnection,
    group: &str,
    month: &str,
) -> Result<bool, StoreError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM billing_charge c JOIN application a ON a.id = c.application_id
         WHERE a.group_id = $1 AND c.month = $2",
    )
    .bind(group)
    .bind(month)
    .fetch_one(&mut *conn)
    .await?
        > 0)
}

/// The run, provider and municipality of a charge's ledger entry.
pub async fn charge_invoice(
    conn: &mut AnyConnection,
    entry: &str,
) -> Result<Option<(String, String, String)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT c.run_id, c.organization_id, o.municipality_id FROM billing_charge c
         JOIN organization o ON o.id = c.organization_id WHERE c.entry_id = $1",
    )
    .bind(entry)
    .fetch_optional(&mut *conn)
    .await?)
}

/// A finished run exists for the month.
pub async fn month_done(conn: &mut AnyConnection, month: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM billing_run WHERE month = $1 AND status = 'done'")
        .bind(month)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Certificates of a municipality with money left available: (certificate, kopecks).
pub async fn left_on_certificates(
    conn: &mut AnyConnection,
    municipality: &dopcert_domain::ids::MunicipalityId,
    limit: i64,
) -> Result<Vec<(String, i64)>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT a.certificate_id, a.balance FROM ledger_account a JOIN certificate c ON c.id = a.certificate_id
         WHERE a.kind = 'certificate_available' AND a.balance > 0 AND c.municipality_id = $1
         ORDER BY a.certificate_id LIMIT $2",
    )
    .bind(municipality.as_str())
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The contract a charge's entry belongs to.
pub async fn charge_application(conn: &mut AnyConnection, entry: &str) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT application_id FROM billing_charge WHERE entry_id = $1")
        .bind(entry)
        .fetch_optional(&mut *conn)
        .await?)
}

/// The contract's last month was charged and the rest of its hold released.
pub async fn settled(conn: &mut AnyConnection, application: &str) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM billing_charge c JOIN application a ON a.id = c.application_id
         WHERE c.application_id = $1 AND c.month = SUBSTR(a.ends_on, 1, 7)",
    )
    .bind(application)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// The contracts of a group running in `[first, last]`: (application id, child's full name).
pub async fn enrolled_in(
    conn: &mut AnyConnection,
    group: &str,
    first: Date,
    last: Date,
) -> Result<Vec<(String, String)>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.id, {FULL_NAME} FROM application a JOIN person p ON p.id = a.child_id
         WHERE a.group_id = $1 AND a.status IN ('enrolled', 'ended') AND a.starts_on <= $3 AND a.ends_on >= $2
         ORDER BY 2, a.id",
        FULL_NAME = crate::FULL_NAME
    ))
    .bind(group)
    .bind(date(first))
    .bind(date(last))
    .fetch_all(&mut *conn)
    .await?)
}
