//! «Загрузка учеников»: a school's clerk uploads the pupils file, sees every row's problems,
//! and confirms a clean file.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dopcert_app::import::{self, ImportError, Imported, Preview, RowEffect, RowProblem};

use super::{render, server_error};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/import", form)
        .post("/org/import", upload)
        .post("/org/import/{batch}", confirm)
        .get("/org/import/{batch}/progress", progress)
        .post("/org/pupils", add_one)
        // Room for the largest accepted file plus the form's other fields.
        .map_router(|r| r.layer(DefaultBodyLimit::max(import::MAX_FILE_BYTES + 64 * 1024)))
}

/// Files with more rows than this are written in the background, with a progress page.
const LARGE: usize = 1_000;

/// An import running in the background on this server.
#[derive(Default)]
pub(crate) struct ImportJob {
    progress: import::Progress,
    /// The error kept whole, so that the progress page explains it in its reader's language.
    result: std::sync::Mutex<Option<Result<Imported, std::sync::Arc<ImportError>>>>,
}

pub(crate) type ImportJobs =
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<ImportJob>>>>;

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
    csrf: String,
    error: Option<String>,
    preview: Option<PreviewView>,
    done: Option<Imported>,
    /// Rows written and rows in all, while a large import runs; the page refreshes itself.
    running: Option<(usize, usize)>,
}

struct RowView {
    line: usize,
    name: String,
    effect: String,
    problems: String,
}

struct PreviewView {
    batch_id: Option<String>,
    file_name: String,
    new: usize,
    updated: usize,
    with_problems: usize,
    rows: Vec<RowView>,
}

/// A row's problems in the page's language, as one line: «не указан класс; дата рождения: …».
/// Each is a clause, lowercase but for an abbreviation («СНИЛС: …»), as the app words them.
fn problems(list: &[RowProblem]) -> String {
    list.iter().map(|p| text::clause(&crate::refusal::explain(p))).collect::<Vec<_>>().join("; ")
}

fn view(p: Preview) -> PreviewView {
    let rows = p
        .rows
        .into_iter()
        .map(|r| RowView {
            line: r.checked.line,
            name: r.checked.pupil_name,
            effect: match r.effect {
                Some(RowEffect::New) if r.checked.problems.is_empty() => t("import-effect-new"),
                Some(RowEffect::Update) if r.checked.problems.is_empty() => t("import-effect-update"),
                _ => t("import-effect-error"),
            },
            problems: problems(&r.checked.problems),
        })
        .collect();
    PreviewView {
        batch_id: p.batch_id,
        file_name: p.file_name,
        new: p.new,
        updated: p.updated,
        with_problems: p.with_problems,
        rows,
    }
}

async fn page(
    s: &WebState,
    actor: &dopcert_app::auth::Actor,
    csrf: String,
    status: StatusCode,
    error: Option<String>,
    preview: Option<PreviewView>,
    done: Option<Imported>,
) -> Response {
    let layout = Layout::new(s, t("import-title"), Some(actor)).await;
    render(status, &ImportPage { layout, csrf, error, preview, done, running: None })
}

async fn form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    if import::authorize(&actor).is_err() {
        return forbidden(&s, &actor, csrf).await;
    }
    page(&s, &actor, csrf, StatusCode::OK, None, None, None).await
}

async fn forbidden(s: &WebState, actor: &dopcert_app::auth::Actor, csrf: String) -> Response {
    let msg = crate::refusal::explain(&ImportError::Forbidden);
    page(s, actor, csrf, StatusCode::FORBIDDEN, Some(msg), None, None).await
}

async fn failed(s: &WebState, actor: &dopcert_app::auth::Actor, csrf: String, e: ImportError) -> Response {
    let status = match e {
        ImportError::Store(e) => return server_error(s, e.to_string()).await,
        ImportError::Forbidden => return forbidden(s, actor, csrf).await,
        ImportError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    page(s, actor, csrf, status, Some(crate::refusal::explain(&e)), None, None).await
}

async fn upload(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    mut multipart: Multipart,
) -> Response {
    if let Err(e) = import::authorize(&actor) {
        return failed(&s, &actor, csrf, e).await;
    }
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().map_or_else(|| t("import-file-unnamed"), str::to_string);
                match field.bytes().await {
                    Ok(b) => file = Some((name, b)),
                    Err(_) => return failed(&s, &actor, csrf, ImportError::TooLarge).await,
                }
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(_) => return failed(&s, &actor, csrf, ImportError::TooLarge).await,
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let msg = t("import-no-file");
        return page(&s, &actor, csrf, StatusCode::UNPROCESSABLE_ENTITY, Some(msg), None, None).await;
    };
    match import::preview(&s.app, &actor, &name, &bytes).await {
        Ok(p) => page(&s, &actor, csrf, StatusCode::OK, None, Some(view(p)), None).await,
        Err(e) => failed(&s, &actor, csrf, e).await,
    }
}

/// Every field defaults to empty: a missing one is reported by the checks (after the use case
/// has decided who may add pupils), never by the extractor first.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct OneForm {
    class: String,
    pupil: String,
    birth_date: String,
    snils: String,
    parent: String,
    phone: String,
    email: String,
}

/// «Добавить ученика»: one pupil typed in, checked like a file's row, written at once.
async fn add_one(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    axum::Form(f): axum::Form<OneForm>,
) -> Response {
    let pupil = import::OnePupil {
        class: f.class,
        pupil: f.pupil,
        birth_date: f.birth_date,
        snils: f.snils,
        parent: f.parent,
        phone: f.phone,
        email: f.email,
    };
    match import::add_one(&s.app, &actor, &pupil).await {
        Ok(Ok(done)) => page(&s, &actor, csrf, StatusCode::OK, None, None, Some(done)).await,
        Ok(Err(list)) => {
            let msg = text::with("import-not-added", &[("problems", &problems(&list))]);
            page(&s, &actor, csrf, StatusCode::UNPROCESSABLE_ENTITY, Some(msg), None, None).await
        }
        Err(e) => failed(&s, &actor, csrf, e).await,
    }
}

async fn confirm(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(batch): Path<String>,
) -> Response {
    match import::pending_count(&s.app, &actor, &batch).await {
        Ok(Some(rows)) if rows > LARGE => return start_background(&s, actor, batch),
        Ok(_) => {}
        Err(e) => return failed(&s, &actor, csrf, e).await,
    }
    match import::commit(&s.app, &actor, &batch).await {
        Ok(done) => page(&s, &actor, csrf, StatusCode::OK, None, None, Some(done)).await,
        Err(e) => failed(&s, &actor, csrf, e).await,
    }
}

/// Writes a large file in the background and sends the person to its progress page.
fn start_background(s: &WebState, actor: dopcert_app::auth::Actor, batch: String) -> Response {
    let job = std::sync::Arc::new(ImportJob::default());
    s.imports.lock().expect("jobs").insert(batch.clone(), job.clone());
    let app = s.app.clone();
    let id = batch.clone();
    tokio::spawn(async move {
        let result = import::commit_with_progress(&app, &actor, &id, &job.progress).await;
        if let Err(ImportError::Store(e)) = &result {
            tracing::error!(error = %e, "a background import failed");
        }
        *job.result.lock().expect("job") = Some(result.map_err(std::sync::Arc::new));
    });
    axum::response::Redirect::to(&format!("/org/import/{batch}/progress")).into_response()
}

/// «Идёт загрузка»: rows written so far; refreshes itself (no JavaScript needed) until done.
async fn progress(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(batch): Path<String>,
) -> Response {
    if let Err(e) = import::authorize(&actor) {
        return failed(&s, &actor, csrf, e).await;
    }
    let job = s.imports.lock().expect("jobs").get(&batch).cloned();
    let layout = Layout::new(&s, t("import-title"), Some(&actor)).await;
    let page =
        |running, done, error| ImportPage { layout, csrf: csrf.clone(), error, preview: None, done, running };
    match job {
        Some(job) => {
            let finished = job.result.lock().expect("job").clone();
            match finished {
                Some(Ok(done)) => render(StatusCode::OK, &page(None, Some(done), None)),
                Some(Err(e)) => {
                    let msg = crate::refusal::explain(&*e);
                    render(StatusCode::UNPROCESSABLE_ENTITY, &page(None, None, Some(msg)))
                }
                None => {
                    use std::sync::atomic::Ordering::Relaxed;
                    let running = (job.progress.done.load(Relaxed), job.progress.total.load(Relaxed));
                    render(StatusCode::OK, &page(Some(running), None, None))
                }
            }
        }
        // Started on another server, or before a restart: the database tells whether it is done.
        None => match import::is_committed(&s.app, &actor, &batch).await {
            Ok(true) => render(StatusCode::OK, &page(None, None, None)).into_response(),
            Ok(false) => render(StatusCode::OK, &page(Some((0, 0)), None, None)),
            Err(e) => failed(&s, &actor, csrf, e).await,
        },
    }
}
