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

/// What the regional centre keeps of a municipality (its region and capital flag stay).
pub struct Details<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub kind: MunicipalityKind,
    pub support_center_name: &'a str,
    pub support_center_phone: &'a str,
}

/// Changes a municipality's details; false when there is no such municipality. A code or name
/// taken meanwhile is refused by the unique constraints (`StoreError::Conflict`).
pub async fn update(
    conn: &mut AnyConnection,
    id: &MunicipalityId,
    d: &Details<'_>,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE municipality SET code = $2, name = $3, kind = $4, support_center_name = $5,
                                 support_center_phone = $6
         WHERE id = $1",
    )
    .bind(id.as_str())
    .bind(d.code)
    .bind(d.name)
    .bind(d.kind.code())
    .bind(d.support_center_name)
    .bind(d.support_center_phone)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_name(
    conn: &mut AnyConnection,
    region: &RegionId,
    name: &str,
) -> Result<Option<Municipality>, StoreError> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM municipality WHERE region_id = $1 AND name = $2"))
            .bind(region.as_str())
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(Municipality::try_from).transpose()
}

/// How many of something each municipality of the region has (municipalities with none are
/// left out).
pub type Counts = Vec<(MunicipalityId, i64)>;

/// Children born after `born_after` (a date, `YYYY-MM-DD`) living in each municipality: an
/// index-only count over `person (municipality_id, birth_date)`.
pub async fn children(
    conn: &mut AnyConnection,
    region: &RegionId,
    born_after: &str,
) -> Result<Counts, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT p.municipality_id, COUNT(*) FROM person p JOIN municipality m ON m.id = p.municipality_id
         WHERE m.region_id = $1 AND p.birth_date > $2 GROUP BY p.municipality_id",
    )
    .bind(region.as_str())
    .bind(born_after)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(m, n)| (MunicipalityId::from_string(m), n)).collect())
}

/// Certificates not closed, per municipality.
pub async fn certificates(conn: &mut AnyConnection, region: &RegionId) -> Result<Counts, StoreError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT c.municipality_id, COUNT(*) FROM certificate c JOIN municipality m ON m.id = c.municipality_id
         WHERE m.region_id = $1 AND c.status <> 'closed' GROUP BY c.municipality_id",
    )
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(m, n)| (MunicipalityId::from_string(m), n)).collect())
}

/// An operator of a municipal support centre: an account holding the role there.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Operator {
    pub account_id: String,
    pub municipality_id: String,
    pub login: String,
    pub full_name: String,
    /// 1 once the operator has chosen their own password.
    pub has_password: i64,
    pub since: String,
}

/// The operators of the region's municipalities, by name.
pub async fn operators(conn: &mut AnyConnection, region: &RegionId) -> Result<Vec<Operator>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT a.id AS account_id, ar.municipality_id, a.login, {FULL_NAME} AS full_name,
                CAST(CASE WHEN a.password_hash IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_password,
                ar.granted_at AS since
         FROM municipality m JOIN account_role ar ON ar.municipality_id = m.id
              JOIN account a ON a.id = ar.account_id JOIN person p ON p.id = a.person_id
         WHERE ar.role = 'municipal_operator' AND m.region_id = $1
         ORDER BY full_name, a.login",
        FULL_NAME = crate::FULL_NAME
    ))
    .bind(region.as_str())
    .fetch_all(&mut *conn)
    .await?)
}
