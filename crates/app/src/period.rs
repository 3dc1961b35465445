//! A municipality's periods (R06): the municipal operator sets, for each year, the dates, the
//! nominals by age group (with an optional higher one for children with disabilities) and the
//! number of funded certificates. Every change is in the audit log, which is also the period's
//! history.
//!
//! The rules of a change: a period's dates and nominals are fixed once it has started (money
//! was credited by them); its quota may change until it ends — a higher one upgrades waiting
//! certificates in claim order at once, a lower one takes nothing already given.

use dopcert_domain::ids::{MunicipalityId, PeriodId};
use dopcert_domain::period::{NominalError, Nominals};
use dopcert_domain::role::Role;
use dopcert_store::audit::{Filter, Record};
use dopcert_store::certificate as certificates;
use dopcert_store::period::{self as store, NewPeriod, Period};
use dopcert_store::time::{date, instant};
use dopcert_store::{AnyConnection, StoreError};
use jiff::civil::Date;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::certificate::upgrade_waiting_in;
use crate::App;

/// More funded certificates than any municipality has children (and within PostgreSQL's INTEGER).
pub const MAX_QUOTA: i64 = 10_000_000;

#[derive(Debug, thiserror::Error)]
pub enum PeriodError {
    #[error("периоды устанавливает муниципальный опорный центр своего муниципалитета")]
    Forbidden,
    #[error("период не найден")]
    NotFound,
    #[error("число сертификатов с номиналом — от 0 до 10 000 000")]
    QuotaOutOfRange,
    #[error("период уже закончился: его число сертификатов с номиналом не меняется")]
    PeriodOver,
    #[error("период уже начался: по его номиналам начислены деньги, их не изменить")]
    Started,
    #[error("{0}")]
    Nominal(#[from] NominalError),
    #[error("год периода — от 2020 до 2100, и период начинается в этом году")]
    Year,
    #[error("период заканчивается раньше, чем начинается")]
    DatesReversed,
    #[error("период длится не больше года")]
    TooLong,
    #[error("период уже закончился бы: новый период должен заканчиваться не раньше сегодняшнего дня")]
    InThePast,
    #[error("даты пересекаются с периодом {0} года: периоды муниципалитета не накладываются друг на друга")]
    Overlaps(i32),
    #[error("период на {0} год уже установлен")]
    YearTaken(i32),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PeriodError {
    /// The machine code for the API and tests.
    pub fn code(&self) -> &'static str {
        match self {
            PeriodError::Forbidden => "forbidden",
            PeriodError::NotFound => "not_found",
            PeriodError::QuotaOutOfRange => "quota_out_of_range",
            PeriodError::PeriodOver => "period_over",
            PeriodError::Started => "period_started",
            PeriodError::Nominal(e) => e.code(),
            PeriodError::Year => "period_year",
            PeriodError::DatesReversed => "dates_reversed",
            PeriodError::TooLong => "period_too_long",
            PeriodError::InThePast => "period_in_the_past",
            PeriodError::Overlaps(_) => "period_overlaps",
            PeriodError::YearTaken(_) => "period_year_taken",
            PeriodError::Store(_) => "internal",
        }
    }
}

/// The operator's municipality, or `Forbidden`.
fn operated(actor: &Actor) -> Result<MunicipalityId, PeriodError> {
    let g = actor.role();
    match (g.role, &g.municipality_id) {
        (Role::MunicipalOperator, Some(m)) => Ok(m.clone()),
        _ => Err(PeriodError::Forbidden),
    }
}

/// The period, if it is the operator's.
async fn own(conn: &mut AnyConnection, actor: &Actor, id: &PeriodId) -> Result<Period, PeriodError> {
    let m = operated(actor)?;
    match store::get(conn, id).await {
        Ok(p) if p.municipality_id == m => Ok(p),
        Ok(_) | Err(StoreError::NotFound) => Err(PeriodError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// A new period as the operator fills it in.
#[derive(Debug, Clone)]
pub struct Draft {
    pub year: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub nominals: Nominals,
    pub funded_quota: i64,
}

impl Draft {
    fn check(&self, today: Date) -> Result<(), PeriodError> {
        if !(2020..=2100).contains(&self.year) || i32::from(self.starts_on.year()) != self.year {
            return Err(PeriodError::Year);
        }
        if self.ends_on < self.starts_on {
            return Err(PeriodError::DatesReversed);
        }
        let year_later = self.starts_on.saturating_add(jiff::Span::new().years(1));
        if self.ends_on >= year_later {
            return Err(PeriodError::TooLong);
        }
        if self.ends_on < today {
            return Err(PeriodError::InThePast);
        }
        if !(0..=MAX_QUOTA).contains(&self.funded_quota) {
            return Err(PeriodError::QuotaOutOfRange);
        }
        Ok(())
    }
}

/// Sets up a period of the operator's municipality. A period that has already started funds
/// the waiting certificates at once (as its start would).
pub async fn create(app: &App, actor: &Actor, d: &Draft) -> Result<PeriodId, PeriodError> {
    let m = operated(actor)?;
    let today = app.clock.today();
    d.check(today)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    // One period-setter of the municipality at a time: the overlap check below holds then.
    store::lock_municipality(&mut tx, &m).await?;
    if let Some(other) = store::overlapping(&mut tx, &m, d.starts_on, d.ends_on).await? {
        return Err(PeriodError::Overlaps(other.year));
    }
    if store::of_municipality(&mut tx, &m).await?.iter().any(|p| p.year == d.year) {
        return Err(PeriodError::YearTaken(d.year));
    }
    let new = NewPeriod {
        municipality_id: &m,
        year: d.year,
        starts_on: d.starts_on,
        ends_on: d.ends_on,
        nominals: &d.nominals,
        funded_quota: d.funded_quota,
    };
    let id = store::insert(&mut tx, &new, &now).await?;
    let p = store::get(&mut tx, &id).await?;
    let funded = fund_if_running(&mut tx, &p, today, &now).await?;
    let change = Change::new("period.create", "period", id.as_str()).municipality(m.as_str()).after(json!({
        "year": d.year,
        "starts_on": date(d.starts_on),
        "ends_on": date(d.ends_on),
        "nominals": nominals_json(&d.nominals),
        "funded_quota": d.funded_quota,
        "funded": funded,
    }));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(period = %id, year = d.year, "period created");
    Ok(id)
}

/// The nominals as the audit log keeps them: roubles, readable in the history.
fn nominals_json(n: &Nominals) -> serde_json::Value {
    n.groups()
        .iter()
        .map(|g| {
            json!({"ages": g.label(), "nominal": g.nominal.to_string(),
                   "disability": g.disability.map(|d| d.to_string())})
        })
        .collect()
}

/// Changes the nominals of a period that has not started.
pub async fn set_nominals(app: &App, actor: &Actor, id: &PeriodId, n: &Nominals) -> Result<(), PeriodError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let p = own(&mut tx, actor, id).await?;
    store::lock(&mut tx, &p.id).await?;
    if p.starts_on <= app.clock.today() {
        return Err(PeriodError::Started);
    }
    store::set_nominals(&mut tx, &p.id, n).await?;
    let change = Change::new("period.set_nominals", "period", p.id.as_str())
        .municipality(p.municipality_id.as_str())
        .before(json!({"nominals": nominals_json(&p.nominals)}))
        .after(json!({"nominals": nominals_json(n)}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Sets the number of funded certificates of a period. A higher quota upgrades waiting
/// certificates in claim order in the same transaction; a lower one takes nothing already given.
/// Returns how many were upgraded.
pub async fn set_quota(app: &App, actor: &Actor, id: &PeriodId, quota: i64) -> Result<u64, PeriodError> {
    if !(0..=MAX_QUOTA).contains(&quota) {
        return Err(PeriodError::QuotaOutOfRange);
    }
    let today = app.clock.today();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let p = own(&mut tx, actor, id).await?;
    if p.ends_on < today {
        return Err(PeriodError::PeriodOver);
    }
    store::set_quota(&mut tx, &p.id, quota).await?;
    let was = p.funded_quota;
    let p = store::get(&mut tx, &p.id).await?;
    let upgraded = fund_if_running(&mut tx, &p, today, &now).await?;
    let change = Change::new("period.set_quota", "period", p.id.as_str())
        .municipality(p.municipality_id.as_str())
        .before(json!({"funded_quota": was, "funded_count": p.funded_count - upgraded as i64}))
        .after(json!({"funded_quota": quota, "upgraded": upgraded}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(period = %p.id, quota, upgraded, "funded quota changed");
    Ok(upgraded)
}

/// Hands free places of a running period to waiting certificates (R06) — unless an earlier
/// period still holds money not yet expired (R10: the remainder expires before the next nominal
/// is credited). A coming period funds at its start.
pub(crate) async fn fund_if_running(
    conn: &mut AnyConnection,
    p: &Period,
    today: Date,
    now: &str,
) -> Result<u64, StoreError> {
    if p.starts_on > today || p.ends_on < today || p.closed || store::earlier_open(conn, p).await? {
        return Ok(0);
    }
    upgrade_waiting_in(conn, p, now).await
}

/// Housekeeping: every running period with free places funds its waiting certificates (the day
/// a period starts, and whenever places free up without an upgrade). Returns how many.
pub async fn fund_waiting(app: &App) -> Result<u64, StoreError> {
    let today = app.clock.today();
    let periods = {
        let mut conn = app.store.reader().await?;
        store::running_with_room(&mut conn, today).await?
    };
    let mut funded = 0;
    for id in periods {
        let now = instant(app.clock.now());
        let mut tx = app.store.begin().await?;
        store::lock(&mut tx, &id).await?;
        let p = store::get(&mut tx, &id).await?;
        let n = fund_if_running(&mut tx, &p, today, &now).await?;
        if n > 0 {
            let change = Change::new("period.fund_waiting", "period", p.id.as_str())
                .municipality(p.municipality_id.as_str())
                .after(json!({"year": p.year, "funded": n}));
            audit::record(&mut tx, None, &change, &now).await?;
        }
        tx.commit().await?;
        funded += n;
    }
    Ok(funded)
}

/// A period as the operator sees it: the quota, how many places are taken, how many wait.
#[derive(Debug, Clone)]
pub struct PeriodView {
    pub period: Period,
    pub waiting: i64,
}

/// The periods of the operator's municipality, latest first.
pub async fn periods(app: &App, actor: &Actor) -> Result<Vec<PeriodView>, PeriodError> {
    let municipality = operated(actor)?;
    let mut conn = app.store.reader().await?;
    let mut out = Vec::new();
    for p in store::of_municipality(&mut conn, &municipality).await? {
        let waiting = certificates::count_waiting(&mut conn, &municipality, &p.id).await?;
        out.push(PeriodView { period: p, waiting });
    }
    Ok(out)
}

/// A period with its history: every change of it from the audit log, newest first.
#[derive(Debug, Clone)]
pub struct PeriodDetail {
    pub view: PeriodView,
    pub history: Vec<Record>,
}

pub async fn detail(app: &App, actor: &Actor, id: &PeriodId) -> Result<PeriodDetail, PeriodError> {
    let mut conn = app.store.reader().await?;
    let p = own(&mut conn, actor, id).await?;
    let waiting = certificates::count_waiting(&mut conn, &p.municipality_id, &p.id).await?;
    let f = Filter {
        object: Some(("period".into(), p.id.to_string())),
        municipality_id: Some(p.municipality_id.to_string()),
        limit: 200,
        ..Default::default()
    };
    let history = dopcert_store::audit::search(&mut conn, &f).await?;
    Ok(PeriodDetail { view: PeriodView { period: p, waiting }, history })
}
