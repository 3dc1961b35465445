//! Retention (docs/SECURITY.md, «Retention»): personal data kept only as long as it is needed,
//! applied by housekeeping. Every rule is a guarded statement, so it may run on every server,
//! twice, or be interrupted and run again.
//!
//! - pupils files: a preview not confirmed within a day is deleted; a confirmed one keeps its
//!   name and counts, never its rows (the commit empties them; this empties any left);
//! - one-time passwords a day after they expired, failed-login counters a day after their
//!   window and lock ended (sessions and Госуслуги logins in progress: `housekeeping`);
//! - a child's record once they turned 18 at least [`YEARS_AFTER_18`] years ago and nothing of
//!   theirs is in the accounting period (the money records are kept [`ACCOUNTING_YEARS`] full
//!   years after the year they were made: бухгалтерский учёт): anonymized in place, so the
//!   ledger, contracts, charges and invoices that point at it stay whole and `dopcert verify`
//!   still balances;
//! - an adult's record (a parent whose children's records are gone or who never had any, staff
//!   and operators who left: no role but a parent's) once they have not signed in for
//!   [`ADULT_INACTIVE_YEARS`] years: anonymized the same way; the history keeps their id;
//! - a consultation closed [`CONSULTATION_YEARS`] years ago: its topic, texts and files are
//!   removed, the thread stays with its dates and status.
//!
//! Persons and consultations are looked for once a Moscow day (a pass reads every person).

use dopcert_domain::person::FullName;
use dopcert_store::retention::{self as store, Cutoffs, Rule};
use dopcert_store::time::{date, instant};
use dopcert_store::{import_batch, one_time_password, setting, throttle, StoreError};
use jiff::civil::Date;
use jiff::SignedDuration;
use serde_json::json;

use crate::audit::{self, Change};
use crate::App;

/// How long an unconfirmed pupils file, a confirmed file's rows, an expired one-time password
/// and a finished failed-login counter are kept.
pub const SHORT: SignedDuration = SignedDuration::from_hours(24);

/// A child's record is kept this many years after they turn 18 …
pub const YEARS_AFTER_18: i16 = 5;

/// … and this many full calendar years after the year of the last money record, contract or
/// certificate of theirs (Федеральный закон № 402-ФЗ, ст. 29: five years).
pub const ACCOUNTING_YEARS: i16 = 5;

/// An adult's record is kept this many years after they last signed in (or were recorded):
/// the general limitation period of a claim (Гражданский кодекс РФ, ст. 196), within which what
/// they did may still be disputed.
pub const ADULT_INACTIVE_YEARS: i16 = 3;

/// A closed consultation's texts and files are kept this many years after it was closed: the
/// same limitation period.
pub const CONSULTATION_YEARS: i16 = 3;

/// What an anonymized person is called, and a removed consultation's topic.
pub const REMOVED: &str = "Удалено";

/// What a removed consultation's messages say instead.
pub const REMOVED_TEXT: &str = "Текст удалён: срок хранения истёк.";

/// The Moscow day the persons were last looked through.
const CHECKED_SETTING: &str = "retention.persons_checked";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub import_previews: u64,
    pub import_rows: u64,
    pub one_time_passwords: u64,
    pub throttle_keys: u64,
    pub persons_anonymized: u64,
    pub adults_anonymized: u64,
    pub consultations_removed: u64,
}

pub async fn apply(app: &App) -> Result<Removed, StoreError> {
    let before = instant(app.clock.now() - SHORT);
    let mut tx = app.store.begin().await?;
    let import_previews = import_batch::forget_previews(&mut tx, &before).await?;
    let import_rows = import_batch::empty_committed(&mut tx, &before).await?;
    let one_time_passwords = one_time_password::purge_expired(&mut tx, &before).await?;
    let throttle_keys = throttle::purge_stale(&mut tx, &before).await?;
    store::stamp_unseen_accounts(&mut tx, &instant(app.clock.now())).await?;
    tx.commit().await?;
    let mut removed =
        Removed { import_previews, import_rows, one_time_passwords, throttle_keys, ..Removed::default() };
    if checked_today(app).await? {
        return Ok(removed);
    }
    let today = app.clock.today();
    let (born_by, keep_from, keep_from_day) = cutoffs(today);
    let inactive_before = years_before(app, ADULT_INACTIVE_YEARS);
    let c = Cutoffs {
        born_by: &born_by,
        keep_from: &keep_from,
        keep_from_day: &keep_from_day,
        inactive_before: &inactive_before,
    };
    // Children first: a parent whose last child's record goes today is looked at after it.
    removed.persons_anonymized = anonymize(app, Rule::GrownUpChild, &c).await?;
    removed.adults_anonymized = anonymize(app, Rule::InactiveAdult, &c).await?;
    removed.consultations_removed = remove_consultations(app).await?;
    let mut tx = app.store.begin().await?;
    setting::put(&mut tx, CHECKED_SETTING, &date(today)).await?;
    tx.commit().await?;
    Ok(removed)
}

/// Whether the daily pass over persons and consultations was made today (Moscow).
async fn checked_today(app: &App) -> Result<bool, StoreError> {
    let day = date(app.clock.today());
    let mut conn = app.store.reader().await?;
    Ok(setting::get(&mut conn, CHECKED_SETTING).await?.as_deref() == Some(day.as_str()))
}

/// The instant `years` years before now.
fn years_before(app: &App, years: i16) -> String {
    let now = app.clock.now().to_zoned(jiff::tz::TimeZone::UTC);
    instant(now.saturating_sub(jiff::Span::new().years(years)).timestamp())
}

/// The cut-offs for `today`: born on or before (turned 18 at least five years ago), and the
/// first moment and day of the accounting period still kept.
pub fn cutoffs(today: Date) -> (String, String, String) {
    let born_by = today.saturating_sub(jiff::Span::new().years(18 + YEARS_AFTER_18));
    let keep_from_day = Date::new(today.year() - ACCOUNTING_YEARS, 1, 1).expect("a January the first");
    let keep_from = keep_from_day
        .to_zoned(dopcert_domain::time::moscow())
        .map(|z| z.timestamp())
        .expect("midnight exists in Moscow");
    (date(born_by), instant(keep_from), date(keep_from_day))
}

/// Anonymizes the records the rule finds no longer needed (see the module's notes), each in
/// its own transaction with its audit record (the system's, without the data).
async fn anonymize(app: &App, rule: Rule, c: &Cutoffs<'_>) -> Result<u64, StoreError> {
    let removed = FullName::new(REMOVED, REMOVED, None).expect("a valid name");
    let mut done = 0;
    let mut after = String::new();
    loop {
        let batch = {
            let mut conn = app.store.reader().await?;
            store::no_longer_needed(&mut conn, rule, c, &after, 100).await?
        };
        let Some((last, _)) = batch.last() else { break };
        after = last.as_str().to_string();
        for (person, municipality) in &batch {
            let now = instant(app.clock.now());
            let mut tx = app.store.begin().await?;
            // Another server may have got there first: then nothing changes and nothing is recorded.
            if store::anonymize(&mut tx, person, rule, c, &removed, &now).await? {
                let mut change = Change::new("person.anonymize", "person", person.as_str())
                    .person(person.as_str())
                    .after(json!({"reason": "срок хранения истёк"}));
                if let Some(m) = municipality {
                    change = change.municipality(m.as_str());
                }
                audit::record(&mut tx, None, &change, &now).await?;
                done += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(done)
}

/// Removes the texts and files of consultations closed [`CONSULTATION_YEARS`] years ago, each
/// in its own transaction with the system's audit record.
async fn remove_consultations(app: &App) -> Result<u64, StoreError> {
    let before = years_before(app, CONSULTATION_YEARS);
    let mut done = 0;
    loop {
        let batch = {
            let mut conn = app.store.reader().await?;
            store::consultations_closed_before(&mut conn, &before, 100).await?
        };
        if batch.is_empty() {
            break;
        }
        for (id, organization, municipality) in &batch {
            let now = instant(app.clock.now());
            let mut tx = app.store.begin().await?;
            if store::remove_consultation(&mut tx, id, &before, REMOVED, REMOVED_TEXT, &now).await? {
                let change = Change::new("consultation.remove", "consultation", id)
                    .organization(organization)
                    .municipality(municipality)
                    .after(json!({"reason": "срок хранения истёк"}));
                audit::record(&mut tx, None, &change, &now).await?;
                done += 1;
            }
            tx.commit().await?;
        }
    }
    Ok(done)
}
