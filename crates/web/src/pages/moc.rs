//! The municipal support centre's first pages (the full back office comes later): its periods
//! with the funded quota, the queue of possible duplicate children (R02), and a lookup of a
//! certificate by number. The regional centre sees the queue of the whole region.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::duplicates::{self, Decision, QueueError, Side};
use dopcert_app::period::{self, PeriodError};
use dopcert_domain::role::Role;
use serde::Deserialize;

use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::capitalize;
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/moc", home)
        .get("/moc/duplicates", queue)
        .post("/moc/duplicates/{id}", resolve)
        .post("/moc/certification", super::rules::certification)
}

struct PeriodRow {
    id: String,
    year: i32,
    dates: String,
    nominal: String,
    quota: i64,
    taken: i64,
    waiting: i64,
}

#[derive(Template)]
#[template(path = "moc.html")]
struct HomePage {
    layout: Layout,
    is_operator: bool,
    periods: Vec<PeriodRow>,
    open_cases: usize,
    programs_waiting: usize,
    /// Programs are certified by the regional centre (else by each municipality's).
    by_region: bool,
    error: Option<String>,
    notice: Option<String>,
}

async fn forbidden(s: &WebState, actor: &Actor, text: String) -> Response {
    let page = Message {
        layout: Layout::new(s, t("operator-forbidden"), Some(actor)).await,
        heading: t("operator-forbidden"),
        text: capitalize(&text),
    };
    render(StatusCode::FORBIDDEN, &page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HomeQuery {
    number: String,
}

async fn home(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Query(q): Query<HomeQuery>,
) -> Response {
    if !q.number.trim().is_empty() {
        // The lookup form: a mistyped number is answered here, with the form; a good one opens
        // the certificate page, which checks the scope.
        return match dopcert_domain::certificate::CertificateNumber::parse(&q.number) {
            Ok(n) => Redirect::to(&format!("/certificates/{n}")).into_response(),
            Err(e) => {
                let msg = Some(crate::refusal::explain(&e));
                show(&s, &actor, StatusCode::UNPROCESSABLE_ENTITY, msg, None).await
            }
        };
    }
    show(&s, &actor, StatusCode::OK, None, None).await
}

async fn show(
    s: &WebState,
    actor: &Actor,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> Response {
    let role = actor.role().role;
    if !matches!(role, Role::MunicipalOperator | Role::RegionalAdmin) {
        return forbidden(s, actor, t("moc-only-back-office")).await;
    }
    let is_operator = role == Role::MunicipalOperator;
    let periods = if is_operator {
        match period::periods(&s.app, actor).await {
            Ok(list) => list
                .into_iter()
                .map(|v| PeriodRow {
                    id: v.period.id.to_string(),
                    year: v.period.year,
                    dates: super::periods::dates_text(v.period.starts_on, v.period.ends_on),
                    nominal: match v.period.nominals.single() {
                        Some(n) => n.to_string(),
                        None => nominal_from(&v.period.nominals.lowest().to_string()),
                    },
                    quota: v.period.funded_quota,
                    taken: v.period.funded_count,
                    waiting: v.waiting,
                })
                .collect(),
            Err(PeriodError::Store(e)) => return server_error(s, e.to_string()).await,
            Err(e) => return forbidden(s, actor, crate::refusal::explain(&e)).await,
        }
    } else {
        Vec::new()
    };
    let open_cases = match duplicates::queue(&s.app, actor).await {
        Ok(c) => c.len(),
        Err(QueueError::Store(e)) => return server_error(s, e.to_string()).await,
        Err(e) => return forbidden(s, actor, crate::refusal::explain(&e)).await,
    };
    let programs_waiting =
        match dopcert_app::program::queue(&s.app, actor, dopcert_domain::program::ProgramStatus::Submitted)
            .await
        {
            Ok(list) => list.len(),
            Err(dopcert_app::program::ProgramError::Store(e)) => return server_error(s, e.to_string()).await,
            Err(e) => return forbidden(s, actor, crate::refusal::explain(&e)).await,
        };
    let by_region = match dopcert_app::program::current_certifier(&s.app).await {
        Ok(c) => c == dopcert_app::program::Certifier::Region,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let layout = Layout::new(s, t("moc-title-operator"), Some(actor)).await;
    render(
        status,
        &HomePage { layout, is_operator, periods, open_cases, programs_waiting, by_region, error, notice },
    )
}

/// «от 5 000,00 ₽, по возрасту»: a period whose nominals differ by age.
fn nominal_from(amount: &str) -> String {
    text::with("moc-nominal-from", &[("amount", amount)])
}

struct SideRow {
    name: String,
    born: String,
    snils: String,
    parents: String,
    certificate: String,
}

fn side_row(s: &Side) -> SideRow {
    SideRow {
        name: s.name.clone(),
        born: s.birth_date.map(|d| text::lang().date_long(d)).unwrap_or_else(|| "—".into()),
        snils: s.snils.clone().unwrap_or_else(|| t("duplicates-snils-none")),
        parents: if s.parents.is_empty() { "—".into() } else { s.parents.join(", ") },
        certificate: s.certificate.clone().unwrap_or_else(|| t("duplicates-certificate-none")),
    }
}

/// Where the second record came from: the app names it in Russian, the page in its language.
fn source_title(source: &str) -> String {
    match source {
        "вход через Госуслуги" => t("duplicates-source-esia"),
        "регистрация в организации" => t("duplicates-source-organization"),
        "загрузка списка школы" => t("duplicates-source-import"),
        "заявление" => t("duplicates-source-application"),
        other => other.to_string(),
    }
}

struct CaseRow {
    id: String,
    source: String,
    held_at: String,
    municipality: String,
    existing: SideRow,
    claimed: SideRow,
}

#[derive(Template)]
#[template(path = "duplicates.html")]
struct QueuePage {
    layout: Layout,
    csrf: String,
    cases: Vec<CaseRow>,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    done: Option<String>,
}

async fn queue(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<QueueQuery>,
) -> Response {
    let cases = match duplicates::queue(&s.app, &actor).await {
        Ok(c) => c,
        Err(QueueError::Store(e)) => return server_error(&s, e.to_string()).await,
        Err(e) => return forbidden(&s, &actor, crate::refusal::explain(&e)).await,
    };
    let cases = cases
        .iter()
        .map(|c| CaseRow {
            id: c.id.clone(),
            source: source_title(c.source),
            held_at: instant(c.held_at),
            municipality: c.municipality.clone().unwrap_or_else(|| t("duplicates-municipality-none")),
            existing: side_row(&c.existing),
            claimed: side_row(&c.claimed),
        })
        .collect();
    let notice = q.done.map(|_| t("duplicates-saved"));
    let layout = Layout::new(&s, t("duplicates-title"), Some(&actor)).await;
    render(StatusCode::OK, &QueuePage { layout, csrf, cases, notice })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
}

async fn resolve(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<DecisionForm>,
) -> Response {
    if !matches!(actor.role().role, Role::MunicipalOperator | Role::RegionalAdmin) {
        return forbidden(&s, &actor, crate::refusal::explain(&QueueError::Forbidden)).await;
    }
    let decision = match f.decision.as_str() {
        "same" => Decision::Same,
        "different" => Decision::Different,
        _ => {
            let page = Message {
                layout: Layout::new(&s, t("duplicates-title"), Some(&actor)).await,
                heading: t("duplicates-no-decision"),
                text: t("duplicates-no-decision-text"),
            };
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    match duplicates::resolve(&s.app, &actor, &id, decision).await {
        Ok(()) => Redirect::to("/moc/duplicates?done=1").into_response(),
        Err(QueueError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e @ QueueError::NotFound) => {
            let page = Message {
                layout: Layout::new(&s, t("duplicates-title"), Some(&actor)).await,
                heading: t("duplicates-not-found"),
                text: crate::refusal::explain(&e),
            };
            render(StatusCode::NOT_FOUND, &page)
        }
        Err(e) => forbidden(&s, &actor, crate::refusal::explain(&e)).await,
    }
}
