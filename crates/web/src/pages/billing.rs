//! Enrollment and billing for the provider and the municipal support centre: the provider's
//! applications (accept, reject with a reason, end from a date), attendance sheets and invoices;
//! the operator's monthly billing run, approval, reversals and the export of payment orders
//! (the XLSX registry and the 1C «Клиент банка» file). The documents are rendered by
//! `billing_docs`; every rule is in `app::billing` and `app::enrollment`.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::billing::{self, BillingError, Parties, Requisites};
use dopcert_app::enrollment::{self, DecideError, LeaveBy};
use dopcert_domain::enrollment::ApplicationStatus;
use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_domain::person::FullName;
use dopcert_domain::time::{moscow_date, parse_date_ru};
use dopcert_store::billing::{Invoice, InvoiceLine};
use dopcert_store::time::parse_instant;
use jiff::civil::Date;
use jiff::ToSpan;
use serde::Deserialize;

use super::{message, render, server_error, Pairs};
use crate::billing_docs::{self as docs, InvoiceDoc, Party, PaymentOrder};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::capitalize;
use crate::text::instant;
use crate::text::{self, t, Lang};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/applications", applications)
        .post("/org/applications/{id}/decide", decide)
        .post("/org/applications/{id}/end", end)
        .get("/org/groups/{id}/attendance", attendance)
        .post("/org/groups/{id}/attendance", save_attendance)
        .get("/org/invoices", provider_invoices)
        .get("/invoices/{id}", invoice)
        .get("/invoices/{id}/pdf", invoice_pdf)
        .get("/invoices/{id}/xlsx", invoice_xlsx)
        .post("/invoices/{id}/approve", approve)
        .post("/invoices/{id}/reverse", reverse)
        .get("/moc/billing", overview)
        .post("/moc/billing/run", run)
        .get("/moc/billing/orders", orders_again)
        .post("/moc/billing/orders", export_orders)
}

/// The page for a refusal: 404 for what is not the actor's, 403 for a wrong role.
async fn refused(s: &WebState, actor: &Actor, e: BillingError) -> Response {
    let (status, heading) = match e {
        BillingError::Store(e) => return server_error(s, e.to_string()).await,
        BillingError::NotFound => (StatusCode::NOT_FOUND, t("billing-not-found")),
        BillingError::Forbidden => (StatusCode::FORBIDDEN, t("billing-forbidden")),
        BillingError::BadMonth => (StatusCode::UNPROCESSABLE_ENTITY, t("billing-not-done")),
        _ => (StatusCode::CONFLICT, t("billing-not-done")),
    };
    message(s, Some(actor), status, &heading, &crate::refusal::explain(&e)).await
}

/// The status a form's error comes back with.
fn billing_status(e: &BillingError) -> StatusCode {
    match e {
        BillingError::BadMonth | BillingError::FutureMonth(_) | BillingError::Refused(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        _ => StatusCode::CONFLICT,
    }
}

fn money(k: i64) -> String {
    Kopecks::new(k).to_string()
}

/// «3 из 4»: days of a month, lessons attended of those held.
fn of(part: i64, whole: i64) -> String {
    text::with("billing-of", &[("part", &part.to_string()), ("whole", &whole.to_string())])
}

fn date_text(raw: &str) -> String {
    raw.parse::<Date>().map(|d| text::lang().date_long(d)).unwrap_or_else(|_| raw.to_string())
}

fn instant_text(raw: &str) -> String {
    parse_instant(raw).map(instant).unwrap_or_default()
}

/// '2026-12' as «декабрь 2026» (or «December 2026») on a page.
fn month_text(code: &str) -> String {
    billing::parse_month(code).map(|m| text::lang().month_year(m)).unwrap_or_else(|_| code.to_string())
}

/// '2026-12' as «декабрь 2026» in a document (always Russian).
fn month_ru(code: &str) -> String {
    billing::parse_month(code).map(billing::month_title).unwrap_or_else(|_| code.to_string())
}

/// «Иванов И. И.»: documents that leave the provider name a child by initials.
fn short_name(full: &str) -> String {
    FullName::parse(full).map(|n| n.short()).unwrap_or_else(|_| full.to_string())
}

// ---- the provider's applications ----

const TABS: [&str; 3] = ["waiting", "enrolled", "closed"];

fn tab_title(code: &str) -> String {
    match code {
        "waiting" => t("billing-tab-waiting"),
        "enrolled" => t("billing-tab-enrolled"),
        _ => t("billing-tab-closed"),
    }
}

/// An application's state as the provider's list shows it.
fn status_title(status: ApplicationStatus) -> String {
    match status {
        ApplicationStatus::Waitlisted => t("billing-status-waitlisted"),
        ApplicationStatus::Offered => t("billing-status-offered"),
        ApplicationStatus::Pending => t("billing-status-pending"),
        ApplicationStatus::Enrolled => t("billing-status-enrolled"),
        ApplicationStatus::Rejected => t("billing-status-rejected"),
        ApplicationStatus::Withdrawn => t("billing-status-withdrawn"),
        ApplicationStatus::OfferLapsed => t("billing-status-offer-lapsed"),
        ApplicationStatus::Ended => t("billing-status-ended"),
    }
}

struct ApplicationLine {
    id: String,
    child: String,
    program: String,
    group_id: String,
    group: String,
    schedule: String,
    dates: String,
    price: String,
    covered: String,
    status: String,
    /// A rejection's or an ending's reason, an offer's deadline.
    note: String,
    applied: String,
    may_decide: bool,
    may_end: bool,
    /// The group keeps an attendance sheet for this child.
    on_sheet: bool,
}

#[derive(Template)]
#[template(path = "billing_applications.html")]
struct ApplicationsPage {
    layout: Layout,
    csrf: String,
    tabs: Vec<(&'static str, String, bool)>,
    filter: &'static str,
    lines: Vec<ApplicationLine>,
    /// (group id, «программа — группа») of the lines' sheets.
    sheets: Vec<(String, String)>,
    notice: Option<String>,
    error: Option<String>,
    /// The date a form suggests for «последний день».
    today: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    status: String,
    done: String,
}

fn tab(raw: &str) -> &'static str {
    TABS.iter().copied().find(|c| *c == raw).unwrap_or("waiting")
}

fn application_line(l: enrollment::Line) -> ApplicationLine {
    let note = match (&l.row.reason, &l.row.offer_until) {
        (Some(r), _) => r.clone(),
        (None, Some(until)) if l.status == ApplicationStatus::Offered => {
            text::with("billing-offer-until", &[("until", &instant_text(until))])
        }
        _ => String::new(),
    };
    ApplicationLine {
        may_decide: l.may_decide(),
        may_end: l.may_end(),
        on_sheet: matches!(l.status, ApplicationStatus::Enrolled | ApplicationStatus::Ended),
        status: status_title(l.status),
        note,
        dates: format!("{} — {}", date_text(&l.row.starts_on), date_text(&l.row.ends_on)),
        price: money(l.row.price_per_month),
        covered: money(l.row.covered_per_month),
        applied: instant_text(&l.row.created_at),
        id: l.row.id,
        child: l.row.child,
        program: l.row.program,
        group_id: l.row.group_id,
        group: l.row.group_title,
        schedule: l.row.schedule,
    }
}

async fn show_applications(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    filter: &'static str,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
) -> Response {
    let lines = match enrollment::provider_lines(&s.app, actor, filter).await {
        Ok(l) => l,
        Err(DecideError::Store(e)) => return server_error(s, e.to_string()).await,
        // Only a person who is not staff is refused here, and the handlers let in staff only.
        Err(_) => return refused(s, actor, BillingError::Forbidden).await,
    };
    let lines: Vec<ApplicationLine> = lines.into_iter().map(application_line).collect();
    let mut sheets: Vec<(String, String)> = Vec::new();
    for l in lines.iter().filter(|l| l.on_sheet) {
        if !sheets.iter().any(|(id, _)| *id == l.group_id) {
            sheets.push((l.group_id.clone(), format!("{} — {}", l.program, l.group)));
        }
    }
    let (status, error) = match error {
        Some((status, e)) => (status, Some(e)),
        None => (StatusCode::OK, None),
    };
    let page = ApplicationsPage {
        layout: Layout::new(s, t("billing-applications-title"), Some(actor)).await,
        csrf,
        tabs: TABS.iter().map(|code| (*code, tab_title(code), *code == filter)).collect(),
        filter,
        lines,
        sheets,
        notice,
        error,
        today: format::date_short(s.app.clock.today()),
    };
    render(status, &page)
}

async fn applications(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Err(e) = billing::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let notice = match q.done.as_str() {
        "accepted" => Some(t("billing-done-accepted")),
        "rejected" => Some(t("billing-done-rejected")),
        "ended" => Some(t("billing-done-ended")),
        _ => None,
    };
    show_applications(&s, &actor, csrf, tab(&q.status), notice, None).await
}

/// A use case's refusal on the applications page: back to the list with the reason.
async fn decide_error(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    filter: &'static str,
    e: DecideError,
) -> Response {
    let status = match &e {
        DecideError::Store(e) => return server_error(s, e.to_string()).await,
        DecideError::NotFound => return refused(s, actor, BillingError::NotFound).await,
        DecideError::ReasonMissing | DecideError::LeaveDate { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::CONFLICT,
    };
    show_applications(s, actor, csrf, filter, None, Some((status, crate::refusal::explain(&e)))).await
}

async fn decide(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    let accept = match f.get("decision") {
        "accept" => true,
        "reject" => false,
        _ => {
            let e = t("billing-choose-decision");
            let error = Some((StatusCode::UNPROCESSABLE_ENTITY, e));
            return show_applications(&s, &actor, csrf, "waiting", None, error).await;
        }
    };
    match enrollment::decide(&s.app, &actor, &id, accept, f.get("reason")).await {
        Ok(_) if accept => Redirect::to("/org/applications?status=enrolled&done=accepted").into_response(),
        Ok(_) => Redirect::to("/org/applications?status=waiting&done=rejected").into_response(),
        Err(e) => decide_error(&s, &actor, csrf, "waiting", e).await,
    }
}

async fn end(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    let Some(last_day) = parse_date_ru(f.get("last_day")) else {
        let e = t("billing-last-day-invalid");
        let error = Some((StatusCode::UNPROCESSABLE_ENTITY, e));
        return show_applications(&s, &actor, csrf, "enrolled", None, error).await;
    };
    match enrollment::leave(&s.app, &actor, LeaveBy::Provider, &id, last_day, f.get("reason")).await {
        Ok(()) => Redirect::to("/org/applications?status=closed&done=ended").into_response(),
        Err(e) => decide_error(&s, &actor, csrf, "enrolled", e).await,
    }
}

// ---- attendance sheets ----

struct Mark {
    id: String,
    child: String,
    value: String,
}

#[derive(Template)]
#[template(path = "billing_attendance.html")]
struct AttendancePage {
    layout: Layout,
    csrf: String,
    group_id: String,
    title: String,
    month: String,
    month_title: String,
    previous: String,
    next: String,
    lessons: String,
    marks: Vec<Mark>,
    charged: bool,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SheetQuery {
    month: String,
    done: String,
}

/// The month asked for, or the current one in Moscow.
fn month_or_now(s: &WebState, raw: &str) -> Result<Date, BillingError> {
    if raw.trim().is_empty() {
        return Ok(s.app.clock.today().first_of_month());
    }
    billing::parse_month(raw)
}

/// What was typed, to show again after a refusal: the lessons and the marks by application.
type Typed<'a> = (&'a str, &'a [(String, String)]);

#[allow(clippy::too_many_arguments)]
async fn show_sheet(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    group: &str,
    month: Date,
    typed: Option<Typed<'_>>,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
) -> Response {
    let (sheet, title) = match billing::sheet(&s.app, actor, group, month).await {
        Ok(sheet) => match billing::group_title(&s.app, actor, group).await {
            Ok(t) => (sheet, t),
            Err(e) => return refused(s, actor, e).await,
        },
        Err(e) => return refused(s, actor, e).await,
    };
    let marks = sheet
        .children
        .into_iter()
        .map(|(id, child, attended)| {
            let entered = typed.and_then(|(_, m)| m.iter().find(|(k, _)| *k == id)).map(|(_, v)| v.clone());
            let value = entered.unwrap_or_else(|| attended.map(|a| a.to_string()).unwrap_or_default());
            Mark { id, child, value }
        })
        .collect();
    let lessons = match typed {
        Some((l, _)) => l.to_string(),
        None => sheet.lessons.map(|l| l.to_string()).unwrap_or_default(),
    };
    let (status, error) = match error {
        Some((status, e)) => (status, Some(e)),
        None => (StatusCode::OK, None),
    };
    let page = AttendancePage {
        layout: Layout::new(s, text::with("billing-sheet-page-title", &[("group", &title)]), Some(actor))
            .await,
        csrf,
        group_id: group.to_string(),
        title,
        month: billing::month_code(month),
        month_title: text::lang().month_year(month),
        previous: billing::month_code(month.saturating_sub(1.month())),
        next: billing::month_code(month.saturating_add(1.month())),
        lessons,
        marks,
        charged: sheet.charged,
        notice,
        error,
    };
    render(status, &page)
}

async fn attendance(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<SheetQuery>,
) -> Response {
    if let Err(e) = billing::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let month = match month_or_now(&s, &q.month) {
        Ok(m) => m,
        Err(e) => return refused(&s, &actor, e).await,
    };
    let notice = (q.done == "saved").then(|| t("billing-sheet-saved"));
    show_sheet(&s, &actor, csrf, &id, month, None, notice, None).await
}

async fn save_attendance(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    let month = match billing::parse_month(f.get("month")) {
        Ok(m) => m,
        Err(e) => return refused(&s, &actor, e).await,
    };
    let marks: Vec<(String, String)> =
        f.0.iter()
            .filter_map(|(k, v)| k.strip_prefix("attended-").map(|id| (id.to_string(), v.clone())))
            .collect();
    match billing::save_sheet(&s.app, &actor, &id, month, f.get("lessons"), &marks).await {
        Ok(()) => {
            let to = format!("/org/groups/{id}/attendance?month={}&done=saved", billing::month_code(month));
            Redirect::to(&to).into_response()
        }
        Err(e @ (BillingError::Store(_) | BillingError::NotFound | BillingError::Forbidden)) => {
            refused(&s, &actor, e).await
        }
        Err(e) => {
            let error = Some((billing_status(&e), crate::refusal::explain(&e)));
            let typed = Some((f.get("lessons"), marks.as_slice()));
            show_sheet(&s, &actor, csrf, &id, month, typed, None, error).await
        }
    }
}

// ---- invoices ----

/// An invoice's state in `lang`: the page's, or Russian on the invoice's documents.
fn invoice_status(lang: Lang, code: &str) -> String {
    match code {
        "issued" => lang.t("billing-invoice-issued-state"),
        "approved" => lang.t("billing-invoice-approved-state"),
        "exported" => lang.t("billing-invoice-exported-state"),
        _ => String::new(),
    }
}

struct InvoiceRow {
    id: String,
    number: String,
    provider: String,
    month: String,
    charges: i64,
    total: String,
    status: String,
    may_approve: bool,
}

fn invoice_row(i: &Invoice) -> InvoiceRow {
    InvoiceRow {
        id: i.id.clone(),
        number: i.number.clone(),
        provider: i.organization.clone(),
        month: month_text(&i.month),
        charges: i.charges,
        total: money(i.total),
        status: invoice_status(text::lang(), &i.status),
        may_approve: i.status == "issued",
    }
}

#[derive(Template)]
#[template(path = "billing_invoices.html")]
struct InvoicesPage {
    layout: Layout,
    invoices: Vec<InvoiceRow>,
}

async fn provider_invoices(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    match billing::provider_invoices(&s.app, &actor).await {
        Ok(list) => {
            let page = InvoicesPage {
                layout: Layout::new(&s, t("billing-invoices-title"), Some(&actor)).await,
                invoices: list.iter().map(invoice_row).collect(),
            };
            render(StatusCode::OK, &page)
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

struct LineRow {
    child: String,
    certificate: String,
    program: String,
    group: String,
    days: String,
    lessons: String,
    amount: String,
    reversed: bool,
    /// The charge's ledger entry, for a reversal.
    entry: Option<String>,
}

#[derive(Template)]
#[template(path = "billing_invoice.html")]
struct InvoicePage {
    layout: Layout,
    csrf: String,
    id: String,
    number: String,
    provider: String,
    month: String,
    status: String,
    issued: String,
    approved: String,
    exported: String,
    total: String,
    lines: Vec<LineRow>,
    /// The actor bills (sees approval and reversals).
    operator: bool,
    may_approve: bool,
    may_reverse: bool,
    back: &'static str,
    notice: Option<String>,
    error: Option<String>,
}

/// An invoice is shown to its provider and to the operators over it; to anyone else it does
/// not exist.
fn unseen(e: BillingError) -> BillingError {
    match e {
        BillingError::Forbidden => BillingError::NotFound,
        e => e,
    }
}

async fn show_invoice(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
) -> Response {
    let (i, lines) = match billing::invoice(&s.app, actor, id).await {
        Ok(found) => found,
        Err(e) => return refused(s, actor, unseen(e)).await,
    };
    let operator = billing::authorize_operator(actor).is_ok();
    let lines = lines
        .into_iter()
        .map(|l| LineRow {
            child: short_name(&l.child),
            certificate: l.certificate_number.clone().unwrap_or_default(),
            days: of(l.days, l.of_days),
            lessons: match (l.attended, l.lessons) {
                (Some(a), Some(p)) => of(a, p),
                _ => "—".into(),
            },
            amount: money(l.amount),
            reversed: l.reversed > 0,
            entry: l.entry_id.filter(|_| l.reversed == 0),
            program: l.program,
            group: l.group_title,
        })
        .collect();
    let (status, error) = match error {
        Some((status, e)) => (status, Some(e)),
        None => (StatusCode::OK, None),
    };
    let page = InvoicePage {
        layout: Layout::new(s, text::with("billing-invoice-title", &[("number", &i.number)]), Some(actor))
            .await,
        csrf,
        id: i.id.clone(),
        number: i.number.clone(),
        provider: i.organization.clone(),
        month: month_text(&i.month),
        status: invoice_status(text::lang(), &i.status),
        issued: instant_text(&i.created_at),
        approved: i.approved_at.as_deref().map(instant_text).unwrap_or_default(),
        exported: i.exported_at.as_deref().map(instant_text).unwrap_or_default(),
        total: money(i.total),
        lines,
        operator,
        may_approve: operator && i.status == "issued",
        may_reverse: operator && i.status != "exported",
        back: if operator { "/moc/billing" } else { "/org/invoices" },
        notice,
        error,
    };
    render(status, &page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    done: String,
}

async fn invoice(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let notice = match q.done.as_str() {
        "approved" => Some(t("billing-done-approved")),
        "reversed" => Some(t("billing-done-reversed")),
        _ => None,
    };
    show_invoice(&s, &actor, csrf, &id, notice, None).await
}

fn party(r: Requisites) -> Party {
    Party {
        name: r.name,
        inn: r.inn,
        kpp: r.kpp,
        bank_name: r.bank_name,
        bik: r.bik,
        account: r.account,
        correspondent_account: r.correspondent_account,
    }
}

fn doc_line(l: InvoiceLine) -> docs::InvoiceLine {
    let small = |n: i64| i8::try_from(n).unwrap_or(i8::MAX);
    let count = |n: i64| i32::try_from(n).unwrap_or(i32::MAX);
    docs::InvoiceLine {
        child: short_name(&l.child),
        certificate_number: l.certificate_number.unwrap_or_default(),
        program: l.program,
        group: l.group_title,
        days: small(l.days),
        of_days: small(l.of_days),
        lessons: l.attended.zip(l.lessons).map(|(a, p)| (count(a), count(p))),
        amount: Kopecks::new(l.amount),
    }
}

/// The invoice as its documents print it: the lines it still charges (reversed ones left it).
fn invoice_doc(i: Invoice, lines: Vec<InvoiceLine>, p: Parties) -> Result<InvoiceDoc, String> {
    let month = billing::parse_month(&i.month).map_err(|e| e.to_string())?;
    let issued_at = parse_instant(&i.created_at).map_err(|e| e.to_string())?;
    Ok(InvoiceDoc {
        number: i.number,
        month,
        issued_at,
        provider: party(p.provider),
        payer: party(p.payer),
        municipality: p.municipality,
        status: capitalize(&invoice_status(Lang::Ru, &i.status)),
        lines: lines.into_iter().filter(|l| l.reversed == 0).map(doc_line).collect(),
        total: Kopecks::new(i.total),
    })
}

/// «2026-12/1» → «invoice-2026-12-1»: an ASCII file name.
fn file_stem(prefix: &str, number: &str) -> String {
    let tail: String = number.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{tail}")
}

fn download(content_type: &str, filename: &str, bytes: Vec<u8>, inline: bool) -> Response {
    let disposition = if inline { "inline" } else { "attachment" };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Clone, Copy, PartialEq, Eq)]
enum InvoiceFormat {
    Pdf,
    Xlsx,
}

async fn invoice_file(s: &WebState, actor: &Actor, id: &str, format: InvoiceFormat) -> Response {
    let (i, lines) = match billing::invoice(&s.app, actor, id).await {
        Ok(found) => found,
        Err(e) => return refused(s, actor, unseen(e)).await,
    };
    let parties = match billing::parties(&s.app, actor, &i).await {
        Ok(p) => p,
        Err(e) => return refused(s, actor, unseen(e)).await,
    };
    let stem = file_stem("invoice", &i.number);
    let doc = match invoice_doc(i, lines, parties) {
        Ok(d) => d,
        Err(e) => return server_error(s, e).await,
    };
    // Documents of hundreds of lines take a while: off the async threads.
    let made = tokio::task::spawn_blocking(move || match format {
        InvoiceFormat::Pdf => docs::invoice_pdf(&doc).map_err(|e| e.to_string()),
        InvoiceFormat::Xlsx => docs::invoice_xlsx(&doc).map_err(|e| e.to_string()),
    })
    .await;
    match made {
        Ok(Ok(bytes)) if format == InvoiceFormat::Pdf => {
            download("application/pdf", &format!("{stem}.pdf"), bytes, true)
        }
        Ok(Ok(bytes)) => download(XLSX, &format!("{stem}.xlsx"), bytes, false),
        Ok(Err(e)) => server_error(s, e).await,
        Err(e) => server_error(s, e.to_string()).await,
    }
}

async fn invoice_pdf(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    invoice_file(&s, &actor, &id, InvoiceFormat::Pdf).await
}

async fn invoice_xlsx(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    invoice_file(&s, &actor, &id, InvoiceFormat::Xlsx).await
}

async fn approve(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    let from_overview = Pairs(f).get("back") == "moc";
    match billing::approve(&s.app, &actor, &id).await {
        Ok(()) if from_overview => Redirect::to("/moc/billing?done=approved").into_response(),
        Ok(()) => Redirect::to(&format!("/invoices/{id}?done=approved")).into_response(),
        Err(e @ (BillingError::Store(_) | BillingError::NotFound | BillingError::Forbidden)) => {
            refused(&s, &actor, e).await
        }
        Err(e) => {
            let error = Some((billing_status(&e), crate::refusal::explain(&e)));
            if from_overview {
                show_overview(&s, &actor, csrf, None, None, error).await
            } else {
                show_invoice(&s, &actor, csrf, &id, None, error).await
            }
        }
    }
}

async fn reverse(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    // The entry must be a line of this invoice: a form of one invoice cannot reverse another's.
    let (_, lines) = match billing::invoice(&s.app, &actor, &id).await {
        Ok(found) => found,
        Err(e) => return refused(&s, &actor, unseen(e)).await,
    };
    let entry = f.get("entry");
    if entry.is_empty() || !lines.iter().any(|l| l.entry_id.as_deref() == Some(entry)) {
        return refused(&s, &actor, BillingError::NotFound).await;
    }
    match billing::reverse_charge(&s.app, &actor, entry, f.get("why")).await {
        Ok(()) => Redirect::to(&format!("/invoices/{id}?done=reversed")).into_response(),
        Err(e @ (BillingError::Store(_) | BillingError::NotFound | BillingError::Forbidden)) => {
            refused(&s, &actor, e).await
        }
        Err(e) => {
            let error = Some((billing_status(&e), crate::refusal::explain(&e)));
            show_invoice(&s, &actor, csrf, &id, None, error).await
        }
    }
}

// ---- the operator's billing ----

struct RunRow {
    month: String,
    status: String,
    charged: i64,
    total: String,
    started: String,
    finished: String,
}

struct ExportRow {
    /// The export's instant, as the download links repeat it.
    at: String,
    /// When, how many invoices and their sum, in words.
    summary: String,
}

#[derive(Template)]
#[template(path = "billing_moc.html")]
struct OverviewPage {
    layout: Layout,
    csrf: String,
    month: String,
    runs: Vec<RunRow>,
    invoices: Vec<InvoiceRow>,
    approved: usize,
    exports: Vec<ExportRow>,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OverviewQuery {
    done: String,
    run: String,
}

async fn show_overview(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    month: Option<String>,
    notice: Option<String>,
    error: Option<(StatusCode, String)>,
) -> Response {
    let (runs, invoices) = match billing::overview(&s.app, actor).await {
        Ok(found) => found,
        Err(e) => return refused(s, actor, e).await,
    };
    let mut exports: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for i in &invoices {
        if let Some(at) = i.exported_at.as_deref() {
            let e = exports.entry(at).or_default();
            e.0 += 1;
            e.1 += i.total;
        }
    }
    let exports = exports
        .into_iter()
        .rev()
        .map(|(at, (count, total))| {
            let invoices = text::tn("billing-export-invoices", count as i64);
            let args = [("when", &*instant_text(at)), ("invoices", &*invoices), ("total", &*money(total))];
            ExportRow { at: at.to_string(), summary: text::with("billing-export-summary", &args) }
        })
        .collect();
    let runs = runs
        .iter()
        .map(|r| RunRow {
            month: month_text(&r.month),
            status: if r.status == "done" { t("billing-run-done") } else { t("billing-run-going") },
            charged: r.charged,
            total: money(r.total),
            started: instant_text(&r.started_at),
            finished: r.finished_at.as_deref().map(instant_text).unwrap_or_default(),
        })
        .collect();
    let (status, error) = match error {
        Some((status, e)) => (status, Some(e)),
        None => (StatusCode::OK, None),
    };
    let page = OverviewPage {
        layout: Layout::new(s, t("billing-moc-title"), Some(actor)).await,
        csrf,
        month: month.unwrap_or_else(|| billing::month_code(s.app.clock.today())),
        runs,
        approved: invoices.iter().filter(|i| i.status == "approved").count(),
        invoices: invoices.iter().map(invoice_row).collect(),
        exports,
        notice,
        error,
    };
    render(status, &page)
}

async fn overview(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<OverviewQuery>,
) -> Response {
    let notice = match q.done.as_str() {
        "run" => Some(run_notice(&s, &actor, &q.run).await),
        "running" => Some(t("billing-done-running")),
        "approved" => Some(t("billing-done-approved")),
        _ => None,
    };
    show_overview(&s, &actor, csrf, None, notice, None).await
}

/// What a finished run did, read back after the redirect.
async fn run_notice(s: &WebState, actor: &Actor, run: &str) -> String {
    let Ok((runs, invoices)) = billing::overview(&s.app, actor).await else { return String::new() };
    let Some(r) = runs.iter().find(|r| r.id == run) else {
        return t("billing-done-run");
    };
    let issued = invoices.iter().filter(|i| i.run_id == r.id).count();
    let (month, contracts, total, issued) =
        (month_text(&r.month), r.charged.to_string(), money(r.total), issued.to_string());
    let args = [("month", &*month), ("contracts", &*contracts), ("total", &*total), ("invoices", &*issued)];
    text::with("billing-done-run-month", &args)
}

/// How long the page waits for a run before answering that it goes on: a small region's run is
/// done by then; a large one (a million contracts take about a minute) goes on in its own task
/// after the answer, and the page shows its progress.
const RUN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Starts the run in a task of its own, so that neither the request's timeout nor a closed
/// browser stops it; `None` when it was still going after [`RUN_WAIT`].
async fn run_in_background(
    s: &WebState,
    actor: &Actor,
    month: jiff::civil::Date,
) -> Result<Option<billing::RunReport>, BillingError> {
    let (app, actor) = (s.app.clone(), actor.clone());
    let task =
        tokio::spawn(
            async move { billing::run(&app, Some(&actor), month, billing::RunOptions::default()).await },
        );
    match tokio::time::timeout(RUN_WAIT, task).await {
        Ok(Ok(done)) => done.map(Some),
        Ok(Err(panicked)) => {
            Err(BillingError::Store(dopcert_store::StoreError::Corrupt(if panicked.is_panic() {
                "the billing run panicked"
            } else {
                "the billing run was cancelled"
            })))
        }
        Err(_) => Ok(None),
    }
}

async fn run(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    let typed = f.get("month").trim().to_string();
    let done = match billing::parse_month(&typed) {
        Ok(month) => run_in_background(&s, &actor, month).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(Some(r)) => Redirect::to(&format!("/moc/billing?done=run&run={}", r.run_id)).into_response(),
        Ok(None) => Redirect::to("/moc/billing?done=running").into_response(),
        Err(e @ (BillingError::Store(_) | BillingError::Forbidden)) => refused(&s, &actor, e).await,
        Err(e) => {
            let error = Some((billing_status(&e), crate::refusal::explain(&e)));
            show_overview(&s, &actor, csrf, Some(typed), None, error).await
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OrdersFormat {
    Xlsx,
    OneC,
}

fn orders_format(raw: &str) -> Option<OrdersFormat> {
    match raw {
        "xlsx" => Some(OrdersFormat::Xlsx),
        "1c" => Some(OrdersFormat::OneC),
        _ => None,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OrdersQuery {
    format: String,
    at: String,
}

/// The payment orders of an export, numbered from 1, dated the export's Moscow day.
fn payment_orders(
    at: jiff::Timestamp,
    invoices: &[Invoice],
    payer: Requisites,
    payees: Vec<Requisites>,
) -> Vec<PaymentOrder> {
    let payer = party(payer);
    invoices
        .iter()
        .zip(payees)
        .filter(|(i, _)| i.total > 0)
        .enumerate()
        .map(|(n, (i, payee))| PaymentOrder {
            number: n as u32 + 1,
            date: moscow_date(at),
            amount: Kopecks::new(i.total),
            payer: payer.clone(),
            payee: party(payee),
            purpose: format!(
                "Оплата услуг дополнительного образования по сертификатам за {}, счёт № {}. Без НДС",
                month_ru(&i.month),
                i.number
            ),
        })
        .collect()
}

/// An export (new, or `again` at an earlier instant) as the file asked for.
async fn orders_file(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    again: Option<&str>,
    format: OrdersFormat,
) -> Response {
    let (at, invoices) = match billing::payment_orders(&s.app, actor, again).await {
        Ok(found) => found,
        Err(e @ (BillingError::Store(_) | BillingError::Forbidden)) => return refused(s, actor, e).await,
        Err(e) => {
            let error = Some((billing_status(&e), crate::refusal::explain(&e)));
            return show_overview(s, actor, csrf, None, None, error).await;
        }
    };
    let (payer, payees) = match billing::payees(&s.app, actor, &invoices).await {
        Ok(p) => p,
        Err(e) => return refused(s, actor, e).await,
    };
    let at = match parse_instant(&at) {
        Ok(t) => t,
        Err(e) => return server_error(s, e.to_string()).await,
    };
    let orders = payment_orders(at, &invoices, payer, payees);
    let day = moscow_date(at).strftime("%Y%m%d").to_string();
    match format {
        OrdersFormat::Xlsx => {
            match tokio::task::spawn_blocking(move || docs::payment_orders_xlsx(&orders)).await {
                Ok(Ok(bytes)) => download(XLSX, &format!("payment-orders-{day}.xlsx"), bytes, false),
                Ok(Err(e)) => server_error(s, e.to_string()).await,
                Err(e) => server_error(s, e.to_string()).await,
            }
        }
        OrdersFormat::OneC => {
            let bytes = docs::client_bank_exchange(&orders, at);
            download("application/octet-stream", &format!("payment-orders-{day}.txt"), bytes, false)
        }
    }
}

/// Exports the approved invoices as payment orders and gives the file at once.
async fn export_orders(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<OrdersQuery>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = billing::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    let f = Pairs(f);
    let raw = if f.get("format").is_empty() { q.format.as_str() } else { f.get("format") };
    let Some(format) = orders_format(raw) else {
        let error = Some((StatusCode::UNPROCESSABLE_ENTITY, t("billing-choose-format")));
        return show_overview(&s, &actor, csrf, None, None, error).await;
    };
    orders_file(&s, &actor, csrf, None, format).await
}

/// An earlier export, downloaded again (nothing changes).
async fn orders_again(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<OrdersQuery>,
) -> Response {
    if let Err(e) = billing::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    match (q.at.trim(), orders_format(&q.format)) {
        ("", _) | (_, None) => Redirect::to("/moc/billing").into_response(),
        (at, Some(format)) => orders_file(&s, &actor, csrf, Some(at), format).await,
    }
}
