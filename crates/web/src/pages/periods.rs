//! The municipal operator's periods (R06): the list with a form for a new one, and a period's
//! page with its nominals by age group (and for children with disabilities), its quota and its
//! history from the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use dopcert_app::auth::Actor;
use dopcert_app::period::{self, Draft, PeriodDetail, PeriodError, PeriodView};
use dopcert_domain::ids::PeriodId;
use dopcert_domain::money::Kopecks;
use dopcert_domain::period::{AgeNominal, Nominals, AGE_GROUPS};
use dopcert_domain::time::parse_date_ru;
use serde::Deserialize;

use super::audit::{row as history_row, Row as HistoryRow};
use super::{message, render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/moc/periods", list)
        .post("/moc/periods", create)
        .get("/moc/periods/{id}", page)
        .post("/moc/periods/{id}/nominals", set_nominals)
        .post("/moc/periods/{id}/quota", set_quota)
}

/// One age group's fields as the form shows them (what was typed, after an error).
struct GroupField {
    label: String,
    /// The field names' suffix: the group's first age.
    key: i16,
    nominal: String,
    disability: String,
}

/// An age group in words: «5–6 лет», «5–6 years».
fn ages(from: i16, to: i16) -> String {
    format!("{from}–{}", text::tn("period-age-to", i64::from(to)))
}

fn group_fields(n: Option<&Nominals>) -> Vec<GroupField> {
    AGE_GROUPS
        .iter()
        .map(|&(from, to)| {
            let g = n.and_then(|n| n.groups().iter().find(|g| g.from == from));
            GroupField {
                label: ages(from, to),
                key: from,
                nominal: g.map(|g| g.nominal.to_input()).unwrap_or_default(),
                disability: g.and_then(|g| g.disability).map(Kopecks::to_input).unwrap_or_default(),
            }
        })
        .collect()
}

/// The same fields from a submitted form.
fn typed_fields(f: &Pairs) -> Vec<GroupField> {
    AGE_GROUPS
        .iter()
        .map(|&(from, to)| GroupField {
            label: ages(from, to),
            key: from,
            nominal: f.get(&format!("nominal_{from}")).to_string(),
            disability: f.get(&format!("disability_{from}")).to_string(),
        })
        .collect()
}

/// The nominals typed into the form, checked; the error in words.
fn parse_nominals(f: &Pairs) -> Result<Nominals, String> {
    let mut groups = Vec::new();
    for &(from, to) in &AGE_GROUPS {
        let money = |name: &str| Kopecks::parse_rubles(f.get(&format!("{name}_{from}")));
        let typo = text::with("period-nominal-typo", &[("ages", &ages(from, to))]);
        let nominal = money("nominal").ok_or_else(|| typo.clone())?;
        let disability = match f.get(&format!("disability_{from}")).trim() {
            "" => None,
            _ => Some(money("disability").ok_or(typo)?),
        };
        groups.push(AgeNominal { from, to, nominal, disability });
    }
    Nominals::new(groups).map_err(|e| crate::refusal::explain(&e))
}

struct PeriodRow {
    id: String,
    year: i32,
    dates: String,
    nominals: String,
    quota: i64,
    taken: i64,
    waiting: i64,
    state: String,
}

/// «5–6 лет: 5 000,00 ₽ (с ОВЗ 8 000,00 ₽); …».
fn nominals_text(n: &Nominals) -> String {
    if let Some(one) = n.single() {
        return text::with("period-one-nominal", &[("amount", &one.to_string())]);
    }
    n.groups()
        .iter()
        .map(|g| {
            let (ages, amount) = (ages(g.from, g.to), g.nominal.to_string());
            let args = [("ages", ages.as_str()), ("amount", amount.as_str())];
            match g.disability.map(|d| d.to_string()) {
                Some(d) => text::with("period-nominal-disability", &[args[0], args[1], ("disability", &d)]),
                None => text::with("period-nominal", &args),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn state(p: &dopcert_store::period::Period, today: jiff::civil::Date) -> String {
    if p.closed {
        t("period-state-closed")
    } else if p.ends_on < today {
        t("period-state-over")
    } else if p.starts_on > today {
        t("period-state-future")
    } else {
        t("period-state-running")
    }
}

/// «1 января 2027 — 31 декабря 2027» in the page's language.
pub(crate) fn dates_text(from: jiff::civil::Date, to: jiff::civil::Date) -> String {
    let (from, to) = (text::lang().date_long(from), text::lang().date_long(to));
    text::with("operator-dates", &[("from", &from), ("to", &to)])
}

fn period_row(v: &PeriodView, today: jiff::civil::Date) -> PeriodRow {
    let p = &v.period;
    PeriodRow {
        id: p.id.to_string(),
        year: p.year,
        dates: dates_text(p.starts_on, p.ends_on),
        nominals: nominals_text(&p.nominals),
        quota: p.funded_quota,
        taken: p.funded_count,
        waiting: v.waiting,
        state: state(p, today),
    }
}

/// The new period's form as typed (or proposed).
struct NewForm {
    year: String,
    starts_on: String,
    ends_on: String,
    quota: String,
    groups: Vec<GroupField>,
}

#[derive(Template)]
#[template(path = "periods.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    periods: Vec<PeriodRow>,
    form: NewForm,
    error: Option<String>,
}

async fn refusal(s: &WebState, actor: &Actor, e: PeriodError) -> Response {
    match e {
        PeriodError::Store(e) => server_error(s, e.to_string()).await,
        PeriodError::Forbidden => {
            let text = crate::refusal::explain(&e);
            message(s, Some(actor), StatusCode::FORBIDDEN, &t("operator-forbidden"), &text).await
        }
        PeriodError::NotFound => {
            let text = crate::refusal::explain(&e);
            message(s, Some(actor), StatusCode::NOT_FOUND, &t("period-not-found"), &text).await
        }
        e => {
            let heading = t("period-not-saved");
            message(s, Some(actor), StatusCode::UNPROCESSABLE_ENTITY, &heading, &crate::refusal::explain(&e))
                .await
        }
    }
}

/// The next year after the latest period, with its nominals and quota, as the form's proposal.
fn proposal(periods: &[PeriodView], today: jiff::civil::Date) -> NewForm {
    let latest = periods.first().map(|v| &v.period);
    let year = latest.map_or(i32::from(today.year()), |p| p.year + 1);
    NewForm {
        year: year.to_string(),
        starts_on: format!("{year}-01-01"),
        ends_on: format!("{year}-12-31"),
        quota: latest.map(|p| p.funded_quota.to_string()).unwrap_or_default(),
        groups: group_fields(latest.map(|p| &p.nominals)),
    }
}

async fn show_list(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    status: StatusCode,
    typed: Option<NewForm>,
    error: Option<String>,
) -> Response {
    let views = match period::periods(&s.app, actor).await {
        Ok(v) => v,
        Err(e) => return refusal(s, actor, e).await,
    };
    let today = s.app.clock.today();
    let page = ListPage {
        layout: Layout::new(s, t("periods-title"), Some(actor)).await,
        csrf,
        periods: views.iter().map(|v| period_row(v, today)).collect(),
        form: typed.unwrap_or_else(|| proposal(&views, today)),
        error,
    };
    render(status, &page)
}

async fn list(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    show_list(&s, &actor, csrf, StatusCode::OK, None, None).await
}

/// The new period from the form; the error in words.
fn parse_draft(f: &Pairs) -> Result<Draft, String> {
    let year = f.get("year").trim().parse::<i32>().map_err(|_| t("period-year-typo"))?;
    let y = year.to_string();
    let example = [("year", y.as_str())];
    let starts_on =
        parse_date_ru(f.get("starts_on")).ok_or_else(|| text::with("period-start-typo", &example))?;
    let ends_on = parse_date_ru(f.get("ends_on")).ok_or_else(|| text::with("period-end-typo", &example))?;
    let funded_quota = quota(f.get("quota"))?;
    let nominals = parse_nominals(f)?;
    Ok(Draft { year, starts_on, ends_on, nominals, funded_quota })
}

fn quota(raw: &str) -> Result<i64, String> {
    raw.trim().replace([' ', '\u{a0}'], "").parse::<i64>().map_err(|_| t("period-quota-typo"))
}

async fn create(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(pairs);
    let typed = || NewForm {
        year: f.get("year").to_string(),
        starts_on: f.get("starts_on").to_string(),
        ends_on: f.get("ends_on").to_string(),
        quota: f.get("quota").to_string(),
        groups: typed_fields(&f),
    };
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    let draft = match parse_draft(&f) {
        Ok(d) => d,
        Err(msg) => return show_list(&s, &actor, csrf, bad, Some(typed()), Some(msg)).await,
    };
    match period::create(&s.app, &actor, &draft).await {
        Ok(id) => Redirect::to(&format!("/moc/periods/{id}?created=1")).into_response(),
        Err(e @ (PeriodError::Store(_) | PeriodError::Forbidden)) => refusal(&s, &actor, e).await,
        Err(e) => show_list(&s, &actor, csrf, bad, Some(typed()), Some(crate::refusal::explain(&e))).await,
    }
}

#[derive(Template)]
#[template(path = "period.html")]
struct PeriodPage {
    layout: Layout,
    csrf: String,
    p: PeriodRow,
    /// Not started: its nominals may still change.
    editable: bool,
    /// Not over: its quota may still change.
    quota_open: bool,
    groups: Vec<GroupField>,
    history: Vec<HistoryRow>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    created: Option<String>,
    nominals: Option<String>,
    upgraded: Option<u64>,
}

impl PageQuery {
    fn notice(&self) -> Option<String> {
        if self.created.is_some() {
            Some(t("period-created"))
        } else if self.nominals.is_some() {
            Some(t("period-nominals-changed"))
        } else {
            self.upgraded.map(|n| text::with("period-quota-changed", &[("n", &n.to_string())]))
        }
    }
}

async fn show_period(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    status: StatusCode,
    (notice, error): (Option<String>, Option<String>),
    typed: Option<Vec<GroupField>>,
) -> Response {
    let d: PeriodDetail = match period::detail(&s.app, actor, &PeriodId::from_string(id.to_string())).await {
        Ok(d) => d,
        Err(e) => return refusal(s, actor, e).await,
    };
    let today = s.app.clock.today();
    let p = &d.view.period;
    // A quota below what is given: say what that means (nothing is taken back).
    let notice = notice.map(|n| match p.funded_count > p.funded_quota {
        true => format!("{n} {}", t("period-quota-below")),
        false => n,
    });
    let page = PeriodPage {
        layout: Layout::new(s, text::with("period-title", &[("year", &p.year.to_string())]), Some(actor))
            .await,
        csrf,
        editable: p.starts_on > today,
        quota_open: p.ends_on >= today,
        groups: typed.unwrap_or_else(|| group_fields(Some(&p.nominals))),
        p: period_row(&d.view, today),
        history: d.history.iter().map(history_row).collect(),
        notice,
        error,
    };
    render(status, &page)
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    show_period(&s, &actor, csrf, &id, StatusCode::OK, (q.notice(), None), None).await
}

async fn set_nominals(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(pairs);
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    let n = match parse_nominals(&f) {
        Ok(n) => n,
        Err(msg) => {
            return show_period(&s, &actor, csrf, &id, bad, (None, Some(msg)), Some(typed_fields(&f))).await
        }
    };
    match period::set_nominals(&s.app, &actor, &PeriodId::from_string(id.clone()), &n).await {
        Ok(()) => Redirect::to(&format!("/moc/periods/{}?nominals=1", urlencoding(&id))).into_response(),
        Err(e @ (PeriodError::Store(_) | PeriodError::Forbidden | PeriodError::NotFound)) => {
            refusal(&s, &actor, e).await
        }
        Err(e) => {
            let msg = Some(crate::refusal::explain(&e));
            show_period(&s, &actor, csrf, &id, bad, (None, msg), Some(typed_fields(&f))).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QuotaForm {
    quota: String,
}

async fn set_quota(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    axum::Form(f): axum::Form<QuotaForm>,
) -> Response {
    let bad = StatusCode::UNPROCESSABLE_ENTITY;
    let quota = match quota(&f.quota) {
        Ok(q) => q,
        Err(msg) => return show_period(&s, &actor, csrf, &id, bad, (None, Some(msg)), None).await,
    };
    match period::set_quota(&s.app, &actor, &PeriodId::from_string(id.clone()), quota).await {
        Ok(n) => Redirect::to(&format!("/moc/periods/{}?upgraded={n}", urlencoding(&id))).into_response(),
        Err(e @ (PeriodError::Store(_) | PeriodError::Forbidden | PeriodError::NotFound)) => {
            refusal(&s, &actor, e).await
        }
        Err(e) => {
            show_period(&s, &actor, csrf, &id, bad, (None, Some(crate::refusal::explain(&e))), None).await
        }
    }
}

/// A path segment from the request, safe to put back into a redirect.
fn urlencoding(raw: &str) -> String {
    raw.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}
