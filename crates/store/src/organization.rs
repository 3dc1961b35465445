//! Organizations: schools, kindergartens, ДТДМ, sport schools and private providers.

use dopcert_domain::ids::{MunicipalityId, OrganizationId};
use dopcert_domain::inn::Inn;
use dopcert_domain::ogrn::Ogrn;
use dopcert_domain::organization::{OrganizationKind, ProviderStatus};

use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Organization {
    pub id: OrganizationId,
    pub municipality_id: MunicipalityId,
    pub kind: OrganizationKind,
    pub full_name: String,
    pub short_name: String,
    pub inn: Inn,
    pub ogrn: Ogrn,
    pub address: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub provider_status: ProviderStatus,
    pub status_reason: Option<String>,
    pub licence: Option<String>,
    pub bank_name: Option<String>,
    pub bik: Option<String>,
    pub settlement_account: Option<String>,
}

pub struct NewOrganization<'a> {
    pub municipality_id: &'a MunicipalityId,
    pub kind: OrganizationKind,
    pub full_name: &'a str,
    pub short_name: &'a str,
    pub inn: &'a Inn,
    pub ogrn: &'a Ogrn,
    pub address: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

pub async fn insert(
    conn: &mut AnyConnection,
    o: &NewOrganization<'_>,
    now: &str,
) -> Result<OrganizationId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO organization
           (id, municipality_id, kind, full_name, short_name, inn, ogrn, address, phone, email, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(o.municipality_id.as_str())
    .bind(o.kind.code())
    .bind(o.full_name)
    .bind(o.short_name)
    .bind(o.inn.as_str())
    .bind(o.ogrn.as_str())
    .bind(o.address)
    .bind(o.phone)
    .bind(o.email)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(OrganizationId::from_string(id))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    municipality_id: String,
    kind: String,
    full_name: String,
    short_name: String,
    inn: String,
    ogrn: String,
    address: String,
    phone: Option<String>,
    email: Option<String>,
    provider_status: String,
    status_reason: Option<String>,
    licence: Option<String>,
    bank_name: Option<String>,
    bik: Option<String>,
    settlement_account: Option<String>,
}

impl TryFrom<Row> for Organization {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Organization {
            id: OrganizationId::from_string(r.id),
            municipality_id: MunicipalityId::from_string(r.municipality_id),
            kind: OrganizationKind::parse(&r.kind).ok_or(StoreError::Corrupt("organization.kind"))?,
            full_name: r.full_name,
            short_name: r.short_name,
            inn: Inn::parse(&r.inn).map_err(|_| StoreError::Corrupt("organization.inn"))?,
            ogrn: Ogrn::parse(&r.ogrn).map_err(|_| StoreError::Corrupt("organization.ogrn"))?,
            address: r.address,
            phone: r.phone,
            email: r.email,
            provider_status: ProviderStatus::parse(&r.provider_status)
                .ok_or(StoreError::Corrupt("organization.provider_status"))?,
            status_reason: r.status_reason,
            licence: r.licence,
            bank_name: r.bank_name,
            bik: r.bik,
            settlement_account: r.settlement_account,
        })
    }
}

const COLUMNS: &str = "id, municipality_id, kind, full_name, short_name, inn, ogrn, address, phone, email,
     provider_status, status_reason, licence, bank_name, bik, settlement_account";

pub async fn get(conn: &mut AnyConnection, id: &OrganizationId) -> Result<Organization, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM organization WHERE id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

pub async fn by_inn(conn: &mut AnyConnection, inn: &Inn) -> Result<Option<Organization>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM organization WHERE inn = $1"))
        .bind(inn.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Organization::try_from).transpose()
}

pub async fn list_in(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
) -> Result<Vec<Organization>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM organization WHERE municipality_id = $1 ORDER BY kind, short_name"
    ))
    .bind(municipality.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Organization::try_from).collect()
}

/// An organization by an id typed into a URL: None when there is none.
pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Organization>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM organization WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Organization::try_from).transpose()
}

/// The head's name as the application gave it.
pub async fn head_name(conn: &mut AnyConnection, id: &OrganizationId) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT head_name FROM organization WHERE id = $1")
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?)
}
