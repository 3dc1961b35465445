//! «Персональные настройки»: the person's profile, the section «Сертификат дополнительного
//! образования» with their children, the role switch, notifications, the password and the
//! sessions.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::{self, SessionInfo, SetPasswordError};
use dopcert_app::cabinet::{self, ChildView};
use dopcert_app::certificate::Summary;
use dopcert_app::notification;
use dopcert_domain::certificate::Status;
use dopcert_domain::eligibility::Eligibility;
use dopcert_domain::notification::Kind;
use dopcert_domain::role::Role;
use serde::Deserialize;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

struct ChildRow {
    id: String,
    name: String,
    born: String,
    status: String,
    /// «Получить сертификат» is offered.
    can_claim: bool,
    certificate: Option<CertificateRow>,
}

struct CertificateRow {
    number: String,
    status: String,
    money: String,
}

fn certificate_row(c: &Summary) -> CertificateRow {
    let money = if c.funded {
        text::with("settings-money-funded", &[("available", &c.balance.available.to_string())])
    } else {
        t("settings-money-free")
    };
    let status = match c.status {
        Status::Active => String::new(),
        other => text::with("settings-certificate-status", &[("status", &status_title(other))]),
    };
    CertificateRow { number: c.number.to_string(), status, money }
}

/// A certificate's status in the page's language, lower case: «действует».
pub(crate) fn status_title(s: Status) -> String {
    crate::words::certificate_status(crate::text::lang(), s)
}

/// A role's name in the page's language.
pub(crate) fn role_title(r: Role) -> String {
    match r {
        Role::Parent => t("cabinet-role-parent"),
        Role::Child => t("cabinet-role-child"),
        Role::OrganizationStaff => t("cabinet-role-organization-staff"),
        Role::OrganizationAdmin => t("cabinet-role-organization-admin"),
        Role::MunicipalOperator => t("cabinet-role-municipal-operator"),
        Role::RegionalAdmin => t("cabinet-role-regional-admin"),
        Role::Auditor => t("cabinet-role-auditor"),
    }
}

/// The label of a kind of notification (the e-mail checkboxes).
pub(crate) fn kind_title(k: Kind) -> String {
    match k {
        Kind::CertificateIssued => t("settings-kind-certificate-issued"),
        Kind::ApplicationAccepted => t("settings-kind-application-accepted"),
        Kind::ApplicationRejected => t("settings-kind-application-rejected"),
        Kind::WaitlistOffer => t("settings-kind-waitlist-offer"),
        Kind::ContractEnding => t("settings-kind-contract-ending"),
        Kind::PasswordReissued => t("settings-kind-password-reissued"),
    }
}

fn child_row(c: &ChildView, actor_is_child: bool) -> ChildRow {
    let lang = text::lang();
    let born = c.birth_date.map(|d| lang.date_long(d)).unwrap_or_else(|| t("settings-born-unknown"));
    // Under 14 a child's certificate is their parent's business (R04); from 14 they see it.
    let certificate = c.certificate.as_ref().map(certificate_row);
    let (status, eligible) = match c.eligibility {
        _ if c.certificate_hidden => (t("settings-child-hidden"), false),
        _ if c.certificate.is_some() => (String::new(), false),
        _ if c.held => (t("settings-child-held"), false),
        Some(Eligibility::Eligible) if actor_is_child && !c.may_claim_self => {
            (t("settings-child-parent-claims"), false)
        }
        Some(Eligibility::Eligible) => (t("settings-child-eligible"), true),
        Some(Eligibility::TooYoung { from }) => {
            (text::with("settings-child-too-young", &[("date", &lang.date_long(from))]), false)
        }
        Some(Eligibility::TooOld) => (t("settings-child-too-old"), false),
        None => (t("settings-child-no-birth-date"), false),
    };
    ChildRow {
        id: c.id.to_string(),
        name: c.name.to_string(),
        born,
        status,
        can_claim: eligible,
        certificate,
    }
}

struct RoleOption {
    index: usize,
    title: String,
    active: bool,
}

struct SessionRow {
    device: String,
    started: String,
    last_seen: String,
    current: bool,
}

fn session_row(s: &SessionInfo) -> SessionRow {
    let device = if s.user_agent.is_empty() { t("settings-unknown-device") } else { s.user_agent.clone() };
    SessionRow {
        device,
        started: crate::text::instant(s.started),
        last_seen: crate::text::instant(s.last_seen),
        current: s.current,
    }
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    csrf: String,
    full_name: String,
    login: String,
    role_title: String,
    roles: Vec<RoleOption>,
    is_child: bool,
    is_staff: bool,
    is_org_admin: bool,
    children: Vec<ChildRow>,
    sessions: Vec<SessionRow>,
    notice: Option<String>,
    esia_linked: bool,
    esia_available: bool,
    notify: NotifySection,
}

/// «Уведомления»: the address and a checkbox per kind of event for e-mail.
struct NotifySection {
    email: String,
    /// The address's problem, shown beside the field.
    error: Option<String>,
    kinds: Vec<KindBox>,
}

struct KindBox {
    code: &'static str,
    title: String,
    checked: bool,
}

impl NotifySection {
    fn of(settings: &notification::Settings) -> NotifySection {
        NotifySection {
            email: settings.email.clone().unwrap_or_default(),
            error: None,
            kinds: settings
                .by_email
                .iter()
                .map(|(k, on)| KindBox { code: k.code(), title: kind_title(*k), checked: *on })
                .collect(),
        }
    }
}

async fn show(s: &WebState, actor: &auth::Actor, csrf: String, notice: Option<String>) -> Response {
    show_with(s, actor, csrf, notice, None).await
}

/// The page; `notify` is a refused form to show again (422) instead of what is saved.
async fn show_with(
    s: &WebState,
    actor: &auth::Actor,
    csrf: String,
    notice: Option<String>,
    notify: Option<NotifySection>,
) -> Response {
    let (status, notify) = match notify {
        Some(n) => (StatusCode::UNPROCESSABLE_ENTITY, n),
        None => match notification::settings(&s.app, actor).await {
            Ok(saved) => (StatusCode::OK, NotifySection::of(&saved)),
            Err(e) => return server_error(s, e.to_string()).await,
        },
    };
    let children = match cabinet::children(&s.app, actor).await {
        Ok(c) => c,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let sessions = match auth::sessions(&s.app, actor).await {
        Ok(v) => v,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let esia_linked = match auth::has_esia(&s.app, actor).await {
        Ok(v) => v,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let is_child = actor.role().role == Role::Child;
    let roles = actor
        .roles
        .iter()
        .enumerate()
        .map(|(index, g)| RoleOption { index, title: role_title(g.role), active: index == actor.active })
        .collect();
    let page = SettingsPage {
        layout: Layout::new(s, t("settings-heading"), Some(actor)).await,
        csrf,
        full_name: actor.name.to_string(),
        login: actor.login.clone(),
        role_title: role_title(actor.role().role),
        roles,
        is_child,
        is_staff: matches!(actor.role().role, Role::OrganizationStaff | Role::OrganizationAdmin),
        is_org_admin: actor.role().role == Role::OrganizationAdmin,
        children: children.iter().map(|c| child_row(c, is_child)).collect(),
        sessions: sessions.iter().map(session_row).collect(),
        notice,
        esia_linked,
        esia_available: s.app.esia.is_some(),
        notify,
    };
    render(status, &page)
}

/// «Уведомления» saved: the address (checked; its problem beside the field) and the kinds
/// wanted by e-mail (the boxes ticked).
pub async fn notifications_submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let form = super::Pairs(f);
    let by_email: Vec<Kind> = form.all("email_kind").filter_map(Kind::parse).collect();
    let input = notification::SettingsInput { email: form.get("email").to_string(), by_email };
    match notification::save_settings(&s.app, &actor, &input).await {
        Ok(_) => Redirect::to("/settings?saved=notifications#notifications").into_response(),
        Err(notification::SettingsError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let notify = NotifySection {
                email: input.email.clone(),
                error: Some(crate::refusal::explain(&e)),
                kinds: Kind::ALL
                    .iter()
                    .map(|k| KindBox {
                        code: k.code(),
                        title: kind_title(*k),
                        checked: input.by_email.contains(k),
                    })
                    .collect(),
            };
            show_with(&s, &actor, csrf, None, Some(notify)).await
        }
    }
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    layout: Layout,
    csrf: String,
    first_time: bool,
    error: Option<String>,
    min_len: usize,
}

pub async fn password_page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    let layout = Layout::new(&s, t("password-title"), Some(&actor)).await;
    let page = PasswordPage {
        layout,
        csrf,
        first_time: actor.must_set_password,
        error: None,
        min_len: dopcert_domain::password::MIN_LEN,
    };
    render(StatusCode::OK, &page)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current: Option<String>,
    new: String,
    repeat: String,
}

pub async fn password_submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<PasswordForm>,
) -> Response {
    match auth::set_password(&s.app, &actor, f.current.as_deref(), &f.new, &f.repeat).await {
        Ok(()) => Redirect::to("/settings?saved=password").into_response(),
        Err(SetPasswordError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let layout = Layout::new(&s, t("password-title"), Some(&actor)).await;
            let page = PasswordPage {
                layout,
                csrf,
                first_time: actor.must_set_password,
                error: Some(crate::refusal::explain(&e)),
                min_len: dopcert_domain::password::MIN_LEN,
            };
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// «Выйти на всех устройствах»: every session ends, this one too.
pub async fn logout_everywhere(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    match auth::logout_everywhere(&s.app, &actor).await {
        Ok(_) => Redirect::to("/login").into_response(),
        Err(e) => server_error(&s, e.to_string()).await,
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: usize,
}

/// The role switch: one account, several roles (a teacher who is also a parent).
pub async fn switch_role(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Form(f): Form<RoleForm>,
) -> Response {
    match auth::switch_role(&s.app, &actor, f.role).await {
        Ok(true) => Redirect::to("/settings").into_response(),
        Ok(false) => StatusCode::UNPROCESSABLE_ENTITY.into_response(),
        Err(e) => server_error(&s, e.to_string()).await,
    }
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Response {
    let notice = match q.saved.as_deref() {
        Some("password") => Some(t("settings-saved-password")),
        Some("notifications") => Some(t("settings-saved-notifications")),
        _ => None,
    };
    show(&s, &actor, csrf, notice).await
}
