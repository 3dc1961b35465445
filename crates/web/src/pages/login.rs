//! «Вход»: the login and password the school issued (or the person's own), and the way out.

use askama::Template;
use axum::extract::Query;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::{self, LoginError, LoginInput};
use dopcert_app::esia::{self, EsiaError};
use serde::Deserialize;

use super::{render, server_error};
use crate::layout::Layout;
use crate::session::{cookie_value, set_cookie, CsrfToken, MaybeUser, CSRF_COOKIE, SESSION_COOKIE};
use crate::text::t;
use crate::{client_address, WebState};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    csrf: String,
    next: String,
    login: String,
    error: Option<String>,
    /// «Войти через Госуслуги» shows only when a provider is configured.
    esia: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only a path of this site: never an open redirect to another one. Empty: the role's home.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => String::new(),
    }
}

pub async fn page(
    State(s): State<WebState>,
    MaybeUser(user): MaybeUser,
    CsrfToken(csrf): CsrfToken,
    axum::extract::Query(q): axum::extract::Query<NextQuery>,
) -> Response {
    if user.is_some() {
        let next = safe_next(q.next.as_deref());
        return Redirect::to(if next.is_empty() { "/settings" } else { &next }).into_response();
    }
    let layout = Layout::new(&s, t("login-title"), None).await;
    let esia = s.app.esia.is_some();
    let next = safe_next(q.next.as_deref());
    let page = LoginPage { layout, csrf, next, login: String::new(), error: None, esia };
    render(StatusCode::OK, &page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    next: Option<String>,
    #[allow(dead_code)]
    csrf: String,
}

pub async fn submit(
    State(s): State<WebState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<LoginForm>,
) -> Response {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let input = LoginInput {
        login: &f.login,
        password: &f.password,
        address: &client_address(&headers, peer, &s),
        user_agent: ua,
    };
    let next = safe_next(f.next.as_deref());
    match auth::login(&s.app, &input).await {
        Ok(session) => signed_in(&s, &session, &next),
        Err(LoginError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let status = match e {
                LoginError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            let layout = Layout::new(&s, t("login-title"), None).await;
            let error = Some(crate::refusal::explain(&e));
            let esia = s.app.esia.is_some();
            render(status, &LoginPage { layout, csrf, next, login: f.login, error, esia })
        }
    }
}

/// The answer to a successful login, however it came: the session's cookie, a fresh form
/// token, and the way on (the own password first, then `next`, else the role's home).
fn signed_in(s: &WebState, session: &auth::NewSession, next: &str) -> Response {
    let target = if session.must_set_password {
        "/settings/password"
    } else if next.is_empty() {
        session.home
    } else {
        next
    };
    let mut res = Redirect::to(target).into_response();
    for cookie in [
        set_cookie(s, SESSION_COOKIE, &session.token, session.max_age.as_secs()),
        set_cookie(s, CSRF_COOKIE, &session.csrf_token, 60 * 60 * 24 * 30),
    ] {
        if let Ok(v) = cookie.parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Ends the session and gives the browser a new form token.
pub async fn logout(State(s): State<WebState>, headers: HeaderMap) -> Response {
    if let Some(token) = cookie_value(&headers, SESSION_COOKIE) {
        if let Err(e) = auth::logout(&s.app, &token).await {
            return server_error(&s, e.to_string()).await;
        }
    }
    let mut res = Redirect::to("/").into_response();
    for cookie in [set_cookie(&s, SESSION_COOKIE, "", 0), set_cookie(&s, CSRF_COOKIE, "", 0)] {
        if let Ok(v) = cookie.parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[derive(Deserialize)]
pub struct EsiaStart {
    next: Option<String>,
}

/// «Войти через Госуслуги»: off to the provider.
pub async fn esia_start(State(s): State<WebState>, Query(q): Query<EsiaStart>) -> Response {
    match esia::start(&s.app, &safe_next(q.next.as_deref())).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => esia_failed(&s, e).await,
    }
}

#[derive(Deserialize)]
pub struct EsiaCallback {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// Back from the provider: a session, or a plain message (the details go to the log).
pub async fn esia_callback(
    State(s): State<WebState>,
    headers: HeaderMap,
    Query(q): Query<EsiaCallback>,
) -> Response {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let cb = esia::Callback {
        state: q.state.as_deref().unwrap_or(""),
        code: q.code.as_deref(),
        error: q.error.as_deref(),
        user_agent: ua,
    };
    match esia::finish(&s.app, &cb).await {
        Ok((session, next)) => signed_in(&s, &session, &next),
        Err(e) => esia_failed(&s, e).await,
    }
}

async fn esia_failed(s: &WebState, e: EsiaError) -> Response {
    let status = match &e {
        EsiaError::Store(err) => return server_error(s, err.to_string()).await,
        EsiaError::NotConfigured => StatusCode::NOT_FOUND,
        EsiaError::Unavailable(why) => {
            tracing::warn!(why = %why, "identity provider unavailable");
            StatusCode::BAD_GATEWAY
        }
        EsiaError::Rejected(why) => {
            tracing::warn!(why = %why, "identity provider login rejected");
            StatusCode::BAD_REQUEST
        }
        EsiaError::NoName => StatusCode::BAD_REQUEST,
    };
    let layout = Layout::new(s, t("login-esia-title"), None).await;
    let page = super::Message { layout, heading: t("login-esia-title"), text: crate::refusal::explain(&e) };
    render(status, &page)
}
