//! Municipalities of a region.

use dopcert_domain::ids::{MunicipalityId, RegionId};
use dopcert_domain::municipality::MunicipalityKind;

use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Municipality {
    pub id: MunicipalityId,
    pub region_id: RegionId,
    pub code: String,
    pub name: String,
    pub kind: MunicipalityKind,
    pub support_center_name: String,
    pub support_center_phone: String,
    pub is_capital: bool,
}

pub struct NewMunicipality<'a> {
    pub region_id: &'a RegionId,
    pub code: &'a str,
    pub name: &'a str,
    pub kind: MunicipalityKind,
    pub support_center_name: &'a str,
    pub support_center_phone: &'a str,
    /// The region's centre (its support centre is the one the public pages show).
    pub is_capital: bool,
}

pub async fn insert(
    conn: &mut AnyConnection,
    m: &NewMunicipality<'_>,
    now: &str,
) -> Result<MunicipalityId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO municipality
           (id, region_id, code, name, kind, support_center_name, support_center_phone, is_capital, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(m.region_id.as_str())
    .bind(m.code)
    .bind(m.name)
    .bind(m.kind.code())
    .bind(m.support_center_name)
    .bind(m.support_center_phone)
    .bind(i64::from(m.is_capital))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(MunicipalityId::from_string(id))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    region_id: String,
    code: String,
    name: String,
    kind: String,
    support_center_name: String,
    support_center_phone: String,
    is_capital: i64,
}

impl TryFrom<Row> for Municipality {
    type Error = StoreError;
    fn try_from(r: Row) -> Result<Self, StoreError> {
        Ok(Municipality {
            id: MunicipalityId::from_string(r.id),
            region_id: RegionId::from_string(r.region_id),
            code: r.code,
            name: r.name,
            kind: MunicipalityKind::parse(&r.kind).ok_or(StoreError::Corrupt("municipality.kind"))?,
            support_center_name: r.support_center_name,
            support_center_phone: r.support_center_phone,
            is_capital: r.is_capital == 1,
        })
    }
}

const COLUMNS: &str =
    "id, region_id, code, name, kind, support_center_name, support_center_phone, is_capital";

/// The region's municipalities: the capital first, then the urban okrugs, then by name.
pub async fn list(conn: &mut AnyConnection, region: &RegionId) -> Result<Vec<Municipality>, StoreError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM municipality WHERE region_id = $1
         ORDER BY is_capital DESC, CASE kind WHEN 'urban_okrug' THEN 0 ELSE 1 END, name"
    ))
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Municipality::try_from).collect()
}

pub async fn by_code(
    conn: &mut AnyConnection,
    region: &RegionId,
    code: &str,
) -> Result<Option<Municipality>, StoreError> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM municipality WHERE region_id = $1 AND code = $2"))
            .bind(region.as_str())
            .bind(code)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(Municipality::try_from).transpose()
}

/// The region's capital (its support centre is the one public pages show).
pub async fn capital(
    conn: &mut AnyConnection,
    region: &RegionId,
) -> Result<Option<Municipality>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM municipality WHERE region_id = $1 AND is_capital = 1"
    ))
    .bind(region.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(Municipality::try_from).transpose()
}

pub async fn get(conn: &mut AnyConnection, id: &MunicipalityId) -> Result<Municipality, StoreError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM municipality WHERE id = $1"))
        .bind(id.as_str())
        .fetch_one(&mut *conn)
        .await?;
    row.try_into()
}

/// A municipality by an id that came from a form: None when there is none.
pub async fn find(conn: &mut AnyConnection, id: &MunicipalityId) -> Result<Option<Municipality>, StoreError> {
    let row: Option<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM municipality WHERE id = $1"))
        .bind(id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Municipality::try_from).transpose()
}

/// The code of the municipality's region ('69' for Tver): the first digits of its certificates.
pub async fn region_code(conn: &mut AnyConnection, id: &MunicipalityId) -> Result<String, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT r.code FROM region r JOIN municipality m ON m.region_id = r.id WHERE m.id = $1",
    )
    .bind(id.as_str())
    .fetch_one(&mut *conn)
    .await?)
}
