//! What only the demo region needs: wiping the data before a reload, and the list of demo
//! logins with their passwords (never kept for real accounts).

use crate::{AnyConnection, StoreError};

/// Every table with data, children before parents, so that deleting in this order never trips
/// a foreign key. A migration that adds a table adds it here (a store test checks).
pub const DATA_TABLES: &[&str] = &[
    "mail_outbox",
    "contract_notice",
    "notification_optout",
    "notification",
    "idempotency_key",
    "dashboard_ledger_flow",
    "dashboard_ledger_window",
    "audit_record",
    "consultation_file",
    "consultation_message",
    "consultation",
    "ledger_reversal",
    "invoice",
    "billing_charge",
    "billing_run",
    "attendance_mark",
    "attendance_sheet",
    "application",
    "staff_request",
    "staff_invitation",
    "provider_event",
    "catalog_change",
    "program_review_item",
    "program_review",
    "program_photo",
    "program_group",
    "program_module",
    "program",
    "identify_lock",
    "ledger_posting",
    "ledger_entry",
    "ledger_account",
    "consent_scan",
    "consent",
    "certificate_event",
    "certificate_funding",
    "possible_duplicate",
    "certificate",
    "period",
    "account_identity",
    "oidc_login",
    "import_batch",
    "api_token",
    "login_throttle",
    "one_time_password",
    "session",
    "demo_account",
    "account_role",
    "account",
    "pupil",
    "guardianship",
    "person",
    "organization",
    "municipality",
    "region",
    "setting",
];

/// Tables of the schema's own state that a reload keeps: the catalog's version only grows, so
/// every app server's poller sees the reload as a change; the audit chain's head is reset; the
/// keys that sealed personal data stay known (the reloaded data is sealed with the same).
pub const KEPT_TABLES: &[&str] = &["catalog_version", "audit_head", "sealing_key"];

/// Deletes all data (not the schema): the start of a demo reload.
pub async fn wipe(conn: &mut AnyConnection) -> Result<(), StoreError> {
    for table in DATA_TABLES {
        sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
    }
    // The chain starts again with the log it covers.
    crate::audit::set_head(conn, 0, dopcert_domain::audit::GENESIS).await
}

/// True when the database holds no region yet: `serve` loads the demo then.
pub async fn is_empty(conn: &mut AnyConnection) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM region").fetch_one(&mut *conn).await?;
    Ok(n == 0)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DemoAccount {
    pub role: String,
    pub login: String,
    pub password: String,
    pub full_name: String,
    pub note: String,
}

pub async fn insert_account(
    conn: &mut AnyConnection,
    a: &DemoAccount,
    position: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO demo_account (login, password, role, full_name, note, position)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&a.login)
    .bind(&a.password)
    .bind(&a.role)
    .bind(&a.full_name)
    .bind(&a.note)
    .bind(position)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn accounts(conn: &mut AnyConnection) -> Result<Vec<DemoAccount>, StoreError> {
    Ok(sqlx::query_as("SELECT role, login, password, full_name, note FROM demo_account ORDER BY position")
        .fetch_all(&mut *conn)
        .await?)
}

/// The names of all tables the schema has, for the check that [`DATA_TABLES`] is complete.
pub async fn schema_tables(
    conn: &mut AnyConnection,
    backend: crate::Backend,
) -> Result<Vec<String>, StoreError> {
    let sql = match backend {
        crate::Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name"
        }
        crate::Backend::Postgres => {
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' ORDER BY table_name"
        }
    };
    Ok(sqlx::query_scalar(sql).fetch_all(&mut *conn).await?)
}
