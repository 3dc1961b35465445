//! The family's side of enrollment: from «Записаться» on a program's page to the contract
//! (оферта) and the application; «Мои заявки» with every application's status from the one
//! state machine, its offer to take, its enrollment to end; a lottery's published draw.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::enrollment::{self, ApplyError, DecideError, LeaveBy, Line, Preview};
use dopcert_app::lottery;
use dopcert_app::program::{self, ProgramError};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::ids::{GroupId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::time::parse_date_ru;
use serde::Deserialize;

use super::catalog::{date, from_to};
use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser, MaybeUser};
use crate::text::instant;
use crate::text::{self, t, Lang};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/catalog/{id}/enroll", enroll_page)
        .post("/catalog/{id}/enroll", enroll_submit)
        .get("/catalog/groups/{id}/lottery", lottery_page)
        .get("/applications", list)
        .get("/applications/{id}/contract", contract_page)
        .post("/applications/{id}/withdraw", withdraw)
        .post("/applications/{id}/take", take)
        .post("/applications/{id}/end", end)
}

/// Enrollment is the family's: a parent, or a child from 14 for themselves. Others get a plain
/// refusal (403), not an empty cabinet.
async fn family_only(s: &WebState, actor: &Actor) -> Option<Response> {
    use dopcert_domain::role::Role;
    if matches!(actor.role().role, Role::Parent | Role::Child) {
        return None;
    }
    let layout = Layout::new(s, t("enroll-family-only"), Some(actor)).await;
    let text = t("enroll-family-only-text");
    Some(render(StatusCode::FORBIDDEN, &Message { layout, heading: t("enroll-family-only"), text }))
}

// ---- from «Записаться» to the application ----

#[derive(Deserialize, Default)]
struct Pick {
    #[serde(default)]
    child: String,
    #[serde(default)]
    group: String,
}

struct Choice {
    id: String,
    title: String,
    on: bool,
}

#[derive(Template)]
#[template(path = "enroll.html")]
struct EnrollPage {
    layout: Layout,
    csrf: String,
    program_id: String,
    program_title: String,
    children: Vec<Choice>,
    groups: Vec<Choice>,
    contract: Option<ContractView>,
    error: Option<String>,
}

/// The contract's terms as the оферта shows them.
struct ContractView {
    child: String,
    provider: String,
    provider_inn: String,
    provider_address: String,
    program: String,
    group: String,
    schedule: String,
    teacher: String,
    address: String,
    dates: String,
    price: String,
    covered: String,
    family: String,
    months: Vec<(String, String, String)>,
    total: String,
    hold: String,
    family_total: String,
    available: String,
    after: String,
    free: bool,
    outcome: String,
}

fn contract_view(p: &Preview, provider: &program::ProgramView) -> ContractView {
    let terms = &p.terms;
    let g = &p.group.fields;
    let outcome = match (p.in_lottery, p.outcome) {
        (true, _) => t("enroll-outcome-lottery"),
        (false, ApplicationStatus::Waitlisted) => t("enroll-outcome-waitlist"),
        _ => t("enroll-outcome-pending"),
    };
    ContractView {
        child: p.child.name.to_string(),
        provider: provider.organization.full_name.clone(),
        provider_inn: provider.organization.inn.to_string(),
        provider_address: provider.organization.address.clone(),
        program: p.program.title.clone(),
        group: g.title.clone(),
        schedule: g.schedule.clone(),
        teacher: g.teacher.clone(),
        address: g.address.clone(),
        dates: from_to(p.start, p.end),
        price: terms.price_per_month.to_string(),
        covered: terms.covered_per_month.to_string(),
        family: terms.family_per_month.to_string(),
        months: terms
            .months
            .iter()
            .map(|m| {
                let share = dopcert_domain::enrollment::prorate(terms.covered_per_month, m.days, m.of);
                (
                    month_title(m.month),
                    text::with("enroll-days-of", &[("days", &m.days.to_string()), ("of", &m.of.to_string())]),
                    share.to_string(),
                )
            })
            .collect(),
        total: terms.total.to_string(),
        hold: terms.hold.to_string(),
        family_total: terms.family_total.to_string(),
        available: p.available.to_string(),
        after: Kopecks::new(p.available.get() - terms.hold.get()).to_string(),
        free: terms.total == Kopecks::ZERO,
        outcome,
    }
}

async fn enroll_page(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(pick): Query<Pick>,
) -> Response {
    let Some(actor) = actor else {
        return Redirect::to(&format!("/login?next=/catalog/{id}/enroll")).into_response();
    };
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    show_enroll(&s, &actor, csrf, &id, &pick, None).await
}

async fn show_enroll(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    pick: &Pick,
    error: Option<String>,
) -> Response {
    let v = match program::view(&s.app, Some(actor), id).await {
        Ok(v) => v,
        Err(ProgramError::Store(e)) => return server_error(s, e.to_string()).await,
        Err(_) => return super::not_found(State(s.clone())).await,
    };
    let kids = match dopcert_app::cabinet::children(&s.app, actor).await {
        Ok(k) => k,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let today = s.app.clock.today();
    let children: Vec<Choice> = kids
        .iter()
        .filter(|c| actor.role().role != dopcert_domain::role::Role::Child || c.may_claim_self)
        .map(|c| Choice { id: c.id.to_string(), title: c.name.to_string(), on: c.id.as_str() == pick.child })
        .collect();
    let groups: Vec<Choice> = v
        .groups
        .iter()
        .filter(|g| g.enrollment_open(today))
        .map(|g| Choice { id: g.id.to_string(), title: group_title(g), on: g.id.as_str() == pick.group })
        .collect();
    let mut error = error;
    let mut contract = None;
    if error.is_none() && !pick.child.is_empty() && !pick.group.is_empty() {
        let (child, group) =
            (PersonId::from_string(pick.child.clone()), GroupId::from_string(pick.group.clone()));
        match enrollment::preview(&s.app, actor, &child, &group).await {
            Ok(p) => contract = Some(contract_view(&p, &v)),
            Err(ApplyError::Store(e)) => return server_error(s, e.to_string()).await,
            Err(e) => error = Some(crate::refusal::explain(&e)),
        }
    }
    if children.is_empty() && error.is_none() {
        error = Some(t("enroll-no-children"));
    }
    let layout =
        Layout::new(s, text::with("enroll-title", &[("title", &v.program.title)]), Some(actor)).await;
    let page = EnrollPage {
        layout,
        csrf,
        program_id: v.program.id.to_string(),
        program_title: v.program.title.clone(),
        children,
        groups,
        contract,
        error,
    };
    render(StatusCode::OK, &page)
}

fn group_title(g: &dopcert_store::program::Group) -> String {
    let f = &g.fields;
    let seats = match (&g.lottery, g.seats_left()) {
        (Some(l), _) if l.drawn_at.is_none() => {
            text::with("enroll-seats-lottery", &[("date", &date(l.until))])
        }
        (_, 0) => t("enroll-seats-waitlist"),
        (_, n) => text::with("enroll-seats-free", &[("seats", &n.to_string())]),
    };
    text::with(
        "enroll-group-choice",
        &[("title", &f.title), ("schedule", &f.schedule), ("start", &date(f.starts_on)), ("seats", &seats)],
    )
}

/// «ноябрь 2026»: a month of the contract in the page's language.
fn month_title(month: jiff::civil::Date) -> String {
    match text::lang() {
        Lang::Ru => dopcert_app::billing::month_title(month),
        Lang::En => month.strftime("%B %Y").to_string(),
    }
}

#[derive(Deserialize)]
struct EnrollForm {
    #[serde(default)]
    child: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    accept: String,
}

async fn enroll_submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<EnrollForm>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    let (child, group) = (PersonId::from_string(f.child.clone()), GroupId::from_string(f.group.clone()));
    match enrollment::apply(&s.app, &actor, &child, &group, f.accept == "1").await {
        Ok(a) => Redirect::to(&format!("/applications?done={}", a.status.code())).into_response(),
        Err(ApplyError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let pick = Pick { child: f.child, group: f.group };
            show_enroll(&s, &actor, csrf, &id, &pick, Some(crate::refusal::explain(&e))).await
        }
    }
}

// ---- «Мои заявки» ----

struct Row {
    id: String,
    child: String,
    program_id: String,
    program: String,
    organization: String,
    group: String,
    group_id: String,
    status: String,
    dates: String,
    money: String,
    note: String,
    lottery: bool,
    may_withdraw: bool,
    may_take: bool,
    may_end: bool,
    free: bool,
}

fn row(l: &Line) -> Row {
    let r = &l.row;
    let mut note = String::new();
    if let Some(until) = r.offer_until.as_deref().and_then(|u| dopcert_store::time::parse_instant(u).ok()) {
        if l.status == ApplicationStatus::Offered {
            note = text::with("applications-offer-until", &[("at", &instant(until))]);
        }
    }
    if let (ApplicationStatus::Waitlisted, Some(rank)) = (l.status, r.draw_rank) {
        note = text::with("applications-draw-rank", &[("rank", &rank.to_string())]);
    }
    if let Some(reason) = r.reason.as_deref().filter(|_| l.status.is_final()) {
        note = text::with("applications-reason-note", &[("reason", reason)]);
    }
    let price = Kopecks::new(r.price_per_month);
    Row {
        id: r.id.clone(),
        child: r.child.clone(),
        program_id: r.program_id.clone(),
        program: r.program.clone(),
        organization: r.organization.clone(),
        group: format!("{} ({})", r.group_title, r.schedule),
        group_id: r.group_id.clone(),
        status: application_status(l.status),
        dates: match (parse(&r.starts_on), parse(&r.ends_on)) {
            (Some(a), Some(b)) if b >= a => from_to(a, b),
            _ => String::new(),
        },
        money: if price == Kopecks::ZERO {
            t("catalog-free")
        } else {
            text::with(
                "applications-money",
                &[("price", &price.to_string()), ("held", &Kopecks::new(r.held).to_string())],
            )
        },
        note,
        lottery: r.lottery_until.is_some(),
        may_withdraw: l.may_withdraw(),
        may_take: l.may_take_offer(),
        may_end: l.may_end(),
        free: price == Kopecks::ZERO,
    }
}

/// An application's status in the page's language.
pub(crate) fn application_status(s: ApplicationStatus) -> String {
    match s {
        ApplicationStatus::Waitlisted => t("catalog-application-waitlisted"),
        ApplicationStatus::Offered => t("catalog-application-offered"),
        ApplicationStatus::Pending => t("catalog-application-pending"),
        ApplicationStatus::Enrolled => t("catalog-application-enrolled"),
        ApplicationStatus::Rejected => t("catalog-application-rejected"),
        ApplicationStatus::Withdrawn => t("catalog-application-withdrawn"),
        ApplicationStatus::OfferLapsed => t("catalog-application-offer-lapsed"),
        ApplicationStatus::Ended => t("catalog-application-ended"),
    }
}

fn parse(d: &str) -> Option<jiff::civil::Date> {
    dopcert_store::time::parse_date(d).ok()
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    rows: Vec<Row>,
    notice: Option<String>,
    error: Option<String>,
    today: String,
}

#[derive(Deserialize)]
struct ListQuery {
    done: Option<String>,
    error: Option<String>,
}

fn notice_of(done: &str) -> Option<String> {
    Some(match done {
        "pending" => t("applications-done-pending"),
        "waitlisted" => t("applications-done-waitlisted"),
        "withdrawn" => t("applications-done-withdrawn"),
        "taken" => t("applications-done-taken"),
        "ended" => t("applications-done-ended"),
        _ => return None,
    })
}

async fn list(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    let lines = match enrollment::family_lines(&s.app, &actor).await {
        Ok(l) => l,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let layout = Layout::new(&s, t("applications-title"), Some(&actor)).await;
    let page = ListPage {
        layout,
        csrf,
        rows: lines.iter().map(row).collect(),
        notice: q.done.as_deref().and_then(notice_of),
        error: q.error.filter(|e| e.chars().count() < 300),
        // What the field shows and `parse_date_ru` reads back: «26.11.2026», in either language.
        today: dopcert_domain::format::date_short(s.app.clock.today()),
    };
    render(StatusCode::OK, &page)
}

/// After a family's action: back to the list with its notice, or with the error's words.
fn back(done: Result<&'static str, DecideError>) -> Response {
    match done {
        Ok(code) => Redirect::to(&format!("/applications?done={code}")).into_response(),
        Err(e) => back_refused(&crate::refusal::explain(&e)),
    }
}

/// Back to the list with a refusal's words.
fn back_refused(text: &str) -> Response {
    let q = serde_urlencoded::to_string([("error", text)]).unwrap_or_default();
    Redirect::to(&format!("/applications?{q}")).into_response()
}

async fn withdraw(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    match enrollment::withdraw(&s.app, &actor, &id).await {
        Err(DecideError::Store(e)) => server_error(&s, e.to_string()).await,
        done => back(done.map(|_| "withdrawn")),
    }
}

#[derive(Deserialize)]
struct TakeForm {
    #[serde(default)]
    accept: String,
}

async fn take(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<TakeForm>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    match enrollment::take_offer(&s.app, &actor, &id, f.accept == "1").await {
        Err(DecideError::Store(e)) => server_error(&s, e.to_string()).await,
        done => back(done.map(|_| "taken")),
    }
}

#[derive(Deserialize)]
struct EndForm {
    #[serde(default)]
    last_day: String,
    #[serde(default)]
    reason: String,
}

async fn end(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Form(f): Form<EndForm>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    let Some(day) = parse_date_ru(&f.last_day) else {
        return back_refused(&t("billing-last-day-invalid"));
    };
    match enrollment::leave(&s.app, &actor, LeaveBy::Family, &id, day, &f.reason).await {
        Err(DecideError::Store(e)) => server_error(&s, e.to_string()).await,
        done => back(done.map(|_| "ended")),
    }
}

// ---- the contract, printable ----

#[derive(Template)]
#[template(path = "contract.html")]
struct ContractPage {
    layout: Layout,
    number: String,
    r: Row,
    provider: String,
    provider_inn: String,
    provider_address: String,
    covered: String,
    family: String,
    accepted: String,
}

async fn contract_page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    if let Some(r) = family_only(&s, &actor).await {
        return r;
    }
    let line = match enrollment::family_line(&s.app, &actor, &id).await {
        Ok(Some(l)) => l,
        Ok(None) => return super::not_found(State(s)).await,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let v = match program::view(&s.app, Some(&actor), &line.row.program_id).await {
        Ok(v) => v,
        Err(ProgramError::Store(e)) => return server_error(&s, e.to_string()).await,
        Err(_) => return super::not_found(State(s)).await,
    };
    let r = &line.row;
    let covered = Kopecks::new(r.covered_per_month);
    let family = Kopecks::new(r.price_per_month - r.covered_per_month);
    let layout = Layout::new(&s, t("enroll-offer"), Some(&actor)).await;
    let page = ContractPage {
        layout,
        number: r.id.clone(),
        r: row(&line),
        provider: v.organization.full_name.clone(),
        provider_inn: v.organization.inn.to_string(),
        provider_address: v.organization.address.clone(),
        covered: covered.to_string(),
        family: family.to_string(),
        accepted: dopcert_store::time::parse_instant(&r.created_at).map(instant).unwrap_or_default(),
    };
    render(StatusCode::OK, &page)
}

// ---- a lottery's published result ----

#[derive(Template)]
#[template(path = "lottery.html")]
struct LotteryPage {
    layout: Layout,
    until: String,
    commitment: String,
    seed: Option<String>,
    drawn_at: String,
    order: Vec<(i64, String, String, String)>,
}

async fn lottery_page(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    Path(id): Path<String>,
) -> Response {
    let p = match lottery::published(&s.app, &GroupId::from_string(id)).await {
        Ok(Some(p)) => p,
        Ok(None) => return super::not_found(State(s)).await,
        Err(e) => return server_error(&s, e.to_string()).await,
    };
    let layout = Layout::new(&s, t("lottery-title"), actor.as_ref()).await;
    let page = LotteryPage {
        layout,
        until: date(p.until),
        commitment: p.commitment,
        seed: p.seed,
        drawn_at: p.drawn_at.map(instant).unwrap_or_default(),
        order: p
            .order
            .into_iter()
            .map(|r| (r.rank, r.application_id, r.hash, application_status(r.status)))
            .collect(),
    };
    render(StatusCode::OK, &page)
}
