//! Consultations: an organization's questions to the municipal support centre, their messages
//! and attachments. Queries only; who may see and change what is decided in `app::consultation`.

use dopcert_domain::ids::{AccountId, MunicipalityId, OrganizationId};

use crate::{new_id, AnyConnection, StoreError, FULL_NAME};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Consultation {
    pub id: String,
    pub organization_id: String,
    pub organization_name: String,
    pub municipality_id: String,
    pub topic: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Message {
    pub id: String,
    pub author_name: String,
    pub from_operator: i64,
    pub text: String,
    pub created_at: String,
}

/// An attachment without its bytes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileInfo {
    pub id: String,
    pub message_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
}

/// An attachment with its bytes and the consultation it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct File {
    pub consultation_id: String,
    pub file_name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

const COLUMNS: &str =
    "c.id, c.organization_id, o.short_name AS organization_name, c.municipality_id, c.topic, \
c.status, c.created_at, c.updated_at FROM consultation c JOIN organization o ON o.id = c.organization_id";

/// Open first, then answered, then closed; the latest change first within each.
const ORDER: &str = "ORDER BY CASE c.status WHEN 'open' THEN 0 WHEN 'answered' THEN 1 ELSE 2 END, \
c.updated_at DESC, c.id";

pub struct NewConsultation<'a> {
    pub organization: &'a OrganizationId,
    pub municipality: &'a MunicipalityId,
    pub topic: &'a str,
    pub created_by: &'a AccountId,
}

pub async fn insert(
    conn: &mut AnyConnection,
    c: &NewConsultation<'_>,
    now: &str,
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO consultation (id, organization_id, municipality_id, topic, status, created_by, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, $6)",
    )
    .bind(&id)
    .bind(c.organization.as_str())
    .bind(c.municipality.as_str())
    .bind(c.topic)
    .bind(c.created_by.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn insert_message(
    conn: &mut AnyConnection,
    consultation: &str,
    author: &AccountId,
    from_operator: bool,
    text: &str,
    now: &str,
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO consultation_message (id, consultation_id, author_id, from_operator, text, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(consultation)
    .bind(author.as_str())
    .bind(i64::from(from_operator))
    .bind(text)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn insert_file(
    conn: &mut AnyConnection,
    message: &str,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO consultation_file (id, message_id, file_name, content_type, size, bytes) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(message)
    .bind(file_name)
    .bind(content_type)
    .bind(bytes.len() as i64)
    .bind(bytes)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Moves the status unless the consultation is closed; false when it was (or is gone).
pub async fn set_status(
    conn: &mut AnyConnection,
    id: &str,
    status: &str,
    now: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE consultation SET status = $2, updated_at = $3 WHERE id = $1 AND status <> 'closed'",
    )
    .bind(id)
    .bind(status)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<Consultation>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn of_organization(
    conn: &mut AnyConnection,
    organization: &OrganizationId,
) -> Result<Vec<Consultation>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} WHERE c.organization_id = $1 {ORDER}"))
        .bind(organization.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

pub async fn of_municipality(
    conn: &mut AnyConnection,
    municipality: &MunicipalityId,
) -> Result<Vec<Consultation>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} WHERE c.municipality_id = $1 {ORDER}"))
        .bind(municipality.as_str())
        .fetch_all(&mut *conn)
        .await?)
}

/// Every consultation of a region's municipalities.
pub async fn of_region(conn: &mut AnyConnection, region: &str) -> Result<Vec<Consultation>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} JOIN municipality m ON m.id = c.municipality_id WHERE m.region_id = $1 {ORDER}"
    ))
    .bind(region)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn messages(conn: &mut AnyConnection, consultation: &str) -> Result<Vec<Message>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT cm.id, {FULL_NAME} AS author_name, cm.from_operator, cm.text, cm.created_at \
         FROM consultation_message cm JOIN account a ON a.id = cm.author_id \
         JOIN person p ON p.id = a.person_id \
         WHERE cm.consultation_id = $1 ORDER BY cm.created_at, cm.id"
    ))
    .bind(consultation)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn files(conn: &mut AnyConnection, consultation: &str) -> Result<Vec<FileInfo>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.message_id, f.file_name, f.content_type, f.size FROM consultation_file f \
         JOIN consultation_message cm ON cm.id = f.message_id WHERE cm.consultation_id = $1 ORDER BY f.id",
    )
    .bind(consultation)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn file(conn: &mut AnyConnection, id: &str) -> Result<Option<File>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT cm.consultation_id, f.file_name, f.content_type, f.bytes FROM consultation_file f \
         JOIN consultation_message cm ON cm.id = f.message_id WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}
