//! Reports as XLSX for the back office (issue 7). A report is written row by row into a
//! worksheet in rust_xlsxwriter's constant-memory mode (rows go to a temporary file as they are
//! read, a page of the registry at a time), zipped into an unnamed temporary file and streamed
//! from it: a registry of a million rows never sits in memory whole.
//!
//! The registry of certificates can take minutes for a whole region. A download that has not
//! got its file within `WAIT` answers «отчёт готовится» and the writing goes on; the file then
//! waits for its reader on the page of reports (`ReportJobs`, on this server, for `KEEP`).

use std::io::{Seek, SeekFrom};

use askama::Template;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dopcert_app::auth::Actor;
use dopcert_app::reports::{self, ReportError, Scope};
use dopcert_domain::certificate::{CertificateNumber, Channel, Status};
use dopcert_domain::format;
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::Direction;
use dopcert_domain::snils::Snils;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{render, server_error, Message};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::CurrentUser;
use crate::text::t;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/moc/reports", page)
        .get("/moc/reports/certificates.xlsx", certificates)
        .get("/moc/reports/files/{id}", prepared)
        .get("/moc/reports/programs.xlsx", programs)
        .get("/moc/reports/enrollments.xlsx", enrollments)
        .get("/moc/reports/money.xlsx", money)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    layout: Layout,
    with_snils: bool,
    regional: bool,
    prepared: Vec<PreparedRow>,
}

/// How long a download waits for its file before answering that it is being prepared (under
/// the server's 30 s limit for an answer to begin).
const WAIT: std::time::Duration = std::time::Duration::from_secs(20);
/// How long a prepared file waits for its reader.
const KEEP: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// A report still being written after its download gave up waiting, or written and not yet
/// downloaded: whose it is, and the file (an unnamed temporary file, gone once dropped).
pub(crate) struct ReportJob {
    owner: String,
    /// What the report is (its kind, not shown as such: [`job_title`] names it).
    title: &'static str,
    filename: &'static str,
    started: jiff::Timestamp,
    since: std::time::Instant,
    file: Option<Result<std::fs::File, String>>,
}

/// This server's prepared reports by id.
pub(crate) type ReportJobs = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, ReportJob>>>;

struct PreparedRow {
    id: String,
    title: String,
    started: String,
    state: String,
    ready: bool,
}

/// A prepared report's name on the page.
fn job_title(kind: &str) -> String {
    match kind {
        k if k == REGISTRY.0 => t("reports-certificates"),
        k => k.to_string(),
    }
}

/// The actor's prepared reports, the expired ones forgotten.
fn prepared_of(s: &WebState, actor: &Actor) -> Vec<PreparedRow> {
    let mut jobs = s.reports.lock().unwrap_or_else(|e| e.into_inner());
    jobs.retain(|_, j| j.since.elapsed() < KEEP);
    let mut rows: Vec<_> = jobs
        .iter()
        .filter(|(_, j)| j.owner == actor.account_id.as_str())
        .map(|(id, j)| PreparedRow {
            id: id.clone(),
            title: job_title(j.title),
            started: crate::text::instant(j.started),
            state: match &j.file {
                None => t("reports-state-building"),
                Some(Ok(_)) => t("reports-state-ready"),
                Some(Err(_)) => t("reports-state-failed"),
            },
            ready: matches!(j.file, Some(Ok(_))),
        })
        .collect();
    rows.sort_by(|a, b| b.started.cmp(&a.started));
    rows
}

async fn forbidden(s: &WebState, actor: &Actor) -> Response {
    let page = Message {
        layout: Layout::new(s, t("reports-forbidden"), Some(actor)).await,
        heading: t("reports-forbidden"),
        text: crate::refusal::explain(&ReportError::Forbidden),
    };
    render(StatusCode::FORBIDDEN, &page)
}

async fn page(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let Ok(scope) = reports::scope(&actor) else { return forbidden(&s, &actor).await };
    let page = ReportsPage {
        layout: Layout::new(&s, t("reports-title"), Some(&actor)).await,
        with_snils: scope.with_snils,
        regional: scope.municipality.is_none(),
        prepared: prepared_of(&s, &actor),
    };
    render(StatusCode::OK, &page)
}

/// The registry's kind (a prepared report's) and its file's name.
const REGISTRY: (&str, &str) = ("certificates", "reestr-sertifikatov.xlsx");

async fn certificates(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let Ok(scope) = reports::scope(&actor) else { return forbidden(&s, &actor).await };
    let owner = actor.account_id.to_string();
    let busy = {
        let jobs = s.reports.lock().unwrap_or_else(|e| e.into_inner());
        jobs.values().any(|j| j.owner == owner && j.title == REGISTRY.0 && j.file.is_none())
    };
    if busy {
        return preparing(&s, &actor, &t("reports-registry-busy")).await;
    }
    let mut build = tokio::spawn({
        let s = s.clone();
        async move { certificates_file(&s, &scope).await }
    });
    // Zero: never wait (always prepared on the page of reports).
    let wait = s.config.report_wait.unwrap_or(WAIT);
    let waited = if wait.is_zero() { None } else { tokio::time::timeout(wait, &mut build).await.ok() };
    match waited {
        Some(Ok(Ok(file))) => stream(file, REGISTRY.1),
        Some(Ok(Err(e))) => server_error(&s, e).await,
        Some(Err(e)) => server_error(&s, e.to_string()).await,
        None => {
            keep_writing(&s, owner, REGISTRY, build);
            preparing(&s, &actor, &t("reports-registry-building")).await
        }
    }
}

/// Lets the writing go on and keeps its file for the owner.
fn keep_writing(
    s: &WebState,
    owner: String,
    (title, filename): (&'static str, &'static str),
    build: tokio::task::JoinHandle<Result<std::fs::File, String>>,
) {
    let id = uuid::Uuid::now_v7().to_string();
    let job = ReportJob {
        owner,
        title,
        filename,
        started: s.app.clock.now(),
        since: std::time::Instant::now(),
        file: None,
    };
    s.reports.lock().unwrap_or_else(|e| e.into_inner()).insert(id.clone(), job);
    let jobs = s.reports.clone();
    tokio::spawn(async move {
        let done = build.await.unwrap_or_else(|e| Err(e.to_string()));
        if let Err(e) = &done {
            tracing::error!(error = %e, "a prepared report failed");
        }
        if let Some(j) = jobs.lock().unwrap_or_else(|e| e.into_inner()).get_mut(&id) {
            j.file = Some(done);
        }
    });
}

/// «Отчёт готовится»: 202, with the way to the page where it will be.
async fn preparing(s: &WebState, actor: &Actor, heading: &str) -> Response {
    let page = Message {
        layout: Layout::new(s, heading, Some(actor)).await,
        heading: heading.into(),
        text: t("reports-preparing-text"),
    };
    render(StatusCode::ACCEPTED, &page)
}

/// A prepared report, once, to its owner; anyone else (or a second time) is told it is not there.
async fn prepared(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Response {
    if reports::scope(&actor).is_err() {
        return forbidden(&s, &actor).await;
    }
    let taken = {
        let mut jobs = s.reports.lock().unwrap_or_else(|e| e.into_inner());
        let mine = jobs.get(&id).is_some_and(|j| j.owner == actor.account_id.as_str() && j.file.is_some());
        if mine {
            jobs.remove(&id)
        } else {
            None
        }
    };
    match taken {
        Some(ReportJob { file: Some(Ok(file)), filename, .. }) => stream(file, filename),
        _ => {
            let page = Message {
                layout: Layout::new(&s, t("reports-gone"), Some(&actor)).await,
                heading: t("reports-gone"),
                text: t("reports-gone-text"),
            };
            render(StatusCode::NOT_FOUND, &page)
        }
    }
}

/// A cell of a small report.
pub(super) enum Cell {
    Text(String),
    Count(i64),
    Rubles(i64),
    /// A share in per cent (shown as 63,4 %).
    Percent(f64),
}

/// A report read whole (a few thousand rows at most), as one sheet.
pub(super) async fn table(
    sheet_name: &str,
    columns: &[(&str, f64)],
    rows: Vec<Vec<Cell>>,
) -> Result<std::fs::File, String> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory();
    sheet.set_name(sheet_name).map_err(text)?;
    header(sheet, columns).map_err(text)?;
    let money = Format::new().set_num_format("# ##0.00");
    let percent = Format::new().set_num_format("0.0%");
    for (r, cells) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => sheet.write_string(r, c, t),
                Cell::Count(n) => sheet.write_number(r, c, *n as f64),
                Cell::Rubles(k) => sheet.write_number_with_format(r, c, rubles(*k), &money),
                Cell::Percent(p) => sheet.write_number_with_format(r, c, p / 100.0, &percent),
            }
            .map_err(text)?;
        }
    }
    finish(book).await
}

/// Downloads a small report built by `rows` in the actor's scope.
async fn small_report<F, Fut>(
    s: &WebState,
    actor: &Actor,
    file: (&str, &str),
    columns: &[(&str, f64)],
    rows: F,
) -> Response
where
    F: FnOnce(Scope) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<Vec<Cell>>, ReportError>>,
{
    let Ok(scope) = reports::scope(actor) else { return forbidden(s, actor).await };
    let (sheet, filename) = file;
    let built = match rows(scope).await {
        Ok(rows) => table(sheet, columns, rows).await,
        Err(e) => Err(e.to_string()),
    };
    match built {
        Ok(f) => stream(f, filename),
        Err(e) => server_error(s, e).await,
    }
}

async fn programs(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let columns = [
        ("Программа", 40.0),
        ("Организация", 30.0),
        ("ИНН", 14.0),
        ("Муниципалитет", 22.0),
        ("Направленность", 24.0),
        ("Возраст", 10.0),
        ("Сертифицирована до", 18.0),
        ("Групп", 8.0),
        ("Мест", 8.0),
        ("Занято", 8.0),
    ];
    let app = s.app.clone();
    small_report(&s, &actor, ("Программы", "reestr-programm.xlsx"), &columns, |scope| async move {
        let lines = reports::programs(&app, &scope).await?;
        Ok(lines
            .into_iter()
            .map(|l| {
                let direction =
                    Direction::parse(&l.direction).map_or(l.direction.clone(), |d| d.title().to_string());
                vec![
                    Cell::Text(l.title),
                    Cell::Text(l.organization),
                    Cell::Text(l.inn),
                    Cell::Text(l.municipality),
                    Cell::Text(direction),
                    Cell::Text(format!("{}–{}", l.age_min, l.age_max)),
                    Cell::Text(l.certified_until.unwrap_or_default()),
                    Cell::Count(l.groups),
                    Cell::Count(l.seats),
                    Cell::Count(l.seats_taken),
                ]
            })
            .collect())
    })
    .await
}

async fn enrollments(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let columns = [
        ("Организация", 30.0),
        ("ИНН", 14.0),
        ("Муниципалитет", 22.0),
        ("Обучаются", 11.0),
        ("Ждут решения", 13.0),
        ("В листе ожидания", 16.0),
        ("Закончили", 11.0),
        ("Отклонены, отозваны", 18.0),
    ];
    let app = s.app.clone();
    small_report(&s, &actor, ("Зачисления", "zachisleniya.xlsx"), &columns, |scope| async move {
        let lines = reports::enrollments(&app, &scope).await?;
        Ok(lines
            .into_iter()
            .map(|l| {
                vec![
                    Cell::Text(l.organization),
                    Cell::Text(l.inn),
                    Cell::Text(l.municipality),
                    Cell::Count(l.enrolled),
                    Cell::Count(l.pending),
                    Cell::Count(l.waitlisted),
                    Cell::Count(l.ended),
                    Cell::Count(l.other),
                ]
            })
            .collect())
    })
    .await
}

async fn money(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    let columns = [
        ("Месяц", 10.0),
        ("Организация", 30.0),
        ("ИНН", 14.0),
        ("Муниципалитет", 22.0),
        ("Договоров", 11.0),
        ("Начислено, ₽", 16.0),
    ];
    let app = s.app.clone();
    small_report(&s, &actor, ("Деньги", "dengi-po-postavshchikam.xlsx"), &columns, |scope| async move {
        let lines = reports::money(&app, &scope).await?;
        Ok(lines
            .into_iter()
            .map(|l| {
                vec![
                    Cell::Text(l.month),
                    Cell::Text(l.organization),
                    Cell::Text(l.inn),
                    Cell::Text(l.municipality),
                    Cell::Count(l.contracts),
                    Cell::Rubles(l.amount),
                ]
            })
            .collect())
    })
    .await
}

/// Streams a finished file; it has no name on disk and is gone once closed.
pub(super) fn stream(file: std::fs::File, filename: &str) -> Response {
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file)));
    (
        [
            (header::CONTENT_TYPE, XLSX.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

const CERTIFICATE_COLUMNS: [(&str, f64); 9] = [
    ("Номер сертификата", 18.0),
    ("Ребёнок", 34.0),
    ("СНИЛС", 16.0),
    ("Муниципалитет", 22.0),
    ("Статус", 16.0),
    ("Как выдан", 26.0),
    ("Выдан (МСК)", 20.0),
    ("Доступно, ₽", 14.0),
    ("Зарезервировано, ₽", 18.0),
];

/// The registry of certificates in number order, page by page.
async fn certificates_file(s: &WebState, scope: &Scope) -> Result<std::fs::File, String> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet_with_constant_memory();
    sheet.set_name("Сертификаты").map_err(text)?;
    header(sheet, &CERTIFICATE_COLUMNS).map_err(text)?;
    let money = Format::new().set_num_format("# ##0.00");
    let (mut row, mut after) = (1u32, String::new());
    loop {
        let page = reports::certificates_page(&s.app, scope, &after, reports::PAGE).await.map_err(text)?;
        for l in &page {
            let number =
                CertificateNumber::parse(&l.number).map_or_else(|_| l.number.clone(), |n| n.to_string());
            let snils = l.snils.as_deref().and_then(|v| Snils::parse(v).ok()).map(|v| v.to_string());
            let status = Status::parse(&l.status).map_or_else(|| l.status.clone(), |v| v.title().to_string());
            let channel =
                Channel::parse(&l.channel).map_or_else(|| l.channel.clone(), |v| v.title().to_string());
            let issued = l.issued_at.parse::<jiff::Timestamp>().map(format::instant).unwrap_or_default();
            sheet.write_string(row, 0, number).map_err(text)?;
            sheet.write_string(row, 1, &l.child).map_err(text)?;
            sheet.write_string(row, 2, snils.unwrap_or_default()).map_err(text)?;
            sheet.write_string(row, 3, &l.municipality).map_err(text)?;
            sheet.write_string(row, 4, status).map_err(text)?;
            sheet.write_string(row, 5, channel).map_err(text)?;
            sheet.write_string(row, 6, issued).map_err(text)?;
            sheet.write_number_with_format(row, 7, rubles(l.available), &money).map_err(text)?;
            sheet.write_number_with_format(row, 8, rubles(l.held), &money).map_err(text)?;
            row += 1;
        }
        match page.last() {
            Some(last) if page.len() as i64 == reports::PAGE => after = last.number.clone(),
            _ => break,
        }
    }
    finish(book).await
}

fn rubles(kopecks: i64) -> f64 {
    Kopecks::new(kopecks).get() as f64 / 100.0
}

fn header(sheet: &mut Worksheet, columns: &[(&str, f64)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, (title, width)) in columns.iter().enumerate() {
        sheet.set_column_width(i as u16, *width)?;
        sheet.write_string_with_format(0, i as u16, *title, &bold)?;
    }
    Ok(())
}

/// Zips the workbook into an unnamed temporary file (on a blocking thread: a large one takes a
/// while) and rewinds it.
async fn finish(mut book: Workbook) -> Result<std::fs::File, String> {
    tokio::task::spawn_blocking(move || {
        let mut file = tempfile::tempfile().map_err(text)?;
        book.save_to_writer(&mut file).map_err(text)?;
        file.seek(SeekFrom::Start(0)).map_err(text)?;
        Ok(file)
    })
    .await
    .map_err(text)?
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}
