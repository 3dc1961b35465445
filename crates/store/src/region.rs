//! Regions. A deployment normally serves one region: the natural shard (docs/ARCHITECTURE.md).

use dopcert_domain::ids::RegionId;

use crate::{new_id, AnyConnection, StoreError};

#[derive(Debug, Clone)]
pub struct Region {
    pub id: RegionId,
    pub code: String,
    pub name: String,
    pub center_name: String,
    pub center_url: Option<String>,
}

pub struct NewRegion<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub center_name: &'a str,
    pub center_url: Option<&'a str>,
}

pub async fn insert(conn: &mut AnyConnection, r: &NewRegion<'_>, now: &str) -> Result<RegionId, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO region (id, code, name, center_name, center_url, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(r.code)
    .bind(r.name)
    .bind(r.center_name)
    .bind(r.center_url)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(RegionId::from_string(id))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    code: String,
    name: String,
    center_name: String,
    center_url: Option<String>,
}

impl From<Row> for Region {
    fn from(r: Row) -> Self {
        Region {
            id: RegionId::from_string(r.id),
            code: r.code,
            name: r.name,
            center_name: r.center_name,
            center_url: r.center_url,
        }
    }
}

/// The region this deployment serves (the first one created), if any.
pub async fn first(conn: &mut AnyConnection) -> Result<Option<Region>, StoreError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, code, name, center_name, center_url FROM region ORDER BY created_at, id LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(Region::from))
}
