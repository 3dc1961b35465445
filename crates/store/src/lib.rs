//! The store: every SQL statement of dopcert, one code path for SQLite and PostgreSQL.
//!
//! Statements are portable SQL run through sqlx's `Any` driver: numbered `$1` parameters,
//! `RETURNING`, `ON CONFLICT`, no `FOR UPDATE` (guarded updates instead), sums cast to BIGINT.
//! Modules hold queries only, one per concept; rules live in the domain and the use cases.
//! Functions take `&mut AnyConnection`, so a use case composes them inside its one transaction.

pub mod account;
pub mod api_token;
pub mod application;
pub mod audit;
pub mod billing;
pub mod bulk;
pub mod catalog;
pub mod certificate;
pub mod consent;
pub mod consultation;
pub mod dashboard;
mod db;
pub mod demo;
pub mod demo_enrollment;
mod error;
pub mod idempotency;
pub mod identity;
pub mod import_batch;
pub mod ledger;
pub mod municipality;
pub mod notification;
pub mod one_time_password;
pub mod organization;
pub mod period;
pub mod person;
pub mod personal_data;
pub mod program;
pub mod provider;
pub mod region;
pub mod report;
pub mod retention;
pub mod sealed;
pub mod session;
pub mod setting;
pub mod throttle;
pub mod time;
pub mod verify;

pub use db::{Backend, PoolState, Store, StoreOptions, Tx};
pub use error::{is_unavailable, StoreError};
pub use sqlx::AnyConnection;

/// A person's full name in SQL, for a `person p` joined in: «Фамилия Имя Отчество».
pub(crate) const FULL_NAME: &str = "p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '')";

/// A new UUID v7 id, as stored.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
