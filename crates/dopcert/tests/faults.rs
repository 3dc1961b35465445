//! The mixed-load fault test (issue 8): `dopcert serve` works for families claiming certificates
//! and applying to groups (the API), for an organization accepting, rejecting and ending
//! enrollments and for the operator running the month's billing (their pages, and the billing
//! command as a scheduled job would run it); meanwhile it is killed with SIGKILL at random
//! moments, several times, and restarted on the same database each time. On PostgreSQL the
//! database server itself is also restarted (immediately, as in a crash) under load, and the
//! service must reconnect by itself. Afterwards every request that was answered with success is
//! in the database, `dopcert verify` passes, and no certificate, enrollment or ledger entry is
//! there twice. On SQLite and on PostgreSQL.
//!
//! With several app servers (issue 10), three `dopcert serve` share one PostgreSQL behind HAProxy
//! (Debian's package, started by the test): each fault kills one of them, the balancer sends the
//! load to the others meanwhile, and the server is started again.
//!
//! `DOPCERT_FAULT_KILLS=N` kills N times per engine (3 by default: the form CI runs);
//! `DOPCERT_FAULT_SEED=S` replays the faults' timetable and the clients' choices of a run (the
//! seed is printed; the moments requests meet a kill still differ from run to run);
//! `DOPCERT_FAULT_LOG=1` prints the service's log.

mod common;

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{dopcert, free_port, registry_is_whole, scalar, Database};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};
use dopcert_store::Store;
use dopcert_testkit::programs::{certified_group, GroupSpec};
use dopcert_testkit::{PatroniCluster, PgServer, TestDb};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};

const PASSWORD: &str = demo::DEMO_PASSWORD;
/// Families, and children in each: every child claims, then applies, withdraws and applies
/// again as long as the load goes on.
const FAMILIES: usize = 8;
const CHILDREN: usize = 6;
/// Seats of the groups: more children than seats, so that some wait in a waitlist.
const SEATS: [u32; 4] = [12, 10, 6, 3];
const LETTERS: [&str; 10] = ["А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К"];

/// What runs at a random moment of the load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// SIGKILL to `dopcert serve`, then a new one on the same database.
    KillServer,
    /// `pg_ctl restart -m immediate` under the running service.
    RestartDatabase,
    /// SIGKILL to the primary of a Patroni cluster: a standby is promoted, HAProxy follows.
    Failover,
}

/// The database under test (on PostgreSQL on a server of the test's own, which it restarts) and
/// how many app servers share it.
struct Target {
    name: &'static str,
    db: TestDb,
    pg: Option<PgServer>,
    cluster: Option<PatroniCluster>,
    servers: usize,
}

impl Target {
    async fn sqlite() -> Target {
        Target { name: "SQLite", db: TestDb::sqlite().await, pg: None, cluster: None, servers: 1 }
    }

    async fn postgres() -> Option<Target> {
        let pg = PgServer::start()?;
        let db = TestDb::postgres_on(&pg).await;
        Some(Target { name: "PostgreSQL", db, pg: Some(pg), cluster: None, servers: 1 })
    }

    /// Two PostgreSQL servers in synchronous replication under Patroni, HAProxy in front.
    async fn patroni() -> Option<Target> {
        let cluster = tokio::task::spawn_blocking(|| PatroniCluster::start(2)).await.unwrap()?;
        let db = TestDb::postgres_on_cluster(&cluster).await;
        Some(Target { name: "PostgreSQL under Patroni", db, pg: None, cluster: Some(cluster), servers: 1 })
    }

    /// The faults of a run, in a random order: on a Patroni cluster one failover; otherwise
    /// `kills` kills of a server and, on PostgreSQL, half as many database restarts.
    fn faults(&self, kills: usize, rng: &mut ChaCha8Rng) -> Vec<Fault> {
        if self.cluster.is_some() {
            return vec![Fault::Failover];
        }
        let restarts = if self.pg.is_some() { kills.div_ceil(2) } else { 0 };
        let mut faults: Vec<Fault> = std::iter::repeat_n(Fault::KillServer, kills)
            .chain(std::iter::repeat_n(Fault::RestartDatabase, restarts))
            .collect();
        for i in (1..faults.len()).rev() {
            faults.swap(i, rng.random_range(0..=i));
        }
        faults
    }

    async fn three_servers() -> Option<Target> {
        let target = Target::postgres().await?;
        Some(Target { name: "PostgreSQL, 3 servers behind HAProxy", servers: 3, ..target })
    }
}

/// The groups and families the load works with.
struct World {
    groups: Vec<String>,
    families: Vec<(String, Vec<String>)>,
    /// The month billed, as 2026-11, and its last day as ДД.ММ.ГГГГ (the day ended enrollments
    /// end: never before a month already charged).
    month: String,
    month_end: String,
}

async fn world(store: &Store) -> World {
    let app = App::new(store.clone(), Clock::system());
    demo::load(&app, &DemoOptions { children: 200, seed: 69, programs: 0 }).await.unwrap();
    let today = app.clock.today();
    {
        // Funded places for every claim.
        let mut tx = store.begin().await.unwrap();
        for p in dopcert_store::period::of_year(&mut tx, i32::from(today.year())).await.unwrap() {
            dopcert_store::period::set_quota(&mut tx, &p.id, 100_000).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    let mut groups = Vec::new();
    for seats in SEATS {
        let (_, group) = certified_group(&app, &GroupSpec::around(seats, "1000", today)).await;
        groups.push(group.to_string());
    }
    let born = today.saturating_sub(jiff::Span::new().years(10));
    let mut families = Vec::new();
    for (f, letter) in LETTERS.iter().enumerate().take(FAMILIES) {
        let names: Vec<String> =
            LETTERS[..CHILDREN].iter().map(|c| format!("Сбоев Ребёнок{letter}{c} Иванович")).collect();
        let kids: Vec<(&str, Option<jiff::civil::Date>)> =
            names.iter().map(|n| (n.as_str(), Some(born))).collect();
        let login = format!("sboeva{f}");
        let parent = format!("Сбоева{letter} Анна Ивановна");
        let fam = dopcert_testkit::family(store, &login, &parent, &kids, true).await;
        families.push((login, fam.children.iter().map(|c| c.as_str().to_string()).collect()));
    }
    let last = today.last_of_month();
    World {
        groups,
        families,
        month: format!("{:04}-{:02}", today.year(), today.month()),
        month_end: format!("{:02}.{:02}.{}", last.day(), last.month(), last.year()),
    }
}

/// A decision acknowledged on an application, the last one the system said it made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decided {
    Enrolled,
    Rejected,
    Withdrawn,
    Ended,
}

/// What an acknowledged request did.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Claim,
    Application,
    /// Accepted, rejected, withdrawn or ended.
    Decision,
    Billing,
}

/// Everything the clients sent and what the service acknowledged.
#[derive(Default)]
struct Tally {
    /// Acknowledged requests by [`Kind`].
    by_kind: [u64; 4],
    /// Child → certificate number.
    certificates: HashMap<String, String>,
    /// Application → (child, group).
    applications: HashMap<String, (String, String)>,
    decided: HashMap<String, Decided>,
    /// Applications the organization tried to end (acknowledged or not).
    ends_tried: HashSet<String>,
    /// Billing runs the operator's page said were done.
    runs: Vec<String>,
    acknowledged: u64,
    refused: u64,
    /// Answers replayed from their idempotency key (a retry after an answer lost).
    replayed: u64,
    /// Answers 5xx, with their first bytes.
    server_errors: Vec<String>,
}

struct Shared {
    url: String,
    stop: AtomicBool,
    sent: AtomicU64,
    tally: Mutex<Tally>,
    /// Applications waiting for the organization's decision.
    to_decide: Mutex<VecDeque<String>>,
    /// Enrollments the organization may end.
    enrolled: Mutex<Vec<String>>,
}

impl Shared {
    fn ack(&self, kind: Kind, f: impl FnOnce(&mut Tally)) {
        let mut t = self.tally.lock().unwrap();
        t.acknowledged += 1;
        t.by_kind[kind as usize] += 1;
        f(&mut t);
    }

    /// Asks the organization to decide, once.
    fn to_decide(&self, id: &str) {
        let mut queue = self.to_decide.lock().unwrap();
        if !queue.iter().any(|q| q == id) {
            queue.push_back(id.to_string());
        }
    }

    fn acknowledged(&self) -> u64 {
        self.tally.lock().unwrap().acknowledged
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// What came back: an answer of success (2xx, or a page's redirect 303), a refusal (4xx), or
/// nothing the client can rely on (no answer, a cut one, or 5xx).
enum Answer {
    Done { body: String, location: String },
    Refused { status: u16, body: String },
    Lost,
}

async fn send(sh: &Shared, req: reqwest::RequestBuilder) -> Answer {
    sh.sent.fetch_add(1, Ordering::Relaxed);
    let Ok(res) = req.send().await else { return Answer::Lost };
    let status = res.status();
    let location = res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let replayed = res.headers().contains_key("idempotent-replayed");
    let Ok(body) = res.text().await else { return Answer::Lost };
    if status.is_server_error() {
        let mut t = sh.tally.lock().unwrap();
        t.server_errors.push(format!("{status} {}", body.chars().take(300).collect::<String>()));
        return Answer::Lost;
    }
    if status.is_success() || status.is_redirection() {
        if replayed {
            sh.tally.lock().unwrap().replayed += 1;
        }
        Answer::Done { body, location }
    } else {
        sh.tally.lock().unwrap().refused += 1;
        Answer::Refused { status: status.as_u16(), body }
    }
}

fn client(cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(40))
        .build()
        .unwrap()
}

/// Sends with `key` as its `Idempotency-Key` (if any), again and again while no answer comes:
/// a retry gets the first answer if the first attempt was done, and does it otherwise. Without
/// a key, once.
async fn send_as(sh: &Shared, req: reqwest::RequestBuilder, key: Option<String>) -> Answer {
    let Some(key) = key else { return send(sh, req).await };
    let req = req.header("Idempotency-Key", key);
    loop {
        let answer = send(sh, req.try_clone().unwrap()).await;
        if !matches!(answer, Answer::Lost) || sh.stopping() {
            return answer;
        }
        pause().await;
    }
}

/// A client's wait after an answer that did not come (the service down, say).
async fn pause() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}

// ---- a family: the API ----

#[derive(Default, Clone)]
struct ChildState {
    certificate: Option<String>,
    /// The live application (waitlisted, offered, pending or enrolled) and its status.
    live: Option<(String, String)>,
}

/// A parent claims for each child, applies to a random group, sometimes withdraws, and applies
/// again once the application is over. After an answer that did not come, a family `keyed`
/// sends the same request with the same idempotency key until one comes; another asks for its
/// applications to learn what happened.
async fn family(
    sh: Arc<Shared>,
    login: String,
    children: Vec<String>,
    groups: Vec<String>,
    keyed: bool,
    seed: u64,
) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sent = 0;
    let mut key = || {
        sent += 1;
        keyed.then(|| format!("{login}-{seed}-{sent}"))
    };
    let http = client(false);
    let token = loop {
        let body = json!({"login": login, "password": PASSWORD});
        if let Answer::Done { body, .. } =
            send(&sh, http.post(format!("{}/api/v1/auth/token", sh.url)).json(&body)).await
        {
            break serde_json::from_str::<Value>(&body).unwrap()["access_token"]
                .as_str()
                .unwrap()
                .to_string();
        }
        pause().await;
    };
    let mut kids: Vec<ChildState> = vec![ChildState::default(); children.len()];
    let mut unsure = false;
    while !sh.stopping() {
        if unsure {
            unsure = !refresh(&sh, &http, &token, &children, &mut kids).await;
            if unsure {
                pause().await;
            }
            continue;
        }
        let i = rng.random_range(0..children.len());
        let child = &children[i];
        let kid = &mut kids[i];
        let api = |path: &str| format!("{}/api/v1/{path}", sh.url);
        match (&kid.certificate, kid.live.clone()) {
            (None, _) => {
                let req = http.post(api("certificates")).bearer_auth(&token);
                match send_as(&sh, req.json(&json!({"child_id": child, "consent": true})), key()).await {
                    Answer::Done { body, .. } => {
                        let number = json_field(&body, "number");
                        kid.certificate = Some(number.clone());
                        sh.ack(Kind::Claim, |t| {
                            let before = t.certificates.insert(child.clone(), number.clone());
                            assert!(
                                before.as_ref().is_none_or(|b| *b == number),
                                "a child's certificate changed: {before:?} → {number}"
                            );
                        });
                    }
                    Answer::Refused { status, body } => panic!("claim refused: {status} {body}"),
                    Answer::Lost => pause().await,
                }
            }
            (Some(_), None) => {
                let group = &groups[rng.random_range(0..groups.len())];
                let body = json!({"child_id": child, "group_id": group, "accept_contract": true});
                let req = http.post(api("applications")).bearer_auth(&token).json(&body);
                match send_as(&sh, req, key()).await {
                    Answer::Done { body, .. } => {
                        let (id, status) = (json_field(&body, "id"), json_field(&body, "status"));
                        sh.ack(Kind::Application, |t| {
                            t.applications.insert(id.clone(), (child.clone(), group.clone()));
                        });
                        if status == "pending" {
                            sh.to_decide(&id);
                        }
                        kid.live = Some((id, status));
                    }
                    // Applied already (an answer lost before): never with a key, whose retry
                    // gets the first answer.
                    Answer::Refused { status: 409, body } if keyed => {
                        panic!("a retry with its key was not given the first answer: {body}")
                    }
                    // Or the money ran out.
                    Answer::Refused { status: 409 | 422, .. } => unsure = true,
                    Answer::Refused { status, body } => panic!("application refused: {status} {body}"),
                    Answer::Lost => unsure = true,
                }
            }
            (Some(_), Some((id, status))) if status != "enrolled" && rng.random_bool(0.3) => {
                let req = http.post(api(&format!("applications/{id}/withdraw"))).bearer_auth(&token);
                match send_as(&sh, req, key()).await {
                    Answer::Done { .. } => {
                        sh.ack(Kind::Decision, |t| {
                            t.decided.insert(id.clone(), Decided::Withdrawn);
                        });
                        kid.live = None;
                    }
                    // Decided by the organization meanwhile.
                    Answer::Refused { status: 409, .. } => unsure = true,
                    Answer::Refused { status, body } => panic!("withdrawal refused: {status} {body}"),
                    Answer::Lost => unsure = true,
                }
            }
            // Waiting for the organization, or enrolled: see what it did.
            (Some(_), Some(_)) => {
                if rng.random_bool(0.2) {
                    unsure = true;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..10))).await;
    }
}

/// The family's applications as the service tells them: each child's live one. Pending ones go
/// (again) to the organization. False when there was no answer.
async fn refresh(
    sh: &Shared,
    http: &reqwest::Client,
    token: &str,
    children: &[String],
    kids: &mut [ChildState],
) -> bool {
    let Answer::Done { body, .. } =
        send(sh, http.get(format!("{}/api/v1/applications", sh.url)).bearer_auth(token)).await
    else {
        return false;
    };
    let lines: Vec<Value> = serde_json::from_str(&body).unwrap();
    for (child, kid) in children.iter().zip(kids.iter_mut()) {
        kid.live = lines
            .iter()
            .find(|l| {
                l["child_id"] == child.as_str()
                    && matches!(l["status"].as_str(), Some("waitlisted" | "offered" | "pending" | "enrolled"))
            })
            .map(|l| (l["id"].as_str().unwrap().to_string(), l["status"].as_str().unwrap().to_string()));
        if let Some((id, status)) = &kid.live {
            if status == "pending" {
                sh.to_decide(id);
            }
        }
    }
    true
}

fn json_field(body: &str, field: &str) -> String {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"));
    v[field].as_str().unwrap_or_else(|| panic!("no {field} in {body}")).to_string()
}

// ---- the organization and the operator: their pages ----

/// A browser's session: logged in through the login form, with the form token of its pages.
struct Browser {
    http: reqwest::Client,
    csrf: String,
}

impl Browser {
    async fn login(sh: &Shared, login: &str, page: &str) -> Browser {
        let http = client(true);
        loop {
            if let Some(csrf) = Browser::csrf(sh, &http, "/login").await {
                let form =
                    [("csrf", csrf.as_str()), ("login", login), ("password", PASSWORD), ("next", page)];
                if let Answer::Done { .. } =
                    send(sh, http.post(format!("{}/login", sh.url)).form(&form)).await
                {
                    if let Some(csrf) = Browser::csrf(sh, &http, page).await {
                        return Browser { http, csrf };
                    }
                }
            }
            pause().await;
        }
    }

    /// The form token a page gives this browser.
    async fn csrf(sh: &Shared, http: &reqwest::Client, page: &str) -> Option<String> {
        let Answer::Done { body, .. } = send(sh, http.get(format!("{}{page}", sh.url))).await else {
            return None;
        };
        let token = body.split("name=\"csrf\" value=\"").nth(1)?.split('"').next()?;
        Some(token.to_string())
    }

    async fn post(&self, sh: &Shared, action: &str, fields: &[(&str, &str)]) -> Answer {
        let mut form = vec![("csrf", self.csrf.as_str())];
        form.extend_from_slice(fields);
        send(sh, self.http.post(format!("{}{action}", sh.url)).form(&form)).await
    }
}

/// The ДТДМ's staff: accepts most applications, rejects some, ends some enrollments.
async fn organization(sh: Arc<Shared>, month_end: String, seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let org = Browser::login(&sh, "dtdm", "/org/applications").await;
    while !sh.stopping() {
        let next = sh.to_decide.lock().unwrap().pop_front();
        if let Some(id) = next {
            let accept = rng.random_bool(0.85);
            let fields: &[(&str, &str)] = if accept {
                &[("decision", "accept")]
            } else {
                &[("decision", "reject"), ("reason", "Группа занимается в другое время")]
            };
            match org.post(&sh, &format!("/org/applications/{id}/decide"), fields).await {
                Answer::Done { location, .. } => {
                    assert!(location.starts_with("/org/applications?status="), "decided: {location}");
                    sh.ack(Kind::Decision, |t| {
                        t.decided
                            .insert(id.clone(), if accept { Decided::Enrolled } else { Decided::Rejected });
                    });
                    if accept {
                        sh.enrolled.lock().unwrap().push(id);
                    }
                }
                // Withdrawn meanwhile, or decided by an answer that was lost.
                Answer::Refused { status: 409, .. } => {}
                Answer::Refused { status, body } => panic!("decision refused: {status} {}", snippet(&body)),
                Answer::Lost => {
                    sh.to_decide.lock().unwrap().push_back(id);
                    pause().await;
                }
            }
        } else if rng.random_bool(0.3) {
            let picked = {
                let mut enrolled = sh.enrolled.lock().unwrap();
                (!enrolled.is_empty()).then(|| {
                    let i = rng.random_range(0..enrolled.len());
                    enrolled.swap_remove(i)
                })
            };
            if let Some(id) = picked {
                sh.tally.lock().unwrap().ends_tried.insert(id.clone());
                let fields = [("last_day", month_end.as_str()), ("reason", "Семья переезжает")];
                match org.post(&sh, &format!("/org/applications/{id}/end"), &fields).await {
                    Answer::Done { .. } => sh.ack(Kind::Decision, |t| {
                        t.decided.insert(id.clone(), Decided::Ended);
                    }),
                    Answer::Refused { status: 409, .. } => {}
                    Answer::Refused { status, body } => panic!("end refused: {status} {}", snippet(&body)),
                    Answer::Lost => {
                        sh.enrolled.lock().unwrap().push(id);
                        pause().await;
                    }
                }
            }
        } else {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The municipal operator runs the month's billing on its page now and then; between, the
/// billing command runs as a scheduled job would, taking over a run that a killed server left.
async fn billing(sh: Arc<Shared>, db: Database, work: PathBuf, month: String, seed: u64) {
    let pg = matches!(db, Database::Postgres(_));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let moc = Browser::login(&sh, "moc.tver", "/moc/billing").await;
    while !sh.stopping() {
        tokio::time::sleep(Duration::from_millis(rng.random_range(200..800))).await;
        if rng.random_bool(0.75) {
            match moc.post(&sh, "/moc/billing/run", &[("month", month.as_str())]).await {
                Answer::Done { location, .. } => {
                    if let Some(run) = location.strip_prefix("/moc/billing?done=run&run=") {
                        sh.ack(Kind::Billing, |t| t.runs.push(run.to_string()));
                    }
                }
                // Another run is going on (or one a killed server left, until it is stale).
                Answer::Refused { status: 409, .. } => {}
                Answer::Refused { status, body } => panic!("billing refused: {status} {}", snippet(&body)),
                Answer::Lost => pause().await,
            }
        } else {
            sh.sent.fetch_add(1, Ordering::Relaxed);
            let mut cmd = tokio::process::Command::from(dopcert(&db, &work));
            cmd.args(["billing", "run", "--period", &month, "--resume-after", "2"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            let out = cmd.output().await.unwrap();
            if out.status.success() {
                sh.ack(Kind::Billing, |_| {});
            } else {
                let said = String::from_utf8_lossy(&out.stderr);
                // Another run going on, or the database restarting (PostgreSQL): said, and
                // nothing charged twice.
                let gone = pg && dopcert_store::is_unavailable(&said);
                assert!(
                    said.contains("сейчас идёт начисление") || gone,
                    "the billing command failed: {said}"
                );
                sh.tally.lock().unwrap().refused += 1;
            }
        }
    }
}

fn snippet(body: &str) -> String {
    // The page's error message, if any, else its start.
    let found = body.split("class=\"error").nth(1).unwrap_or(body);
    found.chars().take(400).collect()
}

// ---- the faults ----

/// HAProxy in front of the app servers: round robin, a server taken out when `/readyz` fails
/// twice (checked every 200 ms), a request retried on another server only when it could not be
/// sent (`retry-on conn-failure`: a request a server received is never sent twice).
struct Balancer {
    child: Child,
    port: u16,
}

impl Balancer {
    /// None, with a notice, when HAProxy is not installed (a failure under CI).
    fn start(ports: &[u16], dir: &Path) -> Option<Balancer> {
        let Some(bin) = ["haproxy", "/usr/sbin/haproxy"]
            .into_iter()
            .find(|b| std::process::Command::new(b).arg("-v").output().is_ok_and(|o| o.status.success()))
        else {
            assert!(std::env::var_os("CI").is_none(), "HAProxy is needed (Debian: haproxy)");
            eprintln!("no haproxy: the test of three servers is skipped");
            return None;
        };
        let port = free_port();
        let servers: String = ports
            .iter()
            .enumerate()
            .map(|(i, p)| format!("    server app{i} 127.0.0.1:{p} check inter 200 fall 2 rise 1\n"))
            .collect();
        let config = format!(
            "global\n    maxconn 2000\n\
             defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n\
             \x20   retries 3\n    retry-on conn-failure\n    option redispatch\n\
             frontend dopcert\n    bind 127.0.0.1:{port}\n    default_backend app\n\
             backend app\n    balance roundrobin\n    option httpchk GET /readyz\n{servers}"
        );
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, config).unwrap();
        let child = std::process::Command::new(bin)
            .arg("-db")
            .arg("-f")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(dir.join("haproxy.log")).unwrap()))
            .spawn()
            .unwrap();
        Some(Balancer { child, port })
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Service {
    db: Database,
    work: PathBuf,
    log: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl Service {
    async fn start(&mut self) {
        let started = Instant::now();
        loop {
            if let Some(child) = common::serve(&self.db, &self.work, self.port, Some(&self.log)).await {
                self.child = Some(child);
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve did not start; its log:\n{}",
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    fn kill(&mut self) {
        let mut child = self.child.take().expect("the service runs");
        child.kill().unwrap();
        child.wait().unwrap();
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn kills() -> usize {
    std::env::var("DOPCERT_FAULT_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(3)
}

fn seed() -> u64 {
    std::env::var("DOPCERT_FAULT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| rand::rng().random())
}

/// Waits until the service acknowledges something new: after a fault it must serve again.
async fn progress(sh: &Shared, services: &[Service], after: &str) {
    let (before, started) = (sh.acknowledged(), Instant::now());
    while sh.acknowledged() < before + 5 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no request acknowledged for a minute {after}; the servers' logs:\n{}",
            services.iter().map(Service::log_tail).collect::<Vec<_>>().join("\n---\n")
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn mixed_load_with_faults(target: Target) {
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let faults = target.faults(kills(), &mut rng);
    let planned = |f: Fault| faults.iter().filter(|g| **g == f).count();
    let kills = planned(Fault::KillServer);
    eprintln!(
        "faults on {}: seed {seed} (DOPCERT_FAULT_SEED), {kills} kills, {} database restarts, {} failovers",
        target.name,
        planned(Fault::RestartDatabase),
        planned(Fault::Failover),
    );
    let world = world(&target.db.store).await;
    let work = tempfile::tempdir().unwrap();
    let mut services: Vec<Service> = (0..target.servers)
        .map(|i| Service {
            db: Database::of(&target.db),
            work: work.path().to_path_buf(),
            log: work.path().join(format!("serve{i}.log")),
            port: free_port(),
            child: None,
        })
        .collect();
    for service in &mut services {
        service.start().await;
    }
    let ports: Vec<u16> = services.iter().map(|s| s.port).collect();
    let balancer = if target.servers > 1 {
        let Some(b) = Balancer::start(&ports, work.path()) else { return };
        Some(b)
    } else {
        None
    };
    let port = balancer.as_ref().map_or(ports[0], |b| b.port);
    let sh = Arc::new(Shared {
        url: format!("http://127.0.0.1:{port}"),
        stop: AtomicBool::new(false),
        sent: AtomicU64::new(0),
        tally: Mutex::new(Tally::default()),
        to_decide: Mutex::new(VecDeque::new()),
        enrolled: Mutex::new(Vec::new()),
    });
    let mut clients = Vec::new();
    for (f, (login, children)) in world.families.iter().enumerate() {
        let (sh, login, children, groups) =
            (sh.clone(), login.clone(), children.clone(), world.groups.clone());
        let keyed = f % 2 == 0;
        clients.push(tokio::spawn(family(sh, login, children, groups, keyed, rng.random())));
    }
    clients.push(tokio::spawn(organization(sh.clone(), world.month_end.clone(), rng.random())));
    let (db, dir, month) = (Database::of(&target.db), work.path().to_path_buf(), world.month.clone());
    clients.push(tokio::spawn(billing(sh.clone(), db, dir, month, rng.random())));

    let started = Instant::now();
    progress(&sh, &services, "after the start").await;
    let (mut killed, mut restarted, mut failed_over) = (0, 0, 0);
    for fault in faults {
        tokio::time::sleep(Duration::from_millis(rng.random_range(300..3_000))).await;
        match fault {
            Fault::KillServer => {
                let victim = rng.random_range(0..services.len());
                services[victim].kill();
                killed += 1;
                if services.len() > 1 {
                    // The others carry the load while it is down.
                    progress(&sh, &services, &format!("with server {victim} killed ({killed})")).await;
                }
                services[victim].start().await;
                progress(&sh, &services, &format!("after kill {killed}")).await;
            }
            Fault::RestartDatabase => {
                target.pg.as_ref().unwrap().restart_immediately();
                restarted += 1;
                progress(&sh, &services, &format!("after database restart {restarted}")).await;
            }
            Fault::Failover => {
                let cluster = target.cluster.as_ref().unwrap();
                let before = sh.acknowledged();
                tokio::task::block_in_place(|| cluster.kill_the_primary());
                failed_over += 1;
                progress(&sh, &services, "after the failover").await;
                eprintln!("faults: {} acknowledged before the failover, more since", before);
            }
        }
    }
    // Billing runs between the faults too: one more after the last (the command takes over a
    // run that a killed server left within seconds).
    let billed = sh.tally.lock().unwrap().by_kind[Kind::Billing as usize];
    let waiting = Instant::now();
    while sh.tally.lock().unwrap().by_kind[Kind::Billing as usize] == billed {
        assert!(
            waiting.elapsed() < Duration::from_secs(60),
            "no billing run done for a minute after the faults"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // And every child claimed: after a late failover the load may have had only seconds left.
    let waiting = Instant::now();
    while sh.tally.lock().unwrap().certificates.len() < FAMILIES * CHILDREN {
        assert!(
            waiting.elapsed() < Duration::from_secs(60),
            "a child still without a certificate a minute after the faults"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sh.stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.unwrap();
    }
    let load = started.elapsed();
    drop(balancer);
    for service in &mut services {
        service.kill();
    }
    drop(services);

    let month = world.month.clone();
    settle_the_month(&Database::of(&target.db), work.path(), &month).await;
    let ok = dopcert(&Database::of(&target.db), work.path()).arg("verify").output().unwrap();
    assert!(ok.status.success(), "verify after the faults: {}", said(&ok));
    let tally = std::mem::take(&mut *sh.tally.lock().unwrap());
    nothing_acknowledged_is_lost(&target.db.store, &tally).await;
    nothing_twice(&target.db.store, &month).await;
    registry_is_whole(&target.db.store).await;

    let sent = sh.sent.load(Ordering::Relaxed);
    let [claims, applications, decisions, runs] = tally.by_kind;
    eprintln!(
        "faults on {}: seed {seed}; {load:.0?} of load; requests sent {sent}, acknowledged {} (claims {claims}, \
         applications {applications}, decisions {decisions}, billing runs {runs}), refused {}, replayed from \
         their idempotency key {}, answered 5xx {}; \
         the server killed {killed} times, the database restarted {restarted} times, failed over {failed_over} \
         times; all acknowledged found, verify passed, nothing twice",
        target.name,
        tally.acknowledged,
        tally.refused,
        tally.replayed,
        tally.server_errors.len(),
    );
    let logs: Vec<String> = (0..target.servers)
        .map(|i| std::fs::read_to_string(work.path().join(format!("serve{i}.log"))).unwrap_or_default())
        .collect();
    let answered: Vec<usize> =
        logs.iter().map(|l| l.matches("finished processing request").count()).collect();
    eprintln!("faults on {}: requests answered by each server {answered:?}", target.name);
    assert!(answered.iter().all(|n| *n > 0), "every server took a share of the load: {answered:?}");
    let log = logs.concat();
    if std::env::var_os("DOPCERT_FAULT_LOG").is_some() {
        eprintln!("{log}");
    }
    let on_sqlite = target.pg.is_none() && target.cluster.is_none();
    // A request may fail only because the database went away under it (PostgreSQL restarted):
    // never on SQLite, never for a reason of the service's own.
    let failed: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("request failed"))
        .filter(|l| on_sqlite || !dopcert_store::is_unavailable(l))
        .collect();
    assert!(failed.is_empty(), "requests failed on {}:\n{}", target.name, failed.join("\n"));
    if on_sqlite {
        assert!(tally.server_errors.is_empty(), "answers 5xx on SQLite: {:?}", tally.server_errors);
    }
    // The database away for a moment is 503 «try again» (or the balancer's 502/503 for a killed
    // server), never 500.
    let internal: Vec<&String> = tally.server_errors.iter().filter(|e| e.starts_with("500")).collect();
    assert!(internal.is_empty(), "answers 500 on {}: {internal:?}", target.name);
    assert_eq!(killed, kills);
    assert!(
        tally.certificates.len() == FAMILIES * CHILDREN,
        "every child got a certificate under the faults"
    );
    assert!(tally.decided.values().any(|d| *d == Decided::Enrolled), "some enrollments were acknowledged");
}

fn said(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The month's billing finished as an operator would after the faults: the command takes over
/// a run a killed server left, and runs again until nothing is left to charge (a run does not
/// see contracts accepted behind its cursor; the next one does).
async fn settle_the_month(db: &Database, work: &Path, month: &str) {
    for _ in 0..3 {
        let out = dopcert(db, work)
            .args(["billing", "run", "--period", month, "--resume-after", "0"])
            .output()
            .unwrap();
        assert!(out.status.success(), "billing after the faults: {}", said(&out));
        if said(&out).contains("договоров 0,") {
            return;
        }
    }
    panic!("billing the month still charged something on the third run");
}

async fn one_row(store: &Store, sql: &str, id: &str) -> Option<(String, String, String)> {
    let mut conn = store.reader().await.unwrap();
    sqlx::query_as(sql).bind(id).fetch_optional(&mut *conn).await.unwrap()
}

/// Every certificate, application and decision acknowledged is in the database as answered.
async fn nothing_acknowledged_is_lost(store: &Store, t: &Tally) {
    for (child, number) in &t.certificates {
        let found =
            one_row(store, "SELECT number, child_id, status FROM certificate WHERE child_id = $1", child)
                .await;
        // Answered with dashes for people (69-5673-6834-69), stored as digits.
        assert_eq!(
            found.map(|f| f.0),
            Some(number.replace('-', "")),
            "the acknowledged certificate of {child}"
        );
    }
    for (id, (child, group)) in &t.applications {
        let found =
            one_row(store, "SELECT child_id, group_id, status FROM application WHERE id = $1", id).await;
        let Some((c, g, status)) = found else { panic!("the acknowledged application {id} is lost") };
        assert_eq!((&c, &g), (child, group), "application {id}");
        let expected: &[&str] = match t.decided.get(id) {
            None => &["waitlisted", "offered", "pending", "enrolled", "rejected", "withdrawn", "ended"],
            Some(Decided::Withdrawn) => &["withdrawn"],
            Some(Decided::Rejected) => &["rejected"],
            Some(Decided::Ended) => &["ended"],
            Some(Decided::Enrolled) if t.ends_tried.contains(id) => &["enrolled", "ended"],
            Some(Decided::Enrolled) => &["enrolled"],
        };
        assert!(
            expected.contains(&status.as_str()),
            "application {id}: {status}, acknowledged {:?}",
            t.decided.get(id)
        );
    }
    for run in &t.runs {
        let found = one_row(store, "SELECT id, month, status FROM billing_run WHERE id = $1", run).await;
        assert_eq!(found.map(|f| f.2), Some("done".to_string()), "the acknowledged billing run {run}");
    }
}

/// No certificate, enrollment or ledger entry is there twice; every contract of the month is
/// charged exactly once.
async fn nothing_twice(store: &Store, month: &str) {
    let twice = [
        ("certificates of one child", "SELECT child_id FROM certificate GROUP BY child_id HAVING COUNT(*) > 1"),
        (
            "live applications of one child in one group",
            "SELECT child_id FROM application WHERE status IN ('waitlisted', 'offered', 'pending', 'enrolled')
             GROUP BY child_id, group_id HAVING COUNT(*) > 1",
        ),
        (
            "enrollments of one child in one group at once",
            "SELECT child_id FROM application WHERE status = 'enrolled' GROUP BY child_id, group_id HAVING COUNT(*) > 1",
        ),
        ("ledger entries with one key", "SELECT idempotency_key FROM ledger_entry GROUP BY idempotency_key HAVING COUNT(*) > 1"),
        (
            "nominals of one certificate in one period",
            "SELECT certificate_id FROM ledger_entry WHERE reason = 'nominal' AND idempotency_key NOT LIKE '%:disability'
             GROUP BY certificate_id, period_id HAVING COUNT(*) > 1",
        ),
        (
            "holds of one application",
            "SELECT idempotency_key FROM ledger_entry WHERE reason = 'hold' GROUP BY idempotency_key HAVING COUNT(*) > 1",
        ),
        ("charges of one contract in one month", "SELECT application_id FROM billing_charge GROUP BY application_id, month HAVING COUNT(*) > 1"),
        (
            "charges sharing a ledger entry",
            "SELECT entry_id FROM billing_charge WHERE entry_id IS NOT NULL GROUP BY entry_id HAVING COUNT(*) > 1",
        ),
        ("billing runs running", "SELECT id FROM billing_run WHERE status = 'running'"),
        ("invoices of one provider in one run", "SELECT run_id FROM invoice GROUP BY run_id, organization_id HAVING COUNT(*) > 1"),
        (
            "runs done whose invoices are not their charges",
            "SELECT r.id FROM billing_run r WHERE r.status = 'done'
               AND COALESCE((SELECT CAST(SUM(i.total) AS BIGINT) FROM invoice i WHERE i.run_id = r.id), 0)
                <> COALESCE((SELECT CAST(SUM(c.amount) AS BIGINT) FROM billing_charge c WHERE c.run_id = r.id), 0)",
        ),
    ];
    for (what, sql) in twice {
        let n = scalar(store, &format!("SELECT COUNT(*) FROM ({sql}) AS twice")).await;
        assert_eq!(n, 0, "{what}: {n}");
    }
    let charges = scalar(store, "SELECT COUNT(*) FROM billing_charge WHERE entry_id IS NOT NULL").await;
    let entries = scalar(store, "SELECT COUNT(*) FROM ledger_entry WHERE reason = 'charge'").await;
    assert_eq!(entries, charges, "a ledger entry for every charge, and none without one");
    let (first, last) = month_days(month);
    let uncharged = scalar(
        store,
        &format!(
            "SELECT COUNT(*) FROM application a WHERE a.status IN ('enrolled', 'ended')
               AND a.starts_on <= '{last}' AND a.ends_on >= '{first}'
               AND NOT EXISTS (SELECT 1 FROM billing_charge c WHERE c.application_id = a.id AND c.month = '{month}')"
        ),
    )
    .await;
    assert_eq!(uncharged, 0, "every contract of {month} charged");
}

fn month_days(month: &str) -> (String, String) {
    let first: jiff::civil::Date = format!("{month}-01").parse().unwrap();
    (first.to_string(), first.last_of_month().to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mixed_load_killed_at_random_moments_loses_nothing_acknowledged_on_sqlite() {
    mixed_load_with_faults(Target::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mixed_load_killed_at_random_moments_and_the_database_restarted_loses_nothing_on_postgresql() {
    let Some(target) = Target::postgres().await else { return };
    mixed_load_with_faults(target).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_primary_killed_under_load_patroni_promotes_the_synchronous_standby_and_nothing_acknowledged_is_lost(
) {
    let Some(target) = Target::patroni().await else { return };
    mixed_load_with_faults(target).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_servers_behind_haproxy_one_killed_at_a_time_lose_nothing_and_oversell_nothing() {
    let Some(target) = Target::three_servers().await else { return };
    mixed_load_with_faults(target).await;
}
