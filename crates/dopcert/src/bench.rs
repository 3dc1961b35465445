//! `dopcert bench …`: measurements on this machine, printed for BENCHMARKS.md. Not tests:
//! timing never decides whether the suite passes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::Context;
use dopcert_app::auth::{self, LoginInput};
use dopcert_app::demo::names::{feminine, FEMALE, MALE, SURNAMES};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{certificate, import, App, Clock};
use dopcert_domain::certificate::Channel;
use dopcert_domain::consent::ConsentChannel;
use dopcert_domain::eligibility;
use dopcert_domain::ids::{AccountId, MunicipalityId, PersonId};
use dopcert_domain::role::Role;
use dopcert_domain::snils::Snils;
use dopcert_store::account::{self, RoleGrant};
use dopcert_store::certificate as certificates;
use dopcert_store::time::instant;
use dopcert_store::{api_token, demo as store_demo, period, setting, Backend};

use crate::cli::BenchCommand;
use crate::config::{open_store, Settings};

pub async fn run(settings: &Settings, cmd: BenchCommand) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let app = App::new(store.clone(), Clock::system());
    let result = match cmd {
        BenchCommand::Import { pupils } => bench_import(&app, pupils).await,
        BenchCommand::Claim { children, sessions, claims, rate, seed, target } => {
            let rate = rate.filter(|r| *r > 0.0);
            let options = ClaimOptions { children, sessions: sessions.max(1), claims, rate, seed, target };
            bench_claim(&app, settings, &options).await
        }
        BenchCommand::Search { programs, clients, requests, rate } => {
            let rate = rate.filter(|r| *r > 0.0);
            bench_search(&app, settings, programs, clients.max(1), requests, rate).await
        }
        BenchCommand::Rush { children, applicants, groups, seats, sessions, rate, seed } => {
            let rate = rate.filter(|r| *r > 0.0);
            let o = crate::bench_money::RushOptions {
                children,
                applicants,
                groups: groups.max(1),
                seats,
                sessions: sessions.max(1),
                rate,
                seed,
            };
            crate::bench_money::rush(&app, settings, &o).await
        }
        BenchCommand::Dashboard { children, enrollments, looks, seed } => {
            let o = crate::bench_dashboard::DashboardOptions { children, enrollments, looks, seed };
            crate::bench_dashboard::dashboard(&app, settings, &o).await
        }
        BenchCommand::Export { certificates, seed } => {
            let o = crate::bench_export::ExportOptions { certificates, seed };
            crate::bench_export::export(&app, settings, &o).await
        }
        BenchCommand::Billing { children, enrollments, month, batch, jobs, seed } => {
            let o = crate::bench_money::BillingOptions { children, enrollments, month, batch, jobs, seed };
            crate::bench_money::billing(&app, &o).await
        }
    };
    store.close().await;
    result
}

/// A pupils file of `n` rows whose names never repeat (mixed-radix over the name lists) and
/// whose SNILS come from a range the demo does not use.
fn pupils_csv(n: u32) -> String {
    let mut out = String::from("Класс;ФИО ученика;Дата рождения;СНИЛС;ФИО родителя;Телефон\n");
    for i in 0..n as usize {
        let surname = SURNAMES[i % SURNAMES.len()];
        let first = MALE[(i / SURNAMES.len()) % MALE.len()].0;
        let patronymic = MALE[(i / (SURNAMES.len() * MALE.len())) % MALE.len()].1;
        let grade = 1 + i % 11;
        let letter = ["А", "Б", "В", "Г"][(i / 11) % 4];
        let year = 2019 - grade as i32;
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let snils = Snils::from_base(700_000_000 + i as u32);
        let mother = FEMALE[i % FEMALE.len()];
        out.push_str(&format!(
            "{grade}{letter};{surname} {first} {patronymic};{day:02}.{month:02}.{year};{snils};{} {mother} {};+7 (9{:02}) {:03}-{:02}-{:02}\n",
            feminine(surname),
            MALE[(i / 3) % MALE.len()].2,
            i % 100,
            i % 1000,
            i % 97,
            i % 89,
        ));
    }
    out
}

async fn bench_import(app: &App, n: u32) -> anyhow::Result<()> {
    demo::load_if_empty(app, &DemoOptions::default()).await?;
    let input =
        LoginInput { login: "school", password: demo::DEMO_PASSWORD, address: "bench", user_agent: "bench" };
    let (token, _) = auth::api_token(app, &input).await.context("the demo school clerk's login")?;
    let clerk = auth::token_actor(app, &token).await?.context("the demo school clerk")?;
    let file = pupils_csv(n);
    println!("file: {} pupils, {:.1} MB", n, file.len() as f64 / 1e6);
    let started = Instant::now();
    let preview = import::preview(app, &clerk, "bench.csv", file.as_bytes()).await?;
    let previewed = started.elapsed();
    anyhow::ensure!(
        preview.with_problems == 0,
        "the generated file has {} rows with problems",
        preview.with_problems
    );
    let batch = preview.batch_id.context("a clean file can be confirmed")?;
    let started = Instant::now();
    let done = import::commit(app, &clerk, &batch).await?;
    let committed = started.elapsed();
    println!(
        "preview {:.1} s, commit {:.1} s, total {:.1} s; new children {}, updated {}, new parents {}",
        previewed.as_secs_f64(),
        committed.as_secs_f64(),
        (previewed + committed).as_secs_f64(),
        done.children_new,
        done.children_updated,
        done.parents_new
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// `bench claim`: certificate claims over HTTP beside the same writes as bare SQL.

pub struct ClaimOptions {
    pub children: u32,
    pub sessions: usize,
    pub claims: usize,
    /// Claims per second offered by all sessions together; `None`: each session claims again
    /// as soon as it has its answer (closed loop).
    pub rate: Option<f64>,
    pub seed: Option<u64>,
    /// Servers already running on this database to send the HTTP phase to.
    pub target: Option<String>,
}

/// A child to claim for (or to enroll), and the parent who acts (with the account and token the
/// setup gave).
#[derive(Clone)]
pub(crate) struct Claimant {
    pub(crate) child: PersonId,
    pub(crate) parent: PersonId,
    pub(crate) municipality: MunicipalityId,
    pub(crate) account: AccountId,
    pub(crate) token: String,
}

/// One request's outcome: its latency and the `status` it answered with (empty when it has
/// none), or what went wrong.
pub(crate) type Outcome = Result<(Duration, String), String>;

/// One phase's outcome: the latency of every successful request, sorted, the statuses they
/// answered with, and the failures.
pub(crate) struct Phase {
    pub(crate) elapsed: Duration,
    pub(crate) latencies: Vec<Duration>,
    pub(crate) statuses: BTreeMap<String, usize>,
    pub(crate) errors: usize,
    pub(crate) first_error: Option<String>,
}

impl Phase {
    fn from_outcomes(elapsed: Duration, outcomes: Vec<Outcome>) -> Phase {
        let mut latencies = Vec::with_capacity(outcomes.len());
        let mut statuses = BTreeMap::new();
        let (mut errors, mut first_error) = (0, None);
        for o in outcomes {
            match o {
                Ok((d, status)) => {
                    latencies.push(d);
                    if !status.is_empty() {
                        *statuses.entry(status).or_default() += 1;
                    }
                }
                Err(e) => {
                    errors += 1;
                    first_error.get_or_insert(e);
                }
            }
        }
        latencies.sort_unstable();
        Phase { elapsed, latencies, statuses, errors, first_error }
    }

    pub(crate) fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    /// Nearest-rank percentile, in milliseconds.
    pub(crate) fn ms(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((p * self.latencies.len() as f64).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[rank - 1].as_secs_f64() * 1e3
    }
}

async fn bench_claim(app: &App, settings: &Settings, o: &ClaimOptions) -> anyhow::Result<()> {
    let demo_children = ensure_demo(app, o.children, o.seed).await?;
    let started = Instant::now();
    let people = unclaimed(app, 2 * o.claims).await?;
    let claimants = give_accounts(app, &people).await?;
    raise_quotas(app, &claimants).await?;
    let (over_http, bare) = claimants.split_at(o.claims);
    let posts: Vec<Post> = over_http
        .iter()
        .map(|c| Post {
            token: c.token.clone(),
            body: serde_json::json!({ "child_id": c.child.as_str(), "consent": true }),
        })
        .collect();
    println!(
        "setup: {} children to claim for, {} parents given an account and a token, quotas raised, {:.1} s",
        claimants.len(),
        claimants.iter().map(|c| c.parent.as_str()).collect::<HashSet<_>>().len(),
        started.elapsed().as_secs_f64()
    );
    let target = Target { url: o.target.as_deref(), sessions: o.sessions, rate: o.rate };
    let http = http_phase(app, settings, "/api/v1/certificates", &posts, target).await?;
    report_phase("HTTP", &http);
    let sql = bare_phase(app, bare.to_vec(), o.sessions, o.rate, |app, c| async move {
        bare_claim(&app, &c).await.map(|()| "active".to_string())
    })
    .await?;
    report_phase("bare SQL", &sql);
    print_summary(app, demo_children, o, &http, &sql);
    Ok(())
}

/// Loads the demo region when the database is empty or its demo is smaller than asked; returns
/// the demo's children. Refuses a database that is not the demo: the benches write into it.
pub(crate) async fn ensure_demo(app: &App, children: u32, seed: Option<u64>) -> anyhow::Result<u32> {
    let (empty, loaded) = {
        let mut conn = app.store.reader().await?;
        (store_demo::is_empty(&mut conn).await?, setting::get(&mut conn, "demo.children").await?)
    };
    let loaded = loaded.and_then(|n| n.parse::<u32>().ok());
    match loaded {
        Some(n) if n >= children => return Ok(n),
        None if !empty => anyhow::bail!(
            "this database holds data that is not the demo region; the benches write accounts, \
             certificates and more, so run them on an empty data folder or database"
        ),
        _ => {}
    }
    let options = DemoOptions { children, seed: seed.unwrap_or(DemoOptions::default().seed), programs: 0 };
    let started = Instant::now();
    let s = demo::load(app, &options).await.context("loading the demo region")?;
    println!(
        "demo region: {} children, {} adults, loaded in {:.1} s",
        s.children,
        s.adults,
        started.elapsed().as_secs_f64()
    );
    Ok(children)
}

/// Eligible children without a certificate, each with a parent who has no account yet. The
/// birth-date range stays two days inside R03's so that no child is at an edge today.
pub(crate) async fn unclaimed(app: &App, n: usize) -> anyhow::Result<Vec<certificates::Unclaimed>> {
    let today = app.clock.today();
    let years = |y: i16| jiff::Span::new().years(i64::from(y));
    let born_by = today.saturating_sub(years(eligibility::MIN_AGE)).saturating_sub(jiff::Span::new().days(2));
    let born_after =
        today.saturating_sub(years(eligibility::MAX_AGE_EXCLUSIVE)).saturating_add(jiff::Span::new().days(2));
    let mut conn = app.store.reader().await?;
    let found = certificates::unclaimed_with_parent(&mut conn, born_after, born_by, n as i64).await?;
    anyhow::ensure!(
        found.len() == n,
        "only {} children are left without a certificate and the bench needs {n} (two phases): ask for \
         fewer, load a larger demo (--children) or use a fresh data folder",
        found.len()
    );
    Ok(found)
}

/// Gives each parent an account with the parent role and a bearer token, as `auth::api_token`
/// does but without a password: argon2 for tens of thousands of parents would take minutes and
/// is not what a claim costs.
pub(crate) async fn give_accounts(
    app: &App,
    people: &[certificates::Unclaimed],
) -> anyhow::Result<Vec<Claimant>> {
    let now = app.clock.now();
    let (created, expires) = (instant(now), instant(now + auth::API_TOKEN_TTL));
    let mut given: HashMap<PersonId, (AccountId, String)> = HashMap::new();
    let mut out = Vec::with_capacity(people.len());
    let mut tx = app.store.begin().await?;
    for p in people {
        if !given.contains_key(&p.parent_id) {
            let login = format!("bench-{}", p.parent_id);
            let account = account::insert(&mut tx, &p.parent_id, &login, None, &created).await?;
            account::grant(&mut tx, &account, &RoleGrant::personal(Role::Parent), &created).await?;
            let token = auth::random_token();
            let new = api_token::NewToken {
                token_hash: &auth::token_hash(&token),
                account_id: &account,
                kind: "login",
                name: "bench claim",
                now: &created,
                expires_at: Some(&expires),
                organization_id: None,
            };
            api_token::insert(&mut tx, &new).await?;
            given.insert(p.parent_id.clone(), (account, token));
        }
        let (account, token) = &given[&p.parent_id];
        out.push(Claimant {
            child: p.child_id.clone(),
            parent: p.parent_id.clone(),
            municipality: p.municipality_id.clone(),
            account: account.clone(),
            token: token.clone(),
        });
    }
    tx.commit().await.context("committing the bench accounts")?;
    Ok(out)
}

/// Raises each current period's funded quota so that every claim of both phases is funded:
/// otherwise the first phase would take the places and the second would write less.
async fn raise_quotas(app: &App, claimants: &[Claimant]) -> anyhow::Result<()> {
    let today = app.clock.today();
    let mut per_municipality: HashMap<&MunicipalityId, i64> = HashMap::new();
    for c in claimants {
        *per_municipality.entry(&c.municipality).or_default() += 1;
    }
    let mut tx = app.store.begin().await?;
    for (m, n) in per_municipality {
        if let Some(p) = period::current(&mut tx, m, today).await? {
            period::set_quota(&mut tx, &p.id, p.funded_quota.max(p.funded_count + n)).await?;
        }
    }
    tx.commit().await.context("committing the raised quotas")?;
    Ok(())
}

/// Round robin: session `i` gets requests `i`, `i + sessions`, …
fn shares<T: Clone>(items: &[T], sessions: usize) -> Vec<Vec<T>> {
    let mut out = vec![Vec::new(); sessions.min(items.len()).max(1)];
    let n = out.len();
    for (i, c) in items.iter().enumerate() {
        out[i % n].push(c.clone());
    }
    out
}

/// When a session sends its k-th claim: at once (closed loop), or on a fixed timetable that
/// spreads `rate` claims per second over the sessions. Latency counts from the moment returned,
/// the timetable's when paced, so a server that falls behind is charged for the wait too.
#[derive(Clone, Copy)]
struct Schedule {
    start: tokio::time::Instant,
    rate: Option<f64>,
    session: usize,
    sessions: usize,
}

impl Schedule {
    async fn wait(&self, k: usize) -> Instant {
        let Some(rate) = self.rate else { return Instant::now() };
        let at = self.start + Duration::from_secs_f64((self.session + k * self.sessions) as f64 / rate);
        tokio::time::sleep_until(at).await;
        at.into_std()
    }
}

/// Waits for every session and flattens their outcomes.
async fn gather(tasks: Vec<tokio::task::JoinHandle<Vec<Outcome>>>) -> anyhow::Result<Vec<Outcome>> {
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.context("a bench session panicked")?);
    }
    Ok(all)
}

/// One request of an HTTP phase: whose token and what JSON it posts.
#[derive(Clone)]
pub(crate) struct Post {
    pub(crate) token: String,
    pub(crate) body: serde_json::Value,
}

/// Where an HTTP phase sends its requests, from how many clients, how fast.
pub(crate) struct Target<'a> {
    /// Servers already running (`--target`); `None`: the real router in this process.
    pub(crate) url: Option<&'a str>,
    pub(crate) sessions: usize,
    pub(crate) rate: Option<f64>,
}

/// The real router on a free local port (or the servers at `target.url`), `sessions` clients
/// each with its own connection, each posting its share of `posts` to `path`; every answer must
/// be 201.
pub(crate) async fn http_phase(
    app: &App,
    settings: &Settings,
    path: &str,
    posts: &[Post],
    target: Target<'_>,
) -> anyhow::Result<Phase> {
    let (sessions, rate) = (target.sessions, target.rate);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (url, server) = match target.url {
        Some(base) => (format!("{}{path}", base.trim_end_matches('/')), None),
        None => {
            let listener =
                tokio::net::TcpListener::bind("127.0.0.1:0").await.context("cannot listen on 127.0.0.1")?;
            let url = format!("http://{}{path}", listener.local_addr()?);
            let server =
                tokio::spawn(dopcert_web::serve(listener, app.clone(), settings.web_config(), async {
                    let _ = stopped.await;
                }));
            (url, Some(server))
        }
    };
    let shares = shares(posts, sessions);
    // Clients are made before the clock starts: each sets up its TLS configuration.
    let mut clients = Vec::with_capacity(shares.len());
    for _ in &shares {
        clients.push(reqwest::Client::builder().build().context("an HTTP client")?);
    }
    let (start, n) = (tokio::time::Instant::now(), shares.len());
    let mut tasks = Vec::new();
    for (session, (client, share)) in clients.into_iter().zip(shares).enumerate() {
        let schedule = Schedule { start, rate, session, sessions: n };
        tasks.push(tokio::spawn(http_session(client, url.clone(), schedule, share)));
    }
    let outcomes = gather(tasks).await?;
    let elapsed = start.elapsed();
    let _ = stop.send(());
    if let Some(server) = server {
        server.await.context("the server task")?.context("the server")?;
    }
    Ok(Phase::from_outcomes(elapsed, outcomes))
}

/// One family's browser or app: posts one after another, timing each until the answer is read.
async fn http_session(
    client: reqwest::Client,
    url: String,
    schedule: Schedule,
    share: Vec<Post>,
) -> Vec<Outcome> {
    let mut out = Vec::with_capacity(share.len());
    for (k, p) in share.into_iter().enumerate() {
        let started = schedule.wait(k).await;
        let outcome = match client.post(&url).bearer_auth(&p.token).json(&p.body).send().await {
            Ok(r) => {
                let status = r.status();
                match r.bytes().await {
                    Ok(b) if status == reqwest::StatusCode::CREATED => Ok((started.elapsed(), answered(&b))),
                    Ok(b) => Err(format!("{status}: {}", String::from_utf8_lossy(&b))),
                    Err(e) => Err(format!("{status}: {e}")),
                }
            }
            Err(e) => Err(e.to_string()),
        };
        out.push(outcome);
    }
    out
}

/// The `status` of a JSON answer, empty when it has none.
fn answered(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("status").and_then(|s| s.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// `sessions` tasks run `one` for their share of `items`, one after another (or on the
/// timetable of `rate`); `one` returns the status it ended in.
pub(crate) async fn bare_phase<T, F, Fut>(
    app: &App,
    items: Vec<T>,
    sessions: usize,
    rate: Option<f64>,
    one: F,
) -> anyhow::Result<Phase>
where
    T: Clone + Send + 'static,
    F: Fn(App, T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<String>> + Send,
{
    let shares = shares(&items, sessions);
    let (start, n) = (tokio::time::Instant::now(), shares.len());
    let mut tasks = Vec::new();
    for (session, share) in shares.into_iter().enumerate() {
        let (app, one) = (app.clone(), one.clone());
        let schedule = Schedule { start, rate, session, sessions: n };
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(share.len());
            for (k, item) in share.into_iter().enumerate() {
                let started = schedule.wait(k).await;
                out.push(
                    one(app.clone(), item)
                        .await
                        .map(|s| (started.elapsed(), s))
                        .map_err(|e| format!("{e:#}")),
                );
            }
            out
        }));
    }
    let outcomes = gather(tasks).await?;
    Ok(Phase::from_outcomes(start.elapsed(), outcomes))
}

/// One claim's writes: `certificate::issue` — the certificate, the consent, the log, the funded
/// place and the nominal, in one transaction; the same transaction as the claim use case, without
/// HTTP, tokens, authorization, the reads around it and JSON.
async fn bare_claim(app: &App, c: &Claimant) -> anyhow::Result<()> {
    let issue = certificate::Issue {
        child: &c.child,
        municipality: &c.municipality,
        channel: Channel::Cabinet,
        organization: None,
        account: &c.account,
        consent_given_by: &c.parent,
        consent_channel: ConsentChannel::Cabinet,
        scan: None,
    };
    match certificate::issue(app, &issue, app.clock.today()).await? {
        certificate::Issued::New(_) => Ok(()),
        certificate::Issued::Existing(_) => anyhow::bail!("the child has a certificate"),
    }
}

pub(crate) fn report_phase(name: &str, p: &Phase) {
    println!(
        "{name}: {} in {:.1} s = {:.0}/s; p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; errors {}",
        p.latencies.len(),
        p.elapsed.as_secs_f64(),
        p.rate(),
        p.ms(0.50),
        p.ms(0.90),
        p.ms(0.99),
        p.ms(1.0),
        p.errors
    );
    if !p.statuses.is_empty() {
        let each: Vec<String> = p.statuses.iter().map(|(s, n)| format!("{s} {n}")).collect();
        println!("  answered: {}", each.join(", "));
    }
    if let Some(e) = &p.first_error {
        println!("  first error: {e}");
    }
}

/// The engine's name, for the record.
pub(crate) fn engine(app: &App) -> &'static str {
    match app.store.backend() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    }
}

/// One table row for BENCHMARKS.md, with the machine and the date.
fn print_summary(app: &App, children: u32, o: &ClaimOptions, http: &Phase, sql: &Phase) {
    let engine = engine(app);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let sessions = match o.rate {
        Some(r) => format!("{} offering {r:.0}/s", o.sessions),
        None => o.sessions.to_string(),
    };
    println!();
    println!("date: {}; machine: {cores} cores, {}", app.clock.today(), cpu_model());
    println!(
        "| date | engine | children | sessions | HTTP claims/s | bare SQL claims/s | HTTP / bare | HTTP p50 / p90 / p99 / max | bare p50 / p99 | errors |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {engine} | {children} | {sessions} | {:.0} | {:.0} | {:.0} % | {:.1} / {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} ms | {} + {} |",
        app.clock.today(),
        http.rate(),
        sql.rate(),
        100.0 * http.rate() / sql.rate(),
        http.ms(0.50),
        http.ms(0.90),
        http.ms(0.99),
        http.ms(1.0),
        sql.ms(0.50),
        sql.ms(0.99),
        http.errors,
        sql.errors
    );
}

/// The CPU's name from /proc/cpuinfo (Linux), for the record.
pub(crate) fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

// ---------------------------------------------------------------------------------------------
// `bench search`: the catalog's page of results over HTTP.

/// Words people type, typos included («шахмоты», «робатотехника»), and nothing (browsing).
const SEARCH_WORDS: &[&str] = &[
    "",
    "",
    "",
    "робототехника",
    "роботы",
    "футбол",
    "рисование",
    "шахматы",
    "шахмоты",
    "английский язык",
    "танцы",
    "плавание",
    "программирование",
    "робототехника для начинающих",
    "робатотехника",
    "вокал",
    "театр",
    "экология",
    "туризм",
    "гимнастика",
    "керамика",
    "3d моделирование",
    "журналист",
    "подготовка к школе",
    "лёгкая атлетика",
    "гитара",
    "python",
    "астрономия",
    "самбо",
    "краеведение",
];

/// A realistic mix: most searches are a word or two, some browse; a third add the child's age,
/// some a municipality or a direction; a few sort by price or start, or page on. Popular
/// searches repeat (as the landing page and «футбол» do), rare combinations do not.
fn search_mix(n: usize, municipalities: &[String], seed: u64) -> Vec<String> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let directions = ["technical", "physical_sport", "artistic", "social", "natural_science", "tourism"];
    (0..n)
        .map(|_| {
            // Skewed towards the first words: i = ⌊len · u²⌋.
            let u: f64 = rng.random();
            let word = SEARCH_WORDS[((SEARCH_WORDS.len() as f64) * u * u) as usize];
            let mut q: Vec<(String, String)> = Vec::new();
            if !word.is_empty() {
                q.push(("q".into(), word.into()));
            }
            if rng.random_bool(0.35) {
                q.push(("age".into(), rng.random_range(5..=17).to_string()));
            }
            if rng.random_bool(0.25) && !municipalities.is_empty() {
                q.push((
                    "municipality".into(),
                    municipalities[rng.random_range(0..municipalities.len().min(8))].clone(),
                ));
            }
            if rng.random_bool(0.15) {
                q.push(("direction".into(), directions[rng.random_range(0..directions.len())].into()));
            }
            match rng.random_range(0..100) {
                0..=9 => q.push(("sort".into(), "price".into())),
                10..=14 => q.push(("sort".into(), "start".into())),
                _ => {}
            }
            if rng.random_bool(0.1) {
                q.push(("page".into(), rng.random_range(2..=4).to_string()));
            }
            let query = serde_urlencoded::to_string(&q).unwrap_or_default();
            if query.is_empty() {
                "/catalog".to_string()
            } else {
                format!("/catalog?{query}")
            }
        })
        .collect()
}

async fn ensure_programs(app: &App, programs: u32) -> anyhow::Result<()> {
    let (empty, loaded, demo_seed) = {
        let mut conn = app.store.reader().await?;
        (
            store_demo::is_empty(&mut conn).await?,
            setting::get(&mut conn, "demo.programs").await?,
            setting::get(&mut conn, "demo.seed").await?,
        )
    };
    if !empty && demo_seed.is_none() {
        anyhow::bail!("this database holds data that is not the demo region; run `bench search` on an empty data folder");
    }
    if loaded.and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n >= programs) {
        return Ok(());
    }
    let options = DemoOptions { programs, ..DemoOptions::default() };
    let started = Instant::now();
    let s = demo::load(app, &options).await.context("loading the demo region")?;
    println!("demo region: {} programs, loaded in {:.1} s", s.programs, started.elapsed().as_secs_f64());
    Ok(())
}

async fn bench_search(
    app: &App,
    settings: &Settings,
    programs: u32,
    clients: usize,
    requests: usize,
    rate: Option<f64>,
) -> anyhow::Result<()> {
    ensure_programs(app, programs).await?;
    let started = Instant::now();
    let listed = dopcert_app::catalog::rebuild(app).await?;
    let build = started.elapsed();
    println!("index: {listed} programs in the catalog, built in {:.1} s", build.as_secs_f64());
    let municipalities: Vec<String> =
        dopcert_app::cabinet::municipalities(app).await?.into_iter().map(|(id, _)| id.to_string()).collect();
    let mix = search_mix(requests, &municipalities, 2026);
    let distinct = mix.iter().collect::<HashSet<_>>().len();

    let listener =
        tokio::net::TcpListener::bind("127.0.0.1:0").await.context("cannot listen on 127.0.0.1")?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    // Every client comes from 127.0.0.1: the per-address limit on searches would answer 429.
    let config = dopcert_web::WebConfig { searches_per_minute: Some(0), ..settings.web_config() };
    let server = tokio::spawn(dopcert_web::serve(listener, app.clone(), config, async {
        let _ = stopped.await;
    }));
    let mut shares: Vec<Vec<String>> = vec![Vec::new(); clients];
    for (i, q) in mix.into_iter().enumerate() {
        shares[i % clients].push(q);
    }
    let mut made = Vec::with_capacity(clients);
    for _ in 0..clients {
        made.push(reqwest::Client::builder().build().context("an HTTP client")?);
    }
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::new();
    for (session, (client, share)) in made.into_iter().zip(shares).enumerate() {
        let schedule = Schedule { start, rate, session, sessions: clients };
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::with_capacity(share.len());
            for (k, path) in share.into_iter().enumerate() {
                let at = schedule.wait(k).await;
                let outcome = match client.get(format!("{base}{path}")).send().await {
                    Ok(r) if r.status() == reqwest::StatusCode::OK => match r.bytes().await {
                        Ok(_) => Ok((at.elapsed(), String::new())),
                        Err(e) => Err(e.to_string()),
                    },
                    Ok(r) => Err(format!("{}: {path}", r.status())),
                    Err(e) => Err(e.to_string()),
                };
                out.push(outcome);
            }
            out
        }));
    }
    let outcomes = gather(tasks).await?;
    let phase = Phase::from_outcomes(start.elapsed(), outcomes);
    let _ = stop.send(());
    server.await.context("the server task")?.context("the server")?;

    let engine = engine(app);
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = match rate {
        Some(r) => format!("{clients} clients offering {r:.0}/s"),
        None => format!("{clients} clients, closed loop"),
    };
    println!(
        "searches: {} in {:.1} s = {:.0}/s; p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; errors {}",
        phase.latencies.len(),
        phase.elapsed.as_secs_f64(),
        phase.rate(),
        phase.ms(0.50),
        phase.ms(0.90),
        phase.ms(0.99),
        phase.ms(1.0),
        phase.errors
    );
    if let Some(e) = &phase.first_error {
        println!("  first error: {e}");
    }
    println!();
    println!("date: {}; machine: {cores} cores, {}", app.clock.today(), cpu_model());
    println!("| date | engine | programs (listed) | load | distinct queries | searches/s | p50 / p90 / p99 / max | index build | errors |");
    println!("|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {engine} | {programs} ({listed}) | {load} | {distinct} of {requests} | {:.0} | {:.1} / {:.1} / {:.1} / {:.1} ms | {:.1} s | {} |",
        app.clock.today(),
        phase.rate(),
        phase.ms(0.50),
        phase.ms(0.90),
        phase.ms(0.99),
        phase.ms(1.0),
        build.as_secs_f64(),
        phase.errors
    );
    Ok(())
}
