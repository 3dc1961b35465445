//! The back office's dashboard (issue 7): children holding a certificate and enrolled, by month;
//! the certificates' money by month; enrollments by direction and by organization; seats offered
//! and taken; the longest waitlists — for a municipality, or for the region with a line per
//! municipality. Scoped as the reports are (`reports::scope`).
//!
//! The figures are read for the whole region at once and kept for a while: a municipality of
//! 200,000 children has a million ledger postings and half a million contracts, too many to
//! read on every look (BENCHMARKS.md). `serve` refreshes them every [`EVERY`]; a look finds them
//! at most that old (plus the time a refresh takes), and reads them afresh itself when they are
//! older than [`KEEP`] (a server just started, or a refresh failing). The page says when they
//! were read. Money comes from the ledger's windows (`store::dashboard`, migration 0019), which
//! a refresh brings up to date first: only windows whose count of entries changed are summed
//! again, so the ledger is read once, not at every refresh.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use dopcert_domain::eligibility::{anniversary, MAX_AGE_EXCLUSIVE, MIN_AGE};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::Direction;
use dopcert_domain::time::{moscow, moscow_date};
use dopcert_store::dashboard::{self as store, Counts, HourFlow, MonthFlow};
use dopcert_store::time::instant;
use dopcert_store::{municipality, region, StoreError};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

use crate::auth::Actor;
use crate::reports::{self, ReportError};
use crate::App;

/// How often `serve` reads the figures afresh.
pub const EVERY: Duration = Duration::from_secs(10 * 60);
/// Figures older than this are read afresh by the look itself.
pub const KEEP: Duration = Duration::from_secs(30 * 60);
/// How long a look waits for a refresh that is running before it answers without figures.
const WAIT: Duration = Duration::from_secs(10);
/// Months of the series: the current one (to date) and the eleven before it.
pub const MONTHS: usize = 12;
/// Programs in the list of the longest waitlists.
pub const TOP_WAITLISTS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    #[error("панель доступна муниципальному опорному центру, региональному модельному центру и контролёрам")]
    Forbidden,
    /// No figures yet and a refresh is reading them (a server just started on a ledger never
    /// summed before): the page asks to come back instead of holding the request.
    #[error("панель ещё собирается: обновите страницу через минуту")]
    NotReady,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Money moved on the certificates in a month, each flow as a positive amount (a reversal
/// subtracts from its own flow).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Money {
    /// Nominals credited (R06, R10: a period's start).
    pub nominal: Kopecks,
    /// Held for contracts when families applied (R08).
    pub held: Kopecks,
    /// Given back from holds (a rejection, a withdrawal, leaving early, a contract settled).
    pub released: Kopecks,
    /// Charged to providers for lessons (R08).
    pub spent: Kopecks,
    /// Given back to the budget when a certificate was closed.
    pub returned: Kopecks,
    /// Expired at a period's end (R10).
    pub expired: Kopecks,
}

impl Money {
    fn add(&mut self, reason: &str, amount: i64) {
        let slot = match reason {
            "nominal" => &mut self.nominal,
            "hold" => &mut self.held,
            "release" => &mut self.released,
            "charge" => &mut self.spent,
            "return" => &mut self.returned,
            "expiry" => &mut self.expired,
            _ => return,
        };
        *slot = Kopecks::new(slot.get() + amount);
    }

    fn plus(self, o: Money) -> Money {
        let k = |a: Kopecks, b: Kopecks| Kopecks::new(a.get() + b.get());
        Money {
            nominal: k(self.nominal, o.nominal),
            held: k(self.held, o.held),
            released: k(self.released, o.released),
            spent: k(self.spent, o.spent),
            returned: k(self.returned, o.returned),
            expired: k(self.expired, o.expired),
        }
    }

    /// What these flows leave free to spend on the certificates.
    pub fn available(&self) -> Kopecks {
        Kopecks::new(
            self.nominal.get() - self.held.get() + self.released.get()
                - self.returned.get()
                - self.expired.get(),
        )
    }

    /// What these flows leave held for contracts.
    pub fn reserved(&self) -> Kopecks {
        Kopecks::new(self.held.get() - self.released.get() - self.spent.get())
    }
}

/// One Moscow month of the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// Its first day.
    pub first: Date,
    /// The day its counts are for: its last day, or today in the current month.
    pub as_of: Date,
    /// Children of 5–17 on that day (R03) living in the scope.
    pub children: i64,
    /// Certificates of the scope held at the end of that day (issued, not closed).
    pub certified: i64,
    /// Children living in the scope who attended (a contract enrolled, or ended after) on at
    /// least one day of the month up to that day.
    pub enrolled: i64,
    pub money: Money,
}

/// `part` of `whole` in per cent, `None` when there is no whole.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

/// Enrollments and seats of one direction (programs of the scope's providers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectionLine {
    pub direction: Direction,
    /// Contracts running now.
    pub enrolled: i64,
    /// Groups of certified programs that have not ended, their seats and the seats taken.
    pub groups: i64,
    pub seats: i64,
    pub taken: i64,
}

/// Contracts running now at one organization's programs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationLine {
    pub organization: String,
    pub inn: String,
    pub municipality: String,
    pub enrolled: i64,
}

/// A program with children waiting for a seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistLine {
    pub title: String,
    pub organization: String,
    pub municipality: String,
    pub waitlisted: i64,
    pub seats: i64,
    pub taken: i64,
}

/// A municipality's line of the region's dashboard: the current month's counts, the money of
/// the series' twelve months, seats and waitlists now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityLine {
    pub name: String,
    pub children: i64,
    pub certified: i64,
    pub enrolled: i64,
    pub nominal: Kopecks,
    pub spent: Kopecks,
    pub seats: i64,
    pub taken: i64,
    pub waitlisted: i64,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The municipality's or the region's name.
    pub title: String,
    pub regional: bool,
    /// When the figures were read.
    pub read_at: Timestamp,
    /// The twelve months, oldest first.
    pub months: Vec<Month>,
    /// On the certificates now: free to spend, and held for contracts.
    pub available: Kopecks,
    pub reserved: Kopecks,
    /// The six directions, in their usual order.
    pub directions: Vec<DirectionLine>,
    /// Organizations with contracts running, the most first.
    pub organizations: Vec<OrganizationLine>,
    /// The longest waitlists, at most [`TOP_WAITLISTS`].
    pub waitlists: Vec<WaitlistLine>,
    /// The region's municipalities by name (empty for a municipality).
    pub municipalities: Vec<MunicipalityLine>,
}

/// One municipality's figures, as read.
#[derive(Debug, Clone, Default)]
struct Local {
    id: String,
    name: String,
    children: Vec<i64>,
    certified: Vec<i64>,
    enrolled: Vec<i64>,
    /// Per month of the series.
    money: Vec<Money>,
    /// All the ledger's flows, for the balances.
    ever: Money,
    /// Per direction, in `Direction::ALL` order: (enrolled, groups, seats, taken).
    directions: [(i64, i64, i64, i64); 6],
    waitlisted: i64,
}

/// What a refresh reads: the region's figures per municipality.
#[derive(Debug)]
struct Figures {
    read_at: Timestamp,
    region: String,
    /// (first day, as-of day) of each month.
    months: Vec<(Date, Date)>,
    municipalities: Vec<Local>,
    /// (municipality id, line), all organizations with contracts running.
    organizations: Vec<(String, OrganizationLine)>,
    /// (municipality id, line), longest first.
    waitlists: Vec<(String, WaitlistLine)>,
}

/// A server's copy of the figures, with when it was read.
#[derive(Default)]
pub struct Cache {
    figures: RwLock<Option<(Instant, Arc<Figures>)>>,
    /// One refresh at a time on a server; looks that find no figures wait for it.
    refreshing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dashboard::Cache")
    }
}

impl Cache {
    fn get(&self) -> Option<(Instant, Arc<Figures>)> {
        self.figures.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Forgets the figures: the next look reads them afresh (a demo reload; the benchmark).
    pub fn clear(&self) {
        *self.figures.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn put(&self, figures: Figures) {
        *self.figures.write().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), Arc::new(figures)));
    }
}

/// What a refresh did, for the log and the benchmark.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Ledger windows summed (again), and their entries.
    pub windows: u64,
    pub entries: u64,
    /// The time spent on the ledger's windows and on the rest.
    pub ledger: Duration,
    pub figures: Duration,
}

/// The dashboard the actor may see: their municipality's, or the region's with a line per
/// municipality.
pub async fn view(app: &App, actor: &Actor) -> Result<Dashboard, DashboardError> {
    let scope = reports::scope(actor).map_err(|e| match e {
        ReportError::Forbidden => DashboardError::Forbidden,
        ReportError::Store(e) => DashboardError::Store(e),
    })?;
    let figures = current(app).await?;
    match scope.municipality {
        None => Ok(regional(&figures)),
        Some(m) => match figures.municipalities.iter().find(|l| l.id == m) {
            Some(local) => Ok(municipal(&figures, local)),
            // A municipality added since the figures were read.
            None => {
                app.dashboard.clear();
                let figures = current(app).await?;
                let local = figures.municipalities.iter().find(|l| l.id == m).ok_or(StoreError::NotFound)?;
                Ok(municipal(&figures, local))
            }
        },
    }
}

/// The figures, read afresh when there are none or they are older than [`KEEP`]. A look that
/// finds a refresh running waits for it a little, then takes the old figures or, when there are
/// none, answers [`DashboardError::NotReady`].
async fn current(app: &App) -> Result<Arc<Figures>, DashboardError> {
    if let Some((at, f)) = app.dashboard.get() {
        if at.elapsed() < KEEP {
            return Ok(f);
        }
    }
    let asked = Instant::now();
    let Ok(_one) = tokio::time::timeout(WAIT, app.dashboard.refreshing.lock()).await else {
        return app.dashboard.get().map(|(_, f)| f).ok_or(DashboardError::NotReady);
    };
    // Someone else read them while this look waited.
    if let Some((at, f)) = app.dashboard.get() {
        if at >= asked || at.elapsed() < KEEP {
            return Ok(f);
        }
    }
    let figures = read(app).await?;
    app.dashboard.put(figures);
    Ok(app.dashboard.get().expect("just stored").1)
}

/// Brings the ledger's windows up to date and reads the figures afresh (`serve` every [`EVERY`];
/// tests after changing data).
pub async fn refresh(app: &App) -> Result<Refreshed, StoreError> {
    let _one = app.dashboard.refreshing.lock().await;
    let started = Instant::now();
    let (windows, entries) = sum_ledger(app).await?;
    let ledger = started.elapsed();
    let figures = read_figures(app).await?;
    app.dashboard.put(figures);
    Ok(Refreshed { windows, entries, ledger, figures: started.elapsed() - ledger })
}

async fn read(app: &App) -> Result<Figures, StoreError> {
    sum_ledger(app).await?;
    read_figures(app).await
}

// ---- the months ----

/// The series' months: (first day, as-of day) of the current month and the eleven before it.
fn months(today: Date) -> Vec<(Date, Date)> {
    let this = today.first_of_month();
    (0..MONTHS as i64)
        .rev()
        .map(|back| {
            let first = this.saturating_sub(back.months());
            (first, first.last_of_month().min(today))
        })
        .collect()
}

/// The birth dates `(after, by]` of the children eligible on `day` (R03: from the 5th birthday
/// to the day before the 18th, a child born on 29 February a year older on 1 March).
pub fn born_range(day: Date) -> (Date, Date) {
    // The latest birth date whose `years`-th anniversary falls on `day` or before.
    let latest = |years: i16| {
        let mut b = day.saturating_sub(i64::from(years).years());
        while let Ok(next) = b.tomorrow() {
            if anniversary(next, years) > day {
                break;
            }
            b = next;
        }
        while anniversary(b, years) > day {
            match b.yesterday() {
                Ok(before) => b = before,
                Err(_) => break,
            }
        }
        b
    };
    (latest(MAX_AGE_EXCLUSIVE), latest(MIN_AGE))
}

/// The moment a Moscow day ends, as stored (today's end: whatever was written so far).
fn end_of(day: Date, now: Timestamp) -> String {
    let next = day.tomorrow().unwrap_or(day);
    instant(next.to_zoned(moscow()).map(|z| z.timestamp()).unwrap_or(now))
}

// ---- reading the figures ----

async fn read_figures(app: &App) -> Result<Figures, StoreError> {
    let now = app.clock.now();
    let today = app.clock.today();
    let months = months(today);
    let mut conn = app.store.reader().await?;
    let Some(r) = region::first(&mut conn).await? else {
        return Ok(Figures {
            read_at: now,
            region: String::new(),
            months,
            municipalities: Vec::new(),
            organizations: Vec::new(),
            waitlists: Vec::new(),
        });
    };
    let list = municipality::list(&mut conn, &r.id).await?;
    let ranges: Vec<_> = months.iter().map(|(_, as_of)| born_range(*as_of)).collect();
    let ends: Vec<_> = months.iter().map(|(_, as_of)| end_of(*as_of, now)).collect();
    let children = store::children(&mut conn, &ranges).await?;
    let certified = store::certificates_held(&mut conn, &ends).await?;
    let enrolled = store::enrolled(&mut conn, &months).await?;
    let flows = store::month_flows(&mut conn).await?;
    let by_program = store::enrolled_by_program(&mut conn).await?;
    let seats = store::seats(&mut conn, today).await?;
    let waiting = store::waitlists(&mut conn).await?;
    drop(conn);

    let per_month = |counts: &[Counts], id: &str| {
        counts.iter().find(|c| c.municipality_id == id).map_or(vec![0; MONTHS], |c| c.counts.clone())
    };
    let names: HashMap<String, String> = list.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let mut municipalities: Vec<Local> = list
        .iter()
        .map(|m| {
            let id = m.id.to_string();
            Local {
                children: per_month(&children, &id),
                certified: per_month(&certified, &id),
                enrolled: per_month(&enrolled, &id),
                money: vec![Money::default(); MONTHS],
                name: m.name.clone(),
                id,
                ..Local::default()
            }
        })
        .collect();
    municipalities.sort_by(|a, b| a.name.cmp(&b.name));
    let index: HashMap<String, usize> =
        municipalities.iter().enumerate().map(|(i, l)| (l.id.clone(), i)).collect();
    let month_keys: Vec<String> = months.iter().map(|(first, _)| month_key(*first)).collect();
    for f in &flows {
        let Some(&i) = index.get(&f.municipality_id) else { continue };
        let local = &mut municipalities[i];
        local.ever.add(&f.reason, f.amount);
        if let Some(k) = month_keys.iter().position(|m| *m == f.month) {
            local.money[k].add(&f.reason, f.amount);
        }
    }
    let direction = |code: &str| Direction::ALL.iter().position(|d| d.code() == code);
    let mut organizations: BTreeMap<(String, String), OrganizationLine> = BTreeMap::new();
    for l in &by_program {
        if let (Some(&i), Some(d)) = (index.get(&l.municipality_id), direction(&l.direction)) {
            municipalities[i].directions[d].0 += l.enrolled;
        }
        organizations
            .entry((l.municipality_id.clone(), l.organization_id.clone()))
            .or_insert_with(|| OrganizationLine {
                organization: l.organization.clone(),
                inn: l.inn.clone(),
                municipality: name(&l.municipality_id),
                enrolled: 0,
            })
            .enrolled += l.enrolled;
    }
    for s in &seats {
        if let (Some(&i), Some(d)) = (index.get(&s.municipality_id), direction(&s.direction)) {
            let slot = &mut municipalities[i].directions[d];
            slot.1 += s.groups;
            slot.2 += s.seats;
            slot.3 += s.taken;
        }
    }
    for w in &waiting {
        if let Some(&i) = index.get(&w.municipality_id) {
            municipalities[i].waitlisted += w.waitlisted;
        }
    }
    let mut organizations: Vec<(String, OrganizationLine)> =
        organizations.into_iter().map(|((m, _), line)| (m, line)).collect();
    organizations.sort_by(|a, b| {
        b.1.enrolled.cmp(&a.1.enrolled).then_with(|| a.1.organization.cmp(&b.1.organization))
    });
    let waitlists = waiting
        .into_iter()
        .map(|w| {
            let line = WaitlistLine {
                title: w.title,
                organization: w.organization,
                municipality: name(&w.municipality_id),
                waitlisted: w.waitlisted,
                seats: w.seats,
                taken: w.taken,
            };
            (w.municipality_id, line)
        })
        .collect();
    Ok(Figures { read_at: now, region: r.name, months, municipalities, organizations, waitlists })
}

fn month_key(first: Date) -> String {
    format!("{:04}-{:02}", first.year(), first.month())
}

// ---- one scope's dashboard ----

fn dashboard(f: &Figures, title: String, locals: &[&Local], of: impl Fn(&str) -> bool) -> Dashboard {
    let sum = |pick: &dyn Fn(&Local) -> i64| locals.iter().map(|l| pick(l)).sum::<i64>();
    let months = f
        .months
        .iter()
        .enumerate()
        .map(|(k, (first, as_of))| Month {
            first: *first,
            as_of: *as_of,
            children: sum(&|l| l.children[k]),
            certified: sum(&|l| l.certified[k]),
            enrolled: sum(&|l| l.enrolled[k]),
            money: locals.iter().fold(Money::default(), |m, l| m.plus(l.money[k])),
        })
        .collect();
    let ever = locals.iter().fold(Money::default(), |m, l| m.plus(l.ever));
    let directions = Direction::ALL
        .iter()
        .enumerate()
        .map(|(d, direction)| DirectionLine {
            direction: *direction,
            enrolled: sum(&|l| l.directions[d].0),
            groups: sum(&|l| l.directions[d].1),
            seats: sum(&|l| l.directions[d].2),
            taken: sum(&|l| l.directions[d].3),
        })
        .collect();
    Dashboard {
        title,
        regional: false,
        read_at: f.read_at,
        months,
        available: ever.available(),
        reserved: ever.reserved(),
        directions,
        organizations: f.organizations.iter().filter(|(m, _)| of(m)).map(|(_, l)| l.clone()).collect(),
        waitlists: f
            .waitlists
            .iter()
            .filter(|(m, _)| of(m))
            .take(TOP_WAITLISTS)
            .map(|(_, l)| l.clone())
            .collect(),
        municipalities: Vec::new(),
    }
}

fn municipal(f: &Figures, local: &Local) -> Dashboard {
    dashboard(f, local.name.clone(), &[local], |m| m == local.id)
}

fn regional(f: &Figures) -> Dashboard {
    let all: Vec<&Local> = f.municipalities.iter().collect();
    let mut d = dashboard(f, f.region.clone(), &all, |_| true);
    d.regional = true;
    let last = MONTHS - 1;
    d.municipalities = f
        .municipalities
        .iter()
        .map(|l| {
            let twelve = l.money.iter().fold(Money::default(), |m, x| m.plus(*x));
            MunicipalityLine {
                name: l.name.clone(),
                children: l.children[last],
                certified: l.certified[last],
                enrolled: l.enrolled[last],
                nominal: twelve.nominal,
                spent: twelve.spent,
                seats: l.directions.iter().map(|d| d.2).sum(),
                taken: l.directions.iter().map(|d| d.3).sum(),
                waitlisted: l.waitlisted,
            }
        })
        .collect();
    d
}

// ---- the ledger's windows ----

const HOUR_MS: i64 = 3_600_000;
/// Windows summed again when their count of entries changed: those of the last two days. An
/// entry lands in the window of the moment it was written; a transaction still running when its
/// window ended commits into a window already summed, and none of ours runs for days.
const RECHECK_MS: i64 = 48 * HOUR_MS;
/// Windows written per transaction when many are summed at once (a ledger's first summing).
const WRITE_BATCH: usize = 200;

/// The milliseconds since 1970 a UUID v7 id was made at (its first 48 bits).
fn id_ms(id: &str) -> Result<i64, StoreError> {
    let corrupt = || StoreError::Corrupt("ledger_entry.id");
    let (high, low) = id.get(..8).zip(id.get(9..13)).ok_or_else(corrupt)?;
    let high = u64::from_str_radix(high, 16).map_err(|_| corrupt())?;
    let low = u64::from_str_radix(low, 16).map_err(|_| corrupt())?;
    i64::try_from((high << 16) | low).map_err(|_| corrupt())
}

/// The smallest id made at `ms`, as a prefix that compares in text order.
fn id_prefix(ms: i64) -> String {
    let ms = ms.max(0) as u64;
    format!("{:08x}-{:04x}", ms >> 16, ms & 0xffff)
}

/// A window's name: its UTC hour, `YYYY-MM-DDTHH`.
fn hour_key(ms: i64) -> Result<String, StoreError> {
    let at = Timestamp::from_millisecond(ms).map_err(|_| StoreError::Corrupt("ledger_entry.id"))?;
    Ok(instant(at)[..13].to_string())
}

/// The Moscow month (`YYYY-MM`) of a UTC hour `YYYY-MM-DDTHH` (Moscow's offset is whole hours,
/// so an hour lies within one Moscow month).
fn moscow_month(hour: &str) -> Option<String> {
    let at: Timestamp = format!("{hour}:00:00Z").parse().ok()?;
    Some(month_key(moscow_date(at)))
}

fn to_months(flows: Vec<HourFlow>) -> Vec<MonthFlow> {
    let mut by: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    for f in flows {
        let Some(month) = moscow_month(&f.hour) else { continue };
        *by.entry((f.municipality_id, month, f.reason)).or_default() += f.amount;
    }
    by.into_iter()
        .filter(|(_, amount)| *amount != 0)
        .map(|((municipality_id, month, reason), amount)| MonthFlow {
            municipality_id,
            month,
            reason,
            amount,
        })
        .collect()
}

/// A window summed, to be stored.
struct Summed {
    starts: String,
    entries: i64,
    flows: Vec<MonthFlow>,
}

/// Sums the windows never summed, and the recent ones again when their count of entries
/// changed. Returns the windows summed and their entries.
async fn sum_ledger(app: &App) -> Result<(u64, u64), StoreError> {
    let mut conn = app.store.reader().await?;
    let Some((min, max)) = store::entry_ids(&mut conn).await? else { return Ok((0, 0)) };
    let (first, last) = (id_ms(&min)?, id_ms(&max)?);
    let stored: HashMap<String, i64> =
        store::windows(&mut conn).await?.into_iter().map(|w| (w.starts, w.entries)).collect();
    let (mut windows, mut entries) = (0, 0);
    let mut pending = Vec::new();
    let mut at = first - first.rem_euclid(HOUR_MS);
    while at <= last {
        let (key, from, to) = (hour_key(at)?, id_prefix(at), id_prefix(at + HOUR_MS));
        let due = match stored.get(&key) {
            None => true,
            Some(n) if at + HOUR_MS > last - RECHECK_MS => {
                store::entries_between(&mut conn, &from, &to).await? != *n
            }
            Some(_) => false,
        };
        if due {
            let (n, flows) = store::window_flows(&mut conn, &from, &to).await?;
            pending.push(Summed { starts: key, entries: n, flows: to_months(flows) });
            windows += 1;
            entries += n as u64;
        }
        if pending.len() >= WRITE_BATCH {
            write_windows(app, &mut pending).await?;
        }
        at += HOUR_MS;
    }
    write_windows(app, &mut pending).await?;
    Ok((windows, entries))
}

async fn write_windows(app: &App, pending: &mut Vec<Summed>) -> Result<(), StoreError> {
    if pending.is_empty() {
        return Ok(());
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    for w in pending.drain(..) {
        store::store_window(&mut tx, &w.starts, w.entries, &w.flows, &now).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn r03_the_range_of_birth_dates_is_the_rules() {
        // On 26 November 2026: born 27.11.2008 is 17, born 26.11.2008 is 18; born 26.11.2021 is 5.
        assert_eq!(born_range(d(2026, 11, 26)), (d(2008, 11, 26), d(2021, 11, 26)));
        // A child born on 29 February 2008 turns 18 on 1 March 2026.
        let (after, by) = born_range(d(2026, 2, 28));
        assert!(d(2008, 2, 29) > after && d(2008, 2, 29) <= by, "still 17 on 28 February");
        let (after, _) = born_range(d(2026, 3, 1));
        assert!(d(2008, 2, 29) <= after, "18 on 1 March");
        // Born 29.02.2024 turns 5 on 01.03.2029.
        assert!(born_range(d(2029, 2, 28)).1 < d(2024, 2, 29));
        assert!(born_range(d(2029, 3, 1)).1 >= d(2024, 2, 29));
    }

    #[test]
    fn the_series_is_twelve_moscow_months_to_today() {
        let m = months(d(2026, 11, 26));
        assert_eq!(m.len(), 12);
        assert_eq!(m[0], (d(2025, 12, 1), d(2025, 12, 31)));
        assert_eq!(m[11], (d(2026, 11, 1), d(2026, 11, 26)));
    }

    #[test]
    fn a_late_utc_hour_is_already_next_month_in_moscow() {
        assert_eq!(moscow_month("2026-10-31T20").as_deref(), Some("2026-10"));
        assert_eq!(moscow_month("2026-10-31T21").as_deref(), Some("2026-11"));
    }

    #[test]
    fn ids_are_windowed_by_the_hour_they_were_made() {
        let id = uuid_v7_at("2026-11-26T10:20:00Z");
        let ms = id_ms(&id).unwrap();
        assert_eq!(hour_key(ms).unwrap(), "2026-11-26T10");
        let hour = ms - ms.rem_euclid(HOUR_MS);
        assert_eq!(hour_key(hour).unwrap(), "2026-11-26T10");
        assert!(id.as_str() >= id_prefix(hour).as_str());
        assert!(id.as_str() < id_prefix(hour + HOUR_MS).as_str());
        assert!(id.as_str() > id_prefix(hour - HOUR_MS).as_str());
    }

    /// A UUID v7 made at `at`, as `store::new_id` makes them (random bits zero here).
    fn uuid_v7_at(at: &str) -> String {
        let ms = at.parse::<Timestamp>().unwrap().as_millisecond() as u64;
        format!("{:08x}-{:04x}-7000-8000-000000000000", ms >> 16, ms & 0xffff)
    }
}
