//! Liveness and readiness, for load balancers and orchestrators.

use serde::Serialize;

use crate::App;

#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub database: bool,
    pub migrations_current: bool,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.database && self.migrations_current
    }
}

/// Ready when the database answers and every migration this binary knows is applied.
pub async fn readiness(app: &App) -> Readiness {
    let database = app.store.ping().await.is_ok();
    let migrations_current = database && app.store.migrations_current().await.unwrap_or(false);
    Readiness { database, migrations_current }
}
