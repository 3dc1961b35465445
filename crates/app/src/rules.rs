//! The region's rules, set by the regional centre on one page: who certifies programs
//! (`certification.by`), how long a seat offered from the waitlist waits for the family
//! (`enrollment.offer_hours`), and after how many days an undecided application counts as
//! stuck in the back office's queues (`queues.stuck_days`), and the lottery's default window for
//! new groups (`lottery.window_days`: the form of a new group proposes a lottery collecting
//! applications for that many days; 0 proposes none). Each change is a `setting.change`
//! in the audit log, with the value before and after.

use std::ops::RangeInclusive;

use dopcert_domain::role::Role;
use dopcert_store::{setting, AnyConnection, StoreError};
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::enrollment::{offer_hours, OFFER_HOURS_SETTING};
use crate::form::{FieldError, Problem, Problems};
use crate::program::{certifier, Certifier, CERTIFIER_SETTING};
use crate::queues::{stuck_days, STUCK_DAYS_SETTING};
use crate::App;

/// Two weeks at most: a seat kept longer is a seat lost for the term.
pub const OFFER_HOURS: RangeInclusive<i64> = 1..=336;
pub const STUCK_DAYS: RangeInclusive<i64> = 1..=60;
/// 0: new groups take applications in order unless their organization sets a lottery.
pub const LOTTERY_DAYS: RangeInclusive<i64> = 0..=60;
pub const LOTTERY_DAYS_SETTING: &str = "lottery.window_days";

/// The lottery's default window in days for a new group's form (0: no lottery proposed). Read
/// by organizations' forms, so not limited to the regional admin.
pub async fn lottery_days(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let set = setting::get(conn, LOTTERY_DAYS_SETTING).await?;
    Ok(set.and_then(|v| v.trim().parse().ok()).filter(|n| LOTTERY_DAYS.contains(n)).unwrap_or(0))
}

/// The same, on its own connection.
pub async fn default_lottery_days(app: &App) -> Result<i64, StoreError> {
    let mut conn = app.store.reader().await?;
    lottery_days(&mut conn).await
}

#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("правила региона устанавливает региональный модельный центр")]
    Forbidden,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub certifier: Certifier,
    pub offer_hours: i64,
    pub stuck_days: i64,
    pub lottery_days: i64,
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
pub struct RulesInput {
    pub certified_by: String,
    pub offer_hours: String,
    pub stuck_days: String,
    pub lottery_days: String,
}

impl From<Rules> for RulesInput {
    fn from(r: Rules) -> Self {
        RulesInput {
            certified_by: r.certifier.code().into(),
            offer_hours: r.offer_hours.to_string(),
            stuck_days: r.stuck_days.to_string(),
            lottery_days: r.lottery_days.to_string(),
        }
    }
}

/// Only the regional admin sets the region's rules.
pub fn authorize(actor: &Actor) -> Result<(), RulesError> {
    if actor.role().role == Role::RegionalAdmin {
        Ok(())
    } else {
        Err(RulesError::Forbidden)
    }
}

async fn read(conn: &mut AnyConnection) -> Result<Rules, StoreError> {
    Ok(Rules {
        certifier: certifier(conn).await?,
        offer_hours: offer_hours(conn).await?,
        stuck_days: stuck_days(conn).await?,
        lottery_days: lottery_days(conn).await?,
    })
}

/// The rules in force (defaults where none was set).
pub async fn current(app: &App, actor: &Actor) -> Result<Rules, RulesError> {
    authorize(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(read(&mut conn).await?)
}

fn whole_number(
    p: &mut Problems,
    field: &'static str,
    raw: &str,
    range: &RangeInclusive<i64>,
    problem: fn(i64, i64) -> Problem,
) -> i64 {
    let n = raw.trim().parse::<i64>().ok().filter(|n| range.contains(n));
    if n.is_none() {
        p.add(field, problem(*range.start(), *range.end()));
    }
    n.unwrap_or_default()
}

fn check(i: &RulesInput) -> Result<Rules, RulesError> {
    let mut p = Problems::default();
    let hours = |min, max| Problem::WholeHours { min, max };
    let days = |min, max| Problem::WholeDays { min, max };
    let certifier = Certifier::parse(i.certified_by.trim());
    if certifier.is_none() {
        p.add("certified_by", Problem::Certifier);
    }
    let offer_hours = whole_number(&mut p, "offer_hours", &i.offer_hours, &OFFER_HOURS, hours);
    let stuck_days = whole_number(&mut p, "stuck_days", &i.stuck_days, &STUCK_DAYS, days);
    let lottery_days = whole_number(&mut p, "lottery_days", &i.lottery_days, &LOTTERY_DAYS, days);
    match certifier {
        Some(certifier) if p.is_empty() => Ok(Rules { certifier, offer_hours, stuck_days, lottery_days }),
        _ => Err(RulesError::Invalid(p.0)),
    }
}

/// Saves the rules that differ from those in force, each with its audit record, in one
/// transaction; returns how many changed. A wrong field saves nothing.
pub async fn save(app: &App, actor: &Actor, input: &RulesInput) -> Result<usize, RulesError> {
    authorize(actor)?;
    let new = check(input)?;
    let now = audit::now(app);
    let mut tx = app.store.begin().await?;
    let was = read(&mut tx).await?;
    let changes = [
        (CERTIFIER_SETTING, json!(was.certifier.code()), json!(new.certifier.code())),
        (OFFER_HOURS_SETTING, json!(was.offer_hours), json!(new.offer_hours)),
        (STUCK_DAYS_SETTING, json!(was.stuck_days), json!(new.stuck_days)),
        (LOTTERY_DAYS_SETTING, json!(was.lottery_days), json!(new.lottery_days)),
    ];
    let mut changed = 0;
    for (key, before, after) in changes.into_iter().filter(|(_, b, a)| b != a) {
        let value = after.as_str().map_or_else(|| after.to_string(), str::to_string);
        setting::put(&mut tx, key, &value).await?;
        let change = Change::new("setting.change", "setting", key)
            .before(json!({"value": before}))
            .after(json!({"value": after}));
        audit::record(&mut tx, Some(actor), &change, &now).await?;
        changed += 1;
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(changed, "region rules saved");
    Ok(changed)
}
