//! A fresh, migrated, empty database per test.

use dopcert_store::{sealed, Store, StoreOptions};

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
        // The binary started on this folder finds the same key, as it would in production.
        std::fs::write(dir.path().join("personal-data.keys"), PERSONAL_DATA_KEYS).expect("keys file");
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

    /// A new database on a test's own PostgreSQL server (one it restarts, say).
    pub async fn postgres_on(server: &pg::PgServer) -> TestDb {
        let url = server.create_database().await;
        let store = open(&StoreOptions::new(url.clone())).await;
        TestDb { store, url, engine: Engine::Postgres, _dir: None }
    }

    /// A database of a Patroni cluster, reached through its HAProxy address.
    pub async fn postgres_on_cluster(cluster: &crate::PatroniCluster) -> TestDb {
        let url = cluster.create_database().await;
        let store = open(&StoreOptions::new(url.clone())).await;
        TestDb { store, url, engine: Engine::Postgres, _dir: None }
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

/// The personal-data key of every test database: give it to a `dopcert` started on a test
/// PostgreSQL database as DOPCERT_PERSONAL_DATA_KEYS (a SQLite test folder holds it in its file).
pub const PERSONAL_DATA_KEYS: &str = "3b0eb23e555e3ce2ede87c75691eee6983f051816b53fe4d64390ed4824d9da6";

/// Installs the test key in this process (every test process uses the same one).
pub fn install_keys() {
    sealed::install(sealed::Keyring::parse(PERSONAL_DATA_KEYS).expect("test key"));
}

async fn open(options: &StoreOptions) -> Store {
    install_keys();
    let store = Store::open(options).await.expect("open test database");
    store.migrate().await.expect("migrate test database");
    sealed::check_keys(&store).await.expect("register the test key");
    store
}
