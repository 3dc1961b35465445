//! The back office's reports (issue 7), read page by page so that a report of a million rows is
//! written as it is read, never held whole: the caller (the web layer's XLSX writer) asks for
//! the next page after the last key it got.

use dopcert_domain::role::Role;
use dopcert_store::certificate::{self, RegistryLine};
use dopcert_store::{report, StoreError};

use crate::auth::Actor;
use crate::App;

/// Rows read per query.
pub const PAGE: i64 = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("отчёты доступны муниципальному опорному центру, региональному модельному центру и контролёрам")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who reads a registry, and what of it.
#[derive(Debug, Clone)]
pub struct Scope {
    /// One municipality, or the region.
    pub municipality: Option<String>,
    /// SNILS is shown to the municipal operator, who matches children by it (R02); the region
    /// and auditors see the registry without it.
    pub with_snils: bool,
}

pub fn scope(actor: &Actor) -> Result<Scope, ReportError> {
    let g = actor.role();
    match (g.role, &g.municipality_id) {
        (Role::MunicipalOperator, Some(m)) => {
            Ok(Scope { municipality: Some(m.to_string()), with_snils: true })
        }
        (Role::RegionalAdmin | Role::Auditor, _) => Ok(Scope { municipality: None, with_snils: false }),
        _ => Err(ReportError::Forbidden),
    }
}

/// The next page of the registry of certificates after the certificate number `after` (empty:
/// from the start), `size` lines at most, in the scope; SNILS removed where the scope does not
/// show it.
pub async fn certificates_page(
    app: &App,
    scope: &Scope,
    after: &str,
    size: i64,
) -> Result<Vec<RegistryLine>, ReportError> {
    let mut conn = app.store.reader().await?;
    let mut page = certificate::registry_page(&mut conn, scope.municipality.as_deref(), after, size).await?;
    if !scope.with_snils {
        for line in &mut page {
            line.snils = None;
        }
    }
    Ok(page)
}

/// The registry of certified programs in the scope.
pub async fn programs(app: &App, scope: &Scope) -> Result<Vec<report::ProgramLine>, ReportError> {
    let mut conn = app.store.reader().await?;
    Ok(report::programs(&mut conn, scope.municipality.as_deref().unwrap_or("")).await?)
}

/// Applications per organization, by status, in the scope.
pub async fn enrollments(app: &App, scope: &Scope) -> Result<Vec<report::EnrollmentLine>, ReportError> {
    let mut conn = app.store.reader().await?;
    Ok(report::enrollments(&mut conn, scope.municipality.as_deref().unwrap_or("")).await?)
}

/// Money per provider per month in the scope.
pub async fn money(app: &App, scope: &Scope) -> Result<Vec<report::MoneyLine>, ReportError> {
    let mut conn = app.store.reader().await?;
    Ok(report::money(&mut conn, scope.municipality.as_deref().unwrap_or("")).await?)
}
