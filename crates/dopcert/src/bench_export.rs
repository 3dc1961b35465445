//! `dopcert bench export` (issue 7): the registry of certificates of the whole region as XLSX,
//! downloaded over HTTP by the regional centre, at `--certificates` rows (1,000,000 by default):
//! the time to the first byte and to the last, the file's size and rows, and how much the
//! server's memory grew meanwhile. The export is streamed — rows go to a temporary file as they
//! are read in keyset pages, and that file is sent — so the growth stays flat whatever the rows.
//! Timing is printed for BENCHMARKS.md, never asserted.

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use dopcert_app::demo::enrollments;
use dopcert_app::demo::DemoOptions;
use dopcert_app::App;
use dopcert_domain::eligibility;
use dopcert_store::certificate as certificates;
use tokio::io::AsyncWriteExt;

use crate::bench::{cpu_model, engine, ensure_demo};
use crate::bench_dashboard::signed_in;
use crate::config::Settings;

pub struct ExportOptions {
    /// Certificates in the registry (issued first when the database has fewer).
    pub certificates: u32,
    pub seed: Option<u64>,
}

/// Certificates issued in one transaction while filling the registry.
const CHUNK: usize = 100_000;

pub async fn export(app: &App, settings: &Settings, o: &ExportOptions) -> anyhow::Result<()> {
    ensure_certificates(app, o).await?;
    let rows = {
        let mut conn = app.store.reader().await?;
        certificates::count(&mut conn).await?
    };
    let listener =
        tokio::net::TcpListener::bind("127.0.0.1:0").await.context("cannot listen on 127.0.0.1")?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dopcert_web::serve(listener, app.clone(), settings.web_config(), async {
        let _ = stopped.await;
    }));
    let client = signed_in(&base, "rmc").await?;
    let memory = Sampler::start();
    let file = tempfile_path()?;
    let started = Instant::now();
    let mut res = client.get(format!("{base}/moc/reports/certificates.xlsx")).send().await?;
    let mut waited = None;
    if res.status() == reqwest::StatusCode::ACCEPTED {
        // Too large to wait for: prepared on the server, then on the page of reports.
        let answered = started.elapsed();
        let link = ready_link(&client, &base).await?;
        waited = Some((answered, started.elapsed()));
        res = client.get(format!("{base}{link}")).send().await?;
    }
    anyhow::ensure!(res.status() == reqwest::StatusCode::OK, "the export: {}", res.status());
    let mut first_byte = None;
    let mut out = tokio::fs::File::create(&file).await.context("the downloaded file")?;
    let mut bytes = 0u64;
    while let Some(chunk) = res.chunk().await? {
        first_byte.get_or_insert_with(|| started.elapsed());
        bytes += chunk.len() as u64;
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    let took = started.elapsed();
    let (baseline, peak) = memory.stop();
    let _ = stop.send(());
    server.await.context("the server task")?.context("the server")?;
    let in_file = tokio::task::spawn_blocking({
        let file = file.clone();
        move || sheet_rows(&file)
    })
    .await??;
    let _ = std::fs::remove_file(&file);
    if let Some((answered, ready)) = waited {
        println!(
            "the download answered 202 «собирается» after {:.1} s; «Скачать» was on the page of reports after {:.1} s",
            answered.as_secs_f64(),
            ready.as_secs_f64()
        );
    }
    report(app, rows, in_file, bytes, first_byte.unwrap_or(took), took, baseline, peak);
    anyhow::ensure!(in_file == rows + 1, "the file has {in_file} rows for {rows} certificates and a header");
    Ok(())
}

/// The link to the prepared registry, once the page of reports shows it (polled every second).
async fn ready_link(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(30 * 60);
    while Instant::now() < deadline {
        let page = client.get(format!("{base}/moc/reports")).send().await?.text().await?;
        if let Some(rest) = page.split("href=\"/moc/reports/files/").nth(1) {
            let id = rest.split('"').next().unwrap_or_default();
            return Ok(format!("/moc/reports/files/{id}"));
        }
        anyhow::ensure!(!page.contains("не удалось собрать"), "the registry failed on the server");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    anyhow::bail!("the registry was not ready in 30 minutes")
}

/// Issues funded certificates until the registry holds `o.certificates`, loading a demo region
/// large enough first (about three in four of its children are of 5–17).
async fn ensure_certificates(app: &App, o: &ExportOptions) -> anyhow::Result<()> {
    let have = {
        let mut conn = app.store.reader().await?;
        certificates::count(&mut conn).await.unwrap_or(0)
    };
    let missing = (i64::from(o.certificates) - have).max(0) as usize;
    if missing == 0 {
        println!("registry: the {have} certificates already in the database");
        return Ok(());
    }
    ensure_demo(app, o.certificates.saturating_mul(4) / 3 + 10_000, o.seed).await?;
    let today = app.clock.today();
    let years = |y: i16| jiff::Span::new().years(i64::from(y));
    let born_by = today.saturating_sub(years(eligibility::MIN_AGE));
    let born_after =
        today.saturating_sub(years(eligibility::MAX_AGE_EXCLUSIVE)).saturating_add(jiff::Span::new().days(2));
    let started = Instant::now();
    let found = {
        let mut conn = app.store.reader().await?;
        certificates::unclaimed_with_parent(&mut conn, born_after, born_by, missing as i64).await?
    };
    anyhow::ensure!(found.len() == missing, "only {} children are left without a certificate", found.len());
    let seed = o.seed.unwrap_or(DemoOptions::default().seed);
    for chunk in found.chunks(CHUNK) {
        let children: Vec<_> =
            chunk.iter().map(|u| (u.child_id.clone(), u.municipality_id.clone())).collect();
        enrollments::certify(app, &children, seed).await.context("funded certificates")?;
    }
    println!("registry: {missing} certificates issued in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn tempfile_path() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir();
    Ok(dir.join(format!("dopcert-export-{}.xlsx", std::process::id())))
}

/// Rows of the first worksheet, read as a stream (`<row ` tags; a row's tag never splits
/// across reads thanks to the carried tail).
fn sheet_rows(file: &std::path::Path) -> anyhow::Result<i64> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file)?).context("the file is not an XLSX")?;
    let mut sheet = zip.by_name("xl/worksheets/sheet1.xml").context("no first worksheet")?;
    let (mut rows, mut carry, mut buf) = (0i64, Vec::new(), vec![0u8; 1 << 16]);
    loop {
        let n = sheet.read(&mut buf)?;
        if n == 0 {
            return Ok(rows);
        }
        carry.extend_from_slice(&buf[..n]);
        rows += carry.windows(5).filter(|w| w == b"<row ").count() as i64;
        let keep = carry.len().min(4);
        carry.drain(..carry.len() - keep);
    }
}

/// The process's resident memory, sampled every 10 ms while the export runs.
struct Sampler {
    done: Arc<AtomicBool>,
    peak: Arc<AtomicU64>,
    baseline: u64,
    thread: std::thread::JoinHandle<()>,
}

impl Sampler {
    fn start() -> Sampler {
        let (done, peak) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)));
        let baseline = resident_kb();
        let thread = std::thread::spawn({
            let (done, peak) = (done.clone(), peak.clone());
            move || {
                while !done.load(Ordering::Relaxed) {
                    peak.fetch_max(resident_kb(), Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        });
        Sampler { done, peak, baseline, thread }
    }

    /// (baseline, peak) in KiB.
    fn stop(self) -> (u64, u64) {
        self.done.store(true, Ordering::Relaxed);
        let _ = self.thread.join();
        (self.baseline, self.peak.load(Ordering::Relaxed).max(self.baseline))
    }
}

/// VmRSS of this process in KiB (0 where /proc is not there).
fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
fn report(
    app: &App,
    rows: i64,
    in_file: i64,
    bytes: u64,
    first: Duration,
    took: Duration,
    baseline: u64,
    peak: u64,
) {
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!(
        "registry of {rows} certificates: {in_file} rows in the file (with the header), {:.1} MB, first byte after \
         {:.1} s, all in {:.1} s; server's memory {:.0} MB before, {:.0} MB at most (+{:.0} MB)",
        bytes as f64 / 1e6,
        first.as_secs_f64(),
        took.as_secs_f64(),
        mb(baseline),
        mb(peak),
        mb(peak - baseline)
    );
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!();
    println!("date: {}; machine: {cores} cores, {}", app.clock.today(), cpu_model());
    println!("| date | engine | certificates | rows in the file | size | first byte | whole download | memory growth |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {rows} | {in_file} | {:.1} MB | {:.1} s | {:.1} s | +{:.0} MB |",
        app.clock.today(),
        engine(app),
        bytes as f64 / 1e6,
        first.as_secs_f64(),
        took.as_secs_f64(),
        mb(peak - baseline)
    );
}
