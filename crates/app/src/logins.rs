//! Logins that a school issues to its pupils' families (variant 2 of the notice): a readable
//! login and a one-time password per person, printed on slips. Staff can reissue (the old
//! one-time password dies at once) but never see anyone's own password.

use dopcert_domain::eligibility::may_claim_for_self;
use dopcert_domain::ids::{AccountId, OrganizationId, PersonId};
use dopcert_domain::login;
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::organization::{self, Organization};
use dopcert_store::time::instant;
use dopcert_store::{person, AnyConnection, StoreError};
use jiff::civil::Date;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::{replace_one_time_password, Actor, ONE_TIME_PASSWORD_TTL};
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum LoginsError {
    #[error("выдавать логины могут только сотрудники организации")]
    Forbidden,
    #[error("этот человек не относится к вашей организации")]
    NotFound,
    #[error("ученику нет 14 лет: логин получает родитель")]
    TooYoung,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One slip to cut out and hand to a family: its pupils, and a login with a one-time password
/// for each of its people who needs one (parents; pupils of 14+ when asked).
#[derive(Debug, Clone)]
pub struct Slip {
    /// The family's pupils, with their class: «Иванов Артём, 5А».
    pub pupils: Vec<String>,
    pub logins: Vec<IssuedLogin>,
    /// Last day the one-time passwords work (Moscow date).
    pub valid_until: Date,
}

/// A login and its one-time password, for one person.
#[derive(Debug, Clone)]
pub struct IssuedLogin {
    pub for_name: FullName,
    pub role: Role,
    pub login: String,
    pub code: String,
}

/// Where a person stands: no login yet, a login not yet used, or a login with their own password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginState {
    None,
    Issued(String),
    Active(String),
}

#[derive(Debug, Clone)]
pub struct RollEntry {
    pub child: person::Person,
    pub child_login: LoginState,
    pub may_have_own_login: bool,
    pub parents: Vec<(person::Person, LoginState)>,
}

fn staff_organization(actor: &Actor) -> Result<OrganizationId, LoginsError> {
    let r = actor.role();
    match (r.role, &r.organization_id) {
        (Role::OrganizationStaff | Role::OrganizationAdmin, Some(o)) => Ok(o.clone()),
        _ => Err(LoginsError::Forbidden),
    }
}

async fn state(conn: &mut AnyConnection, p: &PersonId) -> Result<LoginState, StoreError> {
    Ok(match account::by_person(conn, p).await? {
        None => LoginState::None,
        Some(a) if a.password_hash.is_some() => LoginState::Active(a.login),
        Some(a) => LoginState::Issued(a.login),
    })
}

/// The organization's classes with their pupil counts.
pub async fn classes(app: &App, actor: &Actor) -> Result<Vec<(String, i64)>, LoginsError> {
    let org = staff_organization(actor)?;
    let mut conn = app.store.reader().await?;
    Ok(person::classes(&mut conn, &org).await?)
}

/// A class with each pupil's parents and who already has a login.
pub async fn roll(app: &App, actor: &Actor, class: &str) -> Result<Vec<RollEntry>, LoginsError> {
    let org = staff_organization(actor)?;
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let mut out = Vec::new();
    for child in person::class_roll(&mut conn, &org, class).await? {
        let mut parents = Vec::new();
        for p in person::parents_of(&mut conn, &child.id).await? {
            let s = state(&mut conn, &p.id).await?;
            parents.push((p, s));
        }
        let child_login = state(&mut conn, &child.id).await?;
        let may_have_own_login = child.birth_date.is_some_and(|b| may_claim_for_self(b.date(), today));
        out.push(RollEntry { child, child_login, may_have_own_login, parents });
    }
    Ok(out)
}

/// The person's account, created with a free readable login when there is none.
async fn account_for(
    conn: &mut AnyConnection,
    who: &person::Person,
    role: Role,
    now: &str,
) -> Result<(AccountId, String), StoreError> {
    if let Some(a) = account::by_person(conn, &who.id).await? {
        account::grant(conn, &a.id, &RoleGrant::personal(role), now).await?;
        return Ok((a.id, a.login));
    }
    for attempt in 0.. {
        let candidate = login::candidate(&who.name, attempt);
        if let Some(id) = account::insert_if_free(conn, &who.id, &candidate, now).await? {
            account::grant(conn, &id, &RoleGrant::personal(role), now).await?;
            return Ok((id, candidate));
        }
        // Taken by someone else, or this person got an account a moment ago (another clerk).
        if let Some(a) = account::by_person(conn, &who.id).await? {
            account::grant(conn, &a.id, &RoleGrant::personal(role), now).await?;
            return Ok((a.id, a.login));
        }
    }
    unreachable!("an endless range of candidates")
}

struct Issuer<'a> {
    conn: &'a mut AnyConnection,
    actor: &'a Actor,
    org: &'a Organization,
    now: jiff::Timestamp,
}

impl Issuer<'_> {
    async fn login(&mut self, who: &person::Person, role: Role) -> Result<IssuedLogin, StoreError> {
        let now = instant(self.now);
        let (account, login) = account_for(self.conn, who, role, &now).await?;
        let code =
            replace_one_time_password(self.conn, &account, Some(&self.actor.account_id), self.now).await?;
        // The log says a one-time password was handed out; the password itself stays on the slip.
        let change = Change::new("login.issue", "account", account.as_str())
            .person(who.id.as_str())
            .organization(self.org.id.as_str())
            .municipality(self.org.municipality_id.as_str())
            .after(json!({"login": login, "role": role.code(), "one_time_password": "выдан"}));
        audit::record(self.conn, Some(self.actor), &change, &now).await?;
        Ok(IssuedLogin { for_name: who.name.clone(), role, login, code })
    }
}

fn valid_until(now: jiff::Timestamp) -> Date {
    dopcert_domain::time::moscow_date(now + ONE_TIME_PASSWORD_TTL)
}

/// Logins for a whole class, one slip per family: every parent (and, with `teens`, every pupil
/// of 14 or more) who has not yet set their own password gets a one-time password; siblings in
/// the class share their family's slip. Who already uses their own password is left alone.
pub async fn issue_for_class(
    app: &App,
    actor: &Actor,
    class: &str,
    teens: bool,
) -> Result<Vec<Slip>, LoginsError> {
    let org = staff_organization(actor)?;
    let now = app.clock.now();
    let today = app.clock.today();
    let mut tx = app.store.begin().await?;
    let o = organization::get(&mut tx, &org).await?;
    let roll = person::class_roll(&mut tx, &org, class).await?;
    let until = valid_until(now);
    let mut slips: Vec<Slip> = Vec::new();
    // The family slip each parent belongs to: siblings' parents are the same people.
    let mut family_of: Vec<(PersonId, usize)> = Vec::new();
    let mut issuer = Issuer { conn: &mut tx, actor, org: &o, now };
    for child in &roll {
        let label = format!("{}, {class}", child.name);
        let parents = person::parents_of(issuer.conn, &child.id).await?;
        let family =
            parents.iter().find_map(|p| family_of.iter().find(|(id, _)| *id == p.id).map(|(_, i)| *i));
        let family = match family {
            Some(i) => {
                slips[i].pupils.push(label.clone());
                i
            }
            None => {
                slips.push(Slip { pupils: vec![label.clone()], logins: Vec::new(), valid_until: until });
                slips.len() - 1
            }
        };
        for parent in &parents {
            if family_of.iter().any(|(id, _)| *id == parent.id) {
                continue;
            }
            family_of.push((parent.id.clone(), family));
            if !matches!(state(issuer.conn, &parent.id).await?, LoginState::Active(_)) {
                let issued = issuer.login(parent, Role::Parent).await?;
                slips[family].logins.push(issued);
            }
        }
        let teen = child.birth_date.is_some_and(|b| may_claim_for_self(b.date(), today));
        if teens && teen && !matches!(state(issuer.conn, &child.id).await?, LoginState::Active(_)) {
            let issued = issuer.login(child, Role::Child).await?;
            slips[family].logins.push(issued);
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    slips.retain(|s| !s.logins.is_empty());
    tracing::info!(organization = %org, slips = slips.len(), "logins issued for a class");
    Ok(slips)
}

/// A login (or a new one-time password) for one person: a parent of a pupil, or a pupil of 14+.
pub async fn issue_for_person(app: &App, actor: &Actor, who: &PersonId) -> Result<Slip, LoginsError> {
    let org = staff_organization(actor)?;
    let now = app.clock.now();
    let today = app.clock.today();
    let mut tx = app.store.begin().await?;
    if !person::belongs_to_organization(&mut tx, &org, who).await? {
        return Err(LoginsError::NotFound);
    }
    let p = person::get(&mut tx, who).await?;
    let own_children = person::children_of(&mut tx, who).await?;
    let role = if own_children.is_empty() { Role::Child } else { Role::Parent };
    if role == Role::Child && !p.birth_date.is_some_and(|b| may_claim_for_self(b.date(), today)) {
        return Err(LoginsError::TooYoung);
    }
    let pupils = if role == Role::Parent {
        own_children.iter().map(|c| c.name.to_string()).collect()
    } else {
        vec![p.name.to_string()]
    };
    let until = valid_until(now);
    let o = organization::get(&mut tx, &org).await?;
    let mut issuer = Issuer { conn: &mut tx, actor, org: &o, now };
    let issued = issuer.login(&p, role).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Slip { pupils, logins: vec![issued], valid_until: until })
}
