//! R02: who a described child is. By SNILS where known, else by full name and birth date; a
//! near match (another SNILS, another spelling of ё/е, several candidates) is held for a person
//! to decide — the claimed child becomes a person of its own that cannot get a certificate until
//! the municipal operator resolves the match. Nothing is merged or duplicated silently.

use dopcert_domain::ids::{MunicipalityId, PersonId};
use dopcert_domain::person::{self as domain_person, BirthDate, FullName, Match};
use dopcert_domain::snils::Snils;
use dopcert_store::{identity, person, AnyConnection, StoreError};

/// A child as someone describes them.
pub struct Described<'a> {
    pub name: &'a FullName,
    pub birth: BirthDate,
    pub snils: Option<&'a Snils>,
}

/// What the registry makes of a described child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The child is known: link to this person.
    Known(PersonId),
    /// Nobody like them: a new person may be created.
    Unknown,
    /// Possibly someone already known.
    Near(PersonId),
}

/// Identifies the child, inside the caller's transaction. Two transactions describing the same
/// child queue here (`lock_description`), so the second finds what the first wrote.
pub async fn find(conn: &mut AnyConnection, d: &Described<'_>) -> Result<Found, StoreError> {
    let key = format!("{}|{}", d.name.given_key(), dopcert_store::time::date(d.birth.date()));
    identity::lock_description(conn, &key).await?;
    if let Some(s) = d.snils {
        if let Some(p) = person::by_snils(conn, s).await? {
            // The same SNILS under another name or birth date is a typo somewhere: a person
            // decides. A patronymic left out is not: the SNILS vouches.
            return Ok(if domain_person::same_by_snils(&p.name, p.birth_date, d.name, d.birth) {
                Found::Known(p.id)
            } else {
                Found::Near(p.id)
            });
        }
    }
    let same = person::by_given_name_and_birth(conn, d.name, d.birth).await?;
    Ok(match same.as_slice() {
        [] => Found::Unknown,
        [p] => match domain_person::compare(&p.name, p.snils.as_ref(), d.name, d.snils) {
            Match::Same => Found::Known(p.id.clone()),
            Match::Near => Found::Near(p.id.clone()),
        },
        // Several (twins told apart by their patronymic, a case already held or decided): the
        // one spelled exactly so, with no contradicting SNILS, if there is exactly one.
        many => {
            let exact: Vec<_> = many
                .iter()
                .filter(|p| domain_person::compare(&p.name, p.snils.as_ref(), d.name, d.snils) == Match::Same)
                .collect();
            match exact.as_slice() {
                [p] => Found::Known(p.id.clone()),
                _ => Found::Near(many[0].id.clone()),
            }
        }
    })
}

/// Where a held match came from.
pub struct Hold<'a> {
    pub existing: &'a PersonId,
    pub parent: Option<&'a PersonId>,
    pub municipality: Option<&'a MunicipalityId>,
    pub source: &'a str,
}

/// Creates the described child as a person of its own and holds the near match for the
/// operator (R02). The SNILS stays on the match only: the person gets it once resolved.
pub async fn hold(
    conn: &mut AnyConnection,
    d: &Described<'_>,
    h: &Hold<'_>,
    now: &str,
) -> Result<PersonId, StoreError> {
    let existing = person::get(conn, h.existing).await?;
    let municipality = h.municipality.or(existing.municipality_id.as_ref());
    let birth = dopcert_store::time::date(d.birth.date());
    let near = identity::NearMatch {
        existing: h.existing,
        claimed_name: d.name,
        claimed_birth_date: Some(&birth),
        claimed_snils: d.snils.map(Snils::digits),
        parent: h.parent,
        source: h.source,
        claimed_person: None,
        municipality,
    };
    // The same description again (a second login, a form sent twice): the same case.
    if let Some(claimed) = identity::open_case_like(conn, &near).await? {
        if let Some(parent) = h.parent {
            person::link_guardian(conn, parent, &claimed, now).await?;
        }
        return Ok(claimed);
    }
    let claimed = person::insert(
        conn,
        &person::NewPerson {
            name: d.name,
            birth_date: Some(d.birth),
            snils: None,
            municipality_id: municipality,
            phone: None,
            email: None,
        },
        now,
    )
    .await?;
    if let Some(parent) = h.parent {
        person::link_guardian(conn, parent, &claimed, now).await?;
    }
    identity::hold_near_match(conn, &identity::NearMatch { claimed_person: Some(&claimed), ..near }, now)
        .await?;
    Ok(claimed)
}
