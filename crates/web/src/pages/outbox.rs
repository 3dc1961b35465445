//! The regional centre's page of e-mails given up (`/region/mail`): the outbox's counts, each
//! failed e-mail with its address masked and the mail server's last answer, and «Отправить
//! снова» once the address or the server is fixed.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use dopcert_app::auth::Actor;
use dopcert_app::mail::{self, OutboxError, OutboxState};
use serde::Deserialize;

use super::{message, render, server_error};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/region/mail", page).post("/region/mail/{id}/retry", retry)
}

#[derive(Template)]
#[template(path = "region_mail.html")]
struct MailPage {
    layout: Layout,
    csrf: String,
    state: OutboxState,
    failed: Vec<Row>,
    notice: Option<String>,
}

struct Row {
    id: String,
    when: String,
    to: String,
    kind: String,
    attempts: i64,
    error: String,
}

impl MailPage {
    fn counts(&self) -> String {
        let s = &self.state;
        let n = |v: i64| v.to_string();
        text::with(
            "mail-counts",
            &[
                ("queued", &n(s.queued)),
                ("sending", &n(s.sending)),
                ("sent", &n(s.sent)),
                ("failed", &n(s.failed)),
            ],
        )
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

async fn refused(s: &WebState, actor: &Actor, e: OutboxError) -> Response {
    match e {
        OutboxError::Store(e) => server_error(s, e.to_string()).await,
        OutboxError::Gone => {
            message(s, Some(actor), StatusCode::CONFLICT, &t("mail-title"), &t("mail-gone")).await
        }
        e => {
            let text = crate::refusal::explain(&e);
            message(s, Some(actor), StatusCode::FORBIDDEN, &t("operator-forbidden"), &text).await
        }
    }
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<Done>,
) -> Response {
    let (state, failed) = match mail::failed(&s.app, &actor).await {
        Ok(f) => f,
        Err(e) => return refused(&s, &actor, e).await,
    };
    let failed = failed
        .into_iter()
        .map(|f| Row {
            when: text::instant(f.created_at),
            kind: f.kind.map(super::settings::kind_title).unwrap_or(f.subject),
            to: f.to,
            attempts: f.attempts,
            error: f.last_error,
            id: f.id,
        })
        .collect();
    let notice = q.done.filter(|d| d == "retried").map(|_| t("mail-retried"));
    let layout = Layout::new(&s, t("mail-title"), Some(&actor)).await;
    render(StatusCode::OK, &MailPage { layout, csrf, state, failed, notice })
}

async fn retry(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Response {
    match mail::retry(&s.app, &actor, &id).await {
        Ok(()) => Redirect::to("/region/mail?done=retried").into_response(),
        Err(e) => refused(&s, &actor, e).await,
    }
}
