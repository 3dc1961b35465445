//! The regional centre's municipalities (DESIGN.md: the regional admin «manages
//! municipalities»): the region's list with each support centre and its operators, a
//! municipality added or edited, and the operators' accounts — created with a one-time
//! password shown once, given a new one, or their role withdrawn (their sessions end). Only
//! the regional admin, within their region; every change is in the audit log.

use dopcert_domain::contact::Phone;
use dopcert_domain::ids::{AccountId, MunicipalityId, RegionId};
use dopcert_domain::login::{self, Login};
use dopcert_domain::municipality::{MunicipalityCode, MunicipalityKind};
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::municipality::{self as store, Details, Municipality, NewMunicipality, Operator};
use dopcert_store::time::instant;
use dopcert_store::{one_time_password, person, session, AnyConnection, StoreError};
use serde_json::{json, Value};

use crate::audit::{self, Change};
use crate::auth::{self, Actor};
use crate::form::{FieldError, Problem, Problems};
use crate::App;

#[derive(Debug, thiserror::Error)]
pub enum MunicipalityError {
    #[error("муниципалитеты и их операторов ведёт региональный модельный центр")]
    Forbidden,
    #[error("такого муниципалитета в регионе нет")]
    NotFound,
    #[error("у этого муниципалитета нет такого оператора: возможно, роль уже отозвана")]
    OperatorNotFound,
    #[error("проверьте поля формы")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The region the actor manages: only the regional admin manages one.
pub fn authorize(actor: &Actor) -> Result<RegionId, MunicipalityError> {
    let g = actor.role();
    match (g.role, &g.region_id) {
        (Role::RegionalAdmin, Some(r)) => Ok(r.clone()),
        _ => Err(MunicipalityError::Forbidden),
    }
}

/// A municipality's form as typed.
#[derive(Debug, Clone, Default)]
pub struct MunicipalityInput {
    pub name: String,
    pub code: String,
    pub kind: String,
    pub support_center_name: String,
    pub support_center_phone: String,
}

impl MunicipalityInput {
    /// The form filled with the municipality as it is.
    pub fn of(m: &Municipality) -> Self {
        MunicipalityInput {
            name: m.name.clone(),
            code: m.code.clone(),
            kind: m.kind.code().into(),
            support_center_name: m.support_center_name.clone(),
            support_center_phone: m.support_center_phone.clone(),
        }
    }
}

struct Checked {
    code: MunicipalityCode,
    name: String,
    kind: MunicipalityKind,
    center: String,
    phone: String,
}

impl Checked {
    fn details(&self) -> Details<'_> {
        Details {
            code: self.code.as_str(),
            name: &self.name,
            kind: self.kind,
            support_center_name: &self.center,
            support_center_phone: &self.phone,
        }
    }
}

/// Spaces collapsed; None when the length is outside `min..=max` characters.
fn text(raw: &str, min: usize, max: usize) -> Option<String> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (min..=max).contains(&s.chars().count()).then_some(s)
}

fn check(i: &MunicipalityInput) -> Result<Checked, MunicipalityError> {
    let mut p = Problems::default();
    let name = text(&i.name, 3, 200);
    if name.is_none() {
        p.add("name", Problem::MunicipalityName);
    }
    let code = p.check("code", MunicipalityCode::parse(&i.code));
    let kind = MunicipalityKind::parse(&i.kind);
    if kind.is_none() {
        p.add("kind", Problem::MunicipalityKind);
    }
    let center = text(&i.support_center_name, 3, 300);
    if center.is_none() {
        p.add("support_center_name", Problem::SupportCentreName);
    }
    // Checked as a phone, kept as typed: a city number reads with its own area code,
    // «+7 (4822) 32-02-10», which the mobile-style format would break.
    let phone = p.check("support_center_phone", Phone::parse(&i.support_center_phone));
    let phone = phone.and(text(&i.support_center_phone, 10, 40));
    match (name, code, kind, center, phone) {
        (Some(name), Some(code), Some(kind), Some(center), Some(phone)) if p.is_empty() => {
            Ok(Checked { code, name, kind, center, phone })
        }
        _ => Err(MunicipalityError::Invalid(p.0)),
    }
}

/// A municipality of the region, with how many children and certificates it has and its
/// operators.
#[derive(Debug, Clone)]
pub struct Line {
    pub municipality: Municipality,
    pub children: i64,
    pub certificates: i64,
    pub operators: Vec<Operator>,
}

fn count_of(counts: &store::Counts, m: &MunicipalityId) -> i64 {
    counts.iter().find(|(id, _)| id == m).map_or(0, |(_, n)| *n)
}

/// The region's municipalities, the capital first (four queries, whatever their number).
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Line>, MunicipalityError> {
    let region = authorize(actor)?;
    // Children: born less than 18 years ago (R03's upper bound), by Moscow date.
    let born_after = app.clock.today().saturating_sub(jiff::Span::new().years(18)).to_string();
    let mut conn = app.store.reader().await?;
    let children = store::children(&mut conn, &region, &born_after).await?;
    let certificates = store::certificates(&mut conn, &region).await?;
    let operators = store::operators(&mut conn, &region).await?;
    let lines = store::list(&mut conn, &region).await?.into_iter().map(|m| Line {
        children: count_of(&children, &m.id),
        certificates: count_of(&certificates, &m.id),
        operators: operators.iter().filter(|o| o.municipality_id == m.id.as_str()).cloned().collect(),
        municipality: m,
    });
    Ok(lines.collect())
}

/// The municipality of the actor's region with this id (from a path).
async fn in_region(
    conn: &mut AnyConnection,
    region: &RegionId,
    id: &str,
) -> Result<Municipality, MunicipalityError> {
    let m = store::find(conn, &MunicipalityId::from_string(id.to_string())).await?;
    m.filter(|m| &m.region_id == region).ok_or(MunicipalityError::NotFound)
}

/// One municipality with its operators.
pub async fn detail(
    app: &App,
    actor: &Actor,
    id: &str,
) -> Result<(Municipality, Vec<Operator>), MunicipalityError> {
    let region = authorize(actor)?;
    let mut conn = app.store.reader().await?;
    let m = in_region(&mut conn, &region, id).await?;
    let mut operators = store::operators(&mut conn, &region).await?;
    operators.retain(|o| o.municipality_id == m.id.as_str());
    Ok((m, operators))
}

/// The code and the name are unique in the region: said beside the field, with the
/// municipality that has it.
async fn check_unique(
    conn: &mut AnyConnection,
    region: &RegionId,
    c: &Checked,
    this: Option<&MunicipalityId>,
) -> Result<(), MunicipalityError> {
    let mut p = Problems::default();
    let other = |m: &Municipality| Some(&m.id) != this;
    if let Some(m) = store::by_code(conn, region, c.code.as_str()).await?.filter(other) {
        p.add("code", Problem::CodeTaken { code: c.code.as_str().to_string(), municipality: m.name });
    }
    if let Some(m) = store::by_name(conn, region, &c.name).await?.filter(other) {
        p.add("name", Problem::NameTaken { municipality: m.name, code: m.code });
    }
    if p.is_empty() {
        Ok(())
    } else {
        Err(MunicipalityError::Invalid(p.0))
    }
}

/// A code or name taken by another clerk between the check and the write: the unique
/// constraint refused it.
fn taken(e: StoreError) -> MunicipalityError {
    match e {
        StoreError::Conflict(what) => {
            let (field, problem) = if what.contains("code") {
                ("code", Problem::CodeJustTaken)
            } else {
                ("name", Problem::NameJustTaken)
            };
            MunicipalityError::Invalid(vec![FieldError { field, problem }])
        }
        e => e.into(),
    }
}

fn municipality_json(d: &Details<'_>) -> Value {
    json!({
        "name": d.name,
        "code": d.code,
        "kind": d.kind.code(),
        "support_center_name": d.support_center_name,
        "support_center_phone": d.support_center_phone,
    })
}

/// A new municipality of the region (never its capital: the region has one).
pub async fn add(
    app: &App,
    actor: &Actor,
    input: &MunicipalityInput,
) -> Result<MunicipalityId, MunicipalityError> {
    let region = authorize(actor)?;
    let c = check(input)?;
    let now = audit::now(app);
    let mut tx = app.store.begin().await?;
    check_unique(&mut tx, &region, &c, None).await?;
    let d = c.details();
    let new = NewMunicipality {
        region_id: &region,
        code: d.code,
        name: d.name,
        kind: d.kind,
        support_center_name: d.support_center_name,
        support_center_phone: d.support_center_phone,
        is_capital: false,
    };
    let id = store::insert(&mut tx, &new, &now).await.map_err(taken)?;
    let change = Change::new("municipality.add", "municipality", id.as_str())
        .municipality(id.as_str())
        .after(municipality_json(&d));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(municipality = %id, "municipality added");
    Ok(id)
}

/// Changes a municipality's name, code, kind or support centre; an unchanged form writes
/// nothing. Returns whether anything changed.
pub async fn edit(
    app: &App,
    actor: &Actor,
    id: &str,
    input: &MunicipalityInput,
) -> Result<bool, MunicipalityError> {
    let region = authorize(actor)?;
    let now = audit::now(app);
    let mut tx = app.store.begin().await?;
    let m = in_region(&mut tx, &region, id).await?;
    let c = check(input)?;
    let was = municipality_json(&Details {
        code: &m.code,
        name: &m.name,
        kind: m.kind,
        support_center_name: &m.support_center_name,
        support_center_phone: &m.support_center_phone,
    });
    let d = c.details();
    if was == municipality_json(&d) {
        return Ok(false);
    }
    check_unique(&mut tx, &region, &c, Some(&m.id)).await?;
    store::update(&mut tx, &m.id, &d).await.map_err(taken)?;
    let change = Change::new("municipality.edit", "municipality", m.id.as_str())
        .municipality(m.id.as_str())
        .changed(was, municipality_json(&d));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    if m.is_capital {
        // Every page's footer shows the capital's support centre.
        app.overview.clear();
    }
    Ok(true)
}

/// A new operator's form as typed; an empty login is made from the name (`ivanova.es`).
#[derive(Debug, Clone, Default)]
pub struct OperatorInput {
    pub full_name: String,
    pub login: String,
}

/// An operator's login and one-time password, to hand over once (they live 30 days).
#[derive(Debug, Clone)]
pub struct OperatorLogin {
    pub full_name: String,
    pub login: String,
    pub one_time_password: String,
}

fn check_operator(i: &OperatorInput) -> Result<(FullName, Option<Login>), MunicipalityError> {
    let mut p = Problems::default();
    let name = p.check("full_name", FullName::parse(&i.full_name));
    let login =
        if i.login.trim().is_empty() { None } else { p.check("login", Login::parse(&i.login)).map(Some) };
    match (name, login) {
        (Some(name), Some(login)) => Ok((name, login)),
        (Some(name), None) if p.is_empty() => Ok((name, None)),
        _ => Err(MunicipalityError::Invalid(p.0)),
    }
}

/// The new person's account: with the typed login (taken → said beside the field), or the
/// first free one made from the name.
async fn new_account(
    conn: &mut AnyConnection,
    who: &dopcert_domain::ids::PersonId,
    name: &FullName,
    typed: Option<&Login>,
    now: &str,
) -> Result<(AccountId, String), MunicipalityError> {
    if let Some(l) = typed {
        return match account::insert_if_free(conn, who, l.as_str(), now).await? {
            Some(id) => Ok((id, l.as_str().to_string())),
            None => Err(MunicipalityError::Invalid(vec![FieldError {
                field: "login",
                problem: Problem::LoginTaken { login: l.as_str().to_string() },
            }])),
        };
    }
    for attempt in 0.. {
        let candidate = login::candidate(name, attempt);
        if let Some(id) = account::insert_if_free(conn, who, &candidate, now).await? {
            return Ok((id, candidate));
        }
    }
    unreachable!("an endless range of candidates")
}

/// Creates an operator of the municipality's support centre: a person, an account with the
/// operator's role there, and a one-time password.
pub async fn add_operator(
    app: &App,
    actor: &Actor,
    id: &str,
    input: &OperatorInput,
) -> Result<OperatorLogin, MunicipalityError> {
    let region = authorize(actor)?;
    let now_t = app.clock.now();
    let now = instant(now_t);
    let mut tx = app.store.begin().await?;
    let m = in_region(&mut tx, &region, id).await?;
    let (name, typed) = check_operator(input)?;
    let new_person = person::NewPerson {
        name: &name,
        birth_date: None,
        snils: None,
        municipality_id: Some(&m.id),
        phone: None,
        email: None,
    };
    let who = person::insert(&mut tx, &new_person, &now).await?;
    let (account_id, login) = new_account(&mut tx, &who, &name, typed.as_ref(), &now).await?;
    account::grant(&mut tx, &account_id, &operator_grant(&m), &now).await?;
    let code = auth::replace_one_time_password(&mut tx, &account_id, Some(&actor.account_id), now_t).await?;
    let after = json!({"login": login, "name": name.to_string(), "role": Role::MunicipalOperator.code(),
                       "one_time_password": "выдан"});
    let change = Change::new("operator.add", "account", account_id.as_str())
        .person(who.as_str())
        .municipality(m.id.as_str())
        .after(after);
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(municipality = %m.id, account = %account_id, "operator added");
    Ok(OperatorLogin { full_name: name.to_string(), login, one_time_password: code })
}

/// The operator's account with their name, if it holds the operator's role in this
/// municipality.
async fn operator_of(
    conn: &mut AnyConnection,
    m: &Municipality,
    account_id: &str,
) -> Result<(account::Account, FullName), MunicipalityError> {
    let id = AccountId::from_string(account_id.to_string());
    if !account::roles(conn, &id).await?.contains(&operator_grant(m)) {
        return Err(MunicipalityError::OperatorNotFound);
    }
    Ok(account::get_named(conn, &id).await?)
}

fn operator_grant(m: &Municipality) -> RoleGrant {
    RoleGrant::in_municipality(Role::MunicipalOperator, m.id.clone())
}

/// A new one-time password for an operator (the old one dies; their own password, if set,
/// still works).
pub async fn reissue_password(
    app: &App,
    actor: &Actor,
    id: &str,
    account_id: &str,
) -> Result<OperatorLogin, MunicipalityError> {
    let region = authorize(actor)?;
    let now_t = app.clock.now();
    let now = instant(now_t);
    let mut tx = app.store.begin().await?;
    let m = in_region(&mut tx, &region, id).await?;
    let (a, name) = operator_of(&mut tx, &m, account_id).await?;
    let code = auth::replace_one_time_password(&mut tx, &a.id, Some(&actor.account_id), now_t).await?;
    let after =
        json!({"login": a.login, "role": Role::MunicipalOperator.code(), "one_time_password": "выдан"});
    let change = Change::new("login.issue", "account", a.id.as_str())
        .person(a.person_id.as_str())
        .municipality(m.id.as_str())
        .after(after);
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(OperatorLogin { full_name: name.to_string(), login: a.login, one_time_password: code })
}

/// Withdraws the operator's role: the account no longer opens the back office, its sessions
/// end and its one-time password dies. The person and their other roles stay.
pub async fn withdraw(app: &App, actor: &Actor, id: &str, account_id: &str) -> Result<(), MunicipalityError> {
    let region = authorize(actor)?;
    let now = audit::now(app);
    let mut tx = app.store.begin().await?;
    let m = in_region(&mut tx, &region, id).await?;
    let (a, _) = operator_of(&mut tx, &m, account_id).await?;
    if !account::revoke(&mut tx, &a.id, &operator_grant(&m)).await? {
        return Err(MunicipalityError::OperatorNotFound);
    }
    let ended = session::delete_for_account(&mut tx, &a.id, None).await?;
    one_time_password::delete(&mut tx, &a.id).await?;
    let change = Change::new("operator.withdraw", "account", a.id.as_str())
        .person(a.person_id.as_str())
        .municipality(m.id.as_str())
        .before(json!({"login": a.login, "role": Role::MunicipalOperator.code()}))
        .after(json!({"role": "отозвана", "sessions_ended": ended}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(municipality = %m.id, account = %a.id, "operator role withdrawn");
    Ok(())
}
