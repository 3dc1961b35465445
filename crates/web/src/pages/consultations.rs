//! Consultations: an organization's questions to the municipal support centre and the answers.
//! The organization's pages live under `/org/consultations`, the back office's under
//! `/moc/consultations`; both show the same thread. Attachments download from one address.

use askama::Template;
use axum::body::Bytes;
use axum::extract::multipart::MultipartError;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dopcert_app::auth::Actor;
use dopcert_app::consultation::{self, AskInput, ConsultationError, Thread, Upload};
use dopcert_app::form::FieldError;

use super::{message, render, server_error};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

const ORG: &str = "/org/consultations";
const MOC: &str = "/moc/consultations";

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/consultations", org_list)
        .post("/org/consultations", ask)
        .get("/org/consultations/{id}", org_thread)
        .post("/org/consultations/{id}/reply", org_reply)
        .post("/org/consultations/{id}/close", org_close)
        .get("/moc/consultations", moc_list)
        .get("/moc/consultations/{id}", moc_thread)
        .post("/moc/consultations/{id}/reply", moc_reply)
        .post("/moc/consultations/{id}/close", moc_close)
        .get("/consultations/files/{id}", file)
        .map_router(|r| {
            let limit = consultation::MAX_FILES * consultation::MAX_FILE_BYTES + 64 * 1024;
            r.layer(DefaultBodyLimit::max(limit))
        })
}

/// A status as people read it.
pub(crate) fn status_title(code: &str) -> String {
    match code {
        "open" => t("consultations-status-open"),
        "answered" => t("consultations-status-answered"),
        _ => t("consultations-status-closed"),
    }
}

fn when(at: &str) -> String {
    at.parse().map(instant).unwrap_or_default()
}

struct Line {
    id: String,
    topic: String,
    organization: String,
    status: String,
    updated: String,
}

#[derive(Template)]
#[template(path = "consultations.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    /// `/org/consultations` or `/moc/consultations`.
    base: &'static str,
    /// The organization's page: with the form to ask.
    asks: bool,
    lines: Vec<Line>,
    topic: String,
    text: String,
    errors: Vec<FieldError>,
}

impl ListPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

/// Refusals: 404 for what is not the actor's (R04), 403 for a wrong role, 409 for a closed one.
async fn refused(s: &WebState, actor: &Actor, e: ConsultationError) -> Response {
    let (status, heading) = match e {
        ConsultationError::Store(e) => return server_error(s, e.to_string()).await,
        ConsultationError::NotFound => (StatusCode::NOT_FOUND, t("consultations-not-found")),
        ConsultationError::Forbidden => (StatusCode::FORBIDDEN, t("operator-forbidden")),
        _ => (StatusCode::CONFLICT, t("operator-not-done")),
    };
    message(s, Some(actor), status, &heading, &crate::refusal::explain(&e)).await
}

async fn list_page(s: &WebState, actor: &Actor, csrf: String, base: &'static str, form: Form422) -> Response {
    let lines = match consultation::list(&s.app, actor).await {
        Ok(list) => list
            .into_iter()
            .map(|c| Line {
                status: status_title(&c.status),
                updated: when(&c.updated_at),
                id: c.id,
                topic: c.topic,
                organization: c.organization_name,
            })
            .collect(),
        Err(e) => return refused(s, actor, e).await,
    };
    let title = if base == ORG { t("consultations-org-title") } else { t("moc-consultations") };
    let layout = Layout::new(s, title, Some(actor)).await;
    let status = if form.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ListPage {
        layout,
        csrf,
        base,
        asks: base == ORG,
        lines,
        topic: form.topic,
        text: form.text,
        errors: form.errors,
    };
    render(status, &page)
}

/// A refused question's form, shown again as typed.
#[derive(Default)]
struct Form422 {
    topic: String,
    text: String,
    errors: Vec<FieldError>,
}

async fn org_list(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    if let Err(e) = consultation::authorize_organization(&actor) {
        return refused(&s, &actor, e).await;
    }
    list_page(&s, &actor, csrf, ORG, Form422::default()).await
}

async fn moc_list(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    if let Err(e) = consultation::authorize_back_office(&actor) {
        return refused(&s, &actor, e).await;
    }
    list_page(&s, &actor, csrf, MOC, Form422::default()).await
}

/// A question's or a reply's fields from a multipart form: topic, text and up to a few files. A body cut
/// short (too large, or the connection dropped) is an error, never a question without its files.
async fn read_question(mut multipart: Multipart) -> Result<AskInput, MultipartError> {
    let mut input = AskInput::default();
    while let Some(field) = multipart.next_field().await? {
        match field.name() {
            Some("topic") => input.topic = field.text().await?,
            Some("text") => input.text = field.text().await?,
            Some("files") => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await?.to_vec();
                input.files.push(Upload { file_name, bytes });
            }
            _ => {}
        }
    }
    Ok(input)
}

async fn ask(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    multipart: Multipart,
) -> Response {
    if let Err(e) = consultation::authorize_organization(&actor) {
        return refused(&s, &actor, e).await;
    }
    let Ok(input) = read_question(multipart).await else {
        let (heading, text) = (t("consultations-too-large"), t("consultations-too-large-question"));
        return message(&s, Some(&actor), StatusCode::PAYLOAD_TOO_LARGE, &heading, &text).await;
    };
    match consultation::ask(&s.app, &actor, &input).await {
        Ok(id) => Redirect::to(&format!("{ORG}/{id}")).into_response(),
        Err(ConsultationError::Invalid(errors)) => {
            let form = Form422 { topic: input.topic, text: input.text, errors };
            list_page(&s, &actor, csrf, ORG, form).await
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

struct MessageLine {
    author: String,
    from_operator: bool,
    text: String,
    at: String,
    files: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "consultation.html")]
struct ThreadPage {
    layout: Layout,
    csrf: String,
    base: &'static str,
    id: String,
    topic: String,
    organization: String,
    status: String,
    may_act: bool,
    messages: Vec<MessageLine>,
    text: String,
    error: Option<String>,
}

fn size_title(size: i64) -> String {
    if size >= 1024 * 1024 {
        let mb = format!("{:.1}", size as f64 / (1024.0 * 1024.0));
        text::with("consultations-size-mb", &[("size", &mb)])
    } else {
        text::with("consultations-size-kb", &[("size", &((size + 1023) / 1024).to_string())])
    }
}

fn message_lines(t: &Thread) -> Vec<MessageLine> {
    t.messages
        .iter()
        .map(|m| MessageLine {
            author: m.author_name.clone(),
            from_operator: m.from_operator != 0,
            text: m.text.clone(),
            at: when(&m.created_at),
            files: t
                .files
                .iter()
                .filter(|f| f.message_id == m.id)
                .map(|f| (f.id.clone(), f.file_name.clone(), size_title(f.size)))
                .collect(),
        })
        .collect()
}

/// The thread with its reply form; `text` and `error` refill a refused reply.
async fn thread_page(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    base: &'static str,
    id: &str,
    refill: (String, Option<String>),
) -> Response {
    let t = match consultation::thread(&s.app, actor, id).await {
        Ok(t) => t,
        Err(e) => return refused(s, actor, e).await,
    };
    let layout = Layout::new(s, t.consultation.topic.clone(), Some(actor)).await;
    let status = if refill.1.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = ThreadPage {
        layout,
        csrf,
        base,
        messages: message_lines(&t),
        may_act: t.may_act,
        id: t.consultation.id,
        topic: t.consultation.topic,
        organization: t.consultation.organization_name,
        status: status_title(&t.consultation.status),
        text: refill.0,
        error: refill.1,
    };
    render(status, &page)
}

async fn org_thread(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Response {
    if let Err(e) = consultation::authorize_organization(&actor) {
        return refused(&s, &actor, e).await;
    }
    thread_page(&s, &actor, csrf, ORG, &id, (String::new(), None)).await
}

async fn moc_thread(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Response {
    if let Err(e) = consultation::authorize_back_office(&actor) {
        return refused(&s, &actor, e).await;
    }
    thread_page(&s, &actor, csrf, MOC, &id, (String::new(), None)).await
}

fn too_large_files() -> String {
    t("consultations-too-large-reply")
}

async fn reply_as(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    base: &'static str,
    id: &str,
    multipart: Multipart,
) -> Response {
    let Ok(input) = read_question(multipart).await else {
        let status = StatusCode::PAYLOAD_TOO_LARGE;
        return message(s, Some(actor), status, &t("consultations-too-large"), &too_large_files()).await;
    };
    match consultation::reply(&s.app, actor, id, &input.text, &input.files).await {
        Ok(()) => Redirect::to(&format!("{base}/{id}")).into_response(),
        Err(ConsultationError::Invalid(errors)) => {
            let error = errors
                .into_iter()
                .map(|e| crate::refusal::explain(&e.problem))
                .collect::<Vec<_>>()
                .join("; ");
            thread_page(s, actor, csrf, base, id, (input.text, Some(error))).await
        }
        Err(e) => refused(s, actor, e).await,
    }
}

async fn org_reply(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    if let Err(e) = consultation::authorize_organization(&actor) {
        return refused(&s, &actor, e).await;
    }
    reply_as(&s, &actor, csrf, ORG, &id, multipart).await
}

async fn moc_reply(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Response {
    if let Err(e) = consultation::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    reply_as(&s, &actor, csrf, MOC, &id, multipart).await
}

async fn close_as(s: &WebState, actor: &Actor, base: &'static str, id: &str) -> Response {
    match consultation::close(&s.app, actor, id).await {
        Ok(()) => Redirect::to(&format!("{base}/{id}")).into_response(),
        Err(e) => refused(s, actor, e).await,
    }
}

async fn org_close(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    if let Err(e) = consultation::authorize_organization(&actor) {
        return refused(&s, &actor, e).await;
    }
    close_as(&s, &actor, ORG, &id).await
}

async fn moc_close(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    if let Err(e) = consultation::authorize_operator(&actor) {
        return refused(&s, &actor, e).await;
    }
    close_as(&s, &actor, MOC, &id).await
}

/// `attachment; filename*=UTF-8''…`: the name percent-encoded, so any Cyrillic name survives.
fn disposition(name: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"file\"; filename*=UTF-8''{encoded}")
}

/// An attachment, for whoever sees its consultation.
async fn file(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    match consultation::file(&s.app, &actor, &id).await {
        Ok((name, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CONTENT_DISPOSITION, disposition(&name)),
                (header::CACHE_CONTROL, "private, no-store".into()),
            ],
            Bytes::from(bytes),
        )
            .into_response(),
        Err(e) => refused(&s, &actor, e).await,
    }
}
