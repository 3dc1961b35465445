//! A crash in the middle of claims leaves no half-issued certificate and loses nothing that was
//! acknowledged: `dopcert serve` is killed with SIGKILL while claims are in flight, restarted on
//! the same database, and the registry is checked. On SQLite and on PostgreSQL.

mod common;

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use common::{free_port, registry_is_whole, scalar, Database};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use dopcert_domain::ids::PersonId;
use dopcert_store::Store;
use dopcert_testkit::TestDb;
use serde_json::{json, Value};

const PASSWORD: &str = "demo-tver-2026";
const CHILDREN: usize = 40;

async fn start(db: &TestDb, work: &Path) -> (Child, String) {
    let port = free_port();
    let child = common::serve(&Database::of(db), work, port, None).await.expect("serve started");
    (child, format!("http://127.0.0.1:{port}"))
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
