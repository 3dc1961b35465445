//! Applying to a group (R07–R09): in one transaction the seat is taken by a guarded update, the
//! application written (one live per child and group, by a unique index) and the contract's
//! certificate share held by a ledger entry whose guard keeps the balance at zero or above. A
//! full group puts the child on its waitlist instead.

use dopcert_domain::certificate::Status as CertificateStatus;
use dopcert_domain::eligibility;
use dopcert_domain::enrollment::{self as rules, ApplicationStatus, ContractTerms};
use dopcert_domain::format::date_long;
use dopcert_domain::ids::{
    AccountId, CertificateId, GroupId, MunicipalityId, OrganizationId, PersonId, ProgramId,
};
use dopcert_domain::money::Kopecks;
use dopcert_domain::notification::{self as notes, Kind};
use dopcert_domain::program::{AgeRange, Funding};
use dopcert_domain::role::Role;
use dopcert_store::application::{self as store, NewApplication};
use dopcert_store::ledger::{self, AccountKind, Entry, LedgerError, Owner, Reason};
use dopcert_store::time::instant;
use dopcert_store::AnyConnection;
use dopcert_store::{catalog, certificate, period, program, StoreError};
use jiff::civil::Date;
use jiff::ToSpan;
use serde_json::{json, Value};

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::idempotency::{self, Answered, KeyReused, Keyed};
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error("ребёнок не найден среди ваших детей")]
    NotYourChild,
    #[error("записать ребёнка может родитель (законный представитель) или сам ребёнок с 14 лет")]
    Forbidden,
    #[error("группа не найдена")]
    NoSuchGroup,
    #[error("программа сейчас не принимает записей: она не сертифицирована или организация приостановлена")]
    NotListed,
    #[error("запись в эту группу закрыта")]
    Closed,
    /// The program's ages; `Display` words them as `AgeRange` does («от 7 до 12 лет»).
    #[error("программа для детей {0}: по возрасту ребёнок не подходит")]
    WrongAge(AgeRange),
    #[error("нужен сертификат дополнительного образования: получите его в «Персональных настройках»")]
    NoCertificate,
    /// The certificate's status (never `Active`); `Display` shows its `Status::title`.
    #[error("сертификат не действует: {}", .0.title())]
    CertificateInactive(CertificateStatus),
    #[error("на сертификате не хватает средств: нужно {needed}, доступно {available}")]
    Insufficient { needed: Kopecks, available: Kopecks },
    #[error("ребёнок уже записан в эту группу или ждёт в ней места")]
    AlreadyApplied,
    #[error("чтобы записаться, примите условия договора (оферты)")]
    ContractNotAccepted,
    #[error(transparent)]
    KeyReused(#[from] KeyReused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ApplyError {
    /// The stable code the API and the tests use.
    pub fn code(&self) -> &'static str {
        match self {
            ApplyError::NotYourChild | ApplyError::NoSuchGroup => "not_found",
            ApplyError::Forbidden => "forbidden",
            ApplyError::NotListed => "not_certified",
            ApplyError::Closed => "enrollment_closed",
            ApplyError::WrongAge(_) => "age_not_eligible",
            ApplyError::NoCertificate => "certificate_required",
            ApplyError::CertificateInactive(_) => "certificate_inactive",
            ApplyError::Insufficient { .. } => "insufficient_balance",
            ApplyError::AlreadyApplied => "already_applied",
            ApplyError::ContractNotAccepted => "contract_not_accepted",
            ApplyError::KeyReused(_) => "idempotency_key_reused",
            ApplyError::Store(_) => "internal",
        }
    }
}

/// What applying did: enough to answer without reading it back.
#[derive(Debug, Clone)]
pub struct Applied {
    pub application_id: String,
    /// `Pending` with the seat and the money held, or `Waitlisted`.
    pub status: ApplicationStatus,
    pub program_id: ProgramId,
    pub starts_on: Date,
    pub ends_on: Date,
    pub terms: ContractTerms,
    /// Held on the certificate now: the contract's share when the seat was taken, else zero.
    pub held: Kopecks,
    /// The certificate that pays.
    pub certificate_id: CertificateId,
    /// The provider, and its program's municipality.
    pub organization_id: OrganizationId,
    pub municipality_id: MunicipalityId,
}

/// An application as the transaction needs it, the family's side checked (R04).
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    pub child: &'a PersonId,
    pub birth_date: Option<Date>,
    pub group: &'a GroupId,
    pub applied_by: &'a AccountId,
    pub contract_accepted: bool,
}

/// A parent (or a child from 14, for themselves) applies for a child to a group, having read
/// and accepted the contract (`contract_accepted`; a free program has none to accept). In a
/// lottery's window the application waits for the draw; a full group waitlists.
pub async fn apply(
    app: &App,
    actor: &Actor,
    child: &PersonId,
    group: &GroupId,
    contract_accepted: bool,
) -> Result<Applied, ApplyError> {
    Ok(apply_once(app, actor, child, group, contract_accepted, None).await?.unkeyed())
}

/// Applying with the API's idempotency key, if it came with one: a retry with the key gets the
/// first answer; a new application stores its answer in its transaction (`idempotency`).
pub async fn apply_once(
    app: &App,
    actor: &Actor,
    child: &PersonId,
    group: &GroupId,
    contract_accepted: bool,
    keyed: Option<&Keyed<'_, Applied>>,
) -> Result<Answered<Applied>, ApplyError> {
    let account = &actor.account_id;
    if let Some(answer) = idempotency::earlier::<_, ApplyError>(app, account, keyed).await? {
        return Ok(Answered::Before(answer));
    }
    let view = own_child(app, actor, child).await?;
    let applicant = Applicant {
        child,
        birth_date: view.birth_date,
        group,
        applied_by: &actor.account_id,
        contract_accepted,
    };
    let today = app.clock.today();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    if !idempotency::take(&mut tx, app, account, keyed).await? {
        drop(tx);
        return idempotency::lost_race(app, account, keyed).await;
    }
    let applied = apply_in(&mut tx, &applicant, today, &now).await?;
    record_applied(&mut tx, actor, child, &applied, &now).await?;
    idempotency::record(&mut tx, account, keyed, &applied).await?;
    tx.commit().await.map_err(StoreError::from)?;
    metrics::counter!("dopcert_applications_total", "status" => applied.status.code()).increment(1);
    tracing::info!(application = %applied.application_id, status = applied.status.code(), "applied");
    Ok(Answered::Now(applied))
}

/// The transaction of an application: the group, program and certificate read and checked
/// (R07), the seat taken by a guarded update (R09), the application written and the hold
/// posted (R08). Public for `dopcert bench rush`, which sends it (and `record_applied`) as bare
/// SQL.
pub async fn apply_in(
    tx: &mut AnyConnection,
    a: &Applicant<'_>,
    today: Date,
    now: &str,
) -> Result<Applied, ApplyError> {
    let (g, p) = open_group(tx, a.group, today).await?;
    let age = a.birth_date.map(|b| eligibility::age_on(b, today));
    if !age.is_some_and(|age| p.ages.contains(age)) {
        return Err(ApplyError::WrongAge(p.ages));
    }
    let Offer { cert, start, end, terms } = terms_for(tx, &g, &p, a.child, today).await?;
    if terms.total > Kopecks::ZERO && !a.contract_accepted {
        return Err(ApplyError::ContractNotAccepted);
    }
    let in_draw = g.lottery.as_ref().is_some_and(|l| today <= l.until);
    let seat = !in_draw && store::take_seat(tx, &g.id).await?;
    let status = if seat { ApplicationStatus::Pending } else { ApplicationStatus::Waitlisted };
    let held = if seat { terms.hold } else { Kopecks::ZERO };
    let new = NewApplication {
        group: &g.id,
        program: &p.id,
        child: a.child,
        certificate: Some(&cert),
        status,
        applied_by: a.applied_by,
        starts_on: start,
        ends_on: end,
        price_per_month: terms.price_per_month,
        covered_per_month: terms.covered_per_month,
        hold: held,
        contract_accepted: terms.total == Kopecks::ZERO || a.contract_accepted,
    };
    let id = match store::insert(tx, &new, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => return Err(ApplyError::AlreadyApplied),
        Err(e) => return Err(e.into()),
    };
    if held > Kopecks::ZERO {
        hold(tx, &cert, &id, held, now).await?;
    }
    Ok(applied(id, status, p, Offer { cert, start, end, terms }, held))
}

/// What an application became, told from its program and contract.
fn applied(id: String, status: ApplicationStatus, p: program::Program, o: Offer, held: Kopecks) -> Applied {
    Applied {
        application_id: id,
        status,
        program_id: p.id,
        starts_on: o.start,
        ends_on: o.end,
        terms: o.terms,
        held,
        certificate_id: o.cert,
        organization_id: p.organization_id,
        municipality_id: p.municipality_id,
    }
}

/// The audit record of a new application.
pub async fn record_applied(
    conn: &mut AnyConnection,
    actor: &Actor,
    child: &PersonId,
    a: &Applied,
    now: &str,
) -> Result<(), StoreError> {
    let after = json!({
        "status": a.status.code(),
        "held": a.held.to_string(),
        "starts_on": dopcert_store::time::date(a.starts_on),
        "ends_on": dopcert_store::time::date(a.ends_on),
    });
    let change = Change::new("application.apply", "application", &a.application_id)
        .person(child.as_str())
        .certificate(a.certificate_id.as_str())
        .organization(a.organization_id.as_str())
        .municipality(a.municipality_id.as_str())
        .after(after);
    audit::record(conn, Some(actor), &change, now).await
}

/// Appends a change of an application to the audit log, under its provider and the program's
/// municipality (the operator there oversees the provider's applications and invoices).
async fn record(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    action: &str,
    a: &store::Application,
    before: Value,
    after: Value,
    now: &str,
) -> Result<(), StoreError> {
    let p = program::get(conn, &ProgramId::from_string(a.program_id.clone())).await?;
    let mut change = Change::new(action, "application", &a.id)
        .person(&a.child_id)
        .organization(p.organization_id.as_str())
        .municipality(p.municipality_id.as_str())
        .before(before)
        .after(after);
    change.certificate = a.certificate_id.as_deref();
    audit::record(conn, actor, &change, now).await
}

/// The actor's child as the cabinet shows it (R04), if the actor may enroll them.
async fn own_child(
    app: &App,
    actor: &Actor,
    child: &PersonId,
) -> Result<crate::cabinet::FamilyMember, ApplyError> {
    if !matches!(actor.role().role, Role::Parent | Role::Child) {
        return Err(ApplyError::Forbidden);
    }
    let family = crate::cabinet::family(app, actor).await?;
    let Some(view) = family.into_iter().find(|c| c.id == *child) else {
        return Err(ApplyError::NotYourChild);
    };
    if actor.role().role == Role::Child && !view.may_claim_self {
        return Err(ApplyError::Forbidden);
    }
    Ok(view)
}

/// A group that takes applications today, and its program (R07: certified, of a working
/// provider — what the catalog lists).
async fn open_group(
    conn: &mut AnyConnection,
    group: &GroupId,
    today: Date,
) -> Result<(program::Group, program::Program), ApplyError> {
    let g = program::get_group(conn, group.as_str()).await?.ok_or(ApplyError::NoSuchGroup)?;
    if catalog::listed(conn, g.program_id.as_str()).await?.is_none() {
        return Err(ApplyError::NotListed);
    }
    let p = program::get(conn, &g.program_id).await?;
    if !g.enrollment_open(today) || g.fields.ends_on < today {
        return Err(ApplyError::Closed);
    }
    Ok((g, p))
}

/// A contract as offered: the certificate that pays, the dates and the money.
struct Offer {
    cert: CertificateId,
    start: Date,
    end: Date,
    terms: ContractTerms,
}

/// The contract a child would sign today: from the later of today and the group's start to the
/// earlier of the group's end and the end of the certificate's period (R10: money does not carry
/// over), priced by the group's module; the child's certificate must be active.
async fn terms_for(
    conn: &mut AnyConnection,
    g: &program::Group,
    p: &program::Program,
    child: &PersonId,
    today: Date,
) -> Result<Offer, ApplyError> {
    let cert = certificate::by_child(conn, child).await?.ok_or(ApplyError::NoCertificate)?;
    match cert.status {
        CertificateStatus::Active => {}
        status @ (CertificateStatus::Suspended | CertificateStatus::Closed) => {
            return Err(ApplyError::CertificateInactive(status))
        }
    }
    let module = program::modules(conn, &p.id).await?.into_iter().find(|m| m.id == g.module_id);
    let (price, normative) = match (p.funding, module) {
        (Funding::Certificate, Some(m)) => (m.terms.price_per_month, m.terms.normative_cost),
        _ => (Kopecks::ZERO, Kopecks::ZERO),
    };
    let start = today.max(g.fields.starts_on);
    let period_end = period::current(conn, &cert.municipality_id, today).await?.map(|p| p.ends_on);
    let end = period_end.map_or(g.fields.ends_on, |e| e.min(g.fields.ends_on));
    if end < start {
        // The group starts after the certificate's period: its money is not known yet.
        return Err(ApplyError::Closed);
    }
    Ok(Offer { cert: cert.id, start, end, terms: rules::contract(price, normative, start, end) })
}

/// Moves the contract's certificate share from available to held (R08); the ledger's guard
/// refuses a balance below zero, and the caller's transaction is then rolled back. Public for
/// `dopcert bench rush`, which runs an application's writes without the use case around them.
pub async fn hold(
    conn: &mut AnyConnection,
    cert: &CertificateId,
    application: &str,
    amount: Kopecks,
    now: &str,
) -> Result<(), ApplyError> {
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(cert), now).await?;
    let held = ledger::account(conn, AccountKind::CertificateHeld, Owner::Certificate(cert), now).await?;
    let key = format!("hold:{application}");
    let cause = format!("application:{application}");
    let entry = Entry {
        idempotency_key: &key,
        reason: Reason::Hold,
        period_id: None,
        certificate_id: Some(cert),
        note: None,
        cause: Some(&cause),
        author: None,
        postings: &[(available.as_str(), Kopecks::new(-amount.get())), (held.as_str(), amount)],
    };
    match ledger::post(conn, &entry, now).await {
        Ok(_) => Ok(()),
        Err(LedgerError::Insufficient) => {
            let balance = ledger::certificate_balance(conn, cert).await?;
            Err(ApplyError::Insufficient { needed: amount, available: balance.available })
        }
        Err(LedgerError::Unbalanced) => Err(StoreError::Corrupt("ledger entry").into()),
        Err(LedgerError::Store(e)) => Err(e.into()),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error("заявка не найдена")]
    NotFound,
    #[error("{0}")]
    Transition(#[from] rules::ApplicationTransitionError),
    #[error("заявку уже изменили: обновите страницу")]
    Stale,
    #[error("напишите причину отказа: семья увидит её")]
    ReasonMissing,
    #[error("{0}")]
    Apply(#[from] ApplyError),
    /// The dates the last day must lie between; `Display` writes them as `format::date_long`.
    #[error(
        "дата ухода — не раньше {} и не позже окончания договора {}",
        date_long(*.earliest),
        date_long(*.latest)
    )]
    LeaveDate { earliest: Date, latest: Date },
    #[error(transparent)]
    KeyReused(#[from] KeyReused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DecideError {
    pub fn code(&self) -> &'static str {
        match self {
            DecideError::NotFound => "not_found",
            DecideError::Transition(_) => "invalid_transition",
            DecideError::Stale => "stale",
            DecideError::ReasonMissing => "reason_required",
            DecideError::Apply(e) => e.code(),
            DecideError::LeaveDate { .. } => "invalid_date",
            DecideError::KeyReused(_) => "idempotency_key_reused",
            DecideError::Store(_) => "internal",
        }
    }
}

/// The provider's organization of the actor, if staff.
fn provider_of(actor: &Actor) -> Option<OrganizationId> {
    let g = actor.role();
    match (g.role, &g.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Some(o.clone()),
        _ => None,
    }
}

/// An application the actor's organization provides.
async fn providers_application(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<store::Application, DecideError> {
    let org = provider_of(actor).ok_or(DecideError::NotFound)?;
    let a = store::find(conn, id).await?.ok_or(DecideError::NotFound)?;
    let p = program::find(conn, &a.program_id).await?.ok_or(DecideError::NotFound)?;
    if p.organization_id != org {
        return Err(DecideError::NotFound);
    }
    Ok(a)
}

/// An application of one of the actor's children (R04).
async fn familys_application(app: &App, actor: &Actor, id: &str) -> Result<store::Application, DecideError> {
    let mut conn = app.store.reader().await?;
    let a = store::find(&mut conn, id).await?.ok_or(DecideError::NotFound)?;
    drop(conn);
    let child = PersonId::from_string(a.child_id.clone());
    if !crate::cabinet::family(app, actor).await?.iter().any(|c| c.id == child) {
        return Err(DecideError::NotFound);
    }
    Ok(a)
}

fn status_of(a: &store::Application) -> Result<ApplicationStatus, StoreError> {
    ApplicationStatus::parse(&a.status).ok_or(StoreError::Corrupt("application.status"))
}

/// The provider accepts (the child is enrolled; the contract starts on the later of today and
/// the group's start, and the hold shrinks to it) or rejects (with a reason: the seat and the
/// hold are released, the seat offered to the next in line) a pending application.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: &str,
    accept: bool,
    reason: &str,
) -> Result<ApplicationStatus, DecideError> {
    let reason = reason.trim();
    if !accept && reason.is_empty() {
        return Err(DecideError::ReasonMissing);
    }
    let now = instant(app.clock.now());
    let today = app.clock.today();
    let mut tx = app.store.begin().await?;
    let a = providers_application(&mut tx, actor, id).await?;
    let from = status_of(&a)?;
    let action = if accept { rules::ApplicationAction::Accept } else { rules::ApplicationAction::Reject };
    let to = rules::transition(from, action)?;
    let why = (!accept).then_some(reason);
    if !store::set_status(&mut tx, &a.id, from, to, why, &now).await? {
        return Err(DecideError::Stale);
    }
    store::record_decision(&mut tx, &a.id, &actor.account_id, &now).await?;
    if accept {
        let (start, end) = dates(&a)?;
        if start < today {
            resize(&mut tx, &a, today, end, &now).await?;
        }
    } else {
        release_all(&mut tx, &a, &now).await?;
        offer_next(app, &mut tx, &a.group_id, &now).await?;
    }
    let (before, mut after) = (json!({"status": from.code()}), json!({"status": to.code()}));
    if let Some(why) = why {
        after["reason"] = why.into();
    }
    record(&mut tx, Some(actor), "application.decide", &a, before, after, &now).await?;
    let kind = if accept { Kind::ApplicationAccepted } else { Kind::ApplicationRejected };
    let event = format!("{}:{}", kind.code(), a.id);
    crate::notification::tell_about_application(&mut tx, &a.id, &event, &now, |l| {
        Ok(if accept {
            notes::application_accepted(&l.child, &l.program, dopcert_store::time::parse_date(&l.starts_on)?)
        } else {
            notes::application_rejected(&l.child, &l.program, reason)
        })
    })
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    metrics::counter!("dopcert_application_decisions_total", "decision" => to.code()).increment(1);
    Ok(to)
}

/// The family takes back an application that waits (in line, with an offered seat, or for the
/// provider): the seat and the hold, if any, are released.
pub async fn withdraw(app: &App, actor: &Actor, id: &str) -> Result<(), DecideError> {
    withdraw_once(app, actor, id, None).await.map(|_| ())
}

/// Withdrawing with the API's idempotency key, if it came with one: a retry with the key gets
/// the first answer. The result is the application as the family's list shows it after.
pub async fn withdraw_once(
    app: &App,
    actor: &Actor,
    id: &str,
    keyed: Option<&Keyed<'_, Line>>,
) -> Result<Answered<Line>, DecideError> {
    let account = &actor.account_id;
    if let Some(answer) = idempotency::earlier::<_, DecideError>(app, account, keyed).await? {
        return Ok(Answered::Before(answer));
    }
    let a = familys_application(app, actor, id).await?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    if !idempotency::take(&mut tx, app, account, keyed).await? {
        drop(tx);
        return idempotency::lost_race(app, account, keyed).await;
    }
    let from = status_of(&a)?;
    let to = rules::transition(from, rules::ApplicationAction::Withdraw)?;
    if !store::set_status(&mut tx, &a.id, from, to, None, &now).await? {
        return Err(DecideError::Stale);
    }
    if from.holds_seat() {
        release_all(&mut tx, &a, &now).await?;
        offer_next(app, &mut tx, &a.group_id, &now).await?;
    }
    let before = json!({"status": from.code(), "held": Kopecks::new(a.hold).to_string()});
    let after = json!({"status": to.code(), "held": Kopecks::ZERO.to_string()});
    record(&mut tx, Some(actor), "application.withdraw", &a, before, after, &now).await?;
    let line = Line::of(store::listed(&mut tx, &a.id).await?.ok_or(StoreError::NotFound)?)?;
    idempotency::record(&mut tx, account, keyed, &line).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Answered::Now(line))
}

/// The family takes a seat offered from the waitlist (or won in a lottery) before its deadline,
/// accepting the contract: the money is held then, and the provider decides as for any
/// application.
pub async fn take_offer(
    app: &App,
    actor: &Actor,
    id: &str,
    contract_accepted: bool,
) -> Result<Applied, DecideError> {
    let a = familys_application(app, actor, id).await?;
    own_child(app, actor, &PersonId::from_string(a.child_id.clone())).await?;
    let today = app.clock.today();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let from = status_of(&a)?;
    let to = rules::transition(from, rules::ApplicationAction::TakeOffer)?;
    if a.offer_until.as_deref().is_some_and(|u| u < now.as_str()) {
        return Err(
            rules::ApplicationTransitionError { from, action: rules::ApplicationAction::TakeOffer }.into()
        );
    }
    let g = program::get_group(&mut tx, &a.group_id).await?.ok_or(DecideError::NotFound)?;
    let p = program::get(&mut tx, &g.program_id).await?;
    if catalog::listed(&mut tx, p.id.as_str()).await?.is_none() {
        return Err(ApplyError::NotListed.into());
    }
    let child = PersonId::from_string(a.child_id.clone());
    let Offer { cert, start, end, terms } = terms_for(&mut tx, &g, &p, &child, today).await?;
    if terms.total > Kopecks::ZERO && !contract_accepted {
        return Err(ApplyError::ContractNotAccepted.into());
    }
    if !store::set_status(&mut tx, &a.id, from, to, None, &now).await? {
        return Err(DecideError::Stale);
    }
    store::set_terms(&mut tx, &a.id, start, end, terms.hold, &now).await?;
    store::accept_contract(&mut tx, &a.id, &now).await?;
    if terms.hold > Kopecks::ZERO {
        hold(&mut tx, &cert, &a.id, terms.hold, &now).await?;
    }
    let before = json!({"status": from.code(), "held": Kopecks::new(a.hold).to_string()});
    let after = json!({"status": to.code(), "held": terms.hold.to_string()});
    record(&mut tx, Some(actor), "application.take_offer", &a, before, after, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let held = terms.hold;
    Ok(applied(a.id, to, p, Offer { cert, start, end, terms }, held))
}

/// Who ends an enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveBy {
    Family,
    Provider,
}

/// The family or the provider ends an enrollment from a date (the last day the child attends):
/// the contract is cut there, what it no longer needs of the hold is released at once, and the
/// seat goes to the waitlist. The date may be in the past, but not inside a month already
/// charged, and not after the contract's end.
pub async fn leave(
    app: &App,
    actor: &Actor,
    by: LeaveBy,
    id: &str,
    last_day: Date,
    reason: &str,
) -> Result<(), DecideError> {
    let now = instant(app.clock.now());
    let a = match by {
        LeaveBy::Family => familys_application(app, actor, id).await?,
        LeaveBy::Provider => {
            let mut conn = app.store.reader().await?;
            providers_application(&mut conn, actor, id).await?
        }
    };
    let mut tx = app.store.begin().await?;
    let from = status_of(&a)?;
    let to = rules::transition(from, rules::ApplicationAction::End)?;
    let (start, end) = dates(&a)?;
    let (_, months) = store::charged(&mut tx, &a.id).await?;
    let earliest = months
        .last()
        .and_then(|m| parse_month(m))
        .map_or(start.saturating_sub(1.day()), |m| m.last_of_month())
        .max(start.saturating_sub(1.day()));
    if last_day < earliest || last_day > end {
        return Err(DecideError::LeaveDate { earliest, latest: end });
    }
    let why = (!reason.trim().is_empty()).then_some(reason.trim());
    if !store::set_status(&mut tx, &a.id, from, to, why, &now).await? {
        return Err(DecideError::Stale);
    }
    store::record_decision(&mut tx, &a.id, &actor.account_id, &now).await?;
    resize(&mut tx, &a, start, last_day, &now).await?;
    store::free_seat(&mut tx, &a.group_id).await?;
    offer_next(app, &mut tx, &a.group_id, &now).await?;
    let before = json!({"status": from.code(), "ends_on": a.ends_on});
    let mut after = json!({"status": to.code(), "ends_on": dopcert_store::time::date(last_day)});
    if let Some(why) = why {
        after["reason"] = why.into();
    }
    record(&mut tx, Some(actor), "application.leave", &a, before, after, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(application = %a.id, "enrollment ended");
    Ok(())
}

fn dates(a: &store::Application) -> Result<(Date, Date), StoreError> {
    Ok((dopcert_store::time::parse_date(&a.starts_on)?, dopcert_store::time::parse_date(&a.ends_on)?))
}

/// 'YYYY-MM' → its first day.
pub fn parse_month(m: &str) -> Option<Date> {
    let (y, mo) = m.split_once('-')?;
    Date::new(y.parse().ok()?, mo.parse().ok()?, 1).ok()
}

/// Cuts a contract to `[start, end]`: it keeps what was charged and what the uncharged months
/// of the new dates may still cost; the rest of the hold goes back to the certificate.
async fn resize(
    conn: &mut AnyConnection,
    a: &store::Application,
    start: Date,
    end: Date,
    now: &str,
) -> Result<(), StoreError> {
    let (charged, months) = store::charged(conn, &a.id).await?;
    let covered = Kopecks::new(a.covered_per_month);
    let to_come: i64 = rules::months(start, end)
        .iter()
        .filter(|m| !months.iter().any(|c| parse_month(c) == Some(m.month)))
        .map(|m| rules::prorate(covered, m.days, m.of).get())
        .sum();
    let keep = Kopecks::new(charged.get() + to_come);
    let back = a.hold - keep.get();
    if back < 0 {
        return Err(StoreError::Corrupt("a contract cut to more than it held"));
    }
    store::set_terms(conn, &a.id, start, end.max(start.saturating_sub(1.day())), keep, now).await?;
    release_money(conn, a, Kopecks::new(back), &format!("release:{}", a.id), now).await
}

/// Gives the seat back and all the held money to the certificate (a rejection, a withdrawal,
/// a lapsed offer).
async fn release_all(conn: &mut AnyConnection, a: &store::Application, now: &str) -> Result<(), StoreError> {
    store::free_seat(conn, &a.group_id).await?;
    let (start, end) = dates(a)?;
    store::set_terms(conn, &a.id, start, end, Kopecks::ZERO, now).await?;
    release_money(conn, a, Kopecks::new(a.hold), &format!("release:{}", a.id), now).await
}

/// Moves `amount` of the contract's hold back to the certificate's available money; the key
/// (e.g. `release:<application>`) makes a repeat harmless.
pub(crate) async fn release_money(
    conn: &mut AnyConnection,
    a: &store::Application,
    amount: Kopecks,
    key: &str,
    now: &str,
) -> Result<(), StoreError> {
    let (Some(cert), true) = (a.certificate_id.as_ref(), amount > Kopecks::ZERO) else { return Ok(()) };
    let cert = CertificateId::from_string(cert.clone());
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(&cert), now).await?;
    let held = ledger::account(conn, AccountKind::CertificateHeld, Owner::Certificate(&cert), now).await?;
    let cause = format!("application:{}", a.id);
    let entry = Entry {
        idempotency_key: key,
        reason: Reason::Release,
        period_id: None,
        certificate_id: Some(&cert),
        note: None,
        cause: Some(&cause),
        author: None,
        postings: &[(held.as_str(), Kopecks::new(-amount.get())), (available.as_str(), amount)],
    };
    match ledger::post(conn, &entry, now).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(StoreError::Conflict(format!("ledger entry {key} exists"))),
        Err(LedgerError::Store(e)) => Err(e),
        Err(_) => Err(StoreError::Corrupt("a hold without its money")),
    }
}

/// How long an offered seat is kept, in hours (setting `enrollment.offer_hours`, 48 by default).
pub const OFFER_HOURS_SETTING: &str = "enrollment.offer_hours";
const OFFER_HOURS: i64 = 48;

/// How many hours a family has to take a seat offered from the waitlist (the help pages say it).
pub async fn offer_window(app: &App) -> Result<i64, StoreError> {
    let mut conn = app.store.reader().await?;
    offer_hours(&mut conn).await
}

pub(crate) async fn offer_hours(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    let set = dopcert_store::setting::get(conn, OFFER_HOURS_SETTING).await?;
    Ok(set.and_then(|v| v.parse().ok()).filter(|h: &i64| (1..=720).contains(h)).unwrap_or(OFFER_HOURS))
}

/// Offers the group's free seats to the first in line, each kept until the offer's deadline.
/// Nothing is offered in a lottery's window (the draw decides) or once the group has ended.
pub(crate) async fn offer_next(
    app: &App,
    conn: &mut AnyConnection,
    group: &str,
    now: &str,
) -> Result<u32, StoreError> {
    let Some(g) = program::get_group(conn, group).await? else { return Ok(0) };
    let today = app.clock.today();
    if g.lottery.as_ref().is_some_and(|l| l.drawn_at.is_none()) || g.fields.ends_on < today {
        return Ok(0);
    }
    let hours = offer_hours(conn).await?;
    let deadline = app.clock.now() + jiff::SignedDuration::from_hours(hours);
    let until = instant(deadline);
    let (mut offered, mut passed) = (0, 0);
    while let Some(next) = store::first_waiting(conn, group).await? {
        if !store::take_seat(conn, &g.id).await? {
            break;
        }
        if !store::offer(conn, &next.id, &until, now).await? {
            // It left the line (withdrawn) after it was read, in a transaction that committed
            // meanwhile (PostgreSQL): the seat goes to the next one, read afresh.
            store::free_seat(conn, group).await?;
            passed += 1;
            if passed > 100 {
                return Err(StoreError::Conflict("the waitlist keeps changing".into()));
            }
            continue;
        }
        let event = format!("{}:{}:{until}", Kind::WaitlistOffer.code(), next.id);
        crate::notification::tell_about_application(conn, &next.id, &event, now, |l| {
            Ok(notes::waitlist_offer(&l.child, &l.program, deadline))
        })
        .await?;
        offered += 1;
    }
    Ok(offered)
}

/// Housekeeping: offers whose deadline passed lapse, and their seats go to the next in line;
/// one transaction per offer. Returns how many lapsed.
pub async fn lapse_offers(app: &App) -> Result<u64, StoreError> {
    let now = instant(app.clock.now());
    let mut lapsed = 0;
    loop {
        let ids = {
            let mut conn = app.store.reader().await?;
            store::lapsed_offers(&mut conn, &now, 100).await?
        };
        if ids.is_empty() {
            return Ok(lapsed);
        }
        for id in ids {
            let mut tx = app.store.begin().await?;
            let Some(a) = store::find(&mut tx, &id).await? else { continue };
            let from = status_of(&a)?;
            let Ok(to) = rules::transition(from, rules::ApplicationAction::LapseOffer) else { continue };
            if store::set_status(&mut tx, &a.id, from, to, None, &now).await? {
                release_all(&mut tx, &a, &now).await?;
                offer_next(app, &mut tx, &a.group_id, &now).await?;
                let (before, after) = (json!({"status": from.code()}), json!({"status": to.code()}));
                record(&mut tx, None, "application.lapse", &a, before, after, &now).await?;
                tx.commit().await?;
                lapsed += 1;
            }
        }
    }
}

// ---- lists ----

/// An application as every page shows it: the status's title comes from the one state machine.
#[derive(Debug, Clone)]
pub struct Line {
    pub row: store::Listed,
    pub status: ApplicationStatus,
}

impl Line {
    fn of(row: store::Listed) -> Result<Line, StoreError> {
        let status =
            ApplicationStatus::parse(&row.status).ok_or(StoreError::Corrupt("application.status"))?;
        Ok(Line { row, status })
    }

    /// The family may take it back.
    pub fn may_withdraw(&self) -> bool {
        rules::transition(self.status, rules::ApplicationAction::Withdraw).is_ok()
    }

    pub fn may_take_offer(&self) -> bool {
        self.status == ApplicationStatus::Offered
    }

    /// The enrollment runs and may be ended from a date.
    pub fn may_end(&self) -> bool {
        self.status == ApplicationStatus::Enrolled
    }

    pub fn may_decide(&self) -> bool {
        self.status == ApplicationStatus::Pending
    }
}

/// The applications of the actor's children (R04: a child from 14 sees their own).
pub async fn family_lines(app: &App, actor: &Actor) -> Result<Vec<Line>, StoreError> {
    let children: Vec<String> =
        crate::cabinet::family(app, actor).await?.into_iter().map(|c| c.id.to_string()).collect();
    let mut conn = app.store.reader().await?;
    store::of_children(&mut conn, &children).await?.into_iter().map(Line::of).collect()
}

/// One application of the actor's children.
pub async fn family_line(app: &App, actor: &Actor, id: &str) -> Result<Option<Line>, StoreError> {
    Ok(family_lines(app, actor).await?.into_iter().find(|l| l.row.id == id))
}

/// The provider's applications: `waiting` (pending and offered), `enrolled`, `closed` or all.
pub async fn provider_lines(app: &App, actor: &Actor, filter: &str) -> Result<Vec<Line>, DecideError> {
    let org = provider_of(actor).ok_or(DecideError::NotFound)?;
    let statuses: &[&str] = match filter {
        "waiting" => &["pending", "offered", "waitlisted"],
        "enrolled" => &["enrolled"],
        "closed" => &["rejected", "withdrawn", "offer_lapsed", "ended"],
        _ => &[],
    };
    let mut conn = app.store.reader().await?;
    Ok(store::of_provider(&mut conn, org.as_str(), statuses, 1_000)
        .await?
        .into_iter()
        .map(Line::of)
        .collect::<Result<_, _>>()?)
}

/// What the contract (оферта) page shows before a family applies.
#[derive(Debug, Clone)]
pub struct Preview {
    pub child: crate::cabinet::FamilyMember,
    pub group: program::Group,
    pub program: program::Program,
    pub start: Date,
    pub end: Date,
    pub terms: ContractTerms,
    pub available: Kopecks,
    /// What applying would do now.
    pub outcome: ApplicationStatus,
    pub in_lottery: bool,
}

/// The contract a child would get in a group today, checked as `apply` checks it, nothing
/// written.
pub async fn preview(
    app: &App,
    actor: &Actor,
    child: &PersonId,
    group: &GroupId,
) -> Result<Preview, ApplyError> {
    let view = own_child(app, actor, child).await?;
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let (g, p) = open_group(&mut conn, group, today).await?;
    let age = view.birth_date.map(|b| eligibility::age_on(b, today));
    if !age.is_some_and(|a| p.ages.contains(a)) {
        return Err(ApplyError::WrongAge(p.ages));
    }
    let Offer { cert, start, end, terms } = terms_for(&mut conn, &g, &p, child, today).await?;
    let available = ledger::certificate_balance(&mut conn, &cert).await?.available;
    let in_lottery = g.lottery.as_ref().is_some_and(|l| today <= l.until);
    let outcome = if in_lottery || g.seats_left() == 0 {
        ApplicationStatus::Waitlisted
    } else {
        ApplicationStatus::Pending
    };
    Ok(Preview { child: view, group: g, program: p, start, end, terms, available, outcome, in_lottery })
}
