//! The certificate in the API: the caller's children, claiming, reading and checking a
//! certificate. Each handler calls one use case of `dopcert_app::certificate`; a resource that
//! is not the caller's is 404, as if it did not exist.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use dopcert_app::cabinet::{self, ChildView};
use dopcert_app::certificate::{self, CheckError, ClaimError, ClaimInput, Claimed, Summary, ViewError};
use dopcert_app::idempotency::{Answer, Keyed};
use dopcert_domain::eligibility::Eligibility;
use dopcert_domain::ids::{MunicipalityId, PersonId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::ApiCaller;
use super::error::{ApiError, ApiJson, ApiPath, ErrorBody};
use super::idempotency::{self, IdempotencyHeader};
use crate::WebState;

/// A certificate's money, in kopecks.
#[derive(Serialize, ToSchema)]
pub struct BalanceJson {
    /// Free to spend on certified programs.
    available: i64,
    /// Held for contracts until their months are charged.
    held: i64,
    /// Paid to providers.
    spent: i64,
}

#[derive(Serialize, ToSchema)]
pub struct CertificateJson {
    /// 12 digits, shown as «69-0123-4567-89».
    #[schema(example = "69-0123-4567-89")]
    number: String,
    /// `active`, `suspended` or `closed`.
    #[schema(example = "active")]
    status: &'static str,
    /// Why it is suspended or closed.
    status_reason: Option<String>,
    /// Holds a funded place in the current period; otherwise free programs only.
    funded: bool,
    balance: BalanceJson,
    /// UTC, RFC 3339.
    issued_at: String,
}

impl From<&Summary> for CertificateJson {
    fn from(s: &Summary) -> Self {
        CertificateJson {
            number: s.number.to_string(),
            status: s.status.code(),
            status_reason: s.status_reason.clone(),
            funded: s.funded,
            balance: BalanceJson {
                available: s.balance.available.get(),
                held: s.balance.held.get(),
                spent: s.balance.spent.get(),
            },
            issued_at: s.issued_at.to_string(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ChildJson {
    id: String,
    full_name: String,
    /// `YYYY-MM-DD`, or null when the registry does not know it.
    birth_date: Option<String>,
    /// May get a certificate today (R03).
    eligible: bool,
    /// For a child too young: the day the claim opens (the 5th birthday).
    eligible_from: Option<String>,
    /// Held as a possible duplicate until the municipal support centre decides.
    on_review: bool,
    certificate: Option<CertificateJson>,
}

impl From<&ChildView> for ChildJson {
    fn from(c: &ChildView) -> Self {
        ChildJson {
            id: c.id.to_string(),
            full_name: c.name.to_string(),
            birth_date: c.birth_date.map(|d| d.to_string()),
            eligible: c.eligibility == Some(Eligibility::Eligible),
            eligible_from: match c.eligibility {
                Some(Eligibility::TooYoung { from }) => Some(from.to_string()),
                _ => None,
            },
            on_review: c.held,
            certificate: c.certificate.as_ref().map(CertificateJson::from),
        }
    }
}

/// The children the caller acts for: a parent's children; for a child of 14–17, themself.
#[utoipa::path(get, path = "/api/v1/me/children", tag = "certificates",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's children", body = [ChildJson]),
        (status = 401, description = "No valid token", body = ErrorBody),
    ))]
pub async fn my_children(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<ChildJson>>, ApiError> {
    let children = cabinet::children(&s.app, &actor).await.map_err(ApiError::internal)?;
    Ok(Json(children.iter().map(ChildJson::from).collect()))
}

#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    /// The child's `id` from `GET /api/v1/me/children`.
    child_id: String,
    /// Consent to the processing of personal data (152-ФЗ), current text version; must be true.
    consent: bool,
    /// Where the child lives, needed only when the registry does not know it.
    #[serde(default)]
    municipality_id: Option<String>,
}

/// Claims the certificate for a child (R01: a second claim returns the same certificate, 200).
/// With `Idempotency-Key`, a retry gets the first answer again.
#[utoipa::path(post, path = "/api/v1/certificates", tag = "certificates",
    security(("bearer" = [])),
    params(IdempotencyHeader),
    request_body = ClaimRequest,
    responses(
        (status = 201, description = "A new certificate", body = CertificateJson,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`"))),
        (status = 200, description = "The child already had this certificate", body = CertificateJson,
            headers(("Idempotent-Replayed" = String, description = "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`"))),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "`not_guardian`, `self_claim_under_14`", body = ErrorBody),
        (status = 404, description = "`not_found`: no such child among the caller's", body = ErrorBody),
        (status = 409, description = "`possible_duplicate`: held for the municipal support centre", body = ErrorBody),
        (status = 422, description = "`consent_required`, `age_not_eligible`, `municipality_required`, `birth_date_unknown`, `invalid_request`, `invalid_idempotency_key`, `idempotency_key_reused`", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many claims by this account; try after the time said", body = ErrorBody),
    ))]
pub async fn claim(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    IdempotencyHeader { key }: IdempotencyHeader,
    ApiJson(req): ApiJson<ClaimRequest>,
) -> Result<Response, ApiError> {
    if let Err(wait) = s.limits.claim(actor.account_id.as_str()) {
        let message = format!(
            "слишком много попыток получить сертификат: подождите {}",
            crate::limits::wait_text(wait)
        );
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message));
    }
    let keyed = key.map(|k| Keyed::new(k, "POST /api/v1/certificates", &req, &claim_answer));
    let input = ClaimInput {
        child_id: PersonId::from_string(req.child_id),
        consent: req.consent,
        municipality_id: req.municipality_id.map(MunicipalityId::from_string),
    };
    match certificate::claim_once(&s.app, &actor, &input, keyed.as_ref()).await {
        Ok(answered) => Ok(idempotency::respond(answered, claim_answer)),
        Err(e) => Err(claim_error(e)),
    }
}

/// A claim's answer: 201 with a new certificate, 200 with the one the child had (R01).
fn claim_answer(c: &Claimed) -> Answer {
    match c {
        Claimed::New(c) => Answer::json(201, &CertificateJson::from(c)),
        Claimed::Existing(c) => Answer::json(200, &CertificateJson::from(c)),
    }
}

fn claim_error(e: ClaimError) -> ApiError {
    let (status, code) = match &e {
        ClaimError::NotFound => (StatusCode::NOT_FOUND, "not_found"),
        ClaimError::NotGuardian => (StatusCode::FORBIDDEN, "not_guardian"),
        ClaimError::SelfClaimUnder14 { .. } => (StatusCode::FORBIDDEN, "self_claim_under_14"),
        ClaimError::ConsentRequired => (StatusCode::UNPROCESSABLE_ENTITY, "consent_required"),
        ClaimError::AgeNotEligible(_) => (StatusCode::UNPROCESSABLE_ENTITY, "age_not_eligible"),
        ClaimError::NoBirthDate => (StatusCode::UNPROCESSABLE_ENTITY, "birth_date_unknown"),
        ClaimError::PossibleDuplicate => (StatusCode::CONFLICT, "possible_duplicate"),
        ClaimError::MunicipalityRequired => (StatusCode::UNPROCESSABLE_ENTITY, "municipality_required"),
        ClaimError::KeyReused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused"),
        ClaimError::Store(_) => return ApiError::internal(e),
    };
    ApiError::new(status, code, e.to_string())
}

fn view_error(e: ViewError) -> ApiError {
    match e {
        ViewError::InvalidNumber(e) => {
            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_number", e.to_string())
        }
        ViewError::NotFound => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
        ViewError::Store(e) => ApiError::internal(e),
    }
}

/// The certificate, for its child's parents, the child from 14, staff and operators in scope.
#[utoipa::path(get, path = "/api/v1/certificates/{number}", tag = "certificates",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "The certificate number: 12 digits, dashes and spaces allowed",
        pattern = r"^(?:[ \u00a0-]*[0-9]){12}[ \u00a0-]*$", example = "69-3268-7729-45")),
    responses(
        (status = 200, description = "The certificate", body = CertificateJson),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "`not_found`: unknown, or not the caller's to see", body = ErrorBody),
        (status = 422, description = "`invalid_number`: the check digits do not match", body = ErrorBody),
    ))]
pub async fn get(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<CertificateJson>, ApiError> {
    let (summary, _) = certificate::find(&s.app, &actor, &number).await.map_err(view_error)?;
    Ok(Json(CertificateJson::from(&summary)))
}

#[derive(Serialize, ToSchema)]
pub struct CheckJson {
    number: String,
    status: &'static str,
    /// Active: may be used to enroll.
    valid: bool,
    funded: bool,
    /// Kopecks free to spend.
    available: i64,
    municipality: String,
}

/// What an organization may know about a certificate a family shows it: valid, funded, available.
#[utoipa::path(get, path = "/api/v1/certificates/{number}/check", tag = "certificates",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "The certificate number: 12 digits, dashes and spaces allowed",
        pattern = r"^(?:[ \u00a0-]*[0-9]){12}[ \u00a0-]*$", example = "69-3268-7729-45")),
    responses(
        (status = 200, description = "The check", body = CheckJson),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "`forbidden`: for organization staff only", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid_number`", body = ErrorBody),
    ))]
pub async fn check(
    State(s): State<WebState>,
    ApiCaller(actor): ApiCaller,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<CheckJson>, ApiError> {
    match certificate::check(&s.app, &actor, &number).await {
        Ok(c) => Ok(Json(CheckJson {
            number: c.number.to_string(),
            status: c.status.code(),
            valid: c.valid,
            funded: c.funded,
            available: c.available.get(),
            municipality: c.municipality,
        })),
        Err(e @ CheckError::InvalidNumber(_)) => {
            Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_number", e.to_string()))
        }
        Err(e @ CheckError::Forbidden) => {
            Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", e.to_string()))
        }
        Err(e @ CheckError::NotFound) => {
            Err(ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()))
        }
        Err(CheckError::Store(e)) => Err(ApiError::internal(e)),
    }
}
