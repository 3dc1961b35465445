//! `dopcert bench …`: measurements on this machine, printed for BENCHMARKS.md. Not tests:
//! timing never decides whether the suite passes.

use std::time::Instant;

use anyhow::Context;
use dopcert_app::auth::{self, LoginInput};
use dopcert_app::demo::names::{feminine, FEMALE, MALE, SURNAMES};
use dopcert_app::demo::{self, DemoOptions};
use dopcert_app::{import, App, Clock};
use dopcert_domain::snils::Snils;

use crate::cli::BenchCommand;
use crate::config::{open_store, Settings};

pub async fn run(settings: &Settings, cmd: BenchCommand) -> anyhow::Result<()> {
    let store = open_store(settings).await?;
    let app = App::new(store.clone(), Clock::system());
    let result = match cmd {
        BenchCommand::Import { pupils } => bench_import(&app, pupils).await,
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
