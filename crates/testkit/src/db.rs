//! A fresh, migrated, empty database per test.

use dopcert_store::{Store, StoreOptions};

use crate::pg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub store: Store,
    pub url: String,
    pub engine: Engine,
    /// Keeps the SQLite file's folder alive as long as the test.
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = StoreOptions::sqlite_in(dir.path());
        let store = open(&options).await;
        TestDb { store, url: options.url, engine: Engine::Sqlite, _dir: Some(dir) }
    }

    /// A new database on the test PostgreSQL server; `None` (skipped) when there is no
    /// PostgreSQL on this machine and CI is not set.
    pub async fn postgres() -> Option<TestDb> {
        let url = pg::fresh_database().await?;
        let store = open(&StoreOptions::new(url.clone())).await;
        Some(TestDb { store, url, engine: Engine::Postgres, _dir: None })
    }

    pub async fn new(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => Some(TestDb::sqlite().await),
            Engine::Postgres => TestDb::postgres().await,
        }
    }

    /// The data folder of a SQLite test database (for starting the binary on it).
    pub fn data_dir(&self) -> Option<&std::path::Path> {
        self._dir.as_ref().map(|d| d.path())
    }
}

async fn open(options: &StoreOptions) -> Store {
    let store = Store::open(options).await.expect("open test database");
    store.migrate().await.expect("migrate test database");
    store
}
