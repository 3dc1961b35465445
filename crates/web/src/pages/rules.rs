//! The region's rules on one page (`/region/rules`): who certifies programs, how long a seat
//! offered from the waitlist waits, when an undecided application counts as stuck. The old
//! certifier form of the back office's home page (`/moc/certification`) still works and lands
//! here.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::form::FieldError;
use dopcert_app::program::{self, Certifier, ProgramError};
use dopcert_app::rules::{self, RulesError, RulesInput};
use serde::Deserialize;

use super::{message, render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::t;
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new().get("/region/rules", page).post("/region/rules", save)
}

#[derive(Template)]
#[template(path = "region_rules.html")]
struct RulesPage {
    layout: Layout,
    csrf: String,
    f: RulesInput,
    errors: Vec<FieldError>,
    notice: Option<String>,
}

impl RulesPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

async fn refused(s: &WebState, actor: &Actor, e: RulesError) -> Response {
    match e {
        RulesError::Store(e) => server_error(s, e.to_string()).await,
        e => {
            let text = crate::refusal::explain(&e);
            message(s, Some(actor), StatusCode::FORBIDDEN, &t("operator-forbidden"), &text).await
        }
    }
}

/// The page with the rules in force, or with a refused form as typed.
async fn show(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    typed: Option<(RulesInput, Vec<FieldError>)>,
    notice: Option<String>,
) -> Response {
    let current = match rules::current(&s.app, actor).await {
        Ok(r) => r,
        Err(e) => return refused(s, actor, e).await,
    };
    let (f, errors) = typed.unwrap_or_else(|| (current.into(), Vec::new()));
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let layout = Layout::new(s, t("moc-rules"), Some(actor)).await;
    render(status, &RulesPage { layout, csrf, f, errors, notice })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Saved {
    saved: Option<usize>,
}

async fn page(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(q): Query<Saved>,
) -> Response {
    let notice = q.saved.map(|n| if n == 0 { t("operator-nothing-changed") } else { t("rules-saved") });
    show(&s, &actor, csrf, None, notice).await
}

async fn save(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = RulesInput {
        certified_by: f.get("certified_by").into(),
        offer_hours: f.get("offer_hours").into(),
        stuck_days: f.get("stuck_days").into(),
        lottery_days: f.get("lottery_days").into(),
    };
    match rules::save(&s.app, &actor, &input).await {
        Ok(n) => Redirect::to(&format!("/region/rules?saved={n}")).into_response(),
        Err(RulesError::Invalid(errors)) => show(&s, &actor, csrf, Some((input, errors)), None).await,
        Err(e) => refused(&s, &actor, e).await,
    }
}

/// `POST /moc/certification` with `by`: the certifier alone, as the back office's home page
/// sent it before the rules had their own page.
pub(crate) async fn certification(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    if let Err(e) = rules::authorize(&actor) {
        return refused(&s, &actor, e).await;
    }
    let Some(by) = Certifier::parse(Pairs(f).get("by")) else {
        let problem = FieldError { field: "certified_by", problem: dopcert_app::form::Problem::Certifier };
        let current = match rules::current(&s.app, &actor).await {
            Ok(r) => r,
            Err(e) => return refused(&s, &actor, e).await,
        };
        return show(&s, &actor, csrf, Some((current.into(), vec![problem])), None).await;
    };
    match program::set_certifier(&s.app, &actor, by).await {
        Ok(()) => Redirect::to("/region/rules?saved=1").into_response(),
        Err(ProgramError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let text = crate::refusal::explain(&e);
            message(&s, Some(&actor), StatusCode::FORBIDDEN, &t("operator-forbidden"), &text).await
        }
    }
}
