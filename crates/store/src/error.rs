use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A unique constraint refused the write: the caller decides what that means (often: it
    /// already exists, which is how concurrent duplicates are caught by the database).
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    #[error("not found")]
    NotFound,
    /// A stored value that the domain type refuses: the database was changed behind our back.
    #[error("corrupt stored value in {0}")]
    Corrupt(&'static str),
    /// No personal-data keys are installed (`sealed::install`): a start-up mistake.
    #[error("no personal-data keys are installed")]
    NoKeys,
    /// A value sealed with a key this process does not hold: the configuration lacks a key.
    #[error("personal data was sealed with key {0}, which this configuration does not hold")]
    UnknownKey(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or(db.message()).to_string())
            }
            _ => StoreError::Database(e),
        }
    }
}

/// How a failure reads when the database server is away for a moment: restarting, being
/// switched over to a standby (the new primary still read-only for a second), or not reachable.
/// Matched on the error's text, because by the time a failure reaches a page it has been
/// through the use cases' error types as text (the servers' `lc_messages` must stay English:
/// deploy/patroni).
const UNAVAILABLE: [&str; 7] = [
    "error communicating with database",
    "terminating connection",
    "the database system is",
    "pool timed out",
    "in a read-only transaction",
    "connection refused",
    "server closed the connection",
];

/// Whether a failure, as text, is the database being away for a moment (see [`UNAVAILABLE`]):
/// the answer is then 503 «try again», not 500.
pub fn is_unavailable(cause: &str) -> bool {
    UNAVAILABLE.iter().any(|p| cause.contains(p))
}

impl StoreError {
    /// PostgreSQL ended the transaction to break a deadlock (SQLSTATE 40P01): trying it again
    /// is safe.
    pub fn is_deadlock(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(db)) if db.code().as_deref() == Some("40P01"))
    }
}
