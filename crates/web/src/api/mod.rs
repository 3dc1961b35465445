//! The JSON API under `/api/v1`. Bearer tokens only (never cookies, so no CSRF); errors are
//! `{"error": {"code": "...", "message": "..."}}` with a stable code and a Russian message.

mod applications;
mod auth;
mod certificates;
mod error;
mod idempotency;
mod notifications;
pub mod openapi;
mod personal_data;

use crate::routes::Routes;

pub fn routes() -> Routes {
    let v1 = Routes::new()
        .post("/auth/token", auth::token)
        .get("/me", auth::me)
        .get("/me/children", certificates::my_children)
        .get("/me/personal-data", personal_data::download)
        .get("/me/notifications", notifications::settings)
        .put("/me/notifications", notifications::set_settings)
        .get("/me/notifications/inbox", notifications::inbox)
        .post("/certificates", certificates::claim)
        .get("/certificates/{number}", certificates::get)
        .get("/certificates/{number}/check", certificates::check)
        .post("/applications", applications::apply)
        .get("/applications", applications::list)
        .post("/applications/{id}/withdraw", applications::withdraw)
        .get("/openapi.json", openapi::document)
        .map_router(|r| r.fallback(error::not_found));
    Routes::new().nest("/api/v1", v1)
}
