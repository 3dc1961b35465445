//! Opening the database, the pools, migrations and transactions.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor};

use crate::StoreError;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// `sqlite://path/to/file.db` or `postgres://…`.
    pub url: String,
    /// Connections to PostgreSQL, or readers of SQLite (SQLite always has exactly one writer).
    pub max_connections: u32,
}

impl StoreOptions {
    pub fn new(url: impl Into<String>) -> Self {
        StoreOptions { url: url.into(), max_connections: 16 }
    }

    /// The SQLite file in `dir`, created on first use.
    pub fn sqlite_in(dir: &std::path::Path) -> Self {
        let path = dir.join("dopcert.db");
        StoreOptions::new(format!("sqlite://{}?mode=rwc", path.display()))
    }
}

/// The database. On SQLite, writes go through a pool of exactly one connection: SQLite admits
/// one writer at a time anyway, and queueing writers in the pool (instead of letting several
/// connections race for the file lock) is what keeps "database is locked" away under load.
/// Readers use their own pool and, with WAL, never wait for the writer. On PostgreSQL both
/// are the same pool and the server arbitrates.
#[derive(Clone)]
pub struct Store {
    write: AnyPool,
    read: AnyPool,
    backend: Backend,
}

/// How busy the connection pools are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// A write transaction: one per use case.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

impl Store {
    pub async fn open(options: &StoreOptions) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if options.url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if options.url.starts_with("postgres:") || options.url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres:".into(),
            )));
        };
        let connect = AnyConnectOptions::from_str(&options.url)?;
        match backend {
            Backend::Sqlite => {
                let write = sqlite_pool(1, false).connect_with(connect.clone()).await?;
                // WAL is a property of the file: set it once, on the writer.
                write.execute("PRAGMA journal_mode = WAL").await?;
                let read = sqlite_pool(options.max_connections.max(2), true).connect_with(connect).await?;
                Ok(Store { write, read, backend })
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect_with(connect)
                    .await?;
                Ok(Store { write: pool.clone(), read: pool, backend })
            }
        }
    }

    /// A SQLite file opened read-only (a backup being checked, say): both pools refuse to write,
    /// and nothing is migrated or switched to WAL, so the file is left exactly as it is.
    pub async fn open_read_only(path: &std::path::Path) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let connect = AnyConnectOptions::from_str(&format!("sqlite://{}?mode=ro", path.display()))?;
        let read = sqlite_pool(2, true).connect_with(connect).await?;
        Ok(Store { write: read.clone(), read, backend: Backend::Sqlite })
    }

    /// The connections open and idle now, writers' and readers' pools together (one pool on
    /// PostgreSQL), for the metrics.
    pub fn pool_state(&self) -> PoolState {
        let pools: &[&AnyPool] = match self.backend {
            Backend::Sqlite => &[&self.write, &self.read],
            Backend::Postgres => &[&self.write],
        };
        PoolState {
            open: pools.iter().map(|p| p.size()).sum(),
            idle: pools.iter().map(|p| p.num_idle() as u32).sum(),
            max: pools.iter().map(|p| p.options().get_max_connections()).sum(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the migrations that are not yet applied.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        MIGRATOR.run(&self.write).await?;
        Ok(())
    }

    /// True when every migration this binary knows has been applied (and no unknown one).
    pub async fn migrations_current(&self) -> Result<bool, StoreError> {
        let mut conn = self.read.acquire().await?;
        let applied: Vec<i64> = match sqlx::query_scalar::<_, i64>(
            "SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version",
        )
        .fetch_all(&mut *conn)
        .await
        {
            Ok(v) => v,
            // No migrations table yet: nothing applied.
            Err(sqlx::Error::Database(_)) => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        Ok(applied == known)
    }

    /// The database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.read.acquire().await?;
        conn.ping().await?;
        Ok(())
    }

    /// Begins the use case's write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`, waiting up to the busy timeout): a deferred transaction that read
    /// first is refused at its first write with "database is locked", without waiting, when
    /// another process (`dopcert billing run` beside the server, say) wrote since it began.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.write.begin().await?,
        })
    }

    /// A connection for reading; on SQLite it refuses to write.
    pub async fn reader(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, StoreError> {
        Ok(self.read.acquire().await?)
    }

    /// A read-only transaction on the readers' pool in which every statement sees the same
    /// moment of the database: SQLite's WAL gives a read transaction its snapshot; PostgreSQL
    /// needs REPEATABLE READ for it (READ COMMITTED, its default, sees each statement's own).
    pub async fn snapshot(&self) -> Result<Tx, StoreError> {
        let mut tx = self.read.begin().await?;
        if self.backend == Backend::Postgres {
            (&mut *tx).execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?;
        }
        Ok(tx)
    }

    /// Runs one statement outside any use case: for tooling and test harnesses (creating a
    /// database, say), never for the product's own data.
    pub async fn execute_admin(&self, sql: &str) -> Result<(), StoreError> {
        self.write.execute(sql).await?;
        Ok(())
    }

    /// SQLite: writes a consistent copy of the database to `to` while others go on reading and
    /// writing (`VACUUM INTO`: one read transaction, so the copy is a single moment of the
    /// database, compacted). SQLite refuses a `to` that exists and is not empty. On the writer,
    /// so the copy queues behind this process's own writes rather than racing them.
    pub async fn backup_into(&self, to: &std::path::Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Database(sqlx::Error::Configuration(
                "an online copy is made by SQLite only; on PostgreSQL use pg_dump".into(),
            )));
        }
        let to = to.to_str().ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration("the backup's path is not valid UTF-8".into()))
        })?;
        sqlx::query("VACUUM INTO $1").bind(to).execute(&self.write).await?;
        Ok(())
    }

    /// Closes the pools: on SQLite this also checkpoints the WAL into the main file.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// The page cache per SQLite connection, in KiB (negative, as SQLite takes it).
pub(crate) const SQLITE_CACHE_KIB: i64 = -32_000;

fn sqlite_pool(max: u32, read_only: bool) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .min_connections(if read_only { 0 } else { 1 })
        .acquire_timeout(Duration::from_secs(60))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                // FULL: a commit that was acknowledged survives a power cut, not only a crash.
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute(format!("PRAGMA cache_size = {SQLITE_CACHE_KIB}").as_str()).await?;
                if read_only {
                    conn.execute("PRAGMA query_only = ON").await?;
                }
                Ok(())
            })
        })
}
