//! `GET /api/v1/me/personal-data`: what dopcert holds about the caller and their children
//! (152-ФЗ access), the same document as the file in «Персональные настройки».

use axum::extract::State;
use axum::Json;
use dopcert_app::personal_data::{self, Export, Format};

use super::auth::ApiCaller;
use super::error::ApiError;
use crate::WebState;

/// Everything dopcert holds about the caller and the children they represent: person, account
/// (never password or token hashes), consents, certificates with every movement of money,
/// applications and contracts, consultation messages, the audit records about them. The
/// `readme` field explains the rest in Russian. The download is recorded in the audit log.
#[utoipa::path(get, path = "/api/v1/me/personal-data", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's personal data", body = Object, content_type = "application/json"),
    ))]
pub async fn download(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Export>, ApiError> {
    personal_data::export(&s.app, &actor, Format::Api).await.map(Json).map_err(ApiError::internal)
}
