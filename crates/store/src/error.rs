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

impl StoreError {
    /// PostgreSQL ended the transaction to break a deadlock (SQLSTATE 40P01): trying it again
    /// is safe.
    pub fn is_deadlock(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(db)) if db.code().as_deref() == Some("40P01"))
    }
}
