//! Notifications in the API: the caller's choices (`GET`/`PUT /api/v1/me/notifications`) and
//! their notifications (`GET /api/v1/me/notifications/inbox`). Reading the inbox here marks
//! nothing read: the cabinet's page does that.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dopcert_app::notification::{self, SettingsError, SettingsInput};
use dopcert_domain::notification::Kind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::error::{ApiError, ApiJson};
use crate::WebState;

/// Which kinds of notification also come by e-mail (in the cabinet every kind is shown).
#[derive(Deserialize, Serialize, ToSchema, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct EmailKinds {
    /// A certificate was issued for a child.
    certificate_issued: bool,
    /// An organization accepted an application.
    application_accepted: bool,
    /// An organization rejected an application (with its reason).
    application_rejected: bool,
    /// A seat was offered from a waitlist, with its deadline.
    waitlist_offer: bool,
    /// A contract ends within two weeks.
    contract_ending: bool,
    /// A new one-time password was issued for the caller's login.
    password_reissued: bool,
}

impl EmailKinds {
    fn get(&self, k: Kind) -> bool {
        match k {
            Kind::CertificateIssued => self.certificate_issued,
            Kind::ApplicationAccepted => self.application_accepted,
            Kind::ApplicationRejected => self.application_rejected,
            Kind::WaitlistOffer => self.waitlist_offer,
            Kind::ContractEnding => self.contract_ending,
            Kind::PasswordReissued => self.password_reissued,
        }
    }

    fn of(by_email: &[(Kind, bool)]) -> EmailKinds {
        let on = |k: Kind| by_email.iter().any(|(kind, on)| *kind == k && *on);
        EmailKinds {
            certificate_issued: on(Kind::CertificateIssued),
            application_accepted: on(Kind::ApplicationAccepted),
            application_rejected: on(Kind::ApplicationRejected),
            waitlist_offer: on(Kind::WaitlistOffer),
            contract_ending: on(Kind::ContractEnding),
            password_reissued: on(Kind::PasswordReissued),
        }
    }
}

/// The caller's notification settings.
#[derive(Serialize, ToSchema)]
pub struct NotificationSettings {
    /// Where e-mails go; null: none are sent.
    #[schema(example = "name@example.ru")]
    email: Option<String>,
    email_kinds: EmailKinds,
}

/// New settings: the whole of them.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettingsRequest {
    /// An e-mail address, or null (or empty) for none.
    #[schema(example = "name@example.ru")]
    email: Option<String>,
    email_kinds: EmailKinds,
}

fn answer(s: &notification::Settings) -> NotificationSettings {
    NotificationSettings { email: s.email.clone(), email_kinds: EmailKinds::of(&s.by_email) }
}

/// The caller's notification settings: their e-mail address and the kinds sent by e-mail.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications",
    operation_id = "notification_settings",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = NotificationSettings),
    ))]
pub async fn settings(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<NotificationSettings>, ApiError> {
    let saved = notification::settings(&s.app, &actor).await.map_err(ApiError::internal)?;
    Ok(Json(answer(&saved)))
}

/// Replaces the caller's notification settings; answers them as saved.
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "notifications",
    operation_id = "set_notification_settings",
    security(("bearer" = [])),
    request_body = NotificationSettingsRequest,
    responses(
        (status = 200, description = "The settings as saved", body = NotificationSettings),
        (status = 422, description = "`invalid_email`: the address is not one (name@example.ru); `invalid_request`", body = super::error::ErrorBody),
    ))]
pub async fn set_settings(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(req): ApiJson<NotificationSettingsRequest>,
) -> Result<Json<NotificationSettings>, ApiError> {
    let input = SettingsInput {
        email: req.email.unwrap_or_default(),
        by_email: Kind::ALL.into_iter().filter(|k| req.email_kinds.get(*k)).collect(),
    };
    match notification::save_settings(&s.app, &actor, &input).await {
        Ok(saved) => Ok(Json(answer(&saved))),
        Err(SettingsError::Store(e)) => Err(ApiError::internal(e)),
        Err(e) => Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.code(), e.to_string())),
    }
}

#[derive(Serialize, ToSchema)]
pub struct NotificationJson {
    id: String,
    /// What happened: `certificate_issued`, `application_accepted`, `application_rejected`,
    /// `waitlist_offer`, `contract_ending`, `password_reissued`.
    kind: &'static str,
    /// In Russian.
    subject: String,
    /// In Russian, plain text.
    body: String,
    /// The page of the site it leads to (a path).
    #[schema(example = "/applications")]
    link: String,
    /// UTC, RFC 3339.
    created_at: String,
    /// Seen on the cabinet's page.
    read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Inbox {
    /// How many the caller has not seen.
    unread: i64,
    /// Newest first, the last 100.
    items: Vec<NotificationJson>,
}

/// The caller's notifications, newest first (reading them here marks nothing read).
#[utoipa::path(get, path = "/api/v1/me/notifications/inbox", tag = "notifications",
    operation_id = "notification_inbox",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The notifications", body = Inbox),
    ))]
pub async fn inbox(State(s): State<WebState>, ApiCaller(actor): ApiCaller) -> Result<Json<Inbox>, ApiError> {
    let items = notification::inbox(&s.app, &actor).await.map_err(ApiError::internal)?;
    let unread = notification::unread(&s.app, &actor).await.map_err(ApiError::internal)?;
    let items = items
        .into_iter()
        .map(|i| NotificationJson {
            id: i.id,
            kind: i.kind.code(),
            subject: i.subject,
            body: i.body,
            link: i.link,
            created_at: i.created_at.to_string(),
            read: i.read,
        })
        .collect();
    Ok(Json(Inbox { unread, items }))
}
