//! Server-rendered pages. Each works without JavaScript.

mod audit;
mod billing;
mod catalog;
mod certificate;
mod charts;
mod consultations;
mod dashboard;
mod enrollment;
mod help;
pub(crate) use certificate::{event_title, reason_title};
mod home;
mod import;
pub(crate) use import::ImportJobs;
pub(crate) use reports::ReportJobs;
pub(crate) mod login;
mod logins;
mod moc;
mod municipalities;
mod notifications;
mod org;
mod outbox;
mod periods;
mod personal_data;
mod programs;
mod providers;
mod queues;
mod registration;
mod reports;
mod review;
mod rules;
mod settings;
mod tokens;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::layout::Layout;
use crate::routes::Routes;
use crate::text::{t, with};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/", home::page)
        .get("/login", login::page)
        .post("/login", login::submit)
        .post("/logout", login::logout)
        .get("/login/esia", login::esia_start)
        .get("/login/esia/callback", login::esia_callback)
        .get("/settings", settings::page)
        .get("/settings/password", settings::password_page)
        .post("/settings/password", settings::password_submit)
        .post("/settings/logout-everywhere", settings::logout_everywhere)
        .post("/settings/role", settings::switch_role)
        .get("/settings/personal-data", personal_data::page)
        .get("/settings/personal-data.json", personal_data::file)
        .post("/settings/notifications", settings::notifications_submit)
        .get("/notifications", notifications::page)
        .merge(help::routes())
        .merge(catalog::routes())
        .merge(enrollment::routes())
        .merge(certificate::routes())
        .merge(import::routes())
        .merge(logins::routes())
        .merge(tokens::routes())
        .merge(org::routes())
        .merge(programs::routes())
        .merge(providers::routes())
        .merge(moc::routes())
        .merge(periods::routes())
        .merge(registration::routes())
        .merge(review::routes())
        .merge(billing::routes())
        .merge(audit::routes())
        .merge(queues::routes())
        .merge(consultations::routes())
        .merge(reports::routes())
        .merge(dashboard::routes())
        .merge(municipalities::routes())
        .merge(outbox::routes())
        .merge(rules::routes())
}

/// Renders a template; a template that fails to render is a bug, shown as the error page.
pub fn render(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Html(FALLBACK_ERROR)).into_response()
        }
    }
}

/// The last resort when a page itself cannot be rendered: plain, in Russian, with nothing that
/// could fail.
const FALLBACK_ERROR: &str = "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Ошибка</title>\
<p>Что-то пошло не так. Попробуйте обновить страницу через минуту.</p></html>";

/// A page without the layout, for answers given before the request reaches a handler.
fn bare_page(title: &str, text: &str) -> String {
    let lang = crate::text::lang();
    format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title><p>{}</p></html>",
        lang.code(),
        lang.t(title),
        lang.t(text)
    )
}

#[derive(Template)]
#[template(path = "message.html")]
pub(crate) struct Message {
    pub(crate) layout: Layout,
    pub(crate) heading: String,
    pub(crate) text: String,
}

pub async fn not_found(axum::extract::State(s): axum::extract::State<WebState>) -> Response {
    let layout = Layout::new(&s, t("page-not-found"), None).await;
    let page = Message { layout, heading: t("page-not-found"), text: t("page-not-found-text") };
    render(StatusCode::NOT_FOUND, &page)
}

/// A page that says why something was not done: a heading and the reason, with its status.
pub(crate) async fn message(
    s: &WebState,
    actor: Option<&dopcert_app::auth::Actor>,
    status: StatusCode,
    heading: &str,
    text: &str,
) -> Response {
    let layout = Layout::new(s, heading, actor).await;
    render(status, &Message { layout, heading: heading.into(), text: crate::text::capitalize(text) })
}

/// «Слишком много запросов» (429) with when to try again (`Retry-After`).
pub(crate) async fn too_many(
    s: &WebState,
    actor: Option<&dopcert_app::auth::Actor>,
    wait: std::time::Duration,
    what: &str,
) -> Response {
    let text = with("too-many-requests-text", &[("what", what), ("wait", &crate::text::lang().wait(wait))]);
    let mut res = message(s, actor, StatusCode::TOO_MANY_REQUESTS, &t("too-many-requests"), &text).await;
    if let Ok(v) = (wait.as_secs() + 1).to_string().parse() {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    res
}

/// «Сервис временно недоступен» (503, `Retry-After`): the database is restarting or switching to
/// a standby; nothing was written, and trying again in a moment works.
async fn unavailable(s: &WebState, cause: &str) -> Response {
    tracing::warn!(error = %cause, "database unavailable");
    let layout = Layout::new(s, t("unavailable"), None).await;
    let page = Message { layout, heading: t("unavailable"), text: t("unavailable-text") };
    let mut res = render(StatusCode::SERVICE_UNAVAILABLE, &page);
    res.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("10"));
    res
}

/// A submitted form or a query string as name → value pairs, in order (checkboxes and
/// filters repeat their names; a missing field reads as empty).
pub(crate) struct Pairs(pub(crate) Vec<(String, String)>);

impl Pairs {
    pub(crate) fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The version of the record the form was made from; 0 (never current) when missing.
    pub(crate) fn version(&self) -> i64 {
        self.get("version").trim().parse().unwrap_or(0)
    }
}

/// A form that came without its token, or from another site.
pub fn refused_form() -> Response {
    (StatusCode::FORBIDDEN, Html(bare_page("form-stale", "form-stale-text"))).into_response()
}

/// A form far larger than any field allows (a description is at most 5,000 characters).
pub fn too_large() -> Response {
    (StatusCode::PAYLOAD_TOO_LARGE, Html(bare_page("form-too-long", "form-too-long-text"))).into_response()
}

/// A page for an error we did not expect: the person gets a plain message, the log the cause.
pub async fn server_error(s: &WebState, cause: String) -> Response {
    if dopcert_store::is_unavailable(&cause) {
        return unavailable(s, &cause).await;
    }
    tracing::error!(error = %cause, "request failed");
    let layout = Layout::new(s, t("error-title"), None).await;
    let page = Message { layout, heading: t("error-heading"), text: t("error-text") };
    render(StatusCode::INTERNAL_SERVER_ERROR, &page)
}
