//! The regional centre's municipalities: the region's list with a form to add one, and a
//! municipality's page with its operators (a new one, a new one-time password, the role
//! withdrawn) and its details. One-time passwords are shown once, on the answer to the post.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::form::FieldError;
use dopcert_app::municipality::{
    self, Line, MunicipalityError, MunicipalityInput, OperatorInput, OperatorLogin,
};
use dopcert_domain::municipality::MunicipalityKind;
use serde::Deserialize;

use super::{message, render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::instant;
use crate::text::t;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/region/municipalities", list)
        .post("/region/municipalities", add)
        .get("/region/municipalities/{id}", detail)
        .post("/region/municipalities/{id}", edit)
        .post("/region/municipalities/{id}/operators", add_operator)
        .post("/region/municipalities/{id}/operators/{account}/password", reissue)
        .post("/region/municipalities/{id}/operators/{account}/withdraw", withdraw)
}

/// A municipality's kind in the page's language (the domain names it in Russian).
fn kind_title(k: MunicipalityKind) -> String {
    match k {
        MunicipalityKind::UrbanOkrug => t("municipality-kind-urban-okrug"),
        MunicipalityKind::MunicipalOkrug => t("municipality-kind-municipal-okrug"),
        MunicipalityKind::District => t("municipality-kind-district"),
        MunicipalityKind::Zato => t("municipality-kind-zato"),
    }
}

fn kinds() -> Vec<(&'static str, String)> {
    MunicipalityKind::ALL.iter().map(|k| (k.code(), kind_title(*k))).collect()
}

fn municipality_input(f: &Pairs) -> MunicipalityInput {
    MunicipalityInput {
        name: f.get("name").into(),
        code: f.get("code").into(),
        kind: f.get("kind").into(),
        support_center_name: f.get("support_center_name").into(),
        support_center_phone: f.get("support_center_phone").into(),
    }
}

fn operator_input(f: &Pairs) -> OperatorInput {
    OperatorInput { full_name: f.get("full_name").into(), login: f.get("login").into() }
}

/// Refusals: 403 for another role, 404 for a municipality or an operator not there.
async fn refused(s: &WebState, actor: &Actor, e: MunicipalityError) -> Response {
    let (status, heading) = match e {
        MunicipalityError::Store(e) => return server_error(s, e.to_string()).await,
        MunicipalityError::Forbidden => (StatusCode::FORBIDDEN, t("operator-forbidden")),
        MunicipalityError::NotFound => (StatusCode::NOT_FOUND, t("municipality-not-found")),
        MunicipalityError::OperatorNotFound => (StatusCode::NOT_FOUND, t("municipality-operator-not-found")),
        MunicipalityError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, t("municipality-check-form")),
    };
    message(s, Some(actor), status, &heading, &crate::refusal::explain(&e)).await
}

fn status_of(errors: &[FieldError]) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

// ---- the list ----

struct Row {
    id: String,
    name: String,
    kind: String,
    code: String,
    center: String,
    phone: String,
    /// (login, name)
    operators: Vec<(String, String)>,
    children: i64,
    certificates: i64,
}

fn row(l: Line) -> Row {
    let m = l.municipality;
    Row {
        id: m.id.to_string(),
        kind: kind_title(m.kind),
        name: m.name,
        code: m.code,
        center: m.support_center_name,
        phone: m.support_center_phone,
        operators: l.operators.into_iter().map(|o| (o.login, o.full_name)).collect(),
        children: l.children,
        certificates: l.certificates,
    }
}

#[derive(Template)]
#[template(path = "region_municipalities.html")]
struct ListPage {
    layout: Layout,
    csrf: String,
    lines: Vec<Row>,
    kinds: Vec<(&'static str, String)>,
    /// The new municipality's form.
    f: MunicipalityInput,
    errors: Vec<FieldError>,
}

impl ListPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

async fn list_page(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    f: MunicipalityInput,
    errors: Vec<FieldError>,
) -> Response {
    let lines = match municipality::list(&s.app, actor).await {
        Ok(lines) => lines.into_iter().map(row).collect(),
        Err(e) => return refused(s, actor, e).await,
    };
    let layout = Layout::new(s, t("moc-municipalities"), Some(actor)).await;
    let status = status_of(&errors);
    render(status, &ListPage { layout, csrf, lines, kinds: kinds(), f, errors })
}

async fn list(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    list_page(&s, &actor, csrf, MunicipalityInput::default(), Vec::new()).await
}

async fn add(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = municipality::authorize(&actor) {
        return refused(&s, &actor, e).await;
    }
    let input = municipality_input(&Pairs(f));
    match municipality::add(&s.app, &actor, &input).await {
        Ok(id) => Redirect::to(&format!("/region/municipalities/{id}?done=added")).into_response(),
        Err(MunicipalityError::Invalid(errors)) => list_page(&s, &actor, csrf, input, errors).await,
        Err(e) => refused(&s, &actor, e).await,
    }
}

// ---- one municipality ----

struct OperatorRow {
    account_id: String,
    full_name: String,
    login: String,
    state: String,
    since: String,
}

#[derive(Template)]
#[template(path = "region_municipality.html")]
struct DetailPage {
    layout: Layout,
    csrf: String,
    id: String,
    name: String,
    operators: Vec<OperatorRow>,
    issued: Option<OperatorLogin>,
    notice: Option<String>,
    kinds: Vec<(&'static str, String)>,
    /// The details' form.
    f: MunicipalityInput,
    /// The new operator's form.
    operator: OperatorInput,
    /// Problems of either form (their fields have different names).
    errors: Vec<FieldError>,
}

impl DetailPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

/// What a post puts back on the municipality's page.
#[derive(Default)]
struct Refill {
    details: Option<MunicipalityInput>,
    operator: OperatorInput,
    errors: Vec<FieldError>,
    issued: Option<OperatorLogin>,
    notice: Option<String>,
}

fn operator_row(o: dopcert_store::municipality::Operator) -> OperatorRow {
    OperatorRow {
        state: if o.has_password == 1 {
            t("municipality-has-password")
        } else {
            t("municipality-no-password")
        },
        since: o.since.parse().map(instant).unwrap_or_default(),
        account_id: o.account_id,
        full_name: o.full_name,
        login: o.login,
    }
}

async fn detail_page(s: &WebState, actor: &Actor, csrf: String, id: &str, r: Refill) -> Response {
    let (m, operators) = match municipality::detail(&s.app, actor, id).await {
        Ok(found) => found,
        Err(e) => return refused(s, actor, e).await,
    };
    let layout = Layout::new(s, m.name.clone(), Some(actor)).await;
    let status = status_of(&r.errors);
    // A one-time password stays out of caches and the back button's copies.
    let keep_out = r.issued.is_some();
    let page = DetailPage {
        layout,
        csrf,
        id: m.id.to_string(),
        f: r.details.unwrap_or_else(|| MunicipalityInput::of(&m)),
        name: m.name,
        operators: operators.into_iter().map(operator_row).collect(),
        issued: r.issued,
        notice: r.notice,
        kinds: kinds(),
        operator: r.operator,
        errors: r.errors,
    };
    let mut res = render(status, &page);
    if keep_out {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

fn notice_of(done: &str) -> Option<String> {
    match done {
        "added" => Some(t("municipality-added")),
        "saved" => Some(t("municipality-saved")),
        "unchanged" => Some(t("operator-nothing-changed")),
        "withdrawn" => Some(t("municipality-withdrawn")),
        _ => None,
    }
}

async fn detail(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    let refill = Refill { notice: notice_of(&q.done), ..Refill::default() };
    detail_page(&s, &actor, csrf, &id, refill).await
}

async fn edit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let input = municipality_input(&Pairs(f));
    match municipality::edit(&s.app, &actor, &id, &input).await {
        Ok(changed) => {
            let done = if changed { "saved" } else { "unchanged" };
            Redirect::to(&format!("/region/municipalities/{id}?done={done}")).into_response()
        }
        Err(MunicipalityError::Invalid(errors)) => {
            let refill = Refill { details: Some(input), errors, ..Refill::default() };
            detail_page(&s, &actor, csrf, &id, refill).await
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

async fn add_operator(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let input = operator_input(&Pairs(f));
    match municipality::add_operator(&s.app, &actor, &id, &input).await {
        Ok(login) => {
            detail_page(&s, &actor, csrf, &id, Refill { issued: Some(login), ..Refill::default() }).await
        }
        Err(MunicipalityError::Invalid(errors)) => {
            let refill = Refill { operator: input, errors, ..Refill::default() };
            detail_page(&s, &actor, csrf, &id, refill).await
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

async fn reissue(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, account)): Path<(String, String)>,
) -> Response {
    match municipality::reissue_password(&s.app, &actor, &id, &account).await {
        Ok(login) => {
            detail_page(&s, &actor, csrf, &id, Refill { issued: Some(login), ..Refill::default() }).await
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

async fn withdraw(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Path((id, account)): Path<(String, String)>,
) -> Response {
    match municipality::withdraw(&s.app, &actor, &id, &account).await {
        Ok(()) => Redirect::to(&format!("/region/municipalities/{id}?done=withdrawn")).into_response(),
        Err(e) => refused(&s, &actor, e).await,
    }
}
