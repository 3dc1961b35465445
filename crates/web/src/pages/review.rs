//! Certification in the back office: the queue of submitted programs and the review of one
//! against the checklist, ending in «сертифицировать до …» or «вернуть на доработку» with a
//! reason for each item that failed.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::program::{self, ProgramError, ReviewInput};
use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{ChecklistItem, ProgramStatus};
use serde::Deserialize;

use super::catalog::{ages_text, date, direction_title, funding_title, status_title};
use super::programs::{item_title, refused, review_lines, ReviewLine};
use super::render;
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/moc/programs", queue)
        .get("/moc/programs/{id}", page)
        .post("/moc/programs/{id}/review", decide)
}

struct QueueLine {
    id: String,
    title: String,
    organization: String,
    municipality: String,
    since: String,
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct QueuePage {
    layout: Layout,
    status: ProgramStatus,
    tabs: Vec<(&'static str, String, bool)>,
    lines: Vec<QueueLine>,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct QueueQuery {
    status: Option<String>,
    done: Option<String>,
}

const TABS: [ProgramStatus; 4] =
    [ProgramStatus::Submitted, ProgramStatus::Returned, ProgramStatus::Certified, ProgramStatus::Expired];

async fn queue(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Query(q): Query<QueueQuery>,
) -> Response {
    let status = q.status.as_deref().and_then(ProgramStatus::parse).unwrap_or(ProgramStatus::Submitted);
    match program::queue(&s.app, &actor, status).await {
        Ok(list) => {
            let lines = list
                .into_iter()
                .map(|p| QueueLine {
                    since: p.updated_at.parse().map(instant).unwrap_or_default(),
                    id: p.id,
                    title: p.title,
                    organization: p.organization_name,
                    municipality: p.municipality_name,
                })
                .collect();
            let tabs = TABS.iter().map(|x| (x.code(), status_title(*x), *x == status)).collect();
            let notice = match q.done.as_deref() {
                Some("certified") => Some(t("review-queue-done-certified")),
                Some("returned") => Some(t("review-queue-done-returned")),
                _ => None,
            };
            let layout = Layout::new(&s, t("review-queue-title"), Some(&actor)).await;
            render(StatusCode::OK, &QueuePage { layout, status, tabs, lines, notice })
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

struct ItemForm {
    code: &'static str,
    title: String,
    passed: Option<bool>,
    reason: String,
}

struct GroupRow {
    module: String,
    title: String,
    schedule: String,
    teacher: String,
    address: String,
    seats: u32,
    dates: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    layout: Layout,
    csrf: String,
    id: String,
    version: i64,
    title: String,
    status: String,
    direction: String,
    ages: String,
    funding: String,
    description: String,
    organization: String,
    licence: String,
    municipality: String,
    modules: Vec<(String, u32, String, String)>,
    groups: Vec<GroupRow>,
    photos: Vec<String>,
    history: Vec<ReviewLine>,
    may_review: bool,
    items: Vec<ItemForm>,
    certify: Option<bool>,
    valid_until: String,
    note: String,
    error: Option<String>,
}

fn default_until(today: jiff::civil::Date) -> String {
    let year = if today.month() >= 9 { today.year() + 1 } else { today.year() };
    format!("31.08.{year}")
}

async fn show(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    input: Option<&ReviewInput>,
    error: Option<String>,
) -> Response {
    let v = match program::view(&s.app, Some(actor), id).await {
        Ok(v) => v,
        Err(e) => return refused(s, actor, e).await,
    };
    let items = ChecklistItem::ALL
        .iter()
        .map(|i| {
            let given = input.and_then(|r| r.verdicts.iter().find(|(c, _, _)| c == i.code()));
            ItemForm {
                code: i.code(),
                title: item_title(*i),
                passed: given.and_then(|(_, p, _)| *p),
                reason: given.map(|(_, _, r)| r.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let p = &v.program;
    let money = |k: Kopecks| if k == Kopecks::ZERO { format::rubles(0) } else { format::money(k) };
    let page = ReviewPage {
        csrf,
        id: p.id.to_string(),
        version: p.version,
        title: p.title.clone(),
        status: status_title(p.status),
        direction: direction_title(p.direction),
        ages: ages_text(p.ages),
        funding: funding_title(p.funding),
        description: p.description.clone(),
        organization: v.organization.full_name.clone(),
        licence: v.organization.licence.clone().unwrap_or_else(|| t("review-no-licence")),
        municipality: v.municipality_name.clone(),
        modules: v
            .modules
            .iter()
            .map(|m| {
                (
                    m.title.clone(),
                    m.terms.hours,
                    money(m.terms.price_per_month),
                    money(m.terms.normative_cost),
                )
            })
            .collect(),
        groups: v
            .groups
            .iter()
            .map(|g| GroupRow {
                module: v
                    .modules
                    .iter()
                    .find(|m| m.id == g.module_id)
                    .map(|m| m.title.clone())
                    .unwrap_or_default(),
                title: g.fields.title.clone(),
                schedule: g.fields.schedule.clone(),
                teacher: g.fields.teacher.clone(),
                address: g.fields.address.clone(),
                seats: g.fields.seats,
                dates: format!("{} — {}", date(g.fields.starts_on), date(g.fields.ends_on)),
            })
            .collect(),
        photos: v.photos.clone(),
        history: review_lines(&v.reviews),
        may_review: v.may_review,
        items,
        certify: input.and_then(|r| r.decided.then_some(r.certify)),
        valid_until: input
            .map(|r| r.valid_until.clone())
            .unwrap_or_else(|| default_until(s.app.clock.today())),
        note: input.map(|r| r.note.clone()).unwrap_or_default(),
        layout: Layout::new(s, text::with("review-title", &[("title", &p.title)]), Some(actor)).await,
        error: error.clone(),
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    render(status, &page)
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Response {
    if !back_office(&actor) {
        return refused(&s, &actor, ProgramError::Forbidden).await;
    }
    show(&s, &actor, csrf, &id, None, None).await
}

fn back_office(actor: &Actor) -> bool {
    use dopcert_domain::role::Role;
    matches!(actor.role().role, Role::MunicipalOperator | Role::RegionalAdmin | Role::Auditor)
}

async fn decide(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = program::authorize_reviewer(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = super::Pairs(f);
    let get = |name: &str| f.get(name).to_string();
    let input = ReviewInput {
        verdicts: ChecklistItem::ALL
            .iter()
            .map(|i| {
                let passed = match get(&format!("item-{}", i.code())).as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                };
                (i.code().to_string(), passed, get(&format!("reason-{}", i.code())))
            })
            .collect(),
        decided: !get("decision").is_empty(),
        certify: get("decision") == "certify",
        valid_until: get("valid_until"),
        note: get("note"),
    };
    let version = f.version();
    if get("decision").is_empty() {
        return show(&s, &actor, csrf, &id, Some(&input), Some(t("review-choose-decision"))).await;
    }
    match program::review(&s.app, &actor, &id, version, &input).await {
        Ok(ProgramStatus::Certified) => Redirect::to("/moc/programs?done=certified").into_response(),
        Ok(_) => Redirect::to("/moc/programs?done=returned").into_response(),
        Err(e @ (ProgramError::Store(_) | ProgramError::NotFound | ProgramError::Forbidden)) => {
            refused(&s, &actor, e).await
        }
        Err(e) => {
            let message = crate::refusal::explain(&e);
            show(&s, &actor, csrf, &id, Some(&input), Some(message)).await
        }
    }
}
