//! Variant 4 at an organization: register a child whose family has no account and issue the
//! certificate at once; and the check of a certificate a family shows.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dopcert_app::auth::Actor;
use dopcert_app::certificate::{self, CheckError};
use dopcert_app::registration::{self, FieldError, RegisterError, Registered, RegistrationInput, Upload};
use serde::Deserialize;

use super::{render, server_error};
use crate::layout::Layout;
use crate::refusal::explain;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser};
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/register", form)
        .post("/org/register", submit)
        .get("/org/check", check)
        // Room for the largest scan plus the form's other fields.
        .map_router(|r| r.layer(DefaultBodyLimit::max(registration::MAX_SCAN_BYTES + 64 * 1024)))
}

/// What the page reports after a registration.
struct Outcome {
    heading: String,
    text: String,
    number: Option<String>,
    /// Not done: shown as a warning, not as success.
    warning: bool,
}

/// What the page shows besides the frame: the form as filled, its problems, a refusal or the
/// outcome of a registration.
#[derive(Default)]
struct View {
    f: RegistrationInput,
    errors: Vec<FieldError>,
    refused: Option<String>,
    outcome: Option<Outcome>,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    layout: Layout,
    csrf: String,
    f: RegistrationInput,
    errors: Vec<FieldError>,
    refused: Option<String>,
    outcome: Option<Outcome>,
}

impl RegisterPage {
    /// The message for a field, if it has one (for the template).
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

async fn show(s: &WebState, actor: &Actor, csrf: String, status: StatusCode, v: View) -> Response {
    let layout = Layout::new(s, t("register-heading"), Some(actor)).await;
    let View { f, errors, refused, outcome } = v;
    render(status, &RegisterPage { layout, csrf, f, errors, refused, outcome })
}

fn refusal(e: &RegisterError) -> (StatusCode, String) {
    (StatusCode::FORBIDDEN, explain(e))
}

async fn form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    if let Err(e) = registration::authorize(&s.app, &actor).await {
        return match e {
            RegisterError::Store(e) => server_error(&s, e.to_string()).await,
            e => {
                let (status, text) = refusal(&e);
                show(&s, &actor, csrf, status, View { refused: Some(text), ..View::default() }).await
            }
        };
    }
    show(&s, &actor, csrf, StatusCode::OK, View::default()).await
}

async fn submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    mut multipart: Multipart,
) -> Response {
    let (f, upload) = match read_form(&mut multipart).await {
        Ok(read) => read,
        Err(f) => {
            let errors =
                vec![FieldError { field: "scan", problem: dopcert_app::form::Problem::ScanTooLarge }];
            let view = View { f, errors, ..View::default() };
            return show(&s, &actor, csrf, StatusCode::PAYLOAD_TOO_LARGE, view).await;
        }
    };
    match registration::register(&s.app, &actor, &f, upload).await {
        Ok(r) => {
            let outcome = outcome(r);
            show(&s, &actor, csrf, StatusCode::OK, View { outcome: Some(outcome), ..View::default() }).await
        }
        Err(RegisterError::Invalid(errors)) => {
            show(&s, &actor, csrf, StatusCode::UNPROCESSABLE_ENTITY, View { f, errors, ..View::default() })
                .await
        }
        Err(RegisterError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e) => {
            let (status, text) = refusal(&e);
            show(&s, &actor, csrf, status, View { refused: Some(text), ..View::default() }).await
        }
    }
}

/// The form's fields and the scan; `Err` with what was read when the body is too large.
async fn read_form(
    multipart: &mut Multipart,
) -> Result<(RegistrationInput, Option<Upload>), RegistrationInput> {
    let mut f = RegistrationInput::default();
    let mut upload = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Ok((f, upload)),
            Err(_) => return Err(f),
        };
        let name = field.name().unwrap_or("").to_string();
        if name == "scan" {
            let file_name = field.file_name().unwrap_or("согласие").to_string();
            match field.bytes().await {
                Ok(b) => upload = Some(Upload { file_name, bytes: b.to_vec() }),
                Err(_) => return Err(f),
            }
            continue;
        }
        let value = field.text().await.unwrap_or_default();
        match name.as_str() {
            "child_last" => f.child_last = value,
            "child_first" => f.child_first = value,
            "child_middle" => f.child_middle = value,
            "birth_date" => f.birth_date = value,
            "snils" => f.snils = value,
            "parent_last" => f.parent_last = value,
            "parent_first" => f.parent_first = value,
            "parent_middle" => f.parent_middle = value,
            "parent_phone" => f.parent_phone = value,
            "parent_email" => f.parent_email = value,
            "paper_consent" => f.paper_consent = true,
            _ => {}
        }
    }
}

fn outcome(r: Registered) -> Outcome {
    match r {
        Registered::Issued(c) => Outcome {
            heading: t("register-issued"),
            text: if c.funded {
                text::with("register-issued-funded", &[("available", &c.balance.available.to_string())])
            } else {
                t("register-issued-free")
            },
            number: Some(c.number.to_string()),
            warning: false,
        },
        Registered::Existing(Some(c)) => Outcome {
            heading: t("register-existing"),
            text: t("register-existing-number"),
            number: Some(c.number.to_string()),
            warning: false,
        },
        Registered::Existing(None) => Outcome {
            heading: t("register-existing"),
            text: t("register-existing-ask"),
            number: None,
            warning: false,
        },
        Registered::Held => Outcome {
            heading: t("register-held"),
            text: t("register-held-text"),
            number: None,
            warning: true,
        },
    }
}

// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "check.html")]
struct CheckPage {
    layout: Layout,
    number: String,
    result: Option<CheckRow>,
    error: Option<String>,
}

struct CheckRow {
    number: String,
    status: String,
    valid: bool,
    funded: bool,
    available: String,
    municipality: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CheckQuery {
    number: String,
}

/// «Проверить сертификат»: a family shows a number; staff see whether it can pay.
async fn check(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    Query(q): Query<CheckQuery>,
) -> Response {
    let layout = Layout::new(&s, t("check-heading"), Some(&actor)).await;
    let number = q.number.trim().to_string();
    if number.is_empty() {
        let forbidden = !matches!(
            actor.role().role,
            dopcert_domain::role::Role::OrganizationStaff | dopcert_domain::role::Role::OrganizationAdmin
        );
        if forbidden {
            let page =
                CheckPage { layout, number, result: None, error: Some(explain(&CheckError::Forbidden)) };
            return render(StatusCode::FORBIDDEN, &page);
        }
        return render(StatusCode::OK, &CheckPage { layout, number, result: None, error: None });
    }
    let (status, result, error) = match certificate::check(&s.app, &actor, &number).await {
        Ok(c) => (
            StatusCode::OK,
            Some(CheckRow {
                number: c.number.to_string(),
                status: super::settings::status_title(c.status),
                valid: c.valid,
                funded: c.funded,
                available: c.available.to_string(),
                municipality: c.municipality,
            }),
            None,
        ),
        Err(CheckError::Store(e)) => return server_error(&s, e.to_string()).await,
        Err(e @ CheckError::Forbidden) => (StatusCode::FORBIDDEN, None, Some(explain(&e))),
        Err(e @ CheckError::NotFound) => (StatusCode::NOT_FOUND, None, Some(explain(&e))),
        Err(e @ CheckError::InvalidNumber(_)) => (StatusCode::UNPROCESSABLE_ENTITY, None, Some(explain(&e))),
    };
    render(status, &CheckPage { layout, number, result, error })
}
