//! Bulk rows for the enrollment and billing benchmarks (`app::demo::enrollments`): funded
//! certificates with their nominal, groups with their seats taken, and enrolled applications with
//! their holds — written as the use cases would have left them, so that `verify` holds: every
//! balance is the sum of its postings, a certificate's held money the sum of its contracts'
//! holds, a group's seats taken its applications. Demo data only; a load is one transaction.

use std::collections::HashSet;

use dopcert_domain::certificate::CertificateNumber;
use dopcert_domain::ids::{
    AccountId, CertificateId, GroupId, ModuleId, MunicipalityId, PeriodId, PersonId, ProgramId,
};
use dopcert_domain::money::Kopecks;
use jiff::civil::Date;

use crate::bulk::{BulkInsert, Value};
use crate::program::GroupFields;
use crate::time::date;
use crate::{new_id, AnyConnection, StoreError};

/// Children born in `(born_after, born_by]` with a municipality and no certificate, in id order.
pub async fn children_without_certificate(
    conn: &mut AnyConnection,
    born_after: Date,
    born_by: Date,
    limit: i64,
) -> Result<Vec<(PersonId, MunicipalityId)>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.id, p.municipality_id FROM person p
         WHERE p.birth_date > $1 AND p.birth_date <= $2 AND p.municipality_id IS NOT NULL
           AND p.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.child_id = p.id)
         ORDER BY p.id LIMIT $3",
    )
    .bind(date(born_after))
    .bind(date(born_by))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(c, m)| (PersonId::from_string(c), MunicipalityId::from_string(m))).collect())
}

/// The numbers of the certificates issued so far: new ones are drawn apart from them.
pub async fn certificate_numbers(conn: &mut AnyConnection) -> Result<HashSet<String>, StoreError> {
    let numbers: Vec<String> =
        sqlx::query_scalar("SELECT number FROM certificate").fetch_all(&mut *conn).await?;
    Ok(numbers.into_iter().collect())
}

/// `n` more funded places given in the period (R06), its quota raised to hold them.
pub async fn add_funded(conn: &mut AnyConnection, period: &PeriodId, n: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE period SET funded_quota = CASE WHEN funded_quota < funded_count + $2 THEN funded_count + $2
                                               ELSE funded_quota END,
                           funded_count = funded_count + $2
         WHERE id = $1",
    )
    .bind(period.as_str())
    .bind(n)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Moves an account's balance by what the bulk postings to it add up to.
pub async fn add_to_balance(conn: &mut AnyConnection, account: &str, delta: i64) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE ledger_account SET balance = balance + $2 WHERE id = $1")
        .bind(account)
        .bind(delta)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// The enrolled contracts: how many, the earliest start and the latest end (`None` when none).
pub async fn enrolled_span(
    conn: &mut AnyConnection,
) -> Result<(i64, Option<String>, Option<String>), StoreError> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), MIN(starts_on), MAX(ends_on) FROM application WHERE status = 'enrolled'",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// A certificate to issue.
pub struct BulkCertificate<'a> {
    pub number: &'a CertificateNumber,
    pub child: &'a PersonId,
    pub municipality: &'a MunicipalityId,
    pub issued_by: &'a AccountId,
}

/// A certificate's funded place in a period, with what its contracts will hold of the nominal.
pub struct FundedPlace<'a> {
    pub period: &'a PeriodId,
    pub year: i32,
    pub nominal: Kopecks,
    pub held: Kopecks,
    /// The period's budget account, which the nominal comes from.
    pub budget: &'a str,
}

/// A certificate, its ledger accounts (the held one only when something is held) and the entry
/// of its nominal.
#[derive(Debug, Clone)]
pub struct Wallet {
    pub certificate: CertificateId,
    pub available: String,
    pub held: Option<String>,
    nominal: String,
}

/// An enrolled contract with its hold.
pub struct EnrolledApplication<'a> {
    pub group: &'a GroupId,
    pub program: &'a ProgramId,
    pub child: &'a PersonId,
    pub wallet: &'a Wallet,
    pub applied_by: &'a AccountId,
    pub starts_on: Date,
    pub ends_on: Date,
    pub price_per_month: Kopecks,
    pub covered_per_month: Kopecks,
    pub hold: Kopecks,
}

/// The rows of a load. The caller writes them in phases — certificates; their funding, accounts
/// and entries; groups; applications with their holds' entries; all postings — calling `flush`
/// between phases, so that every table is written after the tables it points at are complete.
/// PostgreSQL plans a foreign key's check once per connection, on the size the referenced table
/// has then: planned on a table the demo's `ANALYZE` saw empty, the check scans the whole table
/// for every row written after (measured: 3 ms a posting, hours for a million contracts).
pub struct BulkEnrollments {
    groups: BulkInsert,
    certificates: BulkInsert,
    funding: BulkInsert,
    accounts: BulkInsert,
    applications: BulkInsert,
    entries: BulkInsert,
    postings: BulkInsert,
}

impl Default for BulkEnrollments {
    fn default() -> Self {
        BulkEnrollments {
            groups: BulkInsert::new(
                "program_group",
                &[
                    "id",
                    "module_id",
                    "program_id",
                    "title",
                    "teacher",
                    "schedule",
                    "days",
                    "address",
                    "lat_e6",
                    "lon_e6",
                    "seats",
                    "seats_taken",
                    "starts_on",
                    "ends_on",
                    "enrollment_from",
                    "enrollment_to",
                ],
            ),
            certificates: BulkInsert::new(
                "certificate",
                &[
                    "id",
                    "number",
                    "child_id",
                    "municipality_id",
                    "status",
                    "channel",
                    "issued_by",
                    "issued_at",
                ],
            ),
            funding: BulkInsert::new(
                "certificate_funding",
                &["certificate_id", "period_id", "funded_at", "nominal"],
            ),
            accounts: BulkInsert::new(
                "ledger_account",
                &["id", "kind", "certificate_id", "balance", "created_at"],
            ),
            applications: BulkInsert::new(
                "application",
                &[
                    "id",
                    "group_id",
                    "program_id",
                    "child_id",
                    "certificate_id",
                    "status",
                    "applied_by",
                    "starts_on",
                    "ends_on",
                    "price_per_month",
                    "covered_per_month",
                    "hold",
                    "created_at",
                    "updated_at",
                    "contract_accepted_at",
                ],
            ),
            entries: BulkInsert::new(
                "ledger_entry",
                &[
                    "id",
                    "idempotency_key",
                    "reason",
                    "period_id",
                    "certificate_id",
                    "note",
                    "created_at",
                    "cause",
                ],
            ),
            postings: BulkInsert::new("ledger_posting", &["entry_id", "account_id", "amount"]),
        }
    }
}

impl BulkEnrollments {
    pub fn new() -> Self {
        BulkEnrollments::default()
    }

    /// A group of a program's module with `seats_taken` of its seats held by applications.
    pub fn group(
        &mut self,
        program: &ProgramId,
        module: &ModuleId,
        g: &GroupFields,
        seats_taken: u32,
    ) -> GroupId {
        let id = GroupId::from_string(new_id());
        self.groups.push_row(vec![
            id.as_str().into(),
            module.as_str().into(),
            program.as_str().into(),
            g.title.as_str().into(),
            g.teacher.as_str().into(),
            g.schedule.as_str().into(),
            i64::from(g.days.bits()).into(),
            g.address.as_str().into(),
            Value::from(g.point.map(|p| p.lat_e6)),
            Value::from(g.point.map(|p| p.lon_e6)),
            i64::from(g.seats).into(),
            i64::from(seats_taken).into(),
            date(g.starts_on).into(),
            date(g.ends_on).into(),
            date(g.enrollment_from).into(),
            date(g.enrollment_to).into(),
        ]);
        id
    }

    /// An active certificate; its accounts' and nominal's ids are chosen now, their rows written by
    /// [`fund`](Self::fund).
    pub fn certificate(&mut self, c: &BulkCertificate<'_>, f: &FundedPlace<'_>, now: &str) -> Wallet {
        let id = CertificateId::from_string(new_id());
        self.certificates.push_row(vec![
            id.as_str().into(),
            c.number.digits().into(),
            c.child.as_str().into(),
            c.municipality.as_str().into(),
            "active".into(),
            "cabinet".into(),
            c.issued_by.as_str().into(),
            now.into(),
        ]);
        Wallet {
            certificate: id,
            available: new_id(),
            held: (f.held > Kopecks::ZERO).then(new_id),
            nominal: new_id(),
        }
    }

    /// The certificate's funded place, its accounts — available what the contracts leave of the
    /// nominal, held the rest — and the nominal's entry. The caller moves the budget's balance
    /// and the period's count by the totals.
    pub fn fund(&mut self, w: &Wallet, f: &FundedPlace<'_>, now: &str) {
        let id = &w.certificate;
        self.funding.push_row(vec![
            id.as_str().into(),
            f.period.as_str().into(),
            now.into(),
            f.nominal.get().into(),
        ]);
        self.account(&w.available, id, "certificate_available", f.nominal.get() - f.held.get(), now);
        if let Some(held) = &w.held {
            self.account(held, id, "certificate_held", f.held.get(), now);
        }
        if f.nominal > Kopecks::ZERO {
            self.entries.push_row(vec![
                w.nominal.as_str().into(),
                format!("nominal:{id}:{}", f.period).into(),
                "nominal".into(),
                f.period.as_str().into(),
                id.as_str().into(),
                format!("номинал на {} год", f.year).into(),
                now.into(),
                Value::Null,
            ]);
        }
    }

    /// The nominal's postings: from the budget to the certificate.
    pub fn nominal_postings(&mut self, w: &Wallet, f: &FundedPlace<'_>) {
        if f.nominal > Kopecks::ZERO {
            self.posting(&w.nominal, &w.available, f.nominal.get());
            self.posting(&w.nominal, f.budget, -f.nominal.get());
        }
    }

    fn posting(&mut self, entry: &str, account: &str, amount: i64) {
        self.postings.push_row(vec![entry.into(), account.into(), amount.into()]);
    }

    fn account(&mut self, id: &str, certificate: &CertificateId, kind: &str, balance: i64, now: &str) {
        self.accounts.push_row(vec![
            id.into(),
            kind.into(),
            certificate.as_str().into(),
            balance.into(),
            now.into(),
        ]);
    }

    /// An enrolled contract (the contract accepted when it was made) and the entry that holds its
    /// certificate share (key `hold:<application>`, as `enrollment::apply` writes it); returns the
    /// entry, whose postings [`hold_postings`](Self::hold_postings) writes later.
    pub fn enrolled(&mut self, a: &EnrolledApplication<'_>, now: &str) -> Option<String> {
        let id = new_id();
        self.applications.push_row(vec![
            id.as_str().into(),
            a.group.as_str().into(),
            a.program.as_str().into(),
            a.child.as_str().into(),
            a.wallet.certificate.as_str().into(),
            "enrolled".into(),
            a.applied_by.as_str().into(),
            date(a.starts_on).into(),
            date(a.ends_on).into(),
            a.price_per_month.get().into(),
            a.covered_per_month.get().into(),
            a.hold.get().into(),
            now.into(),
            now.into(),
            now.into(),
        ]);
        if a.hold == Kopecks::ZERO {
            return None;
        }
        let entry = new_id();
        self.entries.push_row(vec![
            entry.as_str().into(),
            format!("hold:{id}").into(),
            "hold".into(),
            Value::Null,
            a.wallet.certificate.as_str().into(),
            Value::Null,
            now.into(),
            format!("application:{id}").into(),
        ]);
        Some(entry)
    }

    /// A hold's postings: from the certificate's available money to its held money.
    pub fn hold_postings(&mut self, entry: &str, w: &Wallet, amount: Kopecks) -> Result<(), StoreError> {
        let held = w.held.as_deref().ok_or(StoreError::Corrupt("a hold without a held account"))?;
        self.posting(entry, &w.available, -amount.get());
        self.posting(entry, held, amount.get());
        Ok(())
    }

    /// Writes each batch that is full (within a phase the tables do not point at each other).
    pub async fn flush_if_full(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        for b in [
            &mut self.groups,
            &mut self.certificates,
            &mut self.funding,
            &mut self.accounts,
            &mut self.applications,
            &mut self.entries,
            &mut self.postings,
        ] {
            if b.is_full() {
                b.flush(conn).await?;
            }
        }
        Ok(())
    }

    /// Writes everything pending, referenced rows first: the end of a phase.
    pub async fn flush(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        self.groups.flush(conn).await?;
        self.certificates.flush(conn).await?;
        self.funding.flush(conn).await?;
        self.accounts.flush(conn).await?;
        self.applications.flush(conn).await?;
        self.entries.flush(conn).await?;
        self.postings.flush(conn).await?;
        Ok(())
    }
}
