//! The registry of providers (R07: money goes only to registered providers that work): an
//! organization applies, the municipal operator verifies its documents and activates it (which
//! gives its head an admin login), and may suspend it with a reason and resume it. The
//! organization's admin keeps its licence, contacts and bank details; staff join by an
//! invitation from the admin and the admin's approval.

use dopcert_domain::bank::{Bik, SettlementAccount};
use dopcert_domain::contact::{Email, Phone};
use dopcert_domain::ids::{AccountId, MunicipalityId, OrganizationId};
use dopcert_domain::inn::Inn;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::organization::{provider_transition, OrganizationKind, ProviderAction, ProviderStatus};
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::organization::{self, NewOrganization, Organization};
use dopcert_store::provider::{self as store, Details, Entry, Member};
use dopcert_store::time::instant;
use dopcert_store::{catalog, municipality, person, AnyConnection, StoreError};
use jiff::SignedDuration;
use serde_json::{json, Value};

use crate::audit::{self, Change};
use crate::auth::{self, Actor};
use crate::form::{FieldError, Problem, Problems};
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("это могут делать сотрудники муниципального опорного центра")]
    Forbidden,
    #[error("организация не найдена")]
    NotFound,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error("организация с таким ИНН или ОГРН уже есть в реестре; если это ваша, обратитесь в муниципальный опорный центр")]
    AlreadyRegistered,
    #[error("{0}")]
    Transition(#[from] dopcert_domain::organization::ProviderTransitionError),
    #[error("напишите причину: организация увидит её")]
    ReasonMissing,
    #[error("логин выдаётся после проверки документов")]
    NotReadyForLogin,
    #[error("статус уже изменил другой сотрудник; обновите страницу")]
    Stale,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The application form, or the admin's details form (the registry fields only).
#[derive(Debug, Clone, Default)]
pub struct ProviderInput {
    pub kind: String,
    pub full_name: String,
    pub short_name: String,
    pub inn: String,
    pub ogrn: String,
    pub licence: String,
    pub address: String,
    pub municipality_id: String,
    pub phone: String,
    pub email: String,
    pub bank_name: String,
    pub bik: String,
    pub settlement_account: String,
    pub head_name: String,
}

struct Bank {
    name: String,
    bik: Bik,
    account: SettlementAccount,
}

fn check_bank(p: &mut Problems, i: &ProviderInput) -> Option<Bank> {
    let name = i.bank_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 200 {
        p.add("bank_name", Problem::BankName);
    }
    let bik = p.check("bik", Bik::parse(&i.bik));
    let account = bik
        .as_ref()
        .and_then(|b| p.check("settlement_account", SettlementAccount::parse(&i.settlement_account, b)));
    match (bik, account) {
        (Some(bik), Some(account)) if !name.is_empty() => Some(Bank { name, bik, account }),
        _ => None,
    }
}

fn optional_contact<T, E: Into<Problem>>(
    p: &mut Problems,
    field: &'static str,
    raw: &str,
    parse: fn(&str) -> Result<T, E>,
) -> Option<T> {
    if raw.trim().is_empty() {
        None
    } else {
        p.check(field, parse(raw))
    }
}

/// A public application to the registry: the organization's details, its bank details and its
/// head, who gets the admin login once the support centre activates it.
pub async fn apply(app: &App, input: &ProviderInput) -> Result<OrganizationId, ProviderError> {
    let mut p = Problems::default();
    let kind = OrganizationKind::parse(&input.kind);
    if kind.is_none() {
        p.add("kind", Problem::OrganizationKind);
    }
    let text = |p: &mut Problems, field, raw: &str, missing: Problem| {
        let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() || t.chars().count() > 300 {
            p.add(field, missing);
        }
        t
    };
    let full_name = text(&mut p, "full_name", &input.full_name, Problem::FullNameMissing);
    let short_name = text(&mut p, "short_name", &input.short_name, Problem::ShortNameMissing);
    let address = text(&mut p, "address", &input.address, Problem::AddressMissing);
    let inn = p.check("inn", Inn::parse(&input.inn));
    let ogrn = p.check("ogrn", Ogrn::parse(&input.ogrn));
    if let (Some(k), Some(inn), Some(ogrn)) = (kind, &inn, &ogrn) {
        if inn.is_personal() != k.is_personal() || (ogrn.as_str().len() == 15) != k.is_personal() {
            p.add("inn", Problem::InnOgrnKind);
        }
    }
    let licence = input.licence.trim().to_string();
    if licence.is_empty() && kind != Some(OrganizationKind::SoleEntrepreneur) {
        p.add("licence", Problem::LicenceMissing);
    }
    let phone = optional_contact(&mut p, "phone", &input.phone, Phone::parse);
    let email = optional_contact(&mut p, "email", &input.email, Email::parse);
    if phone.is_none() && email.is_none() && input.phone.trim().is_empty() && input.email.trim().is_empty() {
        p.add("phone", Problem::ContactMissing);
    }
    let head = p.check("head_name", FullName::parse(&input.head_name));
    let bank = check_bank(&mut p, input);
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let m = MunicipalityId::from_string(input.municipality_id.clone());
    let municipality_known =
        !input.municipality_id.is_empty() && municipality::find(&mut tx, &m).await?.is_some();
    if !municipality_known {
        p.add("municipality_id", Problem::MunicipalityMissing);
    }
    let (Some(kind), Some(inn), Some(ogrn), Some(head), Some(bank)) = (kind, inn, ogrn, head, bank) else {
        return Err(ProviderError::Invalid(p.0));
    };
    if !p.is_empty() {
        return Err(ProviderError::Invalid(p.0));
    }
    if organization::by_inn(&mut tx, &inn).await?.is_some() {
        return Err(ProviderError::AlreadyRegistered);
    }
    let (phone, email) = (phone.map(|x| x.to_string()), email.map(|x| x.as_str().to_string()));
    let new = NewOrganization {
        municipality_id: &m,
        kind,
        full_name: &full_name,
        short_name: &short_name,
        inn: &inn,
        ogrn: &ogrn,
        address: &address,
        phone: phone.as_deref(),
        email: email.as_deref(),
    };
    let id = match organization::insert(&mut tx, &new, &now).await {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => return Err(ProviderError::AlreadyRegistered),
        Err(e) => return Err(e.into()),
    };
    let head_name = head.to_string();
    let details = Details {
        licence: Some(licence.as_str()).filter(|l| !l.is_empty()),
        phone: phone.as_deref(),
        email: email.as_deref(),
        bank_name: &bank.name,
        bik: bank.bik.digits(),
        settlement_account: bank.account.digits(),
        head_name: Some(&head_name),
    };
    store::set_details(&mut tx, &id, &details).await?;
    store::set_status(&mut tx, &id, ProviderStatus::Active, ProviderStatus::Applied, None).await?;
    store::log(&mut tx, &id, "applied", None, None, &now).await?;
    let after =
        json!({"status": ProviderStatus::Applied.code(), "inn": inn.as_str(), "short_name": short_name});
    let change = Change::new("provider.apply", "organization", id.as_str())
        .organization(id.as_str())
        .municipality(m.as_str())
        .after(after);
    // The applicant has no account yet: the record is the system's.
    audit::record(&mut tx, None, &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(organization = %id, "provider applied to the registry");
    Ok(id)
}

/// The operator of the provider's municipality (the regional center sees the whole region).
async fn oversees(conn: &mut AnyConnection, actor: &Actor, o: &Organization) -> Result<bool, StoreError> {
    let g = actor.role();
    Ok(match g.role {
        Role::MunicipalOperator => g.municipality_id.as_ref() == Some(&o.municipality_id),
        Role::RegionalAdmin | Role::Auditor => {
            let m = municipality::get(conn, &o.municipality_id).await?;
            g.region_id.as_ref() == Some(&m.region_id)
        }
        _ => false,
    })
}

/// Appends a change concerning the organization to the audit log, under its municipality.
async fn record<'a>(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    o: &'a Organization,
    change: Change<'a>,
    now: &str,
) -> Result<(), StoreError> {
    let change = change.organization(o.id.as_str()).municipality(o.municipality_id.as_str());
    audit::record(conn, actor, &change, now).await
}

pub async fn registry(app: &App, actor: &Actor, status: ProviderStatus) -> Result<Vec<Entry>, ProviderError> {
    let g = actor.role().clone();
    let mut conn = app.store.reader().await?;
    let (m, region) = match (g.role, &g.municipality_id, &g.region_id) {
        (Role::MunicipalOperator, Some(m), _) => {
            (Some(m.clone()), municipality::get(&mut conn, m).await?.region_id)
        }
        (Role::RegionalAdmin, _, Some(r)) => (None, r.clone()),
        _ => return Err(ProviderError::Forbidden),
    };
    Ok(store::registry(&mut conn, status, m.as_ref(), &region).await?)
}

/// A provider as the back office sees it, with its history.
#[derive(Debug, Clone)]
pub struct ProviderView {
    pub organization: Organization,
    pub municipality_name: String,
    pub head_name: Option<String>,
    pub events: Vec<(String, Option<String>, Option<String>, String)>,
    pub may_decide: bool,
}

pub async fn view(app: &App, actor: &Actor, id: &str) -> Result<ProviderView, ProviderError> {
    if !matches!(actor.role().role, Role::MunicipalOperator | Role::RegionalAdmin | Role::Auditor) {
        return Err(ProviderError::Forbidden);
    }
    let mut conn = app.store.reader().await?;
    let o = organization::find(&mut conn, id).await?.ok_or(ProviderError::NotFound)?;
    if !oversees(&mut conn, actor, &o).await? {
        return Err(ProviderError::NotFound);
    }
    let municipality_name = municipality::get(&mut conn, &o.municipality_id).await?.name;
    let events = store::events(&mut conn, &o.id).await?;
    let head_name = organization::head_name(&mut conn, &o.id).await?;
    Ok(ProviderView {
        may_decide: actor.role().role == Role::MunicipalOperator,
        organization: o,
        municipality_name,
        head_name,
        events,
    })
}

/// Only the municipal operator changes a provider's place in the registry.
pub fn authorize_operator(actor: &Actor) -> Result<(), ProviderError> {
    if actor.role().role == Role::MunicipalOperator {
        Ok(())
    } else {
        Err(ProviderError::Forbidden)
    }
}

/// The login given to the head when a provider is activated, to be handed over on paper.
#[derive(Debug, Clone)]
pub struct AdminLogin {
    pub login: String,
    pub one_time_password: String,
}

/// Verifies, activates, suspends (with a reason) or resumes a provider. Activation gives the
/// head an admin login when the organization has no admin yet; a status change also changes
/// what the catalog shows.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: &str,
    action: ProviderAction,
    reason: &str,
) -> Result<Option<AdminLogin>, ProviderError> {
    authorize_operator(actor)?;
    let reason =
        Some(reason.trim()).filter(|r| !r.is_empty()).map(|r| r.chars().take(1000).collect::<String>());
    if action == ProviderAction::Suspend && reason.is_none() {
        return Err(ProviderError::ReasonMissing);
    }
    let now_t = app.clock.now();
    let now = instant(now_t);
    let mut tx = app.store.begin().await?;
    let o = organization::find(&mut tx, id).await?.ok_or(ProviderError::NotFound)?;
    if !oversees(&mut tx, actor, &o).await? {
        return Err(ProviderError::NotFound);
    }
    let to = provider_transition(o.provider_status, action)?;
    store::set_status(&mut tx, &o.id, o.provider_status, to, reason.as_deref()).await.map_err(
        |e| match e {
            StoreError::Conflict(_) => ProviderError::Stale,
            e => e.into(),
        },
    )?;
    let code = match action {
        ProviderAction::Verify => "verified",
        ProviderAction::Activate => "activated",
        ProviderAction::Suspend => "suspended",
        ProviderAction::Resume => "resumed",
    };
    store::log(&mut tx, &o.id, code, reason.as_deref(), Some(&actor.account_id), &now).await?;
    let change = Change::new("provider.decide", "organization", o.id.as_str())
        .before(json!({"status": o.provider_status.code()}))
        .after(json!({"status": to.code(), "reason": reason}));
    record(&mut tx, Some(actor), &o, change, &now).await?;
    let login = if action == ProviderAction::Activate && store::admins(&mut tx, &o.id).await?.is_empty() {
        Some(give_admin_login(&mut tx, &o, actor, now_t).await?)
    } else {
        None
    };
    let programs = catalog::programs_of(&mut tx, &o.id).await?;
    let ids: Vec<&str> = programs.iter().map(|p| p.as_str()).collect();
    catalog::touch(&mut tx, &ids, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(organization = %o.id, decision = code, "provider status changed");
    Ok(login)
}

async fn give_admin_login(
    conn: &mut AnyConnection,
    o: &Organization,
    actor: &Actor,
    now: jiff::Timestamp,
) -> Result<AdminLogin, ProviderError> {
    let stamp = instant(now);
    let name = organization::head_name(conn, &o.id)
        .await?
        .and_then(|n| FullName::parse(&n).ok())
        .unwrap_or_else(|| FullName::parse("Руководитель Организации").expect("a valid name"));
    let person = person::insert(
        conn,
        &person::NewPerson {
            name: &name,
            birth_date: None,
            snils: None,
            municipality_id: Some(&o.municipality_id),
            phone: o.phone.as_deref(),
            email: o.email.as_deref(),
        },
        &stamp,
    )
    .await?;
    let login = format!("org{}", o.inn.as_str());
    let account = account::insert(conn, &person, &login, None, &stamp).await.map_err(|e| match e {
        StoreError::Conflict(_) => ProviderError::AlreadyRegistered,
        e => e.into(),
    })?;
    account::grant(
        conn,
        &account,
        &RoleGrant::in_organization(Role::OrganizationAdmin, o.id.clone()),
        &stamp,
    )
    .await?;
    let one_time_password =
        auth::replace_one_time_password(conn, &account, Some(&actor.account_id), now).await?;
    record_login(conn, actor, o, &account, &person, &login, &stamp).await?;
    Ok(AdminLogin { login, one_time_password })
}

/// The audit record of an admin login and one-time password handed out (never the password).
async fn record_login(
    conn: &mut AnyConnection,
    actor: &Actor,
    o: &Organization,
    account: &AccountId,
    person: &dopcert_domain::ids::PersonId,
    login: &str,
    now: &str,
) -> Result<(), StoreError> {
    let after = json!({"login": login, "role": Role::OrganizationAdmin.code(), "one_time_password": "выдан"});
    let change = Change::new("login.issue", "account", account.as_str()).person(person.as_str()).after(after);
    record(conn, Some(actor), o, change, now).await
}

/// A new one-time password for the organization's admin (the head lost it, or closed the page
/// before choosing a password); an admin login is made first when there is none.
pub async fn reissue_admin_login(app: &App, actor: &Actor, id: &str) -> Result<AdminLogin, ProviderError> {
    authorize_operator(actor)?;
    let now = app.clock.now();
    let mut tx = app.store.begin().await?;
    let o = organization::find(&mut tx, id).await?.ok_or(ProviderError::NotFound)?;
    if !oversees(&mut tx, actor, &o).await? {
        return Err(ProviderError::NotFound);
    }
    if o.provider_status == ProviderStatus::Applied {
        return Err(ProviderError::NotReadyForLogin);
    }
    let login = match store::admins(&mut tx, &o.id).await?.first() {
        Some(admin) => {
            let a = account::get(&mut tx, admin).await?;
            let one_time_password =
                auth::replace_one_time_password(&mut tx, admin, Some(&actor.account_id), now).await?;
            record_login(&mut tx, actor, &o, admin, &a.person_id, &a.login, &instant(now)).await?;
            AdminLogin { login: a.login, one_time_password }
        }
        None => give_admin_login(&mut tx, &o, actor, now).await?,
    };
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(organization = %o.id, "admin one-time password reissued");
    Ok(login)
}

/// The organization the actor administers.
fn administered(actor: &Actor) -> Result<OrganizationId, ProviderError> {
    let g = actor.role();
    match (g.role, &g.organization_id) {
        (Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(ProviderError::Forbidden),
    }
}

pub async fn own(app: &App, actor: &Actor) -> Result<Organization, ProviderError> {
    let id = administered(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(organization::get(&mut conn, &id).await?)
}

/// The admin updates the licence, contacts and bank details (checked: БИК and the account's
/// control key, so a payment order never goes to a mistyped account).
pub async fn update_details(app: &App, actor: &Actor, input: &ProviderInput) -> Result<(), ProviderError> {
    let id = administered(actor)?;
    let mut p = Problems::default();
    let phone = optional_contact(&mut p, "phone", &input.phone, Phone::parse).map(|x| x.to_string());
    let email = optional_contact(&mut p, "email", &input.email, Email::parse).map(|x| x.as_str().to_string());
    let bank = check_bank(&mut p, input);
    let licence = input.licence.trim().chars().take(100).collect::<String>();
    let Some(bank) = bank else { return Err(ProviderError::Invalid(p.0)) };
    if !p.is_empty() {
        return Err(ProviderError::Invalid(p.0));
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let o = organization::get(&mut tx, &id).await?;
    let details = Details {
        licence: Some(licence.as_str()).filter(|l| !l.is_empty()),
        phone: phone.as_deref(),
        email: email.as_deref(),
        bank_name: &bank.name,
        bik: bank.bik.digits(),
        settlement_account: bank.account.digits(),
        head_name: None,
    };
    store::set_details(&mut tx, &id, &details).await?;
    store::log(&mut tx, &id, "details", None, Some(&actor.account_id), &now).await?;
    let was = Details {
        licence: o.licence.as_deref(),
        phone: o.phone.as_deref(),
        email: o.email.as_deref(),
        bank_name: o.bank_name.as_deref().unwrap_or_default(),
        bik: o.bik.as_deref().unwrap_or_default(),
        settlement_account: o.settlement_account.as_deref().unwrap_or_default(),
        head_name: None,
    };
    let change = Change::new("organization.details", "organization", o.id.as_str())
        .changed(details_json(&was), details_json(&details));
    record(&mut tx, Some(actor), &o, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

fn details_json(d: &Details<'_>) -> Value {
    json!({
        "licence": d.licence,
        "phone": d.phone,
        "email": d.email,
        "bank_name": d.bank_name,
        "bik": d.bik,
        "settlement_account": d.settlement_account,
    })
}

// ---- staff ----

/// Invitations run out after a week.
const INVITATION_TTL: SignedDuration = SignedDuration::from_hours(24 * 7);

/// The admin invites a colleague: returns the code to hand over (shown once).
pub async fn invite(app: &App, actor: &Actor, name: &str) -> Result<String, ProviderError> {
    let id = administered(actor)?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ProviderError::Invalid(vec![FieldError {
            field: "name",
            problem: Problem::InviteeName,
        }]));
    }
    let code = auth::random_code();
    let now = app.clock.now();
    let mut tx = app.store.begin().await?;
    let o = organization::get(&mut tx, &id).await?;
    store::insert_invitation(
        &mut tx,
        &id,
        &auth::token_hash(&auth::normalize_code(&code)),
        &name,
        &actor.account_id,
        &instant(now),
        &instant(now + INVITATION_TTL),
    )
    .await?;
    let change = Change::new("staff.invite", "organization", o.id.as_str()).after(json!({"invited": name}));
    record(&mut tx, Some(actor), &o, change, &instant(now)).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(code)
}

#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    #[error("такого приглашения нет, оно уже использовано или истекло: попросите администратора организации выдать новое")]
    UnknownCode,
    #[error("вы уже ждёте подтверждения от этой организации")]
    AlreadyWaiting,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A signed-in person enters an invitation code: the request waits for the admin's approval.
/// Returns the organization's name.
pub async fn join(app: &App, actor: &Actor, code: &str) -> Result<String, JoinError> {
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let hash = auth::token_hash(&auth::normalize_code(code));
    let Some((invitation, org)) = store::use_invitation(&mut tx, &hash, &actor.account_id, &now).await?
    else {
        return Err(JoinError::UnknownCode);
    };
    match store::insert_request(&mut tx, &org, &actor.account_id, &invitation, &now).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(JoinError::AlreadyWaiting),
        Err(e) => return Err(e.into()),
    }
    let o = organization::get(&mut tx, &org).await?;
    let change = Change::new("staff.join", "invitation", &invitation)
        .person(actor.person_id.as_str())
        .after(json!({"request": "pending"}));
    record(&mut tx, Some(actor), &o, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(o.short_name)
}

/// The admin's view of the staff: members, requests waiting, invitations not yet used.
#[derive(Debug, Clone)]
pub struct Staff {
    pub members: Vec<Member>,
    pub pending: Vec<Member>,
    pub invitations: Vec<(String, String, String)>,
}

pub async fn staff(app: &App, actor: &Actor) -> Result<Staff, ProviderError> {
    let id = administered(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(Staff {
        members: store::staff(&mut conn, &id).await?,
        pending: store::pending(&mut conn, &id).await?,
        invitations: store::open_invitations(&mut conn, &id, &instant(app.clock.now())).await?,
    })
}

/// The admin approves (the staff role is granted) or rejects a request.
pub async fn decide_request(
    app: &App,
    actor: &Actor,
    request: &str,
    approve: bool,
) -> Result<(), ProviderError> {
    let id = administered(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let Some(account) =
        store::decide_request(&mut tx, &id, request, approve, None, &actor.account_id, &now).await?
    else {
        return Err(ProviderError::NotFound);
    };
    if approve {
        account::grant(
            &mut tx,
            &account,
            &RoleGrant::in_organization(Role::OrganizationStaff, id.clone()),
            &now,
        )
        .await?;
    }
    let (action, after) = if approve {
        ("staff.approve", json!({"request": "approved", "role": Role::OrganizationStaff.code()}))
    } else {
        ("staff.reject", json!({"request": "rejected"}))
    };
    let change =
        Change::new(action, "account", account.as_str()).before(json!({"request": "pending"})).after(after);
    record_staff(&mut tx, actor, &id, &account, change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The admin detaches a colleague (admins are changed by the support centre).
pub async fn revoke(app: &App, actor: &Actor, account: &str) -> Result<(), ProviderError> {
    let id = administered(actor)?;
    let account = AccountId::from_string(account.to_string());
    let mut tx = app.store.begin().await?;
    if !store::revoke_staff(&mut tx, &id, &account).await? {
        return Err(ProviderError::NotFound);
    }
    let change = Change::new("staff.revoke", "account", account.as_str())
        .before(json!({"role": Role::OrganizationStaff.code()}))
        .after(json!({"role": null}));
    record_staff(&mut tx, actor, &id, &account, change, &instant(app.clock.now())).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Appends a change of a colleague's place in the organization to the audit log.
async fn record_staff(
    conn: &mut AnyConnection,
    actor: &Actor,
    org: &OrganizationId,
    account: &AccountId,
    change: Change<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let o = organization::get(conn, org).await?;
    let person = account::get(conn, account).await?.person_id;
    record(conn, Some(actor), &o, change.person(person.as_str()), now).await
}
