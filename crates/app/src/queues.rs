//! The back office's queues on one page (issue 7): programs awaiting certification, possible
//! duplicate children, applications the providers have not decided for days, invoices to
//! approve, organizations awaiting verification — each scoped as its own page is (a municipal
//! operator's municipality, or the whole region for the regional centre).

use dopcert_domain::organization::ProviderStatus;
use dopcert_domain::program::ProgramStatus;
use dopcert_domain::role::Role;
use dopcert_store::application::{self, Listed};
use dopcert_store::billing::Invoice;
use dopcert_store::program::Summary;
use dopcert_store::provider::Entry;
use dopcert_store::time::instant;
use dopcert_store::{setting, StoreError};

use crate::auth::Actor;
use crate::duplicates::Case;
use crate::App;

/// The setting: after how many days an undecided application counts as stuck.
pub const STUCK_DAYS_SETTING: &str = "queues.stuck_days";
pub const STUCK_DAYS: i64 = 3;

#[derive(Debug, thiserror::Error)]
pub enum QueuesError {
    #[error("очереди ведут муниципальный опорный центр и региональный модельный центр")]
    Forbidden,
    #[error("{0}")]
    Failed(String),
}

impl From<StoreError> for QueuesError {
    fn from(e: StoreError) -> Self {
        QueuesError::Failed(e.to_string())
    }
}

pub struct Queues {
    pub programs: Vec<Summary>,
    pub duplicates: Vec<Case>,
    pub stuck: Vec<Listed>,
    pub stuck_days: i64,
    pub invoices: Vec<Invoice>,
    pub providers: Vec<Entry>,
}

impl Queues {
    pub fn is_empty(&self) -> bool {
        self.programs.is_empty()
            && self.duplicates.is_empty()
            && self.stuck.is_empty()
            && self.invoices.is_empty()
            && self.providers.is_empty()
    }
}

/// The setting's value, or the default when it is unset or out of range.
pub(crate) async fn stuck_days(conn: &mut dopcert_store::AnyConnection) -> Result<i64, StoreError> {
    Ok(setting::get(conn, STUCK_DAYS_SETTING)
        .await?
        .and_then(|v| v.parse().ok())
        .filter(|d: &i64| (1..=60).contains(d))
        .unwrap_or(STUCK_DAYS))
}

/// Everything waiting for the actor's back office.
pub async fn queues(app: &App, actor: &Actor) -> Result<Queues, QueuesError> {
    let g = actor.role();
    let municipality = match (g.role, &g.municipality_id) {
        (Role::MunicipalOperator, Some(m)) => Some(m.to_string()),
        (Role::RegionalAdmin, _) => None,
        _ => return Err(QueuesError::Forbidden),
    };
    let failed = |e: &dyn std::fmt::Display| QueuesError::Failed(e.to_string());
    let programs =
        crate::program::queue(app, actor, ProgramStatus::Submitted).await.map_err(|e| failed(&e))?;
    let providers =
        crate::provider::registry(app, actor, ProviderStatus::Applied).await.map_err(|e| failed(&e))?;
    let duplicates = match crate::duplicates::queue(app, actor).await {
        Ok(cases) => cases,
        Err(crate::duplicates::QueueError::Forbidden) => Vec::new(),
        Err(e) => return Err(failed(&e)),
    };
    let (_, invoices) = crate::billing::overview(app, actor).await.map_err(|e| failed(&e))?;
    let invoices = invoices.into_iter().filter(|i| i.status == "issued").collect();
    let mut conn = app.store.reader().await?;
    let stuck_days = stuck_days(&mut conn).await?;
    let before = instant(app.clock.now() - jiff::SignedDuration::from_hours(24 * stuck_days));
    let stuck = application::stuck(&mut conn, municipality.as_deref(), &before, 200).await?;
    Ok(Queues { programs, duplicates, stuck, stuck_days, invoices, providers })
}
