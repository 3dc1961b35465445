//! The JSON API under `/api/v1`. Bearer tokens only (never cookies, so no CSRF); errors are
//! `{"error": {"code": "...", "message": "..."}}` with a stable code and a Russian message.

mod auth;
mod error;

use crate::routes::Routes;

pub fn routes() -> Routes {
    let v1 = Routes::new()
        .post("/auth/token", auth::token)
        .get("/me", auth::me)
        .map_router(|r| r.fallback(error::not_found));
    Routes::new().nest("/api/v1", v1)
}
