//! `/healthz`: the process is alive. `/readyz`: the database answers and the schema is current.
//! `/metrics`: Prometheus metrics (see `metrics`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use dopcert_app::health;

use crate::routes::Routes;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/healthz", healthz).get("/readyz", readyz).get("/metrics", crate::metrics::render)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(s): State<WebState>) -> impl IntoResponse {
    let r = health::readiness(&s.app).await;
    let status = if r.ready() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = serde_json::json!({
        "status": if r.ready() { "ready" } else { "not_ready" },
        "database": r.database,
        "migrations_current": r.migrations_current,
        "catalog_index": r.catalog_index,
    });
    (status, Json(body))
}
