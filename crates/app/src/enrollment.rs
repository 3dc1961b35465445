//! Applying to a group (R07–R09): in one transaction the seat is taken by a guarded update, the
//! application written (one live per child and group, by a unique index) and the contract's
//! certificate share held by a ledger entry whose guard keeps the balance at zero or above. A
//! full group puts the child on its waitlist instead.

use dopcert_domain::certificate::Status as CertificateStatus;
use dopcert_domain::eligibility;
use dopcert_domain::enrollment::{self as rules, ApplicationStatus, ContractTerms};
use dopcert_domain::ids::{GroupId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::program::Funding;
use dopcert_domain::role::Role;
use dopcert_store::application::{self as store, NewApplication};
use dopcert_store::ledger::{self, AccountKind, Entry, LedgerError, Owner, Reason};
use dopcert_store::time::instant;
use dopcert_store::{catalog, certificate, period, program, StoreError};

use crate::auth::Actor;
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
    #[error("программа для детей {0}: по возрасту ребёнок не подходит")]
    WrongAge(String),
    #[error("нужен сертификат дополнительного образования: получите его в «Персональных настройках»")]
    NoCertificate,
    #[error("сертификат не действует: {0}")]
    CertificateInactive(&'static str),
    #[error("на сертификате не хватает средств: нужно {needed}, доступно {available}")]
    Insufficient { needed: Kopecks, available: Kopecks },
    #[error("ребёнок уже записан в эту группу или ждёт в ней места")]
    AlreadyApplied,
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
            ApplyError::Store(_) => "internal",
        }
    }
}

/// What applying did.
#[derive(Debug, Clone)]
pub struct Applied {
    pub application_id: String,
    /// `Pending` with the seat and the money held, or `Waitlisted`.
    pub status: ApplicationStatus,
    pub terms: ContractTerms,
}

/// A parent (or a child from 14, for themselves) applies for a child to a group.
pub async fn apply(
    app: &App,
    actor: &Actor,
    child: &PersonId,
    group: &GroupId,
) -> Result<Applied, ApplyError> {
    if !matches!(actor.role().role, Role::Parent | Role::Child) {
        return Err(ApplyError::Forbidden);
    }
    // R04: only one's own child (a child of 14+ only themselves) — as the cabinet shows them.
    let Some(view) = crate::cabinet::child(app, actor, child).await? else {
        return Err(ApplyError::NotYourChild);
    };
    if actor.role().role == Role::Child && !view.may_claim_self {
        return Err(ApplyError::Forbidden);
    }
    let today = app.clock.today();
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let g = program::get_group(&mut tx, group.as_str()).await?.ok_or(ApplyError::NoSuchGroup)?;
    // R07: certified, of a working provider — what the catalog lists.
    if catalog::listed(&mut tx, g.program_id.as_str()).await?.is_none() {
        return Err(ApplyError::NotListed);
    }
    let p = program::get(&mut tx, &g.program_id).await?;
    if !g.enrollment_open(today) || g.fields.ends_on < today {
        return Err(ApplyError::Closed);
    }
    let age = view.birth_date.map(|b| eligibility::age_on(b, today));
    if !age.is_some_and(|a| p.ages.contains(a)) {
        return Err(ApplyError::WrongAge(p.ages.to_string()));
    }
    let cert = certificate::by_child(&mut tx, child).await?.ok_or(ApplyError::NoCertificate)?;
    match cert.status {
        CertificateStatus::Active => {}
        CertificateStatus::Suspended => return Err(ApplyError::CertificateInactive("приостановлен")),
        CertificateStatus::Closed => return Err(ApplyError::CertificateInactive("закрыт")),
    }
    let module = program::modules(&mut tx, &p.id).await?.into_iter().find(|m| m.id == g.module_id);
    let (price, normative) = match (p.funding, module) {
        (Funding::Certificate, Some(m)) => (m.terms.price_per_month, m.terms.normative_cost),
        _ => (Kopecks::ZERO, Kopecks::ZERO),
    };
    // The contract runs from the later of today and the group's start to the earlier of the
    // group's end and the end of the certificate's period (R10: money does not carry over).
    let start = today.max(g.fields.starts_on);
    let period_end = period::current(&mut tx, &cert.municipality_id, today).await?.map(|p| p.ends_on);
    let end = period_end.map_or(g.fields.ends_on, |e| e.min(g.fields.ends_on));
    let terms = rules::contract(price, normative, start, end);

    let seat = store::take_seat(&mut tx, &g.id).await?;
    let status = if seat { ApplicationStatus::Pending } else { ApplicationStatus::Waitlisted };
    let new = NewApplication {
        group: &g.id,
        program: &p.id,
        child,
        certificate: Some(&cert.id),
        status,
        applied_by: &actor.account_id,
        starts_on: start,
        ends_on: end,
        price_per_month: price,
        covered_per_month: terms.covered_per_month,
        hold: if seat { terms.hold } else { Kopecks::ZERO },
    };
    let id = match store::insert(&mut tx, &new, &now).await {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => return Err(ApplyError::AlreadyApplied),
        Err(e) => return Err(e.into()),
    };
    if seat && terms.hold > Kopecks::ZERO {
        hold(&mut tx, &cert.id, &id, terms.hold, &now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(application = %id, status = status.code(), "applied");
    Ok(Applied { application_id: id, status, terms })
}

/// Moves the contract's certificate share from available to held (R08); the ledger's guard
/// refuses a balance below zero, and the caller's transaction is then rolled back.
async fn hold(
    conn: &mut dopcert_store::AnyConnection,
    cert: &dopcert_domain::ids::CertificateId,
    application: &str,
    amount: Kopecks,
    now: &str,
) -> Result<(), ApplyError> {
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(cert), now).await?;
    let held = ledger::account(conn, AccountKind::CertificateHeld, Owner::Certificate(cert), now).await?;
    let key = format!("hold:{application}");
    let entry = Entry {
        idempotency_key: &key,
        reason: Reason::Hold,
        period_id: None,
        certificate_id: Some(cert),
        note: None,
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
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The provider accepts (the child is enrolled) or rejects (with a reason: the seat and the
/// hold are released) a pending application of its own program.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: &str,
    accept: bool,
    reason: &str,
) -> Result<ApplicationStatus, DecideError> {
    let g = actor.role();
    let org = match (g.role, &g.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => o.clone(),
        _ => return Err(DecideError::NotFound),
    };
    let reason = reason.trim();
    if !accept && reason.is_empty() {
        return Err(DecideError::ReasonMissing);
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let a = store::find(&mut tx, id).await?.ok_or(DecideError::NotFound)?;
    let p = program::find(&mut tx, &a.program_id).await?.ok_or(DecideError::NotFound)?;
    if p.organization_id != org {
        return Err(DecideError::NotFound);
    }
    let from = ApplicationStatus::parse(&a.status).ok_or(StoreError::Corrupt("application.status"))?;
    let action = if accept { rules::ApplicationAction::Accept } else { rules::ApplicationAction::Reject };
    let to = rules::transition(from, action)?;
    let why = (!accept).then_some(reason);
    if !store::set_status(&mut tx, &a.id, from, to, why, &now).await? {
        return Err(DecideError::Stale);
    }
    if !to.holds_seat() {
        release(&mut tx, &a, &now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(to)
}

/// The family takes back an application that waits (in line or for the provider): the seat and
/// the hold, if any, are released.
pub async fn withdraw(app: &App, actor: &Actor, id: &str) -> Result<(), DecideError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let a = store::find(&mut tx, id).await?.ok_or(DecideError::NotFound)?;
    let child = PersonId::from_string(a.child_id.clone());
    drop(tx);
    if crate::cabinet::child(app, actor, &child).await?.is_none() {
        return Err(DecideError::NotFound);
    }
    let mut tx = app.store.begin().await?;
    let from = ApplicationStatus::parse(&a.status).ok_or(StoreError::Corrupt("application.status"))?;
    let to = rules::transition(from, rules::ApplicationAction::Withdraw)?;
    if !store::set_status(&mut tx, &a.id, from, to, None, &now).await? {
        return Err(DecideError::Stale);
    }
    if from.holds_seat() {
        release(&mut tx, &a, &now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Gives the seat back and the held money to the certificate's available balance.
async fn release(
    conn: &mut dopcert_store::AnyConnection,
    a: &store::Application,
    now: &str,
) -> Result<(), StoreError> {
    store::free_seat(conn, &a.group_id).await?;
    let (Some(cert), true) = (a.certificate_id.as_ref(), a.hold > 0) else { return Ok(()) };
    let cert = dopcert_domain::ids::CertificateId::from_string(cert.clone());
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(&cert), now).await?;
    let held = ledger::account(conn, AccountKind::CertificateHeld, Owner::Certificate(&cert), now).await?;
    let key = format!("release:{}", a.id);
    let entry = Entry {
        idempotency_key: &key,
        reason: Reason::Release,
        period_id: None,
        certificate_id: Some(&cert),
        note: None,
        postings: &[(held.as_str(), Kopecks::new(-a.hold)), (available.as_str(), Kopecks::new(a.hold))],
    };
    match ledger::post(conn, &entry, now).await {
        Ok(_) => Ok(()),
        Err(LedgerError::Store(e)) => Err(e),
        Err(_) => Err(StoreError::Corrupt("a hold without its money")),
    }
}
