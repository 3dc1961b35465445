//! The binary as an operator runs it: `serve` on a fresh data folder or on PostgreSQL,
//! `demo accounts`, `migrate`, the configuration's order of precedence, graceful shutdown.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use dopcert_testkit::{SmtpServer, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_dopcert");

fn dopcert(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir).env_remove("DATABASE_URL").env_remove("DOPCERT_LISTEN").env_remove("DOPCERT_DATA");
    c.env_remove("DOPCERT_PERSONAL_DATA_KEYS").env_remove("DOPCERT_SMTP_URL").env_remove("DOPCERT_MAIL_FROM");
    c
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server {
    child: Child,
    url: String,
}

impl Server {
    async fn start(mut cmd: Command) -> Server {
        let port = free_port();
        let child = cmd
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            if let Ok(r) = reqwest::get(format!("{url}/readyz")).await {
                if r.status() == 200 {
                    break;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(60), "serve did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Server { child, url }
    }

    /// SIGTERM, then the exit status and the log.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "serve did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut log = String::new();
        std::io::Read::read_to_string(self.child.stderr.as_mut().unwrap(), &mut log).unwrap();
        (status, log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn text(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_on_a_fresh_data_folder_shows_the_demo_region_and_stops_cleanly() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut cmd = dopcert(work.path());
    cmd.args(["--data", data.to_str().unwrap()]);
    let server = Server::start(cmd).await;
    assert!(data.join("dopcert.db").is_file(), "the SQLite file is in the data folder");
    let home = reqwest::get(&server.url).await.unwrap().text().await.unwrap();
    assert!(home.contains("<code>ivanova</code>"));
    assert_eq!(reqwest::get(format!("{}/healthz", server.url)).await.unwrap().text().await.unwrap(), "ok");

    // Another subcommand on the same data folder answers for the same server.
    let out = dopcert(work.path())
        .args(["demo", "accounts", "--json", "--data", data.to_str().unwrap()])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&text(&out)).unwrap();
    assert!(list.len() >= 8);
    for a in &list {
        for key in ["role", "login", "password", "full_name", "note"] {
            assert!(a[key].as_str().is_some_and(|v| !v.is_empty()), "{key} in {a}");
        }
    }
    let roles: Vec<&str> = list.iter().map(|a| a["role"].as_str().unwrap()).collect();
    for role in ["parent", "child", "organization_staff", "municipal_operator", "regional_admin"] {
        assert!(roles.contains(&role), "{role}");
    }
    let plain = text(
        &dopcert(work.path()).args(["demo", "accounts", "--data", data.to_str().unwrap()]).output().unwrap(),
    );
    assert!(plain.contains("ivanova") && plain.contains("demo-tver-2026"));

    let (status, log) = server.stop();
    assert!(status.success(), "exit status {status:?}; log:\n{log}");
    assert!(log.contains("shutdown signal received") && log.contains("closing the database"), "{log}");
    // Without an SMTP server it says so, once: the cabinet still has the notifications.
    assert_eq!(log.matches("SMTP not configured").count(), 1, "{log}");
    // Logs are plain text when not on a terminal, and carry a request id per request.
    assert!(!log.contains('\u{1b}'), "no colour codes in a file");
    let line = log.lines().find(|l| l.contains("path=/healthz")).expect("a log line for the request");
    assert!(line.contains("request_id=") && line.contains("status=200"), "{line}");
}

/// The binary's own sender: a parent gives an address through the API, claims a certificate,
/// and the e-mail reaches the SMTP server named by `DOPCERT_SMTP_URL`, with a link to the site.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_sends_notifications_through_the_configured_smtp_server() {
    let Some(smtp) = SmtpServer::start().await else { return };
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut cmd = dopcert(work.path());
    cmd.args(["--data", data.to_str().unwrap()])
        .env("DOPCERT_SMTP_URL", smtp.url())
        .env("DOPCERT_MAIL_FROM", "Сертификат ДО <noreply@dop.example.ru>");
    let server = Server::start(cmd).await;
    let c = reqwest::Client::new();
    let body = serde_json::json!({"login": "kuznetsova", "password": "demo-tver-2026"});
    let token: serde_json::Value = c
        .post(format!("{}/api/v1/auth/token", server.url))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["access_token"].as_str().unwrap().to_string();
    let kinds = serde_json::json!({"certificate_issued": true, "application_accepted": true,
        "application_rejected": true, "waitlist_offer": true, "contract_ending": true, "password_reissued": true});
    let settings = serde_json::json!({"email": "kuznetsova@example.ru", "email_kinds": kinds});
    let res = c
        .put(format!("{}/api/v1/me/notifications", server.url))
        .bearer_auth(&token)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let children: Vec<serde_json::Value> = c
        .get(format!("{}/api/v1/me/children", server.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let child = children
        .iter()
        .find(|ch| ch["certificate"].is_null() && ch["eligible"] == true)
        .expect("a child to claim for");
    let claim = serde_json::json!({"child_id": child["id"], "consent": true});
    let res = c
        .post(format!("{}/api/v1/certificates", server.url))
        .bearer_auth(&token)
        .json(&claim)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let number = res.json::<serde_json::Value>().await.unwrap()["number"].as_str().unwrap().to_string();
    let mails = smtp.wait_for(1).await;
    let url = server.url.clone();
    let (status, log) = server.stop();
    assert!(status.success(), "{log}");
    assert_eq!(mails.len(), 1, "one e-mail; log:\n{log}");
    assert!(mails[0].to.contains("kuznetsova@example.ru"));
    assert_eq!(mails[0].subject, format!("Выдан сертификат дополнительного образования № {number}"));
    assert!(mails[0].body.contains(&format!("{url}/certificates/{number}")), "{}", mails[0].body);
    assert!(!log.contains("SMTP not configured"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_runs_the_same_on_postgresql() {
    let Some(db) = TestDb::postgres().await else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let mut cmd = dopcert(work.path());
    cmd.env("DATABASE_URL", &db.url).env("DOPCERT_PERSONAL_DATA_KEYS", dopcert_testkit::PERSONAL_DATA_KEYS);
    let server = Server::start(cmd).await;
    let home = reqwest::get(&server.url).await.unwrap().text().await.unwrap();
    assert!(home.contains("<code>ivanova</code>"));
    assert!(!work.path().join("data").exists(), "no SQLite file when PostgreSQL is configured");
    let out = dopcert(work.path())
        .env("DATABASE_URL", &db.url)
        .env("DOPCERT_PERSONAL_DATA_KEYS", dopcert_testkit::PERSONAL_DATA_KEYS)
        .args(["demo", "accounts", "--json"])
        .output()
        .unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_str(&text(&out)).unwrap();
    assert!(!list.is_empty());
    let (status, _) = server.stop();
    assert!(status.success());
}

#[test]
fn migrate_creates_the_schema_and_demo_reloads_deterministically() {
    let work = tempfile::tempdir().unwrap();
    let out = dopcert(work.path()).arg("migrate").output().unwrap();
    assert!(text(&out).contains("Схема базы данных актуальна"));
    assert!(work.path().join("data/dopcert.db").is_file(), "default data folder is ./data");
    let empty = text(&dopcert(work.path()).args(["demo", "accounts"]).output().unwrap());
    assert!(empty.contains("нет демо-данных"), "{empty}");
    let loaded =
        text(&dopcert(work.path()).args(["demo", "--children", "500", "--seed", "7"]).output().unwrap());
    assert!(loaded.contains("детей 500"), "{loaded}");
}

#[test]
fn configuration_comes_from_flags_then_environment_then_file() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("dopcert.toml"),
        "listen = \"127.0.0.1:7001\"\ndata = \"from-file\"\nmax_connections = 3\nlog_format = \"json\"\n",
    )
    .unwrap();
    let show = |cmd: &mut Command| text(&cmd.output().unwrap());
    let file_only = show(dopcert(work.path()).arg("config"));
    assert!(file_only.contains("listen = \"127.0.0.1:7001\""), "{file_only}");
    assert!(file_only.contains("data = \"from-file\"") && file_only.contains("max_connections = 3"));
    assert!(file_only.contains("log_format = \"json\""));

    let env = show(
        dopcert(work.path())
            .arg("config")
            .env("DOPCERT_LISTEN", "127.0.0.1:7002")
            .env("DOPCERT_DATA", "from-env"),
    );
    assert!(env.contains("listen = \"127.0.0.1:7002\"") && env.contains("data = \"from-env\""), "{env}");

    let flag = show(
        dopcert(work.path())
            .args(["config", "--listen", "127.0.0.1:7003", "--data", "from-flag"])
            .env("DOPCERT_LISTEN", "127.0.0.1:7002")
            .env("DOPCERT_DATA", "from-env"),
    );
    assert!(flag.contains("listen = \"127.0.0.1:7003\"") && flag.contains("data = \"from-flag\""), "{flag}");

    // A database password never appears in the printed configuration.
    let url =
        show(dopcert(work.path()).arg("config").env("DATABASE_URL", "postgres://app:s3cret@db/dopcert"));
    assert!(url.contains("postgres://app:***@db/dopcert") && !url.contains("s3cret"), "{url}");
    // Nor does the SMTP server's.
    let mail = show(
        dopcert(work.path()).arg("config").env("DOPCERT_SMTP_URL", "smtps://robot:m4ilpass@smtp.example.ru"),
    );
    assert!(
        mail.contains("smtp_url = \"smtps://robot:***@smtp.example.ru\"") && !mail.contains("m4ilpass"),
        "{mail}"
    );
    assert!(
        mail.contains("mail_from = \"Сертификат дополнительного образования <noreply@localhost>\""),
        "{mail}"
    );
}

#[test]
fn bad_configuration_is_refused_with_a_clear_message() {
    let work = tempfile::tempdir().unwrap();
    let out = dopcert(work.path()).args(["config", "--listen", "localhost"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not ADDRESS:PORT"));
    std::fs::write(work.path().join("dopcert.toml"), "lisen = \"x\"\n").unwrap();
    let out = dopcert(work.path()).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown field"),
        "a typo in the file is an error, not ignored"
    );
}

#[test]
fn help_explains_every_option() {
    let work = tempfile::tempdir().unwrap();
    let help = text(&dopcert(work.path()).arg("--help").output().unwrap());
    for word in [
        "serve",
        "migrate",
        "demo",
        "config",
        "--data",
        "--database-url",
        "--config",
        "--log",
        "--log-format",
        "--max-connections",
        "DATABASE_URL",
    ] {
        assert!(help.contains(word), "--help does not mention {word}:\n{help}");
    }
    let serve = text(&dopcert(work.path()).args(["serve", "--help"]).output().unwrap());
    assert!(serve.contains("--listen") && serve.contains("DOPCERT_LISTEN") && serve.contains("--no-demo"));
    let demo = text(&dopcert(work.path()).args(["demo", "--help"]).output().unwrap());
    assert!(demo.contains("--children") && demo.contains("--seed") && demo.contains("accounts"));
}
