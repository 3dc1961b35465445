//! Enrollments in bulk for the benchmarks (`dopcert bench billing`, `dopcert bench rush`): funded
//! certificates for the demo's children, certified paid programs whose groups are full, and
//! enrolled contracts with their certificate share held — as if the families had applied when
//! the groups started in September. The money follows the rules a real application follows
//! (`domain::enrollment::contract`, the period's nominal), so `dopcert verify` holds after a load.
//! Rows go through `store::demo_enrollment`, in one transaction.

use std::collections::{HashMap, HashSet};

use dopcert_domain::certificate::CertificateNumber;
use dopcert_domain::eligibility;
use dopcert_domain::enrollment as rules;
use dopcert_domain::ids::{AccountId, CertificateId, MunicipalityId, OrganizationId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::organization::OrganizationKind;
use dopcert_domain::program::{AgeRange, CertifiedTerms, Funding, ModuleTerms, ProgramStatus, Weekdays};
use dopcert_store::demo_enrollment::{
    self as store, BulkCertificate, BulkEnrollments, EnrolledApplication, FundedPlace, Wallet,
};
use dopcert_store::ledger::{self, AccountKind, Owner};
use dopcert_store::period::Period;
use dopcert_store::program::{self as programs, GroupFields, NewReview, ProgramFields};
use dopcert_store::{
    bulk, catalog, municipality, organization, period, region, time, AnyConnection, StoreError,
};
use jiff::civil::Date;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::programs::TOPICS;
use super::DemoError;
use crate::App;

#[derive(Debug, Clone)]
pub struct EnrollmentOptions {
    /// Enrolled contracts to write.
    pub enrollments: u32,
    /// Seats of each group; every group is filled (the last one up to what is left).
    pub seats: u32,
    /// Groups of each program (a provider may have up to 100).
    pub groups_per_program: u32,
    pub seed: u64,
}

impl Default for EnrollmentOptions {
    fn default() -> Self {
        EnrollmentOptions { enrollments: 10_000, seats: 25, groups_per_program: 40, seed: 69 }
    }
}

/// What a load wrote.
#[derive(Debug, Clone)]
pub struct Enrolled {
    pub certificates: u64,
    pub programs: u64,
    pub groups: u64,
    pub enrollments: u64,
    /// The contracts' first and last day.
    pub starts_on: Date,
    pub ends_on: Date,
    pub held: Kopecks,
}

/// Children of 5 to 17 today without a certificate, two days inside R03's edges so that no one
/// turns 5 or 18 while a benchmark runs.
pub async fn uncertified(
    conn: &mut AnyConnection,
    today: Date,
    limit: i64,
) -> Result<Vec<(PersonId, MunicipalityId)>, StoreError> {
    let years = |y: i16| jiff::Span::new().years(i64::from(y));
    let days = |d: i64| jiff::Span::new().days(d);
    let born_by = today.saturating_sub(years(eligibility::MIN_AGE)).saturating_sub(days(2));
    let born_after = today.saturating_sub(years(eligibility::MAX_AGE_EXCLUSIVE)).saturating_add(days(2));
    store::children_without_certificate(conn, born_after, born_by, limit).await
}

/// A municipality's current period with its budget account, and the certificates funded in it
/// by this load.
struct Funded {
    period: Period,
    /// The period's one nominal (a bulk load credits every child the same).
    nominal: Kopecks,
    region: u8,
    budget: String,
    count: i64,
}

/// Issues funded certificates in bulk: numbers drawn apart from the ones issued, the nominal
/// credited from each period's budget; `finish` moves the budgets and the funded counts.
struct Certifier {
    numbers: HashSet<String>,
    rng: ChaCha8Rng,
    issued_by: AccountId,
    periods: HashMap<MunicipalityId, Funded>,
}

impl Certifier {
    async fn new(
        conn: &mut AnyConnection,
        issued_by: AccountId,
        seed: u64,
        today: Date,
        now: &str,
    ) -> Result<Certifier, StoreError> {
        let mut periods = HashMap::new();
        if let Some(r) = region::first(conn).await? {
            for m in municipality::list(conn, &r.id).await? {
                let Some(p) = period::current(conn, &m.id, today).await? else { continue };
                // Nominals by age or disability are credited by the real claim only.
                let Some(nominal) = p.nominals.single() else { continue };
                let budget = ledger::account(conn, AccountKind::Budget, Owner::Period(&p.id), now).await?;
                let region = r.code.parse().map_err(|_| StoreError::Corrupt("region.code"))?;
                periods.insert(m.id, Funded { period: p, nominal, region, budget, count: 0 });
            }
        }
        let numbers = store::certificate_numbers(conn).await?;
        Ok(Certifier { numbers, rng: ChaCha8Rng::seed_from_u64(seed ^ 0xce27), issued_by, periods })
    }

    fn period(&self, m: &MunicipalityId) -> Option<&Period> {
        self.periods.get(m).map(|f| &f.period)
    }

    /// The funded place of a certificate of municipality `m` whose contracts hold `held`.
    fn place(&self, m: &MunicipalityId, held: Kopecks) -> Option<FundedPlace<'_>> {
        let f = self.periods.get(m)?;
        let p = &f.period;
        Some(FundedPlace { period: &p.id, year: p.year, nominal: f.nominal, held, budget: &f.budget })
    }

    /// A certificate (the first phase of a load); `None` where the municipality has no current
    /// period.
    fn issue(
        &mut self,
        bulk: &mut BulkEnrollments,
        child: &PersonId,
        m: &MunicipalityId,
        held: Kopecks,
        now: &str,
    ) -> Option<Wallet> {
        let region = self.periods.get_mut(m).map(|f| {
            f.count += 1;
            f.region
        })?;
        let number = loop {
            let n = CertificateNumber::new(region, self.rng.random_range(0..100_000_000));
            if self.numbers.insert(n.digits().to_string()) {
                break n;
            }
        };
        let c = BulkCertificate { number: &number, child, municipality: m, issued_by: &self.issued_by };
        Some(bulk.certificate(&c, &self.place(m, held)?, now))
    }

    /// The next phase of a load: the certificates' funded places, accounts and nominals' entries.
    async fn fund(
        &self,
        conn: &mut AnyConnection,
        bulk: &mut BulkEnrollments,
        issued: &[(&MunicipalityId, Kopecks, &Wallet)],
        now: &str,
    ) -> Result<(), StoreError> {
        bulk.flush(conn).await?;
        for (m, held, w) in issued {
            bulk.fund(w, &self.place(m, *held).ok_or(StoreError::NotFound)?, now);
            bulk.flush_if_full(conn).await?;
        }
        bulk.flush(conn).await
    }

    /// The last phase: the nominals' postings.
    fn nominal_postings(&self, bulk: &mut BulkEnrollments, m: &MunicipalityId, held: Kopecks, w: &Wallet) {
        if let Some(f) = self.place(m, held) {
            bulk.nominal_postings(w, &f);
        }
    }

    async fn finish(self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        for f in self.periods.values().filter(|f| f.count > 0) {
            store::add_funded(conn, &f.period.id, f.count).await?;
            store::add_to_balance(conn, &f.budget, -f.count * f.nominal.get()).await?;
        }
        Ok(())
    }
}

/// Funded certificates for children who have none (for `bench rush`), in one transaction;
/// returns them in the children's order. Ends like a demo load: on PostgreSQL the statistics
/// are refreshed, so that what runs next is not planned on tables the planner saw nearly empty
/// (measured: a certificate's balance read the whole postings' index, 0.7 ms instead of 0.01).
pub async fn certify(
    app: &App,
    children: &[(PersonId, MunicipalityId)],
    seed: u64,
) -> Result<Vec<CertificateId>, DemoError> {
    let today = app.clock.today();
    let now = time::instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    bulk::begin_load(&mut tx, app.store.backend()).await?;
    let loader = super::demo_account(&mut tx, "moc.tver").await?;
    let mut certifier = Certifier::new(&mut tx, loader, seed, today, &now).await?;
    let mut bulk = BulkEnrollments::new();
    let mut wallets = Vec::with_capacity(children.len());
    for (child, m) in children {
        let Some(w) = certifier.issue(&mut bulk, child, m, Kopecks::ZERO, &now) else {
            return Err(DemoError::Enrollments(format!("no current period in municipality {m}")));
        };
        wallets.push(w);
        bulk.flush_if_full(&mut tx).await?;
    }
    let issued: Vec<_> = children.iter().zip(&wallets).map(|((_, m), w)| (m, Kopecks::ZERO, w)).collect();
    certifier.fund(&mut tx, &mut bulk, &issued, &now).await?;
    for (m, held, w) in &issued {
        certifier.nominal_postings(&mut bulk, m, *held, w);
        bulk.flush_if_full(&mut tx).await?;
    }
    bulk.flush(&mut tx).await?;
    certifier.finish(&mut tx).await?;
    bulk::end_load(&mut tx, app.store.backend()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(wallets.into_iter().map(|w| w.certificate).collect())
}

/// A provider of the region and its address.
struct Provider {
    id: OrganizationId,
    municipality: MunicipalityId,
    address: String,
}

async fn providers(conn: &mut AnyConnection) -> Result<Vec<Provider>, StoreError> {
    let mut out = Vec::new();
    let Some(r) = region::first(conn).await? else { return Ok(out) };
    for m in municipality::list(conn, &r.id).await? {
        for o in organization::list_in(conn, &m.id).await? {
            if matches!(o.kind, OrganizationKind::School | OrganizationKind::Kindergarten) {
                continue;
            }
            out.push(Provider { id: o.id, municipality: m.id.clone(), address: o.address });
        }
    }
    Ok(out)
}

/// Writes `o.enrollments` enrolled contracts (see the module's comment) in one transaction. The
/// children are the demo's without a certificate; each gets one, and as many contracts as the
/// count needs, in different groups, priced so that the nominal holds them all.
pub async fn load(app: &App, o: &EnrollmentOptions) -> Result<Enrolled, DemoError> {
    let today = app.clock.today();
    let now = time::instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    bulk::begin_load(&mut tx, app.store.backend()).await?;
    let loader = super::demo_account(&mut tx, "moc.tver").await?;
    let mut certifier = Certifier::new(&mut tx, loader.clone(), o.seed, today, &now).await?;
    let children: Vec<(PersonId, MunicipalityId)> = uncertified(&mut tx, today, i64::from(o.enrollments))
        .await?
        .into_iter()
        .filter(|(_, m)| certifier.period(m).is_some())
        .collect();
    let plan = Plan::new(o, &children, &certifier, today)?;
    let providers = providers(&mut tx).await?;
    if providers.is_empty() {
        return Err(DemoError::Enrollments("the demo region has no providers".into()));
    }

    // In phases, each table after the ones it points at (see `BulkEnrollments`).
    let mut bulk = BulkEnrollments::new();
    let mut wallets = Vec::with_capacity(plan.children);
    for (c, (child, m)) in children.iter().take(plan.children).enumerate() {
        let w = certifier.issue(&mut bulk, child, m, plan.held[c], &now).expect("children with a period");
        wallets.push(w);
        bulk.flush_if_full(&mut tx).await?;
    }
    let issued: Vec<_> =
        children.iter().zip(&plan.held).zip(&wallets).map(|(((_, m), held), w)| (m, *held, w)).collect();
    certifier.fund(&mut tx, &mut bulk, &issued, &now).await?;
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed ^ 0xe4a1);
    let per_program = (o.seats * o.groups_per_program) as usize;
    let mut groups = Vec::with_capacity(plan.enrollments.div_ceil(o.seats as usize));
    for (n, price) in plan.prices.iter().enumerate() {
        let provider = &providers[n % providers.len()];
        let (program, module) = certified_program(&mut tx, provider, &loader, *price, n, today, &now).await?;
        let last = ((n + 1) * per_program).min(plan.enrollments);
        for (g, first) in (n * per_program..last).step_by(o.seats as usize).enumerate() {
            let taken = (last - first).min(o.seats as usize);
            let fields = group_fields(&mut rng, provider, o.seats, (plan.group_start, plan.group_end), g + 1);
            groups.push((program.clone(), bulk.group(&program, &module, &fields, taken as u32), *price));
            bulk.flush_if_full(&mut tx).await?;
        }
    }
    bulk.flush(&mut tx).await?;
    let mut holds = Vec::with_capacity(plan.enrollments);
    for e in 0..plan.enrollments {
        let (program, group, price) = &groups[e / o.seats as usize];
        let c = e % plan.children;
        let (start, end, terms) = plan.contract(&children[c].1, &certifier, *price);
        let a = EnrolledApplication {
            group,
            program,
            child: &children[c].0,
            wallet: &wallets[c],
            applied_by: &loader,
            starts_on: start,
            ends_on: end,
            price_per_month: terms.price_per_month,
            covered_per_month: terms.covered_per_month,
            hold: terms.hold,
        };
        if let Some(entry) = bulk.enrolled(&a, &now) {
            holds.push((entry, c, terms.hold));
        }
        bulk.flush_if_full(&mut tx).await?;
    }
    bulk.flush(&mut tx).await?;
    for (m, held, w) in &issued {
        certifier.nominal_postings(&mut bulk, m, *held, w);
        bulk.flush_if_full(&mut tx).await?;
    }
    for (entry, c, amount) in &holds {
        bulk.hold_postings(entry, &wallets[*c], *amount)?;
        bulk.flush_if_full(&mut tx).await?;
    }
    bulk.flush(&mut tx).await?;
    certifier.finish(&mut tx).await?;
    catalog::touch_everything(&mut tx, &now).await?;
    bulk::end_load(&mut tx, app.store.backend()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let held = plan.held.iter().map(|h| h.get()).sum();
    Ok(Enrolled {
        certificates: plan.children as u64,
        programs: plan.prices.len() as u64,
        groups: plan.enrollments.div_ceil(o.seats as usize) as u64,
        enrollments: plan.enrollments as u64,
        starts_on: plan.first_day,
        ends_on: plan.last_day,
        held: Kopecks::new(held),
    })
}

/// Who gets what: enrollment `e` goes to group `e / seats` of program `e / (seats × groups)` and to
/// child `e mod children`, so a group's children are all different and every child gets
/// ⌈enrollments / children⌉ contracts at most; prices are chosen so that so many fit one nominal.
struct Plan {
    enrollments: usize,
    children: usize,
    /// The price per month of each program (the normative cost the same: the certificate pays it all).
    prices: Vec<Kopecks>,
    /// What each child's contracts hold.
    held: Vec<Kopecks>,
    group_start: Date,
    group_end: Date,
    /// The contracts' first and last day.
    first_day: Date,
    last_day: Date,
}

impl Plan {
    fn new(
        o: &EnrollmentOptions,
        children: &[(PersonId, MunicipalityId)],
        certifier: &Certifier,
        today: Date,
    ) -> Result<Plan, DemoError> {
        let enrollments = o.enrollments as usize;
        if o.seats == 0 || o.groups_per_program == 0 || o.groups_per_program > 100 {
            return Err(DemoError::Enrollments("seats ≥ 1 and 1 to 100 groups a program".into()));
        }
        if children.len() < o.seats as usize {
            return Err(DemoError::Enrollments(format!(
                "{} children without a certificate, fewer than the {} seats of a group: load a larger demo",
                children.len(),
                o.seats
            )));
        }
        let group_start = super::school_year_start(today);
        let group_end = Date::new(group_start.year() + 1, 5, 31).expect("31 May");
        let mut plan = Plan {
            enrollments,
            children: children.len().min(enrollments),
            prices: Vec::new(),
            held: vec![Kopecks::ZERO; children.len().min(enrollments)],
            group_start,
            group_end,
            first_day: group_end,
            last_day: group_start,
        };
        let per_child = enrollments.div_ceil(plan.children).max(1) as i64;
        let (mut nominal, mut months) = (i64::MAX, 1);
        for (_, m) in children {
            let p = certifier.period(m).expect("children with a period");
            nominal = nominal.min(p.nominals.lowest().get());
            let (start, end) = plan.dates(p);
            months = months.max(rules::months(start, end).len() as i64);
            plan.first_day = plan.first_day.min(start);
            plan.last_day = plan.last_day.max(end);
        }
        // Whole roubles a month that `per_child` contracts of `months` months may cost together.
        let cap = nominal / (per_child * months) / 100;
        if cap < 100 {
            return Err(DemoError::Enrollments(format!(
                "{} children for {enrollments} contracts: {per_child} each would cost under 100 ₽ a month; \
                 load a larger demo",
                plan.children
            )));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(o.seed ^ 0x9e1c);
        let per_program = (o.seats * o.groups_per_program) as usize;
        plan.prices = (0..enrollments.div_ceil(per_program))
            .map(|_| Kopecks::from_rubles(rng.random_range(cap / 2..=cap) / 10 * 10))
            .collect();
        for e in 0..enrollments {
            let c = e % plan.children;
            let (_, _, terms) = plan.contract(&children[c].1, certifier, plan.prices[e / per_program]);
            plan.held[c] = plan.held[c].checked_add(terms.hold).expect("holds within a nominal");
        }
        Ok(plan)
    }

    /// A contract runs for the group's dates within the certificate's period (R10).
    fn dates(&self, p: &Period) -> (Date, Date) {
        (self.group_start.max(p.starts_on), self.group_end.min(p.ends_on))
    }

    fn contract(
        &self,
        m: &MunicipalityId,
        certifier: &Certifier,
        price: Kopecks,
    ) -> (Date, Date, rules::ContractTerms) {
        let (start, end) = self.dates(certifier.period(m).expect("children with a period"));
        (start, end, rules::contract(price, price, start, end))
    }
}

/// A certified paid program of the provider for ages 5–17 with one module at `price` a month;
/// returns the program and its module.
async fn certified_program(
    conn: &mut AnyConnection,
    provider: &Provider,
    loader: &AccountId,
    price: Kopecks,
    n: usize,
    today: Date,
    now: &str,
) -> Result<(dopcert_domain::ids::ProgramId, dopcert_domain::ids::ModuleId), StoreError> {
    let (direction, topic, _, _) = TOPICS[n % TOPICS.len()];
    let title = format!("{topic}: набор {}", n + 1);
    let ages = AgeRange::new(5, 17).expect("5–17 is R03's range");
    let description = format!("Программа «{topic}» для детей 5–17 лет, занятия в группах по расписанию.");
    let fields = ProgramFields {
        title: &title,
        direction,
        description: &description,
        ages,
        funding: Funding::Certificate,
    };
    let id = programs::insert(conn, &provider.id, &provider.municipality, &fields, loader, now).await?;
    let terms = ModuleTerms::new(72, price, price).map_err(|_| StoreError::Corrupt("demo module terms"))?;
    let module = programs::insert_module(conn, &id, "Первый год обучения", &terms).await?;
    let text = CertifiedTerms { funding: Funding::Certificate, ages, modules: vec![terms] }.to_text();
    let until = Date::new(today.year() + 1, 8, 31).expect("31 August");
    programs::set_status(
        conn,
        &id,
        (ProgramStatus::Draft, None),
        ProgramStatus::Certified,
        Some((until, &text)),
        now,
    )
    .await?;
    for (action, valid_until) in [("submit", None), ("certify", Some(until))] {
        let r =
            NewReview { program: &id, action, author: Some(loader), valid_until, note: None, verdicts: &[] };
        programs::insert_review(conn, &r, now).await?;
    }
    Ok((id, module))
}

fn group_fields(
    rng: &mut ChaCha8Rng,
    provider: &Provider,
    seats: u32,
    (starts_on, ends_on): (Date, Date),
    number: usize,
) -> GroupFields {
    const SCHEDULES: [(&str, [&str; 2]); 3] = [
        ("пн, ср 16:00–17:30", ["mon", "wed"]),
        ("вт, чт 15:00–16:30", ["tue", "thu"]),
        ("ср, пт 17:00–18:30", ["wed", "fri"]),
    ];
    let (schedule, days) = SCHEDULES[rng.random_range(0..SCHEDULES.len())];
    GroupFields {
        title: format!("Группа {number}"),
        teacher: "Иванова Наталья Сергеевна".into(),
        schedule: schedule.into(),
        days: Weekdays::from_codes(days),
        address: provider.address.clone(),
        point: None,
        seats,
        starts_on,
        ends_on,
        enrollment_from: starts_on.saturating_sub(jiff::Span::new().days(17)),
        enrollment_to: Date::new(starts_on.year(), 12, 25).expect("25 December").min(ends_on),
    }
}
