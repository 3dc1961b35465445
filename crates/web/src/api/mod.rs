//! The JSON API under `/api/v1`. Bearer tokens only (never cookies, so no CSRF); errors are
//! `{"error": {"code": "...", "message": "..."}}` with a stable code and a Russian message.

mod auth;
mod error;

use axum::routing::{get, post};
use axum::Router;

use crate::WebState;

pub fn routes() -> Router<WebState> {
    let v1 = Router::new()
        .route("/auth/token", post(auth::token))
        .route("/me", get(auth::me))
        .fallback(error::not_found);
    Router::new().nest("/api/v1", v1)
}
