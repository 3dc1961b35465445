//! R05: consents to the processing of personal data, and the scans of paper ones.

use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::ids::{AccountId, CertificateId, PersonId};

use crate::time::parse_instant;
use crate::{new_id, AnyConnection, StoreError};

pub struct NewConsent<'a> {
    pub child_id: &'a PersonId,
    pub given_by: &'a PersonId,
    pub recorded_by: &'a AccountId,
    pub channel: ConsentChannel,
    pub text_version: &'a str,
    pub certificate_id: Option<&'a CertificateId>,
}

pub async fn insert(conn: &mut AnyConnection, c: &NewConsent<'_>, now: &str) -> Result<String, StoreError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO consent (id, child_id, given_by, recorded_by, channel, text_version, certificate_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(c.child_id.as_str())
    .bind(c.given_by.as_str())
    .bind(c.recorded_by.as_str())
    .bind(c.channel.code())
    .bind(c.text_version)
    .bind(c.certificate_id.map(CertificateId::as_str))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn attach_scan(
    conn: &mut AnyConnection,
    consent: &str,
    file_name: &str,
    content_type: &str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO consent_scan (consent_id, file_name, content_type, bytes) VALUES ($1, $2, $3, $4)",
    )
    .bind(consent)
    .bind(file_name)
    .bind(content_type)
    .bind(bytes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A consent as a page shows it.
#[derive(Debug, Clone)]
pub struct Consent {
    pub id: String,
    pub given_by: PersonId,
    pub channel: ConsentChannel,
    pub text_version: String,
    pub has_scan: bool,
    pub at: jiff::Timestamp,
}

/// The consents given for a child, oldest first.
pub async fn of_child(conn: &mut AnyConnection, child: &PersonId) -> Result<Vec<Consent>, StoreError> {
    let rows: Vec<(String, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT c.id, c.given_by, c.channel, c.text_version,
                (SELECT COUNT(*) FROM consent_scan s WHERE s.consent_id = c.id), c.created_at
         FROM consent c WHERE c.child_id = $1 ORDER BY c.created_at, c.id",
    )
    .bind(child.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, given_by, channel, text_version, scans, at)| {
            Ok(Consent {
                id,
                given_by: PersonId::from_string(given_by),
                channel: ConsentChannel::parse(&channel).ok_or(StoreError::Corrupt("consent.channel"))?,
                text_version,
                has_scan: scans > 0,
                at: parse_instant(&at)?,
            })
        })
        .collect()
}

/// The scan of a consent: file name, content type and bytes.
pub async fn scan(
    conn: &mut AnyConnection,
    consent: &str,
) -> Result<Option<(String, String, Vec<u8>)>, StoreError> {
    Ok(sqlx::query_as("SELECT file_name, content_type, bytes FROM consent_scan WHERE consent_id = $1")
        .bind(consent)
        .fetch_optional(&mut *conn)
        .await?)
}
