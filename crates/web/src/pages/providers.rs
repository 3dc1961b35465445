//! The registry of providers: the public application, the support centre's registry and its
//! decisions, the admin's own details, and staff joining by invitation and approval.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::form::FieldError;
use dopcert_app::provider::{self, AdminLogin, JoinError, ProviderError, ProviderInput};
use dopcert_app::{cabinet, App};
use dopcert_domain::organization::{OrganizationKind, ProviderAction, ProviderStatus};
use serde::Deserialize;

use super::{message, render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser, MaybeUser};
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/providers/apply", apply_form)
        .post("/providers/apply", apply)
        .get("/moc/providers", registry)
        .get("/moc/providers/{id}", provider_page)
        .post("/moc/providers/{id}/decide", decide)
        .get("/org/profile", profile_form)
        .post("/org/profile", profile)
        .get("/org/staff", staff)
        .post("/org/staff/invitations", invite)
        .post("/org/staff/requests/{id}", decide_request)
        .post("/org/staff/{account}/revoke", revoke)
        .get("/settings/join", join_form)
        .post("/settings/join", join)
}

/// The registry's form, read from the submitted pairs.
fn provider_input(f: &Pairs) -> ProviderInput {
    let get = |name: &str| f.get(name).to_string();
    ProviderInput {
        kind: get("kind"),
        full_name: get("full_name"),
        short_name: get("short_name"),
        inn: get("inn"),
        ogrn: get("ogrn"),
        licence: get("licence"),
        address: get("address"),
        municipality_id: get("municipality_id"),
        phone: get("phone"),
        email: get("email"),
        bank_name: get("bank_name"),
        bik: get("bik"),
        settlement_account: get("settlement_account"),
        head_name: get("head_name"),
    }
}
async fn refused(s: &WebState, actor: Option<&Actor>, e: ProviderError) -> Response {
    let (status, heading) = match e {
        ProviderError::Store(e) => return server_error(s, e.to_string()).await,
        ProviderError::NotFound => (StatusCode::NOT_FOUND, t("provider-not-found")),
        ProviderError::Forbidden => (StatusCode::FORBIDDEN, t("operator-forbidden")),
        _ => (StatusCode::CONFLICT, t("operator-not-done")),
    };
    message(s, actor, status, &heading, &crate::refusal::explain(&e)).await
}

/// An organization's type in the page's language (the domain names it in Russian).
fn kind_title(k: OrganizationKind) -> String {
    match k {
        OrganizationKind::School => t("provider-kind-school"),
        OrganizationKind::Kindergarten => t("provider-kind-kindergarten"),
        OrganizationKind::CreativityCenter => t("provider-kind-creativity-center"),
        OrganizationKind::SportSchool => t("provider-kind-sport-school"),
        OrganizationKind::PrivateOrganization => t("provider-kind-private-organization"),
        OrganizationKind::SoleEntrepreneur => t("provider-kind-sole-entrepreneur"),
    }
}

/// A provider's place in the registry in the page's language.
fn status_title(st: ProviderStatus) -> String {
    crate::words::provider_status(crate::text::lang(), st)
}

// ---- the application and the admin's details ----

#[derive(Template)]
#[template(path = "provider_form.html")]
struct FormPage {
    layout: Layout,
    csrf: String,
    /// The application (all fields) or the admin's details (licence, contacts, bank).
    application: bool,
    f: ProviderInput,
    errors: Vec<FieldError>,
    alert: Option<String>,
    done: Option<String>,
    kinds: Vec<(&'static str, String)>,
    municipalities: Vec<(String, String)>,
    name: String,
    status: String,
}

impl FormPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

async fn municipalities(app: &App) -> Result<Vec<(String, String)>, dopcert_store::StoreError> {
    Ok(cabinet::municipalities(app).await?.into_iter().map(|(id, n)| (id.to_string(), n)).collect())
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    s: &WebState,
    actor: Option<&Actor>,
    csrf: String,
    application: bool,
    f: ProviderInput,
    failure: Option<ProviderError>,
    done: Option<String>,
    (name, status): (String, String),
) -> Response {
    let ms = match municipalities(&s.app).await {
        Ok(m) => m,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let (errors, alert) = match failure {
        Some(ProviderError::Invalid(errors)) => (errors, None),
        Some(e) => (Vec::new(), Some(crate::refusal::explain(&e))),
        None => (Vec::new(), None),
    };
    let code =
        if errors.is_empty() && alert.is_none() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if application { t("provider-form-application-title") } else { t("provider-form-details") };
    let layout = Layout::new(s, title, actor).await;
    let kinds = OrganizationKind::ALL.iter().map(|k| (k.code(), kind_title(*k))).collect();
    render(
        code,
        &FormPage {
            layout,
            csrf,
            application,
            f,
            errors,
            alert,
            done,
            kinds,
            municipalities: ms,
            name,
            status,
        },
    )
}

async fn apply_form(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    let f = ProviderInput { kind: "private_organization".into(), ..ProviderInput::default() };
    form_page(&s, actor.as_ref(), csrf, true, f, None, None, Default::default()).await
}

async fn apply(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = provider_input(&Pairs(f));
    match provider::apply(&s.app, &f).await {
        Ok(_) => {
            let done = text::with("provider-form-applied", &[("name", f.short_name.trim())]);
            form_page(
                &s,
                actor.as_ref(),
                csrf,
                true,
                ProviderInput::default(),
                None,
                Some(done),
                Default::default(),
            )
            .await
        }
        Err(ProviderError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => form_page(&s, actor.as_ref(), csrf, true, f, Some(e), None, Default::default()).await,
    }
}

fn details_of(o: &dopcert_store::organization::Organization) -> ProviderInput {
    ProviderInput {
        licence: o.licence.clone().unwrap_or_default(),
        phone: o.phone.clone().unwrap_or_default(),
        email: o.email.clone().unwrap_or_default(),
        bank_name: o.bank_name.clone().unwrap_or_default(),
        bik: o.bik.clone().unwrap_or_default(),
        settlement_account: o.settlement_account.clone().unwrap_or_default(),
        ..ProviderInput::default()
    }
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn profile_form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<Saved>,
) -> Response {
    match provider::own(&s.app, &actor).await {
        Ok(o) => {
            let done = q.saved.map(|_| t("provider-form-saved"));
            let named = (o.full_name.clone(), status_title(o.provider_status));
            form_page(&s, Some(&actor), csrf, false, details_of(&o), None, done, named).await
        }
        Err(e) => refused(&s, Some(&actor), e).await,
    }
}

async fn profile(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = provider_input(&Pairs(f));
    match provider::update_details(&s.app, &actor, &f).await {
        Ok(()) => Redirect::to("/org/profile?saved=1").into_response(),
        Err(e @ (ProviderError::Store(_) | ProviderError::Forbidden)) => refused(&s, Some(&actor), e).await,
        Err(e) => {
            let named = match provider::own(&s.app, &actor).await {
                Ok(o) => (o.full_name, status_title(o.provider_status)),
                Err(e) => return refused(&s, Some(&actor), e).await,
            };
            form_page(&s, Some(&actor), csrf, false, f, Some(e), None, named).await
        }
    }
}

// ---- the support centre's registry ----

struct Line {
    id: String,
    name: String,
    kind: String,
    inn: String,
    municipality: String,
}

#[derive(Template)]
#[template(path = "providers.html")]
struct RegistryPage {
    layout: Layout,
    tabs: Vec<(&'static str, String, bool)>,
    lines: Vec<Line>,
}

#[derive(Deserialize)]
struct StatusQuery {
    status: Option<String>,
}

async fn registry(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Query(q): Query<StatusQuery>,
) -> Response {
    let status = q.status.as_deref().and_then(ProviderStatus::parse).unwrap_or(ProviderStatus::Applied);
    match provider::registry(&s.app, &actor, status).await {
        Ok(entries) => {
            let lines = entries
                .into_iter()
                .map(|e| Line {
                    kind: OrganizationKind::parse(&e.kind).map(kind_title).unwrap_or_default(),
                    id: e.id,
                    name: e.short_name,
                    inn: e.inn,
                    municipality: e.municipality_name,
                })
                .collect();
            let tabs =
                ProviderStatus::ALL.iter().map(|st| (st.code(), status_title(*st), *st == status)).collect();
            let layout = Layout::new(&s, t("moc-providers"), Some(&actor)).await;
            render(StatusCode::OK, &RegistryPage { layout, tabs, lines })
        }
        Err(e) => refused(&s, Some(&actor), e).await,
    }
}

#[derive(Template)]
#[template(path = "provider.html")]
struct ProviderPage {
    layout: Layout,
    csrf: String,
    v: provider::ProviderView,
    kind: String,
    status: String,
    history: Vec<(String, String, String, String)>,
    actions: Vec<(&'static str, String)>,
    login: Option<AdminLogin>,
    alert: Option<String>,
    notice: Option<String>,
}

fn event_title(action: &str) -> String {
    match action {
        "applied" => t("provider-event-applied"),
        "verified" => t("provider-event-verified"),
        "activated" => t("provider-event-activated"),
        "suspended" => t("provider-event-suspended"),
        "resumed" => t("provider-event-resumed"),
        "details" => t("provider-event-details"),
        _ => t("provider-event-other"),
    }
}

fn actions_for(status: ProviderStatus) -> Vec<(&'static str, String)> {
    match status {
        ProviderStatus::Applied => vec![("verify", t("provider-action-verify"))],
        ProviderStatus::Verified => vec![("activate", t("provider-action-activate"))],
        ProviderStatus::Active => vec![("suspend", t("provider-action-suspend"))],
        ProviderStatus::Suspended => vec![("resume", t("provider-action-resume"))],
    }
}

async fn show_provider(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    login: Option<AdminLogin>,
    alert: Option<String>,
    notice: Option<String>,
) -> Response {
    match provider::view(&s.app, actor, id).await {
        Ok(v) => {
            let history = v
                .events
                .iter()
                .map(|(a, r, who, at)| {
                    (
                        event_title(a),
                        r.clone().unwrap_or_default(),
                        who.clone().unwrap_or_else(|| t("provider-applicant")),
                        at.parse().map(instant).unwrap_or_default(),
                    )
                })
                .collect();
            let status = v.organization.provider_status;
            let layout = Layout::new(s, v.organization.short_name.clone(), Some(actor)).await;
            let code = if alert.is_some() { StatusCode::CONFLICT } else { StatusCode::OK };
            let page = ProviderPage {
                layout,
                csrf,
                kind: kind_title(v.organization.kind),
                status: status_title(status),
                actions: if v.may_decide { actions_for(status) } else { Vec::new() },
                v,
                history,
                login,
                alert,
                notice,
            };
            render(code, &page)
        }
        Err(e) => refused(s, Some(actor), e).await,
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn provider_page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    let notice = q.done.map(|_| t("provider-decided"));
    show_provider(&s, &actor, csrf, &id, None, None, notice).await
}

async fn decide(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = provider::authorize_operator(&actor) {
        return refused(&s, Some(&actor), e).await;
    }
    let f = Pairs(f);
    if f.get("action") == "reissue" {
        return match provider::reissue_admin_login(&s.app, &actor, &id).await {
            Ok(login) => show_provider(&s, &actor, csrf, &id, Some(login), None, None).await,
            Err(e @ (ProviderError::Store(_) | ProviderError::Forbidden | ProviderError::NotFound)) => {
                refused(&s, Some(&actor), e).await
            }
            Err(e) => {
                show_provider(&s, &actor, csrf, &id, None, Some(crate::refusal::explain(&e)), None).await
            }
        };
    }
    let action = match f.get("action") {
        "verify" => ProviderAction::Verify,
        "activate" => ProviderAction::Activate,
        "suspend" => ProviderAction::Suspend,
        "resume" => ProviderAction::Resume,
        _ => return refused(&s, Some(&actor), ProviderError::NotFound).await,
    };
    match provider::decide(&s.app, &actor, &id, action, f.get("reason")).await {
        // The login is shown once, on this answer; other decisions redirect (a reload resends nothing).
        Ok(Some(login)) => show_provider(&s, &actor, csrf, &id, Some(login), None, None).await,
        Ok(None) => Redirect::to(&format!("/moc/providers/{id}?done=1")).into_response(),
        Err(e @ (ProviderError::Store(_) | ProviderError::Forbidden | ProviderError::NotFound)) => {
            refused(&s, Some(&actor), e).await
        }
        Err(e) => show_provider(&s, &actor, csrf, &id, None, Some(crate::refusal::explain(&e)), None).await,
    }
}

// ---- staff ----

#[derive(Template)]
#[template(path = "staff.html")]
struct StaffPage {
    layout: Layout,
    csrf: String,
    staff: provider::Staff,
    code: Option<(String, String)>,
    error: Option<String>,
}

impl StaffPage {
    fn moscow(&self, at: &str) -> String {
        at.parse().map(instant).unwrap_or_default()
    }
}

async fn show_staff(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    code: Option<(String, String)>,
    error: Option<String>,
) -> Response {
    match provider::staff(&s.app, actor).await {
        Ok(staff) => {
            let layout = Layout::new(s, t("staff-title"), Some(actor)).await;
            let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
            render(status, &StaffPage { layout, csrf, staff, code, error })
        }
        Err(e) => refused(s, Some(actor), e).await,
    }
}

async fn staff(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    show_staff(&s, &actor, csrf, None, None).await
}

async fn invite(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let name = Pairs(f).get("name").to_string();
    match provider::invite(&s.app, &actor, &name).await {
        Ok(code) => show_staff(&s, &actor, csrf, Some((name.trim().to_string(), code)), None).await,
        Err(ProviderError::Invalid(e)) => {
            let message = e.first().map(|e| crate::refusal::explain(&e.problem)).unwrap_or_default();
            show_staff(&s, &actor, csrf, None, Some(message)).await
        }
        Err(e) => refused(&s, Some(&actor), e).await,
    }
}

async fn decide_request(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let approve = Pairs(f).get("decision") == "approve";
    match provider::decide_request(&s.app, &actor, &id, approve).await {
        Ok(()) => Redirect::to("/org/staff").into_response(),
        Err(e) => refused(&s, Some(&actor), e).await,
    }
}

async fn revoke(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(account): Path<String>,
) -> Response {
    match provider::revoke(&s.app, &actor, &account).await {
        Ok(()) => Redirect::to("/org/staff").into_response(),
        Err(e) => refused(&s, Some(&actor), e).await,
    }
}

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    layout: Layout,
    csrf: String,
    code: String,
    error: Option<String>,
    done: Option<String>,
}

async fn join_form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    let layout = Layout::new(&s, t("staff-join-title"), Some(&actor)).await;
    render(StatusCode::OK, &JoinPage { layout, csrf, code: String::new(), error: None, done: None })
}

async fn join(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let code = Pairs(f).get("code").to_string();
    let layout = Layout::new(&s, t("staff-join-title"), Some(&actor)).await;
    match provider::join(&s.app, &actor, &code).await {
        Ok(name) => {
            let done = text::with("staff-join-sent", &[("name", &name)]);
            render(
                StatusCode::OK,
                &JoinPage { layout, csrf, code: String::new(), error: None, done: Some(done) },
            )
        }
        Err(JoinError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let page = JoinPage { layout, csrf, code, error: Some(crate::refusal::explain(&e)), done: None };
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
