//! `dopcert bench dashboard` (issue 7): the back office's dashboard for a municipality of
//! `--children` children (the demo region scaled so that its capital, the city of Tver, has
//! them) with funded certificates, enrolled contracts and months billed: how long a refresh of
//! the figures takes (from nothing, and with nothing new), a look at them in the use case, and
//! the page over HTTP for the municipal operator and the regional centre. Timing is printed for
//! BENCHMARKS.md, never asserted.

use std::time::{Duration, Instant};

use anyhow::Context;
use dopcert_app::billing::{self, RunOptions};
use dopcert_app::dashboard::{self, share, Refreshed};
use dopcert_app::demo;
use dopcert_app::App;
use dopcert_store::dashboard as store;
use dopcert_store::time::parse_date;

use crate::bench::{cpu_model, engine, ensure_demo};
use crate::bench_money::{actor, span, write_enrollments};
use crate::config::Settings;

pub struct DashboardOptions {
    /// Children (persons of 3–19 in the demo) in the capital.
    pub children: u32,
    /// Enrolled contracts written when the database has none (one child, one certificate each).
    pub enrollments: u32,
    /// Looks at each dashboard, one after another.
    pub looks: usize,
    pub seed: Option<u64>,
}

/// Issue 8's target for a municipality of 200,000 children.
const TARGET_MS: f64 = 300.0;

const EXPORTS: [&str; 6] = ["coverage", "money", "directions", "organizations", "seats", "waitlists"];

pub async fn dashboard(app: &App, settings: &Settings, o: &DashboardOptions) -> anyhow::Result<()> {
    let region_children = demo::region_children_for_capital(o.children);
    let demo_children = ensure_demo(app, region_children, o.seed).await?;
    ensure_money(app, o).await?;

    // A refresh from nothing: every window of the ledger summed, then the figures read.
    {
        let mut tx = app.store.begin().await?;
        store::forget_windows(&mut tx).await?;
        tx.commit().await.context("forgetting the ledger's windows")?;
    }
    app.dashboard.clear();
    let cold = dashboard::refresh(app).await.context("a refresh from nothing")?;
    report_refresh("refresh from nothing", &cold);
    let warm = dashboard::refresh(app).await.context("a refresh with nothing new")?;
    report_refresh("refresh, nothing new", &warm);

    let operator = actor(app, "moc.tver").await?;
    let regional = actor(app, "rmc").await?;
    let d = dashboard::view(app, &operator).await?;
    let now = d.months.last().context("twelve months")?;
    println!(
        "{}: {} children of 5–17, {} with a certificate ({:.1} %), {} enrolled this month ({:.1} %); {} held, \
         {} organizations with contracts; region: {} children in the demo",
        d.title,
        now.children,
        now.certified,
        share(now.certified, now.children).unwrap_or(0.0),
        now.enrolled,
        share(now.enrolled, now.children).unwrap_or(0.0),
        d.reserved,
        d.organizations.len(),
        demo_children
    );
    let view_m = time(o.looks, || async { dashboard::view(app, &operator).await.map(|_| ()) }).await?;
    let view_r = time(o.looks, || async { dashboard::view(app, &regional).await.map(|_| ()) }).await?;
    println!("view (use case), municipality: {}", ms(&view_m));
    println!("view (use case), region: {}", ms(&view_r));

    let listener =
        tokio::net::TcpListener::bind("127.0.0.1:0").await.context("cannot listen on 127.0.0.1")?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dopcert_web::serve(listener, app.clone(), settings.web_config(), async {
        let _ = stopped.await;
    }));
    let m = signed_in(&base, "moc.tver").await?;
    let r = signed_in(&base, "rmc").await?;
    let page = |c: reqwest::Client, path: String| async move {
        let res = c.get(&path).send().await?;
        anyhow::ensure!(res.status() == reqwest::StatusCode::OK, "{path}: {}", res.status());
        res.bytes().await?;
        Ok(())
    };
    let url = format!("{base}/moc/dashboard");
    let page_m = time(o.looks, || page(m.clone(), url.clone())).await?;
    let page_r = time(o.looks, || page(r.clone(), url.clone())).await?;
    println!("page over HTTP, municipality: {}", ms(&page_m));
    println!("page over HTTP, region: {}", ms(&page_r));
    let mut exports = Vec::new();
    for slug in EXPORTS {
        let t = time(1, || page(m.clone(), format!("{base}/moc/dashboard/{slug}.xlsx"))).await?;
        exports.push(format!("{slug} {:.0} ms", t[0].as_secs_f64() * 1e3));
    }
    let t = time(1, || page(r.clone(), format!("{base}/moc/dashboard/municipalities.xlsx"))).await?;
    exports.push(format!("municipalities (region) {:.0} ms", t[0].as_secs_f64() * 1e3));
    println!("XLSX exports: {}", exports.join(", "));
    // The first look after a server starts: the figures are read in the request.
    app.dashboard.clear();
    let first = time(1, || page(m.clone(), url.clone())).await?[0];
    println!(
        "page over HTTP with no figures read yet (a server just started): {:.0} ms",
        first.as_secs_f64() * 1e3
    );
    let _ = stop.send(());
    server.await.context("the server task")?.context("the server")?;

    let p50 = |v: &[Duration]| pct(v, 0.5);
    let worst = page_m.last().copied().unwrap_or_default().max(page_r.last().copied().unwrap_or_default());
    let met = if worst.as_secs_f64() * 1e3 <= TARGET_MS { "met" } else { "NOT met" };
    println!();
    println!(
        "dashboard pages ≤ {TARGET_MS:.0} ms: {met} (slowest of {} looks: {:.1} ms)",
        2 * o.looks,
        ms1(worst)
    );
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("date: {}; machine: {cores} cores, {}", app.clock.today(), cpu_model());
    println!(
        "| date | engine | children of 5–17 (capital) | certificates / enrolled (capital) | ledger entries | refresh from nothing (ledger + figures) | refresh, nothing new | view p50 (municipality / region) | page p50 / p99 / max, municipality | page p50 / p99 / max, region | first page after start |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {} / {} | {} | {:.1} s ({:.1} + {:.1}) | {:.2} s | {:.3} / {:.3} ms | {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} / {:.1} ms | {:.1} s |",
        app.clock.today(),
        engine(app),
        now.children,
        now.certified,
        now.enrolled,
        cold.entries,
        (cold.ledger + cold.figures).as_secs_f64(),
        cold.ledger.as_secs_f64(),
        cold.figures.as_secs_f64(),
        (warm.ledger + warm.figures).as_secs_f64(),
        ms1(p50(&view_m)),
        ms1(p50(&view_r)),
        ms1(p50(&page_m)),
        ms1(pct(&page_m, 0.99)),
        ms1(page_m.last().copied().unwrap_or_default()),
        ms1(p50(&page_r)),
        ms1(pct(&page_r, 0.99)),
        ms1(page_r.last().copied().unwrap_or_default()),
        first.as_secs_f64()
    );
    Ok(())
}

/// Writes the contracts when the database has none, and bills their months up to the current
/// one (never their last, whose charge also settles them).
async fn ensure_money(app: &App, o: &DashboardOptions) -> anyhow::Result<()> {
    let (count, _, _) = span(app).await?;
    if count > 0 {
        println!("enrollments: the {count} enrolled contracts already in the database");
        return Ok(());
    }
    write_enrollments(app, o.enrollments, o.seed).await?;
    let (_, first, last) = span(app).await?;
    let (Some(first), Some(last)) = (first, last) else { return Ok(()) };
    let (first, last) = (parse_date(&first)?.first_of_month(), parse_date(&last)?.first_of_month());
    let until = app.clock.today().first_of_month().min(last.saturating_sub(jiff::Span::new().months(1)));
    let mut month = first;
    while month <= until {
        let started = Instant::now();
        let r = billing::run(app, None, month, RunOptions::default())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "billing {}: {} contracts charged, {} in all, in {:.1} s",
            r.month,
            r.charged,
            r.total,
            started.elapsed().as_secs_f64()
        );
        month = month.saturating_add(jiff::Span::new().months(1));
    }
    Ok(())
}

/// A browser signed in as a demo login.
pub(crate) async fn signed_in(base: &str, login: &str) -> anyhow::Result<reqwest::Client> {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("an HTTP client")?;
    let form = c.get(format!("{base}/login")).send().await?.text().await?;
    let csrf = form
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .context("the login form's token")?
        .to_string();
    let fields =
        [("csrf", csrf.as_str()), ("login", login), ("password", demo::DEMO_PASSWORD), ("next", "/moc")];
    let res = c.post(format!("{base}/login")).form(&fields).send().await?;
    anyhow::ensure!(
        res.status() == reqwest::StatusCode::SEE_OTHER,
        "{login} cannot log in: {}",
        res.status()
    );
    Ok(c)
}

/// Runs `one` `n` times one after another; the durations, sorted.
async fn time<F, Fut, E>(n: usize, one: F) -> anyhow::Result<Vec<Duration>>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), E>>,
    E: Into<anyhow::Error>,
{
    let mut out = Vec::with_capacity(n);
    for _ in 0..n.max(1) {
        let started = Instant::now();
        one().await.map_err(Into::into)?;
        out.push(started.elapsed());
    }
    out.sort_unstable();
    Ok(out)
}

/// Nearest-rank percentile of sorted durations.
fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms1(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ms(sorted: &[Duration]) -> String {
    format!(
        "{} looks, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        sorted.len(),
        ms1(pct(sorted, 0.5)),
        ms1(pct(sorted, 0.9)),
        ms1(pct(sorted, 0.99)),
        ms1(sorted.last().copied().unwrap_or_default())
    )
}

fn report_refresh(name: &str, r: &Refreshed) {
    println!(
        "{name}: ledger windows summed {} ({} entries) in {:.2} s, figures read in {:.2} s; {:.2} s in all",
        r.windows,
        r.entries,
        r.ledger.as_secs_f64(),
        r.figures.as_secs_f64(),
        (r.ledger + r.figures).as_secs_f64()
    );
}
