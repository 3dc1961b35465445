//! R02's queue: near matches held for the municipal operator (or the regional centre) to decide
//! — the same child (merge into the one already known) or different children (the claimed one
//! stands on its own). Until then the claimed child cannot get a certificate.

use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::identity::{self, HeldMatch, HeldScope};
use dopcert_store::time::{instant, parse_date, parse_instant};
use dopcert_store::{certificate as certificates, municipality, person, AnyConnection, StoreError};
use jiff::civil::Date;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::App;

/// One side of a near match, as the operator compares them.
#[derive(Debug, Clone)]
pub struct Side {
    pub name: String,
    pub birth_date: Option<Date>,
    /// Masked except the last digits: the operator compares, not copies.
    pub snils: Option<String>,
    pub parents: Vec<String>,
    pub certificate: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub source: &'static str,
    pub held_at: jiff::Timestamp,
    pub municipality: Option<String>,
    pub existing: Side,
    pub claimed: Side,
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("очередь возможных дублей ведёт муниципальный опорный центр")]
    Forbidden,
    #[error("этот случай не найден или уже решён")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whose cases the actor sees: an operator their municipality's, the regional admin all.
fn scope(actor: &Actor) -> Result<HeldScope<'_>, QueueError> {
    let g = actor.role();
    match (g.role, &g.municipality_id, &g.region_id) {
        (Role::MunicipalOperator, Some(m), _) => Ok(HeldScope::Municipality(m)),
        (Role::RegionalAdmin, _, Some(r)) => Ok(HeldScope::Region(r)),
        _ => Err(QueueError::Forbidden),
    }
}

fn masked(snils: &str) -> String {
    let tail = &snils[snils.len().saturating_sub(3)..];
    format!("***-***-*{tail}")
}

fn source_title(source: &str) -> &'static str {
    match source {
        "esia" => "вход через Госуслуги",
        "organization" => "регистрация в организации",
        "import" => "загрузка списка школы",
        _ => "заявление",
    }
}

async fn side_of(conn: &mut dopcert_store::AnyConnection, id: &PersonId) -> Result<Side, StoreError> {
    let p = person::get(conn, id).await?;
    let parents = person::parents_of(conn, id).await?.into_iter().map(|p| p.name.to_string()).collect();
    let certificate = certificates::by_child(conn, id).await?.map(|c| c.number.to_string());
    Ok(Side {
        name: p.name.to_string(),
        birth_date: p.birth_date.map(|b| b.date()),
        snils: p.snils.as_ref().map(|s| masked(s.digits())),
        parents,
        certificate,
    })
}

async fn case_of(conn: &mut dopcert_store::AnyConnection, m: HeldMatch) -> Result<Case, StoreError> {
    let existing = side_of(conn, &PersonId::from_string(m.existing_person_id.clone())).await?;
    let claimed_name =
        FullName::new(&m.claimed_last_name, &m.claimed_first_name, m.claimed_middle_name.as_deref())
            .map(|n| n.to_string())
            .unwrap_or_else(|_| format!("{} {}", m.claimed_last_name, m.claimed_first_name));
    let mut claimed = match &m.claimed_person_id {
        Some(id) => side_of(conn, &PersonId::from_string(id.clone())).await?,
        None => Side {
            name: claimed_name.clone(),
            birth_date: None,
            snils: None,
            parents: vec![],
            certificate: None,
        },
    };
    claimed.name = claimed_name;
    claimed.birth_date = m.claimed_birth_date.as_deref().map(parse_date).transpose()?;
    claimed.snils = m.claimed_snils.as_deref().map(masked);
    if claimed.parents.is_empty() {
        if let Some(p) = &m.parent_person_id {
            claimed.parents =
                vec![person::get(conn, &PersonId::from_string(p.clone())).await?.name.to_string()];
        }
    }
    let municipality = match &m.municipality_id {
        Some(id) => Some(municipality::get(conn, &MunicipalityId::from_string(id.clone())).await?.name),
        None => None,
    };
    Ok(Case {
        id: m.id,
        source: source_title(&m.source),
        held_at: parse_instant(&m.created_at)?,
        municipality,
        existing,
        claimed,
    })
}

/// The open cases in the actor's scope, oldest first.
pub async fn queue(app: &App, actor: &Actor) -> Result<Vec<Case>, QueueError> {
    let scope = scope(actor)?;
    let mut conn = app.store.reader().await?;
    let held = identity::held_matches(&mut conn, scope, 200).await?;
    let mut cases = Vec::with_capacity(held.len());
    for m in held {
        cases.push(case_of(&mut conn, m).await?);
    }
    Ok(cases)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// One child: the claimed person merges into the known one (their parents are linked to it).
    Same,
    /// Two children: the claimed one stands on its own and may get a certificate.
    Different,
}

/// Decides a case, in one transaction; a case decided by someone else meanwhile is `NotFound`.
pub async fn resolve(app: &App, actor: &Actor, case_id: &str, decision: Decision) -> Result<(), QueueError> {
    let scope = scope(actor)?;
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let m = identity::held_match(&mut tx, case_id).await?.ok_or(QueueError::NotFound)?;
    let case_region = match &m.municipality_id {
        Some(id) => {
            Some(municipality::get(&mut tx, &MunicipalityId::from_string(id.clone())).await?.region_id)
        }
        None => None,
    };
    if !identity::in_scope(&m, scope, case_region.as_ref().map(|r| r.as_str())) {
        return Err(QueueError::NotFound);
    }
    let code = match decision {
        Decision::Same => "same",
        Decision::Different => "different",
    };
    if !identity::resolve(&mut tx, case_id, code, &actor.account_id, &now).await? {
        return Err(QueueError::NotFound);
    }
    let child = carry_out(&mut tx, &m, decision, &now).await?;
    let mut change = Change::new("duplicate.resolve", "possible_duplicate", case_id)
        .person(child.as_str())
        .before(json!({"status": "held"}))
        .after(json!({"status": "resolved", "decision": code}));
    change.municipality = m.municipality_id.as_deref();
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(case = case_id, decision = code, "possible duplicate resolved");
    Ok(())
}

/// What the decision does to the people; returns the child the case ends with (the known one
/// when they are the same, else the claimed one).
async fn carry_out(
    conn: &mut AnyConnection,
    m: &HeldMatch,
    decision: Decision,
    now: &str,
) -> Result<PersonId, StoreError> {
    let existing = PersonId::from_string(m.existing_person_id.clone());
    let claimed = m.claimed_person_id.clone().map(PersonId::from_string);
    let parent = m.parent_person_id.clone().map(PersonId::from_string);
    Ok(match (decision, claimed) {
        (Decision::Same, Some(claimed)) => {
            person::merge_into(conn, &claimed, &existing).await?;
            // The SNILS given with the claim is the child's, if the registry had none for them:
            // then the next description with it is recognised without a person.
            if let Some(s) = m.claimed_snils.as_deref().and_then(|s| Snils::parse(s).ok()) {
                let survivor = person::get(conn, &existing).await?;
                if survivor.snils.is_none() && person::by_snils(conn, &s).await?.is_none() {
                    person::set_snils(conn, &existing, &s).await?;
                }
            }
            existing
        }
        (Decision::Same, None) => {
            if let Some(parent) = &parent {
                person::link_guardian(conn, parent, &existing, now).await?;
            }
            existing
        }
        (Decision::Different, Some(claimed)) => {
            // The SNILS given for the claimed child was kept on the case; it is theirs now,
            // unless someone else holds it (then it stays off, for the school to correct).
            if let Some(s) = m.claimed_snils.as_deref().and_then(|s| Snils::parse(s).ok()) {
                if person::by_snils(conn, &s).await?.is_none() {
                    person::set_snils(conn, &claimed, &s).await?;
                }
            }
            claimed
        }
        (Decision::Different, None) => {
            // Held before claimed children became persons of their own (an early Госуслуги
            // login): create the child now.
            let name =
                FullName::new(&m.claimed_last_name, &m.claimed_first_name, m.claimed_middle_name.as_deref())
                    .map_err(|_| StoreError::Corrupt("possible_duplicate.name"))?;
            let birth = m.claimed_birth_date.as_deref().map(parse_date).transpose()?;
            let p = person::NewPerson {
                name: &name,
                birth_date: birth.map(dopcert_domain::person::BirthDate::from_stored),
                snils: None,
                municipality_id: None,
                phone: None,
                email: None,
            };
            let child = person::insert(conn, &p, now).await?;
            if let Some(parent) = &parent {
                person::link_guardian(conn, parent, &child, now).await?;
            }
            child
        }
    })
}
