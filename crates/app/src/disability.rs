//! A child with disabilities (ОВЗ): the municipal operator records the basis (the conclusion of
//! the ПМПК) from the certificate's page. Where the period sets a higher nominal for such
//! children, a certificate already funded is topped up to it at once, from the budget, by one
//! ledger entry. Removing the record takes nothing back (as a lower quota takes nothing).

use dopcert_domain::certificate::{CertificateNumber, CertificateNumberError};
use dopcert_domain::money::Kopecks;
use dopcert_store::certificate::{self as certificates, Certificate};
use dopcert_store::ledger::{self, AccountKind, Owner, Reason};
use dopcert_store::period::{self, Period};
use dopcert_store::time::instant;
use dopcert_store::{person, AnyConnection, StoreError};
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Actor;
use crate::certificate::{budget_movement, may_manage, nominal_for};
use crate::App;

/// The longest basis kept (a conclusion's number and date, a short note).
const MAX_BASIS: usize = 300;

#[derive(Debug, thiserror::Error)]
pub enum DisabilityError {
    #[error("{0}")]
    InvalidNumber(#[from] CertificateNumberError),
    #[error("сертификат с таким номером не найден")]
    NotFound,
    #[error("сведения об ОВЗ вносит муниципальный опорный центр")]
    Forbidden,
    #[error("укажите основание: номер и дату заключения ПМПК (не длиннее 300 знаков)")]
    BasisRequired,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the change did to the certificate's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Credited now up to the higher nominal (zero when none applies).
    pub topped_up: Kopecks,
}

/// Records (`Some(basis)`) or removes (`None`) the disability of the certificate's child.
pub async fn set(
    app: &App,
    actor: &Actor,
    number: &str,
    basis: Option<&str>,
) -> Result<Outcome, DisabilityError> {
    let number = CertificateNumber::parse(number)?;
    let basis = basis.map(str::trim);
    if basis.is_some_and(|b| b.is_empty() || b.chars().count() > MAX_BASIS) {
        return Err(DisabilityError::BasisRequired);
    }
    let now = instant(app.clock.now());
    let mut tx = app.store.begin().await?;
    let c = certificates::by_number(&mut tx, &number).await?.ok_or(DisabilityError::NotFound)?;
    if !may_manage(actor, &c) {
        return Err(DisabilityError::Forbidden);
    }
    let was = person::disability(&mut tx, &c.child_id).await?;
    person::set_disability(&mut tx, &c.child_id, basis).await?;
    let topped_up = match period::current(&mut tx, &c.municipality_id, app.clock.today()).await? {
        Some(p) if basis.is_some() => top_up(&mut tx, &c, &p, &now).await?,
        _ => Kopecks::ZERO,
    };
    let change = Change::new("person.set_disability", "person", c.child_id.as_str())
        .person(c.child_id.as_str())
        .certificate(c.id.as_str())
        .municipality(c.municipality_id.as_str())
        .before(json!({"disability": was}))
        .after(json!({"disability": basis, "topped_up": topped_up.to_string()}));
    audit::record(&mut tx, Some(actor), &change, &now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Outcome { topped_up })
}

/// Credits the difference up to the child's nominal with the disability, if the certificate
/// holds a funded place of `p` with less. The nominal is the one of the day the place was given.
async fn top_up(
    conn: &mut AnyConnection,
    c: &Certificate,
    p: &Period,
    now: &str,
) -> Result<Kopecks, StoreError> {
    // The period's row first, as every change of funded places (no deadlock on PostgreSQL).
    period::lock(conn, &p.id).await?;
    let Some(f) = certificates::funding(conn, &c.id, &p.id).await? else { return Ok(Kopecks::ZERO) };
    let holder = certificates::holder(conn, &c.id).await?;
    let day = dopcert_domain::time::moscow_date(f.funded_at).max(p.starts_on);
    let due = nominal_for(p, holder, day);
    let Some(more) = due.checked_sub(f.nominal).filter(|m| *m > Kopecks::ZERO) else {
        return Ok(Kopecks::ZERO);
    };
    certificates::raise_funded_nominal(conn, &c.id, &p.id, due).await?;
    let available =
        ledger::account(conn, AccountKind::CertificateAvailable, Owner::Certificate(&c.id), now).await?;
    let note = format!("номинал для ребёнка с ОВЗ на {} год", p.year);
    budget_movement(conn, &available, &c.id, p, (Reason::Nominal, "disability"), more, &note, now).await?;
    Ok(more)
}
