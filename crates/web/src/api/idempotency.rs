//! The `Idempotency-Key` request header of the calls that issue something or move money
//! (claim, apply, withdraw), and their answers: a new one as the use case's result, a replayed
//! one exactly as stored, with `Idempotent-Replayed: true`. What a key promises is in
//! `dopcert_app::idempotency`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dopcert_app::idempotency::{Answer, Answered, IdempotencyKey};

use super::error::ApiError;

pub const KEY_HEADER: &str = "idempotency-key";
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// The request's optional `Idempotency-Key`; a malformed one (or two of them) is 422
/// `invalid_idempotency_key`.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyHeader {
    /// Optional: 1–255 printable ASCII characters (a UUID is a good choice), unique per
    /// request of your account. A retry with the same key and the same request within 24 hours
    /// gets the first answer again (with `Idempotent-Replayed: true`) and changes nothing;
    /// the same key with another request is 422 `idempotency_key_reused`. A refused request
    /// (4xx) keeps no key: correct it and send it with the same key.
    #[param(rename = "Idempotency-Key", value_type = Option<String>, min_length = 1, max_length = 255,
            pattern = "^[!-~]([ -~]{0,253}[!-~])?$", example = "0191b8a4-7c5e-7d3a-9f2e-3b6a1c2d4e5f")]
    pub key: Option<IdempotencyKey>,
}

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyHeader {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(KEY_HEADER).iter();
        let Some(value) = values.next() else { return Ok(IdempotencyHeader { key: None }) };
        if values.next().is_some() {
            return Err(invalid("заголовок Idempotency-Key передан несколько раз: нужен один ключ"));
        }
        let text = value.to_str().map_err(|_| {
            invalid("ключ идемпотентности (Idempotency-Key) может состоять только из печатных символов ASCII")
        })?;
        match IdempotencyKey::parse(text) {
            Ok(key) => Ok(IdempotencyHeader { key: Some(key) }),
            Err(e) => Err(invalid(e.to_string())),
        }
    }
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_idempotency_key", message)
}

/// The answer to a use case run with or without a key: its result rendered by `render` (the
/// same function whose answer was stored with the key), or the stored answer replayed.
pub fn respond<T>(answered: Answered<T>, render: impl Fn(&T) -> Answer) -> Response {
    match answered {
        Answered::Now(result) => json(render(&result)),
        Answered::Before(answer) => {
            let mut res = json(answer);
            res.headers_mut().insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
            res
        }
    }
}

fn json(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], answer.body).into_response()
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    #[test]
    fn the_calls_that_issue_or_move_money_document_the_key_and_the_replay() {
        let doc = serde_json::to_value(super::super::openapi::ApiDoc::openapi()).unwrap();
        let calls = [
            ("/api/v1/certificates", "201"),
            ("/api/v1/applications", "201"),
            ("/api/v1/applications/{id}/withdraw", "200"),
        ];
        for (path, ok) in calls {
            let op = &doc["paths"][path]["post"];
            let params = op["parameters"].as_array().unwrap_or_else(|| panic!("{path}: parameters"));
            let key = params.iter().find(|p| p["name"] == "Idempotency-Key").expect("the key");
            assert_eq!(
                (key["in"].as_str(), key["required"].as_bool()),
                (Some("header"), Some(false)),
                "{path}"
            );
            assert_eq!(key["schema"]["maxLength"], 255, "{path}");
            assert!(op["responses"][ok]["headers"]["Idempotent-Replayed"].is_object(), "{path}");
            let codes = op["responses"]["422"]["description"].as_str().unwrap_or("");
            assert!(codes.contains("`idempotency_key_reused`"), "{path}: {codes}");
        }
    }
}
