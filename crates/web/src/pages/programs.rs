//! A provider's programs: the list, the editor (the program, its modules and groups, photos),
//! and sending it for certification. Every form works without JavaScript; a refused form comes
//! back filled in, with the message beside its field.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dopcert_app::auth::Actor;
use dopcert_app::form::FieldError;
use dopcert_app::program::{
    self, Edited, GroupInput, ModuleInput, ProgramError, ProgramInput, ProgramView, Review,
};
use dopcert_domain::format;
use dopcert_domain::program::{ChecklistItem, Direction, Funding, ProgramStatus, Weekdays};
use serde::Deserialize;

use super::catalog::{date, day_title, direction_title, status_title};
use super::{message, render, server_error, Pairs};
use crate::layout::Layout;
use crate::routes::Routes;
use crate::session::{CsrfToken, CurrentUser, MaybeUser};
use crate::text::instant;
use crate::text::{self, t};
use crate::WebState;

pub fn routes() -> Routes {
    Routes::new()
        .get("/org/programs", list)
        .get("/org/programs/new", new_form)
        .post("/org/programs/new", create)
        .get("/org/programs/{id}", editor)
        .post("/org/programs/{id}", edit)
        .post("/org/programs/{id}/modules", add_module)
        .post("/org/programs/{id}/modules/{module}", edit_module)
        .post("/org/programs/{id}/modules/{module}/delete", delete_module)
        .get("/org/programs/{id}/groups/new", new_group_form)
        .post("/org/programs/{id}/groups", add_group)
        .get("/org/programs/{id}/groups/{group}", group_form)
        .post("/org/programs/{id}/groups/{group}", edit_group)
        .post("/org/programs/{id}/groups/{group}/delete", delete_group)
        .post("/org/programs/{id}/photos", add_photo)
        .post("/org/programs/{id}/photos/{photo}/delete", delete_photo)
        .post("/org/programs/{id}/submit", submit)
        .get("/programs/photos/{photo}", photo)
        .map_router(|r| r.layer(DefaultBodyLimit::max(program::MAX_PHOTO_BYTES + 64 * 1024)))
}

/// The editor's forms, read from the submitted pairs.
trait ProgramForms {
    fn program(&self) -> ProgramInput;
    fn module(&self) -> ModuleInput;
    fn group(&self) -> GroupInput;
}

impl ProgramForms for Pairs {
    fn program(&self) -> ProgramInput {
        ProgramInput {
            title: self.get("title").into(),
            direction: self.get("direction").into(),
            description: self.get("description").into(),
            age_min: self.get("age_min").into(),
            age_max: self.get("age_max").into(),
            funding: self.get("funding").into(),
        }
    }

    fn module(&self) -> ModuleInput {
        ModuleInput {
            title: self.get("module_title").into(),
            hours: self.get("hours").into(),
            price: self.get("price").into(),
            normative_cost: self.get("normative_cost").into(),
        }
    }

    fn group(&self) -> GroupInput {
        GroupInput {
            title: self.get("group_title").into(),
            teacher: self.get("teacher").into(),
            schedule: self.get("schedule").into(),
            days: self.all("days").map(str::to_string).collect(),
            address: self.get("address").into(),
            coordinates: self.get("coordinates").into(),
            seats: self.get("seats").into(),
            starts_on: self.get("starts_on").into(),
            ends_on: self.get("ends_on").into(),
            enrollment_from: self.get("enrollment_from").into(),
            enrollment_to: self.get("enrollment_to").into(),
            lottery_until: self.get("lottery_until").into(),
        }
    }
}

// ---- the list ----

struct Line {
    id: String,
    title: String,
    status: String,
    direction: String,
    until: String,
}

#[derive(Template)]
#[template(path = "programs.html")]
struct ListPage {
    layout: Layout,
    lines: Vec<Line>,
}

async fn list(State(s): State<WebState>, CurrentUser(actor): CurrentUser) -> Response {
    match program::mine(&s.app, &actor).await {
        Ok(summaries) => {
            let lines = summaries
                .into_iter()
                .map(|p| Line {
                    title: p.title,
                    status: ProgramStatus::parse(&p.status).map(status_title).unwrap_or_default(),
                    direction: Direction::parse(&p.direction).map(direction_title).unwrap_or_default(),
                    until: p
                        .certified_until
                        .as_deref()
                        .and_then(|d| d.parse().ok())
                        .map(date)
                        .unwrap_or_default(),
                    id: p.id,
                })
                .collect();
            let layout = Layout::new(&s, t("programs-title"), Some(&actor)).await;
            render(StatusCode::OK, &ListPage { layout, lines })
        }
        Err(e) => refused(&s, &actor, e).await,
    }
}

/// The page for a refusal: 404 for what is not the actor's (R04), 403 for a wrong role.
pub(crate) async fn refused(s: &WebState, actor: &Actor, e: ProgramError) -> Response {
    let (status, heading) = match e {
        ProgramError::Store(e) => return server_error(s, e.to_string()).await,
        ProgramError::NotFound => (StatusCode::NOT_FOUND, t("programs-not-found")),
        ProgramError::Forbidden => (StatusCode::FORBIDDEN, t("programs-forbidden")),
        _ => (StatusCode::CONFLICT, t("programs-not-done")),
    };
    message(s, Some(actor), status, &heading, &crate::refusal::explain(&e)).await
}

// ---- the editor ----

struct GroupLine {
    id: String,
    title: String,
    schedule: String,
    address: String,
    seats: u32,
    taken: i64,
    dates: String,
}

struct ModuleForm {
    id: String,
    /// Its place on the page, from 1; field ids carry it so that they stay unique.
    n: usize,
    /// The name of its form in a [`Failure`].
    form: String,
    input: ModuleInput,
    groups: Vec<GroupLine>,
}

impl ModuleForm {
    fn field_id(&self, name: &str) -> String {
        format!("{name}-{}", self.n)
    }
}

pub(crate) struct ReviewLine {
    /// The event's code: «submit», «return» …
    pub(crate) action: String,
    pub(crate) at: String,
    pub(crate) what: String,
    pub(crate) author: String,
    pub(crate) until: String,
    pub(crate) note: String,
    pub(crate) failed: Vec<(String, String)>,
}

/// What went wrong with the form that was sent, shown beside it.
#[derive(Default)]
struct Failure {
    form: String,
    errors: Vec<FieldError>,
    alert: Option<String>,
}

#[derive(Template)]
#[template(path = "program_edit.html")]
struct EditorPage {
    layout: Layout,
    csrf: String,
    id: String,
    version: i64,
    status: Option<ProgramStatus>,
    main: ProgramInput,
    modules: Vec<ModuleForm>,
    new_module: ModuleInput,
    photos: Vec<String>,
    reviews: Vec<ReviewLine>,
    may_submit: bool,
    listed: bool,
    certified_until: String,
    ends_soon: bool,
    notice: Option<String>,
    failure: Failure,
    directions: Vec<(&'static str, String)>,
}

impl EditorPage {
    fn error_for(&self, form: &str, field: &str) -> Option<String> {
        if self.failure.form != form {
            return None;
        }
        self.failure.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }

    fn failed(&self, form: &str) -> bool {
        self.failure.form == form
    }

    fn is_new(&self) -> bool {
        self.id.is_empty()
    }

    fn status_code(&self) -> &'static str {
        self.status.map(|s| s.code()).unwrap_or("draft")
    }

    fn status_title(&self) -> String {
        self.status.map(status_title).unwrap_or_else(|| t("program-edit-status-new"))
    }

    fn in_review(&self) -> bool {
        self.status == Some(ProgramStatus::Submitted)
    }

    /// The latest return's reasons, shown at the top until the program is resubmitted.
    fn return_reasons(&self) -> Option<&ReviewLine> {
        if self.status != Some(ProgramStatus::Returned) {
            return None;
        }
        self.reviews.iter().find(|r| r.action == "return")
    }
}

fn directions() -> Vec<(&'static str, String)> {
    Direction::ALL.iter().map(|d| (d.code(), direction_title(*d))).collect()
}

fn action_title(action: &str) -> String {
    match action {
        "submit" => t("catalog-event-submit"),
        "certify" => t("catalog-event-certify"),
        "return" => t("catalog-event-return"),
        "edit_terms" => t("catalog-event-edit-terms"),
        "expire" => t("catalog-event-expire"),
        "remind" => t("catalog-event-remind"),
        _ => t("catalog-event-other"),
    }
}

/// A checklist item in the page's language.
pub(crate) fn item_title(i: ChecklistItem) -> String {
    crate::words::checklist_item(crate::text::lang(), i)
}

pub(crate) fn review_lines(reviews: &[Review]) -> Vec<ReviewLine> {
    reviews
        .iter()
        .map(|r| ReviewLine {
            action: r.action.clone(),
            at: r.at.parse().map(instant).unwrap_or_default(),
            what: action_title(&r.action),
            author: r.author.clone().unwrap_or_else(|| t("catalog-event-system")),
            until: r.valid_until.map(date).unwrap_or_default(),
            note: r.note.clone().unwrap_or_default(),
            failed: r.failed.iter().map(|(i, reason)| (item_title(*i), reason.clone())).collect(),
        })
        .collect()
}

fn module_input(m: &program::Module) -> ModuleInput {
    ModuleInput {
        title: m.title.clone(),
        hours: m.terms.hours.to_string(),
        price: m.terms.price_per_month.to_input(),
        normative_cost: m.terms.normative_cost.to_input(),
    }
}

fn program_input(v: &ProgramView) -> ProgramInput {
    let p = &v.program;
    ProgramInput {
        title: p.title.clone(),
        direction: p.direction.code().into(),
        description: p.description.clone(),
        age_min: p.ages.min().to_string(),
        age_max: p.ages.max().to_string(),
        funding: p.funding.code().into(),
    }
}

fn editor_page(
    layout: Layout,
    csrf: String,
    v: &ProgramView,
    failure: Failure,
    notice: Option<String>,
) -> EditorPage {
    let modules = v
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| ModuleForm {
            id: m.id.to_string(),
            n: i + 1,
            form: format!("module-{}", m.id),
            input: module_input(m),
            groups: v
                .groups_of(&m.id)
                .into_iter()
                .map(|g| GroupLine {
                    id: g.id.to_string(),
                    title: g.fields.title.clone(),
                    schedule: g.fields.schedule.clone(),
                    address: g.fields.address.clone(),
                    seats: g.fields.seats,
                    taken: g.seats_taken,
                    dates: format!("{} — {}", date(g.fields.starts_on), date(g.fields.ends_on)),
                })
                .collect(),
        })
        .collect();
    let status = v.program.status;
    EditorPage {
        layout,
        csrf,
        id: v.program.id.to_string(),
        version: v.program.version,
        status: Some(status),
        main: program_input(v),
        modules,
        new_module: ModuleInput::default(),
        photos: v.photos.clone(),
        reviews: review_lines(&v.reviews),
        may_submit: matches!(status, ProgramStatus::Draft | ProgramStatus::Returned | ProgramStatus::Expired),
        listed: v.listed(),
        certified_until: v.program.certified_until.map(date).unwrap_or_default(),
        ends_soon: v.ends_soon,
        notice,
        failure,
        directions: directions(),
    }
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

fn notice_for(code: Option<&str>) -> Option<String> {
    Some(match code? {
        "created" => t("program-edit-done-created"),
        "saved" => t("program-edit-done-saved"),
        "review" => t("program-edit-done-review"),
        "submitted" => t("program-edit-done-submitted"),
        "deleted" => t("program-edit-done-deleted"),
        _ => return None,
    })
}

async fn show_editor(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    failure: Failure,
    notice: Option<String>,
    patch: impl FnOnce(&mut EditorPage),
) -> Response {
    if let Err(e) = program::authorize_provider(actor) {
        return refused(s, actor, e).await;
    }
    match program::view(&s.app, Some(actor), id).await {
        Ok(v) if v.may_edit || v.program.status == ProgramStatus::Submitted => {
            let layout = Layout::new(s, v.program.title.clone(), Some(actor)).await;
            let status =
                if failure.form.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            let mut page = editor_page(layout, csrf, &v, failure, notice);
            patch(&mut page);
            render(status, &page)
        }
        // Reviewers and auditors see programs on their own pages.
        Ok(_) => refused(s, actor, ProgramError::NotFound).await,
        Err(e) => refused(s, actor, e).await,
    }
}

async fn editor(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    show_editor(&s, &actor, csrf, &id, Failure::default(), notice_for(q.saved.as_deref()), |_| {}).await
}

async fn new_form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Response {
    if let Err(e) = program::authorize_provider(&actor) {
        return refused(&s, &actor, e).await;
    }
    let main = ProgramInput { funding: Funding::Certificate.code().into(), ..ProgramInput::default() };
    new_page(&s, &actor, csrf, main, Failure::default()).await
}

async fn new_page(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    main: ProgramInput,
    failure: Failure,
) -> Response {
    let layout = Layout::new(s, t("program-edit-new"), Some(actor)).await;
    let status = if failure.form.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = EditorPage {
        layout,
        csrf,
        id: String::new(),
        version: 0,
        status: None,
        main,
        modules: Vec::new(),
        new_module: ModuleInput::default(),
        photos: Vec::new(),
        reviews: Vec::new(),
        may_submit: false,
        listed: false,
        certified_until: String::new(),
        ends_soon: false,
        notice: None,
        failure,
        directions: directions(),
    };
    render(status, &page)
}

fn failure(form: impl Into<String>, e: ProgramError) -> Result<Failure, ProgramError> {
    match e {
        ProgramError::Invalid(errors) => Ok(Failure { form: form.into(), errors, alert: None }),
        ProgramError::Stale
        | ProgramError::InReview
        | ProgramError::SeatsTaken
        | ProgramError::NotReady(_)
        | ProgramError::NoGroup(_)
        | ProgramError::Transition(_) => {
            Ok(Failure { form: form.into(), errors: Vec::new(), alert: Some(crate::refusal::explain(&e)) })
        }
        e => Err(e),
    }
}

fn to_editor(id: &str, saved: &str) -> Response {
    Redirect::to(&format!("/org/programs/{id}?saved={saved}")).into_response()
}

async fn create(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = f.program();
    match program::create(&s.app, &actor, &input).await {
        Ok(id) => to_editor(id.as_str(), "created"),
        Err(e) => match failure("main", e) {
            Ok(fail) => new_page(&s, &actor, csrf, input, fail).await,
            Err(e) => refused(&s, &actor, e).await,
        },
    }
}

/// Ends a POST of the editor: back to the page with a notice, or the page with the problem.
async fn after(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    form: String,
    result: Result<&'static str, ProgramError>,
    patch: impl FnOnce(&mut EditorPage),
) -> Response {
    match result {
        Ok(saved) => to_editor(id, saved),
        Err(e) => match failure(form, e) {
            Ok(fail) => show_editor(s, actor, csrf, id, fail, None, patch).await,
            Err(e) => refused(s, actor, e).await,
        },
    }
}

fn saved(e: Edited) -> &'static str {
    match e {
        Edited::Saved => "saved",
        Edited::BackToReview => "review",
    }
}

async fn edit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = f.program();
    let r = program::edit(&s.app, &actor, &id, f.version(), &input).await.map(saved);
    after(&s, &actor, csrf, &id, "main".into(), r, |p| p.main = input).await
}

async fn add_module(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = f.module();
    let r = program::add_module(&s.app, &actor, &id, f.version(), &input).await.map(saved);
    after(&s, &actor, csrf, &id, "module-new".into(), r, |p| p.new_module = input).await
}

async fn edit_module(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, module)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = f.module();
    let r = program::edit_module(&s.app, &actor, &id, f.version(), &module, &input).await.map(saved);
    let form = format!("module-{module}");
    after(&s, &actor, csrf, &id, form, r, |p| {
        if let Some(m) = p.modules.iter_mut().find(|m| m.id == module) {
            m.input = input;
        }
    })
    .await
}

async fn delete_module(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, module)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let r = program::delete_module(&s.app, &actor, &id, f.version(), &module).await.map(saved);
    after(&s, &actor, csrf, &id, format!("module-{module}"), r, |_| {}).await
}

async fn submit(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let r = program::submit(&s.app, &actor, &id, f.version()).await.map(|()| "submitted");
    after(&s, &actor, csrf, &id, "submit".into(), r, |_| {}).await
}

// ---- photos ----

async fn add_photo(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let mut version = 0;
    let mut bytes = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("version") => {
                version = field.text().await.ok().and_then(|t| t.trim().parse().ok()).unwrap_or(0)
            }
            Some("photo") => bytes = field.bytes().await.ok(),
            _ => {}
        }
    }
    let bytes = bytes.unwrap_or_default();
    let r = program::add_photo(&s.app, &actor, &id, version, &bytes).await.map(|()| "saved");
    after(&s, &actor, csrf, &id, "photo".into(), r, |_| {}).await
}

async fn delete_photo(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, photo)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let r = program::delete_photo(&s.app, &actor, &id, f.version(), &photo).await.map(|()| "deleted");
    after(&s, &actor, csrf, &id, "photo".into(), r, |_| {}).await
}

/// A program's photo, for whoever may see the program.
async fn photo(
    State(s): State<WebState>,
    MaybeUser(actor): MaybeUser,
    Path(photo): Path<String>,
) -> Response {
    match program::photo(&s.app, actor.as_ref(), &photo).await {
        Ok((content_type, bytes)) => (
            [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "private, max-age=3600".into())],
            Bytes::from(bytes),
        )
            .into_response(),
        Err(ProgramError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

// ---- groups ----

#[derive(Template)]
#[template(path = "group_edit.html")]
struct GroupPage {
    layout: Layout,
    csrf: String,
    program_id: String,
    program_title: String,
    version: i64,
    module_id: String,
    module_title: String,
    /// Empty for a new group.
    group_id: String,
    taken: i64,
    g: GroupInput,
    errors: Vec<FieldError>,
    alert: Option<String>,
    days: Vec<(String, String, bool)>,
}

impl GroupPage {
    fn error_for(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| crate::refusal::explain(&e.problem))
    }
}

fn day_boxes(g: &GroupInput) -> Vec<(String, String, bool)> {
    let ticked = Weekdays::from_codes(g.days.iter().map(String::as_str));
    Weekdays::ALL.iter().map(|d| (d.code(), day_title(*d), ticked.contains(*d))).collect()
}

fn group_input(g: &program::Group) -> GroupInput {
    let f = &g.fields;
    let d = format::date_short;
    GroupInput {
        title: f.title.clone(),
        teacher: f.teacher.clone(),
        schedule: f.schedule.clone(),
        days: f.days.iter().map(|d| d.code()).collect(),
        address: f.address.clone(),
        coordinates: f.point.map(|p| p.to_string()).unwrap_or_default(),
        seats: f.seats.to_string(),
        starts_on: d(f.starts_on),
        ends_on: d(f.ends_on),
        enrollment_from: d(f.enrollment_from),
        enrollment_to: d(f.enrollment_to),
        lottery_until: g.lottery.as_ref().map(|l| d(l.until)).unwrap_or_default(),
    }
}

#[derive(Deserialize)]
struct ModuleQuery {
    module: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn show_group(
    s: &WebState,
    actor: &Actor,
    csrf: String,
    id: &str,
    module: Option<&str>,
    group: Option<&str>,
    input: Option<GroupInput>,
    failed: Option<ProgramError>,
) -> Response {
    if let Err(e) = program::authorize_provider(actor) {
        return refused(s, actor, e).await;
    }
    let v = match program::view(&s.app, Some(actor), id).await {
        Ok(v) if v.may_edit => v,
        Ok(v) if v.program.status == ProgramStatus::Submitted => {
            return refused(s, actor, ProgramError::InReview).await;
        }
        Ok(_) => return refused(s, actor, ProgramError::NotFound).await,
        Err(e) => return refused(s, actor, e).await,
    };
    let existing = group.and_then(|g| v.groups.iter().find(|x| x.id.as_str() == g));
    if group.is_some() && existing.is_none() {
        return refused(s, actor, ProgramError::NotFound).await;
    }
    let module_id =
        existing.map(|g| g.module_id.to_string()).or(module.map(str::to_string)).unwrap_or_default();
    let Some(m) = v.modules.iter().find(|m| m.id.as_str() == module_id) else {
        return refused(s, actor, ProgramError::NotFound).await;
    };
    let g = match (input, existing) {
        (Some(typed), _) => typed,
        (None, Some(g)) => group_input(g),
        (None, None) => match dopcert_app::rules::default_lottery_days(&s.app).await {
            Ok(days) => default_group(&v, s.app.clock.today(), days),
            Err(e) => return server_error(s, e.to_string()).await,
        },
    };
    let (errors, alert) = match failed {
        Some(ProgramError::Invalid(errors)) => (errors, None),
        Some(e) => (Vec::new(), Some(crate::refusal::explain(&e))),
        None => (Vec::new(), None),
    };
    let status =
        if errors.is_empty() && alert.is_none() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let title = if existing.is_some() { t("group-edit-title-group") } else { t("group-edit-new") };
    let layout = Layout::new(
        s,
        text::with("group-edit-page-title", &[("what", &title), ("program", &v.program.title)]),
        Some(actor),
    )
    .await;
    let page = GroupPage {
        layout,
        csrf,
        program_id: v.program.id.to_string(),
        program_title: v.program.title.clone(),
        version: v.program.version,
        module_id,
        module_title: m.title.clone(),
        group_id: existing.map(|g| g.id.to_string()).unwrap_or_default(),
        taken: existing.map(|g| g.seats_taken).unwrap_or(0),
        days: day_boxes(&g),
        g,
        errors,
        alert,
    };
    render(status, &page)
}

/// A new group starts from the provider's address and, where the region sets a default
/// lottery window (`rules::lottery_days`), a lottery collecting applications until that many days
/// from today.
fn default_group(v: &ProgramView, today: jiff::civil::Date, lottery_days: i64) -> GroupInput {
    let lottery_until = match lottery_days {
        0 => String::new(),
        n => format::date_short(today.saturating_add(jiff::Span::new().days(n))),
    };
    GroupInput { address: v.organization.address.clone(), lottery_until, ..GroupInput::default() }
}

async fn new_group_form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(q): Query<ModuleQuery>,
) -> Response {
    show_group(&s, &actor, csrf, &id, q.module.as_deref(), None, None, None).await
}

async fn group_form(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, group)): Path<(String, String)>,
) -> Response {
    show_group(&s, &actor, csrf, &id, None, Some(&group), None, None).await
}

async fn add_group(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let (module, input) = (f.get("module").to_string(), f.group());
    match program::add_group(&s.app, &actor, &id, f.version(), &module, &input).await {
        Ok(_) => to_editor(&id, "saved"),
        Err(ProgramError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e @ (ProgramError::NotFound | ProgramError::Forbidden)) => refused(&s, &actor, e).await,
        Err(e) => show_group(&s, &actor, csrf, &id, Some(&module), None, Some(input), Some(e)).await,
    }
}

async fn edit_group(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, group)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    let input = f.group();
    match program::edit_group(&s.app, &actor, &id, f.version(), &group, &input).await {
        Ok(()) => to_editor(&id, "saved"),
        Err(ProgramError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e @ (ProgramError::NotFound | ProgramError::Forbidden)) => refused(&s, &actor, e).await,
        Err(e) => show_group(&s, &actor, csrf, &id, None, Some(&group), Some(input), Some(e)).await,
    }
}

async fn delete_group(
    State(s): State<WebState>,
    CurrentUser(actor): CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, group)): Path<(String, String)>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Pairs(f);
    match program::delete_group(&s.app, &actor, &id, f.version(), &group).await {
        Ok(()) => to_editor(&id, "deleted"),
        Err(ProgramError::Store(e)) => server_error(&s, e.to_string()).await,
        Err(e @ (ProgramError::NotFound | ProgramError::Forbidden)) => refused(&s, &actor, e).await,
        Err(e) => show_group(&s, &actor, csrf, &id, None, Some(&group), None, Some(e)).await,
    }
}
