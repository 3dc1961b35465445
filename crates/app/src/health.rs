//! Liveness and readiness, for load balancers and orchestrators.

use serde::Serialize;

use crate::App;

#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub database: bool,
    pub migrations_current: bool,
    /// The catalog's search index has been built (about 3 s per 100,000 programs after start).
    pub catalog_index: bool,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.database && self.migrations_current && self.catalog_index
    }
}

/// Ready when the database answers, every migration this binary knows is applied and the
/// catalog's index is built.
pub async fn readiness(app: &App) -> Readiness {
    let database = app.store.ping().await.is_ok();
    let migrations_current = database && app.store.migrations_current().await.unwrap_or(false);
    Readiness { database, migrations_current, catalog_index: app.catalog.is_ready() }
}
