//! The audit log's rows: records appended by the use cases, sealed into the chain by one sealer
//! at a time (`audit_head` locked by a guarded update), read back for the chain's check and for
//! searching. See migration 0014 for why sealing is apart from appending.

use dopcert_domain::audit::Content;

use crate::{AnyConnection, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Record {
    pub id: String,
    pub at: String,
    pub account_id: Option<String>,
    pub actor_name: Option<String>,
    pub role: Option<String>,
    pub address: Option<String>,
    pub action: String,
    pub object_kind: String,
    pub object_id: String,
    pub person_id: Option<String>,
    pub certificate_id: Option<String>,
    pub organization_id: Option<String>,
    pub municipality_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub seq: Option<i64>,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

impl Record {
    /// What the record's hash covers.
    pub fn content(&self) -> Content<'_> {
        Content {
            id: &self.id,
            at: &self.at,
            account_id: self.account_id.as_deref(),
            actor_name: self.actor_name.as_deref(),
            role: self.role.as_deref(),
            address: self.address.as_deref(),
            action: &self.action,
            object_kind: &self.object_kind,
            object_id: &self.object_id,
            person_id: self.person_id.as_deref(),
            certificate_id: self.certificate_id.as_deref(),
            organization_id: self.organization_id.as_deref(),
            municipality_id: self.municipality_id.as_deref(),
            before: self.before_json.as_deref(),
            after: self.after_json.as_deref(),
        }
    }
}

const COLUMNS: &str = "id, at, account_id, actor_name, role, address, action, object_kind, object_id, person_id, \
                       certificate_id, organization_id, municipality_id, before_json, after_json, seq, prev_hash, hash";

/// Appends a record (its id is `r.id`), unsealed, in the caller's transaction.
pub async fn append(conn: &mut AnyConnection, r: &Content<'_>) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_record (id, at, account_id, actor_name, role, address, action, object_kind, object_id,
                                   person_id, certificate_id, organization_id, municipality_id, before_json, after_json)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(r.id)
    .bind(r.at)
    .bind(r.account_id)
    .bind(r.actor_name)
    .bind(r.role)
    .bind(r.address)
    .bind(r.action)
    .bind(r.object_kind)
    .bind(r.object_id)
    .bind(r.person_id)
    .bind(r.certificate_id)
    .bind(r.organization_id)
    .bind(r.municipality_id)
    .bind(r.before)
    .bind(r.after)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Locks the chain's head for this transaction (a guarded update: the next sealer waits) and
/// returns the last number and hash.
pub async fn lock_head(conn: &mut AnyConnection) -> Result<(i64, String), StoreError> {
    sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1").execute(&mut *conn).await?;
    head(conn).await
}

/// The last sealed number and its hash.
pub async fn head(conn: &mut AnyConnection) -> Result<(i64, String), StoreError> {
    Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *conn).await?)
}

pub async fn set_head(conn: &mut AnyConnection, seq: i64, hash: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The oldest unsealed records, in the order they are sealed.
pub async fn unsealed(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Record>, StoreError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM audit_record WHERE seq IS NULL ORDER BY at, id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// Gives a record its place in the chain; false when another sealer did already.
pub async fn seal(
    conn: &mut AnyConnection,
    id: &str,
    seq: i64,
    prev: &str,
    hash: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE audit_record SET seq = $2, prev_hash = $3, hash = $4 WHERE id = $1 AND seq IS NULL",
    )
    .bind(id)
    .bind(seq)
    .bind(prev)
    .bind(hash)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sealed records from number `after` on, in chain order.
pub async fn chain(conn: &mut AnyConnection, after: i64, limit: i64) -> Result<Vec<Record>, StoreError> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_record WHERE seq > $1 ORDER BY seq LIMIT $2"))
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?)
}

/// Unsealed records written before `before`: the sealer is behind.
pub async fn unsealed_before(conn: &mut AnyConnection, before: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM audit_record WHERE seq IS NULL AND at < $1")
        .bind(before)
        .fetch_one(&mut *conn)
        .await?)
}

/// What the log is searched by; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub account_id: Option<String>,
    pub person_id: Option<String>,
    pub certificate_id: Option<String>,
    pub organization_id: Option<String>,
    pub municipality_id: Option<String>,
    /// The object's kind and id (a period's history).
    pub object: Option<(String, String)>,
    /// Instants, `from` inclusive, `to` exclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: i64,
    /// Newest first, before this (at, id) — the next page.
    pub before: Option<(String, String)>,
}

/// Records matching the filter, newest first.
pub async fn search(conn: &mut AnyConnection, f: &Filter) -> Result<Vec<Record>, StoreError> {
    let mut sql = format!("SELECT {COLUMNS} FROM audit_record WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    let mut add = |sql: &mut String, clause: &str, value: &str| {
        binds.push(value.to_string());
        sql.push_str(&clause.replace('?', &format!("${}", binds.len())));
    };
    if let Some(v) = &f.account_id {
        add(&mut sql, " AND account_id = ?", v);
    }
    if let Some(v) = &f.person_id {
        add(&mut sql, " AND person_id = ?", v);
    }
    if let Some(v) = &f.certificate_id {
        add(&mut sql, " AND certificate_id = ?", v);
    }
    if let Some(v) = &f.organization_id {
        add(&mut sql, " AND organization_id = ?", v);
    }
    if let Some(v) = &f.municipality_id {
        add(&mut sql, " AND municipality_id = ?", v);
    }
    if let Some((kind, id)) = &f.object {
        // The kind is written into the query, not bound: a partial index for the kind
        // (`audit_record_period`) is used only when the planner sees the same literal. Kinds are
        // the code's own words; anything else matches nothing.
        let kind = if kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') { kind.as_str() } else { "" };
        sql.push_str(&format!(" AND object_kind = '{kind}'"));
        add(&mut sql, " AND object_id = ?", id);
    }
    if let Some(v) = &f.from {
        add(&mut sql, " AND at >= ?", v);
    }
    if let Some(v) = &f.to {
        add(&mut sql, " AND at < ?", v);
    }
    if let Some((at, id)) = &f.before {
        add(&mut sql, " AND (at < ?", at);
        add(&mut sql, " OR (at = ?", at);
        add(&mut sql, " AND id < ?))", id);
    }
    sql.push_str(&format!(" ORDER BY at DESC, id DESC LIMIT {}", f.limit.clamp(1, 1_000)));
    let mut q = sqlx::query_as(&sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_all(&mut *conn).await?)
}
