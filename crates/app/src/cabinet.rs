//! The personal cabinet: who the person is and the children they act for.

use dopcert_domain::eligibility::{self, Eligibility};
use dopcert_domain::ids::MunicipalityId;
use dopcert_domain::ids::PersonId;
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::{certificate, identity, person, AnyConnection, StoreError};

use crate::certificate::Summary;
use jiff::civil::Date;

use crate::auth::Actor;
use crate::App;

/// A child as the cabinet shows them.
#[derive(Debug, Clone)]
pub struct ChildView {
    pub id: PersonId,
    pub name: FullName,
    pub birth_date: Option<Date>,
    pub eligibility: Option<Eligibility>,
    /// A child of 14 or more may claim for themself.
    pub may_claim_self: bool,
    /// The child's certificate, when the actor may see it (R04: a child from 14).
    pub certificate: Option<Summary>,
    /// A certificate exists that the actor may not see yet (a pupil under 14: the parent's).
    pub certificate_hidden: bool,
    /// Held as a possible duplicate (R02) until the municipal operator decides.
    pub held: bool,
    /// The registry does not know where the child lives: the claim asks.
    pub needs_municipality: bool,
}

/// A child the actor acts for, as far as acting for them needs (R04), without what the cabinet
/// shows beside them: enrolling and listing applications read only this, in one query.
#[derive(Debug, Clone)]
pub struct FamilyMember {
    pub id: PersonId,
    pub name: FullName,
    pub birth_date: Option<Date>,
    /// A child of 14 or more may claim (and apply) for themself.
    pub may_claim_self: bool,
}

/// The children the actor acts for (R04): a parent's children, or a pupil themself.
pub async fn family(app: &App, actor: &Actor) -> Result<Vec<FamilyMember>, StoreError> {
    let mut conn = app.store.reader().await?;
    let people = people_of(&mut conn, actor).await?;
    let today = app.clock.today();
    Ok(people
        .into_iter()
        .map(|p| {
            let birth_date = p.birth_date.map(|b| b.date());
            FamilyMember {
                id: p.id,
                name: p.name,
                birth_date,
                may_claim_self: birth_date.is_some_and(|b| eligibility::may_claim_for_self(b, today)),
            }
        })
        .collect())
}

async fn people_of(conn: &mut AnyConnection, actor: &Actor) -> Result<Vec<person::Person>, StoreError> {
    Ok(match actor.role().role {
        Role::Parent => person::children_of(conn, &actor.person_id).await?,
        Role::Child => vec![person::get(conn, &actor.person_id).await?],
        _ => Vec::new(),
    })
}

/// The children the actor acts for, with their certificates: a parent's children, or a pupil
/// themself.
pub async fn children(app: &App, actor: &Actor) -> Result<Vec<ChildView>, StoreError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let people = people_of(&mut conn, actor).await?;
    let mut children = Vec::with_capacity(people.len());
    for p in people {
        let birth = p.birth_date.map(|b| b.date());
        let may_claim_self = birth.is_some_and(|b| eligibility::may_claim_for_self(b, today));
        let hidden_from_child = actor.role().role == Role::Child && !may_claim_self;
        let mut certificate_hidden = false;
        let certificate = match certificate::by_child(&mut conn, &p.id).await? {
            Some(_) if hidden_from_child => {
                certificate_hidden = true;
                None
            }
            Some(c) => Some(crate::certificate::summary(&mut conn, c, today).await?),
            None => None,
        };
        let held = identity::is_held(&mut conn, &p.id).await?;
        let needs_municipality = p.municipality_id.is_none()
            && person::organizations_of(&mut conn, &p.id).await?.is_empty()
            && person::parents_of(&mut conn, &p.id).await?.iter().all(|x| x.municipality_id.is_none());
        children.push(ChildView {
            id: p.id,
            name: p.name,
            birth_date: birth,
            eligibility: birth.map(|b| eligibility::eligibility(b, today)),
            may_claim_self,
            certificate,
            certificate_hidden,
            held,
            needs_municipality,
        });
    }
    Ok(children)
}

/// One child the actor acts for, by id; `None` when not theirs.
pub async fn child(app: &App, actor: &Actor, id: &PersonId) -> Result<Option<ChildView>, StoreError> {
    Ok(children(app, actor).await?.into_iter().find(|c| c.id == *id))
}

/// The municipalities of the region, for a claim that must ask where the child lives.
pub async fn municipalities(app: &App) -> Result<Vec<(MunicipalityId, String)>, StoreError> {
    let mut conn = app.store.reader().await?;
    let Some(region) = dopcert_store::region::first(&mut conn).await? else { return Ok(Vec::new()) };
    Ok(dopcert_store::municipality::list(&mut conn, &region.id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect())
}
