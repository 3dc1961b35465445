//! Use cases of dopcert. Pages and the API call these functions and nothing below them, so
//! the two cannot disagree; each use case runs in one transaction and returns its own error type.

pub mod audit;
pub mod auth;
pub mod billing;
pub mod cabinet;
pub mod catalog;
pub mod certificate;
pub mod clock;
pub mod consultation;
pub mod dashboard;
pub mod demo;
pub mod disability;
pub mod duplicates;
pub mod enrollment;
pub mod esia;
pub mod form;
pub mod health;
pub mod housekeeping;
pub mod idempotency;
pub mod identify;
pub mod import;
pub mod integration;
pub mod logins;
pub mod lottery;
pub mod mail;
pub mod municipality;
pub mod notification;
pub mod organization;
pub mod password;
pub mod period;
pub mod personal_data;
pub mod program;
pub mod provider;
pub mod queues;
pub mod region;
pub mod registration;
pub mod reports;
pub mod retention;
pub mod rules;

use dopcert_store::Store;

pub use clock::Clock;

/// Everything a use case needs: the store, the clock, and the identity provider when one is
/// configured.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub clock: Clock,
    pub esia: Option<std::sync::Arc<esia::Esia>>,
    /// This server's search index of the catalog.
    pub catalog: std::sync::Arc<catalog::CatalogIndex>,
    /// This server's copy of what every page's footer shows.
    pub overview: std::sync::Arc<region::OverviewCache>,
    /// This server's copy of the back office's dashboard figures.
    pub dashboard: std::sync::Arc<dashboard::Cache>,
}

impl App {
    pub fn new(store: Store, clock: Clock) -> Self {
        App {
            store,
            clock,
            esia: None,
            catalog: catalog::CatalogIndex::new(),
            overview: Default::default(),
            dashboard: Default::default(),
        }
    }

    /// With «Войти через Госуслуги» through this provider.
    pub fn with_esia(mut self, config: esia::EsiaConfig) -> Self {
        self.esia = Some(std::sync::Arc::new(esia::Esia::new(config)));
        self
    }
}
