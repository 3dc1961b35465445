//! «Логины для родителей»: a school's classes, who already has a login, and the printable slips.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::logins::{self, LoginState, LoginsError, Slip};
use dopcert_domain::ids::PersonId;
use serde::Deserialize;

use super::{render, server_error};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/logins", page)
        .post("/org/logins/class", issue_class)
        .post("/org/logins/person/{id}", issue_person)
}

struct PersonRow {
    id: String,
    name: String,
    state: String,
}

struct PupilRow {
    name: String,
    own: Option<PersonRow>,
    parents: Vec<PersonRow>,
}

#[derive(Template)]
#[template(path = "logins.html")]
struct LoginsPage {
    layout: Layout,
    csrf: String,
    classes: Vec<(String, i64)>,
    class: Option<String>,
    pupils: Vec<PupilRow>,
    error: Option<String>,
}

fn state_text(s: &LoginState) -> String {
    match s {
        LoginState::None => t("logins-state-none"),
        LoginState::Issued(l) => text::with("logins-state-issued", &[("login", &l.to_string())]),
        LoginState::Active(l) => text::with("logins-state-active", &[("login", &l.to_string())]),
    }
}

#[derive(Deserialize)]
pub struct ClassQuery {
    class: Option<String>,
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<ClassQuery>,
) -> Response {
    show(&s, &actor, csrf, q.class, None).await
}

async fn show(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    class: Option<String>,
    error: Option<String>,
) -> Response {
    let classes = match logins::classes(&s.app, actor).await {
        Ok(c) => c,
        Err(e) => return failed(s, actor, csrf, e).await,
    };
    let mut pupils = Vec::new();
    if let Some(c) = &class {
        let roll = match logins::roll(&s.app, actor, c).await {
            Ok(r) => r,
            Err(e) => return failed(s, actor, csrf, e).await,
        };
        for e in roll {
            let own = e.may_have_own_login.then(|| PersonRow {
                id: e.child.id.to_string(),
                name: e.child.name.to_string(),
                state: state_text(&e.child_login),
            });
            let parents = e
                .parents
                .iter()
                .map(|(p, st)| PersonRow {
                    id: p.id.to_string(),
                    name: p.name.to_string(),
                    state: state_text(st),
                })
                .collect();
            pupils.push(PupilRow { name: e.child.name.to_string(), own, parents });
        }
    }
    let layout = Layout::new(s, t("logins-title"), Some(actor)).await;
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    render(status, &LoginsPage { layout, csrf, classes, class, pupils, error })
}

async fn failed(s: &WebState, actor: &Actor, csrf: String, e: LoginsError) -> Response {
    let status = match e {
        LoginsError::Store(e) => return server_error(s, e.to_string()).await,
        LoginsError::Forbidden => StatusCode::FORBIDDEN,
        LoginsError::NotFound => StatusCode::NOT_FOUND,
        LoginsError::TooYoung => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let layout = Layout::new(s, t("logins-title"), Some(actor)).await;
    let page = LoginsPage {
        layout,
        csrf,
        classes: vec![],
        class: None,
        pupils: vec![],
        error: Some(crate::refusal::explain(&e)),
    };
    render(status, &page)
}

/// The slips as a PDF download. The one-time passwords exist only in this file: they are
/// stored as hashes, so a lost file means reissuing.
async fn pdf(s: &WebState, slips: Vec<Slip>, file_stem: &str) -> Response {
    let url = s.config.public_url.clone();
    // Latin: printpdf writes the title metadata without a BOM (Cyrillic shows as mojibake).
    let title = "Login slips".to_string();
    let made = tokio::task::spawn_blocking(move || crate::pdf::login_slips(&slips, &url, &title)).await;
    match made {
        Ok(Ok(bytes)) => {
            let encoded: String = file_stem
                .bytes()
                .map(
                    |b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") },
                )
                .collect();
            let disposition =
                format!("attachment; filename=\"logins.pdf\"; filename*=UTF-8''logins-{encoded}.pdf");
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(e)) => server_error(s, e.to_string()).await,
        Err(e) => server_error(s, e.to_string()).await,
    }
}

/// Fields default to empty so that who may issue is decided (by the use case) before the form's
/// shape is judged.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ClassForm {
    class: String,
    teens: Option<String>,
}

async fn issue_class(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<ClassForm>,
) -> Response {
    match logins::issue_for_class(&s.app, &actor, &f.class, f.teens.is_some()).await {
        Ok(slips) if slips.is_empty() => {
            let msg = t("logins-nothing-new");
            show(&s, &actor, csrf, Some(f.class), Some(msg)).await
        }
        Ok(slips) => pdf(&s, slips, &f.class).await,
        Err(e) => failed(&s, &actor, csrf, e).await,
    }
}

async fn issue_person(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Response {
    match logins::issue_for_person(&s.app, &actor, &PersonId::from_string(id)).await {
        Ok(slip) => {
            let stem = slip.logins.first().map(|l| l.login.clone()).unwrap_or_default();
            pdf(&s, vec![slip], &stem).await
        }
        Err(e) => failed(&s, &actor, csrf, e).await,
    }
}
