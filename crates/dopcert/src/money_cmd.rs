//! `dopcert billing`, `dopcert verify`, `dopcert period`: the money's commands for operators and
//! scheduled jobs. Each calls one use case and prints what it did.

use anyhow::{bail, Context};
use dopcert_app::billing::{self, RunOptions};
use dopcert_app::{App, Clock};

use crate::cli::{BillingCommand, PeriodCommand};
use crate::config::{self, Settings};

pub async fn billing(settings: &Settings, cmd: BillingCommand) -> anyhow::Result<()> {
    let BillingCommand::Run { period, batch, jobs, resume_after } = cmd;
    let month = billing::parse_month(&period).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = config::open_store(settings).await?;
    let app = App::new(store.clone(), Clock::system());
    let started = std::time::Instant::now();
    let opts = RunOptions {
        batch: batch.clamp(1, 50_000),
        jobs: jobs.clamp(1, 16),
        stop_after: None,
        stale_after: jiff::SignedDuration::from_secs(resume_after.min(86_400) as i64),
    };
    let r = billing::run(&app, None, month, opts).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let how =
        if r.resumed { "продолжено после прерывания" } else { "выполнено" };
    println!(
        "Начисление за {} {how}: договоров {}, сумма {}, завершено договоров {}, счетов {}; {:.1} с.",
        billing::month_title(month),
        r.charged,
        r.total,
        r.settled,
        r.invoices,
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}

pub async fn verify(settings: &Settings) -> anyhow::Result<()> {
    let store = config::open_store(settings).await?;
    // Records appended since the last sealing (by commands, or a server that stopped) join the
    // chain first, so that the check covers them.
    let sealed = dopcert_app::audit::seal(&App::new(store.clone(), Clock::system())).await?;
    let mut conn = store.reader().await.context("cannot read the database")?;
    let counts = dopcert_store::verify::counts(&mut conn).await?;
    let found = dopcert_store::verify::violations(&mut conn, 10).await?;
    let (audit_seq, audit_hash) = dopcert_store::audit::head(&mut conn).await?;
    let outbox = dopcert_store::notification::outbox_counts(&mut conn).await?;
    drop(conn);
    store.close().await;
    println!(
        "Проверено: проводок {}, счетов {}, групп {}, заявок {}; журнал действий: записей {audit_seq} \
         (новых в цепочке {sealed}), хеш последней {audit_hash}.",
        counts.entries, counts.accounts, counts.groups, counts.applications
    );
    // E-mails are not a violation of the registry, but one given up is the operator's to see.
    for (status, n, oldest) in &outbox {
        let what = match status.as_str() {
            "queued" => "ждут отправки",
            "sending" => "отправляются",
            "failed" => "не отправлены (попытки кончились)",
            _ => continue,
        };
        println!("Письма-уведомления {what}: {n}, самое раннее записано {oldest}.");
    }
    match found.first() {
        None => {
            println!(
                "Нарушений нет: каждая запись сбалансирована, остатки равны проводкам, мест не больше, чем в группах, \
                 цепочка журнала действий цела."
            );
            Ok(())
        }
        Some(v) => {
            for v in &found {
                println!("{}: {}", v.code, v.detail);
            }
            bail!("нарушение {}: {}", v.code, v.detail)
        }
    }
}

pub async fn period(settings: &Settings, cmd: PeriodCommand) -> anyhow::Result<()> {
    let store = config::open_store(settings).await?;
    let app = App::new(store.clone(), Clock::system());
    let year = match cmd {
        PeriodCommand::Open { year } | PeriodCommand::Close { year } => year,
    };
    let periods = {
        let mut conn = store.reader().await?;
        dopcert_store::period::of_year(&mut conn, year).await?
    };
    if periods.is_empty() {
        bail!("периодов {year} года нет");
    }
    for p in &periods {
        let done = match cmd {
            PeriodCommand::Open { .. } => billing::open_period(&app, &p.id).await,
            PeriodCommand::Close { .. } => billing::close_period(&app, &p.id).await,
        };
        match done {
            Ok(n) => println!("{} ({}): сертификатов {n}", p.municipality_id, p.year),
            Err(e) => println!("{} ({}): {e}", p.municipality_id, p.year),
        }
    }
    store.close().await;
    Ok(())
}
