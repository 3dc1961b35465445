//! The personal cabinet: who the person is and the children they act for.

use dopcert_domain::eligibility::{self, Eligibility};
use dopcert_domain::ids::PersonId;
use dopcert_domain::person::FullName;
use dopcert_domain::role::Role;
use dopcert_store::{person, StoreError};
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
}

/// The children the actor acts for: a parent's children, or a pupil themself.
pub async fn children(app: &App, actor: &Actor) -> Result<Vec<ChildView>, StoreError> {
    let today = app.clock.today();
    let mut conn = app.store.reader().await?;
    let people = match actor.role().role {
        Role::Parent => person::children_of(&mut conn, &actor.person_id).await?,
        Role::Child => vec![person::get(&mut conn, &actor.person_id).await?],
        _ => Vec::new(),
    };
    Ok(people
        .into_iter()
        .map(|p| {
            let birth = p.birth_date.map(|b| b.date());
            ChildView {
                id: p.id,
                name: p.name,
                birth_date: birth,
                eligibility: birth.map(|b| eligibility::eligibility(b, today)),
                may_claim_self: birth.is_some_and(|b| eligibility::may_claim_for_self(b, today)),
            }
        })
        .collect())
}
