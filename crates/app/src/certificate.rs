//! The certificate: claimed in the cabinet by a parent or a child from 14 (variants 1–3), seen
//! by those with a reason to, checked by organizations, funded within the municipality's quota.
//!
//! Rules: R01 (one per child: the unique constraint on the child decides, even at the same
//! second), R03 (eligibility by the Moscow date), R04 (who may claim), R05 (consent recorded in
//! the same transaction), R06 (funded places taken by a guarded update, upgraded in claim order).

use dopcert_domain::certificate::{CertificateNumber, CertificateNumberError, Channel, Status};
use dopcert_domain::consent::{self, ConsentChannel};
use dopcert_domain::eligibility::{self, Eligibility};
use dopcert_domain::ids::{AccountId, CertificateId, MunicipalityId, OrganizationId, PersonId};
use dopcert_domain::money::Kopecks;
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::certificate::{self as store, Certificate, EventKind};
use dopcert_store::ledger::{self, AccountKind, Balance, LedgerError, Owner, Reason};
use dopcert_store::period::{self, Period};
use dopcert_store::time::instant;
use dopcert_store::{consent as consents, identity, municipality, person, AnyConnection, StoreError};
use jiff::civil::Date;
use rand::Rng;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::idempotency::{self, Answered, KeyReused, Keyed};
use crate::App;

/// A certificate as lists, the API and the claim's result show it.
#[derive(Debug, Clone)]
pub struct Summary {
    pub id: CertificateId,
    pub number: CertificateNumber,
    pub status: Status,
    pub status_reason: Option<String>,
    /// Holds a funded place in the current period (R06); otherwise free programs only.
    pub funded: bool,
    pub balance: Balance,
    pub issued_at: jiff::Timestamp,
}

#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    /// Unknown child, or not the caller's (the API answers 404 for what is not yours).
    #[error("ребёнок не найден среди ваших детей")]
    NotFound,
    #[error("получить сертификат в личном кабинете может родитель (законный представитель) или сам ребёнок с 14 лет")]
    NotGuardian,
    #[error("до 14 лет сертификат получает родитель (законный представитель); самостоятельно — с {}", dopcert_domain::format::date_long(*.from))]
    SelfClaimUnder14 { from: Date },
    #[error("нужно согласие на обработку персональных данных")]
    ConsentRequired,
    #[error("{}", age_message(.0))]
    AgeNotEligible(Eligibility),
    #[error("дата рождения ребёнка не указана: обратитесь в школу или детский сад")]
    NoBirthDate,
    #[error("в реестре уже есть похожий ребёнок; муниципальный опорный центр проверит данные, после этого сертификат можно будет получить")]
    PossibleDuplicate,
    #[error("укажите муниципалитет, в котором живёт ребёнок")]
    MunicipalityRequired,
    #[error(transparent)]
    KeyReused(#[from] KeyReused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// R03 in plain Russian.
pub fn age_message(e: &Eligibility) -> String {
    match e {
        Eligibility::Eligible => "ребёнок может получить сертификат".into(),
        Eligibility::TooYoung { from } => format!(
            "сертификат выдаётся с 5 лет: получить его можно будет с {}",
            dopcert_domain::format::date_long(*from)
        ),
        Eligibility::TooOld => "сертификат выдаётся детям до 18 лет: ребёнку уже исполнилось 18".into(),
    }
}

pub struct ClaimInput {
    pub child_id: PersonId,
    pub consent: bool,
    /// Where the child lives, when the registry does not know it yet.
    pub municipality_id: Option<MunicipalityId>,
}

#[derive(Debug, Clone)]
pub enum Claimed {
    New(Summary),
    /// The child already had a certificate (R01): the same one.
    Existing(Summary),
}

impl Claimed {
    pub fn summary(&self) -> &Summary {
        match self {
            Claimed::New(s) | Claimed::Existing(s) => s,
        }
    }
}

/// Variants 1 and 3: a parent claims for their child, or a child from 14 for themself.
pub async fn claim(app: &App, actor: &Actor, input: &ClaimInput) -> Result<Claimed, ClaimError> {
    Ok(claim_once(app, actor, input, None).await?.unkeyed())
}

/// The claim with the API's idempotency key, if it came with one: a retry with the key gets
/// the first answer, a new claim stores its answer with the certificate (`idempotency`).
pub async fn claim_once(
    app: &App,
    actor: &Actor,
    input: &ClaimInput,
    keyed: Option<&Keyed<'_, Claimed>>,
) -> Result<Answered<Claimed>, ClaimError> {
    let account = &actor.account_id;
    if let Some(answer) = idempotency::earlier::<_, ClaimError>(app, account, keyed).await? {
        return Ok(Answered::Before(answer));
    }
    let today = app.clock.today();
    let child = {
        let mut conn = app.store.reader().await?;
        let child = claimable_child(&mut conn, actor, &input.child_id, today).await?;
        if !input.consent {
            return Err(ClaimError::ConsentRequired);
        }
        if let Some(c) = store::by_child(&mut conn, &child.id).await? {
            let existing = Claimed::Existing(summary(&mut conn, c, today).await?);
            drop(conn);
            return idempotency::record_alone(app, account, keyed, existing).await;
        }
        if identity::is_held(&mut conn, &child.id).await? {
            return Err(ClaimError::PossibleDuplicate);
        }
        child
    };
    let birth = child.birth_date.ok_or(ClaimError::NoBirthDate)?.date();
    match eligibility::eligibility(birth, today) {
        Eligibility::Eligible => {}
        e => return Err(ClaimError::AgeNotEligible(e)),
    }
    let municipality = match child_municipality(app, &child).await? {
        Some(m) => m,
        None => chosen_municipality(app, input.municipality_id.as_ref()).await?,
    };
    let (channel, consent_channel) = if actor.via_esia {
        (Channel::Esia, ConsentChannel::Esia)
    } else {
        (Channel::Cabinet, ConsentChannel::Cabinet)
    };
    let what = Issue {
        child: &child.id,
        municipality: &municipality,
        channel,
        organization: None,
        account: &actor.account_id,
        consent_given_by: &actor.person_id,
        consent_channel,
        scan: None,
    };
    match issue_as(app, Some(actor), &what, today, keyed).await? {
        Some(Issued::New(s)) => {
            tracing::info!(certificate = %s.number, funded = s.funded, channel = channel.code(), "certificate issued");
            Ok(Answered::Now(Claimed::New(s)))
        }
        Some(Issued::Existing(id)) => {
            let mut conn = app.store.reader().await?;
            let existing = Claimed::Existing(summary_of(&mut conn, &id, today).await?);
            drop(conn);
            idempotency::record_alone(app, account, keyed, existing).await
        }
        None => idempotency::lost_race(app, account, keyed).await,
    }
}

/// The municipality the claimant chose, if it is one of ours.
async fn chosen_municipality(
    app: &App,
    chosen: Option<&MunicipalityId>,
) -> Result<MunicipalityId, ClaimError> {
    let chosen = chosen.ok_or(ClaimError::MunicipalityRequired)?;
    let mut conn = app.store.reader().await?;
    match municipality::get(&mut conn, chosen).await {
        Ok(m) => Ok(m.id),
        Err(StoreError::NotFound) => Err(ClaimError::MunicipalityRequired),
        Err(e) => Err(e.into()),
    }
}

/// R04: the child the actor may claim for, or why not.
async fn claimable_child(
    conn: &mut AnyConnection,
    actor: &Actor,
    child: &PersonId,
    today: Date,
) -> Result<person::Person, ClaimError> {
    match actor.role().role {
        Role::Parent => {
            if !person::is_guardian(conn, &actor.person_id, child).await? {
                return Err(ClaimError::NotFound);
            }
        }
        Role::Child => {
            if *child != actor.person_id {
                return Err(ClaimError::NotFound);
            }
            let me = person::get(conn, child).await?;
            let birth = me.birth_date.ok_or(ClaimError::NoBirthDate)?.date();
            if !eligibility::may_claim_for_self(birth, today) {
                let from = eligibility::anniversary(birth, eligibility::SELF_CLAIM_AGE);
                return Err(ClaimError::SelfClaimUnder14 { from });
            }
            return Ok(me);
        }
        _ => return Err(ClaimError::NotGuardian),
    }
    match person::get(conn, child).await {
        Ok(p) => Ok(p),
        Err(StoreError::NotFound) => Err(ClaimError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Where the child's certificate belongs: where the child lives, else where they attend
/// school, else where a parent lives.
pub(crate) async fn child_municipality(
    app: &App,
    child: &person::Person,
) -> Result<Option<MunicipalityId>, StoreError> {
    if let Some(m) = &child.municipality_id {
        return Ok(Some(m.clone()));
    }
    let mut conn = app.store.reader().await?;
    if let Some(org) = person::organizations_of(&mut conn, &child.id).await?.first() {
        return Ok(Some(dopcert_store::organization::get(&mut conn, org).await?.municipality_id));
    }
    let parents = person::parents_of(&mut conn, &child.id).await?;
    Ok(parents.into_iter().find_map(|p| p.municipality_id))
}

/// A scanned paper consent.
pub struct Scan<'a> {
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// What is issued, by whom, on whose consent.
pub struct Issue<'a> {
    pub child: &'a PersonId,
    pub municipality: &'a MunicipalityId,
    pub channel: Channel,
    pub organization: Option<&'a OrganizationId>,
    pub account: &'a AccountId,
    pub consent_given_by: &'a PersonId,
    pub consent_channel: ConsentChannel,
    pub scan: Option<Scan<'a>>,
}

#[derive(Debug)]
pub enum Issued {
    /// A new certificate, as it stands after the commit.
    New(Summary),
    /// The child already had this one (R01): nothing was written.
    Existing(CertificateId),
}

/// What the transaction needs to know beforehand, read outside it so that the writer (SQLite's
/// one connection, PostgreSQL's locked rows) is held as briefly as possible.
pub(crate) struct IssueContext {
    region: u8,
    /// The municipality's current period, if one is set.
    period: Option<Period>,
    /// A funded place seemed free: the funding is written first and the place taken last (the
    /// guarded update has the last word). Otherwise the period is locked first and a place
    /// taken only if one has freed meanwhile.
    room: bool,
}

impl IssueContext {
    /// The funded place seen before is gone: take the careful way.
    pub(crate) fn period_gone(&mut self) {
        self.room = false;
    }
}

pub(crate) async fn issue_context(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
    today: Date,
) -> Result<IssueContext, StoreError> {
    let region = municipality::region_code(conn, municipality)
        .await?
        .parse()
        .map_err(|_| StoreError::Corrupt("region.code"))?;
    // R10: while an earlier period's remainders are not expired, no new nominal is credited
    // (its closing would expire it too); the certificate waits and is funded after.
    let period = match period::current(conn, municipality, today).await? {
        Some(p) if !p.closed && !period::earlier_open(conn, &p).await? => Some(p),
        _ => None,
    };
    let room = period.as_ref().is_some_and(|p| p.funded_count < p.funded_quota);
    Ok(IssueContext { region, period, room })
}

/// Issues a certificate in its own transaction, on the system's behalf in the audit log. The
/// caller has decided that it may: R03 (age), R04 (who) and R05 (consent) are the caller's; this
/// is R01 and R06. Used by `dopcert bench claim` to measure a claim's writes without HTTP.
pub async fn issue(app: &App, i: &Issue<'_>, today: Date) -> Result<Issued, StoreError> {
    match issue_as(app, None, i, today, None).await? {
        Some(issued) => Ok(issued),
        None => unreachable!("without an idempotency key there is no key to lose"),
    }
}

/// The same, by the actor (the claim), with the claim's idempotency key: taken first in the
/// transaction and answered before its commit. None when a claim with the same key committed
/// first (nothing was written then).
async fn issue_as(
    app: &App,
    actor: Option<&Actor>,
    i: &Issue<'_>,
    today: Date,
    keyed: Option<&Keyed<'_, Claimed>>,
) -> Result<Option<Issued>, StoreError> {
    let mut ctx = {
        let mut conn = app.store.reader().await?;
        issue_context(&mut conn, i.municipality, today).await?
    };
    loop {
        let now = instant(app.clock.now());
        let mut tx = app.store.begin().await?;
        if !idempotency::take(&mut tx, app, i.account, keyed).await? {
            return Ok(None);
        }
        let keep = async |conn: &mut AnyConnection, s: &Summary| {
            record_issue(conn, actor, i, s, &now).await?;
            idempotency::record(conn, i.account, keyed, &Claimed::New(s.clone())).await
        };
        match issue_in(&mut tx, i, &ctx, &now, keep).await? {
            Attempt::Done(issued) => {
                if let Issued::New(_) = &issued {
                    tx.commit().await?;
                    metrics::counter!("dopcert_certificates_issued_total").increment(1);
                }
                return Ok(Some(issued));
            }
            // The last funded place went to someone else meanwhile: the same, unfunded.
            Attempt::QuotaGone => ctx.period_gone(),
        }
    }
}

/// The audit record of a new certificate, in the transaction that issued it.
pub(crate) async fn record_issue(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    i: &Issue<'_>,
    s: &Summary,
    now: &str,
) -> Result<(), StoreError> {
    let after = json!({
        "number": s.number.to_string(),
        "status": s.status.code(),
        "channel": i.channel.code(),
        "funded": s.funded,
        "available": s.balance.available.to_string(),
    });
    let mut change = Change::new("certificate.issue", "certificate", s.id.as_str())
        .person(i.child.as_str())
        .certificate(s.id.as_str())
        .municipality(i.municipality.as_str())
        .after(after);
    change.organization = i.organization.map(|o| o.as_str());
    audit::record(conn, actor, &change, now).await?;
    let nominal = s.funded.then_some(s.balance.available);
    let number = s.number.to_string();
    crate::notification::certificate_issued(conn, i.child, s.id.as_str(), &number, nominal, now).await
}

pub(crate) enum Attempt {
    Done(Issued),
    /// The funded place seen before the transaction was gone: roll back and try unfunded.
    QuotaGone,
}

/// Issues the certificate inside the caller's transaction: the certificate, the consent, the
/// log, and a funded place with its nominal when one is free. When the child already has a
/// certificate (a second press, another guardian at the same second), nothing is written and
/// the existing one is returned — the caller should roll back then, which drops nothing.
///
/// `record` writes what the caller keeps of a new certificate (the audit record, the
/// notification, the idempotent answer) inside, before the rows every claim shares are touched.
pub(crate) async fn issue_in(
    conn: &mut AnyConnection,
    i: &Issue<'_>,
    ctx: &IssueContext,
    now: &str,
    record: impl AsyncFnOnce(&mut AnyConnection, &Summary) -> Result<(), StoreError>,
) -> Result<Attempt, StoreError> {
    let (id, number) = loop {
        // A random serial: no counter row for every claim to queue on; the unique number
        // catches the rare collision and we draw again.
        let number = CertificateNumber::new(ctx.region, rand::rng().random_range(0..100_000_000));
        let new = store::NewCertificate {
            number: &number,
            child_id: i.child,
            municipality_id: i.municipality,
            channel: i.channel,
            organization_id: i.organization,
            issued_by: i.account,
        };
        if let Some(id) = store::insert_if_free(conn, &new, now).await? {
            break (id, number);
        }
        if let Some(existing) = store::by_child(conn, i.child).await? {
            return Ok(Attempt::Done(Issued::Existing(existing.id)));
        }
    };
    let consent_id = consents::insert(
        conn,
        &consents::NewConsent {
            child_id: i.child,
            given_by: i.consent_given_by,
            recorded_by: i.account,
            channel: i.consent_channel,
            text_version: consent::CURRENT_VERSION,
            certificate_id: Some(&id),
        },
        now,
    )
    .await?;
    if let Some(scan) = &i.scan {
        consents::attach_scan(conn, &consent_id, scan.file_name, scan.content_type, scan.bytes).await?;
    }
    store::log_event(conn, &id, EventKind::Issued, None, Some(i.account), now).await?;
    let issued_at = dopcert_store::time::parse_instant(now)?;
    let mut balance = Balance::default();
    let mut funded = false;
    if let Some(p) = &ctx.period {
        if ctx.room {
            // The records of the issue go in before the rows every claim shares (the period's
            // place, the budget), so that their locks are held only for the last statements.
            let funding = prepare_funding(conn, &id, p, now).await?;
            balance.available = funding.nominal;
            let summary = Summary {
                id: id.clone(),
                number,
                status: Status::Active,
                status_reason: None,
                funded: true,
                balance,
                issued_at,
            };
            record(conn, &summary).await?;
            if !take_funding(conn, &id, p, Place::Take, funding, now).await? {
                return Ok(Attempt::QuotaGone);
            }
            return Ok(Attempt::Done(Issued::New(summary)));
        } else {
            // Every claim touches the period's row before its commit, funded or not: a quota
            // raised (or a place freed) by a transaction that could not yet see this certificate
            // is then seen here, so the certificate cannot be left waiting behind a free place.
            period::lock(conn, &p.id).await?;
            if period::take_funded_place(conn, &p.id).await? {
                let nominal = fund_in(conn, &id, p, Place::Taken, now).await?;
                (funded, balance.available) = (true, nominal.unwrap_or_default());
            }
        }
    }
    let summary =
        Summary { id, number, status: Status::Active, status_reason: None, funded, balance, issued_at };
    record(conn, &summary).await?;
    Ok(Attempt::Done(Issued::New(summary)))
}

/// Whether `fund_in` takes the funded place itself or the caller already has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Take,
    Taken,
}

/// Gives the certificate a funded place in the period and credits its nominal from the
/// municipality's budget; returns the nominal. The rows shared by every claim of the
/// municipality — the period's count and the budget's balance — are touched last and always in
/// this order (period, then budget, as everywhere else), so PostgreSQL holds their locks
/// briefly and never deadlocks. None (the caller must roll back) when `Place::Take` finds no
/// free place.
async fn fund_in(
    conn: &mut AnyConnection,
    id: &CertificateId,
    p: &Period,
    place: Place,
    now: &str,
) -> Result<Option<Kopecks>, StoreError> {
    let funding = prepare_funding(conn, id, p, now).await?;
    let nominal = funding.nominal;
    Ok(take_funding(conn, id, p, place, funding, now).await?.then_some(nominal))
}

/// The certificate's own part of funding, which no other claim waits on: its nominal, its
/// funded mark and event, its account.
struct Funding {
    nominal: Kopecks,
    available: String,
}

async fn prepare_funding(
    conn: &mut AnyConnection,
    id: &CertificateId,
    p: &Period,
    now: &str,
) -> Result<Funding, StoreError> {
    let nominal = nominal_of(conn, id, p, now).await?;
    if !store::fund(conn, id, &p.id, nominal, now).await? {
        return Err(StoreError::Conflict("certificate_funding".into()));
    }
    store::log_event(conn, id, EventKind::Funded, Some(&format!("период {}", p.year)), None, now).await?;
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(id), now).await?;
    Ok(Funding { nominal, available })
}

/// The shared rows: the period's place (when `Place::Take`) and the budget's money. False (roll
/// back) when no place is free.
async fn take_funding(
    conn: &mut AnyConnection,
    id: &CertificateId,
    p: &Period,
    place: Place,
    f: Funding,
    now: &str,
) -> Result<bool, StoreError> {
    if place == Place::Take && !period::take_funded_place(conn, &p.id).await? {
        return Ok(false);
    }
    if f.nominal > Kopecks::ZERO {
        let note = format!("номинал на {} год", p.year);
        budget_movement(conn, &f.available, id, p, (Reason::Nominal, ""), f.nominal, &note, now).await?;
    }
    Ok(true)
}

/// R06: the nominal of the certificate's child in the period — by the child's age on the day
/// the place is given (not before the period's start) and disability (ОВЗ).
async fn nominal_of(
    conn: &mut AnyConnection,
    id: &CertificateId,
    p: &Period,
    now: &str,
) -> Result<Kopecks, StoreError> {
    let h = store::holder(conn, id).await?;
    let day = dopcert_domain::time::moscow_date(dopcert_store::time::parse_instant(now)?).max(p.starts_on);
    Ok(nominal_for(p, h, day))
}

/// The nominal of a child (`h`) given a funded place in `p` on `day`.
pub(crate) fn nominal_for(p: &Period, h: store::Holder, day: Date) -> Kopecks {
    let age = h.birth_date.map_or(eligibility::MIN_AGE, |b| eligibility::age_on(b, day));
    p.nominals.for_child(age, h.disability)
}

/// Money between the period's budget and the certificate's available account: positive
/// `amount` credits the certificate (the nominal), negative gives it back. The key makes it
/// happen once per certificate, period, reason and `variant` (empty but for a top-up). The budget's posting comes last (its row is
/// shared by the whole municipality).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn budget_movement(
    conn: &mut AnyConnection,
    available: &str,
    id: &CertificateId,
    p: &Period,
    (reason, variant): (Reason, &str),
    amount: Kopecks,
    note: &str,
    now: &str,
) -> Result<(), StoreError> {
    let budget = ledger::account(conn, AccountKind::Budget, Owner::Period(&p.id), now).await?;
    let mut key = format!("{}:{}:{}", reason.code(), id, p.id);
    if !variant.is_empty() {
        key = format!("{key}:{variant}");
    }
    let postings = [(available, amount), (budget.as_str(), Kopecks::new(-amount.get()))];
    let entry = ledger::Entry {
        idempotency_key: &key,
        reason,
        period_id: Some(&p.id),
        certificate_id: Some(id),
        note: Some(note),
        cause: None,
        author: None,
        postings: &postings,
    };
    ledger::post(conn, &entry, now).await.map_err(ledger_store_error)?;
    Ok(())
}

fn ledger_store_error(e: LedgerError) -> StoreError {
    match e {
        LedgerError::Store(e) => e,
        other => StoreError::Corrupt(if matches!(other, LedgerError::Insufficient) {
            "ledger: insufficient"
        } else {
            "ledger: unbalanced"
        }),
    }
}

pub(crate) async fn summary_of(
    conn: &mut AnyConnection,
    id: &CertificateId,
    today: Date,
) -> Result<Summary, StoreError> {
    let c = store::get(conn, id).await?;
    summary(conn, c, today).await
}

pub(crate) async fn summary(
    conn: &mut AnyConnection,
    c: Certificate,
    today: Date,
) -> Result<Summary, StoreError> {
    let funded = match period::current(conn, &c.municipality_id, today).await? {
        Some(p) => store::is_funded(conn, &c.id, &p.id).await?,
        None => false,
    };
    let balance = ledger::certificate_balance(conn, &c.id).await?;
    Ok(Summary {
        id: c.id,
        number: c.number,
        status: c.status,
        status_reason: c.status_reason,
        funded,
        balance,
        issued_at: c.issued_at,
    })
}

/// R06: hands the period's free funded places to waiting certificates in claim order, inside
/// the caller's transaction (so no new claim can slip in between); returns how many.
pub(crate) async fn upgrade_waiting_in(
    conn: &mut AnyConnection,
    p: &Period,
    now: &str,
) -> Result<u64, StoreError> {
    let mut upgraded = 0;
    loop {
        let waiting = store::waiting_for_funding(conn, &p.municipality_id, &p.id, 100).await?;
        if waiting.is_empty() {
            return Ok(upgraded);
        }
        for id in &waiting {
            if !period::take_funded_place(conn, &p.id).await? {
                return Ok(upgraded);
            }
            fund_in(conn, id, p, Place::Taken, now).await?;
            upgraded += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Seeing a certificate

/// Everything the certificate page shows.
#[derive(Debug, Clone)]
pub struct Detail {
    pub summary: Summary,
    pub child_name: FullName,
    pub child_birth: Option<Date>,
    pub municipality: String,
    pub channel: Channel,
    pub issued_by_organization: Option<String>,
    /// The current period, if the municipality has set one.
    pub period: Option<Period>,
    /// The nominal this certificate was credited in the current period, if funded in it.
    pub nominal: Option<Kopecks>,
    /// The recorded basis of the child's disability (ОВЗ): health data, shown only to those who
    /// may manage the certificate (None for anyone else).
    pub disability: Option<String>,
    pub events: Vec<store::Event>,
    pub movements: Vec<ledger::Movement>,
    pub consents: Vec<consents::Consent>,
    /// The actor may suspend, resume or close it (municipal operator, regional admin).
    pub may_manage: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error("{0}")]
    InvalidNumber(#[from] CertificateNumberError),
    /// Unknown, or not the actor's to see (the same answer for both).
    #[error("сертификат с таким номером не найден")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The certificate, for those with a reason to see it (R04's scopes); anyone else gets
/// `NotFound`, as if it did not exist.
pub async fn detail(app: &App, actor: &Actor, number: &str) -> Result<Detail, ViewError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let c = visible(&mut conn, actor, number, today).await?;
    let child = person::get(&mut conn, &c.child_id).await?;
    let municipality = municipality::get(&mut conn, &c.municipality_id).await?.name;
    let issued_by_organization = match &c.organization_id {
        Some(o) => Some(dopcert_store::organization::get(&mut conn, o).await?.short_name),
        None => None,
    };
    let current = period::current(&mut conn, &c.municipality_id, today).await?;
    let events = store::events(&mut conn, &c.id).await?;
    let movements = ledger::certificate_movements(&mut conn, &c.id).await?;
    let consents = consents::of_child(&mut conn, &c.child_id).await?;
    let channel = c.channel;
    let may_manage = may_manage(actor, &c);
    let nominal = match &current {
        Some(p) => store::funding(&mut conn, &c.id, &p.id).await?.map(|f| f.nominal),
        None => None,
    };
    let disability = if may_manage { person::disability(&mut conn, &c.child_id).await? } else { None };
    let summary = summary(&mut conn, c, today).await?;
    Ok(Detail {
        summary,
        child_name: child.name,
        child_birth: child.birth_date.map(|b| b.date()),
        municipality,
        channel,
        issued_by_organization,
        period: current,
        nominal,
        disability,
        events,
        movements,
        consents,
        may_manage,
    })
}

/// The scan of a paper consent given for the certificate's child, for those who may see the
/// certificate: (file name, content type, bytes).
pub async fn consent_scan(
    app: &App,
    actor: &Actor,
    number: &str,
    consent_id: &str,
) -> Result<(String, String, Vec<u8>), ViewError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let c = visible(&mut conn, actor, number, today).await?;
    let of_child = consents::of_child(&mut conn, &c.child_id).await?;
    if !of_child.iter().any(|k| k.id == consent_id && k.has_scan) {
        return Err(ViewError::NotFound);
    }
    consents::scan(&mut conn, consent_id).await?.ok_or(ViewError::NotFound)
}

/// The certificate by its number as typed, if the actor may see it; `NotFound` for anyone else,
/// as if it did not exist.
async fn visible(
    conn: &mut AnyConnection,
    actor: &Actor,
    number: &str,
    today: Date,
) -> Result<Certificate, ViewError> {
    let number = CertificateNumber::parse(number)?;
    let c = store::by_number(conn, &number).await?.ok_or(ViewError::NotFound)?;
    if !may_see(conn, actor, &c, today).await? {
        return Err(ViewError::NotFound);
    }
    Ok(c)
}

/// Who may see a certificate: its child's parents, the child from 14, staff of the organization
/// that issued it or that the child attends, the municipality's operator, the region's admin,
/// auditors in scope.
async fn may_see(
    conn: &mut AnyConnection,
    actor: &Actor,
    c: &Certificate,
    today: Date,
) -> Result<bool, StoreError> {
    let g = actor.role();
    Ok(match g.role {
        Role::Parent => person::is_guardian(conn, &actor.person_id, &c.child_id).await?,
        Role::Child => {
            actor.person_id == c.child_id
                && person::get(conn, &c.child_id)
                    .await?
                    .birth_date
                    .is_some_and(|b| eligibility::may_claim_for_self(b.date(), today))
        }
        Role::OrganizationStaff | Role::OrganizationAdmin => match &g.organization_id {
            Some(o) => {
                c.organization_id.as_ref() == Some(o) || person::is_pupil_of(conn, o, &c.child_id).await?
            }
            None => false,
        },
        Role::MunicipalOperator => g.municipality_id.as_ref() == Some(&c.municipality_id),
        Role::RegionalAdmin => match &g.region_id {
            Some(r) => municipality::get(conn, &c.municipality_id).await?.region_id == *r,
            None => false,
        },
        Role::Auditor => {
            if let Some(m) = &g.municipality_id {
                *m == c.municipality_id
            } else if let Some(r) = &g.region_id {
                municipality::get(conn, &c.municipality_id).await?.region_id == *r
            } else if let Some(o) = &g.organization_id {
                c.organization_id.as_ref() == Some(o) || person::is_pupil_of(conn, o, &c.child_id).await?
            } else {
                false
            }
        }
    })
}

/// Who may change a certificate's status — among those who may see it (`may_see`, always asked
/// first, puts the regional admin's region in scope).
pub(crate) fn may_manage(actor: &Actor, c: &Certificate) -> bool {
    let g = actor.role();
    match g.role {
        Role::MunicipalOperator => g.municipality_id.as_ref() == Some(&c.municipality_id),
        Role::RegionalAdmin => g.region_id.is_some(),
        _ => false,
    }
}

/// The summary by number, for the API (same scopes as the page).
pub async fn find(app: &App, actor: &Actor, number: &str) -> Result<(Summary, PersonId), ViewError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let c = visible(&mut conn, actor, number, today).await?;
    let child = c.child_id.clone();
    Ok((summary(&mut conn, c, today).await?, child))
}

/// What an organization learns when a family shows it a certificate number: whether it is
/// valid and funded and what is available — nothing about the child.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub number: CertificateNumber,
    pub status: Status,
    pub valid: bool,
    pub funded: bool,
    pub available: Kopecks,
    pub municipality: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{0}")]
    InvalidNumber(#[from] CertificateNumberError),
    #[error("проверить сертификат может сотрудник организации")]
    Forbidden,
    #[error("сертификат с таким номером не найден")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub async fn check(app: &App, actor: &Actor, number: &str) -> Result<CheckResult, CheckError> {
    if !matches!(actor.role().role, Role::OrganizationStaff | Role::OrganizationAdmin) {
        return Err(CheckError::Forbidden);
    }
    let number = CertificateNumber::parse(number)?;
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let c = store::by_number(&mut conn, &number).await?.ok_or(CheckError::NotFound)?;
    let municipality = municipality::get(&mut conn, &c.municipality_id).await?.name;
    let s = summary(&mut conn, c, today).await?;
    Ok(CheckResult {
        number: s.number,
        status: s.status,
        valid: s.status == Status::Active,
        funded: s.funded,
        available: s.balance.available,
        municipality,
    })
}

/// The certificate of each child, for the cabinet's list.
pub async fn of_child(app: &App, child: &PersonId) -> Result<Option<Summary>, StoreError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    match store::by_child(&mut conn, child).await? {
        Some(c) => Ok(Some(summary(&mut conn, c, today).await?)),
        None => Ok(None),
    }
}

// ---------------------------------------------------------------------------------------------
// Statuses: suspended with a reason, resumed, closed at 18 or by decision. Every change is
// logged; a certificate is never deleted.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Suspend,
    Resume,
    Close,
}

#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    #[error("{0}")]
    InvalidNumber(#[from] CertificateNumberError),
    #[error("сертификат с таким номером не найден")]
    NotFound,
    #[error("менять статус сертификата может муниципальный опорный центр")]
    Forbidden,
    #[error("укажите причину")]
    ReasonRequired,
    #[error("сертификат уже {}", .0.title())]
    AlreadyThere(Status),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub async fn manage(
    app: &App,
    actor: &Actor,
    number: &str,
    action: Action,
    reason: &str,
) -> Result<Status, ManageError> {
    let number = CertificateNumber::parse(number)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ManageError::ReasonRequired);
    }
    let today = app.clock.today();
    let c = {
        let mut conn = app.store.reader().await?;
        let c = store::by_number(&mut conn, &number).await?.ok_or(ManageError::NotFound)?;
        if !may_see(&mut conn, actor, &c, today).await? {
            return Err(ManageError::NotFound);
        }
        c
    };
    if !may_manage(actor, &c) {
        return Err(ManageError::Forbidden);
    }
    let (to, kind, code) = match action {
        Action::Suspend => (Status::Suspended, EventKind::Suspended, "certificate.suspend"),
        Action::Resume => (Status::Active, EventKind::Resumed, "certificate.resume"),
        Action::Close => (Status::Closed, EventKind::Closed, "certificate.close"),
    };
    let from: &[Status] = match action {
        Action::Suspend => &[Status::Active],
        Action::Resume => &[Status::Suspended],
        Action::Close => &[Status::Active, Status::Suspended],
    };
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    if !change_status_in(&mut tx, &c.id, from, to, kind, reason, Some(&actor.account_id), today, &now).await?
    {
        drop(tx);
        // Someone else acted first: say where it stands now.
        let mut conn = app.store.reader().await?;
        return Err(ManageError::AlreadyThere(store::get(&mut conn, &c.id).await?.status));
    }
    record_status(&mut tx, Some(actor), code, &c, to, reason, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(certificate = %c.number, status = to.code(), "certificate status changed");
    Ok(to)
}

/// Appends a status change of the certificate (`c` as it was) to the audit log.
async fn record_status(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    action: &str,
    c: &Certificate,
    to: Status,
    reason: &str,
    now: &str,
) -> Result<(), StoreError> {
    let change = Change::new(action, "certificate", c.id.as_str())
        .person(c.child_id.as_str())
        .certificate(c.id.as_str())
        .municipality(c.municipality_id.as_str())
        .before(json!({"status": c.status.code()}))
        .after(json!({"status": to.code(), "reason": reason}));
    audit::record(conn, actor, &change, now).await
}

/// Changes the status from any of `from`, logs it, and on closing gives back a funded place
/// that was not used (see `release_unused_place_in`). False when the status was not in `from`.
#[allow(clippy::too_many_arguments)]
async fn change_status_in(
    conn: &mut AnyConnection,
    id: &CertificateId,
    from: &[Status],
    to: Status,
    kind: EventKind,
    reason: &str,
    account: Option<&AccountId>,
    today: Date,
    now: &str,
) -> Result<bool, StoreError> {
    let mut changed = false;
    for f in from {
        // The reason of a suspension or closing stays on the certificate; an active one has
        // none (every reason stays in the log).
        let kept = (to != Status::Active).then_some(reason);
        if store::set_status(conn, id, *f, to, kept).await? {
            changed = true;
            break;
        }
    }
    if !changed {
        return Ok(false);
    }
    store::log_event(conn, id, kind, Some(reason), account, now).await?;
    if to == Status::Closed {
        release_unused_place_in(conn, id, today, now).await?;
    }
    Ok(true)
}

/// A closed certificate whose nominal is untouched (nothing held, nothing spent) gives its
/// funded place and its money back, and the first waiting certificate gets them (R06). A place
/// whose money was partly used stays used: handing out another full nominal would spend more
/// than the municipality's budget (quota × nominal).
async fn release_unused_place_in(
    conn: &mut AnyConnection,
    id: &CertificateId,
    today: Date,
    now: &str,
) -> Result<(), StoreError> {
    let c = store::get(conn, id).await?;
    let Some(p) = period::current(conn, &c.municipality_id, today).await? else { return Ok(()) };
    // The period's row first: an upgrade funding this certificate at this moment finishes
    // before we look, so a closed certificate never keeps a place it got meanwhile.
    period::lock(conn, &p.id).await?;
    let Some(funding) = store::funding(conn, id, &p.id).await? else {
        return Ok(());
    };
    let b = ledger::certificate_balance(conn, id).await?;
    if b.held != Kopecks::ZERO || b.spent != Kopecks::ZERO || b.available != funding.nominal {
        return Ok(());
    }
    // The period's row before the budget's, as everywhere (no deadlock on PostgreSQL).
    period::free_funded_place(conn, &p.id).await?;
    store::unfund(conn, id, &p.id).await?;
    if b.available > Kopecks::ZERO {
        let available =
            ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(id), now).await?;
        let back = Kopecks::new(-b.available.get());
        let note = "сертификат закрыт";
        budget_movement(conn, &available, id, &p, (Reason::Return, ""), back, note, now).await?;
    }
    let p = period::get(conn, &p.id).await?;
    upgrade_waiting_in(conn, &p, now).await?;
    Ok(())
}

/// Closes the certificates of children who have turned 18 (run by housekeeping; safe on every
/// app server at once: the guarded status change lets one of them act).
pub async fn close_grown_up(app: &App) -> Result<u64, StoreError> {
    let today = app.clock.today();
    // Born on or before this day: 18 or older today (29 February counts as 1 March).
    let born_by = eighteen_years_before(today);
    let mut closed = 0;
    loop {
        let ids = {
            let mut conn = app.store.reader().await?;
            store::active_of_born_by(&mut conn, born_by, 100).await?
        };
        if ids.is_empty() {
            return Ok(closed);
        }
        for id in &ids {
            let now = instant(app.clock.now());
            let mut tx = app.store.begin().await?;
            let c = store::get(&mut tx, id).await?;
            let from = [Status::Active, Status::Suspended];
            let reason = "ребёнку исполнилось 18 лет";
            if change_status_in(
                &mut tx,
                id,
                &from,
                Status::Closed,
                EventKind::Closed,
                reason,
                None,
                today,
                &now,
            )
            .await?
            {
                record_status(&mut tx, None, "certificate.close", &c, Status::Closed, reason, &now).await?;
                closed += 1;
            }
            tx.commit().await?;
        }
    }
}

/// The latest birth date of someone who is 18 on `today`.
fn eighteen_years_before(today: Date) -> Date {
    // Walk back from the naive date until R03 says «too old»: at most a couple of days.
    let mut d = today.saturating_sub(jiff::Span::new().years(18));
    while eligibility::eligibility(d, today) != Eligibility::TooOld {
        d = d.yesterday().expect("dates far from the minimum");
    }
    while let Ok(next) = d.tomorrow() {
        if eligibility::eligibility(next, today) == Eligibility::TooOld {
            d = next;
        } else {
            break;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn r03_eighteen_years_before_counts_29_february_as_1_march() {
        assert_eq!(eighteen_years_before(date(2026, 11, 25)), date(2008, 11, 25));
        // On 28 February 2026 a child born 29 February 2008 is still 17 (turns 18 on 1 March)...
        assert_eq!(eighteen_years_before(date(2026, 2, 28)), date(2008, 2, 28));
        // ...and on 1 March 2026 a child born 29 February 2008 has turned 18.
        assert_eq!(eighteen_years_before(date(2026, 3, 1)), date(2008, 3, 1));
        assert_eq!(eligibility::eligibility(date(2008, 2, 29), date(2026, 3, 1)), Eligibility::TooOld);
        assert_eq!(eligibility::eligibility(date(2008, 2, 29), date(2026, 2, 28)), Eligibility::Eligible);
    }
}
