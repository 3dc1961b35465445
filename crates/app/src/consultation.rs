//! Consultations: an organization's staff ask the municipal support centre (МОЦ) a question with
//! files attached; the operator of the organization's municipality answers; either side may
//! close it. Whoever may not see a consultation is told it does not exist (R04).

use dopcert_domain::ids::{MunicipalityId, OrganizationId};
use dopcert_domain::role::Role;
use dopcert_store::consultation::{self as store, Consultation, NewConsultation};
use dopcert_store::time::instant;
use dopcert_store::{municipality, organization, AnyConnection, StoreError};
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::form::{FieldError, Problem, Problems};
use crate::App;

pub use dopcert_store::consultation::{FileInfo, Message};

#[derive(Debug, thiserror::Error)]
pub enum ConsultationError {
    #[error("вопросы в МОЦ задают сотрудники организации, отвечает оператор МОЦ")]
    Forbidden,
    #[error("вопрос не найден")]
    NotFound,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error("вопрос закрыт: задайте новый")]
    Closed,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ConsultationError {
    /// The stable code the API and the tests use.
    pub fn code(&self) -> &'static str {
        match self {
            ConsultationError::Forbidden => "forbidden",
            ConsultationError::NotFound => "not_found",
            ConsultationError::Invalid(_) => "invalid",
            ConsultationError::Closed => "closed",
            ConsultationError::Store(_) => "internal",
        }
    }
}

/// The largest attachment accepted, and how many a message may carry.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_FILES: usize = 3;
const MAX_TEXT: usize = 10_000;

/// A file as uploaded: its name (shown, never trusted for the type) and bytes.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The question's form as typed.
#[derive(Debug, Clone, Default)]
pub struct AskInput {
    pub topic: String,
    pub text: String,
    pub files: Vec<Upload>,
}

/// A file's type by its first bytes: PDF, JPEG, PNG, DOCX or XLSX, never by its name.
pub fn file_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"PK\x03\x04") {
        office_type(bytes)
    } else {
        None
    }
}

/// A ZIP is a DOCX or an XLSX by the folder its parts name (`word/` or `xl/`), which the first
/// kilobytes of an Office file hold.
fn office_type(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"word/") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else if has(b"xl/") {
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    } else {
        None
    }
}

struct Checked<'a> {
    file_name: String,
    content_type: &'static str,
    bytes: &'a [u8],
}

fn check_text(p: &mut Problems, text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        p.add("text", Problem::QuestionMissing);
    } else if text.chars().count() > MAX_TEXT {
        p.add("text", Problem::TextTooLong);
    }
    text.to_string()
}

fn check_files<'a>(p: &mut Problems, files: &'a [Upload]) -> Vec<Checked<'a>> {
    let files: Vec<&Upload> = files.iter().filter(|f| !f.bytes.is_empty()).collect();
    if files.len() > MAX_FILES {
        p.add("files", Problem::TooManyFiles);
        return Vec::new();
    }
    let mut checked = Vec::new();
    for f in files {
        let name = file_name(&f.file_name);
        if f.bytes.len() > MAX_FILE_BYTES {
            p.add("files", Problem::FileTooLarge { name });
        } else if let Some(content_type) = file_type(&f.bytes) {
            checked.push(Checked { file_name: name, content_type, bytes: &f.bytes });
        } else {
            p.add("files", Problem::FileType { name });
        }
    }
    checked
}

/// The name as shown: the last part of a path, without control characters, at most 200 chars.
fn file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if clean.is_empty() {
        "файл".into()
    } else {
        clean
    }
}

fn staff_of(actor: &Actor) -> Option<OrganizationId> {
    let g = actor.role();
    match (g.role, &g.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Some(o.clone()),
        _ => None,
    }
}

/// Refuses anyone but an organization's staff (before reading what they sent).
pub fn authorize_organization(actor: &Actor) -> Result<(), ConsultationError> {
    staff_of(actor).map(|_| ()).ok_or(ConsultationError::Forbidden)
}

/// Refuses anyone but the back office: the municipal operator and the regional admin.
pub fn authorize_back_office(actor: &Actor) -> Result<(), ConsultationError> {
    match actor.role().role {
        Role::MunicipalOperator | Role::RegionalAdmin => Ok(()),
        _ => Err(ConsultationError::Forbidden),
    }
}

/// Refuses anyone who answers nowhere: only municipal operators answer.
pub fn authorize_operator(actor: &Actor) -> Result<(), ConsultationError> {
    match actor.role().role {
        Role::MunicipalOperator => Ok(()),
        _ => Err(ConsultationError::Forbidden),
    }
}

/// Refuses a role that sees no consultation at all (before reading what is asked for).
pub fn authorize_any(actor: &Actor) -> Result<(), ConsultationError> {
    authorize_organization(actor).or_else(|_| authorize_back_office(actor))
}

/// How the actor stands to a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Organization,
    Operator,
    Regional,
}

async fn side(conn: &mut AnyConnection, actor: &Actor, c: &Consultation) -> Result<Option<Side>, StoreError> {
    let g = actor.role();
    Ok(match g.role {
        Role::OrganizationStaff | Role::OrganizationAdmin
            if g.organization_id.as_ref().map(|o| o.as_str()) == Some(c.organization_id.as_str()) =>
        {
            Some(Side::Organization)
        }
        Role::MunicipalOperator
            if g.municipality_id.as_ref().map(|m| m.as_str()) == Some(c.municipality_id.as_str()) =>
        {
            Some(Side::Operator)
        }
        Role::RegionalAdmin => {
            let id = MunicipalityId::from_string(c.municipality_id.clone());
            let m = municipality::get(conn, &id).await?;
            (g.region_id.as_ref() == Some(&m.region_id)).then_some(Side::Regional)
        }
        _ => None,
    })
}

/// The consultation and the actor's side, if the actor may see it (else not found).
async fn seen(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<(Consultation, Side), ConsultationError> {
    let Some(c) = store::find(conn, id).await? else {
        return Err(ConsultationError::NotFound);
    };
    match side(conn, actor, &c).await? {
        Some(s) => Ok((c, s)),
        None => Err(ConsultationError::NotFound),
    }
}

fn invalid(p: Problems) -> ConsultationError {
    ConsultationError::Invalid(p.0)
}

/// An organization's staff ask a question; it is open until the operator answers.
pub async fn ask(app: &App, actor: &Actor, input: &AskInput) -> Result<String, ConsultationError> {
    let org = staff_of(actor).ok_or(ConsultationError::Forbidden)?;
    let mut p = Problems::default();
    let topic = input.topic.trim();
    if !(3..=200).contains(&topic.chars().count()) {
        p.add("topic", Problem::Topic);
    }
    let text = check_text(&mut p, &input.text);
    let files = check_files(&mut p, &input.files);
    if !p.is_empty() {
        return Err(invalid(p));
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let o = organization::get(&mut tx, &org).await?;
    let new = NewConsultation {
        organization: &org,
        municipality: &o.municipality_id,
        topic,
        created_by: &actor.account_id,
    };
    let id = store::insert(&mut tx, &new, &now).await?;
    let message = store::insert_message(&mut tx, &id, &actor.account_id, false, &text, &now).await?;
    let names = attach(&mut tx, &message, &files).await?;
    let after = json!({"topic": topic, "status": "open", "message": message, "files": names});
    let change = Change::new("consultation.ask", "consultation", &id)
        .organization(org.as_str())
        .municipality(o.municipality_id.as_str())
        .after(after);
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

async fn attach(
    conn: &mut AnyConnection,
    message: &str,
    files: &[Checked<'_>],
) -> Result<Vec<String>, StoreError> {
    for f in files {
        store::insert_file(conn, message, &f.file_name, f.content_type, f.bytes).await?;
    }
    Ok(files.iter().map(|f| f.file_name.clone()).collect())
}

/// A reply: the operator's answers the question, the organization's opens it again.
pub async fn reply(
    app: &App,
    actor: &Actor,
    id: &str,
    text: &str,
    files: &[Upload],
) -> Result<(), ConsultationError> {
    authorize_any(actor)?;
    let mut p = Problems::default();
    let text = check_text(&mut p, text);
    let files = check_files(&mut p, files);
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let (c, side) = seen(&mut tx, actor, id).await?;
    if side == Side::Regional {
        return Err(ConsultationError::Forbidden);
    }
    if !p.is_empty() {
        return Err(invalid(p));
    }
    let from_operator = side == Side::Operator;
    let status = if from_operator { "answered" } else { "open" };
    if !store::set_status(&mut tx, &c.id, status, &now).await? {
        return Err(ConsultationError::Closed);
    }
    let message =
        store::insert_message(&mut tx, &c.id, &actor.account_id, from_operator, &text, &now).await?;
    let names = attach(&mut tx, &message, &files).await?;
    let after = json!({"status": status, "message": message, "files": names});
    record(&mut tx, actor, &c, "consultation.reply", after, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    c: &Consultation,
    action: &str,
    after: serde_json::Value,
    now: &str,
) -> Result<(), StoreError> {
    let change = Change::new(action, "consultation", &c.id)
        .organization(&c.organization_id)
        .municipality(&c.municipality_id)
        .before(json!({"status": c.status}))
        .after(after);
    audit::record(conn, Some(actor), &change, now).await
}

/// Closes a consultation: its organization or its municipality's operator.
pub async fn close(app: &App, actor: &Actor, id: &str) -> Result<(), ConsultationError> {
    authorize_any(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let (c, side) = seen(&mut tx, actor, id).await?;
    if side == Side::Regional {
        return Err(ConsultationError::Forbidden);
    }
    if !store::set_status(&mut tx, &c.id, "closed", &now).await? {
        return Err(ConsultationError::Closed);
    }
    record(&mut tx, actor, &c, "consultation.close", json!({"status": "closed"}), &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The consultations the actor sees, open first: an organization's own, an operator's
/// municipality's, the regional admin's region's.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Consultation>, ConsultationError> {
    let g = actor.role().clone();
    let mut conn = app.store.reader().await?;
    if let Some(org) = staff_of(actor) {
        return Ok(store::of_organization(&mut conn, &org).await?);
    }
    match (g.role, g.municipality_id, g.region_id) {
        (Role::MunicipalOperator, Some(m), _) => Ok(store::of_municipality(&mut conn, &m).await?),
        (Role::RegionalAdmin, _, Some(r)) => Ok(store::of_region(&mut conn, r.as_str()).await?),
        _ => Err(ConsultationError::Forbidden),
    }
}

/// One consultation with its messages and files.
#[derive(Debug, Clone)]
pub struct Thread {
    pub consultation: Consultation,
    pub messages: Vec<Message>,
    pub files: Vec<FileInfo>,
    /// The actor may reply and close (the regional admin only reads).
    pub may_act: bool,
}

pub async fn thread(app: &App, actor: &Actor, id: &str) -> Result<Thread, ConsultationError> {
    authorize_any(actor)?;
    let mut conn = app.store.reader().await?;
    let (c, side) = seen(&mut conn, actor, id).await?;
    let messages = store::messages(&mut conn, &c.id).await?;
    let files = store::files(&mut conn, &c.id).await?;
    let may_act = side != Side::Regional && c.status != "closed";
    Ok(Thread { consultation: c, messages, files, may_act })
}

/// An attachment: (file name, content type, bytes), for whoever sees its consultation.
pub async fn file(
    app: &App,
    actor: &Actor,
    id: &str,
) -> Result<(String, String, Vec<u8>), ConsultationError> {
    authorize_any(actor)?;
    let mut conn = app.store.reader().await?;
    let f = store::file(&mut conn, id).await?.ok_or(ConsultationError::NotFound)?;
    seen(&mut conn, actor, &f.consultation_id).await?;
    Ok((f.file_name, f.content_type, f.bytes))
}
