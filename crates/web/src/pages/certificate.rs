//! The certificate's pages: the claim with its consent (variants 1 and 3), the certificate page
//! with its money and history, its PDF statement, and the operator's status actions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::cabinet::{self, ChildView};
use dopcert_app::certificate::{self, Action, ClaimError, ClaimInput, Detail, ManageError, ViewError};
use dopcert_domain::consent;
use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::role::Role;
use dopcert_store::certificate::EventKind;
use dopcert_store::ledger::Reason;
use serde::Deserialize;

use super::settings::status_title;
use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::refusal::explain;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/settings/certificate/{child}", claim_page)
        .post("/settings/certificate/{child}", claim_submit)
        .get("/certificates/{number}", page)
        .get("/certificates/{number}/statement.pdf", statement)
        .post("/certificates/{number}/status", change_status)
        .post("/certificates/{number}/disability", set_disability)
        .get("/certificates/{number}/consents/{id}/scan", consent_scan)
}

// ---------------------------------------------------------------------------------------------
// The claim

#[derive(Template)]
#[template(path = "claim.html")]
struct ClaimPage {
    layout: Layout,
    csrf: String,
    child_id: String,
    child_name: String,
    born: String,
    consent_paragraphs: Vec<&'static str>,
    consent_version: &'static str,
    for_self: bool,
    municipalities: Vec<(String, String)>,
    error: Option<String>,
}

async fn claim_view(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    child: &ChildView,
    error: Option<String>,
) -> Response {
    let municipalities = if child.needs_municipality {
        match cabinet::municipalities(&s.app).await {
            Ok(list) => list.into_iter().map(|(id, name)| (id.to_string(), name)).collect(),
            Err(e) => return server_error(s, e.to_string()).await,
        }
    } else {
        Vec::new()
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ClaimPage {
        layout: Layout::new(s, t("settings-claim"), Some(actor)).await,
        csrf,
        child_id: child.id.to_string(),
        child_name: child.name.to_string(),
        born: child.birth_date.map(|d| text::lang().date_long(d)).unwrap_or_default(),
        consent_paragraphs: consent::current_text().split("\n\n").collect(),
        consent_version: consent::CURRENT_VERSION,
        for_self: child.id == actor.person_id,
        municipalities,
        error,
    };
    render(status, &page)
}

/// «Получить сертификат» pressed: the consent, in full, for this child.
async fn claim_page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(child): Path<String>,
) -> Response {
    if !matches!(actor.role().role, Role::Parent | Role::Child) {
        return refused(&s, &actor, StatusCode::FORBIDDEN, &explain(&ClaimError::NotGuardian)).await;
    }
    match cabinet::child(&s.app, &actor, &PersonId::from_string(child)).await {
        Ok(Some(c)) => match &c.certificate {
            // Already has one (another guardian, another tab): show it.
            Some(cert) => Redirect::to(&format!("/certificates/{}", cert.number)).into_response(),
            None => claim_view(&s, &actor, csrf, &c, None).await,
        },
        Ok(None) => not_yours(&s, &actor).await,
        Err(e) => server_error(&s, e.to_string()).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ClaimForm {
    consent: Option<String>,
    municipality: String,
}

async fn claim_submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(child): Path<String>,
    Form(f): Form<ClaimForm>,
) -> Response {
    if let Err(wait) = s.limits.claim(actor.account_id.as_str()) {
        return super::too_many(&s, Some(&actor), wait, &t("certificate-too-many-claims")).await;
    }
    let child_id = PersonId::from_string(child);
    let input = ClaimInput {
        child_id: child_id.clone(),
        consent: f.consent.is_some(),
        municipality_id: Some(f.municipality).filter(|m| !m.is_empty()).map(MunicipalityId::from_string),
    };
    match certificate::claim(&s.app, &actor, &input).await {
        // Post/redirect/get: a reload of the result does not claim again (and would find the
        // same certificate anyway, R01).
        Ok(c) => Redirect::to(&format!("/certificates/{}?issued=1", c.summary().number)).into_response(),
        Err(ClaimError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(ClaimError::NotFound) => not_yours(&s, &actor).await,
        Err(e @ ClaimError::NotGuardian) => refused(&s, &actor, StatusCode::FORBIDDEN, &explain(&e)).await,
        Err(e) => match cabinet::child(&s.app, &actor, &child_id).await {
            Ok(Some(c)) => claim_view(&s, &actor, csrf, &c, Some(explain(&e))).await,
            Ok(None) => refused(&s, &actor, StatusCode::FORBIDDEN, &explain(&e)).await,
            Err(e) => server_error(&s, e.to_string()).await,
        },
    }
}

async fn not_yours(s: &WebState, actor: &Actor) -> Response {
    refused(s, actor, StatusCode::NOT_FOUND, &t("certificate-not-your-child")).await
}

async fn refused(s: &WebState, actor: &Actor, status: StatusCode, text: &str) -> Response {
    let page = Message {
        layout: Layout::new(s, t("certificate-refused-title"), Some(actor)).await,
        heading: t("certificate-refused"),
        text: text.to_string(),
    };
    render(status, &page)
}

// ---------------------------------------------------------------------------------------------
// The certificate page

struct MovementRow {
    at: String,
    what: String,
    available: String,
    held: String,
}

struct EventRow {
    at: String,
    what: String,
    reason: String,
    by: String,
}

struct ConsentRow {
    id: String,
    at: String,
    channel: String,
    version: String,
    scan: bool,
}

#[derive(Template)]
#[template(path = "certificate.html")]
struct CertificatePage {
    layout: Layout,
    csrf: String,
    issued_now: bool,
    /// Just changed by the operator (after the redirect).
    changed: bool,
    /// The last day of the current period, «31 декабря 2026».
    period_end: Option<String>,
    number: String,
    status: String,
    active: bool,
    suspended: bool,
    status_reason: Option<String>,
    funded: bool,
    nominal: Option<String>,
    period: Option<String>,
    available: String,
    held: String,
    spent: String,
    child: String,
    born: String,
    municipality: String,
    issued: String,
    movements: Vec<MovementRow>,
    events: Vec<EventRow>,
    consents: Vec<ConsentRow>,
    may_manage: bool,
    /// The basis of the child's disability (ОВЗ), for those who may manage.
    disability: Option<String>,
    /// Just recorded or removed, with what it did to the money.
    disability_saved: Option<String>,
    error: Option<String>,
}

/// A movement's name, in Russian: the PDF statement's words (the page uses [`reason_label`]).
pub(crate) fn reason_title(r: Reason) -> &'static str {
    match r {
        Reason::Nominal => "Зачислен номинал",
        Reason::Return => "Номинал возвращён в бюджет",
        Reason::Expiry => "Остаток сгорел в конце периода",
        Reason::Hold => "Зарезервировано по договору",
        Reason::Release => "Резерв снят",
        Reason::Charge => "Оплата занятий",
    }
}

/// An event's name, in Russian: the PDF statement's words (the page uses [`event_label`]).
pub(crate) fn event_title(k: EventKind) -> &'static str {
    match k {
        EventKind::Issued => "Выдан",
        EventKind::Funded => "Получил номинал",
        EventKind::Suspended => "Приостановлен",
        EventKind::Resumed => "Возобновлён",
        EventKind::Closed => "Закрыт",
    }
}

/// A movement's name in the page's language.
fn reason_label(r: Reason) -> String {
    match r {
        Reason::Nominal => t("cabinet-reason-nominal"),
        Reason::Return => t("cabinet-reason-return"),
        Reason::Expiry => t("cabinet-reason-expiry"),
        Reason::Hold => t("cabinet-reason-hold"),
        Reason::Release => t("cabinet-reason-release"),
        Reason::Charge => t("cabinet-reason-charge"),
    }
}

/// An event's name in the page's language.
fn event_label(k: EventKind) -> String {
    match k {
        EventKind::Issued => t("cabinet-event-issued"),
        EventKind::Funded => t("cabinet-event-funded"),
        EventKind::Suspended => t("cabinet-event-suspended"),
        EventKind::Resumed => t("cabinet-event-resumed"),
        EventKind::Closed => t("cabinet-event-closed"),
    }
}

/// How a certificate was issued, in the page's language.
fn channel_label(c: dopcert_domain::certificate::Channel) -> String {
    use dopcert_domain::certificate::Channel;
    match c {
        Channel::Cabinet => t("cabinet-channel-cabinet"),
        Channel::Esia => t("cabinet-channel-esia"),
        Channel::Organization => t("cabinet-channel-organization"),
    }
}

/// How a consent was given, in the page's language.
fn consent_channel_label(c: consent::ConsentChannel) -> String {
    use consent::ConsentChannel;
    match c {
        ConsentChannel::Cabinet => t("cabinet-channel-cabinet"),
        ConsentChannel::Esia => t("cabinet-channel-esia"),
        ConsentChannel::Paper => t("cabinet-channel-paper"),
    }
}

fn signed(k: dopcert_domain::money::Kopecks) -> String {
    match k.get() {
        0 => "—".into(),
        v if v > 0 => format!("+{k}"),
        _ => k.to_string(),
    }
}

fn certificate_page(
    d: Detail,
    layout: Layout,
    csrf: String,
    issued_now: bool,
    error: Option<String>,
) -> CertificatePage {
    let s = &d.summary;
    let lang = text::lang();
    let issued = {
        let mut text = format!("{}, {}", instant(s.issued_at), channel_label(d.channel));
        if let Some(org) = &d.issued_by_organization {
            text.push_str(&format!(" ({org})"));
        }
        text
    };
    CertificatePage {
        layout,
        csrf,
        issued_now,
        changed: false,
        period_end: d.period.as_ref().map(|p| lang.date_long(p.ends_on)),
        number: s.number.to_string(),
        status: status_title(s.status),
        active: s.status == dopcert_domain::certificate::Status::Active,
        suspended: s.status == dopcert_domain::certificate::Status::Suspended,
        status_reason: s.status_reason.clone(),
        funded: s.funded,
        nominal: d.nominal.map(|n| n.to_string()),
        disability: d.disability.clone(),
        disability_saved: None,
        period: d.period.as_ref().map(|p| {
            let (year, from, to) =
                (p.year.to_string(), lang.date_long(p.starts_on), lang.date_long(p.ends_on));
            text::with("certificate-period-value", &[("year", &year), ("from", &from), ("to", &to)])
        }),
        available: s.balance.available.to_string(),
        held: s.balance.held.to_string(),
        spent: s.balance.spent.to_string(),
        child: d.child_name.to_string(),
        born: d.child_birth.map(|b| lang.date_long(b)).unwrap_or_default(),
        municipality: d.municipality.clone(),
        issued,
        movements: d
            .movements
            .iter()
            .map(|m| MovementRow {
                at: instant(m.at),
                what: match &m.note {
                    Some(n) => format!("{}: {n}", reason_label(m.reason)),
                    None => reason_label(m.reason),
                },
                available: signed(m.available),
                held: signed(m.held),
            })
            .collect(),
        events: d
            .events
            .iter()
            .map(|e| EventRow {
                at: instant(e.at),
                what: event_label(e.kind),
                reason: e.reason.clone().unwrap_or_default(),
                by: e.by.clone().unwrap_or_else(|| t("certificate-by-system")),
            })
            .collect(),
        consents: d
            .consents
            .iter()
            .map(|c| ConsentRow {
                id: c.id.clone(),
                at: instant(c.at),
                channel: consent_channel_label(c.channel),
                version: c.text_version.clone(),
                scan: c.has_scan,
            })
            .collect(),
        may_manage: d.may_manage,
        error,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    issued: Option<String>,
    changed: Option<String>,
    /// After recording a disability: the top-up credited, in kopecks.
    disability: Option<i64>,
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(number): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    show(
        &s,
        &actor,
        csrf,
        &number,
        Banner { issued: q.issued.is_some(), changed: q.changed.is_some(), disability: q.disability },
        None,
        StatusCode::OK,
    )
    .await
}

/// What the page announces at its top after a redirect.
#[derive(Default, Clone, Copy)]
struct Banner {
    issued: bool,
    changed: bool,
    disability: Option<i64>,
}

async fn show(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    number: &str,
    banner: Banner,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    match certificate::detail(&s.app, actor, number).await {
        Ok(d) => {
            let title = text::with("certificate-title", &[("number", &d.summary.number.to_string())]);
            let layout = Layout::new(s, title, Some(actor)).await;
            let mut page = certificate_page(d, layout, csrf, banner.issued, error);
            page.changed = banner.changed;
            page.disability_saved = banner.disability.map(|k| match k {
                0 => t("certificate-disability-saved"),
                k => {
                    let amount = dopcert_domain::money::Kopecks::new(k).to_string();
                    text::with("certificate-disability-topped-up", &[("amount", &amount)])
                }
            });
            render(status, &page)
        }
        Err(e) => view_error(s, actor, e).await,
    }
}

async fn view_error(s: &WebState, actor: &Actor, e: ViewError) -> Response {
    let status = match &e {
        ViewError::InvalidNumber(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ViewError::NotFound => StatusCode::NOT_FOUND,
        ViewError::Store(e) => return server_error(s, e.to_string()).await,
    };
    refused(s, actor, status, &explain(&e)).await
}

/// «Выписка из реестра сертификатов» as a PDF to print.
async fn statement(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(number): Path<String>,
) -> Response {
    let d = match certificate::detail(&s.app, &actor, &number).await {
        Ok(d) => d,
        Err(e) => return view_error(&s, &actor, e).await,
    };
    let region = match dopcert_app::region::overview(&s.app).await {
        Ok(r) => r.map(|r| r.name).unwrap_or_default(),
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let at = s.app.clock.now();
    let digits = d.summary.number.digits().to_string();
    let made = tokio::task::spawn_blocking(move || crate::pdf::statement(&d, &region, at)).await;
    match made {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, format!("inline; filename=\"vypiska-{digits}.pdf\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(e)) => server_error(&s, e.to_string()).await,
        Err(e) => server_error(&s, e.to_string()).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    action: String,
    reason: String,
    /// Closing cannot be undone: the operator ticks that they know it.
    confirm_close: Option<String>,
}

/// The operator suspends, resumes or closes a certificate, with a reason.
async fn change_status(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(number): Path<String>,
    Form(f): Form<StatusForm>,
) -> Response {
    let action = match f.action.as_str() {
        "suspend" => Action::Suspend,
        "resume" => Action::Resume,
        "close" if f.confirm_close.is_none() => {
            let msg = Some(t("certificate-confirm-close-error"));
            return show(&s, &actor, csrf, &number, Banner::default(), msg, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
        "close" => Action::Close,
        _ => {
            let msg = Some(t("certificate-choose-action"));
            return show(&s, &actor, csrf, &number, Banner::default(), msg, StatusCode::UNPROCESSABLE_ENTITY)
                .await;
        }
    };
    match certificate::manage(&s.app, &actor, &number, action, &f.reason).await {
        // The number as parsed, never the raw path (it may carry anything).
        Ok(_) => match dopcert_domain::certificate::CertificateNumber::parse(&number) {
            Ok(n) => Redirect::to(&format!("/certificates/{n}?changed=1")).into_response(),
            Err(_) => Redirect::to("/settings").into_response(),
        },
        Err(ManageError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(ManageError::NotFound) => view_error(&s, &actor, ViewError::NotFound).await,
        Err(e @ ManageError::InvalidNumber(_)) => {
            refused(&s, &actor, StatusCode::UNPROCESSABLE_ENTITY, &explain(&e)).await
        }
        Err(e @ ManageError::Forbidden) => refused(&s, &actor, StatusCode::FORBIDDEN, &explain(&e)).await,
        Err(e) => {
            let msg = Some(explain(&e));
            show(&s, &actor, csrf, &number, Banner::default(), msg, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DisabilityForm {
    /// «yes» to record, anything else to remove.
    disability: String,
    basis: String,
}

/// The operator records (or removes) the child's disability (ОВЗ) with its basis.
async fn set_disability(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(number): Path<String>,
    Form(f): Form<DisabilityForm>,
) -> Response {
    use dopcert_app::disability::{self, DisabilityError};
    let basis = (f.disability == "yes").then_some(f.basis.as_str());
    match disability::set(&s.app, &actor, &number, basis).await {
        Ok(o) => match dopcert_domain::certificate::CertificateNumber::parse(&number) {
            Ok(n) => {
                Redirect::to(&format!("/certificates/{n}?disability={}", o.topped_up.get())).into_response()
            }
            Err(_) => Redirect::to("/settings").into_response(),
        },
        Err(DisabilityError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(DisabilityError::NotFound) => view_error(&s, &actor, ViewError::NotFound).await,
        Err(e @ DisabilityError::InvalidNumber(_)) => {
            refused(&s, &actor, StatusCode::UNPROCESSABLE_ENTITY, &explain(&e)).await
        }
        Err(e @ DisabilityError::Forbidden) => refused(&s, &actor, StatusCode::FORBIDDEN, &explain(&e)).await,
        Err(e @ DisabilityError::BasisRequired) => {
            let msg = Some(explain(&e));
            show(&s, &actor, csrf, &number, Banner::default(), msg, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// The scan of a signed paper consent, shown in the browser.
async fn consent_scan(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path((number, id)): Path<(String, String)>,
) -> Response {
    match certificate::consent_scan(&s.app, &actor, &number, &id).await {
        Ok((_, content_type, bytes)) => {
            let extension = match content_type.as_str() {
                "application/pdf" => "pdf",
                "image/png" => "png",
                _ => "jpg",
            };
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CONTENT_DISPOSITION, format!("inline; filename=\"consent.{extension}\"")),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => view_error(&s, &actor, e).await,
    }
}
