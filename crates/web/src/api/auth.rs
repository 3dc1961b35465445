//! `POST /api/v1/auth/token`: a bearer token from a login and password. `GET /api/v1/me`.

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use dopcert_app::auth::{self, Actor, LoginError, LoginInput};
use serde::{Deserialize, Serialize};

use super::error::{ApiError, ApiJson};
use crate::{client_address, WebState};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    login: String,
    password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
}

/// A bearer token for a login and password (an hour; the same throttling as the login page).
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "A token", body = TokenResponse),
        (status = 401, description = "`invalid_credentials`", body = super::error::ErrorBody),
        (status = 403, description = "`password_change_required`: a one-time password must first be replaced on the site", body = super::error::ErrorBody),
        (status = 422, description = "`invalid_request`", body = super::error::ErrorBody),
        (status = 429, description = "`too_many_attempts`", body = super::error::ErrorBody),
    ))]
pub async fn token(
    State(s): State<WebState>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let address = client_address(&headers, peer, &s);
    let input = LoginInput { login: &req.login, password: &req.password, address: &address, user_agent: ua };
    match auth::api_token(&s.app, &input).await {
        Ok((token, ttl)) => {
            Ok(Json(TokenResponse { access_token: token, token_type: "Bearer", expires_in: ttl.as_secs() }))
        }
        Err(LoginError::Store(e)) => Err(ApiError::internal(e)),
        Err(e @ LoginError::Invalid) => {
            Err(ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", e.to_string()))
        }
        Err(e @ LoginError::Throttled { .. }) => {
            Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", e.to_string()))
        }
        Err(e @ LoginError::PasswordChangeRequired) => {
            Err(ApiError::new(StatusCode::FORBIDDEN, "password_change_required", e.to_string()))
        }
    }
}

/// The caller of an API request, from `Authorization: Bearer …`.
pub struct ApiCaller(pub Actor);

impl FromRequestParts<WebState> for ApiCaller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, s: &WebState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(ApiError::unauthorized)?;
        match auth::token_actor(&s.app, token).await {
            Ok(Some(actor)) => Ok(ApiCaller(crate::session::with_address(actor, parts, s))),
            Ok(None) => Err(ApiError::unauthorized()),
            Err(e) => Err(ApiError::internal(e)),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    login: String,
    full_name: String,
    roles: Vec<&'static str>,
}

/// Who the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "No valid token", body = super::error::ErrorBody),
    ))]
pub async fn me(ApiCaller(actor): ApiCaller) -> Json<Me> {
    Json(Me {
        login: actor.login.clone(),
        full_name: actor.name.to_string(),
        roles: actor.roles.iter().map(|r| r.role.code()).collect(),
    })
}
