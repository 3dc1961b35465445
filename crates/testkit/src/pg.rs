//! PostgreSQL for tests: a real server from the system's binaries.
//!
//! `scripts/test` starts one server for the whole run and exports its address in
//! `DOPCERT_TEST_PG_URL`; each test then creates its own database there. Run without the
//! script (plain `cargo test`), the harness starts a private server for the test process in a
//! temporary folder, which a watchdog stops when the process ends.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use sqlx_free::admin_execute;

/// The admin URL of the server this process uses, started on first use.
fn server() -> Option<&'static str> {
    static SERVER: OnceLock<Option<String>> = OnceLock::new();
    SERVER
        .get_or_init(|| match std::env::var("DOPCERT_TEST_PG_URL") {
            Ok(url) if !url.is_empty() => Some(url),
            _ => start_private_server(),
        })
        .as_deref()
}

/// A fresh database on the test server, as a URL.
pub async fn fresh_database() -> Option<String> {
    let admin = match server() {
        Some(url) => url,
        None => {
            crate::missing("PostgreSQL (initdb and postgres from the postgresql package)")?;
            unreachable!()
        }
    };
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    admin_execute(admin, &format!("CREATE DATABASE {name}")).await;
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
    Some(format!("{base}/{name}"))
}

pub(crate) mod sqlx_free {
    //! Creating a database needs a connection outside the app's store; the store's own
    //! `Any` pool serves for that too.
    use dopcert_store::{Store, StoreOptions};

    pub async fn admin_execute(admin_url: &str, sql: &str) {
        let mut options = StoreOptions::new(admin_url);
        options.max_connections = 1;
        // A server that has just started may accept TCP before it accepts queries.
        let mut tries = 0;
        let store = loop {
            match Store::open(&options).await {
                Ok(s) => break s,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot connect to the test PostgreSQL server: {e}"),
            }
        };
        store.execute_admin(sql).await.expect("admin statement");
        store.close().await;
    }
}

/// Where the PostgreSQL server binaries are: `PG_BIN`, the PATH, or Debian's
/// `/usr/lib/postgresql/<version>/bin` (newest version first).
pub fn bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let has = |d: &Path| d.join("initdb").is_file() && d.join("postgres").is_file();
    if let Some(path) = std::env::var_os("PATH") {
        if let Some(d) = std::env::split_paths(&path).find(|d| has(d)) {
            return Some(d);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| has(d))
        .collect();
    versions.sort_by_key(|d| {
        d.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    versions.pop()
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// PostgreSQL refuses to run as root: as root, run it as the `postgres` user.
pub(crate) fn as_server_user(program: &Path) -> Command {
    let root = std::env::var("USER").map(|u| u == "root").unwrap_or(false) || is_root();
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

pub(crate) fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| o.stdout.starts_with(b"0\n")).unwrap_or(false)
}

/// A new temporary folder (kept: a watchdog removes it) that the server's user owns.
pub(crate) fn server_folder(prefix: &str) -> PathBuf {
    let dir = tempfile::Builder::new().prefix(prefix).tempdir().expect("temp dir").keep();
    give_to_server_user(&dir);
    dir
}

/// As root, makes the `postgres` user the owner of `dir` and everything in it.
pub(crate) fn give_to_server_user(dir: &Path) {
    if is_root() {
        let ok = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir).status().unwrap().success();
        assert!(ok, "chown of the test folder {} to the postgres user failed", dir.display());
    }
}

/// `initdb` of a test cluster in `data`: trust, UTF-8, the C locale, no fsync.
fn init_cluster(bin: &Path, data: &Path) {
    let init = as_server_user(&bin.join("initdb"))
        .arg("-D")
        .arg(data)
        .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run initdb");
    assert!(init.status.success(), "initdb failed: {}", String::from_utf8_lossy(&init.stderr));
}

fn start_private_server() -> Option<String> {
    let bin = bin_dir()?;
    let dir = server_folder("dopcert-pg-");
    let data = dir.join("data");
    init_cluster(&bin, &data);
    let port = free_port();
    // A watchdog shell: starts postgres, and stops it (and removes the folder) once this test
    // process is gone. The signal goes to the postmaster itself (its pid file): `runuser` does
    // not pass SIGINT on, and a server left running would outlive every test run.
    let postgres = bin.join("postgres");
    let runner = if is_root() { "runuser -u postgres -- ".to_string() } else { String::new() };
    let script = format!(
        "{runner}{pg} -D {data} -p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 >{dir}/log 2>&1 & \
         pg=$!; while kill -0 {parent} 2>/dev/null; do sleep 1; done; \
         kill -INT $(head -n 1 {data}/postmaster.pid) 2>/dev/null || kill -INT $pg; wait $pg; rm -rf {dir}",
        pg = postgres.display(),
        data = data.display(),
        dir = dir.display(),
        parent = std::process::id(),
    );
    // Never waited for: the watchdog outlives this process on purpose, to stop the server.
    // Its own stdout and stderr: inheriting the test's would keep the test runner's pipe open.
    detached(&script, "start postgres");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "PostgreSQL did not start; see {}/log",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(format!("postgres://postgres@127.0.0.1:{port}/postgres"))
}

/// A PostgreSQL server of one test's own, for tests that restart it under load (the shared
/// server of `scripts/test` serves every other test and must stay up). Started like that one
/// (initdb into a temporary folder, `pg_ctl start` on a free port, as the `postgres` user when
/// running as root), except that commits are synchronous: a commit is acknowledged only once
/// its WAL is written, so an immediate restart loses nothing acknowledged. (`fsync` stays off:
/// a killed server leaves its writes in the operating system's cache; only a power cut would
/// need it.) Stopped, and its folder removed, when dropped or when the test process is gone.
pub struct PgServer {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl PgServer {
    /// `None` (skipped, with a notice) when the PostgreSQL binaries are missing outside CI.
    pub fn start() -> Option<PgServer> {
        let Some(bin) = bin_dir() else {
            crate::missing("PostgreSQL (initdb and pg_ctl from the postgresql package)")?;
            unreachable!()
        };
        let server = PgServer { bin, dir: server_folder("dopcert-pg-own-"), port: free_port() };
        init_cluster(&server.bin, &server.data());
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100",
            server.port,
            server.dir.display()
        );
        let log = server.dir.join("log");
        server.pg_ctl(&["-l", log.to_str().unwrap(), "-o", &options, "start"]);
        // A watchdog: once this test process is gone (killed, say), the server stops too.
        let script = format!(
            "while kill -0 {parent} 2>/dev/null; do sleep 1; done; {runner}{pg_ctl} -D {data} -m immediate stop; rm -rf {dir}",
            parent = std::process::id(),
            runner = if is_root() { "runuser -u postgres -- " } else { "" },
            pg_ctl = server.bin.join("pg_ctl").display(),
            data = server.data().display(),
            dir = server.dir.display(),
        );
        detached(&script, "start the watchdog");
        Some(server)
    }

    /// The URL of database `name` on this server (`postgres` exists from the start).
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// A new database on this server, as a URL.
    pub async fn create_database(&self) -> String {
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        sqlx_free::admin_execute(&self.url("postgres"), &format!("CREATE DATABASE {name}")).await;
        self.url(&name)
    }

    /// Stops the server at once, as a crash would (every connection cut, no checkpoint), and
    /// starts it again; returns once it accepts connections (after its crash recovery).
    pub fn restart_immediately(&self) {
        self.pg_ctl(&["-m", "immediate", "restart"]);
    }

    /// The server's log, to show when a test fails.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn pg_ctl(&self, args: &[&str]) {
        let ok = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .args(["-w", "-t", "60"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run pg_ctl")
            .success();
        assert!(ok, "pg_ctl {args:?} failed; the server's log:\n{}", self.log());
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs `script` in a shell that is never waited for, with its own stdout and stderr:
/// inheriting the test's would keep the test runner's pipe open.
#[allow(clippy::zombie_processes)] // never waited for on purpose: it outlives the test process
pub(crate) fn detached(script: &str, what: &str) {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
}
