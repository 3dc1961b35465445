//! Programs: a provider's staff write them as drafts and submit them; the reviewer (the municipal
//! operator, or the regional center when the region certifies) certifies or returns them with
//! reasons per checklist item (R07). Every change ends by telling the catalog which program
//! changed, in the same transaction.

use dopcert_domain::ids::{AccountId, GroupId, ModuleId, ProgramId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::{
    self as rules, AgeRange, CertifiedTerms, ChecklistItem, Decision, Direction, Funding, ModuleTerms, Point,
    ProgramAction, ProgramStatus, ReviewError, TransitionError, Verdict, Weekdays,
};
use dopcert_domain::role::Role;
use dopcert_domain::time::parse_date_ru;
use dopcert_store::program::{self as store, GroupFields, Program, ProgramFields, Summary};
use dopcert_store::time::instant;
use dopcert_store::{catalog, municipality, organization, setting, AnyConnection, StoreError};
use serde_json::{json, Value};

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::form::{FieldError, Problem, Problems};
use crate::App;

pub use dopcert_store::program::{Group, Module, Review};

#[derive(Debug, thiserror::Error)]
pub enum ProgramError {
    #[error("программы ведут сотрудники организации")]
    Forbidden,
    #[error("программа не найдена")]
    NotFound,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error("программу изменили в другом окне или другой сотрудник; откройте её заново и повторите")]
    Stale,
    #[error("программа на сертификации: изменить её можно после решения")]
    InReview,
    #[error(
        "в группе уже есть записанные дети: её нельзя удалить, а мест не может стать меньше, чем занято"
    )]
    SeatsTaken,
    #[error(transparent)]
    NotReady(#[from] NotReady),
    #[error("у модуля «{0}» нет ни одной группы: добавьте группу или удалите модуль")]
    NoGroup(String),
    #[error(transparent)]
    Review(#[from] ReviewError),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ProgramError {
    /// The stable code the API and the tests use.
    pub fn code(&self) -> &'static str {
        match self {
            ProgramError::Forbidden => "forbidden",
            ProgramError::NotFound => "not_found",
            ProgramError::Invalid(_) => "invalid",
            ProgramError::Stale => "stale",
            ProgramError::InReview => "in_review",
            ProgramError::SeatsTaken => "seats_taken",
            ProgramError::NotReady(_) | ProgramError::NoGroup(_) => "not_ready",
            ProgramError::Review(_) => "review_invalid",
            ProgramError::Transition(_) => "wrong_status",
            ProgramError::Store(_) => "internal",
        }
    }
}

/// What keeps a program from going further as it stands: it is not ready to be submitted (no
/// module, no group still ahead, prices that do not match how it is paid), it is full (modules,
/// groups), or a group's enrollment mode is fixed by applications already sent. The API's code
/// is «not_ready» for each; the pages word each in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotReady {
    /// A lottery set or dropped after a group's first application.
    #[error("режим записи нельзя менять, когда заявки уже поданы")]
    EnrollmentMode,
    /// `MAX_MODULES` already (the text names the number).
    #[error("в программе не больше 20 модулей")]
    ModulesLimit,
    /// `MAX_GROUPS` already (the text names the number).
    #[error("в программе не больше 100 групп")]
    GroupsLimit,
    #[error("добавьте хотя бы один модуль")]
    NoModule,
    /// Every group's last day has passed.
    #[error("все группы уже закончили занятия: добавьте группу с датами впереди")]
    GroupsOver,
    /// A free program with a module that has a price.
    #[error("у бесплатной программы цена модулей — 0 ₽")]
    FreePrice,
    /// A program paid with a certificate with a module that has no price.
    #[error("у программы, оплачиваемой сертификатом, укажите цену каждого модуля")]
    CertificatePrice,
}

impl NotReady {
    /// Every one of them (the pages' tests word each).
    pub const ALL: [NotReady; 7] = [
        NotReady::EnrollmentMode,
        NotReady::ModulesLimit,
        NotReady::GroupsLimit,
        NotReady::NoModule,
        NotReady::GroupsOver,
        NotReady::FreePrice,
        NotReady::CertificatePrice,
    ];
}

/// The program form as typed.
#[derive(Debug, Clone, Default)]
pub struct ProgramInput {
    pub title: String,
    pub direction: String,
    pub description: String,
    pub age_min: String,
    pub age_max: String,
    pub funding: String,
}

/// A module as typed (prices in roubles).
#[derive(Debug, Clone, Default)]
pub struct ModuleInput {
    pub title: String,
    pub hours: String,
    pub price: String,
    pub normative_cost: String,
}

/// A group as typed (dates as 01.09.2026 or 2026-09-01).
#[derive(Debug, Clone, Default)]
pub struct GroupInput {
    pub title: String,
    pub teacher: String,
    pub schedule: String,
    pub days: Vec<String>,
    pub address: String,
    pub coordinates: String,
    pub seats: String,
    pub starts_on: String,
    pub ends_on: String,
    pub enrollment_from: String,
    pub enrollment_to: String,
    /// Empty: first come, first served. A date: applications are collected until then and the
    /// seats drawn by lot.
    pub lottery_until: String,
}

struct CheckedProgram {
    title: String,
    direction: Direction,
    description: String,
    ages: AgeRange,
    funding: Funding,
}

impl CheckedProgram {
    fn fields(&self) -> ProgramFields<'_> {
        ProgramFields {
            title: &self.title,
            direction: self.direction,
            description: &self.description,
            ages: self.ages,
            funding: self.funding,
        }
    }
}

fn check_program(i: &ProgramInput) -> Result<CheckedProgram, ProgramError> {
    let mut p = Problems::default();
    let title = p.check("title", rules::title(&i.title));
    let direction = Direction::parse(&i.direction);
    if direction.is_none() {
        p.add("direction", Problem::Direction);
    }
    let description = p.check("description", rules::description(&i.description));
    let age = |s: &str| s.trim().parse::<u8>().map_err(|_| rules::ProgramError::AgeOutOfRange);
    let ages = match (age(&i.age_min), age(&i.age_max)) {
        (Ok(a), Ok(b)) => p.check("age_min", AgeRange::new(a, b)),
        (Err(e), _) => p.check::<AgeRange, _>("age_min", Err(e)),
        (_, Err(e)) => p.check::<AgeRange, _>("age_max", Err(e)),
    };
    let funding = Funding::parse(&i.funding);
    if funding.is_none() {
        p.add("funding", Problem::Funding);
    }
    match (title, direction, description, ages, funding) {
        (Some(title), Some(direction), Some(description), Some(ages), Some(funding)) if p.is_empty() => {
            Ok(CheckedProgram { title, direction, description, ages, funding })
        }
        _ => Err(ProgramError::Invalid(p.0)),
    }
}

fn check_module(i: &ModuleInput) -> Result<(String, ModuleTerms), ProgramError> {
    let mut p = Problems::default();
    let title = p.check("module_title", rules::module_title(&i.title));
    let hours = i.hours.trim().parse::<u32>().ok();
    if hours.is_none() {
        p.add("hours", rules::ProgramError::Hours);
    }
    let money = |p: &mut Problems, field, raw: &str| {
        let k = Kopecks::parse_rubles(raw);
        if k.is_none() {
            p.add(field, Problem::Rubles);
        }
        k
    };
    let price = money(&mut p, "price", &i.price);
    let normative = money(&mut p, "normative_cost", &i.normative_cost);
    if let (Some(h), Some(pr), Some(n)) = (hours, price, normative) {
        if let Err(e) = ModuleTerms::new(h, pr, n) {
            let field = if e == rules::ProgramError::Hours { "hours" } else { "price" };
            p.add(field, e);
        }
    }
    match (title, hours, price, normative) {
        (Some(t), Some(h), Some(pr), Some(n)) if p.is_empty() => {
            Ok((t, ModuleTerms::new(h, pr, n).expect("checked above")))
        }
        _ => Err(ProgramError::Invalid(p.0)),
    }
}

fn check_group(i: &GroupInput, today: jiff::civil::Date) -> Result<GroupFields, ProgramError> {
    let mut p = Problems::default();
    let title = p.check("group_title", rules::required(&i.title, rules::GroupDetail::Title, 100));
    let teacher = p.check("teacher", rules::required(&i.teacher, rules::GroupDetail::Teacher, 200));
    let schedule = p.check("schedule", rules::required(&i.schedule, rules::GroupDetail::Schedule, 300));
    let days = Weekdays::from_codes(i.days.iter().map(String::as_str));
    if days.is_empty() {
        p.add("days", Problem::Days);
    }
    let address = p.check("address", rules::required(&i.address, rules::GroupDetail::Address, 300));
    let point = if i.coordinates.trim().is_empty() {
        None
    } else {
        p.check("coordinates", Point::parse(&i.coordinates))
    };
    let seats = i.seats.trim().parse::<u32>().ok();
    if seats.is_none() {
        p.add("seats", rules::ProgramError::Seats);
    }
    let mut day = |field: &'static str, raw: &str| {
        let d = parse_date_ru(raw);
        if d.is_none() {
            p.add(field, Problem::DateFormat);
        }
        d
    };
    let (starts, ends) = (day("starts_on", &i.starts_on), day("ends_on", &i.ends_on));
    let (from, to) = (day("enrollment_from", &i.enrollment_from), day("enrollment_to", &i.enrollment_to));
    // A typo in the year (1900, 9999) is caught here: groups run within a year back and three
    // years ahead of today.
    let window =
        today.saturating_sub(jiff::Span::new().years(1))..=today.saturating_add(jiff::Span::new().years(3));
    for (field, d) in
        [("starts_on", starts), ("ends_on", ends), ("enrollment_from", from), ("enrollment_to", to)]
    {
        if d.is_some_and(|d| !window.contains(&d)) {
            p.add(field, Problem::DateWindow);
        }
    }
    if let (Some(s), Some(st), Some(en), Some(f), Some(t)) = (seats, starts, ends, from, to) {
        if let Err(e) = rules::GroupTerms::new(s, st, en, f, t) {
            let field = match e {
                rules::ProgramError::Seats => "seats",
                rules::ProgramError::GroupDates => "ends_on",
                _ => "enrollment_to",
            };
            p.add(field, e);
        }
    }
    match (title, teacher, schedule, address, seats, starts, ends, from, to) {
        (
            Some(title),
            Some(teacher),
            Some(schedule),
            Some(address),
            Some(seats),
            Some(s),
            Some(e),
            Some(f),
            Some(t),
        ) if p.is_empty() => Ok(GroupFields {
            title,
            teacher,
            schedule,
            days,
            address,
            point,
            seats,
            starts_on: s,
            ends_on: e,
            enrollment_from: f,
            enrollment_to: t,
        }),
        _ => Err(ProgramError::Invalid(p.0)),
    }
}

/// The lottery's last day, if the group is drawn by lot: inside the application window.
fn check_lottery(i: &GroupInput, f: &GroupFields) -> Result<Option<jiff::civil::Date>, ProgramError> {
    if i.lottery_until.trim().is_empty() {
        return Ok(None);
    }
    let mut p = Problems::default();
    match parse_date_ru(&i.lottery_until) {
        Some(d) if (f.enrollment_from..=f.enrollment_to).contains(&d) => return Ok(Some(d)),
        Some(_) => p.add("lottery_until", Problem::LotteryWindow),
        None => p.add("lottery_until", Problem::DateFormat),
    }
    Err(ProgramError::Invalid(p.0))
}

/// Puts the group in lottery mode (or out of it) while no one has applied. A seed, once made,
/// is kept: its SHA-256 may already be public.
async fn set_lottery_in(
    conn: &mut AnyConnection,
    g: &GroupId,
    existing: Option<&store::Lottery>,
    until: Option<jiff::civil::Date>,
) -> Result<(), ProgramError> {
    if existing.map(|l| l.until) == until {
        return Ok(());
    }
    let fresh = crate::lottery::new_seed();
    let (seed, commitment) = match existing {
        Some(l) => (l.seed.clone(), l.commitment.clone()),
        None => fresh,
    };
    let lottery = until.map(|u| (u, seed.as_str(), commitment.as_str()));
    store::set_lottery(conn, g, lottery).await.map_err(|e| match e {
        StoreError::Conflict(_) => NotReady::EnrollmentMode.into(),
        e => e.into(),
    })
}

/// Refuses anyone but an organization's staff (before reading what they sent).
pub fn authorize_provider(actor: &Actor) -> Result<(), ProgramError> {
    provider_of(actor).map(|_| ())
}

/// Refuses anyone who cannot certify programs anywhere (before reading what they sent).
pub fn authorize_reviewer(actor: &Actor) -> Result<(), ProgramError> {
    match actor.role().role {
        Role::MunicipalOperator | Role::RegionalAdmin => Ok(()),
        _ => Err(ProgramError::Forbidden),
    }
}

/// The organization whose programs the actor keeps.
fn provider_of(actor: &Actor) -> Result<dopcert_domain::ids::OrganizationId, ProgramError> {
    let g = actor.role();
    match (g.role, &g.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(ProgramError::Forbidden),
    }
}

/// The program, if the actor's organization keeps it (else not found: R04).
async fn own(conn: &mut AnyConnection, actor: &Actor, id: &str) -> Result<Program, ProgramError> {
    let org = provider_of(actor)?;
    match store::find(conn, id).await? {
        Some(p) if p.organization_id == org => Ok(p),
        _ => Err(ProgramError::NotFound),
    }
}

pub async fn mine(app: &App, actor: &Actor) -> Result<Vec<Summary>, ProgramError> {
    let org = provider_of(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(store::of_organization(&mut conn, &org).await?)
}

pub async fn create(app: &App, actor: &Actor, input: &ProgramInput) -> Result<ProgramId, ProgramError> {
    let org_id = provider_of(actor)?;
    let c = check_program(input)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let org = organization::get(&mut tx, &org_id).await?;
    let id =
        store::insert(&mut tx, &org.id, &org.municipality_id, &c.fields(), &actor.account_id, &now).await?;
    let mut after = fields_json(&c.fields());
    after["status"] = ProgramStatus::Draft.code().into();
    let change = Change::new("program.create", "program", id.as_str())
        .organization(org.id.as_str())
        .municipality(org.municipality_id.as_str())
        .after(after);
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    catalog::touch(&mut tx, &[id.as_str()], &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(program = %id, "program drafted");
    Ok(id)
}

/// What an edit did: a certified program whose terms changed went back to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Saved,
    BackToReview,
}

/// Opens a program for an edit: the provider's own, not in review, unchanged since `version`.
async fn open_for_edit(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
    version: i64,
) -> Result<Program, ProgramError> {
    let p = own(conn, actor, id).await?;
    if p.status == ProgramStatus::Submitted {
        return Err(ProgramError::InReview);
    }
    if p.version != version {
        return Err(ProgramError::Stale);
    }
    Ok(p)
}

fn stale(e: StoreError) -> ProgramError {
    match e {
        StoreError::Conflict(_) => ProgramError::Stale,
        e => e.into(),
    }
}

/// Ends an edit: bumps the version (unless the fields update did), sends a certified program
/// whose terms changed back to review, records the change in the audit log and tells the
/// catalog.
async fn finish_edit(
    conn: &mut AnyConnection,
    actor: &Actor,
    before: &Program,
    bumped: bool,
    mut change: Change<'_>,
    now: &str,
) -> Result<Edited, ProgramError> {
    if !bumped {
        store::bump(conn, &before.id, before.version, now).await.map_err(stale)?;
    }
    let mut edited = Edited::Saved;
    if before.status == ProgramStatus::Certified {
        let after = terms_of(conn, &before.id).await?;
        if before.certified_terms.as_deref() != Some(after.to_text().as_str()) {
            let to = rules::transition(before.status, ProgramAction::EditTerms)?;
            store::set_status(conn, &before.id, (before.status, None), to, None, now).await.map_err(stale)?;
            log(conn, &before.id, "edit_terms", Some(&actor.account_id), None, None, &[], now).await?;
            change.before.get_or_insert_with(|| json!({}))["status"] = before.status.code().into();
            change.after.get_or_insert_with(|| json!({}))["status"] = to.code().into();
            edited = Edited::BackToReview;
        }
    }
    record(conn, Some(actor), before, change, now).await?;
    catalog::touch(conn, &[before.id.as_str()], now).await?;
    Ok(edited)
}

/// Appends a change of the program (or of its module, group or photo) to the audit log, under
/// the program's organization and municipality.
async fn record<'a>(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    p: &'a Program,
    change: Change<'a>,
    now: &str,
) -> Result<(), StoreError> {
    let change = change.organization(p.organization_id.as_str()).municipality(p.municipality_id.as_str());
    audit::record(conn, actor, &change, now).await
}

/// What the audit log keeps of a program's fields, of a module and of a group.
fn fields_json(f: &ProgramFields<'_>) -> Value {
    json!({
        "title": f.title,
        "direction": f.direction.code(),
        "description": f.description,
        "ages": f.ages.to_string(),
        "funding": f.funding.code(),
    })
}

fn program_fields(p: &Program) -> ProgramFields<'_> {
    ProgramFields {
        title: &p.title,
        direction: p.direction,
        description: &p.description,
        ages: p.ages,
        funding: p.funding,
    }
}

fn module_json(title: &str, t: &ModuleTerms) -> Value {
    json!({
        "title": title,
        "hours": t.hours,
        "price": t.price_per_month.to_string(),
        "normative_cost": t.normative_cost.to_string(),
    })
}

fn group_json(f: &GroupFields, lottery_until: Option<jiff::civil::Date>) -> Value {
    let date = dopcert_store::time::date;
    json!({
        "title": f.title,
        "teacher": f.teacher,
        "schedule": f.schedule,
        "days": f.days.code(),
        "address": f.address,
        "seats": f.seats,
        "starts_on": date(f.starts_on),
        "ends_on": date(f.ends_on),
        "enrollment_from": date(f.enrollment_from),
        "enrollment_to": date(f.enrollment_to),
        "lottery_until": lottery_until.map(date),
    })
}

async fn terms_of(conn: &mut AnyConnection, id: &ProgramId) -> Result<CertifiedTerms, StoreError> {
    let p = store::get(conn, id).await?;
    let modules = store::modules(conn, id).await?;
    Ok(CertifiedTerms {
        funding: p.funding,
        ages: p.ages,
        modules: modules.iter().map(|m| m.terms).collect(),
    })
}

#[allow(clippy::too_many_arguments)]
async fn log(
    conn: &mut AnyConnection,
    program: &ProgramId,
    action: &'static str,
    author: Option<&AccountId>,
    valid_until: Option<jiff::civil::Date>,
    note: Option<&str>,
    verdicts: &[Verdict],
    now: &str,
) -> Result<(), StoreError> {
    store::insert_review(
        conn,
        &store::NewReview { program, action, author, valid_until, note, verdicts },
        now,
    )
    .await
}

pub async fn edit(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    input: &ProgramInput,
) -> Result<Edited, ProgramError> {
    provider_of(actor)?;
    let c = check_program(input)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    store::update(&mut tx, &before.id, version, &c.fields(), &now).await.map_err(stale)?;
    let change = Change::new("program.edit", "program", before.id.as_str())
        .changed(fields_json(&program_fields(&before)), fields_json(&c.fields()));
    let edited = finish_edit(&mut tx, actor, &before, true, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(edited)
}

pub async fn add_module(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    input: &ModuleInput,
) -> Result<Edited, ProgramError> {
    provider_of(actor)?;
    let (title, terms) = check_module(input)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    if store::modules(&mut tx, &before.id).await?.len() >= MAX_MODULES {
        return Err(NotReady::ModulesLimit.into());
    }
    let m = store::insert_module(&mut tx, &before.id, &title, &terms).await?;
    let change = Change::new("module.add", "module", m.as_str()).after(module_json(&title, &terms));
    let edited = finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(edited)
}

const MAX_MODULES: usize = 20;
const MAX_GROUPS: usize = 100;
const MAX_PHOTOS: i64 = 6;

async fn module_of(conn: &mut AnyConnection, p: &Program, module: &str) -> Result<Module, ProgramError> {
    store::modules(conn, &p.id)
        .await?
        .into_iter()
        .find(|m| m.id.as_str() == module)
        .ok_or(ProgramError::NotFound)
}

pub async fn edit_module(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    module: &str,
    input: &ModuleInput,
) -> Result<Edited, ProgramError> {
    provider_of(actor)?;
    let (title, terms) = check_module(input)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    let m = module_of(&mut tx, &before, module).await?;
    store::update_module(&mut tx, &m.id, &title, &terms).await?;
    let change = Change::new("module.edit", "module", m.id.as_str())
        .changed(module_json(&m.title, &m.terms), module_json(&title, &terms));
    let edited = finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(edited)
}

pub async fn delete_module(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    module: &str,
) -> Result<Edited, ProgramError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    let m = module_of(&mut tx, &before, module).await?;
    store::delete_module(&mut tx, &m.id).await.map_err(|e| match e {
        StoreError::Conflict(_) => ProgramError::SeatsTaken,
        e => e.into(),
    })?;
    let change =
        Change::new("module.delete", "module", m.id.as_str()).before(module_json(&m.title, &m.terms));
    let edited = finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(edited)
}

/// Adds a group to a module. Groups are not the certified terms: a certified program stays
/// certified.
pub async fn add_group(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    module: &str,
    input: &GroupInput,
) -> Result<GroupId, ProgramError> {
    provider_of(actor)?;
    let fields = check_group(input, app.clock.today())?;
    let lottery = check_lottery(input, &fields)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    let m = module_of(&mut tx, &before, module).await?;
    if store::groups(&mut tx, &before.id).await?.len() >= MAX_GROUPS {
        return Err(NotReady::GroupsLimit.into());
    }
    let g = store::insert_group(&mut tx, &before.id, &m.id, &fields).await?;
    set_lottery_in(&mut tx, &g, None, lottery).await?;
    let change = Change::new("group.add", "group", g.as_str()).after(group_json(&fields, lottery));
    finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(g)
}

async fn group_of(conn: &mut AnyConnection, p: &Program, group: &str) -> Result<Group, ProgramError> {
    match store::get_group(conn, group).await? {
        Some(g) if g.program_id == p.id => Ok(g),
        _ => Err(ProgramError::NotFound),
    }
}

pub async fn edit_group(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    group: &str,
    input: &GroupInput,
) -> Result<(), ProgramError> {
    provider_of(actor)?;
    let fields = check_group(input, app.clock.today())?;
    let lottery = check_lottery(input, &fields)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    let g = group_of(&mut tx, &before, group).await?;
    store::update_group(&mut tx, &g.id, &fields).await.map_err(|e| match e {
        StoreError::Conflict(_) => ProgramError::SeatsTaken,
        e => e.into(),
    })?;
    set_lottery_in(&mut tx, &g.id, g.lottery.as_ref(), lottery).await?;
    let was = group_json(&g.fields, g.lottery.as_ref().map(|l| l.until));
    let change = Change::new("group.edit", "group", g.id.as_str()).changed(was, group_json(&fields, lottery));
    finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn delete_group(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    group: &str,
) -> Result<(), ProgramError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    let g = group_of(&mut tx, &before, group).await?;
    store::delete_group(&mut tx, &g.id).await.map_err(|e| match e {
        StoreError::Conflict(_) => ProgramError::SeatsTaken,
        e => e.into(),
    })?;
    let was = group_json(&g.fields, g.lottery.as_ref().map(|l| l.until));
    let change = Change::new("group.delete", "group", g.id.as_str()).before(was);
    finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The largest photo accepted.
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// A photo's type by its first bytes (JPEG, PNG or WebP), never by its name.
pub fn photo_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

pub async fn add_photo(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    bytes: &[u8],
) -> Result<(), ProgramError> {
    let invalid = |problem| ProgramError::Invalid(vec![FieldError { field: "photo", problem }]);
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(invalid(Problem::PhotoTooLarge));
    }
    let Some(content_type) = photo_type(bytes) else {
        return Err(invalid(Problem::PhotoType));
    };
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    if store::photo_count(&mut tx, &before.id).await? >= MAX_PHOTOS {
        return Err(invalid(Problem::TooManyPhotos));
    }
    let photo = store::insert_photo(&mut tx, &before.id, content_type, bytes, &now).await?;
    let change = Change::new("photo.add", "photo", &photo)
        .after(json!({"content_type": content_type, "bytes": bytes.len()}));
    finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn delete_photo(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    photo: &str,
) -> Result<(), ProgramError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let before = open_for_edit(&mut tx, actor, id, version).await?;
    store::delete_photo(&mut tx, &before.id, photo).await.map_err(|_| ProgramError::NotFound)?;
    let change = Change::new("photo.delete", "photo", photo);
    finish_edit(&mut tx, actor, &before, false, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Sends a program for certification: it needs modules, groups, and prices that match how it
/// is paid.
pub async fn submit(app: &App, actor: &Actor, id: &str, version: i64) -> Result<(), ProgramError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let p = own(&mut tx, actor, id).await?;
    if p.version != version {
        return Err(ProgramError::Stale);
    }
    let to = rules::transition(p.status, ProgramAction::Submit)?;
    let modules = store::modules(&mut tx, &p.id).await?;
    let groups = store::groups(&mut tx, &p.id).await?;
    if modules.is_empty() {
        return Err(NotReady::NoModule.into());
    }
    if let Some(m) = modules.iter().find(|m| !groups.iter().any(|g| g.module_id == m.id)) {
        return Err(ProgramError::NoGroup(m.title.clone()));
    }
    let today = app.clock.today();
    if !groups.iter().any(|g| g.fields.ends_on >= today) {
        return Err(NotReady::GroupsOver.into());
    }
    match p.funding {
        Funding::Free if modules.iter().any(|m| m.terms.price_per_month > Kopecks::ZERO) => {
            return Err(NotReady::FreePrice.into());
        }
        Funding::Certificate if modules.iter().any(|m| m.terms.price_per_month == Kopecks::ZERO) => {
            return Err(NotReady::CertificatePrice.into());
        }
        _ => {}
    }
    store::set_status(&mut tx, &p.id, (p.status, Some(version)), to, None, &now).await.map_err(stale)?;
    log(&mut tx, &p.id, "submit", Some(&actor.account_id), None, None, &[], &now).await?;
    let change = Change::new("program.submit", "program", p.id.as_str())
        .before(json!({"status": p.status.code()}))
        .after(json!({"status": to.code()}));
    record(&mut tx, Some(actor), &p, change, &now).await?;
    catalog::touch(&mut tx, &[p.id.as_str()], &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(program = %p.id, "program submitted for certification");
    Ok(())
}

/// Who certifies programs: the municipality's operator (the default) or the regional center.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Certifier {
    Municipality,
    Region,
}

impl Certifier {
    pub fn code(self) -> &'static str {
        match self {
            Certifier::Municipality => "municipality",
            Certifier::Region => "region",
        }
    }

    pub fn parse(code: &str) -> Option<Certifier> {
        [Certifier::Municipality, Certifier::Region].into_iter().find(|c| c.code() == code)
    }
}

pub const CERTIFIER_SETTING: &str = "certification.by";

pub async fn certifier(conn: &mut AnyConnection) -> Result<Certifier, StoreError> {
    Ok(match setting::get(conn, CERTIFIER_SETTING).await?.as_deref() {
        Some("region") => Certifier::Region,
        _ => Certifier::Municipality,
    })
}

/// Who certifies now, for the back office's pages.
pub async fn current_certifier(app: &App) -> Result<Certifier, StoreError> {
    let mut conn = app.store.reader().await?;
    certifier(&mut conn).await
}

/// The regional admin decides who certifies.
pub async fn set_certifier(app: &App, actor: &Actor, c: Certifier) -> Result<(), ProgramError> {
    if actor.role().role != Role::RegionalAdmin {
        return Err(ProgramError::Forbidden);
    }
    let mut tx = app.store.begin().await?;
    let was = certifier(&mut tx).await?;
    setting::put(&mut tx, CERTIFIER_SETTING, c.code()).await?;
    let change = Change::new("setting.change", "setting", CERTIFIER_SETTING)
        .before(json!({"value": was.code()}))
        .after(json!({"value": c.code()}));
    audit::record(&mut tx, Some(actor), &change, &instant(app.clock.now())).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// How the actor stands to a program in the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Oversight {
    None,
    Sees,
    Reviews,
}

async fn oversight(conn: &mut AnyConnection, actor: &Actor, p: &Program) -> Result<Oversight, StoreError> {
    let g = actor.role();
    let m = municipality::get(conn, &p.municipality_id).await?;
    let in_municipality = g.municipality_id.as_ref() == Some(&p.municipality_id);
    let in_region = g.region_id.as_ref() == Some(&m.region_id);
    let by = certifier(conn).await?;
    Ok(match g.role {
        Role::MunicipalOperator if in_municipality && by == Certifier::Municipality => Oversight::Reviews,
        Role::RegionalAdmin if in_region && by == Certifier::Region => Oversight::Reviews,
        Role::MunicipalOperator if in_municipality => Oversight::Sees,
        Role::RegionalAdmin if in_region => Oversight::Sees,
        Role::Auditor
            if in_municipality || in_region || g.organization_id.as_ref() == Some(&p.organization_id) =>
        {
            Oversight::Sees
        }
        _ => Oversight::None,
    })
}

/// Programs awaiting review that the actor reviews or watches, oldest first.
pub async fn queue(app: &App, actor: &Actor, status: ProgramStatus) -> Result<Vec<Summary>, ProgramError> {
    let g = actor.role().clone();
    let mut conn = app.store.reader().await?;
    let (municipality, region) = match (g.role, &g.municipality_id, &g.region_id) {
        (Role::MunicipalOperator, Some(m), _) => {
            (Some(m.clone()), municipality::get(&mut conn, m).await?.region_id)
        }
        (Role::RegionalAdmin, _, Some(r)) => (None, r.clone()),
        _ => return Err(ProgramError::Forbidden),
    };
    Ok(store::in_status(&mut conn, status, municipality.as_ref(), &region, 500).await?)
}

/// A reviewer's answers as typed: per item, passed or not and the reason.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    pub verdicts: Vec<(String, Option<bool>, String)>,
    /// A decision was chosen (the form comes back without one otherwise).
    pub decided: bool,
    pub certify: bool,
    pub valid_until: String,
    pub note: String,
}

pub async fn review(
    app: &App,
    actor: &Actor,
    id: &str,
    version: i64,
    input: &ReviewInput,
) -> Result<ProgramStatus, ProgramError> {
    authorize_reviewer(actor)?;
    let today = app.clock.today();
    let mut verdicts = Vec::new();
    for (code, passed, reason) in &input.verdicts {
        let (Some(item), Some(passed)) = (ChecklistItem::parse(code), passed) else { continue };
        let reason = Some(reason.trim().to_string()).filter(|r| !r.is_empty());
        if reason.as_ref().is_some_and(|r| r.chars().count() > 1000) {
            return Err(ProgramError::Invalid(vec![FieldError {
                field: "reason",
                problem: Problem::ReasonTooLong,
            }]));
        }
        verdicts.push(Verdict { item, passed: *passed, reason });
    }
    let decision = if input.certify {
        match parse_date_ru(&input.valid_until) {
            Some(valid_until) => Decision::Certify { valid_until },
            None => return Err(ReviewError::ValidUntil.into()),
        }
    } else {
        Decision::Return
    };
    rules::check_review(&verdicts, &decision, today)?;
    let note =
        Some(input.note.trim()).filter(|n| !n.is_empty()).map(|n| n.chars().take(2000).collect::<String>());
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let p = store::find(&mut tx, id).await?.ok_or(ProgramError::NotFound)?;
    match oversight(&mut tx, actor, &p).await? {
        Oversight::Reviews => {}
        Oversight::Sees => return Err(ProgramError::Forbidden),
        Oversight::None => return Err(ProgramError::NotFound),
    }
    if p.version != version {
        return Err(ProgramError::Stale);
    }
    let (action, code, valid_until) = match decision {
        Decision::Certify { valid_until } => (ProgramAction::Certify, "certify", Some(valid_until)),
        Decision::Return => (ProgramAction::Return, "return", None),
    };
    let to = rules::transition(p.status, action)?;
    let terms = terms_of(&mut tx, &p.id).await?.to_text();
    store::set_status(
        &mut tx,
        &p.id,
        (p.status, Some(version)),
        to,
        valid_until.map(|d| (d, terms.as_str())),
        &now,
    )
    .await
    .map_err(stale)?;
    log(&mut tx, &p.id, code, Some(&actor.account_id), valid_until, note.as_deref(), &verdicts, &now).await?;
    let after = json!({
        "status": to.code(),
        "certified_until": valid_until.map(dopcert_store::time::date),
        "note": note,
    });
    let action = if valid_until.is_some() { "program.certify" } else { "program.return" };
    let change =
        Change::new(action, "program", p.id.as_str()).before(json!({"status": p.status.code()})).after(after);
    record(&mut tx, Some(actor), &p, change, &now).await?;
    catalog::touch(&mut tx, &[p.id.as_str()], &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(program = %p.id, decision = code, "program reviewed");
    Ok(to)
}

/// Everything about a program, as one actor may see it.
#[derive(Debug, Clone)]
pub struct ProgramView {
    pub program: Program,
    pub organization: organization::Organization,
    pub municipality_name: String,
    pub modules: Vec<Module>,
    pub groups: Vec<Group>,
    pub photos: Vec<String>,
    /// The decisions, for the provider and the back office; empty for the public.
    pub reviews: Vec<Review>,
    pub may_edit: bool,
    pub may_review: bool,
    /// The reminder period before the certification's end has begun.
    pub ends_soon: bool,
}

impl ProgramView {
    pub fn groups_of(&self, module: &ModuleId) -> Vec<&Group> {
        self.groups.iter().filter(|g| &g.module_id == module).collect()
    }

    /// The catalog shows it and it takes new enrollments (R07).
    pub fn listed(&self) -> bool {
        self.program.status.takes_enrollments() && self.organization.provider_status.may_be_paid()
    }
}

/// A program's page: the public sees listed programs and those whose certification ended
/// (their families still attend); drafts and reviews only the provider and the back office.
pub async fn view(app: &App, actor: Option<&Actor>, id: &str) -> Result<ProgramView, ProgramError> {
    let mut conn = app.store.reader().await?;
    let program = store::find(&mut conn, id).await?.ok_or(ProgramError::NotFound)?;
    let organization = organization::get(&mut conn, &program.organization_id).await?;
    let is_provider = actor.is_some_and(|a| provider_of(a).ok().as_ref() == Some(&program.organization_id));
    let over = match actor {
        Some(a) => oversight(&mut conn, a, &program).await?,
        None => Oversight::None,
    };
    let public = matches!(program.status, ProgramStatus::Certified | ProgramStatus::Expired)
        && organization.provider_status.may_be_paid();
    if !public && !is_provider && over == Oversight::None {
        return Err(ProgramError::NotFound);
    }
    let municipality_name = municipality::get(&mut conn, &program.municipality_id).await?.name;
    let modules = store::modules(&mut conn, &program.id).await?;
    let groups = store::groups(&mut conn, &program.id).await?;
    let photos = store::photo_ids(&mut conn, &program.id).await?;
    let reviews = if is_provider || over != Oversight::None {
        store::reviews(&mut conn, &program.id).await?
    } else {
        Vec::new()
    };
    let today = app.clock.today();
    let ends_soon = program.status == ProgramStatus::Certified
        && program.certified_until.is_some_and(|u| rules::reminder_due(u, today));
    Ok(ProgramView {
        may_edit: is_provider && program.status != ProgramStatus::Submitted,
        may_review: over == Oversight::Reviews && program.status == ProgramStatus::Submitted,
        program,
        organization,
        municipality_name,
        modules,
        groups,
        photos,
        reviews,
        ends_soon,
    })
}

/// A photo of a program the actor may see.
pub async fn photo(app: &App, actor: Option<&Actor>, id: &str) -> Result<(String, Vec<u8>), ProgramError> {
    let (program, content_type, bytes, public) = {
        let mut conn = app.store.reader().await?;
        let (program, content_type, bytes) =
            store::photo(&mut conn, id).await?.ok_or(ProgramError::NotFound)?;
        let public = catalog::listed(&mut conn, &program).await?.is_some();
        (program, content_type, bytes, public)
    };
    // A listed program's photos are public (one query); others as their program's page.
    if !public {
        view(app, actor, &program).await?;
    }
    Ok((content_type, bytes))
}

/// Housekeeping: certifications that ran out expire (their families keep attending, nobody new
/// enrolls); those ending within 30 days get their reminder, once. Returns (expired, reminded).
pub async fn expire_and_remind(app: &App) -> Result<(u64, u64), StoreError> {
    let today = app.clock.today();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let mut expired = 0;
    let mut gone = Vec::new();
    for id in store::expired_by(&mut tx, today).await? {
        let to =
            rules::transition(ProgramStatus::Certified, ProgramAction::Expire).expect("certified expires");
        match store::set_status(&mut tx, &id, (ProgramStatus::Certified, None), to, None, &now).await {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e),
        }
        log(&mut tx, &id, "expire", None, None, None, &[], &now).await?;
        let p = store::get(&mut tx, &id).await?;
        let change = Change::new("program.expire", "program", id.as_str())
            .before(json!({"status": ProgramStatus::Certified.code()}))
            .after(json!({"status": to.code()}));
        record(&mut tx, None, &p, change, &now).await?;
        gone.push(id);
        expired += 1;
    }
    // One change for all of them, taken last (the version row's lock is held to the commit).
    let ids: Vec<&str> = gone.iter().map(|p| p.as_str()).collect();
    let mut reminded = 0;
    let until = today.saturating_add(jiff::Span::new().days(rules::REMINDER_DAYS));
    for id in store::reminders_due(&mut tx, until).await? {
        if store::mark_reminded(&mut tx, &id, &now).await? {
            log(&mut tx, &id, "remind", None, None, None, &[], &now).await?;
            let p = store::get(&mut tx, &id).await?;
            let until = p.certified_until.map(dopcert_store::time::date);
            let change = Change::new("program.remind", "program", id.as_str())
                .after(json!({"reminded": true, "certified_until": until}));
            record(&mut tx, None, &p, change, &now).await?;
            reminded += 1;
        }
    }
    catalog::touch(&mut tx, &ids, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    if expired + reminded > 0 {
        tracing::info!(expired, reminded, "program certifications checked");
    }
    Ok((expired, reminded))
}

/// What a program's page offers the person looking at it (R07: a paid program needs a
/// certificate that can pay; a free one is open to every family).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The button that starts enrollment.
    Enroll,
    /// A paid program: sign in to see whether a certificate can pay.
    SignIn,
    /// None of the actor's children has a certificate yet.
    NeedsCertificate,
    /// The certificates have no money for it (not funded, or spent).
    NeedsFunds,
    /// Not taking enrollments (not certified, no open group with a seat, or not a family).
    Closed,
}

pub async fn enrollment_offer(
    app: &App,
    actor: Option<&Actor>,
    v: &ProgramView,
) -> Result<Offer, StoreError> {
    let today = app.clock.today();
    // A full group still takes applications to its waitlist, a lottery's to its draw.
    let open = v.groups.iter().any(|g| g.enrollment_open(today));
    if !v.listed() || !open {
        return Ok(Offer::Closed);
    }
    if v.program.funding == Funding::Free {
        return Ok(Offer::Enroll);
    }
    let Some(actor) = actor else { return Ok(Offer::SignIn) };
    if !matches!(actor.role().role, Role::Parent | Role::Child) {
        return Ok(Offer::Closed);
    }
    let children = crate::cabinet::children(app, actor).await?;
    let certificates: Vec<_> = children.iter().filter_map(|c| c.certificate.as_ref()).collect();
    if certificates.is_empty() {
        return Ok(Offer::NeedsCertificate);
    }
    let can_pay = certificates.iter().any(|c| {
        c.status == dopcert_domain::certificate::Status::Active
            && c.funded
            && c.balance.available > Kopecks::ZERO
    });
    Ok(if can_pay { Offer::Enroll } else { Offer::NeedsFunds })
}
