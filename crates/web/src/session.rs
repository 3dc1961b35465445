//! Cookies, the signed-in person, and protection of forms against cross-site requests.
//!
//! The session cookie carries a random token (HttpOnly, SameSite=Lax, Secure behind TLS); the
//! session itself lives in the database, so any app server can serve any request. Forms are
//! protected by a per-browser token in a cookie that each form repeats in a hidden field
//! (double submit), rotated at login and logout, and by refusing cross-site form posts outright.

use axum::body::{to_bytes, Body};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};
use dopcert_app::auth::{self, random_token, Actor};

use crate::WebState;

pub const SESSION_COOKIE: &str = "dopcert_session";
pub const CSRF_COOKIE: &str = "dopcert_csrf";
/// Largest url-encoded form read for the CSRF check (files come as multipart).
const FORM_LIMIT: usize = 256 * 1024;

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` value; `max_age` in seconds, 0 removes the cookie.
pub fn set_cookie(state: &WebState, name: &str, value: &str, max_age: i64) -> String {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .max_age(cookie::time::Duration::seconds(max_age))
        .build()
        .to_string()
}

/// The form token of this browser, as the handlers render it into forms.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<CsrfToken>().cloned().ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Middleware: gives every browser a form token, and refuses a state-changing request whose
/// form does not repeat it or that comes from another site. The JSON API is exempt: it takes
/// bearer tokens only, never cookies.
pub async fn csrf_guard(State(state): State<WebState>, req: Request, next: Next) -> Response {
    let existing = cookie_value(req.headers(), CSRF_COOKIE).filter(|t| t.len() == 64);
    let token = existing.clone().unwrap_or_else(random_token);
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let api = req.uri().path().starts_with("/api/");
    let req = if safe || api {
        req
    } else {
        match check_form(req, existing.as_deref()).await {
            Ok(req) => req,
            Err(refusal) => return refusal,
        }
    };
    let mut req = req;
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if existing.is_none() && !api {
        if let Ok(v) = set_cookie(&state, CSRF_COOKIE, &token, 60 * 60 * 24 * 30).parse() {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

async fn check_form(req: Request, expected: Option<&str>) -> Result<Request, Response> {
    let refuse = || crate::pages::refused_form().into_response();
    if req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return Err(refuse());
    }
    let Some(expected) = expected else { return Err(refuse()) };
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (parts, body) = req.into_parts();
    if !is_form {
        // Multipart uploads repeat the token in the form's action URL.
        let in_query = parts.uri.query().map(form_token).unwrap_or_default();
        return if in_query.as_deref() == Some(expected) {
            Ok(Request::from_parts(parts, body))
        } else {
            Err(refuse())
        };
    }
    let bytes = to_bytes(body, FORM_LIMIT).await.map_err(|_| crate::pages::too_large())?;
    let sent = form_token(std::str::from_utf8(&bytes).unwrap_or_default());
    if sent.as_deref() != Some(expected) {
        return Err(refuse());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn form_token(encoded: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(encoded)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v)
}

/// The signed-in person, when there is one.
pub struct MaybeUser(pub Option<Actor>);

impl FromRequestParts<WebState> for MaybeUser {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Self::Rejection> {
        let Some(token) = cookie_value(&parts.headers, SESSION_COOKIE) else { return Ok(MaybeUser(None)) };
        match auth::session_actor(&state.app, &token).await {
            Ok(actor) => Ok(MaybeUser(actor.map(|a| with_address(a, parts, state)))),
            Err(e) => Err(crate::pages::server_error(state, e.to_string()).await),
        }
    }
}

/// The actor with the client's address, for the audit log.
pub(crate) fn with_address(mut actor: Actor, parts: &Parts, state: &WebState) -> Actor {
    if let Some(axum::extract::ConnectInfo(peer)) =
        parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    {
        actor.address = Some(crate::client_address(&parts.headers, *peer, state));
    }
    actor
}

/// The signed-in person; anyone else is sent to the login page and brought back after. Who
/// came in with a one-time password is sent to choose their own password first.
pub struct CurrentUser(pub Actor);

impl FromRequestParts<WebState> for CurrentUser {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Self::Rejection> {
        let MaybeUser(actor) = MaybeUser::from_request_parts(parts, state).await?;
        let path = parts.uri.path();
        match actor {
            None => {
                let next = if parts.method == Method::GET { path } else { "/" };
                let target = format!(
                    "/login?next={}",
                    serde_urlencoded::to_string([("", next)]).unwrap_or_default().trim_start_matches('=')
                );
                Err(Redirect::to(&target).into_response())
            }
            Some(a) if a.must_set_password && path != "/settings/password" && path != "/logout" => {
                Err(Redirect::to("/settings/password").into_response())
            }
            Some(a) => Ok(CurrentUser(a)),
        }
    }
}
