//! «Доступ для систем организации»: the organization admin's tokens for its own systems.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::integration::{self, TokenError};
use serde::Deserialize;

use super::{render, server_error};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::t;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/org/tokens", page).post("/org/tokens", create).post("/org/tokens/{id}/revoke", revoke)
}

struct Row {
    id: String,
    name: String,
    created: String,
    revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    layout: Layout,
    csrf: String,
    rows: Vec<Row>,
    new_token: Option<String>,
    error: Option<String>,
}

async fn show(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    new_token: Option<String>,
    error: Option<TokenError>,
) -> Response {
    let rows = match integration::list(&s.app, actor).await {
        Ok(list) => list
            .into_iter()
            .map(|t| Row {
                id: t.id,
                name: t.name,
                created: crate::text::instant(t.created),
                revoked: t.revoked.map(crate::text::instant),
            })
            .collect(),
        Err(TokenError::Store(e)) => return server_error(s, e.to_string()).await,
        Err(e) => return refuse(s, actor, csrf, e).await,
    };
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let layout = Layout::new(s, t("tokens-heading"), Some(actor)).await;
    let error = error.map(|e| crate::refusal::explain(&e));
    render(status, &TokensPage { layout, csrf, rows, new_token, error })
}

async fn refuse(s: &WebState, actor: &Actor, csrf: String, e: TokenError) -> Response {
    let status = match e {
        TokenError::Forbidden => StatusCode::FORBIDDEN,
        TokenError::NotFound => StatusCode::NOT_FOUND,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let layout = Layout::new(s, t("tokens-heading"), Some(actor)).await;
    let page =
        TokensPage { layout, csrf, rows: vec![], new_token: None, error: Some(crate::refusal::explain(&e)) };
    render(status, &page)
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    show(&s, &actor, csrf, None, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct NewToken {
    name: String,
}

async fn create(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<NewToken>,
) -> Response {
    match integration::create(&s.app, &actor, &f.name).await {
        Ok(token) => show(&s, &actor, csrf, Some(token), None).await,
        Err(TokenError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(TokenError::BadName) => show(&s, &actor, csrf, None, Some(TokenError::BadName)).await,
        Err(e) => refuse(&s, &actor, csrf, e).await,
    }
}

async fn revoke(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Response {
    match integration::revoke(&s.app, &actor, &id).await {
        Ok(()) => show(&s, &actor, csrf, None, None).await,
        Err(TokenError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => refuse(&s, &actor, csrf, e).await,
    }
}
