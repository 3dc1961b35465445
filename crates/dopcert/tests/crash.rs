//! A crash in the middle of claims leaves no half-issued certificate and loses nothing that was
//! acknowledged: `dopcert serve` is killed with SIGKILL while claims are in flight, restarted on
//! the same database, and the registry is checked. On SQLite and on PostgreSQL.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_store::{ledger, Store};
use dopcert_testkit::{Engine, TestDb};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_dopcert");
const PASSWORD: &str = "demo-tver-2026";
const CHILDREN: usize = 40;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(db: &TestDb, work: &Path) -> (Child, String) {
    let port = free_port();
    let mut cmd = Command::new(BIN);
    cmd.current_dir(work).env_remove("DATABASE_URL").env_remove("DOPCERT_DATA").env_remove("DOPCERT_LISTEN");
    match db.engine {
        Engine::Sqlite => cmd.args(["--data", db.data_dir().unwrap().to_str().unwrap()]),
        Engine::Postgres => cmd.env("DATABASE_URL", &db.url),
    };
    let child = cmd
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while !reqwest::get(format!("{url}/readyz")).await.is_ok_and(|r| r.status() == 200) {
        assert!(started.elapsed() < Duration::from_secs(60), "serve did not become ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (child, url)
}

/// The demo region and one parent with many children to claim for.
async fn family(store: &Store) -> Vec<PersonId> {
    let app = App::new(store.clone(), Clock::system());
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let letters = ["А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К"];
    let names: Vec<String> = (0..CHILDREN)
        .map(|i| format!("Многодетный Ребёнок{}{} Иванович", letters[i % 10], letters[i / 10]))
        .collect();
    let kids: Vec<(&str, Option<jiff::civil::Date>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), Some(jiff::civil::date(2012, 1 + (i % 12) as i8, 1 + (i / 12) as i8))))
        .collect();
    dopcert_testkit::family(store, "mnogodetnaya", "Многодетная Анна Ивановна", &kids, true).await.children
}

async fn token(url: &str) -> String {
    let body = json!({"login": "mnogodetnaya", "password": PASSWORD});
    let res =
        reqwest::Client::new().post(format!("{url}/api/v1/auth/token")).json(&body).send().await.unwrap();
    res.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string()
}

/// Claims for every child, several at a time; returns the numbers the server acknowledged
/// (201 or 200) before it died.
async fn claim_all(url: &str, token: &str, kids: &[PersonId]) -> Vec<(PersonId, String)> {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap();
    let mut tasks = Vec::new();
    for kid in kids {
        let (client, url, token, kid) = (client.clone(), url.to_string(), token.to_string(), kid.clone());
        tasks.push(tokio::spawn(async move {
            let body = json!({"child_id": kid.as_str(), "consent": true});
            let res = client
                .post(format!("{url}/api/v1/certificates"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await;
            match res {
                Ok(r) if r.status().is_success() => {
                    let v: Value = r.json().await.ok()?;
                    Some((kid, v["number"].as_str()?.to_string()))
                }
                _ => None,
            }
        }));
    }
    let mut acknowledged = Vec::new();
    for t in tasks {
        if let Some(ack) = t.await.unwrap() {
            acknowledged.push(ack);
        }
    }
    acknowledged
}

async fn scalar(store: &Store, sql: &str) -> i64 {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut *conn).await.unwrap()
}

/// Every certificate is whole: its consent, its «issued» event; funded exactly when it holds a
/// place, has its nominal, and the period counts it; the ledger balances.
async fn registry_is_whole(store: &Store) {
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

async fn killed_mid_claims(db: TestDb) {
    let kids = family(&db.store).await;
    let work = tempfile::tempdir().unwrap();
    let (mut server, url) = start(&db, work.path()).await;
    let token = token(&url).await;
    let claims = {
        let (url, token, kids) = (url.clone(), token.clone(), kids.clone());
        tokio::spawn(async move { claim_all(&url, &token, &kids).await })
    };
    // Let some claims through, then pull the plug.
    let before = scalar(&db.store, "SELECT COUNT(*) FROM certificate").await;
    let started = Instant::now();
    while scalar(&db.store, "SELECT COUNT(*) FROM certificate").await < before + 5
        && started.elapsed() < Duration::from_secs(30)
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let acknowledged = claims.await.unwrap();

    let (mut server, url) = start(&db, work.path()).await;
    registry_is_whole(&db.store).await;
    // Nothing acknowledged is lost.
    let token = self::token(&url).await;
    let client = reqwest::Client::new();
    for (_, number) in &acknowledged {
        let res = client
            .get(format!("{url}/api/v1/certificates/{number}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "acknowledged {number} survived the crash");
    }
    // The family retries everything: each child ends with exactly one certificate, and the
    // acknowledged ones keep their numbers.
    let after = claim_all(&url, &token, &kids).await;
    assert_eq!(after.len(), CHILDREN);
    for (kid, number) in &acknowledged {
        assert!(after.contains(&(kid.clone(), number.clone())), "{number} is still the child's");
    }
    assert_eq!(scalar(&db.store, "SELECT COUNT(*) FROM certificate").await, before + CHILDREN as i64);
    registry_is_whole(&db.store).await;
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_mid_claims_leaves_no_half_issued_certificate_on_sqlite() {
    killed_mid_claims(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_mid_claims_leaves_no_half_issued_certificate_on_postgresql() {
    let Some(db) = TestDb::postgres().await else { return };
    killed_mid_claims(db).await;
}
