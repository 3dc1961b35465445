//! What the crash tests of the binary share: `dopcert` started on a test database, and the
//! check that the registry is whole after a crash.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dopcert_store::{ledger, Store};
use dopcert_testkit::{Engine, TestDb};

pub const BIN: &str = env!("CARGO_BIN_EXE_dopcert");

/// Where the binary finds its database: a SQLite data folder or a PostgreSQL URL.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Database {
    pub fn of(db: &TestDb) -> Database {
        match db.engine {
            Engine::Sqlite => Database::Sqlite(db.data_dir().unwrap().to_path_buf()),
            Engine::Postgres => Database::Postgres(db.url.clone()),
        }
    }
}

/// The binary on `db`, run in `work`, with nothing of this machine's environment.
pub fn dopcert(db: &Database, work: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(work).env_remove("DATABASE_URL").env_remove("DOPCERT_DATA").env_remove("DOPCERT_LISTEN");
    // The test databases' personal-data key (a SQLite test folder holds it too).
    cmd.env("DOPCERT_PERSONAL_DATA_KEYS", dopcert_testkit::PERSONAL_DATA_KEYS);
    match db {
        Database::Sqlite(dir) => cmd.arg("--data").arg(dir),
        Database::Postgres(url) => cmd.env("DATABASE_URL", url),
    };
    cmd
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `dopcert serve` on `port`, once `/readyz` says ready; its log is appended to `log` (or
/// dropped). `None` when the process ended before it was ready (its database down, say).
pub async fn serve(db: &Database, work: &Path, port: u16, log: Option<&Path>) -> Option<Child> {
    let out = match log {
        Some(path) => Stdio::from(std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap()),
        None => Stdio::null(),
    };
    let mut child = dopcert(db, work)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(out)
        .spawn()
        .unwrap();
    let ready = format!("http://127.0.0.1:{port}/readyz");
    let started = Instant::now();
    while !reqwest::get(&ready).await.is_ok_and(|r| r.status() == 200) {
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "serve did not become ready");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Some(child)
}

pub async fn scalar(store: &Store, sql: &str) -> i64 {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap()
}

/// Every certificate is whole: its consent, its «issued» event; funded exactly when it holds a
/// place, has its nominal, and the period counts it; the ledger balances.
pub async fn registry_is_whole(store: &Store) {
    let certificates = scalar(store, "SELECT COUNT(*) FROM certificate").await;
    let with_consent =
        scalar(store, "SELECT COUNT(DISTINCT certificate_id) FROM consent WHERE certificate_id IS NOT NULL")
            .await;
    let consents = scalar(store, "SELECT COUNT(*) FROM consent WHERE certificate_id IS NOT NULL").await;
    let issued = scalar(store, "SELECT COUNT(*) FROM certificate_event WHERE kind = 'issued'").await;
    assert_eq!((with_consent, consents, issued), (certificates, certificates, certificates));
    let funded = scalar(store, "SELECT COUNT(*) FROM certificate_funding").await;
    let nominals = scalar(store, "SELECT COUNT(*) FROM ledger_entry WHERE reason = 'nominal'").await;
    let counted = scalar(store, "SELECT CAST(COALESCE(SUM(funded_count), 0) AS BIGINT) FROM period").await;
    assert_eq!((nominals, counted), (funded, funded), "funding, nominal and quota agree");
    let mut conn = store.reader().await.unwrap();
    assert_eq!(ledger::inconsistencies(&mut conn).await.unwrap(), (0, 0));
}
