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
//!   still balances. Looked for once a Moscow day (it reads every grown-up's birth date).

use dopcert_domain::person::FullName;
use dopcert_store::retention::{self as store, Cutoffs};
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

/// What an anonymized person is called.
pub const REMOVED: &str = "Удалено";

/// The Moscow day the persons were last looked through.
const CHECKED_SETTING: &str = "retention.persons_checked";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    pub import_previews: u64,
    pub import_rows: u64,
    pub one_time_passwords: u64,
    pub throttle_keys: u64,
    pub persons_anonymized: u64,
}

pub async fn apply(app: &App) -> Result<Removed, StoreError> {
    let before = instant(app.clock.now() - SHORT);
    let mut tx = app.store.begin().await?;
    let import_previews = import_batch::forget_previews(&mut tx, &before).await?;
    let import_rows = import_batch::empty_committed(&mut tx, &before).await?;
    let one_time_passwords = one_time_password::purge_expired(&mut tx, &before).await?;
    let throttle_keys = throttle::purge_stale(&mut tx, &before).await?;
    tx.commit().await?;
    let persons_anonymized = anonymize_grown_up(app).await?;
    Ok(Removed { import_previews, import_rows, one_time_passwords, throttle_keys, persons_anonymized })
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

/// Anonymizes the records of children grown up long ago (see the module's notes), once a day;
/// each in its own transaction with its audit record (the system's, without the data).
async fn anonymize_grown_up(app: &App) -> Result<u64, StoreError> {
    let today = app.clock.today();
    let day = date(today);
    {
        let mut conn = app.store.reader().await?;
        if setting::get(&mut conn, CHECKED_SETTING).await?.as_deref() == Some(day.as_str()) {
            return Ok(0);
        }
    }
    let removed = FullName::new(REMOVED, REMOVED, None).expect("a valid name");
    let (born_by, keep_from, keep_from_day) = cutoffs(today);
    let c = Cutoffs { born_by: &born_by, keep_from: &keep_from, keep_from_day: &keep_from_day };
    let mut done = 0;
    loop {
        let batch = {
            let mut conn = app.store.reader().await?;
            store::no_longer_needed(&mut conn, &c, 100).await?
        };
        let mut changed = false;
        for (person, municipality) in &batch {
            let now = instant(app.clock.now());
            let mut tx = app.store.begin().await?;
            if store::anonymize(&mut tx, person, &c, &removed, &now).await? {
                let mut change = Change::new("person.anonymize", "person", person.as_str())
                    .person(person.as_str())
                    .after(json!({"reason": "срок хранения истёк"}));
                if let Some(m) = municipality {
                    change = change.municipality(m.as_str());
                }
                audit::record(&mut tx, None, &change, &now).await?;
                done += 1;
                changed = true;
            }
            tx.commit().await?;
        }
        // A batch none of which could be changed (another server got there) ends the pass.
        if !changed {
            break;
        }
    }
    let mut tx = app.store.begin().await?;
    setting::put(&mut tx, CHECKED_SETTING, &day).await?;
    tx.commit().await?;
    Ok(done)
}
