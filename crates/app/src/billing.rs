//! Monthly billing (R08): a run charges every contract of a month — pro rata for partial months,
//! by the attendance sheet where the provider keeps one — moving money from each certificate's
//! hold to the provider's receivable, then issues one invoice per provider. The run is region
//! wide and one at a time (across servers, by the database); each batch of contracts is one
//! transaction, a few written at once, and the run's cursor moves past the batches written in
//! order, so a run killed midway resumes where it stopped and the charges' unique keys make any
//! repeat harmless. The municipal operator
//! approves invoices and exports them as payment orders.

use std::collections::{HashMap, VecDeque};

use tokio::task::JoinHandle;

use dopcert_domain::enrollment::{self as rules, ApplicationStatus};
use dopcert_domain::ids::{CertificateId, OrganizationId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::role::Role;
use dopcert_store::billing::{self as store, Begun, Contract, NewCharge, NewInvoice};
use dopcert_store::ledger::{self, AccountKind, Owner};
use dopcert_store::time::{instant, parse_date};
use dopcert_store::{application, AnyConnection, StoreError};
use jiff::civil::Date;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum BillingError {
    #[error("месяц в виде 2026-11")]
    BadMonth,
    /// The month's first day.
    #[error("{} ещё не наступил: начислять можно текущий месяц и прошедшие", month_title(*.0))]
    FutureMonth(Date),
    /// Another run of `month` (its first day), begun at `started`, is alive.
    #[error(
        "сейчас идёт начисление за {} (начато {}): дождитесь его окончания",
        month_code(*.month),
        dopcert_domain::format::instant(*.started)
    )]
    Busy { month: Date, started: jiff::Timestamp },
    #[error("начислять и утверждать счета может оператор муниципального опорного центра")]
    Forbidden,
    #[error("счёт не найден")]
    NotFound,
    #[error("счёт уже изменили: обновите страницу")]
    Stale,
    #[error("{0}")]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why an action on invoices, charges, sheets or periods is not done (`BillingError::Refused`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(
        "у организации не указаны банковские реквизиты: без них счёт не оплатить. Попросите администратора \
         организации заполнить их в профиле (/org/profile)"
    )]
    NoBankDetails,
    #[error("нет утверждённых счетов для выгрузки")]
    NothingToExport,
    #[error("напишите причину сторно")]
    ReversalReason,
    #[error("сторнировать можно только списание за месяц")]
    NotACharge,
    #[error("счёт уже выгружен в платёжные поручения: исправьте следующим счётом")]
    Exported,
    #[error("это списание уже сторнировано")]
    AlreadyReversed,
    #[error("сторно невозможно: на счёте организации не хватает средств")]
    ShortOfMoney,
    #[error("число занятий в месяце — от 1 до 62")]
    Lessons,
    #[error("посещено — от 0 до числа занятий в месяце")]
    Attended,
    #[error("за этот месяц уже начислено: табель закрыт")]
    SheetClosed,
    #[error("сначала закройте предыдущий период: его остатки ещё не списаны")]
    PreviousPeriod,
    #[error("период ещё не закончился")]
    PeriodRunning,
    #[error("сначала начислите последний месяц периода")]
    LastMonthFirst,
}

impl BillingError {
    pub fn code(&self) -> &'static str {
        match self {
            BillingError::BadMonth => "invalid_month",
            BillingError::FutureMonth(_) => "future_month",
            BillingError::Busy { .. } => "billing_busy",
            BillingError::Forbidden => "forbidden",
            BillingError::NotFound => "not_found",
            BillingError::Stale => "stale",
            BillingError::Refused(_) => "refused",
            BillingError::Store(_) => "internal",
        }
    }
}

/// '2026-11' → the month's first day.
pub fn parse_month(raw: &str) -> Result<Date, BillingError> {
    let raw = raw.trim();
    if raw.len() != 7 {
        return Err(BillingError::BadMonth);
    }
    crate::enrollment::parse_month(raw).ok_or(BillingError::BadMonth)
}

pub fn month_code(month: Date) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

/// How a run goes.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Contracts per transaction.
    pub batch: i64,
    /// Batches written at once, each on its own connection. On PostgreSQL each is a server
    /// process on its own core; SQLite has one writer, and there the next batch is read while the
    /// previous one is written.
    pub jobs: usize,
    /// Stop (as if killed) after this many batches: for tests of resuming.
    pub stop_after: Option<usize>,
    /// A run of the same month silent for this long was interrupted and is taken over. Taking
    /// over a run that is in fact alive wastes work but charges nothing twice (a charge's key
    /// is its contract and month).
    pub stale_after: jiff::SignedDuration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions { batch: 2_000, jobs: 2, stop_after: None, stale_after: STALE_AFTER }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub run_id: String,
    pub month: String,
    pub resumed: bool,
    /// Contracts charged by this call (a resumed run counts only its own).
    pub charged: i64,
    pub total: Kopecks,
    /// Contracts whose last month this was: the rest of their hold went back to the certificate.
    pub settled: i64,
    pub invoices: usize,
    pub finished: bool,
}

/// By default, a run this long without a sign of life was interrupted and may be taken over.
pub const STALE_AFTER: jiff::SignedDuration = jiff::SignedDuration::from_secs(120);

/// How many times a batch that lost a deadlock to another batch is tried again.
const DEADLOCK_RETRIES: usize = 5;

/// Charges the month (see the module's comment). `actor` is `None` from the command line.
///
/// The contracts are read in id order, a batch at a time, and up to `opts.jobs` batches are
/// written at once, each in its own transaction. The run's cursor moves only past batches
/// committed in order, so a run killed with a later batch committed and an earlier one not
/// resumes before both; the later one's contracts are then skipped as charged.
pub async fn run(
    app: &App,
    actor: Option<&Actor>,
    month: Date,
    opts: RunOptions,
) -> Result<RunReport, BillingError> {
    if let Some(a) = actor {
        operator_scope(a)?;
    }
    let month = month.first_of_month();
    if month > app.clock.today().first_of_month() {
        return Err(BillingError::FutureMonth(month));
    }
    let code = month_code(month);
    let (r, resumed) = begin(app, actor, &code, opts).await?;
    let mut report = RunReport { run_id: r.id.clone(), month: code.clone(), resumed, ..Default::default() };
    let mut read = r.cursor.clone();
    let mut receivables = HashMap::new();
    // Each batch is its own task, so that it commits while the run waits on another one or
    // moves the cursor (which waits for the batch that holds the run's row); a task dropped here
    // is aborted, and its transaction rolled back.
    let mut writing = AbortOnDrop(VecDeque::new());
    let (mut started, mut read_all) = (0, false);
    loop {
        while !read_all && writing.0.len() < opts.jobs.max(1) && opts.stop_after.is_none_or(|n| started < n) {
            let contracts = next_contracts(app, month, &read, opts.batch).await?;
            let Some(last) = contracts.last() else {
                read_all = true;
                break;
            };
            read = last.id.clone();
            providers(app, &contracts, &mut receivables).await?;
            let (app, run, receivables) = (app.clone(), r.id.clone(), receivables.clone());
            writing.0.push_back(tokio::spawn(async move {
                write_batch(&app, &run, month, contracts, receivables).await
            }));
            started += 1;
        }
        let Some(task) = writing.0.pop_front() else { break };
        let done = task.await.map_err(|e| BillingError::Store(StoreError::Corrupt(task_failed(&e))))??;
        report.charged += done.charged;
        report.settled += done.settled;
        report.total = Kopecks::new(report.total.get() + done.total.get());
        let mut conn = app.store.begin().await?;
        store::set_cursor(&mut conn, &r.id, &done.last, &instant(app.clock.now())).await?;
        conn.commit().await.map_err(StoreError::from)?;
        metrics::counter!("dopcert_billing_contracts_charged_total").increment(done.charged as u64);
        metrics::counter!("dopcert_billing_charged_kopecks_total").increment(done.total.get().max(0) as u64);
    }
    if !read_all {
        return Ok(report);
    }
    report.invoices = finish(app, actor, &r.id, &code).await?;
    report.finished = true;
    metrics::counter!("dopcert_billing_runs_finished_total").increment(1);
    tracing::info!(run = %r.id, month = %code, charged = report.charged, total = %report.total, "billing run done");
    Ok(report)
}

/// Batches being written; those left when the run returns early are aborted.
struct AbortOnDrop(VecDeque<JoinHandle<Result<Written, BillingError>>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

fn task_failed(e: &tokio::task::JoinError) -> &'static str {
    if e.is_panic() {
        "billing batch panicked"
    } else {
        "billing batch cancelled"
    }
}

/// Starts the month's run or takes over an interrupted one; busy while another is alive.
async fn begin(
    app: &App,
    actor: Option<&Actor>,
    code: &str,
    opts: RunOptions,
) -> Result<(store::Run, bool), BillingError> {
    let now = instant(app.clock.now());
    let stale = instant(app.clock.now() - opts.stale_after);
    let by = actor.map(|a| &a.account_id);
    let mut tx = app.store.begin().await?;
    let begun = store::begin(&mut tx, code, by, &now, &stale).await?;
    tx.commit().await.map_err(StoreError::from)?;
    match begun {
        Begun::Started(r) => Ok((r, false)),
        Begun::Resumed(r) => Ok((r, true)),
        Begun::Busy(r) => Err(BillingError::Busy {
            month: parse_month(&r.month).map_err(|_| StoreError::Corrupt("billing_run.month"))?,
            started: dopcert_store::time::parse_instant(&r.started_at)?,
        }),
    }
}

/// The next contracts to charge after `after`, in id order (read outside the batches'
/// transactions, while they write).
async fn next_contracts(
    app: &App,
    month: Date,
    after: &str,
    size: i64,
) -> Result<Vec<Contract>, BillingError> {
    let mut conn = app.store.reader().await?;
    let (code, last) = (month_code(month), month.last_of_month());
    Ok(store::contracts(&mut conn, &code, month, last, after, size).await?)
}

/// The receivable account of each provider of the contracts, made when missing (before the
/// batches, so that concurrent batches do not race to make one).
async fn providers(
    app: &App,
    contracts: &[Contract],
    receivables: &mut HashMap<String, String>,
) -> Result<(), BillingError> {
    let missing: Vec<&str> = contracts
        .iter()
        .map(|c| c.organization_id.as_str())
        .filter(|o| !receivables.contains_key(*o))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    for org in missing {
        if !receivables.contains_key(org) {
            let owner = OrganizationId::from_string(org.to_string());
            let id =
                ledger::account(&mut tx, AccountKind::ProviderReceivable, Owner::Organization(&owner), &now)
                    .await?;
            receivables.insert(org.to_string(), id);
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// What a batch did.
struct Written {
    /// The batch's last contract: the cursor once every batch before it is written too.
    last: String,
    charged: i64,
    total: Kopecks,
    settled: i64,
}

/// One batch in one transaction, tried again when PostgreSQL ends it to break a deadlock with
/// another batch (both moving the balance of one certificate).
async fn write_batch(
    app: &App,
    run: &str,
    month: Date,
    contracts: Vec<Contract>,
    receivables: HashMap<String, String>,
) -> Result<Written, BillingError> {
    let mut attempt = 0;
    loop {
        match try_batch(app, run, month, &contracts, &receivables).await {
            Err(BillingError::Store(e)) if e.is_deadlock() && attempt < DEADLOCK_RETRIES => attempt += 1,
            other => return other,
        }
    }
}

async fn try_batch(
    app: &App,
    run: &str,
    month: Date,
    contracts: &[Contract],
    receivables: &HashMap<String, String>,
) -> Result<Written, BillingError> {
    let code = month_code(month);
    let last = month.last_of_month();
    let now = instant(app.clock.now());
    let mut charges = Vec::with_capacity(contracts.len());
    let mut total = 0;
    for c in contracts {
        let (start, end) = c.dates()?;
        let attendance = c.lessons.zip(c.attended).map(|(l, a)| (a, l));
        let Some((share, amount)) =
            rules::month_charge(Kopecks::new(c.covered_per_month), start, end, month, attendance)
        else {
            continue;
        };
        total += amount.get();
        charges.push(NewCharge { contract: c, days: share.days, of_days: share.of, amount });
    }
    let mut tx = app.store.begin().await?;
    store::post_charges(&mut tx, run, &code, &charges, receivables, &now).await?;
    let mut settled = 0;
    for c in contracts.iter().filter(|c| c.ends_on.as_str() <= dopcert_store::time::date(last).as_str()) {
        settle(&mut tx, c, &now).await?;
        settled += 1;
    }
    store::advance(&mut tx, run, charges.len() as i64, Kopecks::new(total), &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let last = contracts.last().map(|c| c.id.clone()).unwrap_or_default();
    Ok(Written { last, charged: charges.len() as i64, total: Kopecks::new(total), settled })
}

/// A contract's last month was charged: the rest of its hold (months charged less by
/// attendance) goes back to the certificate, and an enrollment still running ends.
async fn settle(conn: &mut AnyConnection, c: &Contract, now: &str) -> Result<(), StoreError> {
    let Some(a) = application::find(conn, &c.id).await? else { return Ok(()) };
    let (charged, _) = application::charged(conn, &a.id).await?;
    let rest = Kopecks::new(a.hold - charged.get());
    let (start, end) = (parse_date(&a.starts_on)?, parse_date(&a.ends_on)?);
    application::set_terms(conn, &a.id, start, end, charged, now).await?;
    if a.status == ApplicationStatus::Enrolled.code() {
        application::set_status(
            conn,
            &a.id,
            ApplicationStatus::Enrolled,
            ApplicationStatus::Ended,
            None,
            now,
        )
        .await?;
        application::free_seat(conn, &a.group_id).await?;
    }
    crate::enrollment::release_money(conn, &a, rest, &format!("settle:{}", a.id), now).await
}

/// Issues the run's invoices (one per provider with charges) and closes the run.
async fn finish(app: &App, actor: Option<&Actor>, run: &str, month: &str) -> Result<usize, BillingError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let totals = store::run_totals(&mut tx, run).await?;
    let (mut charged, mut sum) = (0, 0);
    for (org, municipality, charges, total) in &totals {
        charged += charges;
        sum += total;
        let i = NewInvoice {
            run,
            organization: org,
            municipality,
            month,
            charges: *charges,
            total: Kopecks::new(*total),
        };
        store::insert_invoice(&mut tx, &i, &now).await?;
    }
    store::finish(&mut tx, run, &now).await?;
    let after = json!({
        "status": "done",
        "month": month,
        "charges": charged,
        "total": Kopecks::new(sum).to_string(),
        "invoices": totals.len(),
    });
    let change = Change::new("billing.run", "billing_run", run).after(after);
    audit::record(&mut tx, actor, &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(totals.len())
}

/// «ноябрь 2026».
pub fn month_title(month: Date) -> String {
    dopcert_domain::format::month_year(month)
}

/// The municipality an operator works for (`None`: the regional centre sees every one).
fn operator_scope(actor: &Actor) -> Result<Option<String>, BillingError> {
    let g = actor.role();
    match (g.role, &g.municipality_id) {
        (Role::MunicipalOperator, Some(m)) => Ok(Some(m.as_str().to_string())),
        (Role::RegionalAdmin, _) => Ok(None),
        _ => Err(BillingError::Forbidden),
    }
}

// ---- invoices ----

/// The runs and the invoices an operator sees (their municipality's, or all for the region).
pub async fn overview(
    app: &App,
    actor: &Actor,
) -> Result<(Vec<store::Run>, Vec<store::Invoice>), BillingError> {
    let scope = operator_scope(actor)?;
    let mut conn = app.store.reader().await?;
    let runs = store::runs(&mut conn, 12).await?;
    let invoices = store::invoices(&mut conn, scope.as_deref(), None, 500).await?;
    Ok((runs, invoices))
}

/// A provider's own invoices.
pub async fn provider_invoices(app: &App, actor: &Actor) -> Result<Vec<store::Invoice>, BillingError> {
    let org = provider_scope(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(store::invoices(&mut conn, None, Some(org.as_str()), 500).await?)
}

fn provider_scope(actor: &Actor) -> Result<OrganizationId, BillingError> {
    let g = actor.role();
    match (g.role, &g.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(BillingError::Forbidden),
    }
}

/// An invoice with its lines, for its provider and for the operators over it.
pub async fn invoice(
    app: &App,
    actor: &Actor,
    id: &str,
) -> Result<(store::Invoice, Vec<store::InvoiceLine>), BillingError> {
    let mut conn = app.store.reader().await?;
    let i = store::invoice(&mut conn, id).await?.ok_or(BillingError::NotFound)?;
    let allowed = match provider_scope(actor) {
        Ok(org) => org.as_str() == i.organization_id,
        Err(_) => operator_scope(actor)?.is_none_or(|m| m == i.municipality_id),
    };
    if !allowed {
        return Err(BillingError::NotFound);
    }
    let lines = store::invoice_lines(&mut conn, &i).await?;
    Ok((i, lines))
}

/// The operator approves an issued invoice of their municipality.
pub async fn approve(app: &App, actor: &Actor, id: &str) -> Result<(), BillingError> {
    let scope = operator_scope(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let i = store::invoice(&mut tx, id).await?.ok_or(BillingError::NotFound)?;
    if scope.as_ref().is_some_and(|m| *m != i.municipality_id) {
        return Err(BillingError::NotFound);
    }
    let payee = provider_requisites(&mut tx, &i.organization_id).await?;
    if payee.bik.is_empty() || payee.account.is_empty() {
        return Err(BillingError::Refused(Refusal::NoBankDetails));
    }
    if !store::set_invoice_status(&mut tx, id, "issued", "approved", &actor.account_id, &now).await? {
        return Err(BillingError::Stale);
    }
    record_invoice(&mut tx, actor, "invoice.approve", &i, "approved", &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Appends an invoice's new status to the audit log.
async fn record_invoice(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    i: &store::Invoice,
    to: &str,
    now: &str,
) -> Result<(), StoreError> {
    let change = Change::new(action, "invoice", &i.id)
        .organization(&i.organization_id)
        .municipality(&i.municipality_id)
        .before(json!({"status": i.status}))
        .after(json!({"status": to}));
    audit::record(conn, Some(actor), &change, now).await
}

/// Approved invoices exported as payment orders: `None` exports those approved now (and marks
/// them exported, in one transaction); `Some(at)` gives again the ones exported at that moment.
pub async fn payment_orders(
    app: &App,
    actor: &Actor,
    again: Option<&str>,
) -> Result<(String, Vec<store::Invoice>), BillingError> {
    let scope = operator_scope(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let all = store::invoices(&mut tx, scope.as_deref(), None, 100_000).await?;
    let (at, chosen): (String, Vec<store::Invoice>) = match again {
        Some(at) => {
            (at.to_string(), all.into_iter().filter(|i| i.exported_at.as_deref() == Some(at)).collect())
        }
        None => {
            let approved: Vec<store::Invoice> = all.into_iter().filter(|i| i.status == "approved").collect();
            for i in &approved {
                if !store::set_invoice_status(&mut tx, &i.id, "approved", "exported", &actor.account_id, &now)
                    .await?
                {
                    return Err(BillingError::Stale);
                }
                record_invoice(&mut tx, actor, "invoice.export", i, "exported", &now).await?;
            }
            (now.clone(), approved)
        }
    };
    if chosen.is_empty() {
        return Err(BillingError::Refused(Refusal::NothingToExport));
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok((at, chosen))
}

/// A correction: the operator reverses a charge (with a reason); the money returns to the
/// certificate's hold, the invoice's total drops. Only while the invoice is not exported.
pub async fn reverse_charge(app: &App, actor: &Actor, entry: &str, why: &str) -> Result<(), BillingError> {
    let scope = operator_scope(actor)?;
    let why = why.trim();
    if why.is_empty() {
        return Err(BillingError::Refused(Refusal::ReversalReason));
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let e = ledger::entry(&mut tx, entry).await?.ok_or(BillingError::NotFound)?;
    if e.reason != ledger::Reason::Charge || e.is_reversal {
        return Err(BillingError::Refused(Refusal::NotACharge));
    }
    let (run, org, municipality) =
        store::charge_invoice(&mut tx, entry).await?.ok_or(BillingError::NotFound)?;
    if scope.as_ref().is_some_and(|m| *m != municipality) {
        return Err(BillingError::NotFound);
    }
    let amount = e.postings.iter().map(|(_, m)| m.get()).filter(|m| *m > 0).sum::<i64>();
    if !store::lower_invoice(&mut tx, &run, &org, Kopecks::new(amount)).await? {
        return Err(BillingError::Refused(Refusal::Exported));
    }
    match ledger::reverse(&mut tx, &e, why, &actor.account_id, &now).await {
        Ok(true) => {}
        Ok(false) => return Err(BillingError::Refused(Refusal::AlreadyReversed)),
        Err(ledger::LedgerError::Store(e)) => return Err(e.into()),
        Err(_) => return Err(BillingError::Refused(Refusal::ShortOfMoney)),
    }
    unsettle(&mut tx, entry, Kopecks::new(amount), &now).await?;
    let mut change = Change::new("charge.reverse", "ledger_entry", entry)
        .organization(&org)
        .municipality(&municipality)
        .before(json!({"charged": Kopecks::new(amount).to_string()}))
        .after(json!({"charged": Kopecks::ZERO.to_string(), "reason": why}));
    change.certificate = e.certificate_id.as_ref().map(|c| c.as_str());
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(entry, "charge reversed");
    Ok(())
}

/// A reversed charge of a contract already settled (its last month charged, the rest of its hold
/// released) gives the money straight back to the certificate, so nothing stays held for a
/// contract that will not be charged again.
async fn unsettle(
    conn: &mut AnyConnection,
    entry: &str,
    amount: Kopecks,
    now: &str,
) -> Result<(), StoreError> {
    let Some(app_id) = store::charge_application(conn, entry).await? else { return Ok(()) };
    let Some(a) = application::find(conn, &app_id).await? else { return Ok(()) };
    let settled = a.status == ApplicationStatus::Ended.code() && store::settled(conn, &a.id).await?;
    if !settled {
        return Ok(());
    }
    let (start, end) = (parse_date(&a.starts_on)?, parse_date(&a.ends_on)?);
    application::set_terms(conn, &a.id, start, end, Kopecks::new(a.hold - amount.get()), now).await?;
    crate::enrollment::release_money(conn, &a, amount, &format!("unsettle:{entry}"), now).await
}

// ---- attendance ----

/// A group's attendance sheet for a month, as its provider keeps it.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub group_id: String,
    pub month: Date,
    pub lessons: Option<i64>,
    /// (application id, child's name, attended lessons if marked).
    pub children: Vec<(String, String, Option<i64>)>,
    /// The month was charged: the sheet is read-only.
    pub charged: bool,
}

/// The children enrolled in a group during a month, with their marks.
pub async fn sheet(app: &App, actor: &Actor, group: &str, month: Date) -> Result<Sheet, BillingError> {
    let org = provider_scope(actor)?;
    let mut conn = app.store.reader().await?;
    own_group(&mut conn, &org, group).await?;
    let code = month_code(month);
    let (lessons, marks) = store::attendance(&mut conn, group, &code).await?;
    let kids = store::enrolled_in(&mut conn, group, month, month.last_of_month()).await?;
    let charged = store::group_month_charged(&mut conn, group, &code).await?;
    let children = kids
        .into_iter()
        .map(|(id, name)| {
            let m = marks.get(&id).copied();
            (id, name, m)
        })
        .collect();
    Ok(Sheet { group_id: group.to_string(), month, lessons, children, charged })
}

/// The group's program, if the organization keeps it.
async fn own_group(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    group: &str,
) -> Result<dopcert_store::program::Program, BillingError> {
    let g = dopcert_store::program::get_group(conn, group).await?.ok_or(BillingError::NotFound)?;
    let p = dopcert_store::program::find(conn, g.program_id.as_str()).await?.ok_or(BillingError::NotFound)?;
    if p.organization_id != *org {
        return Err(BillingError::NotFound);
    }
    Ok(p)
}

/// Saves a sheet: the lessons held (1–62) and each child's attended lessons (0 to the lessons).
/// A month already charged cannot change.
pub async fn save_sheet(
    app: &App,
    actor: &Actor,
    group: &str,
    month: Date,
    lessons: &str,
    marks: &[(String, String)],
) -> Result<(), BillingError> {
    let org = provider_scope(actor)?;
    let lessons: i64 = lessons
        .trim()
        .parse()
        .ok()
        .filter(|l| (1..=62).contains(l))
        .ok_or(BillingError::Refused(Refusal::Lessons))?;
    let mut parsed = Vec::with_capacity(marks.len());
    for (id, raw) in marks {
        if raw.trim().is_empty() {
            continue;
        }
        let n: i64 = raw
            .trim()
            .parse()
            .ok()
            .filter(|n| (0..=lessons).contains(n))
            .ok_or(BillingError::Refused(Refusal::Attended))?;
        parsed.push((id.clone(), n));
    }
    let now = instant(app.clock.now());
    let code = month_code(month);
    let mut tx = app.store.begin().await?;
    let p = own_group(&mut tx, &org, group).await?;
    if store::group_month_charged(&mut tx, group, &code).await? {
        return Err(BillingError::Refused(Refusal::SheetClosed));
    }
    let kids = store::enrolled_in(&mut tx, group, month, month.last_of_month()).await?;
    if parsed.iter().any(|(id, _)| !kids.iter().any(|(k, _)| k == id)) {
        return Err(BillingError::NotFound);
    }
    let (was, marks) = store::attendance(&mut tx, group, &code).await?;
    store::save_attendance(&mut tx, group, &code, lessons, &parsed, &actor.account_id, &now).await?;
    let change = Change::new("attendance.save", "group", group)
        .organization(org.as_str())
        .municipality(p.municipality_id.as_str())
        .before(json!({"month": code, "lessons": was, "marked": marks.len()}))
        .after(json!({"month": code, "lessons": lessons, "marked": parsed.len()}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

// ---- periods (R06, R10) ----

/// Period start: every active certificate of the period's municipality waiting for money is
/// funded in claim order up to the quota, each credited the nominal (idempotent: a certificate
/// is funded once per period).
pub async fn open_period(app: &App, period: &dopcert_domain::ids::PeriodId) -> Result<u64, BillingError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let p = dopcert_store::period::get(&mut tx, period).await?;
    if dopcert_store::period::earlier_open(&mut tx, &p).await? {
        return Err(BillingError::Refused(Refusal::PreviousPeriod));
    }
    dopcert_store::period::lock(&mut tx, period).await?;
    let n = crate::certificate::upgrade_waiting_in(&mut tx, &p, &now).await?;
    let change = Change::new("period.open", "period", period.as_str())
        .municipality(p.municipality_id.as_str())
        .after(json!({"year": p.year, "funded": n}));
    audit::record(&mut tx, None, &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(n)
}

/// Period end (R10): once the period's last month is billed, applications still waiting for a
/// decision are closed, and what is left available on each certificate expires to the budget
/// by an entry (key `expiry:<certificate>:<period>`, once). Returns the certificates expired.
pub async fn close_period(app: &App, period: &dopcert_domain::ids::PeriodId) -> Result<u64, BillingError> {
    let now = instant(app.clock.now());
    let mut conn = app.store.reader().await?;
    let p = dopcert_store::period::get(&mut conn, period).await?;
    if app.clock.today() <= p.ends_on {
        return Err(BillingError::Refused(Refusal::PeriodRunning));
    }
    if !store::month_done(&mut conn, &month_code(p.ends_on.first_of_month())).await? {
        return Err(BillingError::Refused(Refusal::LastMonthFirst));
    }
    drop(conn);
    let mut expired = 0;
    loop {
        let mut tx = app.store.begin().await?;
        let batch = store::left_on_certificates(&mut tx, &p.municipality_id, 500).await?;
        if batch.is_empty() {
            dopcert_store::period::mark_closed(&mut tx, period, &now).await?;
            let change = Change::new("period.close", "period", period.as_str())
                .municipality(p.municipality_id.as_str())
                .after(json!({"year": p.year, "expired": expired}));
            audit::record(&mut tx, None, &change, &now).await?;
            tx.commit().await.map_err(StoreError::from)?;
            return Ok(expired);
        }
        for (cert, left) in batch {
            expire(&mut tx, &CertificateId::from_string(cert), &p, Kopecks::new(left), &now).await?;
            expired += 1;
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
}

async fn expire(
    conn: &mut AnyConnection,
    cert: &CertificateId,
    p: &dopcert_store::period::Period,
    left: Kopecks,
    now: &str,
) -> Result<(), StoreError> {
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(cert), now).await?;
    let budget = ledger::account(conn, AccountKind::Budget, Owner::Period(&p.id), now).await?;
    let key = format!("expiry:{cert}:{}", p.id);
    let note = format!("остаток {} года не переносится", p.year);
    let postings = [(available.as_str(), Kopecks::new(-left.get())), (budget.as_str(), left)];
    let e = ledger::Entry {
        idempotency_key: &key,
        reason: ledger::Reason::Expiry,
        period_id: Some(&p.id),
        certificate_id: Some(cert),
        note: Some(&note),
        cause: Some("period_end"),
        author: None,
        postings: &postings,
    };
    match ledger::post(conn, &e, now).await {
        Ok(_) => Ok(()),
        Err(ledger::LedgerError::Store(e)) => Err(e),
        Err(_) => Err(StoreError::Corrupt("expiry of more than is left")),
    }
}

// ---- who acts, and the parties of the documents ----

/// The actor works for a provider: its applications, attendance sheets and invoices.
pub fn authorize_provider(actor: &Actor) -> Result<(), BillingError> {
    provider_scope(actor).map(|_| ())
}

/// The actor bills: the municipal operator (their municipality) or the regional admin.
pub fn authorize_operator(actor: &Actor) -> Result<(), BillingError> {
    operator_scope(actor).map(|_| ())
}

/// «Программа — группа» of a group of the actor's organization, the heading of its sheet.
pub async fn group_title(app: &App, actor: &Actor, group: &str) -> Result<String, BillingError> {
    let org = provider_scope(actor)?;
    let mut conn = app.store.reader().await?;
    let g = dopcert_store::program::get_group(&mut conn, group).await?.ok_or(BillingError::NotFound)?;
    let p = dopcert_store::program::find(&mut conn, g.program_id.as_str())
        .await?
        .ok_or(BillingError::NotFound)?;
    if p.organization_id != org {
        return Err(BillingError::NotFound);
    }
    Ok(format!("{} — {}", p.title, g.fields.title))
}

/// One side of a payment as the documents print it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requisites {
    pub name: String,
    pub inn: String,
    pub kpp: Option<String>,
    pub bank_name: String,
    pub bik: String,
    pub account: String,
    pub correspondent_account: Option<String>,
}

/// Who pays the invoices: settings `payer.*` (one payer for the region), each with a demo value
/// used until it is set.
pub const PAYER_SETTINGS: [(&str, &str); 7] = [
    ("payer.name", "Управление образования администрации города Твери"),
    ("payer.inn", "6950024610"),
    ("payer.kpp", "695001001"),
    ("payer.bank", "Отделение Тверь Банка России"),
    ("payer.bik", "042809001"),
    ("payer.account", "40204810600000000123"),
    ("payer.correspondent_account", ""),
];

async fn payer(conn: &mut AnyConnection) -> Result<Requisites, StoreError> {
    let mut v = Vec::with_capacity(PAYER_SETTINGS.len());
    for (key, demo) in PAYER_SETTINGS {
        let set = dopcert_store::setting::get(conn, key).await?.filter(|s| !s.trim().is_empty());
        v.push(set.unwrap_or_else(|| demo.to_string()).trim().to_string());
    }
    let optional = |s: &String| (!s.is_empty()).then(|| s.clone());
    Ok(Requisites {
        name: v[0].clone(),
        inn: v[1].clone(),
        kpp: optional(&v[2]),
        bank_name: v[3].clone(),
        bik: v[4].clone(),
        account: v[5].clone(),
        correspondent_account: optional(&v[6]),
    })
}

/// A provider's details as its administrator keeps them (empty where not given yet).
async fn provider_requisites(conn: &mut AnyConnection, org: &str) -> Result<Requisites, BillingError> {
    let o = dopcert_store::organization::find(conn, org).await?.ok_or(BillingError::NotFound)?;
    Ok(Requisites {
        name: o.full_name,
        inn: o.inn.to_string(),
        kpp: None,
        bank_name: o.bank_name.unwrap_or_default(),
        bik: o.bik.unwrap_or_default(),
        account: o.settlement_account.unwrap_or_default(),
        correspondent_account: None,
    })
}

/// The two sides of an invoice and its municipality's name.
#[derive(Debug, Clone)]
pub struct Parties {
    pub provider: Requisites,
    pub payer: Requisites,
    pub municipality: String,
}

/// The parties of an invoice the actor may see (as `invoice` decides).
pub async fn parties(app: &App, actor: &Actor, invoice: &store::Invoice) -> Result<Parties, BillingError> {
    let allowed = match provider_scope(actor) {
        Ok(org) => org.as_str() == invoice.organization_id,
        Err(_) => operator_scope(actor)?.is_none_or(|m| m == invoice.municipality_id),
    };
    if !allowed {
        return Err(BillingError::NotFound);
    }
    let mut conn = app.store.reader().await?;
    let provider = provider_requisites(&mut conn, &invoice.organization_id).await?;
    let municipality = dopcert_domain::ids::MunicipalityId::from_string(invoice.municipality_id.clone());
    let municipality = dopcert_store::municipality::find(&mut conn, &municipality)
        .await?
        .map(|m| m.name)
        .unwrap_or_default();
    Ok(Parties { provider, payer: payer(&mut conn).await?, municipality })
}

/// The payer and each invoice's payee, in the invoices' order, for payment orders.
pub async fn payees(
    app: &App,
    actor: &Actor,
    invoices: &[store::Invoice],
) -> Result<(Requisites, Vec<Requisites>), BillingError> {
    let scope = operator_scope(actor)?;
    let mut conn = app.store.reader().await?;
    let mut known: HashMap<&str, Requisites> = HashMap::new();
    let mut out = Vec::with_capacity(invoices.len());
    for i in invoices {
        if scope.as_ref().is_some_and(|m| *m != i.municipality_id) {
            return Err(BillingError::NotFound);
        }
        if !known.contains_key(i.organization_id.as_str()) {
            let r = provider_requisites(&mut conn, &i.organization_id).await?;
            known.insert(&i.organization_id, r);
        }
        out.push(known[i.organization_id.as_str()].clone());
    }
    Ok((payer(&mut conn).await?, out))
}
