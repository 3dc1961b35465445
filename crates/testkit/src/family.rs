//! People the tests need beside the demo's: a parent with an account and children of given
//! ages, for claims and their races. Needs the demo region loaded (for Tver).

use dopcert_domain::ids::PersonId;
use dopcert_domain::person::{BirthDate, FullName};
use dopcert_domain::role::Role;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::{municipality, person, region, Store};
use jiff::civil::Date;

pub struct Family {
    pub parent: PersonId,
    pub children: Vec<PersonId>,
}

/// A parent named `parent` with the login `login` (the demo password, the parent role) and the
/// children `(name, birth date)`; everyone lives in Tver, or nowhere the registry knows when
/// `in_tver` is false.
pub async fn family(
    store: &Store,
    login: &str,
    parent: &str,
    children: &[(&str, Option<Date>)],
    in_tver: bool,
) -> Family {
    let now = "2026-01-01T00:00:00.000000Z";
    let mut tx = store.begin().await.expect("begin");
    let tver = if in_tver {
        let r = region::first(&mut tx).await.expect("region").expect("the demo region is loaded");
        Some(municipality::by_code(&mut tx, &r.id, "tver").await.expect("tver").expect("Tver").id)
    } else {
        None
    };
    let name = FullName::parse(parent).expect("a valid parent name");
    let new = person::NewPerson {
        name: &name,
        birth_date: None,
        snils: None,
        municipality_id: tver.as_ref(),
        phone: None,
        email: None,
    };
    let parent = person::insert(&mut tx, &new, now).await.expect("parent");
    let hash = dopcert_app::password::hash(dopcert_app::demo::DEMO_PASSWORD);
    let acc = account::insert(&mut tx, &parent, login, Some(&hash), now).await.expect("account");
    account::grant(&mut tx, &acc, &RoleGrant::personal(Role::Parent), now).await.expect("role");
    let mut ids = Vec::new();
    for (child, born) in children {
        let child = FullName::parse(child).expect("a valid child name");
        let p = person::NewPerson { name: &child, birth_date: born.map(BirthDate::from_stored), ..new };
        let id = person::insert(&mut tx, &p, now).await.expect("child");
        person::link_guardian(&mut tx, &parent, &id, now).await.expect("link");
        ids.push(id);
    }
    tx.commit().await.expect("commit");
    Family { parent, children: ids }
}
