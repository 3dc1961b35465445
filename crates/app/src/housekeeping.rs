//! Clearing away what has expired: ended sessions, abandoned Госуслуги logins, certificates of
//! children who have turned 18 (R03: closed, by a guarded status change), program certifications
//! past their date (R07), waitlist offers past their deadline, lotteries whose window closed;
//! waiting certificates funded where a running period has free places (R06); the API's
//! idempotency keys older than a day; personal data past its retention (`retention`); notices
//! of contracts ending soon, and e-mails sent long ago (`notification`, `mail`).
//! Idempotent, so every
//! app server may run it on its own schedule.

use dopcert_store::time::instant;
use dopcert_store::{catalog, identity, session, StoreError};
use jiff::SignedDuration;

use crate::auth::SESSION_IDLE;
use crate::App;

/// How often `serve` tidies up.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tidied {
    pub sessions: u64,
    pub pending_logins: u64,
    /// Certificates closed because their child turned 18.
    pub closed_at_18: u64,
    /// Program certifications that ran out, and reminders of those ending within 30 days.
    pub programs_expired: u64,
    pub programs_reminded: u64,
    /// Catalog changes old enough that every server has applied them.
    pub catalog_changes: u64,
    /// Waitlist offers past their deadline (their seats offered to the next in line).
    pub offers_lapsed: u64,
    /// Lotteries drawn after their window.
    pub lotteries_drawn: u64,
    /// Waiting certificates funded by running periods with free places (R06; a period's start).
    pub periods_funded: u64,
    /// The API's idempotency keys older than a day (`idempotency::KEEP`).
    pub idempotency_keys: u64,
    /// Personal data past its retention: deleted or anonymized (`retention`).
    pub retention: crate::retention::Removed,
    /// Contracts ending within two weeks whose families were told now.
    pub contracts_ending: u64,
    /// E-mails sent or given up a month ago, and notifications a year old, forgotten.
    pub mail_forgotten: u64,
}

pub async fn run_once(app: &App) -> Result<Tidied, StoreError> {
    let now = app.clock.now();
    let mut tx = app.store.begin().await?;
    let sessions = session::purge_expired(&mut tx, &instant(now), &instant(now - SESSION_IDLE)).await?;
    let pending_logins =
        identity::purge_pending(&mut tx, &instant(now - SignedDuration::from_hours(1))).await?;
    let catalog_changes =
        catalog::forget_changes(&mut tx, &instant(now - SignedDuration::from_hours(24 * 7))).await?;
    tx.commit().await?;
    let closed_at_18 = crate::certificate::close_grown_up(app).await?;
    let (programs_expired, programs_reminded) = crate::program::expire_and_remind(app).await?;
    let lotteries_drawn = crate::lottery::draw_due(app).await?;
    let offers_lapsed = crate::enrollment::lapse_offers(app).await?;
    let periods_funded = crate::period::fund_waiting(app).await?;
    let idempotency_keys = crate::idempotency::purge(app).await?;
    let retention = crate::retention::apply(app).await?;
    let contracts_ending = crate::notification::announce_contracts_ending(app).await?;
    let mail_forgotten = crate::mail::forget_old(app).await?;
    Ok(Tidied {
        contracts_ending,
        mail_forgotten,
        retention,
        idempotency_keys,
        periods_funded,
        offers_lapsed,
        lotteries_drawn,
        sessions,
        pending_logins,
        closed_at_18,
        programs_expired,
        programs_reminded,
        catalog_changes,
    })
}
