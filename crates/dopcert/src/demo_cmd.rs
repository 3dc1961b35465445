//! `dopcert demo`: (re)load the demo region, or print its logins.

use std::time::Instant;

use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{App, Clock};

use crate::cli::{DemoAction, DemoArgs};
use crate::config::{open_store, Settings};

pub async fn run(settings: &Settings, args: DemoArgs) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let app = App::new(store.clone(), Clock::system());
    let result = match args.action {
        Some(DemoAction::Accounts { json }) => print_accounts(&app, json).await,
        None => load(&app, &args).await,
    };
    store.close().await;
    result
}

async fn load(app: &App, args: &DemoArgs) -> anyhow::Result<()> {
    let defaults = DemoOptions::default();
    let options = DemoOptions {
        children: args.children.unwrap_or(defaults.children),
        seed: args.seed.unwrap_or(defaults.seed),
        programs: args.programs.unwrap_or(defaults.programs),
    };
    let started = Instant::now();
    let s = demo::load(app, &options).await?;
    println!(
        "Демо-регион загружен за {:.1} с: муниципалитетов {}, организаций {}, детей {}, взрослых {}, демо-входов {}, программ {}.",
        started.elapsed().as_secs_f64(),
        s.municipalities,
        s.organizations,
        s.children,
        s.adults,
        s.accounts,
        s.programs
    );
    println!("Логины и пароли: dopcert demo accounts");
    Ok(())
}

async fn print_accounts(app: &App, json: bool) -> anyhow::Result<()> {
    let accounts = demo::accounts(app).await?;
    match write_accounts(&accounts, json) {
        // `dopcert demo accounts | head`: the reader has had enough, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn write_accounts(accounts: &[demo::DemoAccount], json: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if json {
        let list: Vec<_> = accounts
            .iter()
            .map(|a| {
                serde_json::json!({
                    "role": a.role, "login": a.login, "password": a.password,
                    "full_name": a.full_name, "note": a.note,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(());
    }
    if accounts.is_empty() {
        writeln!(out, "В этой базе нет демо-данных. Загрузить: dopcert demo")?;
        return Ok(());
    }
    for a in accounts {
        writeln!(out, "{:<20} {:<16} {:<16} {}", a.role, a.login, a.password, a.full_name)?;
        writeln!(out, "{:<20} {}", "", a.note)?;
    }
    Ok(())
}
