//! API errors: one place maps each to a status, a stable code and a Russian message.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;

/// The shape of every error answer, for the OpenAPI document.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: each operation's answers list the codes they carry (`not_found`,
    /// `consent_required`, `rate_limited`, …); `internal` for a failure of the server.
    #[schema(pattern = "^[a-z][a-z0-9_]*$", example = "not_found")]
    code: String,
    /// For people, in Russian.
    message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into() }
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "нужен действующий токен доступа (Authorization: Bearer …)",
        )
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let cause = cause.to_string();
        if dopcert_store::is_unavailable(&cause) {
            tracing::warn!(error = %cause, "database unavailable");
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "сервис временно недоступен: попробуйте ещё раз через минуту",
            );
        }
        tracing::error!(error = %cause, "api request failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "внутренняя ошибка: попробуйте позже")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "code": self.code, "message": self.message } });
        let mut res = (self.status, Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("10"));
        }
        res
    }
}

/// A JSON body whose problems come back in the API's error format (unknown fields included:
/// request bodies are closed types).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => Err(rejection(e)),
        }
    }
}

fn rejection(e: JsonRejection) -> ApiError {
    let (status, code) = match &e {
        JsonRejection::MissingJsonContentType(_) => {
            (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
        }
        JsonRejection::JsonSyntaxError(_) => (StatusCode::BAD_REQUEST, "malformed_json"),
        _ => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_request"),
    };
    ApiError::new(status, code, format!("запрос не разобран: {}", explain(&e)))
}

/// What was wrong with the body, in Russian: serde's and axum's words are English, so the usual
/// cases are told again (the field's name and position stay as they were).
fn explain(e: &JsonRejection) -> String {
    let text = e.body_text();
    if let JsonRejection::MissingJsonContentType(_) = e {
        return "нужен заголовок Content-Type: application/json".into();
    }
    // `…target type: email: missing field `x` at line 1 column 2`: the path, then serde's words.
    let detail = text.split_once("type: ").map_or(text.as_str(), |(_, d)| d);
    let quoted =
        |after: &str| detail.split_once(after).and_then(|(_, r)| r.split('`').nth(1)).map(str::to_string);
    let place = detail.rsplit_once(" at line ").map(|(_, at)| {
        let (line, column) = at.split_once(" column ").unwrap_or((at, "?"));
        format!(" (строка {line}, позиция {column})")
    });
    let place = place.unwrap_or_default();
    let field = detail.split_once(": ").map(|(path, _)| path).filter(|p| !p.contains(' ') && !p.is_empty());
    let about = field.map(|f| format!(" в поле «{f}»")).unwrap_or_default();
    if let Some(name) = quoted("missing field ") {
        format!("нет обязательного поля «{name}»{about}{place}")
    } else if let Some(name) = quoted("unknown field ") {
        format!("неизвестное поле «{name}»{place}")
    } else if let Some(value) = quoted("unknown variant ") {
        format!("недопустимое значение «{value}»{about}{place}")
    } else if detail.contains("invalid type") {
        format!("значение другого типа{about}{place}")
    } else if detail.contains("invalid value") || detail.contains("invalid length") {
        format!("недопустимое значение{about}{place}")
    } else if let JsonRejection::JsonSyntaxError(_) = e {
        format!("это не JSON{place}")
    } else {
        format!("тело запроса не соответствует описанию операции{place}")
    }
}

/// A path parameter whose problems (invalid UTF-8 in a percent-encoded segment) come back in the
/// API's error format, not as axum's plain-text 400.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(e) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_path",
                format!("адрес не разобран: {}", e.body_text()),
            )),
        }
    }
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "нет такого метода API")
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::extract::FromRequest;
    use axum::http::Request;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body1 {
        email: Option<String>,
        kinds: Vec<String>,
        mode: Mode,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        On,
    }

    async fn message(json: &str) -> String {
        let req = Request::builder()
            .header("content-type", "application/json")
            .body(Body::from(json.to_string()))
            .unwrap();
        let Err(e) = ApiJson::<Body1>::from_request(req, &()).await else { panic!("accepted {json}") };
        e.message
    }

    #[tokio::test]
    async fn a_refused_body_is_explained_in_russian_with_the_field() {
        let missing = message(r#"{"email": null, "mode": "on"}"#).await;
        assert!(missing.contains("нет обязательного поля «kinds»"), "{missing}");
        assert!(message(r#"{"kinds": [], "mode": "on", "x": 1}"#).await.contains("неизвестное поле «x»"));
        let typed = message(r#"{"kinds": 5, "mode": "on"}"#).await;
        assert!(typed.contains("значение другого типа в поле «kinds»"), "{typed}");
        assert!(message(r#"{"kinds": [], "mode": "off"}"#).await.contains("недопустимое значение «off»"));
        assert!(message("{oops").await.contains("это не JSON (строка 1"));
        for json in [r#"{"kinds": 5, "mode": "on"}"#, "{oops", r#"{"mode": "on"}"#] {
            let m = message(json).await;
            assert!(!m.contains("Failed") && !m.contains("field") && !m.contains("expected"), "{m}");
        }
    }
}
