//! Applications in the API: a family applies to a group (the contract accepted explicitly),
//! lists its applications, withdraws one. Each handler calls one use case of
//! `dopcert_app::enrollment`; an application that is not the caller's is 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use dopcert_app::enrollment::{self, Applied, ApplyError, DecideError, Line};
use dopcert_app::idempotency::{Answer, Keyed};
use dopcert_domain::ids::{GroupId, PersonId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::error::{ApiError, ApiJson, ApiPath, ErrorBody};
use super::idempotency::{self, IdempotencyHeader};
use crate::WebState;

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// The child's `id` from `GET /api/v1/me/children`.
    child_id: String,
    /// The group's id (from the program's page).
    group_id: String,
    /// The family read and accepts the contract (оферта); required for a paid program.
    #[serde(default)]
    accept_contract: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationJson {
    id: String,
    /// `waitlisted`, `offered`, `pending`, `enrolled`, `rejected`, `withdrawn`, `offer_lapsed`, `ended`.
    #[schema(example = "pending")]
    status: &'static str,
    /// The status in words, the same on every page.
    #[schema(example = "на рассмотрении у организации")]
    status_title: &'static str,
    child_id: String,
    program_id: String,
    group_id: String,
    /// The contract's dates, `YYYY-MM-DD`.
    starts_on: String,
    ends_on: String,
    /// Kopecks.
    price_per_month: i64,
    covered_per_month: i64,
    /// Held on the certificate for the contract now (kopecks): the hold less what was charged.
    hold: i64,
    /// An offered seat is kept until then (UTC).
    offer_until: Option<String>,
}

impl From<&Line> for ApplicationJson {
    fn from(l: &Line) -> Self {
        let r = &l.row;
        ApplicationJson {
            id: r.id.clone(),
            status: l.status.code(),
            status_title: l.status.title(),
            child_id: r.child_id.clone(),
            program_id: r.program_id.clone(),
            group_id: r.group_id.clone(),
            starts_on: r.starts_on.clone(),
            ends_on: r.ends_on.clone(),
            price_per_month: r.price_per_month,
            covered_per_month: r.covered_per_month,
            hold: r.held,
            offer_until: r.offer_until.clone(),
        }
    }
}

/// Applies for a child to a group: the seat and the contract's certificate share are held at
/// once (`pending`), or the child joins the waitlist or the lottery (`waitlisted`). With
/// `Idempotency-Key`, a retry gets the first answer again.
#[utoipa::path(post, path = "/api/v1/applications", tag = "enrollment",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = ApplyRequest,
    responses(
        (status = 201, description = "The application", body = ApplicationJson,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`"))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "`forbidden`: not a parent or a child of 14+", body = ErrorBody),
        (status = 404, description = "`not_found`: no such child among the caller's, or no such group", body = ErrorBody),
        (status = 409, description = "`already_applied`", body = ErrorBody),
        (status = 422, description = "`not_certified`, `enrollment_closed`, `age_not_eligible`, `certificate_required`, `certificate_inactive`, `insufficient_balance`, `contract_not_accepted`, `invalid_request`, `invalid_idempotency_key`, `idempotency_key_reused`", body = ErrorBody),
    ))]
pub async fn apply(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    IdempotencyHeader { key }: IdempotencyHeader,
    ApiJson(req): ApiJson<ApplyRequest>,
) -> Result<Response, ApiError> {
    let child = PersonId::from_string(req.child_id.clone());
    let group = GroupId::from_string(req.group_id.clone());
    let render = |a: &Applied| apply_answer(a, &child, &group);
    let keyed = key.map(|k| Keyed::new(k, "POST /api/v1/applications", &req, &render));
    let answered =
        enrollment::apply_once(&s.app, &actor, &child, &group, req.accept_contract, keyed.as_ref())
            .await
            .map_err(apply_error)?;
    Ok(idempotency::respond(answered, render))
}

/// Answered from what the transaction wrote: reading it back would cost the rush a third of
/// its statements (BENCHMARKS.md).
fn apply_answer(a: &Applied, child: &PersonId, group: &GroupId) -> Answer {
    let answer = ApplicationJson {
        id: a.application_id.clone(),
        status: a.status.code(),
        status_title: a.status.title(),
        child_id: child.to_string(),
        program_id: a.program_id.to_string(),
        group_id: group.to_string(),
        starts_on: a.starts_on.to_string(),
        ends_on: a.ends_on.to_string(),
        price_per_month: a.terms.price_per_month.get(),
        covered_per_month: a.terms.covered_per_month.get(),
        hold: a.held.get(),
        offer_until: None,
    };
    Answer::json(201, &answer)
}

fn apply_error(e: ApplyError) -> ApiError {
    let status = match &e {
        ApplyError::Store(_) => return ApiError::internal(e),
        ApplyError::NotYourChild | ApplyError::NoSuchGroup => StatusCode::NOT_FOUND,
        ApplyError::Forbidden => StatusCode::FORBIDDEN,
        ApplyError::AlreadyApplied => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, e.code(), e.to_string())
}

/// The applications of the caller's children, newest first.
#[utoipa::path(get, path = "/api/v1/applications", tag = "enrollment",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's applications", body = [ApplicationJson]),
        (status = 401, description = "No valid token", body = ErrorBody),
    ))]
pub async fn list(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<ApplicationJson>>, ApiError> {
    let lines = enrollment::family_lines(&s.app, &actor).await.map_err(ApiError::internal)?;
    Ok(Json(lines.iter().map(ApplicationJson::from).collect()))
}

/// Takes back an application that waits; the seat and the hold are released. With
/// `Idempotency-Key`, a retry gets the first answer again (without it, a second withdrawal is
/// 409 `invalid_transition`).
#[utoipa::path(post, path = "/api/v1/applications/{id}/withdraw", tag = "enrollment",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id"), IdempotencyHeader),
    responses(
        (status = 200, description = "Withdrawn", body = ApplicationJson,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`"))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`invalid_transition`, `stale`: the application moved on", body = ErrorBody),
        (status = 422, description = "`invalid_idempotency_key`, `idempotency_key_reused`", body = ErrorBody),
    ))]
pub async fn withdraw(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    ApiPath(id): ApiPath<String>,
    IdempotencyHeader { key }: IdempotencyHeader,
) -> Result<Response, ApiError> {
    let operation = format!("POST /api/v1/applications/{id}/withdraw");
    let keyed = key.map(|k| Keyed::new(k, &operation, &(), &withdraw_answer));
    let answered =
        enrollment::withdraw_once(&s.app, &actor, &id, keyed.as_ref()).await.map_err(decide_error)?;
    Ok(idempotency::respond(answered, withdraw_answer))
}

fn withdraw_answer(line: &Line) -> Answer {
    Answer::json(200, &ApplicationJson::from(line))
}

fn decide_error(e: DecideError) -> ApiError {
    let status = match &e {
        DecideError::Store(_) => return ApiError::internal(e),
        DecideError::NotFound => StatusCode::NOT_FOUND,
        DecideError::Transition(_) | DecideError::Stale => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, e.code(), e.to_string())
}
